"""Lesson 03's statements agree with each other and with the trial balance."""

from __future__ import annotations

import pytest
from lesson_run import values


@pytest.fixture(scope="module")
def lesson():
    return values(
        "03_laporan_keuangan_koperasi",
        {
            "phu": "dict(phu.values)",
            "tb": "[pendapatan, beban]",
            "neraca": "dict(neraca.values)",
            "ekuitas_akhir": 'ekuitas["total_akhir"]',
            "kas_akhir": 'arus_kas["kas_akhir"]',
            "kas_neraca": (
                "int(ak.account_balances(ak.concat_journals([contoh.opening, jurnal]), bagan)"
                '.loc[["1101", "1102"], "saldo"].sum())'
            ),
            "toko": "dict(phu_toko.values)",
            "persamaan": "[persamaan.aset, persamaan.kewajiban, persamaan.ekuitas]",
            "sisa": "sisa_nominal",
        },
    )


def test_income_statement_matches_the_trial_balance(lesson):
    phu, (pendapatan, beban) = lesson["phu"], lesson["tb"]
    assert phu["shu_setelah_pajak"] == pendapatan - beban == 21_079_113
    assert phu["partisipasi_neto"] == phu["partisipasi_bruto"] - phu["beban_pokok_anggota"]


def test_balance_sheet_and_equity(lesson):
    n = lesson["neraca"]
    assert n["total_aset"] == n["total_kewajiban"] + n["total_ekuitas"] == 496_495_000
    assert n["shu_tahun_berjalan"] == lesson["phu"]["shu_setelah_pajak"]
    assert lesson["ekuitas_akhir"] == n["total_ekuitas"]


def test_cash_flow_ends_at_the_cash_balance(lesson):
    assert lesson["kas_akhir"] == lesson["kas_neraca"] == 15_045_000 + 138_050_000


def test_shop_income_statement(lesson):
    t = lesson["toko"]
    # 18 − 15 = 3 juta from members; 8 − 6 = 2 juta from others; − 2,5 − 0,5 juta beban
    assert t["partisipasi_neto"] == 3_000_000
    assert t["laba_kotor_non_anggota"] == 2_000_000
    assert t["shu_setelah_pajak"] == 2_000_000


def test_closing_keeps_the_equation(lesson):
    assert lesson["persamaan"] == [496_495_000, 305_795_887, 190_699_113]
    assert lesson["sisa"] == 0
