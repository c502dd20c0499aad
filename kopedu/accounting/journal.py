"""The journal (jurnal umum): immutable entries, the postings frame, the text form.

A journal is handled in two shapes:

* :class:`JournalEntry` / :class:`JournalLine` — frozen records for building entries
  in code and for lessons;
* a *postings frame* — one row per line, the shape every computation uses
  (vectorised, no loops over rows):

  ============ ===============================================================
  entri        entry number (1, 2, …) in journal order (int64)
  baris        where the line came from: spreadsheet row or text line (int64)
  tanggal      date (datetime64)
  bukti        voucher number (nomor bukti; text, :data:`TEXT`)
  akun         account code after resolving names against a chart (category)
  debit        whole rupiah (int64)
  kredit       whole rupiah (int64)
  keterangan   description (text, :data:`TEXT`)
  anggota      member number, empty when the line is not a member's (category)
  ============ ===============================================================

Text columns are pandas' ``str`` dtype backed by Arrow (:data:`TEXT`): a million
voucher numbers are one Arrow buffer, not a million Python objects.

Reading a file (:mod:`kopedu.accounting.reader`) raises
:class:`~kopedu.errors.DataValidationError` only for what
cannot be read at all (a missing column, text where a number belongs, a missing
date). Mistakes in the *bookkeeping* — an unbalanced entry, an unknown account, a
negative amount — are returned as findings by :func:`check_journal`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kopedu.accounting.chart import Chart
from kopedu.errors import DataValidationError, KopeduError, Problem

__all__ = [
    "JOURNAL_COLUMNS",
    "TEXT",
    "JournalEntry",
    "JournalLine",
    "as_category",
    "empty_journal",
    "entries_from_journal",
    "finish_journal",
    "journal_from_entries",
    "parse_journal",
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

#: dtype of the text columns (``bukti``, ``keterangan``): pandas' ``str``, Arrow-backed.
TEXT = pd.StringDtype("pyarrow", na_value=np.nan)


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
        """The debit of all the entry's lines, in whole rupiah."""
        return sum(int(line.debit) for line in self.lines)

    @property
    def total_kredit(self) -> int:
        """The kredit of all the entry's lines, in whole rupiah."""
        return sum(int(line.kredit) for line in self.lines)


def empty_journal() -> pd.DataFrame:
    """A postings frame with no rows and the right dtypes."""
    return finish_journal(
        pd.DataFrame(
            {
                "baris": pd.Series([], dtype="int64"),
                "tanggal": pd.Series([], dtype="datetime64[s]"),
                "bukti": pd.Series([], dtype=TEXT),
                "akun": pd.Series([], dtype=object),
                "debit": pd.Series([], dtype="int64"),
                "kredit": pd.Series([], dtype="int64"),
                "keterangan": pd.Series([], dtype=TEXT),
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
    return finish_journal(df, chart)


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


def as_text(col: pd.Series | Sequence) -> pd.Series:
    """A column as :data:`TEXT` with blanks (NaN/None) as ``""``; numbers become text."""
    col = col if isinstance(col, pd.Series) else pd.Series(col, dtype=object)
    if col.dtype != TEXT:
        col = col.astype(object).where(col.notna(), "").astype(str).astype(TEXT)
    return col.fillna("") if col.hasnans else col


def blank_text(n: int) -> pa.ChunkedArray:
    """``n`` empty strings in Arrow: chunks that all share one small buffer."""
    size = 1 << 16
    piece = pa.repeat(pa.scalar("", pa.large_string()), min(n, size))
    chunks = [piece] * (n // size) + ([piece.slice(0, n % size)] if n % size else [])
    return pa.chunked_array(chunks or [piece], type=pa.large_string())


def text_changes(col: pd.Series) -> np.ndarray:
    """``out[i]`` is True where ``col[i + 1] != col[i]`` (length ``len(col) - 1``).

    For Arrow text the comparison runs in Arrow, without making Python strings.
    """
    n = len(col)
    if n < 2:
        return np.zeros(0, dtype=bool)
    if col.dtype == TEXT:
        arr = pa.array(col.array)  # zero copy: the Arrow data behind the column
        changed = pc.not_equal(arr.slice(1), arr.slice(0, n - 1))
        return changed.to_numpy(zero_copy_only=False)  # no nulls: text is filled
    arr = col.to_numpy()
    return arr[1:] != arr[:-1]


def _entry_ids(tanggal: np.ndarray, bukti: pd.Series) -> np.ndarray:
    """Entry number per line: a new entry starts where date or voucher changes."""
    n = len(bukti)
    if n == 0:
        return np.zeros(0, dtype="int64")
    start = np.empty(n, dtype=bool)
    start[0] = True
    start[1:] = text_changes(bukti)
    t = tanggal.view("int64") if tanggal.dtype.kind == "M" else tanggal  # NaT equals NaT
    start[1:] |= t[1:] != t[:-1]
    entri = start.astype("int64")
    return np.cumsum(entri, out=entri)  # int64 in place: no casting loop


def finish_journal(
    df: pd.DataFrame | dict, chart: Chart | None, *, text_clean: bool = False, loose: bool = False
) -> pd.DataFrame:
    """Canonical columns and dtypes; resolve account names to codes.

    Does not copy more than it must: the journal of a million transactions passes through
    here.

    ``text_clean`` says the text columns are already :data:`TEXT` without blanks.
    """
    n = len(df["bukti"])
    bukti = df["bukti"] if text_clean else as_text(df["bukti"])
    tanggal = df["tanggal"]
    if tanggal.dtype != "datetime64[s]":
        tanggal = tanggal.astype("datetime64[s]")
    if "keterangan" in df:
        keterangan = df["keterangan"] if text_clean else as_text(df["keterangan"])
    else:
        keterangan = pd.Series(pd.array(blank_text(n), dtype=TEXT))
    anggota = df.get("anggota")
    if anggota is None:
        anggota = pd.Categorical.from_codes(np.zeros(n, dtype="int8"), [""])
    else:
        if anggota.dtype != "category":  # 7 and "7" are one member
            anggota = as_text(anggota).str.strip()
        anggota = anggota.astype("category")
        if "" not in anggota.cat.categories:
            anggota = anggota.cat.add_categories([""])
        anggota = anggota.fillna("")
        anggota = anggota.cat.rename_categories(lambda c: str(c)) if n else anggota
    out = pd.DataFrame(
        {
            "entri": _entry_ids(np.asarray(tanggal), bukti),
            "baris": np.asarray(df["baris"], dtype="int64"),
            "tanggal": tanggal.to_numpy(),
            "bukti": bukti.array,
            "akun": resolve_accounts(df["akun"], chart, loose=loose).array,
            "debit": np.asarray(df["debit"], dtype="int64"),
            "kredit": np.asarray(df["kredit"], dtype="int64"),
            "keterangan": keterangan.array,
            "anggota": pd.Series(anggota).array,
        },
        copy=False,  # no consolidation copy of a million-row frame
    )
    return out


def as_category(col: pd.Series, *, runs: bool = False) -> pd.Series:
    """Categorical view of a column (factorised; faster than ``astype("category")``).

    With ``runs=True`` a column made of long runs of equal values (the dates of a
    journal in date order) is factorised by its run heads only.
    """
    if col.dtype == "category":
        return col
    arr = col.to_numpy()
    n = len(arr)
    if runs and n > 1 and arr.dtype == object:
        start = np.empty(n, dtype=bool)
        start[0] = True
        start[1:] = arr[1:] != arr[:-1]
        pos = np.flatnonzero(start)
        if len(pos) * 4 < n:
            head_codes, uniques = pd.factorize(arr[pos], use_na_sentinel=True)
            codes = np.repeat(head_codes, np.diff(np.r_[pos, n]))
            return pd.Series(pd.Categorical.from_codes(codes, uniques), index=col.index)
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    return pd.Series(pd.Categorical.from_codes(codes, uniques), index=col.index)


def resolve_accounts(akun: pd.Series, chart: Chart | None, *, loose: bool = False) -> pd.Series:
    """Account column as a category of codes; names the chart knows become codes.

    Unknown accounts (or every account when ``chart`` is None) are kept as written,
    without surrounding spaces. ``loose`` accepts the usual spellings and textbook
    synonyms (see :meth:`~kopedu.accounting.Chart.resolve`).
    """
    cat = as_category(akun if akun.dtype in ("category", object) else akun.astype(str))
    raw = pd.Index(cat.cat.categories.astype(str))
    stripped = pd.Series(raw.str.strip(), dtype=object)
    if chart is not None:  # a code Excel stored as a number and a CSV wrote as 1101.0
        whole = stripped.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
        known = chart.accounts.index
        excel = (whole != stripped) & whole.isin(known) & ~stripped.isin(known)
        raw = pd.Index(np.where(excel.to_numpy(), whole.to_numpy(), raw.to_numpy()))
        stripped = stripped.where(~excel, whole)
    resolved = stripped if chart is None else chart.resolve(list(raw), loose=loose).fillna(stripped)
    if resolved.is_unique:  # no two spellings of one account: keep the codes as they are
        return pd.Series(cat.array.rename_categories(pd.Index(resolved)), index=akun.index)
    final = pd.Index(pd.unique(resolved.to_numpy()))
    remap = final.get_indexer(resolved.to_numpy())
    codes = cat.array.codes
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
    from kopedu.io import cells
    from kopedu.texts import say

    rows: list[tuple] = []
    problems: list[Problem] = []
    header: tuple | None = None

    def problem(number: int, key: str, column: str | None = None, found: str | None = None):
        problems.append(
            Problem(
                source,
                number,
                column,
                say("io", f"teks.{key}"),
                say("io", f"teks.{key}.fix"),
                found=found,
                code=f"teks.{key}",
            )
        )

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            m = _HEADER.match(line.strip())
            if not m:
                header = None
                problem(number, "header", found=line.strip())
                continue
            try:
                date = cells.date(m["tanggal"])
            except cells.CellError as exc:
                header = None
                problems.append(exc.problem(source, number, "tanggal", m["tanggal"]))
                continue
            header = (date, m["bukti"], m["ket"].strip())
            continue
        m = _LINE.match(line)
        if header is None or not m:
            problem(number, "line" if header else "line_without_header", found=line.strip())
            continue
        try:
            amount = cells.rupiah(m["jumlah"]) or 0
        except cells.CellError as exc:
            problems.append(exc.problem(source, number, "jumlah", m["jumlah"]))
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
    out = finish_journal(df, chart)
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
