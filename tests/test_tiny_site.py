"""The build machinery on a tiny site of its own (tests/data/tiny): the hooks from Markdown to HTML.

Three pages and a reference page, no notebooks and no plugins but the hooks: what
the directives, the chapter numbers and the math become in the HTML, and a false
claim stopping the build. Built after the session's site, whose drawings it reads.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.support import ROOT, build_env

TINY = ROOT / "tests" / "data" / "tiny"
pytestmark = pytest.mark.xdist_group("tiny")  # one process builds the tiny site, and checks it


def _build(project, destination, caches, site_caches) -> subprocess.CompletedProcess:
    env = build_env(caches, project) | {"REGLIT_CACHE_ALSO": str(site_caches / "reglit")}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def tiny(site, site_caches, tmp_path_factory):
    """The tiny site, built once, after the session's site (its drawings and values are cache hits)."""
    folder = tmp_path_factory.mktemp("tiny")
    result = _build(TINY, folder / "site", folder / "caches", site_caches)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


def test_chapters_are_numbered_and_linked_by_their_place_in_the_nav(tiny):
    assert '<a href="chapters/two.html">chapter 2</a>' in (tiny / "index.html").read_text()
    one, two = ((tiny / "chapters" / f"{n}.html").read_text() for n in ("one", "two"))
    assert re.search(r"<h1[^>]*>1\. First", one) and re.search(r"<h1[^>]*>2\. Second", two)
    assert '<a href="one.html">chapter 1</a>' in two


def test_values_and_formulas_are_filled_in_and_code_is_shown_as_written(tiny):
    one = (tiny / "chapters" / "one.html").read_text()
    assert "takes a weight of 10 to 9.8." in one
    assert 'data-formula="l2_step_penalty_only"' in one and "<svg" in one
    assert 'computed by <a href="../reference/updates.html#reglit.updates.l2_step">' in one
    assert "{{ value: no_such.experiment }} and a false claim. {{ check: 1 &gt; 2 }}" in one
    assert "<code>{{ formula: no_such }}</code>" in one
    assert "{{ value: l2_one_step" not in one and "{{ check: l2_one_step" not in one


def test_a_false_claim_stops_the_build_naming_the_page_and_the_sentence(tiny, site_caches, tmp_path):
    project = shutil.copytree(TINY, tmp_path / "tiny")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("../../../sitebuild/hooks.py", str(ROOT / "sitebuild" / "hooks.py"))
    )
    chapter = project / "docs" / "chapters" / "one.md"
    chapter.write_text(chapter.read_text() + "\nThe weight grew. {{ check: l2_one_step.after.large > 10 }}\n")
    result = _build(project, tmp_path / "site", tmp_path / "caches", site_caches)
    assert result.returncode != 0
    assert 'chapters/one.md: the claim "The weight grew." does not hold' in result.stderr
