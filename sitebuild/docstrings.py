"""A griffe extension, listed in mkdocs.yml, that shows registered formulas by name on API reference pages.

The ``$$`` blocks of a docstring that the formula registry names (by function
and block number) become the same placeholders a chapter's ``{{ formula: NAME }}``
gives, so [`sitebuild.typeset`][sitebuild.typeset] draws and links them as on every
other page. A block the registry does not name is left as it is, and the build
stops on it, as it would on a formula typed into a chapter.
"""

from __future__ import annotations

import re
from itertools import count
from typing import Any

import griffe

from reglit.formulas import DISPLAY_MATH, FORMULAS
from sitebuild.typeset import placeholder


class RegisteredFormulas(griffe.Extension):
    """Replace each registered display-math block of a function's docstring by its placeholder."""

    def on_function_instance(self, *, func: griffe.Function, **kwargs: Any) -> None:
        if func.docstring is None:
            return
        names = {(f.qualname, f.block): f.name for f in FORMULAS.values()}
        blocks = count()

        def replace(match: re.Match) -> str:
            name = names.get((func.path, next(blocks)))
            return placeholder(name) if name else match.group(0)

        func.docstring.value = DISPLAY_MATH.sub(replace, func.docstring.value)
