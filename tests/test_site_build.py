"""Directives on pages, and a failing figure, value or name stopping the build with a clear message."""

import inspect
import re
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from reglit import figures
from sitebuild.build import Site, code_without_docstring
from tests.support import ROOT


def _config():
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def site():
    return Site(_config())


def _page(src):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src), url=src.replace(".md", ".html"))


def test_values_are_computed_and_formatted(site):
    assert site.value("l2_one_step.after.large") == "9.8"
    assert site.value("l2_one_step.after.small") == "0.0098"
    assert site.value("l2_one_step.lost_share.small :.1%") == "2.0%"
    assert site.value("sparsity.d") == "40"
    assert site.value("penalty_geometry.l1.5.1 :.2f") == "0.00"


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
    assert "\n    $$\n    \\formula{l2_grad}\n    $$\n" in out  # the name, not LaTeX
    assert "After 9.8 units." in out


def test_chapter_numbers_come_from_the_nav(site):
    assert site.chapters[4] == "chapters/sparsity.md"
    out = site.expand(
        "# Why L1 gives exact zeros\n\nSee {{ chapter: beyond#how-large-a-step }}.",
        _page("chapters/sparsity.md"),
    )
    assert out.startswith("# 5. Why L1 gives exact zeros\n")
    assert "See [chapter 6](beyond.md#how-large-a-step)." in out
    notebook = site.expand_text("{{ chapter: sparsity }}", "notebooks/x.ipynb", ("chapter",), pages=".html")
    assert notebook == "[chapter 5](../chapters/sparsity.html)"
    with pytest.raises(PluginError, match="no chapter 'nope'"):
        site.expand("{{ chapter: nope }}", _page("chapters/a.md"))


def test_notebook_markdown_is_rendered_like_a_chapter(site):
    html = site.notebook_html(
        "# Title\n\nSee {{ chapter: sparsity }}, $\\eta$.\n\n{{ formula: l2_grad }}", "notebooks/x.ipynb"
    )
    assert '<h1 id="title">Title<a class="headerlink"' in html
    assert '<a href="../chapters/sparsity.html">chapter 5</a>' in html
    assert '<span class="arithmatex">\\(\\eta\\)</span>' in html
    assert '<div class="arithmatex">\\[\n\\formula{l2_grad}\n\\]</div>' in html
    with pytest.raises(PluginError, match=r"notebooks/x.ipynb: a link to a .md page"):
        site.notebook_html("[the chapter](../chapters/sparsity.md)", "notebooks/x.ipynb")


def test_no_chapter_number_is_typed_into_the_docs():
    for path in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "docs" / "notebooks").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^# \d+\.|\[[Cc]hapter \d", text, re.MULTILINE), path
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert re.findall(r"\]\((chapters/[\w-]+\.md)\)", index) == Site(_config()).chapters


def test_source_directive_shows_code_without_docstring(site):
    out = site.expand("{{ source: reglit.updates.l2_step }}", _page("chapters/a.md"))
    assert out.startswith("```python\ndef l2_step(W, lr, lam, grad=None):\n")
    assert "return _checks.result((1 - 2 * lr * lam) * W - lr * grad)" in out and '"""' not in out
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
    site = Site(_config())
    with pytest.raises(
        PluginError, match=r"^figure 'broken' \(light\) failed to draw: RuntimeError: no data"
    ):
        site.svg(("broken", None), "light")


def test_a_frame_that_fails_to_draw_stops_the_build_naming_its_value(tmp_path, monkeypatch):
    from reglit import explorables

    def broken(value=0.5):
        raise RuntimeError("no data")

    spec = explorables.Explorable(broken, (0.25, 0.5), 0.5, (0.25,), "x", "x", str, str, "y?")
    monkeypatch.setitem(explorables.EXPLORABLES, "broken", spec)
    monkeypatch.setenv("REGLIT_CACHE", str(tmp_path))
    site = Site(_config())
    with pytest.raises(
        PluginError, match=r"^explorable 'broken', frame 0.25 \(dark\) failed to draw: RuntimeError: no data"
    ):
        site.svg(("broken", 0), "dark")


def test_directives_in_inline_code_are_left_alone(site):
    text = "Write `{{ formula: NAME }}` to show a formula."
    assert site.expand(text, _page("contributing.md")) == text


def test_a_true_claim_leaves_no_trace(site):
    text = "Proximal steps give exact zeros. {{ check: sparsity.l1_prox.zeros > 0 }} Next."
    assert site.expand(text, _page("chapters/a.md")) == "Proximal steps give exact zeros.  Next."


def test_a_false_claim_stops_the_build_quoting_the_sentence(site):
    text = "Intro. L2 gives exact zeros too. {{ check: sparsity.l2.zeros > 0 }}"
    with pytest.raises(
        PluginError, match=r'^chapters/a.md: the claim "L2 gives exact zeros too." does not hold'
    ):
        site.expand(text, _page("chapters/a.md"))


def test_changed_data_under_a_real_chapter_stops_the_build_naming_its_sentence():
    """Flip one number a chapter's claim rests on: the build names the chapter and the sentence."""
    import copy

    site = Site(_config())
    chapter = (ROOT / "docs" / "chapters" / "real-data.md").read_text(encoding="utf-8")
    site.expand(chapter, _page("chapters/real-data.md"))  # the claims hold on the real data
    flipped = copy.deepcopy(site.experiment("digits_sweep"))
    flipped["none"]["train_acc"] = 0.9
    site.results["digits_sweep"] = flipped
    with pytest.raises(
        PluginError, match=r'real-data.md: the claim ".*classify every training image.*" does not hold'
    ):
        site.expand(chapter, _page("chapters/real-data.md"))


@pytest.mark.parametrize(
    ("check", "message"),
    [
        ("nothing.x > 0", "unknown name 'nothing'"),
        ("sparsity.nope > 0", "sparsity has no key 'nope'"),
        ("sparsity.__class__", "private attribute"),
        ("sparsity.l2.W > 0", "gives an array"),
        ("1 +", "not a Python expression"),
    ],
)
def test_a_check_that_cannot_be_evaluated_stops_the_build(site, check, message):
    with pytest.raises(PluginError, match=message):
        site.expand(f"A claim. {{{{ check: {check} }}}}", _page("chapters/a.md"))


def test_a_solution_is_folded_with_its_code(site):
    from reglit import solutions

    out = site.expand_text("{{ solution: soft_threshold }}", "notebooks/sparsity.ipynb", ("solution",))
    assert out.startswith('<details class="solution" markdown="1">\n<summary>Solution</summary>\n')
    assert inspect.getsource(solutions.soft_threshold) in out


def test_a_solution_that_fails_its_checker_stops_the_build(monkeypatch):
    import dataclasses

    from reglit import exercises, solutions

    monkeypatch.setattr(solutions, "l2_grad", lambda W: W)
    monkeypatch.setitem(exercises.EXERCISES, "l2_grad", dataclasses.replace(exercises.EXERCISES["l2_grad"]))
    with pytest.raises(PluginError, match=r"^notebooks/p.ipynb: exercise 'l2_grad': its solution fails"):
        Site(_config()).expand_text("{{ solution: l2_grad }}", "notebooks/p.ipynb", ("solution",))


def test_a_slip_the_checker_does_not_catch_stops_the_build(monkeypatch):
    import dataclasses

    from reglit import exercises, solutions

    slips = {"a slip that is right after all": solutions.l2_grad}
    entry = dataclasses.replace(exercises.EXERCISES["l2_grad"], mistakes=slips)
    monkeypatch.setitem(exercises.EXERCISES, "l2_grad", entry)
    with pytest.raises(PluginError, match="the slip 'a slip that is right after all' passes"):
        Site(_config()).expand_text("{{ solution: l2_grad }}", "notebooks/p.ipynb", ("solution",))


def test_versions_on_pages_are_the_ones_pyproject_declares(site):
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["docs"]]
    for name in ("numpy", "matplotlib", "scikit-learn"):
        (requirement,) = [r for r in declared if r.startswith(f"{name}>=")]
        assert (
            site.expand_text(f"{{{{ package: {name} }}}}", "run.md", ("package",))
            == requirement.split(">=")[1]
        )
    python = site.expand_text("{{ package: python }}", "run.md", ("package",))
    assert project["requires-python"] == f">={python}"
    with pytest.raises(
        PluginError, match=r"run.md: \{\{ package: nothing \}\}: .*no lowest version of nothing"
    ):
        site.expand_text("{{ package: nothing }}", "run.md", ("package",))
