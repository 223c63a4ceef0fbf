"""The build cache: keys follow the code behind each figure, and nothing else."""

import os
import shutil
import subprocess
import sys

from reglit import experiments, figures
from reglit.site.cache import DiskCache, dependencies, fingerprint
from tests.conftest import ROOT


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
    assert fingerprint(figures.near_zero) != fingerprint(figures.sparsity)
    assert fingerprint(experiments.sparsity) != fingerprint(experiments.sparsity, extra="dark")


_KEY = (
    "from reglit import figures; from reglit.site import cache; print(cache.fingerprint(figures.near_zero))"
)


def _key_of_copy(package):
    env = dict(os.environ, PYTHONPATH=str(package.parent))
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
    figures_py.write_text(figures_py.read_text().replace('title="One L2 step', 'title="An L2 step'))
    assert _key_of_copy(package) == before

    updates.write_text(
        updates.read_text().replace(
            "W - lr * (grad + lam * np.sign(W))", "W - lr * grad - lr * lam * np.sign(W)"
        )
    )
    assert _key_of_copy(package) != before


def test_disk_cache_keeps_one_entry_per_name(tmp_path):
    cache = DiskCache(tmp_path)
    calls = []

    def make(value):
        def run():
            calls.append(value)
            return value

        return run

    assert cache.bytes("figures", "a", "k1", make(b"one")) == b"one"
    assert cache.bytes("figures", "a", "k1", make(b"two")) == b"one"  # cached: not made again
    assert cache.bytes("figures", "a", "k2", make(b"three")) == b"three"  # new key: made
    assert calls == [b"one", b"three"]
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["a.k2"]
    assert cache.json("values", "v", "k", lambda: {"x": 1.5}) == {"x": 1.5}
