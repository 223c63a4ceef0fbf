"""The book as one PDF, and print: what the PDF holds, its bookmarks, its bytes, and printed pages."""

from __future__ import annotations

import html
import math
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from sitebuild import pdf
from tests.support import ROOT, visit

BOOK = pdf.pages(ROOT / "mkdocs.yml")
pytestmark = pytest.mark.xdist_group("book")  # one process prints the book, and checks it


@pytest.fixture(scope="module")
def book(site) -> Path:
    """The PDF the session's build printed into the site."""
    return site / pdf.NAME


def _title(site: Path, page: str) -> str:
    return html.unescape(re.search(r"<h1[^>]*>(.*?)<", (site / page).read_text(encoding="utf-8")).group(1))


def test_the_book_holds_every_page_title_and_the_worked_numbers(site, book):
    text = subprocess.run(
        ["pdftotext", "-layout", book, "-"], capture_output=True, text=True, check=True
    ).stdout
    for page in BOOK:
        assert _title(site, page) in text, page
    assert re.search(r"\b9\.8\b", text) and "0.0098" in text  # the worked example, computed by reglit
    assert book.stat().st_size < 15_000_000


def test_the_summary_prints_on_one_a4_sheet(site, browser, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    printed = pdf.write(copy, tmp_path / "summary.pdf", browser, ["summary.html"])
    info = subprocess.run(["pdfinfo", printed], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M), info
    text = subprocess.run(["pdftotext", printed, "-"], capture_output=True, text=True, check=True).stdout
    formulas = re.findall(
        r"\{\{ formula: (\w+) \}\}", (ROOT / "docs" / "summary.md").read_text(encoding="utf-8")
    )
    assert len(formulas) >= 15 and text.count("computed by") == len(formulas), (
        "every formula, with its function"
    )


def test_the_book_has_a_bookmark_per_page_in_order(site, book):
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-stdout", "-i", "-q", book], capture_output=True, text=True
    ).stdout
    outline = ET.fromstring(xml[xml.index("<pdf2xml") :]).find("outline")
    marks = [(item.text, int(item.get("page"))) for item in outline.findall("item")]
    assert [title for title, _ in marks] == [_title(site, page) for page in BOOK]
    assert [page for _, page in marks] == sorted({page for _, page in marks}), "each page starts a new sheet"
    assert len([title for title, _ in marks if re.match(r"\d+\. ", title)]) == 14  # the chapters


def test_the_book_is_dated_by_the_commit(book):
    """The printing's own time replaced by the commit's: two clean builds give the same bytes (a test of
    test_site_quality.py), the PDF included."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    dates = re.findall(rb"/(?:CreationDate|ModDate) ?\(D:(\d{14})", book.read_bytes())
    assert dates and set(dates) == {stamp}


def test_links_in_the_book_stay_in_the_book_or_go_to_the_site(site):
    text = pdf.book(site, BOOK, site_url="https://example.org/reglit/")
    ids = re.findall(r'\bid="([^"]+)"', text)
    assert len(ids) == len(set(ids)), "ids collide between pages"
    pages = "".join(re.findall(r'<section class="book-page".*?</section>', text, re.DOTALL))
    for target in re.findall(r'href="#([^"]+)"', pages):
        assert target in ids, target
    assert 'href="#page-chapters-sparsity"' in text  # a chapter linking another: a link within the PDF
    assert 'href="https://example.org/reglit/run.html' in text  # a page the book leaves out: the site
    assert "data-left-out" in pdf.book(site, BOOK)  # with no public address: plain text


def test_the_home_page_links_the_book_once(site, book, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    assert (site / "index.html").read_text(encoding="utf-8").count('<a href="reglit.pdf" download>') == 1
    pdf.link_home(copy, copy / pdf.NAME, ROOT / "mkdocs.yml")  # again: still one link
    text = (copy / "index.html").read_text(encoding="utf-8")
    assert text.count('<a href="reglit.pdf" download>') == 1 and pdf.MARKER not in text
    (tmp_path / "index.html").write_text("<p>no marker</p>", encoding="utf-8")
    (tmp_path / pdf.NAME).write_bytes(book.read_bytes())
    with pytest.raises(ValueError, match="no place for the PDF's link"):
        pdf.link_home(tmp_path, tmp_path / pdf.NAME, ROOT / "mkdocs.yml")


# What Chromium printed for chapter 2 before the print stylesheet (measured at 7725247): 6 A4 pages.
PRINTED_BEFORE = {"chapters/penalties.html": 6}


@pytest.mark.parametrize("page", PRINTED_BEFORE)
def test_a_chapter_printed_from_the_browser_is_legible_and_no_longer(site, browser, page, tmp_path):
    """Printed alone (a reader's Print): no more sheets than before the print stylesheet, figure text at
    7 points or more."""
    context, tab, _, _ = visit(browser, (site / page).as_uri(), "file", "light")
    try:
        tab.evaluate(pdf.EAGER)  # every figure loaded, as a reader's browser has them when printing
        assert tab.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
        (tmp_path / "page.pdf").write_bytes(tab.pdf(format="A4"))
    finally:
        context.close()
    reader = PdfReader(tmp_path / "page.pdf")
    assert len(reader.pages) <= PRINTED_BEFORE[page]
    sizes = _figure_text_sizes(reader)
    assert sizes and min(sizes) >= 7, min(sizes)


def _figure_text_sizes(reader: PdfReader) -> list[float]:
    """The printed size, in points, of every piece of figure text: the figures' face, DejaVu Sans."""
    sizes = []

    def seen(text, cm, tm, font, size):
        name = str((font or {}).get("/BaseFont", "")).partition("+")[2]
        if text.strip() and re.fullmatch(r"DejaVuSans(-\w+)?", name):
            a, b, c, d = (
                tm[0] * cm[0] + tm[1] * cm[2],
                tm[0] * cm[1] + tm[1] * cm[3],
                tm[2] * cm[0] + tm[3] * cm[2],
                tm[2] * cm[1] + tm[3] * cm[3],
            )
            sizes.append(size * math.sqrt(abs(a * d - b * c)))

    for page in reader.pages:
        page.extract_text(visitor_text=seen)
    return sizes


def test_figure_text_prints_at_seven_points_or_more(book):
    sizes = _figure_text_sizes(PdfReader(book))
    assert len(sizes) > 1000, "the figures print their text as text"
    assert min(sizes) >= 7, f"figure text at {min(sizes):.2f} points"


def _outline(book: Path) -> list[tuple[str, int]]:
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-stdout", "-i", "-q", book], capture_output=True, text=True
    ).stdout
    outline = ET.fromstring(xml[xml.index("<pdf2xml") :]).find("outline")
    return [(item.text, int(item.get("page"))) for item in outline.iter("item")]


def test_no_sheet_is_less_than_a_third_full_but_at_a_pages_end(site, book, tmp_path):
    """Ink reaches at least a third of the way down every sheet's text area, except on the last sheet of
    a page of the site (a chapter's end)."""
    subprocess.run(["pdftoppm", "-r", "20", "-gray", book, tmp_path / "sheet"], check=True)
    sheets = sorted(tmp_path.glob("sheet-*.pgm"))
    titles = {_title(site, page) for page in BOOK}
    top_pages = [page for title, page in _outline(book) if title in titles]
    ends = {start - 1 for start in top_pages[1:]} | {len(sheets)}
    for number, sheet in enumerate(sheets, 1):
        image = Image.open(sheet)
        pixels = np.asarray(image)
        top, bottom = (round(image.height * cm / 29.7) for cm in (1.0, 29.7 - 1.0))  # the page's margins
        inked = np.flatnonzero((pixels[top:bottom] < 200).any(axis=1))
        fill = (inked[-1] + 1) / (bottom - top) if len(inked) else 0
        assert fill >= 1 / 3 or number in ends, f"sheet {number} is {fill:.0%} full"


def test_formulas_are_in_the_text_layer_in_reading_order(book):
    """Inline symbols and displayed formulas, as one line of Unicode each, where they stand in the text."""
    marks = dict(_outline(book))
    first = marks["2. The L2 and L1 penalties"]
    chapter = subprocess.run(
        ["pdftotext", "-f", str(first), "-l", str(first + 1), book, "-"], capture_output=True, text=True
    ).stdout
    for written in ("R(W) = Σ_k Σ_l W_(k,l)²", "∇_W R(W) = 2W", "g(W) = sign(W)", "a parabola, w²"):
        assert written in chapter, written
    whole = subprocess.run(["pdftotext", book, "-"], capture_output=True, text=True).stdout
    assert "With λ = 0.1 and N = 100 examples" in whole


def test_each_chapter_gathers_its_answers_after_it(book):
    marks = _outline(book)
    chapters = [(i, title) for i, (title, _) in enumerate(marks) if re.match(r"\d+\. ", title)]
    for (index, title), following in zip(chapters, [*chapters[1:], (len(marks), "")], strict=True):
        inside = [name for name, _ in marks[index + 1 : following[0]]]
        assert "Check yourself" in inside and "Answers" in inside, title
        assert inside.index("Answers") > inside.index("Check yourself"), title


def test_the_book_links_each_question_to_its_answer_and_back(site):
    text = pdf.book(site, BOOK)
    questions = re.findall(r'<div class="book-question" id="([^"]+)"><p>.*?<a href="#([^"]+)">', text, re.S)
    answers = dict(re.findall(r'<div class="book-answer" id="([^"]+)"><p><a href="#([^"]+)">', text))
    chapters = len(pdf.pages(ROOT / "mkdocs.yml")) - 5  # home, notation, glossary, summary, checks
    assert len(questions) >= 2 * chapters and "<details" not in text.split('class="book-answers"')[0][-200:]
    for question, answer in questions:
        assert answers[answer] == question


def test_every_figure_in_the_book_carries_its_alt_text_in_the_tagged_pdf(site, book):
    reader = PdfReader(book)
    said, stack = set(), [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/Alt" in node:
                said.add(str(node["/Alt"]))
            kids = node.get("/K")
            stack.extend(kids if isinstance(kids, list) else [kids] if kids is not None else [])
        elif isinstance(node, list):
            stack.extend(node)
    printed = (  # a figure, and an explorable figure's default frame: what paper shows
        r'<(?:figure class="reglit-figure" id="figure-|div class="explore-view")[^>]*>'
        r'.*?#only-light" alt="([^"]*)"'
    )
    shown = {html.unescape(alt) for page in BOOK for alt in re.findall(printed, (site / page).read_text())}
    assert len(shown) >= 20 and shown <= said, shown - said


def test_no_printed_word_asks_for_a_screen(book):
    text = subprocess.run(["pdftotext", book, "-"], capture_output=True, text=True).stdout
    screen = (
        r"\bslider",
        r"(?:^|[.!?:;]\s+)Move\b",
        r"\bmove λ",
        r"\bclick",
        r"\bdrag\b",
        r"\btap\b",
        r"\bhover",
    )
    for words in screen:
        found = re.search(words, text, re.MULTILINE)
        assert not found, text[max(0, found.start() - 80) : found.end() + 80]


def test_print_shows_the_text_in_one_light_palette_and_nothing_around_it(site, browser):
    context, tab, _, _ = visit(browser, (site / "chapters/penalties.html").as_uri(), "file", "dark")
    try:
        tab.emulate_media(media="print")
        for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
            assert not tab.locator(hidden).first.is_visible(), hidden
        assert tab.locator("img[src$='#only-light']").first.is_visible()
        assert not tab.locator("img[src$='#only-dark']").first.is_visible()
        answer = tab.locator("details.question > p").first
        tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # as browsers do
        assert not answer.is_visible() and tab.locator("details.question > summary").first.is_visible()
        colour = tab.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).color")
        assert colour.startswith("rgba(0, 0, 0"), colour  # dark text on paper, whatever the palette
        for selector in (".md-typeset p a", ".md-typeset pre code .nf"):  # a link, a function name
            rgb = tab.evaluate(f"getComputedStyle(document.querySelector('{selector}')).color")
            assert sum(map(int, re.findall(r"\d+", rgb)[:3])) < 3 * 170, (selector, rgb)  # not pale
        assert not tab.locator(".md-clipboard").first.is_visible()
        after = tab.evaluate(  # a link to another site (no chapter has one yet) prints its address
            """() => {
              const link = document.createElement("a");
              link.href = "https://example.org/notes";
              document.querySelector(".md-typeset p").append(link);
              return getComputedStyle(link, "::after").content;
            }"""
        )
        assert "https://example.org/notes" in after, after
    finally:
        context.close()


def test_chromiums_run_to_run_numbers_are_renumbered_in_place():
    """Tagged elements carry the browser's node numbers, which differ between printings."""
    printed = (
        b"/ID (node00000337)>> /ID (node00000012)>> /Headers [(node00000337)] /CreationDate (D:20261130215230"
    )
    fixed = pdf._dated(printed)
    assert len(fixed) == len(printed)  # the cross-reference table's offsets stay right
    assert re.findall(rb"node(\d+)", fixed) == [b"00000001", b"00000002", b"00000001"]
