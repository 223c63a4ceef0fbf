"""The bundled data sets, as the experiments use them."""

import numpy as np
import pytest

from reglit import data


def test_digits_split_is_standardized_on_the_training_set():
    split = data.digits(n_train=60, n_val=600, seed=0)
    Xt, Xv = split["X_train"], split["X_val"]
    assert Xt.shape == (60, 65) and Xv.shape == (600, 65) and split["X_test"].shape == (1137, 65)
    np.testing.assert_allclose(Xt[:, :-1].mean(axis=0), 0, atol=1e-12)
    assert np.all(Xt[:, -1] == 1) and np.all(Xv[:, -1] == 1)
    assert set(split["y_train"]) <= set(range(10)) and split["y_val"].dtype.kind == "i"
    again = data.digits(n_train=60, seed=0)
    np.testing.assert_array_equal(again["X_train"], Xt)  # the same split every time


@pytest.mark.parametrize("n_train", [0, 1796, -5, 2.5, True])
def test_digits_refuses_impossible_splits(n_train):
    with pytest.raises(ValueError, match=r"^n_train must be a whole number between 1 and 1795"):
        data.digits(n_train=n_train)


@pytest.mark.parametrize("n_val", [0, 1737, -1])
def test_digits_leaves_a_test_set(n_val):
    with pytest.raises(ValueError, match=r"^n_val must be a whole number between 1 and 1736"):
        data.digits(n_train=60, n_val=n_val)


def test_diabetes_is_standardized_and_centred():
    d = data.diabetes()
    assert d["X"].shape == (442, 10) and len(d["features"]) == 10
    np.testing.assert_allclose(d["X"].mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(d["X"].std(axis=0), 1)
    assert abs(d["y"].mean()) < 1e-9
