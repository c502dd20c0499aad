"""Tables a trainee or trainer reads: one helper, Indonesian formats (or English).

:func:`table` turns a DataFrame, a Series or a ``{label: value}`` dict into a
:class:`Table` — a pandas :class:`~pandas.io.formats.style.Styler` that shows

* amounts and counts with thousands separators (``1.250.000``; English ``1,250,000``),
  years without one (``2024``), percentages of a share (``26,9 %``; ``26.9 %``), dates
  with the month's name (``2 April 2024``), yes/no as words;
* readable column labels (``Tahun data``, not ``tahun_data``; ``NS debit``, not
  ``ns_debit``), numbers right-aligned and text left-aligned;
* no duplicated index (an index that repeats a column is dropped, a meaningful one
  becomes a column, a plain row number is hidden);
* long text wrapped, never cut with "…";
* an optional total row (``Jumlah``/``Total``) that sums the amounts and counts;
* a record (a dict, or a Series of mixed values such as one row of a table) as two
  columns, each value written by its own kind (a year as ``2023``, an amount as
  ``30.000.000``, a flag as ``ya``/``tidak``).

:class:`Text` is the same idea for sentences and worked calculations: a string that a
notebook shows as it is written (line breaks kept, no quotes), so a lesson shows an
explanation by ending a cell with it instead of printing.

A function that makes a table for readers may declare how its columns are written
(:func:`declare`: a ratio already in percent, a score with two decimals); the
declaration travels with the frame through selections and sorting (``DataFrame.attrs``),
and :func:`table` uses it unless told otherwise — so a lesson shows such a table with
``kp.table(frame)`` alone.

In a notebook the table renders as HTML; its plain-text form (``repr``, :meth:`Table.to_text`)
is the same table as aligned text, built from the same formatted cells — that is what
``nbval`` compares in a lesson's checked cells. Column kinds are those of the XLSX writer
(:data:`kopedu.io.xlsx.KINDS`) plus ``"bool"``; a column whose kind is not given is
inferred from its values and name (:func:`infer_kind`).

Examples
--------
>>> t = table(pd.DataFrame({"tahun": [2024], "jumlah": [1250000], "persen_rat": [0.269]}))
>>> print(t.to_text())
Tahun     Jumlah  Tingkat RAT
 2024  1.250.000       26,9 %
>>> print(table({"Koperasi aktif": 325}, language="en").to_text())
Item            Value
Koperasi aktif    325
"""

from __future__ import annotations

import datetime as dt
import hashlib
import numbers
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from kopedu.formatting import format_date, format_number, format_percent, parse_date

__all__ = [
    "KINDS",
    "LABELS",
    "Table",
    "Text",
    "column_label",
    "declare",
    "format_value",
    "infer_kind",
    "table",
    "text_table",
]

#: Column kinds: how a cell is written and aligned (numbers right, text left).
KINDS: dict[str, str] = {
    "text": "left",
    "code": "left",  # identifiers and codes: text, never a number
    "bool": "left",
    "count": "right",
    "rupiah": "right",
    "decimal": "right",
    "percent": "right",  # a share: 0.269 is shown as 26,9 %
    "percent_points": "right",  # already times 100: 26.9 is shown as 26,9 %
    "year": "right",
    "date": "right",
}
_DECIMALS = {"decimal": 1, "percent": 1, "percent_points": 1}
_ATTR_KINDS, _ATTR_DECIMALS = "kopedu_kinds", "kopedu_decimals"  # keys in DataFrame.attrs
MISSING = "–"  # an en dash: "no figure", never zero

#: Readable labels of the column names kopedu's own tables use, per language.
LABELS: dict[str, dict[str, str]] = {
    "id": {
        "region": "Wilayah",
        "region_name": "Wilayah",
        "year": "Tahun",
        "indicator": "Indikator",
        "value": "Angka",
        "value_text": "Tertulis di sumber",
        "source_publisher": "Sumber",
        "confidence": "Keyakinan",
        "severity": "Tingkat",
        "kind": "Jenis temuan",
        "message": "Temuan",
        "tahap": "Tahap",
        "nama": "Nama",
        "no_anggota": "No. anggota",
        "persen_rat": "Tingkat RAT",
        "total": "Jumlah",
        "count": "Jumlah",
        "id_koperasi": "ID koperasi",
        "saldo_normal": "Saldo normal",
        "_item": "Keterangan",
        "_value": "Nilai",
        "_total": "Jumlah",
    },
    "en": {
        "region": "Region",
        "region_name": "Region",
        "year": "Year",
        "indicator": "Indicator",
        "value": "Figure",
        "value_text": "As written in the source",
        "source_publisher": "Source",
        "confidence": "Confidence",
        "severity": "Severity",
        "kind": "Finding",
        "message": "Finding",
        "tahun": "Year",
        "jumlah": "Number",
        "sumber": "Source",
        "persen_rat": "RAT rate",
        "total": "Total",
        "_item": "Item",
        "_value": "Value",
        "_total": "Total",
    },
}
_ABBREVIATIONS = frozenset(
    {"ns", "nsd", "phu", "shu", "rat", "nik", "id", "bh", "ksp", "usp", "ad", "art", "rp", "hpp"}
)
_PERCENT_WORDS = frozenset({"persen", "percent", "pct", "%", "share", "tingkat"})
_YEAR_WORDS = frozenset({"tahun", "year"})
_CODE_NAMES = frozenset({"entri", "baris", "kode", "no", "nomor", "id", "code", "row", "entry"})


def _languages(language: str) -> str:
    if language not in LABELS:
        from kopedu.errors import KopeduError

        raise KopeduError(f"Bahasa {language!r} tidak tersedia; pilih: {', '.join(LABELS)}.")
    return language


def column_label(name: object, language: str = "id") -> str:
    """A readable label for a column name.

    Known names come from :data:`LABELS`; any other name has its underscores turned
    into spaces, its first letter capitalised and its abbreviations in capitals.

    Examples
    --------
    >>> column_label("tahun_data"), column_label("ns_debit"), column_label("tahap")
    ('Tahun data', 'NS debit', 'Tahap')
    >>> column_label("region", language="en")
    'Region'
    """
    text = str(name)
    known = LABELS[_languages(language)].get(text)
    if known is not None:
        return known
    words = [w for w in re.split(r"[_\s]+", text.strip()) if w]
    if not words:
        return text
    words = [w.upper() if w.lower() in _ABBREVIATIONS else w for w in words]
    first = words[0]
    words[0] = first if first.isupper() else first[:1].upper() + first[1:]
    return " ".join(words)


def _tokens(name: object) -> set[str]:
    return {w.lower() for w in re.split(r"[_\s]+", str(name)) if w}


def infer_kind(values: pd.Series) -> str:
    """The kind of a column, from its values and its name.

    Booleans → ``bool``; dates → ``date``; whole numbers → ``year`` when the name has the
    word *tahun*/*year*, ``code`` for an entry or row number (``entri``, ``baris``, ``no``),
    else ``count``; other numbers → ``percent`` when the name speaks
    of a percentage and every value is a share (between -1 and 1), else ``decimal``;
    anything else → ``text``.

    Examples
    --------
    >>> infer_kind(pd.Series([2023], name="tahun_data")), infer_kind(pd.Series([1209]))
    ('year', 'count')
    >>> infer_kind(pd.Series([0.159], name="persen_rat")), infer_kind(pd.Series([15.9]))
    ('percent', 'decimal')
    """
    words = _tokens(values.name)
    if pd.api.types.is_bool_dtype(values):
        return "bool"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if pd.api.types.is_numeric_dtype(values):
        present = values.dropna()
        whole = bool(len(present)) and bool((present == present.round()).all())
        if pd.api.types.is_integer_dtype(values) or (whole and words & _YEAR_WORDS):
            if words & _YEAR_WORDS:
                return "year"
            return "code" if str(values.name).lower() in _CODE_NAMES else "count"
        if words & _PERCENT_WORDS and bool((present.abs() <= 1).all()):
            return "percent"
        return "decimal"
    sample = values.dropna().head(20)
    if len(sample) and all(isinstance(v, dt.date) for v in sample):
        return "date"
    if len(sample) and all(isinstance(v, bool) for v in sample):
        return "bool"
    if len(sample) and all(isinstance(v, numbers.Number) for v in sample):  # Decimal, numpy
        return infer_kind(pd.to_numeric(values, errors="coerce").rename(str(values.name)))
    return "text"


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(value != value)  # NaN, numpy's NaT
    except (TypeError, ValueError):
        return False


def format_value(
    value: object, kind: str, *, language: str = "id", decimals: int | None = None
) -> str:
    """One cell as the reader sees it.

    Examples
    --------
    >>> format_value(1250000, "rupiah"), format_value(1250000, "count", language="en")
    ('1.250.000', '1,250,000')
    >>> format_value(0.269, "percent"), format_value(2024, "year")
    ('26,9 %', '2024')
    >>> format_value(pd.Timestamp("2024-04-02"), "date"), format_value(None, "count")
    ('2 April 2024', '–')
    """
    if _missing(value):
        return MISSING
    if kind not in KINDS:
        raise ValueError(f"unknown column kind {kind!r}; one of {', '.join(KINDS)}")
    if decimals is not None:
        places = decimals
    elif isinstance(value, Decimal) and kind in _DECIMALS:
        places = max(0, -int(value.as_tuple().exponent))  # as exact as it was given
    else:
        places = _DECIMALS.get(kind, 0)
    if kind in ("count", "rupiah", "decimal"):
        number = value if isinstance(value, int | Decimal) else Decimal(str(value))
        return format_number(number, places, language=language)
    if kind == "percent":
        return format_percent(Decimal(str(value)), places, language=language)
    if kind == "percent_points":
        return format_percent(Decimal(str(value)) / 100, places, language=language)
    if kind == "year":
        return str(int(value))  # type: ignore[call-overload]
    if kind == "date":
        if isinstance(value, pd.Timestamp | dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            value = parse_date(str(value))
        return format_date(value, language=language)
    if kind == "bool":
        yes, no = ("ya", "tidak") if language == "id" else ("yes", "no")
        return yes if bool(value) else no
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return format_number(int(value), language=language)  # a count among text
    return str(value)


class Text(str):
    r"""Text for the reader: a notebook shows it as written, without quotes.

    A plain ``str`` as the last value of a cell is shown as Python source (``'…\n…'``);
    a :class:`Text` is shown as its lines. It is still a ``str`` in every other way.

    Examples
    --------
    >>> Text("skor total 52,15\nkategori Dalam Pengawasan")
    skor total 52,15
    kategori Dalam Pengawasan
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def declare(
    frame: pd.DataFrame,
    *,
    kinds: Mapping[str, str] | None = None,
    decimals: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Declare how ``frame``'s columns are written in :func:`table` (in place; returns it).

    The declaration is kept in ``frame.attrs`` and follows the frame through column
    selection, sorting and row selection; arguments given to :func:`table` win.

    Examples
    --------
    >>> hasil = declare(pd.DataFrame({"rasio": [25.0], "skor": [2.5]}),
    ...                 kinds={"rasio": "percent_points"}, decimals={"skor": 2})
    >>> print(table(hasil[["rasio", "skor"]]).to_text())
     Rasio  Skor
    25,0 %  2,50
    """
    for c, k in (kinds or {}).items():
        if k not in KINDS:
            raise ValueError(f"column {c!r}: unknown kind {k!r}; one of {', '.join(KINDS)}")
    frame.attrs[_ATTR_KINDS] = {**frame.attrs.get(_ATTR_KINDS, {}), **(kinds or {})}
    frame.attrs[_ATTR_DECIMALS] = {**frame.attrs.get(_ATTR_DECIMALS, {}), **(decimals or {})}
    return frame


def _declared(data: object, key: str) -> dict[str, Any]:
    attrs = getattr(data, "attrs", None)
    return dict(attrs.get(key, {})) if isinstance(attrs, dict) else {}


if TYPE_CHECKING:  # the real class is made on first use (see _table_class)
    from pandas.io.formats.style import Styler

    class Table(Styler):
        """A styled table (a pandas Styler) whose text form is the same table as text."""

        _text: str | None

        def to_text(self) -> str:
            """The table as aligned plain text (numbers right, text left)."""
            ...


@cache
def _table_class() -> type:
    """:class:`Table`, made when a table is first shown.

    pandas' Styler brings jinja2 along (≈ 0.07 s); commands that only print text
    (``kopedu neraca-saldo``) never pay for it.
    """
    from pandas.io.formats.style import Styler

    class Table(Styler):
        """A styled table (a pandas Styler) whose text form is the same table as text.

        Made by :func:`table`. ``repr(t)`` and :meth:`to_text` give the aligned plain
        text; ``t.to_html()`` the HTML; in a notebook it renders as HTML.
        """

        _text: str | None = None

        def to_text(self) -> str:
            """The table as aligned plain text (numbers right, text left)."""
            return self._text if self._text is not None else str(self.data)

        def __repr__(self) -> str:
            return self.to_text()

    Table.__module__ = __name__
    return Table


def __getattr__(name: str) -> Any:
    if name == "Table":
        return _table_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _frame(data: pd.DataFrame | pd.Series | Mapping[str, Any], language: str) -> pd.DataFrame:
    if isinstance(data, Mapping):
        labels = LABELS[language]
        values = pd.Series(list(data.values()), dtype=object)
        return pd.DataFrame({labels["_item"]: list(data), labels["_value"]: values})
    if isinstance(data, pd.Series):
        data = data.to_frame(
            name=data.name if data.name is not None else LABELS[language]["_value"]
        )
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"table() needs a DataFrame, Series or dict, not {type(data).__name__}")
    index = data.index
    names = [n for n in index.names if n is not None]
    if not names:
        # An unnamed index is row positions, or repeats a column (an account code kept as
        # both): shown once, as the column. Only labels found nowhere else become a column.
        numeric = pd.api.types.is_numeric_dtype(index.dtype)
        repeated = any(
            pd.Index(data[c]).equals(index) for c in data.columns if len(data[c]) == len(index)
        )
        if numeric or repeated or index.nlevels > 1:
            return data.reset_index(drop=True)
        return data.reset_index(names=[LABELS[language]["_item"]])
    if all(n in data.columns for n in names):
        return data.reset_index(drop=True)  # the index repeats a column: shown once
    return data.reset_index(names=[n if n is not None else "" for n in index.names])


def _uuid(shown: pd.DataFrame) -> str:
    digest = hashlib.sha1(repr((list(shown.columns), shown.to_numpy().tolist())).encode())
    return "kp" + digest.hexdigest()[:10]


def _text_table(shown: pd.DataFrame, aligns: list[str], caption: str | None) -> str:
    header = [str(c) for c in shown.columns]
    rows = shown.to_numpy().tolist()
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        parts = [
            c.rjust(w) if a == "right" else c.ljust(w)
            for c, w, a in zip(cells, widths, aligns, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = [line(header), *(line(r) for r in rows)]
    return "\n".join([caption, *lines] if caption else lines)


def table(
    data: pd.DataFrame | pd.Series | Mapping[str, Any],
    *,
    kinds: Mapping[str, str] | str | None = None,
    labels: Mapping[str, str] | None = None,
    language: str = "id",
    total: bool = False,
    caption: str | None = None,
    decimals: Mapping[str, int] | int | None = None,
) -> Table:
    """A table formatted for readers (see the module docstring).

    Parameters
    ----------
    data : DataFrame, Series or dict
        The table. A dict ``{label: value}`` becomes a two-column table whose values are
        formatted one by one (each inferred from its own label and value); so does a
        Series of mixed values labelled by name (a record, e.g. one row of a table).
    kinds : mapping or str, optional
        Column name → kind (:data:`KINDS`); the others are those the frame declares
        (:func:`declare`), else inferred (:func:`infer_kind`). For a dict: label → kind,
        or one kind for every value.
    labels : mapping, optional
        Column name → label; the others get :func:`column_label`.
    language : {"id", "en"}
        Formats and default labels.
    total : bool
        Add a row that sums the ``rupiah`` and ``count`` columns.
    caption : str, optional
        A title above the table.
    decimals : mapping or int, optional
        Column name (for a dict: label) → digits after the decimal sign, or one number for
        all. ``decimal`` and ``percent`` values show one by default, a ``Decimal`` as many
        as it has.

    Returns
    -------
    Table
        A pandas Styler; ``to_text()`` gives the same table as plain text.

    Examples
    --------
    >>> tb = pd.DataFrame({"nama": ["Kas", "Simpanan pokok"], "debit": [100000, 0],
    ...                    "kredit": [0, 100000]})
    >>> print(table(tb, kinds={"debit": "rupiah", "kredit": "rupiah"}, total=True).to_text())
    Nama              Debit   Kredit
    Kas             100.000        0
    Simpanan pokok        0  100.000
    Jumlah          100.000  100.000
    """
    return _styled(*_prepare(data, kinds, labels, language, total, decimals), caption)


def text_table(
    data: pd.DataFrame | pd.Series | Mapping[str, Any],
    *,
    kinds: Mapping[str, str] | str | None = None,
    labels: Mapping[str, str] | None = None,
    language: str = "id",
    total: bool = False,
    caption: str | None = None,
    decimals: Mapping[str, int] | int | None = None,
) -> str:
    """The text form of :func:`table` alone, without making a Styler (for commands).

    Examples
    --------
    >>> print(text_table(pd.DataFrame({"tahun": [2024], "jumlah": [1250000]})))
    Tahun     Jumlah
     2024  1.250.000
    """
    cells, columns, header, aligns = _prepare(data, kinds, labels, language, total, decimals)
    shown = _shown(cells, columns, header)
    return _text_table(shown, aligns, caption)


def _prepare(
    data: pd.DataFrame | pd.Series | Mapping[str, Any],
    kinds: Mapping[str, str] | str | None,
    labels: Mapping[str, str] | None,
    language: str,
    total: bool,
    decimals: Mapping[str, int] | int | None,
) -> tuple[dict[str, list[str]], list[Any], list[str], list[str]]:
    """Every cell as text, the columns, their labels and alignments."""
    language = _languages(language)
    if (
        isinstance(data, pd.Series)
        and data.dtype == object
        and not pd.api.types.is_numeric_dtype(data.index.dtype)
    ):
        data = dict(zip(map(str, data.index), data.tolist(), strict=True))  # a record
    frame = _frame(data, language)
    columns = list(frame.columns)
    if isinstance(data, Mapping):
        return _figures_cells(data, frame, kinds, labels, language, decimals)
    if isinstance(kinds, str) or isinstance(decimals, int):
        raise TypeError("one kind or one decimals for all values is for a dict of figures")
    kinds = {**_declared(data, _ATTR_KINDS), **(kinds or {})}
    decimals = {**_declared(data, _ATTR_DECIMALS), **(decimals or {})}
    col_kinds = [kinds.get(c) or infer_kind(frame[c].rename(str(c))) for c in columns]
    for c, k in zip(columns, col_kinds, strict=True):
        if k not in KINDS:
            raise ValueError(f"column {c!r}: unknown kind {k!r}; one of {', '.join(KINDS)}")
    cells: dict[str, list[str]] = {}
    for c, k in zip(columns, col_kinds, strict=True):
        places = decimals.get(c)
        cells[str(c)] = [
            format_value(v, k, language=language, decimals=places) for v in frame[c].tolist()
        ]
    if total:
        first_text = next(
            (c for c, k in zip(columns, col_kinds, strict=True) if KINDS[k] == "left"), None
        )
        for c, k in zip(columns, col_kinds, strict=True):
            if k in ("rupiah", "count"):
                value = int(pd.to_numeric(frame[c]).fillna(0).sum())
                cells[str(c)].append(format_value(value, k, language=language))
            elif c == first_text:
                cells[str(c)].append(LABELS[language]["_total"])
            else:
                cells[str(c)].append("")
    names = dict(labels or {})
    header = [names.get(str(c)) or column_label(c, language) for c in columns]
    return cells, columns, header, [KINDS[k] for k in col_kinds]


def _figures_cells(
    data: Mapping[str, Any],
    frame: pd.DataFrame,
    kinds: Mapping[str, str] | str | None,
    labels: Mapping[str, str] | None,
    language: str,
    decimals: Mapping[str, int] | int | None,
) -> tuple[dict[str, list[str]], list[Any], list[str], list[str]]:
    """A dict of figures: one row per label, each value formatted by its own kind."""
    values = []
    for label, value in data.items():
        kind = kinds if isinstance(kinds, str) else (kinds or {}).get(label)
        kind = kind or infer_kind(pd.Series([value], name=label))
        places = decimals if isinstance(decimals, int) else (decimals or {}).get(label)
        values.append(format_value(value, kind, language=language, decimals=places))
    item, value_col = frame.columns
    cells = {str(item): [str(k) for k in data], str(value_col): values}
    names = dict(labels or {})
    header = [names.get(str(c)) or str(c) for c in frame.columns]
    return cells, list(frame.columns), header, ["left", "right"]


def _shown(cells: Mapping[str, list[str]], columns: list[Any], header: list[str]) -> pd.DataFrame:
    shown = pd.DataFrame({i: cells[str(c)] for i, c in enumerate(columns)})
    shown.columns = header  # duplicated labels stay apart by position
    return shown


def _styled(
    cells: Mapping[str, list[str]],
    columns: list[Any],
    header: list[str],
    aligns: list[str],
    caption: str | None,
) -> Table:
    shown = _shown(cells, columns, header)

    styles: list[Any] = [
        {"selector": "", "props": "border-collapse: collapse; font-variant-numeric: tabular-nums;"},
        {"selector": "th", "props": "font-weight: bold; padding: 3px 8px;"},
        {"selector": "td", "props": "padding: 3px 8px; vertical-align: top;"},
        {"selector": "caption", "props": "caption-side: top; font-weight: bold; text-align: left;"},
    ]
    for j, align in enumerate(aligns):
        wrap = (
            "white-space: normal; max-width: 36em;" if align == "left" else "white-space: nowrap;"
        )
        styles.append({"selector": f".col{j}", "props": f"text-align: {align}; {wrap}"})
        styles.append({"selector": f"th.col_heading.col{j}", "props": f"text-align: {align};"})
    out = _table_class()(shown, uuid=_uuid(shown), cell_ids=False)
    out.format(escape="html").hide(axis="index").set_table_styles(styles, overwrite=True)
    if caption:
        out.set_caption(caption)
    out._text = _text_table(shown, aligns, caption)
    return out
