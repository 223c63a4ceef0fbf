"""The wheel the site serves carries every module and file of the package, and the same bytes every build."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import reglit
from reglit.site import packages
from tests.support import ROOT, project_copy


@pytest.fixture(scope="module")
def wheel(site) -> Path:
    """The wheel the built site serves, as readers download it."""
    return site / packages.FOLDER / packages.names()["wheel"]


def _modules() -> list[str]:
    """Every module of the package in the checkout, as a dotted name."""
    names = []
    for path in sorted((ROOT / "reglit").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_wheel_holds_every_module_the_template_and_the_licence(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "reglit"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    assert tracked
    for path in tracked:
        assert path in names, path
    assert {n for n in names if n.startswith("reglit/")} == set(tracked), (
        "the wheel holds files the project does not"
    )
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    assert f"\nVersion: {reglit.__version__}\n" in zipfile.ZipFile(wheel).read(metadata).decode()
    assert "reglit.site" in _modules() and "reglit.site.notebooks" in _modules()


def test_every_module_imports_from_a_clean_environment_outside_the_checkout(wheel, tmp_path):
    """A fresh virtual environment gets the wheel and nothing of the checkout.

    Third-party libraries come from this interpreter's site-packages through a
    path file; the editable install of reglit there is not activated (path
    files inside an added folder are not read), so ``reglit`` can only be the wheel's.
    """
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    python = env / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    script = (
        "import importlib, sys\n"
        f"for name in {_modules()!r}:\n"
        "    module = importlib.import_module(name)\n"
        f"    assert module.__file__.startswith({str(env)!r}), (name, module.__file__)\n"
        "print(len(sys.modules))\n"
    )
    result = subprocess.run(
        [str(python), "-I", "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_distributions_are_the_same_bytes_from_another_checkout(site, tmp_path):
    """Another checkout (other file times, a group-writable umask) gives the bytes the site serves."""
    project = project_copy(tmp_path / "project")
    for path in packages.sources(project):
        os.chmod(path, 0o664)
        os.utime(path, (1_700_000_000, 1_700_000_000))
    served = {name: (site / packages.FOLDER / name).read_bytes() for name in packages.names().values()}
    assert packages.build(project) == served


def test_the_sdist_holds_the_sources_the_wheel_is_built_from(site):
    sdist = site / packages.FOLDER / packages.names()["sdist"]
    with tarfile.open(sdist) as archive:
        members = archive.getmembers()
    top = f"reglit-{reglit.__version__}/"
    files = {m.name.removeprefix(top) for m in members if m.isfile()}
    sources = {p.relative_to(ROOT).as_posix() for p in packages.sources(ROOT)}
    assert sources <= files
    assert {m.uid for m in members} == {0} and {m.mode for m in members if m.isfile()} == {0o644}
    assert {f for f in files if f.startswith("reglit/")} == {s for s in sources if s.startswith("reglit/")}
