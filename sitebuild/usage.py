"""What a notebook's code uses of reglit: names, and the figures its cells show.

Read from the code cells with ``ast``, however they import reglit
(``reglit.l2_step``, ``from reglit import l2_step``, ``import reglit.figures as f``).
The notebooks' cache keys come from here: editing the package re-runs exactly the
notebooks that use what changed.
"""

from __future__ import annotations

import ast
from typing import Any

import nbformat

from reglit.explorables import EXPLORABLES
from reglit.figures import FIGURES
from sitebuild.cache import resolve


def _code(cell: nbformat.NotebookNode) -> str:
    """A code cell as Python: IPython magics and shell escapes become blank lines."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.splitlines()
    )


def used_names(notebook: nbformat.NotebookNode) -> list[str]:
    """The dotted names in ``reglit`` that the notebook's code cells use, however they were imported.

    Examples
    --------
    >>> cells = ["import reglit.figures as f\\nf.near_zero()", "from reglit import l2_step\\nl2_step(1,0,0)"]
    >>> used_names(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]))
    ['reglit.figures', 'reglit.figures.near_zero', 'reglit.l2_step']
    """
    trees = [ast.parse(_code(c)) for c in notebook.cells if c.cell_type == "code"]
    aliases = _aliases(trees)
    used: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if name := _reglit_name(node, aliases):
                used.add(name)
    return sorted(_longest_resolvable(name) for name in used)


def _aliases(trees: list[ast.Module]) -> dict[str, str]:
    """Local name -> the dotted name in reglit it was imported as."""
    aliases: dict[str, str] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "reglit":
                        local = alias.asname or alias.name.split(".")[0]
                        aliases[local] = alias.name if alias.asname else "reglit"
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "reglit":
                for alias in node.names:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


def shown_figures(notebook: nbformat.NotebookNode) -> dict[int, tuple[str, float | None]]:
    """Cell index -> the site drawing the cell shows, for cells that end by drawing one: the figure's name
    and ``None``, or the explorable figure's name and the value of its frame.

    A cell shows a figure when its last line calls a figure function, or a
    frame of an explorable figure with no argument (its default) or one number.
    """
    trees = {i: ast.parse(_code(c)) for i, c in enumerate(notebook.cells) if c.cell_type == "code"}
    aliases = _aliases(list(trees.values()))
    drawn = {spec.function: (name, None) for name, spec in FIGURES.items()}
    drawn |= {spec.frame: (name, spec.default) for name, spec in EXPLORABLES.items()}
    shown = {}
    for index, tree in trees.items():
        last = tree.body[-1] if tree.body else None
        if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
            call = last.value
            name = _reglit_name(call.func, aliases)
            try:
                obj = resolve(name) if name else None
                arguments = [ast.literal_eval(a) for a in call.args]
            except (KeyError, ValueError):
                continue
            if obj in drawn and not call.keywords and len(arguments) <= (drawn[obj][1] is not None):
                figure, default = drawn[obj]
                shown[index] = (figure, arguments[0] if arguments else default)
    return shown


def _reglit_name(node: ast.AST, aliases: dict[str, str]) -> str | None:
    """The dotted name in reglit that ``a.b.c`` stands for, given the imports; ``None`` outside reglit."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name) and node.id in aliases:
        return ".".join([aliases[node.id], *reversed(parts)])
    return None


def _longest_resolvable(dotted: str) -> str:
    """The longest prefix of ``dotted`` that names something: ``reglit.fit`` for ``reglit.fit.zeros``."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            resolve(".".join(parts[:cut]))
        except KeyError:
            continue
        return ".".join(parts[:cut])
    return parts[0]


def used_objects(notebook: nbformat.NotebookNode) -> list[Any]:
    """The functions and classes of reglit that the notebook's code cells use."""
    objects = [resolve(name) for name in used_names(notebook)]
    return [o for o in objects if callable(o)]
