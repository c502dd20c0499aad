"""Deprecated: the report's sections are in :mod:`kopedu.reports.sections` (one release).

``RegionalReport`` and ``format_table`` are gone from here; their sections are
functions of a :class:`kopedu.reports.sections.ReportContext` now.
"""

from __future__ import annotations

import warnings
from typing import Any


def __getattr__(name: str) -> Any:
    if name in ("RegionalReport", "format_table"):
        warnings.warn(
            "kopedu.regional_report dihapus: bagian laporan kini fungsi di "
            "kopedu.reports.sections (lihat CONTRIBUTING.md, Arsitektur).",
            DeprecationWarning,
            stacklevel=2,
        )
        import kopedu.reports.sections as sections

        return sections
    raise AttributeError(f"module 'kopedu.regional_report' has no attribute {name!r}")
