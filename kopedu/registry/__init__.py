"""Registry (daftar koperasi) and RAT analysis — reached as ``kp.registry``.

Load a trainer's registry (:func:`load_registry`) or the bundled synthetic one
(:func:`load_synthetic`), then ask for the numbers a Dinas publishes
(:func:`summarise`), each cooperative's status (:func:`classify`), breakdowns, the
priority list and comparisons of status definitions.

Examples
--------
>>> import kopedu as kp
>>> reg = kp.registry.load_synthetic().for_region("Kutai Timur")
>>> kp.registry.summarise(reg, [2022, 2023])[["tahun", "total", "aktif"]].values.tolist()
[[2022, 1173, 655], [2023, 1209, 325]]
"""

from __future__ import annotations

from kopedu.registry.check import check_frames
from kopedu.registry.columns import JENIS, MODES, STATUS_HUKUM, TABLES
from kopedu.registry.export import html_table, neutralise_formulas, write_csv, write_xlsx
from kopedu.registry.loader import frames_to_registry, load_registry
from kopedu.registry.model import SYNTHETIC_LABEL, Registry
from kopedu.registry.rat import (
    ACTIONS,
    STATUSES,
    breakdown,
    classify,
    compare_definitions,
    latest_year,
    priority_list,
    rat_events,
    summarise,
)
from kopedu.registry.status import (
    DEFAULT_DEFINITION,
    DEFINITIONS,
    StatusDefinition,
    get_definition,
)
from kopedu.registry.synthetic import NOT_FOLLOWED, TARGETS, load_synthetic, write_synthetic
from kopedu.registry.template import write_template

__all__ = [
    "ACTIONS",
    "DEFAULT_DEFINITION",
    "DEFINITIONS",
    "JENIS",
    "MODES",
    "NOT_FOLLOWED",
    "STATUSES",
    "STATUS_HUKUM",
    "SYNTHETIC_LABEL",
    "TABLES",
    "TARGETS",
    "Registry",
    "StatusDefinition",
    "breakdown",
    "check_frames",
    "classify",
    "compare_definitions",
    "frames_to_registry",
    "get_definition",
    "html_table",
    "latest_year",
    "load_registry",
    "load_synthetic",
    "neutralise_formulas",
    "priority_list",
    "rat_events",
    "summarise",
    "write_csv",
    "write_synthetic",
    "write_template",
    "write_xlsx",
]
