"""Regional reports: parameters, rendering, the batch, the engine and the sections.

``kopedu report`` and :func:`render_report` make one report; :func:`render_all` makes
many (local worker processes, any ``concurrent.futures`` executor, or a Dask cluster).

Modules: :mod:`~kopedu.reports.params` (the template's parameters, checked first),
:mod:`~kopedu.reports.render` (one report: execute with papermill, export, write),
:mod:`~kopedu.reports.batch` (many reports), :mod:`~kopedu.reports.engine` (the
papermill engine that runs cells in a kopedu process), :mod:`~kopedu.reports.worker`
(kopedu's worker processes), :mod:`~kopedu.reports.html` (the self-contained, printable
page), :mod:`~kopedu.reports.outputs` (tables the sections publish),
:mod:`~kopedu.reports.pdf` (printing with Chromium) and :mod:`kopedu.reports.sections`.
Report texts: ``kopedu/texts/report.yaml``.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "BatchResult",
    "ReportParameters",
    "render_all",
    "render_report",
    "report_filename",
    "validate_parameters",
]

_LAZY = {
    "BatchResult": "kopedu.reports.batch",
    "render_all": "kopedu.reports.batch",
    "ReportParameters": "kopedu.reports.params",
    "report_filename": "kopedu.reports.params",
    "validate_parameters": "kopedu.reports.params",
    "render_report": "kopedu.reports.render",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kopedu.reports' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
