r"""Everything a page of the site needs while MkDocs builds it.

Pages use these directives, each replaced before Markdown runs; a block directive
alone on its line keeps that line's indentation (inside tabs or admonitions); one
written as inline code, between backticks, is left as it is:

``{{ formula: NAME }}``
    The registered formula ``NAME`` of ``reglit.formulas.FORMULAS``, as display math
    linked to the function that computes it.
``{{ figure: NAME }}``
    The figure ``NAME`` of ``reglit.figures.FIGURES``, in the light and dark
    palettes, with its caption and the code that drew it.
``{{ source: reglit.MODULE.NAME }}``
    The code of a function or class of the package, as a code block.
``{{ value: EXPERIMENT.KEY.KEY }}`` or ``{{ value: EXPERIMENT.KEY :FORMAT }}``
    A number computed by ``reglit.experiments.EXPERIMENTS``, formatted with
    ``FORMAT`` (a Python format spec, ``.6g`` by default). A key that is a
    whole number indexes a list, from its end when negative (``train.-1``).
``{{ chapter: NAME }}`` or ``{{ chapter: NAME#ANCHOR }}``
    A link to the chapter ``chapters/NAME.md``, reading "chapter N". A chapter's
    number is its place in the "Chapters" section of ``nav`` in mkdocs.yml, the
    one place it is written; the hooks put it in front of the chapter's title.
``{{ check: EXPRESSION }}``
    Nothing on the page: the claim just before it is checked against the
    experiments' results ([`sitebuild.claims`][sitebuild.claims]); a false
    one stops the build, quoting the sentence.
``{{ explore: NAME }}``
    The explorable figure ``NAME`` of ``reglit.explorables.EXPLORABLES``: its
    default frame in both palettes, a slider over its other frames (drawn here,
    loaded when chosen), and small multiples for readers without a script and
    for print.
``{{ certificate: EXPERIMENT }}``
    A line saying that the experiment's fits are certified minimisers: their
    optimality residual and steps, and the independent solver that agrees
    ([`sitebuild.certificates`][sitebuild.certificates]). Any experiment with
    certified fits is checked whenever a page uses it; a fit that is not the
    minimiser stops the build.
``{{ package: wheel }}``, ``{{ package: sdist }}`` or ``{{ package: numpy }}``
    The address of reglit's wheel or sdist on the site
    ([`sitebuild.packages`][sitebuild.packages]): under ``site_url`` when it
    is set, else inside the offline copy's folder. A script on every page makes
    it the absolute address of the copy being read (``https:`` or ``file:``).
    Any other name (``python``, ``numpy``...) gives the lowest version of it
    that reglit declares in pyproject.toml.
``{{ solution: NAME }}`` (notebooks)
    The solution of the exercise ``NAME`` of ``reglit.exercises.EXERCISES``,
    folded. The build stops unless the solution passes
    [`check`][reglit.exercises.check] and each classic slip fails it, named.

Figures and values are cached on disk (in ``.cache/reglit`` beside mkdocs.yml, or
in ``$REGLIT_CACHE``), keyed on the code that computes them
([`sitebuild.cache`][sitebuild.cache]); math is drawn after Markdown
([`sitebuild.math`][sitebuild.math]). Any failure stops the build with the page or figure named.
"""

from __future__ import annotations

import ast
import functools
import html
import inspect
import json
import multiprocessing
import os
import posixpath
import re
import textwrap
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import markdown
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

import reglit
from reglit import exercises
from reglit.experiments import EXPERIMENTS
from reglit.explorables import EXPLORABLES, Explorable, number
from reglit.figures import FIGURES, THEMES, draw_svg
from reglit.formulas import FORMULAS, Formula
from reglit.train import ConvergenceWarning
from sitebuild import archive, certificates, claims, math, notebooks, packages
from sitebuild.cache import DiskCache, Key, dependencies, fingerprint, resolve

KINDS = ("formula", "figure", "source", "value", "chapter", "check", "package", "explore", "certificate")
"""The directives a chapter may use."""

NOTEBOOK_KINDS = ("formula", "value", "chapter", "check", "package", "solution")
"""The directives a notebook's Markdown cells may use."""

_DIRECTIVE = re.compile(r"^([ \t]*)?\{\{\s*(\w+)\s*:\s*(.*?)\s*\}\}", re.MULTILINE)
_INLINE = re.compile(r"(?<!`)\{\{\s*(\w+)\s*:\s*(.*?)\s*\}\}(?!`)")  # `{{ ... }}` is code
_PAGE_LINK = re.compile(r'href="(?![a-z]+:)[^"]*\.md(#[^"]*)?"')  # MkDocs does not rewrite notebook links
_TITLE = re.compile(r"\A(\s*)# (.+)$", re.MULTILINE)


Drawing = tuple[str, int | None]
"""A figure ``(name, None)`` or one frame of an explorable figure ``(name, index)``."""


def _function(drawing: Drawing) -> Callable[[], Any]:
    name, index = drawing
    if index is None:
        return FIGURES[name].function
    spec = EXPLORABLES[name]
    return functools.partial(spec.frame, spec.values[index])


def _describe(drawing: Drawing, theme: str) -> str:
    name, index = drawing
    if index is None:
        return f"figure {name!r} ({theme})"
    return f"explorable {name!r}, frame {number(EXPLORABLES[name].values[index])} ({theme})"


def _draw(drawing: Drawing, theme: str) -> bytes | str:
    """A drawing's SVG in a palette; a failure comes back as its message (from a worker process too)."""
    name, index = drawing
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)  # a fit that stopped short stops the build
            return draw_svg(_function(drawing), theme, salt=name if index is None else f"{name}-{index}")
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def _draw_group(drawings: list[Drawing]) -> dict[tuple[Drawing, str], bytes | str]:
    """Draw in both palettes, in a worker process."""
    return {(drawing, theme): _draw(drawing, theme) for drawing in drawings for theme in THEMES}


def _draw_in_parallel(drawings: list[Drawing]) -> dict[tuple[Drawing, str], bytes | str]:
    """Draw in both palettes, one process per core; drawings that use the same experiment in one process."""
    groups: dict[str, list[Drawing]] = {}
    for drawing in drawings:
        function = FIGURES[drawing[0]].function if drawing[1] is None else EXPLORABLES[drawing[0]].frame
        used = sorted(k for k in dependencies(function) if k.rpartition(".")[2] in EXPERIMENTS)
        groups.setdefault(used[0] if used else drawing[0], []).append(drawing)
    work = sorted(groups.values(), key=len, reverse=True)
    workers = min(os.cpu_count() or 1, len(work))
    if workers <= 1:
        return _draw_group(drawings)
    drawn: dict[tuple[Drawing, str], bytes | str] = {}
    context = multiprocessing.get_context("spawn")  # fresh processes: the package as it is on disk
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for result in pool.map(_draw_group, work):
            drawn.update(result)
    return drawn


def drawing_key(drawing: Drawing, theme: str) -> Key:
    """The cache key of a figure or frame in a palette: its code, its value, the drawing code, the palette."""
    name, index = drawing
    if index is None:
        return fingerprint(FIGURES[name].function, draw_svg, extra=repr(THEMES[theme]))
    value = EXPLORABLES[name].values[index]
    return fingerprint(EXPLORABLES[name].frame, draw_svg, extra=repr((value, THEMES[theme])))


def _drawings() -> list[Drawing]:
    """Every figure and every frame of every explorable figure."""
    figures: list[Drawing] = [(name, None) for name in FIGURES]
    return figures + [(name, i) for name, spec in EXPLORABLES.items() for i in range(len(spec.values))]


def _uri(drawing: Drawing, theme: str) -> str:
    name, index = drawing
    return f"figures/{theme}/{name}.svg" if index is None else f"figures/{theme}/{name}/{index}.svg"


def _folder(drawing: Drawing, theme: str) -> tuple[str, str]:
    """The cache folder and entry name of a drawing."""
    name, index = drawing
    return (f"figures-{theme}", name) if index is None else (f"frames-{theme}", f"{name}-{index}")


def chapters(nav: list[Any]) -> list[str]:
    """The chapters' source paths in the order of the "Chapters" section of ``nav``."""
    for entry in nav or []:
        if isinstance(entry, dict) and "Chapters" in entry:
            return [
                item if isinstance(item, str) else next(iter(item.values())) for item in entry["Chapters"]
            ]
    raise PluginError('mkdocs.yml: nav has no "Chapters" section')


class Site:
    """Build-time state for one MkDocs build: the cache, the math renderer, the files."""

    def __init__(self, config: Any):
        root = Path(config.config_file_path).parent
        self.config = config
        self.cache = DiskCache(Path(os.environ.get("REGLIT_CACHE", root / ".cache" / "reglit")))
        self.math = math.Renderer(lambda name, make: self.cache.bytes("math", name, Key("svg"), make))
        self.chapters = chapters(config.nav)
        self.files: Files | None = None
        self.downloads: dict[str, bytes] = {}  # notebook page -> the notebook readers download
        self.results: dict[str, Any] = {}  # experiment -> its numbers, for this build
        self.certified: dict[str, dict] = {}  # experiment -> what its certificate says
        self.checked: set[str] = set()  # exercises whose solution and slips were checked

    # ------------------------------------------------------------------ figures, notebooks, values

    def svg(self, drawing: Drawing, theme: str, drawn: dict | None = None) -> bytes:
        """The SVG of a figure or frame in a palette: from the cache, from ``drawn``, or drawn now."""

        def draw() -> bytes:
            result = drawn[drawing, theme] if drawn and (drawing, theme) in drawn else _draw(drawing, theme)
            if isinstance(result, str):
                raise PluginError(f"{_describe(drawing, theme)} failed to draw: {result}")
            return result

        return self.cache.bytes(*_folder(drawing, theme), drawing_key(drawing, theme), draw, ".svg")

    def add_figures(self, files: Files) -> Files:
        """Add every figure and every explorable figure's frames, in both palettes, as generated files.

        Drawings missing from the cache are drawn in parallel, one process per
        core; drawings that use the same experiment are drawn by the same
        process, so that each experiment runs once.
        """
        missing = sorted(
            {
                drawing
                for drawing in _drawings()
                for theme in THEMES
                if not self.cache.has(*_folder(drawing, theme), drawing_key(drawing, theme), ".svg")
            },
            key=repr,
        )
        drawn = _draw_in_parallel(missing)
        for drawing in _drawings():
            for theme in THEMES:
                svg = self.svg(drawing, theme, drawn)
                files.append(File.generated(self.config, _uri(drawing, theme), content=svg))
        self.files = files
        return files

    def words(self, name: str, value: float) -> dict[str, str]:
        """A frame's alt text and spoken value, from the cache (their experiments run once, not per build)."""
        spec = EXPLORABLES[name]
        key = fingerprint(spec.alt, spec.fact, Explorable.spoken, extra=repr(value))
        return self.cache.json(
            "words", f"{name}-{value!r}", key, lambda: {"alt": spec.alt(value), "spoken": spec.spoken(value)}
        )

    def alt(self, name: str, value: float | None = None) -> str:
        """The alt text of a figure, or of a frame of an explorable figure at ``value``."""
        return FIGURES[name].alt if value is None else self.words(name, value)["alt"]

    def explore_html(self, name: str, source: str) -> str:
        """The HTML of an explorable figure: default frame, slider, spoken value, small multiples."""
        spec = EXPLORABLES[name]
        default = spec.values.index(spec.default)
        up = posixpath.relpath(".", posixpath.dirname(source) or ".")
        size = 'width="{}" height="{}"'.format(*_dimensions(self.svg((name, default), "light")))
        frames = [{"value": number(v)} | self.words(name, v) for v in spec.values]

        def images(index: int) -> str:
            alt = html.escape(frames[index]["alt"], quote=True)
            return "".join(
                f'<img src="{up}/{_uri((name, index), theme)}#only-{theme}" alt="{alt}" {size} '
                'loading="lazy">'
                for theme in THEMES
            )

        control = f"explore-{name}-value"
        multiples = "".join(
            f"<figure>{images(spec.values.index(v))}<figcaption>{html.escape(spec.symbol)} = {number(v)}"
            "</figcaption></figure>"
            for v in spec.multiples
        )
        return (
            f'<figure class="reglit-figure reglit-explore" id="explore-{name}" '
            f'data-frames="{html.escape(json.dumps(frames), quote=True)}">'
            # Marks the figure as driven by a script before its small multiples are parsed, so that
            # their images are not fetched when the slider will work (the stylesheet hides them).
            '<script>document.currentScript.parentNode.classList.add("explore-live")</script>'
            f'<div class="explore-view">{images(default)}</div>'
            f'<div class="explore-control" hidden><label for="{control}">{html.escape(spec.label)}</label>'
            f'<input type="range" id="{control}" min="0" max="{len(spec.values) - 1}" step="1" '
            f'value="{default}" aria-valuetext="{html.escape(frames[default]["spoken"], quote=True)}">'
            f'<output for="{control}">{frames[default]["value"]}</output></div>'
            f'<p class="explore-status" aria-live="polite">{html.escape(frames[default]["spoken"])}</p>'
            f'<div class="explore-multiples">{multiples}</div>'
            f"<figcaption>{html.escape(spec.caption)}</figcaption></figure>\n"
        )

    def add_packages(self, files: Files) -> Files:
        """Add reglit's wheel and sdist under ``packages/``, rebuilt when a file they are made of changes."""
        root = Path(self.config.config_file_path).parent
        key, built = packages.key(root), {}

        def make(name: str) -> bytes:
            if not built:
                try:
                    built.update(packages.build(root))
                except RuntimeError as error:
                    raise PluginError(f"reglit's distributions: {error}") from None
            return built[name]

        for name in packages.names().values():
            content = self.cache.bytes("packages", name, key, lambda name=name: make(name))
            files.append(File.generated(self.config, f"{packages.FOLDER}/{name}", content=content))
        return files

    def add_notebooks(self, files: Files) -> Files:
        """Replace each jupytext source ``notebooks/NAME.py`` with its executed ``notebooks/NAME.ipynb``."""
        staging = self.cache.folder / "pages"
        sources = [f for f in files if f.src_uri.startswith("notebooks/") and f.src_uri.endswith(".py")]

        def run(file: File) -> tuple[bytes, bytes]:
            uri = file.src_uri[: -len(".py")] + ".ipynb"

            def for_download(text: str) -> str:
                return self.expand_text(text, uri, NOTEBOOK_KINDS, display=_latex, pages="")

            def for_page(text: str) -> str:
                return self.notebook_html(text, uri)

            return notebooks.build(
                Path(file.abs_src_path), self.cache, for_download, for_page, self.site_root(), self.alt
            )

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # a kernel process each
            results = list(pool.map(run, sources))
        for file, (download, executed) in zip(sources, results, strict=True):
            files.remove(file)
            uri = file.src_uri[: -len(".py")] + ".ipynb"
            self.downloads[uri] = download
            target = staging / uri
            if not target.exists() or target.read_bytes() != executed:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(executed)
            files.append(File(uri, str(staging), self.config.site_dir, self.config.use_directory_urls))
        return files

    def notebook_html(self, text: str, uri: str) -> str:
        """A notebook's Markdown cell as its page shows it: directives expanded, then the site's Markdown."""
        expanded = self.expand_text(text, uri, NOTEBOOK_KINDS, pages=".html")
        html = markdown.Markdown(
            extensions=self.config.markdown_extensions, extension_configs=self.config.mdx_configs
        ).convert(expanded)
        if _PAGE_LINK.search(html):
            raise PluginError(
                f"{uri}: a link to a .md page; in a notebook, link a chapter with {{{{ chapter: NAME }}}}"
            )
        return html

    def experiment(self, name: str) -> Any:
        """The results of an experiment, computed once per build (or read from the cache).

        An experiment that presents certified fits is checked against the
        independent solvers first ([`sitebuild.certificates`][sitebuild.certificates]);
        a fit that is not the minimiser stops the build, naming it and lambda.
        """
        if name not in EXPERIMENTS:
            raise KeyError(f"unknown experiment {name!r}; known: {', '.join(EXPERIMENTS)}")
        if name not in self.results:
            with warnings.catch_warnings():
                warnings.simplefilter("error", ConvergenceWarning)  # a fit that stopped short stops the build
                results = self.cache.json("values", name, fingerprint(EXPERIMENTS[name]), EXPERIMENTS[name])
            if "certified" in results:
                key = fingerprint(EXPERIMENTS[name], certificates.certify)
                try:
                    self.certified[name] = self.cache.json(
                        "certificates", name, key, lambda: certificates.certify(name, results)
                    )
                except certificates.CertificateError as error:
                    raise PluginError(f"{error}") from None
            self.results[name] = results
        return self.results[name]

    def certificate(self, name: str) -> str:
        """The receipt printed beside an experiment: its fits converged, and another solver agrees."""
        self.experiment(name)
        if name not in self.certified:
            raise KeyError(f"experiment {name!r} presents no certified fits")
        return (
            f'\n<p class="reglit-certificate">{html.escape(certificates.receipt(self.certified[name]))}</p>\n'
        )

    def check(self, expression: str, source: str, sentence: str) -> str:
        """Nothing, if the claim's check holds; otherwise the build stops, quoting the claim."""
        try:
            true = claims.holds(expression, self.experiment, set(EXPERIMENTS))
        except claims.ClaimError as error:
            raise PluginError(f'{source}: the claim "{sentence}": {error}') from None
        if not true:
            raise PluginError(f'{source}: the claim "{sentence}" does not hold: `{expression}` is false')
        return ""

    def value(self, path: str) -> str:
        """A computed number, formatted for prose: ``experiment.key.key[:format]``."""
        path, _, spec = path.partition(":")
        name, *keys = path.strip().split(".")
        result = self.experiment(name)
        for key in keys:
            if (
                isinstance(result, list)
                and key.lstrip("-").isdigit()
                and -len(result) <= int(key) < len(result)
            ):
                result = result[int(key)]
            elif isinstance(result, dict) and key in result:
                result = result[key]
            else:
                raise KeyError(f"{path!r}: no key {key!r}")
        if isinstance(result, bool) or not isinstance(result, (int, float)):
            raise KeyError(f"{path!r} is not a number")
        return format(result, spec.strip() or ("d" if isinstance(result, int) else ".6g"))

    def chapter_link(self, argument: str, source: str, pages: str) -> str:
        """``[chapter N](...)``: a link from the page ``source`` to a chapter (and an anchor in it).

        ``pages`` is the suffix links name pages by: ``.md`` in a page MkDocs
        renders (it checks and converts them), ``.html`` in a notebook page,
        and ``""`` in a downloaded notebook, which is read away from the site: it
        links to the published site when ``site_url`` is set, and otherwise
        names the chapter by its title.
        """
        name, _, anchor = argument.partition("#")
        uri = f"chapters/{name}.md"
        if uri not in self.chapters:
            raise KeyError(f"no chapter {name!r} in the nav; chapters: {', '.join(self.chapters)}")
        number = self.chapters.index(uri) + 1
        fragment = f"#{anchor}" if anchor else ""
        if not pages:
            if self.config.site_url:
                return (
                    f"[chapter {number}]({self.config.site_url.rstrip('/')}/chapters/{name}.html{fragment})"
                )
            return f"chapter {number} of the site, *{self.chapter_title(uri)}*"
        target = posixpath.splitext(uri)[0] + pages
        href = posixpath.relpath(target, posixpath.dirname(source) or ".") + fragment
        return f"[chapter {number}]({href})"

    def chapter_title(self, uri: str) -> str:
        """A chapter's title, its first line without the ``#``."""
        text = (Path(self.config.docs_dir) / uri).read_text(encoding="utf-8")
        title = _TITLE.search(text)
        if not title:
            raise PluginError(f"{uri}: a chapter starts with its title, '# TITLE'")
        return title.group(2).strip()

    # ------------------------------------------------------------------ pages

    def expand(self, markdown_text: str, page: Any) -> str:
        """Replace the directives of a page's Markdown, and number a chapter's title."""
        uri = page.file.src_uri
        text = self.expand_text(markdown_text, uri, KINDS)
        if uri in self.chapters:
            self.chapter_title(uri)  # a chapter without a title stops the build
            number = self.chapters.index(uri) + 1
            text = _TITLE.sub(lambda m: f"{m.group(1)}# {number}. {m.group(2)}", text, count=1)
        return text

    def expand_text(
        self, markdown_text: str, source: str, kinds: tuple[str, ...], display=math.placeholder, pages=".md"
    ) -> str:
        """Replace the directives ``kinds`` in Markdown from ``source``; others stop the build.

        ``display(name)`` gives what stands for a registered formula: a placeholder
        that the page's math step draws, or LaTeX for a downloaded notebook;
        ``pages`` is the suffix of links to pages.
        """

        def replace(match: re.Match) -> str:
            *indent, kind, argument = match.groups()
            if kind not in kinds:
                raise PluginError(f"{source}: {{{{ {kind}: {argument} }}}} cannot be used here")
            try:
                if kind == "value":
                    text = self.value(argument)
                elif kind == "formula":
                    FORMULAS[argument]
                    text = f"\n{display(argument)}\n"
                elif kind == "figure":
                    text = self.figure_markdown(argument, source)
                elif kind == "chapter":
                    text = self.chapter_link(argument, source, pages)
                elif kind == "check":
                    sentence = claims.sentence_before(match.string, match.start())
                    text = self.check(argument, source, sentence)
                elif kind == "explore":
                    text = self.explore_html(argument, source)
                elif kind == "package":
                    text = self.package(argument)
                elif kind == "certificate":
                    text = self.certificate(argument)
                elif kind == "solution":
                    text = self.solution(argument, source)
                else:
                    text = f"```python\n{code_without_docstring(resolve(argument))}```\n"
            except (KeyError, AttributeError, ImportError) as error:
                raise PluginError(f"{source}: {{{{ {kind}: {argument} }}}}: {error}") from None
            prefix = indent[0] if indent else ""
            return textwrap.indent(text, prefix, lambda line: True) if prefix else text

        return _INLINE.sub(replace, _DIRECTIVE.sub(replace, markdown_text))

    def site_root(self) -> str:
        """Where readers find the site: ``site_url`` when set, else the offline copy's folder."""
        return self.config.site_url.rstrip("/") + "/" if self.config.site_url else f"{archive.FOLDER}/"

    def package(self, name: str) -> str:
        """The address of reglit's ``wheel`` or ``sdist``, or the lowest version of ``name`` it needs."""
        if name in ("wheel", "sdist"):
            return f"{self.site_root()}{packages.FOLDER}/{packages.names()[name]}"
        return packages.lowest(name)

    def solution(self, name: str, source: str) -> str:
        """An exercise's solution, folded (HTML that the site's Markdown and Jupyter's both fold)."""
        exercise = exercises.EXERCISES[name]
        if name not in self.checked:
            report = exercises.check(name, exercise.solution)
            if not report.passed:
                raise PluginError(f"{source}: exercise {name!r}: its solution fails the checker:\n{report}")
            for words, slip in exercise.mistakes.items():
                report = exercises.check(name, slip)
                if report.passed or report.mistake != words:
                    found = "passes" if report.passed else f"is named {report.mistake!r} instead"
                    raise PluginError(f"{source}: exercise {name!r}: the slip {words!r} {found}")
            self.checked.add(name)
        return (
            '<details class="solution" markdown="1">\n<summary>Solution</summary>\n\n'
            f"```python\n{inspect.getsource(exercise.solution)}```\n\n</details>\n"
        )

    def figure_markdown(self, name: str, source: str) -> str:
        """The Markdown of a figure: both palettes, caption, and the code that drew it."""
        spec = FIGURES[name]
        for expression in spec.checks:
            self.check(expression, f"{source}: figure {name}", spec.alt)
        base = posixpath.relpath("figures", posixpath.dirname(source) or ".")
        drawn = textwrap.indent(code_without_docstring(spec.function), "        ")
        size = _size(self.svg((name, None), "light"))  # the page keeps the figure's place while it loads
        return (
            f'<figure class="reglit-figure" id="figure-{name}" markdown="span">\n'
            f"  ![{spec.alt}]({base}/light/{name}.svg#only-light){{ loading=lazy {size} }}\n"
            f"  ![{spec.alt}]({base}/dark/{name}.svg#only-dark){{ loading=lazy {size} }}\n"
            f"  <figcaption>{spec.caption}</figcaption>\n"
            f"</figure>\n\n"
            f'??? example "The code that drew this figure: `reglit.figures.{spec.function.__name__}`"\n\n'
            f"    ```text\n{drawn}    ```\n"  # plain text: a folded block need not cost a page 5 KB of colour
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
        """Draw and check every formula of a page's HTML; a notebook page gets its download button."""
        if page.file.src_uri.endswith(".ipynb"):
            run_page = posixpath.relpath("run.html", posixpath.dirname(page.file.src_uri))
            button = notebooks.download_button(page.file.src_uri, self.downloads[page.file.src_uri], run_page)
            content = button + notebooks.without_appended_style(content)
        try:
            return math.render_page(
                content, page.file.src_uri, self.math, lambda f: self.formula_link(f, page)
            )
        except math.MathError as error:
            raise PluginError(str(error)) from None


def _dimensions(svg: bytes) -> tuple[int, int]:
    """Width and height in CSS pixels, from the points of a matplotlib SVG's header."""
    found = re.search(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if not found:
        raise PluginError("a figure's SVG gives no width and height in points")
    width, height = (round(float(v) * 4 / 3) for v in found.groups())
    return width, height


def _size(svg: bytes) -> str:
    """``width=... height=...`` for Markdown's attribute lists."""
    return "width={} height={}".format(*_dimensions(svg))


def _latex(name: str) -> str:
    """A registered formula as Jupyter shows it: display math."""
    return f"$$\n{FORMULAS[name].latex}\n$$"


def code_without_docstring(obj: Any) -> str:
    """The source of a function or class as written, without its decorators and docstring.

    Pages show the docstring as prose, and a figure's alt text and caption beside it.
    """
    source = textwrap.dedent(inspect.getsource(obj))
    node = ast.parse(source).body[0]
    lines = source.splitlines(keepends=True)
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        lines[body[0].lineno - 1 : body[0].end_lineno] = []
    return "".join(lines[node.lineno - 1 :])
