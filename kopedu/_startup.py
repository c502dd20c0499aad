"""Start-up tweaks for the processes kopedu itself owns (the CLI and its batch workers).

``jsonschema`` imports the optional ``rfc3987_syntax`` package when it is installed
(JupyterLab pulls it in through jupyter-events) to check the "iri" string format. Its
import compiles a grammar and takes ~1.4 s, in every process that imports nbformat —
papermill, nbconvert, the report CLI. Notebook JSON never uses IRI formats, so the CLI
marks the module as absent: jsonschema then skips that one format checker and nbformat
validates notebooks exactly as before. This is *not* done on ``import kopedu``: a
trainee's JupyterLab kernel and other programs keep their environment untouched.
"""

from __future__ import annotations

import sys

__all__ = ["fast_start", "is_program", "mark_program"]

_PROGRAM = False


def fast_start() -> None:
    """Skip optional imports that only slow the CLI down (see module docstring)."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def mark_program() -> None:
    """Say that this process is the ``kopedu`` program itself (its console script).

    Only then — and in kopedu's own worker processes — may a report run in this process
    (:func:`kopedu.reports.engine.owns_process`); ``kopedu.cli.main`` called from a
    notebook or a test leaves the caller's process alone.
    """
    global _PROGRAM
    _PROGRAM = True


def is_program() -> bool:
    """Whether :func:`mark_program` was called in this process."""
    return _PROGRAM
