"""``kopedu health``: thin CLI over read_health_inputs + score."""

from __future__ import annotations

import pandas as pd

from kopedu.cli import main
from kopedu.paths import data_path

EXAMPLE = data_path("health", "contoh_koperasi.csv")


def test_score_to_xlsx_and_csv(tmp_path, capsys):
    out = tmp_path / "hasil.xlsx"
    assert main(["health", "score", str(EXAMPLE), "-o", str(out)]) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    assert set(sheets) == {"ringkasan", "aspek", "komponen"}
    assert sheets["ringkasan"].loc[0, "skor_total"] == 93.65  # hand-computed in test_health_scoring
    assert "ms_ta_nilai" in sheets["komponen"].columns
    assert "11 koperasi dinilai" in capsys.readouterr().out
    csv = tmp_path / "hasil.csv"
    assert main(["health", "score", str(EXAMPLE), "-o", str(csv), "--bacaan", "rpm=linear"]) == 0
    assert pd.read_csv(csv)["kategori"].iloc[1] == "Dalam Pengawasan"


def test_bad_reading_and_bad_file_exit_2_without_traceback(tmp_path, capsys):
    assert main(["health", "score", str(EXAMPLE), "--bacaan", "rpm=linier"]) == 2
    assert "pilihan: tabel, linear, linear_nagara" in capsys.readouterr().err
    bad = tmp_path / "rusak.csv"
    bad.write_text("kode,nama_koperasi\nA,B\n", encoding="utf-8")
    assert main(["health", "score", str(bad)]) == 2
    assert "kolom wajib ini tidak ada" in capsys.readouterr().err


def test_template(tmp_path):
    out = tmp_path / "templat.csv"
    assert main(["health", "template", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("kode,nama_koperasi,")
