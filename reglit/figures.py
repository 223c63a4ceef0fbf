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

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

from reglit import experiments
from reglit.penalties import l1_grad, l1_penalty, l2_grad, l2_penalty

__all__ = ["FIGURES", "THEMES", "FigureSpec", "draw_svg", "figure", "render_svg", "style"]

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


def _figure(width: float = 8.0, height: float = 3.3) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


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
    fig = _figure(8.0, 3.4)
    errors, curves = fig.subplots(1, 2)
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
        title="Fitting worse, generalizing better",
    )
    errors.legend(loc="upper left")  # clear of the curves and of the chosen-lambda line
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
    curves.set(ylim=(-2, 2), xlabel="input", ylabel="output", title="Three of the fits")
    curves.legend(fontsize=8.5, loc="lower left")
    return fig


@figure(
    alt="Left: the L2 penalty, a parabola w squared, and the L1 penalty, a V shape |w|, for weights "
    "from -2 to 2. Right: their gradients, the straight line 2w for L2 and a step from -1 to 1 for L1.",
    caption="How hard does each penalty push a single weight toward zero, at each size?",
)
def penalty_and_gradient() -> Figure:
    """L1 and L2 penalties of a single weight, and the push (gradient) each gives it."""
    w = np.linspace(-2.0, 2.0, 401)
    fig = _figure()
    left, right = fig.subplots(1, 2)
    left.plot(w, [l2_penalty(v) for v in w], color=L2, label="L2: $w^2$")
    left.plot(w, [l1_penalty(v) for v in w], color=L1, linestyle="--", label=r"L1: $|w|$")
    left.set(title="Penalty on one weight", xlabel="weight $w$", ylabel="penalty $R(w)$")
    right.plot(w, l2_grad(w), color=L2, label="L2: $2w$")
    right.plot(w, l1_grad(w), color=L1, linestyle="--", label=r"L1: sign$(w)$")
    right.set(title="Its gradient: the push toward zero", xlabel="weight $w$", ylabel="gradient")
    for ax in (left, right):
        ax.legend(loc="upper center")
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
    fig = _figure()
    linear, log = fig.subplots(1, 2)
    for ax in (linear, log):
        ax.plot(steps, paths[:, 0], color=L2, label="from $W = 10$")
        ax.plot(steps, paths[:, 1], color=L2, linestyle=":", label="from $W = 0.01$")
        ax.set(xlabel="step")
    linear.set(title="Linear scale: the large one falls fast", ylabel="weight $W$")
    log.set(yscale="log", title="Log scale: the same factor for both", ylabel="weight $W$ (log)")
    linear.legend()
    log.legend(loc="lower left")
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
    fig = _figure()
    large, small = fig.subplots(1, 2)
    large.plot(steps, paths[:, 0], color=L1, label="from $W = 10$")
    large.set(title="From 10: the same step, then hops", xlabel="step", ylabel="weight $W$")
    small.plot(steps[:12], paths[:12, 1], color=L1, marker="^", linestyle=":", label="from $W = 0.01$")
    small.axhline(0, color=REFERENCE, linewidth=1)
    small.set(title="From 0.01: just below 0, then hops", xlabel="step", ylabel="weight $W$")
    small.set_ylim(-0.002, 0.016)  # room above the hops for the legend
    large.legend(loc="upper right")
    small.legend(loc="upper right")
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
    fig = _figure(8.0, 3.4)
    ax = fig.subplots()
    ax.axhspan(-t, t, color=REFERENCE, alpha=0.15, label=r"within $\eta\lambda$ of zero")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.plot(steps, data["subgradient"], color=L1, marker="^", linestyle="--", label="subgradient step")
    ax.plot(steps, data["proximal"], color=PROX, marker="s", markersize=5, label="proximal step")
    ax.set(
        xlabel="step",
        ylabel="weight $W$",
        title=rf"Starting at $W = {data['start']}$ with $\eta\lambda = {t:.2f}$",
    )
    ax.legend(loc="upper right")
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
    fig = _figure(8.0, 5.2)
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
        ax.set_title(f"{title}: {data[method]['zeros']} of {data['d']} weights exactly zero", loc="left")
        ax.set_ylabel("weight")
    fig.legend(loc="outside upper right", fontsize=9)  # above the panels: no stem hides under it
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
    fig = _figure(8.0, 4.0)
    loss, accuracy = fig.subplots(1, 2)
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
    fig.legend(*loss.get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=8.5)
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
    fig = _figure(8.0, 3.6)
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
        label=rf"L2 minimiser chosen on validation ($\lambda$ = {data['best']['l2']['lam']:.3g}), test",
    )
    chosen = data["best"]["early_stopping"]["steps"]
    ax.axvline(
        chosen, color="grey", linewidth=1, linestyle="-.", label=f"chosen on validation: {chosen} steps"
    )
    ax.set(xscale="log", xlabel="plain descent steps, no penalty", ylabel="cross-entropy loss")
    ax.set_title("The step count regularizes", loc="left")
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 0.08), fontsize=8.5)  # above the training line
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
    fig = _figure(8.0, 3.4)
    path, zeros = fig.subplots(1, 2)
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
    zeros.legend(loc="center right", fontsize=8.5)
    return fig


def render_svg(name: str, theme: str) -> bytes:
    """Draw a registered figure in a palette as SVG, byte-identical from run to run.

    Parameters
    ----------
    name : str
        A key of [`FIGURES`][reglit.figures.FIGURES].
    theme : str
        The palette, ``"light"`` or ``"dark"``.

    Returns
    -------
    bytes
        The SVG document.
    """
    return draw_svg(FIGURES[name].function, theme, salt=name)


def draw_svg(function: Callable[[], Figure], theme: str, salt: str) -> bytes:
    """Call a figure function in a palette and save its figure as deterministic SVG.

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
