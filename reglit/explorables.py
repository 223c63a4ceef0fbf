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

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from reglit import experiments
from reglit.figures import L1, L2, MARKERS, PROX

__all__ = ["EXPLORABLES", "Explorable", "explorable", "step_regimes"]


@dataclass(frozen=True)
class Explorable:
    """A figure with a control: how to draw a frame, for which values, and how to say each.

    Attributes
    ----------
    frame : callable
        ``frame(value)`` -> the Figure for that value; its title names the value.
    values : tuple of float
        The values a reader can choose, in increasing order.
    default : float
        The value shown first (and printed), one of ``values``.
    multiples : tuple of float
        The values drawn side by side where the control cannot work: without a
        script, and in print.
    label : str
        What the control sets, in words (``"eta lambda"``).
    alt : callable
        ``alt(value)`` -> the alt text of that frame, written from its data.
    spoken : callable
        ``spoken(value)`` -> the control's ``aria-valuetext``: the value and
        the frame's key fact.
    caption : str
        The question the figure answers.
    """

    frame: Callable[[float], Figure]
    values: tuple[float, ...]
    default: float
    multiples: tuple[float, ...]
    label: str
    alt: Callable[[float], str]
    spoken: Callable[[float], str]
    caption: str

    def __post_init__(self) -> None:
        if list(self.values) != sorted(set(self.values)):
            raise ValueError(f"values must increase, got {self.values}")
        if self.default not in self.values or not set(self.multiples) <= set(self.values):
            raise ValueError("default and multiples must be among the values")


EXPLORABLES: dict[str, Explorable] = {}
"""Name -> [`Explorable`][reglit.explorables.Explorable], filled by the decorator ``explorable``."""


def explorable(**spec) -> Callable[[Callable[[float], Figure]], Callable[[float], Figure]]:
    """Register a frame function under its own name; keyword arguments as in ``Explorable``."""

    def register(function: Callable[[float], Figure]) -> Callable[[float], Figure]:
        if function.__name__ in EXPLORABLES:
            raise ValueError(f"explorable {function.__name__!r} is registered twice")
        EXPLORABLES[function.__name__] = Explorable(function, **spec)
        return function

    return register


# --------------------------------------------------------------------------- step regimes


def _step_regimes_alt(value: float) -> str:
    data = experiments.step_regimes(value)
    last = int(data["step"][-1])
    hops = data["l1_hops_from"]
    stops = [
        f"the weight from {start:g} is exactly zero from step {at}"
        if at >= 0
        else f"the weight from {start:g} is not there by step {last}"
        for start, at in zip(data["starts"], data["l1_prox_zero_at"], strict=True)
    ]
    return (
        f"Weights from 1 and from -0.4 under penalty-only steps with eta lambda = {value:g}. "
        f"L2 multiplies each weight by {data['l2_factor']:g} at every step: {data['l2_regime']}. "
        f"The L1 subgradient step moves each weight {value:g} toward zero; "
        + (f"from step {hops}, a weight hops across zero. " if hops >= 0 else "no weight reaches zero. ")
        + f"The proximal step stops at zero: {stops[0]}, {stops[1]}."
    )


@explorable(
    values=(0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0, 1.05),
    default=0.25,
    multiples=(0.25, 0.5, 0.75, 1.05),
    label="eta lambda",
    alt=_step_regimes_alt,
    spoken=lambda value: (
        f"eta lambda {value:g}: L2 factor {1 - 2 * value:g}, {experiments.step_regimes(value)['l2_regime']}"
    ),
    caption="As the step eta lambda grows, when does each update shrink a weight, stop it at zero, "
    "flip its sign, or blow it up?",
)
def step_regimes(value: float) -> Figure:
    """Penalty-only L2, L1-subgradient and L1-proximal steps from W = 1 and W = -0.4 at one eta lambda."""
    data = experiments.step_regimes(value)
    fig = Figure(figsize=(8.0, 3.2), layout="constrained")
    axes = fig.subplots(1, 3, sharey=True)
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
        ax.set(title=title, xlabel="step", ylim=(-2.1, 2.1))
    axes[0].set_ylabel("weight W")
    starts = [
        Line2D([], [], color="grey", linestyle=s, label=f"from {w:g}")
        for w, s in zip(data["starts"], ("-", ":"), strict=True)
    ]
    fig.legend(handles=starts, loc="outside lower center", ncols=2)
    fig.suptitle(f"ηλ = {value:g}: L2 factor {data['l2_factor']:g}", fontsize=11)
    return fig
