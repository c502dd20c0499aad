"""Reading a journal from CSV or XLSX into a postings frame, fast and validated.

A million-transaction CSV goes through here in the benchmark, so the reader keeps to
vectorised steps: pandas' parallel C parser with text columns as ``object`` (category
dtypes or ``usecols`` would switch the parallel reader off), factorised dates and
accounts (each distinct text parsed once), Indonesian amounts parsed by regular
expression with :func:`~kopedu.formatting.parse_rupiah` only for unusual cells, and the
declared schema checked on the rows a vectorised pre-check flags.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from kopedu.accounting.chart import Chart
from kopedu.accounting.journal import _as_category, _finish
from kopedu.errors import DataValidationError, KopeduError, Problem
from kopedu.formatting import ParseError, parse_date, parse_rupiah
from kopedu.validation import pa, validate_frame

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


_DOT_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_PLAIN = re.compile(r"^\d+$")

_SCHEMA = pa.DataFrameSchema(
    {
        "tanggal": pa.Column(
            "datetime64[s]", nullable=False, metadata={"fix": "isi tanggal, mis. 2024-04-02"}
        ),
        "bukti": pa.Column(nullable=False, metadata={"fix": "isi nomor bukti transaksi"}),
        "akun": pa.Column(nullable=False, metadata={"fix": "isi kode atau nama akun"}),
        "debit": pa.Column("int64", metadata={"fix": "tulis rupiah utuh, mis. 1.250.000"}),
        "kredit": pa.Column("int64", metadata={"fix": "tulis rupiah utuh, mis. 1.250.000"}),
    },
    strict=False,
)


def _money(col: pd.Series, name: str, source: str, first_row: int) -> tuple[np.ndarray, list]:
    """Whole rupiah from a column as read (int, float with blanks, or text)."""
    problems: list[Problem] = []
    if col.dtype.kind in "iu":
        return col.to_numpy(dtype="int64"), problems
    if col.dtype.kind == "f":
        v = col.to_numpy()
        finite = np.isfinite(v) | np.isnan(v)
        whole = np.isnan(v) | ((v == np.floor(v)) & (np.abs(v) < 2**53))
        for i in np.flatnonzero(~(finite & whole))[:50]:
            problems.append(
                Problem(
                    source,
                    int(i) + first_row,
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
    fast = text.str.match(r"^-?\d+$") | text.str.match(r"^-?\d{1,3}(?:\.\d{3})+$")
    fast_idx = fast.to_numpy()
    out[fast_idx] = text[fast_idx].str.replace(".", "", regex=False).astype("int64").to_numpy()
    slow = ~fast_idx & ~text.isin(["", "-"]).to_numpy()  # "-" is zero in many ledgers
    if slow.any():
        uniq = pd.unique(text[slow])
        parsed: dict[str, int | None] = {}
        for u in uniq:
            if u.endswith(".0") and _PLAIN.match(u[:-2].lstrip("-")):  # Excel float cell
                parsed[u] = int(u[:-2])
                continue
            try:
                parsed[u] = int(parse_rupiah(u))
            except (ParseError, ArithmeticError):  # "INF" overflows in parse_rupiah
                parsed[u] = None
        values = text[slow].map(parsed)
        bad = values.isna()
        for i, u in zip(values.index[bad][:50], text[slow][bad][:50], strict=True):
            problems.append(
                Problem(
                    source,
                    int(i) + first_row,
                    name,
                    f"{u!r} tidak bisa dibaca sebagai rupiah",
                    "tulis seperti 1.250.000 (titik pemisah ribuan, tanpa sen)",
                )
            )
        out[np.flatnonzero(slow)[~bad.to_numpy()]] = values[~bad].astype("int64").to_numpy()
    return out, problems


def _dates(col: pd.Series, source: str, first_row: int) -> tuple[pd.Series, list[Problem]]:
    """Dates from a column; each distinct text is parsed once (ISO or Indonesian)."""
    problems: list[Problem] = []
    cat = _as_category(col, runs=True)
    cats = pd.Series(cat.cat.categories)
    iso = pd.to_datetime(cats.astype(str), format="%Y-%m-%d", errors="coerce")
    empty = (cats.astype(str).str.strip() == "").to_numpy()  # missing: the schema says so
    for i in np.flatnonzero(iso.isna().to_numpy() & ~empty):
        value = cats.iloc[i]
        with contextlib.suppress(ParseError, TypeError, ValueError):
            iso.iloc[i] = pd.Timestamp(
                parse_date(value if not isinstance(value, str) else value.strip())
            )
    codes = cat.cat.codes.to_numpy()
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
                    int(i) + first_row,
                    "tanggal",
                    f"{cats.iloc[codes[i]]!r} bukan tanggal yang bisa dibaca",
                    "tulis 2024-04-02, 02/04/2024 atau 2 April 2024",
                )
            )
    return pd.Series(out, index=col.index, dtype="datetime64[s]"), problems


def read_journal(
    source: str | Path | pd.DataFrame,
    chart: Chart | None = None,
    *,
    sheet: str | int = 0,
) -> pd.DataFrame:
    """Read a journal from CSV or XLSX (or a DataFrame) into a postings frame.

    Columns: ``tanggal``, ``bukti``, ``akun`` (code or name), ``debit``, ``kredit``
    and optionally ``keterangan`` and ``anggota`` (common spellings such as
    ``no_bukti`` or ``kode_akun`` are accepted). Amounts may be written the
    Indonesian way (``1.250.000``, ``Rp 50.000``); a blank amount is 0. A line
    whose ``tanggal`` and ``bukti`` are blank continues the entry above it.
    Consecutive lines with the same date and voucher form one entry.

    Parameters
    ----------
    source : path or DataFrame
        ``.csv`` (UTF-8, comma separated) or ``.xlsx``.
    chart : Chart, optional
        Resolve account names to codes (unknown names are kept as written and
        reported by :func:`check_journal`).
    sheet : str or int
        Worksheet of an XLSX file.

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
    from_csv = False
    if isinstance(source, pd.DataFrame):
        label, df = "<tabel>", source.copy()
    else:
        path = Path(source)
        label = path.name
        if not path.exists():
            raise KopeduError(f"Berkas jurnal {path} tidak ditemukan.")
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            df = pd.read_excel(path, sheet_name=sheet, dtype=object)
        else:
            header = _read_csv(path, None, nrows=0).columns
            canon = {c: _canon(c) for c in header}
            # Text columns as object: category dtypes (or usecols) would switch off
            # pandas' parallel reader; they are factorised afterwards.
            # Blank text cells are read as "" (no NaN detection, which is slow on
            # object columns); blank amounts as NaN.
            text = ("tanggal", "akun", "bukti", "keterangan", "anggota")
            dtypes = {c: object for c, k in canon.items() if k in text}
            blanks = {c: [""] for c, k in canon.items() if k in ("debit", "kredit")}
            df = _read_csv(path, dtypes, keep_default_na=False, na_values=blanks)
            from_csv = True
    df = df.rename(columns={c: _canon(c) for c in df.columns})
    missing = [c for c in ("tanggal", "bukti", "akun", "debit", "kredit") if c not in df]
    if missing:
        raise DataValidationError(
            label,
            [
                Problem(
                    label,
                    None,
                    c,
                    "kolom wajib ini tidak ada",
                    "kolom jurnal: tanggal, bukti, akun, debit, kredit (keterangan, anggota)",
                )
                for c in missing
            ],
        )
    df = df.reset_index(drop=True)
    if not from_csv:  # tables and XLSX: blanks may be NaN/None; the CSV reader gives ""
        for c in ("tanggal", "bukti", "akun", "keterangan", "anggota"):
            if c in df:
                df[c] = df[c].astype(object).where(df[c].notna(), "")
    # Continuation lines: blank date and voucher → the line above.
    blank_date = df["tanggal"].to_numpy() == ""
    if blank_date.any():
        cont = blank_date & (df["bukti"].to_numpy() == "")
        if cont.any():
            for c in ("tanggal", "bukti"):
                filled = df[c].mask(cont).ffill()
                df[c] = filled.astype(object).where(filled.notna(), "")
    problems: list[Problem] = []
    debit, p1 = _money(df["debit"], "debit", label, first_row)
    kredit, p2 = _money(df["kredit"], "kredit", label, first_row)
    tanggal, p3 = _dates(df["tanggal"], label, first_row)
    problems += p1 + p2 + p3
    if debit.dtype != "int64" or kredit.dtype != "int64":  # unreadable amounts, listed
        debit = kredit = np.zeros(len(df), "int64")
    if p3:
        bad_dates = [p.row - first_row for p in p3 if p.row is not None]
        tanggal = tanggal.copy()
        tanggal.iloc[bad_dates] = pd.Timestamp("1970-01-01")
    out = {
        "baris": np.arange(first_row, first_row + len(df), dtype="int64"),
        "tanggal": tanggal,
        "bukti": df["bukti"],
        "akun": df["akun"],
        "debit": debit,
        "kredit": kredit,
    }
    # The schema's per-row checks (cells that must not be empty) run on the rows a
    # vectorised pre-check flags; on a clean file that is none, and pandera then
    # checks the columns and dtypes without copying a million rows.
    suspect = (
        np.isnat(tanggal.to_numpy())
        | (df["bukti"].to_numpy() == "")
        | (df["akun"].to_numpy() == "")
    )
    rows = np.flatnonzero(suspect)
    checked = pd.DataFrame(
        {k: (v.iloc[rows] if isinstance(v, pd.Series) else v[rows]) for k, v in out.items()},
        index=rows,
    ).replace({"bukti": {"": np.nan}, "akun": {"": np.nan}})
    validate_frame(checked, _SCHEMA, label, first_data_row=first_row, extra=problems)
    # Keep copies of the columns still needed and let the file's table go: its date
    # and account cells are millions of small strings that are no longer needed.
    out["akun"] = _as_category(df["akun"])
    for name in ("bukti", "keterangan", "anggota"):
        if name in df:
            out[name] = pd.Series(df[name].to_numpy(copy=True), dtype=object)
    del df
    return _finish(out, chart, text_clean=True)


_PARSER_LINE = re.compile(r"line (\d+)")


def _read_csv(path: Path, dtypes: dict | None, **kwargs: object) -> pd.DataFrame:
    """``pandas.read_csv`` whose failures become :class:`DataValidationError`."""
    try:
        return pd.read_csv(path, dtype=dtypes, skipinitialspace=True, **kwargs)
    except pd.errors.EmptyDataError:
        problem = Problem(path.name, None, None, "berkas kosong", "isi judul kolom dan data")
    except pd.errors.ParserError as exc:
        m = _PARSER_LINE.search(str(exc))
        problem = Problem(
            path.name,
            int(m.group(1)) if m else None,
            None,
            f"jumlah sel pada baris ini tidak sama dengan jumlah kolom ({exc})",
            "periksa koma berlebih; tulis angka ribuan dengan titik atau dalam tanda kutip",
        )
    except UnicodeDecodeError:
        problem = Problem(
            path.name, None, None, "berkas bukan teks UTF-8", "simpan ulang sebagai CSV UTF-8"
        )
    raise DataValidationError(path.name, [problem])


def _canon(column: object) -> str:
    c = str(column).strip().lower()
    return _ALIASES.get(c, _ALIASES.get(c.replace(" ", "_"), c))
