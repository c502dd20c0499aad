"""kopedu registry: what it writes goes through the one XLSX writer and passes its house rules."""

from __future__ import annotations

from kopedu.cli import main
from kopedu.registry import SYNTHETIC_LABEL
from tests.xlsx_check import check_workbook, table


def test_summary_workbook(tmp_path, monkeypatch):
    monkeypatch.delenv("KOPEDU_LANG", raising=False)
    out = tmp_path / "ringkasan.xlsx"
    args = ["registry", "ringkasan", "--wilayah", "Palangkaraya", "--tahun", "2024", "-o", str(out)]
    assert main(args) == 0
    wb = check_workbook(out, banner=SYNTHETIC_LABEL)
    assert wb.sheetnames == ["ringkasan", "prioritas"]
    (row,) = table(wb["ringkasan"])
    # Published for Palangka Raya 2024 (data/figures.csv F017-F020): 298 koperasi, 177 aktif,
    # 99 tidak aktif, 22 in proses pembubaran; the synthetic registry is calibrated to them.
    assert (row["tahun"], row["jumlah"], row["aktif"]) == (2024, 298, 177)
    assert (row["tidak aktif"], row["proses pembubaran"]) == (99, 22)
    assert wb["ringkasan"][f"{_column(wb['ringkasan'], '% RAT dari aktif')}"].number_format


def _column(ws, label):
    from tests.xlsx_check import header_row

    h = header_row(ws)
    (cell,) = [c for c in ws[h] if c.value == label]
    return f"{cell.column_letter}{h + 1}"


def test_summary_in_english(tmp_path, monkeypatch):
    monkeypatch.setenv("KOPEDU_LANG", "en")
    out = tmp_path / "summary.xlsx"
    args = ["registry", "ringkasan", "--wilayah", "Palangkaraya", "--tahun", "2024", "-o", str(out)]
    assert main(args) == 0
    wb = check_workbook(out, banner=SYNTHETIC_LABEL)
    assert wb.sheetnames == ["summary", "priorities"]
    (row,) = table(wb["summary"])
    assert (row["year"], row["total"], row["active"], row["inactive"]) == (2024, 298, 177, 99)


def test_rejected_rows_workbook(tmp_path, monkeypatch):
    monkeypatch.delenv("KOPEDU_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text(
        "NIK;Nama Koperasi;Kabupaten\n"
        "6408010000001;KSP Maju;Kutai Timur\n"
        "6408010000002;=HYPERLINK(A1);Kutai Tengah\n",
        encoding="utf-8",
    )
    assert main(["registry", "periksa", "d.csv"]) == 1
    wb = check_workbook(tmp_path / "ditolak.xlsx")
    (row,) = table(wb.worksheets[0])
    assert row["baris"] == 3
    assert row["Nama Koperasi"] == "=HYPERLINK(A1)"  # kept as text, never a formula
    assert "kode_wilayah" not in row and "wilayah_tidak_diketahui" not in row
