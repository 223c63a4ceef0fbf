r"""Choosing the strength by K-fold cross-validation, and the one-standard-error rule.

The examples are dealt into K folds. Each fold in turn is held out: the model
is fitted on the other K - 1 at every strength of a grid, and its data loss on
the held-out fold is that fold's validation error. The mean over folds
estimates how well each strength generalises; its standard error says how
much of the differences between strengths is noise. The strongest penalty
whose mean is within one standard error of the best is the one-standard-error
choice: as good as the best, as far as K folds can tell, and simpler.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reglit import _checks
from reglit.losses import DATA_LOSSES
from reglit.train import METHODS, fit

__all__ = ["CrossValidation", "cross_validate", "kfold", "log_grid", "one_standard_error"]


def kfold(n_samples, k, seed=0) -> np.ndarray:
    """Deal ``n_samples`` examples into ``k`` folds at random: each example's fold.

    Parameters
    ----------
    n_samples : int
        N, the number of examples, >= ``k``.
    k : int
        K, the number of folds, >= 2.
    seed : int
        Seed of the shuffle (``numpy.random.default_rng``): the same seed, the same folds.

    Returns
    -------
    numpy.ndarray of int, shape (n_samples,)
        The fold, 0 to K - 1, of each example. The folds' sizes differ by at
        most one.

    Examples
    --------
    >>> folds = kfold(10, 3, seed=0)
    >>> folds.tolist(), np.bincount(folds).tolist()
    ([1, 0, 2, 1, 0, 2, 1, 0, 2, 0], [4, 3, 3])
    """
    k = _checks.whole(k, "k", 2)
    n_samples = _checks.whole(n_samples, "n_samples", k)
    seed = _checks.whole(seed, "seed", 0)
    folds = np.empty(n_samples, dtype=int)
    folds[np.random.default_rng(seed).permutation(n_samples)] = np.arange(n_samples) % k
    return folds


def log_grid(top, count=50, ratio=1e-3) -> np.ndarray:
    r"""``count`` strengths, evenly spaced in log scale, from ``top`` down to ``ratio * top``.

    For the lasso, ``top`` is [`lambda_max`][reglit.optimality.lambda_max]: every
    strength above it gives all-zero weights, so the grid starts where the
    model starts to change. Strongest first, so that each fit can start from
    the one before (a warm start).

    Parameters
    ----------
    top : float
        The strongest penalty, > 0.
    count : int
        How many strengths, >= 2.
    ratio : float
        The weakest over the strongest, in (0, 1).

    Returns
    -------
    numpy.ndarray, shape (count,)
        Decreasing strengths.

    Examples
    --------
    >>> log_grid(10.0, count=4, ratio=1e-3).tolist()
    [10.0, 1.0, 0.1, 0.01]
    """
    top = _checks.nonnegative(top, "top")
    if top == 0:
        raise ValueError("top must be greater than 0: the strongest penalty of the grid")
    count = _checks.whole(count, "count", 2)
    ratio = _checks.nonnegative(ratio, "ratio")
    if not 0 < ratio < 1:
        raise ValueError(f"ratio must be between 0 and 1 (the weakest over the strongest), got {ratio!r}")
    return np.geomspace(top, top * ratio, count)


def one_standard_error(lams, mean, se) -> float:
    r"""The strongest penalty whose mean validation error is within one standard error of the best.

    Parameters
    ----------
    lams : array_like, shape (L,)
        The strengths, each >= 0, in any order.
    mean : array_like, shape (L,)
        The mean validation error at each strength.
    se : array_like, shape (L,)
        Its standard error, each >= 0.

    Returns
    -------
    float
        The chosen strength.

    Notes
    -----
    With E_i the mean error at the i-th strength, s_i its standard error and q
    the index of the smallest mean error:

    $$
    \lambda_{\text{1se}} = \max_i \begin{cases} \lambda_i & \text{if } E_i \le E_q + s_q \\
    0 & \text{otherwise} \end{cases}
    $$

    Examples
    --------
    >>> one_standard_error([1.0, 0.1, 0.01], mean=[5.0, 3.2, 3.0], se=[0.3, 0.3, 0.3])
    0.1
    """
    lams = _checks.real_array(lams, "lams")
    mean = _checks.real_array(mean, "mean")
    se = _checks.real_array(se, "se")
    if lams.ndim != 1 or len(lams) == 0:
        raise ValueError(f"lams must be a non-empty 1-D array of strengths, got shape {lams.shape}")
    _checks.same_shape(lams, mean, "mean", "lams")
    _checks.same_shape(lams, se, "se", "lams")
    if np.any(lams < 0) or np.any(se < 0):
        raise ValueError("lams and se must be >= 0")
    best = int(np.argmin(mean))
    return float(lams[mean <= mean[best] + se[best]].max())


@dataclass(frozen=True)
class CrossValidation:
    """Result of [`cross_validate`][reglit.validation.cross_validate].

    Attributes
    ----------
    lams : numpy.ndarray, shape (L,)
        The strengths, strongest first.
    errors : numpy.ndarray, shape (K, L)
        Each fold's validation error (the data loss on the held-out fold) at each strength.
    mean, se : numpy.ndarray, shape (L,)
        The mean over folds, and its standard error (the folds' standard
        deviation, ``ddof=1``, over the square root of K).
    best : float
        The strength with the smallest mean error.
    one_se : float
        The [`one_standard_error`][reglit.validation.one_standard_error] choice.
    steps : int
        Descent steps taken over all the fits: what the warm starts save.
    """

    lams: np.ndarray
    errors: np.ndarray
    mean: np.ndarray
    se: np.ndarray
    best: float
    one_se: float
    steps: int


def cross_validate(
    X,
    y,
    lams,
    folds,
    *,
    loss: str = "mse",
    method: str,
    intercept: bool = True,
    classes=None,
    warm: bool = True,
) -> CrossValidation:
    r"""K-fold cross-validation of a penalised fit over a grid of strengths.

    For each fold, fits on the other folds at every strength with
    [`reglit.fit`][reglit.train.fit], run to its certified minimiser, each fit
    starting from the previous strength's weights (a warm start), and
    measures the data loss on the fold.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.
    y : array_like
        Targets (``loss="mse"``) or class labels (``loss="softmax"``).
    lams : array_like, shape (L,)
        Strengths, each >= 0, strictly decreasing (see [`log_grid`][reglit.validation.log_grid]).
    folds : array_like of int, shape (N,)
        Each example's fold, 0 to K - 1, every fold used (see [`kfold`][reglit.validation.kfold]).
    loss : str
        ``"mse"`` or ``"softmax"``.
    method : str
        ``"l2"``, ``"l1_prox"`` (the lasso) or ``"l1"``; see [`METHODS`][reglit.train.METHODS].
    intercept : bool
        Fit an unpenalised intercept on each training part (the default, as
        scikit-learn does): the folds' means differ even when the whole data's
        do not.
    classes : int, optional
        Number of classes, for ``loss="softmax"``.
    warm : bool
        Start each fit from the previous strength's weights (the default), or from zero.

    Returns
    -------
    CrossValidation
        Errors per fold and strength, their mean and standard error, and the two choices.

    Notes
    -----
    Fold k's error at strength i is the data loss (the mean squared error, or
    the mean cross-entropy) of the fit on the other folds, measured on fold k.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 3))
    >>> y = X @ [1.0, 0.0, -2.0] + rng.normal(size=60)
    >>> cv = cross_validate(X, y, log_grid(2.0, count=5), kfold(60, 5), method="l1_prox")
    >>> cv.errors.shape, cv.best, round(cv.one_se, 3)  # the best is the weakest; one SE is 177 times stronger
    ((5, 5), 0.002, 0.356)
    """
    data_loss = DATA_LOSSES[_checks.choice(loss, "loss", DATA_LOSSES)]
    X, y, lams, folds, k = _inputs(X, y, lams, folds, method, warm)
    options = {"loss": loss, "method": method, "classes": classes, "intercept": intercept}
    errors, steps = np.empty((k, len(lams))), 0
    for fold in range(k):
        train, held = folds != fold, folds == fold
        curvature, W = _largest_curvature(X[train], loss, intercept), None
        for i, lam in enumerate(lams):
            lr = 1 / (curvature + (2 * lam if method == "l2" else 0))  # never overshoots
            result = fit(X[train], y[train], lr=lr, lam=float(lam), W0=W, **options)
            steps += result.steps
            W = result.W if warm else None
            errors[fold, i] = _held_out(data_loss, X[held], y[held], result)
    mean, se = errors.mean(axis=0), errors.std(axis=0, ddof=1) / np.sqrt(k)
    return CrossValidation(
        lams, errors, mean, se, float(lams[int(np.argmin(mean))]), one_standard_error(lams, mean, se), steps
    )


def _inputs(X, y, lams, folds, method, warm) -> tuple:
    """The inputs of ``cross_validate`` as arrays, and the number of folds; or an error naming the bad one."""
    _checks.choice(method, "method", METHODS)
    X = _checks.design(X)
    lams = _checks.real_array(lams, "lams")
    if lams.ndim != 1 or len(lams) == 0 or np.any(lams < 0) or np.any(np.diff(lams) >= 0):
        raise ValueError(
            f"lams must be a non-empty 1-D array of strengths >= 0, strictly decreasing (strongest first, "
            f"for warm starts), got {lams!r}"
        )
    y = np.asarray(y)
    if len(y) != len(X):
        raise ValueError(f"y must have one target per example ({len(X)}), got {len(y)}")
    folds = np.asarray(folds)
    if folds.shape != (len(X),) or folds.dtype.kind not in "iu":
        raise ValueError(
            f"folds must hold one whole-number fold per example, shape ({len(X)},), got shape {folds.shape} "
            f"and dtype {folds.dtype}"
        )
    k = int(folds.max(initial=-1)) + 1
    if k < 2 or folds.min() < 0 or np.any(np.bincount(folds, minlength=k) == 0):
        raise ValueError(f"folds must number the folds 0 to K - 1, K >= 2, each used; got {np.unique(folds)}")
    if not isinstance(warm, (bool, np.bool_)):
        raise TypeError(f"warm must be True or False, got {type(warm).__name__}")
    return X, y, lams, folds, k


def _largest_curvature(X, loss: str, intercept: bool) -> float:
    """The largest curvature of the data loss on ``X``, the intercept's column included."""
    if intercept:
        X = np.column_stack([X, np.ones(len(X))])
    return np.linalg.norm(X, 2) ** 2 / len(X) * (2 if loss == "mse" else 0.5)


def _held_out(data_loss, X, y, result) -> float:
    """The data loss of a fit on held-out examples, its intercept included."""
    ones = np.ones((len(X), 1), dtype=X.dtype)
    W = np.concatenate([result.W, np.reshape(result.intercept, (1, *result.W.shape[1:]))])
    return float(data_loss.value(np.hstack([X, ones]), y, W))
