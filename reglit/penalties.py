r"""Penalties R(W) and their gradients: the L2 and L1 regularizers and elastic net.

Every formula here is in the docstring of the function that computes it, and the
test suite checks the two against each other (see [`reglit.formulas`][reglit.formulas]).
"""

from __future__ import annotations

import numpy as np

from reglit import _checks

__all__ = [
    "PENALTIES",
    "elastic_net_penalty",
    "l1_grad",
    "l1_penalty",
    "l2_grad",
    "l2_penalty",
    "regularized_loss",
]


def l2_penalty(W) -> float:
    r"""L2 penalty: the sum of the squared weights.

    Parameters
    ----------
    W : array_like
        Weights: a number, a vector or a matrix of real numbers.

    Returns
    -------
    float
        The penalty, 0.0 for an empty array.

    Notes
    -----
    Square each weight and add them up:

    $$
    R(W) = \sum_k \sum_l W_{k,l}^2
    $$

    It is the squared L2 distance between the weights and zero:

    $$
    R(W) = d_2(W, 0)^2
    $$

    Examples
    --------
    >>> l2_penalty([[1.0, -2.0], [0.0, 3.0]])
    14.0
    >>> l2_penalty(0.5)
    0.25
    """
    W = _checks.real_array(W, "W")
    return float(np.sum(np.square(W, dtype=np.float64)))


def l2_grad(W):
    r"""Gradient of [`l2_penalty`][reglit.penalties.l2_penalty]: twice the weights.

    Parameters
    ----------
    W : array_like
        Weights.

    Returns
    -------
    numpy.ndarray
        ``2 W``, a new array of the same shape and floating dtype.

    Notes
    -----
    $$
    \nabla_W R(W) = 2W
    $$

    Examples
    --------
    >>> l2_grad([10.0, 0.01, -3.0])
    array([20.  ,  0.02, -6.  ])
    """
    W = _checks.real_array(W, "W")
    return _checks.result(2 * W)


def l1_penalty(W) -> float:
    r"""L1 penalty: the sum of the absolute values of the weights.

    Parameters
    ----------
    W : array_like
        Weights: a number, a vector or a matrix of real numbers.

    Returns
    -------
    float
        The penalty, 0.0 for an empty array.

    Notes
    -----
    Take the absolute value of each weight and add them up:

    $$
    R(W) = \sum_k \sum_l \lvert W_{k,l} \rvert
    $$

    It is the L1 distance between the weights and zero:

    $$
    R(W) = d_1(W, 0)
    $$

    Examples
    --------
    >>> l1_penalty([[1.0, -2.0], [0.0, 3.0]])
    6.0
    """
    W = _checks.real_array(W, "W")
    return float(np.sum(np.abs(W), dtype=np.float64))


def l1_grad(W):
    r"""Subgradient of [`l1_penalty`][reglit.penalties.l1_penalty]: the sign of each weight, with sign(0) = 0.

    Parameters
    ----------
    W : array_like
        Weights.

    Returns
    -------
    numpy.ndarray
        An array of -1, 0 and 1 with the shape and floating dtype of ``W``.

    Notes
    -----
    Away from zero the gradient of the L1 penalty is the sign of each weight;
    at zero it has none, and any slope in [-1, 1] is a subgradient. The one
    used here, g(W), takes 0 there:

    $$
    g(W) = \operatorname{sign}(W)
    $$

    The sign is taken element by element:

    $$
    \operatorname{sign}(W) = \begin{cases}
    1 & \text{if } W > 0 \\
    0 & \text{if } W = 0 \\
    -1 & \text{if } W < 0
    \end{cases}
    $$

    At 0 the L1 penalty has a kink and no gradient; 0 is the subgradient chosen.

    Examples
    --------
    >>> l1_grad([[2.5, -0.1], [0.0, 7.0]])
    array([[ 1., -1.],
           [ 0.,  1.]])
    """
    W = _checks.real_array(W, "W")
    return _checks.result(np.sign(W))


def elastic_net_penalty(W, lam1, lam2) -> float:
    r"""Elastic net penalty: a weighted sum of the L1 and L2 penalties.

    It is the whole regularization term of the full loss, strengths included:
    it takes the place of lambda times R(W).

    Parameters
    ----------
    W : array_like
        Weights.
    lam1 : float
        Strength of the L1 part, a finite number >= 0.
    lam2 : float
        Strength of the L2 part, a finite number >= 0.

    Returns
    -------
    float
        The penalty.

    Notes
    -----
    $$
    R_{\text{EN}}(W) = \lambda_1 \sum_k \sum_l \lvert W_{k,l} \rvert + \lambda_2 \sum_k \sum_l W_{k,l}^2
    $$

    Examples
    --------
    >>> elastic_net_penalty([1.0, -2.0], lam1=0.5, lam2=0.1)
    2.0
    """
    lam1 = _checks.nonnegative(lam1, "lam1")
    lam2 = _checks.nonnegative(lam2, "lam2")
    return lam1 * l1_penalty(W) + lam2 * l2_penalty(W)


PENALTIES = {"l1": (l1_penalty, l1_grad), "l2": (l2_penalty, l2_grad)}
"""Penalty name -> (penalty function, gradient function)."""


def regularized_loss(data_loss, W, lam, penalty: str) -> float:
    r"""Full loss: the data loss plus lambda times the penalty of the weights.

    Parameters
    ----------
    data_loss : float
        The data loss, the mean of the per-example losses.
    W : array_like
        Weights.
    lam : float
        Regularization strength, a finite number >= 0.
    penalty : str
        Which penalty R to use: ``"l1"`` or ``"l2"``.

    Returns
    -------
    float
        The full loss.

    Notes
    -----
    $$
    L(W) = \frac{1}{N} \sum_i L_i + \lambda R(W)
    $$

    Examples
    --------
    >>> regularized_loss(1.5, [1.0, -2.0], lam=0.1, penalty="l2")
    2.0
    >>> regularized_loss(1.5, [1.0, -2.0], lam=0.1, penalty="l1")
    1.8
    """
    data_loss = _checks.finite_real(data_loss, "data_loss")
    lam = _checks.nonnegative(lam, "lam")
    value, _ = PENALTIES[_checks.choice(penalty, "penalty", PENALTIES)]
    return data_loss + lam * value(W)
