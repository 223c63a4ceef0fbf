"""Real data sets for the experiments, from the copies scikit-learn ships (no download).

reglit declares scikit-learn as a dependency for this module: installing
reglit installs it. It is imported when a data set is first loaded.
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


def digits(n_train: int = 60, n_val: int = 600, seed: int = 0) -> dict:
    """The 8x8 handwritten digits, split into a small training set, a validation set and a test set.

    The validation set is for choosing settings such as lambda; the test set is
    for reporting the chosen model, on images no choice has seen.

    Each pixel is standardized with the training set's mean and standard
    deviation (plus 0.1, so that pixels that are almost always blank are not
    blown up), and a constant 1 is appended to every example, so that the last
    row of a weight matrix acts as a bias.

    Parameters
    ----------
    n_train : int
        Number of training examples, drawn at random.
    n_val : int
        Number of validation examples, drawn at random from the rest; the
        other 1797 - n_train - n_val examples form the test set.
    seed : int
        Seed of the split.

    Returns
    -------
    dict
        ``X_train``, ``y_train``, ``X_val``, ``y_val``, ``X_test``, ``y_test``.

    Examples
    --------
    >>> split = digits(n_train=60, n_val=600)
    >>> split["X_train"].shape, split["X_val"].shape, split["X_test"].shape
    ((60, 65), (600, 65), (1137, 65))
    """
    X, y = _sklearn_datasets().load_digits(return_X_y=True)
    for name, value, most in (("n_train", n_train, len(y) - 2), ("n_val", n_val, len(y) - 1 - n_train)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
            raise ValueError(f"{name} must be a whole number between 1 and {most}, got {value!r}")
    order = np.random.default_rng(seed).permutation(len(y))
    parts = {
        "train": order[:n_train],
        "val": order[n_train : n_train + n_val],
        "test": order[n_train + n_val :],
    }
    X = X / 16.0
    X = (X - X[parts["train"]].mean(axis=0)) / (X[parts["train"]].std(axis=0) + 0.1)
    X = np.column_stack([X, np.ones(len(X))])
    return {
        f"{axis}_{part}": (X if axis == "X" else y)[rows] for part, rows in parts.items() for axis in "Xy"
    }


def diabetes(standardized: bool = True) -> dict:
    """The diabetes regression data: 442 patients, 10 measurements each, and their disease's progression.

    Parameters
    ----------
    standardized : bool
        Standardize each measurement (subtract its mean, divide by its standard
        deviation, the variance dividing by N) and centre the target (the
        default), so that a penalty weighs every measurement alike and the model
        needs no intercept; or return them as measured (age in years, blood
        pressure in mm Hg, ...). scikit-learn ships the measurements centred and
        scaled to a sum of squares of 1, a variance of 1/N: a different scale
        from either.

    Returns
    -------
    dict
        ``X`` (442 x 10), ``y`` (442), ``features``.

    Examples
    --------
    >>> data = diabetes()
    >>> data["X"].shape, round(float(data["X"][:, 0].std()), 6), abs(round(float(data["y"].mean()), 6))
    ((442, 10), 1.0, 0.0)
    >>> raw = diabetes(standardized=False)
    >>> round(float(raw["X"][:, 0].mean()), 2), round(float(raw["y"].mean()), 2)  # age in years
    (48.52, 152.13)
    """
    if not isinstance(standardized, (bool, np.bool_)):
        raise TypeError(f"standardized must be True or False, got {type(standardized).__name__}")
    bunch = _sklearn_datasets().load_diabetes(scaled=False)
    X, y = bunch.data, bunch.target
    if standardized:
        X, y = (X - X.mean(axis=0)) / X.std(axis=0), y - y.mean()
    return {"X": X, "y": y, "features": list(bunch.feature_names)}
