"""Run a notebook in a fresh kernel, from a child process: ``python -m sitebuild.kernel FOLDER``.

The build's own process holds no kernel sockets: the child reads the notebook on
standard input, runs it with the kernel's working folder ``FOLDER``, and writes
the executed notebook to standard output. Outputs are normalised, so that the
same code always gives the same bytes.
"""

from __future__ import annotations

import copy
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
"""The kernel every notebook names and runs in."""


class KernelError(RuntimeError):
    """A cell that failed, with the notebook named."""


def normalise(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The executed notebook in a form that depends only on what its cells printed and drew.

    A kernel sends a cell's printed text in as many stream messages as timing
    makes (a flush, a slow step); consecutive outputs of one stream are merged
    (nbconvert's ``CoalesceStreamsPreprocessor``), and timing, transient and
    execution metadata are dropped.
    """
    notebook, _ = CoalesceStreamsPreprocessor().preprocess(copy.deepcopy(notebook), {})
    for cell in notebook.cells:
        cell.metadata = {}
        for output in cell.get("outputs", []):
            output.pop("transient", None)
    return notebook


def execute(notebook: nbformat.NotebookNode, name: str, folder: Path) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel; the first error stops the build, naming notebook and cell.

    The kernel is driven from a child process (``python -m sitebuild.kernel``),
    so the build's own process holds no kernel sockets.
    """
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild.kernel", str(folder)],
        input=nbformat.writes(notebook),
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,  # where ``sitebuild`` imports from
    )
    if result.returncode != 0:
        raise KernelError(f"notebook {name}: a cell failed:\n{result.stderr.strip()}")
    return normalise(nbformat.reads(result.stdout, as_version=4))


def _run(folder: str) -> int:
    """Execute the notebook on standard input in ``folder``; write it to standard output."""
    notebook = nbformat.read(sys.stdin, as_version=4)
    with tempfile.TemporaryDirectory(prefix="reglit-kernel-") as sockets:
        # The kernel talks over unix sockets of its own: no TCP port, no clash with a parallel run.
        manager = KernelManager(kernel_name=KERNEL["name"], transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=300,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": folder}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            print(error, file=sys.stderr)
            return 1
    nbformat.write(notebook, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(_run(sys.argv[1]))
