"""The wheel the site serves carries every module and file of the package, and the same bytes every build."""

from __future__ import annotations

import os
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

import reglit
from sitebuild import distributions
from tests.support import ROOT, project_copy


@pytest.fixture(scope="module")
def wheel(site) -> Path:
    """The wheel the built site serves, as readers download it."""
    return site / distributions.FOLDER / distributions.names()["wheel"]


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
    assert not [n for n in names if n.startswith("sitebuild")], "the wheel holds the build machinery"


def test_the_distributions_are_the_same_bytes_from_another_checkout(site, tmp_path):
    """Another checkout (other file times, a group-writable umask) gives the bytes the site serves."""
    project = project_copy(tmp_path / "project")
    for path in distributions.sources(project):
        os.chmod(path, 0o664)
        os.utime(path, (1_700_000_000, 1_700_000_000))
    served = {
        name: (site / distributions.FOLDER / name).read_bytes() for name in distributions.names().values()
    }
    assert distributions.build(project) == served


def test_the_sdist_holds_the_sources_the_wheel_is_built_from(site):
    sdist = site / distributions.FOLDER / distributions.names()["sdist"]
    with tarfile.open(sdist) as archive:
        members = archive.getmembers()
    top = f"reglit-{reglit.__version__}/"
    files = {m.name.removeprefix(top) for m in members if m.isfile()}
    sources = {p.relative_to(ROOT).as_posix() for p in distributions.sources(ROOT)}
    assert sources <= files
    assert {m.uid for m in members} == {0} and {m.mode for m in members if m.isfile()} == {0o644}
    assert {f for f in files if f.startswith("reglit/")} == {s for s in sources if s.startswith("reglit/")}
