r"""Data losses and their gradients: mean squared error and softmax cross-entropy.

Both take a design matrix ``X`` (one example a row), targets ``y`` and weights
``W``, and are vectorized over examples. There is no separate bias: add a
column of ones to ``X`` if you want one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from reglit import _checks

__all__ = [
    "DATA_LOSSES",
    "DataLoss",
    "mse",
    "mse_grad",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
]


def _design(X, W) -> tuple[np.ndarray, np.ndarray]:
    X = _checks.real_array(X, "X")
    W = _checks.real_array(W, "W")
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(f"X must be a 2-D array with one example a row, got shape {X.shape}")
    if W.ndim not in (1, 2) or W.shape[0] != X.shape[1]:
        raise ValueError(f"W must have {X.shape[1]} rows, one per column of X, got shape {W.shape}")
    return X, W


def _regression(X, y, W) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X, W = _design(X, W)
    y = _checks.real_array(y, "y")
    expected = (X.shape[0], *W.shape[1:])
    if y.shape != expected:
        raise ValueError(f"y must have shape {expected}, one target per example, got {y.shape}")
    return X, y, W


def mse(X, y, W) -> float:
    r"""Mean squared error of the linear prediction ``X @ W``.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.
    y : array_like, shape (N,) or (N, K)
        Targets.
    W : array_like, shape (D,) or (D, K)
        Weights.

    Returns
    -------
    float
        The mean over examples of the squared error.

    Notes
    -----
    $$
    L_{\text{data}}(W) = \frac{1}{N} \sum_i \left(\sum_d X_{i,d} W_d - y_i\right)^2
    $$

    Examples
    --------
    >>> mse([[1.0, 0.0], [0.0, 1.0]], [1.0, 1.0], [2.0, 1.0])
    0.5
    """
    return _mse_terms(*_regression(X, y, W))[0]


def mse_grad(X, y, W):
    r"""Gradient of [`mse`][reglit.losses.mse] with respect to ``W``.

    Parameters
    ----------
    X, y, W : array_like
        As for [`mse`][reglit.losses.mse].

    Returns
    -------
    numpy.ndarray
        The gradient, the shape of ``W``.

    Notes
    -----
    In matrix form the gradient is ``(2 / N) * X.T @ (X @ W - y)``: each
    example pulls the weights along its own row, by twice its error.

    Examples
    --------
    >>> mse_grad([[1.0, 0.0], [0.0, 1.0]], [1.0, 1.0], [2.0, 1.0])
    array([1., 0.])
    """
    return _mse_terms(*_regression(X, y, W))[1]


def _mse_terms(X, y, W) -> tuple[float, np.ndarray]:
    """Mean squared error and its gradient, for inputs already checked."""
    error = X @ W - y
    return float(np.sum(error**2) / X.shape[0]), (2.0 / X.shape[0]) * (X.T @ error)


def _classification(X, y, W) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X, W = _design(X, W)
    if W.ndim != 2:
        raise ValueError(f"W must be a 2-D array of shape (D, classes), got shape {W.shape}")
    y = np.asarray(y)
    if y.dtype.kind not in "iu":
        raise TypeError(f"y must hold integer class labels, got dtype {y.dtype}")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape {(X.shape[0],)}, one label per example, got {y.shape}")
    if y.size and (y.min() < 0 or y.max() >= W.shape[1]):
        raise ValueError(f"y must hold labels from 0 to {W.shape[1] - 1}, got {y.min()} to {y.max()}")
    return X, y, W


def softmax_cross_entropy(X, y, W) -> float:
    r"""Mean softmax cross-entropy of a linear classifier with scores ``X @ W``.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.
    y : array_like of int, shape (N,)
        Class labels, from 0 to C - 1.
    W : array_like, shape (D, C)
        Weights, one column per class.

    Returns
    -------
    float
        The mean over examples of minus the log-probability of the true class.

    Notes
    -----
    $$
    L_{\text{data}}(W) = \frac{1}{N} \sum_i \left(\log \sum_j \exp\left(\sum_d X_{i,d} W_{d,j}\right)
    - \sum_d X_{i,d} W_{d,y_i}\right)
    $$

    Examples
    --------
    With all scores equal, each of the 4 classes gets probability 1/4:

    >>> round(softmax_cross_entropy([[1.0, 2.0]], [3], np.zeros((2, 4))), 6)
    1.386294
    """
    return _softmax_terms(*_classification(X, y, W))[0]


def softmax_cross_entropy_grad(X, y, W):
    r"""Gradient of [`softmax_cross_entropy`][reglit.losses.softmax_cross_entropy] with respect to ``W``.

    Parameters
    ----------
    X, y, W : array_like
        As for [`softmax_cross_entropy`][reglit.losses.softmax_cross_entropy].

    Returns
    -------
    numpy.ndarray
        The gradient, the shape of ``W``.

    Notes
    -----
    In matrix form the gradient is ``X.T @ (P - Y) / N``, with ``P`` the
    softmax probabilities of each example and ``Y`` its one-hot label.

    Examples
    --------
    >>> softmax_cross_entropy_grad([[1.0, 2.0]], [1], np.zeros((2, 2)))
    array([[ 0.5, -0.5],
           [ 1. , -1. ]])
    """
    return _softmax_terms(*_classification(X, y, W))[1]


def _softmax_terms(X, y, W) -> tuple[float, np.ndarray]:
    """Mean softmax cross-entropy and its gradient, for inputs already checked."""
    rows = np.arange(X.shape[0])
    scores = X @ W
    scores = scores - scores.max(axis=1, keepdims=True)  # the same softmax, without overflow
    exp = np.exp(scores)
    total = exp.sum(axis=1, keepdims=True)
    loss = float(np.mean(np.log(total[:, 0]) - scores[rows, y]))
    P = exp / total
    P[rows, y] -= 1.0
    return loss, X.T @ P / X.shape[0]


@dataclass(frozen=True)
class DataLoss:
    """A data loss: its value, its gradient, and how its inputs are checked."""

    value: Callable
    grad: Callable
    check: Callable
    terms: Callable  # (X, y, W) already checked -> (value, gradient), in one pass


DATA_LOSSES = {
    "mse": DataLoss(mse, mse_grad, _regression, _mse_terms),
    "softmax": DataLoss(softmax_cross_entropy, softmax_cross_entropy_grad, _classification, _softmax_terms),
}
"""Data loss name -> [`DataLoss`][reglit.losses.DataLoss]; its ``value`` and ``grad`` take ``(X, y, W)``."""
