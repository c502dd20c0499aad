"""Lesson 02's journal, ledger, trial balance and worksheet, computed by hand below."""

from __future__ import annotations

import pytest
from lesson_run import values


@pytest.fixture(scope="module")
def lesson():
    return values(
        "02_jurnal_dan_neraca_saldo",
        {
            "classes": 'akun.set_index("nama")[["kelas", "saldo_normal"]].to_dict("index")',
            "entries": 'jurnal["entri"].nunique()',
            "findings": "len(temuan)",
            "peserta": 'sorted(set(temuan_peserta["jenis"]))',
            "kas": "saldo_kas",
            "tb": "list(ak.trial_balance_totals(neraca_saldo))",
            "shu": 'baris_shu["phu_debit"]',
            "ws_ns": '[kertas_kerja["ns_debit"].sum(), kertas_kerja["ns_kredit"].sum()]',
            "contoh": "[contoh.journal['entri'].nunique(), len(temuan_contoh), debit, kredit]",
        },
    )


def test_simpanan_classes(lesson):
    c = lesson["classes"]
    assert c["Simpanan pokok"] == {"kelas": "ekuitas", "saldo_normal": "kredit"}
    assert c["Simpanan wajib"] == {"kelas": "ekuitas", "saldo_normal": "kredit"}
    assert c["Simpanan sukarela"] == {"kelas": "kewajiban", "saldo_normal": "kredit"}
    assert c["Akumulasi penyusutan"] == {"kelas": "aset", "saldo_normal": "kredit"}


def test_journal_checks(lesson):
    assert lesson["entries"] == 10 and lesson["findings"] == 0
    assert lesson["peserta"] == [
        "akun_tidak_dikenal",
        "bukti_ganda",
        "di_luar_tahun_buku",
        "tidak_seimbang",
    ]


def test_cash_and_trial_balance(lesson):
    # Kas: +100 − 7 − 2 + 5 + 60 + 12 − 120 + 18 − 2,1 − 9 (juta) = 54,9 juta
    assert lesson["kas"] == 54_900_000
    # debit side: 54,9 + 108 + 2 + 22 (aset) + 1,2 + 0,9 (beban) = 189 juta
    assert lesson["tb"] == [189_000_000, 189_000_000]
    assert lesson["ws_ns"] == [189_000_000, 189_000_000]


def test_shu_after_adjustments(lesson):
    # 6.000.000 − 2.100.000 − 800.000 perlengkapan − 733.333 penyusutan (22 juta ÷ 60 × 2, floor)
    assert lesson["shu"] == 2_366_667


def test_the_example_cooperative(lesson):
    assert lesson["contoh"] == [684, 0, 643_180_887, 643_180_887]
