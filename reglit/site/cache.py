"""A disk cache keyed on the code that produces each entry.

:func:`fingerprint` hashes the source of a function together with every
function, class and constant of ``reglit`` that it reaches, and the versions of
the libraries that draw and compute; editing prose changes none of these, while
editing a figure function or a package function it calls changes its key.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

_SIMPLE = (int, float, str, bytes, bool, tuple, frozenset, type(None))


def _versions(*names: str) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return ", ".join(found)


_VERSIONS = _versions("numpy", "matplotlib", "scikit-learn")
"""The libraries whose versions can change a result: they are part of every key."""


def _in_package(obj: Any) -> bool:
    module = getattr(obj, "__module__", None) or ""
    return (inspect.isfunction(obj) or inspect.isclass(obj)) and module.split(".")[0] == "reglit"


def _package_objects(values: Iterable[Any]) -> Iterator[Any]:
    for value in values:
        if _in_package(value):
            yield value
        elif isinstance(value, dict):
            yield from _package_objects(value.values())
        elif isinstance(value, (list, tuple)):
            yield from _package_objects(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            yield type(value)
            yield from _package_objects(vars(value).values())


def _names(function: Callable[..., Any]) -> set[str]:
    names: set[str] = set()
    codes = [function.__code__]
    while codes:
        code = codes.pop()
        names.update(code.co_names)
        codes.extend(c for c in code.co_consts if inspect.iscode(c))
    return names


def _references(obj: Any, constants: dict[str, str]) -> Iterator[Any]:
    """The package functions and classes that ``obj`` uses; simple constants go to ``constants``."""
    if inspect.isfunction(obj):
        functions = [inspect.unwrap(obj)]  # a decorated function: what it wraps
    else:  # a class: its own methods, not those a decorator such as dataclass generated
        file = inspect.getsourcefile(obj)
        functions = [
            v for v in vars(obj).values() if inspect.isfunction(v) and v.__code__.co_filename == file
        ]
    for function in functions:
        names = _names(function)
        scope = function.__globals__
        values = []
        for name in sorted(n for n in names & scope.keys() if not n.startswith("__")):
            value = scope[name]
            if inspect.ismodule(value):
                if value.__name__.split(".")[0] == "reglit":
                    values.extend(getattr(value, n) for n in sorted(names) if hasattr(value, n))
            elif isinstance(value, _SIMPLE):
                constants[f"{function.__module__}.{name}"] = repr(value)
            else:
                values.append(value)
        values.extend(cell.cell_contents for cell in function.__closure__ or ())
        yield from _package_objects(values)


def dependencies(*roots: Any) -> dict[str, str]:
    """Dotted name -> source (or value, for constants) of everything ``roots`` reach in reglit."""
    sources: dict[str, str] = {}
    constants: dict[str, str] = {}
    stack = list(roots)
    while stack:
        obj = stack.pop()
        key = f"{obj.__module__}.{obj.__qualname__}"
        if key not in sources:
            sources[key] = inspect.getsource(obj)
            stack.extend(_references(obj, constants))
    return sources | constants


def fingerprint(*roots: Any, extra: str = "") -> str:
    """A short hash of the code behind ``roots`` and of the library versions.

    Parameters
    ----------
    *roots : function or class
        What produces the cached entry.
    extra : str
        Anything else the entry depends on.

    Returns
    -------
    str
        16 hexadecimal digits.
    """
    digest = hashlib.sha256(f"{_VERSIONS} {extra}".encode())
    for key, source in sorted(dependencies(*roots).items()):
        digest.update(f"\0{key}\0{source}".encode())
    return digest.hexdigest()[:16]


class DiskCache:
    """Entries stored as files ``folder/kind/name.key``; a new key replaces the old file."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, kind: str, name: str, key: str, suffix: str) -> Path:
        return self.folder / kind / f"{name}.{key}{suffix}"

    def has(self, kind: str, name: str, key: str, suffix: str = "") -> bool:
        """Whether an entry is stored under that key."""
        return self._path(kind, name, key, suffix).exists()

    def bytes(self, kind: str, name: str, key: str, make: Callable[[], bytes], suffix: str = "") -> bytes:
        """The cached bytes, or ``make()`` stored under that key."""
        path = self._path(kind, name, key, suffix)
        if path.exists():
            return path.read_bytes()
        data = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{name}.*{suffix}"):  # older keys of this entry
            stale.unlink()
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
        return data

    def json(self, kind: str, name: str, key: str, make: Callable[[], Any]) -> Any:
        """The cached JSON value, or ``make()`` stored under that key."""
        return json.loads(
            self.bytes(kind, name, key, lambda: json.dumps(make(), default=_plain).encode(), ".json")
        )


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot store {type(value).__name__} in the cache")
