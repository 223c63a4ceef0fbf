"""The built site in a real browser (Debian's Chromium), served on 127.0.0.1 and opened from file://.

For every page, in both palettes: no request leaves the host serving it, no console
error, every image loads, every formula is rendered (no raw TeX left), and a
screenshot lands in build/screenshots/. Search must work from file://.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support import ROOT, check_page, search, visit

PAGES = sorted(
    str(p.relative_to(ROOT / "docs").with_suffix(".html"))
    for p in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "docs" / "notebooks").glob("*.py")]
)
NOTEBOOKS = [p for p in PAGES if p.startswith("notebooks/")]
SCHEMES = ("light", "dark")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_page_from_disk(browser, site, screenshots, name, scheme):
    context, page, outside, errors = visit(browser, (site / name).as_uri(), "file", scheme)
    try:
        check_page(page, outside, errors, scheme)
        page.screenshot(path=str(screenshots / f"{name.replace('/', '-')[:-5]}-{scheme}.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_served(browser, server, name):
    context, page, outside, errors = visit(browser, f"{server}/{name}", server, "light")
    try:
        check_page(page, outside, errors, "light")
    finally:
        context.close()


def test_palette_toggle_switches_figures(browser, site):
    context, page, outside, errors = visit(
        browser, (site / "chapters/sparsity.html").as_uri(), "file", "light"
    )
    try:
        page.click("label[for='__palette_1']")
        page.wait_for_timeout(150)
        check_page(page, outside, errors, "dark")
    finally:
        context.close()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_download_from_disk(browser, site, name, tmp_path):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        page.goto((site / name).as_uri())
        with page.expect_download() as download:
            page.click("a[download]")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name == Path(name).with_suffix(".ipynb").name
        assert json.loads(saved.read_bytes())["cells"]  # a notebook, whole
    finally:
        context.close()


@pytest.mark.parametrize("origin", ["file", "served"])
def test_search_finds_a_word_from_one_chapter(browser, site, server, origin):
    word, chapter = "ISTA", "chapters/sparsity.html"  # the word appears in that chapter only
    pages_with_word = [p for p in PAGES if word in (site / p).read_text(encoding="utf-8")]
    assert pages_with_word == [chapter]
    url = (site / "index.html").as_uri() if origin == "file" else f"{server}/index.html"
    context, page, outside, errors = visit(browser, url, "file" if origin == "file" else server, "light")
    try:
        links = search(page, word)
        assert links and all(Path(urlparse(link).path).name == Path(chapter).name for link in links), links
        assert not outside and not errors, (outside, errors)
    finally:
        context.close()


def test_underscores_in_computed_by_links_stay_visible(browser, site):
    """The underline of "computed by reglit.gd_step" sits below the underscore, not on it."""
    context, page, _, _ = visit(browser, (site / "chapters/gradient-descent.html").as_uri(), "file", "light")
    try:
        link = page.locator(".formula-source a").first
        assert "_" in link.inner_text()
        offset, size = link.evaluate(
            "a => { const s = getComputedStyle(a.querySelector('code') || a);"
            " return [parseFloat(s.textUnderlineOffset), parseFloat(s.fontSize)]; }"
        )
        assert offset >= 0.25 * size, (offset, size)
    finally:
        context.close()


_OVERFLOWING_CODE = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  return [...document.querySelectorAll('article pre')]
    .filter(p => p.offsetParent !== null && p.scrollWidth > p.clientWidth + 1)
    .map(p => p.textContent.split('\\n').reduce((a, b) => (b.length > a.length ? b : a), ''));
}"""


@pytest.mark.parametrize("name", PAGES)
def test_code_fits_the_content_column_at_1280_px(browser, site, name):
    context, page, _, _ = visit(browser, (site / name).as_uri(), "file", "light")
    try:
        assert page.evaluate(_OVERFLOWING_CODE) == []
    finally:
        context.close()


def test_figures_stay_readable_on_a_phone_and_keep_their_place(browser, site):
    """At 390 px a figure keeps most of its size (labels above 8 px); its box is sized before it loads."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto((site / "chapters/sparsity.html").as_uri())
        sizes = page.evaluate(
            "() => [...document.querySelectorAll('.reglit-figure img')].filter(i => i.offsetParent !== null)"
            ".map(i => [i.getAttribute('width'), i.getAttribute('height'), i.getBoundingClientRect().width,"
            " i.getBoundingClientRect().height])"
        )
        assert sizes
        for width, height, shown_width, shown_height in sizes:
            assert width and height, "an image without width and height shifts the page as it loads"
            assert shown_width / float(width) >= 0.75, shown_width  # 10.5-point labels stay above 10 px
            assert abs(shown_height / shown_width - float(height) / float(width)) < 0.01
    finally:
        context.close()


def test_notebook_figures_keep_their_drawn_size_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto((site / "notebooks/sparsity.html").as_uri())
        sizes = page.evaluate(
            "() => [...document.querySelectorAll('.jp-RenderedImage img')]"
            ".map(i => [i.naturalWidth, i.getBoundingClientRect().width])"
        )
        assert sizes and all(shown >= 0.75 * natural for natural, shown in sizes), sizes
    finally:
        context.close()


def test_notebook_figures_are_dimmed_in_the_dark_palette(browser, site):
    context, page, _, _ = visit(browser, (site / "notebooks/sparsity.html").as_uri(), "file", "dark")
    try:
        filters = page.evaluate(
            "() => [...document.querySelectorAll('.jp-RenderedImage img')]"
            ".map(i => getComputedStyle(i).filter)"
        )
        assert filters and all(f.startswith("brightness(0.8") for f in filters), filters
    finally:
        context.close()
