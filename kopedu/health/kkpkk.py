"""The 2021 worksheet (KKPKK, Juknis Deputi 15/2021): indicator ratings, partially.

Only part of the 2021 rules is known (see ``rules/kkpkk_2021.yaml``): the indicator
rating scale (peringkat 1–4, skor 4–1), the qualitative-item table and a few
quantitative tables. How indicators add up to aspects and to the final category was
**not** found in an authoritative source; :func:`kkpkk_aspect` implements the one
public method found and says so in its output.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import yaml

from kopedu.health.brackets import compile_reading, lookup
from kopedu.health.ruleset import Bracket, Reading, RulesError

__all__ = ["kkpkk_aspect", "kkpkk_indicators", "kkpkk_rate", "kkpkk_rules"]

UNCONFIRMED = "metode agregasi belum dikonfirmasi sumber resmi"


@cache
def kkpkk_rules() -> dict[str, Any]:
    """The KKPKK 2021 rule file as plain data.

    Examples
    --------
    >>> [a["nama"] for a in kkpkk_rules()["aspek"]][:2]
    ['Tata Kelola', 'Profil Risiko']
    """
    path = resources.files("kopedu.health").joinpath("rules", "kkpkk_2021.yaml")
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _reading(table: str) -> tuple[Reading, tuple[float, ...]]:
    tables = kkpkk_rules()["tabel"]
    if table not in tables:
        raise RulesError(f"Tabel KKPKK {table!r} tidak dikenal. Pilihan: {', '.join(tables)}.")
    t = tables[table]
    brackets = tuple(Bracket.parse(i, np.nan if v is None else v) for i, v in t["kurung"])
    bounds = tuple(float(b) for b in t.get("batas_bulat", ()))
    return Reading(table, t["sumber"], t["keyakinan"], t["keterangan"], brackets), bounds


def kkpkk_indicators() -> pd.DataFrame:
    """Aspects and indicators of the KKPKK, with the table used (``None`` = unknown).

    Examples
    --------
    >>> kkpkk_indicators()["aspek"].unique().tolist()
    ['Tata Kelola', 'Profil Risiko', 'Kinerja Keuangan', 'Permodalan']
    """
    rows = [
        {
            "aspek": a["nama"],
            "indikator": i["id"],
            "nama": i["nama"],
            "tabel": i["tabel"],
            "sumber": i["sumber"],
            "keyakinan": i["keyakinan"],
        }
        for a in kkpkk_rules()["aspek"]
        for i in a["indikator"]
    ]
    return pd.DataFrame(rows)


def kkpkk_rate(
    table: str, values: Sequence[float] | np.ndarray | pd.Series, *, batas: str = "bulat"
) -> pd.DataFrame:
    """Rate indicator values (%) with a KKPKK table: peringkat, predikat, skor.

    Values outside the known bands (e.g. SHU growth ≥ 1 %) get ``<NA>`` — unknown,
    not a guess.

    Examples
    --------
    >>> kkpkk_rate("kualitatif", [80, 60, 30, 10])["skor"].tolist()
    [4, 3, 2, 1]
    >>> kkpkk_rate("pertumbuhan_shu", [0.5, 3])["predikat"].tolist()
    ['Tidak Sehat', <NA>]
    """
    reading, bounds = _reading(table)
    x = np.asarray(values, dtype=float)
    _, rank = lookup(compile_reading(reading, bounds if batas == "bulat" else ()), x)
    scale = {r["peringkat"]: r for r in kkpkk_rules()["peringkat"]}
    ranks = pd.array(np.where(np.isnan(rank), np.nan, rank), dtype="Int64")
    pred = pd.array(
        [scale[r]["predikat"] if r is not pd.NA else pd.NA for r in ranks], dtype="string"
    )
    skor = pd.array([scale[r]["skor"] if r is not pd.NA else pd.NA for r in ranks], dtype="Int64")
    index = values.index if isinstance(values, pd.Series) else None
    return pd.DataFrame(
        {"rasio": x, "peringkat": ranks, "predikat": pred, "skor": skor}, index=index
    )


def kkpkk_aspect(skor: Sequence[float] | np.ndarray) -> dict[str, Any]:
    """Aspect percentage and category from indicator skor (1–4) — UNCONFIRMED method.

    ``persen = Σ skor ÷ (4 × n) × 100`` with the 80 / 66 / 51 cut-offs: the only
    method found (one public implementation, confidence L). The result says so.

    Examples
    --------
    >>> out = kkpkk_aspect([4, 3, 4, 2])
    >>> out["persen"], out["kategori"], out["catatan"] == UNCONFIRMED
    (81.25, 'Sehat', True)
    """
    s = np.asarray(skor, dtype=float)
    if s.size == 0 or np.isnan(s).any():
        return {"persen": float("nan"), "kategori": "Tidak dapat dinilai", "catatan": UNCONFIRMED}
    pct = float(s.sum() / (4 * s.size) * 100)
    from kopedu.health.scoring import category_of

    return {"persen": pct, "kategori": str(category_of(pct)[0]), "catatan": UNCONFIRMED}
