"""Safe exports of registry tables: spreadsheets that cannot run formulas, escaped HTML.

A trainer's registry is text typed by other people. Written back into a spreadsheet,
a name such as ``=HYPERLINK("http://…")`` or ``+cmd|' /C calc'!A0`` would be executed
as a formula ("CSV/formula injection"). :func:`neutralise_formulas` prefixes such text
with an apostrophe, which spreadsheets display but never evaluate; numbers stay
numbers. In HTML every value is escaped (:func:`html_table`). Writes are atomic: a
temporary file in the target folder, then :func:`os.replace`.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Callable, Mapping
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


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the usual permissions
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` as UTF-8 CSV with formulas neutralised, atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_csv(pd.DataFrame({"nama": ["=cmd"]}), pathlib.Path(tempfile.mkdtemp()) / "a.csv")
    >>> p.read_text(encoding="utf-8").splitlines()[1]
    "'=cmd"
    """
    safe = neutralise_formulas(df)
    return _atomic(
        Path(path), lambda tmp: safe.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    )


def write_xlsx(sheets: Mapping[str, pd.DataFrame], path: str | Path) -> Path:
    """Write one or more tables to an XLSX workbook, formulas neutralised, atomically.

    Cells are written as values (openpyxl would otherwise store text that starts
    with ``=`` as a formula).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> _ = write_xlsx({"data": pd.DataFrame({"nama": ["=1+1"]})}, p)
    >>> openpyxl.load_workbook(p)["data"]["A2"].value
    "'=1+1"
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    def write(tmp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        for name, df in sheets.items():
            ws = wb.create_sheet(title=str(name)[:31])
            safe = neutralise_formulas(df)
            ws.append([str(c) for c in safe.columns])
            for row in safe.astype(object).where(safe.notna(), None).itertuples(index=False):
                ws.append([_cell(v) for v in row])
            for row in ws.iter_rows(min_row=1):
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.data_type = TYPE_STRING
            for i, col in enumerate(safe.columns, start=1):
                width = max([len(str(col)), *(len(str(v)) for v in safe[col].head(200))])
                ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, width + 2)
        wb.save(tmp)

    return _atomic(Path(path), write)


def _cell(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().date()
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


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
