"""Find the table in what a person brings: the file, the sheet, the header row, the columns.

:func:`read_table` is the one entry point readers use: any CSV/text table or XLSX file
(or a DataFrame) → a :class:`Table` of raw cells under kopedu's column names, with

* the sheet chosen by content — the one whose header row matches the most known
  column names — unless the caller names one, and named in every problem and note;
* the header row found under title rows and blank rows (a two-row header whose group
  label is merged above is read too);
* the headers matched through :mod:`kopedu.io.headers` (data, not code); headers not
  used are listed once in a note; a row-number column (``id``, ``No.``) is said to be one;
* every source row accounted for: rows in :attr:`Table.frame`, blank rows counted,
  unreadable rows in :attr:`Table.problems` — never dropped silently.

What is *missing* is reported with the headers that were found and the closest matches.
Reading the cells by kind is :mod:`kopedu.io.cells`' job (:meth:`Table.coerce`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from kopedu.errors import DataValidationError, Problem
from kopedu.io import cells as _cells
from kopedu.io.grid import Grid
from kopedu.io.headers import ROW_NUMBER, canonical, closest
from kopedu.io.sniff import FileInfo, file_note, file_problem, inspect_file

__all__ = [
    "HEADER_SCAN_ROWS",
    "Spec",
    "Table",
    "locate",
    "read_grids",
    "read_table",
    "read_text_table",
]

#: Rows searched for the header row.
HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class Spec:
    """What a reader looks for in a file.

    Attributes
    ----------
    table : str
        The table in :mod:`kopedu.io.headers` (``"jurnal"``, ``"bagan"``, ``"koperasi"`` …).
    required : tuple of str or tuple of tuple of str
        Columns that must be present; a tuple inside means "one of these"
        (``("debit", "jumlah")``).
    example : str
        Header row of a good file, shown in messages (``"tanggal, bukti, akun …"``).
    min_hits : int
        Known headers a row needs to be taken as the header row.
    what : str
        What one row is, for messages (``"transaksi"``, ``"koperasi"``).
    """

    table: str
    required: tuple[str | tuple[str, ...], ...] = ()
    example: str = ""
    min_hits: int = 2
    what: str = ""

    def missing(self, present: set[str]) -> list[str]:
        """The required columns (or groups, joined with "/") not in ``present``."""
        out = []
        for need in self.required:
            group = (need,) if isinstance(need, str) else need
            if not any(c in present for c in group):
                out.append("/".join(group))
        return out


@dataclass
class Table:
    """A table found in a file: raw cells under kopedu's column names.

    Attributes
    ----------
    name : str
        File name as shown in messages.
    sheet : str or None
        Worksheet it came from.
    header_row : int
        Row number of the header row.
    frame : DataFrame
        One column per recognised header (raw cells, object dtype), indexed by the row
        number a person sees (index name ``baris``). Blank rows are left out.
    headers : dict
        kopedu's column → the header as written.
    unused : list of str
        Headers not used, as written.
    notes : list of Problem
        What was decided on the user's behalf (sheet, delimiter, header row, unused
        columns, blank rows …).
    problems : list of Problem
        Rows that could not be read (their rows are not in ``frame``).
    rows_refused : int
        Source rows those problems cover.
    blank_rows : int
        Blank rows left out.
    data_rows : int
        Source rows below the header row: ``len(frame) + blank_rows + rows_refused``.
    marks : dict
        ``(row number, column) → Problem`` for cells that must not be read as they
        appear (formula without a stored value, Excel error).
    raw : DataFrame
        Every column of the data rows as written (headers as written, made unique),
        for showing a row back to the user (a list of rejected rows).
    """

    name: str
    sheet: str | None
    header_row: int
    frame: pd.DataFrame
    headers: dict[str, str] = field(default_factory=dict)
    unused: list[str] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_refused: int = 0
    blank_rows: int = 0
    data_rows: int = 0
    marks: dict[tuple[int, str], Problem] = field(default_factory=dict)
    raw: pd.DataFrame = field(default_factory=pd.DataFrame)

    def problem(self, row: int | None, column: str | None, exc: _cells.CellError, found: object):
        """A cell's problem, naming this table's file and sheet and the header as written."""
        shown = self.headers.get(column, column) if column else None
        return exc.problem(self.name, row, shown, found, sheet=self.sheet)

    def coerce(self, column: str, kind: str, **kw: object) -> tuple[pd.Series, list[Problem]]:
        """Read one column by ``kind`` (:func:`kopedu.io.cells.coerce`); problems name the cells.

        A cell marked in :attr:`marks` (a formula without a stored value) is a problem
        too, never a blank.
        """
        cells = self.frame[column]
        result = _cells.coerce(cells, kind, **kw)  # type: ignore[arg-type]
        rows = self.frame.index.to_numpy()
        problems = [
            self.problem(int(rows[pos]), column, exc, cells.iloc[pos])
            for pos, exc in sorted(result.errors.items())
        ]
        values = result.values
        for (row, col), mark in self.marks.items():
            if col == column:
                shown = self.headers.get(column, column)
                problems.append(replace(mark, column=shown))
                if row in values.index:
                    values = values.copy()
                    values.loc[row] = pd.NA if values.dtype != "datetime64[s]" else pd.NaT
        if result.zero_dates:
            note = file_note(self.name, "zero_dates", n=result.zero_dates)
            if note.message not in {n.message for n in self.notes}:
                self.notes.append(note)
        problems.sort(key=lambda p: p.row or 0)
        return values, problems

    def counted(self) -> bool:
        """Whether every source row below the header is accounted for."""
        return len(self.frame) + self.blank_rows + self.rows_refused == self.data_rows


# ------------------------------------------------------------------------ reading


def read_grids(
    source: str | os.PathLike[str] | pd.DataFrame, *, name: str | None = None
) -> tuple[FileInfo | None, dict[str, Grid], list[Problem]]:
    """Every sheet of a file (one grid for a text file), with the notes on how it was read.

    Parameters
    ----------
    source : path or DataFrame
        A CSV/text table or an XLSX workbook; a DataFrame gives one grid whose first row
        is its column labels.
    name : str, optional
        Name shown in messages.

    Raises
    ------
    DataValidationError
        When the file is not a table kopedu reads (see :func:`~kopedu.io.sniff.inspect_file`).
    """
    if isinstance(source, pd.DataFrame):
        label = name or "<tabel>"
        body = source.astype(object).where(source.notna(), None).values.tolist()
        grid = Grid(label, None, [list(source.columns), *body], list(range(1, len(body) + 2)))
        grid.total_rows = len(body) + 1
        return None, {"": grid}, []
    info = inspect_file(source, name=name)
    notes = list(info.notes)
    if info.kind == "xlsx":
        from kopedu.io.workbook import read_workbook

        return info, read_workbook(info), notes
    from kopedu.io.delimited import read_delimited, read_text

    text, more = read_text(info)
    notes += more
    return info, {"": read_delimited(info, text)}, notes


def _labels(grid: Grid, i: int, table: str) -> list[tuple[str, str | None]]:
    """(header as written, kopedu's column or None) for each cell of row ``i``.

    A cell that is empty or unknown takes the label above it, when that one is known:
    the two-row header of a sheet whose group label ("Identitas", "Jumlah") is merged
    over the columns below, or whose single-row labels are merged down over two rows.
    """
    row = grid.rows[i]
    above = grid.rows[i - 1] if i > 0 else []
    out: list[tuple[str, str | None]] = []
    for j, cell in enumerate(row):
        label = _label(cell)
        canon = canonical(table, label) if label else None
        over = above[j] if j < len(above) else None
        if canon is None and isinstance(over, str):
            up = canonical(table, over)
            if up is not None:
                label, canon = over.strip(), up
        out.append((label, canon))
    return out


def _label(cell: object) -> str:
    try:
        return _cells.text(cell) or ""
    except _cells.CellError:
        return ""


def _hits(grid: Grid, i: int, table: str) -> int:
    return len({c for _, c in _labels(grid, i, table) if c not in (None, ROW_NUMBER)})


def _header_row(grid: Grid, spec: Spec) -> tuple[int, int]:
    """(index of the header row, number of known headers in it); (-1, best) when none."""
    best, best_i = 0, -1
    for i in range(min(len(grid.rows), HEADER_SCAN_ROWS)):
        n = _hits(grid, i, spec.table)
        if n > best:
            best, best_i = n, i
    return (best_i, best) if best >= spec.min_hits else (-1, best)


def sheet_score(grid: Grid, spec: Spec) -> int:
    """How many known headers the best header row of ``grid`` has."""
    return _header_row(grid, spec)[1]


def _shown_headers(row: Sequence[object]) -> str:
    cells = [str(c).strip() for c in row if c is not None and str(c).strip()]
    return ", ".join(repr(c) for c in cells[:20]) or "-"


def locate(
    grid: Grid,
    spec: Spec,
    *,
    notes: Sequence[Problem] = (),
    delimiter: str | None = None,
) -> Table:
    """The table in one grid: header row, columns, data rows, notes and problems.

    Raises
    ------
    DataValidationError
        No header row, required columns missing (the message lists the headers
        found and the closest matches), or the same column twice.
    """
    name, sheet = grid.name, grid.sheet
    i, _ = _header_row(grid, spec)
    if i < 0:
        first = next((r for r in grid.rows if any(_filled(c) for c in r)), [])
        raise DataValidationError(
            name,
            [
                Problem.from_catalogue(
                    "header.not_found",
                    name,
                    None,
                    None,
                    sheet,
                    rows=HEADER_SCAN_ROWS,
                    found=_shown_headers(first),
                    example=spec.example,
                    closest=_closest(spec.table, first),
                )
            ],
        )
    header = grid.rows[i]
    columns: dict[int, str] = {}
    written: dict[int, str] = {}
    row_numbers: list[str] = []
    unused: list[str] = []
    for j, (label, canon) in enumerate(_labels(grid, i, spec.table)):
        if canon == ROW_NUMBER:
            row_numbers.append(label)
        elif canon is not None:
            columns[j] = canon
            written[j] = label
        elif label:
            unused.append(label)
    header_number = grid.numbers[i]
    problems: list[Problem] = []
    seen: dict[str, list[int]] = {}
    for j, canon in columns.items():
        seen.setdefault(canon, []).append(j)
    for canon, js in seen.items():
        if len(js) > 1:
            problems.append(
                Problem.from_catalogue(
                    "header.duplicate",
                    name,
                    header_number,
                    None,
                    sheet,
                    columns=", ".join(repr(written[j]) for j in js),
                    canonical=canon,
                )
            )
    missing = spec.missing(set(columns.values()))
    if missing:
        suggestions = []
        for label in unused + row_numbers:
            for c in closest(spec.table, label):
                suggestions.append(f"{label!r} → {c}")
        problems.append(
            Problem.from_catalogue(
                "header.missing_columns",
                name,
                header_number,
                None,
                sheet,
                missing=", ".join(missing),
                found=_shown_headers(header),
                example=spec.example,
                closest=", ".join(suggestions) or "-",
            )
        )
    if problems:
        raise DataValidationError(name, problems)
    return _body(grid, spec, i, columns, written, row_numbers, unused, notes, delimiter)


def _closest(table: str, labels: Sequence[object]) -> str:
    """``'Koprasi' → nama_koperasi, …`` for the labels of a row that were not recognised."""
    out = [
        f"{label!r} → {c}"
        for label in (str(x).strip() for x in labels if _filled(x))
        if canonical(table, label) is None
        for c in closest(table, label)
    ]
    return ", ".join(out) or "-"


def _filled(value: object) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and value != value)
        and (not isinstance(value, str) or bool(value.strip()))
    )


def _body(
    grid: Grid,
    spec: Spec,
    i: int,
    columns: Mapping[int, str],
    written: Mapping[int, str],
    row_numbers: list[str],
    unused: list[str],
    notes: Sequence[Problem],
    delimiter: str | None,
) -> Table:
    name, sheet = grid.name, grid.sheet
    header_number = grid.numbers[i]
    width = len(grid.rows[i])
    rows = grid.rows[i + 1 :]
    numbers = grid.numbers[i + 1 :]
    problems = [rp.problem for rp in grid.problems if (rp.problem.row or 0) > header_number]
    # rows the grid already took out (swallowed by a stray quote), then rows refused here
    swallowed = sum(rp.rows for rp in grid.problems if (rp.problem.row or 0) > header_number)
    refused = swallowed
    keep_rows: list[list[object]] = []
    keep_numbers: list[int] = []
    blank = 0
    for number, row in zip(numbers, rows, strict=True):
        if not any(_filled(c) for c in row):
            blank += 1
            continue
        if sheet is None and len(row) > width and any(_filled(c) for c in row[width:]):
            found = max(k for k, c in enumerate(row) if _filled(c)) + 1
            problems.append(
                Problem.from_catalogue(
                    "csv.too_many_cells",
                    name,
                    number,
                    found=found,
                    width=width,
                    delimiter=repr(delimiter or ","),
                )
            )
            refused += 1
            continue
        keep_rows.append(row)
        keep_numbers.append(number)
    data = {
        canon: [r[j] if j < len(r) else None for r in keep_rows] for j, canon in columns.items()
    }
    frame = pd.DataFrame(data, index=pd.Index(keep_numbers, name="baris"), dtype=object)
    labels = _unique([_label(c) or f"kolom_{j + 1}" for j, c in enumerate(grid.rows[i])])
    raw = pd.DataFrame(
        [[r[j] if j < len(r) else None for j in range(width)] for r in keep_rows],
        columns=labels,
        index=pd.Index(keep_numbers, name="baris"),
        dtype=object,
    )
    marks: dict[tuple[int, str], Problem] = {}
    kept = set(keep_numbers)
    for (r, c), mark in grid.marks.items():
        if c in columns and r > i and grid.numbers[r] in kept:
            marks[(grid.numbers[r], columns[c])] = mark
    out_notes = list(notes)

    def note(key: str, col: str | None = None, **values: Any) -> None:
        out_notes.append(Problem.from_catalogue(f"note.{key}", name, None, col, sheet, **values))

    if sheet:
        note("sheet", sheet=sheet)
    if header_number > 1:
        note("header_row", row=header_number)
    for label in row_numbers:
        note("row_number_column", label, column=label)
    if unused:
        note("unused_columns", columns=", ".join(repr(u) for u in unused))
    trailing = 0
    for row in reversed(rows):
        if any(_filled(c) for c in row):
            break
        trailing += 1
    if blank > trailing:
        note("blank_rows", n=blank - trailing)
    data_rows = len(rows) + swallowed
    return Table(
        name=name,
        sheet=sheet,
        header_row=header_number,
        frame=frame,
        headers={canon: written[j] for j, canon in columns.items()},
        unused=unused + row_numbers,
        notes=out_notes,
        problems=sorted(problems, key=lambda p: p.row or 0),
        rows_refused=refused,
        blank_rows=blank,
        data_rows=data_rows,
        marks=marks,
        raw=raw,
    )


def choose_sheet(grids: Mapping[str, Grid], spec: Spec, sheet: str | int | None, name: str) -> Grid:
    """The grid of the named sheet, or of the sheet whose header matches ``spec`` best.

    Raises
    ------
    DataValidationError
        A named sheet that does not exist (the message lists the sheets), or no sheet
        with a header row for ``spec``.
    """
    names = list(grids)
    if sheet is not None and names != [""]:
        if isinstance(sheet, int):
            if 0 <= sheet < len(names):
                return grids[names[sheet]]
        else:
            for n in names:
                if n == sheet or n.strip().lower() == str(sheet).strip().lower():
                    return grids[n]
        shown = ", ".join(repr(n) for n in names)
        raise DataValidationError(name, [file_problem(name, "no_sheet", sheet=sheet, sheets=shown)])
    if len(grids) == 1:
        return next(iter(grids.values()))
    scored = [(sheet_score(g, spec), -k, n) for k, (n, g) in enumerate(grids.items())]
    score, _, best = max(scored)
    if score < spec.min_hits:
        shown = ", ".join(repr(n) for n in names)
        raise DataValidationError(
            name,
            [
                file_problem(
                    name,
                    "no_table",
                    what=spec.what or spec.table,
                    sheets=shown,
                    example=spec.example,
                )
            ],
        )
    return grids[best]


def read_table(
    source: str | os.PathLike[str] | pd.DataFrame,
    spec: Spec,
    *,
    sheet: str | int | None = None,
    name: str | None = None,
) -> Table:
    r"""Read the table ``spec`` describes from a file (or DataFrame).

    Parameters
    ----------
    source : path or DataFrame
        CSV (any of ``,`` ``;`` tab ``|``; UTF-8, UTF-16 or Windows-1252) or XLSX.
    spec : Spec
        The table looked for.
    sheet : str or int, optional
        Worksheet of a workbook (default: the one whose header fits best).
    name : str, optional
        Name shown in messages (default: the file name).

    Returns
    -------
    Table

    Raises
    ------
    DataValidationError
        Naming the file, sheet, row and column and the fix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jurnal.csv"
    >>> _ = p.write_text("JURNAL UMUM\n\nTgl;No. Bukti;Nama Perkiraan;Debet;Kredit\n"
    ...                  "02/04/2024;B1;Kas;Rp 550.000.-;\n", encoding="utf-8")
    >>> t = read_table(p, Spec("jurnal", ("tanggal", "bukti")))
    >>> t.header_row, list(t.frame.columns), t.frame.index.tolist()
    (3, ['tanggal', 'bukti', 'nama_akun', 'debit', 'kredit'], [4])
    """
    label = name or (source.name if isinstance(source, Path) else None)
    info, grids, notes = read_grids(source, name=label)
    shown = info.name if info else (name or "<tabel>")
    grid = choose_sheet(grids, spec, sheet, shown)
    return locate(grid, spec, notes=notes, delimiter=info.delimiter if info else None)


def read_text_table(
    path: str | os.PathLike[str], *, sheet: str | int | None = None
) -> pd.DataFrame:
    """A file's first row as header and every cell as text (:func:`kopedu.validation.read_table`).

    Blank rows are left out; the index is the row number minus 2.
    """
    CellError, cell_text = _cells.CellError, _cells.text
    info, grids, _ = read_grids(path)
    name = info.name if info else str(path)
    names = list(grids)
    if sheet is None:
        grid = grids[names[0]]
    elif isinstance(sheet, int) and 0 <= sheet < len(names):
        grid = grids[names[sheet]]
    elif isinstance(sheet, str) and sheet in grids:
        grid = grids[sheet]
    else:
        shown = ", ".join(repr(n) for n in names)
        raise DataValidationError(name, [file_problem(name, "no_sheet", sheet=sheet, sheets=shown)])
    problems = [rp.problem for rp in grid.problems]
    rows = [
        (k, n, r)
        for k, (n, r) in enumerate(zip(grid.numbers, grid.rows, strict=True))
        if any(_filled(c) for c in r)
    ]
    if not rows:
        raise DataValidationError(name, [file_problem(name, "empty")])
    (_, _, header), body = rows[0], rows[1:]
    width = len(header)
    columns = _unique([cell_text(c) or f"kolom_{j + 1}" for j, c in enumerate(header)])
    data: list[list[str]] = []
    index: list[int] = []
    for k, number, row in body:
        if len(row) > width and any(_filled(c) for c in row[width:]):
            problems.append(
                Problem.from_catalogue(
                    "csv.too_many_cells",
                    name,
                    number,
                    None,
                    grid.sheet,
                    found=len(row),
                    width=width,
                    delimiter=repr(info.delimiter if info else ","),
                )
            )
            continue
        values = []
        for j in range(width):
            cell = row[j] if j < len(row) else None
            mark = grid.marks.get((k, j)) if grid.marks else None
            if mark is not None:
                problems.append(mark)
            try:
                values.append(cell_text(cell) or "")
            except CellError as exc:
                problems.append(exc.problem(name, number, columns[j], cell, sheet=grid.sheet))
                values.append("")
        data.append(values)
        index.append(number - 2)
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise DataValidationError(name, problems)
    return pd.DataFrame(data, columns=columns, index=pd.Index(index, dtype="int64"), dtype=object)


def _unique(names: list[str]) -> list[str]:
    """Column labels made unique the way pandas does (``a``, ``a.1``)."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if n in seen:
            seen[n] += 1
            out.append(f"{n}.{seen[n]}")
        else:
            seen[n] = 0
            out.append(n)
    return out
