"""Test set-up shared by the doctests in reglit/ and the tests in tests/."""

import os

import numpy as np
import pytest
from hypothesis import settings

# On CI, hypothesis draws the same examples every run, so a submission passes or fails for good.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _doctest_numpy(doctest_namespace):
    """Every docstring example may use ``np`` for NumPy, as NumPy's own do."""
    doctest_namespace["np"] = np
