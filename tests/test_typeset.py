"""Math on pages: drawn as SVG, registered formulas by name, errors naming the page."""

import re

import pytest

from reglit.formulas import FORMULAS
from sitebuild import typeset


class _Store:
    def __call__(self, name, make):
        return make()


def _shown(name):
    """A formula directive's placeholder as Markdown's arithmatex leaves it in the page's HTML."""
    return f'<div class="arithmatex">\\[\n\\formula{{{name}}}\n\\]</div>'


def _page(body):
    return typeset.render_page(body, "chapters/x.md", renderer=_renderer(), link=lambda f: f"<a>{f.name}</a>")


_cached = {}


def _renderer():
    if "r" not in _cached:
        _cached["r"] = typeset.Renderer(_Store())
    return _cached["r"]


def test_a_placeholder_becomes_its_formula_with_a_link():
    out = _page(_shown("l2_step_penalty_only"))
    assert '</svg><div class="math display" data-tex=' in out and "<svg" in out
    assert 'data-formula="l2_step_penalty_only"' in out and "<a>l2_step_penalty_only</a>" in out
    assert "MJX-" not in out  # ids renumbered per page


def test_entries_with_the_same_latex_keep_their_own_names():
    assert FORMULAS["full_loss_l1"].latex == FORMULAS["full_loss_l2"].latex
    for name in ("full_loss_l1", "full_loss_l2"):
        out = _page(_shown(name))
        assert re.findall(r'data-formula="([^"]+)"', out) == [name]
        assert f"<a>{name}</a>" in out


def test_inline_symbol_renders_without_registration():
    out = _page('<span class="arithmatex">\\(\\eta\\)</span>')
    assert '</svg><span class="math" data-tex="\\eta" data-text="η">' in out and "<svg" in out


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ('<div class="arithmatex">\\[W \\leftarrow W - 2\\eta W\\]</div>', "displayed formula"),
        (f'<div class="arithmatex">\\[{FORMULAS["l2_grad"].latex}\\]</div>', "displayed formula"),
        ('<span class="arithmatex">\\(a + b\\)</span>', "inline formula with an operator"),
        ('<span class="arithmatex">\\(x^\\)</span>', "Missing superscript"),
        ('<span class="arithmatex">\\(\\foo\\)</span>', "undefined control sequence \\\\foo"),
        (_shown("no_such"), "unknown formula 'no_such'"),
    ],
)
def test_bad_math_stops_the_build_naming_the_page(html, message):
    with pytest.raises(typeset.MathError, match=f"^chapters/x.md: .*{message}"):
        _page(html)


def test_formulas_of_a_page_share_one_copy_of_each_glyph():
    out = _page('<span class="arithmatex">\\(\\eta\\)</span> <span class="arithmatex">\\(2\\eta\\)</span>')
    ids = re.findall(r'id="([^"]+)"', out)
    assert len(ids) == len(set(ids)) == 2  # eta and 2, each defined once
    assert out.startswith('<svg class="math-glyphs"')
    uses = re.findall(r'xlink:href="#([^"]+)"', out)
    assert len(uses) == 3 and set(uses) == set(ids)


def test_operator_rule():
    assert typeset.needs_registry("x", display=True)
    assert not typeset.needs_registry(r"\nabla_W L_{\text{data}}", display=False)
    assert typeset.needs_registry(r"2\eta\lambda > 1", display=False)
    assert typeset.needs_registry(r"\frac{1}{N}", display=False)


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        (r"w_i^2", "<msubsup><mi>w</mi><mi>i</mi><mn>2</mn></msubsup>"),  # drawn sup first, written sub first
        (r"\sqrt{x}", "<msqrt><mi>x</mi></msqrt>"),  # the surd is drawing, not content
        (r"\mathbf{x}", '<mrow><mi mathvariant="bold">x</mi></mrow>'),
        (r"\mathrm{d}x", '<mrow><mi mathvariant="normal">d</mi></mrow><mi>x</mi>'),
        (r"\eta \lambda", "<mi>η</mi><mi>λ</mi>"),  # math italic letters written as plain ones
        (r"h", "<mi>h</mi>"),  # italic h is drawn as U+210E, the letterlike block's PLANCK CONSTANT
        (r"\begin{cases} 1 & a \\ 0 & b \\ 2 & c \end{cases}", "<mo>{</mo><mtable>"),  # a brace in pieces
    ],
)
def test_mathml_is_the_tree_mathjax_drew(tex, expected):
    assert expected in typeset.mathml(_renderer().svg(tex, display=True), display=True)


def test_a_formula_is_hidden_from_assistive_technology_and_followed_by_its_mathml():
    out = _page('<span class="arithmatex">\\(\\eta\\)</span>')
    assert 'aria-hidden="true"' in out and 'role="img"' not in out and "aria-label" not in out
    assert out.endswith("</svg><math><mi>η</mi></math></span>") and "data-latex" not in out
