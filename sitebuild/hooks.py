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


def _code_files() -> dict[str, tuple[int, int]]:
    found = {}
    for folder in ("reglit", "sitebuild"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def on_config(config):
    """Start a build with the package as it is on disk now (``mkdocs serve`` rebuilds in-process).

    The modules of ``reglit`` and ``sitebuild`` are loaded again when a file of
    theirs changed since the last build, and kept otherwise, with what they
    memoised (the formulas' verification, the code behind each cache key).
    """
    global _build
    if str(ROOT) not in sys.path:  # MkDocs restores sys.path after loading this file
        sys.path.insert(0, str(ROOT))
    files = _code_files()
    # MkDocs loads this file anew for every build of `serve`; what was loaded is kept on the package.
    if files != getattr(sys.modules.get("sitebuild"), "loaded_files", None):
        for name in [n for n in sys.modules if n.split(".")[0] in ("reglit", "sitebuild")]:
            del sys.modules[name]
        importlib.import_module("sitebuild").loaded_files = files
    build = importlib.import_module("sitebuild.build")
    build.verify_formulas()  # before anything is drawn or run: a slip in the package stops here
    _build = build.Build(config)
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


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        return markdown  # a notebook: its Markdown cells were expanded and rendered in on_files
    return _build.page_markdown(markdown, page.file.src_uri)


def on_page_content(html, page, config, files):
    return _build.page_content(html, page, files)


def on_post_page(output, page, config):
    return importlib.import_module("sitebuild.build").without_reference_styles(output, page.file.src_uri)


def on_serve(server, config, builder):
    """Rebuild the site when the package or the build machinery changes, not only the pages."""
    for folder in ("reglit", "sitebuild"):
        server.watch(str(ROOT / folder))
    return server
