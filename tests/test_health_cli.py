"""``kopedu health``: thin CLI over read_health_inputs + score; no traceback on bad input."""

from __future__ import annotations

import os

import openpyxl
import pandas as pd
import pytest

from kopedu.cli import main
from kopedu.health import example_inputs
from kopedu.paths import data_path
from tests.xlsx_check import check_workbook, table

EXAMPLE = data_path("health", "contoh_koperasi.csv")


def _one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert "Traceback" not in captured.err + captured.out
    assert err.startswith("kopedu: ")
    return err


def test_score_to_xlsx_and_csv(tmp_path, capsys):
    out = tmp_path / "hasil.xlsx"
    assert main(["health", "score", str(EXAMPLE), "-o", str(out)]) == 0
    wb = check_workbook(out)  # the house rules of every XLSX kopedu writes
    assert wb.sheetnames == ["ringkasan", "aspek", "komponen"]  # no findings: no sheet
    summary = table(wb["ringkasan"])
    # KSP Sangatta Sejahtera: 93,65, hand-computed in test_health_scoring
    assert summary[0]["Kode"] == "KTM-001" and summary[0]["Skor total"] == pytest.approx(93.65)
    assert summary[0]["Kategori"] == "Sehat"
    assert table(wb["komponen"])[0]["1a nilai"] == 100
    assert table(wb["aspek"])[1]["Predikat Likuiditas"] == "Dalam Pengawasan Khusus"  # 7,5/15
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"11 koperasi dinilai → {out}"
    assert "Temuan" not in "\n".join(printed)
    csv = tmp_path / "hasil.csv"
    assert main(["health", "score", str(EXAMPLE), "-o", str(csv), "--bacaan", "rpm=linear"]) == 0
    assert pd.read_csv(csv)["Kategori"].iloc[1] == "Dalam Pengawasan"


def test_rounding_option(tmp_path):
    csv = tmp_path / "hasil.csv"
    args = ["health", "score", str(EXAMPLE), "-o", str(csv), "--pembulatan", "rasio_ke_atas"]
    assert main(args) == 0
    assert pd.read_csv(csv)["Skor total"].iloc[0] == pytest.approx(93.65)


def test_findings_are_printed_and_written(tmp_path, capsys):
    bad = example_inputs().iloc[:2].copy()
    bad.loc[0, "pinjaman_macet"] = 2_000_000_000  # bad loans 2,05 miliar > loans 1,5 miliar
    bad.loc[1, "kas"] = 5_000_000_000  # kas 5 miliar > total aset 1 miliar
    bad.loc[1, "pinjaman_non_anggota"] = pd.NA
    path = tmp_path / "kop.csv"
    bad.to_csv(path, index=False)
    out = tmp_path / "hasil.xlsx"
    assert main(["health", "score", str(path), "-o", str(out)]) == 1  # findings: look
    lines = capsys.readouterr().out.splitlines()
    at = lines.index("Temuan pemeriksaan angka (3):")
    assert lines[at + 1 :] == [
        "  KTM-001: pinjaman bermasalah melebihi pinjaman yang diberikan",
        "  BPN-001: kas + bank melebihi total aset",
        "  BPN-001: pinjaman non-anggota kosong: KSP yang hanya meminjamkan kepada anggota "
        "mengisi 0",
        "Skor koperasi yang angkanya saling bertentangan belum bisa dipercaya: perbaiki "
        "angkanya lalu nilai ulang.",
    ]
    assert len(table(openpyxl.load_workbook(out)["temuan"])) == 3


def test_blank_non_member_loans_says_what_to_enter(tmp_path):
    bad = example_inputs().iloc[[1]].copy()
    bad["pinjaman_non_anggota"] = pd.NA
    from kopedu.health import score

    note = score(bad).components(0).set_index("kode").loc["2a", "keterangan"]
    assert note == (
        "tidak dapat dinilai: data pinjaman non anggota kosong (KSP yang hanya meminjamkan "
        "kepada anggota mengisi 0)"
    )


def test_bad_reading_and_bad_file_exit_2_without_traceback(tmp_path, capsys):
    assert main(["health", "score", str(EXAMPLE), "--bacaan", "rpm=linier"]) == 2
    assert "pilihan: tabel, linear, linear_nagara" in _one_line_error(capsys)
    bad = tmp_path / "rusak.csv"
    bad.write_text("kode,nama_koperasi\nA,B\n", encoding="utf-8")
    assert main(["health", "score", str(bad)]) == 2
    assert "kolom wajib ini tidak ada" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d / "tidak_ada.csv", "tidak ditemukan"),
        (lambda d: d, "adalah folder, bukan berkas"),
        (lambda d: _corrupt_xlsx(d), "bukan XLSX yang dapat dibaca"),
        (lambda d: _touch(d / "lama.xls"), "berkas .xls lama tidak dibaca"),
    ],
)
def test_bad_input_paths(tmp_path, capsys, make, expected):
    assert main(["health", "score", str(make(tmp_path)), "-o", str(tmp_path / "h.csv")]) == 2
    assert expected in _one_line_error(capsys)


def _touch(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0")  # an old OLE2 .xls header
    return path


def _corrupt_xlsx(d):
    path = d / "rusak.xlsx"
    path.write_bytes(b"bukan zip sama sekali")
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d, "adalah folder; sebut nama berkas"),
        (lambda d: d / "h.pdf", "pakai akhiran .xlsx atau .csv"),
    ],
)
def test_bad_output_paths(tmp_path, capsys, make, expected):
    assert main(["health", "score", str(EXAMPLE), "-o", str(make(tmp_path))]) == 2
    assert expected in _one_line_error(capsys)


def test_missing_output_folder_is_created(tmp_path):
    out = tmp_path / "baru" / "hasil.csv"  # as every kopedu command does (kopedu.io.write)
    assert main(["health", "score", str(EXAMPLE), "-o", str(out)]) == 0
    assert out.exists() and out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_unwritable_output_folder(tmp_path, capsys, monkeypatch):
    # as an ordinary user: a read-only folder; as root (CI containers) permissions do not
    # apply, so the operating system's refusal is simulated where the file is opened
    ro = tmp_path / "baca_saja"
    ro.mkdir()
    ro.chmod(0o500)
    if os.access(ro, os.W_OK):
        import kopedu.io.write as writer

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(writer, "_write_temp", refuse)
    try:
        assert main(["health", "score", str(EXAMPLE), "-o", str(ro / "h.xlsx")]) == 2
    finally:
        ro.chmod(0o700)
    assert "tidak ada izin menulis" in _one_line_error(capsys)
    assert not (ro / "h.xlsx").exists()


def test_template_csv_and_xlsx(tmp_path, capsys):
    out = tmp_path / "templat.csv"
    assert main(["health", "template", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("kode,nama_koperasi,")
    xlsx = tmp_path / "templat.xlsx"
    assert main(["health", "template", str(xlsx)]) == 0
    assert list(pd.read_excel(xlsx, sheet_name=None)) == ["koperasi", "kuesioner", "keterangan"]
    assert main(["health", "template", str(tmp_path / "t.txt")]) == 2
    assert ".xlsx" in _one_line_error(capsys)


def test_kkpkk_2021_from_the_command_line(tmp_path, capsys):
    template = tmp_path / "kkpkk.csv"
    assert main(["health", "template", str(template), "--aturan", "kkpkk_2021"]) == 0
    header = template.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "tk_anggaran_dasar" in header and "ya_manajemen_umum" not in header
    out = tmp_path / "hasil.csv"
    example = data_path("health", "contoh_kkpkk.csv")
    assert main(["health", "score", str(example), "--aturan", "kkpkk_2021", "-o", str(out)]) == 0
    assert pd.read_csv(out)["Skor total"].round(2).tolist() == [61.79]  # test_health_kkpkk
