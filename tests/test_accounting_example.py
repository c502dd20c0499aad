"""Smoke facts of the bundled example koperasi (data/accounting/contoh_ksp)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kopedu import accounting as acc
from kopedu.paths import data_path


@pytest.fixture(scope="module")
def ex():
    return acc.load_example()


def test_shape_and_cleanliness(ex):
    assert len(ex.members) == 40
    assert ex.journal["entri"].nunique() == 684
    everything = acc.concat_journals([ex.opening, ex.adjusted], ex.chart)
    assert acc.check_journal(everything, ex.chart, tahun_buku=2024).empty
    d, k = acc.trial_balance_totals(acc.trial_balance(everything, ex.chart))
    assert d == k


def test_opening_equity_from_the_generator(ex):
    bal = acc.account_balances(ex.opening, ex.chart)["saldo"]
    assert -bal["3101"] == 40 * 500_000  # simpanan pokok Rp 500.000 per member
    assert -bal["3105"] == 41_400_000  # cadangan brought forward
    assert -bal["3106"] == 37_800_000  # SHU 2023, divided at the RAT in March


def test_shu_2023_distribution_40_40_20(ex):
    rat = ex.journal[ex.journal["keterangan"].str.startswith("Pembagian SHU 2023")]
    lines = rat.set_index(rat["akun"].astype(str))
    assert lines.loc["3106", "debit"] == 37_800_000
    assert lines.loc["3105", "kredit"] == 37_800_000 * 40 // 100
    assert lines.loc["2105", "kredit"] == 37_800_000 * 40 // 100
    assert lines.loc[["2106", "2107", "2108", "2109"], "kredit"].sum() == 37_800_000 * 20 // 100


def test_members_match_the_journal(ex):
    tags = set(ex.journal["anggota"].astype(str)) - {""}
    assert tags <= set(ex.members["no_anggota"])


def test_generator_is_deterministic(tmp_path: Path):
    spec = importlib.util.spec_from_file_location(
        "make_example", data_path("accounting", "make_example.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in ("anggota.csv", "saldo_awal_2024.csv", "jurnal_2024.csv", "penyesuaian_2024.csv"):
        committed = data_path("accounting", "contoh_ksp", name).read_bytes()
        assert (tmp_path / name).read_bytes() == committed, name
