"""The journal (jurnal umum): immutable entries, reading from files and text.

A journal is handled in two shapes:

* :class:`JournalEntry` / :class:`JournalLine` — frozen records for building entries
  in code and for lessons;
* a *postings frame* — one row per line, the shape every computation uses
  (vectorised, no loops over rows):

  ============ ===============================================================
  entri        entry number (1, 2, …) in journal order (int64)
  baris        where the line came from: spreadsheet row or text line (int64)
  tanggal      date (datetime64)
  bukti        voucher number (nomor bukti)
  akun         account code after resolving names against a chart (category)
  debit        whole rupiah (int64)
  kredit       whole rupiah (int64)
  keterangan   description
  anggota      member number, empty when the line is not a member's
  ============ ===============================================================

Reading a file raises :class:`~kopedu.errors.DataValidationError` only for what
cannot be read at all (a missing column, text where a number belongs, a missing
date). Mistakes in the *bookkeeping* — an unbalanced entry, an unknown account, a
negative amount — are returned as findings by :func:`check_journal`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kopedu.accounting.chart import Chart
from kopedu.errors import DataValidationError, KopeduError, Problem
from kopedu.formatting import ParseError, parse_date, parse_rupiah
from kopedu.validation import pa, validate_frame

__all__ = [
    "JOURNAL_COLUMNS",
    "JournalEntry",
    "JournalLine",
    "empty_journal",
    "entries_from_journal",
    "journal_from_entries",
    "parse_journal",
    "read_journal",
]

JOURNAL_COLUMNS = [
    "entri",
    "baris",
    "tanggal",
    "bukti",
    "akun",
    "debit",
    "kredit",
    "keterangan",
    "anggota",
]

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


@dataclass(frozen=True, slots=True)
class JournalLine:
    """One line of a journal entry: an account and a debit *or* a kredit amount.

    Examples
    --------
    >>> JournalLine("Kas", debit=100_000)
    JournalLine(account='Kas', debit=100000, kredit=0, member='', memo='')
    """

    account: str
    debit: int = 0
    kredit: int = 0
    member: str = ""
    memo: str = ""

    def __post_init__(self) -> None:
        for name in ("debit", "kredit"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise KopeduError(
                    f"{name} pada baris akun {self.account!r} harus rupiah utuh (int), "
                    f"bukan {type(value).__name__}: uang di kopedu tidak memakai float."
                )


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """A journal entry: date, voucher, description and its lines.

    Whether it balances is *checked* (:func:`check_journal`), not enforced here, so
    that a trainee's unbalanced entry can be recorded and then explained.

    Examples
    --------
    >>> e = JournalEntry(dt.date(2024, 4, 2), "BKM-001", "Setoran simpanan pokok",
    ...     (JournalLine("Kas", debit=100), JournalLine("Simpanan pokok", kredit=100)))
    >>> e.total_debit == e.total_kredit
    True
    """

    date: dt.date
    voucher: str
    description: str
    lines: tuple[JournalLine, ...]

    @property
    def total_debit(self) -> int:
        return sum(int(line.debit) for line in self.lines)

    @property
    def total_kredit(self) -> int:
        return sum(int(line.kredit) for line in self.lines)


def empty_journal() -> pd.DataFrame:
    """A postings frame with no rows and the right dtypes."""
    return _finish(
        pd.DataFrame(
            {
                "baris": pd.Series([], dtype="int64"),
                "tanggal": pd.Series([], dtype="datetime64[s]"),
                "bukti": pd.Series([], dtype=object),
                "akun": pd.Series([], dtype=object),
                "debit": pd.Series([], dtype="int64"),
                "kredit": pd.Series([], dtype="int64"),
                "keterangan": pd.Series([], dtype=object),
                "anggota": pd.Series([], dtype=object),
            }
        ),
        chart=None,
    )


def journal_from_entries(
    entries: Iterable[JournalEntry], chart: Chart | None = None
) -> pd.DataFrame:
    """Postings frame of some :class:`JournalEntry` records.

    Examples
    --------
    >>> e = JournalEntry(dt.date(2024, 4, 2), "BKM-001", "Setoran",
    ...     (JournalLine("1101", debit=100), JournalLine("3101", kredit=100)))
    >>> journal_from_entries([e])[["entri", "akun", "debit", "kredit"]].to_numpy().tolist()
    [[1, '1101', 100, 0], [1, '3101', 0, 100]]
    """
    rows = [
        (
            e.date,
            e.voucher,
            ln.account,
            int(ln.debit),
            int(ln.kredit),
            ln.memo or e.description,
            ln.member,
        )
        for e in entries
        for ln in e.lines
    ]
    if not rows:
        return empty_journal()
    df = pd.DataFrame(
        rows, columns=["tanggal", "bukti", "akun", "debit", "kredit", "keterangan", "anggota"]
    )
    df["baris"] = np.arange(1, len(df) + 1, dtype="int64")
    df["tanggal"] = pd.to_datetime(df["tanggal"])
    df["debit"] = df["debit"].astype("int64")
    df["kredit"] = df["kredit"].astype("int64")
    return _finish(df, chart)


def entries_from_journal(journal: pd.DataFrame) -> list[JournalEntry]:
    """The :class:`JournalEntry` records of a postings frame (for display and tests)."""
    out = []
    for _, g in journal.groupby("entri", sort=True):
        recs = g.to_dict("records")
        lines = tuple(
            JournalLine(str(r["akun"]), int(r["debit"]), int(r["kredit"]), str(r["anggota"]))
            for r in recs
        )
        first = recs[0]
        out.append(
            JournalEntry(
                pd.Timestamp(first["tanggal"]).date(),
                str(first["bukti"]),
                str(first["keterangan"]),
                lines,
            )
        )
    return out


# --------------------------------------------------------------------------- files

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
    slow = ~fast_idx & (text != "").to_numpy()
    if slow.any():
        uniq = pd.unique(text[slow])
        parsed: dict[str, int | None] = {}
        for u in uniq:
            if u.endswith(".0") and _PLAIN.match(u[:-2].lstrip("-")):  # Excel float cell
                parsed[u] = int(u[:-2])
                continue
            try:
                parsed[u] = int(parse_rupiah(u))
            except ParseError:
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
    cat = _as_category(col)
    cats = pd.Series(cat.cat.categories)
    iso = pd.to_datetime(cats.astype(str), format="%Y-%m-%d", errors="coerce")
    for i in np.flatnonzero(iso.isna().to_numpy()):
        value = cats.iloc[i]
        with contextlib.suppress(ParseError, TypeError, ValueError):
            iso.iloc[i] = pd.Timestamp(
                parse_date(value if not isinstance(value, str) else value.strip())
            )
    codes = cat.cat.codes.to_numpy()
    # A trailing NaT, picked by code -1 (blank cell).
    values = np.r_[iso.to_numpy(dtype="datetime64[s]"), np.array(["NaT"], "datetime64[s]")]
    out = values[codes]
    bad_cat = np.isnat(values[:-1])
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
    if isinstance(source, pd.DataFrame):
        label, df = "<tabel>", source.copy()
        df = df.replace("", np.nan) if len(df) else df
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
            text = ("tanggal", "akun", "bukti", "keterangan", "anggota")
            dtypes = {c: object for c, k in canon.items() if k in text}
            df = _read_csv(path, dtypes)
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
    # Continuation lines: blank date and voucher → the line above.
    blank = df["tanggal"].isna()
    if blank.any() and (blank & df["bukti"].isna()).any():
        df["tanggal"] = df["tanggal"].ffill()
        df["bukti"] = df["bukti"].ffill()
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
    suspect = (tanggal.isna() | df["bukti"].isna() | df["akun"].isna()).to_numpy()
    rows = np.flatnonzero(suspect)
    checked = pd.DataFrame(
        {k: (v.iloc[rows] if isinstance(v, pd.Series) else v[rows]) for k, v in out.items()},
        index=rows,
    )
    validate_frame(checked, _SCHEMA, label, first_data_row=first_row, extra=problems)
    for extra in ("keterangan", "anggota"):
        if extra in df:
            out[extra] = df[extra]
    return _finish(out, chart)


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


def _entry_ids(tanggal: np.ndarray, bukti: np.ndarray) -> np.ndarray:
    """Entry number per line: a new entry starts where date or voucher changes."""
    n = len(bukti)
    if n == 0:
        return np.zeros(0, dtype="int64")
    start = np.empty(n, dtype=bool)
    start[0] = True
    start[1:] = (bukti[1:] != bukti[:-1]) | (tanggal[1:] != tanggal[:-1])
    return np.cumsum(start.view(np.int8), dtype="int64")


def _finish(df: pd.DataFrame | dict, chart: Chart | None) -> pd.DataFrame:
    """Canonical columns and dtypes; resolve account names to codes. Does not copy more
    than it must: the journal of a million transactions passes through here."""
    n = len(df["bukti"])
    bukti = df["bukti"]
    if bukti.dtype != object or pd.api.types.infer_dtype(bukti, skipna=False) != "string":
        bukti = bukti.astype(str).astype(object)
    tanggal = df["tanggal"]
    if tanggal.dtype != "datetime64[s]":
        tanggal = tanggal.astype("datetime64[s]")
    keterangan = df["keterangan"] if "keterangan" in df else pd.Series("", index=range(n))
    if keterangan.dtype != object:
        keterangan = keterangan.astype(object)
    if keterangan.hasnans:
        keterangan = keterangan.fillna("")
    anggota = df.get("anggota")
    if anggota is None:
        anggota = pd.Categorical.from_codes(np.zeros(n, dtype="int8"), [""])
    else:
        anggota = anggota.astype("category")
        if "" not in anggota.cat.categories:
            anggota = anggota.cat.add_categories([""])
        anggota = anggota.fillna("")
        anggota = anggota.cat.rename_categories(lambda c: str(c)) if n else anggota
    out = pd.DataFrame(
        {
            "entri": _entry_ids(np.asarray(tanggal), np.asarray(bukti)),
            "baris": np.asarray(df["baris"], dtype="int64"),
            "tanggal": tanggal.to_numpy(),
            "bukti": bukti.to_numpy(),
            "akun": resolve_accounts(df["akun"], chart).array,
            "debit": np.asarray(df["debit"], dtype="int64"),
            "kredit": np.asarray(df["kredit"], dtype="int64"),
            "keterangan": keterangan.to_numpy(),
            "anggota": pd.Series(anggota).array,
        }
    )
    return out


def _as_category(col: pd.Series) -> pd.Series:
    """Categorical view of a column (factorised; faster than ``astype("category")``)."""
    if col.dtype == "category":
        return col
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    return pd.Series(pd.Categorical.from_codes(codes, uniques), index=col.index)


def resolve_accounts(akun: pd.Series, chart: Chart | None) -> pd.Series:
    """Account column as a category of codes; names the chart knows become codes.

    Unknown accounts (or every account when ``chart`` is None) are kept as written,
    without surrounding spaces.
    """
    cat = _as_category(akun if akun.dtype in ("category", object) else akun.astype(str))
    raw = pd.Index(cat.cat.categories.astype(str))
    stripped = pd.Series(raw.str.strip(), dtype=object)
    resolved = stripped if chart is None else chart.resolve(list(raw)).fillna(stripped)
    final = pd.Index(pd.unique(resolved.to_numpy()))
    remap = final.get_indexer(resolved.to_numpy())
    codes = cat.cat.codes.to_numpy()
    new = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1) if len(remap) else codes
    return pd.Series(pd.Categorical.from_codes(new, final), index=akun.index)


# ---------------------------------------------------------------------------- text

_HEADER = re.compile(
    r"^(?P<tanggal>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})"
    r"\s+(?P<bukti>\S+)\s*(?P<ket>.*)$"
)
_LINE = re.compile(
    r"^\s+(?P<side>D|K|Db|Kr|Debit|Kredit)\s+(?P<akun>.+?)\s+(?P<jumlah>-?(?:Rp\.?\s*)?[\d.,]+)"
    r"(?:\s+@(?P<anggota>\S+))?\s*$",
    re.IGNORECASE,
)


def parse_journal(text: str, chart: Chart | None = None, *, source: str = "<teks>") -> pd.DataFrame:
    """Read the compact text form used in lessons and tests.

    An entry is a header line — date, voucher, description — followed by indented
    lines ``D <akun> <jumlah>`` (debit) or ``K <akun> <jumlah>`` (kredit), with an
    optional member number ``@A001`` at the end. Amounts are written the
    Indonesian way. ``#`` starts a comment line.

    Examples
    --------
    >>> j = parse_journal('''
    ... 2024-04-02 BKM-001 Setoran simpanan pokok
    ...     D Kas              100.000.000
    ...     K Simpanan pokok   100.000.000
    ... ''')
    >>> j[["akun", "debit", "kredit"]].to_numpy().tolist()
    [['Kas', 100000000, 0], ['Simpanan pokok', 0, 100000000]]
    """
    rows: list[tuple] = []
    problems: list[Problem] = []
    header: tuple | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            m = _HEADER.match(line.strip())
            if not m:
                header = None
                problems.append(
                    Problem(
                        source,
                        number,
                        None,
                        f"judul transaksi {line.strip()!r} tidak bisa dibaca",
                        "tulis: TANGGAL NO-BUKTI keterangan",
                    )
                )
                continue
            try:
                date = parse_date(m["tanggal"])
            except ParseError as exc:
                header = None
                problems.append(Problem(source, number, "tanggal", str(exc)))
                continue
            header = (date, m["bukti"], m["ket"].strip())
            continue
        m = _LINE.match(line)
        if header is None or not m:
            problems.append(
                Problem(
                    source,
                    number,
                    None,
                    f"baris {line.strip()!r} tidak bisa dibaca"
                    if header
                    else "baris akun tanpa judul transaksi di atasnya",
                    "tulis baris akun seperti '    D Kas 100.000' atau "
                    "'    K Simpanan pokok 100.000'",
                )
            )
            continue
        try:
            amount = int(parse_rupiah(m["jumlah"]))
        except ParseError as exc:
            problems.append(Problem(source, number, "jumlah", str(exc)))
            continue
        debit = m["side"].lower().startswith("d")
        rows.append(
            (
                number,
                header[0],
                header[1],
                m["akun"].strip(),
                amount if debit else 0,
                0 if debit else amount,
                header[2],
                m["anggota"] or "",
            )
        )
    if problems:
        raise DataValidationError(source, problems)
    if not rows:
        return empty_journal()
    df = pd.DataFrame(
        rows,
        columns=["baris", "tanggal", "bukti", "akun", "debit", "kredit", "keterangan", "anggota"],
    )
    df["tanggal"] = pd.to_datetime(df["tanggal"])
    df = df.astype({"debit": "int64", "kredit": "int64", "baris": "int64"})
    out = _finish(df, chart)
    # In text, every header starts a new entry even if it repeats the previous voucher.
    starts = _first_after_header(out["baris"].to_numpy(), _header_starts(text))
    out["entri"] = np.cumsum(starts, dtype="int64")
    return out


def _header_starts(text: str) -> np.ndarray:
    return np.array(
        [
            i
            for i, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line[0].isspace() and not line.lstrip().startswith("#")
        ],
        dtype="int64",
    )


def _first_after_header(lines: np.ndarray, headers: np.ndarray) -> np.ndarray:
    """True for the first posting after each header line."""
    owner = np.searchsorted(headers, lines, side="right")
    return np.r_[True, owner[1:] != owner[:-1]] if len(lines) else np.zeros(0, bool)


def concat_journals(journals: Sequence[pd.DataFrame], chart: Chart | None = None) -> pd.DataFrame:
    """Join journals one after another (e.g. the year's journal + adjusting entries).

    Entry numbers are renumbered so that entries stay distinct.
    """
    parts = []
    offset = 0
    for j in journals:
        part = j.copy()
        part["akun"] = part["akun"].astype(str)
        part["entri"] = part["entri"] + offset
        offset = int(part["entri"].max()) if len(part) else offset
        parts.append(part)
    if not parts:
        return empty_journal()
    out = pd.concat(parts, ignore_index=True)
    entri = out["entri"].to_numpy()
    out["akun"] = resolve_accounts(out["akun"], chart)
    out["entri"] = entri
    return out[JOURNAL_COLUMNS]
