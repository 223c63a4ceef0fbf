"""The runs behind the site's figures and numbers: each returns data, never a picture.

[`EXPERIMENTS`][reglit.experiments.EXPERIMENTS] maps a name to a function of no arguments that returns a
dict of plain numbers and arrays; pages quote its numbers by path (for example
``l2_one_step.after.small``) and figure functions plot it.
"""

from __future__ import annotations

import copy
import functools

import numpy as np

from reglit import data
from reglit.conventions import lasso_alpha, ridge_alpha, sgd_alpha, torch_weight_decay
from reglit.distances import l2_distance
from reglit.losses import mse, softmax_cross_entropy
from reglit.penalties import l1_penalty, l2_penalty
from reglit.train import fit
from reglit.updates import l1_prox_step, l1_step, l2_step

__all__ = [
    "EXPERIMENTS",
    "conventions_example",
    "diabetes_paths",
    "digits_sweep",
    "l1_one_step",
    "l2_one_step",
    "l2_step_sizes",
    "near_zero",
    "penalty_geometry",
    "sparsity",
    "step_regimes",
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


@_memoized
def tradeoff(seed: int = 1) -> dict:
    """Fit 14 noisy points of a sine with L2 at several strengths; score on fresh points.

    Returns
    -------
    dict
        ``lams``, training and validation mean squared errors for each, the
        best strength on validation, and the fitted curves on a grid for the
        weakest, the best and the strongest lambda.
    """
    rng = np.random.default_rng(seed)
    x_train = np.sort(rng.uniform(0, 1, 14))
    y_train = np.sin(2 * np.pi * x_train) + rng.normal(0, 0.3, 14)
    x_val = np.linspace(0, 1, 200)
    y_val = np.sin(2 * np.pi * x_val)
    X_train, X_val = _bumps(x_train), _bumps(x_val)
    lr = _step_without_overshoot(X_train)
    lams = np.logspace(-4, 0, 9)
    fits = [
        fit(X_train, y_train, loss="mse", method="l2", lr=lr / (1 + 4 * lr * lam), lam=lam, steps=3000).W
        for lam in lams
    ]
    train = np.array([mse(X_train, y_train, W) for W in fits])
    val = np.array([mse(X_val, y_val, W) for W in fits])
    best = int(np.argmin(val))
    shown = {"weakest": 0, "best": best, "strongest": len(lams) - 1}
    return {
        "x_train": x_train,
        "y_train": y_train,
        "x_grid": x_val,
        "y_true": y_val,
        "lams": lams,
        "train": train,
        "val": val,
        "best": {"lam": float(lams[best]), "train": float(train[best]), "val": float(val[best])},
        "weakest": {"lam": float(lams[0]), "train": float(train[0]), "val": float(val[0])},
        "curves": {name: X_val @ fits[i] for name, i in shown.items()},
        "curve_lams": {name: float(lams[i]) for name, i in shown.items()},
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
def sparsity(seed: int = 0) -> dict:
    """Fit one regression problem with L2, L1-subgradient and L1-proximal steps.

    The true weights have 5 nonzero entries out of 40; the data are noisy.
    All three fits use the same learning rate, strength and number of steps.

    Returns
    -------
    dict
        ``true`` weights, and for each method its final weights, the number of
        exact zeros and the number of weights smaller than 1e-3 in magnitude.
    """
    rng = np.random.default_rng(seed)
    n, d = 80, 40
    X = rng.normal(size=(n, d))
    true = np.zeros(d)
    true[rng.choice(d, size=5, replace=False)] = rng.choice([-1, 1], size=5) * rng.uniform(1, 3, size=5)
    y = X @ true + rng.normal(0, 0.5, size=n)
    lr, lam, steps, tiny = 0.01, 0.3, 2000, 1e-3
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
    for method in ("l2", "l1", "l1_prox"):
        W = fit(X, y, loss="mse", method=method, lr=lr, lam=lam, steps=steps).W
        out[method] = {
            "W": W,
            "zeros": int(np.count_nonzero(W == 0)),
            "tiny": int(np.count_nonzero(np.abs(W) < tiny)),
            "kept_true": int(np.count_nonzero(W[true != 0])),  # truly nonzero weights left nonzero
        }
    return out


GEOMETRY_LAMS = (0.0, 0.1, 0.2, 0.35, 0.5, 0.6, 0.8, 1.2, 1.8, 2.5)
"""The strengths of the penalty-geometry sweep: from none, past the L1 corner (0.6), to all-zero L1."""


@_memoized
def penalty_geometry() -> dict:
    """A two-weight least-squares problem solved with L1 and with L2 at each strength of ``GEOMETRY_LAMS``.

    The unregularized optimum is at (2, 0.6); the data make the loss contours
    elongated ellipses. L1 is fitted with proximal steps, so its zeros are
    exact; the L2 step is divided by the penalty's curvature, as for ridge.

    Returns
    -------
    dict
        ``X``, ``y``, ``optimum``, ``lams``, the optima ``l1`` and ``l2``
        (one row of two weights per strength), and the two strengths drawn
        between which the L1 optimum first has a weight exactly zero
        (``l1_corner_between``) and first has both (``l1_origin_between``).
    """
    X = np.array([[1.0, 0.3], [0.2, 1.0], [1.0, -0.4], [0.5, 0.5]])
    optimum = np.array([2.0, 0.6])
    y = X @ optimum
    lr = _step_without_overshoot(X)
    l1 = [fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam, steps=2000).W for lam in GEOMETRY_LAMS]
    l2 = [
        fit(X, y, loss="mse", method="l2", lr=lr / (1 + 2 * lr * lam), lam=lam, steps=2000).W
        for lam in GEOMETRY_LAMS
    ]
    zeros = np.array(l1) == 0
    corner, origin = int(np.argmax(zeros.any(axis=1))), int(np.argmax(zeros.all(axis=1)))
    return {
        "X": X,
        "y": y,
        "optimum": optimum,
        "lams": np.array(GEOMETRY_LAMS),
        "l1": np.array(l1),
        "l2": np.array(l2),
        "l1_corner_between": GEOMETRY_LAMS[corner - 1 : corner + 1],
        "l1_origin_between": GEOMETRY_LAMS[origin - 1 : origin + 1],
    }


@_memoized
def l2_step_sizes(steps: int = 12, lr: float = 0.5) -> dict:
    """Penalty-only L2 steps from W = 1 for several values of 2 eta lambda.

    Also, for the learning rate ``lr``, the strengths above which a step
    flips signs (its factor below 0) and above which it diverges (below -1),
    found from the factor ``l2_step`` applies, which is linear in lambda.
    """
    at_zero, at_one = (float(l2_step(np.array([1.0]), lr, lam)[0]) for lam in (0.0, 1.0))
    slope = at_one - at_zero
    out = {
        "step": np.arange(steps + 1),
        "paths": {},
        "limits": {"lr": lr, "flips_above": -at_zero / slope, "diverges_above": (-1 - at_zero) / slope},
    }
    for two_eta_lambda in (0.2, 1.0, 1.6, 2.2):
        lr = two_eta_lambda / (2 * LAM)
        W, path = np.array([1.0]), [1.0]
        for _ in range(steps):
            W = l2_step(W, lr, LAM)
            path.append(float(W[0]))
        out["paths"][two_eta_lambda] = np.array(path)
    return out


@functools.cache
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
    """Our lambda in other libraries' terms, for the conventions table; and back from a weight decay."""
    return {
        "lam": lam,
        "n": n_samples,
        "torch": torch_weight_decay(lam),
        "sgd": sgd_alpha(lam),
        "lasso": lasso_alpha(lam),
        "ridge": ridge_alpha(lam, n_samples),
        "weight_decay": weight_decay,
        "lam_from_weight_decay": weight_decay / torch_weight_decay(1.0),  # the mapping is linear
    }


def _accuracy(X, y, W) -> float:
    return float(np.mean(np.argmax(X @ W, axis=1) == y))


DIGITS_LAMS = tuple(float(lam) for lam in np.logspace(-4, -1, 7))
"""The strengths of the digits sweep."""


@_memoized
def digits_sweep(n_train: int = 60, n_val: int = 600, steps: int = 1500) -> dict:
    """A softmax classifier on 60 digits, trained with L2, L1 (both kinds) and no penalty.

    For each strength on a grid, it records training and validation accuracy
    and loss, and the share of weights that are exactly zero. Each method's
    strength is chosen on the validation set (lowest validation loss), and the
    chosen model, with the unregularized one, is scored once on the test set,
    which plays no part in any choice. It also keeps the
    weights of the unregularized fit and of the L2 and proximal L1 fits at
    every strength, and the strength the chapter shows them at, lambda = 0.01
    (strong enough to see what each penalty does to them).

    Returns
    -------
    dict
        ``lams``; for each of ``"l2"``, ``"l1_prox"`` and ``"l1"`` lists of
        ``train_acc``, ``val_acc``, ``train_loss``, ``val_loss``, ``zero_share``;
        ``none`` (the same numbers, unregularized, with ``test_acc`` and
        ``test_loss``); ``best`` per method (its strength, its numbers, and its
        ``test_acc`` and ``test_loss``);
        ``weights``: for ``none`` a D x 10 matrix, for ``l2`` and ``l1_prox``
        one per strength; ``weights_lam``, the strength the chapter shows.
    """
    split = data.digits(n_train=n_train, n_val=n_val)
    Xt, yt, Xv, yv = split["X_train"], split["y_train"], split["X_val"], split["y_val"]

    def tested(W: np.ndarray) -> dict:
        X, y = split["X_test"], split["y_test"]
        return {"test_acc": _accuracy(X, y, W), "test_loss": softmax_cross_entropy(X, y, W)}

    def run(method: str, lam: float) -> tuple[dict, np.ndarray]:
        W = fit(Xt, yt, loss="softmax", method=method, lr=0.5, lam=lam, steps=steps).W
        return {
            "train_acc": _accuracy(Xt, yt, W),
            "val_acc": _accuracy(Xv, yv, W),
            "train_loss": softmax_cross_entropy(Xt, yt, W),
            "val_loss": softmax_cross_entropy(Xv, yv, W),
            "zero_share": float(np.mean(W == 0)),
        }, W

    lams = np.array(DIGITS_LAMS)
    none, W_none = run("none", 0.0)
    shown = 4  # lambda = 0.01
    out: dict = {
        "lams": lams,
        "n_train": n_train,
        "n_val": len(yv),
        "n_test": len(split["y_test"]),
        "none": none | tested(W_none),
        "best": {},
        "weights": {"none": W_none},
        "weights_lam": float(lams[shown]),
        "blank_pixels": int(np.sum(np.all(Xt[:, :-1] == 0, axis=0))),  # blank in every training image
        "n_weights": int(W_none.size),
    }
    for method in ("l2", "l1_prox", "l1"):
        runs = [run(method, lam) for lam in lams]
        out[method] = {key: [r[key] for r, _ in runs] for key in runs[0][0]}
        best = int(np.argmin(out[method]["val_loss"]))
        out["best"][method] = {"lam": float(lams[best])} | runs[best][0] | tested(runs[best][1])
        if method != "l1":
            out["weights"][method] = np.array([W for _, W in runs])
    return out


DIABETES_LAMS = tuple(float(lam) for lam in np.logspace(1.8, -1.2, 10))
"""The strengths of the diabetes paths, from large to small (each fit starts from the previous one)."""


@_memoized
def diabetes_paths(steps: int = 3000) -> dict:
    """Lasso and ridge paths on the diabetes data, computed with reglit's descent.

    Strengths go from large to small, each fit starting from the previous one
    (a warm start). The lasso uses proximal steps; ridge uses L2 steps.

    Returns
    -------
    dict
        ``lams``, ``features``, ``lasso`` and ``ridge`` (weights, one row per
        strength), ``lasso_zeros`` (exact zeros per strength), and the matching
        scikit-learn parameters ``lasso_alphas`` and ``ridge_alphas``.
    """
    d = data.diabetes()
    X, y = d["X"], d["y"]
    n = X.shape[0]
    lr = _step_without_overshoot(X)
    lams = np.array(DIABETES_LAMS)
    paths = {}
    for name, method in (("lasso", "l1_prox"), ("ridge", "l2")):
        W, rows = np.zeros(X.shape[1]), []
        for lam in lams:
            step = lr if method == "l1_prox" else lr / (1 + 2 * lr * lam)
            W = fit(X, y, loss="mse", method=method, lr=step, lam=lam, steps=steps, W0=W).W
            rows.append(W)
        paths[name] = np.array(rows)
    return {
        "lams": lams,
        "lr": lr,
        "features": d["features"],
        "lasso": paths["lasso"],
        "ridge": paths["ridge"],
        "lasso_zeros": [int(np.count_nonzero(w == 0)) for w in paths["lasso"]],
        "lasso_alphas": [lasso_alpha(lam) for lam in lams],
        "ridge_alphas": [ridge_alpha(lam, n) for lam in lams],
        "n": n,
    }


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
    "conventions_example": conventions_example,
    "digits_sweep": digits_sweep,
    "diabetes_paths": diabetes_paths,
}
"""Experiment name -> function of no arguments returning a dict of results."""
