r"""Math rendered to SVG while the site builds, and the rule for which formulas may be shown.

A displayed formula reaches a page by name: ``{{ formula: NAME }}`` in a chapter
or a notebook, or a ``$$`` block in the docstring of a registered function on an
API reference page, becomes display math holding only a marker with that name,
``\formula{NAME}`` ([`placeholder`][sitebuild.typeset.placeholder]; as display
math it stays a block wherever Markdown puts it, in tabs and admonitions too),
and [`render_page`][sitebuild.typeset.render_page] draws the registered LaTeX of
that name, with a link to the function that computes it.
The name is never guessed back from LaTeX, so two entries with the same LaTeX
(``full_loss_l2`` and ``full_loss_l1``) are each shown under their own name.

Other math is what Markdown's arithmatex extension leaves as
``<span class="arithmatex">\(...\)</span>`` (inline) or ``<div class="arithmatex">\[...\]</div>``
(display): inline symbols are drawn as they are; a displayed formula typed into a
page, or an inline one with an operator or a relation, stops the build. MathJax
draws the SVG in-process (through quickjax), so pages need no math script or font.

Assistive technology reads MathML, not the drawing: each formula's SVG is hidden
from it and followed by a visually hidden ``<math>`` element, written by
[`mathml`][sitebuild.typeset.mathml] from the MathML tree MathJax itself built
while drawing (the SVG's ``data-mml-node`` groups and ``data-c`` glyphs). The test
suite compares it, formula by formula, with MathJax's own TeX-to-MathML.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable

from reglit.formulas import FORMULAS, Formula
from reglit.latex import LatexError, plain

_MARKER = re.compile(r"\\formula\{([^}]*)\}")
_ARITHMATEX = re.compile(r'<(div|span) class="arithmatex">(.*?)</\1>', re.DOTALL)
_DELIMITERS = re.compile(r"^\\[\[(](.*)\\[\])]$", re.DOTALL)
_OPERATOR = re.compile(r"[+\-=<>/]|\\(le|ge|leq|geq|leftarrow|cdot|times|frac|tfrac|sum|sqrt|max|min)\b")
_IDS = re.compile(r"MJX-\d+-")


def placeholder(name: str) -> str:
    r"""The Markdown that stands for the registered formula ``name`` until the page's math is drawn.

    Examples
    --------
    >>> print(placeholder("l2_grad"))
    $$
    \formula{l2_grad}
    $$
    """
    return f"$$\n\\formula{{{name}}}\n$$"


def needs_registry(tex: str, display: bool) -> bool:
    """Whether a formula may only be shown from the registry: displayed, or with an operator."""
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
    """Draw every formula of a page's HTML: registered ones by name, inline symbols as written.

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
        Naming the page, for an unknown formula name, TeX that does not render,
        or a formula typed into the page that only the registry may show.
    """
    glyphs: dict[str, str] = {}

    def written(tex: str) -> str:
        """The formula in one line of Unicode, which print puts in the PDF's text layer."""
        try:
            return html.escape(plain(tex), quote=True)
        except LatexError as error:
            raise MathError(f"{page}: {error}") from None

    def draw(tex: str, display: bool) -> str:
        try:
            svg = renderer.svg(tex, display)
        except MathError as error:
            raise MathError(f"{page}: {error}") from None
        hidden = re.sub(
            r' data-latex(-item)?="[^"]*"', "", svg.replace('role="img"', 'aria-hidden="true"', 1)
        )
        return _share_glyphs(hidden, glyphs) + mathml(svg, display)

    def registered(name: str) -> str:
        if name not in FORMULAS:
            raise MathError(f"{page}: unknown formula {name!r}; known: {', '.join(sorted(FORMULAS))}")
        formula = FORMULAS[name]  # checked against its function when the build started
        source = html.escape(formula.latex, quote=True)
        drawn = draw(formula.latex, True)
        return (
            f'<div class="math display" data-tex="{source}" data-formula="{formula.name}" '
            f'data-text="{written(formula.latex)}">{drawn}{link(formula)}</div>'
        )

    def typed(match: re.Match) -> str:
        display = match.group(1) == "div"
        inner = _DELIMITERS.match(match.group(2).strip())
        tex = html.unescape(inner.group(1) if inner else match.group(2)).strip()
        marker = _MARKER.fullmatch(tex)
        if display and marker:
            return registered(marker.group(1))
        if needs_registry(tex, display):
            kind = "displayed formula" if display else "inline formula with an operator"
            raise MathError(
                f"{page}: {kind} {tex!r} is typed into the page; write it in the docstring of the "
                "function that computes it, register it in reglit.formulas.FORMULAS, "
                "and include it with {{ formula: NAME }}"
            )
        drawn = draw(tex, False)  # first: MathJax names what is wrong with the TeX
        return (
            f'<span class="math" data-tex="{html.escape(tex, quote=True)}" data-text="{written(tex)}">'
            f"{drawn}</span>"
        )

    content = _ARITHMATEX.sub(typed, content)
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
    named by font, variant and character, so one copy per page serves all. The
    markers of what each group and glyph is go too: the MathML says it.
    """
    for key, outline in _GLYPH.findall(svg):
        if glyphs.setdefault(key, outline) != outline:
            raise MathError(f"glyph {key} has two different outlines")
    svg = re.sub(r"<defs>.*?</defs>|<defs/>", "", svg, flags=re.DOTALL)
    # The MathML beside the SVG says what each group and glyph is; the page needs no second copy of it.
    svg = re.sub(r' data-(?:mml-node|c)="[^"]*"', "", svg)
    # Inside HTML an inline <svg> needs no namespace declarations: the parser gives them.
    svg = svg.replace(' xmlns="http://www.w3.org/2000/svg"', "").replace(
        ' xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )
    return svg.replace('xlink:href="#MJX-0-', 'xlink:href="#mjx-')


_SVG = "{http://www.w3.org/2000/svg}"
_TOKENS = ("mi", "mo", "mn", "mtext", "ms")
_ROWS = {"TeXAtom": "mrow"}  # MathJax's internal grouping node
_PIECES = dict.fromkeys("⎧⎨⎩⎪", "{") | dict.fromkeys("⎫⎬⎭", "}") | dict.fromkeys("⎛⎜⎝", "(")
_PIECES |= dict.fromkeys("⎞⎟⎠", ")") | dict.fromkeys("⎡⎢⎣", "[") | dict.fromkeys("⎤⎥⎦", "]")


def mathml(svg: str, display: bool) -> str:
    r"""The MathML of a formula MathJax drew: the tree its SVG carries, as assistive technology reads it.

    MathJax marks each group of its SVG with the MathML node it draws
    (``data-mml-node``) and each glyph with its character (``data-c``); this
    writes that tree back as MathML. Mathematical italic letters become plain
    letters (``<mi>`` is italic by default), a stretched delimiter drawn in
    pieces becomes its character, and the radical sign ``msqrt`` draws is left out.

    Examples
    --------
    >>> svg = (
    ...     '<svg xmlns="http://www.w3.org/2000/svg"><g data-mml-node="math">'
    ...     '<g data-mml-node="mi"><use data-c="1D44A"/></g><g data-mml-node="mo"><use data-c="2212"/></g>'
    ...     '<g data-mml-node="mn"><use data-c="32"/></g></g></svg>'
    ... )
    >>> mathml(svg, display=False)
    '<math><mi>W</mi><mo>−</mo><mn>2</mn></math>'
    """
    root = ET.fromstring(svg)
    math = next(g for g in root.iter(f"{_SVG}g") if g.get("data-mml-node") == "math")
    opening = '<math display="block">' if display else "<math>"
    return opening + "".join(_nodes(math)) + "</math>"


def _nodes(group: ET.Element) -> list[str]:
    """The MathML of the nodes directly under ``group`` (through groups that only place them)."""
    out = []
    for child in group:
        if child.tag == f"{_SVG}g":
            out.extend([_node(child)] if child.get("data-mml-node") else _nodes(child))
    return out


def _node(group: ET.Element) -> str:
    kind = group.get("data-mml-node", "")
    if kind in _TOKENS:
        return _token(kind, group)
    children = _nodes(group)
    if kind in ("msqrt", "mroot"):  # the radical sign is drawn as a node of its own
        children = [c for c in children if c != "<mo>√</mo>"]
    if kind == "msubsup":  # drawn base, superscript, subscript; written base, subscript, superscript
        children = [children[0], children[2], children[1]]
    name = _ROWS.get(kind, kind)
    return f"<{name}>{''.join(children)}</{name}>" if children else f"<{name}/>"


_XLINK = "{http://www.w3.org/1999/xlink}href"


def _char(use: ET.Element) -> str:
    """The character a glyph draws; a vertical bar MathJax stretched (a size variant, ``-S4-``) is ``|``."""
    char = chr(int(use.get("data-c"), 16))
    if char == "\u2223" and re.search(r"-S\d-2223$", use.get(_XLINK, "")):
        return "|"  # \left\lvert: the MathML TeX gives is the plain bar; \mid keeps its own character
    return char


def _token(kind: str, group: ET.Element) -> str:
    chars = [_char(use) for use in group.iter(f"{_SVG}use") if use.get("data-c")]
    chars += [text.text or "" for text in group.iter(f"{_SVG}text")]  # characters outside MathJax's font
    if any(c in _PIECES for c in chars):  # a delimiter stretched from pieces and extenders
        chars = [_PIECES[next(c for c in chars if c in _PIECES)]]
    letters = [_plain(c) for c in "".join(chars)]
    text = "".join(letter for letter, _ in letters)
    variants = {variant for _, variant in letters} - {None, "italic"}
    attributes = ""
    if variants:
        attributes = f' mathvariant="{min(variants)}"'
    elif kind == "mi" and len(text) == 1 and text.isalpha() and not any(v for _, v in letters):
        attributes = ' mathvariant="normal"'  # an upright single letter, as \mathrm{d}
    return f"<{kind}{attributes}>{html.escape(text, quote=False)}</{kind}>"


def _plain(char: str) -> tuple[str, str | None]:
    """A character and its variant: 𝑊 is ("W", "italic"), 𝐱 is ("x", "bold"), W is ("W", None)."""
    if char == "\u210e":  # the italic small h sits in the letterlike block (PLANCK CONSTANT), not in 1D4xx
        return "h", "italic"
    name = unicodedata.name(char, "")
    if not name.startswith("MATHEMATICAL "):
        return char, None
    variant = re.match(
        r"MATHEMATICAL (.*?) (CAPITAL|SMALL|DIGIT|PARTIAL|NABLA|EPSILON|THETA|KAPPA|PHI|RHO|PI)\b", name
    )
    style = variant.group(1).lower().replace(" ", "-") if variant else None
    return unicodedata.normalize("NFKC", char), style
