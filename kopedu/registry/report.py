"""Deprecated: the registry sections of the report are in :mod:`kopedu.reports.sections`.

Kept for one release. A domain package does not import the reports package, so the old
names resolve only when asked for (and warn).
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

_MOVED = {
    "check_report_parameters": ("kopedu.reports.sections.registry", "check_parameters"),
    "load_for_report": ("kopedu.reports.sections.inputs", "registry_for"),
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        module, new = _MOVED[name]
        warnings.warn(
            f"kopedu.registry.report.{name} pindah ke {module}.{new}.",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(module), new)
    raise AttributeError(f"module 'kopedu.registry.report' has no attribute {name!r}")
