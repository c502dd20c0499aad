"""The one XLSX writer: presentable, formula-safe workbooks for every kopedu command.

Every sheet starts with a title block (what the table is, for which region and year, from
which source, the date it was made), then a bold header row that is frozen and has
filters, then the data with Excel number formats — thousands (``#,##0``), rupiah
(``"Rp" #,##0``), percentages (``0.0%``, values stored as fractions), years without a
thousands separator, real dates — and column widths that fit. Excel shows the separators
of the reader's own locale, so an Indonesian Excel shows ``1.209`` and ``59,1%``.

Text is stored as text: a value that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (a name such as ``=HYPERLINK(…)`` in a trainer's file) is never stored
as a formula, and is marked so that Excel keeps it text when someone edits the cell.

A "Sumber" sheet (``Sources`` in English) lists the published figures' sources and the
parameters the workbook was made with, when the caller gives them. A demo workbook
(``banner``) carries its banner — e.g. "CONTOH — DATA SINTETIS" — on every sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kopedu.io.write import write_bytes
from kopedu.texts import text

__all__ = ["KINDS", "Table", "infer_kind", "workbook_bytes", "workbook_writer", "write_xlsx"]

#: Column kinds and their Excel number formats (``None``: text, left-aligned).
KINDS: dict[str, str | None] = {
    "text": None,
    "code": None,  # identifiers and codes: text, never a number
    "count": "#,##0",
    "decimal": "#,##0.0",
    "rupiah": '"Rp" #,##0;-"Rp" #,##0',
    "percent": "0.0%",
    "year": "0",
    "date": "d mmmm yyyy",
}
#: Excel's locale tags for month names in dates ([$-421] Indonesian, [$-809] English (UK)).
_DATE_LOCALE = {"id": "[$-421]", "en": "[$-809]"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Table:
    r"""One sheet of a workbook.

    Attributes
    ----------
    name : str
        Sheet name (made valid for Excel: at most 31 characters, no ``[]:*?/\``).
    frame : DataFrame
        The data, with readable column labels (``"% RAT dari aktif"``, not ``persen_rat``).
    title : str
        The sheet's title line (defaults to the workbook title).
    kinds : mapping
        Column label → kind (see :data:`KINDS`); columns not named are inferred with
        :func:`infer_kind`.
    note : str
        One line under the title (for example what a percentage is a share of).
    details : sequence of (label, value)
        Lines for this sheet's title block, after the workbook's own.
    """

    name: str
    frame: pd.DataFrame
    title: str = ""
    kinds: Mapping[str, str] = field(default_factory=dict)
    note: str = ""
    details: Sequence[tuple[str, str]] = ()


def infer_kind(values: pd.Series) -> str:
    """The kind of a column from its values and label.

    Integers are counts unless the label says year (``tahun``/``year``) or rupiah
    (``rp``, ``jumlah (rp)``, ``saldo``, ``debit``, ``kredit``); floats are decimals, or
    percentages when the label starts or ends with ``%``; dates are dates; the rest text.

    Examples
    --------
    >>> infer_kind(pd.Series([2023, 2024], name="tahun"))
    'year'
    >>> infer_kind(pd.Series([0.5, 0.25], name="% aktif"))
    'percent'
    >>> infer_kind(pd.Series(["KSP Maju"], name="nama"))
    'text'
    """
    label = str(values.name or "").strip().lower()
    if pd.api.types.is_bool_dtype(values):
        return "text"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if pd.api.types.is_integer_dtype(values):
        if re.search(r"\b(tahun|year)\b", label):
            return "year"
        if re.search(r"\b(rp|rupiah|saldo|debit|kredit|credit|amount)\b", label):
            return "rupiah"
        return "count"
    if pd.api.types.is_float_dtype(values):
        return "percent" if label.startswith("%") or label.endswith("%") else "decimal"
    sample = values.dropna().head(20)
    if len(sample) and all(isinstance(v, dt.date) for v in sample):
        return "date"
    return "text"


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", str(name)).strip("'") or "tabel"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _plain(value: Any) -> Any:
    """A cell value openpyxl can store: Python scalars, dates; missing → empty."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().date() if value == value.normalize() else value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return value.item()
    return value


def workbook_writer(
    tables: Sequence[Table],
    *,
    title: str,
    details: Sequence[tuple[str, str]] = (),
    sources: pd.DataFrame | None = None,
    parameters: Mapping[str, Any] | None = None,
    language: str = "id",
    banner: str = "",
    made: dt.date | None = None,
) -> Callable[[Path], None]:
    """A function that writes the workbook at a path (for :func:`kopedu.io.write.write_files`).

    Parameters
    ----------
    tables : sequence of Table
        The sheets, in order.
    title : str
        What the workbook is ("Laporan Koperasi — Kabupaten Kutai Timur, 2023").
    details : sequence of (label, value)
        Lines of the title block ("Wilayah", "Kabupaten Kutai Timur"), already in the
        workbook's language. The date made is added.
    sources : DataFrame, optional
        The sources of the published figures (readable column labels) for the
        "Sumber" sheet.
    parameters : mapping, optional
        The parameters the workbook was made with, also on the "Sumber" sheet.
    language : {"id", "en"}
        Language of the writer's own words and of month names in dates.
    banner : str
        A line shown first, in red, on every sheet ("CONTOH — DATA SINTETIS").
    made : date, optional
        The date made (default: today).
    """
    made = made or dt.date.today()
    tables = list(tables)
    if sources is not None or parameters:
        tables.append(_sources_table(sources, parameters, language))

    def write(path: Path) -> None:
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        wb.properties.title = title
        wb.properties.creator = "kopedu"
        used: set[str] = set()
        for table in tables:
            ws = wb.create_sheet(_sheet_name(table.name, used))
            _write_sheet(ws, table, title, details, banner, made, language)
        wb.save(path)

    return write


def workbook_bytes(tables: Sequence[Table], **kwargs: Any) -> bytes:
    """The workbook as bytes (see :func:`workbook_writer` for the arguments).

    For writing together with other files, or for sending from a worker process.
    """
    import io

    buf = io.BytesIO()
    workbook_writer(tables, **kwargs)(buf)  # type: ignore[arg-type]
    return buf.getvalue()


def write_xlsx(path: str | Path, tables: Sequence[Table], **kwargs: Any) -> Path:
    """Write a workbook atomically (see :func:`workbook_writer` for the arguments).

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> p = Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> df = pd.DataFrame({"nama": ["=HYPERLINK(1)"], "jumlah": [1209]})
    >>> _ = write_xlsx(p, [Table("data", df)], title="Contoh")
    >>> ws = openpyxl.load_workbook(p)["data"]
    >>> header = int(ws.freeze_panes[1:]) - 1  # the row above the frozen pane
    >>> [c.value for c in ws[header]], [c.value for c in ws[header + 1]]
    (['nama', 'jumlah'], ['=HYPERLINK(1)', 1209])
    """
    return write_bytes(path, workbook_writer(tables, **kwargs))


def _sources_table(
    sources: pd.DataFrame | None, parameters: Mapping[str, Any] | None, language: str
) -> Table:
    """The "Sumber" sheet: the parameters in its title block, the sources as its table."""
    params = [(str(k), "" if v is None else str(v)) for k, v in (parameters or {}).items()]
    if sources is None:
        frame = pd.DataFrame(
            {
                text("xlsx", "col_parameter", language): [k for k, _ in params],
                text("xlsx", "col_value", language): [v for _, v in params],
            }
        )
        params = []
    else:
        frame = sources
    return Table(
        text("xlsx", "sources_sheet", language),
        frame,
        title=text("xlsx", "sources_heading", language),
        details=tuple(params),
    )


def _write_sheet(
    ws,
    table: Table,
    title: str,
    details: Sequence[tuple[str, str]],
    banner: str,
    made: dt.date,
    language: str,
) -> None:
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from kopedu.formatting import format_date

    row = 1
    if banner:
        ws.cell(row, 1, banner).font = Font(bold=True, color="C00000", size=13)
        row += 1
    ws.cell(row, 1, table.title or title).font = Font(bold=True, size=14)
    row += 1
    if table.title and table.title != title:
        ws.cell(row, 1, title).font = Font(italic=True)
        row += 1
    made_line = (text("xlsx", "made", language), format_date(made, language=language))
    for label, value in [*details, made_line, *table.details]:
        ws.cell(row, 1, f"{label}: {value}")
        row += 1
    if table.note:
        ws.cell(row, 1, table.note).font = Font(italic=True)
        row += 1
    if banner:
        ws.cell(row, 1, banner).font = Font(bold=True, color="C00000")
        row += 1
    row += 1  # one blank row before the table
    for r in range(1, row):
        cell = ws.cell(r, 1)
        if isinstance(cell.value, str):
            cell.data_type = TYPE_STRING

    df = table.frame
    header_row = row
    if df.shape[1] == 0:
        ws.cell(header_row, 1, text("xlsx", "empty", language)).font = Font(italic=True)
        return
    kinds = [table.kinds.get(str(c)) or infer_kind(df[c].rename(str(c))) for c in df.columns]
    fill = PatternFill("solid", fgColor="DDE4EE")
    for j, col in enumerate(df.columns, start=1):
        cell = ws.cell(header_row, j, str(col))
        cell.data_type = TYPE_STRING
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(
            wrap_text=True,
            vertical="top",
            horizontal="left" if kinds[j - 1] in ("text", "code") else "right",
        )
    date_fmt = _DATE_LOCALE.get(language, "") + str(KINDS["date"])
    formats = [date_fmt if k == "date" else KINDS.get(k) for k in kinds]
    widths = [min(max(len(str(c)), 6), 40) for c in df.columns]
    wrap = Alignment(wrap_text=True, vertical="top")
    columns = [df.iloc[:, j].tolist() for j in range(df.shape[1])]
    for i in range(len(df)):
        r = header_row + 1 + i
        for j in range(df.shape[1]):
            value = _plain(columns[j][i])
            kind = kinds[j]
            if kind in ("text", "code") and value is not None and not isinstance(value, str):
                value = str(value)
            cell = ws.cell(r, j + 1, value)
            if isinstance(value, str):
                cell.data_type = TYPE_STRING  # never a formula
                if value.startswith(_FORMULA_START):
                    cell.quotePrefix = True
                if len(value) > 40:
                    cell.alignment = wrap
                widths[j] = max(widths[j], min(len(value), 60))
            elif value is not None:
                if formats[j]:
                    cell.number_format = formats[j]
                widths[j] = max(widths[j], 14 if kind == "date" else len(f"{value:,}") + 3)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width + 2
    last = get_column_letter(df.shape[1])
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(df), 1)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if df.shape[1] > 6:
        ws.page_setup.orientation = "landscape"
