"""Exceptions raised by kopedu.

Misuse of the API and bad input files raise a :class:`KopeduError` subclass whose
message is written for the person who has to fix it (a trainee or a trainer), in
Bahasa Indonesia. Domain *findings* (figures that do not add up, an unbalanced entry
in a trainee's journal) are not exceptions: they are data that lessons and reports
show (see :mod:`kopedu.consistency`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "DataValidationError",
    "KopeduError",
    "ParameterError",
    "Problem",
    "ReportError",
    "UnknownRegionError",
]


class KopeduError(Exception):
    """Base class of every error kopedu raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an input file.

    Attributes
    ----------
    file : str
        File name as the user knows it (``"registry.xlsx"``), or ``"<tabel>"`` for a
        DataFrame passed in directly.
    row : int or None
        Row number as the user sees it in a spreadsheet: the header is row 1, so the
        first data row is row 2. ``None`` when the problem concerns the whole file or
        a whole column.
    column : str or None
        Column name, or ``None`` when the problem concerns a whole row or the file.
    message : str
        What is wrong, in the user's language (Bahasa Indonesia unless
        ``KOPEDU_LANG=en``).
    fix : str
        What to do about it, in the user's language.
    sheet : str or None
        Worksheet name for Excel files.
    found : str or None
        The cell (or text) as found, when showing it helps (``"Rp 50.00"``).
    code : str
        A stable reason code (``"csv.quote_unclosed"``, ``"cell.rupiah"``) for programs and
        tests; empty for problems that have none.

    Examples
    --------
    >>> str(Problem("jurnal.csv", 4, "debit", "bukan rupiah", "tulis 1.250.000", found="sejuta"))
    "jurnal.csv, baris 4, kolom 'debit': bukan rupiah (isi sel: 'sejuta') — tulis 1.250.000"
    """

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str = ""
    sheet: str | None = None
    found: str | None = None
    code: str = ""

    def where(self) -> str:
        """File, sheet, row and column, as the user reads them."""
        from kopedu.texts import say

        parts = [self.file]
        if self.sheet:
            parts.append(say("io", "where_sheet", sheet=self.sheet))
        if self.row is not None:
            parts.append(say("io", "where_row", row=self.row))
        if self.column is not None:
            parts.append(say("io", "where_column", column=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        from kopedu.texts import say

        text = f"{self.where()}: {self.message}"
        if self.found is not None:
            shown = self.found if len(self.found) <= 60 else self.found[:57] + "…"
            text += " " + say("io", "where_found", found=repr(shown))
        if self.fix:
            text += f" — {self.fix}"
        return text


class DataValidationError(KopeduError, ValueError):
    """An input file (or table) failed validation; *every* problem is listed.

    Parameters
    ----------
    source : str
        The file (or table) that was checked.
    problems : sequence of Problem
        All problems found, in file order.
    """

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._render())

    def _render(self, limit: int = 50) -> str:
        from kopedu.texts import say

        n = len(self.problems)
        lines = [say("io", "error_head", source=self.source, n=n)]
        lines += [f"  - {p}" for p in self.problems[:limit]]
        if n > limit:
            lines.append("  " + say("io", "error_more", n=n - limit))
        return "\n".join(lines)


class UnknownRegionError(KopeduError, LookupError):
    """A region name or code that is not in the catalog.

    Attributes
    ----------
    query : str
        What the user typed.
    suggestions : tuple of str
        Close matches, best first (may be empty).
    """

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        msg = f"Wilayah {query!r} tidak dikenal."
        if self.suggestions:
            msg += " Mungkin maksud Anda: " + ", ".join(self.suggestions) + "?"
        msg += " Daftar lengkap: kopedu regions"
        super().__init__(msg)


class ParameterError(KopeduError, ValueError):
    """A report parameter is unknown or has a value the report cannot use."""


class ReportError(KopeduError, RuntimeError):
    """Rendering a report failed (the message names the failing cell)."""
