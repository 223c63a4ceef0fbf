r"""Ridge regression direction by direction: the singular value decomposition of X.

Write the data as ``X = U diag(d) V^T`` (the thin singular value decomposition:
``d`` holds the singular values, the columns of ``V`` the directions in weight
space, those of ``U`` the same directions seen in the examples). In this site's
convention (mean squared error, no one-half) the L2-regularized minimiser keeps,
along direction ``j``, the share ``d_j^2 / (d_j^2 + N lambda)`` of what least
squares would put there: directions the data pin down firmly (large ``d_j``)
are kept, weak ones are shrunk almost to nothing. The shares add up to the
effective number of parameters the fit uses.
"""

from __future__ import annotations

import numpy as np

from reglit import _checks
from reglit.updates import soft_threshold

__all__ = [
    "curvatures",
    "degrees_of_freedom",
    "early_stopping_factors",
    "orthonormal_best_subset",
    "orthonormal_lasso",
    "orthonormal_ridge",
    "ridge",
    "shrink_factors",
    "step_count_lam",
]


def _singular_values(X) -> tuple[np.ndarray, int]:
    X = _checks.design(X)
    return _without_rounding(np.linalg.svd(X, compute_uv=False), X.shape), X.shape[0]


def _without_rounding(d: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Singular values, those below NumPy's rank tolerance (``numpy.linalg.matrix_rank``) set to exactly 0.

    A column that repeats another gives a singular value of zero in exact
    arithmetic and of about 1e-15 in floating point; either way the data say
    nothing along that direction.
    """
    tolerance = d.max(initial=0.0) * max(shape) * np.finfo(d.dtype).eps
    return np.where(d > tolerance, d, 0.0)


def _shares(d: np.ndarray, n: int, lam: float) -> np.ndarray:
    """Each direction's share, 0 where the data carry nothing (a zero singular value)."""
    squares = d**2
    total = squares + n * lam
    return np.divide(squares, total, out=np.zeros_like(squares), where=squares > 0)


def shrink_factors(X, lam) -> np.ndarray:
    r"""The share of the least-squares fit that ridge keeps along each singular direction of X.

    $$
    s = \frac{d^2}{d^2 + N \lambda}
    $$

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.
    lam : float
        L2 strength, a finite number >= 0.

    Returns
    -------
    numpy.ndarray, shape (min(N, D),)
        One factor per singular value ``d`` of X, largest singular value first,
        each between 0 and 1; 1 everywhere at ``lam`` = 0, and 0 for a
        singular value of zero (a direction the data say nothing about, such as
        the difference of two equal columns; values below NumPy's rank
        tolerance count as zero).

    Examples
    --------
    >>> X = np.array([[2.0, 0.0], [0.0, 1.0]])  # singular values 2 and 1, N = 2
    >>> shrink_factors(X, 0.5).tolist()  # 4 / (4 + 1) and 1 / (1 + 1)
    [0.8, 0.5]
    """
    lam = _checks.nonnegative(lam, "lam")
    d, n = _singular_values(X)
    return _shares(d, n, lam)


def degrees_of_freedom(X, lam) -> float:
    r"""The effective number of parameters of the ridge fit: its shrink factors, added up.

    $$
    \operatorname{df}(\lambda) = \sum_j \frac{d_j^2}{d_j^2 + N \lambda}
    $$

    It is the number of weights (the rank of X) at ``lam`` = 0 and falls toward
    zero as ``lam`` grows; equivalently, the trace of the matrix that maps the
    targets to the fit's predictions.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.
    lam : float
        L2 strength, a finite number >= 0.

    Returns
    -------
    float

    Examples
    --------
    >>> X = np.array([[2.0, 0.0], [0.0, 1.0]])
    >>> degrees_of_freedom(X, 0.5)  # 0.8 + 0.5
    1.3
    >>> degrees_of_freedom(X, 0.0)
    2.0
    """
    return float(np.sum(shrink_factors(X, lam)))


def ridge(X, y, lam) -> np.ndarray:
    r"""The L2-regularized least-squares minimiser, computed direction by direction.

    It minimises the mean squared error plus ``lam`` times the sum of squared
    weights. Along each direction the least-squares coefficient ``(U^T y)_j / d_j``
    is multiplied by that direction's shrink factor, which gives

    $$
    W_k = \sum_j V_{k,j} \frac{d_j}{d_j^2 + N \lambda} \sum_i U_{i,j} y_i
    $$

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.
    y : array_like, shape (N,)
        Targets.
    lam : float
        L2 strength, a finite number >= 0; at 0, the least-squares fit of
        smallest size.

    Returns
    -------
    numpy.ndarray, shape (D,)

    Examples
    --------
    >>> X = np.array([[2.0, 0.0], [0.0, 1.0]])
    >>> ridge(X, [2.0, 1.0], 0.5).tolist()  # least squares gives [1, 1]; kept: 0.8 and 0.5
    [0.8, 0.5]
    """
    lam = _checks.nonnegative(lam, "lam")
    X, y = _checks.design(X), _checks.real_array(y, "y")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape {(X.shape[0],)}, one target per example, got {y.shape}")
    U, d, Vt = np.linalg.svd(X, full_matrices=False)
    d = _without_rounding(d, X.shape)
    keep = np.divide(d, d**2 + X.shape[0] * lam, out=np.zeros_like(d), where=d > 0)
    return Vt.T @ (keep * (U.T @ y))


def curvatures(X) -> np.ndarray:
    r"""How fast the mean squared error curves along each singular direction of X.

    The data loss's Hessian is ``(2 / N) X^T X``; its eigenvalues, along the
    same directions as the singular values ``d`` of X, are

    $$
    h = \frac{2 d^2}{N}
    $$

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.

    Returns
    -------
    numpy.ndarray, shape (min(N, D),)
        Largest first. The L2 penalty adds ``2 lam`` to each, so ridge's shrink
        factor is ``h / (h + 2 lam)``.

    Examples
    --------
    >>> curvatures(np.array([[2.0, 0.0], [0.0, 1.0]])).tolist()  # 2 * 4 / 2, 2 * 1 / 2
    [4.0, 1.0]
    """
    d, n = _singular_values(X)
    return 2 * d**2 / n


def early_stopping_factors(X, lr, steps) -> np.ndarray:
    r"""The share of the least-squares fit that gradient descent from zero reaches along each direction.

    After ``k`` steps of learning rate ``eta`` on the mean squared error, from
    zero weights, direction ``j`` (curvature ``h``) holds

    $$
    e = 1 - (1 - \eta h)^k
    $$

    of its least-squares value. Like ridge's shrink factor it is near 1 for
    strongly curved directions and small for weak ones: stopping early is a
    penalty of its own.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.
    lr : float
        Learning rate, a finite number >= 0 and at most 2 / the largest
        curvature (beyond it descent diverges).
    steps : int
        Number of steps, >= 0.

    Returns
    -------
    numpy.ndarray, shape (min(N, D),)

    Examples
    --------
    >>> X = np.array([[2.0, 0.0], [0.0, 1.0]])  # curvatures 4 and 1
    >>> early_stopping_factors(X, 0.125, 2).tolist()  # 1 - 0.5 ** 2, 1 - 0.875 ** 2
    [0.75, 0.234375]
    """
    lr = _checks.nonnegative(lr, "lr")
    steps = _checks.whole(steps, "steps", 0)
    h = curvatures(X)
    if lr * h.max(initial=0.0) > 2:
        raise ValueError(
            f"lr must be at most 2 / the largest curvature, {2 / h.max():.6g}, for descent to converge, "
            f"got {lr}"
        )
    return 1 - (1 - lr * h) ** steps


def step_count_lam(lr, steps) -> float:
    r"""The L2 strength that ``steps`` steps of gradient descent, stopped early, resemble.

    Along a weak direction (small curvature ``h``) early stopping keeps about
    ``k eta h`` and ridge about ``h / (2 lambda)``; the two agree when

    $$
    \lambda = \frac{1}{2 \eta k}
    $$

    in this site's convention (the penalty's gradient is ``2 lambda W``).

    Parameters
    ----------
    lr : float
        Learning rate, a finite number > 0.
    steps : int
        Number of steps, >= 1.

    Returns
    -------
    float

    Examples
    --------
    >>> step_count_lam(0.1, 50)
    0.1
    """
    lr = _checks.nonnegative(lr, "lr")
    steps = _checks.whole(steps, "steps", 1)
    if lr == 0:
        raise ValueError("lr must be greater than 0: steps of length 0 resemble no penalty")
    return 1 / (2 * lr * steps)


def orthonormal_ridge(z, lam) -> np.ndarray:
    r"""Ridge's minimiser when the columns of X are orthogonal with ``X^T X = N I``: every weight scaled.

    Then the least-squares weights are ``z = X^T y / N`` and, in this site's
    convention (mean squared error plus ``lam`` times the sum of squares),

    $$
    W = \frac{z}{1 + \lambda}
    $$

    Parameters
    ----------
    z : array_like
        The least-squares weights.
    lam : float
        L2 strength, a finite number >= 0.

    Returns
    -------
    numpy.ndarray
        The minimiser's weights, shaped like ``z``.

    Examples
    --------
    >>> orthonormal_ridge([2.0, -0.5, 0.1], 1.0).tolist()
    [1.0, -0.25, 0.05]
    """
    z = _checks.real_array(z, "z")
    lam = _checks.nonnegative(lam, "lam")
    return z / (1 + lam)


def orthonormal_lasso(z, lam) -> np.ndarray:
    r"""The lasso's minimiser when ``X^T X = N I``: every weight soft-thresholded at half the strength.

    Each weight's part of the objective is ``(W - z)^2 + lam |W|`` (the mean
    squared error has no one-half here), so

    $$
    W = \operatorname{sign}(z) \max\left(\lvert z \rvert - \frac{\lambda}{2}, 0\right)
    $$

    Parameters
    ----------
    z : array_like
        The least-squares weights.
    lam : float
        L1 strength, a finite number >= 0.

    Returns
    -------
    numpy.ndarray
        The minimiser's weights, shaped like ``z``.

    Examples
    --------
    >>> orthonormal_lasso([2.0, -0.5, 0.1], 1.0).tolist()
    [1.5, 0.0, 0.0]
    """
    z = _checks.real_array(z, "z")
    return soft_threshold(z, _checks.nonnegative(lam, "lam") / 2)


def orthonormal_best_subset(z, lam) -> np.ndarray:
    r"""Best-subset selection when ``X^T X = N I``: each weight kept whole or set to zero (hard threshold).

    With a penalty of ``lam`` per nonzero weight, keeping weight ``j`` costs
    ``lam`` and dropping it costs ``z_j^2``, so a weight is kept when it is
    larger than the square root of the strength:

    $$
    W = \begin{cases}
    z & \text{if } \lvert z \rvert > \sqrt{\lambda} \\
    0 & \text{if } \lvert z \rvert \le \sqrt{\lambda} \end{cases}
    $$

    Parameters
    ----------
    z : array_like
        The least-squares weights.
    lam : float
        The price of each nonzero weight, a finite number >= 0.

    Returns
    -------
    numpy.ndarray
        The minimiser's weights, shaped like ``z``.

    Examples
    --------
    >>> orthonormal_best_subset([2.0, -0.5, 0.1], 1.0).tolist()
    [2.0, 0.0, 0.0]
    """
    z = _checks.real_array(z, "z")
    lam = _checks.nonnegative(lam, "lam")
    return np.where(np.abs(z) > np.sqrt(lam), z, 0.0)
