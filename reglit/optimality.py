r"""How far weights are from a minimiser: the optimality residual that certifies a fit.

A convex objective, data loss plus lambda times a penalty, is at its minimum
exactly where zero is one of its (sub)gradients. The residual measures, weight by
weight, how far zero is from the set of subgradients, and takes the largest; it
is zero exactly at the minimisers (one, or a whole set of them at one loss).
[`reglit.fit`][reglit.train.fit] stops when it is small, and reports it.
"""

from __future__ import annotations

import numpy as np

from reglit import _checks
from reglit.losses import mse_grad
from reglit.penalties import PENALTIES

__all__ = ["kkt_residual", "kkt_residuals", "lambda_max", "lasso_knots"]


def kkt_residuals(W, grad, lam, penalty: str) -> np.ndarray:
    r"""Per weight, the distance from zero to the subgradients of data loss plus penalty.

    Parameters
    ----------
    W : array_like
        Weights.
    grad : array_like
        Gradient of the data loss at ``W``, the same shape as ``W``.
    lam : float
        Regularization strength, a finite number >= 0.
    penalty : str
        ``"none"``, ``"l2"`` (lambda sum W^2) or ``"l1"`` (lambda sum abs(W)).

    Returns
    -------
    numpy.ndarray
        One residual >= 0 per weight, the shape of ``W``.

    Notes
    -----
    Write p for the gradient of the data loss (the data's pull on each weight).
    Smooth objectives have one gradient: the residual is abs(p) with no penalty
    and abs(p + 2 lambda W) with L2. The L1 penalty has a kink at zero. A
    nonzero weight has one subgradient, p + lambda sign(W); a zero weight has
    every value in [p - lambda, p + lambda], and zero is among them when
    abs(p) <= lambda. So for L1 the residual is

    $$
    r = \begin{cases}
    \lvert p + \lambda \operatorname{sign}(W) \rvert & \text{if } W \neq 0 \\
    \max(\lvert p \rvert - \lambda, 0) & \text{if } W = 0 \end{cases}
    $$

    All zero is the lasso's optimality (Karush-Kuhn-Tucker) condition:
    a kept weight balances the data's pull against the penalty's, and a weight
    stays at zero while the data pull it less than lambda.

    Examples
    --------
    A weight of zero whose data gradient is 0.75 is optimal when lambda >= 0.75,
    and 0.5 away from it when lambda = 0.25:

    >>> kkt_residuals([0.0, 0.0], grad=[0.75, -0.125], lam=0.25, penalty="l1").tolist()
    [0.5, 0.0]

    A nonzero weight is optimal when its data gradient is -lambda sign(W):

    >>> kkt_residuals([1.5, -2.0], grad=[-0.25, 0.75], lam=0.25, penalty="l1").tolist()
    [0.0, 0.5]
    """
    W = _checks.real_array(W, "W")
    grad = _checks.real_array(grad, "grad")
    _checks.same_shape(W, grad, "grad")
    lam = _checks.nonnegative(lam, "lam")
    return _residuals(W, grad, lam, _checks.choice(penalty, "penalty", ("none", *PENALTIES)))


def kkt_residual(W, grad, lam, penalty: str) -> float:
    """The largest of [`kkt_residuals`][reglit.optimality.kkt_residuals]: 0.0 exactly at a minimiser.

    Parameters
    ----------
    W, grad, lam, penalty
        As for [`kkt_residuals`][reglit.optimality.kkt_residuals].

    Returns
    -------
    float
        The largest residual of any weight; 0.0 for no weights.

    Examples
    --------
    >>> kkt_residual([0.0, 1.5], grad=[0.75, -0.25], lam=0.25, penalty="l1")
    0.5
    """
    r = kkt_residuals(W, grad, lam, penalty)
    return float(r.max()) if r.size else 0.0


def lambda_max(X, y) -> float:
    r"""The smallest L1 strength at which every weight of the lasso's minimiser is zero.

    At zero weights the mean squared error pulls weight ``j`` with its gradient,
    and a zero weight stays at zero while that pull is at most lambda in size
    (the optimality condition of [`kkt_residuals`][reglit.optimality.kkt_residuals]).
    So zero weights are the minimiser exactly when lambda is at least the
    largest pull, in this site's convention (mean squared error, no one-half):

    $$
    \lambda_{\text{max}} = \max_j \left\lvert \frac{2}{N} \sum_i X_{i,j} y_i \right\rvert
    $$

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.
    y : array_like, shape (N,)
        Targets.

    Returns
    -------
    float
        The strength; 0.0 when the data pull on no weight.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> lambda_max(X, [2.0, -1.0, 1.0])  # 2 / N times X.T @ y = (2 / 3) * [3, 0]
    2.0

    scikit-learn halves the data loss, so its ``Lasso`` zeroes every weight from
    ``alpha`` = lambda_max / 2 ([`lasso_alpha`][reglit.conventions.lasso_alpha]).
    """
    X = _checks.real_array(X, "X")
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array with one example a row, got shape {X.shape}")
    pull = mse_grad(X, y, np.zeros(X.shape[1], dtype=np.result_type(X, np.float32)))
    return float(np.max(np.abs(pull), initial=0.0))


def _residuals(W: np.ndarray, grad: np.ndarray, lam: float, penalty: str) -> np.ndarray:
    """``residuals`` for inputs already checked."""
    if penalty == "l2":
        return np.abs(grad + 2 * lam * W)
    if penalty == "l1":
        return np.where(W != 0, np.abs(grad + lam * np.sign(W)), np.maximum(np.abs(grad) - lam, 0))
    return np.abs(grad)


def lasso_knots(X, y) -> tuple[np.ndarray, np.ndarray]:
    r"""The exact lasso path: the strengths where a weight enters or leaves, and the minimiser at each.

    Between two knots the minimiser moves along a straight line, so the knots
    give the whole path. From ``lambda_max`` down to 0 (the least-squares fit),
    the active weights ``A`` with signs ``s`` satisfy the optimality condition of
    [`kkt_residuals`][reglit.optimality.kkt_residuals] with equality, in this
    site's convention (mean squared error, no one-half):
    ``(2 / N) X_A^T (y - X_A W_A) = lambda s``. A knot is where an inactive
    weight's pull reaches lambda (it enters) or an active weight reaches zero
    (it leaves). This is the homotopy (LARS with the lasso modification).

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row; its columns linearly independent.
    y : array_like, shape (N,)
        Targets.

    Returns
    -------
    lams : numpy.ndarray, shape (K + 1,)
        The knots, from ``lambda_max`` down to 0.
    weights : numpy.ndarray, shape (K + 1, D)
        The minimiser at each knot.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> lams, weights = lasso_knots(X, [2.0, 1.0, 3.0])  # the first weight enters, then the second
    >>> lams.round(6).tolist(), weights.round(6).tolist()
    ([3.333333, 2.0, 0.0], [[0.0, 0.0], [1.0, 0.0], [2.0, 1.0]])
    """
    X = _checks.real_array(X, "X")
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array with one example a row, got shape {X.shape}")
    y = _checks.real_array(y, "y")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape {(X.shape[0],)}, one target per example, got {y.shape}")
    if np.linalg.matrix_rank(X) < X.shape[1]:
        raise ValueError("X must have linearly independent columns: the lasso path is then unique")
    n, d = X.shape
    lam = lambda_max(X, y)
    W = np.zeros(d)
    lams, path = [lam], [W.copy()]
    active = np.zeros(d, dtype=bool)
    pull = 2 / n * X.T @ (y - X @ W)
    active[np.argmax(np.abs(pull))] = lam > 0
    while lam > 0 and active.any():
        signs = np.sign(pull[active])
        A = X[:, active]
        gram = A.T @ A
        # W_A(l) = base - l * slope along this piece; the pull of every weight is then linear in l too.
        base = np.linalg.solve(gram, A.T @ y)
        slope = np.linalg.solve(gram, n / 2 * signs)
        pull_base = 2 / n * X.T @ (y - A @ base)
        pull_slope = -2 / n * X.T @ (A @ slope)  # pull(l) = pull_base - l * pull_slope
        candidates = [(0.0, None, False)]
        for j in np.flatnonzero(~active):  # enters when |pull_j(l)| = l
            for sign in (1.0, -1.0):
                denominator = sign + pull_slope[j]
                if abs(denominator) > 1e-15:
                    at = pull_base[j] / denominator
                    if 0 < at < lam * (1 - 1e-12):
                        candidates.append((at, j, True))
        for k, j in enumerate(np.flatnonzero(active)):  # leaves when W_j(l) = 0
            if abs(slope[k]) > 1e-15:
                at = base[k] / slope[k]
                if 0 < at < lam * (1 - 1e-12):
                    candidates.append((at, j, False))
        lam, j, enters = max(candidates, key=lambda c: c[0])
        W = np.zeros(d)
        W[active] = base - lam * slope
        lams.append(lam)
        path.append(W)
        if j is not None:
            active[j] = enters
            pull = pull_base - lam * pull_slope
            if enters:
                pull[j] = np.sign(pull[j]) * lam  # exactly at the threshold
    return np.array(lams), np.array(path)
