"""Safe exports of registry tables: spreadsheets that cannot run formulas, escaped HTML.

A trainer's registry is text typed by other people. Written back into a spreadsheet,
a name such as ``=HYPERLINK("http://…")`` or ``+cmd|' /C calc'!A0`` would be executed
as a formula ("CSV/formula injection"). :func:`neutralise_formulas` prefixes such text
with an apostrophe, which spreadsheets display but never evaluate; numbers stay
numbers. In HTML every value is escaped (:func:`html_table`). Files are written with
kopedu's one writer (:mod:`kopedu.io.write`, :mod:`kopedu.io.xlsx`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

__all__ = [
    "FORMULA_PREFIXES",
    "html_table",
    "neutralise_formulas",
    "safe_text",
    "write_csv",
    "write_xlsx",
]

#: First characters that make a spreadsheet treat a cell as a formula (OWASP list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_text(value: object) -> object:
    """Neutralise one cell: text starting like a formula gets a leading apostrophe.

    Examples
    --------
    >>> safe_text("=1+1")
    "'=1+1"
    >>> safe_text("-Rp 250.000")
    "'-Rp 250.000"
    >>> safe_text(-5), safe_text("KSU Maju")
    (-5, 'KSU Maju')
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells cannot run as spreadsheet formulas.

    Only object/string columns are touched; numbers, dates and booleans are kept.

    Examples
    --------
    >>> df = pd.DataFrame({"nama": ["@SUM(A1)", "Maju"], "n": [-1, 2]})
    >>> neutralise_formulas(df).values.tolist()
    [["'@SUM(A1)", -1], ['Maju', 2]]
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s):
            out[col] = s.map(safe_text, na_action="ignore")
    out.columns = [safe_text(str(c)) for c in out.columns]
    return out


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` as UTF-8 CSV with formulas neutralised (kopedu's atomic writer).

    CSV has no cell types, so text that starts like a formula gets a leading
    apostrophe (:func:`neutralise_formulas`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_csv(pd.DataFrame({"nama": ["=cmd"]}), pathlib.Path(tempfile.mkdtemp()) / "a.csv")
    >>> p.read_text(encoding="utf-8").splitlines()[1]
    "'=cmd"
    """
    from kopedu.io.write import write_text

    text = neutralise_formulas(df).to_csv(index=False, lineterminator="\n")
    return write_text(path, text)


def write_xlsx(
    sheets: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    title: str = "",
    details: Sequence[tuple[str, str]] = (),
) -> Path:
    """Write tables to an XLSX workbook with kopedu's one XLSX writer.

    Every sheet gets a title block, a bold frozen header with filters and number
    formats; text is stored as text, never as a formula (:mod:`kopedu.io.xlsx`).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> _ = write_xlsx({"data": pd.DataFrame({"nama": ["=1+1"]})}, p, title="Contoh")
    >>> ws = openpyxl.load_workbook(p)["data"]
    >>> header = int(ws.freeze_panes[1:]) - 1
    >>> ws.cell(header + 1, 1).value, ws.cell(header + 1, 1).data_type
    ('=1+1', 's')
    """
    from kopedu.io.xlsx import Table
    from kopedu.io.xlsx import write_xlsx as write_workbook

    tables = [Table(str(name), df) for name, df in sheets.items()]
    return write_workbook(path, tables, title=title or str(next(iter(sheets), "")), details=details)


def html_table(df: pd.DataFrame, *, index: bool = False, classes: str = "kopedu") -> str:
    """An HTML table with every cell and header escaped.

    Examples
    --------
    >>> "<script>" in html_table(pd.DataFrame({"nama": ["<script>x</script>"]}))
    False
    """
    return (
        df.to_html(index=index, escape=True, classes=classes, na_rep="", border=0, formatters=None)
        if len(df.columns)
        else f"<p>{html.escape('(kosong)')}</p>"
    )
