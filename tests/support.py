"""What the site tests and the benchmarks share: a clean build, a local server, Chromium and its checks.

The performance benchmark (``benchmarks/budget.py``) imports it too, so that it
builds, serves and browses the site exactly as the tests do.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Chromium's own background services would otherwise look up outside hosts.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]
"""Flags for headless Chromium that keep it, and everything it loads, on this machine."""


def chromium() -> str:
    """Path of the Chromium to drive: ``$CHROMIUM``, or Debian's ``chromium``."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def commit_time() -> str:
    """SOURCE_DATE_EPOCH for this checkout: the time of its last commit."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "315532800"


def build_env(caches: Path, project: Path = ROOT) -> dict[str, str]:
    """The environment of a build of ``project`` with its own caches under ``caches``."""
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        SOURCE_DATE_EPOCH=commit_time(),
        REGLIT_CACHE=str(caches / "reglit"),
        MKDOCS_JUPYTER_CACHE=str(caches / "mkdocs-jupyter"),
        PYTHONPATH=str(project),
    )
    env.pop("SITE_URL", None)
    return env


def build_site(
    destination: Path, caches: Path, project: Path = ROOT, *flags: str
) -> subprocess.CompletedProcess:
    """A ``mkdocs build --strict`` of ``project`` into ``destination``, caching in ``caches``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *flags, "--site-dir", str(destination)],
        cwd=project,
        env=build_env(caches, project),
        capture_output=True,
        text=True,
        check=False,
    )


def project_copy(folder: Path) -> Path:
    """A copy of the project's files (tracked and new, not ignored) in ``folder``."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    for name in listed.stdout.splitlines():
        if (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port until the block ends; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _allowed(url: str, origin: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    if origin == "file":
        return parsed.scheme == "file"
    return url.startswith(origin + "/")


def visit(browser, url: str, origin: str, scheme: str):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda request: None if _allowed(request.url, origin) else outside.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(150)
    return context, page, outside, errors


# Every image the palette shows, loaded now (figures are lazy; the other palette's are checked in its run).
_SHOWN_IMAGES_THAT_FAIL = """async () => {
  const shown = [...document.images].filter(i => i.offsetParent !== null);
  shown.forEach(i => { i.loading = "eager"; });
  await Promise.all(shown.map(i => i.decode().catch(() => null)));
  return shown.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);
}"""


def check_page(page, outside, errors, scheme):
    assert not outside, f"requests to other hosts: {outside}"
    assert not errors, f"console errors: {errors}"
    broken = page.evaluate(_SHOWN_IMAGES_THAT_FAIL)
    assert not broken, f"images that did not load: {broken}"
    text = page.evaluate(  # the prose: code blocks may show docstrings with TeX in them
        "(() => { const a = document.querySelector('article').cloneNode(true);"
        " a.querySelectorAll('pre, code').forEach(e => e.remove()); return a.textContent; })()"
    )
    for raw in ("\\(", "\\[", "$$", "\\frac", "\\lambda", "{{"):
        assert raw not in text, f"raw TeX or directive {raw!r} visible"
    assert page.evaluate("document.querySelectorAll('.arithmatex').length") == 0
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == {"light": "default", "dark": "slate"}[scheme]
    other = "dark" if scheme == "light" else "light"
    visible = (
        "s => [...document.querySelectorAll(`img[src$='#only-${s}']`)].map(i => i.offsetParent !== null)"
    )
    hidden = not any(page.evaluate(visible, other))
    shown = all(page.evaluate(visible, scheme))
    assert hidden and shown, f"figures do not follow the {scheme} palette"
    check_accessibility(page)


def check_accessibility(page):
    """axe-core (bundled with axe-playwright-python, injected from disk): no serious or critical finding."""
    results = Axe().run(page)
    found = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not found, found


def search(page, word: str) -> list[str]:
    page.click("input.md-search__input")  # hidden when search cannot start, as from file:// without a shim
    page.keyboard.type(word)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
