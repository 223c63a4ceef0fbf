"""Time a softmax fit on a digits-sized problem: 1797 x 64, 10 classes, 500 steps.

Prints the best of several runs for each method. Run: python benchmarks/train_softmax.py
"""

import time

import numpy as np
from sklearn.datasets import load_digits

import reglit


def main(repeats: int = 5) -> None:
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    print(f"softmax fit, X {X.shape}, {y.max() + 1} classes, 500 steps, best of {repeats}")
    for method in reglit.METHODS:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            result = reglit.fit(X, y, loss="softmax", method=method, lr=0.5, lam=1e-3, steps=500)
            times.append(time.perf_counter() - start)
        accuracy = np.mean(np.argmax(X @ result.W, axis=1) == y)
        print(
            f"  {method:8s} {min(times):6.3f} s   training accuracy {accuracy:.3f}   zeros {result.zeros[-1]}"
        )


if __name__ == "__main__":
    main()
