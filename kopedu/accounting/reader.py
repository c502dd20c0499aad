"""Reading a journal — as koperasi and textbooks keep it — into a postings frame.

Every file goes through kopedu's one ingestion layer (:mod:`kopedu.io`): the file's
kind, encoding, delimiter, sheet, header row and column names are found there, and a
file that cannot be read is refused with the row, the column and the fix. What this
module adds is the journal:

* columns in their usual spellings (``headers.csv``, table ``jurnal``): Debet/Kredit,
  Kode/Nama Perkiraan, No. Bukti …; **one amount column with a D/K column** (an app's
  export) is read as debit and kredit;
* a journal with **code and name** columns: the code is used, and a name that is not
  the chart's name for that code is a finding (``nama_akun_berbeda``);
* a textbook journal without a voucher column: entries are told apart by date and by a
  debit line following a kredit line, and numbered by their first row (said in a note);
  one whose account names sit under "Keterangan" is read that way (said in a note);
* a totals row at the end (``Jumlah``) is left out when it matches the columns' sums, and
  a finding when it does not;
* the lessons' text form (:func:`~kopedu.accounting.journal.parse_journal`) from a file.

A million-transaction CSV goes through here in the benchmark: a clean UTF-8 CSV is read
by pyarrow (:mod:`kopedu.accounting.arrowcsv`), everything else by the careful reader.
Both end in the same checks: a line whose ``tanggal`` and ``bukti`` are blank continues
the entry above it; a blank row is skipped (row numbers stay those of the file);
consecutive lines with the same date and voucher form one entry. Reading is
all-or-nothing: any unreadable cell refuses the file, every such cell listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kopedu.accounting.arrowcsv import BIG_JOURNAL, FAST_COLUMNS, give_back_memory, read_clean_csv
from kopedu.accounting.chart import Chart
from kopedu.accounting.journal import (
    TEXT,
    as_category,
    as_text,
    finish_journal,
    parse_journal,
    resolve_accounts,
)
from kopedu.errors import DataValidationError, Problem
from kopedu.io import cells
from kopedu.io.headers import ROW_NUMBER, canonical
from kopedu.io.sniff import FileInfo, file_note, inspect_file
from kopedu.io.tables import Spec, Table
from kopedu.texts import say

__all__ = ["FINDING_COLUMNS", "JournalFile", "read_journal", "read_journal_file"]

#: Columns of the findings frame (those of :func:`~kopedu.accounting.check_journal`).
FINDING_COLUMNS = ["entri", "bukti", "tanggal", "baris", "akun", "jenis", "pesan"]

SPEC = Spec(
    "jurnal",
    (("akun", "kode_akun", "nama_akun", "keterangan"), ("debit", "kredit", "jumlah")),
    "tanggal, bukti, akun, debit, kredit (keterangan, anggota)",
    what="baris jurnal",
)

_TOTAL_WORDS = {"jumlah", "total", "jumlah total", "total jurnal", "jumlah debet kredit", "saldo"}
_SIDES = {
    "d": "d",
    "db": "d",
    "dr": "d",
    "debit": "d",
    "debet": "d",
    "k": "k",
    "kr": "k",
    "cr": "k",
    "kredit": "k",
    "credit": "k",
}
_TEXT_JOURNAL = re.compile(
    r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})\s+\S+"
)
_TEXT_LINE = re.compile(r"^\s+(D|K|Db|Kr|Debit|Kredit)\s+\S", re.IGNORECASE)


@dataclass(frozen=True)
class JournalFile:
    """A journal as read from a file, with what the reader found on the way.

    Attributes
    ----------
    journal : DataFrame
        The postings frame (:mod:`kopedu.accounting.journal`).
    notes : tuple of Problem
        How the file was read: delimiter, encoding, sheet, header row, columns not
        used, blank rows, account names matched through a spelling or a synonym, a
        totals row left out.
    findings : DataFrame
        Findings of reading (``FINDING_COLUMNS``): an account name that is not the
        chart's name for its code, a totals row that does not match.
    rows : int
        Data rows in the file (below the header), for counting.
    skipped : int
        Rows left out and said in the notes (blank rows, a matching totals row).
    """

    journal: pd.DataFrame
    notes: tuple[Problem, ...] = ()
    findings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FINDING_COLUMNS))
    rows: int = 0
    skipped: int = 0


def read_journal(
    source: str | Path | pd.DataFrame,
    chart: Chart | None = None,
    *,
    sheet: str | int | None = None,
    details: bool = True,
) -> pd.DataFrame:
    """Read a journal from CSV, XLSX, the lessons' text form (or a DataFrame).

    Columns: ``tanggal``, ``bukti``, ``akun`` (code or name), ``debit``, ``kredit`` and
    optionally ``keterangan`` and ``anggota`` — in any usual spelling (``No. Bukti``,
    ``Kode Perkiraan``, ``Nama Perkiraan``, ``Debet``) — or one amount column with a
    D/K column. Amounts may be written the Indonesian way (``1.250.000``,
    ``Rp 550.000.-``, ``(1.000)``); a blank amount is 0. See :func:`read_journal_file`
    for the notes and findings of reading.

    Parameters
    ----------
    source : path or DataFrame
        ``.csv`` (``,`` ``;`` or tab; UTF-8, UTF-16 or Windows-1252), ``.xlsx``, or a
        text journal (``.txt``) as the lessons write it.
    chart : Chart, optional
        Resolve account names to codes (unknown names are kept as written and
        reported by :func:`check_journal`).
    sheet : str or int, optional
        Worksheet of an XLSX file (default: the one that holds the journal).
    details : bool, default True
        Read ``keterangan`` and ``anggota``. With False a clean CSV's description
        column is not even parsed: balances and the bookkeeping checks do not need
        them (:func:`~kopedu.accounting.validated_trial_balance` reads a million-line
        journal this way).

    Raises
    ------
    DataValidationError
        When the file cannot be read, a column is missing or a date/amount cannot be
        read (every such cell is listed with its row and column).

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"tanggal": ["2024-04-02", ""], "bukti": ["BKM-1", ""],
    ...     "akun": ["Kas", "Simpanan pokok"], "debit": ["100.000", ""],
    ...     "kredit": ["", "100.000"]})
    >>> read_journal(raw)[["entri", "akun", "debit", "kredit"]].to_numpy().tolist()
    [[1, 'Kas', 100000, 0], [1, 'Simpanan pokok', 0, 100000]]
    """
    return read_journal_file(source, chart, sheet=sheet, details=details).journal


def read_journal_file(
    source: str | Path | pd.DataFrame,
    chart: Chart | None = None,
    *,
    sheet: str | int | None = None,
    details: bool = True,
) -> JournalFile:
    """Read a journal and say how: :class:`JournalFile` (journal, notes, findings, rows).

    Examples
    --------
    >>> import pandas as pd
    >>> from kopedu.accounting import load_chart
    >>> raw = pd.DataFrame({"Tanggal": ["02/04/2024", "02/04/2024"], "No. Bukti": ["B1", "B1"],
    ...     "Nama Perkiraan": ["Kas", "Hutang Usaha"], "Debet": ["Rp 550.000.-", ""],
    ...     "Kredit": ["", "Rp 550.000,-"]})
    >>> jf = read_journal_file(raw, load_chart("ksp"))
    >>> jf.journal["akun"].astype(str).tolist(), [n.code for n in jf.notes]
    (['1101', '2111'], ['jurnal.spelling'])
    """
    if isinstance(source, pd.DataFrame):
        from kopedu.io.tables import read_table

        return _careful(read_table(source, SPEC, name="<tabel>"), chart, details)
    path = Path(source)
    info = inspect_file(path)
    read: JournalFile | None = None
    if info.kind == "text":
        if _is_text_journal(_sample(info)):
            from kopedu.io.delimited import read_text

            return _text_journal(read_text(info)[0], info, chart)
        read = _fast(info, chart, details)
    if read is None:
        from kopedu.io.tables import read_table

        table = read_table(path, SPEC, sheet=sheet)
        read = _careful(table, chart, details)
    return read


# ------------------------------------------------------------------- text journal


def _sample(info: FileInfo) -> str:
    """The first lines of a text file (enough to tell the lessons' journal form)."""
    import codecs

    from kopedu.io.sniff import SAMPLE_BYTES

    with info.path.open("rb") as f:
        data = f.read(SAMPLE_BYTES)
    try:
        return codecs.getincrementaldecoder(info.encoding or "utf-8")().decode(data, final=False)
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1")


def _is_text_journal(text: str) -> bool:
    """Whether a text file is the lessons' journal form.

    That form is a dated header line, then indented ``D``/``K`` lines.
    """
    lines = [ln for ln in text.splitlines()[:40] if ln.strip() and not ln.lstrip().startswith("#")]
    if lines and _TEXT_LINE.match(lines[0]):  # account lines without a header: say so
        return all(_TEXT_LINE.match(ln) or _TEXT_JOURNAL.match(ln) for ln in lines)
    return (
        len(lines) >= 2
        and bool(_TEXT_JOURNAL.match(lines[0]))
        and any(_TEXT_LINE.match(ln) for ln in lines[1:])
    )


def _text_journal(text: str, info: FileInfo, chart: Chart | None) -> JournalFile:
    journal = parse_journal(text, source=info.name)
    written = list(journal["akun"].cat.categories)
    journal["akun"] = resolve_accounts(journal["akun"], chart, loose=True)
    notes = [file_note(info.name, "text_journal"), *_spelling_notes(info.name, written, chart)]
    return JournalFile(journal, tuple(notes), rows=len(journal))


# ------------------------------------------------------------------- fast lane


def _fast(info: FileInfo, chart: Chart | None, details: bool) -> JournalFile | None:
    """A clean UTF-8 CSV through pyarrow; None when the file needs the careful reader."""
    if info.encoding not in ("utf-8", "utf-8-sig") or info.delimiter not in (",", ";", "\t"):
        return None
    header = _first_line(info)
    if header is None:
        return None
    columns: dict[str, str] = {}
    unused: list[str] = []
    for h in header:
        canon = canonical("jurnal", h)
        canon = "akun" if canon == "kode_akun" else canon
        if canon in FAST_COLUMNS:
            if canon in columns.values():
                return None  # the careful reader says which columns mean the same
            columns[h] = canon
        elif canon is None or canon == ROW_NUMBER:
            if h.strip():
                unused.append(h.strip())
        else:
            return None  # D/K, a name beside a code …: the careful reader
    if not {"tanggal", "bukti", "akun", "debit", "kredit"} <= set(columns.values()):
        return None
    raw = read_clean_csv(info.path, info.delimiter or ",", columns, details=details)
    if raw is None or _ends_in_total(raw):  # a totals row: the careful reader says so
        return None
    headers = {k: h.strip() for h, k in columns.items()}
    notes = list(info.notes)
    if unused:
        notes.append(file_note(info.name, "unused_columns", columns=", ".join(map(repr, unused))))
    n = len(raw["bukti"])
    baris = np.arange(2, 2 + n, dtype="int64")
    return _assemble(raw, baris, info.name, None, headers, chart, notes, rows=n)


def _ends_in_total(raw: dict[str, pd.Series]) -> bool:
    """Whether the last row of a fast-lane read is a totals line (see :func:`_total_rows`)."""
    if len(raw["akun"]) == 0:
        return False
    texts = [str(raw[c].iloc[-1]) for c in ("akun", "tanggal", "bukti")]
    words = [" ".join(t.lower().replace(":", " ").split()) for t in texts]
    filled = [w for w in words if w and w not in ("nan", "<na>")]
    return (len(filled) == 1 and filled[0] in _TOTAL_WORDS) or not filled


def _first_line(info: FileInfo) -> list[str] | None:
    import csv

    with info.path.open(encoding="utf-8-sig", newline="") as f:
        line = f.readline()
    if line.count('"') % 2:  # a quote left open in the header: the careful reader
        return None
    cells_ = next(csv.reader([line], delimiter=info.delimiter or ","), [])
    return cells_ or None


# ------------------------------------------------------------------- careful lane


def _careful(table: Table, chart: Chart | None, details: bool) -> JournalFile:
    """Any readable journal table, read the careful way.

    The column choices an app's or a textbook's layout needs, then the shared assembly.
    """
    label, sheet, f = table.name, table.sheet, table.frame
    problems = list(table.problems)
    notes = list(table.notes)
    cols = set(f.columns)
    headers = dict(table.headers)

    def note(key: str, **values: object) -> None:
        notes.append(
            Problem(
                label,
                None,
                None,
                say("io", f"jurnal.{key}", **values),
                sheet=sheet,
                code=f"jurnal.{key}",
            )
        )

    def header_problem(key: str, **values: object) -> DataValidationError:
        p = Problem(
            label,
            table.header_row,
            None,
            say("io", f"jurnal.{key}", **values),
            say("io", f"jurnal.{key}.fix", **values),
            sheet=sheet,
            code=f"jurnal.{key}",
        )
        return DataValidationError(label, [p])

    # Which column names the account, and whether a name column is there to check.
    name_col = (
        "nama_akun" if "nama_akun" in cols and ("kode_akun" in cols or "akun" in cols) else None
    )
    akun_col = next(c for c in ("kode_akun", "akun", "nama_akun", "keterangan") if c in cols)
    if akun_col == "keterangan":
        note("description_as_account", column=headers["keterangan"])
    raw: dict[str, pd.Series] = {}
    text_values: dict[str, pd.Series] = {}
    wanted = {c for c in (akun_col, "bukti", "keterangan", "anggota", name_col) if c is not None}
    for col in wanted & cols:
        values, found = table.coerce(col, "code" if col in (akun_col, "bukti") else "text")
        problems += found
        text_values[col] = values
    raw["akun"] = text_values[akun_col].fillna("").astype(object)
    # Amounts: debit and kredit, or one amount with a D/K column.
    if "debit" in cols or "kredit" in cols:
        if not {"debit", "kredit"} <= cols:
            have = "debit" if "debit" in cols else "kredit"
            raise header_problem("one_side", column=headers[have])
        amounts = {}
        for col in ("debit", "kredit"):
            values, found = table.coerce(col, "rupiah")
            problems += found
            amounts[col] = values
    elif "posisi" in cols:
        amount, found = table.coerce("jumlah", "rupiah")
        problems += found
        side_text, found = table.coerce("posisi", "text")
        problems += found
        side = side_text.map(
            lambda v: _SIDES.get(str(v).strip().lower().rstrip(".")) if pd.notna(v) else None
        )
        bad = side_text.notna() & side.isna()
        for row in side_text.index[bad]:
            problems.append(
                Problem(
                    label,
                    int(row),
                    headers["posisi"],
                    say("io", "jurnal.side"),
                    say("io", "jurnal.side.fix"),
                    sheet=sheet,
                    found=str(side_text[row]),
                    code="jurnal.side",
                )
            )
        missing = amount.notna() & (amount != 0) & side_text.isna()
        for row in amount.index[missing.fillna(False)]:
            problems.append(
                Problem(
                    label,
                    int(row),
                    headers["posisi"],
                    say("io", "jurnal.side_blank"),
                    say("io", "jurnal.side.fix"),
                    sheet=sheet,
                    code="jurnal.side_blank",
                )
            )
        amounts = {
            "debit": amount.where(side == "d"),
            "kredit": amount.where(side == "k"),
        }
        note("one_amount", amount=headers["jumlah"], side=headers["posisi"])
    else:
        raise header_problem("no_side", column=headers.get("jumlah", "jumlah"))
    debit = amounts["debit"].fillna(0).astype("int64")
    kredit = amounts["kredit"].fillna(0).astype("int64")
    # A totals row at the end: left out when it matches, a finding when it does not.
    findings: list[tuple] = []
    skipped = 0
    total_rows = _total_rows(raw["akun"], f, cols)
    if total_rows:
        keep = ~f.index.isin(total_rows)
        for row in total_rows:
            d, k = int(debit[row]), int(kredit[row])
            sd, sk = int(debit[keep].sum()), int(kredit[keep].sum())
            if (d, k) == (sd, sk):
                note("total_row", row=row)
            else:
                findings.append(
                    (
                        row,
                        say(
                            "io",
                            "jurnal.total_mismatch",
                            row=row,
                            d=_rp(d),
                            k=_rp(k),
                            sd=_rp(sd),
                            sk=_rp(sk),
                        ),
                    )
                )
            skipped += 1
        f = f[keep]
        debit, kredit = debit[keep], kredit[keep]
        raw["akun"] = raw["akun"][keep]
        text_values = {k: v[keep] for k, v in text_values.items()}
    baris = f.index.to_numpy(dtype="int64")
    raw["debit"] = pd.Series(debit.to_numpy(), copy=False)
    raw["kredit"] = pd.Series(kredit.to_numpy(), copy=False)
    raw["akun"] = raw["akun"].reset_index(drop=True)
    # Dates (kept as cells: the assembly parses them once per distinct value).
    if "tanggal" in cols:
        raw["tanggal"] = pd.Series(
            [v.strip() if isinstance(v, str) else ("" if v is None else v) for v in f["tanggal"]],
            dtype=object,
        )
    else:
        raw["tanggal"] = pd.Series([""] * len(f), dtype=object)
        note("no_date")
    if "bukti" in cols:
        raw["bukti"] = as_text(text_values["bukti"].reset_index(drop=True).fillna(""))
    else:
        raw["bukti"] = None  # numbered below, once dates are known
        note("no_voucher")
    if details:
        for col in ("keterangan", "anggota"):
            if col in text_values and col != akun_col:
                raw[col] = as_text(text_values[col].reset_index(drop=True).fillna(""))
    names = text_values[name_col].reset_index(drop=True) if name_col else None
    headers = {**headers, "akun": headers[akun_col]}
    return _assemble(
        raw,
        baris,
        label,
        sheet,
        headers,
        chart,
        notes,
        rows=table.data_rows,
        skipped=skipped + table.blank_rows,
        names=names,
        findings=findings,
        problems=problems,
    )


def _rp(value: int) -> str:
    from kopedu.formatting import format_rupiah
    from kopedu.texts import language

    return format_rupiah(value, language=language())


def _total_rows(akun: pd.Series, f: pd.DataFrame, cols: set[str]) -> list[int]:
    """The last row when it is a totals line.

    A totals line has "Jumlah"/"Total" in its account, date or voucher cell (the rest of
    those blank), or amounts with nothing else.
    """
    if f.empty:
        return []
    row = f.index[-1]
    texts = [str(akun[row])] + [
        str(f.at[row, c]) for c in ("tanggal", "bukti") if c in cols and _filled(f.at[row, c])
    ]
    words = [" ".join(t.lower().replace(":", " ").split()) for t in texts]
    filled = [w for w in words if w]
    if (len(filled) == 1 and filled[0] in _TOTAL_WORDS) or not filled:
        return [int(row)]
    return []


def _filled(value: object) -> bool:
    if value is None or (isinstance(value, float) and value != value):
        return False
    return not isinstance(value, str) or bool(value.strip())


# ------------------------------------------------------------------- assembly


def _assemble(
    df: dict[str, pd.Series],
    baris: np.ndarray,
    label: str,
    sheet: str | None,
    headers: dict[str, str],
    chart: Chart | None,
    notes: list[Problem],
    *,
    rows: int,
    skipped: int = 0,
    names: pd.Series | None = None,
    findings: list[tuple] | None = None,
    problems: list[Problem] | None = None,
) -> JournalFile:
    """Blank rows, continuation lines, dates, required cells, then the postings frame.

    ``problems`` found before (unreadable cells) are reported with these, all at once.
    """
    problems = list(problems or [])
    # Take the columns over from the caller's dict, so that each column is freed as soon
    # as this function is done with it (a million-line journal: tens of MiB each).
    df, given = dict(df), df
    given.clear()
    n = len(df["akun"])
    shown = {c: headers.get(c, c) for c in ("tanggal", "bukti", "akun", "debit", "kredit")}
    generated = df.get("bukti") is None
    if generated:
        df["bukti"] = pd.Series([""] * n, dtype=TEXT)
    blank_tanggal, blank_bukti, blank_akun = (_blank(df[c]) for c in ("tanggal", "bukti", "akun"))
    # Rows with nothing in them (a blank line, Excel's ",,,,,") are dropped; the
    # others keep their spreadsheet row number.
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
            if names is not None:
                names = names[keep].reset_index(drop=True)
            skipped += int(empty.sum())
            n = len(baris)
            if (
                "tanggal" in headers
                and int(empty.sum())
                and not any(p.code == "note.blank_rows" for p in notes)
            ):
                notes.append(file_note(label, "blank_rows", n=int(empty.sum())))
    # Each column leaves the dict as it is parsed, so its cells are freed right after.
    debit, p1 = _money(df.pop("debit"), shown["debit"], label, sheet, baris)
    kredit, p2 = _money(df.pop("kredit"), shown["kredit"], label, sheet, baris)
    tanggal, p3 = _dates(df.pop("tanggal"), shown["tanggal"], label, sheet, baris)
    problems += p1 + p2 + p3
    if generated:
        df["bukti"], cont_date = _textbook_entries(tanggal, blank_tanggal, debit, kredit, baris)
        blank_bukti = np.zeros(n, dtype=bool)
        tanggal = cont_date
        blank_tanggal = np.zeros(n, dtype=bool) if "tanggal" in headers else blank_tanggal
    # Continuation lines: blank date and voucher → the line above.
    cont = blank_tanggal & blank_bukti
    if cont.any() and not generated:
        above = np.where(cont, 0, np.arange(n))
        np.maximum.accumulate(above, out=above)
        df["bukti"] = df["bukti"].iloc[above].reset_index(drop=True)
        tanggal = pd.Series(tanggal.to_numpy()[above], dtype="datetime64[s]")
        blank_bukti = _blank(df["bukti"])
    if "tanggal" not in headers:
        tanggal = pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[s]"))
    # Required cells.
    missing_date = np.isnat(tanggal.to_numpy()) if "tanggal" in headers else np.zeros(n, bool)
    bad_date_rows = {p.row for p in p3}
    known = {(p.row, p.column) for p in problems}
    for name, mask in (("tanggal", missing_date), ("bukti", blank_bukti), ("akun", blank_akun)):
        for i in np.flatnonzero(mask)[:200]:
            if name == "tanggal" and int(baris[i]) in bad_date_rows:
                continue
            if (int(baris[i]), shown[name]) in known:
                continue
            problems.append(
                Problem(
                    label,
                    int(baris[i]),
                    shown[name],
                    say("io", "cell.required"),
                    say("io", f"jurnal.required_{name}.fix"),
                    sheet=sheet,
                    code="cell.required",
                )
            )
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        raise DataValidationError(label, problems)
    written = _distinct(df["akun"])
    out = {
        "baris": baris,
        "tanggal": tanggal,
        "bukti": df["bukti"],
        "akun": as_category(df["akun"]),
        "debit": debit,
        "kredit": kredit,
    }
    for name in ("keterangan", "anggota"):
        if name in df:
            out[name] = df[name]
    del df
    journal = finish_journal(out, chart, text_clean=True, loose=True)
    if n > BIG_JOURNAL:
        del out
        give_back_memory()
    notes += _spelling_notes(label, written, chart)
    found = _name_findings(journal, names, chart) if names is not None else []
    for row, message in findings or []:
        found.append(_finding_row(journal, row, "jumlah_tidak_cocok", message))
    frame = (
        pd.DataFrame(found, columns=FINDING_COLUMNS)
        if found
        else pd.DataFrame(columns=FINDING_COLUMNS)
    )
    return JournalFile(journal, tuple(notes), frame, rows=rows, skipped=skipped)


def _textbook_entries(
    tanggal: pd.Series,
    blank_tanggal: np.ndarray,
    debit: np.ndarray,
    kredit: np.ndarray,
    baris: np.ndarray,
) -> tuple[pd.Series, pd.Series]:
    """Vouchers for a journal without a voucher column.

    An entry starts at the first row, where the date changes, and where a debit line
    follows a kredit line. Each entry is named by its first row.
    """
    n = len(baris)
    t = tanggal.to_numpy()
    if n:
        filled = np.where(blank_tanggal, 0, np.arange(n))
        np.maximum.accumulate(filled, out=filled)
        t = t[filled]  # a blank date continues the date above
    is_debit = debit > 0
    is_kredit = (kredit > 0) & ~is_debit
    start = np.zeros(n, dtype=bool)
    if n:
        start[0] = True
        tv = t.view("int64")
        start[1:] = (tv[1:] != tv[:-1]) | (is_debit[1:] & is_kredit[:-1])
    head = np.maximum.accumulate(np.where(start, np.arange(n), 0)) if n else np.zeros(0, int)
    names = [say("io", "jurnal.voucher_row", row=int(baris[h])) for h in head]
    return as_text(pd.Series(names, dtype=object)), pd.Series(t, dtype="datetime64[s]")


def _distinct(col: pd.Series) -> list[str]:
    if col.dtype == "category":
        return [str(c) for c in col.cat.categories]
    return [str(v) for v in pd.unique(col.to_numpy())]


def _spelling_notes(label: str, written: list[str], chart: Chart | None) -> list[Problem]:
    """One note per account name matched through a spelling or a textbook synonym.

    A spelling: Hutang → Utang; a synonym: Piutang anggota → Pinjaman anggota.
    """
    if chart is None:
        return []
    out = []
    for text, code, how in chart.explain(written):
        key = "spelling" if how == "ejaan" else "synonym"
        name = chart.accounts.at[code, "nama"]
        message = say("io", f"jurnal.{key}", written=text, code=code, name=name)
        out.append(Problem(label, None, None, message, code=f"jurnal.{key}"))
    return out


def _finding_row(journal: pd.DataFrame, row: int, kind: str, message: str) -> tuple:
    hit = journal.index[journal["baris"].to_numpy() >= row]
    if len(hit):
        r = journal.loc[hit[0]]
        return (int(r["entri"]), str(r["bukti"]), r["tanggal"], row, "", kind, message)
    return (0, "", pd.NaT, row, "", kind, message)


def _name_findings(journal: pd.DataFrame, names: pd.Series, chart: Chart | None) -> list[tuple]:
    """Journal rows whose account name is not the chart's name for its code.

    One finding per distinct (code, name), at its first row.
    """
    if chart is None:
        return []
    codes = journal["akun"].astype(str).to_numpy()
    written = names.fillna("").astype(str).to_numpy()
    out = []
    seen: set[tuple[str, str]] = set()
    for i, (code, name) in enumerate(zip(codes, written, strict=True)):
        if not name.strip() or code not in chart.accounts.index or (code, name) in seen:
            continue
        seen.add((code, name))
        resolved = chart.resolve([name], loose=True).iloc[0]
        if resolved == code:
            continue
        r = journal.iloc[i]
        message = say(
            "io",
            "jurnal.name_mismatch",
            code=code,
            written=name,
            name=chart.accounts.at[code, "nama"],
        )
        out.append(
            (
                int(r["entri"]),
                str(r["bukti"]),
                r["tanggal"],
                int(r["baris"]),
                code,
                "nama_akun_berbeda",
                message,
            )
        )
    return out


# ------------------------------------------------------------------- columns


def _money(
    col: pd.Series, shown: str, source: str, sheet: str | None, baris: np.ndarray
) -> tuple[np.ndarray, list[Problem]]:
    """Whole rupiah from a column as read (int, float with blanks, or text).

    Problems name the row ``baris[i]`` and the column as written.
    """
    problems: list[Problem] = []
    if col.dtype.kind in "iu":
        if col.dtype.kind == "u" and len(col) and col.max() >= 2**63:
            col = col.astype("float64")  # reported below as not whole rupiah
        else:  # numpy, nullable (Int64) or Arrow integers; a blank cell is 0
            return col.to_numpy(dtype="int64", na_value=0), problems
    if col.dtype.kind == "f":
        v = col.to_numpy(dtype="float64", na_value=np.nan)
        ok = np.isnan(v) | (np.isfinite(v) & (v == np.floor(v)) & (np.abs(v) < 2**53))
        for i in np.flatnonzero(~ok)[:50]:
            exc = cells.CellError("cell.rupiah")
            with_sen = np.isfinite(v[i]) and abs(v[i]) < 2**53
            if with_sen:
                try:
                    cells.rupiah(float(v[i]))
                except cells.CellError as err:
                    exc = err
            problems.append(exc.problem(source, int(baris[i]), shown, v[i], sheet=sheet))
        return (np.where(np.isnan(v), 0, v).astype("int64") if not problems else v), problems
    # Text, as typed: "1.234.567", "Rp 50.000", "", or numbers from a workbook.
    s = col.astype(object).where(col.notna(), "")
    text = s.map(lambda x: x if isinstance(x, str) else repr(x)).str.strip()
    out = np.zeros(len(text), dtype="int64")
    # Up to 18 digits always fits int64; longer numbers go the careful way below.
    fast = text.str.match(r"^-?\d{1,18}$") | text.str.match(r"^-?\d{1,3}(?:\.\d{3}){1,5}$")
    fast_idx = fast.to_numpy()
    out[fast_idx] = text[fast_idx].str.replace(".", "", regex=False).astype("int64").to_numpy()
    slow = ~fast_idx & ~text.isin(["", "-"]).to_numpy()  # "-" is zero in many ledgers
    if slow.any():
        parsed: dict[str, int | cells.CellError] = {}
        for u in pd.unique(text[slow]):
            try:
                parsed[u] = cells.rupiah(u) or 0
            except cells.CellError as exc:
                parsed[u] = exc
        positions = np.flatnonzero(slow)
        for i in positions:
            value = parsed[text.iat[i]]
            if isinstance(value, cells.CellError):
                if len(problems) < 200:
                    problems.append(
                        value.problem(source, int(baris[i]), shown, text.iat[i], sheet=sheet)
                    )
            else:
                out[i] = value
    return out, problems


def _dates(
    col: pd.Series, shown: str, source: str, sheet: str | None, baris: np.ndarray
) -> tuple[pd.Series, list[Problem]]:
    """Dates from a column; each distinct cell is parsed once.

    ISO dates are parsed fast, the others by :func:`kopedu.io.cells.date`.
    """
    problems: list[Problem] = []
    cat = as_category(col, runs=True)
    cats = pd.Series(cat.cat.categories)
    iso = pd.to_datetime(cats.astype(str), format="%Y-%m-%d", errors="coerce")
    empty = (cats.astype(str).str.strip() == "").to_numpy()
    errors: dict[int, cells.CellError] = {}
    for i in np.flatnonzero(iso.isna().to_numpy() & ~empty):
        value = cats.iloc[i]
        try:
            found = cells.date(value)
        except cells.CellError as exc:
            errors[int(i)] = exc
            continue
        if found is None:
            empty[i] = True  # 0000-00-00: blank
        else:
            iso.iloc[i] = pd.Timestamp(found)
    codes = cat.array.codes
    # A trailing NaT, picked by code -1 (blank cell).
    values = np.r_[iso.to_numpy(dtype="datetime64[s]"), np.array(["NaT"], "datetime64[s]")]
    out = values[codes]
    if errors:
        bad = np.isin(codes, list(errors))
        for i in np.flatnonzero(bad)[:200]:
            err = errors[int(codes[i])]
            problems.append(
                err.problem(source, int(baris[i]), shown, cats.iloc[codes[i]], sheet=sheet)
            )
    return pd.Series(out, index=col.index, dtype="datetime64[s]", copy=False), problems


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
        return (col == "").to_numpy()  # text is trimmed when read
    return col.map(lambda v: not _filled(v)).to_numpy(dtype=bool)


def _numeric(col: pd.Series) -> bool:
    return col.dtype.kind in "iuf"


def _zero(col: pd.Series) -> np.ndarray:
    """Where an amount read as a number is blank (NaN) or 0."""
    v = col.to_numpy()
    return (v == 0) | np.isnan(v) if v.dtype.kind == "f" else v == 0
