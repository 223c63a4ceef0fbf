r"""How this site's lambda maps onto other libraries' regularization parameters.

This site writes the L2 penalty without a one-half, ``lambda * sum(W**2)``, and
averages the data loss over the N examples. Libraries differ on both counts;
each function below converts our lambda into their parameter so that the two
minimise the same objective (or take the same step).
"""

from __future__ import annotations

from reglit import _checks

__all__ = [
    "lasso_alpha",
    "ridge_alpha",
    "sgd_alpha",
    "torch_weight_decay",
]


def torch_weight_decay(lam) -> float:
    r"""PyTorch ``SGD(weight_decay=...)``, the same step as [`l2_step`][reglit.updates.l2_step].

    PyTorch adds ``weight_decay * W`` to the gradient; ours adds ``2 lam W``.

    Parameters
    ----------
    lam : float
        Our L2 strength lambda, a finite number >= 0.

    Returns
    -------
    float
        The weight decay.

    Notes
    -----
    $$
    \text{wd} = 2\lambda
    $$

    Examples
    --------
    >>> torch_weight_decay(0.1)
    0.2
    """
    return 2 * _checks.nonnegative(lam, "lam")


def sgd_alpha(lam) -> float:
    r"""scikit-learn ``SGDRegressor(penalty="l2", alpha=...)`` minimising the same objective as our L2 fit.

    scikit-learn halves both terms: its objective is the mean of
    ``(y - x w)^2 / 2`` plus ``alpha / 2 * ||w||^2``, exactly half of our
    ``mse + lam * l2_penalty`` when alpha is lambda, so both have the same minimiser.
    (Its step shrinks the weights by ``1 - eta * alpha``, ours by ``1 - 2 eta lam``:
    the steps differ by the same factor 2 as the objectives.)

    Parameters
    ----------
    lam : float
        Our L2 strength lambda, a finite number >= 0.

    Returns
    -------
    float
        The ``alpha``.

    Notes
    -----
    $$
    \alpha_{\text{SGD}} = \lambda
    $$

    Examples
    --------
    >>> sgd_alpha(0.1)
    0.1
    """
    return _checks.nonnegative(lam, "lam")


def lasso_alpha(lam) -> float:
    r"""scikit-learn ``Lasso(alpha=...)`` minimising the same objective as our L1 fit.

    Ours is ``mse + lam * l1_penalty``, with the mean squared error
    ``(1/N) ||y - X w||^2``; scikit-learn's is ``(1/(2N)) ||y - X w||^2 + alpha ||w||_1``,
    half of ours when alpha is half of lambda.

    Parameters
    ----------
    lam : float
        Our L1 strength lambda, a finite number >= 0.

    Returns
    -------
    float
        The ``alpha``.

    Notes
    -----
    $$
    \alpha_{\text{Lasso}} = \frac{\lambda}{2}
    $$

    Examples
    --------
    >>> lasso_alpha(0.1)
    0.05
    """
    return _checks.nonnegative(lam, "lam") / 2


def ridge_alpha(lam, n_samples) -> float:
    r"""scikit-learn ``Ridge(alpha=...)`` minimising the same objective as our L2 fit.

    Ours is ``(1/N) ||y - X w||^2 + lam ||w||^2``; scikit-learn's data term is
    not averaged, ``||y - X w||^2 + alpha ||w||^2``: N times ours when alpha is
    N lambda.

    Parameters
    ----------
    lam : float
        Our L2 strength lambda, a finite number >= 0.
    n_samples : int
        N, the number of training examples, >= 1.

    Returns
    -------
    float
        The ``alpha``.

    Notes
    -----
    $$
    \alpha_{\text{Ridge}} = N\lambda
    $$

    Examples
    --------
    >>> ridge_alpha(0.1, n_samples=50)
    5.0
    """
    lam = _checks.nonnegative(lam, "lam")
    n_samples = _checks.whole(n_samples, "n_samples", 1)
    return n_samples * lam
