"""Steps: the properties the chapters teach, checked on random weights."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reglit
from tests.strategies import arrays, rates, shapes, strengths, weights

STEPS = [reglit.l2_step, reglit.l1_step, reglit.l1_prox_step]


@given(weights, rates, strengths)
def test_l2_step_multiplies_by_one_minus_two_eta_lambda(W, lr, lam):
    np.testing.assert_allclose(reglit.l2_step(W, lr, lam), (1 - 2 * lr * lam) * W, rtol=1e-12, atol=1e-300)


@given(st.data(), rates, strengths)
def test_l1_step_moves_large_weights_by_exactly_eta_lambda(data, lr, lam):
    t = lr * lam
    W = data.draw(arrays(thresholds=(t,)))
    moved = reglit.l1_step(W, lr, lam)
    large = np.abs(W) > t
    error = np.abs(np.abs(W[large]) - np.abs(moved[large]) - t)
    assert np.all(error <= 4 * np.finfo(float).eps * np.abs(W[large]))  # exact up to rounding
    assert np.all(np.sign(moved[large]) == np.sign(W[large]))


@given(st.data(), rates, strengths)
def test_l1_step_overshoots_small_weights_and_prox_lands_on_zero(data, lr, lam):
    t = lr * lam
    W = data.draw(arrays(thresholds=(t,)))
    small = (np.abs(W) < t) & (W != 0)
    sub = reglit.l1_step(W, lr, lam)
    prox = reglit.l1_prox_step(W, lr, lam)
    assert np.all(np.sign(sub[small]) == -np.sign(W[small]))  # crossed zero
    assert np.all(prox[np.abs(W) <= t] == 0.0)
    assert not np.signbit(prox[prox == 0]).any()  # +0.0, never -0.0


def test_subgradient_steps_oscillate_around_zero():
    W, path = np.array([0.004]), []
    for _ in range(4):
        W = reglit.l1_step(W, lr=0.1, lam=0.1)
        path.append(float(W[0]))
    np.testing.assert_allclose(path, [-0.006, 0.004, -0.006, 0.004])
    assert reglit.l1_prox_step(np.array([0.004]), lr=0.1, lam=0.1)[0] == 0.0


@given(st.floats(-50, 50), st.floats(0, 5))
def test_soft_threshold_is_the_proximal_minimiser(z, t):
    grid = np.linspace(z - t - 1, z + t + 1, 200_001)  # brute force on a fine grid
    objective = 0.5 * (grid - z) ** 2 + t * np.abs(grid)
    best = grid[np.argmin(objective)]
    spacing = grid[1] - grid[0]
    assert abs(reglit.soft_threshold(z, t) - best) <= spacing


@given(st.data(), shapes, rates, strengths)
def test_prox_step_is_gradient_step_then_threshold(data, shape, lr, lam):
    W, G = data.draw(arrays(st.just(shape))), data.draw(arrays(st.just(shape)))
    np.testing.assert_array_equal(
        reglit.l1_prox_step(W, lr, lam, grad=G), reglit.soft_threshold(W - lr * G, lr * lam)
    )


@pytest.mark.parametrize("step", STEPS)
@given(W=arrays(shape=shapes), lr=rates, lam=strengths)
def test_zero_data_gradient_equals_penalty_only_step(step, W, lr, lam):
    np.testing.assert_array_equal(step(W, lr, lam, grad=np.zeros_like(W)), step(W, lr, lam))


@pytest.mark.parametrize("step", STEPS)
def test_steps_return_new_arrays_and_keep_dtype(step):
    W = np.array([[1.0, -0.001], [0.0, 3.0]], dtype=np.float32)
    grad = np.full_like(W, 0.5)
    W_before, grad_before = W.copy(), grad.copy()
    out = step(W, 0.1, 0.1, grad=grad)
    assert out.dtype == np.float32 and out.shape == W.shape
    assert not np.shares_memory(out, W)
    np.testing.assert_array_equal(W, W_before)
    np.testing.assert_array_equal(grad, grad_before)
    assert step(np.array([3, -2]), 0.1, 0.1).dtype == np.float64
    assert step(np.empty((0, 2)), 0.1, 0.1).shape == (0, 2)


def test_source_worked_examples():
    W = np.array([10.0, 0.01])
    np.testing.assert_allclose(reglit.l2_step(W, 0.1, 0.1), [9.8, 0.0098])
    np.testing.assert_allclose(W - reglit.l2_step(W, 0.1, 0.1), [0.2, 0.0002])
    np.testing.assert_allclose(W - reglit.l1_step(W, 0.1, 0.1), [0.01, 0.01])


def test_gd_step():
    np.testing.assert_allclose(reglit.gd_step([1.0, 2.0], [10.0, -10.0], 0.1), [0.0, 3.0])


def test_l2_step_at_eta_lambda_one_half_gives_exact_zeros():
    """The factor 1 - 2 eta lambda is exactly 0: every weight, whatever it is, lands on 0."""
    W = np.random.default_rng(0).normal(size=50) * 10.0 ** np.arange(-5, 5).repeat(5)
    assert np.all(reglit.l2_step(W, lr=0.25, lam=2.0) == 0)
    assert np.all(reglit.l2_step(W, lr=1.0, lam=0.5, grad=np.zeros(50)) == 0)


def test_l2_step_does_not_overflow_on_the_way_to_a_representable_result():
    W, grad = np.array([1.5e308]), np.array([1.5e308])
    assert reglit.l2_step(W, lr=0.1, lam=1.0, grad=grad)[0] == pytest.approx(1.05e308)
