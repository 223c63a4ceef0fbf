r"""Companion notebooks: jupytext sources in ``docs/notebooks/``, executed while the site builds.

Each ``docs/notebooks/NAME.py`` (percent format) gives two notebooks:

- the one readers download: its Markdown cells' directives expanded for Jupyter
  (a formula as ``$$`` LaTeX), no outputs;
- the one mkdocs-jupyter renders as the page: the same cells run top to bottom
  in a fresh kernel (a failing cell stops the build), outputs normalised so that
  the same code always gives the same bytes, and each Markdown cell rendered by
  the site's own Markdown, as a chapter is, into the cell's metadata, where the
  site's nbconvert template (``sitebuild/jupyter/``) takes it.

The build puts a set-up check before the first code cell
([`setup_cell`][sitebuild.notebooks.setup_cell]): a reader whose Python lacks
reglit (or has another version), numpy, matplotlib or, where the notebook needs
it, scikit-learn, is told the one command that installs them from the site.

Executing is cached, keyed on the code cells and on the ``reglit`` code they
use, however they import it (``reglit.l2_step``, ``from reglit import l2_step``,
``import reglit.figures as f``), so editing the package re-runs exactly the
notebooks that use what changed, and editing a notebook's prose runs nothing.
"""

from __future__ import annotations

import ast
import base64
import copy
import hashlib
import html
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jupytext
import nbformat
from jupyter_client import KernelManager
from mkdocs.exceptions import PluginError
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

import reglit
from reglit.explorables import EXPLORABLES
from reglit.figures import FIGURES
from sitebuild import packages
from sitebuild.cache import DiskCache, dependencies, fingerprint, resolve

TEMPLATES = Path(__file__).parent / "jupyter"
"""A Jupyter data folder holding the site's nbconvert template: put it first on ``JUPYTER_PATH``."""

_KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def without_appended_style(content: str) -> str:
    """A notebook page without the stylesheet mkdocs-jupyter appends after the template's output.

    Written against mkdocs-jupyter 0.26.3, whose ``nb2html`` adds nbconvert's
    pygments stylesheet (``resources["inlining"]["css"]``) in a ``<style>`` element
    after the rendered notebook of an ``.ipynb`` source, outside any template;
    the site's CSS colours code already. The one thing here not reached through
    a documented option or an nbconvert extension point.
    """
    return _APPENDED_STYLE.sub("", content)


_APPENDED_STYLE = re.compile(r"\s*<style>(?:(?!</?style).)*</style>\s*\Z", re.DOTALL)


_PARSING = threading.Lock()


class NotebookError(PluginError):
    """A notebook that could not be prepared or run."""


def read(source: Path) -> nbformat.NotebookNode:
    """A jupytext notebook with its cells numbered and no metadata that changes from run to run."""
    notebook = jupytext.read(source)
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
        cell.metadata = {}
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notebook.metadata = {"kernelspec": dict(_KERNEL), "language_info": {"name": "python"}}
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    return notebook


def with_markdown(notebook: nbformat.NotebookNode, expand: Callable[[str], str]) -> nbformat.NotebookNode:
    """A copy of the notebook with ``expand`` applied to the text of every Markdown cell."""
    result = copy.deepcopy(notebook)
    for cell in result.cells:
        if cell.cell_type == "markdown":
            cell.source = expand(cell.source)
    return result


def _code(cell: nbformat.NotebookNode) -> str:
    """A code cell as Python: IPython magics and shell escapes become blank lines."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.splitlines()
    )


def used_names(notebook: nbformat.NotebookNode) -> list[str]:
    """The dotted names in ``reglit`` that the notebook's code cells use, however they were imported.

    Examples
    --------
    >>> cells = ["import reglit.figures as f\\nf.near_zero()", "from reglit import l2_step\\nl2_step(1,0,0)"]
    >>> used_names(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]))
    ['reglit.figures', 'reglit.figures.near_zero', 'reglit.l2_step']
    """
    trees = [ast.parse(_code(c)) for c in notebook.cells if c.cell_type == "code"]
    aliases = _aliases(trees)
    used: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if name := _reglit_name(node, aliases):
                used.add(name)
    return sorted(_longest_resolvable(name) for name in used)


def _aliases(trees: list[ast.Module]) -> dict[str, str]:
    """Local name -> the dotted name in reglit it was imported as."""
    aliases: dict[str, str] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "reglit":
                        local = alias.asname or alias.name.split(".")[0]
                        aliases[local] = alias.name if alias.asname else "reglit"
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "reglit":
                for alias in node.names:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


def alt_text(name: str, value: float | None = None) -> str:
    """The alt text of a site figure, or of an explorable figure's frame at ``value``."""
    return FIGURES[name].alt if value is None else EXPLORABLES[name].alt(value)


def shown_figures(
    notebook: nbformat.NotebookNode, alt: Callable[[str, float | None], str] = alt_text
) -> dict[int, str]:
    """Cell index -> the alt text of the site figure the cell shows, for cells that end by drawing one.

    A cell shows a figure when its last line calls a figure function, or a
    frame of an explorable figure with no argument (its default) or one number.
    ``alt(name, value)`` gives the alt text (``value`` is ``None`` for a figure).
    """
    trees = {i: ast.parse(_code(c)) for i, c in enumerate(notebook.cells) if c.cell_type == "code"}
    aliases = _aliases(list(trees.values()))
    drawn = {spec.function: (name, None) for name, spec in FIGURES.items()}
    drawn |= {spec.frame: (name, spec.default) for name, spec in EXPLORABLES.items()}
    shown = {}
    for index, tree in trees.items():
        last = tree.body[-1] if tree.body else None
        if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
            call = last.value
            name = _reglit_name(call.func, aliases)
            try:
                obj = resolve(name) if name else None
                arguments = [ast.literal_eval(a) for a in call.args]
            except (KeyError, ValueError):
                continue
            if obj in drawn and not call.keywords and len(arguments) <= (drawn[obj][1] is not None):
                figure, default = drawn[obj]
                shown[index] = alt(figure, arguments[0] if arguments else default)
    return shown


def _reglit_name(node: ast.AST, aliases: dict[str, str]) -> str | None:
    """The dotted name in reglit that ``a.b.c`` stands for, given the imports; ``None`` outside reglit."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name) and node.id in aliases:
        return ".".join([aliases[node.id], *reversed(parts)])
    return None


def _longest_resolvable(dotted: str) -> str:
    """The longest prefix of ``dotted`` that names something: ``reglit.fit`` for ``reglit.fit.zeros``."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            resolve(".".join(parts[:cut]))
        except KeyError:
            continue
        return ".".join(parts[:cut])
    return parts[0]


def used_objects(notebook: nbformat.NotebookNode) -> list[Any]:
    """The functions and classes of reglit that the notebook's code cells use."""
    objects = [resolve(name) for name in used_names(notebook)]
    return [o for o in objects if callable(o)]


def requirements(notebook: nbformat.NotebookNode) -> list[str]:
    """What a notebook needs besides reglit: numpy, matplotlib, and scikit-learn if it loads data.

    scikit-learn is needed when the code imports it, or uses reglit code that
    reaches the data sets (which come from scikit-learn).
    """
    imported = set()
    for cell in (c for c in notebook.cells if c.cell_type == "code"):
        for node in ast.walk(ast.parse(_code(cell))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported.add((node.module or "").split(".")[0])
    reached = dependencies(*used_objects(notebook))
    data = "sklearn" in imported or "reglit.data._sklearn_datasets" in reached
    return ["numpy", "matplotlib", *(["scikit-learn"] if data else [])]


def setup_cell(needs: list[str], site: str, version: str = reglit.__version__) -> str:
    """The code of a notebook's first code cell: it checks the environment and prints the one fix.

    Parameters
    ----------
    needs : list of str
        Distributions the notebook needs besides reglit (their lowest
        versions come from [`lowest`][sitebuild.packages.lowest]).
    site : str
        The address of the site, ending in ``/``; the download button's script
        makes it the absolute address of the copy the notebook came from.
        From a ``file:`` copy, the printed command keeps pip off the network.
    version : str
        The version of reglit the site was built with.
    """
    least = {name: tuple(int(n) for n in packages.lowest(name).split(".")) for name in needs}
    python = tuple(int(n) for n in packages.lowest("python").split("."))
    return f"""\
# Set-up check, added by the site: is this Python ready?
import re
import sys
from importlib.metadata import PackageNotFoundError, version

REGLIT = "{version}"  # the version this notebook was made with
SITE = "{site}"  # the copy of the site it came from
WHEEL = SITE + "{packages.FOLDER}/{packages.names(version)["wheel"]}"
NEEDS = {{{", ".join(f'"{name}": {v!r}' for name, v in least.items())}}}


def found(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


wheel, libraries = [], []
if found("reglit") != REGLIT:
    print(f"reglit {{REGLIT}} is needed, found {{found('reglit')}}.")
    wheel.append(WHEEL)
for name, least in NEEDS.items():
    numbers = tuple(int(n) for n in re.findall(r"\\d+", found(name))[:2])
    if numbers < least:
        wanted = ".".join(map(str, least))
        print(f"{{name}} >= {{wanted}} is needed, found {{found(name)}}.")
        libraries.append(f'"{{name}}>={{wanted}}"')
if sys.version_info < {python!r}:
    print("This notebook needs Python {".".join(map(str, python))} or newer: start Jupyter")
    print("from such a Python, then run this cell again.")
elif wheel or libraries:
    print("Run this in a cell, then restart the kernel:")
    if SITE.startswith("file:"):  # the copy carries reglit only
        if libraries:
            print("%pip install", *libraries, " # while online")
        if wheel:
            print("%pip install --no-index", *wheel)
    else:
        print("%pip install", *wheel, *libraries)
else:
    print(f"Ready: reglit {{REGLIT}}, {", ".join(needs)}.")
"""


def with_setup(notebook: nbformat.NotebookNode, site: str) -> nbformat.NotebookNode:
    """A copy of the notebook with the set-up check as its first code cell."""
    result = copy.deepcopy(notebook)
    first = next((i for i, c in enumerate(result.cells) if c.cell_type == "code"), len(result.cells))
    result.cells.insert(first, nbformat.v4.new_code_cell(setup_cell(requirements(notebook), site)))
    for index, cell in enumerate(result.cells):
        cell.id = f"cell-{index}"
    return result


def normalise(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The executed notebook in a form that depends only on what its cells printed and drew.

    A kernel sends a cell's printed text in as many stream messages as timing
    makes (a flush, a slow step); consecutive outputs of one stream are merged
    (nbconvert's ``CoalesceStreamsPreprocessor``), and timing, transient and
    execution metadata are dropped.
    """
    notebook, _ = CoalesceStreamsPreprocessor().preprocess(copy.deepcopy(notebook), {})
    for cell in notebook.cells:
        cell.metadata = {}
        for output in cell.get("outputs", []):
            output.pop("transient", None)
    return notebook


def execute(notebook: nbformat.NotebookNode, name: str, folder: Path) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel; the first error stops the build, naming notebook and cell.

    The kernel is driven from a child process (``python -m sitebuild.notebooks``),
    so the build's own process holds no kernel sockets.
    """
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild.notebooks", str(folder)],
        input=nbformat.writes(notebook),
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,  # where ``sitebuild`` imports from
    )
    if result.returncode != 0:
        raise NotebookError(f"notebook {name}: a cell failed:\n{result.stderr.strip()}")
    return normalise(nbformat.reads(result.stdout, as_version=4))


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
    nbformat.write(notebook, sys.stdout)
    return 0


def download_button(uri: str, notebook: bytes, run_page: str) -> str:
    """HTML for a notebook page: a button that downloads the notebook, outputs cleared.

    The button carries the notebook itself as a ``data:`` URL, so it works from a
    copy opened from ``file://`` too, where a link to a neighbouring file would not.
    ``run_page`` is the address of the page that says how to install reglit.
    """
    name = html.escape(Path(uri).name, quote=True)
    data = base64.b64encode(notebook).decode()
    return (
        f'<p class="notebook-download"><a class="md-button" download="{name}" '
        f'href="data:application/x-ipynb+json;base64,{data}">Download this notebook (.ipynb)</a> '
        f'and open it in Jupyter; <a href="{html.escape(run_page, quote=True)}">Run the code</a> '
        "says how to install <code>reglit</code> from this site.</p>"
    )


def build(
    source: Path,
    cache: DiskCache,
    for_download: Callable[[str], str],
    for_page: Callable[[str], str],
    site: str,
    alt: Callable[[str, float | None], str] = alt_text,
) -> tuple[bytes, bytes]:
    """A jupytext source as the notebook readers download and the executed notebook the page shows.

    Parameters
    ----------
    source : Path
        The jupytext notebook.
    cache : DiskCache
        Where executed notebooks are kept.
    for_download : callable
        Markdown cell text -> the text the downloaded notebook carries.
    for_page : callable
        Markdown cell text -> the HTML the page shows for it.
    site : str
        The address of the site, for the set-up check.
    alt : callable
        ``alt(name, value)``: the alt text of a figure the notebook shows, as
        for ``shown_figures``.

    Notes
    -----
    The site builds its notebooks in threads, one kernel each. Everything but
    the kernel's run holds ``_PARSING``: reading code with ``ast`` and
    ``inspect`` from several threads at once can fail in CPython 3.11
    (``SystemError: AST constructor recursion depth mismatch``).
    """
    with _PARSING:
        notebook = with_setup(read(source), site)
        download = with_markdown(notebook, for_download)
        layout = [c.source if c.cell_type == "code" else c.cell_type for c in download.cells]
        key = fingerprint(*used_objects(download), extra="\0".join(layout))

    def run() -> bytes:
        executed = execute(download, source.stem, source.parent)
        nbformat.validate(executed)
        return nbformat.writes(executed).encode()

    executed = nbformat.reads(
        cache.bytes("notebooks", source.stem, key, run, ".ipynb").decode(), as_version=4
    )
    with _PARSING:
        for shown, original in zip(executed.cells, notebook.cells, strict=True):
            if shown.cell_type == "markdown":
                shown.source = for_download(original.source)  # the prose as it is now: not in the key
                shown.metadata["reglit"] = {"html": for_page(original.source)}
        for index, text in shown_figures(executed, alt).items():
            executed.cells[index].metadata["reglit"] = {"alt": text}
    # mkdocs-jupyter caches pages by the notebook's bytes: the template's own go in too.
    executed.metadata["reglit"] = {"template": _digest(sorted(TEMPLATES.rglob("*.*")))}
    return nbformat.writes(download).encode(), nbformat.writes(executed).encode()


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(TEMPLATES).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


if __name__ == "__main__":
    sys.exit(_run(sys.argv[1]))
