"""Reading journals (CSV, XLSX, text) and the bookkeeping findings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from kopedu import accounting as acc
from kopedu.errors import DataValidationError, KopeduError


@pytest.fixture(scope="module")
def chart():
    return acc.load_chart("ksp")


CSV = """tanggal,no_bukti,nama akun,debit,kredit,keterangan,anggota
02/04/2024,BKM-001,Kas,"Rp 1.500.000",,Setoran simpanan,
,,Simpanan pokok,,1.000.000,,A001
,,simpanan wajib,,500.000,,A001
3 April 2024,BKK-001,5201,750.000,,Gaji,
3 April 2024,BKK-001,1101,,750.000,,
"""


def test_read_csv_indonesian_numbers_names_and_continuation(tmp_path: Path, chart):
    path = tmp_path / "jurnal.csv"
    path.write_text(CSV, encoding="utf-8")
    j = acc.read_journal(path, chart)
    assert j["akun"].astype(str).tolist() == ["1101", "3101", "3102", "5201", "1101"]
    assert j["debit"].tolist() == [1_500_000, 0, 0, 750_000, 0]
    assert j["kredit"].tolist() == [0, 1_000_000, 500_000, 0, 750_000]
    assert j["entri"].tolist() == [1, 1, 1, 2, 2]
    assert j["baris"].tolist() == [2, 3, 4, 5, 6]
    assert j["tanggal"].dt.date.tolist()[0] == dt.date(2024, 4, 2)
    assert j["anggota"].tolist()[1] == "A001"
    assert j["debit"].dtype == "int64"
    assert acc.check_journal(j, chart, tahun_buku=2024).empty


def test_read_xlsx_round_trip(tmp_path: Path, chart):
    path = tmp_path / "jurnal.xlsx"
    pd.DataFrame(
        {
            "tanggal": [dt.date(2024, 4, 2), dt.date(2024, 4, 2)],
            "bukti": ["BKM-1", "BKM-1"],
            "akun": ["Kas", "Simpanan pokok"],
            "debit": [100_000, None],
            "kredit": [None, "100.000"],
        }
    ).to_excel(path, index=False)
    j = acc.read_journal(path, chart)
    assert j["debit"].tolist() == [100_000, 0]
    assert j["kredit"].tolist() == [0, 100_000]
    assert acc.trial_balance_totals(acc.trial_balance(j, chart)) == (100_000, 100_000)


def test_unreadable_cells_are_all_listed(tmp_path: Path, chart):
    path = tmp_path / "rusak.csv"
    path.write_text(
        "tanggal,bukti,akun,debit,kredit\n"
        "2024-04-02,B1,Kas,sejuta,\n"
        "2024-04-02,B1,Simpanan pokok,,1.000.000,50\n"
        "2024-13-45,B2,Kas,10,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as err:
        acc.read_journal(path, chart)
    found = [(p.row, p.column, p.code) for p in err.value.problems]
    assert (3, None, "csv.too_many_cells") in found  # the extra comma: "1.000.000,50" unquoted
    assert (2, "debit", "cell.rupiah") in found  # and the other cells are still listed
    path.write_text(
        "tanggal,bukti,akun,debit,kredit\n"
        "2024-04-02,B1,Kas,sejuta,\n"
        '2024-04-02,B1,Simpanan pokok,,"1.000.000,50"\n'
        "2024-13-45,B2,Kas,10,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as err:
        acc.read_journal(path, chart)
    where = {(p.row, p.column) for p in err.value.problems}
    assert (2, "debit") in where
    assert (3, "kredit") in where  # sen are not whole rupiah
    assert (4, "tanggal") in where
    assert "rusak.csv" in str(err.value)


def test_missing_column(tmp_path: Path):
    path = tmp_path / "kurang.csv"
    path.write_text("tanggal,bukti,debit,kredit\n2024-01-01,B1,1,\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        acc.read_journal(path)
    (problem,) = err.value.problems
    assert problem.code == "header.missing_columns"
    assert "akun/kode_akun/nama_akun/keterangan" in problem.message
    with pytest.raises(KopeduError):
        acc.read_journal(tmp_path / "tidak_ada.csv")


BAD = """
2024-01-05 B1 Tidak seimbang
    D Kas 100.000
    K Simpanan pokok 90.000
2024-01-06 B2 Akun salah ketik
    D Kass 50.000
    K Simpanan wajib 50.000
2023-12-31 B3 Tahun lalu
    D Kas 10
    K Simpanan wajib 10
2024-01-07 B2 Nomor bukti dipakai lagi
    D Kas -5.000
    K Simpanan wajib -5.000
"""


def test_findings_name_the_entry(chart):
    j = acc.parse_journal(BAD, chart)
    f = acc.check_journal(j, chart, tahun_buku=2024)
    kinds = set(zip(f["bukti"], f["jenis"], strict=True))
    assert ("B1", "tidak_seimbang") in kinds
    assert ("B2", "akun_tidak_dikenal") in kinds
    assert ("B3", "di_luar_tahun_buku") in kinds
    assert ("B2", "bukti_ganda") in kinds
    assert ("B2", "jumlah_negatif") in kinds
    assert set(f["jenis"]) <= set(acc.FINDING_KINDS)
    msg = f[f["jenis"] == "tidak_seimbang"]["pesan"].iloc[0]
    assert "Rp 100.000" in msg and "Rp 90.000" in msg and "Rp 10.000" in msg
    assert "Kass" in f[f["jenis"] == "akun_tidak_dikenal"]["pesan"].iloc[0]
    # Line numbers point into the text.
    assert f[f["jenis"] == "akun_tidak_dikenal"]["baris"].iloc[0] == 6


def test_both_sides_and_empty_line(chart):
    raw = pd.DataFrame(
        {
            "tanggal": ["2024-02-01"] * 3,
            "bukti": ["X"] * 3,
            "akun": ["Kas", "Simpanan wajib", "Bank"],
            "debit": [10, 0, 0],
            "kredit": [5, 5, 0],  # balanced (10 = 5 + 5) but line 1 has both sides
        }
    )
    f = acc.check_journal(acc.read_journal(raw, chart), chart)
    assert set(f["jenis"]) == {"debit_dan_kredit", "baris_tanpa_jumlah"}


def test_text_errors_are_collected():
    with pytest.raises(DataValidationError) as err:
        acc.parse_journal(
            """
2024-01-05 B1 ok
    D Kas 1.000
    X Kas 1.000
    K Simpanan pokok seribu
tanggal-salah B2 x
"""
        )
    rows = sorted(p.row for p in err.value.problems)
    assert rows == [4, 5, 6]


def test_entries_round_trip(chart):
    e = acc.JournalEntry(
        dt.date(2024, 3, 1),
        "BKM-9",
        "Setoran",
        (acc.JournalLine("Kas", debit=5), acc.JournalLine("Simpanan wajib", kredit=5)),
    )
    j = acc.journal_from_entries([e, e], chart)
    back = acc.entries_from_journal(j)
    assert len(back) == 1  # same date and voucher, consecutive → one entry …
    assert len(back[0].lines) == 4
    assert acc.check_journal(j, chart).empty  # … which still balances
    with pytest.raises(KopeduError):
        acc.JournalLine("Kas", debit=1.5)  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 - frozen dataclass
        e.voucher = "X"  # type: ignore[misc]


def test_functions_do_not_mutate_input(chart):
    j = acc.parse_journal(BAD, chart)
    before = j.copy(deep=True)
    acc.check_journal(j, chart, tahun_buku=2024)
    acc.trial_balance(j, chart)
    acc.income_statement(j, chart)
    acc.closing_entries(j, chart, dt.date(2024, 12, 31))
    pd.testing.assert_frame_equal(j, before)


def test_chart_variants_and_lookups():
    ksp = acc.load_chart("ksp")
    su = acc.load_chart("serba_usaha")
    # Cooperative specifics: pokok/wajib are equity, sukarela a liability.
    assert ksp.account("Simpanan pokok").cls is acc.AccountClass.EKUITAS
    assert ksp.account("Simpanan wajib").cls is acc.AccountClass.EKUITAS
    assert ksp.account("Simpanan sukarela").cls is acc.AccountClass.KEWAJIBAN
    assert ksp.account("Akumulasi penyusutan").normal_side is acc.Side.KREDIT
    assert ksp.account("Beban perkoperasian").is_cooperative_expense
    assert su.account("Penjualan kepada anggota").member is True
    assert su.account("Penjualan kepada non-anggota").member is False
    with pytest.raises(acc.UnknownAccountError):
        ksp.code_of("Kas kecil")


def test_chart_from_trainer_file_is_validated(tmp_path: Path):
    path = tmp_path / "bagan.csv"
    path.write_text(
        "kode,nama,kelas,kelompok,saldo_normal,kontra,anggota,arus_kas\n"
        "1,Kas,aset,kas,debit,0,,kas\n"
        "2,Simpanan pokok,ekuitas,simpanan_pokok,debit,0,anggota,pendanaan\n"
        "2,Kas,lainnya,shu,kredit,0,,pendanaan\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as err:
        acc.load_chart(path)
    where = {(p.row, p.column) for p in err.value.problems}
    assert (3, "saldo_normal") in where  # equity is kredit-normal
    assert (4, "kelas") in where
    assert (4, "nama") in where  # "Kas" twice
    assert any(p.column == "kode" for p in err.value.problems)  # code 2 twice


def test_dash_is_zero_and_blank_cells(tmp_path: Path, chart):
    path = tmp_path / "strip.csv"
    path.write_text(
        "tanggal,bukti,akun,debit,kredit,keterangan\n"
        "2024-03-01,B1,Kas,75.000,-,\n"
        "2024-03-01,B1,Simpanan wajib,-,75.000,setoran\n",
        encoding="utf-8",
    )
    j = acc.read_journal(path, chart)
    assert j["debit"].tolist() == [75_000, 0] and j["kredit"].tolist() == [0, 75_000]
    assert j["keterangan"].tolist() == ["", "setoran"]
    path.write_text("tanggal,bukti,akun,debit,kredit\n2024-03-01,,Kas,1,\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        acc.read_journal(path, chart)
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "bukti")]
