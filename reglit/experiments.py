"""The runs behind the site's figures and numbers: each returns data, never a picture.

[`EXPERIMENTS`][reglit.experiments.EXPERIMENTS] maps a name to a function of no arguments that returns a
dict of plain numbers and arrays; pages quote its numbers by path (for example
``l2_one_step.after.small``) and figure functions plot it.
"""

from __future__ import annotations

import copy
import functools
import itertools
import warnings

import numpy as np

from reglit import data, shrinkage
from reglit.conventions import (
    elastic_net_params,
    lasso_alpha,
    logistic_c,
    ridge_alpha,
    sgd_alpha,
    torch_weight_decay,
)
from reglit.distances import l2_distance
from reglit.losses import mse, mse_grad, softmax_cross_entropy, softmax_cross_entropy_grad
from reglit.optimality import kkt_residual, kkt_residuals, lambda_max, lasso_knots
from reglit.penalties import l1_penalty, l2_grad, l2_penalty
from reglit.priors import gaussian_prior_lam
from reglit.train import METHODS, fit
from reglit.updates import l1_prox_step, l1_step, l2_step

__all__ = [
    "EXPERIMENTS",
    "constraint_view",
    "conventions_example",
    "correlated_features",
    "cross_validation",
    "decoupled_decay",
    "diabetes_directions",
    "diabetes_optimality",
    "diabetes_paths",
    "digits_sweep",
    "duplicated_feature",
    "evidence",
    "held_out",
    "intercept",
    "l1_one_step",
    "l2_one_step",
    "l2_step_sizes",
    "near_zero",
    "orthonormal",
    "penalty_geometry",
    "scaling",
    "sparsity",
    "step_regimes",
    "step_regimes_sweep",
    "tradeoff",
    "trajectories",
    "worked_example",
]


def _memoized(function):
    """Run an experiment once per process for each set of arguments; callers get their own copy.

    Several figures and numbers use the same run (three figures show the digits
    sweep), so each is computed once per build.
    """
    results: dict = {}

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if key not in results:
            results[key] = function(*args, **kwargs)
        return copy.deepcopy(results[key])

    return wrapper


LR, LAM = 0.1, 0.1
"""The learning rate and strength of the source's worked examples."""

STARTS = (10.0, 0.01)
"""The large and the small weight of the source's worked examples."""

EXAMPLES = {"large": STARTS[0], "small": STARTS[1], "negative": -3.0, "tiny": 0.004}
"""The weights one step is worked through on: the source's two, a negative one, one below eta lambda."""


def _step_without_overshoot(X: np.ndarray) -> float:
    """The learning rate 1 / L for the mean squared error on ``X``, L the largest curvature of that loss.

    The gradient of (1/N) ||X w - y||^2 changes by at most 2 ||X||^2 / N per unit
    change of w (||X|| the largest singular value); steps of N / (2 ||X||^2) never overshoot.
    """
    return X.shape[0] / (2 * np.linalg.norm(X, 2) ** 2)


def _bumps(x: np.ndarray) -> np.ndarray:
    """Twelve Gaussian bumps on [0, 1]: flexible enough to overfit fourteen points."""
    centres = np.linspace(0, 1, 12)
    return np.exp(-((x[:, None] - centres[None, :]) ** 2) / (2 * 0.08**2))


def _solved(X, y, *, loss: str, method: str, lr: float, lam: float, label: str, **options) -> tuple:
    """Fit to the optimality tolerance: the weights, and their record for the site's certificate.

    The record carries what [`sitebuild.certificates`][sitebuild.certificates] needs to
    solve the same problem without reglit: the penalty, lambda, the weights and
    the certificate [`fit`][reglit.train.fit] gave them.
    """
    result = fit(X, y, loss=loss, method=method, lr=lr, lam=lam, **options)
    return result.W, {
        "label": label,
        "penalty": METHODS[method].penalty_name,
        "lam": float(lam),
        "W": result.W,
        "steps": result.steps,
        "residual": result.residual,
        "objective": result.objective,
        "converged": result.converged,
    }


NOISE = 0.3
"""The standard deviation of the noise on the trade-off's points."""


@_memoized
def tradeoff(seed: int = 1) -> dict:
    """Fit 14 noisy points of a sine with L2 at several strengths; choose on fresh points, report on others.

    Training, validation and test points come from the same process: x uniform
    on [0, 1], y = sin(2 pi x) plus Gaussian noise of standard deviation ``NOISE``.
    The strength is chosen on the 30 validation points, and the chosen fit is
    reported on 1000 test points that played no part in choosing. Every fit is
    the certified ridge minimiser.

    Returns
    -------
    dict
        ``lams``; training, validation and test mean squared errors for each;
        the ``noise`` variance (what even the true curve scores on fresh noisy
        points) and ``truth`` (what it scores on the validation and test points);
        ``best`` (lowest validation error) and ``weakest`` with their errors; the
        fitted curves on a grid for the weakest, the best and the strongest lambda.
    """
    rng = np.random.default_rng(seed)

    def points(n: int) -> tuple[np.ndarray, np.ndarray]:
        x = rng.uniform(0, 1, n)
        return x, np.sin(2 * np.pi * x) + rng.normal(0, NOISE, n)

    x_train, y_train = points(14)
    order = np.argsort(x_train)
    x_train, y_train = x_train[order], y_train[order]
    x_val, y_val = points(30)
    x_test, y_test = points(1000)
    x_grid = np.linspace(0, 1, 200)
    X_train = _bumps(x_train)
    lams = np.logspace(-4, 0, 9)
    lr = 1 / (1 / _step_without_overshoot(X_train) + 2 * lams.max())  # 1 / L for every strength
    solved = [_solved(X_train, y_train, loss="mse", method="l2", lr=lr, lam=lam, label="L2") for lam in lams]
    fits = [W for W, _ in solved]

    def errors(x, y) -> np.ndarray:
        return np.array([mse(_bumps(x), y, W) for W in fits])

    train, val, test = errors(x_train, y_train), errors(x_val, y_val), errors(x_test, y_test)
    best = int(np.argmin(val))
    shown = {"weakest": 0, "best": best, "strongest": len(lams) - 1}

    def at(i: int) -> dict:
        return {"lam": float(lams[i]), "train": float(train[i]), "val": float(val[i]), "test": float(test[i])}

    return {
        "x_train": x_train,
        "y_train": y_train,
        "x_val": x_val,
        "y_val": y_val,
        "x_grid": x_grid,
        "y_true": np.sin(2 * np.pi * x_grid),
        "n_val": len(y_val),
        "n_test": len(y_test),
        "lams": lams,
        "train": train,
        "val": val,
        "test": test,
        "noise": NOISE**2,
        "truth": {
            "val": float(np.mean((np.sin(2 * np.pi * x_val) - y_val) ** 2)),
            "test": float(np.mean((np.sin(2 * np.pi * x_test) - y_test) ** 2)),
        },
        "best": at(best),
        "best_on_test": at(
            int(np.argmin(test))
        ),  # what a choice on the test points would be: not ours to make
        "weakest": at(0),
        "curves": {name: _bumps(x_grid) @ fits[i] for name, i in shown.items()},
        "curve_lams": {name: float(lams[i]) for name, i in shown.items()},
        "certified": {"loss": "mse", "X": X_train, "y": y_train, "fits": [record for _, record in solved]},
    }


@_memoized
def worked_example() -> dict:
    """Two weight vectors with the same score on one input, and their penalties.

    Returns
    -------
    dict
        ``x``, ``w_one``, ``w_spread``, their scores and their L1 and L2 penalties.
    """
    x = np.ones(4)
    w_one = np.array([1.0, 0.0, 0.0, 0.0])
    w_spread = np.full(4, 0.25)
    return {
        "x": x,
        "w_one": w_one,
        "w_spread": w_spread,
        "score": {"one": float(w_one @ x), "spread": float(w_spread @ x)},
        "l2": {"one": l2_penalty(w_one), "spread": l2_penalty(w_spread)},
        "l1": {"one": l1_penalty(w_one), "spread": l1_penalty(w_spread)},
        "distance": {"one": l2_distance(w_one, 0), "spread": l2_distance(w_spread, 0)},
    }


def _one_step(step) -> dict:
    W = np.array(list(EXAMPLES.values()))
    after = step(W, LR, LAM)
    lost = W - after

    def named(values) -> dict:
        return {name: float(v) for name, v in zip(EXAMPLES, values, strict=True)}

    return {
        "lr": LR,
        "lam": LAM,
        "eta_lambda": LR * LAM,
        "before": dict(EXAMPLES),
        "after": named(after),
        "lost": named(lost),
        "lost_share": named(lost / W),
    }


@_memoized
def l2_one_step() -> dict:
    """One penalty-only L2 step from the worked-example weights, and the factor it multiplies them by."""
    return _one_step(l2_step) | {"factor": float(l2_step(np.array([1.0]), LR, LAM)[0])}


@_memoized
def l1_one_step() -> dict:
    """One penalty-only L1 (subgradient) step from the large and the small weight."""
    return _one_step(l1_step)


@_memoized
def trajectories(steps: int = 1200) -> dict:
    """Penalty-only L2 and L1 steps from the large and the small weight.

    Returns
    -------
    dict
        ``step`` (0 to ``steps``), and for ``"l2"`` and ``"l1"`` the weight at
        each step from each start; also the step at which each L1 path first
        reaches or crosses zero (-1 if it never does), and the L2 weights at the end.
    """
    paths = {}
    for name, step in (("l2", l2_step), ("l1", l1_step)):
        W = np.array(STARTS)
        path = [W]
        for _ in range(steps):
            W = step(W, LR, LAM)
            path.append(W)
        paths[name] = np.array(path)
    crossed = paths["l1"] <= 0
    crossing = np.where(crossed.any(axis=0), np.argmax(crossed, axis=0), -1)
    exact = round(STARTS[0] / (LR * LAM))  # the steps 10 needs in exact arithmetic
    return {
        "step": np.arange(steps + 1),
        "l2": paths["l2"],
        "l1": paths["l1"],
        "steps": steps,
        "l1_first_at_zero": {"large": int(crossing[0]), "small": int(crossing[1])},
        "l1_exact_steps": exact,
        "l1_after_exact_steps": float(paths["l1"][exact, 0]),
        "l2_final": {"large": float(paths["l2"][-1, 0]), "small": float(paths["l2"][-1, 1])},
    }


@_memoized
def near_zero(start: float = 0.035, steps: int = 12) -> dict:
    """A weight a few steps from zero under subgradient and proximal L1 steps.

    The start is not a multiple of eta lambda, so the subgradient path cannot
    land on zero; it ends up hopping across it. The proximal path stops there.
    """
    paths = {}
    for name, step in (("subgradient", l1_step), ("proximal", l1_prox_step)):
        W = np.array([start])
        path = [start]
        for _ in range(steps):
            W = step(W, LR, LAM)
            path.append(float(W[0]))
        paths[name] = np.array(path)
    tail = paths["subgradient"][-2:]
    return {
        "start": start,
        "eta_lambda": LR * LAM,
        "step": np.arange(steps + 1),
        "subgradient": paths["subgradient"],
        "proximal": paths["proximal"],
        "subgradient_tail": {"low": float(tail.min()), "high": float(tail.max())},
        "proximal_zero_at": int(np.argmax(paths["proximal"] == 0.0)),
    }


@_memoized
def sparsity(seed: int = 0, steps: int = 2000, lr: float = 0.01) -> dict:
    """One regression problem fitted with L2, with L1 by proximal steps and with L1 by subgradient steps.

    The true weights have 5 nonzero entries out of 40; the data are noisy. The
    L2 and the proximal L1 fits are the certified minimisers. Subgradient steps
    cannot certify one: they take a fixed number (``steps``) of plain steps of
    learning rate ``lr``, and their residual and distance from the L1 minimiser
    are recorded.

    Returns
    -------
    dict
        ``true`` weights, and for each method its final weights, the number of
        exact zeros, the number of weights smaller than 1e-3 in magnitude, and how
        many truly nonzero weights it keeps; for ``l1``, its optimality residual,
        how many small weights crossed zero in the last steps (``hoppers``),
        whether the weight that sets the residual is one of them (``worst_hops``)
        and its largest distance from the proximal (minimiser's) weights; for
        ``ista``, plain proximal steps without momentum run to the tolerance:
        steps, whether they converged, their distance from the minimiser and
        whether their exact zeros are the same.
    """
    rng = np.random.default_rng(seed)
    n, d = 80, 40
    X = rng.normal(size=(n, d))
    true = np.zeros(d)
    true[rng.choice(d, size=5, replace=False)] = rng.choice([-1, 1], size=5) * rng.uniform(1, 3, size=5)
    y = X @ true + rng.normal(0, 0.5, size=n)
    lam, tiny = 0.3, 1e-3
    out: dict = {
        "tiny_below": tiny,
        "true": true,
        "d": d,
        "nonzero_true": int(np.count_nonzero(true)),
        "zero_true": int(np.count_nonzero(true == 0)),
        "lr": lr,
        "lam": lam,
        "steps": steps,
    }
    solved = {
        method: _solved(X, y, loss="mse", method=method, lr=step, lam=lam, label=label)
        for method, label, step in (
            (
                "l2",
                "L2",
                1 / (1 / _step_without_overshoot(X) + 2 * lam),
            ),  # 1 / L with the penalty's curvature
            ("l1_prox", "L1", _step_without_overshoot(X)),
        )
    }
    subgradient = fit(X, y, loss="mse", method="l1", lr=lr, lam=lam, steps=steps - 20)
    W, signs = subgradient.W, []
    for _ in range(20):  # the last steps one by one, to see the small weights cross zero
        W = l1_step(W, lr, lam, mse_grad(X, y, W))
        signs.append(np.sign(W))
    subgradient = fit(X, y, loss="mse", method="l1", lr=lr, lam=lam, steps=steps)
    longer = fit(X, y, loss="mse", method="l1", lr=lr, lam=lam, steps=10 * steps)
    crossed = (np.diff(np.array(signs), axis=0) != 0).any(axis=0)
    worst = int(np.argmax(kkt_residuals(subgradient.W, mse_grad(X, y, subgradient.W), lam, "l1")))
    weights = {"l2": solved["l2"][0], "l1_prox": solved["l1_prox"][0], "l1": subgradient.W}
    for method, W in weights.items():
        out[method] = {
            "W": W,
            "zeros": int(np.count_nonzero(W == 0)),
            "tiny": int(np.count_nonzero(np.abs(W) < tiny)),
            "kept_true": int(np.count_nonzero(W[true != 0])),  # truly nonzero weights left nonzero
        }
    out["l1"] |= {
        "residual": subgradient.residual,
        "residual_longer": longer.residual,  # after ten times as many steps
        "hoppers": int(np.count_nonzero(crossed & (np.abs(subgradient.W) < tiny))),  # crossed zero lately
        "worst_hops": bool(crossed[worst] and abs(subgradient.W[worst]) < tiny),  # it sets the residual
        "converged": subgradient.converged,
        "distance": float(np.max(np.abs(subgradient.W - weights["l1_prox"]))),
    }
    ista = fit(X, y, loss="mse", method="l1_prox", lr=_step_without_overshoot(X), lam=lam, accelerate=False)
    out["ista"] = {  # plain proximal steps, no momentum, run to the same tolerance
        "steps": ista.steps,
        "accelerated_steps": solved["l1_prox"][1]["steps"],
        "converged": ista.converged,
        "distance": float(np.max(np.abs(ista.W - weights["l1_prox"]))),
        "same_zeros": bool(np.array_equal(ista.W == 0, weights["l1_prox"] == 0)),
    }
    out["certified"] = {"loss": "mse", "X": X, "y": y, "fits": [record for _, record in solved.values()]}
    return out


GEOMETRY_LAMS = (0.0, 0.1, 0.2, 0.35, 0.5, 0.6, 0.8, 1.2, 1.8, 2.5)
"""The strengths of the penalty-geometry sweep: from none, past the L1 corner (0.6), to all-zero L1."""


@_memoized
def penalty_geometry() -> dict:
    """A two-weight least-squares problem solved with L1 and with L2 at each strength of ``GEOMETRY_LAMS``.

    The unregularized optimum is at (2, 0.6); the data make the loss contours
    elongated ellipses. Both optima are certified minimisers; L1 is fitted
    with proximal steps, so its zeros are exact.

    Returns
    -------
    dict
        ``X``, ``y``, ``optimum``, ``lams``, the optima ``l1`` and ``l2``
        (one row of two weights per strength), and the two strengths drawn
        between which the L1 optimum first has a weight exactly zero
        (``l1_corner_between``) and first has both (``l1_origin_between``), and
        the exact strengths where that happens (``l1_corner``, ``l1_origin``).
    """
    X = np.array([[1.0, 0.3], [0.2, 1.0], [1.0, -0.4], [0.5, 0.5]])
    optimum = np.array([2.0, 0.6])
    y = X @ optimum
    lr = _step_without_overshoot(X)
    lr_l2 = 1 / (1 / lr + 2 * max(GEOMETRY_LAMS))  # 1 / L of the data loss plus the strongest L2 penalty
    solved = [
        _solved(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam, label="L1") for lam in GEOMETRY_LAMS
    ] + [_solved(X, y, loss="mse", method="l2", lr=lr_l2, lam=lam, label="L2") for lam in GEOMETRY_LAMS]
    l1 = [W for W, _ in solved[: len(GEOMETRY_LAMS)]]
    l2 = [W for W, _ in solved[len(GEOMETRY_LAMS) :]]
    zeros = np.array(l1) == 0
    corner, origin = int(np.argmax(zeros.any(axis=1))), int(np.argmax(zeros.all(axis=1)))
    knots, _ = lasso_knots(X, y)
    return {
        "X": X,
        "y": y,
        "optimum": optimum,
        "lams": np.array(GEOMETRY_LAMS),
        "l1": np.array(l1),
        "l2": np.array(l2),
        "l1_corner_between": GEOMETRY_LAMS[corner - 1 : corner + 1],
        "l1_origin_between": GEOMETRY_LAMS[origin - 1 : origin + 1],
        # exactly, from the lasso's optimality conditions: one weight is zero from the second knot of the
        # exact path up, both from the first, lambda_max
        "lambda_max": lambda_max(X, y),
        "l1_corner": float(knots[1]),
        "l1_origin": float(knots[0]),
        "certified": {"loss": "mse", "X": X, "y": y, "fits": [record for _, record in solved]},
    }


@_memoized
def l2_step_sizes(steps: int = 12, lr: float = 0.5) -> dict:
    """Penalty-only L2 steps from several weights for several values of eta lambda.

    The starts, 1, 0.93, -0.37 and 7.1, are generic: no value of the sweep
    turns them into round numbers. ``paths[v]`` has one column per start.
    Also, for the learning rate ``lr``, the strengths above which a step
    flips signs (its factor below 0) and above which it diverges (below -1),
    found from the factor ``l2_step`` applies, which is linear in lambda.
    """
    at_zero, at_one = (float(l2_step(np.array([1.0]), lr, lam)[0]) for lam in (0.0, 1.0))
    slope = at_one - at_zero
    starts = np.array([1.0, 0.93, -0.37, 7.1])
    out = {
        "step": np.arange(steps + 1),
        "starts": starts,
        "paths": {},
        "limits": {"lr": lr, "flips_above": -at_zero / slope, "diverges_above": (-1 - at_zero) / slope},
    }
    for eta_lambda in (0.1, 0.5, 0.8, 1.0, 1.1):
        lr = eta_lambda / LAM
        W, path = starts, [starts]
        for _ in range(steps):
            W = l2_step(W, lr, LAM)
            path.append(W)
        out["paths"][eta_lambda] = np.array(path)
    return out


STEP_REGIMES = (0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0, 1.05)
"""The values of eta lambda the step-regimes figure shows: each regime of the L2 factor, and L1 beside it."""


@_memoized
def step_regimes_sweep() -> dict:
    """What the L1 updates of [`step_regimes`][reglit.experiments.step_regimes] do, at every value it shows.

    Returns
    -------
    dict
        ``eta_lambdas`` and, over every value, start and step: whether each
        subgradient step moved a weight at least eta lambda from zero by exactly
        eta lambda toward it (``l1_moves_by_step``), whether each subgradient step
        from a nonzero weight closer than that sent it across zero (``l1_hops``),
        and whether each proximal step from within eta lambda of zero landed on
        exactly zero and stayed (``prox_stops``); and how many steps of each kind
        were seen (``seen``), so that none of these holds for want of a case.
    """
    moves, hops, stops = [], [], []
    for eta_lambda in STEP_REGIMES:
        run = step_regimes(eta_lambda)
        for before, after in zip(run["l1"][:-1], run["l1"][1:], strict=True):
            far = np.abs(before) >= eta_lambda
            moves += list(np.isclose(np.abs(before[far]) - np.abs(after[far]), eta_lambda, atol=1e-12))
            near = (np.abs(before) < eta_lambda) & (before != 0)
            hops += list(np.sign(after[near]) == -np.sign(before[near]))
        for k, before in enumerate(run["l1_prox"][:-1]):
            for i in np.flatnonzero(np.abs(before) <= eta_lambda):
                stops.append(bool(np.all(run["l1_prox"][k + 1 :, i] == 0)))
    return {
        "eta_lambdas": np.array(STEP_REGIMES),
        "l1_moves_by_step": bool(all(moves)),
        "l1_hops": bool(all(hops)),
        "prox_stops": bool(all(stops)),
        "seen": {"moves": len(moves), "hops": len(hops), "stops": len(stops)},
    }


@_memoized
def step_regimes(eta_lambda: float, steps: int = 6) -> dict:
    """Penalty-only L2, L1 and proximal L1 steps from W = 0.93 and W = -0.37 at one eta lambda (lr = 1).

    The starts are no whole multiple of any eta lambda the site shows, so a
    subgradient step never lands exactly on zero by chance.

    Returns
    -------
    dict
        ``step``, ``starts``, the paths ``l2``, ``l1``, ``l1_prox`` (one column
        per start), the L2 factor 1 - 2 eta lambda and its regime in words, the
        first step from which an L1 subgradient path hops across zero, and the
        first step at which each proximal path is exactly zero (-1: not within ``steps``).
    """
    starts = [0.93, -0.37]
    paths = {}
    for name, update in (("l2", l2_step), ("l1", l1_step), ("l1_prox", l1_prox_step)):
        W, path = np.array(starts), [np.array(starts)]
        for _ in range(steps):
            W = update(W, 1.0, eta_lambda)
            path.append(W)
        paths[name] = np.array(path)
    factor = float(l2_step(np.array([1.0]), 1.0, eta_lambda)[0])
    if factor > 0:
        regime = "the weights shrink toward zero without crossing it"
    elif factor == 0:
        regime = "both weights are exactly zero after one step"
    elif factor > -1:
        regime = "the weights flip sign at every step and shrink"
    elif factor == -1:
        regime = "the weights flip sign at every step and keep their size"
    else:
        regime = "the weights flip sign at every step and grow"
    signs = np.sign(paths["l1"])
    flips = np.nonzero((signs[1:] * signs[:-1] < 0).any(axis=1))[0]
    at_zero = [np.nonzero(paths["l1_prox"][:, i] == 0)[0] for i in range(len(starts))]
    return {
        "step": np.arange(steps + 1),
        "starts": starts,
        **paths,
        "l2_factor": factor,
        "l2_regime": regime,
        "l1_hops_from": int(flips[0]) + 1 if len(flips) else -1,
        "l1_prox_zero_at": [int(z[0]) if len(z) else -1 for z in at_zero],
    }


@_memoized
def conventions_example(lam: float = 0.1, n_samples: int = 100, weight_decay: float = 0.01) -> dict:
    """Our lambda in other libraries' terms, for the conventions table; back from a weight decay; and fits.

    The mappings are checked by fitting on a regression problem of ``n_samples``
    examples: scikit-learn's ``Lasso`` and ``Ridge`` given the mapped alphas, and
    descent with the update PyTorch's ``SGD`` takes for ``weight_decay`` (the
    data gradient plus ``weight_decay`` times the weights), each against
    reglit's certified minimiser. ``fits`` holds the largest weight difference
    of each.
    """
    from sklearn.linear_model import Ridge

    from reglit.updates import gd_step

    rng = np.random.default_rng(0)
    X = rng.normal(size=(n_samples, 5))
    y = X @ np.array([1.5, -2.0, 0.0, 0.5, 0.0]) + rng.normal(0, 0.5, n_samples)
    lr = _step_without_overshoot(X)
    lam_back = weight_decay / torch_weight_decay(1.0)  # the mapping is linear
    ridge = fit(X, y, loss="mse", method="l2", lr=lr / 2, lam=lam).W
    lasso = fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam).W
    decayed = np.zeros(5)
    for _ in range(5000):  # plain descent with the decay update, to its fixed point
        decayed = gd_step(decayed, mse_grad(X, y, decayed) + weight_decay * decayed, lr)
    theirs = {
        "lasso": _sklearn_lasso(X, y, lasso_alpha(lam)),
        "ridge": Ridge(alpha=ridge_alpha(lam, n_samples), fit_intercept=False).fit(X, y).coef_,
    }
    return {
        "lam": lam,
        "n": n_samples,
        "torch": torch_weight_decay(lam),
        "sgd": sgd_alpha(lam),
        "lasso": lasso_alpha(lam),
        "ridge": ridge_alpha(lam, n_samples),
        # the elastic net with both strengths lam; logistic regression's C; four outputs in PyTorch
        "elastic_net": dict(zip(("alpha", "l1_ratio"), elastic_net_params(lam, lam), strict=True)),
        "logistic_c": {"l2": logistic_c(lam, n_samples), "l1": logistic_c(lam, n_samples, "l1")},
        "outputs": 4,
        "torch_outputs": torch_weight_decay(lam, n_outputs=4),
        "weight_decay": weight_decay,
        "lam_from_weight_decay": lam_back,
        "fits": {
            "lasso": float(np.max(np.abs(theirs["lasso"] - lasso))),
            "ridge": float(np.max(np.abs(theirs["ridge"] - ridge))),
            "weight_decay": float(
                np.max(np.abs(decayed - fit(X, y, loss="mse", method="l2", lr=lr / 2, lam=lam_back).W))
            ),
        },
    }


def _adam(X, y, *, weight_decay, lr, steps, decoupled, halfway: list | None = None) -> np.ndarray:
    """PyTorch's ``Adam`` (``decoupled=False``) or ``AdamW`` (``True``) on the mean squared error, from zero.

    The update PyTorch's documentation gives, with its defaults (betas 0.9 and
    0.999, eps 1e-8); the test suite runs PyTorch's own optimizers beside it.
    ``Adam`` adds ``weight_decay * W`` to the gradient before its scaling;
    ``AdamW`` first multiplies the weights by ``1 - lr * weight_decay``. The
    weights after half the steps are appended to ``halfway``, when given.
    """
    W, m, v = (np.zeros(X.shape[1]) for _ in range(3))
    for k in range(1, steps + 1):
        g = mse_grad(X, y, W)
        if decoupled:
            W = W * (1 - lr * weight_decay)
        else:
            g = g + weight_decay * W
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        W = W - lr * (m / (1 - 0.9**k)) / (np.sqrt(v) / np.sqrt(1 - 0.999**k) + 1e-8)
        if halfway is not None and k == steps // 2:
            halfway.append(W)
    return W


@_memoized
def decoupled_decay(lam: float = 0.05, lr: float = 0.05, steps: int = 40_000) -> dict:
    """Adam and AdamW on diabetes with weight decay 2 lambda: one lands on the ridge minimiser, one does not.

    Returns
    -------
    dict
        The ridge minimiser at ``lam`` (certified), each optimizer's weights
        after ``steps`` full-batch steps at ``lr``, their largest distances to
        the ridge minimiser, AdamW's largest weight against ``1 / weight_decay``,
        and its distance to the least-squares fit confined to the box
        ``|W_j| <= 1 / weight_decay`` (SciPy's bounded least squares).
    """
    from scipy.optimize import lsq_linear

    d = data.diabetes()
    X, y = d["X"], d["y"]
    wd = torch_weight_decay(lam)
    lr_ridge = 1 / (1 / _step_without_overshoot(X) + 2 * lam)
    ridge, record = _solved(X, y, loss="mse", method="l2", lr=lr_ridge, lam=lam, label="ridge")
    adam_W = _adam(X, y, weight_decay=wd, lr=lr, steps=steps, decoupled=False)
    halfway: list = []
    adamw_W = _adam(X, y, weight_decay=wd, lr=lr, steps=steps, decoupled=True, halfway=halfway)
    box = lsq_linear(X, y, bounds=(-1 / wd, 1 / wd), method="bvls", tol=1e-14).x
    return {
        "lam": lam,
        "weight_decay": wd,
        "lr": lr,
        "steps": steps,
        "features": d["features"],
        "ridge": ridge,
        "adam": adam_W,
        "adamw": adamw_W,
        "box": box,
        "bound": 1 / wd,
        "adam_gap": float(np.abs(adam_W - ridge).max()),
        "adamw_gap": float(np.abs(adamw_W - ridge).max()),
        "adamw_largest": float(np.abs(adamw_W).max()),
        "box_gap": float(np.abs(adamw_W - box).max()),
        "box_gap_halfway": float(np.abs(halfway[0] - box).max()),
        "largest_least_squares": float(np.abs(shrinkage.ridge(X, y, 0.0)).max()),
        "at_bound": int(np.sum(np.isclose(np.abs(box), 1 / wd))),
        "certified": {"loss": "mse", "X": X, "y": y, "fits": [record]},
    }


def _probabilities(scores: np.ndarray) -> np.ndarray:
    """Softmax of each row of scores."""
    exp = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def _accuracy(X, y, W) -> float:
    return float(np.mean(np.argmax(X @ W, axis=1) == y))


DIGITS_LAMS = tuple(float(lam) for lam in np.logspace(-4, -1, 7))
"""The strengths of the digits sweep."""


DIGITS_STEPS = (10, 20, 50, 100, 200, 500, 1000, 1500, 2000, 5000, 10000, 20000)
"""The step counts at which the unpenalised digits classifier is scored (it has no minimiser to stop at)."""


@_memoized
def digits_sweep(n_train: int = 60, n_val: int = 600, steps: int = 1500) -> dict:
    """A softmax classifier on 60 digits: L2 and L1 minimisers at each strength, and descent with no penalty.

    For each strength on a grid, the L2 and the proximal L1 fits are the
    certified minimisers (each warm-started from the next stronger one), with
    training and validation accuracy and loss and the share of weights exactly
    zero. The sixty training images are linearly separable, so with no penalty
    the loss has no minimiser: plain descent lowers it for ever, and the model
    depends on when it stops. That model is scored after each step count of
    ``DIGITS_STEPS`` (``stopped``), and ``none`` is the one stopped at ``steps``.
    Subgradient L1 takes a fixed number (``steps``) of plain steps at each strength, for its zeros.
    Each strength, and the step count, is chosen on the validation set (lowest
    validation loss); the chosen models are scored once on the test set, which
    plays no part in any choice.

    Returns
    -------
    dict
        ``lams``; for each of ``"l2"``, ``"l1_prox"`` and ``"l1"`` lists of
        ``train_acc``, ``val_acc``, ``train_loss``, ``val_loss``, ``zero_share``
        and ``val_confidence`` (the mean probability of the top class on validation);
        ``none`` (the same numbers, stopped at ``steps``, with its test scores);
        ``stopped`` (``steps`` and the same lists per step count, with test scores,
        ``same_classes``, the share of test images given the class the last stop
        gives, and ``cosine``, the cosine between the weights and the last stop's);
        ``best`` per method and for ``early_stopping`` (its strength or step count,
        its numbers, and its ``test_acc`` and ``test_loss``);
        ``weights``: for ``none`` a D x 10 matrix, for ``l2`` and ``l1_prox`` one
        per strength; ``weights_lam``, the strength the chapter shows, and
        ``l1_pull``: at that strength, the size of each L1 weight's data gradient
        in units of lambda, largest among the zero weights and least and largest
        among the kept ones (at the minimiser: at most 1, and exactly 1), and
        whether each kept weight's data gradient has the opposite sign to the
        weight (``kept_against``: the data pull it away from zero, against the penalty).
    """
    split = data.digits(n_train=n_train, n_val=n_val)
    Xt, yt, Xv, yv = split["X_train"], split["y_train"], split["X_val"], split["y_val"]
    Xs, ys = split["X_test"], split["y_test"]
    classes, lr = 10, 0.5

    def scores(W: np.ndarray, test: bool = False) -> dict:
        out = {
            "train_acc": _accuracy(Xt, yt, W),
            "val_acc": _accuracy(Xv, yv, W),
            "train_loss": softmax_cross_entropy(Xt, yt, W),
            "val_loss": softmax_cross_entropy(Xv, yv, W),
            "zero_share": float(np.mean(W == 0)),
            "val_confidence": float(np.mean(np.max(_probabilities(Xv @ W), axis=1))),
        }
        return out | (
            {"test_acc": _accuracy(Xs, ys, W), "test_loss": softmax_cross_entropy(Xs, ys, W)} if test else {}
        )

    def table(rows: list[dict]) -> dict:
        return {key: [row[key] for row in rows] for key in rows[0]}

    lams = np.array(DIGITS_LAMS)
    out: dict = {
        "lams": lams,
        "lr": lr,
        "n_train": n_train,
        "n_val": len(yv),
        "n_test": len(ys),
        "steps": steps,
        "best": {},
        "weights": {},
        "blank_pixels": int(np.sum(np.all(Xt[:, :-1] == 0, axis=0))),  # blank in every training image
        "blank": np.all(Xt == 0, axis=0),  # per row of weights: its pixel is blank in every training image
    }
    W, done, stopped = np.zeros((Xt.shape[1], classes)), 0, {}
    for count in sorted({*DIGITS_STEPS, steps}):
        W = fit(Xt, yt, loss="softmax", method="none", lr=lr, lam=0.0, steps=count - done, W0=W).W
        done, stopped[count] = count, (scores(W, test=True) | {"size": float(np.abs(W).sum())}, W)
    out["stopped"] = {"steps": list(DIGITS_STEPS)} | table([stopped[count][0] for count in DIGITS_STEPS])
    last = stopped[DIGITS_STEPS[-1]][1]
    out["stopped"] |= {  # how far each stop is from the last: the classes it picks, the weights' direction
        "same_classes": [
            float(np.mean(np.argmax(Xs @ stopped[c][1], axis=1) == np.argmax(Xs @ last, axis=1)))
            for c in DIGITS_STEPS
        ],
        "cosine": [
            float(np.vdot(stopped[c][1], last) / np.linalg.norm(stopped[c][1]) / np.linalg.norm(last))
            for c in DIGITS_STEPS
        ],
    }
    out["none"], out["weights"]["none"] = stopped[steps]
    chosen = int(np.argmin(out["stopped"]["val_loss"]))
    out["best"]["early_stopping"] = {"steps": DIGITS_STEPS[chosen]} | stopped[DIGITS_STEPS[chosen]][0]
    out["n_weights"] = int(W.size)

    records = []
    for method, label in (("l2", "L2"), ("l1_prox", "L1")):
        W, weights = np.zeros((Xt.shape[1], classes)), {}
        for lam in sorted(lams, reverse=True):  # each fit starts from the next stronger one's minimiser
            W, record = _solved(Xt, yt, loss="softmax", method=method, lr=lr, lam=lam, label=label, W0=W)
            weights[lam] = W
            records.append(record)
        out[method] = table([scores(weights[lam]) for lam in lams])
        out["weights"][method] = np.array([weights[lam] for lam in lams])
        best = int(np.argmin(out[method]["val_loss"]))
        out["best"][method] = {"lam": float(lams[best])} | scores(weights[lams[best]], test=True)
    subgradient = [
        fit(Xt, yt, loss="softmax", method="l1", lr=lr, lam=lam, steps=steps, classes=classes).W
        for lam in lams
    ]
    out["l1"] = table([scores(W) for W in subgradient])
    out["weights_lam"] = float(lams[4])
    out["weights_total"] = {  # the sum of the weights' sizes, at the strength the chapter shows
        "none": float(np.abs(out["weights"]["none"]).sum()),
        "l2": float(np.abs(out["weights"]["l2"][4]).sum()),
        "l1_prox": float(np.abs(out["weights"]["l1_prox"][4]).sum()),
    }
    W = out["weights"]["l1_prox"][4]
    grad = softmax_cross_entropy_grad(Xt, yt, W)
    pull = np.abs(grad) / lams[4]  # each weight's data pull, in lambdas
    out["l1_pull"] = {
        "zeros_max": float(pull[W == 0].max()),
        "kept_min": float(pull[W != 0].min()),
        "kept_max": float(pull[W != 0].max()),
        "kept_against": bool(np.all(np.sign(grad[W != 0]) == -np.sign(W[W != 0]))),  # descent: away from 0
    }
    out["certified"] = {"loss": "softmax", "X": Xt, "y": yt, "fits": records}
    return out


DIABETES_LAMS = tuple(float(lam) for lam in np.logspace(1.8, -1.2, 10))
"""The strengths of the diabetes paths, from large to small (each fit starts from the previous one)."""


@_memoized
def diabetes_paths() -> dict:
    """Lasso and ridge paths on the diabetes data: reglit's certified minimiser at each strength.

    Strengths go from large to small, each fit starting from the previous one's
    minimiser (a warm start). The lasso uses proximal steps; ridge uses L2 steps.

    Returns
    -------
    dict
        ``lams``, ``features``, ``lasso`` and ``ridge`` (weights, one row per
        strength), ``lasso_zeros`` (exact zeros per strength), the features whose
        lasso weight takes both signs (``lasso_sign_changes``) and those of them
        that pass through exact zeros between (``lasso_through_zero``), and the matching
        scikit-learn parameters ``lasso_alphas`` and ``ridge_alphas``.
    """
    d = data.diabetes()
    X, y = d["X"], d["y"]
    n = X.shape[0]
    lr = _step_without_overshoot(X)
    lams = np.array(DIABETES_LAMS)
    paths, records = {}, []
    for name, method, label in (("lasso", "l1_prox", "lasso"), ("ridge", "l2", "ridge")):
        step = lr if method == "l1_prox" else 1 / (1 / lr + 2 * lams.max())  # 1 / L with the penalty
        W, rows = np.zeros(X.shape[1]), []
        for lam in lams:
            W, record = _solved(X, y, loss="mse", method=method, lr=step, lam=lam, label=label, W0=W)
            rows.append(W)
            records.append(record)
        paths[name] = np.array(rows)
    return {
        "lams": lams,
        "lr": lr,
        "features": d["features"],
        "lasso": paths["lasso"],
        "ridge": paths["ridge"],
        "lasso_zeros": [int(np.count_nonzero(w == 0)) for w in paths["lasso"]],
        "lasso_sign_changes": [  # lasso weights with both signs along the path, whatever lies between
            name for name, w in zip(d["features"], paths["lasso"].T, strict=True) if np.ptp(np.sign(w)) == 2
        ],
        "lasso_through_zero": [  # lasso weights that change sign along the path with exact zeros between
            name for name, w in zip(d["features"], paths["lasso"].T, strict=True) if _through_zero(w)
        ],
        "sklearn_lasso_gap": float(  # scikit-learn's Lasso at the strongest alpha, against our minimiser
            np.max(np.abs(_sklearn_lasso(X, y, lasso_alpha(lams[0])) - paths["lasso"][0]))
        ),
        # ridge weights that grow in size somewhere as lambda grows, and that change sign along the path
        "ridge_growing": int(
            np.count_nonzero((np.diff(np.abs(paths["ridge"][::-1]), axis=0) > 0).any(axis=0))
        ),
        "ridge_sign_changes": int(
            np.count_nonzero((np.diff(np.sign(paths["ridge"]), axis=0) != 0).any(axis=0))
        ),
        "lasso_alphas": [lasso_alpha(lam) for lam in lams],
        "ridge_alphas": [ridge_alpha(lam, n) for lam in lams],
        "n": n,
        "certified": {"loss": "mse", "X": X, "y": y, "fits": records},
    }


RIDGE_DRAWN = tuple(float(lam) for lam in np.logspace(3, -5, 81))
"""The strengths at which the ridge path is drawn against its degrees of freedom."""

DIRECTION_STEPS = (1, 10, 100, 1000, 10000)
"""The step counts at which early-stopped descent on the diabetes data is compared with ridge."""


@_memoized
def diabetes_directions() -> dict:
    """Ridge on the diabetes data direction by direction, and early-stopped descent beside it.

    For each strength of the ridge path, the share ridge keeps along each
    singular direction of X and their sum, the effective degrees of freedom;
    the ridge weights computed that way against the path's certified ones. For
    each of ``DIRECTION_STEPS``, plain descent from zero at the step that never
    overshoots: the share it reaches along each direction (by formula, and
    measured on reglit's own steps), and the ridge strength the count resembles.

    Returns
    -------
    dict
        ``singular_values``, ``curvatures``, ``lams``, ``shrink`` (a row per
        strength), ``df``, ``ridge_gap`` (largest difference from the certified
        path), ``lr``, ``steps``, ``early`` (a row per step count), ``early_gap``
        (largest difference between the formula and the steps taken),
        ``resembles`` (the strength per step count) and ``early_df``.
    """
    d = data.diabetes()
    X, y = d["X"], d["y"]
    lams = np.array(DIABETES_LAMS)
    shrink = np.array([shrinkage.shrink_factors(X, lam) for lam in lams])
    by_directions = np.array([shrinkage.ridge(X, y, lam) for lam in lams])
    lr = _step_without_overshoot(X)
    _, _, Vt = np.linalg.svd(X, full_matrices=False)
    least_squares = shrinkage.ridge(X, y, 0.0)
    early, gaps, stepped_weights = [], [], []
    for steps in DIRECTION_STEPS:
        factors = shrinkage.early_stopping_factors(X, lr, steps)
        stepped = fit(X, y, loss="mse", method="none", lr=lr, lam=0.0, steps=steps).W
        gaps.append(float(np.max(np.abs(Vt @ stepped - factors * (Vt @ least_squares)))))
        early.append(factors)
        stepped_weights.append(stepped)
    resembles = [shrinkage.step_count_lam(lr, steps) for steps in DIRECTION_STEPS]
    early_df = [float(np.sum(row)) for row in early]
    h = shrinkage.curvatures(X)
    hessian = np.sort(np.linalg.eigvalsh(2 * X.T @ X / len(y)))[::-1]
    return {
        "features": d["features"],
        "singular_values": np.linalg.svd(X, compute_uv=False),
        "curvatures": h,
        # a direction's share is its curvature over the curvature with the penalty's 2 lambda added: the
        # curvatures read off the Hessian of the mean squared error, 2 X^T X / N, by its eigenvalues
        "curvature_share_gap": float(np.max(np.abs(shrink - hessian / (hessian + 2 * lams[:, None])))),
        "shrink_at_resembled": (
            at_resembled := np.array([shrinkage.shrink_factors(X, lam) for lam in resembles])
        ),
        # descent keeps at least as much as ridge at the strength it resembles, along every direction
        "keeps_more": bool(np.all(np.array(early) >= at_resembled - 1e-12)),
        "sign_changes": (changes := _sign_changes(X, y, lams, d["features"])),
        "sign_change_features": list(changes),
        "lams": lams,
        "shrink": shrink,
        "df": [shrinkage.degrees_of_freedom(X, lam) for lam in lams],
        # df is also the trace of the matrix that maps y to ridge's fitted values (the hat matrix)
        "hat_trace_gap": max(
            abs(np.trace(X @ np.linalg.solve(X.T @ X + len(y) * lam * np.eye(X.shape[1]), X.T)) - df)
            for lam, df in zip(lams, [shrinkage.degrees_of_freedom(X, lam) for lam in lams], strict=True)
        ),
        "kept_half": [int(np.count_nonzero(row > 0.5)) for row in shrink],
        # the chapter's question: the strength 100 steps at a learning rate of 0.1 resemble
        "question": {"lr": 0.1, "steps": 100, "lam": shrinkage.step_count_lam(0.1, 100)},
        "ridge_gap": float(np.max(np.abs(by_directions - diabetes_paths()["ridge"]))),
        "lr": lr,
        "steps": list(DIRECTION_STEPS),
        "early": np.array(early),
        "early_gap": max(gaps),
        "resembles": resembles,
        "early_df": early_df,
        "early_weights": np.array(stepped_weights),
        "resembled_df": [shrinkage.degrees_of_freedom(X, lam) for lam in resembles],
        "resembled_weights": np.array([shrinkage.ridge(X, y, lam) for lam in resembles]),
        # each early-stopped fit against ridge with the same degrees of freedom, relative to ridge's size
        "same_df_gap": [
            _gap_at_same_df(X, y, df, W) for df, W in zip(early_df, stepped_weights, strict=True)
        ],
        # the ridge path on a finer grid, for drawing against df
        "path_df": [shrinkage.degrees_of_freedom(X, lam) for lam in RIDGE_DRAWN],
        "path": (drawn := np.array([shrinkage.ridge(X, y, lam) for lam in RIDGE_DRAWN])),
        "path_sign_changes": [
            name for name, w in zip(d["features"], drawn.T, strict=True) if np.any(np.diff(np.sign(w)) != 0)
        ],
    }


def _gap_at_same_df(X: np.ndarray, y: np.ndarray, df: float, W: np.ndarray) -> float:
    """How far ``W`` is from ridge with ``df`` degrees of freedom, relative to that ridge's size."""
    from scipy.optimize import brentq

    if df >= np.linalg.matrix_rank(X) - 1e-9:
        lam = 0.0
    else:
        lam = float(
            np.exp(brentq(lambda t: shrinkage.degrees_of_freedom(X, np.exp(t)) - df, -40, 20, xtol=1e-14))
        )
    ridge = shrinkage.ridge(X, y, lam)
    return float(np.linalg.norm(W - ridge) / np.linalg.norm(ridge))


def _sign_changes(X: np.ndarray, y: np.ndarray, lams: np.ndarray, features: list[str]) -> dict:
    """For each feature whose ridge weight changes sign along ``lams``: what each direction contributes.

    Ridge's weight of feature ``k`` is the sum over directions of
    ``V[k, j] * s_j * (U^T y)_j / d_j``. Returns, per such feature, its weight, the
    strongest direction's contribution and the others' total, at the strongest
    and at the weakest strength (first and last of ``lams``).
    """
    U, d, Vt = np.linalg.svd(X, full_matrices=False)
    least_squares = (U.T @ y) / d
    found = {}
    for k, name in enumerate(features):
        parts = np.array(
            [Vt[:, k] * shrinkage.shrink_factors(X, lam) * least_squares for lam in lams[[0, -1]]]
        )
        if np.sign(parts[0].sum()) != np.sign(parts[1].sum()):
            found[name] = {
                "weight": parts.sum(axis=1).tolist(),
                "strongest": parts[:, 0].tolist(),
                "others": parts[:, 1:].sum(axis=1).tolist(),
            }
    return found


EDGE_FACTORS = (1.001, 0.999)
"""The strengths, as multiples of lambda_max, of the certified lasso fits just above and just below it."""

LASSO_DRAWN_TO = 0.04
"""The smallest strength the exact lasso path is drawn to: below the chapter's grid and every knot but 0."""


@_memoized
def diabetes_optimality() -> dict:
    """When a lasso weight on the diabetes data is exactly zero: the optimality conditions and the exact path.

    Returns
    -------
    dict
        ``lambda_max``; the exact path's knots (``knots``, ``knot_weights``) and
        its ``events`` (lists ``lams``, ``features`` and ``kinds``, ``"enters"`` or
        ``"leaves"``, from the strongest), from
        [`lasso_knots`][reglit.optimality.lasso_knots]; ``lars_gap``, its largest
        difference from scikit-learn's ``lars_path`` (whose strengths are half
        ours); the exact path at the strengths of ``diabetes_paths`` and its
        largest difference from the certified fits there (``grid_gap``), and
        whether their exact zeros match (``same_zeros``); the largest optimality
        residual of those fits, relative to the largest pull at zero
        (``kkt``); and certified fits just above and just below ``lambda_max``.
    """
    from sklearn.linear_model import lars_path

    d = data.diabetes()
    X, y = d["X"], d["y"]
    top = lambda_max(X, y)
    knots, knot_weights = lasso_knots(X, y)
    alphas, _, coefs = lars_path(X, y, method="lasso")
    found = []
    for k in range(1, len(knots)):
        for j in np.flatnonzero((knot_weights[k - 1] == 0) & (knot_weights[k] != 0)):
            found.append((float(knots[k - 1]), d["features"][j], "enters"))
        for j in np.flatnonzero((knot_weights[k - 1] != 0) & (knot_weights[k] == 0)):
            found.append((float(knots[k]), d["features"][j], "leaves"))
    found.sort(key=lambda event: -event[0])
    events = {key: [event[i] for event in found] for i, key in enumerate(("lams", "features", "kinds"))}
    grid = diabetes_paths()
    exact = np.array([_on_path(knots, knot_weights, lam) for lam in grid["lams"]])
    pull = float(np.abs(mse_grad(X, y, np.zeros(X.shape[1]))).max())
    lr = _step_without_overshoot(X)
    edges = [
        _solved(X, y, loss="mse", method="l1_prox", lr=lr, lam=top * factor, label="lasso")
        for factor in EDGE_FACTORS
    ]
    return {
        "features": d["features"],
        "lambda_max": top,
        "knots": knots,
        "knot_weights": knot_weights,
        "knot_count": len(knots),
        "events": events,
        "lars_gap": float(
            max(
                np.abs(np.interp(knots[:-1], 2 * alphas[::-1], c[::-1]) - w).max()
                for c, w in zip(coefs, knot_weights[:-1].T, strict=True)
            )
        ),
        "drawn_to": LASSO_DRAWN_TO,
        "drawn_lams": (
            drawn := np.unique(
                np.concatenate([knots[knots > LASSO_DRAWN_TO], np.geomspace(LASSO_DRAWN_TO, knots[0], 400)])
            )[::-1]
        ),
        "drawn_path": np.array([_on_path(knots, knot_weights, lam) for lam in drawn]),
        "grid_lams": grid["lams"],
        "grid_exact": exact,
        "grid_gap": float(np.max(np.abs(exact - grid["lasso"]))),
        "same_zeros": bool(np.array_equal(exact == 0, grid["lasso"] == 0)),
        "kkt": max(
            kkt_residual(W, mse_grad(X, y, W), lam, "l1")
            for lam, W in zip(grid["lams"], grid["lasso"], strict=True)
        )
        / pull,
        "edge_factors": list(EDGE_FACTORS),
        "edges": [W.tolist() for W, _ in edges],
        "certified": {"loss": "mse", "X": X, "y": y, "fits": [record for _, record in edges]},
    }


def _on_path(knots: np.ndarray, weights: np.ndarray, lam: float) -> np.ndarray:
    """The exact lasso path at ``lam``: straight between the two knots around it, zeros above the first."""
    if lam >= knots[0]:
        return np.zeros(weights.shape[1])
    k = int(np.flatnonzero(knots > lam)[-1])  # knots[k] > lam >= knots[k + 1]
    share = (knots[k] - lam) / (knots[k] - knots[k + 1])
    W = (1 - share) * weights[k] + share * weights[k + 1]
    return np.where((weights[k] == 0) & (weights[k + 1] == 0), 0.0, W)


CONSTRAINT_LAMS = (0.2, 0.6, 1.2)
"""The strengths whose constraint regions the penalty-and-constraint figure draws."""


@_memoized
def constraint_view() -> dict:
    """Penalty and constraint on the penalty-geometry data: each penalised minimiser is a constrained one.

    For every nonzero strength of ``penalty_geometry``, the budget ``t`` is the
    penalty of its certified minimiser (the sum of sizes for L1, of squares for
    L2). SciPy's SLSQP, which shares no code with reglit, then minimises the
    mean squared error alone subject to the penalty being at most ``t``.

    Returns
    -------
    dict
        ``lams``; per penalty (``l1``, ``l2``) the budgets ``t``, the
        constrained minimisers, and ``gap``, their largest difference from the
        penalised ones; ``drawn``, the positions of ``CONSTRAINT_LAMS`` in ``lams``.
    """
    from scipy.optimize import minimize

    geometry = penalty_geometry()
    X, y = geometry["X"], geometry["y"]
    keep = geometry["lams"] > 0
    lams = geometry["lams"][keep]
    found = {}
    for key, size in (("l1", l1_penalty), ("l2", l2_penalty)):
        penalised = geometry[key][keep]
        budgets = [float(size(W)) for W in penalised]
        constrained = []
        for t in budgets:
            # the sum of sizes as a smooth constraint: W = p - q with p, q >= 0 and sum(p + q) <= t
            if key == "l1":
                result = minimize(
                    lambda pq: np.mean((X @ (pq[:2] - pq[2:]) - y) ** 2),
                    np.full(4, t / 4),
                    method="SLSQP",
                    bounds=[(0, None)] * 4,
                    constraints=[{"type": "ineq", "fun": lambda pq, t=t: t - pq.sum()}],
                    options={"ftol": 1e-15, "maxiter": 1000},
                )
                constrained.append(result.x[:2] - result.x[2:])
            else:
                result = minimize(
                    lambda W: np.mean((X @ W - y) ** 2),
                    np.zeros(2),
                    method="SLSQP",
                    constraints=[{"type": "ineq", "fun": lambda W, t=t: t - W @ W}],
                    options={"ftol": 1e-15, "maxiter": 1000},
                )
                constrained.append(result.x)
        constrained = np.array(constrained)
        found[key] = {
            "t": budgets,
            "penalised": penalised,
            "constrained": constrained,
            "gap": float(np.max(np.abs(constrained - penalised))),
        }
    return {
        "X": X,
        "y": y,
        "optimum": geometry["optimum"],
        "lams": lams,
        **found,
        "drawn": [int(np.flatnonzero(lams == lam)[0]) for lam in CONSTRAINT_LAMS],
        "count": len(lams),
    }


EVIDENCE_LAMS = tuple(float(lam) for lam in np.logspace(-4, 1, 51))
"""The strengths the validation split chooses among in ``evidence``."""


@_memoized
def evidence(n_train: int = 300) -> dict:
    """The L2 strength on diabetes two ways: learned from the evidence, and chosen on validation data.

    The examples are shuffled once (seed 0) and split: ``n_train`` to fit, the
    rest to validate. scikit-learn's ``BayesianRidge`` learns the noise and the
    prior's precisions from the training split alone; the Gaussian prior they
    describe gives a strength by [`gaussian_prior_lam`][reglit.priors.gaussian_prior_lam].
    The validation split chooses among ``EVIDENCE_LAMS``, fitting ridge on the
    training split at each.

    Returns
    -------
    dict
        ``noise`` and ``scale`` (the standard deviations BayesianRidge learned),
        ``lam_evidence``, ``bayes_gap`` (its weights against reglit's certified
        ridge at that strength), ``lams`` and ``val`` (validation error per
        strength), ``lam_validation``, and the validation error at each choice
        and with no penalty; over 100 other shuffles (seeds 1 to 100), the
        median ratio of validation's choice to the evidence's and the share of
        shuffles where validation's is the larger.
    """
    d = data.diabetes()
    X, y, X_val, y_val, model, lam_evidence, val_errors, lam_validation = _two_choices(d, n_train, seed=0)
    noise, scale = float(1 / np.sqrt(model.alpha_)), float(1 / np.sqrt(model.lambda_))
    lams = np.array(EVIDENCE_LAMS)
    others = [_two_choices(d, n_train, seed) for seed in range(1, 101)]
    ratios = np.array([other[-1] / other[5] for other in others])  # validation's choice over the evidence's
    lr = _step_without_overshoot(X)
    solved = [
        _solved(X, y, loss="mse", method="l2", lr=1 / (1 / lr + 2 * lam), lam=lam, label=label)
        for lam, label in ((lam_evidence, "evidence"), (lam_validation, "validation"))
    ]
    return {
        "n_train": len(y),
        "n_val": len(y_val),
        "noise": noise,
        "scale": scale,
        "lam_evidence": lam_evidence,
        "bayes_gap": float(np.max(np.abs(model.coef_ - solved[0][0]))),
        "lams": lams,
        "val": val_errors,
        "lam_validation": lam_validation,
        "val_evidence": float(mse(X_val, y_val, solved[0][0])),
        "val_validation": float(mse(X_val, y_val, solved[1][0])),
        "val_none": float(mse(X_val, y_val, shrinkage.ridge(X, y, 0.0))),
        "grid_count": len(lams),
        # the chapter's question: noise 2, prior 0.5, 100 examples
        "question": {"noise": 2.0, "scale": 0.5, "n": 100, "lam": gaussian_prior_lam(2.0, 0.5, 100)},
        "other_splits": len(others),
        "median_ratio": float(np.median(ratios)),
        "validation_larger": float(np.mean(ratios > 1)),
        # how much worse the evidence's choice does on the validation examples, relatively
        "gap_share": float(mse(X_val, y_val, solved[0][0]) / mse(X_val, y_val, solved[1][0]) - 1),
        "certified": {"loss": "mse", "X": X, "y": y, "fits": [record for _, record in solved]},
    }


def _two_choices(d: dict, n_train: int, seed: int) -> tuple:
    """Shuffle with ``seed``, split, and set the L2 strength by the evidence and by the validation split."""
    from sklearn.linear_model import BayesianRidge

    order = np.random.default_rng(seed).permutation(len(d["y"]))
    train, val = order[:n_train], order[n_train:]
    X, y, X_val, y_val = d["X"][train], d["y"][train], d["X"][val], d["y"][val]
    model = BayesianRidge(fit_intercept=False, tol=1e-12, max_iter=10_000).fit(X, y)
    lam_evidence = gaussian_prior_lam(1 / np.sqrt(model.alpha_), 1 / np.sqrt(model.lambda_), len(y))
    val_errors = np.array([mse(X_val, y_val, shrinkage.ridge(X, y, lam)) for lam in EVIDENCE_LAMS])
    lam_validation = float(EVIDENCE_LAMS[int(np.argmin(val_errors))])
    return X, y, X_val, y_val, model, lam_evidence, val_errors, lam_validation


ORTHONORMAL_Z = (-2.1, -1.3, -0.8, -0.35, 0.15, 0.6, 0.9, 1.6, 2.4)
"""The least-squares weights of the orthonormal example, spread across the thresholds at lambda 1."""


@_memoized
def orthonormal(lam: float = 1.0, n: int = 40) -> dict:
    """Ridge, the lasso and best-subset selection on data with orthogonal columns, ``X^T X = N I``.

    The least-squares weights are ``ORTHONORMAL_Z`` exactly. Ridge and the lasso
    are reglit's certified minimisers at ``lam``; best subset (the mean squared
    error plus ``lam`` per nonzero weight) is found by trying every subset.

    Returns
    -------
    dict
        ``z``, ``lam``, the three fits (``ridge``, ``lasso``, ``best_subset``),
        each fit's largest difference from its formula in
        [`reglit.shrinkage`][reglit.shrinkage] (``ridge_gap``, ``lasso_gap``,
        ``subset_gap``), and the thresholds ``lasso_threshold`` and
        ``subset_threshold``.
    """
    z = np.array(ORTHONORMAL_Z)
    rng = np.random.default_rng(4)
    Q, _ = np.linalg.qr(rng.standard_normal((n, len(z) + 1)))
    X = np.sqrt(n) * Q[:, :-1]  # X^T X = N I
    y = X @ z + np.sqrt(n) * Q[:, -1]  # plus noise orthogonal to every column: X^T y / N = z
    lr = _step_without_overshoot(X)
    ridge_W, ridge_record = _solved(
        X, y, loss="mse", method="l2", lr=1 / (1 / lr + 2 * lam), lam=lam, label="ridge"
    )
    lasso_W, lasso_record = _solved(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam, label="lasso")
    subsets = itertools.product((False, True), repeat=len(z))
    best = min(
        (mse(X, y, W := _least_squares_on(X, y, np.array(keep))) + lam * np.count_nonzero(keep), tuple(W))
        for keep in subsets
    )
    subset = np.array(best[1])
    return {
        "z": z,
        "lam": lam,
        "ridge": ridge_W,
        "lasso": lasso_W,
        "best_subset": subset,
        "ridge_gap": float(np.max(np.abs(ridge_W - shrinkage.orthonormal_ridge(z, lam)))),
        "lasso_gap": float(np.max(np.abs(lasso_W - shrinkage.orthonormal_lasso(z, lam)))),
        "subset_gap": float(np.max(np.abs(subset - shrinkage.orthonormal_best_subset(z, lam)))),
        "lasso_zeros": int(np.count_nonzero(lasso_W == 0)),
        "subset_zeros": int(np.count_nonzero(subset == 0)),
        "lasso_threshold": lam / 2,
        "subset_threshold": float(np.sqrt(lam)),
        "certified": {"loss": "mse", "X": X, "y": y, "fits": [ridge_record, lasso_record]},
    }


def _least_squares_on(X: np.ndarray, y: np.ndarray, keep: np.ndarray) -> np.ndarray:
    W = np.zeros(X.shape[1])
    if keep.any():
        W[keep] = np.linalg.lstsq(X[:, keep], y, rcond=None)[0]
    return W


@_memoized
def duplicated_feature(feature: str = "bmi", lam: float = 1.0, lam1: float = 1.0, lam2: float = 0.5) -> dict:
    """The diabetes data with one feature twice: the lasso's minimisers, and the elastic net's one.

    The lasso (strength ``lam``) is fitted to its certified minimiser from three
    starts: the minimiser without the copy, with the feature's weight on the
    first copy, on the second, and from zero. The elastic net (``lam1`` times the
    L1 penalty plus ``lam2`` times the L2 penalty, the site's scaling) is
    fitted by scikit-learn's ``ElasticNet`` from the first two of those starts.

    Returns
    -------
    dict
        For ``lasso`` and ``elastic_net``: the two copies' weights from each
        start; for the lasso each fit's objective and whether it converged, and
        for the elastic net the larger optimality residual of its two fits in
        the site's scaling, relative to the data's largest pull at zero, and
        the ``alpha`` and ``l1_ratio`` that scikit-learn's ``ElasticNet`` took.
    """
    from sklearn.linear_model import ElasticNet

    d = data.diabetes()
    j = d["features"].index(feature)
    X = np.column_stack([d["X"], d["X"][:, j]])
    y = d["y"]
    lr = _step_without_overshoot(X)
    alone = fit(d["X"], y, loss="mse", method="l1_prox", lr=lr, lam=lam).W
    first = np.append(alone, 0.0)
    second = first.copy()
    second[j], second[-1] = 0.0, first[j]
    starts = {"first": first, "second": second, "zero": np.zeros_like(first)}
    lasso = {
        name: fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam, W0=W0) for name, W0 in starts.items()
    }
    # scikit-learn's objective is ours halved: alpha l1_ratio = lam1 / 2 and alpha (1 - l1_ratio) = lam2
    alpha = lam1 / 2 + lam2
    net = {}
    for name in ("first", "second"):
        model = ElasticNet(
            alpha=alpha, l1_ratio=lam1 / 2 / alpha, fit_intercept=False, tol=1e-14, max_iter=10**6
        )
        model.set_params(warm_start=True).coef_ = starts[name].copy()
        net[name] = model.fit(X, y).coef_
    # Its optimality residual in the site's scaling, relative to the data's largest pull at zero weights:
    # near zero only if the alpha and l1_ratio above are lam1 and lam2 in scikit-learn's terms.
    pull = float(np.abs(mse_grad(X, y, np.zeros(X.shape[1]))).max())
    residuals = [kkt_residual(W, mse_grad(X, y, W) + lam2 * l2_grad(W), lam1, "l1") for W in net.values()]
    net_residual = max(residuals) / pull
    return {
        "feature": feature,
        "lam": lam,
        "lam1": lam1,
        "lam2": lam2,
        "lasso": {name: [float(r.W[j]), float(r.W[-1])] for name, r in lasso.items()}
        | {
            "objectives": [r.objective for r in lasso.values()],
            "converged": [r.converged for r in lasso.values()],
            # scikit-learn's Lasso on the same data: the same minimum, whichever split it lands on
            "sklearn_objective": float(
                mse(X, y, theirs := _sklearn_lasso(X, y, lasso_alpha(lam))) + lam * np.abs(theirs).sum()
            ),
        },
        "elastic_net": {name: [float(W[j]), float(W[-1])] for name, W in net.items()}
        | {"residual": net_residual, "alpha": alpha, "l1_ratio": lam1 / 2 / alpha},
    }


def _through_zero(w: np.ndarray) -> bool:
    """Whether a path of one weight goes from one sign to the other through exact zeros."""
    signs = np.sign(w)
    kept = np.flatnonzero(signs != 0)
    return any(
        signs[a] == -signs[b] and b > a + 1 and np.all(signs[a + 1 : b] == 0)
        for a, b in itertools.pairwise(kept)
    )


def _sklearn_lasso(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    from sklearn.linear_model import Lasso

    return Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X, y).coef_


def _entry_order(X: np.ndarray, y: np.ndarray, features: list[str]) -> list[str]:
    """The order in which the lasso's exact path lets the features in, strongest penalty first."""
    order: list[str] = []
    for W in lasso_knots(X, y)[1]:
        order += [features[j] for j in np.flatnonzero(W) if features[j] not in order]
    return order


SKLEARN_ALPHA = 31.5
"""A scikit-learn ``Lasso`` alpha: on this site's diabetes data it keeps two measurements."""


@_memoized
def scaling() -> dict:
    """The lasso on the diabetes measurements in three scales: as measured, standardized, and scikit-learn's.

    The exact lasso path ([`lasso_knots`][reglit.optimality.lasso_knots], on
    centred data: the same as an unpenalised intercept) gives the order in
    which the features enter. scikit-learn ships the measurements centred and
    scaled to unit sum of squares, each column the standardized one over the
    square root of N: the same model needs a strength that much smaller.

    Returns
    -------
    dict
        ``features``; ``sd`` (each raw measurement's standard deviation);
        ``order`` (entry order, as measured and standardized); ``lam_max`` in
        each scale; ``sqrt_n``; for scikit-learn's ``Lasso(alpha=SKLEARN_ALPHA)``
        the weights kept on each scale; the strength on scikit-learn's scale that
        gives this site's model, and the gap between the two certified fits.
    """
    from sklearn.datasets import load_diabetes

    ours, raw = data.diabetes(), data.diabetes(standardized=False)
    X, y, features = ours["X"], ours["y"], ours["features"]
    X_raw = raw["X"] - raw["X"].mean(axis=0)
    X_sk = load_diabetes().data  # centred, each column's sum of squares 1
    n = len(y)
    lam = 2 * SKLEARN_ALPHA
    kept = {
        "standardized": _sklearn_lasso(X, y, SKLEARN_ALPHA),
        "sklearn": _sklearn_lasso(X_sk, y, SKLEARN_ALPHA),
    }
    W, record = _solved(
        X, y, loss="mse", method="l1_prox", lr=_step_without_overshoot(X), lam=lam, label="ours"
    )
    lam_sk = lam / np.sqrt(n)
    W_sk, record_sk = _solved(
        X_sk,
        y,
        loss="mse",
        method="l1_prox",
        lr=_step_without_overshoot(X_sk),
        lam=lam_sk,
        label="scikit-learn's",
    )
    return {
        "features": features,
        "sd": raw["X"].std(axis=0),
        "order": {
            "raw": _entry_order(X_raw, y, features),
            "standardized": _entry_order(X, y, features),
            "sklearn": _entry_order(X_sk, y, features),
        },
        "lam_max": {
            "raw": lambda_max(X_raw, y),
            "standardized": lambda_max(X, y),
            "sklearn": lambda_max(X_sk, y),
        },
        "sqrt_n": float(np.sqrt(n)),
        "alpha": SKLEARN_ALPHA,
        "lam": lam,
        "kept": {key: [features[j] for j in np.flatnonzero(w)] for key, w in kept.items()},
        "kept_count": {key: int(np.count_nonzero(w)) for key, w in kept.items()},
        "lam_sklearn_scale": lam_sk,
        "alpha_sklearn_scale": lasso_alpha(lam_sk),
        # the same model: scikit-learn's scale multiplies each weight by sqrt(N)
        "same_model_gap": float(np.abs(W_sk / np.sqrt(n) - W).max()),
        "same_zeros": bool(np.array_equal(W == 0, W_sk == 0)),
        "certified": {"loss": "mse", "X": X, "y": y, "fits": [record]},
        "certified_sklearn": record_sk,
    }


@_memoized
def intercept(lam_ridge: float = 0.5, lam_lasso: float = 1.0, digits_lams: tuple = (10**-2.5, 0.01)) -> dict:
    """The intercept left out of the penalty, or penalised like a weight: diabetes, then digits.

    On diabetes (standardized measurements, the target as measured, mean
    about 152), a lasso with an unpenalised intercept ([`fit`][reglit.train.fit]
    with ``intercept=True``) against the lasso on the centred target; and ridge
    with the bias as a column of ones, penalised, against ridge with an
    unpenalised intercept. On digits, the softmax model of the real-data
    chapter at each penalty's chosen strength (``digits_lams``, L2 then L1, as
    ``digits_sweep`` chooses them): its bias a penalised column of ones (as that
    chapter fits it) against an unpenalised intercept.

    Returns
    -------
    dict
        ``mean_y``; ``lasso``: the weights' gap between the two fits, the
        fitted intercept, and scikit-learn's ``Lasso(fit_intercept=True)``
        gap; ``ridge``: the penalised bias and the training error with each;
        ``digits``: per penalty, strength, validation loss and accuracy
        with the bias penalised and free, the spread of the ten biases, and
        the number of exact-zero biases.
    """
    from sklearn.linear_model import Lasso, LogisticRegression

    d = data.diabetes()
    X, y = d["X"], data.diabetes(standardized=False)["y"]
    lr = 1 / (1 / _step_without_overshoot(np.column_stack([X, np.ones(len(X))])) + 2 * lam_ridge)
    # the target's mean dominates the gradient the tolerance is relative to: hold the fits to a tighter one
    free = fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam_lasso, intercept=True, tol=1e-13)
    centred = fit(X, y - y.mean(), loss="mse", method="l1_prox", lr=lr, lam=lam_lasso, tol=1e-13)
    theirs = Lasso(alpha=lasso_alpha(lam_lasso), tol=1e-14, max_iter=100_000).fit(X, y)
    ones = np.column_stack([X, np.ones(len(X))])
    penalised = fit(ones, y, loss="mse", method="l2", lr=lr, lam=lam_ridge, tol=1e-13)
    ridge_free = fit(X, y, loss="mse", method="l2", lr=lr, lam=lam_ridge, intercept=True, tol=1e-13)
    split = data.digits()
    Xt, yt, Xv, yv = split["X_train"], split["y_train"], split["X_val"], split["y_val"]
    digits = {}
    for method, lam in zip(("l2", "l1_prox"), digits_lams, strict=True):
        bias = fit(Xt, yt, loss="softmax", classes=10, method=method, lr=0.5, lam=lam)
        loose = fit(
            Xt[:, :-1], yt, loss="softmax", classes=10, method=method, lr=0.5, lam=lam, intercept=True
        )
        W_loose = np.vstack([loose.W, loose.intercept])
        model = LogisticRegression(
            C=logistic_c(lam, len(yt), "l2" if method == "l2" else "l1"),
            tol=1e-10,
            max_iter=100_000,
            **({"solver": "lbfgs"} if method == "l2" else {"solver": "saga", "l1_ratio": 1.0}),
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # lbfgs reports reaching its precision limit
            model.fit(Xt[:, :-1], yt)
        # the softmax does not see a constant added to every class: compare centred intercepts
        shift = model.intercept_ - model.intercept_.mean() - (loose.intercept - loose.intercept.mean())
        digits[method] = {
            "sklearn_gap": float(max(np.abs(model.coef_.T - loose.W).max(), np.abs(shift).max())),
            "lam": lam,
            "converged": bias.converged and loose.converged,
            "val_loss": [softmax_cross_entropy(Xv, yv, bias.W), softmax_cross_entropy(Xv, yv, W_loose)],
            "val_acc": [_accuracy(Xv, yv, bias.W), _accuracy(Xv, yv, W_loose)],
            "spread": [float(np.ptp(bias.W[-1])), float(np.ptp(loose.intercept))],
            "zero_biases": int(np.count_nonzero(bias.W[-1] == 0)),
        }
    return {
        "mean_y": float(y.mean()),
        "lam_lasso": lam_lasso,
        "lam_ridge": lam_ridge,
        "lasso": {
            "converged": free.converged and centred.converged,
            "gap": float(np.abs(free.W - centred.W).max()),
            "intercept": float(free.intercept),
            "sklearn_gap": float(
                max(np.abs(theirs.coef_ - free.W).max(), abs(theirs.intercept_ - free.intercept))
            ),
            "kept": int(np.count_nonzero(free.W)),
        },
        "ridge": {
            "converged": penalised.converged and ridge_free.converged,
            "bias": float(penalised.W[-1]),
            "free_intercept": float(ridge_free.intercept),
            "mse": [mse(ones, y, penalised.W), mse(X, y - ridge_free.intercept, ridge_free.W)],
        },
        "digits": digits,
    }


def _elastic_net(X: np.ndarray, y: np.ndarray, lam1: float, lam2: float, W0=None):
    """The elastic net as a lasso on augmented data, fitted to its certified minimiser by reglit.

    Appending the rows ``sqrt(N lam2) I`` to X and zeros to y adds ``lam2 ||W||^2``
    to the summed squared error; the mean over the N + D rows is then ``N / (N + D)``
    times the elastic net's data term, so the lasso strength is ``lam1 N / (N + D)``.
    """
    n, dims = X.shape
    X_aug = np.vstack([X, np.sqrt(n * lam2) * np.eye(dims)])
    y_aug = np.concatenate([y, np.zeros(dims)])
    return fit(
        X_aug,
        y_aug,
        loss="mse",
        method="l1_prox",
        lr=_step_without_overshoot(X_aug),
        lam=lam1 * n / (n + dims),
        W0=W0,
    )


@_memoized
def correlated_features(
    feature: str = "bmi", noise: float = 0.15, lam2: float = 0.5, count: int = 25
) -> dict:
    """A near copy of a diabetes measurement: the lasso picks one of the two, ridge and the elastic net share.

    The copy is the measurement plus Gaussian noise of standard deviation
    ``noise`` (seed 0), standardized. On the strengths of a grid from the
    lasso's lambda_max down, the lasso and ridge are certified minimisers; the
    elastic net (that strength times the L1 penalty plus ``lam2`` times the L2
    penalty) is the certified minimiser of the equivalent lasso on augmented
    data, compared with scikit-learn's ``ElasticNet``.

    Returns
    -------
    dict
        ``correlation`` of the pair; ``lams``; per model (``lasso``,
        ``elastic_net``, ``ridge``) the two weights (rows: strengths); the
        lasso's strengths where it keeps exactly one of the pair and which;
        the largest difference of the pair's weights for the elastic net and
        ridge; scikit-learn's ``ElasticNet`` gap.
    """
    from sklearn.linear_model import ElasticNet

    from reglit.validation import log_grid

    d = data.diabetes()
    j = d["features"].index(feature)
    copy_ = d["X"][:, j] + np.random.default_rng(0).normal(0, noise, size=len(d["y"]))
    X = np.column_stack([d["X"], (copy_ - copy_.mean()) / copy_.std()])
    y = d["y"]
    lams = log_grid(lambda_max(X, y), count=count, ratio=1e-3)
    lr = _step_without_overshoot(X)
    paths: dict = {"lasso": [], "ridge": [], "elastic_net": []}
    records, W_lasso, W_ridge, W_net, net_gap, net_zeros = [], None, None, None, 0.0, []
    for lam in lams:
        W_lasso, record = _solved(
            X, y, loss="mse", method="l1_prox", lr=lr, lam=lam, label="lasso", W0=W_lasso
        )
        records.append(record)
        W_ridge, record = _solved(
            X, y, loss="mse", method="l2", lr=1 / (1 / lr + 2 * lam), lam=lam, label="ridge", W0=W_ridge
        )
        records.append(record)
        net = _elastic_net(X, y, lam, lam2, W0=W_net)
        net_zeros.append(int(np.count_nonzero(net.W == 0)))
        if not net.converged:
            raise ValueError(f"the elastic net at lambda {lam} did not converge")
        W_net = net.W
        alpha, l1_ratio = elastic_net_params(lam, lam2)
        theirs = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False, tol=1e-14, max_iter=10**6)
        net_gap = max(net_gap, float(np.abs(theirs.fit(X, y).coef_ - W_net).max()))
        for name, W in (("lasso", W_lasso), ("ridge", W_ridge), ("elastic_net", W_net)):
            paths[name].append([float(W[j]), float(W[-1])])
    pairs = {name: np.array(rows) for name, rows in paths.items()}
    # the lasso at the weakest strength with bmi itself removed: its copy takes over
    without = fit(np.delete(X, j, axis=1), y, loss="mse", method="l1_prox", lr=lr, lam=float(lams[-1])).W
    lasso = pairs["lasso"]
    one = (lasso != 0).sum(axis=1) == 1
    return {
        "feature": feature,
        "noise": noise,
        "correlation": float(np.corrcoef(X[:, j], X[:, -1])[0, 1]),
        "lams": lams,
        "below_max": len(lams) - 1,  # the strengths below lambda_max, where some weight is nonzero
        "lam2": lam2,
        **pairs,
        "lasso_one_of_pair": int(np.count_nonzero(one)),
        "lasso_keeps": sorted({("original" if row[0] != 0 else "copy") for row in lasso[one]}),
        "lasso_both": int(np.count_nonzero((lasso != 0).all(axis=1))),
        "lasso_both_from": float(lams[np.flatnonzero((lasso != 0).all(axis=1))[0]]),
        # the weakest strength down to which ridge's two weights stay within 5% of the larger, and the two
        # at the weakest strength
        "ridge_together_to": float(lams[np.argmax(_relative_gap(pairs["ridge"]) > 0.05) - 1]),
        "copy_without_original": float(without[-1]),
        "net_zeros": net_zeros,
        # the weakest strength at which the elastic net still sets some weight to exactly zero
        "net_zeros_down_to": float(lams[np.flatnonzero(np.array(net_zeros) > 0)[-1]]),
        "net_both": bool(
            np.all((pairs["elastic_net"] != 0).all(axis=1) | (pairs["elastic_net"] == 0).all(axis=1))
        ),
        "sklearn_net_gap": net_gap,
        "certified": {"loss": "mse", "X": X, "y": y, "fits": records},
    }


def _relative_gap(pairs: np.ndarray) -> np.ndarray:
    """Per row of two weights, their difference relative to the larger in size."""
    return np.abs(pairs[:, 0] - pairs[:, 1]) / np.abs(pairs).max(axis=1).clip(1e-300)


def _ridge_errors(X: np.ndarray, y: np.ndarray, lams: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Each fold's validation error of ridge with an unpenalised intercept, in closed form.

    The same numbers as [`cross_validate`][reglit.validation.cross_validate] with
    ``method="l2"``: an unpenalised intercept is ridge on the centred training part.
    """
    errors = np.empty((folds.max() + 1, len(lams)))
    for k in range(folds.max() + 1):
        train, held = folds != k, folds == k
        x_mean, y_mean = X[train].mean(axis=0), y[train].mean()
        U, d, Vt = np.linalg.svd(X[train] - x_mean, full_matrices=False)  # once per fold, for every strength
        Uy = U.T @ (y[train] - y_mean)
        W = Vt.T @ (d[:, None] / (d[:, None] ** 2 + train.sum() * np.asarray(lams)) * Uy[:, None])  # (D, L)
        errors[k] = np.mean(((X[held] - x_mean) @ W + y_mean - y[held][:, None]) ** 2, axis=0)
    return errors


RIDGE_TOP = 100.0
"""The strongest ridge strength of the cross-validation grid: on standardized diabetes, df about 0.06."""


@_memoized
def cross_validation(k: int = 5, count: int = 50) -> dict:
    """Choosing the lasso's and ridge's strengths on diabetes by K-fold cross-validation, and what it costs.

    On all 442 examples, K folds (seed 0), the lasso on a log grid from its
    lambda_max down to a thousandth of it, ridge on a grid from ``RIDGE_TOP``
    down to a millionth of it, each fit with an unpenalised intercept; the
    best and one-standard-error strengths, refitted on all the data
    (certified). scikit-learn's ``LassoCV`` on the same folds. The target in
    units ten times smaller (ten times the numbers): the strength each
    needs.

    Returns
    -------
    dict
        ``k``; ``lasso`` and ``ridge``: ``lams``, ``mean``, ``se``, ``best``,
        ``one_se``, the weights kept at each, and for ridge the degrees of
        freedom; ``lassocv`` (largest relative gap of the folds' errors, and
        whether its alpha is half the best lambda); ``units``.
    """
    from sklearn.linear_model import LassoCV

    from reglit.validation import cross_validate, kfold, log_grid, one_standard_error

    d = data.diabetes()
    X, y = d["X"], d["y"]
    folds = kfold(len(y), k, seed=0)
    grids = {"lasso": log_grid(lambda_max(X, y), count, 1e-3), "ridge": log_grid(RIDGE_TOP, count, 1e-6)}
    methods = {"lasso": "l1_prox", "ridge": "l2"}
    lr = _step_without_overshoot(X)
    out: dict = {"k": k, "n": len(y), "count": count, "fold_sizes": sorted(np.bincount(folds).tolist())}
    records = []
    for name, method in methods.items():
        cv = cross_validate(X, y, grids[name], folds, method=method)
        chosen = {}
        for choice in ("best", "one_se"):
            lam = getattr(cv, choice)
            step = lr if method == "l1_prox" else 1 / (1 / lr + 2 * lam)
            chosen[choice], record = _solved(X, y, loss="mse", method=method, lr=step, lam=lam, label=name)
            records.append(record)
        out[name] = {
            "lams": cv.lams,
            "mean": cv.mean,
            "se": cv.se,
            "best": cv.best,
            "one_se": cv.one_se,
            "best_index": int(np.argmin(cv.mean)),
            "best_mean": float(cv.mean.min()),
            "one_se_index": int(np.flatnonzero(cv.lams == cv.one_se)[0]),
            "kept": {choice: int(np.count_nonzero(W)) for choice, W in chosen.items()},
            "df": {choice: float(shrinkage.degrees_of_freedom(X, getattr(cv, choice))) for choice in chosen},
            "steps": cv.steps,
            "mean_steps": cv.steps / cv.errors.size,
        }
        if name == "ridge":
            closed = _ridge_errors(X, y, cv.lams, folds)
            out["ridge"]["closed_form_gap"] = float(np.max(np.abs(closed.mean(axis=0) / cv.mean - 1)))
        else:
            splits = [(np.flatnonzero(folds != f), np.flatnonzero(folds == f)) for f in range(k)]
            theirs = LassoCV(alphas=cv.lams / 2, cv=splits, tol=1e-14, max_iter=10**6).fit(X, y)
            out["lassocv"] = {
                "gap": float(np.max(np.abs(theirs.mse_path_.mean(axis=1) / cv.mean - 1))),
                "alpha": float(theirs.alpha_),
                "same_choice": bool(np.isclose(theirs.alpha_, cv.best / 2, rtol=1e-12)),
            }
    # The same patients, the target in units ten times smaller (ten times the numbers): the lasso's
    # strengths scale with the target, ridge's shrinkage depends on X alone
    ridge_at = int(np.argmin(np.abs(np.log(grids["ridge"] / out["lasso"]["best"]))))
    out["units"] = {
        "factor": 10,
        "lasso_lam_max_ratio": lambda_max(X, 10 * y) / lambda_max(X, y),
        "lasso_kept_at_best": int(  # the lasso refitted to ten times the target at ten times its strength
            np.count_nonzero(
                fit(X, 10 * y, loss="mse", method="l1_prox", lr=lr, lam=10 * out["lasso"]["best"]).W
            )
        ),
        "ridge_at_lasso_best": {
            "lam": float(grids["ridge"][ridge_at]),
            "mean": float(out["ridge"]["mean"][ridge_at]),
        },
    }
    # the chapter's question: three strengths, their mean errors, one standard error for all
    question = {"lams": [1.0, 0.1, 0.01], "mean": [5.0, 3.2, 3.0], "se": 0.3}
    question["answer"] = one_standard_error(question["lams"], question["mean"], np.full(3, question["se"]))
    out["question"] = question
    out["certified"] = {"loss": "mse", "X": X, "y": y, "fits": records}
    return out


@_memoized
def held_out(k: int = 5, count: int = 50, repeats: int = 300, n_test: int = 100) -> dict:
    """What choosing a strength costs, and the lasso against ridge, each judged on examples no choice saw.

    ``repeats`` times (seeds 1 onward), ``n_test`` examples are held out and
    ridge's strength is chosen by K-fold cross-validation on the rest: the
    cross-validated error at the chosen strength, the number one is tempted to
    report, against that model's error on the held-out examples (``cost``).
    On one such split (seed 0), the lasso and ridge, each at the strength its
    own cross-validation chose, scored on the held-out examples, with the
    standard error of the difference (``fair``).
    """
    from reglit.validation import log_grid

    d = data.diabetes()
    X, y = d["X"], d["y"]
    grids = {"lasso": log_grid(lambda_max(X, y), count, 1e-3), "ridge": log_grid(RIDGE_TOP, count, 1e-6)}
    return {
        "cost": _choosing_cost(X, y, grids["ridge"], k, repeats, n_test),
        "fair": _fair_comparison(X, y, grids, k, n_test),
    }


def _choosing_cost(X, y, lams, k: int, repeats: int, n_test: int) -> dict:
    """Ridge's cross-validated error at the strength it chose, and that model's error on unseen examples."""
    from reglit.validation import kfold

    reported, unseen, chosen = [], [], []
    for seed in range(1, repeats + 1):
        order = np.random.default_rng(seed).permutation(len(y))
        test, rest = order[:n_test], order[n_test:]
        errors = _ridge_errors(X[rest], y[rest], lams, kfold(len(rest), k, seed=seed)).mean(axis=0)
        best = int(np.argmin(errors))
        x_mean, y_mean = X[rest].mean(axis=0), y[rest].mean()
        W = shrinkage.ridge(X[rest] - x_mean, y[rest] - y_mean, lams[best])
        reported.append(errors[best])
        unseen.append(np.mean(((X[test] - x_mean) @ W + y_mean - y[test]) ** 2))
        chosen.append(lams[best])
    reported, unseen = np.array(reported), np.array(unseen)
    share = unseen / reported - 1  # per split: how much worse the unseen error is than the one chosen on
    return {
        "repeats": repeats,
        "n_test": n_test,
        "reported": float(reported.mean()),
        "unseen": float(unseen.mean()),
        "optimism": float(share.mean()),
        "optimism_se": float(share.std(ddof=1) / np.sqrt(repeats)),
        "optimism_sd": float(share.std(ddof=1)),
        "worse_share": float(np.mean(unseen > reported)),
    }


def _fair_comparison(X, y, grids: dict, k: int, n_test: int) -> dict:
    """The lasso and ridge, each at the strength its own cross-validation chose, scored on unseen examples."""
    from reglit.validation import cross_validate, kfold

    order = np.random.default_rng(0).permutation(len(y))
    test, rest = order[:n_test], order[n_test:]
    folds = kfold(len(rest), k, seed=0)
    lr = _step_without_overshoot(np.column_stack([X[rest], np.ones(len(rest))]))
    out: dict = {"n_test": n_test}
    squared = {}
    chosen = {  # ridge's errors in closed form, the same as cross_validate's (cross_validation checks)
        "lasso": cross_validate(X[rest], y[rest], grids["lasso"], folds, method="l1_prox").best,
        "ridge": float(
            grids["ridge"][np.argmin(_ridge_errors(X[rest], y[rest], grids["ridge"], folds).mean(0))]
        ),
    }
    for name, method in (("lasso", "l1_prox"), ("ridge", "l2")):
        lam = chosen[name]
        W = fit(
            X[rest], y[rest], loss="mse", method=method, lr=1 / (1 / lr + 2 * lam), lam=lam, intercept=True
        )
        squared[name] = (X[test] @ W.W + W.intercept - y[test]) ** 2
        out[name] = {
            "lam": lam,
            "test": float(squared[name].mean()),
            "converged": W.converged,
            "kept": int(np.count_nonzero(W.W)),
            "df": float(shrinkage.degrees_of_freedom(X[rest] - X[rest].mean(axis=0), lam)),
            "at_weakest": bool(lam == grids[name][-1]),
        }
    x_mean, y_mean = X[rest].mean(axis=0), y[rest].mean()
    W_ols = shrinkage.ridge(X[rest] - x_mean, y[rest] - y_mean, 0.0)
    out["least_squares"] = float(np.mean(((X[test] - x_mean) @ W_ols + y_mean - y[test]) ** 2))
    difference = squared["lasso"] - squared["ridge"]  # paired: the same held-out patients
    out["difference"] = float(difference.mean())
    out["difference_se"] = float(difference.std(ddof=1) / np.sqrt(n_test))
    out["test_se"] = float(squared["ridge"].std(ddof=1) / np.sqrt(n_test))
    return out


EXPERIMENTS = {
    "tradeoff": tradeoff,
    "worked_example": worked_example,
    "l2_one_step": l2_one_step,
    "l1_one_step": l1_one_step,
    "trajectories": trajectories,
    "near_zero": near_zero,
    "sparsity": sparsity,
    "penalty_geometry": penalty_geometry,
    "l2_step_sizes": l2_step_sizes,
    "step_regimes_sweep": step_regimes_sweep,
    "conventions_example": conventions_example,
    "decoupled_decay": decoupled_decay,
    "digits_sweep": digits_sweep,
    "duplicated_feature": duplicated_feature,
    "diabetes_paths": diabetes_paths,
    "diabetes_directions": diabetes_directions,
    "diabetes_optimality": diabetes_optimality,
    "orthonormal": orthonormal,
    "constraint_view": constraint_view,
    "evidence": evidence,
    "scaling": scaling,
    "intercept": intercept,
    "correlated_features": correlated_features,
    "cross_validation": cross_validation,
    "held_out": held_out,
}
"""Experiment name -> function of no arguments returning a dict of results."""
