"""reglit's wheel and sdist, built while the site builds, so that readers install reglit from the site.

The build copies what a distribution is made of (``pyproject.toml``,
``README.md``, ``LICENSE``, ``reglit/``) into a temporary folder, builds the
sdist there with setuptools' own PEP 517 backend, and the wheel from the
unpacked sdist, as ``python -m build`` does (so a file missing from the sdist
breaks the wheel, and the build). Both archives are then rewritten with sorted
entries, fixed modes, owners and ``SOURCE_DATE_EPOCH`` times: the same commit
gives the same bytes on every machine. The site serves them under
``packages/`` ([`FOLDER`][sitebuild.distributions.FOLDER]).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from importlib import metadata
from pathlib import Path

import setuptools

import reglit
from sitebuild.cache import Key

FOLDER = "packages"
"""Where the site serves the distributions: ``packages/reglit-VERSION-py3-none-any.whl``."""

SOURCES = ("LICENSE", "README.md", "pyproject.toml", "reglit")
"""What the distributions are built from, relative to the project folder."""

_BACKEND = "import sys; from setuptools import build_meta; getattr(build_meta, sys.argv[1])(sys.argv[2])"


def names(version: str = reglit.__version__) -> dict[str, str]:
    """The file names of the distributions of a version (PEP 427 and PEP 625).

    Examples
    --------
    >>> names("0.1.0")
    {'wheel': 'reglit-0.1.0-py3-none-any.whl', 'sdist': 'reglit-0.1.0.tar.gz'}
    """
    return {"wheel": f"reglit-{version}-py3-none-any.whl", "sdist": f"reglit-{version}.tar.gz"}


def lowest(name: str) -> str:
    """The lowest version of ``name`` that reglit declares (``"numpy"`` -> ``"2.0"``), or of ``"python"``.

    Read from reglit's installed metadata, which pyproject.toml writes:
    ``requires-python``, the dependencies, and the extras (scikit-learn is
    in ``docs``). Pages and the notebooks' set-up check name these versions.

    Raises
    ------
    KeyError
        When reglit declares no lowest version of ``name``.
    """
    if name == "python":
        requirements = [f"python{metadata.metadata('reglit')['Requires-Python']}"]
    else:
        requirements = metadata.requires("reglit") or []
    for requirement in requirements:
        found = re.match(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?>=([\d.]+)", requirement)
        if found and found.group(1) == name:
            return found.group(2)
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
    """A cache key over the sources' bytes and the setuptools that builds them."""
    parts = {"setuptools": setuptools.__version__}
    for path in sources(project):
        parts[path.relative_to(project).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    digest = hashlib.sha256(repr(sorted(parts.items())).encode()).hexdigest()[:16]
    return Key(digest, parts)


def build(project: Path) -> dict[str, bytes]:
    """Build the sdist and, from it, the wheel; return file name -> reproducible bytes.

    Raises
    ------
    RuntimeError
        When setuptools fails (its output is in the message) or names the files
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
        _backend("build_sdist", work, out)
        sdist = out / expected["sdist"]
        if not sdist.is_file():
            raise RuntimeError(f"setuptools built {sorted(p.name for p in out.iterdir())}, not {sdist.name}")
        with tarfile.open(sdist) as archive:
            archive.extractall(Path(folder) / "unpacked", filter="data")
        _backend("build_wheel", Path(folder) / "unpacked" / sdist.name.removesuffix(".tar.gz"), out)
        wheel = out / expected["wheel"]
        if not wheel.is_file():
            raise RuntimeError(f"setuptools built {sorted(p.name for p in out.iterdir())}, not {wheel.name}")
        return {
            wheel.name: reproducible_zip(wheel.read_bytes()),
            sdist.name: reproducible_tar(sdist.read_bytes()),
        }


def _backend(hook: str, folder: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-c", _BACKEND, hook, str(out)]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"setuptools {hook} failed:\n{result.stdout}\n{result.stderr}")


def _epoch() -> int:
    return max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)  # zip starts in 1980


def reproducible_zip(data: bytes) -> bytes:
    """A zip (a wheel) with sorted entries, mode 644 and ``SOURCE_DATE_EPOCH`` times; contents kept."""
    stamp = time.gmtime(_epoch())[:6]
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(result, "w") as target:
        for name in sorted(source.namelist(), key=lambda n: (n.endswith("RECORD"), n)):  # RECORD last
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(name), compresslevel=9)
    return result.getvalue()


def reproducible_tar(data: bytes) -> bytes:
    """A gzipped tar (an sdist): sorted members, root-owned, modes 644/755, ``SOURCE_DATE_EPOCH`` times."""
    epoch = _epoch()
    result = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as source:
        members = sorted(source.getmembers(), key=lambda m: m.name)
        with (
            gzip.GzipFile(filename="", mode="wb", fileobj=result, mtime=epoch, compresslevel=9) as zipped,
            tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as target,
        ):
            for member in members:
                content = source.extractfile(member).read() if member.isfile() else None
                member.mtime, member.uid, member.gid, member.uname, member.gname = epoch, 0, 0, "", ""
                member.mode = 0o755 if member.isdir() else 0o644
                member.pax_headers = {}
                target.addfile(member, io.BytesIO(content) if content is not None else None)
    return result.getvalue()
