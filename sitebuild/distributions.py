"""reglit's wheel and sdist, built while the site builds, so that readers install reglit from the site.

The build copies what a distribution is made of (``pyproject.toml``,
``README.md``, ``LICENSE``, ``reglit/``) into a temporary folder, builds the
sdist there with hatchling, the backend pyproject.toml names, and the wheel from
the unpacked sdist, as ``python -m build`` does (so a file missing from the sdist
breaks the wheel, and the build). hatchling writes sorted entries, fixed modes
and owners and ``SOURCE_DATE_EPOCH`` times by itself: the same commit gives the
same bytes on every machine (a test builds from a checkout with other file times
and modes). The site serves them under ``packages/``
([`FOLDER`][sitebuild.distributions.FOLDER]).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

import reglit
from sitebuild.cache import Key

FOLDER = "packages"
"""Where the site serves the distributions: ``packages/reglit-VERSION-py3-none-any.whl``."""

SOURCES = ("LICENSE", "README.md", "pyproject.toml", "reglit")
"""What the distributions are built from, relative to the project folder."""

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"

_BACKEND = "import sys; from hatchling import build; print(getattr(build, sys.argv[1])(sys.argv[2]))"


def names(version: str = reglit.__version__) -> dict[str, str]:
    """The file names of the distributions of a version (PEP 427 and PEP 625).

    Examples
    --------
    >>> names("0.1.0")
    {'wheel': 'reglit-0.1.0-py3-none-any.whl', 'sdist': 'reglit-0.1.0.tar.gz'}
    """
    return {"wheel": f"reglit-{version}-py3-none-any.whl", "sdist": f"reglit-{version}.tar.gz"}


def _project() -> dict:
    """pyproject.toml's ``[project]`` table: what the wheel's metadata is made from."""
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]


def dependencies() -> list[str]:
    """The distributions reglit declares it needs to run, in pyproject.toml's order.

    Installing the wheel needs every one of them, whatever a notebook imports:
    the notebooks' set-up check asks for these.
    """
    return [Requirement(r).name for r in _project()["dependencies"]]


def lowest(name: str) -> str:
    """The lowest version of ``name`` that reglit declares (``"numpy"`` -> ``"2.0"``), or of ``"python"``.

    Read with ``packaging`` from pyproject.toml, which the wheel's metadata is
    made from (an installed copy's metadata may add what its installer needed,
    such as an editable install's helpers): ``requires-python`` and the
    dependencies. Pages and the notebooks' set-up check name these versions.

    Raises
    ------
    KeyError
        When reglit declares no lowest version of ``name``.
    """
    project = _project()
    if name == "python":
        requirements = [Requirement(f"python{project['requires-python']}")]
    else:
        requirements = [Requirement(r) for r in project["dependencies"]]
    for requirement in requirements:
        if requirement.name == name:
            for specifier in requirement.specifier:
                if specifier.operator == ">=":
                    return specifier.version
    raise KeyError(f"pyproject.toml declares no lowest version of {name}")


def sources(project: Path) -> list[Path]:
    """The files the distributions are built from, sorted; caches and bytecode left out."""
    found = []
    for name in SOURCES:
        path = Path(project) / name
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        found += [
            p for p in candidates if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
        ]
    return found


def key(project: Path) -> Key:
    """A cache key over the sources' bytes, the hatchling that builds them and ``SOURCE_DATE_EPOCH``."""
    parts = {"hatchling": metadata.version("hatchling"), "epoch": os.environ.get("SOURCE_DATE_EPOCH", "")}
    for path in sources(project):
        parts[path.relative_to(project).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    digest = hashlib.sha256(repr(sorted(parts.items())).encode()).hexdigest()[:16]
    return Key(digest, parts)


def build(project: Path) -> dict[str, bytes]:
    """Build the sdist and, from it, the wheel; return file name -> bytes.

    Raises
    ------
    RuntimeError
        When hatchling fails (its output is in the message) or names the files
        other than [`names`][sitebuild.distributions.names] expects.
    """
    project = Path(project)
    expected = names()
    with tempfile.TemporaryDirectory(prefix="reglit-dist-") as folder:
        work, out = Path(folder) / "project", Path(folder) / "dist"
        for path in sources(project):
            target = work / path.relative_to(project)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        sdist = out / _backend("build_sdist", work, out)
        if sdist.name != expected["sdist"]:
            raise RuntimeError(f"hatchling built {sdist.name}, not {expected['sdist']}")
        with tarfile.open(sdist) as archive:
            archive.extractall(Path(folder) / "unpacked", filter="data")
        unpacked = Path(folder) / "unpacked" / sdist.name.removesuffix(".tar.gz")
        wheel = out / _backend("build_wheel", unpacked, out)
        if wheel.name != expected["wheel"]:
            raise RuntimeError(f"hatchling built {wheel.name}, not {expected['wheel']}")
        return {wheel.name: wheel.read_bytes(), sdist.name: sdist.read_bytes()}


def _backend(hook: str, folder: Path, out: Path) -> str:
    """Run a PEP 517 hook of hatchling in ``folder``, in a child process; the file name it built."""
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-c", _BACKEND, hook, str(out)]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"hatchling {hook} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout.strip().splitlines()[-1]
