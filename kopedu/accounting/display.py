"""Showing accounting statements (HTML) and exporting them to XLSX.

Tables go through the one display helper, :func:`kopedu.display.table`; ``show`` is its
deprecated old name.

Display helpers only format; they never change the numbers.
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from kopedu.display import text_table
from kopedu.formatting import format_number

if TYPE_CHECKING:
    from kopedu.accounting.statements import Statement
    from kopedu.display import Table

__all__ = ["export_xlsx", "show", "statement_html", "table_text"]


def _money_columns(df: pd.DataFrame) -> list[str]:
    return [
        c
        for c in df.columns
        if pd.api.types.is_integer_dtype(df[c]) and c not in ("entri", "baris")
    ]


def _kinds(df: pd.DataFrame) -> dict[str, str]:
    money = set(_money_columns(df))
    return {
        c: ("rupiah" if c in money else "code")
        for c in df.columns
        if c in money or c in ("entri", "baris")
    }


def show(df: pd.DataFrame, *, total: bool = False) -> Table:
    """Deprecated: use :func:`kopedu.display.table` (``kp.table``).

    Kept so that notebooks written for earlier versions still run; it shows the same
    table through the one display helper, money as ``1.234.567``.

    Examples
    --------
    >>> import warnings
    >>> tb = pd.DataFrame({"nama": ["Kas"], "debit": [1500000], "kredit": [0]})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     "1.500.000" in show(tb).to_html()
    True
    """
    warnings.warn(
        "kp.accounting.show() diganti kp.table(); show() akan dihapus pada versi berikutnya.",
        DeprecationWarning,
        stacklevel=2,
    )
    from kopedu.display import table

    return table(df, kinds=_kinds(df), total=total)


def table_text(df: pd.DataFrame, *, total: bool = False) -> str:
    """Plain-text table with Indonesian number format, column names as they are.

    The text form of :func:`kopedu.display.table` (used by ``kopedu neraca-saldo``).

    Examples
    --------
    >>> tb = pd.DataFrame({"nama": ["Kas", "Simpanan pokok"], "debit": [100, 0],
    ...     "kredit": [0, 100]})
    >>> print(table_text(tb, total=True))
    nama            debit  kredit
    Kas               100       0
    Simpanan pokok      0     100
    Jumlah            100     100
    """
    labels = {str(c): str(c) for c in df.columns}
    return text_table(df, kinds=_kinds(df), labels=labels, total=total)


def statement_html(statement: Statement) -> str:
    """HTML for a :class:`~kopedu.accounting.statements.Statement` (bold totals)."""
    cols = statement.money_columns
    out = [f"<h4>{html.escape(statement.title)}</h4>", "<table>"]
    if len(cols) > 1:
        out.append(
            "<tr><th></th>" + "".join(f"<th>{html.escape(str(c))}</th>" for c in cols) + "</tr>"
        )
    for rec in statement.table.to_dict("records"):
        jenis = rec.get("jenis", "akun")
        label = html.escape(str(rec["pos"]).strip())
        indent = (len(str(rec["pos"])) - len(str(rec["pos"]).lstrip())) * 0.6
        style = "font-weight:bold;" if jenis in ("judul", "total") else ""
        cells = "".join(
            "<td></td>"
            if jenis == "judul"
            else f'<td style="text-align:right;{style}">{format_number(int(rec[c]))}</td>'
            for c in cols
        )
        out.append(
            f'<tr><td style="text-align:left;padding-left:{indent}em;{style}">'
            f"{label}</td>{cells}</tr>"
        )
    out.append("</table>")
    return "\n".join(out)


def export_xlsx(
    sheets: Mapping[str, pd.DataFrame | Statement],
    path: str | Path,
    *,
    title: str = "",
    details: Sequence[tuple[str, str]] = (),
) -> Path:
    """Write tables and statements to one XLSX workbook (kopedu's XLSX writer), atomically.

    Money columns (integer rupiah) stay numbers with Excel's rupiah format; every sheet
    has a title block, a bold frozen header with filters, and text is never a formula.

    Parameters
    ----------
    sheets : mapping of sheet name to DataFrame or Statement
        The tables, in order.
    path : path
        The workbook to write.
    title : str, optional
        What the workbook is (default: the first sheet's name).
    details : sequence of (label, value)
        Lines for the title block (the koperasi, the tahun buku …).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> export_xlsx({"NS": pd.DataFrame({"nama": ["Kas"], "debit": [1]})}, d / "x.xlsx").name
    'x.xlsx'
    """
    from kopedu.io.xlsx import Table, write_xlsx

    tables = []
    for name, obj in sheets.items():
        df = obj if isinstance(obj, pd.DataFrame) else obj.table  # a Statement's table
        df = df.drop(columns=[c for c in ("jenis", "kunci") if c in df.columns])
        kinds = {str(c): "rupiah" for c in _money_columns(df)}
        kinds |= {str(c): "code" for c in df.columns if str(c).lower() in ("kode", "akun", "bukti")}
        tables.append(Table(str(name), df, title=str(name), kinds=kinds))
    return write_xlsx(path, tables, title=title or str(next(iter(sheets), "")), details=details)
