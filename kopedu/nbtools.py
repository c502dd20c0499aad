"""Notebook hygiene: the policy every committed notebook follows, and lesson tests.

Policy (checked by ``tests/test_notebook_policy.py``):

* Notebooks are committed without outputs or execution counts, **except** cells tagged
  ``nbval-check-output`` (a cell tag, read by nbval from the cell's metadata). Those keep
  their output and execution count (nbval refuses stored outputs without a count), carry
  ``"keep_output": true`` in their metadata (so nbstripout leaves them alone), and nbval
  compares their plain-text output on every CI run (``--nbval-lax``).
* A lesson never stores an error: a refusal it demonstrates is shown by a function that
  returns the message (``ak.check_percentages``, ``kp.registry.check_frames``), so a
  trainee never meets a red error box that is "meant to be there".
* Lessons read as lessons (:func:`lesson_problems`): no code cell holds test scaffolding
  (``NBVAL`` markers, ``assert``) or formatting code (``print``, f-strings, ``.format``,
  ``kp.format_…`` calls); results are shown by ``kp.table`` or by the objects themselves.
  The figures a lesson states are asserted by tests that execute the notebook and read
  its variables (:func:`run_and_inspect`), not inside the notebook.
* Notebook metadata is what JupyterLab itself writes, so that a notebook does not look
  modified as soon as it is opened (:func:`normalise_metadata`).

:func:`refresh_notebook` executes a notebook on a fresh kernel and rewrites it according
to this policy; ``make notebooks`` runs it over the whole repository.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat

__all__ = [
    "ALLOWED_TAGS",
    "CHECK_TAG",
    "KERNELSPEC",
    "is_checked_cell",
    "kernel_language_info",
    "lesson_problems",
    "normalise_metadata",
    "refresh_notebook",
    "run_and_inspect",
    "strip_notebook",
    "write_notebook",
]

CHECK_TAG = "nbval-check-output"
#: Cell tags a committed notebook may carry (nbval's and nbclient's).
ALLOWED_TAGS = frozenset(
    {CHECK_TAG, "nbval-ignore-output", "nbval-skip", "raises-exception", "parameters"}
)
#: The notebook metadata JupyterLab writes for kopedu's kernel (``python3``).
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
_INSPECT_MIME = "application/vnd.kopedu.inspect+json"

#: What a trainee must not meet in a lesson's code cell, and why.
_LESSON_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"NBVAL"), "nbval marker (use a cell tag)"),
    (re.compile(r"^\s*assert\b", re.M), "assert (move the check into a test)"),
    (re.compile(r"\bprint\s*\("), "print (show results with kp.table or the object)"),
    (re.compile(r"(?<![\w.])[fF][rR]?(\"|')"), "f-string (formatting code)"),
    (re.compile(r"\.format\s*\("), ".format (formatting code)"),
    (re.compile(r"\bformat_(number|rupiah|percent|date)\s*\("), "kp.format_… (use kp.table)"),
    (
        re.compile(r"^\s*(try|except)\b", re.M),
        "try/except (show a refusal with a function that returns the message)",
    ),
)


def tags(cell: nbformat.NotebookNode) -> list[str]:
    """The cell's tags (an empty list when it has none)."""
    value = cell.get("metadata", {}).get("tags", [])
    return list(value) if isinstance(value, list) else []


def is_checked_cell(cell: nbformat.NotebookNode) -> bool:
    """Whether nbval compares this cell's output (tag ``nbval-check-output``)."""
    return cell.cell_type == "code" and CHECK_TAG in tags(cell)


def lesson_problems(nb: nbformat.NotebookNode) -> list[str]:
    r"""Why a lesson does not read as a lesson (empty when it does).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.cells = [nbformat.v4.new_code_cell('assert x == 1\nprint(f"{x:>4}")')]
    >>> for p in lesson_problems(nb): print(p)
    code cell 0: assert (move the check into a test)
    code cell 0: print (show results with kp.table or the object)
    code cell 0: f-string (formatting code)
    """
    found = []
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(code_cells):
        for pattern, why in _LESSON_RULES:
            if pattern.search(cell.source):
                found.append(f"code cell {i}: {why}")
        unknown = sorted(set(tags(cell)) - ALLOWED_TAGS)
        if unknown:
            found.append(f"code cell {i}: unknown tags {unknown}")
        if "raises-exception" in tags(cell) or any(
            o.get("output_type") == "error" for o in cell.get("outputs", [])
        ):
            found.append(
                f"code cell {i}: an error on purpose (show the refusal with a function "
                "that returns the message, as ak.check_percentages does)"
            )
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and "NBVAL" in cell.source:
            found.append(f"cell {i}: nbval marker in the text")
    return found


def kernel_language_info() -> dict[str, Any]:
    """The ``language_info`` this Python's ipykernel reports (what JupyterLab stores).

    Examples
    --------
    >>> info = kernel_language_info()
    >>> info["name"], info["file_extension"]
    ('python', '.py')
    """
    from ipykernel.ipkernel import IPythonKernel

    return json.loads(json.dumps(IPythonKernel.language_info))


def normalise_metadata(
    nb: nbformat.NotebookNode, language_info: Mapping[str, Any] | None = None
) -> nbformat.NotebookNode:
    """Give ``nb`` the metadata JupyterLab writes when it opens it (in place).

    On opening a notebook JupyterLab starts its kernel and replaces the notebook's
    ``kernelspec`` with the kernel's spec and its ``language_info`` with what the kernel
    reports — Python's version included. Any difference marks the notebook modified
    (the dot on its tab) before the trainee has done anything. So both are stored exactly
    as ipykernel reports them, for this Python (``kopedu mulai`` stores the trainee's own
    Python's; the repository's notebooks carry the maintainer's).
    """
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(language_info or kernel_language_info())
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("ExecuteTime", None)
        cell.metadata.pop("trusted", None)
    return nb


def strip_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Apply the output policy in place and return ``nb``.

    Outputs and execution counts of unchecked cells are removed; checked cells keep
    both; notebook-level noise (widget state, execution timings) goes.
    """
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    normalise_metadata(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if is_checked_cell(cell):
            cell.metadata["keep_output"] = True
        else:
            cell.metadata.pop("keep_output", None)
            cell.execution_count = None
            cell.outputs = []
    return nb


def write_notebook(nb: nbformat.NotebookNode, path: str | Path) -> Path:
    """Write ``nb`` atomically, with the user's normal file permissions."""
    from kopedu.io.write import write_text

    return write_text(path, nbformat.writes(nb) + "\n")


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
    return write_notebook(strip_notebook(nb), path)


def _inspect_code(expressions: Mapping[str, str]) -> str:
    pairs = ", ".join(f"{json.dumps(k)}: ({v})" for k, v in expressions.items())
    return (
        "def _kopedu_plain(v):\n"
        "    import numpy, pandas\n"
        "    if isinstance(v, (pandas.Series, pandas.Index, numpy.ndarray)):\n"
        "        return [_kopedu_plain(x) for x in v.tolist()]\n"
        "    if isinstance(v, pandas.DataFrame):\n"
        "        return [[_kopedu_plain(x) for x in r] for r in v.to_numpy().tolist()]\n"
        "    if isinstance(v, (list, tuple, set, frozenset)):\n"
        "        return [_kopedu_plain(x) for x in v]\n"
        "    if isinstance(v, dict):\n"
        "        return {str(k): _kopedu_plain(x) for k, x in v.items()}\n"
        "    if v is None or v is pandas.NA or (isinstance(v, float) and v != v):\n"
        "        return None\n"
        "    if hasattr(v, 'item') and not isinstance(v, (str, bytes)):\n"
        "        return v.item()\n"
        "    if isinstance(v, (bool, int, float, str)):\n"
        "        return v\n"
        "    return str(v)\n"
        "from IPython.display import display as _kopedu_display\n"
        f"_kopedu_display({{{json.dumps(_INSPECT_MIME)}: "
        f"{{k: _kopedu_plain(v) for k, v in {{{pairs}}}.items()}}}}, raw=True)\n"
    )


def run_and_inspect(
    path: str | Path, expressions: Mapping[str, str], *, timeout: int = 120
) -> dict[str, Any]:
    """Execute a notebook on a fresh kernel, then evaluate expressions in its namespace.

    Lessons state figures; the tests that pin them run the lesson as a trainee would (in
    its own folder, top to bottom) and read the values from the kernel, so the lesson
    itself holds no test code.

    Parameters
    ----------
    path : str or Path
        The notebook.
    expressions : mapping
        Name → Python expression evaluated in the notebook's namespace after its last
        cell (``{"total": "int(total)"}``).
    timeout : int
        Per-cell timeout in seconds.

    Returns
    -------
    dict
        Name → value, converted to plain JSON values (numbers, strings, lists).

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        If a cell of the notebook (or an expression) fails.
    """
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    probe = nbformat.v4.new_code_cell(_inspect_code(expressions))
    nb.cells.append(probe)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    )
    client.execute()
    for out in nb.cells[-1].outputs:
        data = out.get("data", {})
        if _INSPECT_MIME in data:
            return dict(data[_INSPECT_MIME])
    raise RuntimeError(f"{path.name}: the inspection cell showed nothing")
