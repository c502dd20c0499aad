"""Loading trainers' registries: the mess is handled, or every problem is listed at once."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from kopedu.errors import DataValidationError
from kopedu.registry import check_frames, frames_to_registry, load_registry
from kopedu.registry.columns import canonical_column


def _messy_workbook(path, *, broken: bool = False):
    """A registry as a Dinas keeps it: title rows, merged headers, Indonesian formats."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Daftar Koperasi"
    ws["A1"] = "DAFTAR KOPERASI KABUPATEN KUTAI TIMUR"
    ws.merge_cells("A1:G1")
    ws["A2"] = "Keadaan s.d. 31 Desember 2023"
    # Two-row header: group labels on row 3, names on row 4; F and G merged vertically.
    ws["A3"], ws["D3"] = "IDENTITAS", "WILAYAH"
    ws.merge_cells("A3:C3")
    ws.merge_cells("D3:E3")
    ws["F3"], ws["G3"] = "Tgl Badan Hukum", "Jumlah Anggota"
    ws.merge_cells("F3:F4")
    ws.merge_cells("G3:G4")
    ws.append([])  # placeholder so row 4 is written explicitly below
    for col, name in zip("ABCDE", ["No. Badan Hukum", "NAMA KOPERASI ", "Jenis Koperasi",
                                   "Kab/Kota", "Kecamatan"], strict=True):  # fmt: skip
        ws[f"{col}4"] = name
    rows = [
        ["001/BH/XVI/2019 ", "KSU Maju Bersama  ", "KSU", "KAB. KUTAI TIMUR", "Muara Bengkal",
         "31/12/2019", "1.209"],
        ["002/BH/XVI/2018", "Koperasi Sawit  Lestari", "Produsen", "Kutim", "kec. sangatta utara",
         "31 Desember 2018", 45],
        ["003/BH/XVI/2020", "KSP Harapan", "KSP", "Kabupaten Kutai Timur", "Sangata Selatan",
         dt.datetime(2020, 5, 2), "30"],
        # the same row typed twice (copy-paste): dropped with a finding
        ["003/BH/XVI/2020", "KSP Harapan", "KSP", "Kabupaten Kutai Timur", "Sangata Selatan",
         dt.datetime(2020, 5, 2), "30"],
    ]  # fmt: skip
    if broken:
        rows += [
            ["001/BH/XVI/2019", "KSU Lain", "KSU", "Kutai Timur", "", "1/1/2020", 10],
            ["004/BH/XVI/2021", "Kop Tani", "tani", "Kutai Tengah", "", "31/02/2021", "12a"],
        ]
    for r, values in enumerate(rows, start=5):
        for c, v in enumerate(values, start=1):
            ws.cell(r, c, v)
    ws.cell(5 + len(rows) + 1, 1, "Sumber: Diskop UKM Kutai Timur")
    rat = wb.create_sheet("RAT")
    rat.append(["Laporan RAT"])
    rat.append(["No. Badan Hukum", "Tahun Buku", "Tgl RAT", "Jumlah Hadir", "Mode", "Tgl Lapor"])
    rat.append(["001/BH/XVI/2019", "2022", "15 Maret 2023", "700", "Luring", "01/04/2023"])
    rat.append(["001/BH/XVI/2019", 2023, "31/05/2024", "1.000", "hybrid", None])
    rat.append(["002/BH/XVI/2018", 2023, None, None, None, None])
    if broken:
        rat.append(["999/BH", 2023, "10/03/2024", 5, "luring", None])
        rat.append(["002/BH/XVI/2018", 2022, "10/10/2022", 5, "zoom", None])
    wb.save(path)
    return path


def test_messy_workbook_loads_with_the_mess_handled(tmp_path):
    reg = load_registry(_messy_workbook(tmp_path / "daftar.xlsx"))
    k = reg.koperasi.set_index("id_koperasi")
    assert list(k.index) == ["001/BH/XVI/2019", "002/BH/XVI/2018", "003/BH/XVI/2020"]
    assert k.loc["001/BH/XVI/2019", "nama_koperasi"] == "KSU Maju Bersama"
    assert k.loc["002/BH/XVI/2018", "nama_koperasi"] == "Koperasi Sawit Lestari"
    assert (k["kode_wilayah"] == "64.08").all()
    assert k["kabupaten_kota"].unique().tolist() == ["Kabupaten Kutai Timur"]
    assert k["kecamatan"].tolist() == ["Muara Bengkal", "Sangatta Utara", "Sangatta Selatan"]
    assert k["kode_kecamatan"].tolist() == ["64.08.03", "64.08.04", "64.08.12"]
    assert k["jenis"].astype(str).tolist() == ["serba usaha", "produsen", "simpan pinjam"]
    assert k["jumlah_anggota"].tolist() == [1209, 45, 30]
    assert k["tanggal_badan_hukum"].dt.date.tolist() == [
        dt.date(2019, 12, 31), dt.date(2018, 12, 31), dt.date(2020, 5, 2)
    ]  # fmt: skip
    r = reg.rat
    assert r["tahun_buku"].tolist() == [2022, 2023, 2023]
    assert r["tanggal_rat"].dt.date.tolist()[:2] == [dt.date(2023, 3, 15), dt.date(2024, 5, 31)]
    assert r["tanggal_rat"].isna().tolist() == [False, False, True]
    assert r["jumlah_hadir"].tolist()[:2] == [700, 1000]
    assert r["mode"].tolist()[:2] == ["luring", "hybrid"]
    messages = [f.message for f in reg.findings]
    assert any("sama persis" in m for m in messages)  # the repeated row
    assert any("catatan" in m for m in messages)  # the "Sumber:" footer


def test_broken_workbook_loads_what_it_can_and_lists_every_row_left_out(tmp_path):
    reg = load_registry(_messy_workbook(tmp_path / "rusak.xlsx", broken=True))
    # Rows 5 and 9 share an id with other content; row 10 names no kabupaten of Kaltim.
    assert reg.koperasi["id_koperasi"].tolist() == ["002/BH/XVI/2018", "003/BH/XVI/2020"]
    left_out = reg.rejected[["sheet", "baris"]].to_numpy().tolist()
    assert left_out == [
        ["Daftar Koperasi", 5], ["Daftar Koperasi", 9], ["Daftar Koperasi", 10],
        ["RAT", 3], ["RAT", 4], ["RAT", 6], ["RAT", 7],
    ]  # fmt: skip
    assert "Mungkin maksud Anda" in reg.rejected.loc[2, "alasan"]  # region suggestion
    # Each data row is loaded, rejected, skipped with a finding, or blank.
    assert reg.rows == {
        "Daftar Koperasi": {"baris": 8, "dimuat": 2, "ditolak": 3, "dilewati": 2, "kosong": 1},
        "RAT": {"baris": 5, "dimuat": 1, "ditolak": 4, "dilewati": 0, "kosong": 0},
    }  # rows 5-12: 2 loaded, 5/9/10 rejected, 8 (repeated) and 12 (footnote) skipped, 11 blank
    # The cells of kept rows that could not be read are findings, by sheet, row and column.
    found = {(p.sheet, p.row, p.column, p.code) for p in reg.findings}
    assert ("RAT", 7, "Tgl RAT", "registri.rat_before_year_end") in found
    assert ("Daftar Koperasi", 10, "Jenis Koperasi", "cell.choice") in found  # "tani"


def test_strict_refuses_the_broken_workbook_with_every_problem(tmp_path):
    with pytest.raises(DataValidationError) as info:
        load_registry(_messy_workbook(tmp_path / "rusak.xlsx", broken=True), strict=True)
    found = {(p.sheet, p.row, p.column) for p in info.value.problems}
    assert ("Daftar Koperasi", 5, "No. Badan Hukum") in found  # duplicate id, both rows named
    assert ("Daftar Koperasi", 9, "No. Badan Hukum") in found
    assert ("Daftar Koperasi", 10, "Jenis Koperasi") in found  # "tani"
    assert ("Daftar Koperasi", 10, "Kab/Kota") in found  # "Kutai Tengah"
    assert ("Daftar Koperasi", 10, "Tgl Badan Hukum") in found  # 31/02
    assert ("Daftar Koperasi", 10, "Jumlah Anggota") in found  # "12a"
    assert ("RAT", 6, "No. Badan Hukum") in found  # not in the list
    assert ("RAT", 7, "Tgl RAT") in found  # RAT for 2022 held in October 2022
    assert ("RAT", 7, "Mode") not in found  # "zoom" is read as daring
    text = str(info.value)
    assert "baris 10" in text and "sheet 'Daftar Koperasi'" in text


def test_zoom_is_daring():
    assert canonical_column("rat", "Tgl. RAT") == "tanggal_rat"
    kop = pd.DataFrame({"id koperasi": ["A"], "nama": ["K"], "jenis": ["jasa"],
                        "kab/kota": ["Bontang"], "tgl bh": ["2020-01-01"]})  # fmt: skip
    rat = pd.DataFrame({"id koperasi": ["A"], "tahun buku": [2023], "tgl rat": ["2024-02-01"],
                        "mode": ["Zoom"]})  # fmt: skip
    reg = frames_to_registry({"koperasi": kop, "rat": rat})
    assert reg.rat["mode"].tolist() == ["daring"]


def test_check_frames_gives_the_refusal_as_text_and_never_raises():
    kop = pd.DataFrame(
        {
            "id_koperasi": ["A", "B"],  # a bare "id" is a row number, never an identifier
            "nama": ["K", "L"],
            "jenis": ["jasa", "tani"],
            "kab/kota": ["Bontang", "Bontang"],
            "tgl bh": ["2020-01-01"] * 2,
        }
    )
    rat = pd.DataFrame({"id_koperasi": ["A"], "tahun buku": [2023], "tgl rat": ["2024-02-01"]})
    with pytest.raises(DataValidationError) as info:
        frames_to_registry({"koperasi": kop, "rat": rat}, "daftar.xlsx")
    assert check_frames({"koperasi": kop, "rat": rat}, "daftar.xlsx") == str(info.value)
    ok = check_frames({"koperasi": kop.iloc[:1], "rat": rat}, "daftar.xlsx")
    assert ok == "daftar.xlsx: terbaca tanpa masalah (1 koperasi, 1 baris RAT)."
    assert repr(ok) == str(ok)  # shown as text in a notebook


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bukan.xlsx", b"this is not a zip file"),
        ("kosong.xlsx", b""),
        ("biner.csv", b"\x00\x01\x02PK"),
        ("lama.xls", b"\xd0\xcf\x11\xe0"),
    ],
)
def test_hostile_or_malformed_files_give_a_clear_error(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataValidationError) as info:
        load_registry(path)
    assert name in str(info.value)
    assert "Traceback" not in str(info.value)


def test_missing_required_columns_list_the_headers_found(tmp_path):
    path = tmp_path / "koperasi.csv"
    path.write_text("nama koperasi;kecamatan;kabupaten\nKSU A;Telen;Kutim\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_registry(path)
    (p,) = info.value.problems
    assert p.code == "registri.no_id_column"
    assert "'nama koperasi', 'kecamatan', 'kabupaten'" in p.message
    path.write_text("No.;Nama Koperasi;Kecamatan;Alamat\n1;KSU A;Telen;Jl. Mawar\n", "utf-8")
    with pytest.raises(DataValidationError) as info:
        load_registry(path)
    (p,) = info.value.problems
    assert p.code == "header.missing_columns"
    assert "kabupaten_kota" in p.message and "'Alamat'" in p.message


def test_formula_cells_are_not_evaluated(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "koperasi"
    ws.append(["id_koperasi", "nama_koperasi", "jenis", "kabupaten_kota", "tanggal_badan_hukum"])
    ws.append(["A1", '=HYPERLINK("http://contoh.invalid","klik")', "jasa", "Bontang", "2020-01-01"])
    ws.append(["A2", "KSU Jasa", "jasa", "Bontang", "2020-01-01"])
    wb.create_sheet("rat").append(["id_koperasi", "tahun_buku", "tanggal_rat"])
    wb.save(tmp_path / "f.xlsx")
    reg = load_registry(tmp_path / "f.xlsx")  # no cached value: the name is not read
    assert reg.koperasi["id_koperasi"].tolist() == ["A2"]
    assert reg.rejected[["baris"]].to_numpy().ravel().tolist() == [2]
    assert "rumus" in reg.rejected.loc[0, "alasan"]


def test_csv_folder_with_semicolons_and_indonesian_formats(tmp_path):
    (tmp_path / "koperasi.csv").write_text(
        "NO BADAN HUKUM;NAMA KOPERASI;JENIS;KABUPATEN/KOTA;TGL BH;JML ANGGOTA\n"
        "12;KSP A;ksp;Kota Balikpapan;2 Januari 2019;1.209\n",
        encoding="cp1252",
    )
    (tmp_path / "rat.csv").write_text(
        "no badan hukum;tahun buku;tanggal rat\n12;2023;15/03/2024\n", encoding="utf-8"
    )
    reg = load_registry(tmp_path)
    assert reg.koperasi.loc[0, "jumlah_anggota"] == 1209
    assert reg.koperasi.loc[0, "kode_wilayah"] == "64.71"
    assert reg.rat.loc[0, "id_koperasi"] == "12"


def test_optional_financial_sheet_reads_rupiah(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "koperasi"
    ws.append(["id_koperasi", "nama_koperasi", "jenis", "kabupaten_kota", "tanggal_badan_hukum"])
    ws.append(["K1", "KSP Uji", "KSP", "Bontang", "2019-01-02"])
    wb.create_sheet("rat").append(["id_koperasi", "tahun_buku", "tanggal_rat"])
    keu = wb.create_sheet("Ringkasan Keuangan")
    keu.append(["ID Koperasi", "Tahun Buku", "Total Aset", "SHU"])
    keu.append(["K1", 2023, "Rp 1.250.000.000", "-Rp 2.500.000"])
    wb.save(tmp_path / "k.xlsx")
    reg = load_registry(tmp_path / "k.xlsx")
    assert reg.keuangan[["aset", "shu"]].iloc[0].tolist() == [1_250_000_000, -2_500_000]
