"""The public API: flat, documented, and every docstring carries runnable examples."""

import inspect

import pytest

import reglit


def test_all_lists_exactly_the_public_names():
    public = {name for name in dir(reglit) if not name.startswith("_")}
    modules = {name for name in public if inspect.ismodule(getattr(reglit, name))}
    assert set(reglit.__all__) == public - modules


@pytest.mark.parametrize("name", [n for n in reglit.__all__ if inspect.isfunction(getattr(reglit, n))])
def test_public_functions_have_numpydoc_with_examples(name):
    doc = inspect.getdoc(getattr(reglit, name))
    for section in ("Parameters", "Returns", "Examples"):
        assert f"\n{section}\n" in doc, f"{name} has no {section} section"
    assert ">>> " in doc
