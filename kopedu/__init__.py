"""kopedu — Jupyter workbooks for Indonesian cooperative (koperasi) accounting training.

``import kopedu as kp`` is all a notebook needs. The flat API below is curated. Only
the light modules (errors, Indonesian formatting, paths) load on ``import kopedu``; the
rest — the published figures, regions, reports, and the domain subpackages
(``kp.accounting``, ``kp.health``, ``kp.exercises``, ``kp.registry``, ``kp.plots``) —
load on first use, so that every ``kopedu`` command starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
from kopedu.paths import data_path

if TYPE_CHECKING:  # the lazily loaded names, for type checkers and IDEs
    from kopedu.consistency import Finding, check_figures, findings_frame
    from kopedu.display import table
    from kopedu.figures import (
        INDICATORS,
        figure,
        figures_for,
        funnel,
        load_figures,
        load_sources,
        rat_rate,
    )
    from kopedu.notebook import setup_notebook
    from kopedu.regional import comparison, region_figures, trend
    from kopedu.regions import Region, children, load_regions, lookup_region
    from kopedu.reports import render_report, validate_parameters

__version__ = "0.1.0"

_SUBPACKAGES = {"accounting", "health", "exercises", "registry", "plots"}

#: Flat names loaded on first use: name -> module.
_LAZY = {
    **dict.fromkeys(["Finding", "check_figures", "findings_frame"], "kopedu.consistency"),
    **dict.fromkeys(
        [
            "INDICATORS",
            "figure",
            "figures_for",
            "funnel",
            "load_figures",
            "load_sources",
            "rat_rate",
        ],
        "kopedu.figures",
    ),
    "setup_notebook": "kopedu.notebook",
    "table": "kopedu.display",
    **dict.fromkeys(["comparison", "region_figures", "trend"], "kopedu.regional"),
    **dict.fromkeys(["Region", "children", "load_regions", "lookup_region"], "kopedu.regions"),
    **dict.fromkeys(["render_report", "validate_parameters"], "kopedu.reports"),
}

__all__ = [
    "INDICATORS",
    "DataValidationError",
    "Finding",
    "KopeduError",
    "ParameterError",
    "Problem",
    "Region",
    "ReportError",
    "UnknownRegionError",
    "__version__",
    "check_figures",
    "children",
    "comparison",
    "data_path",
    "figure",
    "figures_for",
    "findings_frame",
    "format_date",
    "format_number",
    "format_percent",
    "format_rupiah",
    "funnel",
    "load_figures",
    "load_regions",
    "load_sources",
    "lookup_region",
    "parse_date",
    "parse_number",
    "parse_rupiah",
    "rat_rate",
    "region_figures",
    "render_report",
    "setup_notebook",
    "table",
    "trend",
    "validate_parameters",
]


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"kopedu.{name}")
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # cache: later lookups skip __getattr__
        return value
    raise AttributeError(f"module 'kopedu' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBPACKAGES})
