"""A reader's install-and-run times: reglit from the built site, every notebook run in a fresh Python.

Builds the site into a temporary folder (its own caches: a cold build), serves it
on 127.0.0.1, and follows the "Run the code" page as a reader would: a fresh
virtual environment outside the checkout, the page's command to install the
wheel the site serves (third-party libraries pinned by constraints.txt, from
the package index or pip's cache), Jupyter's kernel, then every notebook,
downloaded with its page's button in Chromium and executed. Then the same from
the unpacked offline archive, with the network cut (``unshare``) after the
libraries are installed. Prints seconds per step and per notebook.
Run: python benchmarks/run_the_code.py
"""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' support module
from sitebuild import archive
from tests.support import (
    CHROMIUM_FLAGS,
    ROOT,
    Environment,
    build_site,
    chromium,
    download_notebooks,
    page_commands,
    serve,
)

NOTEBOOKS = sorted(p.stem for p in (ROOT / "docs" / "notebooks").glob("*.py"))
PINS = ["-c", str(ROOT / "constraints.txt")]
TOOLS = ["nbclient", "ipykernel"]


def _time(rows: list[tuple[str, float]], label: str, action) -> None:
    start = time.perf_counter()
    action()
    rows.append((label, time.perf_counter() - start))


def _reader(browser, base: str, folder: Path, offline: bool) -> list[tuple[str, float]]:
    rows: list[tuple[str, float]] = []
    commands = page_commands(browser, f"{base}/run.html")
    env = Environment(folder / "reader", offline=offline)
    if offline:
        first = " ".join(w for w in commands["first-while-online"].split() if w != "jupyterlab")
        _time(
            rows,
            "install numpy, matplotlib, scikit-learn, kernel (online)",
            lambda: env.pip(first, *TOOLS, *PINS, network=True),
        )
        _time(
            rows,
            "install reglit from the copy (no network)",
            lambda: env.pip(commands["then-with-no-network"]),
        )
    else:
        _time(
            rows,
            "install reglit from the site, with numpy, matplotlib",
            lambda: env.pip(commands["from-this-site"], *PINS),
        )
        _time(
            rows,
            "install scikit-learn and a kernel",
            lambda: env.run("-m", "pip", "install", "--quiet", *PINS, "scikit-learn", *TOOLS),
        )
    downloads = download_notebooks(browser, base, folder / "downloads", NOTEBOOKS)
    for name, notebook in downloads.items():
        _time(rows, f"run notebooks/{name}.ipynb", lambda notebook=notebook: env.execute(notebook))
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="reglit-run-") as folder:
        folder = Path(folder)
        start = time.perf_counter()
        result = build_site(folder / "site", folder / "caches", ROOT, "--quiet")
        if result.returncode != 0:
            raise SystemExit(result.stderr[-3000:])
        print(f"cold build of the site: {time.perf_counter() - start:.1f} s\n")
        with zipfile.ZipFile(archive.pack(folder / "site", folder / "reglit-site.zip")) as zipped:
            zipped.extractall(folder / "unpacked")
        copy = (folder / "unpacked" / archive.FOLDER).as_uri()
        with sync_playwright() as playwright, serve(folder / "site") as base:
            browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
            for label, site, offline in (("hosted site", base, False), ("offline copy", copy, True)):
                rows = _reader(browser, site, folder / label.replace(" ", "-"), offline)
                print(f"{label:<58} seconds")
                for step, seconds in rows:
                    print(f"  {step:<56} {seconds:7.1f}")
                print(f"  {'total':<56} {sum(s for _, s in rows):7.1f}\n")
            browser.close()


if __name__ == "__main__":
    main()
