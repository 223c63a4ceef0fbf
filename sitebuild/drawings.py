"""Figures and the frames of explorable figures: drawn once per code version, in both palettes and layouts.

A [`Drawing`][sitebuild.drawings.Drawing] is what to draw and where it goes: a
figure of ``reglit.figures.FIGURES`` is a drawing with no arguments, a frame of
an explorable figure of ``reglit.explorables.EXPLORABLES`` is its frame function
at one value. Drawings missing from the cache are drawn in parallel, one process
per core, those that use the same experiment in the same process, so that each
experiment runs once. Each is drawn wide (a computer's screen, paper) and narrow
(a phone: panels stacked, larger text); a page names both in a ``<picture>`` and
the browser fetches the one the screen's width asks for. A page shows them through
[`figure_markdown`][sitebuild.drawings.Drawings.figure_markdown] and
[`explorable_html`][sitebuild.drawings.Drawings.explorable_html] (templates in
``sitebuild/templates/``).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import multiprocessing
import os
import posixpath
import re
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import jinja2

from reglit.experiments import EXPERIMENTS
from reglit.explorables import EXPLORABLES, Explorable, number
from reglit.figures import FIGURES, LAYOUTS, THEMES, draw_svg, recolored
from reglit.train import ConvergenceWarning
from sitebuild.cache import DiskCache, Key, dependencies, fingerprint
from sitebuild.source import code_without_docstring

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


class DrawingError(RuntimeError):
    """A figure or frame that failed to draw, named."""


@dataclasses.dataclass(frozen=True)
class Drawing:
    """A figure, or one frame of an explorable figure: the function, its arguments, where it goes."""

    name: str
    """``NAME`` for a figure, ``NAME/INDEX`` for the frame at ``values[INDEX]`` of an explorable figure."""
    function: Callable[..., Any]
    arguments: tuple = ()
    label: str = ""
    """How messages name it: ``figure 'NAME'`` or ``explorable 'NAME', frame VALUE``."""

    def uri(self, theme: str, shape: str = "wide") -> str:
        """Where the site serves it: ``figures/THEME/NAME.svg``, ``figures/narrow/THEME/NAME.svg``."""
        return (
            f"figures/{theme}/{self.name}.svg"
            if shape == "wide"
            else f"figures/{shape}/{theme}/{self.name}.svg"
        )

    def key(self, theme: str, shape: str = "wide") -> Key:
        """Its cache key in a palette and layout: its code, its arguments, the drawing code, the settings."""
        return _key(self, theme, shape)

    def draw(self, theme: str, shape: str = "wide") -> bytes | str:
        """Its SVG in a palette and layout; a failure comes back as its message (from a worker too).

        It is drawn in the light palette; another palette recolours that drawing."""
        drawn = self.draw_both(shape)
        return drawn if isinstance(drawn, str) else drawn[theme]

    def draw_both(self, shape: str) -> dict[str, bytes] | str:
        """Its SVG in every palette, in a layout: drawn once, recoloured for the others; or a failure."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", ConvergenceWarning)  # a fit that stopped short stops the build
                light = draw_svg(
                    lambda: self.function(*self.arguments),
                    "light",
                    salt=self.name.replace("/", "-"),
                    layout_name=shape,
                )
        except Exception as error:
            return f"{type(error).__name__}: {error}"
        return {theme: light if theme == "light" else recolored(light, theme) for theme in THEMES}


@functools.cache  # per loaded module: an edit to reglit or sitebuild loads them again
def _key(drawing: Drawing, theme: str, shape: str) -> Key:
    return fingerprint(
        drawing.function,
        draw_svg,
        recolored,
        extra=repr((drawing.arguments, THEMES["light"], THEMES[theme], shape, LAYOUTS[shape])),
    )


VARIANTS = [(theme, shape) for shape in LAYOUTS for theme in THEMES]
"""Every (palette, layout) a drawing is drawn in."""

NARROW = "(max-width: 600px)"
"""The screens that get the narrow drawings: a phone held upright (its column at most 568 CSS pixels)."""


def figure(name: str) -> Drawing:
    """The drawing of a figure."""
    return Drawing(name, FIGURES[name].function, (), f"figure {name!r}")


def frame(name: str, value: float) -> Drawing:
    """The drawing of an explorable figure's frame at one of its values."""
    spec = EXPLORABLES[name]
    index = spec.values.index(value)
    return Drawing(f"{name}/{index}", spec.frame, (value,), f"explorable {name!r}, frame {number(value)}")


def every() -> list[Drawing]:
    """Every figure and every frame of every explorable figure."""
    frames = [frame(name, value) for name, spec in EXPLORABLES.items() for value in spec.values]
    return [figure(name) for name in FIGURES] + frames


def _experiments(drawing: Drawing) -> list[str]:
    """The experiments a drawing's code reaches."""
    return sorted({k.rpartition(".")[2] for k in dependencies(drawing.function)} & EXPERIMENTS.keys())


Words = dict[tuple[str, float], dict[str, str]]
"""(explorable, value) -> a frame's alt text, spoken value and key fact."""


def _words(name: str, value: float) -> dict[str, str]:
    spec = EXPLORABLES[name]
    return {"alt": spec.alt(value), "spoken": spec.spoken(value), "fact": spec.fact(value)}


def _draw_group(drawings: list[Drawing]) -> tuple[dict[tuple, bytes | str], dict[str, Any], Words]:
    """Draw in both palettes and layouts, in a worker process; also the results of the experiments the
    drawings used, and the words of the frames drawn.

    The experiments ran for the drawings already (they remember their runs), so
    their results and the frames' words cost little here and spare the build
    running the experiments again.
    """
    drawn = {}
    for d in drawings:
        for shape in LAYOUTS:
            both = d.draw_both(shape)
            drawn |= {
                (d.name, theme, shape): both if isinstance(both, str) else both[theme] for theme in THEMES
            }
    words: Words = {}
    for d in drawings:
        if d.arguments:
            name, value = d.name.partition("/")[0], d.arguments[0]
            try:
                words[(name, value)] = _words(name, value)
            except Exception:  # the build says them again, and its error names the frame there
                continue
    results = {}
    for name in sorted({n for d in drawings for n in _experiments(d)}):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", ConvergenceWarning)
                results[name] = EXPERIMENTS[name]()
        except Exception:  # the build runs it again, and its error names it there
            continue
    return drawn, results, words


def draw_in_parallel(
    drawings: list[Drawing], said: Callable[[Words], None] = lambda words: None
) -> tuple[dict[tuple, bytes | str], dict[str, Any]]:
    """(name, palette, layout) -> SVG or failure, one process per core, drawings of one experiment in one
    process; and the results of the experiments they used. ``said`` gets each group's frame words as it
    finishes."""
    # drawings that share an experiment, even through another, go to one process, which runs it once
    owner: dict[str, str] = {}

    def root(name: str) -> str:
        while owner.get(name, name) != name:
            name = owner[name]
        return name

    for drawing in drawings:
        used = _experiments(drawing) or [drawing.name]
        for name in used[1:]:
            owner[root(name)] = root(used[0])
    groups: dict[str, list[Drawing]] = {}
    for drawing in drawings:
        groups.setdefault(root((_experiments(drawing) or [drawing.name])[0]), []).append(drawing)
    work = sorted(groups.values(), key=len, reverse=True)
    workers = min(os.cpu_count() or 1, len(work))
    if workers <= 1:
        drawn, results, words = _draw_group(drawings)
        said(words)
        return drawn, results
    drawn: dict[tuple, bytes | str] = {}
    results: dict[str, Any] = {}
    context = multiprocessing.get_context("spawn")  # fresh processes: the package as it is on disk
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for done in as_completed([pool.submit(_draw_group, group) for group in work]):
            group_drawn, group_results, words = done.result()
            drawn.update(group_drawn)
            results.update(group_results)
            said(words)
    return drawn, results


def dimensions(svg: bytes) -> tuple[int, int]:
    """Width and height in CSS pixels, from the points of a matplotlib SVG's header."""
    found = re.search(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if not found:
        raise DrawingError("a figure's SVG gives no width and height in points")
    width, height = (round(float(v) * 4 / 3) for v in found.groups())
    return width, height


def _one_line(html: str) -> str:
    """Rendered HTML as one line: Markdown then leaves it whole, wherever the page puts it."""
    return "".join(line.strip() for line in html.splitlines())


class Drawings:
    """The drawings of one build: their SVG from the cache (or drawn), their words, their markup."""

    def __init__(self, cache: DiskCache):
        self.cache = cache

    def _said(self, words: Words) -> None:
        for (name, value), said in words.items():
            self.cache.json(
                "words", f"{name}-{value!r}", self._words_key(name, value), lambda said=said: said
            )

    def _entry(self, drawing: Drawing, theme: str, shape: str) -> tuple[str, str]:
        return f"drawings-{theme}" + ("" if shape == "wide" else f"-{shape}"), drawing.name.replace("/", "-")

    def svg(self, drawing: Drawing, theme: str, shape: str = "wide", drawn: dict | None = None) -> bytes:
        """The SVG of a drawing in a palette and layout: from the cache, from ``drawn``, or drawn now."""

        def make() -> bytes:
            found = drawn.get((drawing.name, theme, shape)) if drawn else None
            result = found if found is not None else drawing.draw(theme, shape)
            if isinstance(result, str):
                raise DrawingError(f"{drawing.label} ({theme}, {shape}) failed to draw: {result}")
            return result

        key = drawing.key(theme, shape)
        return self.cache.bytes(*self._entry(drawing, theme, shape), key, make, ".svg")

    def files(self) -> tuple[dict[str, bytes], dict[str, Any]]:
        """Every drawing in both palettes and layouts (the site's path -> SVG), those missing drawn in
        parallel first; and the results of the experiments that drawing them ran."""
        drawings = every()
        missing = [
            d
            for d in drawings
            if any(not self.cache.has(*self._entry(d, t, s), d.key(t, s), ".svg") for t, s in VARIANTS)
        ]
        drawn, results = draw_in_parallel(missing, self._said)  # the frames' words come back too
        return {d.uri(t, s): self.svg(d, t, s, drawn) for d in drawings for t, s in VARIANTS}, results

    def _words_key(self, name: str, value: float) -> Key:
        spec = EXPLORABLES[name]
        return fingerprint(spec.alt, spec.fact, Explorable.spoken, _words, extra=repr(value))

    def words(self, name: str, value: float) -> dict[str, str]:
        """A frame's alt text and spoken value, from the cache: said by the process that drew the frame,
        or said now (their experiments run once, not per build)."""
        return self.cache.json(
            "words", f"{name}-{value!r}", self._words_key(name, value), lambda: _words(name, value)
        )

    def alt(self, name: str, value: float | None = None) -> str:
        """The alt text of a figure, or of a frame of an explorable figure at ``value``."""
        return FIGURES[name].alt if value is None else self.words(name, value)["alt"]

    def picture_html(self, name: str, value: float | None, source: str) -> str:
        """The drawing of a figure, or of a frame of an explorable figure at ``value``, in both palettes and
        layouts with its alt text, as the page ``source`` shows it."""
        drawing = figure(name) if value is None else frame(name, value)
        up = posixpath.relpath(".", posixpath.dirname(source) or ".")
        html = TEMPLATES.get_template("picture.html").render(
            uris=self._pictures(drawing, up),
            sizes=self._sizes(drawing),
            alt=self.alt(name, value),
            narrow=NARROW,
        )
        return _one_line(html)

    def _sizes(self, drawing: Drawing) -> dict[str, dict[str, int]]:
        """Layout -> width and height: the page keeps the figure's place while it loads."""
        return {
            shape: dict(zip(("width", "height"), dimensions(self.svg(drawing, "light", shape)), strict=True))
            for shape in LAYOUTS
        }

    def _pictures(self, drawing: Drawing, up: str) -> dict[str, dict[str, str]]:
        """Palette -> layout -> the address of the drawing, from a page ``up`` below the site's root."""
        return {t: {s: f"{up}/{drawing.uri(t, s)}" for s in LAYOUTS} for t in THEMES}

    def figure_markdown(self, name: str, source: str) -> str:
        """The Markdown of a figure on the page ``source``: both palettes, caption, the code that drew it."""
        spec = FIGURES[name]
        return TEMPLATES.get_template("figure.md").render(
            name=name,
            picture=self.picture_html(name, None, source),
            caption=spec.caption,
            function=spec.function.__name__,
            code=code_without_docstring(spec.function),
        )

    def explorable_html(self, name: str, source: str) -> str:
        """The HTML of an explorable figure: default frame, slider, spoken value, small multiples."""
        spec = EXPLORABLES[name]
        up = posixpath.relpath(".", posixpath.dirname(source) or ".")
        words = [{"value": number(v)} | self.words(name, v) for v in spec.values]
        said = [{key: w[key] for key in ("value", "alt", "spoken")} for w in words]  # what the script swaps
        frames = [
            {"index": i, "uris": self._pictures(frame(name, v), up), **words[i]}
            for i, v in enumerate(spec.values)
        ]
        html = TEMPLATES.get_template("explorable.html").render(
            name=name,
            sizes=self._sizes(frame(name, spec.default)),
            narrow=NARROW,
            words_json=json.dumps(said),
            default=frames[spec.values.index(spec.default)],
            multiples=[frames[spec.values.index(v)] for v in spec.multiples],
            frames=frames,
            last=len(spec.values) - 1,
            label=spec.label,
            symbol=spec.symbol,
            caption=spec.caption,
        )
        return _one_line(html) + "\n"
