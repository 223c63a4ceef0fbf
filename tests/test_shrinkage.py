"""Ridge direction by direction: the SVD form against the normal equations, scikit-learn, the hat matrix."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import Ridge

import reglit


def _data(seed: int, n: int = 30, d: int = 6):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    return X, X @ rng.normal(size=d) + rng.normal(size=n)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([1e-3, 0.1, 1.0, 30.0]))
def test_ridge_by_directions_is_the_minimiser_the_normal_equations_and_scikit_learn_give(seed, lam):
    X, y = _data(seed)
    n, d = X.shape
    ours = reglit.ridge(X, y, lam)
    normal = np.linalg.solve(X.T @ X + n * lam * np.eye(d), X.T @ y)  # gradient of our loss is zero there
    theirs = Ridge(alpha=reglit.ridge_alpha(lam, n), fit_intercept=False, solver="cholesky").fit(X, y).coef_
    np.testing.assert_allclose(ours, normal, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(ours, theirs, rtol=1e-8, atol=1e-10)
    assert reglit.kkt_residual(ours, reglit.mse_grad(X, y, ours), lam, "l2") < 1e-9 * np.abs(y).max()


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([0.0, 1e-3, 0.1, 1.0, 30.0]))
def test_degrees_of_freedom_is_the_trace_of_the_map_from_targets_to_predictions(seed, lam):
    X, _ = _data(seed)
    n, d = X.shape
    hat = X @ np.linalg.solve(X.T @ X + n * lam * np.eye(d), X.T)
    assert reglit.degrees_of_freedom(X, lam) == pytest.approx(np.trace(hat), rel=1e-9)
    factors = reglit.shrink_factors(X, lam)
    assert np.all((0 <= factors) & (factors <= 1))
    assert np.all(np.diff(factors) <= 1e-15)  # the strongest directions first, the most kept


def test_degrees_of_freedom_fall_from_the_rank_toward_zero():
    X, _ = _data(1)
    X = np.column_stack([X, X[:, 0]])  # a duplicated column: rank 6 of 7 weights
    dfs = [reglit.degrees_of_freedom(X, lam) for lam in (0.0, 0.01, 0.1, 1.0, 10.0, 1e6)]
    assert dfs[0] == pytest.approx(6.0) and np.all(np.diff(dfs) < 0) and dfs[-1] < 1e-3


def test_without_a_penalty_it_is_the_least_squares_fit_of_smallest_size():
    X, y = _data(2)
    X = np.column_stack([X, X[:, 0]])
    np.testing.assert_allclose(reglit.ridge(X, y, 0.0), np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-10)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: reglit.shrink_factors(np.ones(3), 0.1), "X must be a 2-D array"),
        (lambda: reglit.shrink_factors(np.ones((3, 2)), -1.0), "lam"),
        (lambda: reglit.degrees_of_freedom(np.array([[np.nan]]), 0.1), "X"),
        (lambda: reglit.ridge(np.ones((3, 2)), np.ones(4), 0.1), "y must have shape"),
        (lambda: reglit.ridge(np.ones((3, 2)), np.ones(3), np.inf), "lam"),
    ],
)
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([1, 5, 50, 400]), st.sampled_from([0.3, 1.0, 1.9]))
def test_gradient_descent_stopped_early_keeps_its_factor_of_each_direction(seed, steps, c):
    """reglit.fit's plain steps from zero, seen along each singular direction, against the formula."""
    X, y = _data(seed)
    lr = c / reglit.curvatures(X).max()
    W = reglit.fit(X, y, loss="mse", method="none", lr=lr, lam=0.0, steps=steps).W
    _, _, Vt = np.linalg.svd(X, full_matrices=False)
    least_squares = np.linalg.lstsq(X, y, rcond=None)[0]
    kept = reglit.early_stopping_factors(X, lr, steps)
    np.testing.assert_allclose(Vt @ W, kept * (Vt @ least_squares), atol=1e-9)


def test_ridge_keeps_h_over_h_plus_two_lambda_and_early_stopping_matches_it_on_weak_directions():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(50, 4)) * [3.0, 1.0, 0.1, 0.01]  # strong to very weak directions
    h = reglit.curvatures(X)
    np.testing.assert_allclose(reglit.shrink_factors(X, 0.2), h / (h + 2 * 0.2), rtol=1e-12)
    lr, steps = 0.5 / h.max(), 200
    lam = reglit.step_count_lam(lr, steps)
    ratio = reglit.early_stopping_factors(X, lr, steps) / reglit.shrink_factors(X, lam)
    assert abs(ratio[-1] - 1) < 1e-3 and abs(ratio[-2] - 1) < 0.1  # weak directions agree
    assert lam == pytest.approx(1 / (2 * lr * steps))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: reglit.early_stopping_factors(np.eye(2), 2.5, 3), "lr must be at most 2 / the largest"),
        (lambda: reglit.early_stopping_factors(np.eye(2), 0.1, -1), "steps must be a whole number"),
        (lambda: reglit.early_stopping_factors(np.eye(2), 0.1, 2.5), "steps must be a whole number"),
        (lambda: reglit.step_count_lam(0.0, 10), "lr must be greater than 0"),
        (lambda: reglit.step_count_lam(0.1, 0), "steps must be a whole number >= 1"),
    ],
)
def test_bad_steps_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def _orthonormal(seed: int, n: int = 40, d: int = 5):
    """Data whose columns are orthogonal with X^T X = N I, and its least-squares weights z."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(n, d)))
    X = Q * np.sqrt(n)
    y = X @ rng.normal(0, 1, size=d) + rng.normal(size=n)
    return X, y, X.T @ y / n


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([0.01, 0.3, 1.0, 4.0]))
def test_orthonormal_case_ridge_scales_the_lasso_soft_thresholds_best_subset_hard_thresholds(seed, lam):
    X, y, z = _orthonormal(seed)
    np.testing.assert_allclose(reglit.orthonormal_ridge(z, lam), reglit.ridge(X, y, lam), atol=1e-10)
    lasso = reglit.fit(X, y, loss="mse", method="l1_prox", lr=0.5, lam=lam).W  # curvature 2: lr = 1 / 2
    np.testing.assert_allclose(reglit.orthonormal_lasso(z, lam), lasso, atol=1e-8)
    assert np.array_equal(reglit.orthonormal_lasso(z, lam) == 0, lasso == 0)

    def objective(W):  # mean squared error plus lam per nonzero weight
        return reglit.mse(X, y, W) + lam * np.count_nonzero(W)

    subsets = [np.array(keep, dtype=bool) for keep in np.ndindex(*(2,) * X.shape[1])]
    fits = []
    for keep in subsets:
        W = np.zeros(X.shape[1])
        W[keep] = np.linalg.lstsq(X[:, keep], y, rcond=None)[0] if keep.any() else []
        fits.append(W)
    best = min(fits, key=objective)
    np.testing.assert_allclose(reglit.orthonormal_best_subset(z, lam), best, atol=1e-10)
