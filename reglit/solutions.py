"""Solutions to the notebooks' exercises, written as a reader would write them: plain NumPy.

Each function has the name and signature of the function its exercise asks
for; [`reglit.exercises.check`][reglit.exercises.check] holds them to the same
inputs as a reader's attempt, and the site shows them folded under each
exercise. They deliberately use nothing of reglit but ``reglit.fit`` (in
``choose_lambda``), so that they are a second, independent implementation.
"""

from __future__ import annotations

import numpy as np

import reglit

__all__ = [
    "choose_by_cv",
    "choose_lambda",
    "degrees_of_freedom",
    "elastic_net_params",
    "elastic_net_penalty",
    "full_loss",
    "gaussian_prior_lam",
    "intercept",
    "l1_grad",
    "l1_penalty_step",
    "l1_prox_step",
    "l1_step",
    "l2_grad",
    "l2_penalty",
    "l2_penalty_step",
    "l2_step",
    "lambda_max",
    "laplace_prior_lam",
    "lasso_alpha",
    "lasso_residuals",
    "logistic_c",
    "one_standard_error",
    "orthonormal_best_subset",
    "orthonormal_lasso",
    "orthonormal_ridge",
    "ridge_alpha",
    "ridge_fit",
    "shrink_factors",
    "soft_threshold",
    "softmax_cross_entropy",
    "standardize",
    "step_count_lam",
    "torch_weight_decay",
]


def l2_penalty(W):
    return np.sum(np.square(W))


def full_loss(losses, W, lam):
    return np.mean(losses) + lam * np.sum(np.square(W))


def l2_grad(W):
    return 2 * W


def l1_grad(W):
    return np.sign(W)


def l2_penalty_step(W, lr, lam):
    return (1 - 2 * lr * lam) * W


def l2_step(W, lr, lam, grad):
    return W - lr * (grad + 2 * lam * W)


def l1_penalty_step(W, lr, lam):
    return W - lr * lam * np.sign(W)


def l1_step(W, lr, lam, grad):
    return W - lr * (grad + lam * np.sign(W))


def soft_threshold(W, t):
    return np.sign(W) * np.maximum(np.abs(W) - t, 0)


def l1_prox_step(W, lr, lam, grad):
    return soft_threshold(W - lr * grad, lr * lam)


def elastic_net_penalty(W, lam1, lam2):
    return lam1 * np.sum(np.abs(W)) + lam2 * np.sum(np.square(W))


def torch_weight_decay(lam):
    return 2 * lam


def softmax_cross_entropy(X, y, W):
    scores = X @ W
    scores = scores - scores.max(axis=1, keepdims=True)  # same softmax, no overflow
    log_p = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
    return -np.mean(log_p[np.arange(len(y)), y])


def choose_lambda(X_train, y_train, X_val, y_val, lams):
    val_losses = []
    for lam in lams:
        W = reglit.fit(X_train, y_train, loss="mse", method="l2", lr=0.05, lam=lam, steps=100).W
        val_losses.append(np.mean((X_val @ W - y_val) ** 2))
    return lams[int(np.argmin(val_losses))]


def ridge_fit(X, y, lam, lr, steps):
    W = np.zeros(X.shape[1])
    for _ in range(steps):
        grad = 2 / len(y) * X.T @ (X @ W - y)
        W = W - lr * (grad + 2 * lam * W)
    return W


def lasso_alpha(lam):
    return lam / 2


def ridge_alpha(lam, n_samples):
    return n_samples * lam


def shrink_factors(X, lam):
    d = np.linalg.svd(X, compute_uv=False)
    d = np.where(d > d.max(initial=0.0) * max(X.shape) * np.finfo(float).eps, d, 0.0)  # rank as NumPy sees it
    squares = d**2
    return np.divide(squares, squares + len(X) * lam, out=np.zeros_like(squares), where=squares > 0)


def degrees_of_freedom(X, lam):
    return float(np.sum(shrink_factors(X, lam)))


def step_count_lam(lr, steps):
    return 1 / (2 * lr * steps)


def lambda_max(X, y):
    return float(np.max(np.abs(2 / len(y) * X.T @ y), initial=0.0))


def lasso_residuals(W, grad, lam):
    W, grad = np.asarray(W, dtype=float), np.asarray(grad, dtype=float)
    kept = np.abs(grad + lam * np.sign(W))  # a nonzero weight: the pulls must cancel
    at_zero = np.maximum(np.abs(grad) - lam, 0)  # a zero weight: the data may pull up to lambda
    return np.where(W != 0, kept, at_zero)


def orthonormal_lasso(z, lam):
    z = np.asarray(z, dtype=float)
    return np.sign(z) * np.maximum(np.abs(z) - lam / 2, 0)


def orthonormal_best_subset(z, lam):
    z = np.asarray(z, dtype=float)
    return np.where(np.abs(z) > np.sqrt(lam), z, 0.0)


def orthonormal_ridge(z, lam):
    return np.asarray(z, dtype=float) / (1 + lam)


def gaussian_prior_lam(noise, scale, n):
    return noise**2 / (n * scale**2)


def laplace_prior_lam(noise, scale, n):
    return 2 * noise**2 / (n * scale)


def standardize(X):
    X = np.asarray(X, dtype=float)
    scale = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(scale > 0, scale, 1.0)


def intercept(X, y, W):
    return float(np.mean(y) - np.mean(X, axis=0) @ np.asarray(W))


def one_standard_error(lams, mean, se):
    lams, mean, se = np.asarray(lams), np.asarray(mean), np.asarray(se)
    best = np.argmin(mean)
    return float(lams[mean <= mean[best] + se[best]].max())


def choose_by_cv(X, y, lams, folds):
    mean_errors = []
    for lam in lams:
        errors = []
        for k in range(folds.max() + 1):
            train, held = folds != k, folds == k
            n, d = X[train].shape
            W = np.linalg.solve(X[train].T @ X[train] / n + lam * np.eye(d), X[train].T @ y[train] / n)
            errors.append(np.mean((X[held] @ W - y[held]) ** 2))
        mean_errors.append(np.mean(errors))
    return lams[int(np.argmin(mean_errors))]


def elastic_net_params(lam1, lam2):
    alpha = lam1 / 2 + lam2
    return alpha, lam1 / 2 / alpha


def logistic_c(lam, n):
    return 1 / (2 * n * lam)
