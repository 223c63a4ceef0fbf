"""The experiments' numbers for one build, asked for from several threads at once."""

from __future__ import annotations

import threading

from sitebuild import results as results_module
from sitebuild.cache import SHARED, DiskCache
from sitebuild.results import Results


def test_keying_an_experiment_while_a_notebook_page_reads_code_does_not_deadlock(monkeypatch, tmp_path):
    """The build keys an experiment (which reads code) while a notebook page, reading code, checks a sentence.

    The two threads meet in the worst order: the page takes the code-reading
    lock after the build has started on the experiment, then asks for it.
    """
    results = Results(DiskCache(tmp_path / "cache"))
    keying, page_reads_code = threading.Event(), threading.Event()
    real = results_module.fingerprint

    def fingerprint(*args, **kwargs):
        keying.set()
        page_reads_code.wait(1)  # one lock: the page waits for this, and this times out
        return real(*args, **kwargs)

    def notebook_page():
        keying.wait(5)
        with SHARED:
            page_reads_code.set()
            results.experiment("worked_example")

    monkeypatch.setattr(results_module, "fingerprint", fingerprint)
    threads = [
        threading.Thread(target=results.experiment, args=("worked_example",), daemon=True),
        threading.Thread(target=notebook_page, daemon=True),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not any(thread.is_alive() for thread in threads), "the build and the page wait on each other"
    assert results.computed["worked_example"] == results.experiment("worked_example")
