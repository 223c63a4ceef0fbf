"""Real data sets for the experiments, from the copies scikit-learn ships (no download).

scikit-learn is needed only here: install it with ``pip install scikit-learn``
(the ``docs`` and ``test`` extras include it).
"""

from __future__ import annotations

import numpy as np

__all__ = ["diabetes", "digits"]


def _sklearn_datasets():
    try:
        from sklearn import datasets
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "reglit.data needs scikit-learn for its bundled data sets: pip install scikit-learn"
        ) from error
    return datasets


def digits(n_train: int = 60, seed: int = 0) -> dict:
    """The 8x8 handwritten digits, split into a small training set and a validation set.

    Each pixel is standardized with the training set's mean and standard
    deviation (plus 0.1, so that pixels that are almost always blank are not
    blown up), and a constant 1 is appended to every example, so that the last
    row of a weight matrix acts as a bias.

    Parameters
    ----------
    n_train : int
        Number of training examples, drawn at random; the other 1797 - n_train
        examples form the validation set.
    seed : int
        Seed of the split.

    Returns
    -------
    dict
        ``X_train``, ``y_train``, ``X_val``, ``y_val``.

    Examples
    --------
    >>> split = digits(n_train=60)
    >>> split["X_train"].shape, split["X_val"].shape
    ((60, 65), (1737, 65))
    """
    X, y = _sklearn_datasets().load_digits(return_X_y=True)
    if not 1 <= n_train < len(y):
        raise ValueError(f"n_train must be between 1 and {len(y) - 1}, got {n_train!r}")
    order = np.random.default_rng(seed).permutation(len(y))
    train, val = order[:n_train], order[n_train:]
    X = X / 16.0
    X = (X - X[train].mean(axis=0)) / (X[train].std(axis=0) + 0.1)
    X = np.column_stack([X, np.ones(len(X))])
    return {"X_train": X[train], "y_train": y[train], "X_val": X[val], "y_val": y[val]}


def diabetes() -> dict:
    """The diabetes regression data: 442 patients, 10 standardized features, centred target.

    Returns
    -------
    dict
        ``X`` (each column with mean 0 and variance 1), ``y`` (mean 0), ``features``.

    Examples
    --------
    >>> data = diabetes()
    >>> data["X"].shape, round(float(data["X"][:, 0].std()), 6), abs(round(float(data["y"].mean()), 6))
    ((442, 10), 1.0, 0.0)
    """
    bunch = _sklearn_datasets().load_diabetes()
    X, y = bunch.data, bunch.target
    return {
        "X": (X - X.mean(axis=0)) / X.std(axis=0),
        "y": y - y.mean(),
        "features": list(bunch.feature_names),
    }
