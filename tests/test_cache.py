"""The build cache: keys follow the code behind each figure, and nothing else."""

import json
import os
import shutil
import subprocess
import sys

from reglit import experiments, figures
from sitebuild.cache import DiskCache, Key, dependencies, fingerprint
from tests.support import ROOT


def test_a_figure_depends_on_the_package_code_it_reaches():
    reached = dependencies(figures.near_zero)
    for name in (
        "reglit.figures.near_zero",
        "reglit.experiments.near_zero",
        "reglit.updates.l1_step",
        "reglit.updates.l1_prox_step",
        "reglit.updates.soft_threshold",
        "reglit.experiments.LR",
    ):
        assert name in reached, name
    assert "reglit.figures.sparsity" not in reached
    assert "reglit.updates.l2_step" not in reached


def test_keys_differ_between_figures_and_are_stable():
    assert fingerprint(figures.near_zero) == fingerprint(figures.near_zero)
    assert fingerprint(figures.near_zero).digest != fingerprint(figures.sparsity).digest
    assert fingerprint(experiments.sparsity).digest != fingerprint(experiments.sparsity, extra="dark").digest


_KEY = (
    "from reglit import figures; from sitebuild import cache;"
    "print(cache.fingerprint(figures.near_zero).digest)"
)


def _key_of_copy(package):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(package.parent), str(ROOT)]))
    result = subprocess.run(
        [sys.executable, "-c", _KEY], cwd=package.parent, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_editing_a_function_the_figure_uses_changes_its_key_and_other_edits_do_not(tmp_path):
    package = tmp_path / "reglit"
    shutil.copytree(ROOT / "reglit", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = _key_of_copy(package)
    updates = package / "updates.py"

    figures_py = package / "figures.py"  # an unrelated figure's code
    text = figures_py.read_text()
    figures_py.write_text(text.replace('title="Exact zeros"', 'title="Weights exactly zero"'))
    assert figures_py.read_text() != text
    assert _key_of_copy(package) == before

    # A docstring, a comment, a caption: what Python runs is the same.
    text = updates.read_text()
    updates.write_text(
        text.replace("One subgradient descent step", "A subgradient step").replace(
            "# sign(W) * max(|W| - t, 0)", "# soft-thresholding"
        )
    )
    assert updates.read_text() != text
    figures_py.write_text(
        figures_py.read_text().replace("A weight starting at 0.035.", "A weight that starts at 0.035.")
    )
    assert _key_of_copy(package) == before

    updates.write_text(
        updates.read_text().replace(
            "W - lr * (grad + lam * np.sign(W))", "W - lr * grad - lr * lam * np.sign(W)"
        )
    )
    assert _key_of_copy(package) != before


def test_disk_cache_keeps_recent_versions_so_undoing_an_edit_is_a_hit(tmp_path):
    cache = DiskCache(tmp_path)
    calls = []

    def make(value):
        def run():
            calls.append(value)
            return value

        return run

    key = [Key(f"{i:016x}") for i in range(DiskCache.KEEP + 2)]
    assert cache.bytes("figures", "a", key[0], make(b"one")) == b"one"
    assert cache.bytes("figures", "a", key[0], make(b"two")) == b"one"  # cached: not made again
    assert cache.bytes("figures", "a", key[1], make(b"three")) == b"three"  # an edit: made
    assert cache.bytes("figures", "a", key[0], make(b"four")) == b"one"  # the edit undone: a hit
    assert calls == [b"one", b"three"]
    for i in range(2, DiskCache.KEEP + 2):  # more edits: the versions used longest ago go
        cache.bytes("figures", "a", key[i], make(bytes([i])))
    kept = sorted(p.name for p in (tmp_path / "figures").iterdir())
    assert len(kept) == DiskCache.KEEP and f"a.{key[1].digest}" not in kept
    assert cache.json("values", "v", key[0], lambda: {"x": 1.5}) == {"x": 1.5}


def test_disk_cache_reads_other_folders_and_never_writes_there(tmp_path):
    other = DiskCache(tmp_path / "other")
    other.bytes("figures", "a", Key("0" * 16), lambda: b"theirs")
    before = sorted(p.name for p in (tmp_path / "other").rglob("*"))
    cache = DiskCache(tmp_path / "mine", also=(tmp_path / "other",))
    assert cache.bytes("figures", "a", Key("0" * 16), lambda: b"made") == b"theirs"
    assert cache.bytes("figures", "a", Key("1" * 16), lambda: b"made") == b"made"
    assert sorted(p.name for p in (tmp_path / "other").rglob("*")) == before
    assert (tmp_path / "mine" / "figures" / f"a.{'1' * 16}").exists()


def test_the_log_says_what_was_made_again_and_why(tmp_path, caplog):
    cache = DiskCache(tmp_path)
    with caplog.at_level("INFO", logger="mkdocs.plugins.reglit"):
        cache.bytes(
            "figures", "a", Key("k1", {"reglit.updates.gd_step": "1", "reglit.figures.a": "2"}), bytes
        )
        cache.bytes(
            "figures", "a", Key("k2", {"reglit.updates.gd_step": "3", "reglit.figures.a": "2"}), bytes
        )
    assert caplog.messages == [
        "reglit: made figures a (new)",
        "reglit: made figures a (reglit.updates.gd_step changed)",
    ]
    assert json.loads((tmp_path / "figures" / "a.parts.json").read_text())["reglit.updates.gd_step"] == "3"


def test_lambdas_are_told_apart_by_their_code():
    """Registries hold lambdas (the exercises' classic slips): each is part of the key, under its own name."""
    from reglit.exercises import EXERCISES, check
    from sitebuild.cache import code

    reached = dependencies(check)
    slips = [slip for e in EXERCISES.values() for slip in e.slips.values() if slip.__name__ == "<lambda>"]
    assert slips
    for slip in slips:
        assert code(slip) in reached.values(), code(slip)
    names = [name for name in reached if name.startswith("reglit.exercises.<lambda>@")]
    assert len(names) == len(set(names)) >= len({code(slip) for slip in slips})


def test_functions_behind_functools_cache_are_dependencies():
    """An explorable frame reaches its experiment and its shared grid through functools.cache."""
    from reglit import explorables

    deps = dependencies(explorables.penalty_geometry)
    assert "reglit.experiments.penalty_geometry" in deps and "reglit.explorables._loss_grid" in deps
    assert "reglit.experiments.step_regimes" in dependencies(explorables.step_regimes)
