"""Regional use: categories aggregated per region, ready for the regional report."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kopedu.display import declare
from kopedu.errors import KopeduError
from kopedu.health.scoring import NOT_ASSESSABLE, HealthScores

__all__ = ["CATEGORY_ORDER", "summarise_region"]

#: Column order of the summary (Perdep 06/2016 labels, then "Tidak dapat dinilai").
CATEGORY_ORDER: tuple[str, ...] = (
    "Sehat",
    "Cukup Sehat",
    "Dalam Pengawasan",
    "Dalam Pengawasan Khusus",
    NOT_ASSESSABLE,
)


def summarise_region(
    scores: HealthScores | pd.DataFrame,
    by: str | Sequence[str] = "wilayah",
    *,
    total: bool = False,
) -> pd.DataFrame:
    """Count cooperatives per category and the share sehat, per region.

    Parameters
    ----------
    scores : HealthScores or DataFrame
        Scores from :func:`~kopedu.health.scoring.score` (region read from its input
        table), or any table with the ``by`` column(s) and a ``kategori`` column (for
        example published counts typed in by a trainer).
    by : str or list of str, default "wilayah"
        Region column(s).
    total : bool, default False
        Add a last row "Semua wilayah".

    Returns
    -------
    DataFrame
        One row per region: ``jumlah_koperasi``, one column per category,
        ``jumlah_dinilai`` (category determined) and ``persen_sehat`` =
        Sehat ÷ jumlah_dinilai × 100 (NaN when nothing was assessed).

    Examples
    --------
    >>> bpp = pd.DataFrame({"wilayah": "Kota Balikpapan",
    ...                     "kategori": ["Sehat"] * 6 + ["Cukup Sehat"] * 20})
    >>> row = summarise_region(bpp).iloc[0]
    >>> int(row["jumlah_dinilai"]), int(row["Sehat"]), round(float(row["persen_sehat"]), 1)
    (26, 6, 23.1)
    """
    by = [by] if isinstance(by, str) else list(by)
    if isinstance(scores, HealthScores):
        missing = [b for b in by if b not in scores.data]
        frame = pd.concat(
            [scores.data[[b for b in by if b in scores.data]], scores.total[["kategori"]]], axis=1
        )
    else:
        missing = [b for b in [*by, "kategori"] if b not in scores]
        frame = scores
    if missing:
        raise KopeduError(
            f"Kolom {', '.join(missing)} tidak ada; tidak bisa diringkas per wilayah."
        )
    labels = frame["kategori"].astype("string")
    unknown = sorted(set(labels.dropna()) - set(CATEGORY_ORDER))
    if unknown:
        raise KopeduError(
            f"Kategori tidak dikenal: {', '.join(unknown)}. Pilihan: {', '.join(CATEGORY_ORDER)}."
        )
    kat = pd.Categorical(labels, categories=list(CATEGORY_ORDER))
    keys = [frame[b].astype("string").fillna("(tanpa wilayah)") for b in by]
    counts = pd.crosstab(keys, kat, dropna=False).reindex(
        columns=list(CATEGORY_ORDER), fill_value=0
    )
    counts.columns = list(CATEGORY_ORDER)
    if total:
        counts.loc[("Semua wilayah",) * len(by) if len(by) > 1 else "Semua wilayah"] = counts.sum()
    out = counts.astype("int64")
    out.insert(0, "jumlah_koperasi", out.sum(axis=1))
    out["jumlah_dinilai"] = out["jumlah_koperasi"] - out[NOT_ASSESSABLE]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["persen_sehat"] = np.where(
            out["jumlah_dinilai"] > 0, out["Sehat"] / out["jumlah_dinilai"] * 100, np.nan
        )
    out.columns.name = None
    return declare(out, kinds={"persen_sehat": "percent_points"})
