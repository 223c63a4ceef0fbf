"""Directives on pages, and a failing figure, value or name stopping the build with a clear message."""

import inspect
import re

import pytest
from mkdocs.exceptions import PluginError

from reglit import figures
from sitebuild import directives, drawings
from sitebuild.build import Build
from sitebuild.source import code_without_docstring
from tests.support import ROOT, build_site, project_copy


def _config():
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def build():
    """One build's state, as the hooks hold it (no files are written)."""
    return Build(_config())


def test_values_are_computed_and_formatted(build):
    assert build.results.value("l2_one_step.after.large") == "9.8"
    assert build.results.value("l2_one_step.after.small") == "0.0098"
    assert build.results.value("l2_one_step.lost_share.small :.1%") == "2.0%"
    assert build.results.value("sparsity.d") == "40"
    assert build.results.value("penalty_geometry.l1.5.1 :.2f") == "0.00"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("nothing.x", "unknown experiment 'nothing'"),
        ("l2_one_step.after.huge", "no key 'huge'"),
        ("l2_one_step.after", "is not a number"),
    ],
)
def test_bad_values_are_named(build, path, message):
    with pytest.raises(KeyError, match=message):
        build.results.value(path)


def test_directives_expand_keeping_indentation(build):
    text = '=== "L2"\n\n    {{ formula: l2_grad }}\n\nAfter {{ value: l2_one_step.after.large }} units.\n'
    out = build.page_markdown(text, "chapters/a.md")
    assert "\n    $$\n    \\formula{l2_grad}\n    $$\n" in out  # the name, not LaTeX
    assert "After 9.8 units." in out


def test_chapter_numbers_come_from_the_nav(build):
    assert build.navigation.chapters[4] == "chapters/sparsity.md"
    out = build.page_markdown(
        "# Why L1 gives exact zeros\n\nSee {{ chapter: beyond#how-large-a-step }}.", "chapters/sparsity.md"
    )
    assert out.startswith("# 5. Why L1 gives exact zeros\n")
    assert "See [chapter 6](beyond.md#how-large-a-step)." in out
    notebook = build.expand("{{ chapter: sparsity }}", "notebooks/x.ipynb", "notebook")
    assert notebook == "[chapter 5](../chapters/sparsity.html)"
    with pytest.raises(PluginError, match="no chapter 'nope'"):
        build.page_markdown("{{ chapter: nope }}", "chapters/a.md")


def test_notebook_markdown_is_rendered_like_a_chapter(build):
    html = build.notebook_html(
        "# Title\n\nSee {{ chapter: sparsity }}, $\\eta$.\n\n{{ formula: l2_grad }}", "notebooks/x.ipynb"
    )
    assert '<h1 id="title">Title<a class="headerlink"' in html
    assert '<a href="../chapters/sparsity.html">chapter 5</a>' in html
    assert '<span class="arithmatex">\\(\\eta\\)</span>' in html
    assert '<div class="arithmatex">\\[\n\\formula{l2_grad}\n\\]</div>' in html
    with pytest.raises(PluginError, match=r"notebooks/x.ipynb: a link to a .md page"):
        build.notebook_html("[the chapter](../chapters/sparsity.md)", "notebooks/x.ipynb")


def test_no_chapter_number_is_typed_into_the_docs():
    for path in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "docs" / "notebooks").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^# \d+\.|\[[Cc]hapter \d", text, re.MULTILINE), path
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert re.findall(r"\]\((chapters/[\w-]+\.md)\)", index) == list(Build(_config()).navigation.chapters)


def test_source_directive_shows_code_without_docstring(build):
    out = build.page_markdown("{{ source: reglit.updates.l2_step }}", "chapters/a.md")
    assert out.startswith("```python\ndef l2_step(W, lr, lam, grad=None):\n")
    assert "return _checks.result((1 - 2 * lr * lam) * W - lr * grad)" in out and '"""' not in out
    assert code_without_docstring(figures.near_zero).startswith("def near_zero() -> Figure:\n    data =")


def test_figure_directive_links_both_palettes_and_layouts_relative_to_the_page(build):
    out = build.page_markdown("{{ figure: near_zero }}", "chapters/a.md")
    for theme in ("light", "dark"):
        assert (
            f'<picture><source media="{drawings.NARROW}" srcset="../figures/narrow/{theme}/near_zero.svg'
            f'#only-{theme}" width="346" height="403">'
            f'<img src="../figures/{theme}/near_zero.svg#only-{theme}"'
        ) in out
    assert out.count('loading="lazy"') == 2 and out.count(f'alt="{figures.FIGURES["near_zero"].alt}"') == 2
    assert "<figcaption>What happens when a weight comes within eta lambda of zero?</figcaption>" in out
    assert '??? example "The code that drew this figure' in out
    top = build.page_markdown("{{ figure: near_zero }}", "index.md")
    assert 'srcset="./figures/narrow/light/near_zero.svg#only-light"' in top


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
def test_unknown_names_stop_the_build_naming_the_page(build, directive):
    with pytest.raises(PluginError, match=r"^chapters/b.md: \{\{ "):
        build.page_markdown(f"Text\n\n{directive}\n", "chapters/b.md")


def test_a_failing_figure_stops_the_build_naming_it(monkeypatch, tmp_path):
    def broken():
        raise RuntimeError("no data")

    monkeypatch.setitem(figures.FIGURES, "broken", figures.FigureSpec(broken, alt="x", caption="y?"))
    monkeypatch.setenv("REGLIT_CACHE", str(tmp_path))
    build = Build(_config())
    with pytest.raises(
        drawings.DrawingError, match=r"^figure 'broken' \(light, wide\) failed to draw: RuntimeError: no data"
    ):
        build.drawings.svg(drawings.figure("broken"), "light")
    with pytest.raises(PluginError, match=r"^chapters/a.md: \{\{ figure: broken \}\}: figure 'broken'"):
        build.page_markdown("{{ figure: broken }}", "chapters/a.md")


def test_a_frame_that_fails_to_draw_stops_the_build_naming_its_value(tmp_path, monkeypatch):
    from reglit import explorables

    def broken(value=0.5):
        raise RuntimeError("no data")

    spec = explorables.Explorable(broken, (0.25, 0.5), 0.5, (0.25,), "x", "x", str, str, "y?")
    monkeypatch.setitem(explorables.EXPLORABLES, "broken", spec)
    monkeypatch.setenv("REGLIT_CACHE", str(tmp_path))
    build = Build(_config())
    with pytest.raises(
        drawings.DrawingError,
        match=r"^explorable 'broken', frame 0.25 \(dark, wide\) failed to draw: RuntimeError: no data",
    ):
        build.drawings.svg(drawings.frame("broken", 0.25), "dark")


def test_directives_in_inline_code_are_left_alone(build):
    text = "Write `{{ formula: NAME }}` to show a formula."
    assert build.page_markdown(text, "contributing.md") == text


def test_a_true_claim_leaves_no_trace(build):
    text = "Proximal steps give exact zeros. {{ check: sparsity.l1_prox.zeros > 0 }} Next."
    assert build.page_markdown(text, "chapters/a.md") == "Proximal steps give exact zeros.  Next."


def test_a_false_claim_stops_the_build_quoting_the_sentence(build):
    text = "Intro. L2 gives exact zeros too. {{ check: sparsity.l2.zeros > 0 }}"
    with pytest.raises(
        PluginError, match=r'^chapters/a.md: the claim "L2 gives exact zeros too." does not hold'
    ):
        build.page_markdown(text, "chapters/a.md")


def test_changed_data_under_a_real_chapter_stops_the_build_naming_its_sentence():
    """Flip one number a chapter's claim rests on: the build names the chapter and the sentence."""
    import copy

    build = Build(_config())
    chapter = (ROOT / "docs" / "chapters" / "real-data.md").read_text(encoding="utf-8")
    build.page_markdown(chapter, "chapters/real-data.md")  # the claims hold on the real data
    flipped = copy.deepcopy(build.results.experiment("digits_sweep"))
    flipped["none"]["train_acc"] = 0.9
    build.results.computed["digits_sweep"] = flipped
    with pytest.raises(
        PluginError, match=r'real-data.md: the claim ".*classify every training image.*" does not hold'
    ):
        build.page_markdown(chapter, "chapters/real-data.md")


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
def test_a_check_that_cannot_be_evaluated_stops_the_build(build, check, message):
    with pytest.raises(PluginError, match=message):
        build.page_markdown(f"A claim. {{{{ check: {check} }}}}", "chapters/a.md")


def test_a_solution_is_folded_with_its_code(build):
    from reglit import solutions

    out = build.expand("{{ solution: soft_threshold }}", "notebooks/sparsity.ipynb", "notebook")
    assert out.startswith('<details class="solution" markdown="1">\n<summary>Solution</summary>\n')
    assert inspect.getsource(solutions.soft_threshold) in out


def test_a_solution_that_fails_its_checker_stops_the_build(monkeypatch):
    import dataclasses

    from reglit import exercises, solutions

    monkeypatch.setattr(solutions, "l2_grad", lambda W: W)
    monkeypatch.setitem(exercises.EXERCISES, "l2_grad", dataclasses.replace(exercises.EXERCISES["l2_grad"]))
    with pytest.raises(
        PluginError,
        match=r"^notebooks/p.ipynb: \{\{ solution: l2_grad \}\}: exercise 'l2_grad': its solution fails",
    ):
        Build(_config()).expand("{{ solution: l2_grad }}", "notebooks/p.ipynb", "notebook")


def test_a_slip_the_checker_does_not_catch_stops_the_build(monkeypatch):
    import dataclasses

    from reglit import exercises, solutions

    slips = {"a slip that is right after all": solutions.l2_grad}
    entry = dataclasses.replace(exercises.EXERCISES["l2_grad"], slips=slips)
    monkeypatch.setitem(exercises.EXERCISES, "l2_grad", entry)
    with pytest.raises(PluginError, match="the slip 'a slip that is right after all' passes"):
        Build(_config()).expand("{{ solution: l2_grad }}", "notebooks/p.ipynb", "notebook")


def test_versions_on_pages_are_the_ones_pyproject_declares(build):
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"]
    for name in ("numpy", "matplotlib", "scikit-learn", "scipy"):
        (requirement,) = [r for r in declared if r.startswith(f"{name}>=")]
        assert build.expand(f"{{{{ package: {name} }}}}", "run.md") == requirement.split(">=")[1]
    python = build.expand("{{ package: python }}", "run.md")
    assert project["requires-python"] == f">={python}"
    with pytest.raises(
        PluginError, match=r"run.md: \{\{ package: nothing \}\}: .*no lowest version of nothing"
    ):
        build.expand("{{ package: nothing }}", "run.md")


def test_directives_in_fenced_code_are_shown_as_written(build):
    """A page may document directives: fenced and inline code are left alone, even a false claim."""
    text = (
        "Write this:\n\n```markdown\nWeights vanish. {{ check: sparsity.l2.zeros > 0 }}\n"
        "{{ value: l2_one_step.after.large }}\n```\n\n"
        '=== "Tab"\n\n    ~~~~text\n    {{ formula: nope }}\n    ~~~~\n\n'
        "and `` {{ value: x.y }} `` inline, then {{ value: l2_one_step.after.large }}.\n"
    )
    out = build.page_markdown(text, "contributing.md")
    assert out == text.replace("then {{ value: l2_one_step.after.large }}", "then 9.8")


def test_the_registry_gives_each_directive_a_meaning_and_a_place():
    assert len(directives.DIRECTIVES) >= 10
    for name, entry in directives.DIRECTIVES.items():
        assert entry.meaning and "\n" not in entry.meaning, name
        assert entry.where and entry.where <= {directives.PAGE, directives.NOTEBOOK}, name
    with pytest.raises(
        PluginError, match=r"chapters/a.md: \{\{ solution: l2_grad \}\} cannot be used in a page"
    ):
        Build(_config()).page_markdown("{{ solution: l2_grad }}", "chapters/a.md")
    with pytest.raises(PluginError, match=r"chapters/a.md: \{\{ nothing: x \}\}: no such directive"):
        Build(_config()).page_markdown("{{ nothing: x }}", "chapters/a.md")


def test_a_slip_in_the_package_stops_the_build_before_anything_is_drawn(tmp_path):
    """A factor dropped from l2_step: the build names the function and its formula, and draws nothing."""
    project = project_copy(tmp_path / "project")
    updates = project / "reglit" / "updates.py"
    text = updates.read_text(encoding="utf-8")
    slipped = text.replace(
        "return _checks.result((1 - 2 * lr * lam) * W - lr * grad)",
        "return _checks.result((1 - lr * lam) * W - lr * grad)",
    )
    assert slipped != text
    updates.write_text(slipped, encoding="utf-8")
    result = build_site(tmp_path / "site", tmp_path / "caches", project)
    assert result.returncode != 0
    assert re.search(r"formula 'l2_step\w*' does not match reglit\.updates\.l2_step", result.stderr), (
        result.stderr[-2000:]
    )
    assert not (tmp_path / "caches" / "reglit").exists()  # nothing drawn, run or cached


def test_an_explorable_is_one_line_of_html_with_its_frames_sized(build):
    html = build.page_markdown("{{ explore: step_regimes }}", "chapters/beyond.md")
    assert html.count("\n") == 1 and html.endswith("</figcaption></figure>\n")
    assert re.search(
        r'<img src="\.\./figures/light/step_regimes/\d+\.svg#only-light" alt="[^"]+" '
        r'width="\d+" height="\d+" loading="lazy">',
        html,
    )
    assert 'width="&' not in html


def test_code_marked_expanded_is_filled_in(build):
    text = (
        '```{.sh .command .expanded}\npip install "{{ package: wheel }}"\n```\n\n'
        "`f({{ value: sparsity.d }})`{.expanded}\n"
    )
    out = build.page_markdown(text, "run.md")
    assert "{{" not in out and "packages/reglit-" in out and "`f(40)`{.expanded}" in out


def test_a_formula_that_drifted_from_its_code_stops_the_build(monkeypatch, tmp_path):
    import dataclasses
    import functools

    import numpy as np

    from reglit.formulas import FORMULAS
    from sitebuild.build import verify_formulas
    from sitebuild.cache import DiskCache

    original = FORMULAS["l2_grad"]
    three_w = functools.update_wrapper(lambda W: 3 * np.asarray(W, dtype=float), original.function)
    broken = dataclasses.replace(original, function=three_w)  # the same docstring, 2W; the code gives 3W
    monkeypatch.setitem(FORMULAS, "l2_grad", broken)
    with pytest.raises(PluginError, match=r"^formula 'l2_grad' does not match reglit.penalties.l2_grad"):
        verify_formulas(DiskCache(tmp_path))
    assert not list(tmp_path.rglob("*.json"))  # a failure is not remembered
