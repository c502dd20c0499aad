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
from decimal import Decimal
from typing import Any

__all__ = [
    "AmbiguousRegionError",
    "DataValidationError",
    "KopeduError",
    "ParameterError",
    "Phrase",
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
        tests; empty for problems that have none. For problems made with
        :meth:`from_catalogue` it is the key of the message in the ``io`` text catalogue
        (its fix is ``code + ".fix"``).
    values : tuple of (name, value)
        The values the message is written from (numbers unformatted), so that
        :meth:`text` can write it in any language.

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
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def from_catalogue(
        cls,
        key: str,
        file: str,
        row: int | None = None,
        column: str | None = None,
        sheet: str | None = None,
        /,
        *,
        cell: str | None = None,
        fix: bool = True,
        **values: Any,
    ) -> Problem:
        """A problem whose message (and fix, ``key + ".fix"``) come from the ``io`` catalogue.

        The message and fix are written in the user's language; :meth:`text` writes
        them in any other. ``cell`` is the cell as found (:attr:`found`); ``values``
        fill the texts' placeholders (``{found}``, ``{row}``, ``{sheet}`` … too: where
        the problem is, is given by position).

        Examples
        --------
        >>> p = Problem.from_catalogue("registri.kecamatan_blank", "d.csv", None, "Kec", n=1209)
        >>> p.message_in("id")[:26], p.message_in("en")[:31]
        ('1.209 koperasi tanpa kecam', '1,209 cooperative(s) without ke')
        """
        from kopedu.texts import language

        here = language()
        kept = tuple(values.items())
        message = _render(key, kept, here)
        return cls(
            file,
            row,
            column,
            message if message is not None else key,
            (_render(f"{key}.fix", kept, here) or "") if fix else "",
            sheet=sheet,
            found=cell,
            code=key,
            values=kept,
        )

    def message_in(self, language: str) -> str:
        """What is wrong, in ``language`` (``"id"`` or ``"en"``).

        Falls back to :attr:`message` when the problem was not made from the catalogue.
        """
        return _render(self.code, self.values, language) or self.message

    def fix_in(self, language: str) -> str:
        """What to do about it, in ``language`` (falls back to :attr:`fix`)."""
        if not self.fix:
            return ""
        return _render(f"{self.code}.fix", self.values, language) or self.fix

    def where(self, language: str | None = None) -> str:
        """File, sheet, row and column, as the user reads them (in ``language``)."""
        from kopedu.texts import text

        lang = _language(language)
        parts = [self.file]
        if self.sheet:
            parts.append(text("io", "where_sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(text("io", "where_row", lang, row=self.row))
        if self.column is not None:
            parts.append(text("io", "where_column", lang, column=self.column))
        return ", ".join(parts)

    def reason(self, language: str | None = None) -> str:
        """The problem without file, sheet and row: column, what is wrong, the cell.

        Examples
        --------
        >>> Problem("d.csv", 3, "Jumlah", "nilai negatif", found="-40").reason("id")
        "kolom 'Jumlah': nilai negatif (isi sel: '-40')"
        """
        from kopedu.texts import text

        lang = _language(language)
        out = self.message_in(lang)
        if self.column is not None:
            out = f"{text('io', 'where_column', lang, column=self.column)}: {out}"
        if self.found is not None:
            out += " " + text("io", "where_found", lang, found=repr(_short(self.found)))
        return out

    def text(self, language: str | None = None) -> str:
        """The whole problem in one line, in ``language`` (default: the user's language).

        Examples
        --------
        >>> p = Problem.from_catalogue("cell.date", "r.xlsx", 7, "Tgl RAT", "RAT",
        ...                            cell="31/02/2024")
        >>> where, what = p.text("en").split(": ", 1)
        >>> where
        "r.xlsx, sheet 'RAT', row 7, column 'Tgl RAT'"
        >>> what.split(" — ")[0]
        "cannot be read as a date (cell: '31/02/2024')"
        """
        from kopedu.texts import text

        lang = _language(language)
        out = f"{self.where(lang)}: {self.message_in(lang)}"
        if self.found is not None:
            out += " " + text("io", "where_found", lang, found=repr(_short(self.found)))
        fix = self.fix_in(lang)
        if fix:
            out += f" — {fix}"
        return out

    def __str__(self) -> str:
        return self.text()


def _language(language: str | None) -> str:
    from kopedu.texts import LANGUAGES
    from kopedu.texts import language as user_language

    return language if language in LANGUAGES else user_language()


def _short(found: str) -> str:
    return found if len(found) <= 60 else found[:57] + "…"


def _render(key: str, values: tuple[tuple[str, Any], ...], language: str) -> str | None:
    """A text of the ``io`` catalogue in ``language``, numbers formatted for it.

    None when ``key`` is not in the catalogue or its placeholders are not all given.
    """
    from kopedu.texts import catalog

    template = catalog("io").get(language, {}).get(key) if key else None
    if template is None:
        return None
    shown = {name: _shown(value, language) for name, value in values}
    try:
        return template.format(**shown)
    except (KeyError, IndexError, ValueError):
        return None


class Phrase(str):
    """A placeholder value that is itself a key of the ``io`` catalogue.

    A problem's text shows it in the text's language (``Phrase("delimiter.semicolon")`` →
    "titik koma (;)" or "semicolon (;)").

    Examples
    --------
    >>> p = Problem.from_catalogue("note.delimiter", "x.csv",
    ...                            delimiter=Phrase("delimiter.semicolon"))
    >>> p.message_in("id"), p.message_in("en")
    ('pemisah kolom: titik koma (;)', 'column delimiter: semicolon (;)')
    """

    __slots__ = ()


def _shown(value: Any, language: str) -> Any:
    """A placeholder value as shown in ``language``.

    Numbers in the language's format (1.209 and 0,50 / 1,209 and 0.50, as
    :func:`kopedu.formatting.format_number` writes them), a :class:`Phrase` in the
    language; everything else as given.
    """
    if isinstance(value, Phrase):
        from kopedu.texts import catalog

        return catalog("io")[language].get(value, str(value))
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return value
    # Written here rather than through kopedu.formatting, which imports this module.
    decimals = 0 if isinstance(value, int) else max(0, -int(value.as_tuple().exponent))
    english = f"{value:,.{decimals}f}"
    return english if language == "en" else english.translate(str.maketrans(",.", ".,"))


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
        from kopedu.texts import text

        self.query = query
        self.suggestions = tuple(suggestions)
        lang = _language(None)  # the user's language (KOPEDU_LANG)
        msg = text("io", "region.unknown", lang, query=query)
        if self.suggestions:
            msg += " " + text("io", "region.suggest", lang, names=", ".join(self.suggestions))
        msg += " " + text("io", "region.full_list", lang)
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
        from kopedu.texts import text

        lang = _language(None)
        n = len(self.codes) + more
        listed = "; ".join(self.candidates)
        if more:
            listed += text("io", "region.more", lang, n=more)
        choices = ", ".join(repr(s) for s in self.suggestions[:4])
        msg = text(
            "io",
            "region.ambiguous",
            lang,
            query=query,
            n=n,
            listed=listed,
            choices=choices,
            code=self.codes[0],
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
