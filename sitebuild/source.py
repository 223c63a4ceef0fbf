"""The code of the package as pages show it: ``{{ source: ... }}`` and the code under each figure."""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Any


def code_without_docstring(obj: Any) -> str:
    """The source of a function or class as written, without its decorators and docstring.

    Pages show the docstring as prose, and a figure's alt text and caption beside it.

    Examples
    --------
    >>> def double(x):
    ...     '''Twice x.'''
    ...     return 2 * x
    >>> print(code_without_docstring(double), end="")
    def double(x):
        return 2 * x
    """
    source = textwrap.dedent(inspect.getsource(obj))
    node = ast.parse(source).body[0]
    lines = source.splitlines(keepends=True)
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        lines[body[0].lineno - 1 : body[0].end_lineno] = []
    return "".join(lines[node.lineno - 1 :])
