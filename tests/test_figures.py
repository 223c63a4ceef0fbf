"""Figures: each draws in both palettes, deterministically, within the size budget."""

import matplotlib as mpl
import pytest
from matplotlib.figure import Figure

from reglit.figures import FIGURES, THEMES, render_svg


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_functions_return_figures_without_touching_global_state(name):
    before = dict(mpl.rcParams)
    assert isinstance(FIGURES[name].function(), Figure)
    assert dict(mpl.rcParams) == before


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_svg_is_identical_across_processes(site, name, theme):
    svg = render_svg(name, theme)
    assert (
        svg == (site / "figures" / theme / f"{name}.svg").read_bytes()
    )  # the build drew it in another process
    assert len(svg) < 100_000
    assert b"<dc:date>" not in svg


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_palettes_differ_only_in_colour(name):
    light, dark = render_svg(name, "light"), render_svg(name, "dark")
    assert light != dark
    assert len(light.splitlines()) == len(dark.splitlines())


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_alt_text_and_caption_sit_on_the_function_that_draws_the_figure(name):
    import inspect

    source = inspect.getsource(FIGURES[name].function)
    assert source.startswith("@figure(\n") and f"\ndef {name}() -> Figure:" in source
    assert FIGURES[name].caption in source.replace('"\n    "', "")


def test_drawing_ignores_the_callers_settings():
    before = render_svg("digits_weights", "light")
    with mpl.rc_context({"figure.dpi": 37, "lines.linewidth": 9, "font.size": 3}):
        assert render_svg("digits_weights", "light") == before


def test_compacting_keeps_the_text_of_labels():
    """Coordinates are rounded; tick labels such as 0.004 must not be."""
    svg = render_svg("l1_trajectories", "light").decode()
    for label in ("0.000", "0.002", "0.004", "0.006", "0.008", "0.010"):
        assert f">{label}<" in svg, label
