"""The README and the contributing page stay true: what they name exists."""

from __future__ import annotations

import re
import tomllib

import pytest

from sitebuild import distributions
from sitebuild.directives import DIRECTIVES, NOTEBOOK
from tests.support import ROOT

PAGES = [ROOT / "README.md", ROOT / "docs" / "contributing.md"]
_CODE = re.compile(r"`([^`\n]+)`")
_PATH = re.compile(r"^\.?[\w.-]+(/[\w.*-]+)+/?$|^[\w-]+\.(py|md|yml|toml|txt|json|j2)$")


def _spans(page) -> list[str]:
    text = page.read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", text, re.DOTALL)
    return _CODE.findall(re.sub(r"```.*?```", "", text, flags=re.DOTALL)) + [
        line.split("#")[0].strip() for block in blocks for line in block.splitlines()
    ]


def _exists(path: str) -> bool:
    if "*" in path:
        return any(ROOT.glob(path))
    bases = (ROOT, ROOT / "docs", ROOT / "tests", ROOT / "benchmarks", ROOT / "sitebuild")
    return any((base / path).exists() for base in bases)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_named_file_exists(page):
    generated = (".cache/", "build/", "site/", ".venv")  # made by the build, not kept in git
    named = [s for s in _spans(page) if _PATH.match(s) and not re.search(r"[A-Z]{3,}", s)]
    assert named, "no file named"
    missing = [s for s in named if not s.startswith(generated) and not _exists(s)]
    assert not missing, missing


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_named_command_and_directive_exists(page):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.MULTILINE))
    spans = _spans(page)
    for span in spans:
        for target in re.findall(r"^make (\w+)", span):
            assert target in targets, f"make {target}"
        for script in re.findall(r"python (\S+\.py)", span):
            assert (ROOT / script).exists(), script
        for module in re.findall(r"python -m (reglit[\w.]+)", span):
            assert (ROOT / module.replace(".", "/")).with_suffix(".py").exists(), module
        for kind in re.findall(r"\{\{\s*(\w+)\s*:", span):
            assert kind in DIRECTIVES, f"directive {kind}"
    assert any(s.startswith("make ") for s in spans) or page.name == "contributing.md"


def test_the_readme_lists_the_directives_of_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `\{\{ (\w+): ([^`]*) \}\}` \| ([\w, ]+) \| (.*) \|$", readme, re.MULTILINE)
    listed = [(name, example, where.split(", "), meaning) for name, example, where, meaning in rows]
    registry = [(name, d.example, sorted(d.where, reverse=True), d.meaning) for name, d in DIRECTIVES.items()]
    assert listed == registry


def test_the_contributing_page_names_what_notebooks_may_use():
    page = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    sentence = page[page.index("Markdown cells may use") :].split(", and are rendered")[0]
    named = re.findall(r"\{\{ (\w+):", sentence)
    assert sorted(named) == sorted(n for n, d in DIRECTIVES.items() if NOTEBOOK in d.where)


def test_the_run_page_names_what_installing_reglit_needs_and_builds_it():
    """The offline step checks every declared dependency; the sdist builds with the declared backend."""
    page = (ROOT / "docs" / "run.md").read_text(encoding="utf-8")
    offline = page[page.index("`--no-index` keeps pip off the network") :].split("are already there")[0]
    assert re.findall(r"\{\{ package: ([\w-]+) \}\}", offline) == distributions.dependencies()
    backend = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    (name,) = [re.match(r"[\w-]+", requirement).group() for requirement in backend]
    assert f"builds the package with {name}," in page
