"""Full-batch gradient descent that knows when it is done.

``fit`` runs any data loss of [`reglit.losses.DATA_LOSSES`][reglit.losses.DATA_LOSSES] with any method
of [`METHODS`][reglit.train.METHODS]. Without a step count it runs until the optimality
residual ([`kkt_residual`][reglit.optimality.kkt_residual]) is below a tolerance, and returns the
weights with their certificate: steps taken, final residual, objective, and whether
it converged. With a step count it stops there, minimiser or not, as early stopping
does, and the certificate says which it is.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from reglit import _checks
from reglit.losses import DATA_LOSSES
from reglit.optimality import _residuals
from reglit.penalties import l1_penalty, l2_penalty
from reglit.updates import gd_step, l1_prox_step, l1_step, l2_step

__all__ = ["MAX_STEPS", "METHODS", "TOL", "ConvergenceWarning", "Fit", "Method", "fit"]

TOL = {np.dtype(np.float64): 1e-9, np.dtype(np.float32): 1e-5}
"""Default tolerance per dtype: a fit stops when its residual is this times the data gradient at zero weights.

Measured on every problem the site shows (``benchmarks/certificates.py``): at
1e-9 every float64 fit is within 1e-6 (relative) of an independent solver's
minimum objective, with the same exact zeros. Float32 carries about seven digits
and stalls near 2e-6, so its tolerance is 1e-5: on the digits chapter's L1 fits
that leaves the objective within 2e-4 (relative) of the minimum and a few of 558
zeros different; fit in float64 for a certificate to the site's standard.
"""

MAX_STEPS = 100_000
"""The default step limit of a fit run to tolerance; reaching it warns (a
[`ConvergenceWarning`][reglit.train.ConvergenceWarning])."""


class ConvergenceWarning(UserWarning):
    """A fit run to tolerance stopped at its step limit: its weights are not certified as a minimiser."""


@dataclass(frozen=True)
class Method:
    """A way to update the weights, the penalty it minimises, and whether momentum may speed it up."""

    step: Callable
    penalty: Callable
    penalty_name: str  # as reglit.optimality names it
    accelerable: bool  # a gradient or proximal step; a subgradient step is not

    def update(self, W, lr, lam, grad):
        return self.step(W, lr, lam, grad)


def _plain_step(W, lr, lam, grad):
    return gd_step(W, grad, lr)


def _no_penalty(W) -> float:
    return 0.0


METHODS = {
    "none": Method(_plain_step, _no_penalty, "none", True),
    "l2": Method(l2_step, l2_penalty, "l2", True),
    "l1": Method(l1_step, l1_penalty, "l1", False),
    "l1_prox": Method(l1_prox_step, l1_penalty, "l1", True),
}
"""Method name -> [`Method`][reglit.train.Method]: plain descent, L2, L1 subgradient, L1 proximal."""


@dataclass(frozen=True)
class Fit:
    """Result of [`fit`][reglit.train.fit]: the weights, their certificate, and the history.

    Attributes
    ----------
    W : numpy.ndarray
        The final weights.
    steps : int
        Steps taken.
    residual : float
        Optimality residual of ``W`` ([`reglit.kkt_residual`][reglit.optimality.kkt_residual]):
        0 exactly at a minimiser.
    objective : float
        Data loss plus lambda times the penalty at ``W``.
    converged : bool
        Whether ``residual`` is within the tolerance: ``W`` is certified as the
        minimiser. A fit stopped at a step count is certified only if it happens
        to be there; the L1 subgradient method practically never is; and a
        softmax loss without a penalty, which may have no minimiser, never is.
    accelerated : bool
        Whether the steps used momentum (FISTA).
    total, data, penalty : numpy.ndarray
        Per step, the full loss, the data loss and lambda times the penalty;
        entry 0 is before the first step, entry ``k`` after step ``k``.
    zeros : numpy.ndarray of int
        Per step, how many weights are exactly zero.
    intercept : float or numpy.ndarray
        The unpenalised intercept, one per output (a float for 1-D targets):
        predictions are ``X @ W + intercept``. 0 unless the fit was asked for one.
    """

    W: np.ndarray
    steps: int
    residual: float
    objective: float
    converged: bool
    accelerated: bool
    total: np.ndarray
    data: np.ndarray
    penalty: np.ndarray
    zeros: np.ndarray
    intercept: float | np.ndarray = 0.0


def fit(
    X,
    y,
    *,
    loss: str,
    method: str,
    lr,
    lam,
    steps=None,
    tol=None,
    max_steps=MAX_STEPS,
    accelerate: bool | None = None,
    classes=None,
    W0=None,
    intercept: bool = False,
) -> Fit:
    r"""Minimise a data loss plus a penalty by full-batch gradient descent, and certify the result.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.
    y : array_like
        Targets (``loss="mse"``) or integer class labels ``0 .. classes - 1``
        (``loss="softmax"``).
    loss : str
        The data loss: ``"mse"`` or ``"softmax"``.
    method : str
        The step: ``"none"`` (plain), ``"l2"``, ``"l1"`` (subgradient) or
        ``"l1_prox"`` (proximal).
    lr : float
        Learning rate, a finite number >= 0; at most 1 / L, L the largest
        curvature of the data loss, for the descent to be guaranteed.
    lam : float
        Regularization strength, a finite number >= 0.
    steps : int, optional
        Take exactly this many steps (early stopping). By default, run until
        the residual is within the tolerance.
    tol : float, optional
        The residual, relative to the largest data gradient at zero weights,
        at which a fit run to tolerance stops ([`TOL`][reglit.train.TOL] by default:
        1e-9 for float64, 1e-5 for float32).
    max_steps : int
        The step limit of a fit run to tolerance; reaching it unconverged warns
        with [`ConvergenceWarning`][reglit.train.ConvergenceWarning].
    accelerate : bool, optional
        Use Nesterov momentum with adaptive restart (FISTA for the proximal
        step): the same minimiser in far fewer steps. By default, on when
        running to tolerance and off for a fixed step count, which then takes
        the plain steps the chapters write. The subgradient step ``"l1"``
        cannot be accelerated.
    classes : int, optional
        Number of classes for ``loss="softmax"`` (required unless ``W0`` is
        given): a training set missing a class still gets its column of weights.
    W0 : array_like, optional
        Starting weights (a warm start); zeros by default, of shape (D,) for
        ``"mse"`` with 1-D ``y`` and (D, classes) for ``"softmax"``.
    intercept : bool
        Also fit an intercept b, one per output, that the penalty leaves alone:
        the model is ``X @ W + b`` and the objective is the data loss plus
        lambda times the penalty of ``W`` only. It starts at 0 and is certified
        with the weights (its residual is its gradient). Off by default: a bias
        the penalty should see is a column of ones in ``X``.

    Returns
    -------
    Fit
        Final weights, their certificate and the per-step history.

    Raises
    ------
    ValueError
        On bad input; when ``steps`` is missing for a softmax loss without a
        penalty; when the descent diverges (``lr`` too large).

    Warns
    -----
    ConvergenceWarning
        A fit run to tolerance reached ``max_steps``.

    Notes
    -----
    The residual is the largest distance from zero to the subgradients of the
    objective (the Karush-Kuhn-Tucker residual), measured at the returned
    weights, so ``converged`` certifies them whatever the steps were. Float32
    inputs give float32 weights.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> result = fit(X, X @ [2.0, 0.0], loss="mse", method="l1_prox", lr=0.2, lam=0.1)
    >>> result.W.round(6), result.converged, result.residual < 1e-8
    (array([1.925, 0.   ]), True, True)

    With an intercept the penalty leaves alone, a shifted target shifts only the intercept:

    >>> shifted = fit(X, X @ [2.0, 0.0] + 5, loss="mse", method="l1_prox", lr=0.1, lam=0.1, intercept=True)
    >>> shifted.W.round(6), round(float(shifted.intercept), 6)
    (array([1.775, 0.   ]), 5.15)

    Ten plain steps stop short of the minimiser, and say so:

    >>> early = fit(X, X @ [2.0, 0.0], loss="mse", method="l1_prox", lr=0.2, lam=0.1, steps=10)
    >>> early.W.round(6), early.steps, early.converged
    (array([1.705188, 0.183323]), 10, False)
    """
    data_loss = DATA_LOSSES[_checks.choice(loss, "loss", DATA_LOSSES)]
    chosen = METHODS[_checks.choice(method, "method", METHODS)]
    lr = _checks.nonnegative(lr, "lr")
    lam = _checks.nonnegative(lam, "lam")
    fixed = steps is not None
    limit = _checks.whole(steps, "steps", 0) if fixed else _checks.whole(max_steps, "max_steps", 0)
    accelerate = _acceleration(accelerate, chosen, method, fixed)
    X = _checks.real_array(X, "X")
    X, y, W = data_loss.check(X, y, _start(X, y, loss, W0, classes))  # checked once, not at every step
    if not isinstance(intercept, (bool, np.bool_)):
        raise TypeError(f"intercept must be True or False, got {type(intercept).__name__}")
    free = int(bool(intercept))  # the trailing rows of W the penalty leaves alone: the intercept's
    if free:
        X = np.column_stack([X, np.ones(len(X), dtype=X.dtype)])
        W = np.concatenate([W, np.zeros((1, *W.shape[1:]), dtype=W.dtype)])
    kept = slice(0, len(W) - free)
    # Without a penalty a softmax loss may have no minimiser: on separable classes it falls for ever.
    certifiable = not (loss == "softmax" and (chosen.penalty_name == "none" or lam == 0))
    if not fixed and not certifiable:
        raise ValueError(
            "steps must be given for loss='softmax' without a penalty (method='none' or lam=0): that loss "
            "may have no minimiser (on separable classes it falls for ever), so there is no tolerance to "
            "run to; give a step count to stop early, or a penalty with lam > 0"
        )
    tol = TOL.get(W.dtype, TOL[np.dtype(np.float64)]) if tol is None else _checks.nonnegative(tol, "tol")
    scale = float(np.max(np.abs(data_loss.terms(X, y, np.zeros_like(W))[1]), initial=0.0))
    threshold = tol * scale if scale > 0 else tol

    def gradient(W):
        with np.errstate(over="ignore", invalid="ignore"):
            data, grad = data_loss.terms(X, y, W)
        if not (np.isfinite(data) and np.all(np.isfinite(grad))):
            raise ValueError(
                f"lr must be small enough for the descent to converge: with lr={lr} the loss overflowed "
                f"after {k} steps; use at most 1 / L, L the largest curvature of the data loss (plus 2 lam "
                "for L2)"
            )
        return data, grad

    def certified(W):
        data, grad = gradient(W)
        penalised = _residuals(W[kept], grad[kept], lam, chosen.penalty_name)
        residuals = np.concatenate([penalised.ravel(), np.abs(grad[kept.stop :]).ravel()])
        return data, grad, float(np.max(residuals, initial=0.0))

    def update(W, grad):
        W_next = chosen.update(W[kept], lr, lam, grad[kept])
        return np.concatenate([W_next, gd_step(W[kept.stop :], grad[kept.stop :], lr)]) if free else W_next

    history, k = [], 0
    data, grad, residual = certified(W)
    V, t = W, 1.0  # V: where the next gradient is taken (W itself without momentum)
    while True:
        penalty = lam * chosen.penalty(W[kept])
        history.append((data + penalty, data, penalty, np.count_nonzero(W[kept] == 0)))
        if k == limit or (not fixed and residual <= threshold):
            break
        if accelerate:
            W_next = update(V, grad if V is W else gradient(V)[1])
            if np.vdot(V - W_next, W_next - W) > 0:  # momentum points uphill: restart it
                t = 1.0
            t_next = (1 + math.sqrt(1 + 4 * t * t)) / 2
            V, t = W_next + ((t - 1) / t_next) * (W_next - W), t_next
        else:
            W_next = update(W, grad)
        W, k = W_next, k + 1
        data, grad, residual = certified(W)
        if not accelerate:
            V = W
    converged = certifiable and residual <= threshold
    if not fixed and not converged:
        warnings.warn(
            f"fit stopped at max_steps={limit} with residual {residual:.3g}, above the tolerance "
            f"{threshold:.3g}: the weights are not a certified minimiser",
            ConvergenceWarning,
            stacklevel=2,
        )
    total, data, penalty, zeros = (np.array(column) for column in zip(*history, strict=True))
    b = W[kept.stop :][0] if free else np.zeros(W.shape[1:], dtype=W.dtype)
    return Fit(
        W[kept],
        k,
        residual,
        float(total[-1]),
        bool(converged),
        accelerate,
        total,
        data,
        penalty,
        zeros.astype(int),
        float(b) if b.ndim == 0 else b,
    )


def _acceleration(accelerate, chosen: Method, method: str, fixed: bool) -> bool:
    if accelerate is None:
        return chosen.accelerable and not fixed
    if not isinstance(accelerate, (bool, np.bool_)):
        raise TypeError(f"accelerate must be True, False or None, got {type(accelerate).__name__}")
    if accelerate and not chosen.accelerable:
        raise ValueError(
            f"accelerate must be False for method={method!r}: a subgradient step has no momentum form"
        )
    return bool(accelerate)


def _start(X, y, loss, W0, classes) -> np.ndarray:
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array with one example a row, got shape {X.shape}")
    if loss != "softmax":
        if classes is not None:
            raise ValueError(
                f"classes is for loss='softmax' only, got classes={classes!r} with loss={loss!r}"
            )
        if W0 is not None:
            return _checks.real_array(W0, "W0")
        return np.zeros((X.shape[1], *np.shape(y)[1:]), dtype=_float(X, y))
    if W0 is not None:
        W0 = _checks.real_array(W0, "W0")
        if classes is not None and (W0.ndim != 2 or W0.shape[1] != _checks.whole(classes, "classes", 1)):
            raise ValueError(f"W0 must have one column per class ({classes}), got shape {W0.shape}")
        return W0
    if classes is None:
        raise ValueError(
            "classes must be given for loss='softmax': the number of classes, a whole number >= 2"
        )
    return np.zeros((X.shape[1], _checks.whole(classes, "classes", 2)), dtype=X.dtype)


def _float(X: np.ndarray, y) -> np.dtype:
    """float32 when both X and y are float32, else float64."""
    return (
        np.result_type(X.dtype, np.asarray(y).dtype, np.float32)
        if np.asarray(y).dtype.kind == "f"
        else X.dtype
    )
