"""Explorable figures: every frame draws, names its value, and says what its data show."""

from __future__ import annotations

import re

import numpy as np
import pytest

from reglit import experiments
from reglit.explorables import EXPLORABLES, Explorable
from reglit.figures import THEMES, draw_svg

FRAMES = [(name, value) for name, spec in EXPLORABLES.items() for value in spec.values]


def _texts(svg: bytes) -> str:
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode()))


@pytest.mark.parametrize(("name", "value"), FRAMES)
def test_each_frame_draws_and_its_title_names_its_value(name, value):
    spec = EXPLORABLES[name]
    for theme in THEMES:
        svg = draw_svg(lambda: spec.frame(value), theme, salt=f"{name}-{value}")
        assert f"ηλ = {value:g}" in _texts(svg), theme


@pytest.mark.parametrize("name", EXPLORABLES)
def test_each_frame_has_its_own_alt_text_and_spoken_value(name):
    spec = EXPLORABLES[name]
    alts = [spec.alt(v) for v in spec.values]
    assert len(set(alts)) == len(alts)
    for value, alt in zip(spec.values, alts, strict=True):
        assert f"{spec.label} = {value:g}." in alt
        assert spec.spoken(value).startswith(f"{spec.label} {value:g}:")


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
        Explorable(lambda v: None, (0.1, 0.2), 0.3, (0.1,), "x", str, str, "?")
    with pytest.raises(ValueError, match="values must increase"):
        Explorable(lambda v: None, (0.2, 0.1), 0.2, (0.1,), "x", str, str, "?")
