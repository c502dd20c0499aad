"""KKPKK 2021 scored in full: weights 30/15/40/15, every table, counts, hand-computed example."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kopedu.health import (
    NOT_ASSESSABLE,
    check_rules,
    example_inputs,
    kkpkk_indicators,
    load_rules,
    score,
)

RULES = load_rules("kkpkk_2021")
KARYA = example_inputs("kkpkk_2021")


def test_structure_weights_and_categories():
    assert check_rules(RULES) == []
    # S3 bobottatakelola 30, bobotprofilrisiko 15, bobotkinerja 40, bobotmodal 15
    assert {a.id: a.weight for a in RULES.aspects} == {
        "tata_kelola": 30, "profil_risiko": 15, "kinerja_keuangan": 40, "permodalan": 15,
    }  # fmt: skip
    assert [len(a.components) for a in RULES.aspects] == [17, 21, 18, 4]
    assert [k.min for k in RULES.categories][:3] == [80, 66, 51]
    ind = kkpkk_indicators().set_index("indikator")
    # prinsip 4+5+3+4+4+4+4 = 28; kelembagaan 3+3+17+4+3 = 30; manajemen 3+4+4+4+4 = 19
    assert ind.loc[ind.index.str.startswith("tk_"), "butir"].sum() == 28 + 30 + 19
    assert (ind["jenis"] == "rasio").sum() == 4 + 18 + 4
    assert ind.index.str.startswith("kpmr_").sum() == 12  # items per indicator: an input
    # every indicator weighs its aspect's share: Σ over an aspect = its weight
    for a in RULES.aspects:
        assert sum(c.weight for c in a.components) == pytest.approx(a.weight)


def test_example_shares_its_figures_with_the_perdep_table():
    perdep = example_inputs().set_index("kode").loc["BPN-001"]
    row = KARYA.iloc[0]
    for col in ("total_aset", "kas", "bank", "modal_sendiri", "pinjaman_anggota", "dana_diterima"):
        assert row[col] == perdep[col], col
    butir = [c for c in KARYA.columns if c.startswith("kpmr_") and c.endswith("_butir")]
    assert int(KARYA[butir].sum(axis=1).iloc[0]) == 47  # the 47 KPMR items


def test_karya_mandiri_hand_computed():
    # Amounts in juta. Skor per indicator (nilai kredit = 5 − skor):
    # Tata Kelola (17): prinsip 4/4, 4/5, 2/3, 3/4, 3/4, 2/4, 2/4 = 100, 80, 66,7, 75, 75,
    #   50, 50 % → 4, 4, 3, 3, 3, 2, 2 (21); kelembagaan 3/3, 3/3, 14/17 = 82,4, 3/4, 2/3 →
    #   4, 4, 4, 3, 3 (18); manajemen 2/3, 2/4, 2/4, 1/4, 2/4 → 3, 2, 2, 1, 2 (10).
    #   Σ 49 ÷ (4 × 17) = 72,06 % × 30 = 21,62
    # Profil Risiko (21): aset produktif 850/1000 = 85 % (≤ 95) → 4; pinjaman 800/850 =
    #   94,1 % (85–95) → 2; aset likuid 50/1000 = 5 % (≤ 5) → 1; 50/200 = 25 % (> 21) → 4 (11);
    #   risiko inheren butir 3/4, 2/4, 3/4, 2/4, 3/5 → 3, 2, 3, 2, 3 (13); KPMR 2/4, 2/4, 1/4,
    #   2/4, 3/4, 2/4, 3/4, 2/4, 2/4, 2/4, 2/4, 1/3 → 2,2,1,2,3,2,3,2,2,2,2,2 (25).
    #   Σ 49 ÷ (4 × 21) = 58,33 % × 15 = 8,75
    # Kinerja Keuangan (18): ROA 30/1000 = 3 % → 2; ROE 30/700 = 4,3 % → 1; kemandirian
    #   10/150 → 1; BOPO 340/500 = 68 % → 4; biaya usaha/SHU kotor 140/200 = 70 % → 2;
    #   pinjaman anggota 500/800 = 62,5 % → 3; bermasalah (80+40+60)/800 = 22,5 % → 1;
    #   cadangan 26/180 = 14,4 % → 1; kas+bank 50/200 = 25 % → 4; piutang/dana diterima
    #   800/1000 = 80 % → 3; aset lancar 880/200 = 440 % → 4; pertumbuhan aset
    #   (1000−950)/950 = 5,3 % → 2; dana diterima (1000−960)/960 = 4,2 % → 2; ekuitas
    #   (700−690)/690 = 1,4 % → 1; SHU (30−35)/35 = −14,3 % → 1; pendapatan utama 200/500 =
    #   40 % → 2; SHU/(SP+SW) 30/400 = 7,5 % → 1; partisipasi simpanan 120/200 = 60 % → 3.
    #   Σ 38 ÷ (4 × 18) = 52,78 % × 40 = 21,11
    # Permodalan (4): ekuitas 70 % → 4; CAR 5 % → 2; modal pinjaman anggota 0 % → 1;
    #   kewajiban jangka panjang 50/700 = 7,1 % (≤ 100) → 4. Σ 11 ÷ 16 = 68,75 % × 15 = 10,31
    # Total 21,62 + 8,75 + 21,11 + 10,31 = 61,79 → 51 ≤ x < 66: Dalam Pengawasan
    res = score(KARYA, "kkpkk_2021")
    asp = res.aspects.iloc[0]
    assert asp["persen_tata_kelola"] == pytest.approx(49 / 68 * 100)
    assert asp["persen_profil_risiko"] == pytest.approx(49 / 84 * 100)
    assert asp["persen_kinerja_keuangan"] == pytest.approx(38 / 72 * 100)
    assert asp["persen_permodalan"] == pytest.approx(11 / 16 * 100)
    total = 49 / 68 * 30 + 49 / 84 * 15 + 38 / 72 * 40 + 11 / 16 * 15
    assert res.total["skor_total"].iloc[0] == pytest.approx(total)
    assert round(total, 2) == 61.79
    assert res.total["kategori"].iloc[0] == "Dalam Pengawasan"
    skor = (res.nilai.iloc[0] / 25).astype(int)
    assert skor["kk_pertumbuhan_shu"] == 1 and skor["kk_bopo"] == 4 and skor["pm_car"] == 2
    assert asp["predikat_tata_kelola"] == "Cukup Sehat"  # 72,06 %


def test_growth_is_change_over_last_year_not_the_ratio_of_the_two():
    # S3 computes v1 ÷ v2 × 100 (105,3 % for 1000 over 950: "Sehat"); the table is for
    # growth: (1000 − 950) ÷ 950 × 100 = 5,26 % → 4–< 7 → skor 2
    res = score(KARYA, "kkpkk_2021")
    assert res.ratio["kk_pertumbuhan_aset"].iloc[0] == pytest.approx(50 / 950 * 100)
    assert res.nilai["kk_pertumbuhan_aset"].iloc[0] == 50
    lost = KARYA.copy()
    lost["shu_setelah_pajak_lalu"] = -35_000_000  # last year a loss: growth undefined
    res = score(lost, "kkpkk_2021")
    assert np.isnan(res.nilai["kk_pertumbuhan_shu"].iloc[0])


def test_blank_counts_and_items_are_not_assessable():
    row = KARYA.copy()
    row["tk_anggaran_dasar"] = pd.NA
    row["kpmr_likuiditas_proses_butir"] = pd.NA
    res = score(row, "kkpkk_2021")
    table = res.components(0).set_index("komponen")
    assert table.loc["tk_anggaran_dasar", "keterangan"] == (
        "tidak dapat dinilai: kuesioner anggaran dasar belum diisi; jawab semua pertanyaannya"
    )
    assert table.loc["kpmr_likuiditas_proses", "keterangan"] == (
        "tidak dapat dinilai: data kpmr likuiditas proses butir kosong"
    )
    # two of 60 indicators open: 30/17 + 15/21 points may still come
    assert res.total["bobot_tidak_dinilai"].iloc[0] == pytest.approx(30 / 17 + 15 / 21)
    assert res.total["kategori"].iloc[0] == "Dalam Pengawasan"  # ≤ 61,79 + 2,48 < 66


def test_trace_speaks_the_worksheets_language():
    lines = score(KARYA, "kkpkk_2021").trace(0, "kinerja_keuangan").splitlines()
    at = lines.index(
        "  C.I.4 Beban operasional terhadap pendapatan operasional (BOPO) (bobot 2,22)"
    )
    assert lines[at + 2] == "           = Rp 340.000.000 ÷ Rp 500.000.000 × 100 % = 68,00 %"
    assert lines[at + 4] == "       rentang x < 80 → nilai kredit 1 (Sehat), skor 4 dari 4"
    assert lines[at + 5] == "     skor berbobot = 4 ÷ 4 × bobot 2,22 = 2,22"
    assert lines[-1] == "  Skor aspek Kinerja Keuangan: 21,11 dari 40 (52,8 %) → Dalam Pengawasan"


def test_same_cooperative_under_2016_and_2021():
    perdep = score(example_inputs().query("kode == 'BPN-001'"))
    kkpkk = score(KARYA, "kkpkk_2021")
    assert round(perdep.total["skor_total"].iloc[0], 2) == 52.15
    assert round(kkpkk.total["skor_total"].iloc[0], 2) == 61.79
    assert perdep.total["kategori"].iloc[0] == kkpkk.total["kategori"].iloc[0]
    empty = KARYA.copy()
    empty[[c.numerator for c in RULES.components if c.questionnaire]] = pd.NA
    assert score(empty, "kkpkk_2021").total["kategori"].iloc[0] == NOT_ASSESSABLE
