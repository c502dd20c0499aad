"""RAT analytics on a hand-computed registry (written as the CSV a trainer would type)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from kopedu.errors import ParameterError
from kopedu.registry import (
    StatusDefinition,
    breakdown,
    classify,
    compare_definitions,
    frames_to_registry,
    priority_list,
    rat_events,
    summarise,
)

KOPERASI = """\
id_koperasi,nama_koperasi,jenis,kabupaten_kota,kecamatan,tanggal_badan_hukum,status_badan_hukum,tanggal_status,jumlah_anggota
A,KSU Tertib,serba usaha,Kutai Timur,Muara Bengkal,01/03/2015,,,100
B,Kop Jarang,produsen,Kutai Timur,Muara Bengkal,01/03/2015,,,50
C,Kop Tidur,produsen,Kutai Timur,Telen,01/03/2015,,,40
D,Kop Baru,jasa,Kutai Timur,Telen,10/02/2024,,,20
E,Kop Muda,konsumen,Kutai Timur,Telen,10/02/2023,,,25
F,Kop Telat,konsumen,Kutai Timur,Telen,01/03/2015,,,30
G,Kop Bubar,jasa,Kutai Timur,Telen,01/03/2010,dibubarkan,15/05/2022,10
H,Kop Proses,jasa,Kutai Timur,Telen,01/03/2010,proses pembubaran,01/04/2024,10
"""
RAT = """\
id_koperasi,tahun_buku,tanggal_rat,tanggal_lapor,jumlah_hadir
A,2020,15/03/2021,20/03/2021,60
A,2021,15/03/2022,20/03/2022,60
A,2022,15/03/2023,20/03/2023,40
A,2023,15/03/2024,20/03/2024,60
B,2021,30/06/2022,,20
C,2019,01/04/2020,,20
F,2022,01/04/2023,02/04/2023,20
F,2023,15/08/2024,20/08/2024,20
G,2019,01/04/2020,,5
H,2018,01/04/2019,,5
"""


@pytest.fixture(scope="module")
def reg():
    kop = pd.read_csv(io.StringIO(KOPERASI), dtype=str)
    rat = pd.read_csv(io.StringIO(RAT), dtype=str)
    return frames_to_registry({"koperasi": kop, "rat": rat}, "contoh.csv")


def test_status_of_each_cooperative_in_2024(reg):
    t = classify(reg, 2024).set_index("id_koperasi")
    assert "G" not in t.index  # dissolved in 2022
    assert t["status"].astype(str).to_dict() == {
        "A": "aktif",  # RAT every year
        "B": "aktif",  # last RAT tahun buku 2021, inside 2021–2023
        "C": "tidak aktif",  # last RAT 2019
        "D": "aktif",  # founded 2024: no tahun buku due yet
        "E": "tidak aktif",  # founded 2023, RAT for 2023 not held
        "F": "aktif",
        "H": "proses pembubaran",
    }
    assert t["tahun_tanpa_rat"].to_dict() == {"A": 0, "B": 2, "C": 4, "D": 0, "E": 1, "F": 0,
                                              "H": 5}  # fmt: skip
    assert t["rat"].to_dict() == {k: k in "AF" for k in "ABCDEFH"}
    assert t["rat_tepat_waktu"].to_dict() == {k: k == "A" for k in "ABCDEFH"}  # F in August
    assert t["layak_nik"].to_dict() == {k: k in "AF" for k in "ABCDEFH"}
    assert t["tindak_lanjut"].to_dict() == {
        "A": "", "B": "pembekuan", "C": "pembubaran", "D": "", "E": "pembinaan",
        "F": "pembinaan", "H": "pembubaran",
    }  # fmt: skip
    assert t.loc["C", "alasan"] == "4 tahun buku berturut-turut tanpa RAT"


def test_summary_counts_and_rate(reg):
    s = summarise(reg, 2024).iloc[0]
    assert s[["total", "aktif", "tidak_aktif", "proses_pembubaran", "rat", "rat_tepat_waktu",
              "layak_nik"]].tolist() == [7, 4, 2, 1, 2, 1, 2]  # fmt: skip
    assert s["persen_rat"] == pytest.approx(2 / 4)


def test_trend_counts_existing_cooperatives_each_year(reg):
    s = summarise(reg, [2021, 2022, 2023]).set_index("tahun")
    # 2021: A B C F G H exist (D, E not yet); G dissolved in 2022.
    assert s["total"].tolist() == [6, 5, 6]
    # 2021 window 2018–2020: A (2020), C (2019), G (2019), H (2018) → aktif 4.
    assert s.loc[2021, "aktif"] == 4
    # RAT in 2022 = tahun buku 2021: A and B.
    assert s.loc[2022, "rat"] == 2


def test_definitions_change_the_count(reg):
    by_def = compare_definitions(reg, 2024).set_index("definisi")["aktif"]
    assert by_def["kemenkop"] == 4
    assert by_def["kaltim"] == 3  # B's 2021 RAT is outside a two-year window
    assert by_def["tahunan"] == 3  # only A and F held RAT for 2023 (+ D, new)
    custom = StatusDefinition("lima", "lima tahun", 5, 3, 5, "uji")
    assert summarise(reg, 2024, custom).loc[0, "aktif"] == 5  # C's 2019 RAT counts


def test_deadline_is_configurable(reg):
    s = summarise(reg, 2024, deadline_months=8).iloc[0]
    assert s["rat_tepat_waktu"] == 2  # F's 15 August RAT is within eight months
    ev = rat_events(reg, deadline_months=6)
    assert ev["batas_rat"].dt.strftime("%Y-%m-%d").iloc[0] == "2021-06-30"
    assert ev.loc[ev["id_koperasi"] == "A", "kuorum_terpenuhi"].tolist() == [
        True,
        True,
        False,
        True,
    ]


def test_breakdown_and_priority(reg):
    b = breakdown(reg, 2024, by="kecamatan").set_index("kecamatan")
    assert b.loc["Muara Bengkal", ["total", "aktif"]].tolist() == [2, 2]
    assert b.loc["Telen", ["total", "aktif", "tidak_aktif"]].tolist() == [5, 2, 2]
    p = priority_list(reg, 2024)
    assert p["id_koperasi"].tolist() == ["H", "C", "B", "E", "F"]
    only = priority_list(reg, 2024, actions=("pembekuan",))
    assert only["id_koperasi"].tolist() == ["B"]


def test_analysis_does_not_mutate_the_registry(reg):
    before = (reg.koperasi.copy(), reg.rat.copy())
    classify(reg, 2024)
    summarise(reg, [2022, 2023, 2024], by="jenis")
    pd.testing.assert_frame_equal(reg.koperasi, before[0])
    pd.testing.assert_frame_equal(reg.rat, before[1])


def test_misuse_raises_indonesian_parameter_errors(reg):
    with pytest.raises(ParameterError, match="tidak dikenal"):
        summarise(reg, 2024, "bps-2099")
    with pytest.raises(ParameterError, match="Rincian"):
        summarise(reg, 2024, by="desa")
    with pytest.raises(ParameterError):
        StatusDefinition("x", "x", 0, 1, 1, "x")
