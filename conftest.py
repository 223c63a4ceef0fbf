"""Doctest set-up: every docstring example may use ``np`` for NumPy, as NumPy's own do."""

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _doctest_numpy(doctest_namespace):
    doctest_namespace["np"] = np
