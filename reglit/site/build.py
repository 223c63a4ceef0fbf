r"""Everything a page of the site needs while MkDocs builds it.

Pages use four directives, each replaced before Markdown runs; a block directive
alone on its line keeps that line's indentation (inside tabs or admonitions); one
written as inline code, between backticks, is left as it is:

``{{ formula: NAME }}``
    The registered formula ``NAME`` of :data:`reglit.formulas.FORMULAS`, as display math.
``{{ figure: NAME }}``
    The figure ``NAME`` of :data:`reglit.figures.FIGURES`, in the light and dark
    palettes, with its caption and the code that drew it.
``{{ source: reglit.MODULE.NAME }}``
    The source code of a function or class of the package, as a code block.
``{{ value: EXPERIMENT.KEY.KEY }}`` or ``{{ value: EXPERIMENT.KEY :FORMAT }}``
    A number computed by :data:`reglit.experiments.EXPERIMENTS`, formatted with
    ``FORMAT`` (a Python format spec, ``.6g`` by default).

Figures and values are cached on disk (in ``.cache/reglit`` beside mkdocs.yml, or
in ``$REGLIT_CACHE``), keyed on the code that computes them
(:func:`reglit.site.cache.fingerprint`); math is rendered to SVG after Markdown
(:mod:`reglit.site.math`). Any failure stops the build with the page or figure named.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import multiprocessing
import os
import posixpath
import re
import textwrap
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

import reglit
from reglit.experiments import EXPERIMENTS
from reglit.figures import FIGURES, THEMES, draw_svg, render_svg
from reglit.formulas import FORMULAS, Formula
from reglit.site import math, notebooks
from reglit.site.cache import DiskCache, dependencies, fingerprint

_DIRECTIVE = re.compile(r"^([ \t]*)?\{\{\s*(formula|figure|source|value)\s*:\s*(.*?)\s*\}\}", re.MULTILINE)
_INLINE = re.compile(
    r"(?<!`)\{\{\s*(formula|figure|source|value)\s*:\s*(.*?)\s*\}\}(?!`)"
)  # `{{ ... }}` is code
_KINDS = ("formula", "figure", "source", "value")


def _resolve(dotted: str) -> Any:
    """The object at a dotted path inside reglit, such as ``reglit.updates.l2_step``."""
    module, _, name = dotted.rpartition(".")
    if not module.startswith("reglit"):
        raise KeyError(f"{dotted!r} is not in the reglit package")
    return getattr(importlib.import_module(module), name)


def _entry(name: str, theme: str, key: str) -> tuple[str, str, str, str]:
    return f"figures-{theme}", name, key, ".svg"


def _draw_group(names: list[str]) -> dict[tuple[str, str], bytes | str]:
    """Draw figures in both palettes (in a worker process); a failure comes back as its message."""
    drawn: dict[tuple[str, str], bytes | str] = {}
    for name in names:
        for theme in THEMES:
            try:
                drawn[name, theme] = render_svg(name, theme)
            except Exception as error:
                drawn[name, theme] = f"{type(error).__name__}: {error}"
    return drawn


def _draw_in_parallel(names: list[str]) -> dict[tuple[str, str], bytes | str]:
    groups: dict[str, list[str]] = {}
    for name in names:
        used = sorted(k for k in dependencies(FIGURES[name].function) if k.rpartition(".")[2] in EXPERIMENTS)
        groups.setdefault(used[0] if used else name, []).append(name)
    work = sorted(groups.values(), key=len, reverse=True)
    workers = min(os.cpu_count() or 1, len(work))
    if workers <= 1:
        return _draw_group(names)
    drawn: dict[tuple[str, str], bytes | str] = {}
    context = multiprocessing.get_context("spawn")  # fresh processes: the package as it is on disk
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for result in pool.map(_draw_group, work):
            drawn.update(result)
    return drawn


def code_without_docstring(obj: Any) -> str:
    """The source of a function or class with its docstring left out (pages show it as prose)."""
    source = textwrap.dedent(inspect.getsource(obj))
    node = ast.parse(source).body[0]
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        lines = source.splitlines(keepends=True)
        first, last = body[0].lineno - 1, body[0].end_lineno
        return "".join(lines[:first] + lines[last:])
    return source


class Site:
    """Build-time state for one MkDocs build: the cache, the math renderer, the files."""

    def __init__(self, config: Any):
        root = Path(config.config_file_path).parent
        self.cache = DiskCache(Path(os.environ.get("REGLIT_CACHE", root / ".cache" / "reglit")))
        self.math = math.Renderer(lambda name, make: self.cache.bytes("math", name, "svg", make))
        self.files: Files | None = None
        self.downloads: dict[str, bytes] = {}  # notebook page -> the notebook readers download
        self.results: dict[str, Any] = {}  # experiment -> its numbers, for this build

    # ------------------------------------------------------------------ figures and values

    def figure_svg(self, name: str, theme: str) -> bytes:
        """The SVG of a figure in a palette, drawn or taken from the cache."""
        key = fingerprint(FIGURES[name].function, draw_svg, extra=repr(THEMES[theme]))

        def draw() -> bytes:
            try:
                return render_svg(name, theme)
            except Exception as error:
                raise PluginError(
                    f"figure {name!r} ({theme}) failed to draw: {type(error).__name__}: {error}"
                ) from error

        return self.cache.bytes(f"figures-{theme}", name, key, draw, ".svg")

    def add_figures(self, files: Files, config: Any) -> Files:
        """Add every figure, in both palettes, to the site as generated files.

        Figures missing from the cache are drawn in parallel, one process per
        core; figures that use the same experiment are drawn by the same
        process, so that each experiment runs once.
        """
        keys = {
            (name, theme): fingerprint(FIGURES[name].function, draw_svg, extra=repr(THEMES[theme]))
            for name in FIGURES
            for theme in THEMES
        }
        missing = sorted(
            {name for (name, theme), key in keys.items() if not self.cache.has(*_entry(name, theme, key))}
        )
        drawn = _draw_in_parallel(missing)
        for (name, theme), key in keys.items():

            def stored(name: str = name, theme: str = theme) -> bytes:
                result = drawn[name, theme]
                if isinstance(result, str):
                    raise PluginError(f"figure {name!r} ({theme}) failed to draw: {result}")
                return result

            svg = self.cache.bytes(*_entry(name, theme, key)[:3], stored, _entry(name, theme, key)[3])
            files.append(File.generated(config, f"figures/{theme}/{name}.svg", content=svg))
        self.files = files
        return files

    def add_notebooks(self, files: Files, config: Any) -> Files:
        """Replace each jupytext source ``notebooks/NAME.py`` with its executed ``notebooks/NAME.ipynb``."""
        staging = self.cache.folder / "pages"
        sources = [f for f in files if f.src_uri.startswith("notebooks/") and f.src_uri.endswith(".py")]

        def run(file: File) -> bytes:
            def expand(text: str) -> str:
                return self.expand_text(text, file.src_uri, kinds=("formula", "value"))

            return notebooks.build(Path(file.abs_src_path), self.cache, expand)

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # a kernel process each
            results = list(pool.map(run, sources))
        for file, (clean, executed) in zip(sources, results, strict=True):
            files.remove(file)
            uri = file.src_uri[: -len(".py")] + ".ipynb"
            self.downloads[uri] = clean
            target = staging / uri
            if not target.exists() or target.read_bytes() != executed:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(executed)
            files.append(File(uri, str(staging), config.site_dir, config.use_directory_urls))
        return files

    def value(self, path: str) -> str:
        """A computed number, formatted for prose: ``experiment.key.key[:format]``."""
        path, _, spec = path.partition(":")
        name, *keys = path.strip().split(".")
        if name not in EXPERIMENTS:
            raise KeyError(f"unknown experiment {name!r}; known: {', '.join(EXPERIMENTS)}")
        if name not in self.results:  # each experiment's numbers are read once per build
            key = fingerprint(EXPERIMENTS[name])
            self.results[name] = self.cache.json("values", name, key, EXPERIMENTS[name])
        result = self.results[name]
        for key in keys:
            if isinstance(result, list) and key.isdigit() and int(key) < len(result):
                result = result[int(key)]
            elif isinstance(result, dict) and key in result:
                result = result[key]
            else:
                raise KeyError(f"{path!r}: no key {key!r}")
        if isinstance(result, bool) or not isinstance(result, (int, float)):
            raise KeyError(f"{path!r} is not a number")
        return format(result, spec.strip() or ("d" if isinstance(result, int) else ".6g"))

    # ------------------------------------------------------------------ pages

    def expand(self, markdown: str, page: Any) -> str:
        """Replace the directives of a page's Markdown; unknown names stop the build."""
        return self.expand_text(markdown, page.file.src_uri)

    def expand_text(self, markdown: str, source: str, kinds: tuple[str, ...] = _KINDS) -> str:
        """Replace the directives ``kinds`` in Markdown from ``source``; others stop the build."""

        def replace(match: re.Match) -> str:
            *indent, kind, argument = match.groups()
            if kind not in kinds:
                raise PluginError(f"{source}: {{{{ {kind}: {argument} }}}} cannot be used here")
            try:
                if kind == "value":
                    text = self.value(argument)
                elif kind == "formula":
                    text = f"\n$$\n{FORMULAS[argument].latex}\n$$\n"
                elif kind == "figure":
                    text = self.figure_markdown(argument, source)
                else:
                    text = f"```python\n{code_without_docstring(_resolve(argument))}```\n"
            except (KeyError, AttributeError, ImportError) as error:
                raise PluginError(f"{source}: {{{{ {kind}: {argument} }}}}: {error}") from None
            prefix = indent[0] if indent else ""
            return textwrap.indent(text, prefix, lambda line: True) if prefix else text

        return _INLINE.sub(replace, _DIRECTIVE.sub(replace, markdown))

    def figure_markdown(self, name: str, source: str) -> str:
        """The Markdown of a figure: both palettes, caption, and the code that drew it."""
        spec = FIGURES[name]
        base = posixpath.relpath("figures", posixpath.dirname(source) or ".")
        code = textwrap.indent(code_without_docstring(spec.function), "        ")
        return (
            f'<figure class="reglit-figure" id="figure-{name}" markdown="span">\n'
            f"  ![{spec.alt}]({base}/light/{name}.svg#only-light){{ loading=lazy }}\n"
            f"  ![{spec.alt}]({base}/dark/{name}.svg#only-dark){{ loading=lazy }}\n"
            f"  <figcaption>{spec.caption}</figcaption>\n"
            f"</figure>\n\n"
            f'??? example "The code that drew this figure: `reglit.figures.{spec.function.__name__}`"\n\n'
            f"    ```text\n{code}    ```\n"  # plain text: a folded block need not cost a page 5 KB of colour
        )

    def formula_link(self, formula: Formula, page: Any) -> str:
        """HTML linking a displayed formula to its function in the API reference."""
        module = formula.function.__module__.rsplit(".", 1)[-1]
        target = self.files.get_file_from_path(f"reference/{module}.md") if self.files else None
        if target is None:
            raise PluginError(f"no API reference page reference/{module}.md for {formula.qualname}")
        href = get_relative_url(target.url, page.url) + "#" + formula.qualname
        public = f"reglit.{formula.function.__name__}"
        label = public if formula.function.__name__ in reglit.__all__ else formula.qualname
        return f'<p class="formula-source">computed by <a href="{href}"><code>{label}</code></a></p>'

    def finish_page(self, output: str, page: Any) -> str:
        """The API reference's stylesheet is loaded only by API reference pages."""
        if page.file.src_uri.startswith("reference/"):
            return output
        return re.sub(r'<link rel="stylesheet" href="[^"]*_mkdocstrings\.css">\s*', "", output)

    def render_math(self, content: str, page: Any) -> str:
        """Render and check every formula of a page's HTML (notebook pages prepared first)."""
        if page.file.src_uri.endswith(".ipynb"):
            uri = page.file.src_uri
            content = notebooks.page_html(content, posixpath.basename(uri), self.downloads[uri])
        try:
            return math.render_page(
                content, page.file.src_uri, self.math, lambda f: self.formula_link(f, page)
            )
        except math.MathError as error:
            raise PluginError(str(error)) from None
