"""Regional aggregation, PEARLS, KKPKK and the what-if callback."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kopedu.errors import KopeduError
from kopedu.health import (
    example_inputs,
    kkpkk_aspect,
    kkpkk_rate,
    pearls,
    pearls_check,
    pearls_summary,
    score,
    summarise_region,
)

EX = example_inputs()


def test_balikpapan_26_assessed_6_sehat():
    bpp = pd.DataFrame(
        {"wilayah": "Kota Balikpapan", "kategori": ["Sehat"] * 6 + ["Cukup Sehat"] * 20}
    )
    row = summarise_region(bpp).loc["Kota Balikpapan"]
    assert row["jumlah_dinilai"] == 26 and row["Sehat"] == 6
    assert row["persen_sehat"] == pytest.approx(6 / 26 * 100)


def test_region_summary_from_scores():
    out = summarise_region(score(EX), total=True)
    assert out.loc["Kab. Kutai Timur", "jumlah_koperasi"] == 4
    assert out.loc["Kab. Kutai Timur", "Tidak dapat dinilai"] == 2
    # BPN-001 52,15 DP; BPN-002 94,65 Sehat; BPN-003 50,15 … 54,15 not determined;
    # BPN-004 forced DPK
    assert out.loc["Kota Balikpapan"].to_dict() == {
        "jumlah_koperasi": 4, "Sehat": 1, "Cukup Sehat": 0, "Dalam Pengawasan": 1,
        "Dalam Pengawasan Khusus": 1, "Tidak dapat dinilai": 1, "jumlah_dinilai": 3,
        "persen_sehat": 1 / 3 * 100,  # Sehat ÷ jumlah_dinilai × 100
    }  # fmt: skip
    assert out.loc["Semua wilayah", "jumlah_koperasi"] == 11
    empty = summarise_region(pd.DataFrame({"wilayah": ["X"], "kategori": ["Tidak dapat dinilai"]}))
    assert np.isnan(empty.loc["X", "persen_sehat"])


def test_region_summary_errors():
    with pytest.raises(KopeduError, match="Kategori tidak dikenal"):
        summarise_region(pd.DataFrame({"wilayah": ["X"], "kategori": ["Kurang Sehat"]}))
    with pytest.raises(KopeduError, match="provinsi"):
        summarise_region(score(EX), by="provinsi")


def test_pearls_hand_computed():
    p = pearls(EX).iloc[0]
    assert p["E1"] == pytest.approx((1500 - 20) / 2000 * 100)  # net loans / assets = 74 %
    assert p["E7"] == pytest.approx(30.0)  # (100 + 500) / 2000
    assert p["E8"] == pytest.approx(9.0)  # (150 + 30) / 2000
    assert p["A1"] == pytest.approx(65 / 1500 * 100)
    ok = pearls_check(EX).iloc[0]
    assert bool(ok["E1"]) and not bool(ok["E7"]) and not bool(ok["E8"]) and bool(ok["A1"])
    assert pd.isna(ok["R12"])  # goal is text only
    zero = EX.iloc[[0]].copy()
    zero["total_aset"] = 0
    assert pearls(zero).isna().drop(columns="A1").all(axis=None)


def test_pearls_summary_and_region_table_as_readers_see_them():
    from kopedu.display import table

    t = pearls_summary(EX, 0).set_index("kode")
    assert t.loc[["E1", "E7", "E8", "A1"], "memenuhi"].tolist() == [True, False, False, True]
    assert t.loc["E8", "rasio"] == pytest.approx(9.0)  # (150 + 30) / 2000
    assert pd.isna(t.loc["R12", "memenuhi"])
    text = table(pearls_summary(EX, 0)).to_text().splitlines()
    assert text[0].split() == ["Kode", "Nama", "Rasio", "Sasaran", "Memenuhi"]
    e8 = next(line for line in text if line.startswith("E8"))
    assert "9,0 %" in e8 and e8.endswith("tidak")
    region = table(summarise_region(score(EX), total=True)).to_text().splitlines()
    assert region[-1].startswith("Semua wilayah") and region[-1].endswith("62,5 %")  # 5 of 8


def test_kkpkk_tables_and_aggregation():
    # Juknis Tabel 2.1: 76 < X ≤ 100 → 1; 51 < X ≤ 75 → 2; 26 < X ≤ 50 → 3; ≤ 25 → 4
    assert kkpkk_rate("kualitatif", [100, 76, 75.5, 51, 50, 26, 25, 0])["peringkat"].tolist() == [
        1, 1, 2, 2, 3, 3, 4, 4,
    ]  # fmt: skip
    assert kkpkk_rate("kualitatif", [75.5], batas="kontinu")["peringkat"].tolist() == [1]
    # Tabel 2.57: ≥ 10 → skor 4; 7–< 10 → 3; 4–< 7 → 2; < 4 → 1
    assert kkpkk_rate("kk_pertumbuhan_ekuitas", [10, 9.9, 4, 3.9])["skor"].tolist() == [4, 3, 2, 1]
    assert kkpkk_rate("pm_car", [8, 7])["predikat"].tolist() == ["Sehat", "Cukup Sehat"]
    # SHU growth: "< 1 % nilai 4" (S5) and the other bands from S3: 5 % → nilai 1
    assert kkpkk_rate("kk_pertumbuhan_shu", [5.0, 0.9])["peringkat"].tolist() == [1, 4]
    assert kkpkk_rate("npm", [15, 4.9])["skor"].tolist() == [4, 1]  # Tabel 2.39
    with pytest.raises(KopeduError, match="tidak dikenal"):
        kkpkk_rate("tidak_ada", [1])
    out = kkpkk_aspect([4, 4, 3, 2])  # 13 ÷ (4 × 4) × 100 = 81,25
    assert out["persen"] == pytest.approx(81.25) and out["kategori"] == "Sehat"
    assert "sidaku" in out["catatan"]
    assert kkpkk_aspect([4, np.nan])["kategori"] == "Tidak dapat dinilai"
