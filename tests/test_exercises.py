"""The exercises' checker: right solutions pass, each classic slip fails and is named, reports are useful."""

from __future__ import annotations

import re

import numpy as np
import pytest

from reglit import formulas, solutions
from reglit.exercises import EXERCISES, Report, check
from reglit.formulas import FORMULAS
from reglit.latex import plain

SLIPS = [(name, words) for name, exercise in EXERCISES.items() for words in exercise.slips]


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_the_solution_passes(name):
    report = check(name, EXERCISES[name].solution)
    assert report.passed, report.text
    assert report and report.slip is None
    assert report.text.startswith(f"{name}: right on all {len(EXERCISES[name].samples())} inputs")


@pytest.mark.parametrize(("name", "words"), SLIPS)
def test_each_classic_slip_fails_and_is_named(name, words):
    exercise = EXERCISES[name]
    report = check(name, exercise.slips[words])
    assert not report.passed
    assert report.slip == words
    text = " ".join(report.text.split())  # the report wraps at 72 columns
    assert text.endswith(" ".join(f"This is what you get when {words}.".split()))
    assert "expected: " in report.text and "got: " in report.text
    assert " ".join(f"It should follow: {exercise.rule}".split()) in text
    assert max(len(line) for line in report.text.splitlines()) <= 72


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_each_exercise_has_a_slip_to_name(name):
    assert EXERCISES[name].slips


def test_formula_exercises_run_on_the_formula_verifiers_inputs():
    exercise = EXERCISES["soft_threshold"]
    battery = formulas.battery(formulas.FORMULAS["soft_threshold"])
    samples = exercise.samples()
    assert samples[0]["W"].tolist() == [1.0, -2.0, 0.0] and samples[0]["t"] == 0.5  # round numbers first
    assert len(samples) == len(battery) + 1
    shown = sorted(formulas._show(s["W"]) for s in samples[1:])
    assert shown == sorted(formulas._show(s["W"]) for s in battery)
    assert exercise.formulas == ("soft_threshold",)


def test_the_report_shows_the_first_differing_input_simplest_first():
    report = check("l2_grad", lambda W: np.where(np.abs(W) > 3, 3, 2) * W)
    assert not report.passed
    lines = report.text.splitlines()
    assert lines[:2] == ["l2_grad: not right yet.", "The first input where it differs (report.inputs):"]
    W = float(lines[2].split("= ")[1])  # a single number: numbers come before arrays
    assert abs(W) > 3 and report.inputs == {"W": W}
    assert lines[3] == f"expected: {2 * W!r}"
    assert lines[4] == f"got:      {3 * W!r}"
    assert report.slip is None  # an unknown slip is not given a name


def test_values_that_differ_only_far_down_are_printed_so_that_they_differ():
    report = check("torch_weight_decay", lambda lam: 2 * lam * (1 + 1e-8) if lam else 0.0)
    expected, got = (line.split(":", 1)[1].strip() for line in report.text.splitlines()[3:5])
    assert expected != got


def test_an_exception_is_reported_with_the_input():
    report = check("soft_threshold", lambda W, t: 1 / 0)
    assert not report.passed
    assert "Your function raised ZeroDivisionError: division by zero." in report.text
    assert "    W = " in report.text and "    t = " in report.text


def test_a_missing_return_is_named():
    report = check("l2_penalty", lambda W: None)
    assert "returned None, not an answer" in report.text
    assert "W = array([], dtype=float64)" not in report.text  # empty arrays come last


def test_changing_an_argument_in_place_does_not_pass():
    def in_place(W, lr, lam):
        W *= 1 - 2 * lr * lam
        return W

    report = check("l2_penalty_step", in_place)
    assert not report.passed
    assert "changed its argument W in place" in report.text


def test_a_wrong_shape_does_not_pass():
    report = check("l1_grad", lambda W: np.sign(np.ravel(W)))
    assert not report.passed


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"name must be one of .*soft_threshold.*; got 'soft'"):
        check("soft", solutions.soft_threshold)
    with pytest.raises(TypeError, match=r"function must be a callable taking \(W, t\), got 3"):
        check("soft_threshold", 3)


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_a_report_writes_its_formulas_in_unicode_and_shows_them_as_math_in_a_notebook(name):
    exercise = EXERCISES[name]
    report = check(name, lambda *args: None)
    assert not re.search(r"\\[A-Za-z]|\$", report.text), report.text
    assert f"It should follow:  {exercise.rule}" in " ".join(report.text.split("\n    "))
    shown = report._repr_markdown_()
    if not exercise.formulas:
        assert shown is None  # its text, as written
        return
    markdown, metadata = shown
    displayed = re.findall(r"^\$\$\n(.*?)\n\$\$$", markdown, flags=re.MULTILINE | re.DOTALL)
    assert displayed == [FORMULAS[f].latex for f in exercise.formulas]
    assert metadata == {"reglit": {"formulas": list(exercise.formulas)}}
    written = "; ".join(plain(FORMULAS[f].latex) for f in exercise.formulas)
    assert exercise.rule == (f"{exercise.lead}: {written}" if exercise.lead else written)
    assert report.text.splitlines()[0] in markdown.split("```")[1]  # the facts, in a monospace block


def test_a_report_shows_as_its_text():
    report = check("lasso_alpha", solutions.lasso_alpha)
    assert isinstance(report, Report)
    assert repr(report) == report.text


def test_solutions_are_independent_of_the_functions_they_check():
    """A solution written with reglit's own function would check reglit against itself."""
    import ast
    import inspect

    used = {
        node.attr
        for node in ast.walk(ast.parse(inspect.getsource(solutions)))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "reglit"
    }
    assert used == {"fit"}


def test_an_overflowing_softmax_is_caught_on_large_scores():
    def naive(X, y, W):
        p = np.exp(X @ W)
        return -np.mean(np.log(p[np.arange(len(y)), y] / p.sum(axis=1)))

    with np.errstate(all="ignore"):
        report = check("softmax_cross_entropy", naive)
    assert not report.passed
    assert report.inputs["X"].max() >= 30  # the sample with scores near 1000
    assert "did an exponential overflow" in report.text
