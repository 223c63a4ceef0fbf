"""Explorable figures: every frame draws, names its value, and says what its data show."""

from __future__ import annotations

import re

import numpy as np
import pytest

from reglit import experiments, explorables
from reglit.explorables import EXPLORABLES, Explorable, number
from reglit.figures import THEMES, draw_svg
from tests.support import cached_svg

FRAMES = [(name, value) for name, spec in EXPLORABLES.items() for value in spec.values]


def _texts(svg: bytes) -> str:
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode()))


@pytest.mark.parametrize(("name", "value"), FRAMES)
def test_each_frame_draws_and_its_title_names_its_value(name, value):
    spec = EXPLORABLES[name]
    for theme in THEMES:
        svg = cached_svg(f"{name}/{spec.values.index(value)}", theme)
        assert f"{spec.symbol} = {number(value)}" in _texts(svg), theme


@pytest.mark.parametrize("name", EXPLORABLES)
def test_each_frame_has_its_own_alt_text_and_spoken_value(name):
    spec = EXPLORABLES[name]
    alts = [spec.alt(v) for v in spec.values]
    assert len(set(alts)) == len(alts)
    for value, alt in zip(spec.values, alts, strict=True):
        assert f"{spec.label} = {number(value)}." in alt
        assert spec.spoken(value).startswith(f"{spec.label} {number(value)}:")


@pytest.mark.parametrize("name", EXPLORABLES)
def test_the_default_frame_is_the_frame_functions_own(name):
    spec = EXPLORABLES[name]
    assert spec.default in spec.values and set(spec.multiples) <= set(spec.values)
    assert len(spec.multiples) >= 3 and spec.values == tuple(sorted(set(spec.values)))
    assert draw_svg(spec.frame, "light", salt="x") == draw_svg(
        lambda: spec.frame(spec.default), "light", salt="x"
    )


@pytest.mark.parametrize("name", [n for n in EXPLORABLES if n != "step_regimes"])
def test_a_value_without_a_frame_is_refused_naming_the_values(name):
    with pytest.raises(ValueError, match=r"^lam must be one of .*; got 0\.123"):
        EXPLORABLES[name].frame(0.123)


@pytest.mark.parametrize("value", EXPLORABLES["step_regimes"].values)
def test_the_step_regimes_words_match_the_paths(value):
    """The alt text's regime, read back against the L2 path it describes."""
    data = experiments.step_regimes(value)
    path = data["l2"][:, 0]
    words = EXPLORABLES["step_regimes"].alt(value)
    if "shrink toward zero without crossing" in words:
        assert (path > 0).all() and (np.diff(path) < 0).all()
    elif "exactly zero after one step" in words:
        assert (data["l2"][1:] == 0).all()
    else:
        assert (np.sign(path[1:]) == -np.sign(path[:-1])).all(), "flips sign at every step"
        ratio = np.abs(path[1:] / path[:-1])
        if "and shrink" in words:
            assert (ratio < 1).all()
        elif "keep their size" in words:
            assert np.allclose(ratio, 1)
        else:
            assert "and grow" in words and (ratio > 1).all()
    assert not (data["l1"] == 0).any(), "a subgradient weight landed exactly on zero: 'hops' would mislead"
    prox = data["l1_prox"]
    for start, at in zip(data["starts"], data["l1_prox_zero_at"], strict=True):
        column = prox[:, data["starts"].index(start)]
        if at >= 0:
            assert f"the weight from {start:g} is exactly zero from step {at}" in words
            assert (column[at:] == 0).all() and (column[:at] != 0).all()


def test_the_regimes_the_text_discusses_are_all_there():
    values = EXPLORABLES["step_regimes"].values
    assert min(values) < 0.5 and 0.5 in values and any(0.5 < v < 1 for v in values) and max(values) > 1


def test_a_default_outside_the_values_is_refused():
    with pytest.raises(ValueError, match="default and multiples must be among the values"):
        Explorable(lambda v: None, (0.1, 0.2), 0.3, (0.1,), "x", "x", str, str, "?")
    with pytest.raises(ValueError, match="the default frame is shown already"):
        Explorable(lambda v: None, (0.1, 0.2), 0.2, (0.1, 0.2), "x", "x", str, str, "?")
    with pytest.raises(ValueError, match="values must increase"):
        Explorable(lambda v: None, (0.2, 0.1), 0.2, (0.1,), "x", "x", str, str, "?")
    with pytest.raises(ValueError, match="default and multiples must be among the values"):

        @explorables.explorable(
            values=(0.1, 0.2), multiples=(0.1,), label="x", symbol="x", alt=str, fact=str, caption="?"
        )
        def no_default(value: float = 0.15):
            return None


@pytest.mark.parametrize("lam", experiments.GEOMETRY_LAMS)
def test_the_geometry_words_match_the_optima(lam):
    data = experiments.penalty_geometry()
    i = list(data["lams"]).index(lam)
    words = EXPLORABLES["penalty_geometry"].alt(lam)
    if lam == 0:
        assert "both the data-loss optimum" in words
        assert np.allclose(data["l1"][i], data["optimum"]) and np.allclose(data["l2"][i], data["optimum"])
        return
    for name, W in (("L1", data["l1"][i]), ("L2", data["l2"][i])):
        said = words.split(f"the {name} optimum is ")[1]
        point = "({}, {})".format(
            *("0" if w == 0 else f"{w:.3f}" if abs(w) < 0.05 else f"{w:.2f}" for w in W)
        )
        assert said.startswith(f"{point}, ")
        where = said.split("), ", 1)[1]
        zeros = int(np.sum(W == 0))
        small = zeros == 0 and np.abs(W).min() < 0.05  # drawn on the axis, but not on it: the words say so
        expected = "just off an axis" if small else ("off the axes", "on a corner", "at the origin")[zeros]
        assert where.startswith(expected), (name, W, where)
        if zeros == 1:  # indices count from zero, as on the notation page
            assert where.startswith(f"on a corner, W{int(np.flatnonzero(W == 0)[0])} exactly zero")
        assert ("shrunk to a point" in where.split(". ")[0]) == (zeros == 2)


@pytest.mark.parametrize("lam", experiments.DIGITS_LAMS)
def test_the_digits_words_match_the_sweep(lam):
    data = experiments.digits_sweep()
    i = list(data["lams"]).index(lam)
    words = EXPLORABLES["digits_weights"].alt(lam)
    none = data["none"]["val_loss"]
    size = np.abs(data["weights"]["none"][:-1]).sum()
    assert (
        f"Without a penalty, stopped at {data['steps']} steps, {data['none']['zero_share']:.0%} of weights "
        f"are exactly zero and the validation loss is {none:.3f}" in words
    )
    for method, label in (("l2", "The L2 minimiser: "), ("l1_prox", "The L1 minimiser: ")):
        W = data["weights"][method][i]
        share, loss = data[method]["zero_share"][i], data[method]["val_loss"][i]
        compared = "lower than" if loss < none else "higher than"
        said = words.split(label)[1]
        assert said.startswith(
            f"{share:.0%} of weights exactly zero, pixel weights {np.abs(W[:-1]).sum() / size:.0%}"
        )
        assert f"a validation loss of {loss:.3f}, {compared} without one" in said
        blank = [c for c in range(10) if not W[:-1, c].any()]
        assert ("no pixel weight at all" in said.split(". ")[0]) == bool(blank)
        assert np.mean(W == 0) == share
    assert f"L1 sets {data['l1_prox']['zero_share'][i]:.0%}" in EXPLORABLES["digits_weights"].spoken(lam)


def test_the_digits_frames_share_one_colour_scale():
    """A paler row is a row of smaller weights: every frame maps the same weight to the same colour."""
    data = experiments.digits_sweep()
    largest = max(np.abs(W[..., :-1, :]).max() for W in data["weights"].values())
    for lam in experiments.DIGITS_LAMS:
        fig = EXPLORABLES["digits_weights"].frame(lam)
        limits = {image.get_clim() for ax in fig.axes for image in ax.images}
        assert limits == {(-largest, largest)}


@pytest.mark.parametrize("lam", experiments.DIABETES_LAMS)
def test_the_diabetes_words_list_the_weights_at_that_lambda(lam):
    data = experiments.diabetes_paths()
    i = list(data["lams"]).index(lam)
    words = EXPLORABLES["diabetes_paths"].alt(lam)
    zero = [name for name, w in zip(data["features"], data["lasso"][i], strict=True) if w == 0]
    assert f"the lasso has {data['lasso_zeros'][i]} of 10 weights exactly zero" in words
    assert all(name in words.split("exactly zero")[1].split(")")[0] for name in zero)
    assert "ridge 0 of 10 weights exactly zero" in words and np.all(data["ridge"][i] != 0)
    listed = re.findall(r"(\w+) (-?[\d.]+) and (-?[\d.]+)[;.]", words.split("lasso then ridge: ")[1])
    assert [name for name, _, _ in listed] == data["features"]
    for (_, lasso, ridge), a, b in zip(listed, data["lasso"][i], data["ridge"][i], strict=True):
        assert (lasso == "0") == (a == 0) and float(lasso) == pytest.approx(a, rel=0.01, abs=1e-12)
        assert float(ridge) == pytest.approx(b, rel=0.01) and ridge != "0"
