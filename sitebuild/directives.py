r"""The directives pages use, in one table, and their expansion before Markdown runs.

A directive is ``{{ NAME: ARGUMENT }}``. [`DIRECTIVES`][sitebuild.directives.DIRECTIVES]
holds each one's handler, its one-line meaning (the README and the contributing
page list them from here, and a test compares) and where it may be used: in a
page of the site, in a notebook's Markdown cells, or both. A directive alone on
its line keeps that line's indentation (inside tabs or admonitions). Code is left
alone: a directive inside a fenced block or an inline code span is shown as
written, so pages can document directives, unless the code carries the class
``expanded`` (``{.sh .expanded}`` after a fence, ``{.expanded}`` after an inline
span): a command with the wheel's address, a call with a computed argument.

Any failure stops the build, naming the page and the directive.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from reglit import exercises
from reglit.formulas import FORMULAS
from sitebuild import claims, distributions, typeset
from sitebuild.cache import resolve
from sitebuild.source import code_without_docstring

if TYPE_CHECKING:
    from sitebuild.build import Build

PAGE, NOTEBOOK = "page", "notebook"


class DirectiveError(ValueError):
    """A directive that cannot be expanded, named with its page."""


@dataclasses.dataclass(frozen=True)
class Place:
    """Where a directive is expanded: the page, what it becomes, and the text around it."""

    source: str
    """The page's source path, such as ``chapters/penalties.md`` or ``notebooks/sparsity.ipynb``."""
    output: str
    """``"page"`` (a page MkDocs renders), ``"notebook"`` (a notebook page's Markdown cell) or
    ``"download"`` (a Markdown cell of the notebook readers download, read in Jupyter)."""
    text: str
    position: int

    @property
    def pages(self) -> str:
        """The suffix links name pages by: ``.md`` for MkDocs, ``.html`` in a notebook page, none away."""
        return {"page": ".md", "notebook": ".html", "download": ""}[self.output]


@dataclasses.dataclass(frozen=True)
class Directive:
    """A directive's handler, its one-line meaning, and where it may be used."""

    handler: Callable[[Build, str, Place], str]
    meaning: str
    where: frozenset[str]
    example: str
    """An argument it takes, as the README shows it."""


DIRECTIVES: dict[str, Directive] = {}
"""Directive name -> its entry, in the order the README lists them."""


def directive(example: str, meaning: str, where: tuple[str, ...] = (PAGE,)) -> Callable:
    """Register the decorated handler under its name (``formula`` for ``def formula``)."""

    def register(handler: Callable[[Build, str, Place], str]) -> Callable:
        DIRECTIVES[handler.__name__] = Directive(handler, meaning, frozenset(where), example)
        return handler

    return register


@directive(
    "l2_step",
    "the registered formula, drawn as math, linked to the function that computes it",
    (PAGE, NOTEBOOK),
)
def formula(build: Build, name: str, place: Place) -> str:
    registered = FORMULAS[name]
    return (
        f"\n$$\n{registered.latex}\n$$\n"
        if place.output == "download"
        else f"\n{typeset.placeholder(name)}\n"
    )


@directive(
    "near_zero", "a figure of `reglit.figures`, in both palettes, with its caption and the code that drew it"
)
def figure(build: Build, name: str, place: Place) -> str:
    from reglit.figures import FIGURES

    for expression in FIGURES[name].checks:
        build.results.check(expression, f"{place.source}: figure {name}", FIGURES[name].alt)
    return build.drawings.figure_markdown(name, place.source)


@directive(
    "step_regimes", "an explorable figure: its default frame, a slider over the others, small multiples"
)
def explore(build: Build, name: str, place: Place) -> str:
    return build.drawings.explorable_html(name, place.source)


@directive("reglit.updates.l2_step", "the code of a function or class of `reglit`, as a code block")
def source(build: Build, dotted: str, place: Place) -> str:
    return f"```python\n{code_without_docstring(resolve(dotted))}```\n"


@directive(
    "sparsity.l1_prox.zeros",
    "a number an experiment computed, formatted (`.6g` unless `:FORMAT` follows)",
    (PAGE, NOTEBOOK),
)
def value(build: Build, path: str, place: Place) -> str:
    return build.results.value(path)


@directive(
    "sparsity",
    'a link to a chapter (`NAME` or `NAME#ANCHOR`) that reads "chapter N"',
    (PAGE, NOTEBOOK),
)
def chapter(build: Build, argument: str, place: Place) -> str:
    return build.navigation.link(argument, place.source, place.pages)


@directive(
    "sparsity.l2.zeros == 0",
    "nothing: the sentence before it is checked against the experiments' results",
    (PAGE, NOTEBOOK),
)
def check(build: Build, expression: str, place: Place) -> str:
    build.results.check(expression, place.source, claims.sentence_before(place.text, place.position))
    return ""


@directive(
    "digits_sweep", "a line saying the experiment's fits are certified minimisers, and by which solver"
)
def certificate(build: Build, name: str, place: Place) -> str:
    return build.results.receipt(name)


@directive(
    "wheel",
    "reglit's `wheel` or `sdist` on the site, or the lowest version reglit declares of a library",
    (PAGE, NOTEBOOK),
)
def package(build: Build, name: str, place: Place) -> str:
    if name in ("wheel", "sdist"):
        return f"{build.site_root}{distributions.FOLDER}/{distributions.names()[name]}"
    return distributions.lowest(name)


@directive(
    "soft_threshold",
    "an exercise's solution, folded; it must pass its checker and each named slip must fail",
    (NOTEBOOK,),
)
def solution(build: Build, name: str, place: Place) -> str:
    exercise = exercises.EXERCISES[name]
    if name not in build.checked_exercises:
        report = exercises.check(name, exercise.solution)
        if not report.passed:
            raise DirectiveError(f"exercise {name!r}: its solution fails the checker:\n{report}")
        for words, slip in exercise.slips.items():
            report = exercises.check(name, slip)
            if report.passed or report.slip != words:
                found = "passes" if report.passed else f"is named {report.slip!r} instead"
                raise DirectiveError(f"exercise {name!r}: the slip {words!r} {found}")
        build.checked_exercises.add(name)
    return (
        '<details class="solution" markdown="1">\n<summary>Solution</summary>\n\n'
        f"```python\n{inspect.getsource(exercise.solution)}```\n\n</details>\n"
    )


_DIRECTIVE = re.compile(r"(^[ \t]*)?\{\{\s*(\w+)\s*:\s*(.*?)\s*\}\}", re.MULTILINE)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)(\{[^}\n]*\})?", re.DOTALL)
_EXPANDED = re.compile(r"\{[^}]*\.expanded\b[^}]*\}")


def code_ranges(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds code shown as written: fenced blocks and inline code spans, not ``.expanded``.

    Examples
    --------
    >>> text = "a `b` c `d`{.expanded}\\n```\\ne\\n```\\n```{.sh .expanded}\\nf\\n```\\n"
    >>> [text[start:end] for start, end in code_ranges(text)]
    ['```\\ne\\n```\\n', '`b`']
    """
    fences, opened, offset = [], None, 0  # (start, end, expanded)
    for line in text.splitlines(keepends=True):
        fence = _FENCE.match(line)
        if opened is None and fence:
            opened = (offset, fence.group(1), bool(_EXPANDED.search(line)))
        elif opened and fence and fence.group(1).startswith(opened[1]) and not line[fence.end() :].strip():
            fences.append((opened[0], offset + len(line), opened[2]))
            opened = None
        offset += len(line)
    if opened is not None:
        fences.append((opened[0], len(text), opened[2]))
    spans = [
        (start + m.start(), start + m.end())
        for start, chunk in _outside(text, [(a, b) for a, b, _ in fences])
        for m in _CODE_SPAN.finditer(chunk)
        if not (m.group(3) and _EXPANDED.fullmatch(m.group(3)))
    ]
    return [(a, b) for a, b, expanded in fences if not expanded] + spans


def _outside(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, str]]:
    pieces, last = [], 0
    for start, end in sorted(ranges):
        pieces.append((last, text[last:start]))
        last = end
    return [*pieces, (last, text[last:])]


def expand(build: Build, text: str, source: str, output: str) -> str:
    """Replace the directives of Markdown from the page ``source`` for ``output``; code is left alone.

    Raises
    ------
    DirectiveError
        Naming the page and the directive: unknown, not allowed here, or failing.
    """
    code = code_ranges(text)
    where = PAGE if output == PAGE else NOTEBOOK

    def replace(match: re.Match) -> str:
        if any(start <= match.start() < end for start, end in code):
            return match.group(0)
        indent, name, argument = match.groups()
        written = f"{{{{ {name}: {argument} }}}}"
        entry = DIRECTIVES.get(name)
        if entry is None:
            raise DirectiveError(
                f"{source}: {written}: no such directive; directives: {', '.join(DIRECTIVES)}"
            )
        if where not in entry.where:
            raise DirectiveError(f"{source}: {written} cannot be used in a {where}")
        try:
            result = entry.handler(build, argument, Place(source, output, text, match.start()))
        except (KeyError, AttributeError, ImportError, ValueError, RuntimeError) as error:
            message = str(error) if str(error).startswith(source) else f"{source}: {written}: {error}"
            raise DirectiveError(message) from None
        return textwrap.indent(result, indent, lambda line: True) if indent else result

    return _DIRECTIVE.sub(replace, text)
