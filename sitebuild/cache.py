"""A disk cache keyed on the code that produces each entry, and the names of that code.

[`fingerprint`][sitebuild.cache.fingerprint] hashes the code of a function
together with every function, class and constant of ``reglit`` that it reaches,
and the versions of the libraries that draw and compute. Code means what Python
runs: docstrings, comments, decorators and formatting are left out, so editing a
docstring or a chapter changes no key, while editing a figure function or a
package function it calls changes its key. When an entry is made again, the
cache logs what was made and which code changed.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import importlib
import inspect
import json
import logging
import os
import re
import textwrap
import threading
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("mkdocs.plugins.reglit")

_SIMPLE = (int, float, str, bytes, bool, tuple, frozenset, type(None))


def _versions(*names: str) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return ", ".join(found)


_VERSIONS = _versions("numpy", "matplotlib", "scikit-learn", "scipy")
"""The libraries whose versions can change a result: they are part of every key."""


def resolve(dotted: str) -> Any:
    """The object a dotted name inside reglit stands for, such as ``reglit.updates.l2_step``.

    Raises
    ------
    KeyError
        When the name is outside the package or names nothing in it.
    """
    parts = dotted.split(".")
    if parts[0] != "reglit":
        raise KeyError(f"{dotted!r} is not in the reglit package")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(obj, name):
                raise KeyError(f"{dotted!r}: {obj.__name__} has no {name!r}")
            obj = getattr(obj, name)
        return obj
    raise KeyError(f"{dotted!r} names nothing in reglit")


SHARED = threading.RLock()
"""The build's one lock for work its threads share in its own process: reading code with ``ast`` and
``inspect`` (from several threads at once that can fail in CPython 3.11, ``SystemError: AST constructor
recursion depth mismatch``), computing and certifying experiments (``sitebuild.results``), and assembling
notebook pages, whose sentences' checks read experiments. One lock cannot be taken in two orders; the
kernels and the drawing processes, where the time goes, run outside it."""


@functools.cache  # per object: a rebuild reloads reglit, so an edited function is a new object
def code(obj: Any) -> str:
    """The code of a function or class: its source without docstrings, comments and decorators.

    Examples
    --------
    >>> def double(x):
    ...     '''Twice x.'''
    ...     return 2 * x  # the formula
    >>> code(double)
    'def double(x):\\n    return 2 * x'
    """
    with SHARED:
        source = textwrap.dedent(inspect.getsource(obj))
        try:
            tree = ast.parse(source)
        except SyntaxError:  # a lambda inside an expression: the lines that hold it, as written
            return source.strip()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                node.decorator_list = []
                body = node.body
                if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                    node.body = body[1:] or [ast.Pass()]
        return ast.unparse(tree)


def _in_package(obj: Any) -> bool:
    module = getattr(obj, "__module__", None) or ""
    return (inspect.isfunction(obj) or inspect.isclass(obj)) and module.split(".")[0] == "reglit"


def _package_objects(values: Iterable[Any]) -> Iterator[Any]:
    for value in values:
        if callable(value) and hasattr(value, "__wrapped__"):
            value = inspect.unwrap(value)  # behind functools.cache and the like: the function itself
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
    """Dotted name -> code (or value, for constants) of everything ``roots`` reach in reglit."""
    sources: dict[str, str] = {}
    constants: dict[str, str] = {}
    stack = list(roots)
    while stack:
        obj = stack.pop()
        text = code(obj)
        key = f"{obj.__module__}.{obj.__qualname__}"
        if obj.__name__ == "<lambda>":  # lambdas share a name: tell them apart by their code
            key += f"@{_short(text)}"
        if key not in sources:
            sources[key] = text
            stack.extend(_references(obj, constants))
    return sources | constants


@dataclasses.dataclass(frozen=True)
class Key:
    """A cache key: ``digest`` names the entry; ``parts`` says what went into it, to explain a change."""

    digest: str
    parts: dict[str, str] = dataclasses.field(default_factory=dict)


def fingerprint(*roots: Any, extra: str = "") -> Key:
    """The key of an entry made by ``roots``: the code they reach and the library versions.

    Parameters
    ----------
    *roots : function or class
        What produces the cached entry.
    extra : str
        Anything else the entry depends on.

    Returns
    -------
    Key
        Its digest has 16 hexadecimal digits.
    """
    parts = {"libraries": _short(_VERSIONS), "inputs": _short(extra)}
    parts |= {name: _short(text) for name, text in sorted(dependencies(*roots).items())}
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]
    return Key(digest, parts)


def source_digest(*folders: Path) -> Key:
    """A key over every file under ``folders`` (its path and bytes) and the libraries' versions.

    Coarser than [`fingerprint`][sitebuild.cache.fingerprint] (any edit changes it,
    a docstring's too) and cheap: it keys what is assembled from many entries, so
    that undoing an edit finds the assembly made before it.
    """
    digest = hashlib.sha256(_VERSIONS.encode())
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return Key(digest.hexdigest()[:16])


def _short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The parts of a key that differ between two builds, sorted.

    Examples
    --------
    >>> changed({"reglit.a": "1", "reglit.b": "2"}, {"reglit.a": "1", "reglit.b": "3", "reglit.c": "4"})
    ['reglit.b', 'reglit.c']
    """
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


class DiskCache:
    """Entries stored as files ``folder/kind/name.digest``, several versions of each.

    An entry is found by the digest of what makes it (its key), so undoing an
    edit finds the version made before the edit. The ``KEEP`` versions used
    last are kept; older ones are removed when a new one is stored. Beside
    them, ``name.parts.json`` keeps the parts of the last key stored, so that
    the log can say which code changed. ``also`` are folders read when an entry
    is missing here, never written (the tests read the working tree's cache so).
    """

    KEEP = 4

    def __init__(self, folder: Path, also: tuple[Path, ...] = ()):
        self.folder = Path(folder)
        self.also = tuple(Path(f) for f in also)

    def _path(self, kind: str, name: str, key: Key, suffix: str) -> Path:
        return self.folder / kind / f"{name}.{key.digest}{suffix}"

    def _found(self, kind: str, name: str, key: Key, suffix: str) -> Path | None:
        for folder in (self.folder, *self.also):
            path = folder / kind / f"{name}.{key.digest}{suffix}"
            if path.exists():
                return path
        return None

    def has(self, kind: str, name: str, key: Key, suffix: str = "") -> bool:
        """Whether an entry is stored under that key."""
        return self._found(kind, name, key, suffix) is not None

    def bytes(self, kind: str, name: str, key: Key, make: Callable[[], bytes], suffix: str = "") -> bytes:
        """The cached bytes, or ``make()`` stored under that key (and the reason logged)."""
        found = self._found(kind, name, key, suffix)
        if found is not None:
            if found.parent.parent == self.folder:
                os.utime(found)  # used now: kept longer than versions not used
            return found.read_bytes()
        path = self._path(kind, name, key, suffix)
        data = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        parts = path.parent / f"{name}.parts.json"
        if key.parts:
            before = json.loads(parts.read_text()) if parts.exists() else None
            why = "new" if before is None else ", ".join(changed(before, key.parts)) + " changed"
            log.info("reglit: made %s %s (%s)", kind, name, why)
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
        versions = [
            p
            for p in path.parent.glob(f"{name}.*{suffix}")
            if _DIGEST.fullmatch(p.name[len(name) + 1 :].removesuffix(suffix))
        ]
        for stale in sorted(versions, key=lambda p: p.stat().st_mtime_ns, reverse=True)[self.KEEP :]:
            stale.unlink()
        if key.parts:
            parts.write_text(json.dumps(key.parts, indent=0, sort_keys=True))
        return data

    def json(self, kind: str, name: str, key: Key, make: Callable[[], Any]) -> Any:
        """The cached JSON value, or ``make()`` stored under that key."""
        return json.loads(
            self.bytes(kind, name, key, lambda: json.dumps(make(), default=_plain).encode(), ".json")
        )


_DIGEST = re.compile(r"[0-9a-f]{16,20}(\.[\w.]+)?")


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot store {type(value).__name__} in the cache")
