"""Hypothesis strategies shared by the tests: weights, scalars and formula inputs."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

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


@st.composite
def formula_inputs(draw, inputs):
    """Inputs for a :class:`reglit.formulas.Formula`, drawn by kind."""
    values = {}
    n, d, c = (draw(st.integers(1, 5)) for _ in range(3))
    for name, kind in inputs.items():
        if kind == "rate":
            values[name] = draw(rates)
        elif kind == "strength":
            values[name] = draw(strengths)
        elif kind == "count":
            values[name] = draw(st.integers(1, 1000))
        elif kind == "losses":
            values[name] = draw(hnp.arrays(np.float64, n, elements=st.floats(0, 1e3)))
        elif kind == "labels":
            values[name] = draw(hnp.arrays(np.int64, n, elements=st.integers(0, c - 1)))
        elif kind != "weights":
            shape = {"design": (n, d), "targets": (n,), "coef": (d,), "class_weights": (d, c)}[kind]
            values[name] = draw(hnp.arrays(np.float64, shape, elements=st.floats(-10, 10)))
    scalars = [v for k, v in values.items() if inputs[k] in ("rate", "strength")]
    thresholds = sorted({a * b for a in scalars for b in scalars} | set(scalars))
    shape = draw(shapes)
    for name, kind in inputs.items():
        if kind == "weights":
            values[name] = draw(arrays(st.just(shape), thresholds))
    return values
