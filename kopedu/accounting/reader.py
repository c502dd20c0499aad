"""Reading a journal from CSV or XLSX into a postings frame, fast and validated.

A million-transaction CSV goes through here in the benchmark, so the reader keeps to
vectorised steps and compact memory:

* CSV is parsed by pyarrow's multi-threaded reader with each column typed up front:
  dates, accounts and members dictionary-encoded (each distinct text stored and
  parsed once), vouchers and descriptions as Arrow strings (no Python object per
  cell), amounts as int64. A file whose amounts are written the Indonesian way
  (``1.250.000``) is read again with amounts as text and parsed by regular expression,
  with :func:`~kopedu.formatting.parse_rupiah` only for unusual cells.
* The declared pandera schema is checked on the rows a vectorised pre-check flags
  (an empty date, voucher or account); a clean file never pays for pandera.
* Parse failures (a row with too many cells, a file that is not UTF-8, an empty file)
  become :class:`~kopedu.errors.DataValidationError` naming the file and the row.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import ctypes
import functools
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from kopedu.accounting.chart import Chart
from kopedu.accounting.journal import TEXT, _as_category, _finish, as_text
from kopedu.errors import DataValidationError, KopeduError, Problem
from kopedu.formatting import ParseError, parse_date, parse_rupiah

__all__ = ["read_journal"]

#: Header spellings accepted in a journal file, mapped to the canonical column.
_ALIASES = {
    "tgl": "tanggal",
    "date": "tanggal",
    "no_bukti": "bukti",
    "nomor_bukti": "bukti",
    "no. bukti": "bukti",
    "no bukti": "bukti",
    "voucher": "bukti",
    "kode": "akun",
    "kode_akun": "akun",
    "kode akun": "akun",
    "nama_akun": "akun",
    "nama akun": "akun",
    "account": "akun",
    "credit": "kredit",
    "uraian": "keterangan",
    "description": "keterangan",
    "no_anggota": "anggota",
    "member": "anggota",
}


_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_DOT_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
# What spreadsheets write for numbers: 1500000.0, 1500000.00, 1.5E+6 (point decimal)
_SPREADSHEET_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")


def _amount(text: str) -> int | None:
    """Whole rupiah from an unusual cell, or None when it is not one.

    Spreadsheet numbers (``1500000.00``, ``1.5E+6``) count when they are whole;
    everything else goes through :func:`~kopedu.formatting.parse_rupiah`
    (``Rp 50.000``, ``1.250.000,00``). Beyond int64 (``1E100``) is no amount a
    koperasi books: unreadable.
    """
    value: int | None = None
    if _SPREADSHEET_NUMBER.match(text) and not _DOT_GROUPED.match(text.lstrip("-")):
        with contextlib.suppress(ArithmeticError):
            number = Decimal(text)
            if number == number.to_integral_value():
                value = int(number)
    else:
        with contextlib.suppress(ParseError, ArithmeticError):  # "INF" overflows
            value = int(parse_rupiah(text))
    return value if value is not None and abs(value) < 2**63 else None


_TEXT_COLUMNS = ("tanggal", "bukti", "akun", "keterangan", "anggota")
_REQUIRED = ("tanggal", "bukti", "akun", "debit", "kredit")


@functools.cache
def _schema():  # pandera is imported only when a file has something to report
    from kopedu.validation import pa as pdr

    return pdr.DataFrameSchema(
        {
            "tanggal": pdr.Column(
                "datetime64[s]", nullable=False, metadata={"fix": "isi tanggal, mis. 2024-04-02"}
            ),
            "bukti": pdr.Column(nullable=False, metadata={"fix": "isi nomor bukti transaksi"}),
            "akun": pdr.Column(nullable=False, metadata={"fix": "isi kode atau nama akun"}),
            "debit": pdr.Column("int64", metadata={"fix": "tulis rupiah utuh, mis. 1.250.000"}),
            "kredit": pdr.Column("int64", metadata={"fix": "tulis rupiah utuh, mis. 1.250.000"}),
        },
        strict=False,
    )


def _money(col: pd.Series, name: str, source: str, baris: np.ndarray) -> tuple[np.ndarray, list]:
    """Whole rupiah from a column as read (int, float with blanks, or text); problems
    name the spreadsheet row ``baris[i]``."""
    problems: list[Problem] = []
    if col.dtype.kind in "iu":
        if col.dtype.kind == "u" and len(col) and col.max() >= 2**63:
            col = col.astype("float64")  # reported below as not whole rupiah
        else:  # numpy, nullable (Int64) or Arrow integers; a blank cell is 0
            return col.to_numpy(dtype="int64", na_value=0), problems
    if col.dtype.kind == "f":
        v = col.to_numpy(dtype="float64", na_value=np.nan)
        finite = np.isfinite(v) | np.isnan(v)
        whole = np.isnan(v) | ((v == np.floor(v)) & (np.abs(v) < 2**53))
        for i in np.flatnonzero(~(finite & whole))[:50]:
            problems.append(
                Problem(
                    source,
                    int(baris[i]),
                    name,
                    f"{v[i]!r} bukan rupiah utuh",
                    "tulis rupiah utuh tanpa sen",
                )
            )
        return np.where(np.isnan(v), 0, v).astype("int64") if not problems else v, problems
    # Text, as typed: "1.234.567", "Rp 50.000", "", or numbers from Excel.
    s = col.astype(object).where(col.notna(), "")
    text = s.map(lambda x: x if isinstance(x, str) else repr(x)).str.strip()
    out = np.zeros(len(text), dtype="int64")
    # Up to 18 digits always fits int64; longer numbers go the careful way below.
    fast = text.str.match(r"^-?\d{1,18}$") | text.str.match(r"^-?\d{1,3}(?:\.\d{3}){1,5}$")
    fast_idx = fast.to_numpy()
    out[fast_idx] = text[fast_idx].str.replace(".", "", regex=False).astype("int64").to_numpy()
    slow = ~fast_idx & ~text.isin(["", "-"]).to_numpy()  # "-" is zero in many ledgers
    if slow.any():
        uniq = pd.unique(text[slow])
        parsed = {u: _amount(u) for u in uniq}
        values = text[slow].map(parsed)
        bad = values.isna()
        for i, u in zip(values.index[bad][:50], text[slow][bad][:50], strict=True):
            problems.append(
                Problem(
                    source,
                    int(baris[i]),
                    name,
                    f"{u!r} tidak bisa dibaca sebagai rupiah",
                    "tulis seperti 1.250.000 (titik pemisah ribuan, tanpa sen)",
                )
            )
        out[np.flatnonzero(slow)[~bad.to_numpy()]] = values[~bad].astype("int64").to_numpy()
    return out, problems


def _dates(col: pd.Series, source: str, baris: np.ndarray) -> tuple[pd.Series, list[Problem]]:
    """Dates from a column; each distinct text is parsed once (ISO or Indonesian)."""
    problems: list[Problem] = []
    cat = _as_category(col, runs=True)
    cats = pd.Series(cat.cat.categories)
    iso = pd.to_datetime(cats.astype(str), format="%Y-%m-%d", errors="coerce")
    empty = (cats.astype(str).str.strip() == "").to_numpy()  # missing: the schema says so
    for i in np.flatnonzero(iso.isna().to_numpy() & ~empty):
        value = cats.iloc[i]
        if isinstance(value, str) and _ISO_DATETIME.match(value.strip()):
            value = value.strip()[:10]  # an export's "2024-04-02 00:00:00": the day
        with contextlib.suppress(ParseError, TypeError, ValueError):
            iso.iloc[i] = pd.Timestamp(
                parse_date(value if not isinstance(value, str) else value.strip())
            )
    codes = cat.array.codes
    # A trailing NaT, picked by code -1 (blank cell).
    values = np.r_[iso.to_numpy(dtype="datetime64[s]"), np.array(["NaT"], "datetime64[s]")]
    out = values[codes]
    bad_cat = np.isnat(values[:-1]) & ~empty
    if bad_cat.any():
        rows = np.flatnonzero(bad_cat[codes] & (codes >= 0))
        for i in rows[:50]:
            problems.append(
                Problem(
                    source,
                    int(baris[i]),
                    "tanggal",
                    f"{cats.iloc[codes[i]]!r} bukan tanggal yang bisa dibaca",
                    "tulis 2024-04-02, 02/04/2024 atau 2 April 2024",
                )
            )
    return pd.Series(out, index=col.index, dtype="datetime64[s]", copy=False), problems


def read_journal(
    source: str | Path | pd.DataFrame,
    chart: Chart | None = None,
    *,
    sheet: str | int = 0,
    details: bool = True,
) -> pd.DataFrame:
    """Read a journal from CSV or XLSX (or a DataFrame) into a postings frame.

    Columns: ``tanggal``, ``bukti``, ``akun`` (code or name), ``debit``, ``kredit``
    and optionally ``keterangan`` and ``anggota`` (common spellings such as
    ``no_bukti`` or ``kode_akun`` are accepted). Amounts may be written the
    Indonesian way (``1.250.000``, ``Rp 50.000``); a blank amount is 0. A line
    whose ``tanggal`` and ``bukti`` are blank continues the entry above it; an
    entirely empty row is skipped (row numbers stay those of the spreadsheet).
    Consecutive lines with the same date and voucher form one entry. Text is
    trimmed of surrounding whitespace, the same way for every kind of source.

    Parameters
    ----------
    source : path or DataFrame
        ``.csv`` (UTF-8, comma or semicolon separated) or ``.xlsx``.
    chart : Chart, optional
        Resolve account names to codes (unknown names are kept as written and
        reported by :func:`check_journal`).
    sheet : str or int
        Worksheet of an XLSX file.
    details : bool, default True
        Read ``keterangan`` and ``anggota``. With False they are left empty and a
        CSV's description column is not even parsed: balances and the bookkeeping
        checks do not need them (:func:`~kopedu.accounting.validated_trial_balance`
        reads a million-line journal this way).

    Raises
    ------
    DataValidationError
        When a column is missing or a date/amount cannot be read (every such cell
        is listed with its spreadsheet row).

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"tanggal": ["2024-04-02", ""], "bukti": ["BKM-1", ""],
    ...     "akun": ["Kas", "Simpanan pokok"], "debit": ["100.000", ""],
    ...     "kredit": ["", "100.000"]})
    >>> read_journal(raw)[["entri", "akun", "debit", "kredit"]].to_numpy().tolist()
    [[1, 'Kas', 100000, 0], [1, 'Simpanan pokok', 0, 100000]]
    """
    first_row = 2
    if isinstance(source, pd.DataFrame):
        label, df = "<tabel>", _from_table(source, "<tabel>")
    else:
        path = Path(source)
        label = path.name
        if not path.exists():
            raise KopeduError(f"Berkas jurnal {path} tidak ditemukan.")
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            df = _from_table(_read_excel(path, sheet), label)
        else:
            df = _read_csv(path, details=details)
    if not details:
        df = {k: v for k, v in df.items() if k not in ("keterangan", "anggota")}
    n = len(df["bukti"])
    baris = np.arange(first_row, first_row + n, dtype="int64")
    # Rows with nothing in them (a blank line, Excel's ",,,,,") are dropped; the
    # others keep their spreadsheet row number.
    blank_tanggal, blank_bukti, blank_akun = (_blank(df[c]) for c in ("tanggal", "bukti", "akun"))
    empty = blank_tanggal & blank_bukti & blank_akun
    if empty.any():
        for c in ("debit", "kredit", "keterangan", "anggota"):
            if c in df:
                empty &= _blank(df[c]) if not _numeric(df[c]) else _zero(df[c])
        if empty.any():
            keep = ~empty
            df = {k: v[keep].reset_index(drop=True) for k, v in df.items()}
            baris, blank_tanggal = baris[keep], blank_tanggal[keep]
            blank_bukti, blank_akun = blank_bukti[keep], blank_akun[keep]
            n = len(baris)
    # Continuation lines: blank date and voucher → the line above.
    cont = blank_tanggal & blank_bukti
    if cont.any():
        above = np.where(cont, 0, np.arange(n))
        np.maximum.accumulate(above, out=above)
        for c in ("tanggal", "bukti"):
            df[c] = df[c].iloc[above].reset_index(drop=True)
        blank_bukti = _blank(df["bukti"])
    problems: list[Problem] = []
    debit, p1 = _money(df["debit"], "debit", label, baris)
    kredit, p2 = _money(df["kredit"], "kredit", label, baris)
    tanggal, p3 = _dates(df["tanggal"], label, baris)
    problems += p1 + p2 + p3
    if debit.dtype != "int64" or kredit.dtype != "int64":  # unreadable amounts, listed
        debit = kredit = np.zeros(n, "int64")
    if p3:
        bad_dates = np.searchsorted(baris, [p.row for p in p3 if p.row is not None])
        tanggal = tanggal.copy()
        tanggal.iloc[bad_dates] = pd.Timestamp("1970-01-01")
    out = {
        "baris": baris,
        "tanggal": tanggal,
        "bukti": df["bukti"],
        "akun": df["akun"],
        "debit": debit,
        "kredit": kredit,
    }
    # The schema's per-row checks (cells that must not be empty) run on the rows a
    # vectorised pre-check flags; on a clean file that is none, the columns have the
    # schema's dtypes by construction, and pandera is not even imported.
    suspect = np.isnat(tanggal.to_numpy()) | blank_bukti | blank_akun
    rows = np.flatnonzero(suspect)
    if len(rows) or problems:
        from kopedu.validation import validate_frame

        checked = pd.DataFrame(
            {
                k: (v.iloc[rows].astype(object) if isinstance(v, pd.Series) else v[rows])
                for k, v in out.items()
            },
            index=baris[rows] - first_row,
        )
        checked["tanggal"] = checked["tanggal"].astype("datetime64[s]")
        for c in ("bukti", "akun"):
            checked[c] = checked[c].where(~_blank(checked[c]), np.nan)
        validate_frame(checked, _schema(), label, first_data_row=first_row, extra=problems)
    out["akun"] = _as_category(df["akun"])
    for name in ("keterangan", "anggota"):
        if name in df:
            out[name] = df[name]
    del df
    journal = _finish(out, chart, text_clean=True)
    if n > _BIG_JOURNAL:
        del out
        _give_back_memory()
    return journal


def _read_excel(path: Path, sheet: str | int) -> pd.DataFrame:
    """``pandas.read_excel`` whose failures become :class:`DataValidationError`."""
    try:
        return pd.read_excel(path, sheet_name=sheet, dtype=object)
    except (ValueError, KeyError, IndexError, OSError, zipfile.BadZipFile) as exc:
        if isinstance(exc, KeyError | IndexError) or "orksheet" in str(exc):  # no such sheet
            what, fix = f"lembar {sheet!r} tidak ada ({exc})", "sebutkan nama lembar yang benar"
        else:  # not an Excel workbook at all
            what = f"berkas bukan buku kerja Excel ({exc})"
            fix = "simpan ulang dari Excel sebagai .xlsx, atau sebagai CSV UTF-8"
    raise DataValidationError(path.name, [Problem(path.name, None, None, what, fix)])


def _from_table(df: pd.DataFrame, label: str) -> dict[str, pd.Series]:
    """The columns of a table (DataFrame or XLSX sheet) under their canonical names;
    blank text is ``""``."""
    df = _canonical(df.copy(), list(df.columns), label).reset_index(drop=True)
    for c in _TEXT_COLUMNS:
        if c in df:  # as a CSV would read it: text, trimmed; dates may stay dates
            cells = df[c].astype(object).map(_cell_text if c != "tanggal" else _cell_date)
            df[c] = as_text(cells) if c in ("bukti", "keterangan") else cells
    return {c: df[c] for c in df.columns}


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold (``1101.0`` → ``"1101"``)."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cell_date(value: object) -> object:
    """A date cell: text trimmed, blanks ``""``, real dates kept as they are."""
    if isinstance(value, str):
        return value.strip()
    return "" if value is None or value is pd.NA or value is pd.NaT or value != value else value


def _canonical(df: pd.DataFrame | None, header: list, label: str) -> pd.DataFrame | None:
    """Rename columns to their canonical names; a missing or doubled column is an error."""
    canon = [_canon(c) for c in header]
    problems = [
        Problem(
            label,
            None,
            c,
            "kolom wajib ini tidak ada",
            "kolom jurnal: tanggal, bukti, akun, debit, kredit (keterangan, anggota)",
        )
        for c in _REQUIRED
        if c not in canon
    ]
    for c in dict.fromkeys(canon):
        same = [str(h) for h, k in zip(header, canon, strict=True) if k == c]
        if len(same) > 1 and c in (*_TEXT_COLUMNS, "debit", "kredit"):
            problems.append(
                Problem(
                    label,
                    1,
                    c,
                    f"kolom {', '.join(same)} sama-sama berarti {c!r}",
                    "hapus atau ganti nama salah satunya",
                )
            )
    if problems:
        raise DataValidationError(label, problems)
    return None if df is None else df.set_axis(canon, axis=1)


def _blank(col: pd.Series) -> np.ndarray:
    """Where a text column is empty (or only spaces), without a Python string per row."""
    if col.dtype == "category":
        blank_cats = np.flatnonzero(np.asarray(col.cat.categories.astype(str).str.strip() == ""))
        codes = col.array.codes
        blank = codes < 0
        for code in blank_cats:  # usually none, at most one after stripping
            blank |= codes == code
        return blank
    if col.dtype == TEXT:
        return (col == "").to_numpy()  # CSV text is trimmed when read
    return (col.astype(str).str.strip() == "").to_numpy()


def _numeric(col: pd.Series) -> bool:
    return col.dtype.kind in "iuf"


def _zero(col: pd.Series) -> np.ndarray:
    """Where an amount read as a number is blank (NaN) or 0."""
    v = col.to_numpy()
    return (v == 0) | np.isnan(v) if v.dtype.kind == "f" else v == 0


def _strip_categories(col: pd.Series) -> pd.Series:
    """A categorical column with surrounding spaces removed from its categories."""
    cats = col.cat.categories
    stripped = cats.astype(str).str.strip()
    if stripped.equals(cats):
        return col
    uniq = pd.Index(pd.unique(stripped.to_numpy()))
    remap = uniq.get_indexer(stripped)
    codes = col.array.codes
    new = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1)
    return pd.Series(pd.Categorical.from_codes(new, uniq), index=col.index)


# -------------------------------------------------------------------------- CSV

_DICTIONARY = pa.dictionary(pa.int32(), pa.string())

#: The CSV is parsed into the C library's heap (pyarrow's system pool) rather than
#: mimalloc, so that what the parser frees can be handed back by ``malloc_trim``.
_POOL = pa.system_memory_pool()
_BIG_FILE = 32 * 2**20  # bytes; below this, giving memory back is not worth a call
_BIG_JOURNAL = 500_000  # lines


def _give_back_memory() -> None:
    """Return the parser's freed memory to the operating system.

    After a big read most of the heap is free (parse buffers, columns already
    converted); glibc keeps it unless asked, and the process would look — and stay —
    twice as big as its data. ``malloc_trim`` is what dask does for its workers; on
    other C libraries this is a no-op.
    """
    pa.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def _read_csv(path: Path, *, details: bool = True) -> dict[str, pd.Series]:
    """Parse a journal CSV with pyarrow into the reader's raw table (canonical columns).

    Dates, accounts and members come back as categoricals, vouchers and descriptions
    as trimmed :data:`~kopedu.accounting.journal.TEXT`, amounts as int64 (blank = 0)
    or, when some are written the Indonesian way, as text for :func:`_money`.
    """
    header, delimiter = _sniff(path)
    _canonical(None, header, path.name)
    names = _WANTED if details else _BALANCES
    wanted = {h: k for h, k in zip(header, map(_canon, header), strict=True) if k in names}
    try:
        table = _arrow_read(path, delimiter, wanted, amounts=pa.int64())
    except pa.ArrowInvalid as exc:
        if "Empty CSV file" in str(exc):  # a header without a line end: no rows
            return {k: pd.Series([], dtype=TEXT) for k in wanted.values()}
        if "conversion error to int64" not in str(exc):
            raise _csv_error(path, delimiter, len(header), exc) from None
        try:  # amounts written as 1.250.000 or Rp 50.000: read them as text
            table = _arrow_read(path, delimiter, wanted, amounts=pa.string())
        except pa.ArrowInvalid as exc2:
            raise _csv_error(path, delimiter, len(header), exc2) from None
    big = path.stat().st_size > _BIG_FILE
    if big:
        _give_back_memory()
    n = table.num_rows
    cols: dict[str, pd.Series] = {}
    for h, k in wanted.items():
        chunks = table.column(h).chunks
        table = table.drop_columns([h])  # from here the chunks list holds the data
        if pa.types.is_dictionary(chunks[0].type if chunks else pa.null()):
            cols[k] = _strip_categories(_categorical(chunks, n))
        elif chunks and pa.types.is_integer(chunks[0].type):
            cols[k] = pd.Series(_integers(chunks, n), copy=False)
        else:
            text = pa.chunked_array(chunks) if chunks else pa.chunked_array([], pa.large_string())
            cols[k] = pd.Series(pd.array(_trimmed(text), dtype=TEXT))
        del chunks
    if big:
        _give_back_memory()
    return cols


def _categorical(chunks: list[pa.DictionaryArray], n: int) -> pd.Series:
    """One categorical from dictionary chunks, each with its own small dictionary
    (dates, accounts): codes are mapped chunk by chunk into one array."""
    categories: dict[str, int] = {}
    codes = np.empty(n, dtype="int32")
    pos = 0
    while chunks:
        chunk = chunks.pop(0)  # freed as soon as it is copied
        lut = np.array(
            [categories.setdefault(v, len(categories)) for v in chunk.dictionary.to_pylist()],
            dtype="int32",
        )
        part = codes[pos : pos + len(chunk)]
        if chunk.null_count:  # not produced by the reader's options, but be safe
            valid = chunk.is_valid().to_numpy(zero_copy_only=False)
            part[:] = -1
            part[valid] = lut[chunk.indices.drop_null().to_numpy()]
        elif len(chunk):
            part[:] = lut[chunk.indices.to_numpy()]
        pos += len(chunk)
    m = len(categories)
    small = codes.astype("int8" if m < 2**7 else "int16" if m < 2**15 else "int32")
    return pd.Series(pd.Categorical.from_codes(small, pd.Index(list(categories), dtype=TEXT)))


def _integers(chunks: list[pa.Array], n: int) -> np.ndarray:
    """One int64 array from Arrow chunks; blank cells (null) are 0."""
    out = np.empty(n, dtype="int64")
    pos = 0
    while chunks:
        chunk = chunks.pop(0)
        out[pos : pos + len(chunk)] = chunk.fill_null(0).to_numpy() if chunk.null_count else chunk
        pos += len(chunk)
    return out


_WANTED = (*_TEXT_COLUMNS, "debit", "kredit")
_BALANCES = ("tanggal", "bukti", "akun", "debit", "kredit")


def _trimmed(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Text without surrounding whitespace (spaces, tabs, no-break spaces …).

    Trimming copies the column, so it is done only when some cell may need it: a
    byte-level look at each cell's first and last byte, conservative for every
    Unicode space (a false alarm only costs the trim).
    """
    if any(_may_have_outer_space(chunk) for chunk in col.chunks):
        return pc.utf8_trim_whitespace(col)
    return col


# First bytes that start a whitespace character in UTF-8 (ASCII spaces, U+0085/U+00A0
# via 0xC2, U+1680 via 0xE1, U+2000-U+205F via 0xE2, U+3000 via 0xE3), and last bytes
# that can end one.
_FIRST = np.zeros(256, dtype=bool)
_FIRST[[0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x1C, 0x1D, 0x1E, 0x1F, 0xC2, 0xE1, 0xE2, 0xE3]] = True
_LAST = np.zeros(256, dtype=bool)
_LAST[[0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0xA0, 0x80]] = True
_LAST[0x80:0xB0] = True  # continuation bytes ending U+1680, U+2000-U+202F, U+205F


def _may_have_outer_space(chunk: pa.Array) -> bool:
    if len(chunk) == 0:
        return False
    _, offsets_buf, data_buf = chunk.buffers()
    if data_buf is None:
        return False
    width = "int64" if pa.types.is_large_string(chunk.type) else "int32"
    offsets = np.frombuffer(offsets_buf, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8)
    filled = offsets[1:] > offsets[:-1]
    starts, ends = offsets[:-1][filled], offsets[1:][filled] - 1
    return bool(_FIRST[data[starts]].any() or _LAST[data[ends]].any())


def _arrow_read(path: Path, delimiter: str, wanted: dict, *, amounts: pa.DataType) -> pa.Table:
    types = {
        "tanggal": _DICTIONARY,
        "akun": _DICTIONARY,
        "anggota": _DICTIONARY,
        # large_string is what pandas' Arrow str holds: no conversion afterwards
        "bukti": pa.large_string(),
        "keterangan": pa.large_string(),
        "debit": amounts,
        "kredit": amounts,
    }
    return pacsv.read_csv(
        path,
        memory_pool=_POOL,
        # 512 KiB blocks: as fast as the default 1 MiB, less memory in flight
        read_options=pacsv.ReadOptions(block_size=1 << 19),
        # blank lines are kept as empty rows (dropped later) so rows keep their numbers
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False
        ),
        convert_options=pacsv.ConvertOptions(
            include_columns=list(wanted),
            column_types={h: types[k] for h, k in wanted.items()},
            null_values=[""],  # blank amounts; blank text stays ""
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def _sniff(path: Path) -> tuple[list[str], str]:
    """The header's cells and the delimiter (comma, or semicolon as Excel writes in
    an Indonesian locale)."""
    with path.open("rb") as f:
        first = f.read(1 << 16)
    try:  # an incomplete character at the end of the sample is not an error
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(first, final=False)
    except UnicodeDecodeError:
        raise DataValidationError(path.name, [_not_utf8(path.name)]) from None
    lines = text.splitlines()  # \n, \r\n or \r (old Mac Excel)
    line = lines[0] if lines else ""
    if not line.strip():
        raise DataValidationError(
            path.name,
            [Problem(path.name, None, None, "berkas kosong", "isi judul kolom dan data")],
        )
    best: tuple[int, str, list[str]] = (0, ",", [])
    for delimiter in (",", ";"):
        cells = next(csv.reader([line], delimiter=delimiter))
        if len(cells) > best[0]:
            best = (len(cells), delimiter, cells)
    return best[2], best[1]


def _not_utf8(label: str) -> Problem:
    return Problem(label, None, None, "berkas bukan teks UTF-8", "simpan ulang sebagai CSV UTF-8")


def _csv_error(path: Path, delimiter: str, width: int, exc: Exception) -> DataValidationError:
    """A pyarrow failure as the user's error; the row is found again with ``csv``."""
    text = str(exc)
    if "UTF8" in text or "UTF-8" in text:
        return DataValidationError(path.name, [_not_utf8(path.name)])
    row = None
    if "parse error" in text:
        with path.open(encoding="utf-8-sig", newline="") as f:
            # the spreadsheet row is the record's number (a quoted line break stays
            # inside its record), counting blank lines as rows like the reader does
            for number, cells in enumerate(csv.reader(f, delimiter=delimiter), start=1):
                if cells and len(cells) != width:
                    row = number
                    break
        return DataValidationError(
            path.name,
            [
                Problem(
                    path.name,
                    row,
                    None,
                    f"jumlah sel pada baris ini tidak sama dengan jumlah kolom judul ({width})",
                    f"periksa pemisah ({delimiter!r}) yang berlebih atau kurang; tulis angka "
                    "ribuan dengan titik atau dalam tanda kutip",
                )
            ],
        )
    return DataValidationError(
        path.name, [Problem(path.name, None, None, f"berkas tidak bisa dibaca ({text})")]
    )


def _canon(column: object) -> str:
    c = str(column).strip().lower()
    return _ALIASES.get(c, _ALIASES.get(c.replace(" ", "_"), c))
