"""An author's edit loop under ``mkdocs serve``, timed: a prose edit, a slip in ``l2_step``, undoing it.

For this checkout, or a commit given as an argument (checked out into a temporary
worktree), with this checkout's environment:

1. a cold ``mkdocs build`` warms a cache of its own;
2. ``mkdocs serve`` starts on 127.0.0.1 with that cache and the flags of the tree's
   ``make serve``, then: a word added to a
   chapter (seconds until the rebuild is done); the factor 2 dropped from
   ``reglit.updates.l2_step`` (seconds until the build stops, and whether its
   message names ``l2_step``); the slip undone (seconds until the rebuild is done);
3. ``mkdocs build`` after ``serve``: how many notebooks it runs again.

Run: python benchmarks/edit_loop.py [COMMIT]
"""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLIP = ("(1 - 2 * lr * lam) * W - lr * grad", "(1 - lr * lam) * W - lr * grad")
CHAPTER = Path("docs/chapters/penalties.md")


def serve_flags(tree: Path) -> list[str]:
    """The flags the tree's ``make serve`` gives ``mkdocs serve``."""
    found = re.search(r"^serve:.*\n\t\S*mkdocs serve(.*)$", (tree / "Makefile").read_text(), re.MULTILINE)
    return found.group(1).split() if found else []


def _env(tree: Path, cache: Path) -> dict[str, str]:
    return os.environ | {
        "PYTHONPATH": str(tree),
        "REGLIT_CACHE": str(cache / "reglit"),
        "MKDOCS_JUPYTER_CACHE": str(cache / "mkdocs-jupyter"),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "315532800",
    }


def _build(tree: Path, cache: Path, site: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=tree,
        env=_env(tree, cache),
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, result.stderr


class Server:
    """``mkdocs serve`` in the background; its log lines arrive on a queue."""

    def __init__(self, tree: Path, cache: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *serve_flags(tree), "-a", f"127.0.0.1:{port}"],
            cwd=tree,
            env=_env(tree, cache),
            stderr=subprocess.STDOUT,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip())

    def wait_for(self, pattern: str, timeout: float = 600) -> tuple[float, list[str]]:
        """Seconds until a log line matches ``pattern``, and the lines seen on the way."""
        start, seen = time.perf_counter(), []
        while time.perf_counter() - start < timeout:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            seen.append(line)
            if re.search(pattern, line):
                return time.perf_counter() - start, seen
        raise TimeoutError(f"no {pattern!r} in {timeout} s; last lines: {seen[-5:]}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{path}: {old!r} not found")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def loop(tree: Path, scratch: Path) -> dict[str, object]:
    cache = scratch / "cache"
    cold, _ = _build(tree, cache, scratch / "site")
    server = Server(tree, cache)
    done = r"Documentation built in|Serving on"
    try:
        server.wait_for(r"Serving on")
        time.sleep(2)  # let the watcher settle
        while not server.lines.empty():
            server.lines.get()
        _edit(tree / CHAPTER, "\n\n", "\n\nA word added by the benchmark.\n\n")
        prose, _ = server.wait_for(done)
        time.sleep(1)
        updates = tree / "reglit" / "updates.py"
        _edit(updates, *SLIP)
        slip, seen = server.wait_for(r"ERROR|Aborted|Error|error")
        named = any("l2_step" in line for line in seen)
        time.sleep(1)
        while not server.lines.empty():  # the rest of the error's lines
            seen.append(server.lines.get())
        named = named or any("l2_step" in line for line in seen)
        _edit(updates, *reversed(SLIP))
        undo, _ = server.wait_for(done)
    finally:
        server.stop()
    _, log = _build(tree, cache, scratch / "site-after")
    reruns = len(re.findall(r"made notebooks|Executing notebook|reglit: made notebooks", log))
    return {
        "cold build (s)": round(cold, 1),
        "prose edit (s)": round(prose, 1),
        "slip in l2_step stops (s)": round(slip, 1),
        "slip named": named,
        "undo (s)": round(undo, 1),
        "notebooks run again by make site after serve": reruns,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        if len(sys.argv) > 1:
            tree = Path(scratch) / "tree"
            subprocess.run(
                ["git", "worktree", "add", "-q", "--detach", str(tree), sys.argv[1]], cwd=ROOT, check=True
            )
            label = sys.argv[1]
        else:
            tree = Path(scratch) / "tree"
            listed = subprocess.run(
                ["git", "ls-files", "-co", "--exclude-standard"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()
            for name in listed:
                if (ROOT / name).is_file():
                    (tree / name).parent.mkdir(parents=True, exist_ok=True)
                    (tree / name).write_bytes((ROOT / name).read_bytes())
            label = "this checkout"
        try:
            results = loop(tree, Path(scratch))
        finally:
            if len(sys.argv) > 1:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)
        print(label)
        for what, value in results.items():
            print(f"  {what:48s} {value}")


if __name__ == "__main__":
    main()
