"""The sections of the regional report, one function each, in the order the report shows.

The report template calls them in order with one :class:`ReportContext`::

    from kopedu.reports import sections as s
    ctx = s.context(region, year, language, registry=registry, definition=definition,
                    contoh=contoh)
    s.header(ctx)
    s.summary(ctx)
    ...

Sections that take parameters of their own check them before a report runs: their
checks are listed in :data:`PARAMETER_CHECKS`, which :func:`kopedu.reports.params.
validate_parameters` calls — the orchestrator itself names no section parameter.
"""

from __future__ import annotations

from kopedu.reports.sections.context import ReportContext, context
from kopedu.reports.sections.published import (
    breakdowns,
    comparison_table,
    findings,
    funnel_chart,
    header,
    published_figures,
    sources,
    summary,
    trend_chart,
)
from kopedu.reports.sections.registry import (
    about_registry,
    data_quality,
    health,
    priorities,
    rat_compliance,
    status,
)
from kopedu.reports.sections.registry import (
    check_parameters as _registry_parameters,
)
from kopedu.reports.sections.technical import technical_notes

__all__ = [
    "PARAMETER_CHECKS",
    "ReportContext",
    "about_registry",
    "breakdowns",
    "comparison_table",
    "context",
    "data_quality",
    "findings",
    "funnel_chart",
    "header",
    "health",
    "priorities",
    "published_figures",
    "rat_compliance",
    "sources",
    "status",
    "summary",
    "technical_notes",
    "trend_chart",
]

#: Parameter checks of the sections: ``check(values, contoh=...) -> normalised values``.
PARAMETER_CHECKS = (_registry_parameters,)
