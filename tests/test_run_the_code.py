"""A reader's path, end to end: reglit from the built site, notebooks from their download buttons.

Each environment is a fresh virtual environment in a temporary folder, outside
the checkout, that sees nothing of it: the wheel comes from the built site, the
notebooks from their pages' download buttons (in Chromium), the commands from
the "Run the code" page as a reader sees it. The offline copy is the archive,
unpacked, and its commands and notebooks run in a network namespace with only
the loopback interface (``unshare``): no network at all.

Third-party libraries come from the package index (pinned by constraints.txt,
so that a new release elsewhere cannot break this test); the offline
environment gets them before the network goes, as the page tells readers to.
"""

from __future__ import annotations

import ast
import base64
import re
import zipfile
from pathlib import Path

import nbformat
import pytest

import reglit
from sitebuild import archive, distributions
from sitebuild.notebooks import setup_cell
from tests.support import ROOT, Environment, download_notebooks, page_commands

NOTEBOOKS = sorted(p.stem for p in (ROOT / "docs" / "notebooks").glob("*.py"))
TOOLS = ["nbclient", "ipykernel"]  # what Jupyter runs a notebook with; lighter than all of JupyterLab
CONSTRAINTS = ["-c", str(ROOT / "constraints.txt")]


def _text(cell) -> str:
    """What a cell printed and showed, as text."""
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs)


def _setup_output(env: Environment, notebook: Path) -> str:
    """What the notebook's set-up cell prints in the environment as it is."""
    cell = _first_code_cell(notebook)
    script = env.folder / "setup_cell.py"
    script.write_text(cell.source)
    return env.run(str(script)).stdout


def _first_code_cell(notebook: Path):
    return next(c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code")


def _fix(output: str) -> str:
    (command,) = [line for line in output.splitlines() if line.startswith("%pip install ")]
    return command


def _check_executed(executed: nbformat.NotebookNode, name: str) -> None:
    ready = _text(next(c for c in executed.cells if c.cell_type == "code"))
    assert ready.startswith(f"Ready: reglit {reglit.__version__}"), (name, ready)
    code = [c for c in executed.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, (name, errors)
    reports = [_text(c) for c in executed.cells if c.cell_type == "code" and "check(" in c.source]
    assert len(reports) >= 2 and all("not right yet" in r for r in reports), (name, reports)


def _report(label: str, env: Environment) -> None:
    timings = ", ".join(f"{what} {seconds:.1f} s" for what, seconds in env.times.items())
    print(f"\n{label}: {timings}")


@pytest.fixture(scope="module")
def wheel_url(server) -> str:
    return f"{server}/{distributions.FOLDER}/{distributions.names()['wheel']}"


def _modules() -> list[str]:
    """Every module of the package in the checkout, as a dotted name."""
    names = []
    for path in sorted((ROOT / "reglit").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


_IMPORT_EVERY_MODULE = """\
import importlib, sys
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    assert module.__file__.startswith(sys.prefix), (name, module.__file__)
"""


def test_from_the_hosted_site(site, server, browser, wheel_url, tmp_path):
    """The reader follows "From this site": pip installs the wheel's address, then runs a notebook.

    Before Jupyter goes in, the environment holds the wheel and what it
    declares, nothing else: every module of reglit imports there.
    """
    commands = page_commands(browser, f"{server}/run.html")
    assert wheel_url in commands["from-this-site"]
    env = Environment(tmp_path / "reader")
    env.pip(commands["from-this-site"], *CONSTRAINTS)
    script = env.folder / "import_every_module.py"
    script.write_text(_IMPORT_EVERY_MODULE)
    assert len(_modules()) > 10
    env.run("-I", str(script), *_modules(), what="import every module")
    env.run("-m", "pip", "install", "--quiet", *CONSTRAINTS, *TOOLS, what="install")
    downloads = download_notebooks(browser, server, tmp_path / "downloads", NOTEBOOKS)
    for name, notebook in downloads.items():
        assert f'SITE = "{server}/"' in _first_code_cell(notebook).source, name  # filled in by the page
    # One notebook runs here, one whose data come from scikit-learn, which reglit declares: every
    # notebook runs in the offline test below, with no network.
    _check_executed(env.execute(downloads["diabetes"]), "diabetes")
    # The source distribution installs too: pip builds it, with hatchling from the package index.
    sdist = commands["from-the-source-distribution"]
    assert f"{server}/{distributions.FOLDER}/{distributions.names()['sdist']}" in sdist
    env.pip(sdist, "--force-reinstall", "--no-deps", what="install the sdist")
    script = "import reglit, sys; print(reglit.__version__, reglit.__file__.startswith(sys.prefix))"
    assert env.run("-c", script).stdout.split() == [reglit.__version__, "True"]
    _report("hosted site: install and run", env)


def test_from_an_unpacked_offline_copy_with_no_network(site, browser, tmp_path):
    """The reader unpacks the archive, installs what the page says first, then works with no network."""
    with zipfile.ZipFile(archive.pack(site, tmp_path / "reglit-site.zip")) as zipped:
        zipped.extractall(tmp_path / "unpacked")
    copy = tmp_path / "unpacked" / archive.FOLDER
    wheel = (copy / distributions.FOLDER / distributions.names()["wheel"]).as_uri()
    commands = page_commands(browser, (copy / "run.html").as_uri())
    assert wheel in commands["then-with-no-network"]

    env = Environment(tmp_path / "reader", offline=True)
    first = commands["first-while-online"].split()  # what the page says to install first, while online
    assert first[:4] == ["python", "-m", "pip", "install"] and "jupyterlab" in first
    first = " ".join(word for word in first if word != "jupyterlab")
    env.pip(first, *TOOLS, *CONSTRAINTS, network=True, what="install first, online")
    downloads = download_notebooks(browser, copy.as_uri(), tmp_path / "downloads", NOTEBOOKS)

    # With no network: the page's command installs reglit from the copy.
    env.pip(commands["then-with-no-network"], what="install reglit, offline")
    for name, notebook in downloads.items():
        assert f'SITE = "{copy.as_uri()}/"' in _first_code_cell(notebook).source, name
        _check_executed(env.execute(notebook), name)

    # Without reglit, the first cell prints the one command that fixes it, and that command does.
    env.run("-m", "pip", "uninstall", "--yes", "--quiet", "reglit")
    output = _setup_output(env, downloads["sparsity"])
    assert "Traceback" not in output
    assert _fix(output) == f"%pip install --no-index {wheel}"  # from a file: copy, pip stays offline
    env.pip(_fix(output), what="install reglit, offline")
    assert _setup_output(env, downloads["sparsity"]).startswith(f"Ready: reglit {reglit.__version__}")
    _report("offline copy: install and run", env)


def test_the_first_cell_names_each_missing_piece_and_one_command(tmp_path):
    """Another reglit, too old a numpy and no scikit-learn: one command fixes all three."""
    env = Environment(tmp_path / "reader")
    (site_packages,) = (env.folder / "env" / "lib").glob("python3.*/site-packages")
    for name, version in (("reglit", "0.0.1"), ("numpy", "1.24.0"), ("matplotlib", "3.9.0")):
        dist = site_packages / f"{name}-{version}.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    script = env.folder / "setup.py"
    script.write_text(setup_cell(["numpy", "matplotlib", "scikit-learn"], "https://example.org/site/"))
    output = env.run(str(script)).stdout
    assert f"reglit {reglit.__version__} is needed, found 0.0.1." in output
    assert "numpy >= 2.0 is needed, found 1.24.0." in output
    assert "matplotlib" not in output.replace("Run this", "")  # 3.9.0 is recent enough
    assert "scikit-learn >= 1.5 is needed, found none." in output
    wheel = f"https://example.org/site/packages/{distributions.names()['wheel']}"
    assert _fix(output) == f'%pip install {wheel} "numpy>=2.0" "scikit-learn>=1.5"'


def test_every_notebook_has_the_set_up_cell_first_with_this_version(site):
    """One version: each notebook's check names reglit.__version__, as the wheel and footer do.

    And it asks for every distribution the served wheel requires, at the lowest version it requires.
    """
    wheel = site / distributions.FOLDER / distributions.names()["wheel"]
    with zipfile.ZipFile(wheel) as zipped:
        meta = zipped.read(f"reglit-{reglit.__version__}.dist-info/METADATA").decode()
    declared = {
        name: tuple(int(n) for n in least.split("."))
        for name, least in re.findall(r"^Requires-Dist: ([\w-]+)>=([\d.]+)$", meta, re.MULTILINE)
    }
    assert sorted(declared) == ["matplotlib", "numpy", "scikit-learn", "scipy"]
    for name in NOTEBOOKS:
        html = (site / "notebooks" / f"{name}.html").read_text()
        data = re.search(r'href="data:application/x-ipynb\+json;base64,([^"]+)"', html).group(1)
        notebook = nbformat.reads(base64.b64decode(data).decode(), as_version=4)
        code = next(c for c in notebook.cells if c.cell_type == "code")
        assert code.source.startswith("# Set-up check"), name
        assert f'REGLIT = "{reglit.__version__}"' in code.source, name
        needs = re.search(r"^NEEDS = (\{.*?^\})$", code.source, re.MULTILINE | re.DOTALL).group(1)
        wanted = ast.literal_eval(needs)
        assert wanted == declared, name  # the printed command installs the wheel: it needs all of them


def test_from_an_offline_copy_only_reglit_is_installed_without_a_network(tmp_path):
    """The copy carries reglit's wheel, not NumPy or scikit-learn: those get a command of their own."""
    env = Environment(tmp_path / "reader")
    (site_packages,) = (env.folder / "env" / "lib").glob("python3.*/site-packages")
    for name, version in (("reglit", "0.0.1"), ("numpy", "1.24.0")):
        dist = site_packages / f"{name}-{version}.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    script = env.folder / "setup.py"
    script.write_text(setup_cell(["numpy", "scikit-learn"], "file:///home/reader/reglit-site/"))
    commands = [line for line in env.run(str(script)).stdout.splitlines() if line.startswith("%pip install ")]
    wheel = f"file:///home/reader/reglit-site/packages/{distributions.names()['wheel']}"
    assert commands == [
        '%pip install "numpy>=2.0" "scikit-learn>=1.5"  # while online',
        f"%pip install --no-index {wheel}",
    ]
