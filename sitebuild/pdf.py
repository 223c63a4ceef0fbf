"""One PDF of the whole book, printed by Chromium at the end of every build that publishes the site.

[`book`][sitebuild.pdf.book] gathers the pages of ``BOOK`` (home, notation, the
chapters in the order of the navigation, how the site checks itself) from a built
site into one HTML page, each starting a new sheet: links between them become links
within the PDF, links to other pages of the site go to its public address (or
become plain text when it has none), and ids are prefixed so that none collides.
[`write`][sitebuild.pdf.write] prints it with the site's print stylesheet
through Playwright: A4, selectable text, math and figures as vectors, a bookmark
per page and one below it per section. The PDF's dates are set from
``SOURCE_DATE_EPOCH``, so the same site gives the same bytes. The site's home
page then links the PDF, in place of the marker ``MARKER`` its source carries.
[`Build.finish`][sitebuild.build.Build.finish] does both when ``extra.book`` in
mkdocs.yml names the PDF: ``mkdocs build`` (``make site``) publishes the site with
its book and the home page linking it; ``mkdocs serve`` skips the book.
"""

from __future__ import annotations

import os
import posixpath
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from mkdocs.config import load_config

from sitebuild.navigation import chapters

NAME = "reglit.pdf"
"""The PDF's name, at the root of the site."""

MARKER = "<!-- reglit: the book as one PDF (sitebuild.pdf) -->"
"""Where the home page links the PDF once it is printed."""

_LINKED = re.compile(r'<p class="book-pdf">.*?</p>', re.DOTALL)
_QUESTION = re.compile(r'<details class="question">\s*<summary>(.*?)</summary>(.*?)</details>', re.DOTALL)
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.DOTALL)
_URL = re.compile(r'\b(href|src)="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')


def book(site: Path, names: list[str], site_url: str = "") -> str:
    """The HTML page of the whole book: the home page's frame holding the pages ``names`` of ``site``."""
    site = Path(site)
    anchors = {name: _anchor(name) for name in names}
    sections = []
    for name in names:
        article = _ARTICLE.search((site / name).read_text(encoding="utf-8"))
        if not article:
            raise ValueError(f"{name}: no article to print")
        body = _LINKED.sub(MARKER, article.group(2))  # the book does not link itself
        body = _ID.sub(lambda m, name=name: f'id="{anchors[name]}--{m.group(1)}"', body)
        body = _URL.sub(lambda m, name=name: _link(m, name, anchors, site_url), body)
        body = answers_at_the_end(body, anchors[name])
        sections.append(f'<section class="book-page" id="{anchors[name]}">{body}</section>')
    shell = (site / "index.html").read_text(encoding="utf-8")
    frame = _ARTICLE.search(shell)
    return shell[: frame.start(2)] + "".join(sections) + shell[frame.end(2) :]


def answers_at_the_end(body: str, anchor: str) -> str:
    r"""A page's questions with their answers gathered after it, under "Answers", each linked to the other.

    On screen a question folds its answer away (``??? question``); on paper the
    answer would be lost, or printed right under its question. Here each question
    keeps its place, numbered, with a link to its answer; the answers follow the
    page, each with a link back.

    Examples
    --------
    >>> page = '<details class="question">\n<summary>Why?</summary>\n<p>So.</p>\n</details>'
    >>> for part in re.split(r"(?=<div|<section|<h2)", answers_at_the_end(page, "c")):
    ...     print(part.strip())
    <div class="book-question" id="c--question-1"><p>1. Why? <a href="#c--answer-1">Answer 1</a></p></div>
    <section class="book-answers">
    <h2 id="c--answers">Answers</h2>
    <div class="book-answer" id="c--answer-1"><p><a href="#c--question-1">1. Why?</a></p>
    <p>So.</p>
    </div></section>
    """
    answers = []

    def gather(match: re.Match) -> str:
        number = len(answers) + 1
        question, answer = f"{anchor}--question-{number}", f"{anchor}--answer-{number}"
        back = f'<p><a href="#{question}">{number}. {match.group(1)}</a></p>'
        answers.append(f'<div class="book-answer" id="{answer}">{back}{match.group(2)}</div>')
        return (
            f'<div class="book-question" id="{question}"><p>{number}. {match.group(1)} '
            f'<a href="#{answer}">Answer {number}</a></p></div>'
        )

    body = _QUESTION.sub(gather, body)
    if not answers:
        return body
    heading = f'<h2 id="{anchor}--answers">Answers</h2>'
    return f'{body}<section class="book-answers">{heading}{"".join(answers)}</section>'


def pages(config_file: str | Path = "mkdocs.yml") -> list[str]:
    """The pages in the book, in order: home, notation, glossary, summary, the chapters as the navigation
    lists them, checks."""
    return [
        "index.html",
        "notation.html",
        "glossary.html",
        "summary.html",
        *(c.replace(".md", ".html") for c in _chapters(config_file)),
        "checks.html",
    ]


def _chapters(config_file: str | Path) -> list[str]:
    with open(config_file, encoding="utf-8") as config:
        return chapters(load_config(config_file=config)["nav"])


def _anchor(name: str) -> str:
    return "page-" + name.removesuffix(".html").replace("/", "-")


def _link(match: re.Match, page: str, anchors: dict[str, str], site_url: str) -> str:
    """A page's link or source as the book writes it."""
    attribute, url = match.groups()
    if re.match(r"[a-z]+:", url) or url.startswith("//"):
        return match.group()
    if url.startswith("#"):
        return f'{attribute}="#{anchors[page]}--{url[1:]}"'
    path, _, fragment = url.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if attribute == "href" and target in anchors:
        return f'href="#{anchors[target]}--{fragment}"' if fragment else f'href="#{anchors[target]}"'
    if attribute == "href" and target.endswith(".html"):  # a page the book leaves out
        return f'href="{site_url.rstrip("/")}/{target}"' if site_url else 'data-left-out=""'
    return f'{attribute}="{target}{"#" + fragment if fragment else ""}"'


def write(site: Path, pdf: Path, browser: Any, names: list[str], site_url: str = "") -> Path:
    """Print the pages ``names`` of ``site`` as one book to ``pdf``; return it.

    ``browser`` is a Playwright Chromium browser, or the path of a Chromium to launch.
    """
    site, pdf = Path(site).resolve(), Path(pdf)
    with tempfile.NamedTemporaryFile("w", suffix=".html", dir=site, encoding="utf-8", delete=False) as page:
        page.write(book(site, names, site_url))
    try:
        if isinstance(browser, (str, Path)):
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                launched = playwright.chromium.launch(executable_path=str(browser), args=["--no-sandbox"])
                data = _print(launched, Path(page.name))
                launched.close()
        else:
            data = _print(browser, Path(page.name))
    finally:
        os.unlink(page.name)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(_dated(data))
    return pdf


def _print(browser: Any, page: Path) -> bytes:
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(page.as_uri(), wait_until="load")
        tab.evaluate(EAGER)
        return tab.pdf(
            format="A4",
            outline=True,
            tagged=True,
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=_FOOTER,
        )
    finally:
        context.close()


def link_home(site: Path, pdf: Path, config_file: str | Path = "mkdocs.yml") -> None:
    """Let the site's home page link ``pdf`` (a file in ``site``), where its source put ``MARKER``.

    The link counts the chapters of the navigation in ``config_file``.
    """
    home = Path(site) / "index.html"
    text = _LINKED.sub(MARKER, home.read_text(encoding="utf-8"))
    if MARKER not in text:
        raise ValueError(f"{home} has no place for the PDF's link: its source must hold {MARKER}")
    count = len(_chapters(config_file))
    link = (
        f'<p class="book-pdf"><a href="{Path(pdf).relative_to(site).as_posix()}" download>The whole book '
        f"as one PDF</a> ({Path(pdf).stat().st_size / 1e6:.1f} MB): home, notation, glossary, summary, the "
        f"{count} chapters with the answers to their questions, and how the site checks itself, to read "
        "offline or print.</p>"
    )
    home.write_text(text.replace(MARKER, link), encoding="utf-8")


_FOOTER = (  # 7.5 points, as the smallest text of the pages above it
    '<div style="width: 100%; font: 10px sans-serif; color: #555; text-align: center">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)

EAGER = """async () => {  // every image loaded now: lazy ones outside the view too
  const images = [...document.images];
  images.forEach(i => { i.loading = "eager"; });
  await Promise.all(images.map(i => i.decode().catch(() => null)));
}"""


def _dated(data: bytes) -> bytes:
    """The PDF made reproducible in place (same lengths, so its cross-reference table stays right).

    Chromium stamps the time of printing as the creation and modification dates:
    both become SOURCE_DATE_EPOCH. Its tagged structure names elements by the
    browser's own node numbers, which vary from run to run: they are renumbered
    in order of first appearance, so that references between them still agree.
    """
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    data = re.sub(rb"(/(?:CreationDate|ModDate) ?\(D:)\d{14}", lambda m: m.group(1) + stamp, data)
    numbers: dict[bytes, bytes] = {}

    def renumber(match: re.Match) -> bytes:
        width = len(match.group(1))
        new = numbers.setdefault(match.group(1), str(len(numbers) + 1).zfill(width).encode())
        if len(new) != width:
            raise ValueError("more tagged elements than their numbers' width holds")
        return b"(node" + new + b")"

    return re.sub(rb"\(node(\d+)\)", renumber, data)
