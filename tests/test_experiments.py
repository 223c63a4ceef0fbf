"""The runs behind the site's numbers: they show what the chapters say they show."""

import numpy as np
import pytest

from reglit import experiments


def test_tradeoff_fits_worse_and_generalizes_better():
    data = experiments.tradeoff()
    assert np.all(np.diff(data["train"]) > 0)  # more penalty, worse training fit
    best = data["best"]
    assert best["val"] < data["weakest"]["val"] and best["train"] > data["weakest"]["train"]
    assert 0 < np.argmin(data["val"]) < len(data["lams"]) - 1  # an interior optimum


def test_source_worked_examples():
    l2, l1 = experiments.l2_one_step(), experiments.l1_one_step()
    assert l2["after"] == pytest.approx({"large": 9.8, "small": 0.0098})
    assert l2["lost"] == pytest.approx({"large": 0.2, "small": 0.0002})
    assert l1["lost"] == pytest.approx({"large": 0.01, "small": 0.01})
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
    assert data["l1"]["tiny"] > 0


def test_geometry_l1_optimum_is_on_an_axis():
    data = experiments.penalty_geometry()
    assert data["l1"][1] == 0.0 and data["l1"][0] > 0
    assert np.all(data["l2"] != 0)


def test_l2_step_size_regimes():
    paths = experiments.l2_step_sizes()["paths"]
    assert np.all(np.diff(paths[0.2]) < 0) and np.all(paths[1.0][1:] == 0)
    assert np.all(np.abs(np.diff(np.sign(paths[1.6]))) == 2) and abs(paths[1.6][-1]) < 1
    assert abs(paths[2.2][-1]) > 1


def test_registry_lists_every_experiment():
    assert set(experiments.EXPERIMENTS) == {n for n in experiments.__all__ if n != "EXPERIMENTS"}
