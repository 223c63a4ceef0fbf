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
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import ROOT

PAGES = sorted(
    str(p.relative_to(ROOT / "docs").with_suffix(".html"))
    for p in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "docs" / "notebooks").glob("*.py")]
)
NOTEBOOKS = [p for p in PAGES if p.startswith("notebooks/")]
SCHEMES = ("light", "dark")


def _allowed(url: str, origin: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    if origin == "file":
        return parsed.scheme == "file"
    return url.startswith(origin + "/")


def _visit(browser, url: str, origin: str, scheme: str):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda request: None if _allowed(request.url, origin) else outside.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(150)
    return context, page, outside, errors


# Every image the palette shows, loaded now (figures are lazy; the other palette's are checked in its run).
_SHOWN_IMAGES_THAT_FAIL = """async () => {
  const shown = [...document.images].filter(i => i.offsetParent !== null);
  shown.forEach(i => { i.loading = "eager"; });
  await Promise.all(shown.map(i => i.decode().catch(() => null)));
  return shown.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);
}"""


def _check_page(page, outside, errors, scheme):
    assert not outside, f"requests to other hosts: {outside}"
    assert not errors, f"console errors: {errors}"
    broken = page.evaluate(_SHOWN_IMAGES_THAT_FAIL)
    assert not broken, f"images that did not load: {broken}"
    text = page.evaluate(  # the prose: code blocks may show docstrings with TeX in them
        "(() => { const a = document.querySelector('article').cloneNode(true);"
        " a.querySelectorAll('pre, code').forEach(e => e.remove()); return a.textContent; })()"
    )
    for raw in ("\\(", "\\[", "$$", "\\frac", "\\lambda", "{{"):
        assert raw not in text, f"raw TeX or directive {raw!r} visible"
    assert page.evaluate("document.querySelectorAll('.arithmatex').length") == 0
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == {"light": "default", "dark": "slate"}[scheme]
    other = "dark" if scheme == "light" else "light"
    visible = (
        "s => [...document.querySelectorAll(`img[src$='#only-${s}']`)].map(i => i.offsetParent !== null)"
    )
    hidden = not any(page.evaluate(visible, other))
    shown = all(page.evaluate(visible, scheme))
    assert hidden and shown, f"figures do not follow the {scheme} palette"
    _check_accessibility(page)


def _check_accessibility(page):
    """axe-core (bundled with axe-playwright-python, injected from disk): no serious or critical finding."""
    results = Axe().run(page)
    found = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not found, found


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_page_from_disk(browser, site, screenshots, name, scheme):
    context, page, outside, errors = _visit(browser, (site / name).as_uri(), "file", scheme)
    try:
        _check_page(page, outside, errors, scheme)
        page.screenshot(path=str(screenshots / f"{name.replace('/', '-')[:-5]}-{scheme}.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_served(browser, server, name):
    context, page, outside, errors = _visit(browser, f"{server}/{name}", server, "light")
    try:
        _check_page(page, outside, errors, "light")
    finally:
        context.close()


def test_palette_toggle_switches_figures(browser, site):
    context, page, outside, errors = _visit(
        browser, (site / "chapters/sparsity.html").as_uri(), "file", "light"
    )
    try:
        page.click("label[for='__palette_1']")
        page.wait_for_timeout(150)
        _check_page(page, outside, errors, "dark")
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


def _search(page, word: str) -> list[str]:
    page.click("input.md-search__input")  # hidden when search cannot start, as from file:// without a shim
    page.keyboard.type(word)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("origin", ["file", "served"])
def test_search_finds_a_word_from_one_chapter(browser, site, server, origin):
    word, chapter = "ISTA", "chapters/sparsity.html"  # the word appears in that chapter only
    pages_with_word = [p for p in PAGES if word in (site / p).read_text(encoding="utf-8")]
    assert pages_with_word == [chapter]
    url = (site / "index.html").as_uri() if origin == "file" else f"{server}/index.html"
    context, page, outside, errors = _visit(browser, url, "file" if origin == "file" else server, "light")
    try:
        links = _search(page, word)
        assert links and all(Path(urlparse(link).path).name == Path(chapter).name for link in links), links
        assert not outside and not errors, (outside, errors)
    finally:
        context.close()
