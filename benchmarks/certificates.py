"""Every experiment the site presents as regularized models, certified: steps, residual, agreement, time.

For each experiment with certified fits, prints one line per fit: its label and
lambda, the steps reglit's fit took, its optimality residual, the independent
solver, the relative difference of the two objectives and whether their exact
zeros match; then the experiment's time (reglit) and the certification's time
(the independent solvers). Run: python benchmarks/certificates.py
"""

from __future__ import annotations

import time

import numpy as np

from reglit.experiments import EXPERIMENTS
from sitebuild.certificates import compare


def main() -> None:
    print(
        f"{'experiment':16s} {'fit':6s} {'lambda':>8s} {'steps':>7s} {'residual':>9s} {'gap':>9s} "
        "zeros  solver"
    )
    for name, experiment in EXPERIMENTS.items():
        start = time.perf_counter()
        results = experiment()
        ours = time.perf_counter() - start
        problem = results.get("certified") if isinstance(results, dict) else None
        if not problem:
            continue
        start = time.perf_counter()
        for fit in problem["fits"]:
            row = compare(np.asarray(problem["X"]), np.asarray(problem["y"]), problem["loss"], fit)
            same = "same" if row["zeros_differ"] == 0 else f"{row['zeros_differ']} differ"
            print(
                f"{name:16s} {fit['label']:6s} {fit['lam']:8.2g} {fit['steps']:7d} {fit['residual']:9.1e} "
                f"{row['gap']:9.1e} {same:5s}  {row['solver']}"
            )
        print(f"{name:16s} reglit {ours:.2f} s, independent solvers {time.perf_counter() - start:.2f} s\n")


if __name__ == "__main__":
    main()
