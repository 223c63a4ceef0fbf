"""Time every experiment behind the site's figures and numbers, each from scratch.

Each experiment runs in a fresh process, as the build's first use of it would.
Prints one line per experiment and the total. Run: python benchmarks/experiments.py
"""

from __future__ import annotations

import subprocess
import sys

from reglit.experiments import EXPERIMENTS

_RUN = """
import time
from reglit.experiments import EXPERIMENTS
start = time.perf_counter()
EXPERIMENTS[{name!r}]()
print(time.perf_counter() - start)
"""


def main() -> None:
    total = 0.0
    print(f"{'experiment':24s} {'seconds':>8s}")
    for name in EXPERIMENTS:
        result = subprocess.run(
            [sys.executable, "-c", _RUN.format(name=name)], capture_output=True, text=True, check=True
        )
        seconds = float(result.stdout)
        total += seconds
        print(f"{name:24s} {seconds:8.2f}")
    print(f"{'all experiments':24s} {total:8.2f}")


if __name__ == "__main__":
    main()
