"""A sheet as read: rows of raw cells, each with the row number a person sees.

Both readers (:mod:`kopedu.io.delimited` for CSV and other text tables,
:mod:`kopedu.io.workbook` for XLSX) produce a :class:`Grid`; :mod:`kopedu.io.tables`
finds the header in it and turns it into typed columns. A grid never loses a row
silently: a row that could not be read is not in :attr:`Grid.rows` but in
:attr:`Grid.problems`, with how many rows of the source it covers, so that
``len(rows) + covered rows of problems == rows in the source``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kopedu.errors import Problem

__all__ = ["Grid", "RowProblem"]


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A problem that kept one or more source rows out of the grid.

    Attributes
    ----------
    problem : Problem
        What is wrong (its ``row`` is the first row concerned).
    rows : int
        How many rows of the source it covers (a quote that swallowed three lines: 3).
    """

    problem: Problem
    rows: int = 1


@dataclass
class Grid:
    """Rows of raw cells from one sheet (or one text file).

    Attributes
    ----------
    name : str
        The file's name, as shown in messages.
    sheet : str or None
        The worksheet's name (None for a text file).
    rows : list of list
        The cells of each row as read: ``str`` for text files; ``str``, numbers,
        dates, ``bool`` or ``None`` for workbooks.
    numbers : list of int
        The row number of each row, as a person sees it (1 = first row).
    problems : list of RowProblem
        Rows that could not be read, with what is wrong.
    marks : dict
        ``(row index, column index) → Problem`` for cells whose value must not be read
        as it appears (a formula without a stored result reads as empty; an Excel
        error such as ``#REF!``). The problem has no column yet; the reader names it.
    total_rows : int
        Rows in the source (text lines, or the sheet's last row).
    """

    name: str
    sheet: str | None
    rows: list[list[object]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    marks: dict[tuple[int, int], Problem] = field(default_factory=dict)
    total_rows: int = 0

    def width(self) -> int:
        """The largest number of cells in a row."""
        return max((len(r) for r in self.rows), default=0)
