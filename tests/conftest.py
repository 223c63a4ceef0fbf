"""Fixtures for the site tests: one strict build of the site, a local server, a browser."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support import CHROMIUM_FLAGS, ROOT, build_site, chromium, serve

CHROMIUM = chromium()


@pytest.fixture(scope="session", autouse=True)
def site_caches(tmp_path_factory) -> Path:
    """The caches of the session's clean build (empty before it), and where the other tests cache.

    Tests write their own entries into a folder of their own; they read the clean
    build's entries and the working tree's, and never write there.
    """
    caches = tmp_path_factory.mktemp("caches")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGLIT_CACHE", str(tmp_path_factory.mktemp("test-cache") / "reglit"))
        patch.setenv(
            "REGLIT_CACHE_ALSO", os.pathsep.join([str(caches / "reglit"), str(ROOT / ".cache" / "reglit")])
        )
        yield caches


def pytest_collection_modifyitems(items):
    """Tests that need the built site, a server or a browser are marked ``built``: make check skips them."""
    for item in items:
        if {"site", "server", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.built)


@pytest.fixture(scope="session")
def site(tmp_path_factory, site_caches) -> Path:
    """The site, built once per test session from scratch."""
    destination = tmp_path_factory.mktemp("site")
    result = build_site(destination, site_caches)
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


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
def screenshots() -> Path:
    """Where the browser tests put a screenshot of each page, in each palette."""
    folder = ROOT / "build" / "screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"\nscreenshots: {folder}")
    return folder
