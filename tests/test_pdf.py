"""The book as one PDF, and print: what the PDF holds, its bookmarks, its bytes, and printed pages."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

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
def test_printing_a_chapter_takes_at_most_half_the_pages_it_took(site, browser, page, tmp_path):
    context, tab, _, _ = visit(browser, (site / page).as_uri(), "file", "light")
    try:
        tab.evaluate(pdf.EAGER)  # every figure loaded, as a reader's browser has them when printing
        assert tab.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
        (tmp_path / "page.pdf").write_bytes(tab.pdf(format="A4"))
    finally:
        context.close()
    info = subprocess.run(
        ["pdfinfo", tmp_path / "page.pdf"], capture_output=True, text=True, check=True
    ).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= PRINTED_BEFORE[page] / 2


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
