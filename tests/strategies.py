"""Hypothesis strategies shared by the tests: weights, scalars and formula inputs."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reglit.formulas import sample

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
rates = st.sampled_from([0.0, 0.01, 0.1, 0.5, 1.0]) | st.floats(min_value=0.0, max_value=1.5)
strengths = st.sampled_from([0.0, 0.1, 1.0]) | st.floats(min_value=0.0, max_value=50.0)
shapes = hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=5)


def elements(thresholds=()):
    """Floats rich in zeros and in values at, or a hair either side of, each threshold."""
    near = [s * t * f for t in thresholds for s in (-1.0, 1.0) for f in (1 - 1e-9, 1.0, 1 + 1e-9)]
    special = st.sampled_from([0.0, *near]) if near else st.just(0.0)
    return st.one_of(special, finite, st.floats(min_value=-1e-6, max_value=1e-6))


def arrays(shape=shapes, thresholds=(), dtype=np.float64):
    """Float arrays (0-d, vectors, matrices, empty) of the given shape strategy."""
    return hnp.arrays(dtype, shape, elements=elements(thresholds))


weights = arrays()


def formula_inputs(inputs):
    """Inputs for a registered formula: the battery's own sampler, from a drawn seed and shape."""
    return st.builds(
        lambda seed, shape: sample(inputs, np.random.default_rng(seed), shape),
        st.integers(0, 2**32 - 1),
        shapes,
    )
