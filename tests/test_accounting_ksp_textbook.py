"""The textbook two-month journal of a new KSP (reference §2) must reproduce exactly.

Oracles from the reference: Kas ledger ends at 54,900,000; trial balance totals
189,000,000 on both sides; Pinjaman (piutang) anggota 108,000,000; SHU = 6.0 − 2.1 jt
= 3,900,000.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kopedu import accounting as acc

JOURNAL = acc.textbook_journal_text()  # data/accounting/jurnal_ksp_baru.txt


@pytest.fixture(scope="module")
def chart():
    return acc.load_chart("ksp")


@pytest.fixture(scope="module")
def journal(chart):
    return acc.parse_journal(JOURNAL, chart)


def test_journal_is_clean(journal, chart):
    assert journal["entri"].max() == 10
    assert acc.check_journal(journal, chart, tahun_buku=2024).empty
    assert acc.is_balanced(journal)


def test_kas_ledger_ends_at_54_9_juta(journal, chart):
    ledger = acc.general_ledger(journal, chart, "Kas")
    assert int(ledger["saldo"].iloc[-1]) == 54_900_000


def test_trial_balance_totals_189_juta(journal, chart):
    tb = acc.trial_balance(journal, chart)
    assert acc.trial_balance_totals(tb) == (189_000_000, 189_000_000)
    by_name = tb.set_index("nama")
    assert by_name.loc["Pinjaman anggota", "debit"] == 108_000_000
    assert by_name.loc["Utang usaha", "kredit"] == 6_000_000
    assert tb["debit"].dtype == "int64" and tb["kredit"].dtype == "int64"


def test_phu_shu_3_9_juta(journal, chart):
    phu = acc.income_statement(journal, chart)
    assert phu["partisipasi_bruto"] == 6_000_000
    assert phu["beban_usaha"] == 2_100_000
    assert phu["shu_setelah_pajak"] == 3_900_000


def test_balance_sheet_balances(journal, chart):
    bs = acc.balance_sheet(journal, chart)
    # Aset: 54.9 + 22 + 2 + 108 = 186.9 jt; kewajiban 6 + 60 + 12 = 78 jt;
    # ekuitas 100 + 5 + SHU 3.9 = 108.9 jt.
    assert bs["total_aset"] == 186_900_000
    assert bs["total_kewajiban"] == 78_000_000
    assert bs["total_ekuitas"] == 108_900_000
    assert bs["total_aset"] == bs["total_kewajiban_ekuitas"]


def test_cash_flow_reconciles_to_kas(journal, chart):
    cf = acc.cash_flow(journal, chart)
    assert cf["kas_awal"] == 0
    assert cf["kas_akhir"] == 54_900_000
    # operasi: −120 + 12 + 3.6 + 2.4 − 1.2 − 0.9 − 2 (perlengkapan) − 9 (utang usaha)
    assert cf["operasi"] == -115_100_000
    assert cf["investasi"] == -7_000_000
    assert cf["pendanaan"] == 177_000_000


def test_closing_and_accounting_equation(journal, chart):
    closing = acc.closing_entries(journal, chart, dt.date(2024, 5, 31))
    assert acc.check_journal(closing, chart).empty
    closed = acc.close_books(journal, chart, dt.date(2024, 5, 31))
    bal = acc.account_balances(closed, chart)
    assert (bal.loc[bal["kelas"].isin(["pendapatan", "beban"]), "saldo"] == 0).all()
    assert bal.loc["3106", "saldo"] == -3_900_000  # SHU tahun berjalan on the kredit side
    eq = acc.accounting_equation(closed, chart)
    assert (eq.aset, eq.kewajiban, eq.ekuitas) == (186_900_000, 78_000_000, 108_900_000)
    assert eq.seimbang
    post = acc.trial_balance(closed, chart)
    assert acc.trial_balance_totals(post) == (186_900_000, 186_900_000)


def test_equity_changes(journal, chart):
    ec = acc.equity_changes(journal, chart)
    assert ec["akhir_simpanan_pokok"] == 100_000_000
    assert ec["akhir_simpanan_wajib"] == 5_000_000
    assert ec["akhir_shu"] == 3_900_000
    assert ec["total_akhir"] == 108_900_000


def test_worksheet_columns_balance(journal, chart):
    adjustments = acc.parse_journal(
        """
2024-05-31 AJP-1 Perlengkapan terpakai
    D Beban perlengkapan   500.000
    K Perlengkapan         500.000
""",
        chart,
    )
    ws = acc.worksheet(journal, adjustments, chart)
    for pair in ("ns", "penyesuaian", "nsd", "phu", "neraca"):
        assert ws[f"{pair}_debit"].sum() == ws[f"{pair}_kredit"].sum(), pair
    assert ws["ns_debit"].sum() == 189_000_000
    shu_row = ws[ws["nama"] == "SHU tahun berjalan"].iloc[0]
    assert shu_row["phu_debit"] == 3_400_000  # 3.9 jt − 0.5 jt perlengkapan
    atb = acc.adjusted_trial_balance(journal, adjustments, chart)
    # Perlengkapan 2.0 → 1.5 jt and Beban perlengkapan 0 → 0.5 jt: totals unchanged.
    assert acc.trial_balance_totals(atb) == (189_000_000, 189_000_000)
