"""The site's figures: each a function of no arguments that returns a matplotlib Figure.

Each registers itself with [`figure`][reglit.figures.figure], which keeps its
alt text and caption beside it: [`FIGURES`][reglit.figures.FIGURES] maps a name to a
[`FigureSpec`][reglit.figures.FigureSpec]. [`render_svg`][reglit.figures.render_svg]
draws one in the light or the dark palette as byte-identical SVG.

Colours follow one convention everywhere, taken from the Okabe-Ito palette,
which stays distinguishable for colour-blind readers, with a lighter variant of
each colour on the dark background; lines also differ by style or marker, so no
figure depends on colour alone: ``C0`` is L2, ``C1`` is L1 with subgradient
steps, ``C2`` is L1 with proximal steps, ``C3`` marks reference values.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from reglit import experiments, shrinkage
from reglit.penalties import l1_grad, l1_penalty, l2_grad, l2_penalty

__all__ = [
    "FIGURES",
    "LAYOUTS",
    "THEMES",
    "FigureSpec",
    "Layout",
    "current_layout",
    "draw_svg",
    "figure",
    "heading",
    "label_positions",
    "layout",
    "legend",
    "new_figure",
    "points",
    "recolored",
    "render_svg",
    "side_by_side",
    "style",
]

_COMMON = {
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": True,
    "font.size": 10.5,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.35,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "svg.fonttype": "none",
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.sans-serif": ["DejaVu Sans"],  # else every text names a dozen fallbacks: a third of the bytes
}


def _theme(foreground: str, grid: str, colors: list[str]) -> dict:
    return _COMMON | {
        "text.color": foreground,
        "axes.labelcolor": foreground,
        "axes.edgecolor": foreground,
        "xtick.color": foreground,
        "ytick.color": foreground,
        "grid.color": grid,
        "axes.prop_cycle": mpl.cycler(color=colors),
    }


THEMES = {
    "light": _theme("#222222", "#9a9a9a", ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]),
    "dark": _theme("#e3e5ea", "#6b6f7a", ["#56B4E9", "#E69F00", "#35C79F", "#E59CC8"]),
}
"""Palette name -> matplotlib rc settings, matching the site's light and dark palettes."""

L2, L1, PROX, REFERENCE = "C0", "C1", "C2", "C3"

MARKERS = {L2: "o", L1: "^", PROX: "s", REFERENCE: "x"}
"""The one marker of each colour: a method looks the same in every figure."""

DIVERGING = "PuOr"
"""The colour map of signed weights: purple positive, orange negative, white zero."""


def style(theme: str = "light", background: str = "white") -> dict:
    """The site's rc settings for a palette, on an opaque background, for use in notebooks.

    Figures shown inline are drawn at 72 dots per inch: sharp enough for the
    page, light enough to keep a notebook page small.

    Examples
    --------
    >>> import matplotlib
    >>> with matplotlib.rc_context(style()):
    ...     figure = penalty_and_gradient()
    >>> figure.get_facecolor()
    (1.0, 1.0, 1.0, 1.0)
    """
    return THEMES[theme] | {
        "figure.facecolor": background,
        "savefig.facecolor": background,
        "savefig.transparent": False,
        "figure.dpi": 72,
    }


@dataclass(frozen=True)
class FigureSpec:
    """A figure of the site: how to draw it, what it shows, and what it asks."""

    function: Callable[[], Figure]
    alt: str
    caption: str
    checks: tuple[str, ...] = ()


FIGURES: dict[str, FigureSpec] = {}
"""Figure name -> [`FigureSpec`][reglit.figures.FigureSpec], filled by [`figure`][reglit.figures.figure]."""


def figure(
    *, alt: str, caption: str, checks: tuple[str, ...] = ()
) -> Callable[[Callable[[], Figure]], Callable[[], Figure]]:
    """Register a figure function under its own name, with its alt text and caption.

    The alt text says what the figure shows; the caption asks the question it
    answers; ``checks`` are the claims of the alt text, each a check over the
    experiments' results as on the site's pages (``sitebuild.claims``),
    evaluated while the site builds.
    """

    def register(function: Callable[[], Figure]) -> Callable[[], Figure]:
        if function.__name__ in FIGURES:
            raise ValueError(f"figure {function.__name__!r} is registered twice")
        FIGURES[function.__name__] = FigureSpec(function, alt, caption, tuple(checks))
        return function

    return register


@dataclass(frozen=True)
class Layout:
    """How the figures are laid out for one kind of column."""

    width: float
    """The figure's width, in inches."""
    text: float
    """How much larger its text is than the wide layout's."""
    stacked: bool
    """Whether panels drawn side by side in the wide layout are stacked, one below the other."""


LAYOUTS = {
    "wide": Layout(width=7.0, text=1.0, stacked=False),
    "narrow": Layout(width=3.6, text=1.15, stacked=True),
}
"""Layout name -> [`Layout`][reglit.figures.Layout]: ``wide`` for a page's column on a computer's screen
and on paper, ``narrow`` for a phone's. Shown 358 CSS pixels wide, as on a phone 390 pixels wide, a narrow
figure's smallest text (a subscript of its body text) is 11.7 pixels tall."""

_LAYOUT = contextvars.ContextVar("reglit_figures_layout", default="wide")


@contextlib.contextmanager
def layout(name: str) -> Iterator[Layout]:
    """Draw the figures made inside the ``with`` block in the layout ``name``.

    Examples
    --------
    >>> with layout("narrow"):
    ...     fig = penalty_and_gradient()
    >>> fig.get_size_inches().tolist(), len(fig.axes)
    ([3.6, 6.4], 2)
    """
    if name not in LAYOUTS:
        raise ValueError(f"name must be one of {', '.join(LAYOUTS)}; got {name!r}")
    scale = LAYOUTS[name].text
    token = _LAYOUT.set(name)
    try:
        with mpl.rc_context({key: _COMMON[key] * scale for key in ("font.size", "axes.titlesize")}):
            yield LAYOUTS[name]
    finally:
        _LAYOUT.reset(token)


def current_layout() -> Layout:
    """The layout figures are being drawn in: ``wide`` unless inside [`layout`][reglit.figures.layout]."""
    return LAYOUTS[_LAYOUT.get()]


def new_figure(height: float, narrow: float) -> Figure:
    """A figure as wide as the layout asks: ``height`` inches tall when wide, ``narrow`` when narrow."""
    current = current_layout()
    return Figure(figsize=(current.width, narrow if current.stacked else height), layout="constrained")


def side_by_side(fig: Figure, count: int, ratios=None, **shared):
    """``count`` panels in a row, or stacked in a column in a narrow layout; ``ratios`` are their sizes
    along that row or column, ``shared`` goes to ``Figure.subplots`` (``sharey=True``)."""
    if current_layout().stacked:
        return fig.subplots(count, 1, height_ratios=ratios, **shared)
    return fig.subplots(1, count, width_ratios=ratios, **shared)


def points(size: float) -> float:
    """A font size given for the wide layout, in the current one."""
    return size * current_layout().text


def heading(*parts: str) -> str:
    """A title or label in parts: on one line, or a line each in a narrow layout.

    Examples
    --------
    >>> with layout("narrow"):
    ...     heading("Linear scale:", "the large one falls fast")
    'Linear scale:\\nthe large one falls fast'
    """
    return ("\n" if current_layout().stacked else " ").join(parts)


def legend(ax, loc: str = "best", **kwargs):
    """A panel's legend at ``loc``, or below the panel, clear of its tick labels and axis label, in a narrow
    layout (where a panel has no room beside its lines)."""
    if not current_layout().stacked:
        return ax.legend(loc=loc, **kwargs)
    kwargs.pop("bbox_to_anchor", None)
    rc = mpl.rcParams
    size = mpl.font_manager.FontProperties(
        size=kwargs.get("fontsize", rc["legend.fontsize"])
    ).get_size_in_points()
    below = rc["xtick.major.size"] + rc["xtick.major.pad"] + rc["axes.labelpad"] + 2.6 * rc["font.size"]
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=below / size, **kwargs)


@figure(
    alt="Left: as lambda grows from 0.0001 to 1, the training error rises steadily from below the noise "
    "level of 0.09 while the validation and test errors first fall, both lowest at middle lambdas, then "
    "rise; the chosen lambda, 0.1, is marked. Right: the fit with the weakest lambda bends toward the noisy "
    "training points; the chosen one follows the sine; the strongest is flattened toward zero.",
    caption="Does fitting the training data worse ever help?",
    checks=(
        "np.isclose(tradeoff.lams[0], 1e-4) and np.isclose(tradeoff.lams[-1], 1)",
        "increasing(tradeoff.train)",
        "0 < argmin(tradeoff.val) < len(tradeoff.val) - 1",
        "abs(tradeoff.curves.strongest).max() < abs(tradeoff.y_true).max() / 2",
        "tradeoff.weakest.train < tradeoff.best.train and tradeoff.best.val < 0.1",
        "tradeoff.train[0] < tradeoff.noise == 0.09 and np.isclose(tradeoff.best.lam, 0.1)",
        "0 < argmin(tradeoff.test) < len(tradeoff.test) - 1",
        # the chosen fit is the one nearest the sine, and near it
        "np.mean((tradeoff.curves.best - tradeoff.y_true) ** 2) < 0.25**2",
        "argmin([np.mean((tradeoff.curves[k] - tradeoff.y_true) ** 2)"
        " for k in ('weakest', 'best', 'strongest')]) == 1",
        "decreasing(tradeoff.test[: argmin(tradeoff.test) + 1])",
        "increasing(tradeoff.test[argmin(tradeoff.test) :])",
        "increasing(tradeoff.val[argmin(tradeoff.val) :])",
    ),
)
def tradeoff() -> Figure:
    """Training, validation and test error against lambda, and three of the fitted curves."""
    data = experiments.tradeoff()
    fig = new_figure(3.4, narrow=8.4)
    errors, curves = side_by_side(fig, 2)
    errors.plot(data["lams"], data["train"], color=L2, marker="o", linestyle=":", label="training error")
    errors.plot(data["lams"], data["val"], color=L2, marker="o", label="validation error")
    errors.plot(
        data["lams"],
        data["test"],
        color=L2,
        marker="o",
        markerfacecolor="none",
        linestyle="--",
        label="test error",
    )
    errors.axhline(data["noise"], color="grey", linewidth=1, linestyle="-.", label="noise level")
    errors.axvline(
        data["best"]["lam"],
        color=REFERENCE,
        linewidth=1,
        label=rf"chosen $\lambda$ = {data['best']['lam']:.2g}",
    )
    errors.set(
        xscale="log",
        xlabel=r"strength $\lambda$",
        ylabel="mean squared error",
        title=heading("Fitting worse,", "generalizing better"),
    )
    legend(errors, "upper left")  # clear of the curves and of the chosen-lambda line
    curves.plot(data["x_grid"], data["y_true"], color="grey", linewidth=1, label="truth")
    curves.plot(
        data["x_train"], data["y_train"], marker="x", color=REFERENCE, linestyle="none", label="training data"
    )
    for (name, curve), style in zip(data["curves"].items(), ("-", "--", ":"), strict=True):
        curves.plot(
            data["x_grid"],
            curve,
            color=L2,
            linestyle=style,
            label=rf"{'chosen' if name == 'best' else name}: $\lambda$ = {data['curve_lams'][name]:.2g}",
        )
    bottom = -2 if current_layout().stacked else -3.6  # room under the curves for the legend
    curves.set(ylim=(bottom, 2), xlabel="input", ylabel="output", title="Three of the fits")
    legend(curves, "lower left", fontsize=points(8.5))
    return fig


@figure(
    alt="Left: the L2 penalty, a parabola w squared, and the L1 penalty, a V shape |w|, for weights "
    "from -2 to 2. Right: their gradients, the straight line 2w for L2 and a step from -1 to 1 for L1.",
    caption="How hard does each penalty push a single weight toward zero, at each size?",
)
def penalty_and_gradient() -> Figure:
    """L1 and L2 penalties of a single weight, and the push (gradient) each gives it."""
    w = np.linspace(-2.0, 2.0, 401)
    fig = new_figure(3.3, narrow=6.4)
    left, right = side_by_side(fig, 2)
    left.plot(w, [l2_penalty(v) for v in w], color=L2, label="L2: $w^2$")
    left.plot(w, [l1_penalty(v) for v in w], color=L1, linestyle="--", label=r"L1: $|w|$")
    left.set(title="Penalty on one weight", xlabel="weight $w$", ylabel="penalty $R(w)$")
    right.plot(w, l2_grad(w), color=L2, label="L2: $2w$")
    right.plot(w, l1_grad(w), color=L1, linestyle="--", label=r"L1: sign$(w)$")
    right.set(title=heading("Its gradient:", "the push toward zero"), xlabel="weight $w$", ylabel="gradient")
    for ax in (left, right):
        legend(ax, "upper center")
    return fig


@figure(
    alt="Weights under repeated L2 steps from 10 and from 0.01. On the linear scale the large weight "
    "falls steeply and the small one looks flat; on the log scale both are parallel straight lines.",
    caption="How fast does L2 shrink a large weight, and a small one?",
    checks=("np.allclose(trajectories.l2[:, 0] / trajectories.l2[:, 1], 1000)",),
)
def l2_trajectories() -> Figure:
    """Penalty-only L2 steps from W = 10 and W = 0.01, on a linear and a log scale."""
    data = experiments.trajectories()
    steps, paths = data["step"], data["l2"]
    fig = new_figure(3.3, narrow=6.6)
    linear, log = side_by_side(fig, 2)
    for ax in (linear, log):
        ax.plot(steps, paths[:, 0], color=L2, label="from $W = 10$")
        ax.plot(steps, paths[:, 1], color=L2, linestyle=":", label="from $W = 0.01$")
        ax.set(xlabel="step")
    linear.set(title=heading("Linear scale:", "the large one falls fast"), ylabel="weight $W$")
    log.set(yscale="log", title=heading("Log scale:", "the same factor for both"), ylabel="weight $W$ (log)")
    legend(linear)
    legend(log, "lower left")
    return fig


@figure(
    alt="Weights under repeated L1 subgradient steps. From 10 the weight falls along a straight line "
    "to zero after about a thousand steps, and from then on hops between a hair above zero and -0.01 at "
    "every step, too small to see at this scale. From 0.01 it lands a hair below zero (about -2e-18) after "
    "one step, then hops back to 0.01 and down again at every step.",
    caption="How does L1 move a large weight, and a small one?",
    checks=(
        "between(trajectories.l1_first_at_zero.large, 900, 1100)",
        "trajectories.l1_first_at_zero.small == 1",
        "np.allclose(trajectories.l1[1:12, 1], np.where(np.arange(1, 12) % 2, 0, 0.01), atol=1e-12)",
        "-1e-17 < trajectories.l1[1, 1] < 0",
        "all(abs(np.diff(trajectories.l1[trajectories.l1_first_at_zero.large - 1 :, 0])) > 0.0099)",
        "all(abs(v + 0.01) < 1e-12 or 0 < v < 1e-12 for v in trajectories.l1[1001:, 0])",
        "trajectories.l1_first_at_zero.large == 1001",
        "abs(trajectories.l1[-1, 0]) <= 0.01 + 1e-12",
        "trajectories.steps > trajectories.l1_first_at_zero.large + 100",
    ),
)
def l1_trajectories() -> Figure:
    """Penalty-only L1 subgradient steps from W = 10 and W = 0.01."""
    data = experiments.trajectories()
    steps, paths = data["step"], data["l1"]
    fig = new_figure(3.3, narrow=6.4)
    large, small = side_by_side(fig, 2)
    large.plot(steps, paths[:, 0], color=L1, label="from $W = 10$")
    large.set(title=heading("From 10:", "the same step, then hops"), xlabel="step", ylabel="weight $W$")
    small.plot(steps[:12], paths[:12, 1], color=L1, marker="^", linestyle=":", label="from $W = 0.01$")
    small.axhline(0, color=REFERENCE, linewidth=1)
    small.set(title=heading("From 0.01:", "just below 0, then hops"), xlabel="step", ylabel="weight $W$")
    small.set_ylim(-0.002, 0.016)  # room above the hops for the legend
    legend(large, "upper right")
    legend(small, "upper right")
    return fig


@figure(
    alt="A weight starting at 0.035. With subgradient steps it descends by 0.01 a step, then hops "
    "between 0.005 and -0.005 forever. With proximal steps it descends the same way and stops at "
    "exactly zero.",
    caption="What happens when a weight comes within eta lambda of zero?",
    checks=(
        "near_zero.start == 0.035 and np.isclose(near_zero.eta_lambda, 0.01)",
        "np.allclose(near_zero.subgradient[3:], 0.005 * (-1) ** np.arange(len(near_zero.subgradient) - 3))",
        "np.allclose(near_zero.proximal[:4], near_zero.subgradient[:4])",
        "all(near_zero.proximal[near_zero.proximal_zero_at :] == 0)",
    ),
)
def near_zero() -> Figure:
    """Subgradient L1 steps hop across zero; proximal steps stop on it."""
    data = experiments.near_zero()
    steps = data["step"]
    t = data["eta_lambda"]
    fig = new_figure(3.4, narrow=4.2)
    ax = fig.subplots()
    ax.axhspan(-t, t, color=REFERENCE, alpha=0.15, label=r"within $\eta\lambda$ of zero")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.plot(steps, data["subgradient"], color=L1, marker="^", linestyle="--", label="subgradient step")
    ax.plot(steps, data["proximal"], color=PROX, marker="s", markersize=5, label="proximal step")
    ax.set(
        xlabel="step",
        ylabel="weight $W$",
        title=heading(rf"Starting at $W = {data['start']}$", rf"with $\eta\lambda = {t:.2f}$"),
    )
    legend(ax, "upper right")
    return fig


@figure(
    alt="Final weights of a 40-weight regression whose true weights have 5 nonzero entries, one panel per "
    "fit; exact zeros are drawn as hollow markers on the axis. The L2 minimiser leaves every weight nonzero. "
    "After 2000 subgradient steps the weights are within 0.0035 of the L1 minimiser's, 15 of them below "
    "0.001 in size, yet none is exactly zero: no hollow marker. The L1 minimiser sets 32 weights exactly to "
    "zero and keeps the 5 true ones.",
    caption="Which of the three fits gives weights that are exactly zero?",
    checks=(
        "sparsity.d == 40 and sparsity.nonzero_true == 5 and sparsity.steps == 2000",
        "sparsity.l2.zeros == 0 and sparsity.l1.zeros == 0 and sparsity.l1.tiny == 15",
        "sparsity.l1.distance < 0.0035",
        "sparsity.l1_prox.zeros == 32 and sparsity.l1_prox.kept_true == sparsity.nonzero_true",
    ),
)
def sparsity() -> Figure:
    """Final weights of one regression: the L2 and L1 minimisers, and subgradient L1 steps."""
    data = experiments.sparsity()
    index = np.arange(data["d"])
    fig = new_figure(5.2, narrow=7.6)
    axes = fig.subplots(3, 1, sharex=True, sharey=True)
    for ax, (method, color, marker, title) in zip(
        axes,
        (
            ("l2", L2, "o", "L2 minimiser"),
            ("l1", L1, "^", f"L1, {data['steps']} subgradient steps"),
            ("l1_prox", PROX, "s", "L1 minimiser (proximal steps)"),
        ),
        strict=True,
    ):
        W = data[method]["W"]
        ax.vlines(index, 0, W, color=color, linewidth=1.5)
        ax.plot(index[W != 0], W[W != 0], marker=marker, color=color, linestyle="none", markersize=4)
        if np.any(W == 0):
            ax.plot(
                index[W == 0],
                W[W == 0],
                marker=marker,
                markerfacecolor="none",
                color=color,
                linestyle="none",
                markersize=5,
                label="exactly zero (hollow)",
            )
        ax.plot(
            index[data["true"] != 0],
            data["true"][data["true"] != 0],
            marker="x",
            color=REFERENCE,
            linestyle="none",
            markersize=6,
            label="true nonzero weight" if method == "l2" else None,
        )
        ax.set_title(
            heading(f"{title}:", f"{data[method]['zeros']} of {data['d']} weights exactly zero"), loc="left"
        )
        ax.set_ylabel("weight")
    fig.legend(loc="outside upper right", fontsize=points(9))  # above the panels: no stem hides under it
    axes[-1].set_xlabel("weight index")
    return fig


@figure(
    alt="Left: training loss rises steadily with lambda for the L2 and the L1 minimisers. Validation loss "
    "first dips, lowest at lambda 0.00316 for L2 and 0.01 for L1, then rises; L2's dips below the model "
    "without a penalty stopped at 1500 steps, L1's stays above it at every lambda. Right: training accuracy "
    "stays at 1 for L2, and for L1 until the two largest lambdas; validation accuracy drifts down slowly "
    "for L2, sits several points lower for L1, and falls steeply for L1 at the largest strengths.",
    caption="On real digits, which penalty and which strength generalize best?",
    checks=(
        'all(increasing(digits_sweep[m].train_loss) for m in ("l2", "l1_prox"))',
        "digits_sweep.best.l2.val_loss < digits_sweep.none.val_loss < min(digits_sweep.l1_prox.val_loss)",
        "np.isclose(digits_sweep.best.l2.lam, 10**-2.5) and np.isclose(digits_sweep.best.l1_prox.lam, 0.01)",
        "decreasing(digits_sweep.l2.val_loss[: argmin(digits_sweep.l2.val_loss) + 1])",
        "decreasing(digits_sweep.l1_prox.val_loss[: argmin(digits_sweep.l1_prox.val_loss) + 1])",
        "increasing(digits_sweep.l2.val_loss[argmin(digits_sweep.l2.val_loss) :])",
        "increasing(digits_sweep.l1_prox.val_loss[argmin(digits_sweep.l1_prox.val_loss) :])",
        "all(digits_sweep.l2.train_acc == 1) and all(digits_sweep.l1_prox.train_acc[:5] == 1)",
        "all(digits_sweep.l1_prox.train_acc[5:] < 1)",
        "0 < digits_sweep.l2.val_acc[0] - digits_sweep.l2.val_acc[-1] < 0.05",
        "all(digits_sweep.l1_prox.val_acc[:5] < digits_sweep.l2.val_acc[:5] - 0.03)",
        "digits_sweep.l1_prox.val_acc[0] - digits_sweep.l1_prox.val_acc[-1] > 0.3",
    ),
)
def digits_sweep() -> Figure:
    """Training and validation loss and accuracy of the digits minimisers against lambda."""
    data = experiments.digits_sweep()
    lams = data["lams"]
    fig = new_figure(4.0, narrow=6.6)
    loss, accuracy = side_by_side(fig, 2)
    for method, color, marker, label in (("l2", L2, "o", "L2"), ("l1_prox", PROX, "s", "L1")):
        runs = data[method]
        loss.plot(
            lams, runs["train_loss"], color=color, marker=marker, linestyle=":", label=f"{label}, training"
        )
        loss.plot(lams, runs["val_loss"], color=color, marker=marker, label=f"{label}, validation")
        accuracy.plot(lams, runs["train_acc"], color=color, marker=marker, linestyle=":")
        accuracy.plot(lams, runs["val_acc"], color=color, marker=marker)
    for ax, key in ((loss, "val_loss"), (accuracy, "val_acc")):
        ax.axhline(
            data["none"][key],
            color=REFERENCE,
            linestyle="--",
            linewidth=1,
            label=f"no penalty, {data['steps']} steps, validation",
        )
        ax.set(xscale="log", xlabel=r"strength $\lambda$")
    loss.set(ylabel="cross-entropy loss", title="Loss")
    accuracy.set(ylabel="accuracy", title="Accuracy")
    fig.legend(
        *loss.get_legend_handles_labels(), loc="outside lower center", ncols=_columns(3), fontsize=points(8.5)
    )
    return fig


@figure(
    alt="Without a penalty, as the number of descent steps grows from 10 to 20,000 (log scale), the "
    "training loss falls toward zero without end. Validation and test loss fall to their lowest near 100 to "
    "200 steps, then climb for as long as descent goes on, past the test loss of the L2 model chosen on "
    "validation. The step count chosen on validation, 100, is marked.",
    caption="Without a penalty, when should descent stop?",
    checks=(
        "decreasing(digits_sweep.stopped.train_loss) and digits_sweep.stopped.train_loss[-1] < 0.001",
        "digits_sweep.stopped.steps[0] == 10 and digits_sweep.stopped.steps[-1] == 20000",
        "digits_sweep.best.early_stopping.steps == 100",
        "between(digits_sweep.stopped.steps[argmin(digits_sweep.stopped.test_loss)], 100, 200)",
        "decreasing(digits_sweep.stopped.val_loss[: argmin(digits_sweep.stopped.val_loss) + 1])",
        "decreasing(digits_sweep.stopped.test_loss[: argmin(digits_sweep.stopped.test_loss) + 1])",
        "increasing(digits_sweep.stopped.val_loss[argmin(digits_sweep.stopped.val_loss) :])",
        "increasing(digits_sweep.stopped.test_loss[argmin(digits_sweep.stopped.test_loss) :])",
        "digits_sweep.stopped.test_loss[-1] > digits_sweep.best.l2.test_loss",
    ),
)
def digits_steps() -> Figure:
    """Loss of the unpenalised digits classifier against the number of plain descent steps."""
    data = experiments.digits_sweep()
    stopped = data["stopped"]
    fig = new_figure(3.6, narrow=4.2)
    ax = fig.subplots()
    for key, style, label in (
        ("train_loss", ":", "training"),
        ("val_loss", "-", "validation"),
        ("test_loss", "--", "test"),
    ):
        ax.plot(stopped["steps"], stopped[key], color=REFERENCE, marker="x", linestyle=style, label=label)
    ax.axhline(
        data["best"]["l2"]["test_loss"],
        color=L2,
        linewidth=1,
        label=heading(
            "L2 minimiser chosen on validation", rf"($\lambda$ = {data['best']['l2']['lam']:.3g}), test"
        ),
    )
    chosen = data["best"]["early_stopping"]["steps"]
    ax.axvline(
        chosen, color="grey", linewidth=1, linestyle="-.", label=f"chosen on validation: {chosen} steps"
    )
    ax.set(xscale="log", xlabel="plain descent steps, no penalty", ylabel="cross-entropy loss")
    ax.set_title("The step count regularizes", loc="left")
    legend(ax, "lower right", bbox_to_anchor=(1.0, 0.08), fontsize=points(8.5))  # above the training line
    return fig


@figure(
    alt="Left: the weights of class 0 at the L1 minimiser against lambda: only 4 of its 65 weights are ever "
    "nonzero, and all four shrink toward zero as lambda grows, two of them reaching it. Right: the share of "
    "exact zeros of the L1 minimisers rises from 86% to 98%; for the L2 minimisers and for 1500 subgradient "
    "L1 steps it stays at 17%, the weights of blank pixels, whose two lines lie on top of each other.",
    caption="As lambda grows, which fits set weights exactly to zero?",
    checks=(
        "between(digits_sweep.l1_prox.zero_share[0], 0.855, 0.865)",
        "between(digits_sweep.l1_prox.zero_share[-1], 0.975, 0.985)",
        "all(np.diff(digits_sweep.l1_prox.zero_share) >= 0)",
        "np.count_nonzero((digits_sweep.weights.l1_prox[:, :, 0] != 0).any(axis=0)) == 4",
        "all(decreasing(abs(w)[w != 0]) for w in digits_sweep.weights.l1_prox[:, :, 0].T)",
        "np.count_nonzero(digits_sweep.weights.l1_prox[-1, :, 0]) == 2",
        "all(digits_sweep.l1.zero_share == digits_sweep.l2.zero_share)",
        "between(digits_sweep.l2.zero_share[0], 0.165, 0.175)",
    ),
)
def digits_path() -> Figure:
    """Weights of one class against lambda at the L1 minimisers, and the share of exact zeros of each fit."""
    data = experiments.digits_sweep()
    lams = data["lams"]
    fig = new_figure(3.4, narrow=5.8)
    path, zeros = side_by_side(fig, 2)
    path.plot(lams, data["weights"]["l1_prox"][:, :, 0], color=PROX, linewidth=1, alpha=0.8)
    path.set(xscale="log", xlabel=r"strength $\lambda$", ylabel="weight", title="Weights of class 0, L1")
    for method, color, label, style in (
        ("l1_prox", PROX, "L1 minimiser", {}),
        ("l2", L2, "L2 minimiser", {"markersize": 9}),
        ("l1", L1, f"L1, {data['steps']} subgradient\nsteps (drawn over L2)", {"linestyle": "--"}),
    ):
        zeros.plot(lams, data[method]["zero_share"], color=color, marker=MARKERS[color], label=label, **style)
    zeros.set(
        xscale="log",
        ylim=(-0.03, 1.03),
        xlabel=r"strength $\lambda$",
        ylabel="share of weights exactly 0",
        title="Exact zeros",
    )
    legend(zeros, "center right", fontsize=points(8.5))
    return fig


def label_positions(values, gap: float) -> np.ndarray:
    """Label positions near ``values``, in their order, at least ``gap`` apart: end labels never overlap.

    Examples
    --------
    >>> label_positions([0.0, 0.1, 5.0], gap=1.0).tolist()  # the first two pushed apart, all kept centred
    [-0.3, 0.7, 4.7]
    """
    order = np.argsort(values)
    placed = np.array(values, dtype=float)[order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    placed -= (placed - np.sort(values)).mean()  # keep the labels centred on their lines
    result = np.empty_like(placed)
    result[order] = placed
    return result


def _name_ends(ax, x: float, ends, names, gap: float, side: str = "right") -> None:
    """Name each line where it ends, at ``(x, end)``, with labels at least ``gap`` apart (data units)."""
    step = 1 if side == "right" else -1
    to = x * 1.6**step if ax.get_xscale() == "log" else x + 0.3 * step
    placed = label_positions(ends, gap)
    low, high = ax.get_ylim()  # room in the panel for every label, half a label's height to spare
    ax.set_ylim(min(low, placed.min() - gap / 2), max(high, placed.max() + gap / 2))
    for name, end, y in zip(names, ends, placed, strict=True):
        ax.annotate(
            name,
            (x, end),
            xytext=(to, y),
            fontsize=points(8),
            va="center",
            ha="left" if side == "right" else "right",
            arrowprops={"arrowstyle": "-", "color": "grey", "linewidth": 0.6, "shrinkA": 1, "shrinkB": 0},
        )


@figure(
    alt="The ten ridge weights on the diabetes data drawn against the effective degrees of freedom, from "
    "near 0 (the strongest penalty, every weight near zero) to near 10 (least squares). Five weights change "
    "sign along the way: age, sex, s1, s2 and s3. Markers show plain gradient descent from zero stopped "
    "after 1, 10, 100, "
    "1000 and 10000 steps, each placed at its own degrees of freedom: near the ridge lines but not on "
    "them; their distance from ridge with the same degrees of freedom is 46% of that ridge's size after "
    "1 step, 8% after 10, "
    "20% after 100, 2% after 1000 and nearly 0 after 10000.",
    caption="Does stopping gradient descent early give the ridge path?",
    checks=(
        "diabetes_directions.path_df[0] < 0.05 and diabetes_directions.path_df[-1] > 9.995",
        "increasing(diabetes_directions.path_df)",
        "np.array_equal(diabetes_directions.path_sign_changes, ['age', 'sex', 's1', 's2', 's3'])",
        "np.array_equal(diabetes_directions.steps, [1, 10, 100, 1000, 10000])",
        "np.array_equal(np.round(diabetes_directions.same_df_gap, 2), [0.46, 0.08, 0.2, 0.02, 0])",
    ),
)
def ridge_by_df() -> Figure:
    """The ridge path on the diabetes data against its degrees of freedom, early-stopped descent on top."""
    data = experiments.diabetes_directions()
    fig = new_figure(4.0, narrow=4.0)
    ax = fig.subplots()
    styles = ["-", "--", ":", "-."]
    for i in range(len(data["features"])):
        ax.plot(data["path_df"], data["path"][:, i], color=L2, linestyle=styles[i % 4], linewidth=1.2)
    _name_ends(ax, data["path_df"][-1], data["path"][-1], data["features"], 0.07 * np.ptp(data["path"]))
    for steps, df in zip(data["steps"], data["early_df"], strict=True):  # which count each column shows
        if steps < (100 if current_layout().stacked else 1000):  # the right ones stand too close to name each
            ax.text(
                df, 1.01, f"k = {steps}", transform=ax.get_xaxis_transform(), ha="center", fontsize=points(8)
            )
    for k, (df, W) in enumerate(zip(data["early_df"], data["early_weights"], strict=True)):
        ax.scatter(
            np.full(len(W), df),
            W,
            color=L1,
            marker=MARKERS[L1],
            s=22,
            zorder=3,
            label="descent stopped after k steps\n(k = 1, 10, 100, 1000, 10000)" if k == 0 else None,
        )
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set(
        xlabel="effective degrees of freedom df(λ)",
        ylabel="weight",
        title="Ridge path (lines) against df\n",
        xlim=(-0.2, 10.9),
    )
    legend(ax, "lower left", fontsize=points(8.5))
    return fig


@figure(
    alt="For each of the ten directions of the diabetes data, drawn at its curvature from about 0.017 to 8, "
    "the share of the least-squares fit that gradient descent from zero reaches after 1, 10, 100, 1000 and "
    "10000 steps (markers), and the share ridge keeps at the strength each step count resembles (lines). "
    "After one step only the most curved direction is near 1 and the least curved ones are near 0; more "
    "steps move the boundary toward weaker directions, until after 10000 steps every direction is near 1.",
    caption="Which directions does stopping early keep?",
    checks=(
        "between(min(diabetes_directions.curvatures), 0.015, 0.02)",
        "between(max(diabetes_directions.curvatures), 8, 8.1)",
        # stronger curvature, more kept; more steps, more kept
        "all(np.all(np.diff(row) <= 0) for row in diabetes_directions.early)",
        "np.all(np.diff(diabetes_directions.early, axis=0) >= 0)",
        "diabetes_directions.early[0][0] > 0.99 and diabetes_directions.early[0][1] < 0.5",
        "diabetes_directions.early[0][-1] < 0.01 and min(diabetes_directions.early[-1]) > 0.99",
    ),
)
def early_stopping() -> Figure:
    """Per direction, the share early-stopped descent reaches and ridge's at the resembled lambda."""
    data = experiments.diabetes_directions()
    h = np.asarray(data["curvatures"])
    fine = np.geomspace(h.min() / 2, h.max() * 2, 200)
    fig = new_figure(3.2, narrow=9.0)
    axes = side_by_side(fig, len(data["steps"]), sharey=True, sharex=current_layout().stacked)
    for ax, steps, lam, row in zip(axes, data["steps"], data["resembles"], data["early"], strict=True):
        ax.plot(fine, fine / (fine + 2 * lam), color=L2, linewidth=1.3, label="ridge at λ = 1 / (2ηk)")
        ax.plot(
            h, row, color=L1, marker=MARKERS[L1], linestyle="none", markersize=5, label="descent, k steps"
        )
        ax.set(
            xscale="log",
            ylim=(-0.03, 1.05),
            title=(", " if current_layout().stacked else "\n").join([f"k = {steps}", f"λ = {lam:.3g}"]),
            xticks=[0.01, 1],
            xlabel="curvature h" if ax is axes[-1] or not current_layout().stacked else "",
        )
        ax.minorticks_off()
    if current_layout().stacked:  # one label for the column of panels
        fig.supylabel("share of least squares kept", fontsize=mpl.rcParams["axes.labelsize"])
    else:
        axes[0].set_ylabel("share of least squares kept")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=_columns(2), fontsize=points(8.5))
    return fig


@figure(
    alt="Three panels, each a weight against its least-squares value z from -2.6 to 2.6, at lambda 1, for "
    "data whose columns are orthogonal. Ridge scales every weight by one half. The lasso moves every weight "
    "toward zero by 0.5 and sets those within 0.5 of zero to exactly zero. Best-subset selection keeps a "
    "weight whole when its size is above 1 and sets it to zero otherwise. Dots mark nine certified fits on "
    "the line.",
    caption="With orthogonal features, what does each penalty do to a weight?",
    checks=(
        "orthonormal.lam == 1 and orthonormal.lasso_threshold == 0.5 and orthonormal.subset_threshold == 1",
        "np.allclose(orthonormal.ridge, orthonormal.z / 2)",
        "max(orthonormal.ridge_gap, orthonormal.lasso_gap, orthonormal.subset_gap) < 1e-9",
        "len(orthonormal.z) == 9 and max(abs(orthonormal.z)) < 2.6",
    ),
)
def orthonormal() -> Figure:
    """Ridge scales, the lasso soft-thresholds, best subset hard-thresholds: weight against least squares."""
    data = experiments.orthonormal()
    z, lam = data["z"], data["lam"]
    line = np.linspace(-2.6, 2.6, 521)
    fig = new_figure(3.6, narrow=10.0)
    axes = side_by_side(fig, 3, sharey=True)
    for ax, key, color, rule, title in (
        (axes[0], "ridge", L2, shrinkage.orthonormal_ridge, "Ridge: scales"),
        (axes[1], "lasso", PROX, shrinkage.orthonormal_lasso, "Lasso: soft threshold"),
        (axes[2], "best_subset", REFERENCE, shrinkage.orthonormal_best_subset, "Best subset: hard threshold"),
    ):
        ax.plot(line, line, color="grey", linewidth=0.8, linestyle=":", label="no penalty, W = z")
        drawn = rule(line, lam)
        if key == "best_subset":  # no line across the jump
            drawn = np.where(np.abs(np.abs(line) - np.sqrt(lam)) < 0.006, np.nan, drawn)
        ax.plot(line, drawn, color=color, linewidth=1.6)
        ax.plot(z, data[key], color=color, marker=MARKERS[color], linestyle="none", markersize=5)
        ax.axhline(0, color="grey", linewidth=0.6)
        ax.axvline(0, color="grey", linewidth=0.6)
        ax.set(
            title=title, xlabel="least-squares weight z", aspect="equal", xlim=(-2.6, 2.6), ylim=(-2.6, 2.6)
        )
    axes[0].set_ylabel(f"weight at λ = {lam:g}")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", fontsize=points(8.5))
    return fig


@figure(
    alt="The lasso path on the diabetes data, computed exactly: each of the ten weights is a straight line "
    "between knots, from lambda_max, about 90.3, where bmi enters first, down to 0.04. Vertical ticks mark "
    "the 12 knots above 0, where a weight enters or leaves; s3 leaves at about 0.21 and comes back at about "
    "0.12. Markers show the certified fits at the ten strengths of the chapter's grid, on the exact lines.",
    caption="Where exactly do the lasso's weights enter and leave?",
    checks=(
        "between(diabetes_optimality.lambda_max, 90.3, 90.35)",
        "diabetes_optimality.events.features[0] == 'bmi'",
        "len(diabetes_optimality.knots) == 13 and diabetes_optimality.knots[-1] == 0",
        "np.array_equal(diabetes_optimality.events.kinds[-3:], ['enters', 'leaves', 'enters'])",
        "np.array_equal(diabetes_optimality.events.features[-2:], ['s3', 's3'])",
        "sum(diabetes_optimality.events.kinds == 'leaves') == 1",
        "between(diabetes_optimality.events.lams[-2], 0.2, 0.21)",
        "between(diabetes_optimality.events.lams[-1], 0.12, 0.13)",
        "min(diabetes_optimality.knots[:-1]) > diabetes_optimality.drawn_to == 0.04",
        "diabetes_optimality.grid_gap < 1e-4 and diabetes_optimality.same_zeros",
    ),
)
def lasso_knots() -> Figure:
    """The exact lasso path on the diabetes data, knots marked, with the certified fits on the grid."""
    data = experiments.diabetes_optimality()
    knots, low = data["knots"], data["drawn_to"]
    shown = knots > low
    lams, path = (
        data["drawn_lams"],
        data["drawn_path"],
    )  # straight between knots in lambda, curved on a log axis
    fig = new_figure(3.8, narrow=4.0)
    ax = fig.subplots()
    ax.set_xscale("log")  # before the labels are placed
    styles = ["-", "--", ":", "-."]
    for i in range(len(data["features"])):
        ax.plot(lams, path[:, i], color=PROX, linestyle=styles[i % 4], linewidth=1.2)
    _name_ends(ax, low, path[-1], data["features"], 0.085 * np.ptp(path), side="left")
    for knot in knots[shown]:
        ax.axvline(knot, color="grey", linewidth=0.6, linestyle=":")
    fits = experiments.diabetes_paths()["lasso"]
    ax.plot(
        np.repeat(data["grid_lams"], fits.shape[1]),
        np.ravel(fits),
        color=REFERENCE,
        marker=MARKERS[REFERENCE],
        linestyle="none",
        markersize=5,
        label="certified fits on the chapter's grid",
    )
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set(
        xlim=(low / 6, knots[0] * 1.4),
        xlabel=r"strength $\lambda$ (knots dotted)",
        ylabel="weight",
        title="The exact lasso path",
    )
    ax.minorticks_off()
    legend(ax, "upper right", fontsize=points(8.5))
    return fig


@figure(
    alt="Two panels drawn to scale, each with the elliptical contours of the data loss around the "
    "unregularized optimum (2, 0.6). Left, L1: the diamonds on which the sum of the weights' sizes equals "
    "its value at the minimiser for lambda 0.2, 0.6 and 1.2, each touched by one contour at that "
    "minimiser; the two smaller diamonds, for lambda 0.6 and 1.2, are touched at their corner on the "
    "horizontal axis, the largest on a side. Right, L2: the "
    "circles on which the sum of squares equals its value there, each touched at a point off both axes.",
    caption="Is a penalty the same as a budget on the weights?",
    checks=(
        "np.array_equal(constraint_view.lams[constraint_view.drawn], [0.2, 0.6, 1.2])",
        "constraint_view.l1.penalised[constraint_view.drawn[0]][1] != 0",
        "all(constraint_view.l1.penalised[i][1] == 0 for i in constraint_view.drawn[1:])",
        "all(np.all(constraint_view.l2.penalised[i] != 0) for i in constraint_view.drawn)",
        "max(constraint_view.l1.gap, constraint_view.l2.gap) < 1e-6",
    ),
)
def constraint_regions() -> Figure:
    """The L1 and L2 constraint regions, to scale, for three strengths, each touching a loss contour."""
    data = experiments.constraint_view()
    X, y = data["X"], data["y"]
    a, b = np.meshgrid(np.linspace(-0.6, 2.8, 241), np.linspace(-1.2, 1.6, 201))
    grid = np.stack([a.ravel(), b.ravel()], axis=1)
    loss = np.mean((grid @ X.T - y) ** 2, axis=1).reshape(a.shape)
    angle = np.linspace(0, 2 * np.pi, 401)
    fig = new_figure(4.1, narrow=7.8)
    axes = side_by_side(fig, 2, sharey=True)
    styles = ["-", "--", ":"]
    for ax, key, color, title in ((axes[0], "l1", PROX, "L1: diamonds"), (axes[1], "l2", L2, "L2: circles")):
        ax.contour(a, b, loss, levels=[0.05, 0.2, 0.5, 1, 2], colors="grey", linewidths=0.6)
        for style, i in zip(styles, data["drawn"], strict=True):
            W, t = data[key]["penalised"][i], data[key]["t"][i]
            if key == "l1":
                shape = t * np.array([[1, 0], [0, 1], [-1, 0], [0, -1], [1, 0]])
            else:
                shape = np.sqrt(t) * np.stack([np.cos(angle), np.sin(angle)], axis=1)
            ax.plot(
                shape[:, 0],
                shape[:, 1],
                color=color,
                linestyle=style,
                linewidth=1.3,
                label=f"λ = {data['lams'][i]:g}, t = {t:.2f}"
                + ("" if key == "l1" else f", radius {np.sqrt(t):.2f}"),
            )
            level = float(np.mean((X @ W - y) ** 2))
            ax.contour(a, b, loss, levels=[level], colors=[color], linewidths=0.8, linestyles=[style])
            ax.plot(*W, color=color, marker=MARKERS[color], markersize=5)
        ax.plot(*data["optimum"], color=REFERENCE, marker=MARKERS[REFERENCE], markersize=6)
        ax.axhline(0, color="grey", linewidth=0.6)
        ax.axvline(0, color="grey", linewidth=0.6)
        ax.set(aspect="equal", title=title, xlabel="$W_0$", xlim=(-0.6, 2.8), ylim=(-1.2, 1.6))
        legend(ax, "upper center", bbox_to_anchor=(0.5, -0.2), fontsize=points(7.5))
    axes[0].set_ylabel("$W_1$")
    return fig


@figure(
    alt="Validation error of ridge on the diabetes data against lambda from 0.0001 to 10, fitted on 300 "
    "examples and measured on 142 others. Up to lambda 0.03 the curve stays within 0.4% of the error "
    "without a penalty; it dips to its lowest at "
    "lambda 0.316, then rises steeply. The strength BayesianRidge learns from the training examples alone, "
    "0.0444, is marked: its validation error is a little above the lowest.",
    caption="Does the evidence choose the strength that validation chooses?",
    checks=(
        "evidence.n_train == 300 and evidence.n_val == 142",
        "np.isclose(evidence.lam_validation, 10**-0.5) and between(evidence.lam_evidence, 0.0443, 0.0445)",
        "evidence.val_validation < evidence.val_evidence < evidence.val_none",
        "(evidence.val_evidence - evidence.val_validation) / evidence.val_validation < 0.05",
        "np.all(abs(evidence.val[evidence.lams <= 0.03] / evidence.val_none - 1) < 0.004)",
        "decreasing(evidence.val[evidence.lams >= 0.03][: argmin(evidence.val[evidence.lams >= 0.03]) + 1])",
        "increasing(evidence.val[argmin(evidence.val) :])",
        "evidence.val[-1] > 1.3 * min(evidence.val)",
    ),
)
def evidence() -> Figure:
    """Validation error against lambda, the strength chosen on validation and the one the evidence learns."""
    data = experiments.evidence()
    fig = new_figure(3.3, narrow=3.6)
    ax = fig.subplots()
    ax.plot(data["lams"], data["val"], color=L2, linewidth=1.5, label="validation error of ridge")
    ax.axvline(
        data["lam_validation"],
        color=L2,
        linestyle="--",
        linewidth=1,
        label=f"chosen on validation, λ = {data['lam_validation']:.3g}",
    )
    ax.axvline(
        data["lam_evidence"],
        color=REFERENCE,
        linestyle=":",
        linewidth=1.5,
        label=f"learned by BayesianRidge, λ = {data['lam_evidence']:.3g}",
    )
    ax.set(xscale="log", xlabel=r"strength $\lambda$", ylabel="mean squared error", title="Two ways to set λ")
    legend(ax, "upper left", fontsize=points(8.5))
    return fig


@figure(
    alt="Two panels, each with its own strength axis, of the mean squared error on the held-out fold, "
    "averaged over 5 folds of the diabetes data, with a band of one standard error. Left, the lasso, from "
    "lambda_max, 90.3, down to 0.09: the error falls from about 5890 to its lowest, 2957, at lambda 1.51, "
    "and rises by less than 0.4% toward the weakest; the strongest lambda within one standard error of the "
    "lowest, 7.14, is marked too. "
    "Right, ridge, from 100 down to 0.0001: the error falls from about 5780 to its lowest at lambda 0.0494; "
    "the one-standard-error choice is 0.356.",
    caption="How strong a penalty do five folds of the data ask for?",
    checks=(
        "cross_validation.k == 5 and between(cross_validation.lasso.lams[0], 90.3, 90.35)",
        "between(cross_validation.lasso.lams[-1], 0.09, 0.0904) and cross_validation.ridge.lams[0] == 100",
        "np.isclose(cross_validation.ridge.lams[-1], 1e-4)",
        "between(cross_validation.lasso.mean[0], 5885, 5895)",
        "between(cross_validation.ridge.mean[0], 5775, 5785)",
        "round(min(cross_validation.lasso.mean)) == 2957 and round(cross_validation.lasso.best, 2) == 1.51",
        "round(cross_validation.lasso.one_se, 2) == 7.14 and round(cross_validation.ridge.best, 4) == 0.0494",
        "round(cross_validation.ridge.one_se, 3) == 0.356",
        "max(cross_validation.lasso.mean[cross_validation.lasso.best_index :])"
        " < 1.004 * min(cross_validation.lasso.mean)",
        "decreasing(cross_validation.ridge.mean[: cross_validation.ridge.best_index + 1])",
    ),
)
def cross_validation() -> Figure:
    """K-fold cross-validated error of the lasso and of ridge on diabetes, each against its own strength."""
    data = experiments.cross_validation()
    fig = new_figure(3.4, narrow=6.2)
    axes = side_by_side(fig, 2, sharey=True)
    for ax, name, color, title in (
        (axes[0], "lasso", PROX, "Lasso (L1)"),
        (axes[1], "ridge", L2, "Ridge (L2)"),
    ):
        part = data[name]
        lams, mean, se = part["lams"], part["mean"], part["se"]
        ax.fill_between(lams, mean - se, mean + se, color=color, alpha=0.3, linewidth=0)
        ax.plot(lams, mean, color=color, linewidth=1.5, label="mean over folds ± 1 SE")
        ax.axvline(
            part["best"], color=color, linestyle="--", linewidth=1, label=f"lowest, λ = {part['best']:.3g}"
        )
        ax.axvline(
            part["one_se"],
            color=REFERENCE,
            linestyle=":",
            linewidth=1.5,
            label=f"one SE, λ = {part['one_se']:.3g}",
        )
        ax.set(xscale="log", xlabel=f"{'L1' if name == 'lasso' else 'L2'} strength λ", title=title)
        ax.minorticks_off()
        legend(ax, "upper left", fontsize=points(8))
    for ax in axes[: len(axes) if current_layout().stacked else 1]:
        ax.set_ylabel(heading("held-out", "mean squared error"))
    return fig


@figure(
    alt="Three panels of two weights each, bmi's and that of a noisy copy of bmi (correlation 0.989), "
    "against the strength, from the weakest, 0.09, on the left to the strongest, 90.3, on the right. Left, "
    "the lasso: bmi alone carries the weight below lambda_max; the copy stays at exactly zero at every "
    "strength but the weakest, where it takes a small negative weight. Middle, the elastic net with "
    "lambda_2 = 0.5: both weights leave zero together and grow side by side, bmi's a little larger. Right, "
    "ridge: the two weights stay within 5% of each other from the strongest down to lambda 1.2, and part "
    "below it, to 14.4 and 10.3 at the weakest.",
    caption="Which of two near copies does each penalty keep?",
    checks=(
        "correlated_features.feature == 'bmi' and round(correlated_features.correlation, 3) == 0.989",
        "np.array_equal(correlated_features.lasso_keeps, ['original'])",
        "correlated_features.lasso_both == 1",
        "correlated_features.lasso_one_of_pair == len(correlated_features.lams) - 2",
        "np.isclose(correlated_features.lasso_both_from, correlated_features.lams[-1])",
        "correlated_features.lasso[-1][1] < 0",
        "abs(correlated_features.lasso[-1][1]) < 0.05 * correlated_features.lasso[-1][0]",
        "correlated_features.net_both",
        "all(correlated_features.elastic_net[1:, 0] >= correlated_features.elastic_net[1:, 1])",
        "all(correlated_features.elastic_net[1:, 1] > 0) and correlated_features.lam2 == 0.5",
        "correlated_features.sklearn_net_gap < 1e-6",
        "round(correlated_features.ridge_together_to, 1) == 1.2",
        "np.array_equal(np.round(correlated_features.ridge[-1], 1), [14.4, 10.3])",
        "between(correlated_features.lams[-1], 0.09, 0.0904)",
        "round(correlated_features.lams[0], 1) == 90.3",
    ),
)
def grouping() -> Figure:
    """The weights of a measurement and its near copy along the lasso, elastic net and ridge paths."""
    data = experiments.correlated_features()
    lams = data["lams"]
    fig = new_figure(3.2, narrow=7.6)
    axes = side_by_side(fig, 3, sharey=True)
    panels = (
        ("lasso", PROX, "Lasso", "L1 strength λ"),
        ("elastic_net", L1, "Elastic net", f"L1 strength λ₁ (λ₂ = {data['lam2']:g})"),
        ("ridge", L2, "Ridge", "L2 strength λ"),
    )
    for ax, (name, color, title, label) in zip(axes, panels, strict=True):
        pair = data[name]
        ax.plot(lams, pair[:, 0], color=color, linewidth=1.8)
        ax.plot(lams, pair[:, 1], color=color, linewidth=1.4, linestyle="--")
        ax.axhline(0, color="grey", linewidth=0.6)
        ax.set(xscale="log", xlabel=label, title=title)
        ax.minorticks_off()
    axes[0].set_ylabel("weight")
    styles = [Line2D([], [], color="grey", linewidth=1.8), Line2D([], [], color="grey", linestyle="--")]
    fig.legend(
        styles, [data["feature"], "its noisy copy"], loc="outside lower center", ncols=2, fontsize=points(8.5)
    )
    return fig


@figure(
    alt="The ten diabetes weights, one column each, from three fits with weight decay 0.1 (twice lambda "
    "0.05), after 40000 full-batch steps at learning rate 0.05: the ridge minimiser, PyTorch's Adam and "
    "PyTorch's AdamW. In every column Adam's marker is at the height of ridge's, just beside it. AdamW's "
    "are not: seven of its weights stand on the dashed lines at plus and minus 10, one over the weight "
    "decay, and sex's just inside, at -9.86; bmi's is at 10 where ridge has 24.1, and s1's is positive "
    "where ridge's is negative.",
    caption="Is AdamW's weight decay an L2 penalty?",
    checks=(
        "decoupled_decay.lam == 0.05 and decoupled_decay.weight_decay == 0.1 and decoupled_decay.bound == 10",
        "decoupled_decay.steps == 40000 and decoupled_decay.lr == 0.05 and decoupled_decay.adam_gap < 1e-5",
        "sum(abs(abs(decoupled_decay.adamw) - 10) < 0.01) == 7 == decoupled_decay.at_bound",
        "round(decoupled_decay.adamw[2], 1) == 10 and round(decoupled_decay.ridge[2], 1) == 24.1",
        "decoupled_decay.features[2] == 'bmi' and decoupled_decay.features[4] == 's1'",
        "decoupled_decay.adamw[4] > 0 > decoupled_decay.ridge[4]",
        "decoupled_decay.features[1] == 'sex' and round(decoupled_decay.adamw[1], 2) == -9.86",
    ),
)
def decoupled_decay() -> Figure:
    """The diabetes weights of ridge, Adam with weight decay, and AdamW with the same decay."""
    data = experiments.decoupled_decay()
    x = np.arange(len(data["features"]))
    fig = new_figure(3.3, narrow=4.6)
    ax = fig.subplots()
    for values, color, offset, label in (
        (data["ridge"], REFERENCE, -0.2, f"ridge minimiser, λ = {data['lam']:g}"),
        (data["adam"], L2, 0.0, f"Adam, weight_decay = {data['weight_decay']:g}"),
        (data["adamw"], L1, 0.2, f"AdamW, weight_decay = {data['weight_decay']:g}"),
    ):
        ax.plot(
            x + offset,
            values,
            color=color,
            marker=MARKERS[color],
            linestyle="none",
            markersize=6,
            label=label,
        )
    for sign in (1, -1):
        ax.axhline(sign * data["bound"], color="grey", linestyle="--", linewidth=0.8)
    ax.axhline(0, color="grey", linewidth=0.6)
    ax.set_xticks(x, data["features"], rotation=90 if current_layout().stacked else 0)
    ax.set(ylabel="weight", title=heading("Adam's decay is a penalty,", "AdamW's is not"))
    fig.legend(
        *ax.get_legend_handles_labels(), loc="outside lower center", ncols=_columns(3), fontsize=points(8.5)
    )
    return fig


def _columns(count: int) -> int:
    """A legend's columns: ``count`` in a wide figure, one in a narrow one."""
    return 1 if current_layout().stacked else count


def render_svg(name: str, theme: str, layout_name: str = "wide") -> bytes:
    """Draw a registered figure in a palette as SVG, byte-identical from run to run.

    Parameters
    ----------
    name : str
        A key of [`FIGURES`][reglit.figures.FIGURES].
    theme : str
        The palette, ``"light"`` or ``"dark"``.
    layout_name : str
        A key of [`LAYOUTS`][reglit.figures.LAYOUTS].

    Returns
    -------
    bytes
        The SVG document.
    """
    return draw_svg(FIGURES[name].function, theme, salt=name, layout_name=layout_name)


def draw_svg(function: Callable[[], Figure], theme: str, salt: str, layout_name: str = "wide") -> bytes:
    """Call a figure function in a palette and a layout and save its figure as deterministic SVG.

    Drawing starts from matplotlib's defaults, whatever the caller changed;
    SVG ids come from a hash salted with ``salt``, and the file carries no
    date and no metadata, so the same code gives the same bytes. Then the file
    is made compact with no visible difference: coordinates rounded to a
    hundredth of a point; comments, indentation, ids nothing refers to,
    rotations by zero and groups without attributes dropped; styles written
    without spaces, and the font named once.
    """
    with mpl.rc_context():
        mpl.rcdefaults()  # the same drawing whatever the caller's settings
        mpl.rcParams.update(THEMES[theme] | {"svg.hashsalt": f"reglit-{salt}-{theme}"})
        with layout(layout_name):
            figure = function()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = re.sub(r"<!--.*?-->", "", buffer.getvalue().decode(), flags=re.DOTALL)
    svg = re.sub(r"<metadata>.*?</metadata>", "", re.sub(r">\s+<", "><", svg), flags=re.DOTALL)
    referenced = set(re.findall(r"#([^\s\")]+)", svg))  # href="#id" and url(#id)
    svg = re.sub(r' id="([^"]*)"', lambda m: m.group() if m.group(1) in referenced else "", svg)
    svg = _without_bare_groups(svg)
    svg = re.sub(r' transform="rotate\(-0 [^"]*\)"', "", svg)  # a rotation by zero
    svg = re.sub(r'(?<= style=")[^"]*', lambda m: re.sub(r"([:;]) ", r"\1", m.group()), svg)
    svg = re.sub(r'(?<= d=")[^"]*', lambda m: re.sub(r"\s*\n\s*", " ", m.group()).strip(), svg)
    svg = re.sub(r"font-family:'DejaVu Sans'(, sans-serif)?;?", "", svg)  # named once, in the style sheet:
    svg = svg.replace(
        '<style type="text/css">', "<style type=\"text/css\">text{font-family:'DejaVu Sans',sans-serif}", 1
    )
    return _TAG.sub(lambda tag: _LONG_NUMBER.sub(_hundredths, tag.group()), svg).encode()


def _palette_colours(theme: str) -> list[str]:
    rc = THEMES[theme]
    return [rc["text.color"], rc["grid.color"], *rc["axes.prop_cycle"].by_key()["color"]]


def recolored(svg: bytes, theme: str) -> bytes:
    """A drawing made in the light palette, in the palette ``theme``: each light colour replaced by its
    counterpart. The palettes differ in their colours only, so this is the drawing that palette gives
    (the tests draw each figure in both and compare), made without drawing it again.

    Examples
    --------
    >>> recolored(b'<path style="stroke:#0072b2"/><text style="fill:#222222">w</text>', "dark")
    b'<path style="stroke:#56b4e9"/><text style="fill:#e3e5ea">w</text>'
    """
    swap = {
        a.lower(): b.lower() for a, b in zip(_palette_colours("light"), _palette_colours(theme), strict=True)
    }
    return re.sub(
        rb"#[0-9A-Fa-f]{6}\b",
        lambda m: swap.get(m.group().decode().lower(), m.group().decode()).encode(),
        svg,
    )


def _without_bare_groups(svg: str) -> str:
    """The SVG with every ``<g>`` that has no attributes replaced by its content."""
    out, stack = [], []  # stack: for each open <g>, whether it was dropped
    for token in re.split(r"(<g>|<g [^>]*>|</g>)", svg):
        if token == "<g>":
            stack.append(True)
        elif token.startswith("<g "):
            if not token.endswith("/>"):
                stack.append(False)
            out.append(token)
        elif token == "</g>":
            if not stack.pop():
                out.append(token)
        else:
            out.append(token)
    return "".join(out)


_TAG = re.compile(r"<[^>]*>")  # coordinates live in tags; text between tags (tick labels) is left alone
_LONG_NUMBER = re.compile(r"\d+\.\d{3,}")


def _hundredths(match: re.Match) -> str:
    return f"{float(match.group()):.2f}".rstrip("0").rstrip(".")
