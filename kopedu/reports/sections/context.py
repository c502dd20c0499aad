"""What every report section shares: the parameters, the texts, and how a block is shown.

A section is a function of a :class:`ReportContext`. It shows exactly one *block* — a
heading with its text, tables and charts — as one HTML output, so that a printed page
never separates a heading from its table, and it publishes its tables and key values
as structured outputs (:mod:`kopedu.reports.outputs`) for the XLSX and for tests.

Numbers, percentages, years and dates are written in the report's language
(:mod:`kopedu.formatting`): ``1.209`` / ``1,209``, ``59,1 %`` / ``59.1 %``; a year is
never written with a thousands separator. Text from a trainer's file is always escaped.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

import pandas as pd

from kopedu.formatting import format_date, format_number, format_percent, format_rupiah
from kopedu.regions import Region, lookup_region
from kopedu.reports.outputs import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    publish_table,
    publish_values,
    quoted_html,
)
from kopedu.texts import text

__all__ = ["ReportContext", "context"]

#: Kinds whose values are numbers (right-aligned).
NUMERIC = ("count", "decimal", "rupiah", "percent", "year")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#<>|])")


@dataclass(frozen=True)
class ReportContext:
    """The parameters of one report, with the helpers its sections write with.

    Build it with :func:`context` from the template's parameter values.

    Examples
    --------
    >>> ctx = context("64.08", 2023, "en")
    >>> ctx.n(1209), ctx.pct(0.59), ctx.t("params_year")
    ('1,209', '59.0 %', 'Year')
    """

    region: Region
    year: int
    language: str = "id"
    contoh: bool = False
    registry_file: str = ""
    definition_key: str = "kemenkop"
    made: dt.date = field(default_factory=dt.date.today)

    # -- words and numbers ---------------------------------------------------------
    def t(self, key: str, **values: Any) -> str:
        """A report text in the report's language (``kopedu/texts/report.yaml``)."""
        return text("report", key, self.language, **values)

    def n(self, value: Any, decimals: int = 0) -> str:
        """A count or number: ``1.209`` (id) or ``1,209`` (en); missing → ``–``."""
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return "–"
        return format_number(value, decimals, language=self.language)

    def pct(self, share: Any, decimals: int = 1) -> str:
        """A share (0.591) as a percentage with one decimal: ``59,1 %``."""
        if share is None or pd.isna(share):
            return "–"
        return format_percent(share, decimals, language=self.language)

    def rp(self, value: Any) -> str:
        """Rupiah: ``Rp 1.250.000``."""
        if value is None or pd.isna(value):
            return "–"
        return format_rupiah(int(value), language=self.language)

    def date(self, value: Any) -> str:
        """A date: ``24 Juni 2023`` / ``24 June 2023``; text that is not a date as it is."""
        if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
            return "–"
        if isinstance(value, str):
            if re.fullmatch(r"\d{4}-\d{2}", value):  # a month: "Juli 2024"
                from babel.dates import format_date as babel_date

                from kopedu.formatting import LANGUAGES

                month = dt.date(int(value[:4]), int(value[5:]), 1)
                return babel_date(month, "MMMM y", locale=LANGUAGES[self.language])
            try:
                value = dt.date.fromisoformat(value[:10])
            except ValueError:
                return value
        if isinstance(value, pd.Timestamp | dt.datetime):
            value = value.date()
        return format_date(value, language=self.language)

    @staticmethod
    def year_text(value: Any) -> str:
        """A year without separators (``2023``, never ``2.023``)."""
        if value is None or pd.isna(value):
            return "–"
        return str(int(value))

    def category(self, value: Any) -> Any:
        """A jenis koperasi or a registry placeholder in the report's language.

        Examples
        --------
        >>> context("Kutim", 2023, "en").category("simpan pinjam")
        'savings and loans (simpan pinjam)'
        """
        if not isinstance(value, str):
            return value
        if value.strip() in ("", "(tidak tercatat)"):
            return self.t("unknown_group")
        key = "jenis_" + re.sub(r"\W+", "_", value.strip().lower())
        from kopedu.texts import catalog

        return self.t(key) if key in catalog("report")[self.language] else value

    def md_value(self, value: Any) -> str:
        """A value to put into Markdown: its own characters never become markup."""
        return _MD_SPECIAL.sub(r"\\\1", str(value))

    def q(self, value: Any) -> str:
        """Words quoted from an Indonesian source (a publisher, a figure as written).

        They are marked so that the page says ``lang="id"`` around them in any report
        language.
        """
        if self.language == "id":
            return str(value)
        return f"{QUOTE_OPEN}{value}{QUOTE_CLOSE}"

    @property
    def title(self) -> str:
        """The report's title, as on its first page and in its ``<title>``."""
        title = self.t("title", region=self.region.official_name, year=self.year)
        return f"{self.t('demo_banner')} — {title}" if self.contoh else title

    # -- data the sections share ----------------------------------------------------
    @cached_property
    def registry(self):
        """The registry of this report's region, or ``None``.

        The trainer's file, the synthetic one (demo only) or ``None`` (no registry:
        published figures only).
        """
        from kopedu.reports.sections.inputs import registry_for

        return registry_for(self.region, self.registry_file, demo=self.contoh)

    def shown_parameters(self) -> dict[str, str]:
        """The parameters as a reader sees them: labels and values in the report's language.

        The technical notes and the XLSX's "Sumber" sheet list them.

        Examples
        --------
        >>> context("Kutim", 2023, "en").shown_parameters()["Example report"]
        'no'
        """
        from pathlib import Path

        return {
            self.t("param_region"): f"{self.region.official_name} ({self.region.code})",
            self.t("param_year"): str(self.year),
            self.t("param_language"): self.language,
            self.t("param_contoh"): self.t("word_yes") if self.contoh else self.t("word_no"),
            self.t("param_registry"): Path(self.registry_file).name if self.registry_file else "–",
            self.t("param_definition"): self.definition_key or "–",
        }

    @cached_property
    def definition(self):
        """The status definition (aktif / tidak aktif) the registry sections use."""
        from kopedu.registry.status import get_definition

        return get_definition(self.definition_key)

    # -- showing -------------------------------------------------------------------
    def markdown(self, body: str) -> str:
        """Markdown (from the text catalogue) as HTML; raw HTML in it is escaped."""
        return quoted_html(str(_markdown()(body)))

    def table_html(self, frame: pd.DataFrame, kinds: dict[str, str], *, quoted=()) -> str:
        """A table formatted for reading, as HTML.

        Numbers right in the report's format, text left and escaped, years plain, missing
        values as ``–``.

        ``quoted`` names columns that quote Indonesian sources word for word (titles,
        figures as written, names from a registry): they are marked ``lang="id"``.
        """
        cols = list(frame.columns)
        head = "".join(
            f'<th class="{_css_class(kinds.get(c, "text"))}">{html.escape(str(c))}</th>'
            for c in cols
        )
        body = []
        columns = [frame[c].tolist() for c in cols]
        for i in range(len(frame)):
            cells = []
            for j, c in enumerate(cols):
                kind = kinds.get(c, "text")
                value = self.cell(columns[j][i], kind)
                cls = _css_class(kind)
                lang = ' lang="id"' if c in quoted and self.language != "id" else ""
                cells.append(f'<td class="{cls}"{lang}>{quoted_html(html.escape(value))}</td>')
            body.append("<tr>" + "".join(cells) + "</tr>")
        wide = " wide" if len(cols) > 6 else ""
        return (
            f'<table class="kopedu-table{wide}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )

    def cell(self, value: Any, kind: str) -> str:
        """One value as text, by its kind."""
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return "–"
        if kind == "count":
            return self.n(int(value))
        if kind == "decimal":
            return self.n(value, 1)
        if kind == "percent":
            return self.pct(value)
        if kind == "year":
            return self.year_text(value)
        if kind == "rupiah":
            return self.rp(value)
        if kind == "date":
            return self.date(value)
        if isinstance(value, bool):
            return self.t("word_yes") if value else self.t("word_no")
        return str(value)

    def chart_html(self, fig, alt: str) -> str:
        """A matplotlib figure as an embedded PNG (closed afterwards: nothing leaks)."""
        import matplotlib.pyplot as plt

        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
        plt.close(fig)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        return (
            f'<figure class="kopedu-chart"><img src="data:image/png;base64,{data}" '
            f'alt="{html.escape(alt, quote=True)}"></figure>'
        )

    def show(self, name: str, heading: str, *parts: str, level: int = 2) -> None:
        """Display one block (a heading and its parts) as one output that printing keeps together.

        The heading carries the demo mark when this is a demo; the parts are HTML strings.
        """
        from IPython.display import HTML, display

        if self.contoh and level <= 2:
            heading = f"{heading} — {self.t('demo_banner')}"
        tag = f"h{level}"
        block = (
            f'<section class="kopedu-block" data-section="{html.escape(name, quote=True)}">'
            f"<{tag}>{html.escape(heading)}</{tag}>" + "".join(parts) + "</section>"
        )
        display(HTML(block))

    def publish(
        self,
        name: str,
        frame: pd.DataFrame,
        kinds: dict[str, str],
        *,
        title: str,
        sheet: str = "",
        quoted: tuple[str, ...] = (),
    ) -> None:
        """Publish a table (for the XLSX and for tests) with the labels shown."""
        publish_table(name, frame, title=title, kinds=kinds, sheet=sheet, quoted=quoted)

    def values(self, name: str, **values: Any) -> None:
        """Publish a section's key values (plain JSON numbers and strings)."""
        publish_values(name, values)


def _css_class(kind: str) -> str:
    return "num" if kind in NUMERIC else "date" if kind == "date" else "text"


@cache
def _markdown():
    import mistune

    return mistune.create_markdown(escape=True)


def _region(value: str) -> Region:
    """The report's region from its ``region`` parameter.

    Papermill injects its catalog code; run by hand, the template's default is a name.
    """
    from kopedu.errors import UnknownRegionError
    from kopedu.regions import region_by_code

    try:
        return region_by_code(value)
    except UnknownRegionError:
        return lookup_region(value)


def context(
    region: str,
    year: int,
    language: str = "id",
    *,
    registry: str = "",
    definition: str = "kemenkop",
    contoh: bool = False,
) -> ReportContext:
    """The context of one report from the template's (already validated) parameters.

    Examples
    --------
    >>> context("Kutim", 2023).region.code
    '64.08'
    """
    return ReportContext(
        _region(region),
        int(year),
        str(language),
        bool(contoh),
        str(registry or ""),
        str(definition or "kemenkop"),
    )
