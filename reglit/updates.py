r"""Gradient descent steps, plain and with an L2 or L1 penalty.

Every step returns a new array and leaves its inputs untouched. ``grad`` is the
gradient of the data loss; ``grad=None`` takes the penalty-only step that the
source explanation works through (the data gradient ignored).
"""

from __future__ import annotations

import numpy as np

from reglit import _checks

__all__ = ["gd_step", "l1_prox_step", "l1_step", "l2_step", "soft_threshold"]


def _weights_and_grad(W, grad) -> tuple[np.ndarray, np.ndarray]:
    W = _checks.real_array(W, "W")
    if grad is None:
        return W, np.zeros_like(W)
    grad = _checks.real_array(grad, "grad")
    _checks.same_shape(W, grad, "grad")
    return W, grad


def gd_step(W, grad, lr):
    r"""One plain gradient descent step.

    Parameters
    ----------
    W : array_like
        Weights.
    grad : array_like
        Gradient of the loss with respect to ``W``, the same shape as ``W``.
    lr : float
        Learning rate, a finite number >= 0.

    Returns
    -------
    numpy.ndarray
        The updated weights, a new array.

    Notes
    -----
    $$
    W \leftarrow W - \eta \nabla_W L
    $$

    Examples
    --------
    >>> gd_step([1.0, -2.0], grad=[0.5, -1.0], lr=0.1)
    array([ 0.95, -1.9 ])
    """
    W, grad = _weights_and_grad(W, _required(grad))
    lr = _checks.nonnegative(lr, "lr")
    return _checks.result(W - lr * grad)


def _required(grad):
    if grad is None:
        raise TypeError("grad must be an array of real numbers, got NoneType")
    return grad


def l2_step(W, lr, lam, grad=None):
    r"""One gradient descent step on the data loss plus the L2 penalty.

    Parameters
    ----------
    W : array_like
        Weights.
    lr : float
        Learning rate, a finite number >= 0.
    lam : float
        Regularization strength, a finite number >= 0.
    grad : array_like, optional
        Gradient of the data loss, the same shape as ``W``; ``None`` ignores
        the data loss and takes the penalty-only step.

    Returns
    -------
    numpy.ndarray
        The updated weights, a new array.

    Notes
    -----
    The gradient of the L2 penalty is 2W, so a step is
    W - eta (grad + 2 lambda W); gathering the terms in W:

    $$
    W \leftarrow (1 - 2\eta\lambda)\,W - \eta \nabla_W L_{\text{data}}
    $$

    Computed in that form, eta lambda = 1/2 gives weights of exactly zero and
    no intermediate term is larger than the result's parts.

    With the data gradient ignored, each step multiplies every weight by the
    same number, slightly below 1 when eta lambda is small:

    $$
    W \leftarrow W - \eta \cdot 2\lambda W = (1 - 2\eta\lambda)\,W
    $$

    Examples
    --------
    A large and a small weight, with eta = lambda = 0.1 (factor 0.98):

    >>> W = np.array([10.0, 0.01])
    >>> l2_step(W, lr=0.1, lam=0.1).tolist()
    [9.8, 0.0098]

    The large weight lost 0.2, the small one only 0.0002 (rounded to hide
    the last bits of floating-point error):

    >>> (W - l2_step(W, lr=0.1, lam=0.1)).round(12).tolist()
    [0.2, 0.0002]
    """
    W, grad = _weights_and_grad(W, grad)
    lr = _checks.nonnegative(lr, "lr")
    lam = _checks.nonnegative(lam, "lam")
    return _checks.result((1 - 2 * lr * lam) * W - lr * grad)


def l1_step(W, lr, lam, grad=None):
    r"""One subgradient descent step on the data loss plus the L1 penalty.

    Parameters
    ----------
    W : array_like
        Weights.
    lr : float
        Learning rate, a finite number >= 0.
    lam : float
        Regularization strength, a finite number >= 0.
    grad : array_like, optional
        Gradient of the data loss, the same shape as ``W``; ``None`` ignores
        the data loss and takes the penalty-only step.

    Returns
    -------
    numpy.ndarray
        The updated weights, a new array.

    Notes
    -----
    With the subgradient sign(W) of the L1 penalty:

    $$
    W \leftarrow W - \eta \left(\nabla_W L_{\text{data}} + \lambda \operatorname{sign}(W)\right)
    $$

    With the data gradient ignored, every nonzero weight moves by the same
    amount eta lambda toward zero, whatever its size:

    $$
    W \leftarrow W - \eta\lambda \operatorname{sign}(W)
    $$

    $$
    W \leftarrow \begin{cases}
    W - \eta\lambda & \text{if } W > 0 \\
    W & \text{if } W = 0 \\
    W + \eta\lambda & \text{if } W < 0
    \end{cases}
    $$

    A weight smaller than eta lambda overshoots past zero, and the next
    step sends it back: plain subgradient steps oscillate around zero
    instead of landing on it. [`l1_prox_step`][reglit.updates.l1_prox_step] lands on it.

    Examples
    --------
    The large and the small weight both lose eta lambda = 0.01:

    >>> W = np.array([10.0, 0.01, -3.0])
    >>> (W - l1_step(W, lr=0.1, lam=0.1)).round(12).tolist()
    [0.01, 0.01, -0.01]

    A weight of 0.004 is smaller than 0.01; it overshoots to -0.006:

    >>> l1_step(np.array([0.004]), lr=0.1, lam=0.1)
    array([-0.006])
    """
    W, grad = _weights_and_grad(W, grad)
    lr = _checks.nonnegative(lr, "lr")
    lam = _checks.nonnegative(lam, "lam")
    return _checks.result(W - lr * (grad + lam * np.sign(W)))


def soft_threshold(W, t):
    r"""Soft-thresholding: shrink every weight toward zero by t, stopping at zero.

    Parameters
    ----------
    W : array_like
        Weights.
    t : float
        Threshold, a finite number >= 0.

    Returns
    -------
    numpy.ndarray
        The shrunk weights, a new array; weights with ``|W| <= t`` become
        exactly 0.0.

    Notes
    -----
    $$
    S_t(W) = \operatorname{sign}(W) \max(\lvert W \rvert - t, 0)
    $$

    It is the proximal operator of t times the L1 norm: for each weight
    z, S_t(z) is the v that minimises (v - z)^2 / 2 + t |v|.

    Examples
    --------
    >>> soft_threshold(np.array([3.0, -0.5, 0.2, -2.0]), t=1.0)
    array([ 2.,  0.,  0., -1.])
    """
    W = _checks.real_array(W, "W")
    t = _checks.nonnegative(t, "t")
    # sign(W) * max(|W| - t, 0), written so the zeros are +0.0 rather than -0.0
    return _checks.result(np.where(np.abs(W) > t, W - t * np.sign(W), np.zeros_like(W)))


def l1_prox_step(W, lr, lam, grad=None):
    r"""One proximal gradient step on the data loss plus the L1 penalty.

    Parameters
    ----------
    W : array_like
        Weights.
    lr : float
        Learning rate, a finite number >= 0.
    lam : float
        Regularization strength, a finite number >= 0.
    grad : array_like, optional
        Gradient of the data loss, the same shape as ``W``; ``None`` ignores
        the data loss and takes the penalty-only step.

    Returns
    -------
    numpy.ndarray
        The updated weights, a new array.

    Notes
    -----
    A gradient step on the data loss, then soft-thresholding by eta lambda:

    $$
    W \leftarrow S_{\eta\lambda}\left(W - \eta \nabla_W L_{\text{data}}\right)
    $$

    With the data gradient ignored, a weight within eta lambda of zero lands
    on exactly zero, and a larger one moves eta lambda toward it:

    $$
    W \leftarrow \begin{cases}
    W - \eta\lambda & \text{if } W > \eta\lambda \\
    0 & \text{if } \lvert W \rvert \le \eta\lambda \\
    W + \eta\lambda & \text{if } W < -\eta\lambda
    \end{cases}
    $$

    Examples
    --------
    Where [`l1_step`][reglit.updates.l1_step] overshoots, the proximal step stops at zero:

    >>> l1_prox_step(np.array([10.0, 0.004, -3.0]), lr=0.1, lam=0.1)
    array([ 9.99,  0.  , -2.99])
    """
    W, grad = _weights_and_grad(W, grad)
    lr = _checks.nonnegative(lr, "lr")
    lam = _checks.nonnegative(lam, "lam")
    return soft_threshold(W - lr * grad, lr * lam)
