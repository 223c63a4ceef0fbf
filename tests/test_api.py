"""The public API: flat, documented, and every docstring carries runnable examples."""

import inspect

import pytest

import reglit
from tests.support import ROOT


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


def _documented_functions():
    import griffe

    package = griffe.load("reglit", search_paths=[str(ROOT)], docstring_parser="numpy")
    stack = [package]
    while stack:
        obj = stack.pop()
        for member in obj.members.values():
            if member.is_alias or member.name.startswith("_"):
                continue
            if member.is_function and member.docstring:
                yield member
            elif member.is_module or member.is_class:
                stack.append(member)


def test_the_api_reference_shows_the_defaults_the_signatures_have():
    """What mkdocstrings shows as a parameter's default comes from the docstring: it must be the code's."""
    checked = 0
    for function in _documented_functions():
        signature = {p.name: p.default for p in function.parameters}
        for section in function.docstring.parse("numpy"):
            if section.kind.value != "parameters":
                continue
            for parameter in section.value:
                if parameter.name.lstrip("*") not in signature:
                    continue
                shown, actual = parameter.default, signature[parameter.name.lstrip("*")]
                assert shown is None or str(shown) == str(actual), (
                    f"{function.path}: {parameter.name} shows default {shown}, the signature has {actual}"
                )
                checked += 1
    assert checked > 50
