r"""The registry of every formula the site shows, and the check that binds each to its code.

A formula is written once, as display math (``$$ ... $$``) in the docstring of
the function that implements it. [`FORMULAS`][reglit.formulas.FORMULAS] names each of those blocks
and says how the formula's symbols relate to the function's arguments;
[`verify`][reglit.formulas.verify] then evaluates the LaTeX with [`reglit.latex`][reglit.latex] and calls the
function on the same inputs, and the two must agree.

Inputs are described by *kinds* ([`KINDS`][reglit.formulas.KINDS]), so that the same registry
serves the deterministic edge-case [`battery`][reglit.formulas.battery] used here and the random
search of the test suite.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from reglit import (
    conventions,
    distances,
    losses,
    optimality,
    penalties,
    preprocessing,
    priors,
    shrinkage,
    updates,
    validation,
)
from reglit.latex import canonical, evaluate, parse

__all__ = [
    "DISPLAY_MATH",
    "FORMULAS",
    "KINDS",
    "Formula",
    "Mismatch",
    "agree",
    "battery",
    "display_math",
    "sample",
    "verify",
]

DISPLAY_MATH = re.compile(r"\$\$\s*(.+?)\s*\$\$", re.DOTALL)
"""A display-math block, ``$$ ... $$``, in a docstring or a page; group 1 is its LaTeX."""


def display_math(function: Callable[..., Any]) -> list[str]:
    r"""The display-math blocks of a function's docstring, in order.

    Examples
    --------
    >>> display_math(penalties.l2_grad)
    ['\\nabla_W R(W) = 2W']
    """
    blocks = DISPLAY_MATH.findall(function.__doc__ or "")
    return ["\n".join(line.strip() for line in block.strip().splitlines()) for block in blocks]


KINDS = {
    "weights": "real array; every input of this kind in one sample has the same shape",
    "rate": "learning rate eta, a number >= 0",
    "positive_rate": "learning rate eta, a number > 0",
    "spread": "a standard deviation or scale, a number > 0",
    "positive_strength": "regularization strength, a number > 0",
    "strength": "regularization strength or threshold, a number >= 0",
    "count": "a whole number >= 1",
    "losses": "vector of per-example losses >= 0",
    "design": "data matrix X of shape (N, D)",
    "targets": "regression targets y of shape (N,)",
    "coef": "regression weights of shape (D,)",
    "labels": "integer class labels of shape (N,), from 0 to C - 1",
    "class_weights": "classifier weights of shape (D, C)",
    "feature": "index of a column of the sample's data matrix, 0 to D - 1",
    "grid": "strictly decreasing strengths > 0, one per entry of the sample's vectors of losses",
    "standard_errors": "standard errors >= 0, one per entry of the sample's vectors of losses, often 0",
}
"""Kind name -> what a value of that kind is."""


@dataclass(frozen=True)
class Formula:
    """One registered formula: a display-math block and the function it describes.

    Attributes
    ----------
    name : str
        The name pages use to include the formula.
    function : callable
        The function that implements it; its docstring holds the LaTeX.
    block : int
        Which display-math block of the docstring (0 for the first).
    inputs : mapping
        Input name -> kind (a key of [`KINDS`][reglit.formulas.KINDS]) for generated values.
    env : mapping
        LaTeX symbol -> ``value(function, inputs)`` giving its value. Every
        symbol of the formula is bound here, including the name on its
        left-hand side (``R`` in ``R(W) = ...``), which is bound to the
        implementing function, so a wrong name on the left fails too.
    call : callable
        ``call(function, inputs)`` computes the implementation's result.
    """

    name: str
    function: Callable[..., Any]
    block: int
    inputs: Mapping[str, str]
    env: Mapping[str, Callable[[Callable[..., Any], dict], Any]]
    call: Callable[[Callable[..., Any], dict], Any]
    latex: str = field(init=False)

    def __post_init__(self) -> None:
        blocks = display_math(self.function)
        if self.block >= len(blocks):
            raise ValueError(
                f"formula {self.name!r}: {self.function.__name__} has {len(blocks)} "
                f"display-math blocks, block {self.block} asked for"
            )
        object.__setattr__(self, "latex", blocks[self.block])

    @property
    def qualname(self) -> str:
        """Dotted path of the implementing function, as the API reference names it."""
        return f"{self.function.__module__}.{self.function.__name__}"


@dataclass(frozen=True)
class Mismatch:
    """A sample on which a formula and its function disagree."""

    inputs: dict
    part: str
    formula_value: Any
    function_value: Any

    def __str__(self) -> str:
        return (
            f"{self.part} gives {_show(self.formula_value)} but the function gives "
            f"{_show(self.function_value)} for inputs "
            + ", ".join(f"{k}={_show(v)}" for k, v in self.inputs.items())
        )


def _show(value: Any) -> str:
    return np.array2string(np.asarray(value), precision=17, separator=", ")


def verify(formula: Formula, samples, latex: str | None = None) -> Mismatch | None:
    r"""Compare a formula with its function on samples; return the first disagreement.

    Parameters
    ----------
    formula : Formula
        The registry entry.
    samples : iterable of dict
        Inputs, as produced by [`battery`][reglit.formulas.battery] or the test suite.
    latex : str, optional
        LaTeX to check instead of the registered one (the mutation tests use it).

    Returns
    -------
    Mismatch or None
        ``None`` when every part of the formula matches the function on every sample.

    Raises
    ------
    reglit.latex.LatexError
        When the LaTeX cannot be parsed or names an unbound symbol.

    Examples
    --------
    >>> formula = FORMULAS["l2_step_penalty_only"]
    >>> verify(formula, battery(formula)) is None
    True

    Drop the factor 2 and the check fails, showing where:

    >>> mutant = r"W \leftarrow W - \eta \cdot \lambda W = (1 - \eta\lambda)\,W"
    >>> print(verify(formula, battery(formula), mutant))  # doctest: +ELLIPSIS
    W - \eta \cdot \lambda W gives ... but the function gives ...
    """
    chain = parse(latex if latex is not None else formula.latex)
    if set(chain.relations) - {"=", r"\leftarrow"} or r"\leftarrow" in chain.relations[1:]:
        raise ValueError(
            f"formula {formula.name!r}: only '=' chains, after an optional '\\leftarrow', are checked"
        )
    for inputs in samples:
        expected = formula.call(formula.function, inputs)
        env = {canonical(key): value(formula.function, inputs) for key, value in formula.env.items()}
        for part, value in zip(chain.evaluated_parts(), evaluate(chain, env), strict=True):
            if not agree(value, expected):
                text = chain.source[part.start : part.end]
                return Mismatch(inputs, text, value, expected)
    return None


def agree(value, expected) -> bool:
    """Whether ``value`` equals the finite ``expected`` in shape and, to 1e-9 relative, in every entry."""
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    if value.shape != expected.shape or not np.isfinite(expected).all():
        return False
    scale = max(1.0, float(np.max(np.abs(expected), initial=0.0)))
    return bool(np.allclose(value, expected, rtol=1e-9, atol=1e-12 * scale))


# --------------------------------------------------------------------------- the registry


Value = Callable[[Callable[..., Any], dict], Any]


def _matrix(name: str) -> Value:
    """The input as a matrix, so formulas written with W_{k,l} also cover numbers and vectors."""
    return lambda f, v: np.atleast_2d(v[name])


def _flat(name: str) -> Value:
    return lambda f, v: np.ravel(v[name])


def _value(name: str) -> Value:
    return lambda f, v: v[name]


def _constant(value: Any) -> Value:
    return lambda f, v: value


def _itself(f, v):
    return f


def _result_of(*names: str) -> Value:
    """The implementing function's result on the named inputs."""
    return lambda f, v: f(*(v[name] for name in names))


def _call_with(*names: str) -> Callable[[Callable[..., Any], dict], Any]:
    return lambda f, v: f(*(v[name] for name in names))


def _soft_threshold(t, W):
    return updates.soft_threshold(W, t)


_DATA_GRAD = r"\nabla_W L_{\text{data}}"
_STEP_ENV = {"W": _value("W"), r"\eta": _value("lr"), r"\lambda": _value("lam")}


def _step(name, function, block, *, with_grad, env=None) -> Formula:
    inputs = {"W": "weights", "lr": "rate", "lam": "strength"}
    bound = dict(_STEP_ENV, **(env or {}))
    if with_grad:
        inputs["grad"] = "weights"
        bound[_DATA_GRAD] = _value("grad")
    return Formula(name, function, block, inputs, bound, _call_with(*inputs))


def _penalty(name, function, block, env) -> Formula:
    return Formula(name, function, block, {"W": "weights"}, env, _call_with("W"))


def _full_loss(name, penalty: str) -> Formula:
    def full(f, v):
        return f(float(np.mean(v["L"])), v["W"], v["lam"], penalty)

    env = {
        "L": _value("L"),
        "N": lambda f, v: len(v["L"]),
        "W": _value("W"),
        r"\lambda": _value("lam"),
        "R": _constant(penalties.PENALTIES[penalty][0]),
        "L(W)": full,
    }
    return Formula(
        name, penalties.regularized_loss, 0, {"L": "losses", "W": "weights", "lam": "strength"}, env, full
    )


def _distance(name, function, head) -> Formula:
    env = {"I_1": _flat("a"), "I_2": _flat("b"), head: _itself}
    return Formula(name, function, 0, {"a": "weights", "b": "weights"}, env, _call_with("a", "b"))


def _data_loss(name, function, kinds) -> Formula:
    env = {
        "X": _value("X"),
        "y": _value("y"),
        "W": _value("W"),
        "N": lambda f, v: len(v["y"]),
        r"L_{\text{data}}": lambda f, v: lambda W: f(v["X"], v["y"], W),
    }
    return Formula(name, function, 0, kinds, env, _call_with("X", "y", "W"))


def _convention_per_example(name, function, head, strength: str) -> Formula:
    """A conversion of lambda that also depends on the number of examples N."""
    env = {r"\lambda": _value("lam"), "N": _value("n"), head: _result_of("lam", "n")}
    return Formula(name, function, 0, {"lam": strength, "n": "count"}, env, _call_with("lam", "n"))


def _convention(name, function, head) -> Formula:
    env = {r"\lambda": _value("lam"), head: _result_of("lam")}
    return Formula(name, function, 0, {"lam": "strength"}, env, _call_with("lam"))


_SINGULAR = {"d": lambda f, v: np.linalg.svd(v["X"], compute_uv=False), "N": lambda f, v: len(v["X"])}
"""The singular values ``d`` of the input ``X`` and its number of rows ``N``, for the shrinkage formulas."""


def _stable_rate(v: dict) -> float:
    """A learning rate at which descent on ``v["X"]`` converges: ``c`` (< 2) over the largest curvature."""
    return v["c"] / max(float(shrinkage.curvatures(v["X"]).max(initial=0.0)), 1e-300)


_FORMULA_LIST = [
    _penalty("l2_penalty", penalties.l2_penalty, 0, {"W": _matrix("W"), "R": _itself}),
    _penalty(
        "l2_penalty_distance",
        penalties.l2_penalty,
        1,
        {"W": _value("W"), "R": _itself, "d_2": _constant(distances.l2_distance)},
    ),
    _penalty("l2_grad", penalties.l2_grad, 0, {"W": _value("W"), r"\nabla_W R(W)": _result_of("W")}),
    _penalty("l1_penalty", penalties.l1_penalty, 0, {"W": _matrix("W"), "R": _itself}),
    _penalty(
        "l1_penalty_distance",
        penalties.l1_penalty,
        1,
        {"W": _value("W"), "R": _itself, "d_1": _constant(distances.l1_distance)},
    ),
    _penalty("l1_grad", penalties.l1_grad, 0, {"W": _value("W"), "g(W)": _result_of("W")}),
    _penalty("sign", penalties.l1_grad, 1, {"W": _value("W"), "sign": _itself}),
    Formula(
        "elastic_net_penalty",
        penalties.elastic_net_penalty,
        0,
        {"W": "weights", "lam1": "strength", "lam2": "strength"},
        {
            "W": _matrix("W"),
            r"\lambda_1": _value("lam1"),
            r"\lambda_2": _value("lam2"),
            r"R_{\text{EN}}": lambda f, v: lambda W: f(W, v["lam1"], v["lam2"]),
        },
        _call_with("W", "lam1", "lam2"),
    ),
    _full_loss("full_loss_l2", "l2"),
    _full_loss("full_loss_l1", "l1"),
    _distance("l1_distance", distances.l1_distance, "d_1"),
    _distance("l2_distance", distances.l2_distance, "d_2"),
    Formula(
        "gd_step",
        updates.gd_step,
        0,
        {"W": "weights", "grad": "weights", "lr": "rate"},
        {"W": _value("W"), r"\eta": _value("lr"), r"\nabla_W L": _value("grad")},
        _call_with("W", "grad", "lr"),
    ),
    _step("l2_step", updates.l2_step, 0, with_grad=True),
    _step("l2_step_penalty_only", updates.l2_step, 1, with_grad=False),
    _step("l1_step", updates.l1_step, 0, with_grad=True),
    _step("l1_step_penalty_only", updates.l1_step, 1, with_grad=False),
    _step("l1_step_cases", updates.l1_step, 2, with_grad=False),
    Formula(
        "soft_threshold",
        updates.soft_threshold,
        0,
        {"W": "weights", "t": "strength"},
        {"W": _value("W"), "t": _value("t"), "S": lambda f, v: lambda t, W: f(W, t)},
        _call_with("W", "t"),
    ),
    _step("l1_prox_step", updates.l1_prox_step, 0, with_grad=True, env={"S": _constant(_soft_threshold)}),
    _step("l1_prox_step_cases", updates.l1_prox_step, 1, with_grad=False),
    _data_loss("mse", losses.mse, {"X": "design", "y": "targets", "W": "coef"}),
    _data_loss(
        "softmax_cross_entropy",
        losses.softmax_cross_entropy,
        {"X": "design", "y": "labels", "W": "class_weights"},
    ),
    _convention("torch_weight_decay", conventions.torch_weight_decay, r"\text{wd}"),
    Formula(
        "torch_weight_decay_outputs",
        conventions.torch_weight_decay,
        1,
        {"lam": "strength", "k": "count"},
        {r"\lambda": _value("lam"), "K": _value("k"), r"\text{wd}": _result_of("lam", "k")},
        _call_with("lam", "k"),
    ),
    _convention("sgd_alpha", conventions.sgd_alpha, r"\alpha_{\text{SGD}}"),
    _convention("lasso_alpha", conventions.lasso_alpha, r"\alpha_{\text{Lasso}}"),
    _convention_per_example("ridge_alpha", conventions.ridge_alpha, r"\alpha_{\text{Ridge}}", "strength"),
    Formula(
        "elastic_net_alpha",
        conventions.elastic_net_params,
        0,
        {"lam1": "strength", "lam2": "positive_strength"},
        {
            r"\lambda_1": _value("lam1"),
            r"\lambda_2": _value("lam2"),
            r"\alpha_{\text{EN}}": lambda f, v: f(v["lam1"], v["lam2"])[0],
        },
        lambda f, v: f(v["lam1"], v["lam2"])[0],
    ),
    Formula(
        "elastic_net_l1_ratio",
        conventions.elastic_net_params,
        1,
        {"lam1": "strength", "lam2": "positive_strength"},
        {
            r"\lambda_1": _value("lam1"),
            r"\alpha_{\text{EN}}": lambda f, v: f(v["lam1"], v["lam2"])[0],
            r"\text{l1\_ratio}": lambda f, v: f(v["lam1"], v["lam2"])[1],
        },
        lambda f, v: f(v["lam1"], v["lam2"])[1],
    ),
    _convention_per_example("logistic_c", conventions.logistic_c, r"C_{\text{L2}}", "positive_strength"),
    Formula(
        "standardize",
        preprocessing.standardize,
        0,
        {"X": "design"},
        {
            "X": _value("X"),
            "m": lambda f, v: v["X"].mean(axis=0),
            r"\sigma": lambda f, v: np.where(v["X"].std(axis=0) > 0, v["X"].std(axis=0), 1.0),
            "Z": _result_of("X"),
        },
        _call_with("X"),
    ),
    Formula(
        "intercept",
        preprocessing.intercept,
        0,
        {"X": "design", "y": "targets", "W": "coef"},
        {
            r"\mu": lambda f, v: v["y"].mean(),
            "m": lambda f, v: v["X"].mean(axis=0),
            "W": _value("W"),
            r"\beta_0": _result_of("X", "y", "W"),
        },
        _call_with("X", "y", "W"),
    ),
    Formula(
        "one_standard_error",
        validation.one_standard_error,
        0,
        {"lams": "grid", "mean": "losses", "se": "standard_errors"},
        {
            r"\lambda": _value("lams"),
            "E": _value("mean"),
            "s": _value("se"),
            "q": lambda f, v: int(np.argmin(v["mean"])),
            r"\lambda_{\text{1se}}": _result_of("lams", "mean", "se"),
        },
        _call_with("lams", "mean", "se"),
    ),
    Formula(
        "shrink_factors",
        shrinkage.shrink_factors,
        0,
        {"X": "design", "lam": "strength"},
        {
            **_SINGULAR,
            r"\lambda": _value("lam"),
            "s": _result_of("X", "lam"),
        },
        _call_with("X", "lam"),
    ),
    Formula(
        "degrees_of_freedom",
        shrinkage.degrees_of_freedom,
        0,
        {"X": "design", "lam": "strength"},
        {
            **_SINGULAR,
            r"\lambda": _value("lam"),
            "df": lambda f, v: lambda lam: f(v["X"], lam),
        },
        _call_with("X", "lam"),
    ),
    Formula(
        "ridge_by_directions",
        shrinkage.ridge,
        0,
        {"X": "design", "y": "targets", "lam": "strength", "k": "feature"},
        {
            "U": lambda f, v: np.linalg.svd(v["X"], full_matrices=False)[0],
            "d": lambda f, v: np.linalg.svd(v["X"], compute_uv=False),
            "V": lambda f, v: np.linalg.svd(v["X"], full_matrices=False)[2].T,
            "y": _value("y"),
            "N": lambda f, v: len(v["X"]),
            r"\lambda": _value("lam"),
            "k": _value("k"),
            "W": _result_of("X", "y", "lam"),
        },
        lambda f, v: f(v["X"], v["y"], v["lam"])[v["k"]],
    ),
    Formula(
        "curvatures",
        shrinkage.curvatures,
        0,
        {"X": "design"},
        {
            **_SINGULAR,
            "h": _result_of("X"),
        },
        _call_with("X"),
    ),
    Formula(
        "early_stopping_factors",
        shrinkage.early_stopping_factors,
        0,
        {"X": "design", "c": "rate", "k": "count"},  # the learning rate: c over the largest curvature
        {
            "h": lambda f, v: shrinkage.curvatures(v["X"]),
            r"\eta": lambda f, v: _stable_rate(v),
            "k": _value("k"),
            "e": lambda f, v: f(v["X"], _stable_rate(v), v["k"]),
        },
        lambda f, v: f(v["X"], _stable_rate(v), v["k"]),
    ),
    Formula(
        "step_count_lam",
        shrinkage.step_count_lam,
        0,
        {"lr": "positive_rate", "k": "count"},
        {r"\eta": _value("lr"), "k": _value("k"), r"\lambda": _result_of("lr", "k")},
        _call_with("lr", "k"),
    ),
    *(
        Formula(
            name,
            function,
            0,
            {"z": "weights", "lam": "strength"},
            {"z": _value("z"), r"\lambda": _value("lam"), "W": _result_of("z", "lam")},
            _call_with("z", "lam"),
        )
        for name, function in (
            ("orthonormal_ridge", shrinkage.orthonormal_ridge),
            ("orthonormal_lasso", shrinkage.orthonormal_lasso),
            ("orthonormal_best_subset", shrinkage.orthonormal_best_subset),
        )
    ),
    *(
        Formula(
            name,
            function,
            0,
            {"noise": "spread", "scale": "spread", "n": "count"},
            {
                r"\sigma": _value("noise"),
                head: _value("scale"),
                "N": _value("n"),
                r"\lambda": _result_of("noise", "scale", "n"),
            },
            _call_with("noise", "scale", "n"),
        )
        for name, function, head in (
            ("gaussian_prior_lam", priors.gaussian_prior_lam, r"\tau"),
            ("laplace_prior_lam", priors.laplace_prior_lam, "b"),
        )
    ),
    Formula(
        "lasso_optimality",
        optimality.kkt_residuals,
        0,
        {"W": "weights", "grad": "weights", "lam": "strength"},
        {
            "W": _value("W"),
            "p": _value("grad"),
            r"\lambda": _value("lam"),
            "r": lambda f, v: f(v["W"], v["grad"], v["lam"], "l1"),
        },
        lambda f, v: f(v["W"], v["grad"], v["lam"], "l1"),
    ),
    Formula(
        "lambda_max",
        optimality.lambda_max,
        0,
        {"X": "design", "y": "targets"},
        {
            "X": _value("X"),
            "y": _value("y"),
            "N": lambda f, v: len(v["y"]),
            r"\lambda_{\text{max}}": _result_of("X", "y"),
        },
        _call_with("X", "y"),
    ),
]


FORMULAS: dict[str, Formula] = {formula.name: formula for formula in _FORMULA_LIST}
"""Formula name -> [`Formula`][reglit.formulas.Formula], for every formula the site shows.

Two entries may share their LaTeX (``full_loss_l2`` and ``full_loss_l1`` are one
docstring block read with two penalties): pages name the entry they show, so
each is shown, linked and checked under its own name.
"""
if len(FORMULAS) != len(_FORMULA_LIST):
    raise ValueError("two formulas of reglit.formulas share a name")


# --------------------------------------------------------------------------- samples

_SHAPES = [(), (1,), (6,), (3, 4), (0,), (2, 0)]
_RATES = [0.0, 0.01, 0.1, 0.25, 0.5, 0.9, 1.3]
_STRENGTHS = [0.0, 0.1, 0.37, 1.0, 2.5, 40.0]


def battery(formula: Formula, seed: int = 0, size: int = 60) -> list[dict]:
    """A deterministic set of inputs for a formula, rich in edge cases.

    Weights mix exact zeros, negative values, values at and within a hair of
    every threshold the sample's scalars make (eta lambda, t), large
    magnitudes and tiny ones, in every shape of ``_SHAPES`` (numbers, vectors,
    matrices, empty arrays).

    Parameters
    ----------
    formula : Formula
        The registry entry whose inputs to draw.
    seed : int
        Seed of the generator.
    size : int
        Number of samples.

    Returns
    -------
    list of dict
        Input name -> value.
    """
    rng = np.random.default_rng(seed)
    return [sample(formula.inputs, rng, _SHAPES[i % len(_SHAPES)]) for i in range(size)]


def sample(inputs: Mapping[str, str], rng: np.random.Generator, shape) -> dict:
    """One set of inputs, drawn by kind; every input of kind ``"weights"`` has ``shape``.

    The edge-case battery and the test suite's random search both draw from here.
    """
    values: dict[str, Any] = {}
    n, d, c = (int(k) for k in rng.integers(1, 7, size=3))
    for name, kind in inputs.items():
        if kind in ("rate", "positive_rate"):
            values[name] = float(rng.choice([r for r in _RATES if r > 0 or kind == "rate"]))
        elif kind == "strength":
            values[name] = float(rng.choice(_STRENGTHS))
        elif kind in ("spread", "positive_strength"):
            values[name] = float(rng.choice([x for x in _STRENGTHS if x > 0]))
        elif kind == "count":
            values[name] = int(rng.integers(1, 200))
        elif kind == "losses":
            values[name] = rng.exponential(2.0, size=n)
        elif kind == "standard_errors":
            values[name] = np.where(rng.random(n) < 0.5, 0.0, rng.exponential(1.0, size=n))
        elif kind == "grid":
            values[name] = np.sort(rng.choice(np.geomspace(1e-3, 1e3, 61), size=n, replace=False))[::-1]
        elif kind in ("design", "targets", "coef", "class_weights"):
            size = {"design": (n, d), "targets": (n,), "coef": (d,), "class_weights": (d, c)}[kind]
            values[name] = rng.normal(0, 3, size=size)
        elif kind == "labels":
            values[name] = rng.integers(0, c, size=n)
        elif kind == "feature":
            values[name] = int(rng.integers(0, d))
    scalars = [v for k, v in values.items() if inputs[k] in ("rate", "positive_rate", "strength")]
    thresholds = sorted({a * b for a in scalars for b in scalars} | set(scalars))
    for name, kind in inputs.items():
        if kind == "weights":
            values[name] = weights(rng, shape, thresholds)
    return values


def weights(rng: np.random.Generator, shape, thresholds) -> np.ndarray:
    """Random weights of ``shape`` mixing zeros, thresholds and wide magnitudes."""
    count = int(np.prod(shape))
    pool = np.concatenate(
        [
            np.zeros(1),
            rng.normal(0, 3, size=4),
            np.asarray(thresholds, dtype=float) * (1 + rng.choice([-1e-7, 0, 1e-7], size=len(thresholds))),
            10.0 ** rng.uniform(-9, 6, size=3),
        ]
    )
    magnitudes = rng.choice(pool, size=count)
    signs = rng.choice([-1.0, 1.0], size=count)
    return (signs * magnitudes).reshape(shape)
