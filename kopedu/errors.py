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
    "AmbiguousRegionError",
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
        What is wrong, in Bahasa Indonesia.
    fix : str
        What to do about it, in Bahasa Indonesia.
    sheet : str or None
        Worksheet name for Excel files.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str = ""
    sheet: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"baris {self.row}")
        if self.column is not None:
            where.append(f"kolom {self.column!r}")
        text = f"{', '.join(where)}: {self.message}"
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
        n = len(self.problems)
        head = f"{self.source}: ditemukan {n} masalah pada data. Perbaiki lalu jalankan lagi."
        lines = [head, *(f"  - {p}" for p in self.problems[:limit])]
        if n > limit:
            lines.append(f"  … dan {n - limit} masalah lain (lihat .problems)")
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


class AmbiguousRegionError(UnknownRegionError):
    """A region name that fits more than one region of the catalog (nothing is guessed).

    Attributes
    ----------
    query : str
        What the user typed.
    codes : tuple of str
        Kemendagri codes of the candidates.
    candidates : tuple of str
        Each candidate with its code and parent (``"Kota Bogor (32.71, Provinsi Jawa
        Barat)"``).
    suggestions : tuple of str
        For each candidate, a text that names it alone (``"Kota Bogor"``).
    """

    def __init__(
        self,
        query: str,
        codes: Sequence[str],
        candidates: Sequence[str],
        suggestions: Sequence[str],
        more: int = 0,
    ) -> None:
        self.query = query
        self.codes = tuple(codes)
        self.candidates = tuple(candidates)
        self.suggestions = tuple(suggestions)
        n = len(self.codes) + more
        listed = "; ".join(self.candidates) + (f"; dan {more} lainnya" if more else "")
        choices = ", ".join(repr(s) for s in self.suggestions[:4])
        msg = (
            f"Wilayah {query!r} tidak jelas: ada {n} wilayah yang cocok — {listed}. "
            f"Tulis salah satu dengan lebih lengkap, misalnya {choices}, atau pakai kodenya "
            f"(mis. {self.codes[0]}); bentuk 'Nama, Kabupaten/Provinsi' juga bisa."
        )
        LookupError.__init__(self, msg)


class ParameterError(KopeduError, ValueError):
    """A report parameter is unknown or has a value the report cannot use."""


class ReportError(KopeduError, RuntimeError):
    """Rendering a report failed (the message names the failing cell).

    Attributes
    ----------
    cell_index : int or None
        Position of the failing cell in the notebook (0-based), when a cell failed.
    exec_count : int or None
        Its execution count (``In [n]``).
    ename, evalue : str
        The error's name and message as the notebook recorded them.
    """

    def __init__(
        self,
        message: str,
        *,
        cell_index: int | None = None,
        exec_count: int | None = None,
        ename: str = "",
        evalue: str = "",
    ) -> None:
        super().__init__(message)
        self.cell_index = cell_index
        self.exec_count = exec_count
        self.ename = ename
        self.evalue = evalue

    def __reduce__(self):  # picklable across worker processes, fields included
        return (
            _rebuild_report_error,
            (str(self), self.cell_index, self.exec_count, self.ename, self.evalue),
        )


def _rebuild_report_error(message, cell_index, exec_count, ename, evalue) -> ReportError:
    return ReportError(
        message, cell_index=cell_index, exec_count=exec_count, ename=ename, evalue=evalue
    )
