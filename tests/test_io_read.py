"""kopedu.io's reading side: what a file is, its rows accounted for, its header found."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kopedu.errors import DataValidationError
from kopedu.io import cells
from kopedu.io.delimited import read_delimited
from kopedu.io.headers import aliases, canonical, normalize_header
from kopedu.io.sniff import inspect_file
from kopedu.io.tables import Spec, read_table
from kopedu.io.workbook import read_workbook

JOURNAL = Spec("jurnal", ("tanggal", "bukti"), "tanggal, bukti, akun, debit, kredit")


def _refusal(path: Path) -> str:
    with pytest.raises(DataValidationError) as err:
        inspect_file(path)
    (problem,) = err.value.problems
    assert problem.fix  # every refusal says what to do
    return problem.code


def _ole2(path: Path, stream: str) -> Path:
    # The first bytes of a compound file, and a directory entry naming ``stream``.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path.write_bytes(header + stream.encode("utf-16-le") + bytes(2000))
    return path


def test_each_kind_of_wrong_file_gets_its_own_refusal(tmp_path: Path):
    (tmp_path / "kosong.csv").write_bytes(b"")
    (tmp_path / "spasi.csv").write_bytes(b"\xef\xbb\xbf \r\n  \n")
    (tmp_path / "web.xls").write_text("<html><body><table><tr><td>1</td></tr></table>", "utf-8")
    (tmp_path / "laporan.csv").write_bytes(b"%PDF-1.7\n...")
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04 potongan zip")
    with zipfile.ZipFile(tmp_path / "lo.ods", "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    (tmp_path / "folder").mkdir()
    codes = {
        p: _refusal(tmp_path / p)
        for p in ["kosong.csv", "spasi.csv", "web.xls", "laporan.csv", "rusak.xlsx", "lo.ods"]
    }
    codes["folder"] = _refusal(tmp_path / "folder")
    codes["tidak_ada.csv"] = _refusal(tmp_path / "tidak_ada.csv")
    codes["lama.xls"] = _refusal(_ole2(tmp_path / "lama.xls", "Workbook"))
    codes["sandi.xlsx"] = _refusal(_ole2(tmp_path / "sandi.xlsx", "EncryptedPackage"))
    assert codes == {
        "kosong.csv": "file.empty",
        "spasi.csv": "file.empty",
        "web.xls": "file.html",
        "laporan.csv": "file.pdf",
        "rusak.xlsx": "file.corrupt",
        "lo.ods": "file.ods",
        "folder": "file.folder",
        "tidak_ada.csv": "file.missing",
        "lama.xls": "file.xls",
        "sandi.xlsx": "file.encrypted",
    }


@pytest.mark.parametrize(
    ("data", "encoding", "delimiter"),
    [
        (b"a,b\n1,2\n", "utf-8", ","),
        ("\ufeffa;b\r\n1;2\r\n".encode(), "utf-8-sig", ";"),
        ("a\tb\n1\t2\n".encode("utf-16"), "utf-16", "\t"),
        ("a;b\nKop \xe9;2\n".encode("cp1252"), "cp1252", ";"),
        (b"a|b|c\n1|2|3\n", "utf-8", "|"),
    ],
)
def test_encoding_and_delimiter_are_detected_and_said(tmp_path, data, encoding, delimiter):
    p = tmp_path / "t.csv"
    p.write_bytes(data)
    info = inspect_file(p)
    assert (info.kind, info.encoding, info.delimiter) == ("text", encoding, delimiter)
    said = {n.code for n in info.notes}
    assert ("note.delimiter" in said) == (delimiter != ",")
    assert ("note.encoding" in said) == (encoding not in ("utf-8", "utf-8-sig"))


def _grid(tmp_path: Path, text: str):
    p = tmp_path / "j.csv"
    p.write_text(text, encoding="utf-8")
    return read_delimited(inspect_file(p))


LINES = [
    "tanggal,bukti,akun,debit,kredit,keterangan",
    "2024-01-02,B1,Kas,100,,Setoran",
    "2024-01-02,B1,Simpanan pokok,,100,",
    "2024-01-03,B2,Kas,50,,Setoran",
    "2024-01-03,B2,Simpanan wajib,,50,",
]


@pytest.mark.parametrize(
    ("line", "text", "code", "first", "covered"),
    [
        # a stray opening quote closed by the next quote two lines further
        (1, '"Setoran', "csv.quote_swallow", 2, 3),
        # an opening quote never closed: the rest of the file
        (3, '"Setoran', "csv.quote_unclosed", 4, 2),
        # a quoted cell that goes on after its closing quote
        (1, '"Setoran "tunai"', "csv.quote_stray", 2, 1),
    ],
)
def test_no_row_is_swallowed_by_a_quote(tmp_path, line, text, code, first, covered):
    lines = list(LINES)
    lines[line] = lines[line].replace("Setoran", text)
    if code == "csv.quote_swallow":
        lines[3] = lines[3].replace("Setoran", 'Setoran"')
    g = _grid(tmp_path, "\n".join(lines) + "\n")
    got = [(rp.problem.code, rp.problem.row, rp.rows) for rp in g.problems]
    assert got == [(code, first, covered)]
    # every line is either a row of the grid or covered by the problem: 5 = rows + covered
    assert len(g.rows) + covered == len(LINES) == g.total_rows


def test_quoted_line_break_in_ordinary_text_is_one_cell(tmp_path):
    lines = list(LINES)
    lines[1] = lines[1].replace("Setoran", '"Setoran\nbulan Januari"')
    g = _grid(tmp_path, "\n".join(lines) + "\n")
    assert g.problems == []
    assert g.rows[1][5] == "Setoran\nbulan Januari"
    assert g.numbers == [1, 2, 4, 5, 6]  # line numbers: the second record took two lines


def test_header_found_under_title_rows_and_alias_data(tmp_path):
    p = tmp_path / "jurnal.csv"
    p.write_text(
        "JURNAL UMUM KSP MAJU\nPeriode April 2024\n\n"
        "Tgl;No. Bukti;Nama Perkiraan;Debet;Kredit;Catatan bendahara\n"
        "02/04/2024;B1;Kas;Rp 550.000.-;;x\n\n"
        "02/04/2024;B1;Simpanan Pokok;;Rp 550.000,-;\n",
        encoding="utf-8",
    )
    t = read_table(p, JOURNAL)
    assert t.header_row == 4
    assert t.headers == {
        "tanggal": "Tgl",
        "bukti": "No. Bukti",
        "nama_akun": "Nama Perkiraan",
        "debit": "Debet",
        "kredit": "Kredit",
    }
    assert t.unused == ["Catatan bendahara"]
    assert t.frame.index.tolist() == [5, 7]
    assert (t.blank_rows, t.rows_refused, t.data_rows) == (1, 0, 3) and t.counted()
    debit, problems = t.coerce("debit", "rupiah")
    kredit, more = t.coerce("kredit", "rupiah")
    assert problems == more == []
    assert debit.fillna(0).tolist() == [550_000, 0] and kredit.fillna(0).tolist() == [0, 550_000]
    codes = {n.code for n in t.notes}
    assert {"note.delimiter", "note.header_row", "note.unused_columns", "note.blank_rows"} <= codes


def test_missing_columns_list_headers_found_and_closest(tmp_path):
    p = tmp_path / "j.csv"
    p.write_text("Tanggall,No Bukti,Akun,Debit\n2024-01-02,B1,Kas,1\n", encoding="utf-8")
    spec = Spec("jurnal", ("tanggal", "bukti", ("kredit", "jumlah")), "tanggal, bukti, akun")
    with pytest.raises(DataValidationError) as err:
        read_table(p, spec)
    (problem,) = err.value.problems
    assert problem.code == "header.missing_columns"
    assert "'Tanggall'" in problem.message  # the headers found are listed
    assert "'Tanggall' → tanggal" in problem.fix  # and the closest match


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Catatan"
    ws.append(["Catatan pengurus, tidak ada tabel di sini"])
    data = wb.create_sheet("Jurnal April")
    data.append(["Jurnal umum April 2024"])
    data.append([])
    data.append(["Tanggal", "Bukti", "Akun", "Debit", "Kredit"])
    data.append([dt.datetime(2024, 4, 2), "B1", "Kas", "=1000*2", None])
    data.append([dt.datetime(2024, 4, 2), "B1", "Simpanan pokok", None, 2000])
    wb.save(path)
    return path


def test_sheet_chosen_by_content_and_formula_without_value_is_a_problem(tmp_path):
    path = _workbook(tmp_path / "jurnal.xlsx")
    t = read_table(path, JOURNAL)
    assert (t.sheet, t.header_row, t.frame.index.tolist()) == ("Jurnal April", 3, [4, 5])
    debit, problems = t.coerce("debit", "rupiah")
    assert [(p.sheet, p.row, p.column, p.code, p.found) for p in problems] == [
        ("Jurnal April", 4, "Debit", "xlsx.formula_no_value", "=1000*2")
    ]
    assert debit.isna().tolist() == [True, True]  # never 0
    with pytest.raises(DataValidationError) as err:
        read_table(path, JOURNAL, sheet="Mei")
    assert err.value.problems[0].code == "file.no_sheet"
    assert "'Jurnal April'" in err.value.problems[0].message


def test_merged_group_label_over_a_two_row_header(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Tanggal", "Bukti", "Akun", "Jumlah", None])
    ws.append([None, None, None, "Debet", "Kredit"])
    ws.merge_cells("A1:A2")
    ws.merge_cells("D1:E1")
    ws.append(["2024-04-02", "B1", "Kas", 5, None])
    wb.save(tmp_path / "j.xlsx")
    g = read_workbook(inspect_file(tmp_path / "j.xlsx"))["Sheet"]
    # merged ranges give their value to every cell: A1:A2 down, D1:E1 across
    assert g.rows[0] == ["Tanggal", "Bukti", "Akun", "Jumlah", "Jumlah"]
    assert g.rows[1] == ["Tanggal", None, None, "Debet", "Kredit"]
    t = read_table(tmp_path / "j.xlsx", JOURNAL)
    assert t.header_row == 2
    assert set(t.frame.columns) == {"tanggal", "bukti", "akun", "debit", "kredit"}


def test_header_normalisation_and_alias_table_are_consistent():
    assert normalize_header("jmlAnggota_pria") == "jml anggota pria"
    assert canonical("koperasi", "Nomor Induk Koperasi (NIK)") == "nik"
    assert canonical("koperasi", "Kelompok Koperasi") == "kelompok"
    assert canonical("koperasi", "Bentuk Koperasi") == "bentuk"
    assert canonical("koperasi", "Jenis Koperasi") == "jenis"
    assert canonical("koperasi", "id") == "_nomor_baris"
    # no spelling means two different columns of one table (the loader would refuse it)
    for table in ("jurnal", "bagan", "koperasi", "rat", "keuangan"):
        assert aliases(table)


@pytest.mark.parametrize(
    ("cell", "kind", "value"),
    [
        ("Rp 550.000.-", "rupiah", 550_000),
        ("Rp 2.500.000,-", "rupiah", 2_500_000),
        ("(1.000)", "rupiah", -1_000),
        ("1.250.000,00", "rupiah", 1_250_000),
        ("-", "rupiah", 0),
        (1500000.0, "rupiah", 1_500_000),
        ("1.209", "integer", 1_209),
        ("31 Desember 2023", "date", dt.date(2023, 12, 31)),
        ("31/12/2023", "date", dt.date(2023, 12, 31)),
        (45291, "date", dt.date(2023, 12, 31)),  # Excel's serial: 45291 days after 1899-12-30
        ("2023-12-31 16:45:00", "date", dt.date(2023, 12, 31)),
        ("0000-00-00", "date", None),
        ("Ya", "bool", True),
        ("tidak", "bool", False),
    ],
)
def test_cells_by_kind(cell, kind, value):
    fn = {
        "rupiah": cells.rupiah,
        "integer": cells.integer,
        "date": cells.date,
        "bool": cells.boolean,
    }[kind]
    assert fn(cell) == value


@pytest.mark.parametrize(
    ("cell", "kind", "code"),
    [
        ("1.250.000,50", "rupiah", "cell.rupiah_sen"),
        ("Rp 50.00", "rupiah", "cell.rupiah"),  # the blog's typo for Rp 50.000
        ("#REF!", "rupiah", "cell.excel_error"),
        ("31/02/2021", "date", "cell.date_impossible"),
        ("31 Februari 2021", "date", "cell.date_impossible"),
        ("kemarin", "date", "cell.date"),
        ("x" * 40_000, "text", "cell.too_long"),
        ("5.10401E+12", "code", "cell.scientific"),
    ],
)
def test_cells_refused_with_a_reason_code(cell, kind, code):
    fn = {
        "rupiah": cells.rupiah,
        "date": cells.date,
        "text": cells.text,
        "code": lambda v: cells.text(v, code=True),
    }[kind]
    with pytest.raises(cells.CellError) as err:
        fn(cell)
    assert err.value.code == code
    assert "day is out of range" not in str(err.value)


def test_messages_in_english_under_kopedu_lang(tmp_path, monkeypatch):
    monkeypatch.setenv("KOPEDU_LANG", "en")
    p = tmp_path / "x.pdf"
    p.write_bytes(b"%PDF-1.4")
    with pytest.raises(DataValidationError) as err:
        inspect_file(p)
    text = str(err.value)
    assert "problem(s) found" in text and "this file is a PDF" in text


def test_coerce_keeps_the_row_index():
    s = pd.Series(["31/12/2023", None], index=[7, 9], dtype=object)
    c = cells.coerce(s, "date")
    assert c.values.index.tolist() == [7, 9]
    assert c.values.dt.date.tolist()[0] == dt.date(2023, 12, 31) and c.values.isna().tolist()[1]
