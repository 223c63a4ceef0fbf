r"""Math rendered to SVG while the site builds, and the rule for which formulas may be shown.

Markdown's arithmatex extension leaves ``$...$`` and ``$$...$$`` as
``<span class="arithmatex">\(...\)</span>`` and ``<div class="arithmatex">\[...\]</div>``;
:func:`render_page` turns each into inline SVG drawn by MathJax (through quickjax,
in-process, no network), so pages need no math script or font at all.

The rule: every displayed formula, and every inline one containing an operator
or a relation, must be a formula of :data:`reglit.formulas.FORMULAS`; each
displayed formula gets a link to the function that implements it.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable

from reglit.formulas import FORMULAS, Formula

_ARITHMATEX = re.compile(r'<(div|span) class="arithmatex">(.*?)</\1>', re.DOTALL)
_DELIMITERS = re.compile(r"^\\[\[(](.*)\\[\])]$", re.DOTALL)
_OPERATOR = re.compile(r"[+\-=<>/]|\\(le|ge|leq|geq|leftarrow|cdot|times|frac|tfrac|sum|sqrt|max|min)\b")
_IDS = re.compile(r"MJX-\d+-")


def _normal(tex: str) -> str:
    return "\n".join(line.strip() for line in tex.strip().splitlines())


_BY_LATEX: dict[str, Formula] = {}
for _formula in FORMULAS.values():
    _BY_LATEX.setdefault(_normal(_formula.latex), _formula)


def registered(tex: str) -> Formula | None:
    """The registry entry whose LaTeX is ``tex`` (up to indentation), if any."""
    return _BY_LATEX.get(_normal(tex))


def needs_registry(tex: str, display: bool) -> bool:
    """Whether a formula may only be shown if it is registered: displayed, or with an operator."""
    return display or bool(_OPERATOR.search(tex))


class MathError(ValueError):
    """A formula that does not render, or that is shown without being registered."""


class Renderer:
    """TeX to SVG with MathJax in-process; ``store(key, make)`` caches each result."""

    def __init__(self, store: Callable[[str, Callable[[], bytes]], bytes]):
        from quickjax import MathJaxRenderer, __version__

        self._mathjax = MathJaxRenderer()
        self._version = __version__
        self._store = store

    def svg(self, tex: str, display: bool) -> str:
        """The SVG for ``tex``, ids numbered from ``MJX-0-``; raises MathError on bad TeX."""
        name = hashlib.sha256(f"{display}\0{tex}".encode()).hexdigest()[:20]

        def draw() -> bytes:
            svg = self._mathjax.render(tex, display=display)
            error = re.search(r'data-mjx-error="([^"]*)"', svg)
            if error:
                raise MathError(f"{html.unescape(error.group(1))} in {tex!r}")
            undefined = re.search(r'data-mml-node="mtext"[^>]*data-latex="(\\[A-Za-z]+)"', svg)
            if undefined:
                raise MathError(f"undefined control sequence {undefined.group(1)} in {tex!r}")
            return _IDS.sub("MJX-0-", svg).encode()

        return self._store(f"{name}.{self._version}", draw).decode()


def render_page(content: str, page: str, renderer: Renderer, link: Callable[[Formula], str]) -> str:
    """Replace every arithmatex element of a page's HTML with rendered, checked math.

    Parameters
    ----------
    content : str
        The page's HTML.
    page : str
        The page's source path, for error messages.
    renderer : Renderer
        Draws the SVG.
    link : callable
        ``link(formula)`` gives the HTML linking a displayed formula to its function.

    Raises
    ------
    MathError
        Naming the page, for TeX that does not render or a formula shown unregistered.
    """
    glyphs: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        display = match.group(1) == "div"
        inner = _DELIMITERS.match(match.group(2).strip())
        tex = html.unescape(inner.group(1) if inner else match.group(2)).strip()
        formula = registered(tex)
        if formula is None and needs_registry(tex, display):
            kind = "displayed formula" if display else "inline formula with an operator"
            raise MathError(
                f"{page}: {kind} {tex!r} is not in reglit.formulas.FORMULAS; "
                "write it in the docstring of the function that computes it, register it, "
                "and include it with {{ formula: name }}"
            )
        try:
            svg = renderer.svg(tex, display)
        except MathError as error:
            raise MathError(f"{page}: {error}") from None
        svg = _share_glyphs(svg, glyphs).replace(
            'role="img"', f'role="img" aria-label="{html.escape(tex, quote=True)}"', 1
        )
        source = html.escape(tex, quote=True)
        if not display:
            return f'<span class="math" data-tex="{source}">{svg}</span>'
        return (
            f'<div class="math display" data-tex="{source}" data-formula="{formula.name}">{svg}'
            f"{link(formula)}</div>"
        )

    content = _ARITHMATEX.sub(replace, content)
    if not glyphs:
        return content
    paths = "".join(f'<path id="mjx-{key}" d="{glyphs[key]}"/>' for key in sorted(glyphs))
    sprite = (
        '<svg class="math-glyphs" xmlns="http://www.w3.org/2000/svg" width="0" height="0" '
        f'aria-hidden="true" focusable="false"><defs>{paths}</defs></svg>'
    )
    return sprite + content


_GLYPH = re.compile(r'<path id="MJX-0-([^"]+)" d="([^"]*)"\s*/>')


def _share_glyphs(svg: str, glyphs: dict[str, str]) -> str:
    """Move a formula's glyph outlines into the page's shared set; its ``<use>`` point there.

    MathJax draws each formula with its own copy of every glyph it uses; a page
    with many formulas repeats the same outlines dozens of times. Each glyph is
    named by font, variant and character, so one copy per page serves all.
    """
    for key, outline in _GLYPH.findall(svg):
        if glyphs.setdefault(key, outline) != outline:
            raise MathError(f"glyph {key} has two different outlines")
    svg = re.sub(r"<defs>.*?</defs>|<defs/>", "", svg, flags=re.DOTALL)
    return svg.replace('xlink:href="#MJX-0-', 'xlink:href="#mjx-')
