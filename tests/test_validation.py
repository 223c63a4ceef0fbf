"""Cross-validation: reglit's folds, errors and choices, held to scikit-learn's LassoCV, RidgeCV and
LogisticRegressionCV fitted on the same folds."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import reglit


def _regression(n: int = 200, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 6)) + 1.5  # means far from zero: the intercept matters
    return X, X @ np.array([2.0, -1.0, 0.0, 0.0, 0.5, 0.0]) + 3.0 + rng.normal(0, 2.0, size=n)


def _splits(folds):
    return [(np.flatnonzero(folds != k), np.flatnonzero(folds == k)) for k in range(folds.max() + 1)]


def test_kfold_deals_every_example_once_into_folds_of_nearly_equal_size():
    folds = reglit.kfold(442, 5, seed=3)
    assert sorted(np.bincount(folds)) == [88, 88, 88, 89, 89]
    np.testing.assert_array_equal(folds, reglit.kfold(442, 5, seed=3))
    assert not np.array_equal(folds, reglit.kfold(442, 5, seed=4))


def test_log_grid_runs_from_top_down_evenly_in_log_scale():
    grid = reglit.log_grid(90.0, count=30, ratio=1e-3)
    assert grid[0] == 90.0 and np.isclose(grid[-1], 0.09)
    np.testing.assert_allclose(np.diff(np.log(grid)), np.log(1e-3) / 29)


def test_one_standard_error_takes_the_strongest_within_one_se_of_the_best():
    lams = np.array([8.0, 4.0, 2.0, 1.0, 0.5])
    mean = np.array([9.0, 5.2, 5.05, 5.0, 5.1])
    assert reglit.one_standard_error(lams, mean, np.full(5, 0.1)) == 2.0
    assert reglit.one_standard_error(lams, mean, np.full(5, 0.25)) == 4.0
    assert reglit.one_standard_error(lams, mean, np.zeros(5)) == 1.0  # no noise: the best itself
    assert reglit.one_standard_error(lams[::-1], mean[::-1], np.full(5, 0.25)) == 4.0  # any order


def test_lasso_cross_validation_matches_lasso_cv_on_the_same_folds():
    from sklearn.linear_model import LassoCV

    X, y = _regression()
    folds = reglit.kfold(len(y), 5, seed=1)
    lams = reglit.log_grid(reglit.lambda_max(X - X.mean(0), y - y.mean()), count=20, ratio=1e-3)
    ours = reglit.cross_validate(X, y, lams, folds, method="l1_prox")
    theirs = LassoCV(alphas=lams / 2, cv=_splits(folds), tol=1e-14, max_iter=10**6).fit(X, y)
    np.testing.assert_allclose(theirs.mse_path_.T, ours.errors, rtol=1e-6)
    assert theirs.alpha_ == ours.best / 2


def test_ridge_cross_validation_matches_ridge_cv_on_equal_folds():
    """Ridge's alpha multiplies a summed loss: N_train lambda, the same on every fold when they are equal."""
    from sklearn.linear_model import RidgeCV

    X, y = _regression()
    folds = reglit.kfold(len(y), 5, seed=2)  # 200 examples: five folds of 40, 160 to train on
    lams = reglit.log_grid(10.0, count=25, ratio=1e-4)
    ours = reglit.cross_validate(X, y, lams, folds, method="l2")
    n_train = len(y) - len(y) // 5
    theirs = RidgeCV(alphas=n_train * lams, cv=_splits(folds), scoring="neg_mean_squared_error").fit(X, y)
    assert theirs.alpha_ / n_train == pytest.approx(ours.best, rel=1e-12)
    assert -theirs.best_score_ == pytest.approx(ours.mean.min(), rel=1e-6)
    assert ours.one_se > ours.best


def test_softmax_cross_validation_matches_logistic_regression_cv_on_equal_folds():
    from sklearn.linear_model import LogisticRegressionCV

    rng = np.random.default_rng(5)
    X = rng.normal(size=(150, 4)) + 1.0
    y = np.argmax(X @ rng.normal(size=(4, 3)) + rng.gumbel(size=(150, 3)), axis=1)
    folds = reglit.kfold(len(y), 5, seed=0)  # five folds of 30, 120 to train on
    lams = reglit.log_grid(1.0, count=8, ratio=1e-3)
    ours = reglit.cross_validate(X, y, lams, folds, loss="softmax", method="l2", classes=3)
    model = LogisticRegressionCV(
        Cs=[reglit.logistic_c(lam, 120) for lam in lams],
        cv=_splits(folds),
        scoring="neg_log_loss",
        tol=1e-12,
        max_iter=100_000,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lbfgs reports reaching its precision limit
        model.fit(X, y)
    theirs = -next(iter(model.scores_.values()))  # (folds, Cs): every class shares the multinomial scores
    np.testing.assert_allclose(theirs, ours.errors, rtol=1e-5)
    assert model.C_[0] == pytest.approx(reglit.logistic_c(ours.best, 120))


def test_warm_starts_give_the_same_errors_in_fewer_steps():
    X, y = _regression()
    folds = reglit.kfold(len(y), 4, seed=0)
    lams = reglit.log_grid(reglit.lambda_max(X - X.mean(0), y - y.mean()), count=15)
    warm = reglit.cross_validate(X, y, lams, folds, method="l1_prox")
    cold = reglit.cross_validate(X, y, lams, folds, method="l1_prox", warm=False)
    np.testing.assert_allclose(warm.errors, cold.errors, rtol=1e-7)
    assert warm.steps < cold.steps


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"lams": np.array([1.0, 2.0])},
            "lams must be a non-empty 1-D array of strengths >= 0, strictly decreasing",
        ),
        ({"lams": np.array([1.0, 1.0])}, "strictly decreasing"),
        ({"lams": np.array([1.0, -1.0])}, "strengths >= 0"),
        ({"folds": np.zeros(10, dtype=int)}, "folds must hold one whole-number fold per example"),
        ({"folds": np.zeros(20, dtype=int)}, "folds must number the folds 0 to K - 1, K >= 2"),
        ({"folds": np.arange(20) % 3 * 2}, "each used"),
        ({"folds": np.arange(20) % 2 * 1.0}, "whole-number fold"),
        ({"y": np.zeros(19)}, "y must have one target per example (20)"),
    ],
)
def test_cross_validate_names_the_bad_input(change, message):
    rng = np.random.default_rng(0)
    inputs = {"X": rng.normal(size=(20, 2)), "y": rng.normal(size=20), "lams": np.array([1.0, 0.1])}
    inputs["folds"] = np.arange(20) % 2
    inputs.update(change)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        reglit.cross_validate(**inputs, method="l2")


def test_one_standard_error_and_kfold_name_the_bad_input():
    with pytest.raises(ValueError, match="se must have the same shape as lams"):
        reglit.one_standard_error([1.0, 0.5], [1.0, 2.0], [0.1])
    with pytest.raises(ValueError, match="lams and se must be >= 0"):
        reglit.one_standard_error([1.0, 0.5], [1.0, 2.0], [0.1, -0.1])
    with pytest.raises(ValueError, match="n_samples must be a whole number >= 5"):
        reglit.kfold(4, 5)
    with pytest.raises(ValueError, match="ratio must be between 0 and 1"):
        reglit.log_grid(1.0, ratio=1.0)
