"""The trainer, and cross-checks of its solutions against scikit-learn and closed forms."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import Lasso, Ridge

import reglit


def _regression(seed, n=40, d=8):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    true = np.where(rng.random(d) < 0.5, 0.0, rng.normal(0, 3, size=d))
    return X, X @ true + rng.normal(0, 0.5, size=n)


def _lipschitz_rate(X):
    """1 / L for the mean squared error, whose gradient is (2/N) X^T X-Lipschitz."""
    return X.shape[0] / (2 * np.linalg.norm(X, 2) ** 2)


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([0.05, 0.3, 1.0]))
def test_proximal_descent_reaches_sklearn_lasso(seed, lam):
    X, y = _regression(seed)
    ours = reglit.fit(X, y, loss="mse", method="l1_prox", lr=_lipschitz_rate(X), lam=lam, steps=3000).W
    lasso = Lasso(alpha=reglit.lasso_alpha(lam), fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(ours, lasso.coef_, atol=1e-6)
    np.testing.assert_array_equal(ours == 0, lasso.coef_ == 0)  # the same exact zeros


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([0.01, 0.2, 2.0]))
def test_l2_descent_reaches_the_ridge_solution(seed, lam):
    X, y = _regression(seed)
    n, d = X.shape
    ours = reglit.fit(X, y, loss="mse", method="l2", lr=_lipschitz_rate(X) / (1 + lam), lam=lam, steps=4000).W
    closed_form = np.linalg.solve(X.T @ X / n + lam * np.eye(d), X.T @ y / n)
    ridge = Ridge(alpha=reglit.ridge_alpha(lam, n), fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(ridge.coef_, closed_form, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(ours, closed_form, rtol=1e-6, atol=1e-8)


def test_history_records_every_step():
    X, y = _regression(1)
    result = reglit.fit(X, y, loss="mse", method="l1_prox", lr=0.01, lam=0.5, steps=50)
    assert result.total.shape == result.data.shape == result.penalty.shape == result.zeros.shape == (51,)
    np.testing.assert_allclose(result.total, result.data + result.penalty)
    assert result.penalty[-1] == pytest.approx(0.5 * reglit.l1_penalty(result.W))
    assert result.data[-1] == pytest.approx(reglit.mse(X, y, result.W))
    assert result.zeros[-1] == np.count_nonzero(result.W == 0)
    assert result.zeros[0] == X.shape[1]  # starts from zeros
    assert np.all(np.diff(result.total) <= 1e-12)  # a small enough step never increases the loss


def test_only_the_proximal_step_gives_exact_zeros():
    X, y = _regression(3, n=30, d=20)
    zeros = {
        method: reglit.fit(
            X, y, loss="mse", method=method, lr=0.01, lam=2.0, steps=500, W0=np.ones(20)
        ).zeros[-1]
        for method in ("l2", "l1", "l1_prox")
    }
    assert zeros["l1_prox"] > 5
    assert zeros["l1"] == 0 and zeros["l2"] == 0


def test_softmax_fit_learns_separable_classes():
    rng = np.random.default_rng(0)
    centres = np.array([[3.0, 0.0], [0.0, 3.0], [-3.0, -3.0]])
    y = rng.integers(0, 3, size=150)
    X = np.column_stack([centres[y] + rng.normal(size=(150, 2)), np.ones(150)])
    result = reglit.fit(X, y, loss="softmax", method="l2", lr=0.5, lam=1e-3, steps=300)
    assert result.W.shape == (3, 3)
    assert np.mean(np.argmax(X @ result.W, axis=1) == y) > 0.95
    assert result.total[-1] < result.total[0] == pytest.approx(np.log(3))


def test_fit_does_not_modify_its_inputs():
    X, y = _regression(2)
    W0 = np.ones(X.shape[1])
    copies = X.copy(), y.copy(), W0.copy()
    reglit.fit(X, y, loss="mse", method="l1", lr=0.01, lam=0.1, steps=5, W0=W0)
    for before, after in zip(copies, (X, y, W0), strict=True):
        np.testing.assert_array_equal(before, after)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"loss": "hinge"}, r"^loss must be one of 'mse', 'softmax', got 'hinge'"),
        ({"method": "l3"}, r"^method must be one of 'none', 'l2', 'l1', 'l1_prox', got 'l3'"),
        ({"steps": -1}, r"^steps must be a whole number >= 0, got -1"),
        ({"steps": 2.5}, r"^steps must be a whole number >= 0, got 2.5"),
        ({"steps": True}, r"^steps must be a whole number"),
        ({"W0": np.ones(3)}, r"^W must have 2 rows"),
    ],
)
def test_fit_refuses_bad_arguments(kwargs, message):
    arguments = {"loss": "mse", "method": "l2", "lr": 0.1, "lam": 0.1, "steps": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        reglit.fit(np.eye(2), [1.0, 2.0], **arguments)
