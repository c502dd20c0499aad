"""Text tables (CSV and the like), read carefully: every line is accounted for.

Python's :mod:`csv` reads the records, strictly: a quote that opens a cell must close it
right before a delimiter or the end of the line. What a careless file does with quotes
is then caught and reported with its row, never swallowed:

* a quote that is never closed takes every following line into one cell — reported as
  ``csv.quote_unclosed`` with the lines it took;
* a stray quote that opens a cell closed only by a quote several lines further
  (``"Setoran"`` written ``"Setoran``) — the lines in between look like rows of the
  table inside one cell — reported as ``csv.quote_swallow``;
* a quote closed in the middle of a cell (``"Bayar "titipan"``) — ``csv.quote_stray``;
* a cell longer than Excel's limit (32,767 characters) — ``csv.cell_too_long``.

Row numbers are the file's line numbers (the first line is 1), which is also Excel's
row number unless a quoted cell holds a line break. A quoted cell with a line break in
ordinary text (an address, a description on two lines) is read as one cell.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from typing import Any, cast

from kopedu.errors import Problem
from kopedu.io.grid import Grid, RowProblem
from kopedu.io.sniff import FileInfo, decode, file_note

__all__ = ["EXCEL_CELL_LIMIT", "read_delimited", "read_text"]

#: Excel keeps at most this many characters in a cell.
EXCEL_CELL_LIMIT = 32_767


def read_text(info: FileInfo) -> tuple[str, list[Problem]]:
    """The whole file as text, decoded as :func:`~kopedu.io.sniff.inspect_file` decided.

    A file whose first part is UTF-8 but which holds other bytes further on (a name
    typed on a Windows computer) is read as Windows-1252, with a note.
    """
    data = info.path.read_bytes()
    notes: list[Problem] = []
    encoding = info.encoding or "utf-8"
    try:
        text = decode(data, encoding)
    except UnicodeDecodeError:
        text = decode(data, "cp1252")
        notes.append(file_note(info.name, "encoding", encoding="Windows-1252"))
    return text.removeprefix("\ufeff"), notes


def _problem(info: FileInfo, row: int, key: str, **values: Any) -> Problem:
    return Problem.from_catalogue(f"csv.{key}", info.name, row, **values)


def read_delimited(info: FileInfo, text: str | None = None) -> Grid:
    r"""Read a text table into a :class:`~kopedu.io.grid.Grid`.

    Parameters
    ----------
    info : FileInfo
        From :func:`~kopedu.io.sniff.inspect_file` (encoding and delimiter).
    text : str, optional
        The decoded text, when the caller has it already.

    Returns
    -------
    Grid
        Every record as a list of ``str``; blank lines are kept as empty rows (so that
        the caller can count them); unreadable lines are in ``problems``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kopedu.io.sniff import inspect_file
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "j.csv"
    >>> _ = p.write_text('akun,ket\nKas,"bayar\nKas,x\nModal,y\n', encoding="utf-8")
    >>> g = read_delimited(inspect_file(p))
    >>> g.rows, [(rp.problem.row, rp.problem.code, rp.rows) for rp in g.problems]
    ([['akun', 'ket']], [(2, 'csv.quote_unclosed', 3)])
    """
    if text is None:
        text, _ = read_text(info)
    delimiter = info.delimiter or ","
    grid = Grid(info.name, None)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    spans: list[tuple[int, int]] = []  # first and last line of each record in grid.rows
    end = 0
    while True:
        start = end + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = reader.line_num
            n = end - start + 1
            reason = str(exc)
            if "field larger than field limit" in reason:
                p = _problem(info, start, "cell_too_long_over", n=csv.field_size_limit())
            elif "unexpected end of data" in reason:
                p = _problem(info, start, "quote_unclosed", first=start, last=end, n=n)
            elif n > 1:
                p = _problem(info, start, "quote_swallow", first=start, last=end, n=n)
            else:
                p = _problem(info, start, "quote_stray")
            grid.problems.append(RowProblem(p, n))
            if p.code == "csv.quote_unclosed":
                break
            continue
        end = reader.line_num
        if end < start:  # pragma: no cover - csv never goes back
            end = start
        grid.rows.append(cast(list[object], record))
        grid.numbers.append(start)
        spans.append((start, end))
    grid.total_rows = _line_count(text)
    _check_multiline(grid, spans, delimiter, info)
    return grid


def _line_count(text: str) -> int:
    r"""Lines in ``text`` as csv counts them (``\r\n``, ``\n`` or ``\r`` ends a line)."""
    if not text:
        return 0
    n = text.count("\n") + text.count("\r") - text.count("\r\n")
    return n if text.endswith(("\n", "\r")) else n + 1


def _check_multiline(grid: Grid, spans: list[tuple[int, int]], delimiter: str, info: FileInfo):
    """Move records made by a stray quote, and over-long cells, out of the grid as problems.

    A record over several lines whose extra lines look like rows of the table was made by
    a stray quote.
    """
    widths = Counter(len(r) for r, (a, b) in zip(grid.rows, spans, strict=True) if a == b and r)
    width = widths.most_common(1)[0][0] if widths else 0
    keep: list[int] = []
    for i, (record, (first, last)) in enumerate(zip(grid.rows, spans, strict=True)):
        long = next((len(str(c)) for c in record if len(str(c)) > EXCEL_CELL_LIMIT), 0)
        if long:
            p = _problem(info, first, "cell_too_long", n=long)
            grid.problems.append(RowProblem(p, last - first + 1))
            continue
        if last > first and width >= 3 and _swallowed(record, delimiter, width):
            p = _problem(info, first, "quote_swallow", first=first, last=last, n=last - first + 1)
            grid.problems.append(RowProblem(p, last - first + 1))
            continue
        keep.append(i)
    if len(keep) < len(grid.rows):
        grid.rows = [grid.rows[i] for i in keep]
        grid.numbers = [grid.numbers[i] for i in keep]
    grid.problems.sort(key=lambda rp: rp.problem.row or 0)


def _swallowed(record: Sequence[object], delimiter: str, width: int) -> bool:
    """Whether a cell holds whole lines that look like rows of a ``width``-column table."""
    cells_ = [str(c) for c in record]
    for cell in cells_:
        if "\n" not in cell and "\r" not in cell:
            continue
        for line in cell.splitlines()[1:]:
            if line.count(delimiter) >= width - 1:
                return True
    return len(cells_) != width and len(cells_) > 0 and any("\n" in c for c in cells_[:-1])
