"""Test set-up shared by the doctests in reglit/ and the tests in tests/."""

import os

import numpy as np
import pytest
from hypothesis import settings

# No deadline: tests never assert on time (a loaded machine made them flaky).
# On CI, hypothesis also draws the same examples every run, so a submission passes or fails for good.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(autouse=True)
def _doctest_numpy(doctest_namespace):
    """Every docstring example may use ``np`` for NumPy, as NumPy's own do."""
    doctest_namespace["np"] = np
