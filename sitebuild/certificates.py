"""Every regularized model the site shows, solved again without reglit, and the receipt a page prints.

An experiment that presents fits as minimisers returns them under ``certified``:
the training data once, and per fit its loss, penalty, strength, weights and the
certificate [`reglit.fit`][reglit.train.fit] gave it (steps, residual, converged).
[`certify`][sitebuild.certificates.certify] solves each problem with a solver that
shares no code with reglit ([`SOLVERS`][sitebuild.certificates.SOLVERS]) and compares:
objectives within [`AGREE`][sitebuild.certificates.AGREE] (relative) and the same exact
zeros. A fit that did not converge, or that disagrees, stops the build naming the
experiment and lambda. [`receipt`][sitebuild.certificates.receipt] writes the line
``{{ certificate: EXPERIMENT }}`` shows beside the experiment's table or figure.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

__all__ = ["AGREE", "SOLVERS", "CertificateError", "certify", "compare", "objective", "receipt"]

AGREE = 1e-6
"""The largest relative difference of objectives at which reglit and the independent solver agree."""


class CertificateError(ValueError):
    """A fit shown as a minimiser is not one: unconverged, or another solver finds a different answer."""


def objective(X, y, W, loss: str, penalty: str, lam: float) -> float:
    """Data loss plus lambda times the penalty, in plain NumPy (none of reglit's code)."""
    X, W = np.asarray(X, dtype=float), np.asarray(W, dtype=float)
    scores = X @ W
    if loss == "mse":
        data = float(np.mean((scores - np.asarray(y, dtype=float)) ** 2))
    else:
        labels = np.asarray(y, dtype=int)
        top = scores.max(axis=1, keepdims=True)
        log_total = np.log(np.exp(scores - top).sum(axis=1)) + top[:, 0]
        data = float(np.mean(log_total - scores[np.arange(len(labels)), labels]))
    size = {"none": 0.0, "l2": float(np.sum(W**2)), "l1": float(np.sum(np.abs(W)))}[penalty]
    return data + lam * size


def _least_squares(X, y, lam):
    if lam == 0:
        return np.linalg.lstsq(X, y, rcond=None)[0]
    n, d = X.shape
    return np.linalg.solve(X.T @ X / n + lam * np.eye(d), X.T @ y / n)


def _lasso(X, y, lam):
    from sklearn.linear_model import Lasso

    if lam == 0:
        return _least_squares(X, y, 0)
    # scikit-learn's lasso is (1/2N) ||y - Xw||^2 + alpha ||w||_1: ours halved, alpha = lambda / 2
    model = Lasso(alpha=lam / 2, fit_intercept=False, tol=1e-14, max_iter=1_000_000)
    return model.fit(X, y).coef_


def _softmax_parts(X, labels, W):
    scores = X @ W
    scores = scores - scores.max(axis=1, keepdims=True)
    P = np.exp(scores)
    P /= P.sum(axis=1, keepdims=True)
    rows = np.arange(len(labels))
    data = float(np.mean(-np.log(P[rows, labels])))
    P[rows, labels] -= 1
    return data, X.T @ P / len(labels)


def _logistic_l2(X, y, lam):
    from sklearn.linear_model import LogisticRegression

    # scikit-learn minimises C sum(CE) + ||W||^2 / 2, ours times 1 / (2 lambda): C = 1 / (2 N lambda)
    model = LogisticRegression(C=1 / (2 * len(y) * lam), fit_intercept=False, tol=1e-14, max_iter=100_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lbfgs reports stopping on its float precision limit
        return model.fit(X, y).coef_.T


def _logistic_l1(X, y, lam):
    from scipy.optimize import minimize

    labels = np.asarray(y, dtype=int)
    shape = (X.shape[1], int(labels.max()) + 1)
    size = shape[0] * shape[1]

    def split(z):  # W = P - Q with P, Q >= 0: the L1 norm becomes the smooth sum(P + Q)
        data, grad = _softmax_parts(X, labels, (z[:size] - z[size:]).reshape(shape))
        return data + lam * z.sum(), np.concatenate([grad.ravel() + lam, -grad.ravel() + lam])

    options = {"maxiter": 100_000, "maxfun": 100_000, "ftol": 1e-16, "gtol": 1e-13}
    z = minimize(
        split,
        np.zeros(2 * size),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0, None)] * (2 * size),
        options=options,
    ).x
    return (z[:size] - z[size:]).reshape(shape)


SOLVERS: dict[tuple[str, str], tuple[str, Callable]] = {
    ("mse", "none"): ("NumPy (least squares)", _least_squares),
    ("mse", "l2"): ("NumPy (the closed form)", _least_squares),
    ("mse", "l1"): ("scikit-learn's Lasso", _lasso),
    ("softmax", "l2"): ("scikit-learn's LogisticRegression (lbfgs)", _logistic_l2),
    ("softmax", "l1"): (
        "SciPy's L-BFGS-B on the weights split into positive and negative parts",
        _logistic_l1,
    ),
}
"""(loss, penalty) -> (the solver's name as a page prints it, function of (X, y, lambda) -> minimiser)."""


def compare(X, y, loss: str, entry: dict) -> dict:
    """One fit against the independent solver: its name, the relative objective gap, how many zeros differ."""
    solver, solve = SOLVERS[(loss, entry["penalty"])]
    W, theirs = np.asarray(entry["W"], dtype=float), solve(X, y, entry["lam"])
    ours_value = objective(X, y, W, loss, entry["penalty"], entry["lam"])
    their_value = objective(X, y, theirs, loss, entry["penalty"], entry["lam"])
    floor = 1e-9 * objective(X, y, np.zeros_like(W), loss, entry["penalty"], entry["lam"])
    return {
        "solver": solver,
        "ours": ours_value,
        "theirs": their_value,
        "gap": abs(ours_value - their_value) / max(abs(their_value), floor),
        "zeros_differ": int(np.count_nonzero((W == 0) != (theirs == 0))),
    }


def certify(name: str, results: dict) -> dict:
    """Check each fit an experiment presents as a minimiser; return what its receipt prints.

    Raises
    ------
    CertificateError
        Naming the experiment, the fit and lambda, when a fit is not converged,
        when its objective differs from the independent solver's by more than
        ``AGREE`` (relative), or when its exact zeros differ.
    """
    problem = results.get("certified")
    if not problem or not problem["fits"]:
        raise CertificateError(f"experiment {name!r} presents no certified fits")
    X, y, loss, fits = (
        np.asarray(problem["X"], dtype=float),
        np.asarray(problem["y"]),
        problem["loss"],
        problem["fits"],
    )
    rows = []
    for entry in fits:
        where = f"experiment {name!r}, {entry['label']} at lambda = {entry['lam']:g}"
        if not entry["converged"]:
            raise CertificateError(
                f"{where}: not converged (residual {entry['residual']:.3g} after {entry['steps']} steps)"
            )
        row = compare(X, y, loss, entry)
        if row["gap"] > AGREE:
            raise CertificateError(
                f"{where}: objective {row['ours']:.10g}, {row['solver']} finds {row['theirs']:.10g} "
                f"(relative difference {row['gap']:.2g} > {AGREE:g})"
            )
        if row["zeros_differ"]:
            raise CertificateError(
                f"{where}: {row['zeros_differ']} weights are exactly zero in one solution and not in the "
                f"other ({row['solver']})"
            )
        rows.append(row)
    return {
        "fits": len(fits),
        "most_steps": max(entry["steps"] for entry in fits),
        "largest_residual": max(entry["residual"] for entry in fits),
        "largest_gap": max(row["gap"] for row in rows),
        "zeros": sum(int(np.count_nonzero(np.asarray(entry["W"]) == 0)) for entry in fits),
        "solvers": {entry["label"]: row["solver"] for entry, row in zip(fits, rows, strict=True)},
    }


def receipt(certificate: dict) -> str:
    """The line a page prints under an experiment: its fits' certificate, in words."""
    fits, solvers = certificate["fits"], certificate["solvers"]
    subject = "the fit" if fits == 1 else "both fits" if fits == 2 else f"all {fits} fits"
    if len(set(solvers.values())) == 1:
        (who,) = set(solvers.values())
    else:
        who = " and ".join(f"{solver} for {label}" for label, solver in solvers.items())
    return (
        f"Certified when this page was built: {subject} reached the optimality tolerance "
        f"(largest residual {_short(certificate['largest_residual'])}, at most "
        f"{certificate['most_steps']:,} {'step' if certificate['most_steps'] == 1 else 'steps'}), and {who}, "
        "solving the same "
        f"{'problem' if fits == 1 else 'problems'} independently, "
        f"{'agrees' if len(set(solvers.values())) == 1 else 'agree'} to "
        f"{_short(certificate['largest_gap'])} in objective"
        + (" and on every exact zero." if certificate.get("zeros", 1) else " (no fit has an exact zero).")
    )


def _short(x: float) -> str:
    return "0" if x == 0 else f"{x:.0e}".replace("e-0", "e-").replace("e+0", "e+")
