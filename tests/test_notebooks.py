"""Companion notebooks: prepared, executed, cached and shown like every other page."""

from __future__ import annotations

import ast
import base64
import html
import json
import re
import subprocess
import sys

import nbformat
import pytest

from sitebuild import kernel, notebooks, usage
from sitebuild.cache import DiskCache
from tests.support import ROOT

SOURCES = sorted((ROOT / "docs" / "notebooks").glob("*.py"))


def _as_is(text: str) -> str:
    return text


def test_read_numbers_cells(tmp_path):
    source = tmp_path / "demo.py"
    source.write_text("# %% [markdown]\n# # Demo\n\n# %%\nimport reglit\nreglit.l2_grad(2.0)\n")
    notebook = notebooks.read(source)
    assert [c.id for c in notebook.cells] == ["cell-0", "cell-1"]


def _code_notebook(*cells):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])


@pytest.mark.parametrize(
    "cells",
    [
        ["import reglit\nreglit.l2_step(1, 0.1, 0.1)"],
        ["from reglit import l2_step\nl2_step(1, 0.1, 0.1)"],
        ["from reglit import l2_step as step", "step(1, 0.1, 0.1)"],
        ["%matplotlib inline\nimport reglit.updates as u\nu.l2_step(1, 0.1, 0.1)"],
        ["from reglit.updates import *\nimport reglit\nreglit.updates.l2_step(1, 0.1, 0.1)"],
    ],
)
def test_the_cache_key_follows_reglit_however_it_is_imported(cells):
    import reglit.updates

    assert reglit.updates.l2_step in usage.used_objects(_code_notebook(*cells))


def test_output_split_by_timing_gives_the_same_bytes(tmp_path):
    """A flush and a pause split a cell's output into two stream messages; normalised, the bytes are equal."""
    split = _code_notebook("import sys, time\nprint('a', flush=True)\ntime.sleep(0.5)\nprint('b')")
    whole = _code_notebook("print('a\\nb')")
    for notebook in (split, whole):
        for index, cell in enumerate(notebook.cells):
            cell.id = f"cell-{index}"
    raw = nbformat.reads(
        subprocess.run(
            [sys.executable, "-m", "sitebuild.kernel", str(tmp_path)],
            input=nbformat.writes(split),
            capture_output=True,
            text=True,
            check=True,
        ).stdout,
        as_version=4,
    )
    assert len(raw.cells[0].outputs) == 2  # the split really happened
    outputs = [kernel.execute(nb, "demo", tmp_path).cells[0].outputs for nb in (split, whole)]
    assert outputs[0] == outputs[1]
    assert json.dumps(outputs[0], sort_keys=True) == json.dumps(outputs[1], sort_keys=True)


def test_a_failing_cell_stops_the_build_naming_the_notebook(tmp_path):
    source = tmp_path / "broken.py"
    source.write_text("# %%\nx = 1\n\n# %%\n1 / 0\n")
    with pytest.raises(kernel.KernelError, match=r"notebook broken: a cell failed(.|\n)*ZeroDivisionError"):
        notebooks.build(source, "notebooks/broken.ipynb", DiskCache(tmp_path / "cache"), _as_is, _as_is, "x/")


def test_notebook_pages_use_the_site_template_not_jupyterlab(site):
    """No JupyterLab stylesheet, script or copy button, and Markdown rendered as on chapters."""
    page = (site / "notebooks" / "sparsity.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    assert "<script" not in article and "clipboard" not in article
    assert not re.search(r"<style[^>]*>\s*\S", article)  # no stylesheet content at all
    assert 'class="headerlink"' in article  # headings as the site's Markdown makes them
    assert '<a href="../chapters/sparsity.html">chapter 5</a>' in article
    assert 'data-formula="soft_threshold"' in article


def test_an_exercise_report_shows_its_formula_drawn_by_name(site):
    """The checker's report on a page: its facts as text, the formula drawn as every registered one is."""
    page = (site / "notebooks" / "libraries.html").read_text(encoding="utf-8")
    report = page.split("elastic_net_params: not right yet.")[1].split('class="jp-Cell ')[0]  # that output
    assert re.findall(r'data-formula="([^"]+)"', report) == ["elastic_net_alpha", "elastic_net_l1_ratio"]


def test_a_markdown_output_may_display_only_the_formulas_it_names():
    from reglit.exercises import check

    markdown, metadata = check("soft_threshold", lambda W, t: None)._repr_markdown_()
    output = nbformat.v4.new_output(
        "display_data", {"text/markdown": markdown}, metadata={"text/markdown": metadata}
    )
    assert "{{ formula: soft_threshold }}" in notebooks.markdown_output(output) and "$$" not in (
        notebooks.markdown_output(output)
    )
    output.metadata = {}
    with pytest.raises(ValueError, match="not the registered formulas"):
        notebooks.markdown_output(output)
    plain = nbformat.v4.new_output("display_data", {"text/markdown": "**bold**, no math"})
    assert notebooks.markdown_output(plain) == "**bold**, no math"


def test_the_stylesheet_mkdocs_jupyter_appends_is_removed(tmp_path, monkeypatch):
    """mkdocs-jupyter 0.26.3 appends a <style> after the template's output; the site drops it."""
    from importlib.metadata import version

    from mkdocs_jupyter import convert

    monkeypatch.setenv("JUPYTER_PATH", str(notebooks.TEMPLATES))
    path = tmp_path / "demo.ipynb"
    notebook = _code_notebook("1 + 1")
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell("# Demo"))
    notebook.cells[0].metadata["reglit"] = {"html": "<h1>Demo</h1>"}
    nbformat.write(notebook, path)
    page = convert.nb2html(str(path))
    assert page.rstrip().endswith("</style>"), f"mkdocs-jupyter {version('mkdocs-jupyter')} changed"
    cleaned = notebooks.without_appended_style(page)
    assert "<style" not in cleaned and "<h1>Demo</h1>" in cleaned and cleaned.rstrip().endswith("</div>")


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
    cache = DiskCache(tmp_path)
    page = notebooks.build(source, "notebooks/penalties.ipynb", cache, _as_is, _as_is, "https://example.org/")
    fresh = next((tmp_path / "notebooks").glob("penalties.*.ipynb")).read_bytes()
    cached = next((site_caches / "reglit" / "notebooks").glob("penalties.*.ipynb")).read_bytes()
    assert _outputs(fresh) == _outputs(cached) == _outputs(page)
    assert any(_outputs(page)), "no outputs"

    def setup(notebook: bytes) -> str:
        return next(
            c.source for c in nbformat.reads(notebook.decode(), as_version=4).cells if c.cell_type == "code"
        )

    for ran in (fresh, cached):  # what runs holds no address: serve, site and pdf share runs
        assert f'SITE = "{notebooks.RUN_ADDRESS}"' in setup(ran)
    assert 'SITE = "https://example.org/"' in setup(page)


def _outputs(notebook: bytes) -> list:
    """Each cell's outputs as the kernel made them (without the HTML the build adds for the page)."""
    cells = nbformat.reads(notebook.decode(), as_version=4).cells
    for output in (o for c in cells for o in c.get("outputs", [])):
        output.get("metadata", {}).pop("reglit", None)
    return [c.get("outputs") for c in cells]


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
def test_a_downloaded_notebook_stands_alone(site, source):
    """No link in it points into the site it came from (it is read in Jupyter, elsewhere)."""
    notebook = nbformat.reads(_download(site, source), as_version=4)
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert not re.search(r"\]\((?!https?://)[^)]*\)", prose), "a relative link"
    assert "{{" not in prose


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebook_figures_are_the_site_drawings_with_their_alt_text(site, source):
    """A cell that draws a site figure shows the site's drawing of it, as a chapter does; no PNG is left."""
    from reglit.explorables import EXPLORABLES
    from reglit.figures import FIGURES
    from sitebuild.drawings import figure, frame

    page = (site / "notebooks" / f"{source.stem}.html").read_text(encoding="utf-8")
    assert "data:image/png" not in page
    shown = usage.shown_figures(notebooks.read(source))
    assert shown, "no figure of the site"
    images = re.findall(r"<img [^>]*>", page)
    for name, value in shown.values():
        drawing = figure(name) if value is None else frame(name, value)
        alt = FIGURES[name].alt if value is None else EXPLORABLES[name].alt(value)
        for theme in ("light", "dark"):
            tag = next(t for t in images if f'src="../{drawing.uri(theme)}#only-{theme}"' in t)
            assert html.unescape(re.search(r'alt="([^"]*)"', tag).group(1)) == alt
            assert f'srcset="../{drawing.uri(theme, "narrow")}#only-{theme}"' in page


def test_a_cell_that_draws_a_figure_or_frame_is_found_with_its_value():
    from reglit.explorables import EXPLORABLES

    spec = EXPLORABLES["step_regimes"]
    cells = [
        "import reglit.explorables as e\nfrom reglit.figures import tradeoff",
        "e.step_regimes()",
        "e.step_regimes(1.05)",
        "e.step_regimes(value=1.05)",  # not read: the alt text would be a guess
        "x = 0.5\ne.step_regimes(x)",
        "tradeoff()",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    assert usage.shown_figures(notebook) == {
        1: ("step_regimes", spec.default),
        2: ("step_regimes", 1.05),
        5: ("tradeoff", None),
    }


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_run_it_yourself_names_only_what_the_notebook_has(source):
    """The chapter's invitation ("change `lam`") names variables the notebook really sets."""
    import ast

    chapter = (ROOT / "docs" / "chapters" / f"{source.stem}.md").read_text(encoding="utf-8")
    invitation = chapter.split("## Run it yourself", 1)[1].split("\n## ", 1)[0]
    named = {n for n in re.findall(r"`([a-z_]+)`", invitation)} - {"reglit"}
    code = "\n".join(
        line
        for c in notebooks.read(source).cells
        if c.cell_type == "code"
        for line in c.source.splitlines()
        if not line.lstrip().startswith("%")
    )
    assigned = {
        n.id for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    assert named <= assigned, named - assigned


def _notebook(*cells: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])


def test_the_set_up_check_asks_for_every_dependency_the_wheel_declares():
    """Installing the wheel needs all of them, even in a notebook that imports only NumPy."""
    notebook = notebooks.with_setup(_notebook("import numpy as np", "np.zeros(3)"), "reglit-site/")
    needs = re.search(r"^NEEDS = (\{.*?^\})$", notebook.cells[0].source, re.MULTILINE | re.DOTALL).group(1)
    assert sorted(ast.literal_eval(needs)) == ["matplotlib", "numpy", "scikit-learn", "scipy"]


def test_the_set_up_check_is_the_first_code_cell():
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("import reglit")]
    )
    prepared = notebooks.with_setup(notebook, "reglit-site/")
    assert [c.cell_type for c in prepared.cells] == ["markdown", "code", "code"]
    assert prepared.cells[1].source.startswith("# Set-up check")
    assert 'SITE = "reglit-site/"' in prepared.cells[1].source
    assert 'WHEEL = SITE + "packages/reglit-' in prepared.cells[1].source
    assert [c.id for c in prepared.cells] == ["cell-0", "cell-1", "cell-2"]
    compile(prepared.cells[1].source, "setup", "exec")
    assert max(len(line) for line in prepared.cells[1].source.splitlines()) <= 72  # the page's code column


def test_every_notebook_has_exercises_each_with_its_check_and_solution():
    from reglit.exercises import EXERCISES

    where: dict[str, str] = {}
    for source in SOURCES:
        notebook = notebooks.read(source)
        prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
        code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
        solved = re.findall(r"\{\{ solution: (\w+) \}\}", prose)
        assert len(solved) >= 2, f"{source.stem}: fewer than two exercises"
        for name in solved:
            assert re.search(rf"^def {name}\(", code, re.MULTILINE), f"{source.stem}: no stub for {name}"
            assert f'check("{name}", {name})' in code, f"{source.stem}: {name} is not checked"
            assert name not in where, f"{name} is in {where.get(name)} and {source.stem}"
            where[name] = source.stem
    assert set(where) == set(EXERCISES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_run_it_yourself_links_the_page_that_says_how(source):
    chapter = (ROOT / "docs" / "chapters" / f"{source.stem}.md").read_text(encoding="utf-8")
    invitation = chapter.split("## Run it yourself", 1)[1].split("\n## ", 1)[0]
    assert "](../run.md)" in invitation
    assert f"](../notebooks/{source.stem}.ipynb)" in invitation
