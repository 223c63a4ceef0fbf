r"""Preparing data for a penalty: standardized features, and the intercept the penalty leaves alone.

A penalty charges every weight by its size, and a weight's size depends on the
units of its feature: a measurement in grams is a thousand times larger than
the same measurement in kilograms, so it needs a weight a thousand times
smaller, which the penalty charges far less.
Standardizing puts every feature on one scale before the penalty compares them.
The intercept is not charged at all: fitting on centred data, then adding the
intercept back, gives the same model as fitting it unpenalised.
"""

from __future__ import annotations

import numpy as np

from reglit import _checks

__all__ = ["intercept", "standardize"]


def standardize(X) -> np.ndarray:
    r"""Each column minus its mean, over its standard deviation: every feature on one scale.

    The standard deviation divides the sum of squares by N (NumPy's default,
    ``ddof=0``), as scikit-learn's ``StandardScaler`` does. A constant column
    has nothing to scale: it becomes zeros. To standardize new examples as the
    training examples were, use the training examples' means and deviations.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Examples, one a row.

    Returns
    -------
    numpy.ndarray, shape (N, D)
        Every column with mean 0 and variance 1 (or all 0).

    Notes
    -----
    With m the columns' means and sigma their standard deviations (1 where a
    column is constant):

    $$
    Z = \frac{X - m}{\sigma}
    $$

    Examples
    --------
    >>> standardize([[1.0, 10.0], [3.0, 10.0], [5.0, 10.0]]).round(4).tolist()
    [[-1.2247, 0.0], [0.0, 0.0], [1.2247, 0.0]]
    """
    X = _checks.design(X, least=1)
    scale = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(scale > 0, scale, 1)


def intercept(X, y, W):
    r"""The intercept that goes with weights fitted on centred data: the model's prediction at the mean.

    Fitting ``W`` on centred features and a centred target, with no intercept,
    gives the same weights as fitting on the raw data with an intercept the
    penalty leaves alone (``reglit.fit(..., intercept=True)``); this is that
    intercept. Predict with ``X @ W + intercept(X, y, W)``.

    Parameters
    ----------
    X : array_like, shape (N, D)
        The training examples, not centred.
    y : array_like, shape (N,)
        Their targets, not centred.
    W : array_like, shape (D,)
        Weights fitted on the centred data.

    Returns
    -------
    float
        The intercept.

    Notes
    -----
    With m the columns' means and mu the mean target, the intercept beta_0 is:

    $$
    \beta_0 = \mu - \sum_k m_k W_k
    $$

    Examples
    --------
    >>> intercept([[1.0, 0.0], [3.0, 2.0]], [5.0, 9.0], [2.0, 0.0])
    3.0
    """
    X = _checks.design(X, least=1)
    y, W = _checks.real_array(y, "y"), _checks.real_array(W, "W")
    if y.shape != (len(X),):
        raise ValueError(f"y must have one target per example, shape ({len(X)},), got {y.shape}")
    if W.shape != (X.shape[1],):
        raise ValueError(f"W must have one weight per column of X, shape ({X.shape[1]},), got {W.shape}")
    return float(y.mean() - X.mean(axis=0) @ W)
