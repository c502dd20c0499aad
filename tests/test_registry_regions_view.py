"""A region's view of a trainer's registry: its own rows, findings and rejected rows only,
and every finding and rejected row writable in English."""

from __future__ import annotations

import pandas as pd

from kopedu.registry import load_registry

# Rows 2-9 of a one-sheet registry with a last-RAT column (the header is row 1):
#   2  Kutai Timur, kecamatan blank                       loaded
#   3  Kutai Timur, kecamatan blank, members -40           loaded, finding (negative)
#   4  Kutai Timur, no name                                rejected (Kutai Timur)
#   5  Balikpapan, kecamatan Balikpapan Kota               loaded
#   6  Balikpapan, kecamatan blank, RAT date in 2031       loaded, finding (future RAT)
#   7  Balikpapan, no identifier                           rejected (Balikpapan)
#   8  "Kutai Tengah" (no such kabupaten)                  rejected (region unknown)
#   9  kabupaten blank                                     rejected (region unknown)
ROWS = """\
NIK;Nama Koperasi;Kabupaten/Kota;Kecamatan;Jumlah Anggota;Tanggal RAT Terakhir
6408010001;KSU Maju;Kutai Timur;;25;15/03/2024
6408010002;Kop Sawit;Kutai Timur;;-40;20/04/2024
6408010003;;Kutai Timur;;12;
6471010001;KSP Teluk;Kota Balikpapan;Balikpapan Kota;30;02/05/2024
6471010002;Kop Pantai;Balikpapan;;18;01/03/2031
;Kop Tanpa NIK;Balikpapan;;9;
6499010001;Kop Entah;Kutai Tengah;;7;
6499010002;Kop Kosong;;;5;
"""


def _registry(tmp_path):
    path = tmp_path / "daftar.csv"
    path.write_text(ROWS, encoding="utf-8")
    return load_registry(path)


def _where(reg):
    return {(f.row, f.code) for f in reg.findings}


def test_whole_file(tmp_path):
    reg = _registry(tmp_path)
    assert reg.rows["daftar.csv"] == {"baris": 8, "dimuat": 4, "ditolak": 4, "dilewati": 0,
                                      "kosong": 0}  # fmt: skip
    assert reg.rejected["baris"].tolist() == [4, 7, 8, 9]
    assert reg.rejected["wilayah_tidak_diketahui"].tolist() == [False, False, True, True]
    assert reg.rejected["kode_wilayah"].tolist() == ["64.08", "64.71", "", ""]
    blank = [f for f in reg.findings if f.code == "registri.kecamatan_blank"]
    assert [dict(f.values)["n"] for f in blank] == [3]  # rows 2, 3, 6 (loaded rows only)


def test_a_kabupaten_sees_its_own_rows_and_the_rows_of_no_region(tmp_path):
    reg = _registry(tmp_path)
    kutim = reg.for_region("Kutai Timur")
    assert kutim.koperasi["nik"].tolist() == ["6408010001", "6408010002"]
    assert kutim.rejected["baris"].tolist() == [4, 8, 9]
    assert kutim.rejected["wilayah_tidak_diketahui"].tolist() == [False, True, True]
    rows = _where(kutim)
    assert (3, "registri.negative") in rows
    assert (6, "registri.future_rat") not in rows  # Balikpapan's
    assert (7, "registri.no_id") not in rows  # Balikpapan's rejected row
    assert (8, "registri.region_unknown_suggest") in rows or (8, "registri.region_unknown") in rows
    (blank,) = [f for f in kutim.findings if f.code == "registri.kecamatan_blank"]
    assert dict(blank.values)["n"] == 2  # rows 2 and 3
    assert blank.message.startswith("2 koperasi tanpa kecamatan")

    bpp = reg.for_region("Balikpapan")
    assert bpp.rejected["baris"].tolist() == [7, 8, 9]
    rows = _where(bpp)
    assert (6, "registri.future_rat") in rows and (3, "registri.negative") not in rows
    (blank,) = [f for f in bpp.findings if f.code == "registri.kecamatan_blank"]
    assert dict(blank.values)["n"] == 1  # row 6


def test_a_kecamatan_and_a_province(tmp_path):
    reg = _registry(tmp_path)
    kota = reg.for_region("Kecamatan Balikpapan Kota")
    assert kota.koperasi["nik"].tolist() == ["6471010001"]
    assert not [f for f in kota.findings if f.code == "registri.kecamatan_blank"]
    assert kota.rejected["baris"].tolist() == [8, 9]  # region of row 7: Balikpapan, no kecamatan
    kaltim = reg.for_region("Kalimantan Timur")
    assert len(kaltim.koperasi) == 4
    assert kaltim.rejected["baris"].tolist() == [4, 7, 8, 9]


def test_findings_and_rejected_rows_in_english(tmp_path, monkeypatch):
    monkeypatch.delenv("KOPEDU_LANG", raising=False)
    reg = _registry(tmp_path).for_region("Kutai Timur")
    negative = next(f for f in reg.findings if f.code == "registri.negative")
    assert negative.text("id") == (
        "daftar.csv, baris 3, kolom 'Jumlah Anggota': nilai negatif (-40); dikosongkan "
        "— tulis bilangan bulat ≥ 0"
    )
    assert negative.text("en") == (
        "daftar.csv, row 3, column 'Jumlah Anggota': negative value (-40); left blank "
        "— write a whole number ≥ 0"
    )
    (blank,) = [f for f in reg.findings if f.code == "registri.kecamatan_blank"]
    assert blank.message_in("en").startswith("2 cooperative(s) without kecamatan")
    english = reg.rejected_in("en").set_index("baris")
    assert (
        english.loc[4, "alasan"]
        == "column 'Nama Koperasi': this cell is empty but must be filled in"
    )
    assert english.loc[9, "alasan"] == "column 'Kabupaten/Kota': regency/city is blank"
    assert english.loc[9, "perbaikan"] == "fill in the cooperative's regency/city"
    indonesian = reg.rejected.set_index("baris")
    assert indonesian.loc[9, "alasan"] == "kolom 'Kabupaten/Kota': kabupaten/kota kosong"
    assert reg.rejected_in("id")["alasan"].tolist() == reg.rejected["alasan"].tolist()


def test_english_user_reads_indonesian_on_request(tmp_path, monkeypatch):
    monkeypatch.setenv("KOPEDU_LANG", "en")
    reg = _registry(tmp_path)
    row9 = reg.rejected.set_index("baris").loc[9]
    assert row9["alasan"] == "column 'Kabupaten/Kota': regency/city is blank"
    assert reg.rejected_in("id").set_index("baris").loc[9, "alasan"] == (
        "kolom 'Kabupaten/Kota': kabupaten/kota kosong"
    )


def test_region_view_does_not_change_the_registry(tmp_path):
    reg = _registry(tmp_path)
    before = (reg.findings, reg.rejected.copy(), reg.koperasi.copy())
    reg.for_region("Balikpapan")
    assert reg.findings == before[0]
    pd.testing.assert_frame_equal(reg.rejected, before[1])
    pd.testing.assert_frame_equal(reg.koperasi, before[2])
