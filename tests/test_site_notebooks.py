"""Companion notebooks: prepared, executed, cached and shown like every other page."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from reglit.site import notebooks
from reglit.site.cache import DiskCache
from tests.conftest import ROOT

SOURCES = sorted((ROOT / "docs" / "notebooks").glob("*.py"))


def _no_directives(text: str) -> str:
    return text.replace("{{ formula: l2_grad }}", "$$\n\\nabla_W R(W) = 2W\n$$")


def test_prepare_numbers_cells_and_expands_markdown(tmp_path):
    source = tmp_path / "demo.py"
    source.write_text(
        "# %% [markdown]\n# # Demo\n#\n# {{ formula: l2_grad }}\n\n# %%\nimport reglit\nreglit.l2_grad(2.0)\n"
    )
    notebook = notebooks.prepare(source, _no_directives)
    assert [c.id for c in notebook.cells] == ["cell-0", "cell-1"]
    assert "$$\n\\nabla_W R(W) = 2W\n$$" in notebook.cells[0].source
    assert notebooks.used_objects(notebook)[0].__name__ == "l2_grad"


def test_a_failing_cell_stops_the_build_naming_the_notebook(tmp_path):
    source = tmp_path / "broken.py"
    source.write_text("# %%\nx = 1\n\n# %%\n1 / 0\n")
    with pytest.raises(
        notebooks.NotebookError, match=r"notebook broken: a cell failed(.|\n)*ZeroDivisionError"
    ):
        notebooks.build(source, DiskCache(tmp_path / "cache"), lambda text: text)


def test_page_html_keeps_math_local_and_adds_a_download_button():
    page = (
        '<script src=""> </script><script type="text/x-mathjax-config">MathJax.Hub.Config({})</script>'
        '<script type="module">const m = await import("https://cdn.example/mermaid.mjs");</script>'
        '<div class="jp-Cell jp-MarkdownCell"><p>See <a href="../chapters/l1-step.md#the-idea">it</a>: '
        "$\\eta$ and</p>\n$$\nR(W)\n$$</div>"
        '<div class="jp-Cell jp-CodeCell"><pre>cost = "$5"</pre></div>'
    )
    out = notebooks.page_html(page, "demo.ipynb", b'{"cells": []}')
    assert "<script" not in out
    assert 'href="../chapters/l1-step.html#the-idea"' in out
    assert '<span class="arithmatex">\\(\\eta\\)</span>' in out
    assert '<div class="arithmatex">\\[\nR(W)\n\\]</div>' in out
    assert '<pre>cost = "$5"</pre>' in out  # code cells are left alone
    assert out.startswith(
        '<p class="notebook-download"><a class="md-button" download="demo.ipynb" '
        'href="data:application/x-ipynb+json;base64,eyJjZWxscyI6IFtdfQ==">'
    )


def test_every_chapter_has_a_companion_notebook():
    chapters = sorted((ROOT / "docs" / "chapters").glob("*.md"))
    for chapter in chapters:
        assert f"../notebooks/{chapter.stem}.ipynb" in chapter.read_text(encoding="utf-8"), chapter.name
    assert {s.stem for s in SOURCES} >= {c.stem for c in chapters}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_built_notebook_is_executed_valid_and_numbered(site, site_caches, source):
    notebook = nbformat.reads(_executed(site_caches, source), as_version=4)
    nbformat.validate(notebook)
    assert [c.id for c in notebook.cells] == [f"cell-{i}" for i in range(len(notebook.cells))]
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code)
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert "{{" not in "".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    download = nbformat.reads(_download(site, source), as_version=4)
    nbformat.validate(download)
    assert [c.source for c in download.cells] == [c.source for c in notebook.cells]
    assert not any(c.get("outputs") for c in download.cells)


def test_notebook_output_is_the_same_from_a_fresh_run(site, site_caches, tmp_path):
    source = ROOT / "docs" / "notebooks" / "penalties.py"
    clean, fresh = notebooks.build(source, DiskCache(tmp_path), _expand)
    assert fresh == _executed(site_caches, source)
    assert clean == _download(site, source)


def _expand(text: str) -> str:
    from types import SimpleNamespace

    from reglit.site.build import Site

    site = Site(SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml")))
    return site.expand_text(text, "notebooks/penalties.py", kinds=("formula", "value"))


def _executed(site_caches, source) -> bytes:
    """The executed notebook the session's build rendered (kept in its cache)."""
    return (site_caches / "reglit" / "pages" / "notebooks" / f"{source.stem}.ipynb").read_bytes()


def _download(site, source) -> bytes:
    """The notebook behind a notebook page's download button."""
    page = (site / "notebooks" / f"{source.stem}.html").read_text(encoding="utf-8")
    match = re.search(
        rf'download="{source.stem}.ipynb" href="data:application/x-ipynb\+json;base64,([^"]+)"', page
    )
    assert match, "no download button"
    return base64.b64decode(match.group(1))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_downloaded_notebook_runs_top_to_bottom_in_plain_jupyter(site, source, tmp_path):
    downloaded = tmp_path / f"{source.stem}.ipynb"
    downloaded.write_bytes(_download(site, source))
    jupyter = Path(sys.executable).parent / "jupyter"
    result = subprocess.run(
        [str(jupyter), "execute", downloaded.name], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
