"""The built site in a real browser (Debian's Chromium), served on 127.0.0.1 and opened from file://.

For every page, in both palettes: no request leaves the host serving it, no console
error, every image loads, every formula is rendered (no raw TeX left), and a
screenshot lands in build/screenshots/. Search must work from file://.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from reglit.explorables import EXPLORABLES, number
from sitebuild.pdf import EAGER
from tests.support import ROOT, check_page, search, visit

PAGES = sorted(
    str(p.relative_to(ROOT / "docs").with_suffix(".html"))
    for p in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "docs" / "notebooks").glob("*.py")]
)
NOTEBOOKS = [p for p in PAGES if p.startswith("notebooks/")]
SCHEMES = ("light", "dark")
EXPLORED = sorted(  # (explorable, the page that shows it)
    (name, str(p.relative_to(ROOT / "docs").with_suffix(".html")))
    for p in (ROOT / "docs").rglob("*.md")
    for name in re.findall(r"^\{\{ explore: (\w+) \}\}$", p.read_text(encoding="utf-8"), re.MULTILINE)
)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_page_from_disk(browser, site, screenshots, name, scheme):
    context, page, outside, errors = visit(browser, (site / name).as_uri(), "file", scheme)
    try:
        check_page(page, outside, errors, scheme, axe=True)  # axe runs here, once per page and palette
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
    word, chapter = "conclusion", "chapters/sparsity.html"  # the word appears in that chapter only
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


PHONE = {"width": 390, "height": 844}

# Every image of the article, loaded now, and how it is shown.
_SHOWN_IMAGES = """async () => {
  const shown = [...document.querySelectorAll("article img")].filter(i => i.offsetParent !== null);
  shown.forEach(i => { i.loading = "eager"; });
  await Promise.all(shown.map(i => i.decode().catch(() => null)));
  return shown.map(i => ({src: i.currentSrc, width: i.getBoundingClientRect().width,
                          height: i.getBoundingClientRect().height}));
}"""

# For each explorable: its frame's top below the header, how far down its status line ends.
_EXPLORABLE_SPANS = """async () => {
  const header = document.querySelector(".md-header").getBoundingClientRect().height;
  const spans = [];
  for (const figure of document.querySelectorAll(".reglit-explore")) {
    const view = figure.querySelector(".explore-view");
    window.scrollTo(0, view.getBoundingClientRect().top + window.scrollY - header);
    await new Promise(r => requestAnimationFrame(r));
    const shown = [view, figure.querySelector(".explore-control"), figure.querySelector(".explore-status")];
    spans.push([figure.id, ...shown.map(e => e.getBoundingClientRect().bottom)]);
  }
  return spans;
}"""

# Each table wider than its column: its first header, and where its first column's cells stand (from the
# left edge of the box that scrolls) once the box is scrolled to its far right.
_OVERFLOWING_TABLES = """() => [...document.querySelectorAll("article table")]
  .filter(t => t.getBoundingClientRect().width > (t.closest(".md-typeset__scrollwrap") || t.parentElement)
    .clientWidth + 1)
  .map(t => {
    const box = t.closest(".md-typeset__scrollwrap") || t.parentElement;
    box.scrollLeft = box.scrollWidth;
    const left = box.getBoundingClientRect().left;
    return [t.rows[0].cells[0].textContent,
            Math.min(...[...t.rows].map(r => r.cells[0].getBoundingClientRect().left - left))];
  })"""


def _smallest_text(svg: str) -> float:
    """The smallest font size of a drawing, as a share of its width (in the SVG's own units)."""
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    sizes = [float(v) for v in re.findall(r"font-size:([\d.]+)px", svg)]
    return min(sizes) / width


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_on_a_phone_nothing_scrolls_sideways_and_figures_are_drawn_for_it(browser, site, name, scheme):
    """At 390 x 844: the page is no wider than the screen; every figure is its narrow drawing, its smallest
    text at least 11 CSS pixels, its box the drawing's shape; an explorable's frame, slider and status line
    fit on the screen together; a table too wide for the column keeps its first column in view."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto((site / name).as_uri(), wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (
            "the page scrolls sideways"
        )
        for image in page.evaluate(_SHOWN_IMAGES):
            path = urlparse(image["src"]).path
            assert f"/figures/narrow/{scheme}/" in path, (
                f"not a narrow drawing in the {scheme} palette: {path}"
            )
            svg = Path(path).read_text(encoding="utf-8")
            smallest = _smallest_text(svg) * image["width"]
            assert smallest >= 11, f"{path}: text {smallest:.1f} px at {image['width']:.0f} px wide"
            width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
            assert abs(image["height"] / image["width"] - height / width) < 0.01, f"{path}: its box"
        for figure, *bottoms in page.evaluate(_EXPLORABLE_SPANS):
            assert max(bottoms) <= PHONE["height"], f"{figure}: frame, slider and status end at {bottoms}"
        for first, offset in page.evaluate(_OVERFLOWING_TABLES):
            assert offset >= -1, f"a table wider than the column ({first!r}) scrolls its first column away"
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_table_scrolls_sideways_on_a_computer(browser, site, name):
    context, page, _, _ = visit(browser, (site / name).as_uri(), "file", "light")
    try:
        assert page.evaluate(_OVERFLOWING_TABLES) == []
    finally:
        context.close()


def _frame_state(page, name: str) -> dict:
    return page.evaluate(
        """name => {
          const figure = document.getElementById(`explore-${name}`);
          const input = figure.querySelector("input[type=range]");
          return {
            index: Number(input.value),
            output: figure.querySelector("output").textContent,
            spoken: input.getAttribute("aria-valuetext"),
            status: figure.querySelector(".explore-status").textContent,
            label: figure.querySelector(`label[for="${input.id}"]`).textContent,
            images: [...figure.querySelectorAll(".explore-view img")]
              .map(i => [i.getAttribute("src"), i.alt]),
            sources: [...figure.querySelectorAll(".explore-view source")].map(s => s.getAttribute("srcset")),
          };
        }""",
        name,
    )


def test_every_explorable_is_on_a_page():
    assert {name for name, _ in EXPLORED} == set(EXPLORABLES)


@pytest.mark.parametrize(("name", "where"), EXPLORED)
def test_the_keyboard_moves_the_frame_and_the_announced_value(browser, server, name, where):
    spec = EXPLORABLES[name]
    last, default = len(spec.values) - 1, spec.values.index(spec.default)
    context, page, outside, errors = visit(browser, f"{server}/{where}", server, "light")
    try:
        page.locator(f"#explore-{name} input[type=range]").focus()
        for key, index in [
            (None, default),
            ("ArrowRight", default + 1),
            ("ArrowLeft", default),
            ("End", last),
            ("ArrowLeft", last - 1),
            ("Home", 0),
        ]:
            if key:
                page.keyboard.press(key)
            state = _frame_state(page, name)
            value = spec.values[index]
            assert state["index"] == index, key
            assert state["label"] == spec.label
            assert state["output"] == number(value)
            assert state["spoken"] == state["status"] == spec.spoken(value)
            for src, alt in state["images"]:
                assert re.search(rf"/{name}/{index}\.svg#only-(light|dark)$", src), src
                assert alt == spec.alt(value)
            assert len(state["sources"]) == 2, "a narrow drawing for each palette"
            for srcset in state["sources"]:
                assert re.search(rf"/narrow/(light|dark)/{name}/{index}\.svg#only-(light|dark)$", srcset)
            page.wait_for_function(  # the shown palette's frame has loaded
                "name => [...document.querySelectorAll("
                "`#explore-${name} .explore-view img[src$='#only-light']`)]"
                ".every(i => i.complete && i.naturalWidth > 0)",
                arg=name,
            )
        check_page(page, outside, errors, "light")
    finally:
        context.close()


@pytest.mark.parametrize(("name", "where"), EXPLORED)
def test_every_frame_loads_and_its_title_its_alt_text_and_the_control_agree(browser, server, name, where):
    spec = EXPLORABLES[name]
    context, page, outside, errors = visit(browser, f"{server}/{where}", server, "dark")
    try:
        frames = json.loads(page.locator(f"#explore-{name}").get_attribute("data-frames"))
        assert [f["value"] for f in frames] == [number(v) for v in spec.values]
        for index, (frame, value) in enumerate(zip(frames, spec.values, strict=True)):
            assert f"{spec.label} = {number(value)}." in frame["alt"]
            for theme in ("light", "dark"):
                response = page.request.get(f"{server}/figures/{theme}/{name}/{index}.svg")
                assert response.ok and response.headers["content-type"] == "image/svg+xml"
                assert f"{spec.symbol} = {number(value)}" in response.text()
        assert not outside and not errors
    finally:
        context.close()


@pytest.mark.parametrize(("name", "where"), EXPLORED)
@pytest.mark.parametrize("reader", ["no script", "print"])
def test_without_a_script_the_default_frame_and_small_multiples_and_on_paper_a_table(
    browser, site, name, where, reader
):
    """Without a script: the default frame and the small multiples. On paper: the default frame and a table
    of every frame's key fact, in place of the slider."""
    spec = EXPLORABLES[name]
    context = browser.new_context(java_script_enabled=reader != "no script")
    try:
        page = context.new_page()
        page.goto((site / where).as_uri(), wait_until="load")
        if reader == "print":
            page.emulate_media(media="print")
            page.evaluate(EAGER)  # as a browser does before it prints: every image loaded
        figure = page.locator(f"#explore-{name}")
        assert not figure.locator(".explore-control").is_visible()
        default = spec.values.index(spec.default)
        assert figure.locator(f".explore-view img[src$='/{default}.svg#only-light']").is_visible()
        shown = figure.locator(".explore-multiples img[src$='#only-light']")
        table = figure.locator(".explore-facts")
        if reader == "print":
            assert not shown.first.is_visible() and table.is_visible()
            rows = table.locator("tbody tr").all_inner_texts()
            assert rows == [f"{number(v)}\t{spec.fact(v)}" for v in spec.values]
        else:
            assert not table.is_visible()
            assert shown.count() == len(spec.multiples)
            assert all(shown.nth(i).is_visible() for i in range(shown.count()))
            captions = figure.locator(".explore-multiples figcaption").all_inner_texts()
            assert captions == [f"{spec.symbol} = {number(v)}" for v in spec.multiples]
    finally:
        context.close()
