"""Showing accounting statements (HTML) and exporting them to XLSX.

Tables go through the one display helper, :func:`kopedu.display.table`; ``show`` is its
deprecated old name.

Display helpers only format; they never change the numbers.
"""

from __future__ import annotations

import html
import os
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from kopedu.display import Table, table
from kopedu.formatting import format_number

if TYPE_CHECKING:
    from kopedu.accounting.statements import Statement

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
    return table(df, kinds=_kinds(df), labels=labels, total=total).to_text()


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


def export_xlsx(sheets: Mapping[str, pd.DataFrame | Statement], path: str | Path) -> Path:
    """Write tables and statements to one XLSX workbook, atomically.

    Money cells stay numbers (formatted ``#.##0`` in Excel's Indonesian display).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> export_xlsx({"NS": pd.DataFrame({"nama": ["Kas"], "debit": [1]})}, d / "x.xlsx").name
    'x.xlsx'
    """
    from kopedu.accounting.statements import Statement

    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".xlsx")
    os.close(fd)
    try:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, obj in sheets.items():
                df = obj.table if isinstance(obj, Statement) else obj
                df = df.drop(columns=[c for c in ("jenis", "kunci") if c in df.columns])
                df.to_excel(writer, sheet_name=str(name)[:31], index=False)
                ws = writer.sheets[str(name)[:31]]
                for j, c in enumerate(df.columns, start=1):
                    width = max(len(str(c)), *(len(str(v)) for v in df[c])) if len(df) else 10
                    ws.column_dimensions[ws.cell(1, j).column_letter].width = min(width + 2, 60)
                    if pd.api.types.is_integer_dtype(df[c]):
                        for row in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                            row[0].number_format = "#,##0"
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
