"""Distances whose true value is representable never overflow or underflow on the way."""

import math

import numpy as np
import pytest

import reglit


@pytest.mark.parametrize("scale", [1e-200, 1e-20, 1.0, 1e20, 1e200])
def test_l2_distance_is_exact_at_every_scale(scale):
    a, b = np.array([3.0, 0.0]) * scale, np.array([0.0, -4.0]) * scale
    assert reglit.l2_distance(a, b) == pytest.approx(5 * scale, rel=1e-15)
    assert reglit.l2_distance(a, b) == pytest.approx(math.dist(a, b), rel=1e-15)


def test_float32_extremes_are_measured_in_float64():
    a, b = np.float32([3e38, 1.0]), np.float32([-3e38, 1.0])  # each difference overflows float32
    assert reglit.l1_distance(a, b) == pytest.approx(6e38, rel=1e-6)
    assert reglit.l2_distance(a, b) == pytest.approx(6e38, rel=1e-6)
    assert math.isfinite(reglit.l2_distance(np.float32([1e20, 1e20]), np.zeros(2, np.float32)))


def test_an_unrepresentable_distance_is_infinite_not_nan():
    assert reglit.l2_distance(np.array([1.5e308]), np.array([-1.5e308])) == math.inf
