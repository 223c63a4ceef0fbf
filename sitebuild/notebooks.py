r"""Companion notebooks: jupytext sources in ``docs/notebooks/``, executed while the site builds.

Each ``docs/notebooks/NAME.py`` (percent format) gives two notebooks:

- the one readers download: its Markdown cells' directives expanded for Jupyter
  (a formula as ``$$`` LaTeX), no outputs;
- the one mkdocs-jupyter renders as the page: the same cells run top to bottom
  in a fresh kernel ([`sitebuild.kernel`][sitebuild.kernel]; a failing cell stops
  the build), each Markdown cell rendered by the site's own Markdown, as a chapter
  is, into the cell's metadata, and the download button into the notebook's, where
  the site's nbconvert template (``sitebuild/jupyter/``) takes them.

The build puts a set-up check before the first code cell
([`setup_cell`][sitebuild.notebooks.setup_cell], from the program
``sitebuild/templates/setup_check.py``): a reader whose Python lacks reglit (or
has another version), numpy, matplotlib or, where the notebook needs it,
scikit-learn, is told the one command that installs them from the site.

Executing is cached, keyed on the code cells and on the ``reglit`` code they use
([`sitebuild.usage`][sitebuild.usage]), so editing the package re-runs exactly the
notebooks that use what changed, and editing a notebook's prose runs nothing. The
key holds no address: the notebook runs with the offline copy's address, and the
site's address goes in afterwards, so ``serve``, ``site`` and ``pdf`` share runs.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import re
from collections.abc import Callable
from pathlib import Path

import jupytext
import nbformat

import reglit
from reglit.formulas import FORMULAS
from sitebuild import distributions, usage
from sitebuild.cache import SHARED, DiskCache, fingerprint
from sitebuild.kernel import KERNEL, execute

TEMPLATES = Path(__file__).parent / "jupyter"
"""A Jupyter data folder holding the site's nbconvert template: put it first on ``JUPYTER_PATH``."""

SETUP_CHECK = Path(__file__).parent / "templates" / "setup_check.py"
"""The set-up check, a Python program whose constants the build fills in."""

RUN_ADDRESS = "reglit-site/"
"""The address the set-up check holds while a notebook runs: no key depends on where the site is served."""

_APPENDED_STYLE = re.compile(r"\s*<style>(?:(?!</?style).)*</style>\s*\Z", re.DOTALL)


def without_appended_style(content: str) -> str:
    """A notebook page without the stylesheet mkdocs-jupyter appends after the template's output.

    Written against mkdocs-jupyter 0.26.3, whose ``nb2html`` adds nbconvert's
    pygments stylesheet (``resources["inlining"]["css"]``) in a ``<style>`` element
    after the rendered notebook of an ``.ipynb`` source, outside any template;
    the site's CSS colours code already. The one thing here not reached through
    a documented option or an nbconvert extension point.
    """
    return _APPENDED_STYLE.sub("", content)


def read(source: Path) -> nbformat.NotebookNode:
    """A jupytext notebook with its cells numbered and no metadata that changes from run to run."""
    notebook = jupytext.read(source)
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
        cell.metadata = {}
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notebook.metadata = {"kernelspec": dict(KERNEL), "language_info": {"name": "python"}}
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    return notebook


def with_markdown(notebook: nbformat.NotebookNode, expand: Callable[[str], str]) -> nbformat.NotebookNode:
    """A copy of the notebook with ``expand`` applied to the text of every Markdown cell."""
    result = copy.deepcopy(notebook)
    for cell in result.cells:
        if cell.cell_type == "markdown":
            cell.source = expand(cell.source)
    return result


def setup_cell(needs: list[str], site: str, version: str = reglit.__version__) -> str:
    """The code of a notebook's first code cell: it checks the environment and prints the one fix.

    Parameters
    ----------
    needs : list of str
        The distributions reglit needs to run, checked besides reglit itself
        (their lowest versions come from [`lowest`][sitebuild.distributions.lowest]).
    site : str
        The address of the site, ending in ``/``; the download button's script
        makes it the absolute address of the copy the notebook came from.
        From a ``file:`` copy, the printed command keeps pip off the network.
    version : str
        The version of reglit the site was built with.
    """
    least = {name: tuple(int(n) for n in distributions.lowest(name).split(".")) for name in needs}
    constants = {
        "REGLIT": f'"{version}"',
        "SITE": f'"{site}"',
        "WHEEL": f'SITE + "{distributions.FOLDER}/{distributions.names(version)["wheel"]}"',
        "NEEDS": "{\n" + "".join(f'    "{name}": {v!r},\n' for name, v in least.items()) + "}",  # one a line
        "PYTHON": repr(tuple(int(n) for n in distributions.lowest("python").split("."))),
    }
    text = SETUP_CHECK.read_text(encoding="utf-8")
    text = re.sub(r"^# The build fills in.*\n", "", text, flags=re.MULTILINE)
    for name, value in constants.items():
        text, found = re.subn(
            rf"^{name} = [^#\n]*?(  #.*)?$", rf"{name} = {value}\1", text, flags=re.MULTILINE
        )
        if found != 1:
            raise ValueError(f"{SETUP_CHECK.name}: no line {name} = ...")
    return text


def with_setup(notebook: nbformat.NotebookNode, site: str) -> nbformat.NotebookNode:
    """A copy of the notebook with the set-up check as its first code cell."""
    result = copy.deepcopy(notebook)
    first = next((i for i, c in enumerate(result.cells) if c.cell_type == "code"), len(result.cells))
    result.cells.insert(first, nbformat.v4.new_code_cell(setup_cell(distributions.dependencies(), site)))
    for index, cell in enumerate(result.cells):
        cell.id = f"cell-{index}"
    return result


def with_address(notebook: nbformat.NotebookNode, site: str) -> nbformat.NotebookNode:
    """The notebook with ``site`` as the address its set-up check names."""
    result = copy.deepcopy(notebook)
    for cell in result.cells:
        if cell.cell_type == "code" and cell.source.startswith("# Set-up check"):
            cell.source = re.sub(r'^SITE = "[^"]*"', f'SITE = "{site}"', cell.source, count=1, flags=re.M)
    return result


def markdown_output(output: nbformat.NotebookNode) -> str:
    """The Markdown of a cell's ``text/markdown`` output as its page shows it: each displayed formula
    one the output's metadata names (as an exercise's report does), drawn by name as on every page.

    Raises
    ------
    ValueError
        When the output displays math other than the registered formulas its metadata names.
    """
    text = output.data["text/markdown"]
    names = output.metadata.get("text/markdown", {}).get("reglit", {}).get("formulas", [])
    shown = re.findall(r"^\$\$\n(.*?)\n\$\$$", text, flags=re.MULTILINE | re.DOTALL)
    if shown != [FORMULAS[name].latex for name in names if name in FORMULAS]:
        raise ValueError(
            f"a cell's output displays math that is not the registered formulas {names}: {shown}"
        )
    for name in names:
        text = text.replace(f"$$\n{FORMULAS[name].latex}\n$$", f"{{{{ formula: {name} }}}}", 1)
    return text


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
    uri: str,
    cache: DiskCache,
    for_download: Callable[[str], str],
    for_page: Callable[[str], str],
    site: str,
) -> bytes:
    """A jupytext source as the executed notebook its page shows, the download button inside.

    Parameters
    ----------
    source : Path
        The jupytext notebook.
    uri : str
        The notebook page's source path in the site, ``notebooks/NAME.ipynb``.
    cache : DiskCache
        Where executed notebooks are kept.
    for_download : callable
        Markdown cell text -> the text the downloaded notebook carries.
    for_page : callable
        Markdown cell text -> the HTML the page shows for it.
    site : str
        The address of the site, for the set-up check.

    Notes
    -----
    The site builds its notebooks in threads, one kernel each. Everything but
    the kernel's run holds [`SHARED`][sitebuild.cache.SHARED].
    """
    with SHARED:
        notebook = with_setup(read(source), RUN_ADDRESS)
        download = with_markdown(notebook, for_download)
        layout = [c.source if c.cell_type == "code" else c.cell_type for c in download.cells]
        key = fingerprint(*usage.used_objects(download), extra="\0".join(layout))

    def run() -> bytes:
        executed = execute(download, source.stem, source.parent)
        nbformat.validate(executed)
        return nbformat.writes(executed).encode()

    executed = with_address(
        nbformat.reads(cache.bytes("notebooks", source.stem, key, run, ".ipynb").decode(), as_version=4), site
    )
    download = with_address(download, site)
    with SHARED:
        for shown, original in zip(executed.cells, notebook.cells, strict=True):
            if shown.cell_type == "markdown":
                shown.source = for_download(original.source)  # the prose as it is now: not in the key
                shown.metadata["reglit"] = {"html": for_page(original.source)}
            for output in shown.get("outputs", []):
                if "text/markdown" in output.get("data", {}):
                    output.metadata["reglit"] = {"html": for_page(markdown_output(output))}
    run_page = "../" * uri.count("/") + "run.html"
    executed.metadata["reglit"] = {
        # mkdocs-jupyter caches pages by the notebook's bytes: the template's own go in too.
        "template": _digest(sorted(TEMPLATES.rglob("*.*"))),
        "download": download_button(uri, nbformat.writes(download).encode(), run_page),
    }
    return nbformat.writes(executed).encode()


def with_pictures(content: bytes, picture: Callable[[str, float | None], str]) -> bytes:
    """An executed notebook whose cells that draw a site figure show the site's drawing of it on the page.

    ``picture(name, value)`` gives the HTML of that drawing (both palettes, wide
    and narrow, with its alt text), for the figure ``name`` or the frame at
    ``value`` of an explorable figure, as [`shown_figures`][sitebuild.usage.shown_figures]
    finds them; it goes in the cell's metadata, where the page's template
    puts it in place of the PNG the kernel drew from the same function. The
    build adds them once the figures are drawn.
    """
    notebook = nbformat.reads(content.decode(), as_version=4)
    for index, (name, value) in usage.shown_figures(notebook).items():
        notebook.cells[index].metadata["reglit"] = {"picture": picture(name, value)}
    return nbformat.writes(notebook).encode()


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(TEMPLATES).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
