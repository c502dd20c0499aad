"""Scoring against oracles from the reference (health-scoring.md) and hand computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kopedu.errors import DataValidationError, KopeduError
from kopedu.health import (
    NOT_ASSESSABLE,
    OptionsError,
    ScoringOptions,
    category_of,
    example_inputs,
    load_rules,
    lookup_nilai,
    score,
    score_one,
)

EX = example_inputs()
BASE = EX.iloc[[0]]


def hit(cid: str, ratio: float, **options) -> tuple[float, float]:
    """(nilai, skor) of one component at a given ratio (%)."""
    res = score(BASE, options=ScoringOptions(**options), ratios={cid: ratio})
    return float(res.nilai[cid].iloc[0]), float(res.skor[cid].iloc[0])


# --- KPRI Adi Dharma worksheet (reference §1.6): oracles under the default reading -------
@pytest.mark.parametrize(
    ("cid", "ratio", "nilai", "skor"),
    [
        ("ms_ta", 69.498, 50, 3.0),
        ("ms_ta", 80.985, 50, 3.0),  # between "61–80" and "81–100": ADI gave 50
        ("ms_pinjaman_berisiko", 111.37, 100, 6.0),
    ],
)
def test_adi_dharma_oracles(cid, ratio, nilai, skor):
    assert hit(cid, ratio) == (nilai, skor)


def test_integer_boundary_readings_both_ways():
    # bulat (default): the gap 80 < x < 81 belongs to "61–80"; kontinu: it goes up.
    assert hit("ms_ta", 80.985, batas="kontinu") == (25, 1.5)
    assert hit("ms_ta", 20.5) == (25, 1.5)
    assert hit("ms_ta", 20.5, batas="kontinu") == (50, 3.0)
    assert hit("ms_ta", 40.5) == (50, 3.0)
    assert hit("ms_ta", 40.5, batas="kontinu") == (100, 6.0)
    for batas in ("bulat", "kontinu"):
        assert hit("ms_ta", 81.0, batas=batas)[0] == 25
        assert hit("ms_ta", 80.0, batas=batas)[0] == 50
        assert hit("ms_ta", 0.0, batas=batas)[0] == 0  # ≤ 0 → 0
        assert hit("ms_ta", 150.0, batas=batas)[0] == 25  # > 100: edge bracket (APEX 1.5)
    # 2a: "≤25 → 0; 26–50 → 50"; 2d: "21–25 → 75; 26–30 → 50"
    assert hit("pinjaman_anggota", 25.5)[0] == 0
    assert hit("pinjaman_anggota", 25.5, batas="kontinu")[0] == 50
    assert hit("pinjaman_berisiko", 25.5)[0] == 75
    assert hit("pinjaman_berisiko", 25.5, batas="kontinu")[0] == 50


# --- KPRI Nagara and 123dok worked cases -------------------------------------------------
@pytest.mark.parametrize("ratio", [112, 107, 118])
def test_nagara_ms_over_risky_loans(ratio):
    assert hit("ms_pinjaman_berisiko", ratio) == (100, 6.0)


def test_nagara_car_from_amounts_and_member_loans():
    row = EX.iloc[[0]].copy()
    row["modal_tertimbang"] = 1_331_473_063
    row["atmr"] = 1_204_854_973
    res = score(row)
    assert res.ratio["car"].iloc[0] == pytest.approx(110.509, abs=1e-3)
    assert (res.nilai["car"].iloc[0], res.skor["car"].iloc[0]) == (100, 3.0)
    assert res.nilai["pinjaman_anggota"].iloc[0] == 100  # member-loan share 100 %


def test_member_loan_worked_case_73_3():
    assert hit("pinjaman_anggota", 73.3) == (75, 7.5)  # 123dok eqoo444kq


# --- Conflicting readings: both (all) readings tested -------------------------------------
@pytest.mark.parametrize(
    ("ratio", "tabel", "linear", "nagara"),
    [(0, 100, 90, 100), (16.25, 60, 57.5, 67.5), (42, 10, 6, 16), (45, 0, 0, 10), (50, 0, 0, 0)],
)
def test_rpm_readings(ratio, tabel, linear, nagara):
    assert hit("rpm", ratio)[0] == tabel
    assert hit("rpm", ratio, bacaan={"rpm": "linear"})[0] == linear  # 2 × (45 − x)
    assert hit("rpm", ratio, bacaan={"rpm": "linear_nagara"})[0] == nagara  # 100 − 2x


@pytest.mark.parametrize(("ratio", "tabel", "linear"), [(0, 0, 0), (5, 10, 5), (95, 100, 95)])
def test_cadangan_rpm_readings(ratio, tabel, linear):
    assert hit("cadangan_rpm", ratio)[0] == tabel
    assert hit("cadangan_rpm", ratio, bacaan={"cadangan_rpm": "linear"})[0] == linear


def test_other_conflicts_both_readings():
    assert hit("ms_pinjaman_berisiko", 55)[0] == 50
    assert hit("ms_pinjaman_berisiko", 55, bacaan={"ms_pinjaman_berisiko": "linear"})[0] == 55
    assert hit("car", 3) == (0, 0)
    assert hit("car", 3, bacaan={"car": "terendah_25"}) == (25, 0.75)
    assert hit("efisiensi_pelayanan", 20)[0] == 0
    assert hit("efisiensi_pelayanan", 20, bacaan={"efisiensi_pelayanan": "terendah_25"})[0] == 25
    assert hit("ms_ta", 40, bacaan={"ms_ta": "linear_2009"})[0] == 50  # +5 per 4 %: 40/4×5


# --- Corrected defaults, each against the quoted rule text --------------------------------
@pytest.mark.parametrize(
    ("ratio", "nilai"),
    [
        # "rasio kas lebih besar dari 10 hingga 15 diberi nilai 100 … lebih besar dari 15
        # hingga 20 diberi nilai 50 … lebih kecil atau sama dengan 10 diberi nilai 25 …
        # lebih dari 20 diberi nilai 25" (Permen 14/2009; Tabel 17)
        (10.0, 25),  # "≤ 10 → 25": exactly 10 % is NOT the top band
        (10.01, 100),
        (15.0, 100),  # "hingga 15" includes 15
        (15.01, 50),
        (20.0, 50),
        (20.01, 25),
        (0.0, 25),
    ],
)
def test_5a_cash_ratio_follows_the_rule_text(ratio, nilai):
    assert hit("rasio_kas", ratio)[0] == nilai
    # skor = nilai × bobot 10 ÷ 100
    assert hit("rasio_kas", ratio)[1] == pytest.approx(nilai * 10 / 100)


def test_5a_earlier_default_is_kept_as_an_unsupported_option():
    assert hit("rasio_kas", 10.0, bacaan={"rasio_kas": "sepuluh_100"})[0] == 100
    reading = score(BASE).rules.component("rasio_kas").readings["sepuluh_100"]
    assert reading.supported is False


@pytest.mark.parametrize(
    ("ratio", "nilai", "skor"),
    [
        # "rasio lebih kecil atau sama dengan 100 diberi nilai 0; rasio lebih besar dari
        # 100 diberi nilai 100; nilai dikalikan bobot 4" (Permen 14/2009; Tabel 21)
        (100.0, 0, 0.0),
        (100.01, 100, 4.0),
        (130.0, 100, 4.0),  # the unsourced four-band table gave 75 here
        (6.67, 0, 0.0),
        (-13.3, 0, 0.0),
    ],
)
def test_6c_operational_self_reliance_is_two_bands(ratio, nilai, skor):
    assert hit("kemandirian_operasional", ratio) == (nilai, skor)


def test_6c_four_band_reading_still_available():
    four = {"kemandirian_operasional": "empat_rentang"}
    assert hit("kemandirian_operasional", 130, bacaan=four)[0] == 75
    assert hit("kemandirian_operasional", 100, bacaan=four)[0] == 25


@pytest.mark.parametrize(
    ("ratio", "nilai"),
    [
        # "rasio PEA lebih kecil dari 5 % diberi nilai 0; 5 sampai < 7,5 nilai 50;
        # 7,5 sampai < 10 nilai 75; ≥ 10 nilai 100" (Permen 14/2009; APEX)
        (4.99, 0),
        (0.0, 0),
        (5.0, 50),
        (7.49, 50),
        (7.5, 75),
        (10.0, 100),
    ],
)
def test_7b_pea_below_5_percent_scores_0(ratio, nilai):
    assert hit("promosi_ekonomi_anggota", ratio)[0] == nilai
    lowest = {"promosi_ekonomi_anggota": "terendah_25"}
    assert hit("promosi_ekonomi_anggota", 3, bacaan=lowest)[0] == 25


@pytest.mark.parametrize(
    ("ratio", "nilai"),
    # Tabel 18 Permen 14/2009: < 60 → 25; 60–70 → 50; 70–80 → 75; 80–90 → 100
    [(59.9, 25), (60, 50), (69.9, 50), (70, 75), (80, 100), (95, 100)],
)
def test_5b_loans_to_funds_received_table_18(ratio, nilai):
    assert hit("pinjaman_dana_diterima", ratio)[0] == nilai
    old = {"pinjaman_dana_diterima": "ingatan_50_75_100"}
    assert hit("pinjaman_dana_diterima", 55, bacaan=old)[0] == 50  # unsupported recollection


# --- Rounding conventions -----------------------------------------------------------------
def test_rounding_conventions_on_a_table():
    # 4a beban operasi / PB (APEX): < 90 → 100; 90 ≤ x < 95 → 75.
    # APEX rounds up first: 89,2 % → ceil 90 → 75 (source note §7: 3,00 instead of 4,00).
    assert hit("beban_operasi_pb", 89.2) == (100, 4.0)
    assert hit("beban_operasi_pb", 89.2, pembulatan="rasio_ke_atas") == (75, 3.0)
    # nearest whole percent: 89,2 → 89 → 100; 89,5 → 90 → 75
    assert hit("beban_operasi_pb", 89.2, pembulatan="rasio_bulat")[0] == 100
    assert hit("beban_operasi_pb", 89.5, pembulatan="rasio_bulat")[0] == 75
    # nilai of a table is already whole: nilai_bulat changes nothing
    assert hit("beban_operasi_pb", 89.2, pembulatan="nilai_bulat")[0] == 100
    # float noise does not move a ratio up: exactly 10 % stays 10 under ceil (5a → 25)
    assert hit("rasio_kas", 50 / 500 * 100, pembulatan="rasio_ke_atas")[0] == 25


def test_rounding_conventions_on_a_linear_reading():
    nagara = {"rpm": "linear_nagara"}  # nilai = 100 − 2 × rasio
    # continuous: 100 − 2 × 16,25 = 67,5
    assert hit("rpm", 16.25, bacaan=nagara)[0] == 67.5
    # nilai rounded half up: 67,5 → 68
    assert hit("rpm", 16.25, bacaan=nagara, pembulatan="nilai_bulat")[0] == 68
    # ratio rounded first (KPRI Nagara): 16,75 → 17 → 100 − 34 = 66, whereas the
    # rounded nilai of 100 − 33,5 = 66,5 is 67
    assert hit("rpm", 16.75, bacaan=nagara, pembulatan="rasio_bulat")[0] == 66
    assert hit("rpm", 16.75, bacaan=nagara, pembulatan="nilai_bulat")[0] == 67


def test_setia_dharma_99_6_percent_reproduced_by_two_conventions():
    # The Dinas worksheet scored MS / pinjaman berisiko 99,6 % as nilai 100.
    assert hit("ms_pinjaman_berisiko", 99.6)[0] == 90  # stepped table, continuous: 90–100
    assert hit("ms_pinjaman_berisiko", 99.6, pembulatan="rasio_ke_atas")[0] == 100
    linear = {"ms_pinjaman_berisiko": "linear"}
    assert hit("ms_pinjaman_berisiko", 99.6, bacaan=linear)[0] == pytest.approx(99.6)
    assert hit("ms_pinjaman_berisiko", 99.6, bacaan=linear, pembulatan="nilai_bulat")[0] == 100


def test_rounding_per_component_and_never_on_the_questionnaire():
    opts = {"pembulatan_komponen": {"beban_operasi_pb": "rasio_ke_atas"}}
    assert hit("beban_operasi_pb", 89.2, **opts)[0] == 75
    assert hit("beban_usaha_shu_kotor", 40.5, **opts)[0] == 75  # 40 < x ≤ 60, unrounded
    row = EX.iloc[[0]].copy()
    row["ya_manajemen_umum"] = 7  # 7 × 0,25 = 1,75 whatever the convention
    res = score(row, options=ScoringOptions(pembulatan="nilai_bulat"))
    assert res.skor["manajemen_umum"].iloc[0] == pytest.approx(1.75)
    with pytest.raises(OptionsError):
        ScoringOptions(pembulatan="dibulatkan")


def test_questionnaire_points_per_yes():
    # 0.25 / 0.50 / 0.60 / 0.30 / 0.60 per "ya" (reference §1.4)
    row = EX.iloc[[0]].copy()
    row[["ya_manajemen_umum", "ya_kelembagaan", "ya_manajemen_permodalan"]] = [7, 1, 2]
    row[["ya_manajemen_aktiva", "ya_manajemen_likuiditas"]] = [3, 0]
    s = score(row).skor.iloc[0]
    assert s["manajemen_umum"] == pytest.approx(1.75)
    assert s["kelembagaan"] == pytest.approx(0.5)
    assert s["manajemen_permodalan"] == pytest.approx(1.2)
    assert s["manajemen_aktiva"] == pytest.approx(0.9)
    assert s["manajemen_likuiditas"] == 0


# --- Categories ----------------------------------------------------------------------------
def test_category_thresholds_and_published_aggregates():
    got = category_of(np.array([100, 80, 79.99, 66, 65.99, 51, 50.99, 0, np.nan]))
    assert got.tolist() == [
        "Sehat", "Sehat", "Cukup Sehat", "Cukup Sehat", "Dalam Pengawasan",
        "Dalam Pengawasan", "Dalam Pengawasan Khusus", "Dalam Pengawasan Khusus", NOT_ASSESSABLE,
    ]  # fmt: skip
    # KSP Mitra Sukses Lestari mean 65.98 → Dalam Pengawasan; Gurindam 62.47 is also
    # Dalam Pengawasan (the paper's "cukup sehat" contradicts 51–<66).
    assert category_of(np.array([65.98, 62.47])).tolist() == ["Dalam Pengawasan"] * 2
    # KJKS Kalbar Madani 2014–2016 (syariah, same thresholds): Cukup Sehat.
    assert set(category_of(np.array([76.34, 79.07, 78.35]))) == {"Cukup Sehat"}
    assert category_of(79.99999999999)[0] == "Sehat"  # float noise is rounded away


# --- Hand-computed example table (data/health/contoh_koperasi.csv) --------------------------
def test_hand_computed_sehat_cooperative():
    # KSP Sangatta Sejahtera (amounts in juta rupiah):
    # 1a 900/2000 = 45 % → 41–60 → 100 → 6; 1b 900/300 = 300 % → 100 → 6; 1c 90 % → 3
    # 2a 1500/1500 → 10; 2b RPM 15+15+15 = 45 → 3 % → 80 → 4; 2c 50/45 → 100 → 5;
    #    2d 300/1500 = 20 % → 100 → 5                                     (KAP 24)
    # 3  3 + 3 + 3 + 3 + 4 × 0,6 = 14,4
    # 4a 75 % → 4; 4b 36 % → 4; 4c 4 % → 2; 5a 120/1000 = 12 % → 10; 5b 83,3 % → 5
    # 6a 160/2000 = 8 % → 75 → 2,25; 6b 45/900 = 5 % → 100 → 3;
    #    6c 100/(90 + 10) = 100 % → "≤ 100 diberi nilai 0" → 0            (kemandirian 5,25)
    # 7a 400/500 = 80 % → 7; 7b 60/600 = 10 % → 3
    # total 15 + 24 + 14,4 + 10 + 15 + 5,25 + 10 = 93,65
    res = score(EX)
    asp = res.aspects.iloc[0]
    expected = {
        "permodalan": 15, "kualitas_aktiva_produktif": 24, "manajemen": 14.4,
        "efisiensi": 10, "likuiditas": 15, "kemandirian_pertumbuhan": 5.25, "jatidiri": 10,
    }  # fmt: skip
    for aid, value in expected.items():
        assert asp[f"skor_{aid}"] == pytest.approx(value), aid
    assert asp["predikat_kemandirian_pertumbuhan"] == "Dalam Pengawasan"  # 52,5 % ≥ 51
    assert res.total["skor_total"].iloc[0] == pytest.approx(93.65)
    assert res.total["kategori"].iloc[0] == "Sehat"


def test_hand_computed_dalam_pengawasan_cooperative():
    # KSP Karya Mandiri (juta rupiah):
    # 1a 700/1000 = 70 % → 61–80 → 50 → 3; 1b 175 % → 6; 1c 5 % → 50 → 1,5     (10,5)
    # 2a 500/800 = 62,5 % → 75 → 7,5; 2b RPM 40 + 30 + 60 = 130 → 16,25 % → 60 → 3;
    #    2c 26/130 = 20 % → 20 → 1; 2d 400/800 = 50 % → 25 → 1,25           (12,75)
    # 3  8 × 0,25 + 4 × 0,5 + 3 × 0,6 + 6 × 0,3 + 3 × 0,6 = 9,4
    # 4a 190/200 = 95 % → 50 → 2; 4b 140/200 = 70 % → 50 → 2; 4c 64/800 = 8 % → 1,5 (5,5)
    # 5a 50/200 = 25 % → 25 → 2,5; 5b 800/1000 = 80 % → 100 → 5            (7,5)
    # 6a 4 % → 0,75; 6b 2 % → 0,75; 6c 10/150 = 6,7 % → 0                  (1,5)
    # 7a 200/500 = 40 % → 50 → 3,5; 7b 20/400 = 5 % → "5 sampai < 7,5" → 50 → 1,5 (5)
    # total 10,5 + 12,75 + 9,4 + 5,5 + 7,5 + 1,5 + 5 = 52,15
    res = score(EX)
    s = res.skor.iloc[1]
    assert s["ms_ta"] == 3
    assert s["car"] == 1.5
    assert s["rpm"] == 3
    assert s["cadangan_rpm"] == 1
    assert s["rasio_kas"] == 2.5
    assert s["kemandirian_operasional"] == 0
    assert s["promosi_ekonomi_anggota"] == 1.5
    assert res.total["skor_total"].iloc[1] == pytest.approx(52.15)
    assert res.total["kategori"].iloc[1] == "Dalam Pengawasan"


def _row(code: str) -> int:
    return int(np.flatnonzero(EX["kode"].to_numpy() == code)[0])


def test_edge_cases_score_without_crash_and_mark_reasons():
    res = score(EX)
    st = res.status
    # zero loans: every loan ratio is not assessable, never the best bracket.
    # Sangatta's 93,65 without 1b (6), 2a (10), 2b (5: 4 → 5 is not scored), 2d (5),
    # 4c (2); 2c RPM = 0 → full 5 (was 5); 5b 0/1800 = 0 % → < 60 → 25 → 1,25 (was 5):
    # 93,65 − 6 − 10 − 4 − 5 − 2 − 3,75 = 62,9; not assessed 6 + 10 + 5 + 5 + 2 = 28
    i = _row("KTM-002")
    for cid in ("pinjaman_anggota", "rpm", "pinjaman_berisiko", "efisiensi_pelayanan"):
        assert np.isnan(res.nilai[cid].iloc[i]), cid
    assert np.isnan(res.nilai["ms_pinjaman_berisiko"].iloc[i])
    assert res.total["skor_total"].iloc[i] == pytest.approx(62.9)
    assert res.total["bobot_tidak_dinilai"].iloc[i] == 28
    assert res.total["kategori"].iloc[i] == NOT_ASSESSABLE  # 62,9 … 90,9 spans categories
    table = res.components(i).set_index("komponen")
    assert table.loc["rpm", "keterangan"] == (
        "tidak dapat dinilai: pinjaman yang diberikan = 0, rasio tidak terdefinisi"
    )
    # zero RPM: ratio 0 is defined ("= 0 → 100"); cadangan/RPM gets full marks, recorded.
    # 93,65 with 2b 80 → 100 (+1): 94,65
    i = _row("BPN-002")
    assert res.nilai["rpm"].iloc[i] == 100
    assert res.nilai["cadangan_rpm"].iloc[i] == 100 and st["cadangan_rpm"].iloc[i] == 3
    note = res.components(i).set_index("komponen").loc["cadangan_rpm", "keterangan"]
    assert note == (
        "risiko pinjaman bermasalah (RPM) = 0: diberi nilai penuh (bacaan umum, belum dikonfirmasi)"
    )
    assert res.total["skor_total"].iloc[i] == pytest.approx(94.65)
    # zero current liabilities: cash ratio not assessable, but 83,65 … 93,65 is Sehat anyway
    i = _row("PKY-001")
    assert np.isnan(res.nilai["rasio_kas"].iloc[i])
    assert res.total["skor_total"].iloc[i] == pytest.approx(83.65)
    assert res.total["kategori"].iloc[i] == "Sehat"
    # negative SHU: SHU kotor < 0 flagged; negative returns in the lowest bracket.
    # Karya Mandiri's 52,15 without 4b (2): 50,15 … 54,15 spans DPK (< 51) and DP
    i = _row("BPN-003")
    assert np.isnan(res.nilai["beban_usaha_shu_kotor"].iloc[i])
    assert res.nilai["rentabilitas_aset"].iloc[i] == 25
    assert res.nilai["kemandirian_operasional"].iloc[i] == 0  # −20/150 ≤ 100
    assert res.total["skor_total"].iloc[i] == pytest.approx(50.15)
    assert res.total["kategori"].iloc[i] == NOT_ASSESSABLE
    # negative equity: MS/TA ≤ 0 → 0; CAR −10 % → 0; 1b −25 % → 0; ROE lowest bracket.
    # 52,15 − permodalan 10,5 = 41,65
    i = _row("PKY-002")
    assert res.nilai["ms_ta"].iloc[i] == 0 and res.nilai["car"].iloc[i] == 0
    assert res.nilai["rentabilitas_modal_sendiri"].iloc[i] == 25
    assert res.total["skor_total"].iloc[i] == pytest.approx(41.65)
    assert res.total["kategori"].iloc[i] == "Dalam Pengawasan Khusus"
    # a blank questionnaire is not assessable (never zero "ya"); nor is a blank dana
    # diterima: 93,65 − manajemen 14,4 − 5b 5 = 74,25, not assessed 15 + 5 = 20
    i = _row("KTM-003")
    assert np.isnan(res.skor["manajemen_umum"].iloc[i]) and st["manajemen_umum"].iloc[i] == 6
    assert np.isnan(res.nilai["pinjaman_dana_diterima"].iloc[i])
    assert res.total["skor_total"].iloc[i] == pytest.approx(74.25)
    assert res.total["bobot_tidak_dinilai"].iloc[i] == 20
    assert res.total["kategori"].iloc[i] == NOT_ASSESSABLE  # 74,25 … 94,25
    note = res.components(i).set_index("komponen").loc["manajemen_umum", "keterangan"]
    assert note == (
        "tidak dapat dinilai: kuesioner manajemen umum belum diisi; jawab semua pertanyaannya"
    )
    # a downgrade factor forces Dalam Pengawasan Khusus whatever the score
    i = _row("BPN-004")
    assert res.total["skor_total"].iloc[i] == pytest.approx(93.65)
    assert res.total["kategori"].iloc[i] == "Dalam Pengawasan Khusus"


def test_zero_and_negative_denominator_policies_both_ways():
    i = _row("BPN-002")
    opts = ScoringOptions(penyebut_nol={"cadangan_rpm": "tidak_dapat_dinilai"})
    assert np.isnan(score(EX, options=opts).nilai["cadangan_rpm"].iloc[i])
    i = _row("BPN-003")
    opts = ScoringOptions(penyebut_negatif={"beban_usaha_shu_kotor": "terendah"})
    assert score(EX, options=opts).nilai["beban_usaha_shu_kotor"].iloc[i] == 25
    i = _row("PKY-002")
    opts = ScoringOptions(penyebut_negatif={"rentabilitas_modal_sendiri": "tidak_dapat_dinilai"})
    assert np.isnan(score(EX, options=opts).nilai["rentabilitas_modal_sendiri"].iloc[i])


def test_an_all_zero_row_never_gets_the_best_bracket():
    zero = {c: 0 for c in EX.columns if EX[c].dtype == "Int64"}
    res = score_one(zero)
    for cid in ("rpm", "rasio_kas", "ms_ta", "beban_usaha_shu_kotor", "rentabilitas_aset"):
        assert np.isnan(res.nilai[cid].iloc[0]), cid
    assert res.total["kategori"].iloc[0] == NOT_ASSESSABLE


def test_syariah_variant_hand_computed():
    # KSPPS Amanah = Sangatta's figures + kepatuhan syariah 80 %, under Perdep 07/2016:
    # Permodalan (2007 structure, 5 + 5): MS/TA 45 % → KJKS "20–100 → 100" → 5;
    #   CAR 90 % → 100 → 5                                                       (10)
    # KAP (8:4:4:4): 2a 100 → 8; 2b 3 % → 80 → 3,2; 2c → 4; 2d 20 % → 4         (19,2)
    # manajemen 14,4; efisiensi 10; likuiditas 15; kemandirian 5,25
    # jatidiri PB 80 % → 100 × 5 + PEA 10 % → 100 × 5 = 10; syariah 80 % × 10 = 8
    # total 10 + 19,2 + 14,4 + 10 + 15 + 5,25 + 10 + 8 = 91,85
    i = _row("KTM-004")
    res = score(EX, "perdep_07_2016")
    assert [c.id for c in res.rules.aspects[0].components] == ["ms_ta", "car"]
    assert res.skor["kepatuhan_syariah"].iloc[i] == 8
    assert res.skor["ms_ta"].iloc[i] == 5
    assert res.skor["rpm"].iloc[i] == pytest.approx(3.2)
    assert res.total["skor_total"].iloc[i] == pytest.approx(91.85)
    # the KJKS table: 0–10 → 25; 10–15 → 50; 15–20 → 75; 20–100 → 100
    opts = ScoringOptions()
    for ratio, nilai in ((9.9, 25), (10, 50), (17, 75), (20, 100), (80, 100)):
        got = score(BASE, "perdep_07_2016", opts, ratios={"ms_ta": ratio}).nilai["ms_ta"]
        assert got.iloc[0] == nilai, ratio


def test_syariah_2007_structure_is_honest_about_unknown_tables():
    # KAP (NPF 10, portofolio berisiko 5, PPAP 5), aktiva tetap / TA (4) and efisiensi
    # staf (2) have no table in any public source: 26 points not assessable.
    # 91,85 − KAP 19,2 − efisiensi (10 − 4 for biaya operasional pelayanan 75 % → 100) = 66,65
    i = _row("KTM-004")
    res = score(EX, "perdep_07_2016_struktur_2007")
    assert res.total["skor_total"].iloc[i] == pytest.approx(66.65)
    assert res.total["bobot_tidak_dinilai"].iloc[i] == 26
    assert res.total["kategori"].iloc[i] == NOT_ASSESSABLE  # 66,65 … 92,65
    note = res.components(i).set_index("komponen").loc["npf", "keterangan"]
    assert note == (
        "tidak dapat dinilai: tabel rentang komponen ini belum ditemukan di sumber terbuka"
    )


def test_vectorised_equals_one_by_one_and_input_untouched():
    before = EX.copy(deep=True)
    many = score(EX)
    pd.testing.assert_frame_equal(EX, before)
    for i in range(len(EX)):
        one = score_one(EX.iloc[i].to_dict())
        assert one.total["skor_total"].iloc[0] == pytest.approx(many.total["skor_total"].iloc[i])
        assert one.total["kategori"].iloc[0] == many.total["kategori"].iloc[i]


def test_bad_options_and_missing_columns_raise_kopedu_errors():
    with pytest.raises(OptionsError, match="linier"):
        score(BASE, options=ScoringOptions(bacaan={"rpm": "linier"}))
    with pytest.raises(OptionsError):
        score(BASE, options=ScoringOptions(bacaan={"tidak_ada": "tabel"}))
    with pytest.raises(OptionsError):
        ScoringOptions(batas="dibulatkan")
    with pytest.raises(DataValidationError) as info:
        score(EX.drop(columns=["kas", "total_aset"]))
    assert {p.column for p in info.value.problems} == {"kas", "total_aset"}


def test_trace_fills_in_the_numbers():
    res = score(EX)
    text = res.trace(0)
    assert "Rp 900.000.000 ÷ Rp 2.000.000.000 × 100 % = 45,00 %" in text
    assert "RPM) = 50 % × Rp 30.000.000 + 75 % × Rp 20.000.000 + Rp 15.000.000" in text
    assert "rentang 41 ≤ x < 61 → nilai 100" in text
    lines = text.splitlines()
    # the trace names the reading used, with its source and confidence
    at = lines.index("  5a Rasio kas (kas dan bank terhadap kewajiban lancar) (bobot 10)")
    assert lines[at + 4] == "     bacaan tabel (Permen 14/2009 Tabel 17; APEX; keyakinan M)"
    assert lines[at + 5] == "       rentang 10 < x ≤ 15 → nilai 100"
    assert "Skor total: 93,65 dari 100" in text and text.endswith("Kategori: Sehat")
    gap = res.trace(_row("KTM-002"))
    assert "tidak dapat dinilai: pinjaman yang diberikan = 0" in gap
    assert "skor sebenarnya antara 62,90 dan 90,90" in gap
    linear = score(EX, options=ScoringOptions(bacaan={"rpm": "linear_nagara"})).trace(1)
    assert "nilai = 100 − 2 × 16,25 = 67,50 → nilai 67,50" in linear
    assert "bacaan linear_nagara (NAGARA; keyakinan L)" in linear
    # rounding is shown: RPM 16,25 % rounded to 16 → 100 − 32 = 68 (KPRI Nagara's way)
    opts = ScoringOptions(bacaan={"rpm": "linear_nagara"}, pembulatan="rasio_bulat")
    nagara = score(EX, options=opts).trace(1).splitlines()
    assert "     rasio dibulatkan ke persen terdekat: 16,25 % → 16 %" in nagara
    worked = "nilai = 100 − 2 × rasio, dibatasi 0–100; nilai = 100 − 2 × 16 = 68,00 → nilai 68"
    assert "       " + worked in nagara
    # an unsupported reading says so
    old = score(EX, options=ScoringOptions(bacaan={"rasio_kas": "sepuluh_100"})).trace(0)
    assert "TANPA SUMBER TERTULIS" in old


def test_trace_for_one_aspect_and_lost_points():
    res = score(EX)
    text = res.trace(0, "likuiditas")
    assert text.startswith("5. Likuiditas (bobot 15)")
    assert "Permodalan" not in text
    lost = res.components(1).set_index("kode")["skor_hilang"]
    assert lost["5a"] == pytest.approx(7.5)  # cash ratio 25 % → nilai 25 → 2.5 of 10
    with pytest.raises(KopeduError):
        res.trace(0, "tidak_ada")


def test_empty_table_float_columns_and_custom_index():
    assert len(score(EX.iloc[:0])) == 0
    floats = EX.astype({c: "float64" for c in EX.columns if str(EX[c].dtype) == "Int64"})
    floats.loc[0, "kas"] = np.nan
    res = score(floats)
    assert res.total["skor_total"].iloc[0] == pytest.approx(93.65 - 10)  # cash ratio missing
    assert "data kas kosong" in res.components(0).set_index("kode").loc["5a", "keterangan"]
    keyed = score(EX.set_index("kode"))
    assert keyed.total.loc["BPN-001", "skor_total"] == pytest.approx(52.15)


def _options_for(conflict_id: str, option: str) -> ScoringOptions:
    if conflict_id == "batas_bulat":
        return ScoringOptions(batas=option)
    if conflict_id == "pembulatan":
        return ScoringOptions(pembulatan=option)
    kind, _, cid = conflict_id.rpartition(".")
    if kind:
        return ScoringOptions(**{kind: {cid: option}})
    return ScoringOptions(bacaan={cid: option})


def test_every_option_of_every_declared_conflict_scores_the_example_table():
    from kopedu.health import load_rules

    for name in ("perdep_06_2016", "perdep_07_2016", "perdep_07_2016_struktur_2007"):
        for k in load_rules(name).conflicts:
            for option in k.options:
                res = score(EX, name, _options_for(k.id, option))
                assert len(res) == len(EX), (k.id, option)
                assert res.total["skor_total"].between(0, 100).all(), (k.id, option)


def test_lookup_nilai_is_the_scoring_lookup_for_one_ratio():
    # 1a "61–80 → 50; 81–100 → 25": 80,985 % in the gap; bulat puts it in 61–80 (ADI)
    assert lookup_nilai("ms_ta", 80.985) == 50
    assert lookup_nilai("1a", 80.985, options=ScoringOptions(batas="kontinu")) == 25
    # 4a "< 90 → 100; 90–< 95 → 75": 89,2 % as is, or rounded up to 90 (APEX's ceil)
    assert lookup_nilai("4a", 89.2) == 100
    assert lookup_nilai("4a", 89.2, options=ScoringOptions(pembulatan="rasio_ke_atas")) == 75
    # the same as scoring a row with the ratio set by hand, for every component
    for comp in load_rules().components:
        for ratio in (0.0, 10.0, 47.5, 99.0, 150.0):
            assert lookup_nilai(comp.id, ratio) == hit(comp.id, ratio)[0], (comp.id, ratio)
    with pytest.raises(KopeduError):
        lookup_nilai("9z", 10.0)


def test_aspect_table_of_one_cooperative():
    res = score(EX)
    t = res.aspect_table(1)  # KSP Karya Mandiri, hand-computed in the test above
    assert t["aspek"].tolist()[:2] == ["Permodalan", "Kualitas Aktiva Produktif"]
    assert t["bobot"].tolist() == [15, 25, 15, 10, 15, 10, 10]
    # 3 + 6 + 1,5; 7,5 + 3 + 1 + 1,25; 2 + 2 + 1,8 + 1,8 + 1,8; 2 + 2 + 1,5; 2,5 + 5;
    # 0,75 + 0,75 + 0; 3,5 + 1,5
    assert t["skor"].tolist() == pytest.approx([10.5, 12.75, 9.4, 5.5, 7.5, 1.5, 5.0])
    assert t["persen"].tolist() == pytest.approx([70, 51, 9.4 / 15 * 100, 55, 50, 15, 50])
    # a component not assessed leaves its aspect without a percent (KSP Baru Berdiri: 1b)
    assert np.isnan(res.aspect_table(_row("KTM-002"))["persen"].iloc[0])


def test_trace_of_one_component_by_id_or_code():
    res = score(EX)
    one = res.trace(_row("PKY-003"), komponen="car")
    assert one == res.trace(_row("PKY-003"), komponen="1c")
    assert one.splitlines()[0] == "1c Rasio kecukupan modal sendiri (CAR) (bobot 3)"
    assert "1a " not in one and "Skor aspek" not in one
    # 100 + 500 + 150 + 15 + 70 + 25 + 350 + 25 + 50 + 125 = 1.410; 20 + 1.500 + 210 = 1.730
    assert "jumlah                                       Rp 1.410.000.000" in one
    assert one.rstrip().endswith("skor = 100 × 3 ÷ 100 = 3,00")
    assert repr(one) == str(one)  # a notebook shows the text, not a quoted string
