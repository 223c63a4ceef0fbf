r"""Claims in prose, checked while the site builds: ``{{ check: EXPRESSION }}``.

A sentence that states a result carries, right after it, an invisible check: a
Python expression over the numbers the experiments computed. The build
evaluates it; a false check stops the build, naming the page and quoting the
sentence, so the words cannot drift from the data any more than the numbers can.

>>> claim = "L2 leaves every weight nonzero. {{ check: sparsity.l2.zeros == 0 }}"

Inside an expression, each experiment of ``reglit.experiments.EXPERIMENTS`` is a
name whose keys read as attributes (``digits_sweep.best.l2.lam``) and whose
lists are NumPy arrays; ``np`` and the helpers in [`HELPERS`][sitebuild.claims.HELPERS]
are there too. Nothing else is: no imports, no attribute that starts with ``_``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np


class ClaimError(ValueError):
    """A claim whose check is false, or cannot be evaluated."""


class Data:
    """An experiment's results, read by attribute: ``run.l2.zeros`` for ``run["l2"]["zeros"]``."""

    def __init__(self, value: Mapping[str, Any], path: str):
        self._value, self._path = value, path

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_") or key not in self._value:
            raise ClaimError(f"{self._path} has no key {key!r}; it has {', '.join(sorted(self._value))}")
        return wrap(self._value[key], f"{self._path}.{key}")

    def __getitem__(self, key: Any) -> Any:
        return wrap(self._value[str(key)], f"{self._path}[{key!r}]")


def wrap(value: Any, path: str) -> Any:
    """Dicts become [`Data`][sitebuild.claims.Data], lists NumPy arrays, numbers stay numbers."""
    if isinstance(value, Mapping):
        return Data(value, path)
    if isinstance(value, list):
        return np.asarray(value)
    return value


def increasing(values) -> bool:
    """Whether each value is larger than the one before."""
    return bool(np.all(np.diff(np.asarray(values, dtype=float)) > 0))


def decreasing(values) -> bool:
    """Whether each value is smaller than the one before."""
    return bool(np.all(np.diff(np.asarray(values, dtype=float)) < 0))


def between(value, low, high) -> bool:
    """Whether ``low <= value <= high``, element by element for arrays."""
    return bool(np.all((np.asarray(value) >= low) & (np.asarray(value) <= high)))


def argmin(values) -> int:
    """The index of the smallest value."""
    return int(np.argmin(values))


def argmax(values) -> int:
    """The index of the largest value."""
    return int(np.argmax(values))


def index_of(values, value) -> int:
    """The index of ``value`` among ``values`` (compared as floats, to rounding)."""
    found = np.flatnonzero(np.isclose(np.asarray(values, dtype=float), value))
    if not len(found):
        raise ClaimError(f"{value!r} is not among {values!r}")
    return int(found[0])


def colour_name(rgb) -> str:
    """A plain name for a colour: white, grey, black, or the hue (red, orange, ..., purple)."""
    import colorsys

    hue, lightness, saturation = colorsys.rgb_to_hls(*rgb[:3])
    if saturation < 0.2 or lightness > 0.93:
        return "white" if lightness > 0.8 else "black" if lightness < 0.15 else "grey"
    hues = [(15, "red"), (45, "orange"), (70, "yellow"), (170, "green"), (250, "blue"), (330, "purple")]
    degrees = hue * 360
    return next((name for limit, name in hues if degrees < limit), "red")


def weight_colour(sign: int) -> str:
    """The colour the site's figures give a weight of this sign (``reglit.figures.DIVERGING``)."""
    import matplotlib as mpl

    from reglit.figures import DIVERGING

    return colour_name(mpl.colormaps[DIVERGING]((np.sign(sign) + 1) / 2))


HELPERS: dict[str, Callable[..., Any]] = {
    "abs": abs,
    "all": all,
    "any": any,
    "argmax": argmax,
    "argmin": argmin,
    "between": between,
    "decreasing": decreasing,
    "increasing": increasing,
    "index_of": index_of,
    "len": len,
    "max": max,
    "min": min,
    "round": round,
    "sorted": sorted,
    "sum": sum,
    "weight_colour": weight_colour,
}
"""Function name -> function, for checks; with ``np`` for anything NumPy computes."""


def names(expression: str) -> set[str]:
    """The free names an expression uses, or ClaimError for one that reaches outside the data."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as error:
        raise ClaimError(f"check `{expression}` is not a Python expression: {error.msg}") from None
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            raise ClaimError(f"check `{expression}` reaches a private attribute {node.attr!r}")
        if isinstance(node, ast.Name):
            used.add(node.id)
    targets = [c.target for c in ast.walk(tree) if isinstance(c, ast.comprehension)]
    bound = {n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name)}
    return used - bound


def holds(expression: str, data: Callable[[str], Mapping[str, Any]], known: set[str]) -> bool:
    """Evaluate a check; ``data(name)`` gives the results of the experiment ``name`` (one of ``known``).

    Examples
    --------
    >>> results = {"run": {"zeros": [0, 3, 7], "best": {"lam": 0.01}}}
    >>> holds("increasing(run.zeros) and run.best.lam < 0.1", results.get, {"run"})
    True
    """
    scope: dict[str, Any] = {"np": np, **HELPERS}
    for name in sorted(names(expression)):
        if name in scope:
            continue
        if name not in known:
            raise ClaimError(
                f"check `{expression}`: unknown name {name!r}; experiments: {', '.join(sorted(known))}"
            )
        scope[name] = wrap(data(name), name)
    try:
        # NumPy imports lazily from inside its own methods: it needs __import__, checks cannot name it.
        builtins = {"__import__": __import__}
        result = eval(compile(expression, "<check>", "eval"), {"__builtins__": builtins, **scope})
    except ClaimError:
        raise
    except Exception as error:
        raise ClaimError(f"check `{expression}` failed: {type(error).__name__}: {error}") from None
    if isinstance(result, np.ndarray):
        raise ClaimError(f"check `{expression}` gives an array; say all(...) or any(...)")
    return bool(result)


_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-Z(`$*_\[])|\n\s*\n|^\s*[-*|#]|\|", re.MULTILINE)


def sentence_before(text: str, position: int) -> str:
    """The sentence that ends where a check starts: what the check is about, for error messages.

    Examples
    --------
    >>> text = "One claim. Another, with 3 zeros. {{ check: x }}"
    >>> sentence_before(text, text.index("{{"))
    'Another, with 3 zeros.'
    """
    before = text[:position].rstrip()
    starts = [m.end() for m in _SENTENCE_END.finditer(before)]
    return " ".join(before[max(starts, default=0) :].split())
