"""Regional views over the published figures: what a regional report shows.

Small pure functions that return DataFrames ready to display: the figures of one
region and year with their sources, its trend over the years, and a comparison with
its province and peer regions.
"""

from __future__ import annotations

import pandas as pd

from kopedu.figures import INDICATORS, load_figures
from kopedu.regions import Region, children, lookup_region

__all__ = ["comparison", "region_figures", "trend"]

_MAIN = ("koperasi_total", "koperasi_aktif", "koperasi_tidak_aktif", "koperasi_rat")


def region_figures(region: str | Region, year: int | None = None) -> pd.DataFrame:
    """Published figures of a region (optionally one year), labelled and sourced.

    Returns
    -------
    DataFrame
        Columns ``tahun, indikator, jenis, jumlah, ditulis_sumber, sumber, tanggal,
        keyakinan, catatan, figure_id``, seed articles first.

    Examples
    --------
    >>> region_figures("Kutim", 2023)["jumlah"].head(3).tolist()
    [1209, 325, 879]
    """
    reg = lookup_region(region)
    fig = load_figures()
    sel = fig["region_code"] == reg.code
    if year is not None:
        sel &= fig["year"] == year
    sub = fig[sel].copy()
    sub["_k"] = sub["source_kind"].map({"seed": 0, "secondary": 1})
    sub["_i"] = sub["indicator"].map({k: i for i, k in enumerate(INDICATORS)})
    sub = sub.sort_values(["year", "_k", "_i", "jenis", "figure_id"])
    return pd.DataFrame(
        {
            "tahun": sub["year"],
            "indikator": sub["indicator"].map(INDICATORS),
            "jenis": sub["jenis"],
            "jumlah": sub["value"],
            "ditulis_sumber": sub["value_text"],
            "sumber": sub["source_publisher"],
            "tanggal": sub["source_date"],
            "keyakinan": sub["confidence"],
            "catatan": sub["note"],
            "figure_id": sub["figure_id"],
        }
    ).reset_index(drop=True)


def trend(region: str | Region, min_confidence: str = "M") -> pd.DataFrame:
    """Total, aktif, tidak aktif and RAT of a region by year (best source per year).

    Returns a wide table indexed by ``tahun`` with one nullable Int64 column per
    indicator label. The seed articles (the training's sources) are always used, even
    where a figure is flagged; other reports below ``min_confidence`` are left out.

    Examples
    --------
    >>> trend("Kaltim").loc[2023, "Koperasi aktif"]
    np.int64(3129)
    """
    reg = lookup_region(region)
    fig = load_figures()
    allowed = {"H": ["H"], "M": ["H", "M"], "L": ["H", "M", "L"]}[min_confidence]
    sub = fig[
        (fig["region_code"] == reg.code)
        & (fig["jenis"] == "")
        & fig["indicator"].isin(_MAIN)
        & (fig["confidence"].isin(allowed) | (fig["source_kind"] == "seed"))
    ].copy()
    sub["_k"] = sub["source_kind"].map({"seed": 0, "secondary": 1})
    sub["_c"] = sub["confidence"].map({"H": 0, "M": 1, "L": 2})
    best = sub.sort_values(["_k", "_c", "figure_id"]).drop_duplicates(["year", "indicator"])
    wide = best.pivot(index="year", columns="indicator", values="value")
    wide = wide.reindex(columns=[c for c in _MAIN if c in wide.columns]).astype("Int64")
    wide.index.name = "tahun"
    wide.columns = [INDICATORS[c] for c in wide.columns]
    return wide.sort_index()


def comparison(region: str | Region, year: int) -> pd.DataFrame:
    """The region beside its province and its peers (same province, kab/kota level).

    For each region the figures of its latest published year up to ``year`` are used
    (best source, confidence H/M), all from that one year, which is shown. Two ratios are derived:
    share of active cooperatives and RAT rate (RAT ÷ aktif), in percent rounded to 0.1.

    Returns
    -------
    DataFrame
        One row per region: ``wilayah, peran`` (wilayah ini / provinsi / pembanding /
        kabupaten/kota),
        ``tahun_data``, the four counts, ``persen_aktif``, ``persen_rat``.
    """
    reg = lookup_region(region)
    members: list[tuple[Region, str]] = [(reg, "wilayah ini")]
    if reg.level in {"kabupaten", "kota"}:
        prov = reg.parent
        assert prov is not None  # a kabupaten/kota always lies in a province
        members.append((prov, "provinsi"))
        members += [(r, "pembanding") for r in children(prov.code) if r.code != reg.code]
    elif reg.level == "provinsi":
        members += [(r, "kabupaten/kota") for r in children(reg.code)]
    rows = []
    for r, role in members:
        t = trend(r)
        t = t[t.index <= year].dropna(how="all")
        row: dict[str, object] = {"wilayah": r.official_name, "peran": role}
        if not t.empty:
            # One year's figures only, so that ratios never mix years.
            latest = int(t.index.max())
            row.update(t.loc[latest].to_dict())
            row["tahun_data"] = latest
        rows.append(row)
    cols = ["wilayah", "peran", "tahun_data", *[INDICATORS[c] for c in _MAIN]]
    out = pd.DataFrame(rows).reindex(columns=cols)
    for c in cols[2:]:
        out[c] = out[c].astype("Int64")
    total, aktif, rat = (
        out[INDICATORS[c]] for c in ("koperasi_total", "koperasi_aktif", "koperasi_rat")
    )
    out["persen_aktif"] = (aktif.astype("Float64") / total.astype("Float64") * 100).round(1)
    out["persen_rat"] = (rat.astype("Float64") / aktif.astype("Float64") * 100).round(1)
    return out
