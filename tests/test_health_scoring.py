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
    assert hit("promosi_ekonomi_anggota", 3)[0] == 25
    assert hit("promosi_ekonomi_anggota", 3, bacaan={"promosi_ekonomi_anggota": "apex"})[0] == 0
    assert hit("pinjaman_dana_diterima", 55)[0] == 25
    old_table = {"pinjaman_dana_diterima": "tabel_2009"}
    assert hit("pinjaman_dana_diterima", 55, bacaan=old_table)[0] == 50
    assert hit("kemandirian_operasional", 130)[0] == 75
    assert hit("kemandirian_operasional", 130, bacaan={"kemandirian_operasional": "apex"})[0] == 100
    assert hit("ms_ta", 40, bacaan={"ms_ta": "linear_2009"})[0] == 50  # +5 per 4 %


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
    res = score(EX)
    asp = res.aspects.iloc[0]
    expected = {
        "permodalan": 15, "kualitas_aktiva_produktif": 24, "manajemen": 14.4,
        "efisiensi": 10, "likuiditas": 15, "kemandirian_pertumbuhan": 6.25, "jatidiri": 10,
    }  # fmt: skip
    for aid, value in expected.items():
        assert asp[f"skor_{aid}"] == pytest.approx(value), aid
    assert asp["predikat_kemandirian_pertumbuhan"] == "Dalam Pengawasan"  # 62.5 %
    assert res.total["skor_total"].iloc[0] == pytest.approx(94.65)
    assert res.total["kategori"].iloc[0] == "Sehat"


def test_hand_computed_dalam_pengawasan_cooperative():
    res = score(EX)
    s = res.skor.iloc[1]
    assert s["ms_ta"] == 3  # 70 % → 61–80 → 50
    assert s["car"] == 1.5  # 5 % → 50
    assert s["rpm"] == 3  # RPM 130 jt / 800 jt = 16.25 % → 60
    assert s["cadangan_rpm"] == 1  # 26 / 130 = 20 % → 20
    assert s["rasio_kas"] == 2.5  # 25 % → 25
    assert res.total["skor_total"].iloc[1] == pytest.approx(53.15)
    assert res.total["kategori"].iloc[1] == "Dalam Pengawasan"


def _row(code: str) -> int:
    return int(np.flatnonzero(EX["kode"].to_numpy() == code)[0])


def test_edge_cases_score_without_crash_and_mark_reasons():
    res = score(EX)
    st = res.status
    # zero loans: every loan ratio is not assessable, never the best bracket
    i = _row("KTM-002")
    for cid in ("pinjaman_anggota", "rpm", "pinjaman_berisiko", "efisiensi_pelayanan"):
        assert np.isnan(res.nilai[cid].iloc[i]), cid
    assert np.isnan(res.nilai["ms_pinjaman_berisiko"].iloc[i])
    assert res.total["skor_total"].iloc[i] == pytest.approx(63.9)
    assert res.total["bobot_tidak_dinilai"].iloc[i] == 28
    assert res.total["kategori"].iloc[i] == NOT_ASSESSABLE  # 63.9 … 91.9 spans categories
    table = res.components(i).set_index("komponen")
    assert "pinjaman yang diberikan = 0" in table.loc["rpm", "keterangan"]
    # zero RPM: ratio 0 is defined (→ 100); cadangan/RPM gets full marks, recorded
    i = _row("BPN-002")
    assert res.nilai["rpm"].iloc[i] == 100
    assert res.nilai["cadangan_rpm"].iloc[i] == 100 and st["cadangan_rpm"].iloc[i] == 3
    note = res.components(i).set_index("komponen").loc["cadangan_rpm", "keterangan"]
    assert "nilai penuh" in note
    assert res.total["skor_total"].iloc[i] == pytest.approx(95.65)
    # zero current liabilities: cash ratio not assessable, but 84.65 … 94.65 is Sehat anyway
    i = _row("PKY-001")
    assert np.isnan(res.nilai["rasio_kas"].iloc[i])
    assert res.total["kategori"].iloc[i] == "Sehat"
    # negative SHU: SHU kotor < 0 flagged; negative returns in the lowest bracket
    i = _row("BPN-003")
    assert np.isnan(res.nilai["beban_usaha_shu_kotor"].iloc[i])
    assert res.nilai["rentabilitas_aset"].iloc[i] == 25
    assert res.total["skor_total"].iloc[i] == pytest.approx(51.15)
    assert res.total["kategori"].iloc[i] == "Dalam Pengawasan"  # 51.15 … 55.15
    # negative equity: MS/TA ≤ 0 → 0; ROE lowest bracket (not a positive ratio of negatives)
    i = _row("PKY-002")
    assert res.nilai["ms_ta"].iloc[i] == 0 and res.nilai["car"].iloc[i] == 0
    assert res.nilai["rentabilitas_modal_sendiri"].iloc[i] == 25
    assert res.total["skor_total"].iloc[i] == pytest.approx(42.65)
    assert res.total["kategori"].iloc[i] == "Dalam Pengawasan Khusus"
    # missing answers count as 0 but are reported; missing dana diterima is not assessable
    i = _row("KTM-003")
    assert res.skor["manajemen_umum"].iloc[i] == 0 and st["manajemen_umum"].iloc[i] == 6
    assert np.isnan(res.nilai["pinjaman_dana_diterima"].iloc[i])
    assert res.total["skor_total"].iloc[i] == pytest.approx(75.25)
    # a downgrade factor forces Dalam Pengawasan Khusus whatever the score
    i = _row("BPN-004")
    assert res.total["skor_total"].iloc[i] == pytest.approx(94.65)
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
    i = _row("KTM-004")
    res = score(EX, "perdep_07_2016")
    assert res.skor["kepatuhan_syariah"].iloc[i] == 8  # 80 % × bobot 10
    assert res.skor["rpm"].iloc[i] == pytest.approx(3.2)  # nilai 80 × bobot 4
    assert res.total["skor_total"].iloc[i] == pytest.approx(92.85)


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
        score(EX.drop(columns=["kas", "atmr"]))
    assert {p.column for p in info.value.problems} == {"kas", "atmr"}


def test_trace_fills_in_the_numbers():
    res = score(EX)
    text = res.trace(0)
    assert "Rp 900.000.000 ÷ Rp 2.000.000.000 × 100 % = 45,00 %" in text
    assert "RPM) = 50 % × Rp 30.000.000 + 75 % × Rp 20.000.000 + Rp 15.000.000" in text
    assert "rentang 41 ≤ x < 61 → nilai 100" in text
    assert "Skor total: 94,65 dari 100" in text and text.endswith("Kategori: Sehat")
    gap = res.trace(_row("KTM-002"))
    assert "tidak dapat dinilai: pinjaman yang diberikan = 0" in gap
    assert "skor sebenarnya antara 63,90 dan 91,90" in gap
    linear = score(EX, options=ScoringOptions(bacaan={"rpm": "linear_nagara"})).trace(1)
    assert "nilai = 100 − 2 × 16,25 = 67,50 → nilai 67,50" in linear


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
    assert res.total["skor_total"].iloc[0] == pytest.approx(94.65 - 10)  # cash ratio missing
    assert "data kas kosong" in res.components(0).set_index("kode").loc["5a", "keterangan"]
    keyed = score(EX.set_index("kode"))
    assert keyed.total.loc["BPN-001", "skor_total"] == pytest.approx(53.15)


def _options_for(conflict_id: str, option: str) -> ScoringOptions:
    if conflict_id == "batas_bulat":
        return ScoringOptions(batas=option)
    kind, _, cid = conflict_id.rpartition(".")
    if kind:
        return ScoringOptions(**{kind: {cid: option}})
    return ScoringOptions(bacaan={cid: option})


def test_every_option_of_every_declared_conflict_scores_the_example_table():
    from kopedu.health import load_rules

    for name in ("perdep_06_2016", "perdep_07_2016"):
        for k in load_rules(name).conflicts:
            for option in k.options:
                res = score(EX, name, _options_for(k.id, option))
                assert len(res) == len(EX), (k.id, option)
                assert res.total["skor_total"].between(0, 100).all(), (k.id, option)
