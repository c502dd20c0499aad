"""The input template, file reading with every problem reported at once, consistency."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from kopedu.errors import DataValidationError
from kopedu.health import (
    INPUT_COLUMNS,
    check_health_inputs,
    example_inputs,
    health_columns,
    health_template,
    read_health_inputs,
    score,
    write_health_template,
)
from kopedu.paths import data_path


def test_bundled_template_matches_the_declared_columns(tmp_path):
    with data_path("health", "template_penilaian_kesehatan.csv").open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header == [c.name for c in INPUT_COLUMNS]
    out = write_health_template(tmp_path / "t.csv")
    assert out.read_text(encoding="utf-8").strip().split(",") == header
    assert list(health_template().columns) == header
    assert health_columns()["keterangan"].str.len().min() > 0


def test_example_table_smoke_facts():
    ex = example_inputs()
    assert len(ex) == 11
    assert ex["kode"].is_unique
    assert ex.loc[0, "total_aset"] == 2_000_000_000
    assert ex["total_aset"].dtype == "Int64"
    assert set(ex["wilayah"]) == {"Kab. Kutai Timur", "Kota Balikpapan", "Kota Palangka Raya"}
    assert check_health_inputs(ex).empty


def _write(path, rows):
    cols = [c.name for c in INPUT_COLUMNS]
    base = pd.read_csv(data_path("health", "contoh_koperasi.csv"), dtype=str, keep_default_na=False)
    df = base.iloc[: len(rows)].copy()
    for i, changes in enumerate(rows):
        for k, v in changes.items():
            if v is None:
                df = df.drop(columns=k)
            else:
                df.loc[df.index[i], k] = v
    df = df[[c for c in cols if c in df.columns]]
    df.to_csv(path, index=False)
    return path


def test_every_problem_is_reported_at_once(tmp_path):
    path = _write(
        tmp_path / "kop.csv",
        [
            {"kas": "-5", "ya_manajemen_umum": "13"},
            {"bank": "dua juta", "kode": "KTM-001"},
            {"total_aset": "1500,50", "faktor_pengawasan_khusus": "mungkin", "shu_kotor": None},
        ],
    )
    with pytest.raises(DataValidationError) as info:
        read_health_inputs(path)
    probs = {(p.row, p.column) for p in info.value.problems}
    assert (2, "kas") in probs  # negative amount
    assert (2, "ya_manajemen_umum") in probs  # 13 answers out of 12
    assert (3, "bank") in probs  # text
    assert (4, "total_aset") in probs  # sen
    assert (4, "faktor_pengawasan_khusus") in probs
    assert (None, "shu_kotor") in probs  # missing column
    assert any(p.column == "kode" for p in info.value.problems)  # duplicate code
    text = str(info.value)
    assert "kop.csv" in text and "baris 2" in text


def test_indonesian_amounts_and_xlsx(tmp_path):
    path = _write(tmp_path / "kop.csv", [{"kas": "Rp 50.000.000", "bank": "70.000.000"}])
    df = read_health_inputs(path)
    assert df.loc[0, "kas"] == 50_000_000 and df.loc[0, "bank"] == 70_000_000
    xlsx = tmp_path / "kop.xlsx"
    example_inputs().astype(object).to_excel(xlsx, index=False)
    back = read_health_inputs(xlsx)
    pd.testing.assert_series_equal(
        score(back).total["skor_total"], score(example_inputs()).total["skor_total"]
    )


def test_missing_file_is_a_validation_error(tmp_path):
    with pytest.raises(DataValidationError, match="tidak ditemukan"):
        read_health_inputs(tmp_path / "tidak_ada.csv")


def test_figures_that_do_not_add_up_are_returned_as_findings():
    ex = example_inputs().iloc[:2].copy()
    ex.loc[0, "pinjaman_macet"] = 2_000_000_000
    ex.loc[1, "kas"] = 5_000_000_000
    found = check_health_inputs(ex)
    assert found.to_dict("records") == [
        {"kode": "KTM-001", "temuan": "pinjaman bermasalah melebihi pinjaman yang diberikan"},
        {"kode": "BPN-001", "temuan": "kas + bank melebihi total aset"},
    ]
