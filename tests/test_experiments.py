"""The runs behind the site's numbers: they show what the chapters say they show."""

import numpy as np
import pytest

from reglit import experiments


def test_tradeoff_fits_worse_and_generalizes_better():
    data = experiments.tradeoff()
    assert np.all(np.diff(data["train"]) > 0)  # more penalty, worse training fit
    best = data["best"]
    assert best["val"] < data["weakest"]["val"] and best["train"] > data["weakest"]["train"]
    assert best["test"] < data["weakest"]["test"]  # and on points no choice saw
    assert 0 < np.argmin(data["val"]) < len(data["lams"]) - 1  # an interior optimum
    assert abs(data["truth"]["test"] - data["noise"]) < 0.01  # a thousand points estimate the noise


def test_tradeoff_fits_are_the_ridge_closed_form():
    data = experiments.tradeoff()
    problem = data["certified"]
    X, y = problem["X"], problem["y"]
    n, d = X.shape
    for fit in problem["fits"]:
        closed = np.linalg.solve(X.T @ X / n + fit["lam"] * np.eye(d), X.T @ y / n)
        np.testing.assert_allclose(
            fit["W"], closed, atol=1e-5
        )  # ill-conditioned: the objective agrees to 1e-13


def test_source_worked_examples():
    l2, l1 = experiments.l2_one_step(), experiments.l1_one_step()
    assert l2["after"] == pytest.approx({"large": 9.8, "small": 0.0098, "negative": -2.94, "tiny": 0.00392})
    assert l2["lost"] == pytest.approx({"large": 0.2, "small": 0.0002, "negative": -0.06, "tiny": 0.00008})
    assert l1["lost"] == pytest.approx({"large": 0.01, "small": 0.01, "negative": -0.01, "tiny": 0.01})
    assert l1["after"]["tiny"] == pytest.approx(-0.006) and l2["factor"] == pytest.approx(0.98)


def test_step_size_limits_follow_from_the_factor():
    limits = experiments.l2_step_sizes()["limits"]
    assert limits == pytest.approx({"lr": 0.5, "flips_above": 1.0, "diverges_above": 2.0})
    example = experiments.worked_example()
    assert example["score"]["one"] == example["score"]["spread"]
    assert example["l2"]["spread"] < example["l2"]["one"] and example["l1"]["spread"] == example["l1"]["one"]


def test_subgradient_hops_and_proximal_stops():
    data = experiments.near_zero()
    assert np.all(data["subgradient"][4:] != 0) and np.all(
        np.abs(data["subgradient"][4:]) < data["eta_lambda"]
    )
    assert np.all(data["proximal"][data["proximal_zero_at"] :] == 0.0)


def test_only_proximal_l1_is_sparse():
    data = experiments.sparsity()
    assert data["l2"]["zeros"] == 0 and data["l1"]["zeros"] == 0
    assert data["l1_prox"]["zeros"] >= data["d"] - 2 * data["nonzero_true"]
    assert data["l1"]["tiny"] > 0 and not data["l1"]["converged"]
    assert data["ista"]["converged"] and data["ista"]["same_zeros"]


def test_geometry_optima_match_scikit_learn_and_the_closed_form():
    """Each L1 optimum is scikit-learn's lasso, zeros and all; each L2 optimum solves the normal equations."""
    from sklearn.linear_model import Lasso

    from reglit.conventions import lasso_alpha

    data = experiments.penalty_geometry()
    X, y = data["X"], data["y"]
    n = len(y)
    for lam, l1, l2 in zip(data["lams"], data["l1"], data["l2"], strict=True):
        np.testing.assert_allclose(l2, np.linalg.solve(X.T @ X / n + lam * np.eye(2), X.T @ y / n), atol=1e-9)
        if lam > 0:
            theirs = Lasso(alpha=lasso_alpha(lam), fit_intercept=False, tol=1e-14).fit(X, y).coef_
            np.testing.assert_allclose(l1, theirs, atol=1e-7)
            np.testing.assert_array_equal(l1 == 0, theirs == 0)
    below, at = data["l1_corner_between"]
    corner = data["lams"] >= at
    assert np.all(data["l1"][corner][:, 1] == 0) and np.all(data["l1"][data["lams"] <= below] != 0)
    below, at = data["l1_origin_between"]
    assert np.all(data["l1"][data["lams"] >= at] == 0) and np.all(
        data["l1"][data["lams"] <= below].any(axis=1)
    )
    assert data["l1_corner_between"][1] < data["l1_origin_between"][1]


def test_l2_step_size_regimes():
    paths = experiments.l2_step_sizes()["paths"]
    assert np.all(np.diff(np.abs(paths[0.1]), axis=0) < 0) and np.all(
        np.sign(paths[0.1]) == np.sign(paths[0.1][0])
    )
    assert np.all(paths[0.5][1:] == 0)  # exactly, from every start: the factor is exactly zero
    assert np.all(np.diff(np.sign(paths[0.8]), axis=0) != 0) and np.all(np.abs(paths[0.8][-1]) < 1)
    assert np.all(np.abs(paths[1.1][-1]) > np.abs(paths[1.1][0]))


def test_the_step_regimes_summary_has_seen_each_case():
    sweep = experiments.step_regimes_sweep()
    assert sweep["l1_moves_by_step"] and sweep["l1_hops"] and sweep["prox_stops"]
    assert min(sweep["seen"].values()) > 10


def test_registry_lists_every_experiment():
    """Every experiment that runs with no arguments; those of an explorable figure take its value."""
    import inspect

    def runs_alone(name):
        parameters = inspect.signature(getattr(experiments, name)).parameters.values()
        return all(p.default is not p.empty for p in parameters)

    public = {n for n in experiments.__all__ if n != "EXPERIMENTS"}
    assert set(experiments.EXPERIMENTS) == {n for n in public if runs_alone(n)}
    assert public - set(experiments.EXPERIMENTS) == {"step_regimes"}


def test_digits_sweep_shows_the_trade_off():
    data = experiments.digits_sweep()
    for method in ("l2", "l1_prox"):
        assert np.all(np.diff(data[method]["train_loss"]) > 0)  # the training fit only gets worse
    assert data["best"]["l2"]["val_loss"] < data["none"]["val_loss"] < min(data["l1_prox"]["val_loss"])
    assert np.all(np.diff(data["l1_prox"]["zero_share"]) >= 0)
    assert len(set(data["l2"]["zero_share"])) == 1 and len(set(data["l1"]["zero_share"])) == 1


def test_digits_without_a_penalty_has_no_minimiser():
    """Separable: the training loss keeps falling, every training image is classified correctly."""
    stopped = experiments.digits_sweep()["stopped"]
    assert np.all(np.diff(stopped["train_loss"]) < 0) and stopped["train_acc"][-1] == 1


def test_diabetes_lasso_path_matches_scikit_learn():
    from sklearn.linear_model import lasso_path

    from reglit import data as datasets

    d = datasets.diabetes()
    paths = experiments.diabetes_paths()
    _, theirs, _ = lasso_path(d["X"], d["y"], alphas=paths["lasso_alphas"], tol=1e-14, max_iter=1_000_000)
    np.testing.assert_allclose(paths["lasso"], theirs.T, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(paths["lasso"] == 0, theirs.T == 0)


def test_diabetes_ridge_path_matches_the_closed_form():
    from sklearn.linear_model import Ridge

    from reglit import data as datasets

    d = datasets.diabetes()
    X, y = d["X"], d["y"]
    n, k = X.shape
    paths = experiments.diabetes_paths()
    for lam, ours, alpha in zip(paths["lams"], paths["ridge"], paths["ridge_alphas"], strict=True):
        closed = np.linalg.solve(X.T @ X / n + lam * np.eye(k), X.T @ y / n)
        np.testing.assert_allclose(ours, closed, atol=1e-6)
        np.testing.assert_allclose(Ridge(alpha=alpha, fit_intercept=False).fit(X, y).coef_, closed, atol=1e-8)


def test_a_duplicated_feature_leaves_the_lasso_many_minimisers_and_the_elastic_net_one():
    data = experiments.duplicated_feature()
    lasso, net = data["lasso"], data["elastic_net"]
    assert all(lasso["converged"]) and np.ptp(lasso["objectives"]) < 1e-9 * lasso["objectives"][0]
    assert (
        lasso["first"][1] == 0
        and lasso["second"][0] == 0
        and lasso["zero"][0] == pytest.approx(lasso["zero"][1])
    )
    np.testing.assert_allclose(net["first"], net["second"], atol=1e-8)
    assert net["first"][0] == pytest.approx(net["first"][1], abs=1e-8)


def test_a_caller_that_changes_its_results_does_not_change_the_next_callers():
    first = experiments.step_regimes(0.3)
    first["starts"].append(99.0)
    first["l2"][0, 0] = 99.0
    again = experiments.step_regimes(0.3)
    assert again["starts"] == [0.93, -0.37] and again["l2"][0, 0] == 0.93


def test_diabetes_directions_agree_with_the_certified_ridge_path_and_with_the_steps_taken():
    r = experiments.diabetes_directions()
    assert r["ridge_gap"] < 1e-5  # the certified path stops within its tolerance of the exact minimiser
    assert r["early_gap"] < 1e-9
    assert np.all(np.diff(r["df"]) > 0) and r["df"][0] < 1 and r["df"][-1] > 8  # lams run from large to small
    assert np.all(np.diff(r["early_df"]) > 0) and r["early_df"][-1] == pytest.approx(10, abs=1e-6)
    np.testing.assert_allclose(r["resembles"], [1 / (2 * r["lr"] * k) for k in r["steps"]])
    assert np.all(np.diff(r["shrink"], axis=1) <= 1e-15)  # strong directions kept most
