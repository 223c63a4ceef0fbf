r"""Explorable figures: one figure drawn for each of a few values of a parameter, by reglit.

A page shows the frame of the default value and a slider over the others; the
page's script only switches between frames drawn here while the site builds
(no plotting and no model arithmetic in the browser). Each frame has its own
alt text and its own spoken value, both written from the frame's data.

[`explorable`][reglit.explorables.explorable] registers a frame function
(value -> Figure) with its values; [`EXPLORABLES`][reglit.explorables.EXPLORABLES]
maps a name to its [`Explorable`][reglit.explorables.Explorable].
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from reglit import experiments
from reglit.figures import (
    DIVERGING,
    L1,
    L2,
    MARKERS,
    PROX,
    REFERENCE,
    current_layout,
    heading,
    label_positions,
    legend,
    new_figure,
    points,
    side_by_side,
)
from reglit.losses import mse
from reglit.penalties import l1_penalty, l2_penalty

__all__ = [
    "EXPLORABLES",
    "Explorable",
    "diabetes_paths",
    "digits_weights",
    "explorable",
    "number",
    "penalty_geometry",
    "shrink_factors",
    "step_regimes",
]


def number(value: float) -> str:
    """A value as a page, a frame's title and its alt text write it: three significant digits.

    Examples
    --------
    >>> number(0.25), number(0.000316227766), number(63.0957344)
    ('0.25', '0.000316', '63.1')
    """
    return f"{value:.3g}"


@dataclass(frozen=True)
class Explorable:
    """A figure with a control: how to draw a frame, for which values, and how to say each.

    Attributes
    ----------
    frame : callable
        ``frame(value)`` -> the Figure for that value; its title names the value
        as ``symbol = number(value)``. Called with no argument, the default frame.
    values : tuple of float
        The values a reader can choose, in increasing order.
    default : float
        The value shown first (and printed), one of ``values``: the frame
        function's own default.
    multiples : tuple of float
        The values drawn side by side where the control cannot work, without a
        script (on paper: the default frame and a table of every value's
        ``fact``).
    label : str
        What the control sets, in words (``"eta lambda"``).
    symbol : str
        The same in the frames' titles (``"ηλ"``).
    alt : callable
        ``alt(value)`` -> the alt text of that frame, written from its data; it
        names the value as ``label = number(value).``
    fact : callable
        ``fact(value)`` -> the frame's key fact, in a few words, for the
        control's spoken value (see ``spoken``).
    caption : str
        The question the figure answers.
    """

    frame: Callable[[float], Figure]
    values: tuple[float, ...]
    default: float
    multiples: tuple[float, ...]
    label: str
    symbol: str
    alt: Callable[[float], str]
    fact: Callable[[float], str]
    caption: str

    def __post_init__(self) -> None:
        if list(self.values) != sorted(set(self.values)):
            raise ValueError(f"values must increase, got {self.values}")
        if self.default not in self.values or not set(self.multiples) <= set(self.values):
            raise ValueError("default and multiples must be among the values")
        if self.default in self.multiples:
            raise ValueError("the default frame is shown already: leave it out of the multiples")

    def spoken(self, value: float) -> str:
        """The control's ``aria-valuetext`` at ``value``: the value, then the frame's key fact."""
        return f"{self.label} {number(value)}: {self.fact(value)}"


EXPLORABLES: dict[str, Explorable] = {}
"""Name -> [`Explorable`][reglit.explorables.Explorable], filled by the decorator ``explorable``."""


def explorable(**spec) -> Callable[[Callable[[float], Figure]], Callable[[float], Figure]]:
    """Register a frame function under its own name; keyword arguments as in ``Explorable``.

    The default frame is the one the function draws when called with no argument.
    """

    def register(function: Callable[[float], Figure]) -> Callable[[float], Figure]:
        if function.__name__ in EXPLORABLES:
            raise ValueError(f"explorable {function.__name__!r} is registered twice")
        default = next(iter(inspect.signature(function).parameters.values())).default
        EXPLORABLES[function.__name__] = Explorable(function, default=default, **spec)
        return function

    return register


def _index(values, value: float, parameter: str = "lam") -> int:
    """Where ``value`` is in ``values``; a ValueError naming the values a frame exists for."""
    matches = np.flatnonzero(np.asarray(values) == value)
    if not len(matches):
        raise ValueError(
            f"{parameter} must be one of {', '.join(number(v) for v in sorted(values))}; got {value!r}"
        )
    return int(matches[0])


# --------------------------------------------------------------------------- step regimes


def _step_regimes_alt(value: float) -> str:
    data = experiments.step_regimes(value)
    last = int(data["step"][-1])
    stops = [
        f"the weight from {start:g} is exactly zero from step {at}"
        if at >= 0
        else f"the weight from {start:g} has not reached zero by step {last}"
        for start, at in zip(data["starts"], data["l1_prox_zero_at"], strict=True)
    ]
    return (
        "Weights from {:g} and from {:g} under penalty-only steps with eta lambda = {}. ".format(
            *data["starts"], number(value)
        )
        + f"L2 multiplies each weight by {number(data['l2_factor'])} at every step: {data['l2_regime']}. "
        f"The L1 subgradient step moves each weight {number(value)} toward zero; {_hops(data)}. "
        f"The proximal step stops at zero: {stops[0]}, {stops[1]}."
    )


def _hops(data: dict) -> str:
    hops = data["l1_hops_from"]
    return f"from step {hops}, a weight hops across zero" if hops >= 0 else "no weight reaches zero"


@explorable(
    values=experiments.STEP_REGIMES,
    multiples=(0.1, 0.5, 0.75, 1.05),
    label="eta lambda",
    symbol="ηλ",
    alt=_step_regimes_alt,
    fact=lambda value: (
        f"L2 factor {number(experiments.step_regimes(value)['l2_factor'])}, "
        f"{experiments.step_regimes(value)['l2_regime']}; "
        f"L1 subgradient: {_hops(experiments.step_regimes(value))}"
    ),
    caption="As the step eta lambda grows, when does each update shrink a weight, stop it at zero, "
    "flip its sign, or blow it up?",
)
def step_regimes(value: float = 0.25) -> Figure:
    """Penalty-only L2, L1-subgradient and L1-proximal steps from W = 0.93 and W = -0.37 at one eta lambda."""
    data = experiments.step_regimes(value)
    stacked = current_layout().stacked
    fig = new_figure(3.2, narrow=6.2)
    axes = side_by_side(fig, 3, sharey=True, sharex=stacked)
    for ax, (key, colour, title) in zip(
        axes,
        (("l2", L2, "L2"), ("l1", L1, "L1, subgradient"), ("l1_prox", PROX, "L1, proximal")),
        strict=True,
    ):
        for start, style in zip(data["starts"], ("-", ":"), strict=True):
            ax.plot(
                data["step"],
                data[key][:, data["starts"].index(start)],
                color=colour,
                marker=MARKERS[colour],
                markersize=4,
                linestyle=style,
                label=f"from {start:g}",
            )
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.set(title=title, xlabel="" if stacked and ax is not axes[-1] else "step", ylim=(-2.1, 2.1))
    axes[0].set_ylabel("weight W")
    starts = [
        Line2D([], [], color="grey", linestyle=s, label=f"from {w:g}")
        for w, s in zip(data["starts"], ("-", ":"), strict=True)
    ]
    fig.legend(handles=starts, loc="outside lower center", ncols=2)
    fig.suptitle(
        heading(f"ηλ = {number(value)}:", f"L2 factor {number(data['l2_factor'])}"), fontsize=points(11)
    )
    return fig


# --------------------------------------------------------------------------- penalty geometry


def _where(W: np.ndarray) -> str:
    """Where an optimum of two weights lies, from its exact zeros."""
    zeros = np.flatnonzero(W == 0)
    if len(zeros) == 2:
        return "at the origin, both weights exactly zero"
    if len(zeros) == 1:
        return f"on a corner, W{zeros[0]} exactly zero"
    small = np.flatnonzero(np.abs(W) < 0.05)
    if len(small):
        return f"just off an axis, W{small[0]} small ({W[small[0]]:.3f}) but not zero"
    return "off the axes, neither weight zero"


def _coordinate(value: float) -> str:
    """A weight as the figures write it: exactly zero as 0, small ones with three decimals, others two."""
    return "0" if value == 0 else f"{value:.3f}" if abs(value) < 0.05 else f"{value:.2f}"


def _point(W: np.ndarray) -> str:
    return f"({_coordinate(W[0])}, {_coordinate(W[1])})"


def _geometry_at(lam: float) -> tuple[np.ndarray, np.ndarray]:
    data = experiments.penalty_geometry()
    i = _index(data["lams"], lam)
    return data["l1"][i], data["l2"][i]


def _penalty_geometry_alt(lam: float) -> str:
    l1, l2 = _geometry_at(lam)
    optimum = experiments.penalty_geometry()["optimum"]
    start = (
        f"Elliptical contours of a data loss over two weights, centred at its optimum {_point(optimum)}, "
        f"with lambda = {number(lam)}."
    )
    if lam == 0:
        return f"{start} With no penalty, the L1 and the L2 optimum are both the data-loss optimum."

    def touch(W: np.ndarray, name: str, shape: str) -> str:
        if not W.any():
            return f"the {name} optimum is {_point(W)}, {_where(W)}: the {shape} has shrunk to a point."
        return f"the {name} optimum is {_point(W)}, {_where(W)}, where a contour touches the {shape}."

    return (
        f"{start} Left: {touch(l1, 'L1', 'diamond of equal L1 penalty')} "
        f"Right: {touch(l2, 'L2', 'circle of equal L2 penalty')}"
    )


@functools.cache
def _loss_grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The data loss of the geometry problem on a grid of (W0, W1), shared by every frame."""
    data = experiments.penalty_geometry()
    a, b = np.linspace(-2.2, 2.6, 73), np.linspace(-2.2, 2.2, 67)
    loss = np.array([[mse(data["X"], data["y"], np.array([u, v])) for u in a] for v in b])
    return a, b, loss


@explorable(
    values=experiments.GEOMETRY_LAMS,
    multiples=(0.2, 1.2, 2.5),
    label="lambda",
    symbol="λ",
    alt=_penalty_geometry_alt,
    fact=lambda lam: "L1 optimum {}, {}; L2 optimum {}, {}".format(
        *(f(W) for W in _geometry_at(lam) for f in (_point, _where))
    ),
    caption="As lambda grows, when does the L1 optimum land on a corner, and does the L2 optimum ever?",
)
def penalty_geometry(lam: float = 0.6) -> Figure:
    """Contours of a data loss with the L1 diamond and the L2 circle through each optimum at one lambda."""
    data = experiments.penalty_geometry()
    a, b, loss = _loss_grid()
    background = mse(data["X"], data["y"], np.zeros(2)) * np.array([0.05, 0.2, 0.5, 1.0])
    stacked = current_layout().stacked
    fig = new_figure(3.9, narrow=6.2)
    t = np.linspace(0, 2 * np.pi, 120)
    axes = side_by_side(fig, 2, sharex=stacked)
    for ax, W, name, color in zip(axes, _geometry_at(lam), ("L1", "L2"), (L1, L2), strict=True):
        ax.contour(a, b, loss, levels=background, colors="grey", linewidths=0.6, alpha=0.7)
        level = mse(data["X"], data["y"], W)
        if level > 0:
            ax.contour(a, b, loss, levels=[level], colors=REFERENCE, linewidths=1.2)
        if name == "L1":
            r = l1_penalty(W)
            shape = ([r, 0, -r, 0], [0, r, 0, -r])
        else:
            r = np.sqrt(l2_penalty(W))
            shape = (r * np.cos(t), r * np.sin(t))
        if lam > 0:  # with no penalty there is no shape of equal penalty to draw
            ax.fill(*shape, facecolor=mpl.colors.to_rgba(color, 0.25), edgecolor=color, linewidth=2)
        ax.plot(
            *data["optimum"],
            marker="x",
            color=REFERENCE,
            markersize=9,
            linestyle="none",
            label="data-loss optimum",
        )
        ax.plot(
            *W,
            marker=MARKERS[color],
            color=color,
            markersize=8,
            linestyle="none",
            label=f"{name} optimum {_point(W)}",
        )
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.axvline(0, color="grey", linewidth=0.8)
        ax.set(
            aspect="equal",
            xlim=(a[0], a[-1]),
            ylim=(b[0], b[-1]),
            xlabel="" if stacked and name == "L1" else "$W_0$",
            ylabel="$W_1$",
            title=f"{name}: {'diamond' if name == 'L1' else 'circle'}"
            + ("" if stacked else " of equal penalty"),
        )
        ax.grid(False)
        if not stacked:
            ax.legend(
                loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=9
            )  # below: clear of the shapes
    if stacked:  # one legend for both panels, below them
        handles = [axes[0].get_legend_handles_labels(), axes[1].get_legend_handles_labels()]
        fig.legend(
            handles[0][0] + handles[1][0][1:],
            handles[0][1] + handles[1][1][1:],
            loc="outside lower center",
            fontsize=points(9),
        )
    l1, _ = _geometry_at(lam)
    fig.suptitle(
        heading(f"λ = {number(lam)}:", f"the L1 optimum is {_where(l1).split(',')[0]}"), fontsize=points(11)
    )
    return fig


# --------------------------------------------------------------------------- digits weights


_DIGIT_ROWS = (("none", "no penalty"), ("l2", "L2"), ("l1_prox", "L1"))


def _digits_at(lam: float) -> dict:
    """Per row: its weights (pixels x classes), share of exact zeros and validation loss at ``lam``."""
    data = experiments.digits_sweep()
    i = _index(data["lams"], lam)
    return {
        key: {
            "W": data["weights"][key] if key == "none" else data["weights"][key][i],
            "zeros": data[key]["zero_share"] if key == "none" else data[key]["zero_share"][i],
            "val_loss": data[key]["val_loss"] if key == "none" else data[key]["val_loss"][i],
        }
        for key, _ in _DIGIT_ROWS
    }


def _digits_scale() -> float:
    """The largest pixel weight in any row at any lambda: one colour scale for every frame."""
    data = experiments.digits_sweep()
    return float(max(np.abs(W[..., :-1, :]).max() for W in data["weights"].values()))


def _blank(W: np.ndarray) -> list[int]:
    """The classes left with no non-zero pixel weight."""
    return [int(c) for c in np.flatnonzero(~W[:-1].any(axis=0))]


def _digits_weights_alt(lam: float) -> str:
    rows = _digits_at(lam)
    none = rows["none"]["val_loss"]
    size = np.abs(rows["none"]["W"][:-1]).sum()

    def said(key: str) -> str:
        loss, W = rows[key]["val_loss"], rows[key]["W"]
        compared = "lower than" if loss < none else "higher than" if loss > none else "the same as"
        blank = _blank(W)
        return (
            f"{rows[key]['zeros']:.0%} of weights exactly zero, pixel weights "
            f"{np.abs(W[:-1]).sum() / size:.0%} of the total size of those without a penalty, and a "
            f"validation loss of {loss:.3f}, {compared} without one"
            + (
                f"; no pixel weight at all for class{'es' * (len(blank) > 1)} {_listed(blank)}"
                if blank
                else ""
            )
        )

    return (
        "The weights of each digit class, 0 to 9, as 8 by 8 images: purple pixels positive, orange negative, "
        "white zero or near it, on one colour scale for every row and every lambda, "
        f"at lambda = {number(lam)}. "
        f"Without a penalty, stopped at {experiments.digits_sweep()['steps']} steps, "
        f"{rows['none']['zeros']:.0%} of weights are exactly zero and the validation "
        f"loss is {none:.3f}. The L2 minimiser: {said('l2')}. The L1 minimiser: {said('l1_prox')}."
    )


def _listed(items: list) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@explorable(
    values=experiments.DIGITS_LAMS,
    multiples=experiments.DIGITS_LAMS[::3],
    label="lambda",
    symbol="λ",
    alt=_digits_weights_alt,
    fact=lambda lam: (
        "L1 sets {:.0%} of weights exactly zero, validation loss {:.3f}; L2 validation loss {:.3f}".format(
            _digits_at(lam)["l1_prox"]["zeros"],
            _digits_at(lam)["l1_prox"]["val_loss"],
            _digits_at(lam)["l2"]["val_loss"],
        )
    ),
    caption="As lambda grows, what does each penalty do to the weights a classifier learns, "
    "and to its validation loss?",
)
def digits_weights(lam: float = experiments.DIGITS_LAMS[4]) -> Figure:
    """The weights of each digit class as 8x8 images: no penalty (stopped early), the L2 and L1 minimisers."""
    rows, scale = _digits_at(lam), _digits_scale()
    steps = experiments.digits_sweep()["steps"]
    stacked = current_layout().stacked  # narrow: two lines of five digits, each fit named above them
    per_line = 5 if stacked else 10
    fig = new_figure(2.8, narrow=6.3)
    axes = fig.subplots(3, 1)
    for (key, label), ax in zip(_DIGIT_ROWS, axes, strict=True):
        W = rows[key]["W"][:-1]  # the last row is the bias
        images = W.T.reshape(10, 8, 8)
        gap = np.full((8, 1), np.nan)  # transparent: the page's background between two digits
        lines = [
            np.hstack([block for image in images[start : start + per_line] for block in (image, gap)][:-1])
            for start in range(0, 10, per_line)
        ]
        between = np.full((1, lines[0].shape[1]), np.nan)
        ax.imshow(
            np.vstack([block for line in lines for block in (line, between)][:-1]),
            cmap=DIVERGING,
            vmin=-scale,
            vmax=scale,
            interpolation="nearest",
        )
        middles = np.arange(per_line) * 9 + 3.5  # the middle of each image
        ax.set_xticks(middles, [str(d) for d in range(per_line)] if key == "none" else [])
        ax.xaxis.set_ticks_position("top")
        if stacked and key == "none":  # the second line's digits named below it
            below = ax.secondary_xaxis("bottom")
            below.set_xticks(middles, [str(d) for d in range(per_line, 10)])
            below.tick_params(length=0)
            below.spines["bottom"].set_visible(False)
        ax.tick_params(length=0)
        ax.set_yticks([])
        ax.grid(False)
        for side in ax.spines.values():
            side.set_visible(False)
        said = (
            f"{label}{f', {steps} steps' if key == 'none' else ''}",
            f"{rows[key]['zeros']:.0%} zero",
            f"val. loss {rows[key]['val_loss']:.3f}",
        )
        if stacked:
            ax.set_title(f"{said[0]}: {said[1]},\n{said[2]}", fontsize=points(9), loc="left")
        else:
            ax.set_ylabel("\n".join(said), rotation=0, ha="right", va="center", fontsize=points(9))
    bar = fig.colorbar(
        mpl.cm.ScalarMappable(mpl.colors.Normalize(-scale, scale), DIVERGING),
        ax=axes,
        shrink=0.8,
        location="bottom" if stacked else "right",
    )
    bar.set_ticks([-scale, 0, scale], labels=[f"{-scale:.2f}", "0", f"{scale:.2f}"])
    bar.set_label("pixel weight\n(one scale for all)")
    fig.suptitle(
        heading(f"λ = {number(lam)}:", f"L1 sets {rows['l1_prox']['zeros']:.0%} of weights exactly zero"),
        fontsize=points(11),
    )
    return fig


# --------------------------------------------------------------------------- diabetes paths


def _diabetes_at(lam: float) -> dict:
    data = experiments.diabetes_paths()
    i = _index(data["lams"], lam)
    return {"features": data["features"], "lasso": data["lasso"][i], "ridge": data["ridge"][i]}


def _weight(value: float) -> str:
    """A coefficient as listed: exactly zero as 0, others with three significant digits."""
    return "0" if value == 0 else f"{value:#.3g}".rstrip(".")


def _zeros(W: np.ndarray, names: list[str] | None = None) -> str:
    """How many weights are exactly zero, and which when ``names`` are given."""
    zero = [name for name, w in zip(names or [], W, strict=False) if w == 0]
    count = f"{np.count_nonzero(W == 0)} of {len(W)} weights exactly zero"
    return f"{count} ({_listed(zero)})" if zero else count


def _diabetes_paths_alt(lam: float) -> str:
    now = _diabetes_at(lam)
    listed = "; ".join(
        f"{name} {_weight(a)} and {_weight(b)}"
        for name, a, b in zip(now["features"], now["lasso"], now["ridge"], strict=True)
    )
    return (
        "Lasso and ridge paths on the diabetes data: each of the 10 weights against lambda, with a "
        f"marker on every line at lambda = {number(lam)}. There the lasso has "
        f"{_zeros(now['lasso'], now['features'])} and "
        f"ridge {_zeros(now['ridge'])}. The weights there, lasso then ridge: {listed}."
    )


@explorable(
    values=tuple(sorted(experiments.DIABETES_LAMS)),
    multiples=tuple(sorted(experiments.DIABETES_LAMS))[1::4],
    label="lambda",
    symbol="λ",
    alt=_diabetes_paths_alt,
    fact=lambda lam: f"lasso {_zeros(_diabetes_at(lam)['lasso'], _diabetes_at(lam)['features'])}",
    caption="As the penalty grows, which lasso weights are exactly zero, and what do the ridge weights do?",
)
def diabetes_paths(lam: float = experiments.DIABETES_LAMS[5]) -> Figure:
    """Lasso and ridge paths on the diabetes data, with the weights at one lambda marked and listed."""
    data = experiments.diabetes_paths()
    now = _diabetes_at(lam)
    lams = data["lams"]
    stacked = current_layout().stacked  # narrow: the two paths share the strength axis, the list below
    fig = new_figure(3.8, narrow=6.3)
    lasso, ridge, listing = side_by_side(fig, 3, ratios=[1, 1, 0.6])
    ridge.sharey(lasso)
    if stacked:
        lasso.sharex(ridge)
    styles = ["-", "--", ":", "-."]
    # a line of 8-point text, in weight units
    gap = (0.14 if stacked else 0.08) * np.ptp([data["lasso"], data["ridge"]])
    for ax, key, color, title in (
        (lasso, "lasso", PROX, "Lasso (L1, proximal)"),
        (ridge, "ridge", L2, "Ridge (L2)"),
    ):
        ends = data[key][-1]
        placed = label_positions(ends, gap)
        for i, (name, y) in enumerate(zip(data["features"], placed, strict=True)):
            ax.plot(lams, data[key][:, i], color=color, linestyle=styles[i % 4], linewidth=1.3)
            ax.annotate(
                name,
                (lams.min(), ends[i]),
                xytext=(lams.min() / 2.2, y),
                fontsize=points(8),
                va="center",
                ha="right",
                arrowprops={"arrowstyle": "-", "color": "grey", "linewidth": 0.6, "shrinkA": 1, "shrinkB": 0},
            )
        low, high = ax.get_ylim()  # room in the panel for every label, half a label's height to spare
        ax.set_ylim(min(low, placed.min() - gap / 2), max(high, placed.max() + gap / 2))
        ax.axvline(lam, color=REFERENCE, linestyle="--", linewidth=1)
        ax.scatter(np.full(len(now[key]), lam), now[key], color=color, marker=MARKERS[color], s=25, zorder=3)
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.set(
            xscale="log",
            xlim=(lams.min() / 6, lams.max() * 1.5),
            xlabel="" if stacked and key == "lasso" else r"strength $\lambda$",
            title=title,
        )
        ax.minorticks_off()
    ridge.tick_params(labelleft=stacked)
    for ax in (lasso, ridge) if stacked else (lasso,):
        ax.set_ylabel("weight")
    listing.axis("off")
    listing.set_title(f"at λ = {number(lam)}")
    rows = [
        (name, _weight(a), _weight(b))
        for name, a, b in zip(now["features"], now["lasso"], now["ridge"], strict=True)
    ]
    blocks = [rows[:5], rows[5:]] if stacked else [rows]  # narrow: two blocks of five, side by side
    for block, (left, width) in zip(
        blocks, [(0.0, 0.48), (0.52, 0.48)] if stacked else [(0.0, 1.0)], strict=True
    ):
        lines = [("", "lasso", "ridge"), *block]
        for row, cells in enumerate(lines):
            y = 1 - (row + 0.5) / len(lines)
            columns = (0.0, 0.58 if stacked else 0.62, 1.0)
            for x, text, align in zip(columns, cells, ("left", "right", "right"), strict=True):
                listing.text(
                    left + x * width,
                    y,
                    text,
                    ha=align,
                    va="center",
                    fontsize=points(8.5),
                    transform=listing.transAxes,
                )
    fig.suptitle(heading(f"λ = {number(lam)}:", f"lasso {_zeros(now['lasso'])}"), fontsize=points(11))
    return fig


# --------------------------------------------------------------------------- shrink factors


def _directions_at(lam: float) -> dict:
    data = experiments.diabetes_directions()
    i = _index(data["lams"], lam)
    return {"shrink": data["shrink"][i], "df": data["df"][i]}


def _kept(shares: np.ndarray) -> str:
    """How many directions ridge keeps mostly (more than half) and how many it nearly removes (under 0.1)."""
    return (
        f"{np.count_nonzero(shares > 0.5)} of {len(shares)} directions kept more than half, "
        f"{np.count_nonzero(shares < 0.1)} shrunk below a tenth"
    )


def _shrink_factors_alt(lam: float) -> str:
    now = _directions_at(lam)
    data = experiments.diabetes_directions()
    df, lams = data["df"], data["lams"]  # lams from large to small
    listed = ", ".join(f"{share:.3f}" for share in now["shrink"])
    return (
        f"Ridge on the diabetes data direction by direction, at lambda = {number(lam)}. Left: the share of "
        f"the least-squares fit ridge keeps along each of the 10 directions, strongest first: {listed}; "
        f"{_kept(now['shrink'])}. Right: their sum, the effective degrees of freedom, falling as lambda "
        f"grows, from {df[-1]:.2f} at lambda {number(lams[-1])} to {df[0]:.2f} at {number(lams[0])}, "
        f"marked at {now['df']:.2f}."
    )


@explorable(
    values=tuple(sorted(experiments.DIABETES_LAMS)),
    multiples=tuple(sorted(experiments.DIABETES_LAMS))[1::4],
    label="lambda",
    symbol="λ",
    alt=_shrink_factors_alt,
    fact=lambda lam: f"df {_directions_at(lam)['df']:.2f}; {_kept(_directions_at(lam)['shrink'])}",
    caption="As the penalty grows, which directions of the data does ridge keep?",
)
def shrink_factors(lam: float = experiments.DIABETES_LAMS[5]) -> Figure:
    """The share ridge keeps along each direction of the diabetes data, and their sum against lambda."""
    data = experiments.diabetes_directions()
    now = _directions_at(lam)
    fig = new_figure(3.4, narrow=6.2)
    bars, total = side_by_side(fig, 2, ratios=[1.1, 1])
    index = np.arange(1, len(now["shrink"]) + 1)
    bars.bar(index, now["shrink"], color=L2, width=0.7)
    for x, share in zip(index, now["shrink"], strict=True):
        bars.annotate(  # upright on a narrow figure, where ten such labels side by side would touch
            f"{share:.2f}",
            (x, share),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            fontsize=points(7.5),
            rotation=90 if current_layout().stacked else 0,
        )
    bars.set(
        ylim=(0, 1.3 if current_layout().stacked else 1.12),  # room above the bars for their labels
        xticks=index,
        xlabel="direction, strongest first",
        ylabel="share kept, s",
        title="Shrink factors",
    )
    total.plot(data["lams"], data["df"], color=L2, marker=MARKERS[L2], markersize=4, label="df at each λ")
    total.axvline(lam, color=REFERENCE, linestyle="--", linewidth=1)
    total.plot([lam], [now["df"]], color=REFERENCE, marker=MARKERS[REFERENCE], markersize=8, label="this λ")
    legend(total, "lower left", fontsize=points(8))
    total.set(
        xscale="log",
        ylim=(0, 10.5),
        xlabel=r"strength $\lambda$",
        ylabel="df(λ), their sum",
        title="Effective degrees of freedom",
    )
    total.minorticks_off()
    fig.suptitle(f"λ = {number(lam)}: df = {now['df']:.2f}", fontsize=points(11))
    return fig
