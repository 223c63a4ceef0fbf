"""Figures: each draws in both palettes, deterministically, within the size budget."""

import functools
import itertools
import re

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.figure import Figure

from reglit.explorables import EXPLORABLES
from reglit.figures import FIGURES, LAYOUTS, THEMES, draw_svg, layout, render_svg
from sitebuild import drawings
from tests.support import cached_svg, drawn_svg

DRAWINGS = {drawing.name: drawing for drawing in drawings.every()}
"""Every figure (``NAME``) and every explorable frame (``NAME/INDEX``), as the build draws them."""

SHAPES = pytest.mark.parametrize("shape", sorted(LAYOUTS))


def _draw(name: str) -> Figure:
    drawing = DRAWINGS[name]
    return drawing.function(*drawing.arguments)


@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_figure_functions_return_figures_without_touching_global_state(name):
    fig, settings_before, settings_after = _laid_out(name)
    assert isinstance(fig, Figure)
    assert settings_after == settings_before


@SHAPES
@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_svg_is_identical_across_processes(site, name, theme, shape):
    svg = drawn_svg(name, theme, shape)
    assert (
        svg == (site / DRAWINGS[name].uri(theme, shape)).read_bytes()
    )  # drawn by the build in another process
    assert len(svg) < (100_000 if name in FIGURES else 60_000)
    assert b"<metadata" not in svg and b"<dc:date>" not in svg


SAMPLED = sorted(
    {*FIGURES, *(f"{name}/{spec.values.index(spec.default)}" for name, spec in EXPLORABLES.items())}
)
"""Every figure, and every explorable figure's default frame."""


@SHAPES
@pytest.mark.parametrize("name", SAMPLED)
def test_the_dark_drawing_is_what_drawing_in_the_dark_palette_gives(name, shape):
    """The build draws in the light palette and recolours for the dark one: the same bytes as drawing
    with the dark palette's settings, but for the ids (salted per palette)."""
    drawing = DRAWINGS[name]
    drawn = draw_svg(lambda: drawing.function(*drawing.arguments), "dark", name.replace("/", "-"), shape)
    built = cached_svg(name, "dark", shape)
    assert built != cached_svg(name, "light", shape)
    ids = re.compile(rb"\b[mp][0-9a-f]{10}\b")
    assert ids.sub(b"id", built) == ids.sub(b"id", drawn)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_alt_text_and_caption_sit_on_the_function_that_draws_the_figure(name):
    import inspect

    source = inspect.getsource(FIGURES[name].function)
    assert source.startswith("@figure(\n") and f"\ndef {name}() -> Figure:" in source
    assert FIGURES[name].caption in source.replace('"\n    "', "")


def test_drawing_ignores_the_callers_settings():
    before = render_svg("digits_sweep", "light")
    with mpl.rc_context({"figure.dpi": 37, "lines.linewidth": 9, "font.size": 3}):
        assert render_svg("digits_sweep", "light") == before


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_compacting_leaves_valid_svg_without_what_nothing_uses(name):
    import xml.etree.ElementTree as ET

    svg = cached_svg(name, "light").decode()
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    referenced = set(re.findall(r"#([^\s\")]+)", svg))
    assert all(e.get("id") in referenced for e in root.iter() if e.get("id"))
    assert not any(e.tag.endswith("}g") and not e.attrib for e in root.iter())
    assert "font-family:'DejaVu Sans',sans-serif" in svg and svg.count("font-family") == 1


def test_compacting_keeps_the_text_of_labels():
    """Coordinates are rounded; tick labels such as 0.004 must not be."""
    svg = cached_svg("l1_trajectories", "light").decode()
    for label in ("0.0000", "0.0025", "0.0050", "0.0075", "0.0100", "0.0125"):
        assert f">{label}<" in svg, label


@functools.cache  # each drawing laid out once per session and layout; the checks only read it
def _laid_out(name, shape="wide"):
    """The drawing's Figure laid out in the light palette and a layout, and matplotlib's settings before
    and after."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with mpl.rc_context():
        mpl.rcdefaults()
        mpl.rcParams.update(THEMES["light"])
        before = dict(mpl.rcParams)
        with layout(shape):
            fig = _draw(name)
            FigureCanvasAgg(fig).draw()
        after = dict(mpl.rcParams)
    return fig, before, after


def _drawn(name, shape="wide"):
    return _laid_out(name, shape)[0]


def _display_points(ax, artist):
    """Points along an artist, in display coordinates: line vertices and the segments between them."""
    import matplotlib.collections as mcoll
    import matplotlib.lines as mlines
    import matplotlib.patches as mpatches

    if isinstance(artist, mlines.Line2D):
        paths = [np.column_stack(artist.get_data())]
        transform = artist.get_transform()
    elif isinstance(artist, mpatches.Polygon):
        paths, transform = [artist.get_xy()], artist.get_transform()
    elif isinstance(artist, mcoll.LineCollection):
        paths, transform = artist.get_segments(), artist.get_transform()
    else:
        return np.empty((0, 2))
    found = []
    for path in paths:
        if len(path) == 0 or transform is ax.transAxes or getattr(transform, "is_affine", False) is None:
            continue
        points = transform.transform(np.asarray(path, dtype=float))
        steps = np.linspace(0, 1, 12)[:, None]
        found.append(np.concatenate([a + steps * (b - a) for a, b in itertools.pairwise(points)] or [points]))
    return np.concatenate(found) if found else np.empty((0, 2))


@SHAPES
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_legends_do_not_cover_the_data(name, shape):
    fig = _drawn(name, shape)
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent().padded(-2)
        for artist in [*ax.lines, *ax.patches, *ax.collections]:
            if artist.get_gid() == "spans-the-axes":  # axhline/axvline crossing everything
                continue
            if not artist.get_visible() or (isinstance(artist, mpl.lines.Line2D) and _spans(ax, artist)):
                continue
            points = _display_points(ax, artist)
            inside = (
                (points[:, 0] > box.x0)
                & (points[:, 0] < box.x1)
                & (points[:, 1] > box.y0)
                & (points[:, 1] < box.y1)
            )
            assert not inside.any(), (
                f"{name} ({shape}): the legend of '{ax.get_title()}' covers {artist.get_label()!r}"
            )


def _spans(ax, line) -> bool:
    """A reference line drawn across the whole axes (axhline, axvline): legends may sit on it."""
    return line.get_transform() is not ax.transData


@SHAPES
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_every_colour_keeps_its_marker(name, shape):
    from reglit.figures import MARKERS

    fig = _drawn(name, shape)
    for ax in fig.axes:
        for line in ax.lines:
            marker = line.get_marker()
            if marker in ("None", "", None, " "):
                continue
            colour = line.get_color()  # the site's colour names, C0 to C3
            assert MARKERS.get(colour) == marker, (
                f"{name} ({shape}): {line.get_label()!r} is {colour} with marker {marker!r}"
            )


@SHAPES
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_every_text_fits_inside_the_figure(name, shape):
    fig = _drawn(name, shape)
    page = fig.bbox.padded(1)
    ticks = {id(t) for ax in fig.axes for t in [*ax.get_xticklabels(), *ax.get_yticklabels()]}
    for text in fig.findobj(mpl.text.Text):  # titles, axis labels, legends, annotations
        if text.get_text().strip() and text.get_visible() and id(text) not in ticks:
            box = mpl.text.Text.get_window_extent(text)
            assert page.x0 <= box.x0 and box.x1 <= page.x1, (
                f"{name} ({shape}): {text.get_text()!r} is cut off"
            )
            assert page.y0 <= box.y0 and box.y1 <= page.y1, (
                f"{name} ({shape}): {text.get_text()!r} is cut off"
            )


@SHAPES
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_every_panel_keeps_room_for_its_data(name, shape):
    """Legends, titles and labels leave each plotting area room: in a narrow figure at least 1.1 inches
    (110 pixels on a phone 390 pixels wide) tall and 2.4 wide, or 1.8 both ways when drawn to scale;
    pictures and colour bars keep their own."""
    fig = _drawn(name, shape)
    least = (2.4, 1.1) if LAYOUTS[shape].stacked else (1.1, 1.0)
    for ax in fig.axes:
        if not ax.axison or ax.images or hasattr(ax, "_colorbar"):
            continue
        box = ax.get_window_extent().transformed(fig.dpi_scale_trans.inverted())
        if ax.get_aspect() == 1.0:  # drawn to scale: a square as large as its height allows
            least = (1.8, 1.8)
        assert box.width >= least[0] and box.height >= least[1], (
            f"{name} ({shape}): '{ax.get_title()}' {box.size}"
        )


def _drawn_ticks(axis, coordinate: int) -> list:
    """The tick labels an axis draws: those inside its view (the others keep stale positions)."""
    low, high = sorted(axis.get_view_interval())
    return [t for t in axis.get_ticklabels() if low <= t.get_position()[coordinate] <= high]


@SHAPES
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_legends_keep_clear_of_the_axis_labels(name, shape):
    fig = _drawn(name, shape)
    labels = [
        mpl.text.Text.get_window_extent(t)
        for ax in fig.axes
        for t in [ax.xaxis.label, ax.yaxis.label, *_drawn_ticks(ax.xaxis, 0), *_drawn_ticks(ax.yaxis, 1)]
        if t.get_visible() and t.get_text().strip()
    ]
    for legend in [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]:
        box = legend.get_window_extent()
        for label in labels:
            assert not box.overlaps(label), f"{name} ({shape}): a legend covers an axis label"


@SHAPES
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_titles_of_neighbouring_panels_keep_apart(name, shape):
    fig = _drawn(name, shape)
    titles = [mpl.text.Text.get_window_extent(ax.title) for ax in fig.axes if ax.get_title()]
    for i, a in enumerate(titles):
        for b in titles[i + 1 :]:
            assert not a.padded(2).overlaps(b), f"{name} ({shape}): two titles touch"


@SHAPES
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_labels_do_not_overlap(name, shape):
    fig = _drawn(name, shape)
    for ax in fig.axes:
        boxes = [
            mpl.text.Text.get_window_extent(t) for t in ax.texts if t.get_text().strip()
        ]  # text, no arrow
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b), f"{name} ({shape}): two labels overlap in '{ax.get_title()}'"


@SHAPES
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_labels_placed_on_the_data_stay_inside_their_panel(name, shape):
    """A label pointing at a line (a name at a line's end) sits within its panel's height: not on the axis
    labels below it, nor cut off above."""
    fig = _drawn(name, shape)
    for ax in fig.axes:
        panel = ax.get_window_extent().padded(2)
        for text in ax.texts:
            if isinstance(text, mpl.text.Annotation) and text.get_text().strip():
                box = mpl.text.Text.get_window_extent(text)
                assert panel.y0 <= box.y0 and box.y1 <= panel.y1, (
                    f"{name} ({shape}): the label {text.get_text()!r} leaves its panel"
                )


@SHAPES
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_every_panel_with_several_lines_says_which_is_which(name, shape):
    """A legend on the panel or on the figure, or a title naming its one kind of line."""
    fig = _drawn(name, shape)
    for ax in fig.axes:
        lines = [ln for ln in ax.lines if ln.get_visible() and not _spans(ax, ln)]
        kinds = {(ln.get_color(), ln.get_linestyle(), ln.get_marker()) for ln in lines}
        if len(kinds) > 1:
            assert ax.get_legend() or fig.legends or len(ax.texts) >= len(lines), (
                f"{name} ({shape}): '{ax.get_title()}' has {len(kinds)} kinds of line and no legend"
            )


@SHAPES
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_a_diverging_colour_map_comes_with_a_labelled_colour_bar(name, shape):
    from reglit.figures import DIVERGING

    fig = _drawn(name, shape)
    images = [im for ax in fig.axes for im in ax.images if im.get_cmap().name == DIVERGING]
    if images:
        bars = [ax for ax in fig.axes if hasattr(ax, "_colorbar")]
        assert bars and all(bar.get_ylabel() or bar.get_xlabel() for bar in bars), (
            f"{name} ({shape}): no labelled colour bar"
        )
