r"""L1 and L2 distances between two arrays, as met with nearest neighbours.

A penalty measures how far the weights are from zero: ``l1_penalty(W)`` is
``l1_distance(W, 0)`` and ``l2_penalty(W)`` is ``l2_distance(W, 0) ** 2``.
"""

from __future__ import annotations

import math

import numpy as np

from reglit import _checks

__all__ = ["l1_distance", "l2_distance"]


def _pair(a, b) -> tuple[np.ndarray, np.ndarray]:
    a = _checks.real_array(a, "a")
    b = _checks.real_array(b, "b")
    if b.ndim == 0 and a.ndim > 0:  # distance to a point given as one number, such as 0
        b = np.full_like(a, b, dtype=np.result_type(a, b))
    _checks.same_shape(a, b, "b", "a")
    return a, b


def l1_distance(a, b) -> float:
    r"""L1 (Manhattan) distance: the sum of absolute differences.

    Parameters
    ----------
    a, b : array_like
        Arrays of the same shape; ``b`` may also be a single number, such as 0,
        to measure the distance from ``a`` to that point.

    Returns
    -------
    float
        The distance, 0.0 for empty arrays.

    Notes
    -----
    $$
    d_1(I_1, I_2) = \sum_p \lvert I_{1,p} - I_{2,p} \rvert
    $$

    Examples
    --------
    >>> l1_distance([1.0, 2.0, 3.0], [4.0, 2.0, 1.0])
    5.0
    >>> l1_distance([3.0, -4.0], 0)
    7.0
    """
    a, b = _pair(a, b)
    return float(np.sum(np.abs(_difference(a, b))))


def l2_distance(a, b) -> float:
    r"""L2 (Euclidean) distance: the square root of the summed squared differences.

    Parameters
    ----------
    a, b : array_like
        Arrays of the same shape; ``b`` may also be a single number, such as 0.

    Returns
    -------
    float
        The distance, 0.0 for empty arrays.

    Notes
    -----
    $$
    d_2(I_1, I_2) = \sqrt{\sum_p (I_{1,p} - I_{2,p})^2}
    $$

    Examples
    --------
    >>> l2_distance([3.0, 0.0], [0.0, 4.0])
    5.0
    >>> l2_distance([3.0, -4.0], 0)
    5.0
    """
    a, b = _pair(a, b)
    d = np.abs(_difference(a, b))
    largest = float(d.max(initial=0.0))
    if largest == 0.0 or not math.isfinite(largest):
        return largest
    return largest * math.sqrt(np.sum(np.square(d / largest)))  # scaled: no square overflows or underflows


def _difference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a - b`` in float64, whatever the inputs' dtype: float32 extremes do not overflow.

    A difference beyond float64's range is infinite, as the distance then is.
    """
    with np.errstate(over="ignore"):
        return a.astype(np.float64) - b.astype(np.float64)
