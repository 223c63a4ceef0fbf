r"""How this site's lambda maps onto other libraries' regularization parameters.

This site writes the L2 penalty without a one-half, ``lambda * sum(W**2)``, and
averages the data loss over the N examples. Libraries differ on both counts;
each function below converts our lambda into their parameter so that the two
minimise the same objective (or take the same step).
"""

from __future__ import annotations

from reglit import _checks

__all__ = [
    "elastic_net_params",
    "lasso_alpha",
    "logistic_c",
    "ridge_alpha",
    "sgd_alpha",
    "torch_weight_decay",
]


def torch_weight_decay(lam, n_outputs=1) -> float:
    r"""PyTorch ``SGD(weight_decay=...)`` on ``MSELoss``: the step of [`l2_step`][reglit.updates.l2_step].

    PyTorch adds ``weight_decay * W`` to the gradient; ours adds ``2 lam W``.
    With K outputs, ``MSELoss`` averages over outputs as well as examples,
    where our [`mse`][reglit.losses.mse] sums over outputs: its data loss is ours
    divided by K, so its decay must be too. The same holds for ``Adam``, whose
    ``weight_decay`` is also added to the gradient, but not for ``AdamW``, whose
    decay is no penalty at all (see the chapter on other libraries).

    Parameters
    ----------
    lam : float
        Our L2 strength lambda, a finite number >= 0.
    n_outputs : int
        K, the number of outputs each example has (columns of y), >= 1.

    Returns
    -------
    float
        The weight decay.

    Notes
    -----
    With one output:

    $$
    \text{wd} = 2\lambda
    $$

    With K outputs:

    $$
    \text{wd} = \frac{2\lambda}{K}
    $$

    Examples
    --------
    >>> torch_weight_decay(0.1), torch_weight_decay(0.1, n_outputs=4)
    (0.2, 0.05)
    """
    lam = _checks.nonnegative(lam, "lam")
    return 2 * lam / _checks.whole(n_outputs, "n_outputs", 1)


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


def elastic_net_params(lam1, lam2) -> tuple[float, float]:
    r"""scikit-learn ``ElasticNet(alpha=..., l1_ratio=...)`` minimising the same objective as ours.

    Ours is ``mse + lam1 * l1_penalty + lam2 * l2_penalty``. scikit-learn's is
    ``(1/(2N)) ||y - X w||^2 + alpha * l1_ratio * ||w||_1 + alpha * (1 - l1_ratio) / 2 * ||w||^2``,
    half of ours when ``alpha * l1_ratio = lam1 / 2`` and ``alpha * (1 - l1_ratio) = lam2``.

    Parameters
    ----------
    lam1 : float
        Our L1 strength, a finite number >= 0.
    lam2 : float
        Our L2 strength, a finite number >= 0; not both 0 (that is least
        squares, scikit-learn's ``LinearRegression``).

    Returns
    -------
    tuple of float
        ``(alpha, l1_ratio)``.

    Notes
    -----
    $$
    \alpha_{\text{EN}} = \frac{\lambda_1}{2} + \lambda_2
    $$

    $$
    \text{l1\_ratio} = \frac{\lambda_1}{2 \alpha_{\text{EN}}}
    $$

    Examples
    --------
    >>> elastic_net_params(1.0, 0.5)  # alpha 1, half of it on the L1 term
    (1.0, 0.5)
    """
    lam1, lam2 = _checks.nonnegative(lam1, "lam1"), _checks.nonnegative(lam2, "lam2")
    alpha = lam1 / 2 + lam2
    if alpha == 0:
        raise ValueError(
            "lam1 and lam2 cannot both be 0: with no penalty, use least squares (LinearRegression)"
        )
    return alpha, lam1 / 2 / alpha


def logistic_c(lam, n_samples, penalty: str = "l2") -> float:
    r"""scikit-learn ``LogisticRegression(C=...)`` minimising the same objective as our softmax fit.

    Ours is the mean cross-entropy plus ``lam`` times the penalty. scikit-learn
    minimises ``C`` times the summed cross-entropy plus ``||W||^2 / 2`` (L2) or
    ``||W||_1`` (L1): ``C N`` times ours when ``C = 1 / (2 N lam)`` (L2) or
    ``C = 1 / (N lam)`` (L1). Its intercept, when fitted, is not penalised;
    to penalise the bias as this site does, append a column of ones to X and
    pass ``fit_intercept=False``. With scikit-learn 1.8 or newer, L1 is
    ``l1_ratio=1`` (before 1.8, ``penalty="l1"``), with ``solver="saga"``.

    Parameters
    ----------
    lam : float
        Our strength, a finite number > 0.
    n_samples : int
        N, the number of training examples, >= 1.
    penalty : {'l2', 'l1'}
        Which penalty our ``lam`` multiplies.

    Returns
    -------
    float
        The ``C``.

    Notes
    -----
    $$
    C_{\text{L2}} = \frac{1}{2 N \lambda}
    $$

    Examples
    --------
    >>> logistic_c(0.01, n_samples=50), logistic_c(0.01, n_samples=50, penalty="l1")
    (1.0, 2.0)
    """
    lam = _checks.nonnegative(lam, "lam")
    if lam == 0:
        raise ValueError("lam must be greater than 0: no penalty is C = inf in scikit-learn")
    n_samples = _checks.whole(n_samples, "n_samples", 1)
    penalty = _checks.choice(penalty, "penalty", ("l2", "l1"))
    return 1 / ((2 if penalty == "l2" else 1) * n_samples * lam)
