"""kopedu.io.xlsx: the one XLSX writer (title block, headers, formats, formula safety)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from kopedu.io.xlsx import Table, infer_kind, write_xlsx
from tests.xlsx_check import check_workbook, header_row, table

HOSTILE = ['=HYPERLINK("http://x","klik")', "+62 812 555", "-5", "@SUM(A1)", "\tx", "\rx"]


@pytest.fixture
def workbook(tmp_path):
    frame = pd.DataFrame(
        {
            "nama koperasi": ["KSP Maju", *HOSTILE],
            "tahun": [2023] * 7,
            "jumlah": [1209, 325, 0, 1, 2, 3, 4],
            "% RAT dari aktif": [0.5909, 0.25, 0.0, 1.0, 0.5, 0.5, 0.5],
            "simpanan (Rp)": [1_250_000, 0, 1, 2, 3, 4, 5],
            "tanggal RAT": [dt.date(2023, 6, 24)] * 7,
        }
    )
    path = tmp_path / "t.xlsx"
    write_xlsx(
        path,
        [Table("per kecamatan", frame, kinds={"simpanan (Rp)": "rupiah"})],
        title="Laporan Koperasi — Kabupaten Kutai Timur, 2023",
        details=[("Wilayah", "Kabupaten Kutai Timur"), ("Tahun", "2023")],
        sources=pd.DataFrame({"penerbit": ["Diskominfo Kutim"], "judul": ["=cmd|' /C calc'!A0"]}),
        parameters={"region": "64.08", "year": 2023},
        made=dt.date(2026, 11, 29),
    )
    return path


def test_house_rules_hold(workbook):
    wb = check_workbook(workbook)
    assert wb.sheetnames == ["per kecamatan", "Sumber"]


def test_title_block_names_what_where_when(workbook):
    ws = openpyxl.load_workbook(workbook)["per kecamatan"]
    block = [ws.cell(r, 1).value for r in range(1, header_row(ws))]
    assert block[:4] == [
        "Laporan Koperasi — Kabupaten Kutai Timur, 2023",
        "Wilayah: Kabupaten Kutai Timur",
        "Tahun: 2023",
        "Dibuat: 29 November 2026",
    ]


def test_values_are_stored_exactly_and_hostile_text_stays_text(workbook):
    ws = openpyxl.load_workbook(workbook)["per kecamatan"]
    rows = table(ws)
    # XML turns a lone carriage return into a line feed; every other value is exact.
    stored = ["KSP Maju", *HOSTILE[:-1], "\nx"]
    assert [r["nama koperasi"] for r in rows] == stored
    assert rows[0]["jumlah"] == 1209 and rows[0]["simpanan (Rp)"] == 1_250_000
    assert rows[0]["% RAT dari aktif"] == pytest.approx(0.5909)
    assert rows[0]["tanggal RAT"].date() == dt.date(2023, 6, 24)


def test_number_formats_by_kind(workbook):
    ws = openpyxl.load_workbook(workbook)["per kecamatan"]
    h = header_row(ws)
    formats = {ws.cell(h, j).value: ws.cell(h + 1, j).number_format for j in range(1, 7)}
    assert formats == {
        "nama koperasi": "General",
        "tahun": "0",  # never 2.023
        "jumlah": "#,##0",
        "% RAT dari aktif": "0.0%",
        "simpanan (Rp)": '"Rp" #,##0;-"Rp" #,##0',
        "tanggal RAT": "[$-421]d mmmm yyyy",
    }


def test_sources_sheet_carries_parameters_and_sources(workbook):
    ws = openpyxl.load_workbook(workbook)["Sumber"]
    block = [ws.cell(r, 1).value for r in range(1, header_row(ws))]
    assert "region: 64.08" in block and "year: 2023" in block
    assert table(ws) == [{"penerbit": "Diskominfo Kutim", "judul": "=cmd|' /C calc'!A0"}]


def test_banner_on_every_sheet(tmp_path):
    path = write_xlsx(
        tmp_path / "c.xlsx",
        [Table("a", pd.DataFrame({"x": [1]})), Table("b", pd.DataFrame({"y": ["z"]}))],
        title="Contoh",
        banner="CONTOH — DATA SINTETIS",
        parameters={"contoh": True},
    )
    wb = check_workbook(path, banner="CONTOH — DATA SINTETIS")
    assert len(wb.worksheets) == 3


def test_sheet_names_made_valid_and_unique(tmp_path):
    frames = [Table(n, pd.DataFrame({"x": [1]})) for n in ("a/b", "a/b", "x" * 40)]
    wb = openpyxl.load_workbook(write_xlsx(tmp_path / "n.xlsx", frames, title="t"))
    assert wb.sheetnames == ["a_b", "a_b (2)", "x" * 31]


def test_empty_table_is_said(tmp_path):
    path = write_xlsx(tmp_path / "e.xlsx", [Table("kosong", pd.DataFrame())], title="t")
    ws = openpyxl.load_workbook(path)["kosong"]
    assert "(tabel kosong)" in [ws.cell(r, 1).value for r in range(1, 8)]


def test_english_workbook_words(tmp_path):
    path = write_xlsx(
        tmp_path / "en.xlsx",
        [Table("t", pd.DataFrame({"date": [dt.date(2023, 6, 24)]}))],
        title="Report",
        language="en",
        parameters={"language": "en"},
        made=dt.date(2026, 11, 29),
    )
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["t", "Sources"]
    ws = wb["t"]
    assert ws.cell(2, 1).value == "Made on: 29 November 2026"
    assert ws.cell(header_row(ws) + 1, 1).number_format == "[$-809]d mmmm yyyy"


@pytest.mark.parametrize(
    ("values", "name", "kind"),
    [
        ([2020, 2021], "tahun data", "year"),
        ([1, 2], "jumlah", "count"),
        ([1000, 2], "saldo", "rupiah"),
        ([0.1], "% aktif", "percent"),
        ([0.1], "rasio", "decimal"),
        (["a"], "nama", "text"),
        ([dt.date(2024, 1, 1)], "tanggal", "date"),
    ],
)
def test_infer_kind(values, name, kind):
    assert infer_kind(pd.Series(values, name=name)) == kind
