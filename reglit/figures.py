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
from reglit.losses import mse
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
    experiments' results as on the site's pages (``reglit.site.claims``),
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
    alt="Left: as lambda grows from 0.0001 to 1, the training error rises steadily while the validation "
    "error first falls, reaching its minimum at a middle lambda, then rises. Right: the fit with the "
    "weakest lambda bends toward the noisy training points; the best one follows the sine; the "
    "strongest is flattened toward zero.",
    caption="Does fitting the training data worse ever help?",
    checks=(
        "np.isclose(tradeoff.lams[0], 1e-4) and np.isclose(tradeoff.lams[-1], 1)",
        "increasing(tradeoff.train)",
        "0 < argmin(tradeoff.val) < len(tradeoff.val) - 1",
        "abs(tradeoff.curves.strongest).max() < abs(tradeoff.y_true).max() / 2",
        "tradeoff.weakest.train < tradeoff.best.train and tradeoff.best.val < 0.1",
    ),
)
def tradeoff() -> Figure:
    """Training and validation error against lambda, and three of the fitted curves."""
    data = experiments.tradeoff()
    fig = _figure(8.0, 3.4)
    errors, curves = fig.subplots(1, 2)
    errors.plot(data["lams"], data["train"], color=L2, marker="o", linestyle=":", label="training error")
    errors.plot(data["lams"], data["val"], color=L2, marker="o", label="validation error")
    errors.axvline(
        data["best"]["lam"],
        color=REFERENCE,
        linewidth=1,
        label=rf"best $\lambda$ = {data['best']['lam']:.2g}",
    )
    errors.set(
        xscale="log",
        xlabel=r"strength $\lambda$",
        ylabel="mean squared error",
        title="Fitting worse, generalizing better",
    )
    errors.legend(loc="upper center")
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
            label=rf"{name}: $\lambda$ = {data['curve_lams'][name]:.2g}",
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
    alt="Two panels with elliptical contours of a data loss centred at (2, 0.6). Left: the L1 diamond "
    "touches the contours at a corner on the horizontal axis, so the L1 optimum has W2 exactly 0. "
    "Right: the L2 circle touches them at a point off both axes.",
    caption="Why does the L1 optimum land on an axis, and the L2 optimum not?",
    checks=(
        "np.allclose(penalty_geometry.optimum, [2, 0.6])",
        "penalty_geometry.l1[1] == 0 and penalty_geometry.l1[0] > 0 and all(penalty_geometry.l2 != 0)",
    ),
)
def penalty_geometry() -> Figure:
    """Contours of a data loss with the L1 diamond and the L2 circle through each optimum."""
    data = experiments.penalty_geometry()
    X, y = data["X"], data["y"]
    a = np.linspace(-2.2, 2.6, 241)
    b = np.linspace(-2.2, 2.2, 221)
    A, B = np.meshgrid(a, b)
    loss = np.array([[mse(X, y, np.array([u, v])) for u in a] for v in b])
    fig = _figure(8.0, 3.9)
    for ax, name, color, label in (
        (fig.add_subplot(1, 2, 1), "l1", L1, "L1"),
        (fig.add_subplot(1, 2, 2), "l2", L2, "L2"),
    ):
        W = data[name]
        level = mse(X, y, W)
        ax.contour(
            A,
            B,
            loss,
            levels=[level / 4, level, 2.2 * level, 4.5 * level],
            colors=REFERENCE,
            linewidths=1.0,
            linestyles="solid",
        )
        t = np.linspace(0, 2 * np.pi, 400)
        if name == "l1":
            r = l1_penalty(W)
            ax.fill([r, 0, -r, 0], [0, r, 0, -r], color=color, alpha=0.25, linewidth=2, edgecolor=color)
        else:
            r = np.sqrt(l2_penalty(W))
            ax.fill(r * np.cos(t), r * np.sin(t), color=color, alpha=0.25, linewidth=2, edgecolor=color)
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
            label=f"{label} optimum ({W[0]:.2f}, {W[1]:.2f})",
        )
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.axvline(0, color="grey", linewidth=0.8)
        ax.set(
            aspect="equal",
            xlim=(a[0], a[-1]),
            ylim=(b[0], b[-1]),
            xlabel="$W_1$",
            ylabel="$W_2$",
            title=f"{label}: {'diamond' if name == 'l1' else 'circle'} of equal penalty",
        )
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=9)  # below: clear of the shapes
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
    "to zero after about a thousand steps; from 0.01 it reaches zero after one step, then hops back "
    "to 0.01 and down again at every step.",
    caption="How does L1 move a large weight, and a small one?",
    checks=(
        "between(trajectories.l1_first_at_zero.large, 900, 1100)",
        "trajectories.l1_first_at_zero.small == 1",
        "np.allclose(trajectories.l1[1:12, 1], np.where(np.arange(1, 12) % 2, 0, 0.01), atol=1e-12)",
    ),
)
def l1_trajectories() -> Figure:
    """Penalty-only L1 subgradient steps from W = 10 and W = 0.01."""
    data = experiments.trajectories()
    steps, paths = data["step"], data["l1"]
    fig = _figure()
    large, small = fig.subplots(1, 2)
    large.plot(steps, paths[:, 0], color=L1, label="from $W = 10$")
    large.set(title="From 10: the same step every time", xlabel="step", ylabel="weight $W$")
    small.plot(steps[:12], paths[:12, 1], color=L1, marker="^", linestyle=":", label="from $W = 0.01$")
    small.axhline(0, color=REFERENCE, linewidth=1)
    small.set(title="From 0.01: zero in one step, then hops", xlabel="step", ylabel="weight $W$")
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
    alt="Final weights of a 40-weight regression whose true weights have 5 nonzero entries. L2 leaves "
    "every weight nonzero; L1 with subgradient steps leaves many tiny but nonzero weights; L1 with "
    "proximal steps sets most weights exactly to zero and keeps the true ones.",
    caption="Which of the three updates gives weights that are exactly zero?",
    checks=(
        "sparsity.d == 40 and sparsity.nonzero_true == 5",
        "sparsity.l2.zeros == 0 and sparsity.l1.zeros == 0 and sparsity.l1.tiny >= 10",
        "sparsity.l1_prox.zeros > sparsity.d / 2 and sparsity.l1_prox.kept_true == sparsity.nonzero_true",
    ),
)
def sparsity() -> Figure:
    """Final weights of one regression fitted with L2, L1-subgradient and L1-proximal steps."""
    data = experiments.sparsity()
    index = np.arange(data["d"])
    fig = _figure(8.0, 5.2)
    axes = fig.subplots(3, 1, sharex=True, sharey=True)
    for ax, (method, color, marker, title) in zip(
        axes,
        (
            ("l2", L2, "o", "L2"),
            ("l1", L1, "^", "L1, subgradient steps"),
            ("l1_prox", PROX, "s", "L1, proximal steps"),
        ),
        strict=True,
    ):
        W = data[method]["W"]
        ax.vlines(index, 0, W, color=color, linewidth=1.5)
        ax.plot(index, W, marker=marker, color=color, linestyle="none", markersize=4)
        ax.plot(
            index,
            data["true"],
            marker="x",
            color=REFERENCE,
            linestyle="none",
            markersize=6,
            label="true weight" if method == "l2" else None,
        )
        ax.set_title(f"{title}: {data[method]['zeros']} of {data['d']} weights exactly zero", loc="left")
        ax.set_ylabel("weight")
    fig.legend(loc="outside upper right", fontsize=9)  # above the panels: no stem hides under it
    axes[-1].set_xlabel("weight index")
    return fig


@figure(
    alt="A weight starting at 1 under L2 steps. With 2 eta lambda = 0.2 it decays smoothly; at 1 it "
    "jumps to zero; at 1.6 it flips sign each step while shrinking; at 2.2 it flips sign and grows.",
    caption="What does a too-large step do to the L2 update?",
    checks=(
        'decreasing(l2_step_sizes.paths["0.2"]) and all(l2_step_sizes.paths["0.2"] > 0)',
        'all(l2_step_sizes.paths["1.0"][1:] == 0)',
        'all(np.diff(np.sign(l2_step_sizes.paths["1.6"])) != 0)',
        'decreasing(abs(l2_step_sizes.paths["1.6"])) and increasing(abs(l2_step_sizes.paths["2.2"]))',
    ),
)
def l2_step_sizes() -> Figure:
    """Penalty-only L2 steps from W = 1 for several values of 2 eta lambda, one panel each."""
    data = experiments.l2_step_sizes()
    fig = _figure(8.0, 2.9)
    axes = fig.subplots(1, len(data["paths"]), sharey=True)
    for ax, (value, path) in zip(axes, data["paths"].items(), strict=True):
        ax.plot(data["step"], path, color=L2, marker="o", markersize=3)
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.set(
            xlabel="step", ylim=(-4, 4), title=rf"$2\eta\lambda = {value:g}$" + f"\nfactor {1 - value:+.1f}"
        )
    axes[0].set_ylabel("weight $W$")
    return fig


@figure(
    alt="Left: training loss rises steadily with lambda for L2 and L1, while validation loss first dips "
    "below the unregularized value, at a small lambda, then rises. Right: training accuracy stays at 1 "
    "at every lambda for L2, and for L1 until the two largest; validation accuracy drifts down slowly "
    "for L2 and falls steeply for L1 at the largest strengths.",
    caption="On real digits, where does a stronger penalty stop helping?",
    checks=(
        'all(increasing(digits_sweep[m].train_loss) for m in ("l2", "l1_prox"))',
        'all(digits_sweep.best[m].val_loss < digits_sweep.none.val_loss for m in ("l2", "l1_prox"))',
        'all(0 < argmin(digits_sweep[m].val_loss) < 4 for m in ("l2", "l1_prox"))',
        "all(digits_sweep.l2.train_acc == 1) and all(digits_sweep.l1_prox.train_acc[:5] == 1)",
        "all(digits_sweep.l1_prox.train_acc[5:] < 1)",
        "0 < digits_sweep.l2.val_acc[0] - digits_sweep.l2.val_acc[-1] < 0.05",
        "digits_sweep.l1_prox.val_acc[0] - digits_sweep.l1_prox.val_acc[-1] > 0.3",
    ),
)
def digits_sweep() -> Figure:
    """Training and validation loss and accuracy of the digits classifier against lambda."""
    data = experiments.digits_sweep()
    lams = data["lams"]
    fig = _figure(8.0, 4.0)
    loss, accuracy = fig.subplots(1, 2)
    for method, color, marker, label in (("l2", L2, "o", "L2"), ("l1_prox", PROX, "s", "L1 (proximal)")):
        runs = data[method]
        loss.plot(
            lams, runs["train_loss"], color=color, marker=marker, linestyle=":", label=f"{label}, training"
        )
        loss.plot(lams, runs["val_loss"], color=color, marker=marker, label=f"{label}, validation")
        accuracy.plot(lams, runs["train_acc"], color=color, marker=marker, linestyle=":")
        accuracy.plot(lams, runs["val_acc"], color=color, marker=marker)
    for ax, key in ((loss, "val_loss"), (accuracy, "val_acc")):
        ax.axhline(
            data["none"][key], color=REFERENCE, linestyle="--", linewidth=1, label="no penalty, validation"
        )
        ax.set(xscale="log", xlabel=r"strength $\lambda$")
    loss.set(ylabel="cross-entropy loss", title="Loss")
    accuracy.set(ylabel="accuracy", title="Accuracy")
    fig.legend(*loss.get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=8.5)
    return fig


@figure(
    alt="Three rows of ten 8 by 8 images, one per digit class, showing the learned weight of each pixel, "
    "purple for positive weights, orange for negative ones and white for zero, as the colour bar says. "
    "With L2 the patterns are those of the unpenalized weights, with smaller weights overall; with L1 "
    "most pixels are exactly zero and a few scattered pixels carry the weight.",
    caption="What does each penalty do to the weights a classifier learns?",
    checks=(
        'weight_colour(1) == "purple" and weight_colour(-1) == "orange" and weight_colour(0) == "white"',
        "digits_sweep.l1_prox.zero_share[index_of(digits_sweep.lams, digits_sweep.weights_lam)] > 0.5",
        "np.corrcoef(digits_sweep.weights.l2.ravel(), digits_sweep.weights.none.ravel())[0, 1] > 0.95",
        "abs(digits_sweep.weights.l2).sum() < abs(digits_sweep.weights.none).sum()",
    ),
)
def digits_weights() -> Figure:
    """The weights of each digit class as 8x8 images: no penalty, and L2 and L1 at one strength."""
    data = experiments.digits_sweep()
    rows = (("none", "no penalty"), ("l2", "L2"), ("l1_prox", "L1 (proximal)"))
    fig = _figure(8.0, 3.2)
    axes = fig.subplots(3, 10)
    for (key, label), row in zip(rows, axes, strict=True):
        W = data["weights"][key][:-1]  # the last row is the bias
        limit = float(np.max(np.abs(W))) or 1.0
        for digit, ax in enumerate(row):
            ax.imshow(
                W[:, digit].reshape(8, 8) / limit, cmap=DIVERGING, vmin=-1, vmax=1, interpolation="nearest"
            )
            ax.set(xticks=[], yticks=[])
            ax.grid(False)
            if key == "none":
                ax.set_title(str(digit))
        row[0].set_ylabel(label, rotation=0, ha="right", va="center")
    bar = fig.colorbar(mpl.cm.ScalarMappable(mpl.colors.Normalize(-1, 1), DIVERGING), ax=axes, shrink=0.8)
    bar.set_ticks([-1, 0, 1], labels=["largest\nnegative", "0", "largest\npositive"])
    bar.set_label("weight, each row scaled to its largest")
    return fig


@figure(
    alt="Left: the weights of class 0 under L1 with proximal steps, shrinking toward zero as lambda "
    "grows, many reaching exactly zero. Right: the share of exact zeros rises from about a third to "
    "almost all weights for proximal L1, while it stays at about a sixth for subgradient L1 and for L2, "
    "whose two lines lie on top of each other.",
    caption="As lambda grows, which updates set weights exactly to zero?",
    checks=(
        "between(digits_sweep.l1_prox.zero_share[0], 0.28, 0.38)",
        "digits_sweep.l1_prox.zero_share[-1] > 0.95",
        "increasing(digits_sweep.l1_prox.zero_share)",
        "all(digits_sweep.l1.zero_share == digits_sweep.l2.zero_share)",
        "between(digits_sweep.l2.zero_share[0], 0.14, 0.2)",
    ),
)
def digits_path() -> Figure:
    """Weights of one class against lambda under L1, and the share of exact zeros for each update."""
    data = experiments.digits_sweep()
    lams = data["lams"]
    fig = _figure(8.0, 3.4)
    path, zeros = fig.subplots(1, 2)
    path.plot(lams, data["path"], color=PROX, linewidth=1, alpha=0.8)
    path.set(
        xscale="log", xlabel=r"strength $\lambda$", ylabel="weight", title="Weights of class 0, L1 (proximal)"
    )
    for method, color, label, style in (
        ("l1_prox", PROX, "L1, proximal", {}),
        ("l2", L2, "L2", {"markersize": 9}),
        ("l1", L1, "L1, subgradient (the same\nshare as L2: under it)", {"linestyle": "--"}),
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


@figure(
    alt="Left: lasso path on the diabetes data; as lambda grows, more and more of the ten weights are "
    "exactly zero, a few at a time, until only two are left; on the way some weights change sign or "
    "grow for a while. Right: ridge path; the weights shrink together toward zero, some changing sign "
    "on the way, and none is exactly zero at any strength drawn.",
    caption="How do the lasso and ridge weights change as the penalty grows?",
    checks=(
        "len(diabetes_paths.features) == 10",
        "diabetes_paths.lasso_zeros[0] == 8 and diabetes_paths.lasso_zeros[-1] == 0",
        "max(-np.diff(diabetes_paths.lasso_zeros)) <= 3",
        "np.any((diabetes_paths.lasso > 0).any(axis=0) & (diabetes_paths.lasso < 0).any(axis=0))",
        "np.any(np.diff(abs(diabetes_paths.lasso[::-1]), axis=0) > 1e-6)",  # lams run from large to small
        "np.all(diabetes_paths.ridge != 0)",
        "decreasing(abs(diabetes_paths.ridge).sum(axis=1)[::-1])",
        "np.any(np.diff(np.sign(diabetes_paths.ridge), axis=0) != 0)",
    ),
)
def diabetes_paths() -> Figure:
    """Lasso and ridge paths on the diabetes data: each weight against lambda."""
    data = experiments.diabetes_paths()
    fig = _figure(8.0, 3.6)
    lasso, ridge = fig.subplots(1, 2, sharey=True)
    styles = ["-", "--", ":", "-."]
    for ax, key, color, title in (
        (lasso, "lasso", PROX, "Lasso (L1, proximal)"),
        (ridge, "ridge", L2, "Ridge (L2)"),
    ):
        ends = data[key][-1]
        gap = 0.08 * np.ptp([data["lasso"], data["ridge"]])  # a line of 8-point text, in weight units
        for i, (name, y) in enumerate(zip(data["features"], _spread(ends, gap), strict=True)):
            ax.plot(data["lams"], data[key][:, i], color=color, linestyle=styles[i % 4], linewidth=1.5)
            ax.annotate(
                name,
                (data["lams"].min(), ends[i]),
                xytext=(data["lams"].min() / 2.2, y),
                textcoords="data",
                fontsize=8,
                va="center",
                ha="right",
                arrowprops={"arrowstyle": "-", "color": "grey", "linewidth": 0.6, "shrinkA": 1, "shrinkB": 0},
            )
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.set(
            xscale="log",
            xlim=(data["lams"].min() / 6, data["lams"].max() * 1.5),
            xlabel=r"strength $\lambda$",
            title=title,
        )
    lasso.set_ylabel("weight")
    return fig


def _spread(values: np.ndarray, gap: float) -> np.ndarray:
    """Label positions near ``values``, in their order, at least ``gap`` apart: end labels never overlap."""
    order = np.argsort(values)
    placed = np.array(values, dtype=float)[order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    placed -= (placed - np.sort(values)).mean()  # keep the labels centred on their lines
    result = np.empty_like(placed)
    result[order] = placed
    return result


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
    date, so the same code gives the same bytes. Coordinates are
    rounded to a hundredth of a point, and comments and indentation dropped:
    a third of the bytes, and no visible difference.
    """
    with mpl.rc_context():
        mpl.rcdefaults()  # the same drawing whatever the caller's settings
        mpl.rcParams.update(THEMES[theme] | {"svg.hashsalt": f"reglit-{salt}-{theme}"})
        figure = function()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = re.sub(r"<!--.*?-->", "", buffer.getvalue().decode(), flags=re.DOTALL)
    svg = re.sub(r">\s+<", "><", svg)
    return _TAG.sub(lambda tag: _LONG_NUMBER.sub(_hundredths, tag.group()), svg).encode()


_TAG = re.compile(r"<[^>]*>")  # coordinates live in tags; text between tags (tick labels) is left alone
_LONG_NUMBER = re.compile(r"\d+\.\d{3,}")


def _hundredths(match: re.Match) -> str:
    return f"{float(match.group()):.2f}".rstrip("0").rstrip(".")
