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
    "choose_lambda",
    "elastic_net_penalty",
    "full_loss",
    "l1_grad",
    "l1_penalty_step",
    "l1_prox_step",
    "l1_step",
    "l2_grad",
    "l2_penalty",
    "l2_penalty_step",
    "l2_step",
    "lasso_alpha",
    "ridge_alpha",
    "ridge_fit",
    "soft_threshold",
    "softmax_cross_entropy",
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
