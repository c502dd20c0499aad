"""Cells read by their declared kind: rupiah, whole numbers, dates, years, yes/no, text.

One place decides what a cell typed by a person means; every reader uses it. The
Indonesian number and date rules themselves are :mod:`kopedu.formatting`'s
(:func:`~kopedu.formatting.parse_rupiah`, :func:`~kopedu.formatting.parse_number`,
:func:`~kopedu.formatting.parse_date`); this module adds what spreadsheets and
bookkeeping do around them:

========= ===========================================================================
rupiah    ``1.250.000``, ``Rp 550.000.-``, ``Rp 2.500.000,-``, ``(1.000)`` (negative),
          ``-`` (zero, as accounting formats show it), ``1.250.000,00``; spreadsheet
          numbers (``1500000``, ``1500000.0``, ``1.5E+6``) when whole. ``1.250.000,50``
          has sen: refused (kopedu keeps whole rupiah), with the sen named.
integer   ``1.209``, ``1209``, ``1.209 orang``, ``45.0`` from Excel
date      ``31 Desember 2023``, ``Minggu, 31 Desember 2023``, ``31/12/2023``,
          ``31-12-2023``, ``2023-12-31``, date-times (``2023-12-31 14:05:00``,
          ``31/12/2023 14:05``), Excel date cells and serial numbers (``45291``);
          ``0000-00-00`` (a database's empty date) is blank
year      ``2023``, ``2023.0``, or a date (its year)
bool      ``ya``/``tidak``, ``y``/``t``, ``yes``/``no``, ``1``/``0``, ``benar``/``salah``
text      trimmed; ``1101.0`` from Excel is ``1101``; a number Excel showed in
          scientific notation (``5,10401E+12``) is refused for an identifier
========= ===========================================================================

A cell longer than Excel's 32,767 characters, or holding an Excel error (``#REF!``), is
refused whatever its kind. Failures are :class:`CellError` with a reason code from the
``io`` text catalogue (``cell.rupiah``, ``cell.date_impossible`` …), never a library's
message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

from kopedu.errors import KopeduError, Problem
from kopedu.formatting import ParseError, parse_date, parse_number, parse_rupiah

__all__ = [
    "KINDS",
    "CellError",
    "Coerced",
    "boolean",
    "choice",
    "coerce",
    "date",
    "integer",
    "is_zero_date",
    "rupiah",
    "text",
    "year",
]

KINDS = ("text", "code", "rupiah", "integer", "date", "year", "bool")
_EXCEL_LIMIT = 32_767
_EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MAX_SERIAL = 2_958_465  # 9999-12-31

_SPREADSHEET_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")
_DOT_GROUPED = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")
_PARENS = re.compile(r"^\((.*)\)$")
_DASHES = {"-", "–", "—", "rp -", "rp. -", "rp-", "rp.-", "idr -"}
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+\d+$")
_ISO = re.compile(
    r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?$"
)
_DMY = re.compile(
    r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})(?:,?\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$"
)
_WORDS = re.compile(
    r"^(?:[A-Za-z']+,\s*)?(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})(?:,?\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$"
)
_SERIAL_TEXT = re.compile(r"^\d{5}(?:\.\d+)?$")
_ZERO_DATE = re.compile(r"^0{4}-0{2}-0{2}(?:[ T]0{2}:0{2}(?::0{2})?)?$")
_TRUE = {"ya", "y", "yes", "1", "benar", "true", "iya", "ada", "sudah", "v", "✓", "x"}
_FALSE = {"tidak", "t", "no", "n", "0", "salah", "false", "tdk", "belum", "tidak ada", "-"}


class CellError(KopeduError, ValueError):
    """A cell that cannot be read as its kind.

    Attributes
    ----------
    code : str
        Key in the ``io`` text catalogue (``"cell.rupiah"``); its fix is ``code + ".fix"``.
    values : dict
        Placeholders of the message.
    """

    def __init__(self, code: str, **values: Any) -> None:
        self.code = code
        self.values = values
        super().__init__(Problem.from_catalogue(code, "", fix=False, **values).message)

    def problem(
        self,
        file: str,
        row: int | None,
        column: str | None,
        found: object,
        *,
        sheet: str | None = None,
    ) -> Problem:
        """The failure as a :class:`~kopedu.errors.Problem` naming where it is."""
        return Problem.from_catalogue(
            self.code, file, row, column, sheet, cell=_shown(found), **self.values
        )


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value)


def _blank(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _clean(value: str) -> str:
    return " ".join(value.replace("\u00a0", " ").replace("\u202f", " ").split())


def _guard(value: object) -> None:
    if isinstance(value, str):
        if len(value) > _EXCEL_LIMIT:
            raise CellError("cell.too_long", n=len(value))
        if value.strip() in _EXCEL_ERRORS:
            raise CellError("cell.excel_error")


def rupiah(value: object) -> int | None:
    """Whole rupiah from a cell; None when blank.

    Examples
    --------
    >>> [rupiah(v) for v in ["Rp 550.000.-", "Rp 2.500.000,-", "(1.000)", "-", "", 1500000.0]]
    [550000, 2500000, -1000, 0, None, 1500000]
    >>> try:
    ...     rupiah("1.250.000,50")
    ... except CellError as exc:
    ...     print(exc.code, exc)
    cell.rupiah_sen jumlah ini memuat sen (0,50); kopedu mencatat rupiah utuh
    """
    _guard(value)
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("cell.rupiah")
    if isinstance(value, int | np.integer):
        return _whole(Decimal(int(value)))
    if isinstance(value, float | Decimal):
        exact = Decimal(repr(value)) if isinstance(value, float) else value
        if not exact.is_finite():
            raise CellError("cell.rupiah")
        return _whole(exact)
    s = _clean(str(value))
    negative = False
    if m := _PARENS.match(s):  # accounting notation for a negative amount
        s, negative = m.group(1).strip(), True
    if s.lower() in _DASHES:
        return 0
    number: Decimal | None = None
    if _SPREADSHEET_NUMBER.match(s) and not _DOT_GROUPED.match(s):
        with contextlib.suppress(InvalidOperation):
            number = Decimal(s)
    if number is None:
        try:
            number = Decimal(parse_rupiah(s, allow_sen=True))
        except (ParseError, ArithmeticError):
            raise CellError("cell.rupiah") from None
    amount = _whole(number)
    return -amount if negative else amount


def _whole(number: Decimal) -> int:
    if number != number.to_integral_value():
        sen = abs(number - number.to_integral_value(rounding="ROUND_DOWN"))
        raise CellError("cell.rupiah_sen", sen=sen.quantize(Decimal("0.01")))
    value = int(number)
    if abs(value) >= 2**63:
        raise CellError("cell.rupiah")
    return value


def integer(value: object) -> int | None:
    """A whole number from a cell (``1.209`` is one thousand two hundred and nine).

    Examples
    --------
    >>> [integer(v) for v in ["1.209", 45.0, "30 orang", None]]
    [1209, 45, 30, None]
    """
    _guard(value)
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("cell.integer")
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("cell.integer")
        return int(value)
    s = _clean(str(value))
    try:
        number = parse_number(s)
    except ParseError:
        if _SPREADSHEET_NUMBER.match(s) and not _DOT_GROUPED.match(s):
            number = Decimal(s)
        else:
            raise CellError("cell.integer") from None
    if number != number.to_integral_value():
        raise CellError("cell.integer")
    return int(number)


def _calendar(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise CellError("cell.date_impossible") from None


def date(value: object) -> dt.date | None:
    """A date from a cell; None when blank (including ``0000-00-00``).

    Examples
    --------
    >>> [str(date(v)) for v in ["31 Desember 2023", "31/12/2023", "2023-12-31 14:05:00", 45291]]
    ['2023-12-31', '2023-12-31', '2023-12-31', '2023-12-31']
    >>> try:
    ...     date("31/02/2021")
    ... except CellError as exc:
    ...     print(exc.code)
    cell.date_impossible
    """
    _guard(value)
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, bool):
        raise CellError("cell.date")
    if isinstance(value, int | float | np.integer | np.floating):
        return _serial(float(value))
    s = _clean(str(value))
    if _ZERO_DATE.match(s):
        return None
    if m := _ISO.match(s):
        return _calendar(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DMY.match(s):
        return _calendar(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _WORDS.match(s):
        day, month, year_ = m.group(1), m.group(2), m.group(3)
        try:
            return parse_date(f"{day} {month} {year_}")
        except ParseError:
            with contextlib.suppress(ParseError):
                parse_date(f"1 {month} {year_}")  # the month is right: the day is not
                raise CellError("cell.date_impossible") from None
            raise CellError("cell.date") from None
    if _SERIAL_TEXT.match(s):
        return _serial(float(s))
    raise CellError("cell.date")


def is_zero_date(value: object) -> bool:
    """Whether a cell is a database's empty date ``0000-00-00``."""
    return isinstance(value, str) and bool(_ZERO_DATE.match(value.strip()))


def _serial(number: float) -> dt.date:
    if not (1 <= number <= _MAX_SERIAL):
        raise CellError("cell.date")
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def year(value: object) -> int | None:
    """A year (1900–2100) from a cell: ``2023``, ``2023.0`` or a date.

    Examples
    --------
    >>> [year(v) for v in ["2023", 2023.0, "31/12/2023"]]
    [2023, 2023, 2023]
    """
    _guard(value)
    if _blank(value):
        return None
    if isinstance(value, dt.date | pd.Timestamp):
        return value.year
    number: int | None = None
    with contextlib.suppress(CellError):
        number = integer(value)
    if number is None:
        try:
            found = date(value)
        except CellError:
            raise CellError("cell.year") from None
        number = found.year if found else None
    if number is None or not (1900 <= number <= 2100):
        raise CellError("cell.year")
    return number


def boolean(value: object) -> bool | None:
    """Yes or no from a cell.

    Examples
    --------
    >>> [boolean(v) for v in ["Ya", "t", 1, ""]]
    [True, False, True, None]
    """
    _guard(value)
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    key = _clean(str(int(value) if isinstance(value, float) and value.is_integer() else value))
    key = key.lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError("cell.bool")


def text(value: object, *, code: bool = False) -> str | None:
    """Text from a cell, trimmed; numbers as Excel showed them (``1101.0`` → ``1101``).

    With ``code=True`` (identifiers such as NIK), a number written in scientific
    notation is refused: its last digits are already lost.

    Examples
    --------
    >>> [text(v) for v in [" Kas ", 1101.0, None]]
    ['Kas', '1101', None]
    """
    _guard(value)
    if _blank(value):
        return None
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        if code:
            raise CellError("cell.scientific")
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).replace("\u00a0", " ").strip()
    if code and _SCIENTIFIC.match(s):
        raise CellError("cell.scientific")
    return s


def choice(
    value: object, mapping: Mapping[str, str], *, key: Callable[[object], str]
) -> str | None:
    """One of the allowed values, through ``mapping`` (normalised spelling → value)."""
    _guard(value)
    if _blank(value):
        return None
    found = mapping.get(key(value))
    if found is None:
        raise CellError("cell.choice", choices=", ".join(sorted(set(mapping.values()))))
    return found


_SCALAR: dict[str, Callable[[object], Any]] = {
    "rupiah": rupiah,
    "integer": integer,
    "date": date,
    "year": year,
    "bool": boolean,
    "text": text,
    "code": lambda v: text(v, code=True),
}


@dataclass
class Coerced:
    """A column read by its kind.

    Attributes
    ----------
    values : Series
        Typed values (``Int64`` for rupiah/integer/year, ``datetime64[s]`` for dates,
        ``boolean``, ``string``); blank and unreadable cells are missing.
    errors : dict
        Position → :class:`CellError` of every unreadable cell.
    zero_dates : int
        Cells ``0000-00-00`` read as blank.
    """

    values: pd.Series
    errors: dict[int, CellError] = field(default_factory=dict)
    zero_dates: int = 0


_DTYPES = {
    "rupiah": "Int64",
    "integer": "Int64",
    "year": "Int64",
    "bool": "boolean",
    "text": "string",
    "code": "string",
}


def coerce(
    cells: pd.Series, kind: str, *, convert: Callable[[object], Any] | None = None
) -> Coerced:
    """Read a column of raw cells as ``kind`` (each distinct cell is parsed once).

    Parameters
    ----------
    cells : Series
        Raw cells (object dtype), as a :class:`~kopedu.io.grid.Grid` holds them.
    kind : str
        One of :data:`KINDS`.
    convert : callable, optional
        A scalar reader to use instead of the kind's (for choices).

    Examples
    --------
    >>> c = coerce(pd.Series(["1.209", "x", None], dtype=object), "integer")
    >>> c.values.tolist(), sorted(c.errors)
    ([1209, <NA>, <NA>], [1])
    """
    fn = convert or _SCALAR[kind]
    raw = cells.astype(object).to_numpy()
    hashable = [v if not isinstance(v, list | dict) else str(v) for v in raw]
    codes, uniques = pd.factorize(pd.Series(hashable, dtype=object), use_na_sentinel=True)
    parsed: list[object] = []
    failed: dict[int, CellError] = {}
    zero = 0
    for i, u in enumerate(uniques):
        try:
            parsed.append(fn(u))
        except CellError as exc:
            parsed.append(None)
            failed[i] = exc
    if kind == "date":
        zero_codes = [i for i, u in enumerate(uniques) if is_zero_date(u)]
        zero = int(np.isin(codes, zero_codes).sum()) if zero_codes else 0
    table = np.array([*parsed, None], dtype=object)
    values = table[codes]  # code -1 (blank) picks the trailing None
    errors = {int(p): failed[int(codes[p])] for p in np.flatnonzero(np.isin(codes, list(failed)))}
    if kind == "date":
        stamps = pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[s]")
        out = pd.Series(stamps.to_numpy(), index=cells.index, dtype="datetime64[s]")
    else:
        dtype = _DTYPES.get(kind, "object") if convert is None else "string"
        out = pd.Series(pd.array(list(values), dtype=dtype), index=cells.index)
    return Coerced(out, errors, zero)
