"""Bundled published figures: every figure of figures.md, exactly as published."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from kopedu.errors import DataValidationError
from kopedu.figures import FIGURE_SCHEMA, figure, figures_for, funnel, load_figures, rat_rate
from kopedu.validation import validate_frame

# (region, indicator, year, value) typed from shared/reference/figures.md, seed table.
SEED_FIGURES = [
    ("Kutai Timur", "koperasi_total", 2021, 1150),
    ("Kutai Timur", "koperasi_aktif", 2022, 655),
    ("Kutai Timur", "koperasi_total", 2023, 1209),
    ("Kutai Timur", "koperasi_aktif", 2023, 325),
    ("Kutai Timur", "koperasi_tidak_aktif", 2023, 879),
    ("Muara Bengkal", "koperasi_total", 2023, 49),
    ("Muara Bengkal", "koperasi_aktif", 2023, 19),
    ("Kalimantan Timur", "koperasi_total", 2015, 5407),
    ("Kalimantan Timur", "koperasi_rat", 2015, 901),
    ("Kalimantan Timur", "koperasi_unggulan_target", 2016, 30),
    ("Balikpapan", "koperasi_total", 2024, 587),
    ("Balikpapan", "koperasi_aktif", 2024, 440),
    ("Balikpapan", "koperasi_rat", 2024, 70),
    ("Balikpapan", "koperasi_dinilai_kesehatan", 2024, 26),
    ("Balikpapan", "koperasi_sehat", 2024, 6),
    ("Balikpapan", "koperasi_sistem_digital", 2023, 10),
    ("Palangka Raya", "koperasi_total", 2024, 298),
    ("Palangka Raya", "koperasi_aktif", 2024, 177),
    ("Palangka Raya", "koperasi_tidak_aktif", 2024, 99),
    ("Palangka Raya", "koperasi_akan_dibubarkan", 2024, 22),
    ("Palangka Raya", "koperasi_rat", 2023, 52),
]

OTHER_FIGURES = [
    ("Kaltim", "koperasi_total", 2021, 5745),
    ("Kaltim", "koperasi_aktif", 2021, 2901),
    ("Kaltim", "koperasi_tidak_aktif", 2021, 2844),
    ("Kaltim", "koperasi_total", 2023, 6095),
    ("Kaltim", "koperasi_aktif", 2023, 3129),
    ("Kaltim", "koperasi_tidak_aktif", 2023, 2966),
    ("Balikpapan", "koperasi_tidak_aktif", 2024, 147),
    ("Samarinda", "koperasi_total", 2021, 1264),
    ("Samarinda", "koperasi_aktif", 2021, 273),
    ("Samarinda", "koperasi_tidak_aktif", 2021, 988),
    ("Kalteng", "koperasi_total", 2024, 3782),
    ("Kalteng", "koperasi_tidak_aktif", 2024, 885),
    ("Indonesia", "koperasi_aktif", 2013, 143117),
    ("Indonesia", "koperasi_aktif", 2018, 126343),
    ("Indonesia", "koperasi_aktif", 2023, 130119),
    ("Indonesia", "koperasi_total", 2014, 209488),
    ("Indonesia", "koperasi_rat", 2014, 80008),
]


@pytest.mark.parametrize(("region", "indicator", "year", "value"), SEED_FIGURES + OTHER_FIGURES)
def test_published_figure(region, indicator, year, value):
    assert figure(region, indicator, year) == value


def test_seed_figures_come_from_seed_articles():
    fig = load_figures()
    seeds = fig[fig["source_kind"] == "seed"]
    assert len(seeds) == len(SEED_FIGURES)
    assert set(seeds["source_id"]) == {"S000", "S001", "S002", "S003", "S004"}


def test_every_figure_has_a_source_and_text():
    fig = load_figures()
    assert fig["source_publisher"].str.len().gt(0).all()
    assert fig["value_text"].str.len().gt(0).all()
    assert fig["value"].dtype == "int64"


def test_balikpapan_breakdowns_as_published():
    bpn = figures_for("Balikpapan", 2024)
    by_type = bpn[bpn["jenis"] != ""].set_index("jenis")["value"].to_dict()
    assert by_type == {
        "konsumen": 354,
        "produsen": 33,
        "jasa": 19,
        "pemasaran": 14,
        "simpan pinjam": 15,
        "simpan pinjam syariah": 5,
    }
    kec = {
        "Balikpapan Kota": 143,
        "Balikpapan Selatan": 82,
        "Balikpapan Utara": 76,
        "Balikpapan Tengah": 62,
        "Balikpapan Timur": 40,
        "Balikpapan Barat": 36,
    }
    for name, value in kec.items():
        assert figure(name, "koperasi_aktif", 2024) == value


def test_funnel_palangka_raya_uses_rat_of_previous_year():
    f = funnel("Palangka Raya", 2024)
    assert f["jumlah"].tolist()[:3] == [298, 177, 52]
    assert pd.isna(f["jumlah"].iloc[3])
    assert f["tahun"].tolist()[:3] == [2024, 2024, 2023]


def test_funnel_leaves_out_conflicting_reports():
    f = funnel("Kutai Timur", 2023)
    assert f["jumlah"].tolist()[:2] == [1209, 325]
    assert f["jumlah"].iloc[2:].isna().all()  # the L-confidence "500 sehat" is not mixed in


@pytest.mark.parametrize(
    ("rat", "aktif", "published"),
    [(80008, 147249, "54.34"), (1598, 3524, "45.35"), (454, 2268, "20.02")],
)
def test_rat_rate_reproduces_published_percentages(rat, aktif, published):
    assert rat_rate(rat, aktif) == Decimal(published)


def test_schema_reports_every_problem_at_once():
    bad = load_figures().loc[:2, list(FIGURE_SCHEMA.columns)].copy()
    bad = bad.astype({"value": object, "year": object})
    bad.loc[0, "indicator"] = "koperasi_hantu"
    bad.loc[1, "value"] = -3
    bad.loc[2, "confidence"] = "X"
    with pytest.raises(DataValidationError) as err:
        validate_frame(bad, FIGURE_SCHEMA, "figures.csv")
    rows = {(p.row, p.column) for p in err.value.problems}
    assert {(2, "indicator"), (3, "value"), (4, "confidence")} <= rows
    assert "baris 2" in str(err.value) and "baris 3" in str(err.value)
