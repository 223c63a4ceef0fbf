r"""Companion notebooks: jupytext sources in ``docs/notebooks/``, executed while the site builds.

Each ``docs/notebooks/NAME.py`` (percent format) becomes an executed
``notebooks/NAME.ipynb`` that mkdocs-jupyter renders as a page and that readers
download. On the way, the directives of its Markdown cells are expanded
(``{{ formula: ... }}`` and ``{{ value: ... }}``, as on every page), cell ids are
numbered, and the notebook is run top to bottom with errors failing the build.
The executed notebook is cached, keyed on its text and on the ``reglit`` code its
cells name (``reglit.l2_step``, ``reglit.figures.near_zero``, ...), so editing
the package re-runs exactly the notebooks that use what changed.
"""

from __future__ import annotations

import base64
import html
import importlib
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jupytext
import nbformat
from jupyter_client import KernelManager
from mkdocs.exceptions import PluginError
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from reglit.site.cache import DiskCache, fingerprint

_NAMES = re.compile(r"\breglit(?:\.[A-Za-z_]\w*)+")
_KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


class NotebookError(PluginError):
    """A notebook that could not be prepared or run."""


def used_objects(notebook: nbformat.NotebookNode) -> list[Any]:
    """The functions and classes of reglit that the notebook's code cells name."""
    found = {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for dotted in _NAMES.findall(cell.source):
            obj = _resolve(dotted)
            if obj is not None and not isinstance(obj, type(importlib)):
                found[dotted] = obj
    return [found[k] for k in sorted(found)]


def _resolve(dotted: str) -> Any:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name, None)
        return obj
    return None


def prepare(source: Path, expand: Callable[[str], str]) -> nbformat.NotebookNode:
    """Read a jupytext notebook, expand its Markdown directives and number its cells."""
    notebook = jupytext.read(source)
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
        cell.metadata = {}
        if cell.cell_type == "markdown":
            cell.source = expand(cell.source)
        else:
            cell.outputs, cell.execution_count = [], None
    notebook.metadata = {"kernelspec": dict(_KERNEL), "language_info": {"name": "python"}}
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    return notebook


def execute(notebook: nbformat.NotebookNode, name: str, folder: Path) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel; the first error stops the build, naming notebook and cell.

    The kernel is driven from a child process (``python -m reglit.site.notebooks``),
    so the build's own process holds no kernel sockets.
    """
    result = subprocess.run(
        [sys.executable, "-m", "reglit.site.notebooks", str(folder)],
        input=nbformat.writes(notebook),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise NotebookError(f"notebook {name}: a cell failed:\n{result.stderr.strip()}")
    return nbformat.reads(result.stdout, as_version=4)


def _run(folder: str) -> int:
    """Execute the notebook on standard input in ``folder``; write it to standard output."""
    notebook = nbformat.read(sys.stdin, as_version=4)
    with tempfile.TemporaryDirectory(prefix="reglit-kernel-") as sockets:
        # The kernel talks over unix sockets of its own: no TCP port, no clash with a parallel run.
        manager = KernelManager(
            kernel_name=_KERNEL["name"], transport="ipc", ip=str(Path(sockets) / "kernel")
        )
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=300,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": folder}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            print(error, file=sys.stderr)
            return 1
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, sys.stdout)
    return 0


def build(source: Path, cache: DiskCache, expand: Callable[[str], str]) -> tuple[bytes, bytes]:
    """A jupytext source as a notebook to download (no outputs) and as an executed one.

    The executed notebook comes from the cache when neither the notebook nor the
    reglit code it names has changed.
    """
    name = source.stem
    notebook = prepare(source, expand)
    text = nbformat.writes(notebook)
    key = fingerprint(*used_objects(notebook), extra=text)

    def run() -> bytes:
        executed = execute(notebook, name, source.parent)
        nbformat.validate(executed)
        return nbformat.writes(executed).encode()

    return text.encode(), cache.bytes("notebooks", name, key, run, ".ipynb")


_JUPYTER_EXTRAS = (
    re.compile(  # JupyterLab's stylesheets and the copy buttons (invalid HTML) of mkdocs-jupyter
        r"<style[^>]*>.*?</style>"
        r'|<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'
        r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>'
        r"|<script>(?:(?!</script>).)*?[Cc]lipboard.*?</script>"
        r'|<a class="anchor-link"[^>]*>.*?</a>',  # the table of contents links to headings already
        re.DOTALL,
    )
)
_MD_LINK = re.compile(r'href="((?!https?:|/)[^"#]*)\.md(#[^"]*)?"')
_CELL = re.compile(
    r'(<div[^>]*class="[^"]*jp-MarkdownCell[^"]*".*?)(?=<div[^>]*class="[^"]*jp-Cell |\Z)', re.DOTALL
)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_DISPLAY_PARAGRAPH = re.compile(r"<p>\s*\$\$(.+?)\$\$\s*</p>", re.DOTALL)
_INLINE = re.compile(r"(?<![\\$])\$([^$\n]+?)\$")
_OUTSIDE_SCRIPT = re.compile(  # MathJax (an empty or outside src), its configuration, mermaid from a CDN
    r'<script[^>]*\bsrc="(?:(?:https?:)?//[^"]*)?"[^>]*>\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?import\("https?://.*?</script>',
    re.DOTALL,
)


def page_html(content: str, name: str, notebook: bytes) -> str:
    """Prepare a notebook page rendered by mkdocs-jupyter for the site's own math step.

    Math in Markdown cells becomes arithmatex elements (rendered and checked
    like every page's math), scripts fetched from other hosts are dropped, and
    so are JupyterLab's 600 KB of stylesheets (the site's CSS styles notebook
    cells; code takes the site's highlighting) and mkdocs-jupyter's copy buttons;
    relative links to ``.md`` pages point to their ``.html`` pages, and a
    download button opens the page. The button carries the notebook itself,
    without outputs, as a ``data:`` URL, so it downloads from a copy opened
    from ``file://`` too, where a link to a neighbouring file would not.
    """
    content = _OUTSIDE_SCRIPT.sub("", content)
    content = _JUPYTER_EXTRAS.sub("", content)
    content = content.replace("highlight-ipynb", "highlight")  # the site's own code colours
    content = _MD_LINK.sub(r'href="\1.html\2"', content)  # links to chapters, as the site names them

    def markdown_cell(match: re.Match) -> str:
        cell = _DISPLAY_PARAGRAPH.sub(r"$$\1$$", match.group(1))  # a formula alone is a block, not in a <p>
        cell = _DISPLAY.sub(lambda m: f'<div class="arithmatex">\\[{m.group(1)}\\]</div>', cell)
        return _INLINE.sub(lambda m: f'<span class="arithmatex">\\({m.group(1)}\\)</span>', cell)

    content = _CELL.sub(markdown_cell, content)
    data = base64.b64encode(notebook).decode()
    button = (
        f'<p class="notebook-download"><a class="md-button" download="{html.escape(name)}" '
        f'href="data:application/x-ipynb+json;base64,{data}">Download this notebook (.ipynb)</a> '
        "and run it in Jupyter with <code>reglit</code> installed.</p>"
    )
    return button + content


if __name__ == "__main__":
    sys.exit(_run(sys.argv[1]))
