"""Penalties: properties, gradients against finite differences, dtypes and the full loss."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reglit
from tests.strategies import arrays, finite, strengths, weights


@given(weights)
def test_penalties_are_nonnegative(W):
    assert reglit.l1_penalty(W) >= 0
    assert reglit.l2_penalty(W) >= 0


@given(arrays(), st.floats(-1e3, 1e3))
def test_l1_is_absolutely_homogeneous(W, c):
    np.testing.assert_allclose(
        reglit.l1_penalty(c * W), abs(c) * reglit.l1_penalty(W), rtol=1e-9, atol=1e-300
    )


@given(arrays(), st.floats(-1e3, 1e3))
def test_l2_scales_with_the_square(W, c):
    # atol: squares of numbers below 1e-154 underflow to zero (or a subnormal) in float64
    np.testing.assert_allclose(reglit.l2_penalty(c * W), c**2 * reglit.l2_penalty(W), rtol=1e-9, atol=1e-290)


@given(weights, strengths, strengths)
def test_elastic_net_is_the_weighted_sum(W, lam1, lam2):
    expected = lam1 * reglit.l1_penalty(W) + lam2 * reglit.l2_penalty(W)
    np.testing.assert_allclose(reglit.elastic_net_penalty(W, lam1, lam2), expected, rtol=1e-12)


def _central_difference(f, W, h):
    grad = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        step = np.zeros_like(W)
        step[index] = h
        grad[index] = (f(W + step) - f(W - step)) / (2 * h)
    return grad


away_from_zero = st.floats(0.01, 100.0) | st.floats(-100.0, -0.01)


@given(st.lists(away_from_zero, min_size=1, max_size=6))
def test_gradients_match_central_differences_away_from_zero(values):
    W = np.array(values)
    h = 1e-4  # smaller than every |W|, so L1 has no kink inside the difference
    np.testing.assert_allclose(
        reglit.l2_grad(W), _central_difference(reglit.l2_penalty, W, h), rtol=1e-5, atol=1e-6
    )
    np.testing.assert_allclose(reglit.l1_grad(W), _central_difference(reglit.l1_penalty, W, h), rtol=1e-6)


def test_sign_is_element_wise_on_a_matrix():
    W = np.array([[3.0, -0.2, 0.0], [-7.0, 0.0, 1e-12]])
    np.testing.assert_array_equal(reglit.l1_grad(W), [[1, -1, 0], [-1, 0, 1]])


@pytest.mark.parametrize("function", [reglit.l1_grad, reglit.l2_grad])
def test_gradients_keep_float32_and_make_new_arrays(function):
    W = np.array([1.0, -2.0], dtype=np.float32)
    before = W.copy()
    out = function(W)
    assert out.dtype == np.float32 and out is not W
    np.testing.assert_array_equal(W, before)
    assert function(np.array([1, -2])).dtype == np.float64  # integers become float64


def test_integers_are_not_truncated():
    assert reglit.l2_penalty(np.array([100, 200], dtype=np.int16)) == 50000.0  # int16 squares overflow
    assert reglit.l2_grad(3).dtype == np.float64


def test_scalars_give_scalars():
    assert reglit.l2_grad(3.0) == 6.0 and np.ndim(reglit.l2_grad(3.0)) == 0
    assert isinstance(reglit.l2_penalty(3.0), float)


def test_empty_arrays_have_zero_penalty():
    assert reglit.l1_penalty(np.empty((0, 3))) == 0.0
    assert reglit.l2_penalty([]) == 0.0
    assert reglit.l1_grad(np.empty((2, 0))).shape == (2, 0)


@given(finite, weights, strengths)
def test_regularized_loss_adds_lambda_times_the_penalty(data_loss, W, lam):
    for name, (penalty, _) in reglit.PENALTIES.items():
        np.testing.assert_allclose(
            reglit.regularized_loss(data_loss, W, lam, name),
            data_loss + lam * penalty(W),
            rtol=1e-12,
            atol=1e-12,
        )


def test_penalties_are_distances_to_zero():
    W = np.array([[3.0, -4.0], [0.0, 12.0]])
    assert reglit.l1_penalty(W) == reglit.l1_distance(W, 0) == 19.0
    assert reglit.l2_penalty(W) == pytest.approx(reglit.l2_distance(W, 0) ** 2) == 169.0
