r"""Exercises: the reader writes a function, [`check`][reglit.exercises.check] holds it to the formula.

Each notebook asks the reader for a few functions (soft-thresholding, the L2
and L1 steps, a regularized fit, a choice of lambda on a validation split, a
conversion to another library's convention). ``check(name, my_function)``
calls the reader's function on the inputs the formula verifier uses for that
formula (zeros, signs, values at and within a hair of eta lambda, numbers,
vectors, matrices, empty arrays), simplest first, and compares it with reglit.
It reports the first input where they differ: the input, what was expected,
what came back, the formula the answer should follow, and, when the answer is
what a classic slip gives (a missing factor 2, a step that crosses zero), it
names the slip.

Examples
--------
>>> import numpy as np
>>> check("l2_penalty_step", lambda W, lr, lam: (1 - 2 * lr * lam) * W)
l2_penalty_step: right on all 61 inputs (numbers, vectors, matrices, empty arrays;
zeros, signs, and values at and near every threshold).

>>> report = check("l2_penalty_step", lambda W, lr, lam: (1 - lr * lam) * W)
>>> report.passed, report.slip
(False, 'the factor 2 is missing: the gradient of lambda W^2 is 2 lambda W')
"""

from __future__ import annotations

import copy
import functools
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from reglit import conventions, formulas, solutions
from reglit.latex import plain
from reglit.shrinkage import ridge
from reglit.train import fit

__all__ = ["EXERCISES", "Exercise", "Report", "check"]


@dataclass(frozen=True)
class Exercise:
    """One exercise: the function a reader writes, and how to hold it to reglit.

    Attributes
    ----------
    name : str
        The name of the function the reader writes, and of its solution in
        [`reglit.solutions`][reglit.solutions].
    parameters : tuple of str
        The reader's parameters, in order.
    rule : str
        What the answer must follow, as one line of text: words, or its
        formulas written with [`reglit.latex.plain`][reglit.latex.plain].
    samples : callable
        ``samples()`` -> list of inputs (parameter -> value), simplest first.
    expected : callable
        ``expected(inputs)`` -> the right answer, computed by reglit.
    slips : mapping
        Classic slip, in words -> a function that makes it (same parameters).
    covers : str
        What the samples cover, for the report.
    formulas : tuple of str
        The registered formulas the answer follows, if any.
    lead : str
        Words that come before those formulas, if any.
    """

    name: str
    parameters: tuple[str, ...]
    rule: str
    samples: Callable[[], list[dict]]
    expected: Callable[[dict], Any]
    slips: Mapping[str, Callable[..., Any]]
    covers: str
    formulas: tuple[str, ...] = ()
    lead: str = ""
    solution: Callable[..., Any] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "solution", getattr(solutions, self.name))


@dataclass(frozen=True)
class Report:
    """What [`check`][reglit.exercises.check] found.

    A notebook shows it as Markdown, the formula to follow drawn as math (the
    site's build draws it as it draws every registered formula); anywhere else
    it is its text, the formula written as one line of Unicode
    ([`reglit.latex.plain`][reglit.latex.plain]).

    Attributes
    ----------
    name : str
        The exercise.
    passed : bool
        Whether the function gave the right answer on every input.
    text : str
        The report a reader sees.
    slip : str or None
        The classic slip the answer matches, if one does.
    inputs : dict or None
        The first input where the function went wrong, parameter -> value,
        to call it again with: ``my_function(**report.inputs)``.
    formulas : tuple of str
        The registered formulas a failed answer should follow, if any.
    markdown : str or None
        The report as Markdown, when it has formulas to show.
    """

    name: str
    passed: bool
    text: str
    slip: str | None = None
    inputs: dict | None = None
    formulas: tuple[str, ...] = ()
    markdown: str | None = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> tuple[str, dict] | None:
        """The report as Markdown, the formulas to follow as display math, with metadata naming them (so
        that a page built from the notebook draws them by name); None for a report with no formula."""
        if self.markdown is None:
            return None
        return self.markdown, {"reglit": {"formulas": list(self.formulas)}}


def check(name: str, function: Callable[..., Any]) -> Report:
    """Hold a reader's function to an exercise's formula, input by input, simplest input first.

    Parameters
    ----------
    name : str
        The exercise, a key of [`EXERCISES`][reglit.exercises.EXERCISES].
    function : callable
        The reader's function, taking the exercise's parameters in order.

    Returns
    -------
    Report
        ``passed`` is true when the function matched reglit on every input;
        otherwise the report names the first input where it did not, what
        was expected and what came back (or what it raised), the formula to
        follow and, when it is one, the classic slip the answer matches.
        A function that changes its arguments in place does not pass.

    Raises
    ------
    ValueError
        When ``name`` is not an exercise.
    TypeError
        When ``function`` is not callable.
    """
    if name not in EXERCISES:
        raise ValueError(f"name must be one of {', '.join(sorted(EXERCISES))}; got {name!r}")
    if not callable(function):
        raise TypeError(f"function must be a callable taking {_signature(EXERCISES[name])}, got {function!r}")
    exercise = EXERCISES[name]
    samples = exercise.samples()
    for inputs in samples:
        expected = exercise.expected(inputs)
        given = copy.deepcopy(inputs)
        try:
            got = _call(function, exercise, given)
        except Exception as error:  # the reader's code: any failure is reported, not raised
            return _failed(exercise, inputs, f"raised {type(error).__name__}: {error}")
        changed = [p for p in exercise.parameters if not _same(given[p], inputs[p])]
        if changed:
            return _failed(
                exercise, inputs, f"changed its argument {changed[0]} in place; return a new value instead"
            )
        if got is None:
            return _failed(exercise, inputs, "returned None, not an answer: replace its body with your code")
        if not formulas.agree(got, expected):
            return _failed(exercise, inputs, None, expected, got, _slip(exercise, function, samples))
    return Report(name, True, f"{name}: right on all {len(samples)} inputs ({exercise.covers}).")


def _call(function, exercise: Exercise, inputs: dict):
    return function(*(inputs[p] for p in exercise.parameters))


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(a, b, equal_nan=True)
    return a == b


def _slip(exercise: Exercise, function, samples: list[dict]) -> str | None:
    """The classic slip that gives the reader's answer on every input where that answer is wrong."""
    answers = [(s, _answer(function, exercise, s)) for s in samples]
    wrong = [(s, got) for s, got in answers if not _same_answer(got, exercise.expected(s))]
    for words, slip in exercise.slips.items():
        if all(_same_answer(got, _answer(slip, exercise, s)) for s, got in wrong):
            return words
    return None


_FAILED = object()
"""The answer of a function that raised."""


def _answer(function, exercise: Exercise, inputs: dict):
    """What ``function`` returns on a copy of ``inputs``, or ``_FAILED``."""
    with np.errstate(all="ignore"):
        try:
            return _call(function, exercise, copy.deepcopy(inputs))
        except Exception:  # the reader's code, or a slip, failing here: no answer
            return _FAILED


def _same_answer(answer, other) -> bool:
    if answer is _FAILED or other is _FAILED:
        return False
    try:
        return formulas.agree(answer, other)
    except (TypeError, ValueError):  # an answer that is not a number or an array of them
        return False


def _failed(exercise: Exercise, inputs: dict, problem, expected=None, got=None, slip=None) -> Report:
    lines = [f"{exercise.name}: not right yet.", "The first input where it differs (report.inputs):"]
    lines += [f"    {p} = {_show_input(inputs[p], 72 - len(f'    {p} = '))}" for p in exercise.parameters]
    if problem is not None:
        lines += _wrapped(f"Your function {problem}.")
    else:
        lines.append(f"expected: {_show(expected, got)}")
        lines.append(f"got:      {_show(got, expected)}")
    notes = []
    if slip:
        notes.append(f"This is what you get when {slip}.")
    elif got is not None and not np.isfinite(np.asarray(got, dtype=float)).all():
        notes.append("A value is not finite: did an exponential overflow, or a division by zero happen?")
    given = {p: copy.deepcopy(inputs[p]) for p in exercise.parameters}
    said = (f"It should follow:  {exercise.rule}", *notes)
    text = "\n".join(lines + [line for note in said for line in _wrapped(note)])
    markdown = None
    if exercise.formulas:
        shown = [f"$$\n{formulas.FORMULAS[name].latex}\n$$\n" for name in exercise.formulas]
        follow = f"It should follow, {exercise.lead}:" if exercise.lead else "It should follow:"
        markdown = "\n".join(["```text", *lines, "```", "", follow, "", *shown, *notes])
    return Report(exercise.name, False, text, slip, given, exercise.formulas, markdown)


def _wrapped(text: str) -> list[str]:
    """Lines of at most 72 characters, the width of a notebook's output column on the site."""
    return textwrap.wrap(text, 72, subsequent_indent="    ", break_long_words=False, break_on_hyphens=False)


def _show_input(value, width: int) -> str:
    """An input as the report shows it, its first line ``width`` wide: in full, or its shape and range."""
    if isinstance(value, np.ndarray) and value.size > 12:
        return f"array of shape {value.shape}, from {value.min():.4g} to {value.max():.4g}"
    with np.printoptions(linewidth=width):
        return repr(_plain(value))


def _show(value, other=None) -> str:
    """``value`` printed so that it visibly differs from ``other``, in lines that fit 72 columns."""
    for precision in (8, 17):
        with np.printoptions(precision=precision, floatmode="maxprec", linewidth=60):
            text, rival = repr(_plain(value)), repr(_plain(other))
        if text != rival:
            break
    return text


def _plain(value):
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _signature(exercise: Exercise) -> str:
    return f"({', '.join(exercise.parameters)})"


# --------------------------------------------------------------------------- the registry


def _from_formula(
    name: str, formula: str, parameters: Mapping[str, str], slips, extra: tuple[dict, ...] = ()
) -> Exercise:
    """An exercise whose answer is a registered formula, checked on that formula's battery.

    ``parameters`` maps the reader's parameter names to the formula's input
    names. A plain sample comes first (weights 1, -2 and 0, a learning rate of
    0.1, a strength of 0.5), then the battery, numbers before arrays, then
    ``extra`` samples (in the formula's names).
    """
    entry = formulas.FORMULAS[formula]

    def samples() -> list[dict]:
        battery = sorted(formulas.battery(entry), key=lambda s: _size(s.values()))
        plain = _plain_sample(entry.inputs)
        found = ([plain] if plain else []) + battery + list(extra)
        # the reader's names (numbers as Python floats); the formula's own inputs under "_" for reglit
        return [{p: _plain(s[key]) for p, key in parameters.items()} | {"_": s} for s in found]

    return Exercise(
        name=name,
        parameters=tuple(parameters),
        rule=_rule("", (formula,)),
        samples=samples,
        expected=lambda inputs: entry.call(entry.function, inputs["_"]),
        slips=slips,
        covers=_covers(entry.inputs, extra),
        formulas=(formula,),
    )


_PLAIN = {"weights": [1.0, -2.0, 0.0], "rate": 0.1, "strength": 0.5, "count": 10}


def _plain_sample(inputs: Mapping[str, str]) -> dict | None:
    """Round numbers to start with, when every input is of a kind that has them."""
    if not set(inputs.values()) <= set(_PLAIN):
        return None
    grads = iter([[0.3, 0.6, -0.9]])
    return {
        name: np.array(next(grads) if name == "grad" else _PLAIN[kind]) if kind == "weights" else _PLAIN[kind]
        for name, kind in inputs.items()
    }


def _covers(inputs: Mapping[str, str], extra) -> str:
    """What a formula's samples cover, in words, from the kinds of its inputs."""
    kinds = set(inputs.values())
    if "weights" in kinds:
        text = (
            "numbers, vectors, matrices, empty arrays; zeros, signs, and values at and near every threshold"
        )
    elif kinds <= {"rate", "positive_rate", "strength", "positive_strength", "count"}:
        zero = "zero, " if kinds & {"rate", "strength"} else ""
        text = f"{zero}small and large strengths" + (" and sample counts" if "count" in kinds else "")
    elif kinds <= {"grid", "losses", "standard_errors"}:
        text = "grids of 1 to 6 strengths, with standard errors of 0 and more"
    elif kinds <= {"spread", "count"}:
        text = "small and large noise levels, prior scales and sample counts"
    else:
        text = "small random data sets of several shapes"
    return text + ("; scores large enough to overflow a plain exponential" if extra else "")


def _size(values) -> tuple[bool, int]:
    """Sort key: numbers first, then larger arrays, samples holding an empty array last."""
    values = list(values)
    return any(np.ndim(v) and not np.size(v) for v in values), sum(int(np.size(v)) for v in values)


def _same_names(*names: str) -> dict[str, str]:
    return {name: name for name in names}


_STEP = _same_names("W", "lr", "lam")
_STEP_WITH_GRAD = _same_names("W", "lr", "lam", "grad")


def _regressions(seed: int, count: int) -> list[dict]:
    """Small regression problems with a learning rate that keeps gradient descent stable."""
    rng = np.random.default_rng(seed)
    problems = []
    for index in range(count):
        n, d = int(rng.integers(1, 7)), int(rng.integers(1, 5))
        X = rng.normal(size=(n, d))
        problems.append(
            {
                "X": X,
                "y": X @ rng.normal(size=d) + rng.normal(size=n),
                "lam": float(rng.choice([0.0, 0.1, 0.37, 1.0])),
                "lr": 0.5 / (1 + 2 * float(np.linalg.norm(X, 2)) ** 2 / n + 2.0),
                "steps": [0, 1, 5, 60][index % 4],
            }
        )
    return problems


def _validation_splits(seed: int, count: int) -> list[dict]:
    """Few noisy training examples and many validation ones, each best at a lambda inside ``lams``."""
    rng = np.random.default_rng(seed)
    splits: list[dict] = []
    while len(splits) < count:
        d = int(rng.integers(3, 7))
        true = rng.normal(size=d) * (rng.random(d) < 0.5)
        X_train, X_val = rng.normal(size=(d - 1, d)), rng.normal(size=(40, d))
        splits.append(
            {
                "X_train": X_train,
                "y_train": X_train @ true + rng.normal(size=d - 1),
                "X_val": X_val,
                "y_val": X_val @ true + rng.normal(size=40),
                "lams": [0.0, 0.03, 0.1, 0.3, 1.0, 3.0],
            }
        )
        if not 0 < int(np.argmin(_val_losses(**splits[-1]))) < len(splits[-1]["lams"]) - 1:
            splits.pop()  # too little or too much regularization would win: not a lesson in choosing
    return splits


def _nonzero(scale):
    """A scale with its zeros (constant columns) replaced by 1."""
    return np.where(np.asarray(scale) > 0, scale, 1.0)


def _cv_problems(seed: int, count: int) -> list[dict]:
    """Small regression problems dealt into folds, each best at a lambda strictly inside ``lams``."""
    from reglit.validation import kfold

    rng = np.random.default_rng(seed)
    problems: list[dict] = []
    while len(problems) < count:
        n, d = int(rng.integers(12, 31)), int(rng.integers(3, 8))
        true = rng.normal(size=d) * (rng.random(d) < 0.5)
        X = rng.normal(size=(n, d))
        problem = {
            "X": X,
            "y": X @ true + rng.normal(0, 1.5, size=n),
            "lams": [0.01, 0.03, 0.1, 0.3, 1.0, 3.0],
            "folds": kfold(n, int(rng.integers(3, 6)), seed=int(rng.integers(1000))),
        }
        errors = _cv_errors(**problem)
        best = int(np.argmin(errors))
        # a choice strictly inside the grid, and not a near tie (the answer must not hang on rounding)
        if 0 < best < len(problem["lams"]) - 1 and np.sort(errors)[1] > errors[best] * (1 + 1e-6):
            problems.append(problem)
    return problems


def _cv_errors(X, y, lams, folds, *, only_fold=None, on_training=False) -> list[float]:
    """The mean over folds of ridge's error on each held-out fold, per lambda (reglit's closed form)."""
    errors = []
    for lam in lams:
        per_fold = []
        for k in range(folds.max() + 1) if only_fold is None else [only_fold]:
            train, held = folds != k, folds == k
            W = ridge(X[train], y[train], lam)
            rows = train if on_training else held
            per_fold.append(float(np.mean((X[rows] @ W - y[rows]) ** 2)))
        errors.append(float(np.mean(per_fold)))
    return errors


def _fit_l2(X, y, lam, lr, steps):
    return fit(X, y, loss="mse", method="l2", lr=lr, lam=lam, steps=steps).W


def _val_losses(X_train, y_train, X_val, y_val, lams, on_training=False):
    losses = []
    for lam in lams:
        W = _fit_l2(X_train, y_train, lam, 0.05, 100)
        X, y = (X_train, y_train) if on_training else (X_val, y_val)
        losses.append(float(np.mean((X @ W - y) ** 2)))
    return losses


_ELASTIC_NET = ("elastic_net_alpha", "elastic_net_l1_ratio")
_RIDGE_FIT = "from W = 0, steps times the L2 step on the mean squared error"


def _rule(lead: str, names: tuple[str, ...]) -> str:
    """What an answer must follow, in one line: words, then its formulas in Unicode."""
    written = "; ".join(plain(formulas.FORMULAS[name].latex) for name in names)
    return f"{lead}: {written}" if lead else written


_EXERCISE_LIST = [
    _from_formula(
        "l2_penalty",
        "l2_penalty",
        _same_names("W"),
        {
            "the penalty is halved (some texts write 1/2 W^2; this site does not)": lambda W: (
                0.5 * np.sum(np.square(W))
            ),
            "the result is the length sqrt(sum W^2), not its square": lambda W: np.sqrt(np.sum(np.square(W))),
            "the weights are summed without squaring them": lambda W: np.sum(W),
        },
    ),
    _from_formula(
        "full_loss",
        "full_loss_l2",
        {"losses": "L", "W": "W", "lam": "lam"},
        {
            "the per-example losses are summed, not averaged": lambda losses, W, lam: (
                np.sum(losses) + lam * np.sum(np.square(W))
            ),
            "the penalty is not multiplied by lambda": lambda losses, W, lam: (
                np.mean(losses) + np.sum(np.square(W))
            ),
        },
    ),
    _from_formula(
        "l2_grad",
        "l2_grad",
        _same_names("W"),
        {"the factor 2 is missing: the derivative of W^2 is 2 W": lambda W: np.array(W, dtype=float)},
    ),
    _from_formula(
        "l1_grad",
        "l1_grad",
        _same_names("W"),
        {
            "a zero weight gets +1: sign(0) is 0 here": lambda W: np.where(np.asarray(W) >= 0, 1.0, -1.0),
            "a zero weight gets -1: sign(0) is 0 here": lambda W: np.where(np.asarray(W) > 0, 1.0, -1.0),
            "the weights are returned instead of their signs": lambda W: np.array(W, dtype=float),
        },
    ),
    _from_formula(
        "l2_penalty_step",
        "l2_step_penalty_only",
        _STEP,
        {
            "the factor 2 is missing: the gradient of lambda W^2 is 2 lambda W": lambda W, lr, lam: (
                (1 - lr * lam) * W
            ),
            "the step goes up the gradient (+ instead of -)": lambda W, lr, lam: (1 + 2 * lr * lam) * W,
        },
    ),
    _from_formula(
        "l2_step",
        "l2_step",
        _STEP_WITH_GRAD,
        {
            "the factor 2 of the penalty's gradient is missing": lambda W, lr, lam, grad: (
                W - lr * (grad + lam * W)
            ),
            "the data gradient is left out": lambda W, lr, lam, grad: (1 - 2 * lr * lam) * W,
            "the step goes up the gradient (+ instead of -)": lambda W, lr, lam, grad: (
                W + lr * (grad + 2 * lam * W)
            ),
        },
    ),
    _from_formula(
        "l1_penalty_step",
        "l1_step_penalty_only",
        _STEP,
        {
            "the weight shrinks in proportion to itself, as in the L2 step": lambda W, lr, lam: (
                (1 - lr * lam) * W
            ),
            "a factor 2 crept in: the gradient of lambda |W| is lambda sign(W), no 2": lambda W, lr, lam: (
                W - 2 * lr * lam * np.sign(W)
            ),
            "a zero weight is pushed too: sign(0) is 0 here": lambda W, lr, lam: (
                W - lr * lam * np.where(np.asarray(W) >= 0, 1.0, -1.0)
            ),
        },
    ),
    _from_formula(
        "l1_step",
        "l1_step",
        _STEP_WITH_GRAD,
        {
            "the data gradient is left out": lambda W, lr, lam, grad: W - lr * lam * np.sign(W),
            "the step stops at zero: that is the proximal step, not the subgradient step": (
                lambda W, lr, lam, grad: solutions.l1_prox_step(W, lr, lam, grad)
            ),
        },
    ),
    _from_formula(
        "soft_threshold",
        "soft_threshold",
        _same_names("W", "t"),
        {
            "the step crosses zero: W - t sign(W) without stopping at 0": lambda W, t: W - t * np.sign(W),
            "the sign is lost: negative weights come back positive": lambda W, t: np.maximum(
                np.abs(W) - t, 0
            ),
            "weights are cut to zero but the rest are not shrunk (hard thresholding)": lambda W, t: np.where(
                np.abs(W) > t, W, 0.0
            ),
        },
    ),
    _from_formula(
        "l1_prox_step",
        "l1_prox_step",
        _STEP_WITH_GRAD,
        {
            "the threshold is lambda, not eta lambda": lambda W, lr, lam, grad: solutions.soft_threshold(
                W - lr * grad, lam
            ),
            "the order is swapped: threshold first, then the gradient step": lambda W, lr, lam, grad: (
                solutions.soft_threshold(W, lr * lam) - lr * grad
            ),
            "the step crosses zero: that is the subgradient step, not the proximal one": (
                lambda W, lr, lam, grad: W - lr * (grad + lam * np.sign(W))
            ),
        },
    ),
    _from_formula(
        "elastic_net_penalty",
        "elastic_net_penalty",
        _same_names("W", "lam1", "lam2"),
        {
            "the two strengths are swapped: lam1 goes with |W|, lam2 with W^2": lambda W, lam1, lam2: (
                lam2 * np.sum(np.abs(W)) + lam1 * np.sum(np.square(W))
            ),
        },
    ),
    _from_formula(
        "torch_weight_decay",
        "torch_weight_decay",
        _same_names("lam"),
        {
            "lambda is used as it is: PyTorch's weight_decay multiplies W, the gradient of lambda W^2 is "
            "2 lambda W": lambda lam: lam,
            "lambda is halved: that turns a weight_decay into our lambda, the wrong way round": (
                lambda lam: lam / 2
            ),
        },
    ),
    _from_formula(
        "softmax_cross_entropy",
        "softmax_cross_entropy",
        _same_names("X", "y", "W"),
        {
            "the per-example losses are summed, not averaged": lambda X, y, W: (
                len(y) * solutions.softmax_cross_entropy(X, y, W)
            ),
            "the probability of the right class is averaged, without the minus log": lambda X, y, W: np.mean(
                np.exp(-_per_example(solutions.softmax_cross_entropy, X, y, W))
            ),
        },
        extra=(  # scores near 1000: exp overflows unless the largest score is subtracted first
            {
                "X": np.array([[30.0, -20.0], [10.0, 40.0]]),
                "y": np.array([0, 1]),
                "W": np.array([[25.0, -25.0], [-10.0, 30.0]]),
            },
        ),
    ),
    Exercise(
        name="choose_lambda",
        parameters=("X_train", "y_train", "X_val", "y_val", "lams"),
        rule="the lambda in lams whose fit on the training split, reglit.fit(X_train, y_train, "
        'loss="mse", method="l2", lr=0.05, lam=lam, steps=100), has the lowest mean squared error '
        "on the validation split",
        samples=functools.cache(lambda: _validation_splits(seed=7, count=12)),
        expected=lambda v: v["lams"][int(np.argmin(_val_losses(**v)))],
        slips={
            "lambda is chosen by the training loss, which always prefers the smallest lambda": (
                lambda X_train, y_train, X_val, y_val, lams: lams[
                    int(np.argmin(_val_losses(X_train, y_train, X_val, y_val, lams, on_training=True)))
                ]
            ),
            "the position in lams is returned, not the lambda": lambda X_train, y_train, X_val, y_val, lams: (
                int(np.argmin(_val_losses(X_train, y_train, X_val, y_val, lams)))
            ),
        },
        covers="12 small regression problems, each best at a lambda strictly inside lams",
    ),
    Exercise(
        name="ridge_fit",
        parameters=("X", "y", "lam", "lr", "steps"),
        rule=_rule(_RIDGE_FIT, ("l2_step", "mse")),
        lead=_RIDGE_FIT,
        formulas=("l2_step", "mse"),
        samples=functools.cache(
            lambda: sorted(_regressions(seed=3, count=24), key=lambda v: (v["steps"], v["X"].size))
        ),
        expected=lambda v: _fit_l2(**v),
        slips={
            "the penalty's gradient lacks its factor 2": lambda X, y, lam, lr, steps: _fit_l2(
                X, y, lam / 2, lr, steps
            ),
            "the data gradient is summed over examples, not averaged": lambda X, y, lam, lr, steps: _fit_l2(
                np.sqrt(len(y)) * X, np.sqrt(len(y)) * y, lam, lr, steps
            ),
            "the data gradient lacks its factor 2: the gradient of the mean squared error is "
            "2/N X^T (XW - y)": lambda X, y, lam, lr, steps: _fit_l2(
                X / np.sqrt(2), y / np.sqrt(2), lam, lr, steps
            ),
        },
        covers="24 small regression problems, 0 to 60 steps",
    ),
    _from_formula(
        "shrink_factors",
        "shrink_factors",
        {"X": "X", "lam": "lam"},
        {
            "N is left out: the share is d^2 / (d^2 + lambda)": lambda X, lam: solutions.shrink_factors(
                np.asarray(X) / np.sqrt(len(X)), lam
            ),
            "the singular values are not squared: d / (d + N lambda)": lambda X, lam: (
                lambda d: np.divide(d, d + len(X) * lam, out=np.zeros_like(d), where=d > 0)
            )(np.linalg.svd(X, compute_uv=False)),
        },
    ),
    _from_formula(
        "degrees_of_freedom",
        "degrees_of_freedom",
        {"X": "X", "lam": "lam"},
        {
            "N is left out: each share is d^2 / (d^2 + lambda)": lambda X, lam: solutions.degrees_of_freedom(
                np.asarray(X) / np.sqrt(len(X)), lam
            ),
            "the number of nonzero weights is counted, not the shares summed": lambda X, lam: float(
                np.count_nonzero(solutions.shrink_factors(X, lam))
            ),
        },
    ),
    _from_formula(
        "step_count_lam",
        "step_count_lam",
        {"lr": "lr", "steps": "k"},
        {
            "the factor 2 is missing: the penalty's gradient is 2 lambda W": lambda lr, steps: (
                1 / (lr * steps)
            ),
            "the learning rate is left out": lambda lr, steps: 1 / (2 * steps),
        },
    ),
    _from_formula(
        "lambda_max",
        "lambda_max",
        _same_names("X", "y"),
        {
            "the factor 2 is missing (that is scikit-learn's alpha_max, for the halved loss)": lambda X, y: (
                solutions.lambda_max(X, y) / 2
            ),
            "the pulls are summed over examples, not averaged": lambda X, y: (
                len(y) * solutions.lambda_max(X, y)
            ),
            "the largest signed pull is taken, not the largest in size": lambda X, y: float(
                np.max(2 / len(y) * np.asarray(X).T @ np.asarray(y), initial=0.0)
            ),
        },
    ),
    _from_formula(
        "lasso_residuals",
        "lasso_optimality",
        _same_names("W", "grad", "lam"),
        {
            "a zero weight is treated like a positive one: sign(0) is 0 and the kink allows any slope in "
            "[-lambda, lambda]": lambda W, grad, lam: np.abs(
                np.asarray(grad) + lam * np.where(np.asarray(W) >= 0, 1, -1)
            ),
            "the penalty's pull points the wrong way: g - lambda sign(W)": lambda W, grad, lam: np.where(
                np.asarray(W) != 0,
                np.abs(np.asarray(grad) - lam * np.sign(W)),
                np.maximum(np.abs(grad) - lam, 0),
            ),
            "a zero weight's residual is its gradient's size, without the lambda it is allowed": (
                lambda W, grad, lam: np.where(
                    np.asarray(W) != 0, np.abs(np.asarray(grad) + lam * np.sign(W)), np.abs(grad)
                )
            ),
        },
    ),
    _from_formula(
        "orthonormal_lasso",
        "orthonormal_lasso",
        _same_names("z", "lam"),
        {
            "the threshold is lambda, not lambda / 2: this site's loss has no one-half": lambda z, lam: (
                solutions.soft_threshold(np.asarray(z, dtype=float), lam)
            ),
            "weights below the threshold are zeroed but the rest are not shrunk (hard thresholding)": (
                lambda z, lam: np.where(np.abs(z) > lam / 2, z, 0.0)
            ),
        },
    ),
    _from_formula(
        "orthonormal_best_subset",
        "orthonormal_best_subset",
        _same_names("z", "lam"),
        {
            "the threshold is lambda, not its square root": lambda z, lam: np.where(np.abs(z) > lam, z, 0.0),
            "the kept weights are shrunk as well (soft thresholding)": lambda z, lam: (
                solutions.soft_threshold(np.asarray(z, dtype=float), np.sqrt(lam))
            ),
        },
    ),
    _from_formula(
        "orthonormal_ridge",
        "orthonormal_ridge",
        _same_names("z", "lam"),
        {
            "the factor is 1 / (1 + 2 lambda): the 2 of the penalty's gradient cancels the 2 of the loss's": (
                lambda z, lam: np.asarray(z, dtype=float) / (1 + 2 * lam)
            ),
            "lambda is subtracted, not divided by": lambda z, lam: np.asarray(z, dtype=float) * (1 - lam),
        },
    ),
    _from_formula(
        "gaussian_prior_lam",
        "gaussian_prior_lam",
        _same_names("noise", "scale", "n"),
        {
            "the standard deviations are not squared": lambda noise, scale, n: noise / (n * scale),
            "N is left out (that is the strength for the summed squared error)": lambda noise, scale, n: (
                noise**2 / scale**2
            ),
            "the ratio is upside down": lambda noise, scale, n: scale**2 / (n * noise**2),
        },
    ),
    _from_formula(
        "laplace_prior_lam",
        "laplace_prior_lam",
        _same_names("noise", "scale", "n"),
        {
            "the factor 2 is missing: the Gaussian log-likelihood's 1 / (2 sigma^2) becomes 2 sigma^2 / N": (
                lambda noise, scale, n: noise**2 / (n * scale)
            ),
            "the scale is squared, as for a Gaussian prior": lambda noise, scale, n: (
                2 * noise**2 / (n * scale**2)
            ),
        },
    ),
    _from_formula(
        "lasso_alpha",
        "lasso_alpha",
        _same_names("lam"),
        {
            "lambda is used as it is: scikit-learn's Lasso halves the mean squared error": lambda lam: lam,
            "lambda is doubled instead of halved": lambda lam: 2 * lam,
        },
    ),
    _from_formula(
        "ridge_alpha",
        "ridge_alpha",
        {"lam": "lam", "n_samples": "n"},
        {
            "lambda is used as it is: scikit-learn's Ridge sums the squared errors": lambda lam, n_samples: (
                lam
            ),
            "lambda is divided by N instead of multiplied": lambda lam, n_samples: lam / n_samples,
        },
    ),
    _from_formula(
        "standardize",
        "standardize",
        _same_names("X"),
        {
            "the standard deviation divides by N - 1 (ddof=1): the variance is 1 only with N - 1": lambda X: (
                (np.asarray(X) - np.mean(X, axis=0)) / _nonzero(np.std(X, axis=0, ddof=min(1, len(X) - 1)))
            ),
            "the columns are scaled but not centred: subtract the mean first": lambda X: (
                np.asarray(X) / _nonzero(np.std(X, axis=0))
            ),
            "divided by the variance, not the standard deviation": lambda X: (
                (np.asarray(X) - np.mean(X, axis=0)) / _nonzero(np.var(X, axis=0))
            ),
        },
    ),
    _from_formula(
        "intercept",
        "intercept",
        _same_names("X", "y", "W"),
        {
            "the weights' part is added, not subtracted": lambda X, y, W: float(
                np.mean(y) + np.mean(X, axis=0) @ np.asarray(W)
            ),
            "the mean target alone: the features' means times the weights are missing": lambda X, y, W: float(
                np.mean(y)
            ),
        },
    ),
    _from_formula(
        "one_standard_error",
        "one_standard_error",
        _same_names("lams", "mean", "se"),
        {
            "the best strength itself: the standard error is not used": lambda lams, mean, se: float(
                np.asarray(lams)[np.argmin(mean)]
            ),
            "the weakest strength within one standard error, not the strongest": lambda lams, mean, se: float(
                np.asarray(lams)[np.asarray(mean) <= np.min(mean) + np.asarray(se)[np.argmin(mean)]].min()
            ),
            "each strength's own standard error is used, not the best one's": lambda lams, mean, se: float(
                np.asarray(lams)[np.asarray(mean) - np.asarray(se) <= np.min(mean)].max()
            ),
        },
    ),
    Exercise(
        name="choose_by_cv",
        parameters=("X", "y", "lams", "folds"),
        rule="the lambda in lams with the lowest mean, over the folds k = 0 .. K - 1, of the mean squared "
        "error on fold k of the ridge minimiser fitted on the other folds (reglit.ridge(X[train], "
        "y[train], lam), with train = folds != k)",
        samples=functools.cache(lambda: _cv_problems(seed=11, count=12)),
        expected=lambda v: v["lams"][int(np.argmin(_cv_errors(**v)))],
        slips={
            "lambda is chosen by the error on the training folds, which always prefers the smallest": (
                lambda X, y, lams, folds: lams[
                    int(np.argmin(_cv_errors(X, y, lams, folds, on_training=True)))
                ]
            ),
            "only the first fold is held out: that is a single validation split": lambda X, y, lams, folds: (
                lams[int(np.argmin(_cv_errors(X, y, lams, folds, only_fold=0)))]
            ),
            "the position in lams is returned, not the lambda": lambda X, y, lams, folds: int(
                np.argmin(_cv_errors(X, y, lams, folds))
            ),
        },
        covers="12 small regression problems in 3 to 5 folds, each best at a lambda strictly inside lams",
    ),
    replace(
        _from_formula(
            "elastic_net_params",
            "elastic_net_alpha",
            _same_names("lam1", "lam2"),
            {
                "the L1 strength is not halved: alpha = lam1 + lam2": lambda lam1, lam2: (
                    lam1 + lam2,
                    lam1 / (lam1 + lam2),
                ),
                "l1_ratio is lam1 / alpha: the L1 part of alpha is lam1 / 2": lambda lam1, lam2: (
                    lam1 / 2 + lam2,
                    lam1 / (lam1 / 2 + lam2),
                ),
                "the L2 strength is halved too: scikit-learn's L2 term already has its one-half": (
                    lambda lam1, lam2: (lam1 / 2 + lam2 / 2, lam1 / (lam1 + lam2))
                ),
            },
        ),
        rule=_rule("", _ELASTIC_NET),
        formulas=_ELASTIC_NET,
        expected=lambda inputs: conventions.elastic_net_params(inputs["_"]["lam1"], inputs["_"]["lam2"]),
    ),
    _from_formula(
        "logistic_c",
        "logistic_c",
        {"lam": "lam", "n": "n"},
        {
            "the factor 2 is missing: 1 / (N lambda) is the conversion for L1": lambda lam, n: 1 / (n * lam),
            "N is left out: scikit-learn sums the cross-entropy over the examples": lambda lam, n: (
                1 / (2 * lam)
            ),
            "lambda itself: C multiplies the data term, so it is the inverse of a strength": lambda lam, n: (
                lam
            ),
        },
    ),
]


def _per_example(loss, X, y, W) -> np.ndarray:
    return np.array([loss(X[i : i + 1], y[i : i + 1], W) for i in range(len(y))])


EXERCISES: dict[str, Exercise] = {exercise.name: exercise for exercise in _EXERCISE_LIST}
"""Exercise name (the function the reader writes) -> [`Exercise`][reglit.exercises.Exercise]."""
