"""Time the site build: cold, and rebuilds after no change, a prose edit and code edits.

Works on a copy of the project in a temporary folder (the working tree is never
touched), with its own cache, and prints a table: seconds for each build, how
many figure drawings were redone and how many notebooks were run again.
Run: python benchmarks/build_site.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _copy_project(destination: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    for name in listed.stdout.splitlines():
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _build(project: Path, cache: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", REGLIT_CACHE=str(cache), PYTHONPATH=str(project))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(project / "site")],
        cwd=project,
        env=env,
        check=True,
    )
    return time.perf_counter() - start


def _entries(cache: Path, pattern: str) -> dict[str, float]:
    return {str(p): p.stat().st_mtime_ns for p in cache.glob(pattern)}


def _changed(before: dict[str, float], after: dict[str, float]) -> int:
    return sum(1 for k, v in after.items() if before.get(k) != v)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"benchmark edit not found in {path}: {old!r}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        project, cache = Path(folder) / "project", Path(folder) / "cache"
        _copy_project(project)
        steps = [
            ("cold build (no cache)", None),
            ("rebuild, nothing changed", None),
            (
                "rebuild after a prose edit",
                ("docs/chapters/penalties.md", "## The idea\n", "## The idea\n\nAn added sentence.\n"),
            ),
            (
                "rebuild after a figure-code edit",
                ("reglit/figures.py", 'title="One L2 step', 'title="An L2 step'),
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
            figures, notebooks = _entries(cache, "figures-*/*.svg"), _entries(cache, "notebooks/*.ipynb")
            seconds = _build(project, cache)
            redrawn = _changed(figures, _entries(cache, "figures-*/*.svg"))
            rerun = _changed(notebooks, _entries(cache, "notebooks/*.ipynb"))
            rows.append((label, seconds, redrawn, rerun))
        cold = rows[0][1]
        header = ("build", "seconds", "% of cold", "figures redrawn", "notebooks run")
        print(f"{header[0]:42s} {header[1]:>8s} {header[2]:>10s} {header[3]:>16s} {header[4]:>14s}")
        for label, seconds, redrawn, rerun in rows:
            print(f"{label:42s} {seconds:8.2f} {100 * seconds / cold:9.0f}% {redrawn:16d} {rerun:14d}")


if __name__ == "__main__":
    main()
