"""kopedu — Jupyter workbooks for Indonesian cooperative (koperasi) accounting training.

``import kopedu as kp`` is all a notebook needs. The flat API below is curated;
domain subpackages (``kp.accounting``, ``kp.health``, ``kp.exercises``,
``kp.registry``) are imported on first use so that ``import kopedu`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from kopedu.errors import (
    DataValidationError,
    KopeduError,
    ParameterError,
    Problem,
    ReportError,
    UnknownRegionError,
)
from kopedu.formatting import (
    format_date,
    format_number,
    format_percent,
    format_rupiah,
    parse_date,
    parse_number,
    parse_rupiah,
)
from kopedu.notebook import setup_notebook
from kopedu.paths import data_path

__version__ = "0.1.0"

_SUBPACKAGES = {"accounting", "health", "exercises", "registry"}

__all__ = [
    "DataValidationError",
    "KopeduError",
    "ParameterError",
    "Problem",
    "ReportError",
    "UnknownRegionError",
    "__version__",
    "data_path",
    "format_date",
    "format_number",
    "format_percent",
    "format_rupiah",
    "parse_date",
    "parse_number",
    "parse_rupiah",
    "setup_notebook",
]


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"kopedu.{name}")
    raise AttributeError(f"module 'kopedu' has no attribute {name!r}")
