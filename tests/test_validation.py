"""Reading and validating files: every problem at once, named by file, row and column."""

from __future__ import annotations

import pandas as pd
import pytest

from kopedu.errors import DataValidationError, Problem
from kopedu.validation import pa, read_table, validate_frame

SCHEMA = pa.DataFrameSchema(
    {
        "nama": pa.Column(str, pa.Check.str_length(min_value=1), metadata={"fix": "isi nama"}),
        "jumlah": pa.Column(int, pa.Check.ge(0), metadata={"fix": "tulis bilangan ≥ 0"}),
        "jenis": pa.Column(str, pa.Check.isin(["konsumen", "simpan pinjam"])),
    },
    coerce=True,
)


def test_every_problem_reported_with_row_and_fix():
    df = pd.DataFrame(
        {"nama": ["KSP Maju", "", "Kopkar"], "jumlah": [3, -1, 5], "jenis": ["konsumen", "x", "y"]}
    )
    with pytest.raises(DataValidationError) as err:
        validate_frame(df, SCHEMA, "daftar.csv")
    problems = err.value.problems
    assert {(p.row, p.column) for p in problems} == {
        (3, "nama"),
        (3, "jumlah"),
        (3, "jenis"),
        (4, "jenis"),
    }
    msg = str(err.value)
    assert "daftar.csv: ditemukan 4 masalah" in msg
    assert "baris 3, kolom 'jumlah': nilai -1 harus ≥ 0 — tulis bilangan ≥ 0" in msg
    assert "Traceback" not in msg


def test_missing_column_is_named():
    with pytest.raises(DataValidationError) as err:
        validate_frame(pd.DataFrame({"nama": ["a"], "jumlah": [1]}), SCHEMA, "x.csv")
    (p,) = err.value.problems
    assert (p.row, p.column) == (None, "jenis")
    assert "kolom wajib" in p.message


def test_extra_problems_are_reported_with_schema_problems():
    extra = [Problem("x.csv", 2, "tanggal", "tanggal tidak dikenal")]
    df = pd.DataFrame({"nama": ["a"], "jumlah": [-5], "jenis": ["konsumen"]})
    with pytest.raises(DataValidationError) as err:
        validate_frame(df, SCHEMA, "x.csv", extra=extra)
    assert len(err.value.problems) == 2


def test_read_table_malformed_csv(tmp_path):
    path = tmp_path / "angka.csv"
    path.write_text("a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        read_table(path)
    (p,) = err.value.problems
    assert (p.file, p.row, p.code) == ("angka.csv", 3, "csv.too_many_cells")


def test_read_table_missing_and_windows_1252(tmp_path):
    with pytest.raises(DataValidationError) as err:
        read_table(tmp_path / "tidak_ada.csv")
    assert [p.code for p in err.value.problems] == ["file.missing"]
    # Excel's "CSV" on a Windows computer: Windows-1252, read as such (é is 0xE9).
    latin = tmp_path / "latin.csv"
    latin.write_bytes("nama\nKoperasi Sejahtera \xe9\n".encode("latin-1"))
    assert read_table(latin)["nama"].tolist() == ["Koperasi Sejahtera \u00e9"]


def test_read_table_bad_xlsx_and_text_columns(tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan file excel")
    with pytest.raises(DataValidationError) as err:
        read_table(bad)
    assert [p.code for p in err.value.problems] == ["file.corrupt"]
    good = tmp_path / "baik.xlsx"
    pd.DataFrame({"jumlah": ["1.209", "325"], "kode": ["0064", "6404"]}).to_excel(good, index=False)
    df = read_table(good)
    assert df["kode"].tolist() == ["0064", "6404"]  # text stays text: no lost leading zeros
