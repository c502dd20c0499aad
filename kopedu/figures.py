"""Published cooperative figures (``data/figures.csv``) and what lessons compute from them.

Every row is one figure as a regional office or a national body published it: region,
year (and date when known), indicator, the exact count, the text as written in the
source ("sekitar 655 unit"), the source (publisher, title, date), a confidence tag
(H/M/L) and a note. Figures that do not add up are kept as published; see
:mod:`kopedu.consistency` for the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import pandas as pd

from kopedu.errors import KopeduError
from kopedu.paths import data_path
from kopedu.regions import Region, load_regions, lookup_region
from kopedu.validation import pa, read_table, validate_frame

__all__ = [
    "FUNNEL",
    "INDICATORS",
    "INDICATORS_EN",
    "FunnelStage",
    "figure",
    "figures_for",
    "funnel",
    "load_figures",
    "load_sources",
    "rat_rate",
]

#: Indicators used in data/figures.csv, with their Indonesian labels.
INDICATORS: dict[str, str] = {
    "koperasi_total": "Jumlah koperasi",
    "koperasi_aktif": "Koperasi aktif",
    "koperasi_tidak_aktif": "Koperasi tidak aktif",
    "koperasi_akan_dibubarkan": "Koperasi yang akan dibubarkan",
    "koperasi_dibubarkan": "Koperasi yang dibubarkan",
    "koperasi_rat": "Koperasi yang melaksanakan RAT",
    "koperasi_dinilai_kesehatan": "Koperasi yang dinilai kesehatannya",
    "koperasi_sehat": "Koperasi sehat",
    "koperasi_unggulan_target": "Target koperasi unggulan",
    "koperasi_sistem_digital": "Koperasi dengan sistem pelaporan digital",
    "koperasi_baru": "Koperasi baru",
    "anggota": "Jumlah anggota",
}

#: English labels, for reports rendered with ``language="en"``.
INDICATORS_EN: dict[str, str] = {
    "koperasi_total": "Cooperatives (total)",
    "koperasi_aktif": "Active cooperatives",
    "koperasi_tidak_aktif": "Inactive cooperatives",
    "koperasi_akan_dibubarkan": "Cooperatives to be dissolved",
    "koperasi_dibubarkan": "Dissolved cooperatives",
    "koperasi_rat": "Cooperatives that held their RAT",
    "koperasi_dinilai_kesehatan": "Cooperatives assessed for health",
    "koperasi_sehat": "Healthy cooperatives (sehat)",
    "koperasi_unggulan_target": "Target of leading cooperatives",
    "koperasi_sistem_digital": "Cooperatives on the digital reporting system",
    "koperasi_baru": "New cooperatives",
    "anggota": "Members",
}

#: The funnel a lesson draws for a region: each stage is a subset of the one before.
FUNNEL: tuple[str, ...] = ("koperasi_total", "koperasi_aktif", "koperasi_rat", "koperasi_sehat")

SOURCE_SCHEMA = pa.DataFrameSchema(
    {
        "source_id": pa.Column(str, pa.Check.str_matches(r"^[SP]\d{3}$"), unique=True),
        "publisher": pa.Column(str, pa.Check.str_length(min_value=1)),
        "title": pa.Column(str, pa.Check.str_length(min_value=1)),
        "date": pa.Column(str),
        "kind": pa.Column(str, pa.Check.isin(["seed", "secondary"])),
        "seed_file": pa.Column(str),
        "url_or_ref": pa.Column(str),
    },
    strict=True,
)

FIGURE_SCHEMA = pa.DataFrameSchema(
    {
        "figure_id": pa.Column(str, pa.Check.str_matches(r"^F\d{3}$"), unique=True),
        "region_code": pa.Column(str, metadata={"fix": "pakai kode dari data/regions.csv"}),
        "jenis": pa.Column(str),
        "indicator": pa.Column(
            str,
            pa.Check.isin(list(INDICATORS)),
            metadata={"fix": "pakai salah satu indikator di kopedu.figures.INDICATORS"},
        ),
        "year": pa.Column(int, pa.Check.in_range(1990, 2100)),
        "as_of": pa.Column(str, pa.Check.str_matches(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")),
        "value": pa.Column("int64", pa.Check.ge(0), metadata={"fix": "tulis bilangan bulat ≥ 0"}),
        "value_text": pa.Column(str, pa.Check.str_length(min_value=1)),
        "unit": pa.Column(str, pa.Check.isin(["koperasi", "anggota"])),
        "approx": pa.Column(bool),
        "source_id": pa.Column(str),
        "confidence": pa.Column(str, pa.Check.isin(["H", "M", "L"])),
        "note": pa.Column(str),
    },
    strict=True,
    coerce=True,
)


@cache
def _load_sources_cached() -> pd.DataFrame:
    path = data_path("sources.csv")
    raw = read_table(path)
    return validate_frame(raw, SOURCE_SCHEMA, path.name)


def load_sources() -> pd.DataFrame:
    """The sources cited by the figures (``data/sources.csv``), validated.

    A fresh copy each call, so that a caller's edit never reaches a report.

    Examples
    --------
    >>> load_sources().loc[0, "source_id"]
    'S000'
    """
    return _load_sources_cached().copy()


@cache
def _load_figures_cached() -> pd.DataFrame:
    path = data_path("figures.csv")
    raw = read_table(path)
    raw["approx"] = raw["approx"].str.lower().map({"true": True, "false": False})
    # Referential checks (region, source) run inside the schema so that every problem
    # is reported at once.
    regions = set(load_regions()["code"])
    sources = set(_load_sources_cached()["source_id"])
    schema = FIGURE_SCHEMA.update_columns(
        {
            "region_code": {"checks": [pa.Check.isin(sorted(regions))]},
            "source_id": {"checks": [pa.Check.isin(sorted(sources))]},
        }
    )
    df = validate_frame(raw, schema, path.name)
    regions_df = load_regions().set_index("code")
    src = _load_sources_cached().set_index("source_id")
    df = df.assign(
        region=df["region_code"].map(regions_df["official_name"]),
        level=df["region_code"].map(regions_df["level"]),
        source_publisher=df["source_id"].map(src["publisher"]),
        source_title=df["source_id"].map(src["title"]),
        source_date=df["source_id"].map(src["date"]),
        source_kind=df["source_id"].map(src["kind"]),
    )
    return df


def load_figures() -> pd.DataFrame:
    """All published figures as one tidy table (a fresh copy each call).

    Returns
    -------
    DataFrame
        One row per (region, year/date, indicator, jenis, source) with columns
        ``figure_id, region_code, region, level, jenis, indicator, year, as_of, value,
        value_text, unit, approx, source_id, source_publisher, source_title,
        source_date, source_kind, confidence, note``. ``value`` is an exact int64 count.

    Examples
    --------
    >>> fig = load_figures()
    >>> int(fig.loc[fig["figure_id"] == "F003", "value"].item())
    1209
    """
    return _load_figures_cached().copy()


def figures_for(
    region: str | Region,
    year: int | None = None,
    *,
    figures: pd.DataFrame | None = None,
    seed_only: bool = False,
) -> pd.DataFrame:
    """Figures of one region (all jenis, all sources), optionally for one year.

    Examples
    --------
    >>> figures_for("Kutim", 2023, seed_only=True)["value"].tolist()
    [1209, 325, 879]
    """
    reg = lookup_region(region)
    fig = load_figures() if figures is None else figures
    sel = fig["region_code"] == reg.code
    if year is not None:
        sel &= fig["year"] == year
    if seed_only:
        sel &= fig["source_kind"] == "seed"
    return fig[sel].reset_index(drop=True)


def figure(
    region: str | Region,
    indicator: str,
    year: int,
    *,
    source_id: str | None = None,
    figures: pd.DataFrame | None = None,
) -> int:
    """One published count (the seed article's, if several sources give one).

    Raises
    ------
    KopeduError
        If no such figure was published.

    Examples
    --------
    >>> figure("Kutai Timur", "koperasi_tidak_aktif", 2023)
    879
    """
    reg = lookup_region(region)
    fig = figures_for(reg, year, figures=figures)
    fig = fig[(fig["indicator"] == indicator) & (fig["jenis"] == "")]
    if source_id is not None:
        fig = fig[fig["source_id"] == source_id]
    if fig.empty:
        label = INDICATORS.get(indicator, indicator)
        raise KopeduError(f"Tidak ada angka terbitan '{label}' untuk {reg} tahun {year}.")
    # Prefer the seed articles, then higher confidence.
    order = fig.assign(
        _k=fig["source_kind"].map({"seed": 0, "secondary": 1}),
        _c=fig["confidence"].map({"H": 0, "M": 1, "L": 2}),
    ).sort_values(["_k", "_c", "figure_id"])
    return int(order["value"].iloc[0])


@dataclass(frozen=True, slots=True)
class FunnelStage:
    """One stage of a region's funnel (for display)."""

    indicator: str
    label: str
    value: int | None
    year: int | None
    source: str


def funnel(
    region: str | Region,
    year: int,
    *,
    figures: pd.DataFrame | None = None,
    min_confidence: str = "M",
) -> pd.DataFrame:
    """The total → aktif → RAT → sehat funnel of a region around ``year``.

    For each stage the figure of ``year`` is used; RAT is often published for the
    year before (Palangka Raya reports in 2024 the RATs held in 2023), so a missing
    RAT figure falls back to ``year - 1`` and the row says so. Figures below
    ``min_confidence`` (default: leave out "L", the conflicting reports) are not used,
    so one funnel never mixes sources that contradict each other.

    Returns
    -------
    DataFrame
        Columns ``tahap`` (label), ``indicator``, ``jumlah`` (nullable Int64),
        ``tahun``, ``sumber``, ``persen_dari_sebelumnya`` (float, rounded to 0.1).

    Examples
    --------
    >>> funnel("Palangka Raya", 2024)["jumlah"].tolist()
    [298, 177, 52, <NA>]
    """
    reg = lookup_region(region)
    fig = load_figures() if figures is None else figures
    allowed = {"H": ["H"], "M": ["H", "M"], "L": ["H", "M", "L"]}[min_confidence]
    fig = fig[fig["confidence"].isin(allowed)]
    rows = []
    for ind in FUNNEL:
        value = year_used = None
        source = ""
        for y in (year, year - 1) if ind == "koperasi_rat" else (year,):
            sub = figures_for(reg, y, figures=fig)
            sub = sub[(sub["indicator"] == ind) & (sub["jenis"] == "")]
            if not sub.empty:
                value = figure(reg, ind, y, figures=fig)
                hit = sub[sub["value"] == value].iloc[0]
                year_used = y
                source = f"{hit['source_publisher']}, {hit['source_date'] or 's.d.'}"
                break
        rows.append(
            {
                "tahap": INDICATORS[ind],
                "indicator": ind,
                "jumlah": value,
                "tahun": year_used,
                "sumber": source,
            }
        )
    out = pd.DataFrame(rows)
    out["jumlah"] = out["jumlah"].astype("Int64")
    out["tahun"] = out["tahun"].astype("Int64")
    prev = out["jumlah"].shift(1)
    share = (out["jumlah"].astype("Float64") / prev.astype("Float64") * 100).round(1)
    out["persen_dari_sebelumnya"] = share
    return out


def rat_rate(rat: int, aktif: int) -> Decimal:
    """RAT rate: cooperatives that held their RAT as a share of active ones, in percent.

    Rounded half-up to two decimals (the way Kemenkop published 54,34 % for 2014).

    Raises
    ------
    KopeduError
        If ``aktif`` is not positive.

    Examples
    --------
    >>> rat_rate(80008, 147249)
    Decimal('54.34')
    >>> rat_rate(70, 440)
    Decimal('15.91')
    """
    if aktif <= 0:
        raise KopeduError("Tingkat RAT tidak dapat dihitung: jumlah koperasi aktif harus > 0.")
    return (Decimal(rat) * 100 / Decimal(aktif)).quantize(Decimal("0.01"), ROUND_HALF_UP)
