"""reglit: L1 and L2 regularization, as a small verified reference implementation.

Every public function takes and returns NumPy arrays (or numbers), never
modifies its arguments, keeps float32 as float32, turns integers into float64,
and raises ``TypeError`` or ``ValueError`` naming the parameter on bad input.
The formula in each docstring is checked against the code by the test suite.
"""

from reglit.conventions import (
    elastic_net_params,
    lasso_alpha,
    logistic_c,
    ridge_alpha,
    sgd_alpha,
    torch_weight_decay,
)
from reglit.distances import l1_distance, l2_distance
from reglit.losses import (
    DATA_LOSSES,
    mse,
    mse_grad,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
)
from reglit.optimality import kkt_residual, kkt_residuals, lambda_max, lasso_knots
from reglit.penalties import (
    PENALTIES,
    elastic_net_penalty,
    l1_grad,
    l1_penalty,
    l2_grad,
    l2_penalty,
    regularized_loss,
)
from reglit.preprocessing import intercept, standardize
from reglit.priors import gaussian_prior_lam, laplace_prior_lam
from reglit.shrinkage import (
    curvatures,
    degrees_of_freedom,
    early_stopping_factors,
    orthonormal_best_subset,
    orthonormal_lasso,
    orthonormal_ridge,
    ridge,
    shrink_factors,
    step_count_lam,
)
from reglit.train import METHODS, TOL, ConvergenceWarning, Fit, fit
from reglit.updates import gd_step, l1_prox_step, l1_step, l2_step, soft_threshold
from reglit.validation import CrossValidation, cross_validate, kfold, log_grid, one_standard_error

__version__ = "0.1.0"
"""The version of reglit, written here only: the wheel, the site's footer and the tests read it."""

__all__ = [
    "DATA_LOSSES",
    "METHODS",
    "PENALTIES",
    "TOL",
    "ConvergenceWarning",
    "CrossValidation",
    "Fit",
    "cross_validate",
    "curvatures",
    "degrees_of_freedom",
    "early_stopping_factors",
    "elastic_net_params",
    "elastic_net_penalty",
    "fit",
    "gaussian_prior_lam",
    "gd_step",
    "intercept",
    "kfold",
    "kkt_residual",
    "kkt_residuals",
    "l1_distance",
    "l1_grad",
    "l1_penalty",
    "l1_prox_step",
    "l1_step",
    "l2_distance",
    "l2_grad",
    "l2_penalty",
    "l2_step",
    "lambda_max",
    "laplace_prior_lam",
    "lasso_alpha",
    "lasso_knots",
    "log_grid",
    "logistic_c",
    "mse",
    "mse_grad",
    "one_standard_error",
    "orthonormal_best_subset",
    "orthonormal_lasso",
    "orthonormal_ridge",
    "regularized_loss",
    "ridge",
    "ridge_alpha",
    "sgd_alpha",
    "shrink_factors",
    "soft_threshold",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
    "standardize",
    "step_count_lam",
    "torch_weight_decay",
]
