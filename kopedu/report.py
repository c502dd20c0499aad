"""Deprecated: use :mod:`kopedu.reports` (kept for one release).

``kopedu.report`` was split into :mod:`kopedu.reports.params`,
:mod:`kopedu.reports.render` and :mod:`kopedu.reports.batch`; the old names still work
and warn.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

_MOVED = {
    "DEFAULT_OUTPUT_DIR": "kopedu.reports.render",
    "render_report": "kopedu.reports.render",
    "ReportParameters": "kopedu.reports.params",
    "notebook_parameters": "kopedu.reports.params",
    "report_filename": "kopedu.reports.params",
    "validate_parameters": "kopedu.reports.params",
    "BatchResult": "kopedu.reports.batch",
    "batch_regions": "kopedu.reports.batch",
    "render_all": "kopedu.reports.batch",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        warnings.warn(
            f"kopedu.report.{name} pindah ke {_MOVED[name]}.{name}; nama lama dihapus pada "
            "rilis berikutnya.",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module 'kopedu.report' has no attribute {name!r}")
