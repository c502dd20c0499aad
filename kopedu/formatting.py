"""Indonesian numbers, rupiah and dates: exact parsing and formatting.

Everything goes through Babel's ``id`` locale data (thousands separator ``.``,
decimal comma, month names), so the library never hand-codes locale rules.
Money is exact: :func:`parse_rupiah` returns an ``int`` (whole rupiah) and refuses
amounts with a non-zero sen part unless asked for a :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import NumberFormatError, format_decimal
from babel.numbers import parse_decimal as _babel_parse_decimal

from kopedu.errors import KopeduError

__all__ = [
    "LANGUAGES",
    "LOCALE",
    "format_date",
    "format_number",
    "format_percent",
    "format_rupiah",
    "parse_date",
    "parse_number",
    "parse_rupiah",
]

LOCALE = "id_ID"
#: Output languages and the Babel locale each formats numbers and dates with. English output
#: uses British conventions for dates ("24 June 2023", day first as in Indonesian).
LANGUAGES: dict[str, str] = {"id": LOCALE, "en": "en_GB"}
_UNIT_SUFFIX = re.compile(r"\s*(unit|koperasi|orang|anggota|buah)\s*$", re.IGNORECASE)
_RP_PREFIX = re.compile(r"^\s*(-)?\s*(rp\.?|idr)\s*", re.IGNORECASE)


class ParseError(KopeduError, ValueError):
    """A text could not be read as an Indonesian number, amount or date."""


def _clean(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ").strip()


def parse_number(text: str | int | float | Decimal) -> Decimal:
    """Read a number written the Indonesian way.

    ``.`` groups thousands and ``,`` marks decimals. A trailing unit word
    ("unit", "koperasi", "orang", "anggota") is allowed.

    Parameters
    ----------
    text : str or number
        ``"1.209"``, ``"5.407 unit"``, ``"54,34"``, or a number (returned exactly).

    Returns
    -------
    Decimal
        The exact value.

    Raises
    ------
    ParseError
        If the text is not a number in Indonesian notation (for example
        ``"1.20.9"`` or ``"12a"``). Note that ``"1,209"`` is read the Indonesian
        way, as one point two zero nine.

    Examples
    --------
    >>> parse_number("1.209")
    Decimal('1209')
    >>> parse_number("5.407 unit")
    Decimal('5407')
    >>> parse_number("54,34")
    Decimal('54.34')
    """
    if isinstance(text, bool):
        raise ParseError(f"{text!r} bukan angka.")
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float | Decimal):
        value = Decimal(repr(text)) if isinstance(text, float) else text
        if not value.is_finite():
            raise ParseError(f"{text!r} bukan angka yang terhingga.")
        return value
    s = _UNIT_SUFFIX.sub("", _clean(str(text)))
    if not s:
        raise ParseError("Teks kosong tidak bisa dibaca sebagai angka.")
    try:
        # strict=True rejects grouping that is wrong for the locale ("1.20.9").
        value = _babel_parse_decimal(s.replace(" ", ""), locale=LOCALE, strict=True)
    except (NumberFormatError, InvalidOperation) as exc:
        raise ParseError(
            f"{text!r} tidak bisa dibaca sebagai angka Indonesia. "
            "Tulis ribuan dengan titik dan desimal dengan koma, misalnya 1.209 atau 54,34."
        ) from exc
    if not value.is_finite():  # "INF", "NaN": Decimal accepts them, money never does
        raise ParseError(f"{text!r} bukan angka yang terhingga.")
    return value


_NO_SEN = re.compile(r"[,.]-$")  # "1.500.000,-": written without sen


def parse_rupiah(text: str | int | Decimal, *, allow_sen: bool = False) -> int | Decimal:
    """Read a rupiah amount exactly.

    Parameters
    ----------
    text : str or int or Decimal
        ``"Rp 1.234.567,00"``, ``"Rp1.234.567"``, ``"IDR 5.000"``, ``"-Rp 250.000"``.
    allow_sen : bool, default False
        When False (the default) the amount must be whole rupiah and an ``int`` is
        returned. When True a :class:`~decimal.Decimal` with the sen is returned.

    Returns
    -------
    int or Decimal

    Examples
    --------
    >>> parse_rupiah("Rp 1.234.567,00")
    1234567
    >>> parse_rupiah("-Rp 250.000")
    -250000
    >>> parse_rupiah("Rp 10.000,50", allow_sen=True)
    Decimal('10000.50')

    The Indonesian ",-" (no sen) is accepted, and "Rp -" (how a spreadsheet's
    accounting format shows zero) is zero:

    >>> parse_rupiah("Rp 1.500.000,-"), parse_rupiah("Rp -")
    (1500000, 0)
    """
    if isinstance(text, int | Decimal) and not isinstance(text, bool):
        value = parse_number(text)
    else:
        s = _clean(str(text))
        m = _RP_PREFIX.match(s)
        negative = False
        if m:
            negative = m.group(1) == "-"
            s = s[m.end() :]
        s = _NO_SEN.sub("", s)
        value = Decimal(0) if m and s.strip() == "-" else parse_number(s)
        if negative:
            value = -value
    if allow_sen:
        return value
    if value != value.to_integral_value():
        raise ParseError(
            f"{text!r} memuat sen ({value}). Jumlah uang di kopedu dicatat dalam rupiah "
            "utuh; bulatkan dulu atau gunakan allow_sen=True."
        )
    return int(value)


def _locale(language: str) -> str:
    try:
        return LANGUAGES[language]
    except KeyError:
        raise KopeduError(
            f"Bahasa {language!r} tidak tersedia; pilih: {', '.join(LANGUAGES)}."
        ) from None


def format_number(value: int | Decimal | float, decimals: int = 0, *, language: str = "id") -> str:
    """Format a number with Indonesian separators (or English ones).

    Parameters
    ----------
    value : int, Decimal or float
        The number.
    decimals : int, default 0
        Digits after the decimal sign (rounded half-even by Babel).
    language : {"id", "en"}, default "id"
        ``"id"``: ``1.209`` and ``54,34``; ``"en"``: ``1,209`` and ``54.34``.

    Examples
    --------
    >>> format_number(1209)
    '1.209'
    >>> format_number(Decimal("54.3378"), decimals=2)
    '54,34'
    >>> format_number(1209, language="en")
    '1,209'
    """
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(language))


def format_rupiah(value: int | Decimal, *, sen: bool = False, language: str = "id") -> str:
    """Format an amount as rupiah: ``Rp 1.234.567`` (or ``Rp 1.234.567,00``).

    A regular space separates "Rp" from the digits (as Indonesian style guides and
    bank statements do), and a negative amount is written ``-Rp 250.000``.

    Examples
    --------
    >>> format_rupiah(1234567)
    'Rp 1.234.567'
    >>> format_rupiah(1234567, sen=True)
    'Rp 1.234.567,00'
    >>> format_rupiah(-250000)
    '-Rp 250.000'
    >>> format_rupiah(1250000, language="en")
    'Rp 1,250,000'
    """
    if isinstance(value, float):
        raise TypeError("format_rupiah menerima int atau Decimal, bukan float (uang harus eksak).")
    digits = format_number(abs(Decimal(value)), decimals=2 if sen else 0, language=language)
    return ("-" if value < 0 else "") + "Rp " + digits


def format_percent(value: float | Decimal, decimals: int = 1, *, language: str = "id") -> str:
    """Format a share (0.5434) as a percentage: ``"54,3 %"`` (``"54.3 %"`` in English).

    Examples
    --------
    >>> format_percent(0.5434)
    '54,3 %'
    >>> format_percent(0.75, language="en")
    '75.0 %'
    """
    return format_number(Decimal(str(value)) * 100, decimals=decimals, language=language) + " %"


@cache
def _month_lookup() -> dict[str, int]:
    loc = Locale.parse(LOCALE)
    table: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for num, name in loc.months[context][width].items():
                table[name.lower().rstrip(".")] = num
    # Common spellings Babel does not list.
    table.update({"agt": 8, "ags": 8, "nop": 11, "nopember": 11, "des": 12, "peb": 2})
    return table


_DATE_WORDS = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_DATE_NUMERIC = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(text: str | dt.date) -> dt.date:
    """Read a date as Indonesians write it.

    Accepts ``"30 Juli 2024"``, ``"30 Jul 2024"``, ``"31/12/2023"`` (day first),
    ``"31-12-2023"`` and ISO ``"2023-12-31"``. Month names come from Babel's
    Indonesian locale data.

    Examples
    --------
    >>> parse_date("30 Juli 2024")
    datetime.date(2024, 7, 30)
    >>> parse_date("31/12/2023")
    datetime.date(2023, 12, 31)
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    s = _clean(str(text))
    try:
        if m := _DATE_WORDS.match(s):
            month = _month_lookup().get(m.group(2).lower())
            if month is None:
                raise ParseError(f"Nama bulan {m.group(2)!r} tidak dikenal dalam {text!r}.")
            return dt.date(int(m.group(3)), month, int(m.group(1)))
        if m := _DATE_NUMERIC.match(s):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _DATE_ISO.match(s):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        if isinstance(exc, ParseError):
            raise
        raise ParseError(f"Tanggal {text!r} tidak ada di kalender ({exc}).") from exc
    raise ParseError(
        f"{text!r} tidak bisa dibaca sebagai tanggal. "
        "Tulis seperti 30 Juli 2024, 31/12/2023 (hari/bulan/tahun) atau 2023-12-31."
    )


def format_date(value: dt.date, style: str = "long", *, language: str = "id") -> str:
    """Format a date in Indonesian (``"30 Juli 2024"``) or English (``"30 July 2024"``).

    ``style="long"`` is day, month name, year in both languages; other Babel styles
    (``"short"``, ``"medium"``) or a Babel pattern are passed through.

    Examples
    --------
    >>> format_date(dt.date(2024, 7, 30))
    '30 Juli 2024'
    >>> format_date(dt.date(2023, 6, 24), language="en")
    '24 June 2023'
    """
    pattern = "d MMMM y" if style == "long" else style
    return _babel_format_date(value, format=pattern, locale=_locale(language))
