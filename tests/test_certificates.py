"""Certificates: every fit agrees with solvers that share no code with reglit; wrong ones stop."""

import copy

import numpy as np
import pytest

from reglit.experiments import EXPERIMENTS
from sitebuild import certificates

CERTIFIED = [name for name, run in EXPERIMENTS.items() if "certified" in run()]


def test_the_experiments_that_show_regularized_models_are_certified():
    assert set(CERTIFIED) == {
        "tradeoff",
        "sparsity",
        "penalty_geometry",
        "digits_sweep",
        "diabetes_paths",
        "diabetes_optimality",
        "orthonormal",
        "evidence",
        "scaling",
        "correlated_features",
        "cross_validation",
        "decoupled_decay",
    }


@pytest.mark.parametrize("name", CERTIFIED)
def test_every_fit_is_the_minimiser_an_independent_solver_finds(name):
    result = certificates.certify(name, EXPERIMENTS[name]())
    assert result["largest_gap"] <= 1e-6 and result["fits"] >= 1


def test_a_fit_stopped_early_is_caught_naming_the_experiment_and_lambda():
    from reglit import fit

    results = copy.deepcopy(EXPERIMENTS["sparsity"]())
    problem = results["certified"]
    entry = problem["fits"][1]  # the L1 fit
    early = fit(problem["X"], problem["y"], loss="mse", method="l1_prox", lr=0.01, lam=entry["lam"], steps=30)
    entry |= {"W": early.W}  # claims to be converged, is not the minimiser
    with pytest.raises(
        certificates.CertificateError, match=r"experiment 'sparsity', L1 at lambda = 0\.3: objective"
    ):
        certificates.certify("sparsity", results)


def test_an_unconverged_fit_is_refused_before_any_comparison():
    results = copy.deepcopy(EXPERIMENTS["tradeoff"]())
    results["certified"]["fits"][0] |= {"converged": False, "residual": 0.5, "steps": 100_000}
    with pytest.raises(certificates.CertificateError, match=r"L2 at lambda = 0\.0001: not converged"):
        certificates.certify("tradeoff", results)


def test_different_exact_zeros_are_a_disagreement():
    results = copy.deepcopy(EXPERIMENTS["penalty_geometry"]())
    fits = results["certified"]["fits"]
    entry = next(f for f in fits if f["label"] == "L1" and np.count_nonzero(np.array(f["W"]) == 0) == 1)
    W = np.array(entry["W"], dtype=float)
    W[W == 0] = 1e-300  # the same objective to every digit, one zero fewer
    entry |= {"W": W}
    with pytest.raises(certificates.CertificateError, match=r"1 weights are exactly zero in one solution"):
        certificates.certify("penalty_geometry", results)


def test_the_objective_is_computed_without_reglit():
    X, y, W = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0, 1]), np.array([[0.5, -0.5], [0.0, 1.0]])
    scores = X @ W
    cross_entropy = np.mean(np.log(np.exp(scores).sum(axis=1)) - scores[[0, 1], y])
    assert certificates.objective(X, y, W, "softmax", "l1", 0.1) == pytest.approx(cross_entropy + 0.1 * 2.0)
    assert certificates.objective(X, [1.0, 2.0], W[:, 0], "mse", "l2", 0.5) == pytest.approx(
        ((0.5 - 1) ** 2 + (1.5 - 2) ** 2) / 2 + 0.5 * 0.25
    )


def test_the_receipt_says_what_was_measured():
    line = certificates.receipt(
        {
            "fits": 3,
            "most_steps": 4210,
            "largest_residual": 3e-9,
            "largest_gap": 2e-8,
            "solvers": {"L1": "scikit-learn's Lasso"},
        }
    )
    assert line == (
        "Certified when this page was built: all 3 fits reached the optimality tolerance "
        "(largest residual 3e-9, at most 4,210 steps), and scikit-learn's Lasso, solving the same "
        "problems independently, agrees to 2e-8 in objective and on every exact zero."
    )
    two = certificates.receipt(
        {
            "fits": 2,
            "most_steps": 9,
            "largest_residual": 0.0,
            "largest_gap": 0.0,
            "solvers": {"L2": "A", "L1": "B"},
        }
    )
    assert "and A for L2 and B for L1, solving the same problems independently, agree to 0" in two
