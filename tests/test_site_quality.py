"""The built site as a whole: links, valid HTML, reproducible builds, the offline copy, a sub-path."""

from __future__ import annotations

import filecmp
import fnmatch
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from sitebuild.archive import FOLDER, LEFT_OUT, pack
from tests.support import ROOT, check_page, search, serve, visit

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Findings of the HTML checker in Material for MkDocs' own templates, which this site does not change.
MATERIAL_TEMPLATE_FINDINGS = [
    # base.html puts autocomplete="off" on its drawer and search toggles, which are checkboxes.
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
]


def test_no_broken_link_anchor_or_asset(site):
    config = ROOT / "tests" / "data" / "linkcheckerrc"
    checker = Path(sys.executable).parent / "linkchecker"
    with tempfile.TemporaryDirectory() as folder:  # LinkChecker run as root reads as nobody: a readable copy
        copy = Path(folder) / "site"
        shutil.copytree(site, copy)
        for path in [Path(folder), *Path(folder).rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        result = subprocess.run(
            [str(checker), "-f", str(config), "--check-extern", "--no-status", str(copy / "index.html")],
            capture_output=True,
            text=True,
        )
    assert result.returncode == 0, result.stdout[-6000:]
    assert "0 warnings found. 0 errors found." in result.stdout


def test_html_is_valid_apart_from_material_template_findings(site):
    assert VNU.exists(), "the HTML checker is missing: `make test` installs it with npm ci"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", str(site)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    unexpected = [
        f"{m['url'].split('/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(
            text in m["message"] and extract in m.get("extract", "")
            for text, extract in MATERIAL_TEMPLATE_FINDINGS
        )
    ]
    assert not unexpected, "\n".join(unexpected[:40])


def _differences(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [*comparison.left_only, *comparison.right_only]
    found += [
        name for name in comparison.common_files if (left / name).read_bytes() != (right / name).read_bytes()
    ]
    for name in comparison.common_dirs:
        found += [f"{name}/{d}" for d in _differences(left / name, right / name)]
    return found


def test_two_clean_builds_are_byte_identical(site, rebuilt_site):
    """The session's site and another built from scratch, from a copy of the project elsewhere, at once."""
    assert _differences(site, rebuilt_site) == []


def test_offline_archive_works_unpacked_anywhere(site, browser, tmp_path):
    archive = pack(site, tmp_path / "reglit-site.zip")
    assert pack(site, tmp_path / "again.zip").read_bytes() == archive.read_bytes()  # reproducible
    unpacked = tmp_path / "somewhere else"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(unpacked)
    root = unpacked / FOLDER
    carried = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    left_out = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - carried
    assert {n for n in left_out if not any(fnmatch.fnmatch(n, pattern) for pattern in LEFT_OUT)} == set()
    assert any(n.endswith(".map") for n in left_out) and "search/search_index.json" in left_out
    assert "search/search_index.js" in carried and any(n.startswith("packages/") for n in carried)
    for page in (p for p in root.rglob("*.html")):  # everything a page refers to is there
        for reference in re.findall(
            r'(?:src|href)="(?![a-z]+:|#)([^"#?]+)', page.read_text(encoding="utf-8")
        ):
            target = (page.parent / reference).resolve()
            assert target.is_file() or (target / "index.html").is_file(), (page.relative_to(root), reference)
    for name in ("index.html", "chapters/sparsity.html", "notebooks/sparsity.html", "reference/updates.html"):
        context, page, outside, errors = visit(browser, (root / name).as_uri(), "file", "light")
        try:
            check_page(page, outside, errors, "light")
        finally:
            context.close()
    context, page, outside, errors = visit(browser, (root / "index.html").as_uri(), "file", "dark")
    try:
        links = search(page, "conclusion")  # a word of that chapter only (test_browser checks it)
        assert links and all(urlparse(link).path.endswith("chapters/sparsity.html") for link in links)
        with page.expect_download() as download:
            page.goto((root / "notebooks" / "sparsity.html").as_uri())
            page.click("a[download]")
        assert download.value.suggested_filename == "sparsity.ipynb"
    finally:
        context.close()


@pytest.fixture(scope="module")
def sub_path_server(site, tmp_path_factory):
    """The site served under /reglit/ on 127.0.0.1, as a project page would be."""
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(site, root / "reglit")
    with serve(root) as base:
        yield f"{base}/reglit"


@pytest.mark.parametrize(
    "name", ["index.html", "chapters/l1-step.html", "notebooks/l1-step.html", "reference/index.html"]
)
def test_site_works_under_a_sub_path(browser, sub_path_server, name):
    context, page, outside, errors = visit(browser, f"{sub_path_server}/{name}", sub_path_server, "light")
    try:
        check_page(page, outside, errors, "light")  # any request outside /reglit/ counts as outside
    finally:
        context.close()
