"""Excel workbooks (XLSX), read with openpyxl: values as Excel last calculated them.

* Formulas are not evaluated; a cell gives the value Excel stored with it. A formula
  cell *without* a stored value (a workbook written by a program that does not
  calculate, never opened in Excel) is marked in :attr:`~kopedu.io.grid.Grid.marks`
  with the formula, so the reader reports it instead of reading it as empty or zero.
* A cell holding an Excel error (``#REF!``, ``#DIV/0!`` …) is marked too.
* Merged ranges give their value to every cell they cover (a two-row header whose
  group label spans several columns).
* Row numbers are the worksheet's own (an empty first row keeps row 1 empty).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from typing import Any

from kopedu.errors import DataValidationError, Problem
from kopedu.io.grid import Grid
from kopedu.io.sniff import FileInfo, file_problem

__all__ = ["EXCEL_ERRORS", "read_workbook"]

#: Error values Excel stores in a cell whose formula failed.
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)
_MAX_UNZIPPED = 1024 * 1024 * 1024
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


def _has_formulas(info: FileInfo) -> bool:
    with zipfile.ZipFile(info.path) as zf:
        for item in zf.infolist():
            if item.filename.startswith("xl/worksheets/") and item.filename.endswith(".xml"):
                with zf.open(item) as f:
                    while chunk := f.read(1 << 20):
                        if _FORMULA.search(chunk):
                            return True
    return False


def _load(info: FileInfo, *, data_only: bool, read_only: bool = False) -> Any:
    import openpyxl

    with warnings.catch_warnings():  # openpyxl warns in English about styles and data validation
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(info.path, data_only=data_only, read_only=read_only)


def _open(info: FileInfo) -> Any:
    """The workbook with stored values; any failure is one problem with its fix."""
    try:
        with zipfile.ZipFile(info.path) as zf:
            if sum(i.file_size for i in zf.infolist()) > _MAX_UNZIPPED:
                raise DataValidationError(info.name, [file_problem(info.name, "corrupt")])
        return _load(info, data_only=True)
    except DataValidationError:
        raise
    except Exception:  # openpyxl raises anything from KeyError to TypeError on a bad file
        raise DataValidationError(info.name, [file_problem(info.name, "unreadable")]) from None


def _formulas(info: FileInfo) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet, ``(row, column) → formula`` of every formula cell (1-based)."""
    try:
        wb = _load(info, data_only=False, read_only=True)
    except Exception:  # pragma: no cover - the same file just opened with values
        return {}
    out: dict[str, dict[tuple[int, int], str]] = {}
    try:
        for ws in wb.worksheets:
            cells: dict[tuple[int, int], str] = {}
            for row in ws.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if isinstance(value, str) and value.startswith("="):
                        cells[(cell.row, cell.column)] = value
                    elif value is not None and type(value).__name__ == "ArrayFormula":
                        cells[(cell.row, cell.column)] = str(getattr(value, "text", "="))
            out[ws.title] = cells
    finally:
        wb.close()
    return out


def _mark(info: FileInfo, sheet: str, row: int, key: str, **values: Any) -> Problem:
    return Problem.from_catalogue(
        f"xlsx.{key}",
        info.name,
        row,
        None,
        sheet,
        cell=str(values.get("found", values.get("formula", ""))),
        **values,
    )


def read_workbook(info: FileInfo) -> dict[str, Grid]:
    """Every worksheet of an XLSX workbook as a :class:`~kopedu.io.grid.Grid`.

    Parameters
    ----------
    info : FileInfo
        From :func:`~kopedu.io.sniff.inspect_file` (kind ``"xlsx"``).

    Returns
    -------
    dict
        Sheet name → grid, in the workbook's order (chart sheets are left out).

    Raises
    ------
    DataValidationError
        When the workbook cannot be read at all.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> from kopedu.io.sniff import inspect_file
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "b.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Data"
    >>> ws.append(["akun", "debit"]); ws.append(["Kas", "=1000*2"]); wb.save(p)
    >>> g = read_workbook(inspect_file(p))["Data"]
    >>> g.rows, [m.code for m in g.marks.values()]
    ([['akun', 'debit'], ['Kas', None]], ['xlsx.formula_no_value'])
    """
    wb = _open(info)
    formulas = _formulas(info) if _has_formulas(info) else {}
    grids: dict[str, Grid] = {}
    try:
        for ws in wb.worksheets:
            grid = Grid(info.name, ws.title)
            rows = [list(r) for r in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
            for rng in ws.merged_cells.ranges:
                value = ws.cell(rng.min_row, rng.min_col).value
                for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
                    row = rows[r]
                    for c in range(rng.min_col - 1, min(rng.max_col, len(row))):
                        row[c] = value
            for (r, c), formula in formulas.get(ws.title, {}).items():
                if r <= len(rows) and c <= len(rows[r - 1]) and rows[r - 1][c - 1] is None:
                    grid.marks[(r - 1, c - 1)] = _mark(
                        info, ws.title, r, "formula_no_value", formula=formula
                    )
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if isinstance(value, str) and value in EXCEL_ERRORS:
                        grid.marks[(r, c)] = _mark(
                            info, ws.title, r + 1, "error_value", found=value
                        )
                    elif isinstance(value, dt.time) and not isinstance(value, dt.datetime):
                        row[c] = value.isoformat()
            grid.rows = rows
            grid.numbers = list(range(1, len(rows) + 1))
            grid.total_rows = len(rows)
            grids[ws.title] = grid
    finally:
        wb.close()
    return grids
