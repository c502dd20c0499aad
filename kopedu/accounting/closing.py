"""Closing entries (jurnal penutup) and the accounting equation.

Closing moves the balances of every pendapatan and beban account into *SHU tahun
berjalan* (the first ``ekuitas`` account of kelompok ``shu``), in two textbook
entries: one closing the revenues, one closing the expenses. After closing, the
nominal accounts are zero and assets = liabilities + equity holds to the rupiah.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kopedu.accounting.balances import account_balances
from kopedu.accounting.chart import Chart
from kopedu.accounting.journal import (
    JournalEntry,
    JournalLine,
    concat_journals,
    empty_journal,
    journal_from_entries,
)

__all__ = ["AccountingEquation", "accounting_equation", "close_books", "closing_entries"]


def closing_entries(
    journal: pd.DataFrame, chart: Chart, tanggal: dt.date, *, bukti: str = "PNT"
) -> pd.DataFrame:
    """Jurnal penutup: close pendapatan and beban into SHU tahun berjalan.

    Parameters
    ----------
    journal : DataFrame
        The adjusted journal of the year (postings frame).
    chart : Chart
        Chart of accounts.
    tanggal : date
        Closing date (the last day of the fiscal year).
    bukti : str
        Voucher prefix; entries are ``PNT-1`` (pendapatan) and ``PNT-2`` (beban).

    Returns
    -------
    DataFrame
        Postings frame of the closing entries (empty if nothing to close).

    Examples
    --------
    >>> from kopedu.accounting import load_chart, parse_journal
    >>> chart = load_chart("ksp")
    >>> j = parse_journal('''
    ... 2024-05-29 B1 jasa
    ...   D Kas 600
    ...   K Partisipasi jasa pinjaman 600
    ... 2024-05-30 B2 gaji
    ...   D Beban gaji 210
    ...   K Kas 210
    ... ''', chart)
    >>> c = closing_entries(j, chart, dt.date(2024, 12, 31))
    >>> for row in c[["bukti", "akun", "debit", "kredit"]].to_numpy().tolist():
    ...     print(row)
    ['PNT-1', '4101', 600, 0]
    ['PNT-1', '3106', 0, 600]
    ['PNT-2', '3106', 210, 0]
    ['PNT-2', '5201', 0, 210]
    """
    bal = account_balances(journal, chart)
    shu_code = chart.first_code("shu")
    entries = []
    rev = bal[(bal["kelas"] == "pendapatan") & (bal["saldo"] != 0)]
    if len(rev):
        lines = [_zeroing(code, int(s)) for code, s in zip(rev.index, rev["saldo"], strict=True)]
        total = -int(rev["saldo"].sum())
        lines.append(
            JournalLine(shu_code, kredit=total)
            if total >= 0
            else JournalLine(shu_code, debit=-total)
        )
        entries.append(
            JournalEntry(tanggal, f"{bukti}-1", "Penutupan akun pendapatan", tuple(lines))
        )
    exp = bal[(bal["kelas"] == "beban") & (bal["saldo"] != 0)]
    if len(exp):
        total = int(exp["saldo"].sum())
        lines = [
            JournalLine(shu_code, debit=total)
            if total >= 0
            else JournalLine(shu_code, kredit=-total)
        ]
        lines += [_zeroing(code, int(s)) for code, s in zip(exp.index, exp["saldo"], strict=True)]
        entries.append(JournalEntry(tanggal, f"{bukti}-2", "Penutupan akun beban", tuple(lines)))
    return journal_from_entries(entries, chart) if entries else empty_journal()


def _zeroing(code: str, saldo: int) -> JournalLine:
    """The line that brings an account with balance ``saldo`` (debit − kredit) to zero."""
    return JournalLine(code, kredit=saldo) if saldo > 0 else JournalLine(code, debit=-saldo)


def close_books(journal: pd.DataFrame, chart: Chart, tanggal: dt.date) -> pd.DataFrame:
    """The journal followed by its closing entries."""
    return concat_journals([journal, closing_entries(journal, chart, tanggal)], chart)


@dataclass(frozen=True, slots=True)
class AccountingEquation:
    """Aset, kewajiban and ekuitas totals (exact rupiah).

    ``ekuitas`` includes the not yet closed result of pendapatan − beban, so the
    equation can be checked before and after closing.
    """

    aset: int
    kewajiban: int
    ekuitas: int

    @property
    def selisih(self) -> int:
        """The difference aset − (kewajiban + ekuitas); zero when the books balance."""
        return self.aset - self.kewajiban - self.ekuitas

    @property
    def seimbang(self) -> bool:
        """Whether the books balance (``selisih`` is zero)."""
        return self.selisih == 0

    def __str__(self) -> str:
        from kopedu.formatting import format_rupiah

        mark = "=" if self.seimbang else "≠"
        return (
            f"Aset {format_rupiah(self.aset)} {mark} Kewajiban "
            f"{format_rupiah(self.kewajiban)} + Ekuitas {format_rupiah(self.ekuitas)}"
        )


def accounting_equation(
    journal: pd.DataFrame, chart: Chart, *, opening: pd.DataFrame | None = None
) -> AccountingEquation:
    """Check aset = kewajiban + ekuitas.

    Examples
    --------
    >>> from kopedu.accounting import load_chart, parse_journal
    >>> chart = load_chart("ksp")
    >>> j = parse_journal('''
    ... 2024-04-02 B1 setor
    ...   D Kas 100
    ...   K Simpanan pokok 100
    ... ''', chart)
    >>> accounting_equation(j, chart).seimbang
    True
    """
    full = journal if opening is None else concat_journals([opening, journal], chart)
    bal = account_balances(full, chart)
    value = bal["saldo"] * bal["tanda"]

    def total(*kelas: str) -> int:
        return int(value[bal["kelas"].isin(kelas)].sum())

    nominal = -int(bal.loc[bal["kelas"].isin(["pendapatan", "beban"]), "saldo"].sum())
    return AccountingEquation(total("aset"), total("kewajiban"), total("ekuitas") + nominal)
