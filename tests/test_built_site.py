"""The built site, read as files: formulas registered and linked, figures and numbers generated."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from reglit.figures import FIGURES
from reglit.formulas import FORMULAS, battery, verify
from sitebuild.typeset import needs_registry
from tests.support import ROOT

CHAPTERS = sorted((ROOT / "docs" / "chapters").glob("*.md"))
_DISPLAYED = re.compile(r'<div class="math display" data-tex="([^"]*)" data-formula="([^"]*)"')
_LINK = re.compile(
    r'data-formula="([^"]+)"[^>]*>.*?<p class="formula-source">computed by <a href="([^"]+)">', re.DOTALL
)


def _pages(site: Path):
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_shown_formula_is_registered_and_verified(site):
    shown = set()
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        for tex, name in _DISPLAYED.findall(text):
            assert html.unescape(tex) == FORMULAS[name].latex, f"{page.relative_to(site)}: {name}"
            shown.add(name)
        for tex in re.findall(r'<span class="math" data-tex="([^"]*)"', text):
            assert not needs_registry(html.unescape(tex), False), f"{page.relative_to(site)}: {tex}"
    assert shown, "no formula found on the site"
    for name in sorted(shown):
        assert verify(FORMULAS[name], battery(FORMULAS[name])) is None, name
    print(f"\n{len(shown)} registered formulas shown: {', '.join(sorted(shown))}")


_FORMULA = re.compile(r'<(?:div|span) class="math( display)?" data-tex="([^"]*)"[^>]*>')


def _formulas(text: str):
    """(display, tex, the opening svg tag, the MathML or "") of each formula on a page."""
    starts = list(_FORMULA.finditer(text))
    for start, end in zip(starts, [*starts[1:], None], strict=False):
        body = text[start.end() : end.start() if end else len(text)]
        svg = re.match(r"<svg[^>]*>", body)
        mathml = re.search(r"<math[ >].*?</math>", body, re.DOTALL)
        yield start.group(1), start.group(2), svg.group() if svg else "", mathml.group() if mathml else ""


_MATHML = "{http://www.w3.org/1998/Math/MathML}"


def _canonical(element) -> list:
    """A MathML tree as (node, content) pairs, rows and styles dissolved: what a formula says."""
    tag = element.tag.removeprefix(_MATHML)
    if tag in ("math", "mrow", "mstyle", "TeXAtom", "mpadded"):
        return [part for child in element for part in _canonical(child)]
    if tag in ("mi", "mo", "mn", "mtext"):
        return [(tag, (element.text or "").strip())]
    if tag == "mspace":
        return []
    return [(tag, tuple(tuple(_canonical(child)) for child in element))]


def test_every_formula_gives_assistive_technology_the_mathml_mathjax_gives(site):
    """Each formula's drawing is hidden from assistive technology and followed by MathML; that
    MathML says what MathJax's own TeX-to-MathML (npm @mathjax/src) says of the same TeX: the same
    identifiers, numbers, operators and structure, formula by formula."""
    import xml.etree.ElementTree as ET

    shown: dict[tuple[str, bool], set[str]] = {}
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        for display, tex, svg, mathml in _formulas(text):
            where = f"{page.relative_to(site)}: {html.unescape(tex)!r}"
            assert mathml, f"{where} has no MathML"
            assert 'aria-hidden="true"' in svg and "role=" not in svg and "aria-label" not in svg, where
            assert mathml.startswith('<math display="block">' if display else "<math>"), where
            shown.setdefault((html.unescape(tex), bool(display)), set()).add(mathml)
    assert len(shown) > 50
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "tex2mml.cjs")],
        input=json.dumps(list(shown)),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    for (tex, display), theirs in zip(shown, json.loads(result.stdout), strict=True):
        expected = _canonical(ET.fromstring(theirs))
        for ours in shown[tex, display]:
            mathml = ours.replace("<math", f'<math xmlns="{_MATHML[1:-1]}"', 1)
            assert _canonical(ET.fromstring(mathml)) == expected, tex


def test_no_page_shows_a_restructuredtext_role(site):
    """Cross-references are written as mkdocstrings resolves them, never as :func:`...`."""
    for page in _pages(site):
        text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
        assert not re.search(r":(func|mod|class|data|meth|attr|obj):", text), page
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not re.search(r":(func|mod|class|data|meth|attr|obj):", json.dumps(index))


def test_every_displayed_formula_links_to_its_function(site):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        displays = text.count('class="math display"')
        links = _LINK.findall(text)
        assert len(links) == displays, page
        for name, href in links:
            target, _, anchor = href.partition("#")
            assert anchor == FORMULAS[name].qualname
            reference = (page.parent / target).resolve()
            assert f'id="{anchor}"' in reference.read_text(encoding="utf-8"), f"{page}: {href}"


def test_no_raw_math_or_directive_survives(site):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert 'class="arithmatex"' not in text, page
        prose = re.sub(r"<pre.*?</pre>|<code.*?</code>", "", text, flags=re.DOTALL)
        assert "{{" not in prose, page


_TEX = re.compile(r"\\(?:[A-Za-z]{2,}|[{}_,;])|\$\$|\\[()[\]]")


def _shown_text(html_text: str) -> str:
    """What a page shows as text: no markup, no code (blocks and spans, which may document TeX), no drawn
    math; a notebook's plain outputs stay."""
    text = re.sub(
        r"<script.*?</script>|<style.*?</style>|<math.*?</math>|<svg.*?</svg>", "", html_text, flags=re.S
    )
    code = r'<div class="[^"]*\bhighlight\b[^"]*">.*?</div>|<code.*?</code>'  # code shown as code
    text = re.sub(code, "", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def test_every_docstring_example_reads_as_code(site):
    """An example with no "Examples" heading above it would render its prompts as nested quotations."""
    for page in sorted((site / "reference").glob("*.html")):
        assert "<blockquote>" not in page.read_text(encoding="utf-8"), page


def test_no_page_shows_raw_tex(site):
    """Math is drawn, or written in Unicode: outputs (an exercise's report) and prose hold no TeX."""
    for page in _pages(site):
        found = _TEX.search(_shown_text(page.read_text(encoding="utf-8")))
        assert not found, f"{page}: {found.string[max(0, found.start() - 60) : found.end() + 60]!r}"
    assert _TEX.search(_shown_text("<p>It should follow:  S_t(W) = \\operatorname{sign}(W)</p>"))
    assert not _TEX.search(_shown_text('<div class="highlight"><pre>r"\\lambda"</pre></div><p>λ</p>'))


def test_every_figure_is_generated_shown_and_described(site):
    for name, spec in FIGURES.items():
        for theme in ("light", "dark"):
            svg = site / "figures" / theme / f"{name}.svg"
            assert svg.exists() and svg.stat().st_size < 100_000, svg
        assert spec.caption.endswith("?") and len(spec.alt) > 60 and "]" not in spec.alt
        pages = [
            p for p in _pages(site) if f"figures/light/{name}.svg#only-light" in p.read_text(encoding="utf-8")
        ]
        assert pages, f"figure {name} is on no page"
    for page in _pages(site):
        for alt in re.findall(r'<img [^>]*alt="([^"]*)"', page.read_text(encoding="utf-8")):
            assert alt.strip(), f"{page}: image without alt text"


def test_no_image_is_committed_under_docs():
    tracked = subprocess.run(
        ["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    images = [f for f in tracked.stdout.split() if re.search(r"\.(png|jpe?g|gif|svg|webp)$", f, re.I)]
    assert not images


def test_no_page_refers_to_another_host(site):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        for attribute in re.findall(
            r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="([^"]+)"', text
        ):
            assert not re.match(r"^(https?:)?//", attribute), f"{page}: {attribute}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_follows_the_rhythm(chapter):
    text = chapter.read_text(encoding="utf-8")
    assert "## The idea" in text
    assert "{{ formula:" in text, "no formula"
    assert "{{ source:" in text, "no code from reglit"
    assert "{{ figure:" in text or "{{ explore:" in text, "no figure"
    assert "## Check yourself" in text and text.count('??? question "') >= 2
    order = [text.index(mark) for mark in ("## The idea", "{{ formula:", "## Check yourself")]
    assert order == sorted(order)


def test_every_public_name_is_in_the_api_reference(site):
    import reglit

    reference = " ".join(p.read_text(encoding="utf-8") for p in (site / "reference").glob("*.html"))
    for name in reglit.__all__:
        assert re.search(rf'id="reglit\.\w+\.{name}"', reference), name


def test_every_page_names_the_version_it_was_built_from(site):
    import reglit

    for page in _pages(site):
        footer = page.read_text(encoding="utf-8").split('<footer class="md-footer">', 1)[-1]
        assert f"reglit {reglit.__version__}." in footer, page
