"""Input checks shared by every public function.

Each check returns the value in the form the numerics use, or raises an error
whose message names the parameter and says what was expected.

Arrays: real numbers only (bool, complex, object and string input is refused);
integers become float64 so nothing is truncated; floating dtypes are kept, so
float32 stays float32; NaN and infinity are refused. Empty arrays are accepted:
a penalty or distance of an empty array is 0.0 (an empty sum) and a step
returns an empty array of the same shape.
"""

from __future__ import annotations

import math
import numbers

import numpy as np


def real_array(x, name: str) -> np.ndarray:
    """Return ``x`` as a finite real float array, or raise naming ``name``."""
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be a real number or an array of real numbers, got {type(x).__name__}")
    try:
        array = np.asarray(x)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of real numbers: {error}") from None
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers (int or float), got dtype {array.dtype}")
    if array.dtype.kind in "iu":
        array = array.astype(np.float64)
    if not np.isfinite(array).all():
        bad = np.argwhere(~np.isfinite(array))[0]
        where = f" at index {tuple(int(i) for i in bad)}" if array.ndim else ""
        raise ValueError(f"{name} must be finite, got {array[tuple(bad)]}{where}")
    return array


def design(X, name: str = "X", least: int = 0) -> np.ndarray:
    """Return ``X`` as a finite real 2-D array of examples, one a row, at least ``least`` of them."""
    X = real_array(X, name)
    if X.ndim != 2 or len(X) < least:
        rows = f", at least {least}" if least else ""
        raise ValueError(f"{name} must be a 2-D array with one example a row{rows}, got shape {X.shape}")
    return X


def nonnegative(x, name: str) -> float:
    """Return ``x`` as a Python float if it is a finite real number >= 0."""
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x[()]
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a real number >= 0, got {type(x).__name__}")
    value = float(x)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return value


def finite_real(x, name: str) -> float:
    """Return ``x`` as a Python float if it is a finite real number."""
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x[()]
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(x).__name__}")
    value = float(x)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def whole(x, name: str, least: int = 0) -> int:
    """Return ``x`` as a Python int if it is a whole number (Python or NumPy integer) >= ``least``."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Integral) or x < least:
        raise ValueError(f"{name} must be a whole number >= {least}, got {x!r}")
    return int(x)


def same_shape(W: np.ndarray, other: np.ndarray, name: str, W_name: str = "W") -> None:
    """Refuse to broadcast ``other`` onto ``W``: their shapes must be equal."""
    if W.shape != other.shape:
        raise ValueError(f"{name} must have the same shape as {W_name} {W.shape}, got {other.shape}")


def choice(value, name: str, options) -> str:
    """Return ``value`` if it is one of ``options`` (strings), else raise."""
    if not isinstance(value, str) or value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {listed}, got {value!r}")
    return value


def result(array: np.ndarray):
    """An array result, or a NumPy scalar of the same dtype when it is 0-d."""
    return array[()] if array.ndim == 0 else array
