"""MkDocs hooks, loaded by path from mkdocs.yml: thin calls into ``sitebuild.build``.

The build machinery sits beside the package, not in it: ``on_config`` puts the
project folder on ``sys.path`` so that ``sitebuild`` imports as a package.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent

_build = None
_command = "build"


def _code_files(config_file: str) -> dict[str, tuple[int, int]]:
    """The files of reglit and sitebuild, and mkdocs.yml, with their times and sizes."""
    found = {}
    for path in [
        Path(config_file),
        *sorted((ROOT / "reglit").rglob("*")),
        *sorted((ROOT / "sitebuild").rglob("*")),
    ]:
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def on_startup(command, dirty):
    """Remember the command: every build but ``serve``'s publishes the site, and prints its book."""
    global _command
    _command = command


def on_config(config):
    """Start a build with the package as it is on disk now (``mkdocs serve`` rebuilds in-process).

    The modules of ``reglit`` and ``sitebuild`` are loaded again when a file of
    theirs (or mkdocs.yml) changed since the last build, and kept otherwise, with
    what they memoised (the formulas' verification, the code behind each cache
    key, notebook pages). ``make serve`` rebuilds only edited pages
    (``--dirty``); after such a change the built pages are removed, so that every
    page is built again.
    """
    global _build
    if str(ROOT) not in sys.path:  # MkDocs restores sys.path after loading this file
        sys.path.insert(0, str(ROOT))
    files = _code_files(config.config_file_path)
    # MkDocs loads this file anew for every build of `serve`; what was loaded is kept on the package.
    loaded = getattr(sys.modules.get("sitebuild"), "loaded_files", None)
    if files != loaded:
        for name in [n for n in sys.modules if n.split(".")[0] in ("reglit", "sitebuild")]:
            del sys.modules[name]
        importlib.import_module("sitebuild").loaded_files = files
        if loaded is not None:  # `serve --dirty` rebuilds only edited pages: after a code edit, every page
            for page in Path(config.site_dir).rglob("*.html"):
                page.unlink()
    _build = importlib.import_module("sitebuild.build").Build(config)
    version = importlib.import_module("reglit").__version__
    config.copyright = f"{config.copyright} reglit {version}."  # the footer names the version built
    # nbconvert finds templates on the Jupyter data path: the site's notebook template comes first.
    templates = str(importlib.import_module("sitebuild.notebooks").TEMPLATES)
    path = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != templates]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([templates, *path])
    return config


@event_priority(100)  # before mkdocs-jupyter, which turns the executed notebooks into pages
def on_files(files, config):
    return _build.add_files(files)


def on_env(env, config, files):
    """Compiled page templates are kept between builds (Jinja checks each template's source)."""
    import jinja2

    folder = _build.cache.folder / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        return markdown  # a notebook: its Markdown cells were expanded and rendered in on_files
    return _build.page_markdown(markdown, page.file.src_uri)


def on_page_content(html, page, config, files):
    return _build.page_content(html, page, files)


def on_post_page(output, page, config):
    build = importlib.import_module("sitebuild.build")
    return build.compact(build.without_reference_styles(output, page.file.src_uri))


def on_post_build(config):
    _build.finish(publishing=_command != "serve")


def on_serve(server, config, builder):
    """Rebuild the site when the package or the build machinery changes, not only the pages."""
    for folder in ("reglit", "sitebuild"):
        server.watch(str(ROOT / folder))
    return server
