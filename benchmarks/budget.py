"""The performance budget: build times, the bytes of each page's first view, figure sizes.

Works on a copy of the project in a temporary folder (the working tree is never
touched), with its own caches. Prints three tables:

- seconds for a cold build and for rebuilds after no change, a prose edit, a
  docstring edit, a figure-code edit and a package edit, with the figures
  redrawn and notebooks rerun;
- the bytes Chromium loads for the first view of each page (served on 127.0.0.1,
  empty browser cache, everything loaded by the load event, decoded sizes), on a
  computer's screen (1280 x 800) and on a phone's (390 x 844, which fetches the
  narrow drawings), against the budget: 400 KB for a chapter page, 500 KB for a
  notebook page, on each;
- the size of every figure, wide and narrow, against 100 KB;
- for each explorable figure, palette and layout, its frames' total (against
  300 KB) and its largest frame (against 60 KB).

Goals: a rebuild after a prose edit under 15% of the cold build, every page and
figure within budget. Run: python benchmarks/budget.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' support module
from tests.support import CHROMIUM_FLAGS, build_site, chromium, project_copy, serve


def _build(project: Path, cache: Path) -> float:
    start = time.perf_counter()
    result = build_site(project / "site", cache, project, "--quiet")
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return time.perf_counter() - start


def _entries(cache: Path, pattern: str) -> dict[str, float]:
    return {str(p): p.stat().st_mtime_ns for p in (cache / "reglit").glob(pattern)}


def _drawings(cache: Path) -> dict[str, float]:
    """Figures and the frames of explorable figures, in both palettes."""
    return _entries(cache, "figures-*/*.svg") | _entries(cache, "frames-*/*.svg")


def _changed(before: dict[str, float], after: dict[str, float]) -> int:
    return sum(1 for k, v in after.items() if before.get(k) != v)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"benchmark edit not found in {path}: {old!r}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_times(project: Path, cache: Path) -> None:
    steps = [
        ("cold build (no cache)", None),
        ("rebuild, nothing changed", None),
        (
            "rebuild after a prose edit",
            ("docs/chapters/penalties.md", "## The idea\n", "## The idea\n\nAn added sentence.\n"),
        ),
        (
            "rebuild after a docstring edit (gd_step)",
            ("reglit/updates.py", "One plain gradient descent step.", "One step of plain gradient descent."),
        ),
        (
            "rebuild after a figure-code edit",
            ("reglit/figures.py", 'title="Exact zeros"', 'title="Weights exactly zero"'),
        ),
        (
            "rebuild after a package edit (l1_step)",
            (
                "reglit/updates.py",
                "W - lr * (grad + lam * np.sign(W))",
                "W - lr * grad - lr * lam * np.sign(W)",
            ),
        ),
    ]
    rows = []
    for label, edit in steps:
        if edit:
            _edit(project / edit[0], edit[1], edit[2])
        figures, notebooks = _drawings(cache), _entries(cache, "notebooks/*.ipynb")
        seconds = _build(project, cache)
        redrawn = _changed(figures, _drawings(cache))
        rerun = _changed(notebooks, _entries(cache, "notebooks/*.ipynb"))
        rows.append((label, seconds, redrawn, rerun))
    cold = rows[0][1]
    header = ("build", "seconds", "% of cold", "figures and frames drawn", "notebooks run")
    print(f"{header[0]:42s} {header[1]:>8s} {header[2]:>10s} {header[3]:>25s} {header[4]:>14s}")
    for label, seconds, redrawn, rerun in rows:
        print(f"{label:42s} {seconds:8.2f} {100 * seconds / cold:9.0f}% {redrawn:25d} {rerun:14d}")


# The page and every resource that finished loading by the load event, as Chromium decoded them.
_FIRST_VIEW = """() => {
  const page = performance.getEntriesByType("navigation")[0];
  const loaded = performance.getEntriesByType("resource").filter(r => r.responseEnd <= page.loadEventEnd);
  return [loaded.reduce((sum, r) => sum + r.decodedBodySize, page.decodedBodySize), loaded.length + 1];
}"""


SCREENS = {"computer": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def page_weights(site: Path) -> None:
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.name != "404.html")
    print(
        f"\n{'page (first view, empty cache)':42s} " + " ".join(f"{s + ' KB':>12s}" for s in SCREENS), end=""
    )
    print(f" {'budget':>8s} {'requests':>9s}")
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        for name in pages:
            weights = []
            for viewport in SCREENS.values():
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                page.goto(f"{base}/{name}", wait_until="load")
                page.wait_for_timeout(300)
                weights.append(page.evaluate(_FIRST_VIEW))
                context.close()
            budget = 500 if name.startswith("notebooks/") else 400
            flag = "" if all(size / 1000 < budget for size, _ in weights) else "  OVER"
            sizes = " ".join(f"{size / 1000:12.0f}" for size, _ in weights)
            print(f"{name:42s} {sizes} {budget:8d} {max(count for _, count in weights):9d}{flag}")
        browser.close()
    drawings = [p for p in (site / "figures").rglob("*.svg")]
    print(f"\n{'figure':42s} {'KB':>8s} {'budget':>8s}")
    for svg in sorted(p for p in drawings if p.parent.parent.name in ("figures", "narrow")):
        size = svg.stat().st_size / 1000
        flag = "" if size <= 100 else "  OVER"
        print(f"{svg.relative_to(site / 'figures').as_posix():42s} {size:8.0f} {100:8d}{flag}")
    columns = ("frames", "KB", "budget", "largest", "budget")
    print(f"\n{'explorable figure (one palette, one layout)':42s} " + " ".join(f"{c:>8s}" for c in columns))
    for folder in sorted({p.parent for p in drawings if p.parent.parent.name not in ("figures", "narrow")}):
        sizes = [svg.stat().st_size / 1000 for svg in folder.glob("*.svg")]
        flag = "" if sum(sizes) < 300 and max(sizes) < 60 else "  OVER"
        name = folder.relative_to(site / "figures").as_posix()
        print(f"{name:42s} {len(sizes):8d} {sum(sizes):8.0f} {300:8d} {max(sizes):8.0f} {60:8d}{flag}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        project, cache = Path(folder) / "project", Path(folder) / "cache"
        project_copy(project)
        build_times(project, cache)
        page_weights(project / "site")


if __name__ == "__main__":
    main()
