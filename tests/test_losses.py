"""Data losses: gradients against finite differences, stability and bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reglit


@st.composite
def problems(draw, classification):
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    n, d, c = (int(k) for k in rng.integers(1, 6, size=3))
    X = rng.normal(size=(n, d))
    if classification:
        return X, rng.integers(0, c + 1, size=n), rng.normal(size=(d, c + 1))
    return X, rng.normal(size=n), rng.normal(size=d)


def _numeric_grad(loss, X, y, W, h=1e-6):
    grad = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        step = np.zeros_like(W)
        step[index] = h
        grad[index] = (loss(X, y, W + step) - loss(X, y, W - step)) / (2 * h)
    return grad


@settings(max_examples=40)
@given(problems(classification=False))
def test_mse_gradient_matches_finite_differences(problem):
    X, y, W = problem
    np.testing.assert_allclose(
        reglit.mse_grad(X, y, W), _numeric_grad(reglit.mse, X, y, W), rtol=1e-5, atol=1e-6
    )


@settings(max_examples=40)
@given(problems(classification=True))
def test_softmax_gradient_matches_finite_differences(problem):
    X, y, W = problem
    np.testing.assert_allclose(
        reglit.softmax_cross_entropy_grad(X, y, W),
        _numeric_grad(reglit.softmax_cross_entropy, X, y, W),
        rtol=1e-5,
        atol=1e-6,
    )


def test_mse_is_the_mean_squared_error():
    X = np.array([[1.0, 2.0], [3.0, 4.0], [0.0, 1.0]])
    y = np.array([1.0, 0.0, 2.0])
    W = np.array([0.5, -0.5])
    assert reglit.mse(X, y, W) == pytest.approx(np.mean((X @ W - y) ** 2))
    Y = np.stack([y, 2 * y], axis=1)  # several outputs at once
    assert reglit.mse(X, Y, np.stack([W, W], axis=1)) == pytest.approx(np.sum((X @ W[:, None] - Y) ** 2) / 3)


def test_softmax_is_stable_for_huge_scores():
    X = np.array([[1000.0, -1000.0]])
    W = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert reglit.softmax_cross_entropy(X, [0], W) == pytest.approx(0.0)
    assert reglit.softmax_cross_entropy(X, [1], W) == pytest.approx(2000.0)
    assert np.isfinite(reglit.softmax_cross_entropy_grad(X, [1], W)).all()


def test_uniform_scores_give_log_classes():
    X = np.ones((5, 3))
    assert reglit.softmax_cross_entropy(X, np.arange(5) % 4, np.zeros((3, 4))) == pytest.approx(np.log(4))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: reglit.mse(np.ones(3), np.ones(3), np.ones(1)), ValueError, r"^X must be a 2-D array"),
        (lambda: reglit.mse(np.ones((0, 2)), np.ones(0), np.ones(2)), ValueError, r"^X must be a 2-D array"),
        (lambda: reglit.mse(np.ones((3, 2)), np.ones(3), np.ones(3)), ValueError, r"^W must have 2 rows"),
        (
            lambda: reglit.mse(np.ones((3, 2)), np.ones(4), np.ones(2)),
            ValueError,
            r"^y must have shape \(3,\)",
        ),
        (lambda: reglit.mse(np.ones((3, 2)), np.ones((3, 1)), np.ones(2)), ValueError, r"^y must have shape"),
        (
            lambda: reglit.mse_grad(np.ones((3, 2)), [np.nan] * 3, np.ones(2)),
            ValueError,
            r"^y must be finite",
        ),
        (
            lambda: reglit.softmax_cross_entropy(np.ones((2, 2)), [0.0, 1.0], np.ones((2, 2))),
            TypeError,
            r"^y must hold integer class labels, got dtype float64",
        ),
        (
            lambda: reglit.softmax_cross_entropy(np.ones((2, 2)), [0, 2], np.ones((2, 2))),
            ValueError,
            r"^y must hold labels from 0 to 1, got 0 to 2",
        ),
        (
            lambda: reglit.softmax_cross_entropy(np.ones((2, 2)), [0, -1], np.ones((2, 2))),
            ValueError,
            r"^y must hold labels from 0 to 1",
        ),
        (
            lambda: reglit.softmax_cross_entropy_grad(np.ones((2, 2)), [0], np.ones((2, 2))),
            ValueError,
            r"^y must have shape \(2,\)",
        ),
        (
            lambda: reglit.softmax_cross_entropy(np.ones((2, 2)), [0, 1], np.ones(2)),
            ValueError,
            r"^W must be a 2-D array of shape \(D, classes\)",
        ),
        (
            lambda: reglit.softmax_cross_entropy([["a", "b"]], [0], np.ones((2, 2))),
            TypeError,
            r"^X must hold real",
        ),
    ],
)
def test_bad_data_is_refused_naming_the_parameter(call, error, message):
    with pytest.raises(error, match=message):
        call()
