"""Words a learner can follow: every glossary term is defined once, and linked wherever it comes first.

The glossary page is the registry: each ``## Term`` entry names the chapter
that explains it (``{{ chapter: NAME }}``) and the term's written forms (an
HTML comment, ``<!-- forms: ... -->``). The reading order is the home page, then
the chapters in the order of the navigation. On a page before the explaining
chapter, the term's first use must link to its glossary entry (or be part of a
chapter's title, linked to that chapter); in the explaining chapter, its first
use must be its definition, in bold or italics, or that link. Headings, code,
math and directives are not prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from sitebuild.navigation import chapters
from tests.support import ROOT

DOCS = ROOT / "docs"


@dataclass(frozen=True)
class Term:
    name: str
    anchor: str
    chapter: str  # its source path, chapters/NAME.md
    pattern: re.Pattern


def _terms() -> list[Term]:
    text = (DOCS / "glossary.md").read_text(encoding="utf-8")
    terms = []
    for entry in text.split("\n## ")[1:]:
        name, body = entry.split("\n", 1)
        chapter = re.search(r"\{\{ chapter: ([\w-]+) \}\}", body)
        forms = re.search(r"<!-- forms: (.*?) -->", body)
        assert chapter and forms, f"glossary entry {name!r} needs its chapter and its forms"
        alternatives = "|".join(
            re.escape(form.strip()).replace(r"\ ", r"\s+") for form in forms.group(1).split(",")
        )
        anchor = re.sub(r"[^\w-]", "", name.lower().replace(" ", "-"))
        terms.append(
            Term(
                name,
                anchor,
                f"chapters/{chapter.group(1)}.md",
                re.compile(rf"(?<![-\w])(?:{alternatives})\b", re.I),
            )
        )
    return terms


TERMS = _terms()


def _reading_order() -> list[str]:
    from mkdocs.config import load_config

    return ["index.md", *chapters(load_config(str(ROOT / "mkdocs.yml")).nav)]


ORDER = _reading_order()

_HIDDEN = re.compile(
    r"```.*?```"  # code blocks
    r"|`[^`\n]*`"  # code
    r"|\$\$.*?\$\$|\$[^$\n]*\$"  # math
    r"|\{\{.*?\}\}"  # directives: values, formulas, checks, figures
    r"|<!--.*?-->"
    r"|^#[^\n]*$",  # headings: a title names its topic, it does not use a term in passing
    re.S | re.M,
)
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)[^)]*\)")


def _prose(page: str) -> str:
    """A page's words as a reader meets them, each hidden span blanked (positions and lines kept)."""
    text = (DOCS / page).read_text(encoding="utf-8")
    return _HIDDEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _first_use(term: Term, prose: str) -> tuple[int, str] | None:
    """Where the term first appears on a page, and how: "link" to its entry, "defined", or "bare"."""
    match = term.pattern.search(prose)
    if not match:
        return None
    for link in _LINK.finditer(prose):
        if link.start(1) <= match.start() < link.end(1):
            # its glossary entry, or a chapter's title naming it on the way to that chapter
            target = link.group(2)
            linked = target.endswith(f"glossary.md#{term.anchor}") or re.search(
                r"chapters/[\w-]+\.md$", target
            )
            return match.start(), "link" if linked else "bare"
    before, after = prose[: match.start()], prose[match.end() :]
    marked = re.search(r"(\*\*|\*)[^*\n]*$", before) and re.match(r"[^*\n]*(\*\*|\*)", after)
    return match.start(), "defined" if marked else "bare"


def test_the_glossary_explains_each_term_in_a_chapter_of_the_book():
    assert len(TERMS) >= 20
    assert all(term.chapter in ORDER for term in TERMS), [t.name for t in TERMS if t.chapter not in ORDER]
    names = [term.name for term in TERMS]
    assert names == sorted(names, key=str.lower), "glossary entries in alphabetical order"


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.anchor)
def test_a_term_is_linked_wherever_it_comes_before_its_definition(term):
    defining = ORDER.index(term.chapter)
    where = _first_use(term, _prose(term.chapter))
    assert where and where[1] in ("defined", "link"), (
        f"{term.chapter}: {term.name!r} is not defined at its first use"
    )
    assert re.search(
        rf"(\*\*|\*)[^*\n]*{term.pattern.pattern}[^*\n]*(\*\*|\*)", _prose(term.chapter), re.I
    ), f"{term.chapter} never defines {term.name!r} in bold or italics"
    unlinked = []
    for page in ORDER[:defining]:
        prose = _prose(page)
        where = _first_use(term, prose)
        if where and where[1] != "link":
            line = prose.count("\n", 0, where[0]) + 1
            unlinked.append(f"{page}:{line}")
    assert not unlinked, (
        f"{term.name!r} is used before {term.chapter} explains it, without a link: {unlinked}"
    )


def test_a_glossary_link_names_an_entry():
    anchors = {term.anchor for term in TERMS}
    for page in ORDER:
        targets = re.findall(r"glossary\.md#([\w-]+)", (DOCS / page).read_text(encoding="utf-8"))
        assert set(targets) <= anchors, (page, set(targets) - anchors)
