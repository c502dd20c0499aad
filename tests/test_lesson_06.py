"""Lesson 06's registry figures (synthetic registry built to match the published counts)."""

from __future__ import annotations

import pytest
from lesson_run import values


@pytest.fixture(scope="module")
def lesson():
    return values(
        "06_analisis_rat",
        {
            "ringkas": 'ringkas.iloc[0][["total", "aktif", "tidak_aktif", "rat"]].tolist()',
            "definisi": 'banding.set_index("definisi")["aktif"].to_dict()',
            "bpp": 'bpp.iloc[0][["aktif", "rat", "persen_rat"]].tolist()',
            "muara_bengkal": (
                'kec.set_index("kecamatan").loc["Muara Bengkal", ["total", "aktif"]].tolist()'
            ),
            "layak_nik": 'int(status["layak_nik"].sum())',
            "tindak_lanjut": "tindak_lanjut.to_dict()",
            "periksa": (
                'kp.registry.check_frames({"koperasi": koperasi, "rat": rat}, "contoh.xlsx")'
                ".splitlines()"
            ),
        },
    )


def test_kutai_timur_2023(lesson):
    total, aktif, tidak_aktif, rat = lesson["ringkas"]
    # published 1.209 and 325; 1.209 − 325 = 884 (the article's 879 does not add up)
    assert (total, aktif, tidak_aktif) == (1209, 325, 884)
    assert lesson["layak_nik"] <= rat


def test_definitions_differ(lesson):
    d = lesson["definisi"]
    assert d["kemenkop"] == 325
    assert d["kaltim"] < d["kemenkop"] and d["tahunan"] < d["kemenkop"]


def test_balikpapan_rat_rate(lesson):
    aktif, rat, share = lesson["bpp"]
    assert (aktif, rat) == (440, 70)
    assert share == pytest.approx(70 / 440)  # 15,9 %


def test_muara_bengkal_and_follow_up(lesson):
    assert lesson["muara_bengkal"] == [49, 19]
    assert sum(lesson["tindak_lanjut"].values()) == 1209


def test_a_messy_table_is_checked_without_a_stopped_cell(lesson):
    head, *problems = lesson["periksa"]
    # row 3 has jenis "tani" (not one of the seven jenis) and "Kutai Tengah" (Kalimantan
    # Timur has Kutai Barat, Kutai Kartanegara and Kutai Timur); row 2 ("KAB. KUTAI TIMUR",
    # "KSU Maju ", "KSU") reads without a problem. Columns are named as the table writes them.
    assert head.startswith("contoh.xlsx: ditemukan 2 masalah")
    assert [p.split(": ")[0] for p in problems] == [
        "  - contoh.xlsx, baris 3, kolom 'Kab/Kota'",
        "  - contoh.xlsx, baris 3, kolom 'Jenis'",
    ]
    assert "'Kutai Tengah' tidak dikenal" in problems[0] and "(isi sel: 'tani')" in problems[1]
