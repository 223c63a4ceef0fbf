"""Seconds for a cold build (empty cache, fresh site folder) of this checkout and of other commits.

Each commit is checked out into a temporary worktree and built there with its
own package first on the path (not the installed one) and a cache of its own,
as a new clone's first `make site` would, with this checkout's environment.
Run: python benchmarks/cold_build.py [COMMIT ...]   (for example a commit before a change)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cold_build(tree: Path, scratch: Path) -> float:
    env = os.environ | {
        "PYTHONPATH": str(tree),
        "REGLIT_CACHE": str(scratch / "cache"),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "315532800",
    }
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(scratch / "site")],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    print(f"{'tree':44s} {'seconds':>8s}")
    with tempfile.TemporaryDirectory() as scratch:
        print(f"{'this checkout':44s} {cold_build(ROOT, Path(scratch) / 'here'):8.1f}")
        for run, commit in enumerate(sys.argv[1:]):  # a commit named twice is built cold twice
            tree = Path(scratch) / f"{run}-{commit}"
            subprocess.run(
                ["git", "worktree", "add", "-q", "--detach", str(tree), commit], cwd=ROOT, check=True
            )
            try:
                print(f"{commit:44s} {cold_build(tree, Path(scratch) / f'{run}-{commit}-build'):8.1f}")
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
