"""Lines of code per module of the package and of the build machinery, and each module's share.

Counts code lines (not blank, not comments; docstrings count, they carry the
formulas). Prints each folder's modules, largest first, its total and its
largest module's share. Run: python benchmarks/structure.py [FOLDER ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_lines(path: Path) -> int:
    return sum(
        1
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    )


def main() -> None:
    for folder in sys.argv[1:] or ["reglit", "sitebuild"]:
        sizes = {p.relative_to(ROOT).as_posix(): code_lines(p) for p in sorted((ROOT / folder).rglob("*.py"))}
        total = sum(sizes.values())
        print(f"{folder}/: {len(sizes)} modules, {total} code lines")
        for name, lines in sorted(sizes.items(), key=lambda item: -item[1]):
            print(f"  {name:44s} {lines:5d}  {lines / total:6.1%}")


if __name__ == "__main__":
    main()
