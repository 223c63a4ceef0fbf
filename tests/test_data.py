"""The bundled data sets, as the experiments use them."""

import numpy as np
import pytest

from reglit import data


def test_digits_split_is_standardized_on_the_training_set():
    split = data.digits(n_train=60, seed=0)
    Xt, Xv = split["X_train"], split["X_val"]
    assert Xt.shape == (60, 65) and Xv.shape == (1737, 65)
    np.testing.assert_allclose(Xt[:, :-1].mean(axis=0), 0, atol=1e-12)
    assert np.all(Xt[:, -1] == 1) and np.all(Xv[:, -1] == 1)
    assert set(split["y_train"]) <= set(range(10)) and split["y_val"].dtype.kind == "i"
    again = data.digits(n_train=60, seed=0)
    np.testing.assert_array_equal(again["X_train"], Xt)  # the same split every time


@pytest.mark.parametrize("n_train", [0, 1797, -5])
def test_digits_refuses_impossible_splits(n_train):
    with pytest.raises(ValueError, match=r"^n_train must be between 1 and 1796"):
        data.digits(n_train=n_train)


def test_diabetes_is_standardized_and_centred():
    d = data.diabetes()
    assert d["X"].shape == (442, 10) and len(d["features"]) == 10
    np.testing.assert_allclose(d["X"].mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(d["X"].std(axis=0), 1)
    assert abs(d["y"].mean()) < 1e-9
