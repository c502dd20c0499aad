"""``kopedu neraca-saldo``: a thin front-end over validated_trial_balance."""

from __future__ import annotations

from pathlib import Path

from kopedu.cli import main
from kopedu.paths import data_path


def test_trial_balance_of_bundled_adjustments(capsys):
    rc = main(["neraca-saldo", str(data_path("accounting", "contoh_ksp", "penyesuaian_2024.csv")),
               "--tahun-buku", "2024"])  # fmt: skip
    out = capsys.readouterr().out
    assert rc == 0
    assert "Seimbang." in out and "Beban penyusutan" in out


def test_findings_give_exit_code_1(tmp_path: Path, capsys):
    path = tmp_path / "jurnal.csv"
    path.write_text(
        "tanggal,bukti,akun,debit,kredit\n2024-01-02,B1,Kas,100.000,\n"
        "2024-01-02,B1,Simpanan pokok,,90.000\n",
        encoding="utf-8",
    )
    xlsx = tmp_path / "ns.xlsx"
    rc = main(["neraca-saldo", str(path), "--xlsx", str(xlsx)])
    out = capsys.readouterr().out
    assert rc == 1
    assert "bukti B1" in out and "TIDAK seimbang" in out
    from tests.xlsx_check import check_workbook, table

    wb = check_workbook(xlsx)
    # Kas debit 100.000 and Simpanan pokok credit 90.000, stored as numbers.
    assert [(r["kode"], r["debit"], r["kredit"]) for r in table(wb["Neraca saldo"])] == [
        ("1101", 100_000, 0),
        ("3101", 0, 90_000),
    ]
    assert [r["bukti"] for r in table(wb["Temuan"])] == ["B1"]


def test_unreadable_file_is_a_message_not_a_traceback(tmp_path: Path, capsys):
    path = tmp_path / "rusak.csv"
    path.write_text("tanggal,bukti,akun,debit,kredit\n2024-01-02,B1,Kas,sejuta,\n", "utf-8")
    rc = main(["neraca-saldo", str(path)])
    err = capsys.readouterr().err
    assert rc == 2
    assert "rusak.csv, baris 2, kolom 'debit'" in err


def test_the_program_exits_with_the_command_code(tmp_path):
    # `kopedu` (the console script, kopedu.cli:run) as a trainer runs it.
    import subprocess
    import sys

    from kopedu.paths import data_path

    cmd = [sys.executable, "-m", "kopedu.cli", "neraca-saldo"]
    good = data_path("accounting", "contoh_ksp", "jurnal_2024.csv")
    proc = subprocess.run([*cmd, str(good), "--tahun-buku", "2024"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("Seimbang.")
    proc = subprocess.run([*cmd, str(good), "--tahun-buku", "2023"], capture_output=True, text=True)
    assert proc.returncode == 1 and "di luar tahun buku" in proc.stdout
