"""Notebook hygiene: the output policy every committed notebook follows.

Policy (checked by ``tests/test_notebook_policy.py``):

* Notebooks are committed without outputs or execution counts, **except** cells whose
  source starts with ``# NBVAL_CHECK_OUTPUT``. Those keep their (plain-text) output and
  execution count (nbval refuses stored outputs without a count), carry
  ``"keep_output": true`` in their metadata (so nbstripout leaves them alone), and nbval
  compares the output on every CI run (``--nbval-lax``).
* Every such cell must have a stored output, otherwise the check would be empty.

:func:`refresh_notebook` executes a notebook on a fresh kernel and rewrites it
according to this policy; ``make notebooks`` runs it over the whole repository.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat

__all__ = ["CHECK_MARK", "is_checked_cell", "refresh_notebook", "strip_notebook"]

CHECK_MARK = "# NBVAL_CHECK_OUTPUT"


def is_checked_cell(cell: nbformat.NotebookNode) -> bool:
    """Whether nbval compares this cell's output (``# NBVAL_CHECK_OUTPUT`` on top)."""
    return cell.cell_type == "code" and cell.source.lstrip().startswith(CHECK_MARK)


def strip_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Apply the output policy in place and return ``nb``.

    Outputs and execution counts of unchecked cells are removed; checked cells keep
    both; notebook-level noise (widget state, execution timings) goes.
    """
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type != "code":
            continue
        if is_checked_cell(cell):
            cell.metadata["keep_output"] = True
        else:
            cell.metadata.pop("keep_output", None)
            cell.execution_count = None
            cell.outputs = []
    return nb


def _write_atomic(nb: nbformat.NotebookNode, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            nbformat.write(nb, fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def refresh_notebook(path: str | Path, *, timeout: int = 120) -> Path:
    """Execute ``path`` on a fresh kernel (in its own folder) and store it per policy.

    Parameters
    ----------
    path : str or Path
        The notebook to refresh; rewritten atomically only if execution succeeds.
    timeout : int
        Per-cell timeout in seconds.
    """
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    )
    client.execute()
    _write_atomic(strip_notebook(nb), path)
    return path
