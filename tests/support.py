"""What the site tests and the benchmarks share: a clean build, a local server, Chromium and its checks.

The performance benchmark (``benchmarks/budget.py``) imports it too, so that it
builds, serves and browses the site exactly as the tests do.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import nbformat
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


def _drawing(name: str):
    from sitebuild.drawings import every

    (drawing,) = [d for d in every() if d.name == name]
    return drawing


@functools.cache
def drawn_svg(name: str, theme: str, shape: str = "wide") -> bytes:
    """The SVG of a drawing (``NAME`` or ``NAME/INDEX``), drawn in this process as the build draws it."""
    svg = _drawing(name).draw(theme, shape)
    assert isinstance(svg, bytes), svg
    return svg


@functools.cache  # each drawing drawn at most once per palette per test session, whatever checks it
def cached_svg(name: str, theme: str, shape: str = "wide") -> bytes:
    """The SVG of a drawing from the cache the tests read (its key is its code), or drawn and cached.

    For the checks of what an SVG holds; ``drawn_svg`` is for checking that
    drawing again gives the same bytes.
    """
    from sitebuild.cache import DiskCache
    from sitebuild.drawings import Drawings

    also = [Path(f) for f in os.environ.get("REGLIT_CACHE_ALSO", "").split(os.pathsep) if f]
    cache = DiskCache(Path(os.environ["REGLIT_CACHE"]), tuple(also))
    return Drawings(cache).svg(_drawing(name), theme, shape)


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
        SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH") or commit_time(),
        REGLIT_CACHE=str(caches / "reglit"),
        MKDOCS_JUPYTER_CACHE=str(caches / "mkdocs-jupyter"),
        PYTHONPATH=str(project),
    )
    env.pop("SITE_URL", None)
    env.pop("REGLIT_CACHE_ALSO", None)  # a clean build reads no other cache
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


def start_build(folder: Path, project: Path = ROOT) -> subprocess.Popen:
    """Start a clean build of ``project`` into ``folder/site`` (caches in ``folder/caches``) and return.

    The build runs in a process of its own (``python -m tests.support FOLDER
    PROJECT``), which writes its output and exit status to ``folder/result.json``
    when it ends, so that any test process can wait for it with
    [`finished_build`][tests.support.finished_build].
    """
    folder.mkdir(parents=True)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support", str(folder), str(project)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def finished_build(folder: Path, timeout: float = 1200) -> subprocess.CompletedProcess:
    """The result of the build started into ``folder``, once it has ended."""
    result = folder / "result.json"
    deadline = time.monotonic() + timeout
    while not result.exists():
        assert time.monotonic() < deadline, f"the build into {folder} did not end within {timeout:.0f} s"
        time.sleep(0.2)
    return subprocess.CompletedProcess(**json.loads(result.read_text()))


def _build_and_record(folder: Path, project: Path) -> None:
    try:
        done = build_site(folder / "site", folder / "caches", project)
        record = {"args": done.args, "returncode": done.returncode, "stdout": done.stdout}
        record["stderr"] = done.stderr
    except Exception as error:  # whatever stopped it, the tests that wait for it report it
        record = {"args": [], "returncode": -1, "stdout": "", "stderr": f"{type(error).__name__}: {error}"}
    temporary = folder / "result.json.tmp"
    temporary.write_text(json.dumps(record))
    temporary.replace(folder / "result.json")


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


def check_page(page, outside, errors, scheme, axe=False):
    """The checks every visited page passes; ``axe`` also runs axe-core (once per page and palette)."""
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
    formulas = page.evaluate(  # each shown formula is read as math (its MathML), its drawing hidden
        "[...document.querySelectorAll('.math')].filter(e => e.checkVisibility()).length"
    )
    assert page.get_by_role("math").count() == formulas, "a formula is not exposed as math"
    assert page.locator(".math > svg:not([aria-hidden='true'])").count() == 0
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == {"light": "default", "dark": "slate"}[scheme]
    other = "dark" if scheme == "light" else "light"
    visible = (  # the small multiples of an explorable figure are hidden while its slider works
        "s => [...document.querySelectorAll(`img[src$='#only-${s}']`)]"
        ".filter(i => !i.closest('.explore-live .explore-multiples')).map(i => i.offsetParent !== null)"
    )
    hidden = not any(page.evaluate(visible, other))
    shown = all(page.evaluate(visible, scheme))
    assert hidden and shown, f"figures do not follow the {scheme} palette"
    if axe:
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


# --------------------------------------------------------------------------- a reader's machine

_RUN = """\
import sys
import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
notebook.cells.append(nbformat.v4.new_code_cell(
    "import sys, reglit\\nprint(sys.executable)\\nprint(reglit.__file__)"))
NotebookClient(notebook, timeout=900, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(notebook, sys.argv[3])
"""


class Environment:
    """A fresh virtual environment outside the checkout; ``offline`` runs its commands with no network."""

    def __init__(self, folder: Path, offline: bool = False):
        self.folder, self.offline = folder, offline
        self.home = folder / "home"
        self.home.mkdir(parents=True)
        subprocess.run([sys.executable, "-m", "venv", str(folder / "env")], check=True)
        self.python = folder / "env" / "bin" / "python"
        self.times: dict[str, float] = {}

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JUPYTER", "VIRTUAL_ENV"))}
        env["PATH"] = f"{self.python.parent}{os.pathsep}{env['PATH']}"
        env["JUPYTER_DATA_DIR"] = str(self.home / "jupyter")  # no kernels of this machine's user
        env["JUPYTER_CONFIG_DIR"] = str(self.home / "jupyter-config")
        env["IPYTHONDIR"] = str(self.home / "ipython")
        env["PIP_NO_COMPILE"] = "1"  # installs write no bytecode (Python writes what it imports): faster
        return env

    def run(self, *args: str, network: bool = False, what: str = "") -> subprocess.CompletedProcess:
        command = [str(self.python), *args]
        if self.offline and not network:
            # a network namespace of its own, with only the loopback interface (kernels talk over it)
            isolated = [
                "unshare",
                "--net",
                "--map-root-user",
                "sh",
                "-c",
                'ip link set lo up && exec "$@"',
                "-",
            ]
            command = [*isolated, *command]
        start = time.perf_counter()
        result = subprocess.run(
            command, cwd=self.folder, env=self.env(), capture_output=True, text=True, check=False
        )
        if what:
            self.times[what] = self.times.get(what, 0.0) + time.perf_counter() - start
        output = f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
        assert result.returncode == 0, f"{shlex.join(command)}\n{output}"
        return result

    def pip(self, command: str, *extra: str, network: bool = False, what: str = "install"):
        """Run a ``python -m pip ...`` or ``%pip ...`` command as a reader would, in this environment."""
        words = shlex.split(command.replace("\\\n", " "))
        words = words[3:] if words[:3] == ["python", "-m", "pip"] else words[1:]
        assert words[0] == "install", command
        return self.run("-m", "pip", *words, "--quiet", *extra, network=network, what=what)

    def execute(self, notebook: Path) -> nbformat.NotebookNode:
        """Run every cell of a notebook in a kernel of this environment; return the executed notebook."""
        out = notebook.with_suffix(".executed.ipynb")
        script = self.folder / "run_notebook.py"
        script.write_text(_RUN)
        self.run(str(script), str(notebook), str(self.folder), str(out), what="notebooks")
        executed = nbformat.read(out, as_version=4)
        where = executed.cells[-1].outputs[0]["text"].split()
        env = str(self.folder / "env")
        assert where[0].startswith(env) and where[1].startswith(env), (where, env)  # the fresh environment's
        return executed


def page_commands(browser, url: str) -> dict[str, str]:
    """The shell commands of the "Run the code" page, by section, as the reader's browser shows them."""
    page = browser.new_page()
    page.goto(url, wait_until="load")
    commands = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("h2, h3")].map(h => {
            let block = h.nextElementSibling;
            while (block && !/^H[23]$/.test(block.tagName) && !block.querySelector("pre code")) {
              block = block.nextElementSibling;
            }
            const code = block && !/^H[23]$/.test(block.tagName) ? block.querySelector("pre code") : null;
            return [h.id, code ? code.innerText : null];
        }))"""
    )
    page.close()
    return commands


def download_notebooks(browser, base: str, folder: Path, names: list[str]) -> dict[str, Path]:
    """Every notebook, saved from its page's download button."""
    folder.mkdir(parents=True)
    saved = {}
    page = browser.new_page(accept_downloads=True)
    for name in names:
        page.goto(f"{base}/notebooks/{name}.html", wait_until="load")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download this notebook (.ipynb)").click()
        path = folder / download.value.suggested_filename
        download.value.save_as(path)
        saved[name] = path
    page.close()
    return saved


if __name__ == "__main__":  # python -m tests.support FOLDER PROJECT: see start_build
    _build_and_record(Path(sys.argv[1]), Path(sys.argv[2]))
