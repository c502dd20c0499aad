"""Bookkeeping checks on a journal: findings returned as data, never raised.

Each finding names the entry (entry number, voucher, date, source row) so a trainer
can point at it. The checks are vectorised over the postings frame.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kopedu.accounting.chart import Chart
from kopedu.accounting.journal import as_text, text_changes
from kopedu.errors import KopeduError, Problem
from kopedu.formatting import format_rupiah

__all__ = [
    "FINDING_KINDS",
    "TrialBalanceRun",
    "check_journal",
    "fiscal_year_bounds",
    "is_balanced",
    "run_trial_balance",
    "validated_trial_balance",
]

#: Kinds of finding, with what they mean.
FINDING_KINDS = {
    "tidak_seimbang": "jumlah debit tidak sama dengan jumlah kredit",
    "akun_tidak_dikenal": "akun tidak ada di bagan akun",
    "jumlah_negatif": "jumlah negatif",
    "debit_dan_kredit": "satu baris berisi debit dan kredit sekaligus",
    "baris_tanpa_jumlah": "baris tanpa jumlah (debit dan kredit nol)",
    "di_luar_tahun_buku": "tanggal di luar tahun buku",
    "bukti_ganda": "nomor bukti dipakai oleh lebih dari satu transaksi",
    "nama_akun_berbeda": "nama akun di jurnal bukan nama akun itu di bagan akun (kode yang sama)",
    "jumlah_tidak_cocok": "baris jumlah di akhir jurnal tidak cocok dengan baris-baris di atasnya",
}

_FINDING_COLUMNS = ["entri", "bukti", "tanggal", "baris", "akun", "jenis", "pesan"]


def fiscal_year_bounds(tahun_buku: int | tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """First and last day of a fiscal year (a calendar year, or explicit dates).

    Examples
    --------
    >>> fiscal_year_bounds(2024)
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    """
    if isinstance(tahun_buku, int) and not isinstance(tahun_buku, bool):
        return dt.date(tahun_buku, 1, 1), dt.date(tahun_buku, 12, 31)
    try:
        start, end = tahun_buku  # type: ignore[misc]  # a bool is refused just below
    except (TypeError, ValueError):
        raise KopeduError(
            "tahun_buku harus tahun (mis. 2024) atau pasangan (tanggal_awal, tanggal_akhir)."
        ) from None
    return start, end


def entry_sums(journal: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per entry: first row position, total debit, total kredit (exact int64)."""
    entri = journal["entri"].to_numpy()
    n = len(entri)
    if n == 0:
        empty = np.zeros(0, dtype="int64")
        return empty, empty, empty
    order_ok = n < 2 or bool((entri[1:] >= entri[:-1]).all())
    if not order_ok:
        raise KopeduError("Kolom entri harus urut; gunakan jurnal dari read_journal/parse_journal.")
    starts = np.flatnonzero(np.r_[True, entri[1:] != entri[:-1]])
    debit = np.add.reduceat(journal["debit"].to_numpy(dtype="int64"), starts)
    kredit = np.add.reduceat(journal["kredit"].to_numpy(dtype="int64"), starts)
    return starts, debit, kredit


def is_balanced(journal: pd.DataFrame) -> bool:
    """Whether every entry's debits equal its kredits (exact integer comparison).

    Examples
    --------
    >>> from kopedu.accounting.journal import parse_journal
    >>> is_balanced(parse_journal('''
    ... 2024-01-02 X1 contoh
    ...   D Kas 10
    ...   K Simpanan pokok 10
    ... '''))
    True
    """
    _, debit, kredit = entry_sums(journal)
    return bool((debit == kredit).all())


def check_journal(
    journal: pd.DataFrame,
    chart: Chart | None = None,
    *,
    tahun_buku: int | tuple[dt.date, dt.date] | None = None,
) -> pd.DataFrame:
    """Find bookkeeping mistakes in a journal.

    Parameters
    ----------
    journal : DataFrame
        Postings frame (:func:`~kopedu.accounting.journal.read_journal`).
    chart : Chart, optional
        When given, accounts not in the chart are reported.
    tahun_buku : int or (date, date), optional
        When given, dates outside the fiscal year are reported.

    Returns
    -------
    DataFrame
        One row per finding: ``entri``, ``bukti``, ``tanggal``, ``baris``, ``akun``,
        ``jenis`` (a key of :data:`FINDING_KINDS`) and ``pesan`` (Indonesian). Empty
        when the journal is clean.

    Examples
    --------
    >>> from kopedu.accounting.journal import parse_journal
    >>> j = parse_journal('''
    ... 2024-05-30 BKK-07 Gaji
    ...   D Beban gaji 1.200.000
    ...   K Kas        1.000.000
    ... ''')
    >>> check_journal(j)["jenis"].tolist()
    ['tidak_seimbang']
    """
    if journal.empty:
        return pd.DataFrame(columns=_FINDING_COLUMNS)
    parts: list[pd.DataFrame] = []
    debit = journal["debit"].to_numpy()
    kredit = journal["kredit"].to_numpy()

    def lines(mask: np.ndarray, kind: str, text) -> None:
        if mask.any():
            sub = journal.loc[mask, ["entri", "bukti", "tanggal", "baris", "akun"]].copy()
            sub["akun"] = sub["akun"].astype(str)
            sub["jenis"] = kind
            sub["pesan"] = [text(r) for r in sub.to_dict("records")]
            parts.append(sub)

    neg = (debit < 0) | (kredit < 0)
    lines(
        neg,
        "jumlah_negatif",
        lambda r: (
            f"bukti {r['bukti']}, akun {r['akun']}: jumlah negatif; catat di sisi "
            "sebaliknya dengan jumlah positif"
        ),
    )
    both = (debit != 0) & (kredit != 0)
    lines(
        both,
        "debit_dan_kredit",
        lambda r: (
            f"bukti {r['bukti']}, akun {r['akun']}: debit dan kredit terisi pada satu baris; "
            "pisahkan menjadi dua baris"
        ),
    )
    zero = (debit == 0) & (kredit == 0)
    lines(
        zero,
        "baris_tanpa_jumlah",
        lambda r: f"bukti {r['bukti']}, akun {r['akun']}: baris tanpa jumlah",
    )
    if chart is not None:
        akun = journal["akun"]
        cats = akun.cat.categories if akun.dtype == "category" else pd.Index(akun.unique())
        unknown = cats[~pd.Index(cats).isin(chart.accounts.index)]
        if len(unknown):
            hints = {str(u): chart.suggest(str(u)) for u in unknown}

            def unknown_text(r: dict) -> str:
                text = (
                    f"bukti {r['bukti']}: akun {r['akun']!r} tidak ada di bagan akun; "
                    "periksa ejaan atau kode akunnya"
                )
                if hints.get(r["akun"]):
                    text += ". Mungkin maksud Anda: " + ", ".join(hints[r["akun"]]) + "?"
                return text

            lines(akun.isin(unknown).to_numpy(), "akun_tidak_dikenal", unknown_text)
    starts, dsum, ksum = entry_sums(journal)
    if tahun_buku is not None:  # one finding per entry (all its lines share the date)
        start, end = fiscal_year_bounds(tahun_buku)
        t = journal["tanggal"].to_numpy()[starts]
        outside = np.flatnonzero((t < np.datetime64(start)) | (t > np.datetime64(end)))
        if len(outside):
            sub = journal.iloc[starts[outside]][["entri", "bukti", "tanggal", "baris"]]
            sub = sub.assign(akun="", jenis="di_luar_tahun_buku")
            sub["pesan"] = [
                f"bukti {b}: tanggal {d:%d-%m-%Y} di luar tahun buku "
                f"{start:%d-%m-%Y} s.d. {end:%d-%m-%Y}"
                for b, d in zip(sub["bukti"], sub["tanggal"], strict=True)
            ]
            parts.append(sub)
    unbalanced = np.flatnonzero(dsum != ksum)
    if len(unbalanced):
        sub = journal.iloc[starts[unbalanced]][["entri", "bukti", "tanggal", "baris", "akun"]]
        sub = sub.assign(akun="", jenis="tidak_seimbang")
        sub["pesan"] = [
            f"bukti {b}: debit {format_rupiah(int(d))} ≠ kredit {format_rupiah(int(k))} "
            f"(selisih {format_rupiah(abs(int(d) - int(k)))})"
            for b, d, k in zip(sub["bukti"], dsum[unbalanced], ksum[unbalanced], strict=True)
        ]
        parts.append(sub)
    # A voucher used by more than one entry. In a column of vouchers that never
    # decreases, a voucher can only repeat in neighbouring entries, i.e. where an
    # entry starts without the voucher changing: two Arrow passes over the column
    # instead of hashing a million strings.
    bukti = as_text(journal["bukti"])
    arr = pa.array(bukti.array)
    n = len(arr)
    ordered = n < 2 or not pc.any(pc.less(arr.slice(1), arr.slice(0, n - 1))).as_py()
    if ordered and len(starts) > 1:
        ordered = bool(text_changes(bukti)[starts[1:] - 1].all())
    dup = (
        np.zeros(len(starts), dtype=bool)
        if ordered
        else bukti.iloc[starts].duplicated(keep=False).to_numpy()
    )
    if dup.any():
        sub = journal.iloc[starts[dup]][["entri", "bukti", "tanggal", "baris"]]
        sub = sub.assign(akun="", jenis="bukti_ganda")
        sub["pesan"] = [
            f"nomor bukti {b} ({t:%d-%m-%Y}) juga dipakai transaksi lain; beri nomor unik"
            for b, t in zip(sub["bukti"], sub["tanggal"], strict=True)
        ]
        parts.append(sub)
    if not parts:
        return pd.DataFrame(columns=_FINDING_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["entri", "baris"], kind="stable").reset_index(drop=True)[
        _FINDING_COLUMNS
    ]


class TrialBalanceRun(NamedTuple):
    """What :func:`run_trial_balance` found: the trial balance and how the file read.

    Attributes
    ----------
    trial_balance : DataFrame
    findings : DataFrame
        Bookkeeping findings (:func:`check_journal`) and findings of reading (an account
        name that is not the chart's for its code; a totals row that does not match).
    notes : tuple of Problem
        How the journal (and the chart) were read: delimiter, sheet, columns not used,
        accounts matched through a spelling or a synonym, blank rows skipped.
    rows : int
        Data rows in the journal file.
    skipped : int
        Rows left out and said in the notes (blank rows, a matching totals row).
    postings : int
        Journal lines read: ``rows == postings + skipped``.
    """

    trial_balance: pd.DataFrame
    findings: pd.DataFrame
    notes: tuple[Problem, ...]
    rows: int
    skipped: int
    postings: int


def run_trial_balance(
    source: str | object,
    chart: Chart | str = "ksp",
    *,
    tahun_buku: int | tuple[dt.date, dt.date] | None = None,
    sheet: str | int | None = None,
) -> TrialBalanceRun:
    """Read a journal file, check it and build its trial balance, saying how it read.

    This is what ``kopedu neraca-saldo`` and the benchmark run.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"tanggal": ["2024-01-02"] * 2, "bukti": ["B1"] * 2,
    ...     "akun": ["Kas", "Hutang Usaha"], "debit": [50, 0], "kredit": [0, 50]})
    >>> run = run_trial_balance(raw)
    >>> run.postings, len(run.findings), [n.code for n in run.notes]
    (2, 0, ['jurnal.spelling'])
    """
    from kopedu.accounting.balances import trial_balance
    from kopedu.accounting.chart import load_chart
    from kopedu.accounting.reader import read_journal_file

    if not isinstance(chart, Chart):
        chart = load_chart(chart)
    read = read_journal_file(source, chart, sheet=sheet, details=False)
    journal = read.journal
    findings = check_journal(journal, chart, tahun_buku=tahun_buku)
    if not read.findings.empty:
        findings = (
            pd.concat([findings, read.findings], ignore_index=True)
            .sort_values(["entri", "baris"], kind="stable")
            .reset_index(drop=True)
        )
    notes = (*chart.notes, *read.notes)
    tb = trial_balance(journal, chart)
    return TrialBalanceRun(tb, findings, notes, read.rows, read.skipped, len(journal))


def validated_trial_balance(
    source: str | object,
    chart: Chart | str = "ksp",
    *,
    tahun_buku: int | tuple[dt.date, dt.date] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a journal file, check it and build its trial balance, in one call.

    The trial balance and the findings of :func:`run_trial_balance`.

    Parameters
    ----------
    source : path or DataFrame
        Journal (CSV/XLSX/text) as :func:`~kopedu.accounting.read_journal` reads it.
    chart : Chart or str
        A chart, or the name of a bundled one.
    tahun_buku : int or (date, date), optional
        Fiscal year for the date check.

    Returns
    -------
    (DataFrame, DataFrame)
        The trial balance and the findings (empty when the journal is clean).

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"tanggal": ["2024-01-02"] * 2, "bukti": ["B1"] * 2,
    ...     "akun": ["Kas", "Simpanan wajib"], "debit": [50, 0], "kredit": [0, 50]})
    >>> tb, findings = validated_trial_balance(raw)
    >>> tb["debit"].sum(), len(findings)
    (np.int64(50), 0)
    """
    run = run_trial_balance(source, chart, tahun_buku=tahun_buku)
    return run.trial_balance, run.findings
