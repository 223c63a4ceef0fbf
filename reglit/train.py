"""Full-batch gradient descent with a data loss and a regularized step.

``fit`` runs any data loss of [`reglit.losses.DATA_LOSSES`][reglit.losses.DATA_LOSSES] with any method
of [`METHODS`][reglit.train.METHODS] and returns the final weights with a per-step history.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reglit import _checks
from reglit.losses import DATA_LOSSES
from reglit.penalties import l1_penalty, l2_penalty
from reglit.updates import gd_step, l1_prox_step, l1_step, l2_step

__all__ = ["METHODS", "Fit", "Method", "fit"]


@dataclass(frozen=True)
class Method:
    """A way to update the weights, and the penalty it minimises."""

    step: object
    penalty: object

    def update(self, W, lr, lam, grad):
        return self.step(W, lr, lam, grad)


def _plain_step(W, lr, lam, grad):
    return gd_step(W, grad, lr)


def _no_penalty(W) -> float:
    return 0.0


METHODS = {
    "none": Method(_plain_step, _no_penalty),
    "l2": Method(l2_step, l2_penalty),
    "l1": Method(l1_step, l1_penalty),
    "l1_prox": Method(l1_prox_step, l1_penalty),
}
"""Method name -> [`Method`][reglit.train.Method]: plain descent, L2, L1 subgradient, L1 proximal."""


@dataclass(frozen=True)
class Fit:
    """Result of [`fit`][reglit.train.fit].

    Attributes
    ----------
    W : numpy.ndarray
        The final weights.
    total, data, penalty : numpy.ndarray
        Per step, the full loss, the data loss and lambda times the penalty;
        entry 0 is before the first step, entry ``k`` after step ``k``.
    zeros : numpy.ndarray of int
        Per step, how many weights are exactly zero.
    """

    W: np.ndarray
    total: np.ndarray
    data: np.ndarray
    penalty: np.ndarray
    zeros: np.ndarray


def fit(X, y, *, loss: str, method: str, lr, lam, steps: int, W0=None) -> Fit:
    """Minimise a data loss plus a penalty by full-batch gradient descent.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.
    y : array_like
        Targets (``loss="mse"``) or integer class labels (``loss="softmax"``).
    loss : str
        The data loss: ``"mse"`` or ``"softmax"``.
    method : str
        The step: ``"none"`` (plain), ``"l2"``, ``"l1"`` (subgradient) or
        ``"l1_prox"`` (proximal).
    lr : float
        Learning rate, a finite number >= 0.
    lam : float
        Regularization strength, a finite number >= 0.
    steps : int
        Number of steps, >= 0.
    W0 : array_like, optional
        Starting weights; zeros of shape (D,) for ``"mse"`` with 1-D ``y``
        and (D, classes) for ``"softmax"`` by default.

    Returns
    -------
    Fit
        Final weights and per-step history.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> result = fit(X, X @ [2.0, 0.0], loss="mse", method="l1_prox", lr=0.2, lam=0.1, steps=200)
    >>> result.W.round(3), int(result.zeros[-1])
    (array([1.925, 0.   ]), 1)
    """
    data_loss = DATA_LOSSES[_checks.choice(loss, "loss", DATA_LOSSES)]
    chosen = METHODS[_checks.choice(method, "method", METHODS)]
    lr = _checks.nonnegative(lr, "lr")
    lam = _checks.nonnegative(lam, "lam")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0, got {steps!r}")
    X = _checks.real_array(X, "X")
    X, y, W = data_loss.check(X, y, _start(X, y, loss, W0))  # checked once, not at every step

    history = np.empty((4, steps + 1))
    for k in range(steps + 1):
        data, gradient = data_loss.terms(X, y, W)
        penalty = lam * chosen.penalty(W)
        history[:, k] = data + penalty, data, penalty, np.count_nonzero(W == 0)
        if k < steps:
            W = chosen.update(W, lr, lam, gradient)
    total, data, penalty, zeros = history
    return Fit(W, total, data, penalty, zeros.astype(int))


def _start(X, y, loss, W0) -> np.ndarray:
    if W0 is not None:
        return _checks.real_array(W0, "W0")
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array with one example a row, got shape {X.shape}")
    y = np.asarray(y)
    if loss == "softmax":
        if y.dtype.kind not in "iu" or y.size == 0:
            raise TypeError(f"y must hold integer class labels, got dtype {y.dtype}")
        return np.zeros((X.shape[1], int(y.max()) + 1))
    return np.zeros((X.shape[1], *y.shape[1:]))
