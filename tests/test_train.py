"""The trainer, and cross-checks of its solutions against scikit-learn and closed forms."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.exceptions import ConvergenceWarning
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
    ours = reglit.fit(X, y, loss="mse", method="l1_prox", lr=_lipschitz_rate(X), lam=lam)
    lasso = Lasso(alpha=reglit.lasso_alpha(lam), fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X, y)
    assert ours.converged and ours.accelerated
    np.testing.assert_allclose(ours.W, lasso.coef_, atol=1e-7)
    np.testing.assert_array_equal(ours.W == 0, lasso.coef_ == 0)  # the same exact zeros
    theirs = reglit.mse(X, y, lasso.coef_) + lam * reglit.l1_penalty(lasso.coef_)
    assert abs(ours.objective - theirs) <= 1e-9 * theirs


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([0.01, 0.2, 2.0]))
def test_l2_descent_reaches_the_ridge_solution(seed, lam):
    X, y = _regression(seed)
    n, d = X.shape
    ours = reglit.fit(X, y, loss="mse", method="l2", lr=_lipschitz_rate(X) / (1 + lam), lam=lam)
    closed_form = np.linalg.solve(X.T @ X / n + lam * np.eye(d), X.T @ y / n)
    ridge = Ridge(alpha=reglit.ridge_alpha(lam, n), fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(ridge.coef_, closed_form, rtol=1e-8, atol=1e-10)
    assert ours.converged
    np.testing.assert_allclose(ours.W, closed_form, atol=1e-7)


def _digits():
    from reglit import data

    split = data.digits(n_train=60, n_val=600)
    return split["X_train"], split["y_train"]


def test_softmax_l1_on_the_chapters_digits_lands_on_scikit_learns_minimiser():
    """The issue's case: no step count, the chapter's split, lambda = 1e-3; saga run to a tight tolerance."""
    from sklearn.linear_model import LogisticRegression

    X, y = _digits()
    lam, n = 1e-3, len(y)
    ours = reglit.fit(X, y, loss="softmax", method="l1_prox", lr=0.5, lam=lam, classes=10)
    saga = LogisticRegression(l1_ratio=1.0, solver="saga", C=1 / (n * lam), fit_intercept=False, tol=1e-10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # saga's own step limit, checked by the gap below
        theirs = saga.set_params(max_iter=200_000).fit(X, y).coef_.T
    value = reglit.softmax_cross_entropy(X, y, theirs) + lam * reglit.l1_penalty(theirs)
    assert ours.converged and ours.residual < 1e-9
    assert abs(ours.objective - value) <= 1e-6 * value
    np.testing.assert_array_equal(ours.W == 0, theirs == 0)


def test_a_fixed_step_count_takes_plain_steps_and_says_it_is_not_a_minimiser():
    X, y = _digits()
    early = reglit.fit(X, y, loss="softmax", method="l1_prox", lr=0.5, lam=1e-3, steps=1500, classes=10)
    minimiser = reglit.fit(X, y, loss="softmax", method="l1_prox", lr=0.5, lam=1e-3, classes=10)
    assert early.steps == 1500 and not early.accelerated and not early.converged
    assert early.objective > minimiser.objective * (1 + 1e-3)  # the 0.1044 against 0.0956
    assert early.residual > 0.1 * 1e-3
    W = np.zeros((X.shape[1], 10))
    for _ in range(1500):  # the plain proximal steps the chapters write
        W = reglit.l1_prox_step(W, 0.5, 1e-3, reglit.softmax_cross_entropy_grad(X, y, W))
    np.testing.assert_array_equal(early.W, W)


def test_reaching_the_step_limit_warns_and_the_result_is_not_certified():
    X, y = _regression(4)
    with pytest.warns(reglit.ConvergenceWarning, match=r"max_steps=5 .* not a certified minimiser"):
        result = reglit.fit(X, y, loss="mse", method="l1_prox", lr=0.01, lam=0.1, max_steps=5)
    assert result.steps == 5 and not result.converged


def test_subgradient_steps_never_certify_a_minimiser():
    X, y = _regression(5)
    with pytest.warns(reglit.ConvergenceWarning):
        result = reglit.fit(X, y, loss="mse", method="l1", lr=0.001, lam=0.5, max_steps=20_000)
    minimiser = reglit.fit(X, y, loss="mse", method="l1_prox", lr=_lipschitz_rate(X), lam=0.5)
    assert result.residual > 100 * minimiser.residual and np.count_nonzero(result.W == 0) == 0
    with pytest.raises(ValueError, match=r"^accelerate must be False for method='l1'"):
        reglit.fit(X, y, loss="mse", method="l1", lr=0.001, lam=0.5, accelerate=True)


@pytest.mark.parametrize("method", ["none", "l2", "l1_prox"])
def test_momentum_and_plain_steps_reach_the_same_minimiser(method):
    X, y = _regression(6)
    lr = _lipschitz_rate(X) / 2
    fast = reglit.fit(X, y, loss="mse", method=method, lr=lr, lam=0.2)
    slow = reglit.fit(X, y, loss="mse", method=method, lr=lr, lam=0.2, accelerate=False)
    assert fast.accelerated and not slow.accelerated and fast.converged and slow.converged
    assert fast.steps < slow.steps
    np.testing.assert_allclose(fast.W, slow.W, atol=1e-7)
    np.testing.assert_array_equal(fast.W == 0, slow.W == 0)


def test_the_certificate_is_the_residual_of_the_returned_weights():
    X, y = _regression(7)
    result = reglit.fit(X, y, loss="mse", method="l1_prox", lr=_lipschitz_rate(X), lam=0.3)
    grad = reglit.mse_grad(X, y, result.W)
    assert result.residual == reglit.kkt_residual(result.W, grad, lam=0.3, penalty="l1")
    assert (
        result.objective
        == result.total[-1]
        == pytest.approx(reglit.mse(X, y, result.W) + 0.3 * reglit.l1_penalty(result.W))
    )
    assert (
        result.residual
        <= reglit.TOL[np.dtype(np.float64)] * np.abs(reglit.mse_grad(X, y, 0 * result.W)).max()
    )


def test_float32_stays_float32_and_converges_to_its_precision():
    X, y = _regression(8)
    result = reglit.fit(X.astype(np.float32), y.astype(np.float32), loss="mse", method="l2", lr=0.01, lam=0.1)
    assert result.W.dtype == np.float32 and result.converged
    closed = np.linalg.solve(X.T @ X / len(y) + 0.1 * np.eye(X.shape[1]), X.T @ y / len(y))
    np.testing.assert_allclose(result.W, closed, rtol=1e-3, atol=1e-3)


def test_a_class_missing_from_training_still_gets_its_weights():
    X, y = _digits()
    keep = y != 9
    result = reglit.fit(X[keep], y[keep], loss="softmax", method="l2", lr=0.5, lam=0.01, classes=10)
    assert result.W.shape == (X.shape[1], 10) and result.converged
    assert reglit.softmax_cross_entropy(X, y, result.W) > 0  # scores every class, the missing one included
    with pytest.raises(ValueError, match=r"^classes must be given for loss='softmax'"):
        reglit.fit(X, y, loss="softmax", method="l2", lr=0.5, lam=0.01)


def test_numpy_integers_are_whole_numbers():
    X, y = _regression(9)
    result = reglit.fit(X, y, loss="mse", method="l2", lr=0.01, lam=0.1, steps=np.int64(3))
    assert result.steps == 3
    softmax = reglit.fit(
        X, (y > 0).astype(int), loss="softmax", method="l2", lr=0.1, lam=0.1, classes=np.int32(2)
    )
    assert softmax.W.shape == (X.shape[1], 2)
    assert reglit.ridge_alpha(0.1, np.int64(40)) == reglit.ridge_alpha(0.1, 40)


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
    result = reglit.fit(X, y, loss="softmax", method="l2", lr=0.5, lam=1e-3, classes=3)
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
        ({"max_steps": -2, "steps": None}, r"^max_steps must be a whole number >= 0, got -2"),
        ({"tol": -1.0}, r"^tol must be a finite number >= 0, got -1.0"),
        ({"classes": 3}, r"^classes is for loss='softmax' only"),
        ({"W0": np.ones(3)}, r"^W must have 2 rows"),
    ],
)
def test_fit_refuses_bad_arguments(kwargs, message):
    arguments = {"loss": "mse", "method": "l2", "lr": 0.1, "lam": 0.1, "steps": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        reglit.fit(np.eye(2), [1.0, 2.0], **arguments)


def test_a_softmax_loss_without_a_penalty_is_never_certified():
    """Sixty digits are separable: the loss has no minimiser, however small its gradient gets."""
    X, y = _digits()
    with pytest.raises(ValueError, match=r"^steps must be given for loss='softmax' without a penalty"):
        reglit.fit(X, y, loss="softmax", method="none", lr=0.5, lam=0.0, classes=10)
    with pytest.raises(ValueError, match=r"^steps must be given"):
        reglit.fit(X, y, loss="softmax", method="l2", lr=0.5, lam=0.0, classes=10)
    stopped = reglit.fit(X, y, loss="softmax", method="none", lr=0.5, lam=0.0, classes=10, steps=5000)
    doubled = reglit.softmax_cross_entropy(X, y, 2 * stopped.W)
    assert not stopped.converged and doubled < stopped.objective  # there was further to go


def test_a_learning_rate_that_diverges_is_named():
    X, y = _regression(10)
    with pytest.raises(
        ValueError, match=r"^lr must be small enough for the descent to converge: with lr=10.0"
    ):
        reglit.fit(X, y, loss="mse", method="l2", lr=10.0, lam=0.1, steps=2000)
