r"""Penalties as priors: the strength that a prior on the weights and the noise of the data give.

With Gaussian noise of standard deviation ``sigma`` on the targets, the
negative log-likelihood of ``N`` examples is ``||y - X W||^2 / (2 sigma^2)``
plus a constant. A prior on the weights adds its own negative log-density, and
the most probable weights given the data (the maximum a posteriori estimate)
minimise the sum. Multiplied by ``2 sigma^2 / N``, the sum is this site's full
loss: the mean squared error plus ``lambda`` times a penalty. A Gaussian prior
gives the L2 penalty and a Laplace prior the L1 penalty.
"""

from __future__ import annotations

from reglit import _checks

__all__ = ["gaussian_prior_lam", "laplace_prior_lam"]


def _positive(x, name: str) -> float:
    x = _checks.nonnegative(x, name)
    if x == 0:
        raise ValueError(f"{name} must be greater than 0, got {x!r}")
    return x


def gaussian_prior_lam(noise, scale, n) -> float:
    r"""The L2 strength whose minimiser is the most probable weights under a Gaussian prior.

    Each weight independently normal with mean 0 and standard deviation
    ``scale`` (``tau``), the noise normal with standard deviation ``noise``
    (``sigma``), ``N`` examples:

    $$
    \lambda = \frac{\sigma^2}{N \tau^2}
    $$

    Parameters
    ----------
    noise : float
        Standard deviation of the noise on the targets, > 0.
    scale : float
        Standard deviation of the prior on each weight, > 0.
    n : int
        Number of examples, >= 1.

    Returns
    -------
    float

    Examples
    --------
    >>> gaussian_prior_lam(noise=1.0, scale=0.5, n=100)  # a tighter prior, a stronger penalty
    0.04
    """
    noise, scale = _positive(noise, "noise"), _positive(scale, "scale")
    return noise**2 / (_checks.whole(n, "n", 1) * scale**2)


def laplace_prior_lam(noise, scale, n) -> float:
    r"""The L1 strength whose minimiser is the most probable weights under a Laplace prior.

    Each weight independently with density ``exp(-|w| / b) / (2 b)`` (scale
    ``b``), the noise normal with standard deviation ``noise`` (``sigma``),
    ``N`` examples:

    $$
    \lambda = \frac{2 \sigma^2}{N b}
    $$

    Parameters
    ----------
    noise : float
        Standard deviation of the noise on the targets, > 0.
    scale : float
        Scale ``b`` of the Laplace prior on each weight, > 0.
    n : int
        Number of examples, >= 1.

    Returns
    -------
    float

    Examples
    --------
    >>> laplace_prior_lam(noise=1.0, scale=0.5, n=100)
    0.04
    """
    noise, scale = _positive(noise, "noise"), _positive(scale, "scale")
    return 2 * noise**2 / (_checks.whole(n, "n", 1) * scale)
