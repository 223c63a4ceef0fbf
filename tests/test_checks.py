"""Bad input: every public function raises TypeError or ValueError naming the parameter."""

import numpy as np
import pytest

import reglit

W = np.array([[1.0, -2.0], [0.5, 0.0]])
G = np.ones_like(W)

# Each public function that takes weights, called with ``W`` replaced by the argument.
TAKES_WEIGHTS = {
    "l1_penalty": lambda w: reglit.l1_penalty(w),
    "l2_penalty": lambda w: reglit.l2_penalty(w),
    "l1_grad": lambda w: reglit.l1_grad(w),
    "l2_grad": lambda w: reglit.l2_grad(w),
    "elastic_net_penalty": lambda w: reglit.elastic_net_penalty(w, 0.1, 0.1),
    "regularized_loss": lambda w: reglit.regularized_loss(1.0, w, 0.1, "l2"),
    "gd_step": lambda w: reglit.gd_step(w, G, 0.1),
    "l2_step": lambda w: reglit.l2_step(w, 0.1, 0.1),
    "l1_step": lambda w: reglit.l1_step(w, 0.1, 0.1),
    "l1_prox_step": lambda w: reglit.l1_prox_step(w, 0.1, 0.1),
    "soft_threshold": lambda w: reglit.soft_threshold(w, 0.1),
    "kkt_residuals": lambda w: reglit.kkt_residuals(w, G, 0.1, "l1"),
    "kkt_residual": lambda w: reglit.kkt_residual(w, G, 0.1, "l2"),
}

BAD_ARRAYS = {
    "nan": (np.array([1.0, np.nan]), ValueError, "must be finite, got nan at index \\(1,\\)"),
    "inf": (np.array([[1.0], [-np.inf]]), ValueError, "must be finite, got -inf at index \\(1, 0\\)"),
    "string": ("1.0", TypeError, "must be a real number or an array of real numbers, got str"),
    "None": (None, TypeError, "got NoneType"),
    "object": (np.array([1.0, "a"], dtype=object), TypeError, "must hold real numbers .* got dtype object"),
    "complex": (np.array([1 + 2j]), TypeError, "got dtype complex128"),
    "bool": (np.array([True, False]), TypeError, "got dtype bool"),
    "strings": (np.array(["a", "b"]), TypeError, "got dtype <U1"),
    "ragged": ([[1.0, 2.0], [3.0]], ValueError, "must be a rectangular array"),
}


@pytest.mark.parametrize("function", sorted(TAKES_WEIGHTS))
@pytest.mark.parametrize("bad", sorted(BAD_ARRAYS))
def test_bad_weights_are_refused_naming_W(function, bad):
    value, error, message = BAD_ARRAYS[bad]
    with pytest.raises(error, match=f"^W .*{message}"):
        TAKES_WEIGHTS[function](value)


# Each public function that takes a non-negative scalar, called with it replaced.
TAKES_SCALAR = {
    ("gd_step", "lr"): lambda x: reglit.gd_step(W, G, x),
    ("l2_step", "lr"): lambda x: reglit.l2_step(W, x, 0.1),
    ("l2_step", "lam"): lambda x: reglit.l2_step(W, 0.1, x),
    ("l1_step", "lr"): lambda x: reglit.l1_step(W, x, 0.1),
    ("l1_step", "lam"): lambda x: reglit.l1_step(W, 0.1, x),
    ("l1_prox_step", "lr"): lambda x: reglit.l1_prox_step(W, x, 0.1),
    ("l1_prox_step", "lam"): lambda x: reglit.l1_prox_step(W, 0.1, x),
    ("soft_threshold", "t"): lambda x: reglit.soft_threshold(W, x),
    ("elastic_net_penalty", "lam1"): lambda x: reglit.elastic_net_penalty(W, x, 0.1),
    ("elastic_net_penalty", "lam2"): lambda x: reglit.elastic_net_penalty(W, 0.1, x),
    ("regularized_loss", "lam"): lambda x: reglit.regularized_loss(1.0, W, x, "l1"),
    ("lasso_alpha", "lam"): lambda x: reglit.lasso_alpha(x),
    ("ridge_alpha", "lam"): lambda x: reglit.ridge_alpha(x, 10),
    ("sgd_alpha", "lam"): lambda x: reglit.sgd_alpha(x),
    ("torch_weight_decay", "lam"): lambda x: reglit.torch_weight_decay(x),
    ("fit", "lr"): lambda x: reglit.fit(
        np.eye(2), [1.0, 2.0], loss="mse", method="l2", lr=x, lam=0.1, steps=1
    ),
    ("fit", "lam"): lambda x: reglit.fit(
        np.eye(2), [1.0, 2.0], loss="mse", method="l2", lr=0.1, lam=x, steps=1
    ),
    ("kkt_residuals", "lam"): lambda x: reglit.kkt_residuals(W, G, x, "l1"),
}

BAD_SCALARS = {
    "negative": (-0.1, ValueError, "must be a finite number >= 0, got -0.1"),
    "nan": (float("nan"), ValueError, "must be a finite number >= 0, got nan"),
    "inf": (float("inf"), ValueError, "must be a finite number >= 0, got inf"),
    "string": ("0.1", TypeError, "must be a real number >= 0, got str"),
    "None": (None, TypeError, "got NoneType"),
    "bool": (True, TypeError, "got bool"),
    "array": (np.array([0.1, 0.2]), TypeError, "got ndarray"),
    "complex": (1j, TypeError, "got complex"),
}


@pytest.mark.parametrize(("function", "name"), sorted(TAKES_SCALAR))
@pytest.mark.parametrize("bad", sorted(BAD_SCALARS))
def test_bad_scalars_are_refused_naming_the_parameter(function, name, bad):
    value, error, message = BAD_SCALARS[bad]
    with pytest.raises(error, match=f"^{name} .*{message}"):
        TAKES_SCALAR[function, name](value)


def test_scalars_may_be_numpy_numbers():
    np.testing.assert_allclose(reglit.l2_step(W, np.float32(0.1), np.array(0.1)), reglit.l2_step(W, 0.1, 0.1))
    assert reglit.l2_step(W.astype(np.float32), np.float64(0.1), 0.1).dtype == np.float32


@pytest.mark.parametrize("step", [reglit.l2_step, reglit.l1_step, reglit.l1_prox_step])
def test_grad_must_match_W_exactly(step):
    with pytest.raises(ValueError, match=r"^grad must have the same shape as W \(2, 2\), got \(2,\)"):
        step(W, 0.1, 0.1, grad=np.ones(2))
    with pytest.raises(ValueError, match=r"^grad must have the same shape as W \(2, 2\), got \(\)"):
        step(W, 0.1, 0.1, grad=1.0)  # a number is not broadcast onto W either
    with pytest.raises(ValueError, match=r"^grad must be finite"):
        step(W, 0.1, 0.1, grad=np.full((2, 2), np.nan))
    with pytest.raises(TypeError, match=r"^grad must hold real numbers"):
        step(W, 0.1, 0.1, grad=np.ones((2, 2), dtype=complex))


def test_gd_step_needs_a_gradient():
    with pytest.raises(TypeError, match=r"^grad must be an array of real numbers, got NoneType"):
        reglit.gd_step(W, None, 0.1)
    with pytest.raises(ValueError, match=r"^grad must have the same shape"):
        reglit.gd_step(W, np.ones(3), 0.1)


@pytest.mark.parametrize("penalty", ["l3", "L2", "", None, 2])
def test_unknown_penalty_names_are_refused(penalty):
    with pytest.raises(ValueError, match=r"^penalty must be one of 'l1', 'l2', got"):
        reglit.regularized_loss(1.0, W, 0.1, penalty)


def test_data_loss_must_be_a_finite_number():
    with pytest.raises(ValueError, match=r"^data_loss must be finite, got nan"):
        reglit.regularized_loss(float("nan"), W, 0.1, "l2")
    with pytest.raises(TypeError, match=r"^data_loss must be a real number, got list"):
        reglit.regularized_loss([1.0], W, 0.1, "l2")


def test_distances_name_their_arguments():
    with pytest.raises(ValueError, match=r"^b must have the same shape as a \(2,\), got \(3,\)"):
        reglit.l1_distance([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"^a must be finite"):
        reglit.l2_distance([np.inf], [1.0])
    with pytest.raises(TypeError, match=r"^b must be a real number"):
        reglit.l2_distance([1.0], None)


def test_ridge_alpha_needs_a_sample_count():
    for bad in (0, -3, 2.5, True, "10"):
        with pytest.raises(ValueError, match=r"^n_samples must be a whole number >= 1"):
            reglit.ridge_alpha(0.1, bad)
