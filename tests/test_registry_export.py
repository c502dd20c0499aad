"""Exports never run a trainer's text as a formula; HTML is escaped; the template round-trips."""

from __future__ import annotations

import csv

import openpyxl
import pandas as pd
import pytest

from kopedu.cli import main
from kopedu.paths import data_path
from kopedu.registry import html_table, load_registry, neutralise_formulas, write_csv, write_xlsx
from kopedu.registry.template import example_tables

HOSTILE = ["=HYPERLINK(\"http://x.invalid\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1",
           "KSU Maju", "<script>alert(1)</script>"]  # fmt: skip


@pytest.mark.parametrize("value", HOSTILE[:5])
def test_formula_prefixes_are_neutralised(value):
    assert neutralise_formulas(pd.DataFrame({"nama": [value]})).loc[0, "nama"] == "'" + value


def test_numbers_and_plain_text_are_kept():
    df = pd.DataFrame({"nama": ["KSU Maju"], "n": [-5], "x": [pd.NA]})
    out = neutralise_formulas(df)
    assert out.loc[0, "nama"] == "KSU Maju" and out.loc[0, "n"] == -5


def test_xlsx_and_csv_exports_hold_no_formulas(tmp_path):
    df = pd.DataFrame({"nama": HOSTILE, "anggota": range(len(HOSTILE))})
    xlsx = write_xlsx({"data": df}, tmp_path / "a.xlsx", title="Registri")
    # kopedu's one XLSX writer: text stays exactly what was typed, stored as text (never a
    # formula) and marked so that editing the cell keeps it text; numbers stay numbers.
    from tests.xlsx_check import check_workbook, header_row

    ws = check_workbook(xlsx)["data"]
    h = header_row(ws)
    cells = [ws.cell(r, 1) for r in range(h + 1, h + 1 + len(HOSTILE))]
    assert all(c.data_type == "s" for c in cells)
    assert ws.cell(h + 1, 2).value == 0
    write_csv(df, tmp_path / "b.csv")
    with (tmp_path / "b.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert not any(r[0].startswith(("=", "+", "-", "@", "\t")) for r in rows[1:])
    assert not list(tmp_path.glob("*.tmp"))  # atomic writes leave no temp files


def test_html_is_escaped():
    out = html_table(pd.DataFrame({"<b>nama</b>": ["<script>alert(1)</script>", "A & B"]}))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<b>" not in out and "A &amp; B" in out


def test_committed_template_is_what_the_command_writes(tmp_path):
    assert main(["registry", "template", "--output", str(tmp_path)]) == 0
    for name in ("template_koperasi.csv", "template_rat.csv", "template_keuangan.csv"):
        committed = data_path("registry", "template", name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == committed
    fresh = load_registry(tmp_path / "template_registry.xlsx")
    committed = load_registry(data_path("registry", "template", "template_registry.xlsx"))
    pd.testing.assert_frame_equal(fresh.koperasi, committed.koperasi)
    assert len(fresh.koperasi) == len(example_tables()["koperasi"])
    assert fresh.keuangan is not None and fresh.keuangan.loc[0, "aset"] == 1_250_000_000


def test_cli_summary_check_and_errors(tmp_path, capsys):
    assert main(["registry", "ringkasan", "--wilayah", "Palangkaraya", "--tahun", "2024"]) == 0
    out = capsys.readouterr().out
    assert "DATA SINTETIS" in out and "298" in out and "177" in out
    xlsx = tmp_path / "r.xlsx"
    assert main(["registry", "ringkasan", "--wilayah", "Bontang", "-o", str(xlsx)]) == 0
    assert openpyxl.load_workbook(xlsx).sheetnames == ["ringkasan", "prioritas"]
    assert main(["registry", "periksa", str(data_path("registry", "template"))]) == 0
    bad = tmp_path / "x.xlsx"
    bad.write_text("bukan excel")
    assert main(["registry", "periksa", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "x.xlsx" in err and "Traceback" not in err
    assert main(["registry", "ringkasan", "--definisi", "entah"]) == 2


def test_the_template_workbook_follows_the_house_rules(tmp_path):
    from kopedu.registry.template import write_template
    from tests.xlsx_check import check_workbook

    (xlsx, *_) = write_template(tmp_path)
    wb = check_workbook(xlsx)
    assert wb.sheetnames == ["koperasi", "rat", "keuangan", "petunjuk"]
