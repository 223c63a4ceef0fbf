"""Directives on pages, and a failing figure, value or name stopping the build with a clear message."""

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from reglit import figures
from reglit.site.build import Site, code_without_docstring
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def site():
    return Site(SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml")))


def _page(src):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src), url=src.replace(".md", ".html"))


def test_values_are_computed_and_formatted(site):
    assert site.value("l2_one_step.after.large") == "9.8"
    assert site.value("l2_one_step.after.small") == "0.0098"
    assert site.value("l2_one_step.lost_share.small :.1%") == "2.0%"
    assert site.value("sparsity.d") == "40"
    assert site.value("penalty_geometry.l1.1 :.2f") == "0.00"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("nothing.x", "unknown experiment 'nothing'"),
        ("l2_one_step.after.huge", "no key 'huge'"),
        ("l2_one_step.after", "is not a number"),
    ],
)
def test_bad_values_are_named(site, path, message):
    with pytest.raises(KeyError, match=message):
        site.value(path)


def test_directives_expand_keeping_indentation(site):
    text = '=== "L2"\n\n    {{ formula: l2_grad }}\n\nAfter {{ value: l2_one_step.after.large }} units.\n'
    out = site.expand(text, _page("chapters/a.md"))
    assert "    $$\n    \\nabla_W R(W) = 2W\n    $$" in out
    assert "After 9.8 units." in out


def test_source_directive_shows_code_without_docstring(site):
    out = site.expand("{{ source: reglit.updates.l2_step }}", _page("chapters/a.md"))
    assert out.startswith("```python\ndef l2_step(W, lr, lam, grad=None):\n")
    assert "return _checks.result(W - lr * (grad + 2 * lam * W))" in out and '"""' not in out
    assert code_without_docstring(figures.near_zero).startswith("def near_zero() -> Figure:\n    data =")


def test_figure_directive_links_both_palettes_relative_to_the_page(site):
    out = site.expand("{{ figure: near_zero }}", _page("chapters/a.md"))
    assert "](../figures/light/near_zero.svg#only-light)" in out
    assert "](../figures/dark/near_zero.svg#only-dark)" in out
    assert "<figcaption>What happens when a weight comes within eta lambda of zero?</figcaption>" in out
    assert '??? example "The code that drew this figure' in out
    top = site.expand("{{ figure: near_zero }}", _page("index.md"))
    assert "](figures/light/near_zero.svg#only-light)" in top


@pytest.mark.parametrize(
    "directive",
    [
        "{{ formula: no_such }}",
        "{{ figure: no_such }}",
        "{{ value: no_such.x }}",
        "{{ source: reglit.nope.f }}",
        "{{ source: os.path.join }}",
    ],
)
def test_unknown_names_stop_the_build_naming_the_page(site, directive):
    with pytest.raises(PluginError, match=r"^chapters/b.md: \{\{ "):
        site.expand(f"Text\n\n{directive}\n", _page("chapters/b.md"))


def test_a_failing_figure_stops_the_build_naming_it(monkeypatch, tmp_path):
    def broken():
        raise RuntimeError("no data")

    monkeypatch.setitem(figures.FIGURES, "broken", figures.FigureSpec(broken, alt="x", caption="y?"))
    monkeypatch.setenv("REGLIT_CACHE", str(tmp_path))
    site = Site(SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml")))
    with pytest.raises(
        PluginError, match=r"^figure 'broken' \(light\) failed to draw: RuntimeError: no data"
    ):
        site.figure_svg("broken", "light")


def test_directives_in_inline_code_are_left_alone(site):
    text = "Write `{{ formula: NAME }}` to show a formula."
    assert site.expand(text, _page("contributing.md")) == text
