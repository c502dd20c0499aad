"""A Dinas export of the Kemenkop ODS / NIK profile form, for a kecamatan outside Kalimantan.

``tests/data/ods_sukawati.csv`` has the shape of a public phpMyAdmin dump of a Dinas
registry app for Kecamatan Sukawati, Kabupaten Gianyar, Bali (``HarryDanan/landing-pageGian``,
``database/cendana.sql``, table ``koperasi``): the form's camelCase export names, the
database row number ``id``, ``0000-00-00`` for dates never entered, 13-digit NIKs. The
cooperatives' and officers' names are invented. The expected values below are read off
the file itself.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kopedu.registry import load_registry, summarise

CSV = Path(__file__).parent / "data" / "ods_sukawati.csv"

# tglRAT_terakhir of rows 2..21 (the file's data rows), by year of the RAT:
#   2022: rows 2, 5, 6, 8, 15, 17      → tahun buku 2021 (6)
#   2020: rows 3, 9, 16, 18, 19, 20    → tahun buku 2019 (6)
#   2019: rows 4, 7, 10, 14, 21        → tahun buku 2018 (5)
#   2021: rows 11, 12, 13              → tahun buku 2020 (3)
RAT_YEARS = {2021: 6, 2019: 6, 2018: 5, 2020: 3}
# jenisKoperasi: 11 Simpan Pinjam (rows 2-12), 5 Konsumen (13-17), 2 Produsen (18-19),
# 1 Jasa (20), 1 Pemasaran (21).
JENIS = {"simpan pinjam": 11, "konsumen": 5, "produsen": 2, "jasa": 1, "pemasaran": 1}

# export name → the form's screen label (application/views/koperasi/edit_data.php)
SCREEN_LABELS = {
    "nikKoperasi": "Nomor Induk Koperasi (NIK)",
    "namaKoperasi": "Nama Koperasi",
    "nomorBadanHukum": "Nomor Badan Hukum Pendirian",
    "tglBadanHukumPendirian": "Tanggal Badan Hukum Pendirian",
    "tglRAT_terakhir": "Tanggal RAT Terakhir",
    "kelurahan": "Keluarahan/Desa",
    "kecamatan": "Kecamatan",
    "kabupaten": "Kabupaten",
    "provinsi": "Provinsi",
    "bentukKoperasi": "Bentuk Koperasi",
    "jenisKoperasi": "Jenis Koperasi",
    "kelompokKoperasi": "Kelompok Koperasi",
    "sektorUsaha": "Sektor Usaha",
    "jmlAnggota_pria": "Jumlah Anggota Pria",
    "jmlAnggota_wanita": "Jumlah Anggota Wanita",
    "totalAnggota": "Total Anggota",
    "statusNIK": "Status NIK",
}


def _check(reg):
    k = reg.koperasi
    assert len(k) == 20 and reg.rejected.empty
    assert k["id_koperasi"].tolist() == [f"51040100{i:05d}" for i in range(1, 21)]
    assert set(k["id_sumber"]) == {"nik"}  # never the database row number
    assert dict(Counter(k["jenis"].astype(str))) == JENIS
    assert set(k["bentuk"]) == {"Primer Kabupaten/Kota"}
    assert k["kelompok"].value_counts()["Kop. Simpan Pinjam"] == 11  # separate from jenis
    assert set(k["kode_wilayah"]) == {"51.04"} and set(k["kode_kecamatan"]) == {"51.04.01"}
    assert set(k["kabupaten_kota"]) == {"Kabupaten Gianyar"}
    assert set(k["kecamatan"]) == {"Sukawati"}
    assert k["jumlah_anggota"].iloc[:3].tolist() == [991, 1130, 1037]
    assert reg.rat_basis == "rat_terakhir"
    assert dict(Counter(reg.rat["tahun_buku"])) == RAT_YEARS
    assert reg.rat["dilaksanakan"].all()


def test_camel_case_export_loads_with_nik_jenis_and_rat_years():
    reg = load_registry(CSV)
    _check(reg)
    notes = {p.code: p for p in reg.notes}
    assert notes["note.row_number_column"].column == "id"
    assert dict(notes["note.unused_columns"].values)["columns"] == (
        "'nomorPerubahan_terbaru', 'tglPerubahan_terbaru', 'alamatKoperasi', 'namaKetua'"
    )
    assert "registri.rat_from_last" in notes


def test_screen_labels_under_a_title_in_a_workbook(tmp_path):
    frame = pd.read_csv(CSV, dtype=str, keep_default_na=False)
    frame = frame[list(SCREEN_LABELS)].rename(columns=SCREEN_LABELS)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data Koperasi"
    ws.append(["DATA KOPERASI KECAMATAN SUKAWATI"])
    ws.append([])
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append(list(row))
    path = tmp_path / "profil.xlsx"
    wb.save(path)
    reg = load_registry(path)
    _check(reg)
    assert {p.code for p in reg.notes} >= {"note.sheet", "note.header_row"}


def test_the_region_view_of_the_kecamatan_and_its_summary():
    reg = load_registry(CSV).for_region("Kecamatan Sukawati, Gianyar")
    assert len(reg.koperasi) == 20
    s = summarise(reg, 2022).iloc[0]  # RAT held in 2022 for tahun buku 2021: 6 rows
    assert s["rat"] == 6


@pytest.mark.parametrize(
    ("kabupaten", "kecamatan", "code"),
    [
        ("Luwu Utara", "Sukamaju", "73.22.06"),  # Sulawesi Selatan
        ("Kab. Jayawijaya", "Wamena", None),  # Papua Pegunungan: checked below
    ],
)
def test_other_provinces(tmp_path, kabupaten, kecamatan, code):
    from kopedu.regions import lookup_region

    path = tmp_path / "d.csv"
    path.write_text(
        "nikKoperasi,namaKoperasi,kabupaten,kecamatan,jenisKoperasi,tglRAT_terakhir\n"
        f"1234567890123,Koperasi Contoh,{kabupaten},{kecamatan},Konsumen,2024-03-02\n",
        encoding="utf-8",
    )
    reg = load_registry(path)
    kab = lookup_region(kabupaten)
    want = code or lookup_region(kecamatan, within=kab.code).code
    assert reg.koperasi["kode_kecamatan"].tolist() == [want]
    assert reg.koperasi["kode_wilayah"].tolist() == [kab.code]


def test_an_ambiguous_kabupaten_is_the_rows_problem_with_the_fix(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "nikKoperasi,namaKoperasi,provinsi,kabupaten,kecamatan\n"
        "3201000000001,Koperasi Satu,,Bogor,Cibinong\n"
        "3201000000002,Koperasi Dua,Jawa Barat,Kabupaten Bogor,Cibinong\n"
        "3271000000003,Koperasi Tiga,Jawa Barat,Kota Bogor,Bogor Tengah\n",
        encoding="utf-8",
    )
    reg = load_registry(path)
    assert reg.koperasi["kode_wilayah"].tolist() == ["32.01", "32.71"]
    (p,) = [f for f in reg.findings if f.row == 2]
    assert p.code == "registri.region_ambiguous"
    assert p.column == "kabupaten"
    assert "'Kabupaten Bogor', 'Kota Bogor'" in p.fix
    assert "Kabupaten Bogor (32.01" in p.message_in("en")
    assert reg.rejected["baris"].tolist() == [2]
