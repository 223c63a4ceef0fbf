r"""A numeric evaluator for the small LaTeX subset the site's formulas use.

The formulas readers see are written once, in LaTeX, in the docstrings of the
functions that implement them. This module reads that LaTeX and computes it with
NumPy, so a test can compare each formula with its function on many inputs.
It knows exactly the notation the site uses, and fails loudly on anything else:

| notation | meaning |
|---|---|
| ``2``, ``0.5``, ``\frac{a}{b}`` | numbers and division |
| ``a b``, ``a \cdot b``, ``a + b`` | element-wise product, sum, difference |
| ``x^2``, ``e^{x}``, ``\sqrt{x}`` | power, exponential, square root |
| ``\lvert x \rvert`` | element-wise absolute value |
| ``\operatorname{sign}(x)`` | element-wise sign, with sign(0) = 0 |
| ``\max(a, b)``, ``\min``, ``\log`` | element-wise maximum, minimum, natural log |
| ``\sum_k x`` | sum over index ``k``; its range is the length of the axis that ``k`` indexes in ``x`` |
| ``\max_k x`` | largest value over index ``k``, its range found the same way |
| ``W_{k,l}`` | entry ``(k, l)`` of ``W`` (0-based) |
| ``\lambda_1``, ``I_1``, ``R_{\text{L1}}`` | a name, when that name is bound |
| ``S_t(x)`` | a bound function called as ``S(t, x)`` |
| ``\nabla_W L`` | a name (bind it like any other) |
| ``\begin{cases} ... \end{cases}`` | element-wise choice, rows ``value & \text{if } cond`` (below) |
| ``a = b = c``, ``W \leftarrow b`` | a chain of parts that must all agree (below) |

The rows of a ``cases`` must not overlap, and must cover every element (NaN,
which never agrees, where they do not). In a chain, the part before
``\leftarrow`` is the target and is not evaluated.

[`plain`][reglit.latex.plain] writes the same notation as one line of Unicode text, for
places that cannot draw math: a plain-text report, a PDF's text layer.

A bound name ``R`` followed by ``(...)`` is a call when ``R`` is bound to a
function and a product otherwise, so ``\eta(a + b)`` means eta times (a + b).
The letter ``e`` is Euler's number unless it is bound.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Chain", "LatexError", "Node", "canonical", "evaluate", "parse", "plain"]


class LatexError(ValueError):
    """Raised for LaTeX outside the supported subset, or that cannot be evaluated."""


# --------------------------------------------------------------------------- tokens

_SPACING = {r"\,", r"\;", r"\:", r"\!", r"\ ", r"\quad", r"\qquad"}
_GREEK = {
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "eta",
    "theta",
    "lambda",
    "mu",
    "pi",
    "sigma",
    "tau",
}
_FUNCTIONS = {"max", "min", "log", "exp"}
_RELATIONS = {"=", r"\leftarrow", "<", ">", r"\le", r"\ge", r"\leq", r"\geq", r"\neq"}
_TOKEN = re.compile(r"\\[A-Za-z]+|\\\\|\\.|\d+(?:\.\d+)?|[A-Za-z]|\S")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


def _tokenize(src: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(src):
        text = match.group()
        if text in _SPACING:
            continue
        tokens.append(_Token(text, match.start(), match.end()))
    return tokens


def canonical(latex: str) -> str:
    r"""Return the name a piece of LaTeX binds to.

    Spaces, braces, backslashes and ``\text``/``\mathrm`` wrappers are dropped,
    so ``\lambda_1``, ``\lambda_{1}`` and ``\lambda_{\text{1}}`` are one name.

    Examples
    --------
    >>> canonical(r"\nabla_W L_{\text{data}}")
    'nabla_WL_data'
    >>> canonical(r"\lambda_{1}")
    'lambda_1'
    """
    text = re.sub(r"\\(text|mathrm|operatorname)\b", "", latex)
    return re.sub(r"[\s{}\\]", "", text)


# --------------------------------------------------------------------------- syntax tree


@dataclass(frozen=True)
class Node:
    """One node of a parsed formula, with its span in the source text."""

    kind: str
    start: int
    end: int
    value: Any = None
    children: tuple[Node, ...] = field(default=())

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Chain:
    """A parsed formula: parts joined by relations, such as ``a = b`` or ``W \\leftarrow b``."""

    source: str
    parts: tuple[Node, ...]
    relations: tuple[str, ...]

    def evaluated_parts(self) -> tuple[Node, ...]:
        """The parts whose values must agree: all but an assignment target."""
        if self.relations and self.relations[0] == r"\leftarrow":
            return self.parts[1:]
        return self.parts


class _Parser:
    def __init__(self, src: str):
        self.src = src
        self.tokens = _tokenize(src)
        self.pos = 0

    # helpers
    def peek(self, offset: int = 0) -> str | None:
        i = self.pos + offset
        return self.tokens[i].text if i < len(self.tokens) else None

    def take(self, expected: str | None = None) -> _Token:
        if self.pos >= len(self.tokens):
            raise self.error(f"expected {expected!r}, reached the end")
        token = self.tokens[self.pos]
        if expected is not None and token.text != expected:
            raise self.error(f"expected {expected!r}, got {token.text!r}")
        self.pos += 1
        return token

    def error(self, message: str) -> LatexError:
        where = self.tokens[self.pos].start if self.pos < len(self.tokens) else len(self.src)
        return LatexError(f"{message} at column {where} of {self.src!r}")

    def here(self) -> int:
        return self.tokens[self.pos].start if self.pos < len(self.tokens) else len(self.src)

    def last_end(self) -> int:
        return self.tokens[self.pos - 1].end

    def node(self, kind: str, start: int, value: Any = None, *children: Node) -> Node:
        return Node(kind, start, self.last_end(), value, tuple(children))

    # grammar
    def chain(self) -> Chain:
        parts = [self.expr()]
        relations = []
        while self.peek() in _RELATIONS:
            relations.append(self.take().text)
            parts.append(self.expr())
        if self.peek() is not None:
            raise self.error(f"unexpected {self.peek()!r}")
        return Chain(self.src, tuple(parts), tuple(relations))

    def expr(self) -> Node:
        start = self.here()
        if self.peek() in {"+", "-"}:
            sign = self.take().text
            left = self.term()
            if sign == "-":
                left = self.node("neg", start, None, left)
        else:
            left = self.term()
        while self.peek() in {"+", "-"}:
            op = self.take().text
            right = self.term()
            left = self.node("add" if op == "+" else "minus", start, None, left, right)
        return left

    def term(self) -> Node:
        start = self.here()
        left = self.postfix()
        while True:
            nxt = self.peek()
            if nxt in {r"\cdot", r"\times"}:
                self.take()
                left = self.node("mul", start, None, left, self.postfix())
            elif nxt == "/":
                self.take()
                left = self.node("div", start, None, left, self.postfix())
            elif self.starts_atom():
                left = self.node("mul", start, None, left, self.postfix())
            else:
                return left

    def starts_atom(self) -> bool:
        nxt = self.peek()
        if nxt is None or nxt in _RELATIONS or nxt in {"+", "-", "}", ")", ",", "&", r"\\"}:
            return False
        return nxt not in {r"\right", r"\rvert", r"\end", "|", "^", "_", "/", r"\cdot", r"\times"}

    def postfix(self) -> Node:
        start = self.here()
        base = self.atom()
        callable_shape = base.kind in {"name", "sub"}
        while True:
            nxt = self.peek()
            if nxt == "_" and base.kind == "name":
                self.take()
                parts = self.subscript_parts()
                base = self.node("sub", start, None, base, *parts)
            elif nxt == "^":
                self.take()
                exponent = self.group_or_atom()
                base = self.node("pow", start, None, base, exponent)
                callable_shape = False
            elif callable_shape and nxt in {"(", r"\left"} and self.opens_paren():
                args = self.paren_args()
                base = self.node("apply", start, None, base, *args)
                callable_shape = False
            else:
                return base

    def opens_paren(self) -> bool:
        return self.peek() == "(" or (self.peek() == r"\left" and self.peek(1) == "(")

    def paren_args(self) -> list[Node]:
        closing = ")"
        if self.peek() == r"\left":
            self.take()
            closing = r"\right"
        self.take("(")
        args = [self.expr()]
        while self.peek() == ",":
            self.take()
            args.append(self.expr())
        self.take(closing)
        if closing == r"\right":
            self.take(")")
        return args

    def subscript_parts(self) -> list[Node]:
        if self.peek() != "{":
            return [self.atom()]
        self.take("{")
        parts = [self.expr()]
        while self.peek() == ",":
            self.take()
            parts.append(self.expr())
        self.take("}")
        return parts

    def group_or_atom(self) -> Node:
        if self.peek() == "{":
            return self.braced()
        return self.atom()

    def braced(self) -> Node:
        self.take("{")
        inner = self.expr()
        self.take("}")
        return inner

    def text_arg(self) -> str:
        self.take("{")
        start = self.here()
        depth = 1
        while depth:
            token = self.take()
            depth += {"{": 1, "}": -1}.get(token.text, 0)
        return self.src[start : self.last_end() - 1]

    def atom(self) -> Node:
        start = self.here()
        token = self.take()
        text = token.text
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return self.node("num", start, float(text))
        if re.fullmatch(r"[A-Za-z]", text):
            return self.node("name", start, text)
        if text.startswith("\\") and text[1:] in _GREEK:
            return self.node("name", start, text[1:])
        if text == "{":
            inner = self.expr()
            self.take("}")
            return inner
        if text == "(":
            inner = self.expr()
            self.take(")")
            return inner
        if text == r"\left":
            return self.left_group(start)
        if text == r"\lvert":
            inner = self.expr()
            self.take(r"\rvert")
            return self.node("abs", start, None, inner)
        if text == "|":
            inner = self.expr()
            self.take("|")
            return self.node("abs", start, None, inner)
        if text in {r"\frac", r"\tfrac", r"\dfrac"}:
            numerator = self.braced()
            denominator = self.braced()
            return self.node("div", start, None, numerator, denominator)
        if text == r"\sqrt":
            return self.node("sqrt", start, None, self.braced())
        if text == r"\operatorname":
            name = self.text_arg().strip()
            return self.function_call(start, name)
        if text == r"\sum" or (text == r"\max" and self.peek() == "_"):
            self.take("_")
            index = self.group_or_atom()
            if index.kind != "name":
                raise self.error(f"a {text[1:]}'s subscript must be one index letter")
            body = self.term()
            return self.node(text[1:], start, index.value, body)
        if text.startswith("\\") and text[1:] in _FUNCTIONS:
            return self.function_call(start, text[1:])
        if text == r"\text":
            return self.node("text", start, self.text_arg())
        if text == r"\nabla":
            self.take("_")
            self.group_or_atom()
            operand = self.postfix()
            name = canonical(self.src[start : operand.end])
            return self.node("name", start, name)
        if text == r"\begin":
            if self.text_arg() != "cases":
                raise self.error("only the cases environment is supported")
            return self.cases(start)
        raise LatexError(f"unsupported LaTeX {text!r} at column {token.start} of {self.src!r}")

    def left_group(self, start: int) -> Node:
        opener = self.take().text
        closers = {"(": ")", r"\lvert": r"\rvert", "|": "|"}
        if opener not in closers:
            raise self.error(f"unsupported delimiter \\left{opener}")
        inner = self.expr()
        self.take(r"\right")
        self.take(closers[opener])
        if opener == "(":
            return inner
        return self.node("abs", start, None, inner)

    def function_call(self, start: int, name: str) -> Node:
        if self.opens_paren():
            args = self.paren_args()
        else:
            args = [self.term()]
        return self.node("call", start, name, *args)

    def cases(self, start: int) -> Node:
        rows = []
        more = True
        while more:
            value = self.expr()
            self.take("&")
            condition = self.case_condition()
            rows.append(Node("row", value.start, condition.end, None, (value, condition)))
            more = self.next_row_or_end()
        return self.node("cases", start, None, *rows)

    def case_condition(self) -> Node:
        start = self.here()
        if self.peek() == r"\text":
            self.take()
            words = self.text_arg().strip()
            if words == "otherwise":
                return self.node("otherwise", start)
            if words != "if":
                raise self.error(f"a cases row reads \\text{{if}} or \\text{{otherwise}}, got {words!r}")
        return self.condition()

    def next_row_or_end(self) -> bool:
        if self.peek() == r"\\":
            self.take()
            return True
        self.take(r"\end")
        if self.text_arg() != "cases":
            raise self.error("expected \\end{cases}")
        return False

    def condition(self) -> Node:
        start = self.here()
        left = self.expr()
        if self.peek() not in _RELATIONS - {r"\leftarrow"}:
            raise self.error("a cases condition needs a relation such as > or =")
        op = self.take().text
        right = self.expr()
        return self.node("rel", start, op, left, right)


def parse(latex: str) -> Chain:
    r"""Parse a formula into a [`Chain`][reglit.latex.Chain] of parts.

    Examples
    --------
    >>> chain = parse(r"W \leftarrow W - \eta \cdot 2\lambda W = (1 - 2\eta\lambda)\,W")
    >>> chain.relations
    ('\\leftarrow', '=')
    >>> [chain.source[p.start:p.end] for p in chain.evaluated_parts()]
    ['W - \\eta \\cdot 2\\lambda W', '(1 - 2\\eta\\lambda)\\,W']
    """
    return _Parser(latex).chain()


# --------------------------------------------------------------------------- evaluation


def _sign(x):
    return np.sign(x)


_BUILTINS: dict[str, Callable[..., Any]] = {
    "sign": _sign,
    "max": np.maximum,
    "min": np.minimum,
    "log": np.log,
    "exp": np.exp,
}
_COMPARE = {
    "=": np.equal,
    "<": np.less,
    ">": np.greater,
    r"\le": np.less_equal,
    r"\leq": np.less_equal,
    r"\ge": np.greater_equal,
    r"\geq": np.greater_equal,
    r"\neq": np.not_equal,
}


class _Evaluator:
    def __init__(self, source: str, env: Mapping[str, Any]):
        self.source = source
        self.env = {k: np.asarray(v) if isinstance(v, list) else v for k, v in env.items()}

    def text(self, node: Node) -> str:
        return self.source[node.start : node.end]

    def error(self, node: Node, message: str) -> LatexError:
        return LatexError(f"{message} in {self.text(node)!r} of {self.source!r}")

    def resolve(self, node: Node) -> tuple[Any, tuple[Node, ...]]:
        """Value bound to a name or subscripted name, and the subscripts left over."""
        if node.kind == "name":
            if node.value in self.env:
                return self.env[node.value], ()
            if node.value == "e":
                return math.e, ()
            raise self.error(node, f"unbound symbol {node.value!r}")
        base, parts = node.children[0], node.children[1:]
        for k in range(len(parts), -1, -1):
            key = (
                base.value
                if k == 0
                else base.value + "_" + ",".join(canonical(self.text(p)) for p in parts[:k])
            )
            if key in self.env:
                return self.env[key], parts[k:]
        raise self.error(node, f"unbound symbol {base.value!r}")

    def ev(self, node: Node) -> Any:
        kind = node.kind
        if kind in {"sub", "apply", "call", "text"} and canonical(self.text(node)) in self.env:
            return self.env[canonical(self.text(node))]
        if kind == "num":
            return node.value
        if kind in {"name", "sub"}:
            value, rest = self.resolve(node)
            if not rest:
                return value
            args = [self.ev(p) for p in rest]
            if callable(value):
                return _Partial(value, args)
            return self.index(node, value, args)
        if kind == "apply":
            callee = self.ev(node.children[0])
            args = [self.ev(a) for a in node.children[1:]]
            if callable(callee):
                return callee(*args)
            if len(args) != 1:
                raise self.error(node, "a product with a parenthesised list")
            return callee * args[0]
        if kind == "call":
            function = self.env.get(node.value, _BUILTINS.get(node.value))
            if function is None:
                raise self.error(node, f"unknown function {node.value!r}")
            return function(*(self.ev(a) for a in node.children))
        if kind == "neg":
            return -self.ev(node.children[0])
        if kind in {"add", "minus", "mul", "div", "pow"}:
            left, right = (self.ev(c) for c in node.children)
            if kind == "add":
                return left + right
            if kind == "minus":
                return left - right
            if kind == "mul":
                return left * right
            if kind == "div":
                return np.divide(left, right)
            return np.power(left, right)
        if kind == "abs":
            return np.abs(self.ev(node.children[0]))
        if kind == "sqrt":
            return np.sqrt(self.ev(node.children[0]))
        if kind == "sum":
            return self.reduction(node, np.add, 0.0)
        if kind == "max":
            return self.reduction(node, np.maximum, -np.inf)
        if kind == "cases":
            return self.cases(node)
        raise self.error(node, f"cannot evaluate a {kind!r} here")

    def index(self, node: Node, value: Any, args: list[Any]) -> Any:
        array = np.asarray(value)
        idx = []
        for a in args:
            if not float(a).is_integer():
                raise self.error(node, f"index {a!r} is not a whole number")
            idx.append(int(a))
        if len(idx) != array.ndim:
            raise self.error(node, f"{len(idx)} indices for an array of shape {array.shape}")
        return array[tuple(idx)]

    def reduction(self, node: Node, combine: Callable[[Any, Any], Any], start: float) -> Any:
        """A sum (``np.add`` from 0) or a largest value (``np.maximum`` from -inf) of the body over ``k``."""
        index, body = node.value, node.children[0]
        size = self.index_range(index, body, node)
        saved = self.env.get(index, _MISSING)
        total: Any = start
        try:
            for i in range(size):
                self.env[index] = i
                total = combine(total, self.ev(body))
        finally:
            if saved is _MISSING:
                self.env.pop(index, None)
            else:
                self.env[index] = saved
        return total

    def index_range(self, index: str, body: Node, where: Node) -> int:
        sizes = set()
        for sub in body.walk():
            if sub.kind != "sub":
                continue
            try:
                value, rest = self.resolve(sub)
            except LatexError:
                continue
            for axis, part in enumerate(rest):
                if part.kind == "name" and part.value == index:
                    shape = np.shape(value)
                    if axis >= len(shape):
                        raise self.error(sub, f"index {index!r} on axis {axis} of shape {shape}")
                    sizes.add(shape[axis])
        if len(sizes) != 1:
            problem = "no array indexed by" if not sizes else f"conflicting lengths {sorted(sizes)} for"
            raise self.error(where, f"{problem} index {index!r}")
        return sizes.pop()

    def cases(self, node: Node) -> Any:
        conditions, values = [], []
        for row in node.children:
            value_node, cond_node = row.children
            values.append(self.ev(value_node))
            if cond_node.kind == "otherwise":
                conditions.append(True)
            else:
                left, right = (self.ev(c) for c in cond_node.children)
                conditions.append(_COMPARE[cond_node.value](left, right))
        shape = np.broadcast_shapes(*(np.shape(v) for v in values + conditions))
        explicit = [np.broadcast_to(c, shape) for c in conditions if c is not True]
        matches = np.sum(explicit, axis=0) if explicit else np.zeros(shape, dtype=int)
        conditions = [np.broadcast_to(matches == 0 if c is True else c, shape) for c in conditions]
        values = [np.broadcast_to(np.asarray(v, dtype=float), shape) for v in values]
        # Rows must not overlap, and (without "otherwise") must cover every element:
        # an element matched by no row or by two rows is NaN, which never agrees.
        result = np.where(np.sum(conditions, axis=0) == 1, np.select(conditions, values), np.nan)
        return result if result.ndim else float(result)


_MISSING = object()


@dataclass(frozen=True)
class _Partial:
    function: Callable[..., Any]
    leading: list[Any]

    def __call__(self, *args: Any) -> Any:
        return self.function(*self.leading, *args)


def evaluate(latex: str | Chain, env: Mapping[str, Any]) -> list[Any]:
    r"""Evaluate every compared part of a formula with the symbols in ``env``.

    Parameters
    ----------
    latex : str or Chain
        The formula, as LaTeX or already parsed.
    env : mapping
        Values for the formula's symbols, keyed by [`canonical`][reglit.latex.canonical] names:
        arrays, numbers or functions.

    Returns
    -------
    list
        One value for each part of the chain, except an assignment target.

    Examples
    --------
    >>> evaluate(r"R(W) = \sum_k \sum_l W_{k,l}^2", {"W": [[1.0, -2.0]], "R": lambda W: 5.0})
    [5.0, 5.0]
    >>> evaluate(r"W \leftarrow (1 - 2\eta\lambda)\,W", {"W": 10.0, "eta": 0.1, "lambda": 0.1})
    [9.8]
    """
    chain = latex if isinstance(latex, Chain) else parse(latex)
    evaluator = _Evaluator(chain.source, env)
    with np.errstate(all="ignore"):  # a log of a negative number is NaN, which never agrees
        values = [evaluator.ev(part) for part in chain.evaluated_parts()]
    return [float(v) if isinstance(v, (int, float, np.number)) else v for v in values]


# --------------------------------------------------------------------------- plain text

_SYMBOLS = {
    **{rf"\{name}": letter for name, letter in zip(sorted(_GREEK), "αβδεηγλμπστθ", strict=True)},
    r"\nabla": "∇",
    r"\partial": "∂",
    r"\infty": "∞",
    r"\top": "\N{DOWN TACK}",
    r"\ldots": "…",
}
_OPERATORS = {"+": "+", "-": "-", "=": "=", "<": "<", ">": ">", r"\le": "≤", r"\leq": "≤", r"\ge": "≥"}
_OPERATORS |= {
    r"\geq": "≥",
    r"\neq": "≠",
    r"\leftarrow": "←",
    r"\cdot": "·",
    r"\times": "\N{MULTIPLICATION SIGN}",
    r"\in": "∈",
}
_WORDS = {r"\max": "max", r"\min": "min", r"\log": "log", r"\exp": "exp", r"\sum": "Σ"}
_RAISED = dict(zip("0123456789+-()n\N{DOWN TACK}", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ⁿᵀ", strict=True))


class _Plain:
    """LaTeX tokens -> pieces ``(kind, text)``: atom, word, script, op, comma, open, close, row."""

    def __init__(self, source: str):
        self.source = source
        self.found = [t for t in _tokenize(source) if t.text not in (r"\left", r"\right")]  # sizes only
        self.tokens = [t.text for t in self.found]
        self.pos = 0

    def take(self) -> str:
        if self.pos >= len(self.tokens):
            raise LatexError(f"unexpected end of {self.source!r}")
        self.pos += 1
        return self.tokens[self.pos - 1]

    def argument(self) -> str:
        """A braced group or one token, as text."""
        if self.tokens[self.pos : self.pos + 1] != ["{"]:
            return _joined(self.pieces(until=None, one=True))
        self.take()
        return _joined(self.pieces(until="}"))

    def words(self) -> str:
        """The text of ``\\text{...}`` as written."""
        self.take()  # {
        start, depth = self.found[self.pos].start, 1
        while depth:
            depth += {"{": 1, "}": -1}.get(self.take(), 0)
        return re.sub(r"\\([_%&$#])", r"\1", self.source[start : self.found[self.pos - 1].start].strip())

    def pieces(self, until: str | None, one: bool = False) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        while self.pos < len(self.tokens) and self.tokens[self.pos] != until:
            token = self.take()
            if token in ("_", "^"):
                if not out:
                    raise LatexError(f"a script with nothing before it in {self.source!r}")
                kind = "script" if out[-1][0] in ("atom", "script") else "word"  # Σ_k x: a space before x
                out.append((kind, _script(token, self.argument())))
                continue
            out.extend(self.piece(token))
            if one:
                return out
        if until is not None:
            self.take()
        return out

    def piece(self, token: str) -> list[tuple[str, str]]:
        if token == "{":
            return [("atom", _joined(self.pieces(until="}")))]
        if token in _SYMBOLS:
            return [("atom", _SYMBOLS[token])]
        if token in _OPERATORS:
            return [("op", _OPERATORS[token])]
        if token in _WORDS:
            return [("word", _WORDS[token])]
        if token in (r"\text", r"\operatorname", r"\mathrm"):
            return [("word", self.words())]
        if token in (r"\frac", r"\tfrac", r"\dfrac"):
            top, bottom = self.argument(), self.argument()
            top = top if " " not in top else f"({top})"
            return [("frac", f"{top}/{_grouped(bottom)}")]
        if token == r"\sqrt":
            return [("atom", "√" + _grouped(self.argument()))]
        if token in (r"\lvert", "|"):
            return [
                ("atom", "|" + _joined(self.pieces(until=r"\rvert" if token == r"\lvert" else "|")) + "|")
            ]
        if token in ("(", "["):
            return [("open", token)]
        if token in (")", "]"):
            return [("close", token)]
        if token == ",":
            return [("comma", ",")]
        if token == "/":
            return [("slash", "/")]
        if token == "&":
            return []
        if token == r"\\":
            return [("row", ";")]
        if token in (r"\begin", r"\end"):
            environment = self.words()
            if environment != "cases":
                raise LatexError(f"no plain form for the {environment} environment in {self.source!r}")
            return [("open", "{")] if token == r"\begin" else [("close", "}")]
        if token.startswith("\\"):
            raise LatexError(f"no plain form for {token} in {self.source!r}")
        return [("atom", token)]


def _script(mark: str, text: str) -> str:
    if mark == "^" and all(c in _RAISED for c in text):
        return "".join(_RAISED[c] for c in text)
    text = text.replace(" ", "")
    greek = sum("\u0370" <= c <= "\u03ff" for c in text)  # S_ηλ would read as S_η times λ
    return mark + (text if re.fullmatch(r"\w+", text) and not (greek and len(text) > 1) else f"({text})")


def _grouped(text: str) -> str:
    """``text`` as a denominator or under a root: in parentheses unless one number or one symbol."""
    return text if re.fullmatch(r"[\d.]+|[^\W\d_](_\w+|_\(.*\))?[⁰¹²³⁴⁵⁶⁷⁸⁹ᵀ]*", text) else f"({text})"


def _joined(pieces: list[tuple[str, str]]) -> str:
    """Pieces as one line, spaced as a reader writes math: ``2λW``, ``sign(W) max(|W| - t, 0)``."""
    out, last = "", None
    for index, (kind, text) in enumerate(pieces):
        following = pieces[index + 1][0] if index + 1 < len(pieces) else None
        if kind == "frac" and (
            last in ("atom", "word", "script", "close") or following in ("atom", "open", "word")
        ):
            text = f"({text})"  # 2/N X would read as 2 over N X, 1/N Σ as 1 over N Σ
        if kind == "op":
            unary = text in "+-" and last in (None, "op", "open", "comma", "row")
            out += text if unary else f" {text} "
        elif kind in ("comma", "row"):
            out += text + " "
        elif kind == "word" and text[0] in "_^⁰¹²³⁴⁵⁶⁷⁸⁹":
            out += text  # the script of a word such as Σ or max
        elif kind == "word" and last in ("atom", "word", "script", "close", "frac"):
            out += " " + text
        elif kind == "open" and last == "word" and out[-1] not in "_^" and not out.endswith(")"):
            out += " " + text if re.search(r"[_^]\w+$", out) else text
        elif kind in ("atom", "frac") and last in ("word", "script") and not out.endswith(" "):
            out += " " + text
        else:
            out += text
        last = kind
    return re.sub(r" +", " ", out).strip()


def plain(latex: str) -> str:
    r"""One line of Unicode text that reads as the formula, for where math cannot be drawn.

    Greek letters and relations become their characters, ``\frac{a}{b}`` is
    ``a/b`` (parenthesized where needed), scripts are ``_k`` and ``^2`` (``²``
    where Unicode has the raised character), ``\lvert x \rvert`` is ``|x|``,
    and a ``cases`` reads ``{a if c; b otherwise}``.

    Raises
    ------
    LatexError
        For notation it has no plain form for.

    Examples
    --------
    >>> plain(r"S_t(W) = \operatorname{sign}(W) \max(\lvert W \rvert - t, 0)")
    'S_t(W) = sign(W) max(|W| - t, 0)'
    >>> plain(r"C_{\text{L2}} = \frac{1}{2 N \lambda}")
    'C_L2 = 1/(2Nλ)'
    >>> plain(r"R(W) = \sum_k \sum_l W_{k,l}^2")
    'R(W) = Σ_k Σ_l W_(k,l)²'
    """
    return _joined(_Plain(latex).pieces(until=None))
