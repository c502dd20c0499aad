"""Consistency findings (oracles: the inconsistencies figures.md lists, computed by hand)."""

from __future__ import annotations

from kopedu.consistency import check_figures, findings_frame
from kopedu.figures import load_figures


def _kinds(findings, kind):
    return [f for f in findings if f.kind == kind]


def test_kutai_timur_2023_total_does_not_add_up():
    (f,) = _kinds(check_figures(region="Kutai Timur"), "jumlah_tidak_cocok")
    assert (f.year, f.expected, f.published, f.difference) == (2023, 1209 - 325, 879, -5)
    assert "884" in f.message and "879" in f.message and "1.209" in f.message


def test_samarinda_2021():
    (f,) = _kinds(check_figures(region="Samarinda"), "jumlah_tidak_cocok")
    assert (f.expected, f.published) == (1264 - 273, 988)  # 273 + 988 = 1.261 ≠ 1.264


def test_balikpapan_kecamatan_sum_439_not_440():
    (f,) = _kinds(check_figures(region="Balikpapan"), "rincian_tidak_cocok")
    assert (f.expected, f.published) == (440, 143 + 82 + 76 + 62 + 40 + 36)


def test_consistent_regions_have_no_warnings():
    # Palangka Raya: 177 + 99 + 22 = 298; Kaltim 2021 and 2023 add up; Balikpapan by type = 440.
    for region in ("Palangka Raya", "Kaltim"):
        assert not [f for f in check_figures(region=region) if f.severity == "peringatan"]
    assert not [
        f
        for f in check_figures(region="Balikpapan")
        if f.kind == "rincian_tidak_cocok" and "jenis" in f.message
    ]


def test_conflicting_sources_flagged():
    conflicts = _kinds(check_figures(region="Kutim"), "sumber_berbeda")
    assert {(f.year, "1.209" in f.message and "600" in f.message) for f in conflicts} >= {
        (2023, True)
    }


def test_subset_larger_than_whole_is_flagged():
    fig = load_figures()
    fake = fig[fig["figure_id"].isin(["F011", "F012"])].copy()
    fake.loc[fake["figure_id"] == "F012", "value"] = 600  # 600 aktif of 587
    (f,) = _kinds(check_figures(fake), "bagian_melebihi_induk")
    assert (f.published, f.expected) == (600, 587)


def test_approximate_and_large_change_are_information():
    info = [f for f in check_figures(region="Kutim") if f.severity == "info"]
    assert any(f.kind == "angka_perkiraan" and f.year == 2022 for f in info)  # "sekitar 655"
    assert any(
        f.kind == "perubahan_besar" and (f.expected, f.published) == (655, 325) for f in info
    )


def test_findings_frame_shape():
    df = findings_frame(check_figures())
    assert list(df.columns)[:3] == ["severity", "kind", "region_code"]
    assert (df["severity"] == "peringatan").sum() >= 4
    assert findings_frame([]).empty
