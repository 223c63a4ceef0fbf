"""A new user's set-up, timed: clone a commit, run the README's `make site` (and `make test`), measure.

Each commit is cloned into a temporary folder and set up from nothing there, with
this machine's download caches (pip's, uv's, npm's) as they are. Prints seconds
for each command and the size of what `make site` installed: `.venv` in disk
blocks (what `du -s` says) and in bytes of content, and the installer's own
environment under `.cache/` when the commit has one.
Run: python benchmarks/fresh_clone.py [--test] COMMIT [COMMIT ...]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def megabytes(folder: Path, *, apparent: bool = False) -> str:
    if not folder.exists():
        return "-"
    flags = ["-sm", "--apparent-size"] if apparent else ["-sm"]
    du = subprocess.run(["du", *flags, str(folder)], capture_output=True, text=True, check=True)
    return du.stdout.split()[0]


def timed(command: list[str], tree: Path, log: Path) -> float:
    start = time.perf_counter()
    with log.open("w") as out:
        subprocess.run(command, cwd=tree, stdout=out, stderr=subprocess.STDOUT, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="also time `make test` after `make site`")
    parser.add_argument("commits", nargs="+")
    arguments = parser.parse_args()
    header = f"{'commit':12s} {'make site s':>11s} {'.venv MB':>8s} {'content MB':>10s} {'installer MB':>12s}"
    print(header + (f" {'make test s':>11s}" if arguments.test else ""))
    with tempfile.TemporaryDirectory(prefix="reglit-clone-") as scratch:
        for commit in arguments.commits:
            tree = Path(scratch) / commit
            subprocess.run(["git", "clone", "-q", str(ROOT), str(tree)], check=True)
            subprocess.run(["git", "checkout", "-q", "--detach", commit], cwd=tree, check=True)
            site = timed(["make", "site"], tree, Path(scratch) / f"{commit}-site.log")
            venv = tree / ".venv"
            print(
                f"{commit[:12]:12s} {site:11.1f} {megabytes(venv):>8s} {megabytes(venv, apparent=True):>10s} "
                f"{megabytes(tree / '.cache' / 'installer'):>12s}",
                end="",
                flush=True,
            )
            if arguments.test:
                print(f" {timed(['make', 'test'], tree, Path(scratch) / f'{commit}-test.log'):11.1f}", end="")
            print()


if __name__ == "__main__":
    main()
