"""One MkDocs build of the site: what each hook of [`sitebuild.hooks`][sitebuild.hooks] asks for.

A [`Build`][sitebuild.build.Build] holds what a build shares: the configuration,
the cache, and the parts that each do one job: the experiments' results
([`sitebuild.results`][sitebuild.results]), the drawings
([`sitebuild.drawings`][sitebuild.drawings]), the chapters' order
([`sitebuild.navigation`][sitebuild.navigation]) and the math
([`sitebuild.typeset`][sitebuild.typeset]). Pages reach them through the directives
of [`sitebuild.directives`][sitebuild.directives].

Before it draws or runs anything, a build checks every registered formula against
the function that computes it, so a slip in the package stops ``mkdocs build`` or
``serve`` within seconds, naming the function and the formula.

Figures and values are cached on disk (in ``.cache/reglit`` beside mkdocs.yml, or
in ``$REGLIT_CACHE``; folders in ``$REGLIT_CACHE_ALSO`` are read, never written),
keyed on the code that computes them
([`sitebuild.cache`][sitebuild.cache]). Any failure stops the build with the page
or figure named.
"""

from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import markdown
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

import reglit
from reglit.formulas import FORMULAS, Formula, battery
from reglit.formulas import verify as verify_formula
from sitebuild import archive, directives, distributions, notebooks, pdf, typeset
from sitebuild.cache import DiskCache, Key, source_digest
from sitebuild.drawings import DrawingError, Drawings
from sitebuild.navigation import Navigation, NavigationError
from sitebuild.results import Results

_PAGE_LINK = re.compile(r'href="(?![a-z]+:)[^"]*\.md(#[^"]*)?"')  # MkDocs does not rewrite notebook links


PROJECT = Path(__file__).resolve().parent.parent
"""The project that holds ``reglit/`` and this ``sitebuild/``."""


def minified(css: str) -> str:
    r"""A stylesheet without comments, indentation or blank lines: what readers download, smaller.

    >>> minified("/* a note */\na {\n  color: red; /* why */\n}\n")
    'a {\ncolor: red;\n}\n'
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return "".join(line.strip() + "\n" for line in css.splitlines() if line.strip())


def verify_formulas(cache: DiskCache) -> None:
    """Check every registered formula against its function; the first mismatch stops the build.

    A check that passed is remembered for the package's source as it is (undoing
    an edit finds it again); a failure is never remembered.
    """

    def verify() -> dict:
        for name, formula in FORMULAS.items():
            if mismatch := verify_formula(formula, battery(formula)):
                raise PluginError(
                    f"formula {name!r} does not match {formula.qualname}: {mismatch} "
                    f"(the formula is in reglit/formulas.py, the function in {formula.function.__module__})"
                )
        return {"verified": sorted(FORMULAS)}

    cache.json("formulas", "verified", source_digest(PROJECT / "reglit"), verify)


class Build:
    """What one MkDocs build shares: configuration, cache, results, drawings, navigation, math."""

    def __init__(self, config: Any):
        root = Path(config.config_file_path).parent
        self.config = config
        also = [Path(f) for f in os.environ.get("REGLIT_CACHE_ALSO", "").split(os.pathsep) if f]
        self.cache = DiskCache(Path(os.environ.get("REGLIT_CACHE", root / ".cache" / "reglit")), tuple(also))
        verify_formulas(self.cache)  # before anything is drawn or run: a slip in the package stops here
        self.results = Results(self.cache)
        self.drawings = Drawings(self.cache)
        self.navigation = Navigation.of(config)
        self.typesetter = typeset.Renderer(
            lambda name, make: self.cache.bytes("math", name, Key("svg"), make)
        )
        self.checked_exercises: set[str] = set()
        self.site_root = config.site_url.rstrip("/") + "/" if config.site_url else f"{archive.FOLDER}/"
        """Where readers find the site: ``site_url`` when set, else the offline copy's folder."""

    # ------------------------------------------------------------------ files

    def finish(self, publishing: bool) -> None:
        """After the pages: the site's stylesheet without its comments, and, when the build publishes the
        site (every command but ``serve``), the book printed as one PDF, which the home page then links.

        The book is printed when ``extra.book`` names its file; Chromium prints it
        ([`sitebuild.pdf`][sitebuild.pdf]), found at ``$CHROMIUM`` or ``/usr/bin/chromium``.
        """
        site = Path(self.config.site_dir)
        stylesheet = site / "stylesheets" / "reglit.css"
        if stylesheet.exists():
            stylesheet.write_text(minified(stylesheet.read_text(encoding="utf-8")), encoding="utf-8")
        book = self.config.extra.get("book")
        if not (publishing and book):
            return
        chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        if not Path(chromium).exists():
            raise PluginError(
                f"printing the book ({book}) needs Chromium, not found at {chromium}: install Debian's "
                "chromium package (`make site` does), or set CHROMIUM to a Chromium or Chrome"
            )
        pages = pdf.pages(self.config.config_file_path)
        printed = pdf.write(site, site / book, chromium, pages, self.config.site_url or "")
        pdf.link_home(site, printed, self.config.config_file_path)

    def add_files(self, files: Files) -> Files:
        """Add the drawings, reglit's distributions and the executed notebooks to the site's files.

        The notebooks run (a kernel process each) and the distributions build
        while the figures are drawn (a process per core), and the experiments
        the pages use are certified while the notebooks finish: each waits on
        its own processes, and together they keep the cores busy.
        """
        sources = [f for f in files if f.src_uri.startswith("notebooks/") and f.src_uri.endswith(".py")]
        with ThreadPoolExecutor(max_workers=2) as background:
            executed = background.submit(self.run_notebooks, sources)
            made = background.submit(self.distributions)
            try:
                drawn, computed = self.drawings.files()
                self.results.keep(computed)
                made = made.result()
            except (DrawingError, RuntimeError) as error:
                raise PluginError(str(error)) from None
            self.results.prepare()  # the pages' numbers and certificates, while the notebooks run
            executed = executed.result()
        for uri, content in {**drawn, **made}.items():
            files.append(File.generated(self.config, uri, content=content))
        return self.add_notebooks(files, sources, executed)

    def distributions(self) -> dict[str, bytes]:
        """reglit's wheel and sdist under ``packages/``, rebuilt when a file they are made of changes.

        Built from the project that holds this ``sitebuild/`` and ``reglit/``.
        """
        root = PROJECT
        key, built = distributions.key(root), {}

        def make(name: str) -> bytes:
            if not built:
                try:
                    built.update(distributions.build(root))
                except RuntimeError as error:
                    raise RuntimeError(f"reglit's distributions: {error}") from None
            return built[name]

        return {
            f"{distributions.FOLDER}/{name}": self.cache.bytes(
                "distributions", name, key, lambda n=name: make(n)
            )
            for name in distributions.names().values()
        }

    def run_notebooks(self, sources: list[File]) -> list[bytes]:
        """Each jupytext source ``notebooks/NAME.py`` as the executed notebook its page shows."""

        def run(file: File) -> bytes:
            uri = file.src_uri[: -len(".py")] + ".ipynb"
            return self.cache.bytes(
                "notebook-pages",
                Path(uri).stem,
                self._notebook_key(file),
                lambda: notebooks.build(
                    Path(file.abs_src_path),
                    uri,
                    self.cache,
                    lambda text: self.expand(text, uri, "download"),
                    lambda text: self.notebook_html(text, uri),
                    self.site_root,
                ),
                ".ipynb",
            )

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # a kernel process each
            return list(pool.map(run, sources))

    def add_notebooks(self, files: Files, sources: list[File], executed: list[bytes]) -> Files:
        """Replace each jupytext source ``notebooks/NAME.py`` with its executed ``notebooks/NAME.ipynb``."""
        staging = self.cache.folder / "pages"
        for file, content in zip(sources, executed, strict=True):
            content = notebooks.with_pictures(
                content, lambda name, value, uri=file.src_uri: self.drawings.picture_html(name, value, uri)
            )
            files.remove(file)
            uri = file.src_uri[: -len(".py")] + ".ipynb"
            target = staging / uri
            if not target.exists() or target.read_bytes() != content:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            files.append(File(uri, str(staging), self.config.site_dir, self.config.use_directory_urls))
        return files

    def _notebook_key(self, file: File) -> Key:
        """The key of a notebook page: its source, the site's address, chapters and Markdown, and the code.

        Running the notebook is cached on the code it uses; this caches its page,
        assembled from that run and the site's Markdown, so that a prose edit to
        a chapter, or undoing an edit to the package, assembles no notebook page.
        """
        titles = tuple(self.navigation.title(uri) for uri in self.navigation.chapters)
        named = [e if isinstance(e, str) else type(e).__qualname__ for e in self.config.markdown_extensions]
        markdown_config = repr((named, self.config.mdx_configs))  # extension objects: by their class
        inputs = (
            Path(file.abs_src_path).read_bytes(),
            self.site_root,
            self.navigation,
            titles,
            markdown_config,
        )
        code = source_digest(PROJECT / "reglit", PROJECT / "sitebuild")
        return Key(hashlib.sha256(repr((inputs, code.digest)).encode()).hexdigest()[:16])

    # ------------------------------------------------------------------ pages

    def expand(self, text: str, source: str, output: str = directives.PAGE) -> str:
        """Markdown with its directives replaced; a failure stops the build, naming the page."""
        try:
            return directives.expand(self, text, source, output)
        except directives.DirectiveError as error:
            raise PluginError(str(error)) from None

    def page_markdown(self, text: str, uri: str) -> str:
        """A page's Markdown: directives replaced, a chapter's title numbered."""
        try:
            return self.navigation.numbered(self.expand(text, uri), uri)
        except NavigationError as error:
            raise PluginError(str(error)) from None

    def notebook_html(self, text: str, uri: str) -> str:
        """A notebook's Markdown cell as its page shows it: directives expanded, then the site's Markdown."""
        expanded = self.expand(text, uri, "notebook")
        html = markdown.Markdown(
            extensions=self.config.markdown_extensions, extension_configs=self.config.mdx_configs
        ).convert(expanded)
        if _PAGE_LINK.search(html):
            raise PluginError(
                f"{uri}: a link to a .md page; in a notebook, link a chapter with {{{{ chapter: NAME }}}}"
            )
        return html

    def page_content(self, content: str, page: Any, files: Files) -> str:
        """A page's HTML with every formula drawn and checked, each displayed one linked to its function."""
        if page.file.src_uri.endswith(".ipynb"):
            content = notebooks.without_appended_style(content)
        try:
            return typeset.render_page(
                content, page.file.src_uri, self.typesetter, lambda f: formula_link(f, page, files)
            )
        except typeset.MathError as error:
            raise PluginError(str(error)) from None


def formula_link(formula: Formula, page: Any, files: Files) -> str:
    """HTML linking a displayed formula to its function in the API reference."""
    module = formula.function.__module__.rsplit(".", 1)[-1]
    target = files.get_file_from_path(f"reference/{module}.md")
    if target is None:
        raise PluginError(f"no API reference page reference/{module}.md for {formula.qualname}")
    href = get_relative_url(target.url, page.url) + "#" + formula.qualname
    public = f"reglit.{formula.function.__name__}"
    label = public if formula.function.__name__ in reglit.__all__ else formula.qualname
    return f'<p class="formula-source">computed by <a href="{href}"><code>{label}</code></a></p>'


def without_reference_styles(output: str, uri: str) -> str:
    """The API reference's stylesheet is loaded only by API reference pages."""
    if uri.startswith("reference/"):
        return output
    return re.sub(r'<link rel="stylesheet" href="[^"]*_mkdocstrings\.css">\s*', "", output)


_VERBATIM = re.compile(r"(<pre.*?</pre>|<textarea.*?</textarea>|<script.*?</script>)", re.DOTALL)


def compact(output: str) -> str:
    """A page without the indentation between its tags (a run of blank space between two tags with a line
    break in it becomes one line break, which renders the same); code and scripts are kept as written.

    >>> compact("<ul>\\n    <li>a</li>\\n\\n    <li>b</li>\\n</ul><pre>x\\n    y</pre>")
    '<ul>\\n<li>a</li>\\n<li>b</li>\\n</ul><pre>x\\n    y</pre>'
    """
    parts = _VERBATIM.split(output)
    return "".join(part if i % 2 else re.sub(r">\s*\n\s*<", ">\n<", part) for i, part in enumerate(parts))
