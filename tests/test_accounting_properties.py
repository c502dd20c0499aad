"""Property tests: invariants that hold for any valid input, clear errors otherwise."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kopedu import accounting as acc
from kopedu.errors import KopeduError

CHART = acc.load_chart("ksp")
CODES = list(CHART.accounts.index)
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

amount = st.integers(min_value=1, max_value=10**12)


@st.composite
def entries(draw) -> list[acc.JournalEntry]:
    out = []
    for n in range(draw(st.integers(1, 12))):
        debits = draw(st.lists(amount, min_size=1, max_size=3))
        total = sum(debits)
        # Split the same total over 1–3 kredit lines.
        cuts = sorted(draw(st.lists(st.integers(1, total), max_size=2, unique=True)))
        cuts = [c for c in cuts if c < total]
        credits = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        lines = [acc.JournalLine(draw(st.sampled_from(CODES)), debit=d) for d in debits]
        lines += [acc.JournalLine(draw(st.sampled_from(CODES)), kredit=k) for k in credits]
        day = dt.date(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 365)))
        out.append(acc.JournalEntry(day, f"B{n}", "acak", tuple(lines)))
    return out


@FAST
@given(entries())
def test_any_valid_journal_balances(es):
    j = acc.journal_from_entries(es, CHART)
    assert acc.check_journal(j, CHART, tahun_buku=2024).empty
    tb = acc.trial_balance(j, CHART)
    debit, kredit = acc.trial_balance_totals(tb)
    assert debit == kredit
    # Independent oracle: per-account sums in plain Python.
    expected: dict[str, int] = defaultdict(int)
    for e in es:
        for ln in e.lines:
            expected[ln.account] += ln.debit - ln.kredit
    got = {k: d - c for k, d, c in zip(tb["kode"], tb["debit"], tb["kredit"], strict=True)}
    assert got == {k: v for k, v in expected.items() if v}


@FAST
@given(entries())
def test_after_closing_assets_equal_liabilities_plus_equity(es):
    j = acc.journal_from_entries(es, CHART)
    closed = acc.close_books(j, CHART, dt.date(2024, 12, 31))
    eq = acc.accounting_equation(closed, CHART)
    assert eq.seimbang
    bal = acc.account_balances(closed, CHART)
    assert (bal.loc[bal["kelas"].isin(["pendapatan", "beban"]), "saldo"] == 0).all()
    bs = acc.balance_sheet(closed, CHART)
    assert bs["total_aset"] == bs["total_kewajiban_ekuitas"]
    # Closing moves SHU between accounts but changes no statement total.
    assert bs.values == acc.balance_sheet(j, CHART).values
    cf = acc.cash_flow(j, CHART)
    cash = int(bal.loc[["1101", "1102"], "saldo"].sum())
    assert cf["kas_akhir"] == cash and "selisih_kas" not in cf.values


@st.composite
def percentages(draw) -> dict[str, int]:
    k = draw(st.integers(1, 7))
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=k - 1, max_size=k - 1)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    return {f"pos{i}": p for i, p in enumerate(parts)}


@FAST
@given(st.integers(0, 10**13), percentages())
def test_shu_allocation_sums_exactly(shu, persen):
    a = acc.allocate_shu(shu, persen)
    assert int(a["jumlah"].sum()) == shu
    assert (a["jumlah"] >= 0).all()
    # Each pos is within one rupiah of its exact share.
    for p, v in zip(a["pos"], a["jumlah"], strict=True):
        assert abs(v * 100 - shu * persen[p]) < 100


@FAST
@given(
    st.integers(0, 10**11),
    st.integers(0, 10**11),
    st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)), min_size=1, max_size=30),
)
def test_member_shares_sum_exactly(jm, ju, rows):
    members = pd.DataFrame(
        {
            "no_anggota": [f"A{i}" for i in range(len(rows))],
            "simpanan_pokok": [r[0] for r in rows],
            "simpanan_wajib": 0,
            "transaksi": [r[1] for r in rows],
        }
    )
    if (sum(r[0] for r in rows) == 0 and jm) or (sum(r[1] for r in rows) == 0 and ju):
        with pytest.raises(acc.ShuParameterError):
            acc.member_shu(members, jasa_modal=jm, jasa_usaha=ju)
        return
    t = acc.member_shu(members, jasa_modal=jm, jasa_usaha=ju)
    assert int(t["jasa_modal"].sum()) == jm
    assert int(t["jasa_usaha"].sum()) == ju


cell = st.one_of(
    st.text(max_size=8),
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["1.000", "Rp 5.000", "1,5", "", "2024-02-30", "12/12/2024", ",", '"']),
)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(cell, min_size=5, max_size=5), min_size=1, max_size=6))
def test_garbage_csv_gives_clear_error_or_journal(tmp_path_factory, rows):
    path = Path(tmp_path_factory.mktemp("j")) / "acak.csv"
    frame = pd.DataFrame(rows, columns=["tanggal", "bukti", "akun", "debit", "kredit"])
    frame.to_csv(path, index=False)
    try:
        j = acc.read_journal(path, CHART)
    except KopeduError as exc:
        assert "acak.csv" in str(exc)
        return
    findings = acc.check_journal(j, CHART, tahun_buku=2024)
    assert set(findings["jenis"]) <= set(acc.FINDING_KINDS)
    acc.trial_balance(j, CHART)


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("DK 0123456789.-/\nKas@#aB")), max_size=80))
def test_garbage_text_gives_clear_error_or_journal(text):
    try:
        j = acc.parse_journal(text, CHART)
    except KopeduError:
        return
    acc.check_journal(j, CHART)
