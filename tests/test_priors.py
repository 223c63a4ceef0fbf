"""Penalties as priors: the most probable weights, found by SciPy, are the penalised minimisers."""

import numpy as np
import pytest
from scipy.optimize import minimize

import reglit


def _data(seed: int = 0, n: int = 40, d: int = 4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    return X, X @ rng.normal(size=d) + rng.normal(0, 0.5, size=n)


@pytest.mark.parametrize(("noise", "scale"), [(0.5, 0.2), (1.0, 1.0), (2.0, 0.05)])
def test_the_most_probable_weights_under_a_gaussian_prior_are_ridges_minimiser(noise, scale):
    X, y = _data()
    n, d = X.shape

    def minus_log_posterior(W):
        return np.sum((y - X @ W) ** 2) / (2 * noise**2) + np.sum(W**2) / (2 * scale**2)

    found = minimize(minus_log_posterior, np.zeros(d), method="BFGS", options={"gtol": 1e-10}).x
    ridge = reglit.ridge(X, y, reglit.gaussian_prior_lam(noise, scale, n))
    np.testing.assert_allclose(found, ridge, atol=1e-6)


@pytest.mark.parametrize(("noise", "scale"), [(0.5, 0.05), (1.0, 0.5), (2.0, 0.02)])
def test_the_most_probable_weights_under_a_laplace_prior_are_the_lassos_minimiser(noise, scale):
    X, y = _data(1)
    n, d = X.shape

    def minus_log_posterior(parts):  # W = u - v with u, v >= 0: smooth, with bounds
        u, v = parts[:d], parts[d:]
        return np.sum((y - X @ (u - v)) ** 2) / (2 * noise**2) + np.sum(u + v) / scale

    found = minimize(
        minus_log_posterior,
        np.zeros(2 * d),
        method="L-BFGS-B",
        bounds=[(0, None)] * (2 * d),
        options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10_000},
    ).x
    lam = reglit.laplace_prior_lam(noise, scale, n)
    lr = 1 / (2 * np.linalg.norm(X, 2) ** 2 / n)
    lasso = reglit.fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam).W
    np.testing.assert_allclose(found[:d] - found[d:], lasso, atol=1e-5)


@pytest.mark.parametrize("function", [reglit.gaussian_prior_lam, reglit.laplace_prior_lam])
def test_a_prior_needs_a_positive_noise_and_scale_and_a_count(function):
    with pytest.raises(ValueError, match="noise must be greater than 0"):
        function(0.0, 1.0, 10)
    with pytest.raises(ValueError, match="scale"):
        function(1.0, -1.0, 10)
    with pytest.raises(ValueError, match="n must be a whole number >= 1"):
        function(1.0, 1.0, 0)
