"""Fixtures for the site tests: one strict build of the site, a local server, a browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from tests.support import CHROMIUM_FLAGS, ROOT, chromium, finished_build, project_copy, serve, start_build

CHROMIUM = chromium()


def _shared(tmp_path_factory) -> Path:
    """A folder of this test run that every process of the run sees (pytest-xdist's workers too)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _first(folder: Path, name: str) -> bool:
    """True for the first process of the run to ask about ``name``, False for every later one."""
    with FileLock(folder / f"{name}.lock"):
        marker = folder / f"{name}.claimed"
        if marker.exists():
            return False
        marker.touch()
        return True


CLEAN_BUILDS = {"site": ROOT, "rebuilt_site": None}
"""Fixture -> the project its clean build builds (None: a fresh copy of it, elsewhere)."""


@pytest.fixture(scope="session", autouse=True)
def clean_builds(request, tmp_path_factory) -> Iterator[Path]:
    """The clean builds of the site that the selected tests use, started as the session starts.

    Each runs in the background, once per test run whatever the number of
    processes, while the tests that need no built site run (they come first);
    the fixtures ``site`` and ``rebuilt_site`` wait for theirs.
    """
    folder = _shared(tmp_path_factory) / "clean-builds"
    folder.mkdir(exist_ok=True)
    used = {name for item in request.session.items for name in item.fixturenames} & CLEAN_BUILDS.keys()
    started = []
    for name in sorted(used):
        if _first(folder, name):
            project = CLEAN_BUILDS[name] or project_copy(folder / f"{name}-project")
            started.append(start_build(folder / name, project))
    yield folder
    for process in started:  # another process of the run may still be waiting for it
        process.wait()


@pytest.fixture(scope="session", autouse=True)
def site_caches(clean_builds, tmp_path_factory) -> Iterator[Path]:
    """The caches of the session's clean build, and where the other tests cache.

    Tests write their own entries into a folder of their own; they read the clean
    build's entries (as it makes them) and the working tree's, and never write there.
    """
    caches = clean_builds / "site" / "caches"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGLIT_CACHE", str(tmp_path_factory.mktemp("test-cache") / "reglit"))
        patch.setenv(
            "REGLIT_CACHE_ALSO", os.pathsep.join([str(caches / "reglit"), str(ROOT / ".cache" / "reglit")])
        )
        yield caches


def pytest_collection_modifyitems(items):
    """Tests that need the built site, a server or a browser are marked ``built``, and run last.

    make check leaves them out; in a full run the clean builds they wait for
    run while the other tests do.
    """
    for item in items:
        if {"site", "server", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.built)
    items.sort(key=lambda item: item.get_closest_marker("built") is not None)


def _built(folder: Path) -> Path:
    result = finished_build(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


@pytest.fixture(scope="session")
def site(clean_builds) -> Path:
    """The site, built once per test run from scratch."""
    return _built(clean_builds / "site")


@pytest.fixture(scope="session")
def rebuilt_site(clean_builds) -> Path:
    """The site built again from scratch, from a copy of the project elsewhere, with caches of its own."""
    return _built(clean_builds / "rebuilt_site")


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1 at a free port; stops when the session ends."""
    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing Chromium fails the tests; it never skips them."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where the browser tests put a screenshot of each page, in each palette: emptied once per run."""
    folder = ROOT / "build" / "screenshots"
    if _first(_shared(tmp_path_factory), "screenshots"):
        shutil.rmtree(folder, ignore_errors=True)
        print(f"\nscreenshots: {folder}")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
