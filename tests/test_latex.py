"""The LaTeX evaluator, on its own: each construct the site uses, and its errors."""

import math

import numpy as np
import pytest

from reglit.formulas import FORMULAS
from reglit.latex import LatexError, canonical, evaluate, parse, plain

W = np.array([[1.0, -2.0, 0.0], [3.0, 0.5, -4.0]])


@pytest.mark.parametrize(
    ("latex", "env", "expected"),
    [
        (r"2 + 3 \cdot 4", {}, 14.0),
        (r"2 - 3 - 4", {}, -5.0),
        (r"-2^2", {}, -4.0),
        (r"\frac{3}{4}", {}, 0.75),
        (r"\frac{1}{N} x", {"N": 4, "x": 2.0}, 0.5),
        (r"2\lambda W", {"lambda": 0.5, "W": 3.0}, 3.0),
        (r"\eta(a + b)", {"eta": 2.0, "a": 1.0, "b": 2.0}, 6.0),
        (r"\eta \left(a + b\right)", {"eta": 2.0, "a": 1.0, "b": 2.0}, 6.0),
        (r"(1 - 2\eta\lambda)\,W", {"eta": 0.1, "lambda": 0.1, "W": 10.0}, 9.8),
        (r"\sqrt{9} + \lvert -2 \rvert + |{-1}|", {}, 6.0),
        (r"\left\lvert -3 \right\rvert", {}, 3.0),
        (r"\max(2, 5) - \min(2, 5)", {}, 3.0),
        (r"\log e + \exp(0) + e^{0}", {}, 3.0),
        (r"\operatorname{sign}(x)", {"x": np.array([-2.0, 0.0, 3.0])}, [-1.0, 0.0, 1.0]),
        (r"\sum_k \sum_l W_{k,l}^2", {"W": W}, float(np.sum(W**2))),
        (r"\sum_l W_{1,l}", {"W": W}, -0.5),
        (r"\sum_i x_i y_i", {"x": np.array([1.0, 2.0]), "y": np.array([3.0, 4.0])}, 11.0),
        (
            r"\max_j \lvert \sum_i X_{i,j} y_i \rvert",
            {"X": np.array([[1.0, -3.0], [2.0, 1.0]]), "y": np.ones(2)},
            3.0,
        ),
        (r"\max_k x_k + \max(1, 2)", {"x": np.array([-5.0, -7.0])}, -3.0),
        (r"\lambda_1 + \lambda_{2}", {"lambda_1": 1.0, "lambda_2": 2.0}, 3.0),
        (r"I_{1,p}", {"I_1": np.array([5.0, 6.0]), "p": 1}, 6.0),
        (r"S_t(x)", {"S": lambda t, x: x - t, "t": 1.0, "x": 5.0}, 4.0),
        (r"S_{2 t}(x)", {"S": lambda t, x: x - t, "t": 1.0, "x": 5.0}, 3.0),
        (r"R(W)", {"R": lambda w: 7.0, "W": W}, 7.0),
        (r"\nabla_W L_{\text{data}} + 1", {"nabla_WL_data": 2.0}, 3.0),
        (r"\alpha_{\text{Lasso}}", {"alpha_Lasso": 0.25}, 0.25),
        (r"s_{i,y_i}", {"s": np.array([[1.0, 2.0], [3.0, 4.0]]), "y": np.array([1, 0]), "i": 1}, 3.0),
    ],
)
def test_evaluates_each_construct(latex, env, expected):
    (value,) = evaluate(latex, env)
    np.testing.assert_allclose(value, expected, rtol=1e-12)


def test_cases_choose_row_by_row():
    latex = r"\begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{if } x = 0 \\ -1 & \text{otherwise} \end{cases}"
    (value,) = evaluate(latex, {"x": np.array([-3.0, 0.0, 2.0])})
    np.testing.assert_array_equal(value, [-1.0, 0.0, 1.0])


def test_cases_leave_uncovered_elements_nan():
    latex = r"\begin{cases} 1 & \text{if } x > 0 \\ -1 & \text{if } x < 0 \end{cases}"
    (value,) = evaluate(latex, {"x": np.array([-3.0, 0.0, 2.0])})
    assert np.isnan(value[1]) and value[0] == -1.0 and value[2] == 1.0


def test_chain_evaluates_every_part_but_an_assignment_target():
    values = evaluate(r"W \leftarrow W - \eta W = (1 - \eta) W", {"W": 4.0, "eta": 0.25})
    assert values == [3.0, 3.0]
    assert evaluate(r"a = 1 + 1 = 2", {"a": 2.0}) == [2.0, 2.0, 2.0]


def test_a_largest_value_over_no_elements_is_minus_infinity_and_keeps_the_function_form():
    (value,) = evaluate(r"\max_k x_k", {"x": np.ones(0)})
    assert value == -np.inf
    (value,) = evaluate(r"\max(x, 0)", {"x": np.array([-1.0, 2.0])})
    np.testing.assert_array_equal(value, [0.0, 2.0])


def test_sum_range_follows_the_indexed_axis():
    (value,) = evaluate(r"\sum_l 1 \cdot W_{0,l}", {"W": np.ones((2, 5))})
    assert value == 5.0
    (value,) = evaluate(r"\sum_k \sum_l W_{k,l}", {"W": np.ones((0, 3))})
    assert value == 0.0


def test_euler_number_unless_bound():
    assert evaluate("e", {}) == [math.e]
    assert evaluate("e", {"e": 2.0}) == [2.0]


def test_canonical_names():
    assert canonical(r"\lambda_{1}") == canonical(r"\lambda_1") == "lambda_1"
    assert canonical(r"R_{\text{L1}}(W)") == "R_L1(W)"


def test_spans_point_into_the_source():
    chain = parse(r"R(W) = \sum_k \sum_l \lvert W_{k,l} \rvert")
    assert [chain.source[p.start : p.end] for p in chain.parts] == [
        "R(W)",
        r"\sum_k \sum_l \lvert W_{k,l} \rvert",
    ]


@pytest.mark.parametrize(
    ("latex", "message"),
    [
        (r"\int x", "unsupported LaTeX"),
        (r"(1 + 2", r"expected '\)'"),
        (r"1 + ", "reached the end"),
        (r"\begin{matrix} 1 \end{matrix}", "only the cases"),
        (r"\sum_{k+1} x", "one index letter"),
        (r"1 2 )", r"unexpected '\)'"),
    ],
)
def test_rejects_syntax_outside_the_subset(latex, message):
    with pytest.raises(LatexError, match=message):
        parse(latex)


@pytest.mark.parametrize(
    ("latex", "env", "message"),
    [
        ("x + 1", {}, "unbound symbol 'x'"),
        (r"\sum_k 1", {}, "no array indexed by index 'k'"),
        (r"\sum_k x_k y_k", {"x": np.ones(2), "y": np.ones(3)}, "conflicting lengths"),
        ("x_{0,1}", {"x": np.ones(3)}, "2 indices for an array of shape"),
        ("x_{0.5}", {"x": np.ones(3)}, "not a whole number"),
    ],
)
def test_evaluation_errors_name_the_problem(latex, env, message):
    with pytest.raises(LatexError, match=message):
        evaluate(latex, env)


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_every_registered_formula_has_a_plain_form_with_no_tex(name):
    text = plain(FORMULAS[name].latex)
    assert text and "\\" not in text and "\n" not in text and "  " not in text
    assert (
        text.count("(") == text.count(")") and text.count("{") == text.count("}") and text.count("|") % 2 == 0
    )


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (r"\lambda", "λ"),
        (r"\eta\lambda", "ηλ"),
        (r"X^\top X", "Xᵀ X"),
        (r"\lambda_{\text{1se}}", "λ_1se"),
        (r"\nabla_W L_{\text{data}}", "∇_W L_data"),
        (r"\lambda = \frac{1}{2 \eta k}", "λ = 1/(2ηk)"),
        (r"W \leftarrow W - \eta \frac{2}{N} X", "W ← W - η(2/N)X"),
        (r"\frac{1}{N} \sum_i L_i", "(1/N) Σ_i L_i"),
        (r"S_{\eta\lambda}(W)", "S_(ηλ)(W)"),
        (r"s = \frac{d^2}{d^2 + N \lambda}", "s = d²/(d² + Nλ)"),
        (r"e = 1 - (1 - \eta h)^k", "e = 1 - (1 - ηh)^k"),
        (r"\max_j \left\lvert a \right\rvert", "max_j |a|"),
        (
            r"\begin{cases} 1 & \text{if } W > 0 \\ 0 & \text{otherwise} \end{cases}",
            "{1 if W > 0; 0 otherwise}",
        ),
    ],
)
def test_plain_text_reads_as_the_formula(latex, expected):
    assert plain(latex) == expected


def test_plain_text_refuses_notation_it_has_no_form_for():
    with pytest.raises(LatexError, match=r"no plain form for \\mathcal"):
        plain(r"\mathcal{L}")
