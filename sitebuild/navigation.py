"""The book's order: chapters numbered by their place in the navigation of mkdocs.yml, and links to them.

A chapter's number is its place in the ``Chapters`` section of ``nav``, the one
place it is written: the build puts it in front of the chapter's title, links
read "chapter N", and the PDF prints the chapters in that order.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import Path
from typing import Any

SECTION = "Chapters"
"""The section of ``nav`` that lists the chapters, in order."""

_TITLE = re.compile(r"\A(\s*)# (.+)$", re.MULTILINE)


class NavigationError(KeyError):
    """A chapter the navigation does not list, or a chapter without a title."""

    def __str__(self) -> str:
        return str(self.args[0])


def chapters(nav: list[Any]) -> list[str]:
    """The chapters' source paths in the order of the "Chapters" section of ``nav``.

    Examples
    --------
    >>> chapters([{"Home": "index.md"}, {"Chapters": ["chapters/a.md", {"B": "chapters/b.md"}]}])
    ['chapters/a.md', 'chapters/b.md']
    """
    for entry in nav or []:
        if isinstance(entry, dict) and SECTION in entry:
            return [item if isinstance(item, str) else next(iter(item.values())) for item in entry[SECTION]]
    raise NavigationError(f'mkdocs.yml: nav has no "{SECTION}" section')


@dataclasses.dataclass(frozen=True)
class Navigation:
    """The chapters of one build, where their sources are, and the published address."""

    chapters: tuple[str, ...]
    docs_dir: Path
    site_url: str = ""

    @classmethod
    def of(cls, config: Any) -> Navigation:
        """The navigation of a MkDocs configuration."""
        return cls(tuple(chapters(config.nav)), Path(config.docs_dir), config.site_url or "")

    def number(self, uri: str) -> int:
        """A chapter's number, from 1."""
        if uri not in self.chapters:
            names = ", ".join(posixpath.basename(c).removesuffix(".md") for c in self.chapters)
            raise NavigationError(
                f"no chapter {posixpath.basename(uri).removesuffix('.md')!r} in the nav; chapters: {names}"
            )
        return self.chapters.index(uri) + 1

    def title(self, uri: str) -> str:
        """A chapter's title, its first line without the ``#``."""
        found = _TITLE.search((self.docs_dir / uri).read_text(encoding="utf-8"))
        if not found:
            raise NavigationError(f"{uri}: a chapter starts with its title, '# TITLE'")
        return found.group(2).strip()

    def numbered(self, text: str, uri: str) -> str:
        """A page's Markdown with its title numbered, if the page is a chapter."""
        if uri not in self.chapters:
            return text
        self.title(uri)  # a chapter without a title stops the build
        number = self.number(uri)
        return _TITLE.sub(lambda m: f"{m.group(1)}# {number}. {m.group(2)}", text, count=1)

    def link(self, argument: str, source: str, pages: str) -> str:
        """``[chapter N](...)``: a link from the page ``source`` to a chapter (and an anchor in it).

        ``argument`` is ``NAME`` or ``NAME#ANCHOR``. ``pages`` is the suffix links
        name pages by: ``.md`` in a page MkDocs renders (it checks and converts
        them), ``.html`` in a notebook page, and ``""`` in a downloaded notebook,
        which is read away from the site: it links to the published site when
        ``site_url`` is set, and otherwise names the chapter by its title.
        """
        name, _, anchor = argument.partition("#")
        uri = f"chapters/{name}.md"
        number = self.number(uri)
        fragment = f"#{anchor}" if anchor else ""
        if not pages:
            if self.site_url:
                return f"[chapter {number}]({self.site_url.rstrip('/')}/chapters/{name}.html{fragment})"
            return f"chapter {number} of the site, *{self.title(uri)}*"
        target = posixpath.splitext(uri)[0] + pages
        return f"[chapter {number}]({posixpath.relpath(target, posixpath.dirname(source) or '.')}{fragment})"
