"""Every registered formula matches its function, and the check catches changes to either."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reglit
from reglit.formulas import FORMULAS, Formula, battery, display_math, verify
from reglit.latex import LatexError, parse
from tests.strategies import formula_inputs

NAMES = sorted(FORMULAS)


@pytest.mark.parametrize("name", NAMES)
def test_formula_matches_function_on_edge_cases(name):
    formula = FORMULAS[name]
    assert (mismatch := verify(formula, battery(formula))) is None, str(mismatch)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_formula_matches_function_on_random_inputs(name, data):
    formula = FORMULAS[name]
    inputs = data.draw(formula_inputs(formula.inputs))
    assert (mismatch := verify(formula, [inputs])) is None, str(mismatch)


def _public_functions():
    for name in reglit.__all__:
        obj = getattr(reglit, name)
        if inspect.isfunction(obj):
            yield obj


def test_every_display_formula_in_the_package_is_registered():
    registered = {(f.function, f.block) for f in FORMULAS.values()}
    for function in _public_functions():
        for block, _ in enumerate(display_math(function)):
            assert (function, block) in registered, f"{function.__name__} block {block} is not registered"


def test_every_formula_name_is_written_out_where_it_is_registered():
    """`grep -rn NAME reglit/` finds a formula's registration: no name is assembled from parts."""
    source = (Path(reglit.__file__).parent / "formulas.py").read_text(encoding="utf-8")
    for name in FORMULAS:
        assert f'"{name}"' in source, name


def test_formula_names_its_function_in_the_public_api():
    public = set(_public_functions())
    for formula in FORMULAS.values():
        assert formula.function in public, formula.name
        assert formula.latex == display_math(formula.function)[formula.block]


def test_a_missing_block_is_a_registration_error():
    with pytest.raises(ValueError, match="has 1 display-math blocks, block 3 asked for"):
        Formula("x", reglit.l2_grad, 3, {}, {}, lambda f, v: None)


# --------------------------------------------------------------------------- mutations of the LaTeX


def mutants(latex: str) -> dict[str, str]:
    """Changes of meaning to a formula, each as it would be typed: description -> LaTeX.

    Flipped signs, changed numbers, dropped terms and factors (2 eta lambda ->
    eta lambda), missing absolute values, exponents, functions and square
    roots, max for min, and flipped comparisons in case tables.
    """
    chain = parse(latex)
    out: dict[str, str] = {}

    def replace(start, end, text, why):
        mutant = latex[:start] + text + latex[end:]
        if mutant != latex:
            out.setdefault(mutant, f"{why} at {start}: {latex[start:end]!r} -> {text!r}")

    def src(node):
        return latex[node.start : node.end]

    for node in (n for part in chain.parts for n in part.walk()):
        kind, kids = node.kind, node.children
        if kind in ("add", "minus"):
            left, right = kids
            gap = latex[left.end : right.start]
            replace(
                left.end,
                right.start,
                gap.replace("+" if kind == "add" else "-", "-" if kind == "add" else "+"),
                "flipped sign",
            )
            replace(node.start, node.end, src(left), "dropped term")
            replace(node.start, node.end, src(right), "dropped term")
        elif kind == "neg":
            replace(node.start, node.end, src(kids[0]), "dropped minus")
        elif kind == "num":
            replace(node.start, node.end, f"{node.value + 1:g}", "changed number")
            if latex[node.end : node.end + 1].isalpha() or latex[node.end : node.end + 1] == "\\":
                replace(node.start, node.end, "", "dropped coefficient")
        elif kind in ("mul", "div"):
            replace(node.start, node.end, src(kids[0]), "dropped factor")
            replace(node.start, node.end, src(kids[1]), "dropped factor")
        elif kind in ("abs", "sqrt", "pow"):
            replace(node.start, node.end, src(kids[0]), f"dropped {kind}")
        elif kind == "call":
            replace(node.start, node.end, src(kids[0]), f"dropped {node.value}")
            swap = {"max": r"\min", "min": r"\max"}.get(node.value)
            if swap:
                replace(node.start, node.start + 4, swap, "swapped max and min")
        elif kind == "rel":
            left, right = kids
            flipped = {">": "<", "<": ">", r"\le": "<", r"\ge": ">", "=": ">", r"\neq": "="}[node.value]
            replace(left.end, right.start, f" {flipped} ", "changed comparison")
    return {why: mutant for mutant, why in out.items()}


def _rejects(formula, latex) -> bool:
    try:
        return verify(formula, battery(formula), latex) is not None
    except (LatexError, ValueError):
        return True  # a formula the checker cannot read fails the build too


@pytest.mark.parametrize("name", NAMES)
def test_every_mutation_of_every_formula_is_rejected(name, record_property):
    formula = FORMULAS[name]
    found = mutants(formula.latex)
    if not found:  # a bare identity, a = b: the broken implementations below check it
        assert re.fullmatch(r"[^=+\-*/^]+=[^=+\-*/^]+", formula.latex) and name in BROKEN, formula.latex
    survivors = {why: m for why, m in found.items() if not _rejects(formula, m)}
    record_property("mutants", len(found))
    assert not survivors, f"these changes to {name} were not caught: {survivors}"


def test_mutations_named_in_the_brief_are_generated():
    latex = FORMULAS["l2_step_penalty_only"].latex
    produced = set(mutants(latex).values())
    assert r"W \leftarrow W - \eta \cdot \lambda W = (1 - 2\eta\lambda)\,W" in produced
    assert r"W \leftarrow W + \eta \cdot 2\lambda W = (1 - 2\eta\lambda)\,W" in produced
    l1 = set(mutants(FORMULAS["l1_penalty"].latex).values())
    assert r"R(W) = \sum_k \sum_l W_{k,l}" in l1
    full = set(mutants(FORMULAS["full_loss_l2"].latex).values())
    assert r"L(W) = \frac{1}{N} \sum_i L_i" in full


# --------------------------------------------------------------------------- mutations of the code


BROKEN = {
    "l2_penalty": lambda W: float(np.sum(np.square(W))) / 2,  # one-half convention
    "l2_penalty_distance": lambda W: float(np.sqrt(np.sum(np.square(W)))),  # norm, not its square
    "l2_grad": lambda W: np.asarray(W, dtype=float),  # dropped factor 2
    "l1_penalty": lambda W: float(np.sum(W)),  # missing absolute value
    "l1_grad": lambda W: np.where(np.asarray(W) >= 0, 1.0, -1.0),  # sign(0) = 1
    "sign": lambda W: np.where(np.asarray(W) >= 0, 1.0, -1.0),
    "l2_step_penalty_only": lambda W, lr, lam: np.asarray(W) * (1 - lr * lam),
    "l2_step": lambda W, lr, lam, grad: np.asarray(W) - lr * (np.asarray(grad) + lam * np.asarray(W)),
    "l1_step_penalty_only": lambda W, lr, lam: reglit.soft_threshold(W, lr * lam),  # clipped
    "l1_prox_step": lambda W, lr, lam, grad: reglit.l1_step(W, lr, lam, grad),
    "soft_threshold": lambda W, t: np.sign(W) * np.maximum(np.abs(W) - t, -t),
    "gd_step": lambda W, grad, lr: np.asarray(W) + lr * np.asarray(grad),
    "full_loss_l2": lambda data_loss, W, lam, penalty: data_loss + lam * reglit.l1_penalty(W),
    "l2_distance": lambda a, b: float(np.sum((np.asarray(a) - np.asarray(b)) ** 2)),
    "lasso_alpha": lambda lam: lam,
    "sgd_alpha": lambda lam: 2 * lam,  # the mapping this site once stated: only the penalty-only step matches
    "ridge_alpha": lambda lam, n: lam,
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_changed_implementation_is_rejected(name):
    original = FORMULAS[name]
    function = functools.update_wrapper(BROKEN[name], original.function)  # same docstring
    broken = dataclasses.replace(original, function=function)
    assert verify(broken, battery(broken)) is not None
