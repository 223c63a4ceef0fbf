"""The optimality residual: zero at a minimiser, elsewhere the distance from zero to the subgradients."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import Lasso, lars_path

import reglit


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([0.05, 0.5, 2.0]))
def test_the_lasso_minimiser_of_scikit_learn_has_a_residual_near_zero(seed, lam):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(30, 6))
    y = X @ rng.normal(size=6) + rng.normal(size=30)
    W = Lasso(alpha=reglit.lasso_alpha(lam), fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    grad = reglit.mse_grad(X, y, W)
    assert reglit.kkt_residual(W, grad, lam, "l1") < 1e-6
    moved = W + rng.normal(0, 0.1, size=6)  # almost surely not the minimiser
    assert reglit.kkt_residual(moved, reglit.mse_grad(X, y, moved), lam, "l1") > 1e-3


def test_a_residual_is_the_smallest_subgradient_in_size():
    """Brute force over the subdifferential of |w| at zero: [-1, 1] times lambda."""
    grads, lam = np.array([0.7, -0.2, 1.5, -3.0]), 1.0
    s = np.linspace(-1, 1, 200_001)
    brute = [np.min(np.abs(g + lam * s)) for g in grads]
    np.testing.assert_allclose(reglit.kkt_residuals(np.zeros(4), grads, lam, "l1"), brute, atol=1e-5)


def test_smooth_penalties_use_the_gradient():
    W, grad = np.array([1.0, -2.0]), np.array([0.5, 0.25])
    assert reglit.kkt_residuals(W, grad, 0.25, "l2").tolist() == [1.0, 0.75]  # |g + 2 lambda W|
    assert reglit.kkt_residuals(W, grad, 0.25, "none").tolist() == [0.5, 0.25]
    assert reglit.kkt_residual(np.zeros(0), np.zeros(0), 0.1, "l1") == 0.0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"penalty": "l3"}, ValueError, r"^penalty must be one of 'none', 'l1', 'l2', got 'l3'"),
        ({"grad": np.ones(3)}, ValueError, r"^grad must have the same shape as W \(2,\), got \(3,\)"),
        ({"lam": -1.0}, ValueError, r"^lam must be a finite number >= 0, got -1.0"),
        ({"W": [np.nan, 1.0]}, ValueError, r"^W must be finite"),
    ],
)
def test_bad_input_is_refused_naming_the_parameter(kwargs, error, message):
    arguments = {"W": np.ones(2), "grad": np.ones(2), "lam": 0.1, "penalty": "l1"} | kwargs
    with pytest.raises(error, match=message):
        reglit.kkt_residuals(**arguments)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_lambda_max_is_where_the_lasso_first_zeroes_every_weight(seed):
    """Above it our certified fit and scikit-learn's Lasso are all zeros; a little below, neither is."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 5))
    y = X @ rng.normal(size=5) + rng.normal(size=40)
    top = reglit.lambda_max(X, y)
    lr = 1 / (2 * np.linalg.norm(X, 2) ** 2 / len(y))
    for scale, all_zero in ((1.0 + 1e-9, True), (0.99, False)):
        ours = reglit.fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=scale * top).W
        lasso = Lasso(alpha=reglit.lasso_alpha(scale * top), fit_intercept=False, tol=1e-14, max_iter=10**5)
        assert bool(np.all(ours == 0)) is all_zero
        assert bool(np.all(lasso.fit(X, y).coef_ == 0)) is all_zero


def test_lambda_max_names_a_bad_input():
    with pytest.raises(ValueError, match="X must be a 2-D array"):
        reglit.lambda_max(np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match="y must have shape"):
        reglit.lambda_max(np.ones((3, 2)), np.ones(4))
    with pytest.raises(ValueError, match="X"):
        reglit.lambda_max(np.array([[1.0, np.nan]]), np.ones(1))


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_the_exact_lasso_path_is_scikit_learns_lars_path_and_a_minimiser_all_along(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(30, 6))
    y = X @ (rng.normal(size=6) * (rng.random(6) < 0.6)) + rng.normal(size=30)
    lams, weights = reglit.lasso_knots(X, y)
    alphas, _, coefs = lars_path(X, y, method="lasso")
    np.testing.assert_allclose(lams, 2 * alphas, rtol=1e-9, atol=1e-12)  # scikit-learn halves our loss
    np.testing.assert_allclose(weights, coefs.T, rtol=1e-8, atol=1e-10)
    scale = np.abs(reglit.mse_grad(X, y, np.zeros(6))).max()
    for k in range(len(lams) - 1):
        for t in (0.0, 0.5):  # at each knot, and half-way to the next along a straight line
            lam, W = lams[k] + t * (lams[k + 1] - lams[k]), weights[k] + t * (weights[k + 1] - weights[k])
            assert reglit.kkt_residual(W, reglit.mse_grad(X, y, W), lam, "l1") < 1e-9 * scale


def test_the_diabetes_lasso_path_has_its_knots_where_scikit_learn_finds_them():
    from reglit import data

    d = data.diabetes()
    lams, weights = reglit.lasso_knots(d["X"], d["y"])
    alphas, _, coefs = lars_path(d["X"], d["y"], method="lasso")
    np.testing.assert_allclose(lams, 2 * alphas, rtol=1e-9)
    assert lams[0] == pytest.approx(reglit.lambda_max(d["X"], d["y"])) and lams[-1] == 0
    assert np.array_equal(weights == 0, coefs.T == 0)


def test_the_exact_path_needs_independent_columns():
    X = np.column_stack([np.arange(4.0), np.arange(4.0)])
    with pytest.raises(ValueError, match="linearly independent columns"):
        reglit.lasso_knots(X, np.ones(4))
