"""Modal sendiri tertimbang and ATMR computed from balance-sheet items.

The CAR component (1c) divides *modal sendiri tertimbang* by *ATMR* (aset tertimbang
menurut risiko). Both are sums of balance-sheet items, each multiplied by a weight from
the table in ``rules/tertimbang_2009.yaml`` (Permen 14/2009; corroborated by Juknis
15/2021 Tabel 4.2). A trainer may still enter both figures directly: a figure entered
is used as it is; an empty one is computed from the items.

Rule per cooperative: when the figure is empty and **at least one** of the items that
exist only for the weight table (``khusus`` in the YAML: modal penyertaan, hibah, SHU
belum dibagi, aktiva tetap …) is filled, the figure is computed and empty items count
as 0 (each listed in the trace). When the figure and all those items are empty it stays
empty and CAR is "tidak dapat dinilai".

Amounts are exact: Σ rupiah × weight (%) is summed in integers and divided by 100 once,
so the result is exact to the sen (weights of 50 % and 70 % give fractions of a rupiah)
for totals below about Rp 90 triliun (2**53 sen).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from kopedu.health.ruleset import RulesError, raw_rules

__all__ = [
    "WeightedItem",
    "figure_label",
    "fill_weighted",
    "risk_weighted_assets",
    "weight_table",
    "weighted_capital",
    "weighted_items",
]

#: The figures that can be computed, with the table that defines them.
FIGURES: tuple[str, ...] = ("modal_tertimbang", "atmr")
_TABLE = "tertimbang_2009"


@dataclass(frozen=True, slots=True)
class WeightedItem:
    """One balance-sheet item of a weight table."""

    column: str
    name: str
    weight: int  # percent
    dedicated: bool = False  # the column exists only for this table (YAML ``khusus``)


@cache
def _items(figure: str) -> tuple[WeightedItem, ...]:
    d = raw_rules(_TABLE)
    if figure not in FIGURES:
        raise RulesError(f"{figure!r} tidak dikenal; pilih {', '.join(FIGURES)}.")
    return tuple(
        WeightedItem(p["kolom"], p["nama"], int(p["bobot"]), bool(p.get("khusus", False)))
        for p in d[figure]["pos"]
    )


def weight_table(figure: str = "atmr") -> pd.DataFrame:
    """The weight table of ``"modal_tertimbang"`` or ``"atmr"``: column, item, weight (%).

    Examples
    --------
    >>> t = weight_table("atmr")
    >>> t.loc[t["kolom"] == "aktiva_tetap", "bobot"].item()
    70
    >>> weight_table("modal_tertimbang")["bobot"].tolist()[:4]
    [100, 100, 100, 50]
    """
    d = raw_rules(_TABLE)
    return pd.DataFrame(
        {
            "kolom": [i.column for i in _items(figure)],
            "pos": [i.name for i in _items(figure)],
            "bobot": [i.weight for i in _items(figure)],
            "sumber": d["sumber"],
            "keyakinan": d["keyakinan"],
        }
    )


def _compute(data: pd.DataFrame, figure: str) -> np.ndarray:
    """Σ item × weight ÷ 100 per row; NaN where no dedicated item is filled."""
    n = len(data)
    cents = np.zeros(n, dtype=np.int64)  # rupiah × percent: exact
    frac = np.zeros(n)  # only for float inputs (a caller's own table)
    any_optional = np.zeros(n, dtype=bool)
    for item in _items(figure):
        if item.column not in data:
            continue
        s = data[item.column]
        if item.dedicated:
            any_optional |= s.notna().to_numpy(dtype=bool)
        if item.weight == 0:
            continue
        if pd.api.types.is_integer_dtype(s.dtype):
            cents += s.to_numpy(dtype="int64", na_value=0) * item.weight
        else:
            frac += s.to_numpy(dtype="float64", na_value=0.0) * item.weight
    out = (cents + frac) / 100.0
    out[~any_optional] = np.nan
    return out


def figure_label(figure: str) -> str:
    """How the trace introduces a computed figure, naming the weight table and confidence.

    Examples
    --------
    >>> figure_label("atmr")
    'ATMR dihitung dari pos neraca (bobot Permen 14/2009, keyakinan M)'
    """
    d = raw_rules(_TABLE)
    return (
        f"{d[figure]['label']} dihitung dari pos neraca ({d['label']}, keyakinan {d['keyakinan']})"
    )


def weighted_capital(data: pd.DataFrame) -> pd.Series:
    """Modal sendiri tertimbang per cooperative, computed from its items (rupiah).

    NaN where none of the items that exist only for this table (modal penyertaan,
    hibah, SHU belum dibagi, kewajiban …) is filled. The figure entered in
    ``modal_tertimbang`` is ignored here; :func:`fill_weighted` decides which one
    scoring uses.

    Examples
    --------
    >>> row = pd.DataFrame({"simpanan_pokok": [100], "simpanan_wajib": [300],
    ...                     "modal_penyertaan": [200], "simpanan_sukarela": [1000]})
    >>> float(weighted_capital(row).iloc[0])  # 100 + 300 + 50 % × 200 + 50 % × 1000
    1000.0
    """
    return pd.Series(_compute(data, "modal_tertimbang"), index=data.index, name="modal_tertimbang")


def risk_weighted_assets(data: pd.DataFrame) -> pd.Series:
    """ATMR per cooperative, computed from its items (rupiah); see :func:`weighted_capital`.

    Examples
    --------
    >>> row = pd.DataFrame({"kas": [50], "bank": [70], "pinjaman_anggota": [1000],
    ...                     "pinjaman_non_anggota": [0], "aktiva_tetap": [300],
    ...                     "penempatan_dana": [15]})
    >>> float(risk_weighted_assets(row).iloc[0])  # 0 + 0 + 1000 + 70 % × 300 + 20 % × 15
    1213.0
    """
    return pd.Series(_compute(data, "atmr"), index=data.index, name="atmr")


def fill_weighted(data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with empty ``modal_tertimbang`` / ``atmr`` computed from their items.

    Returns ``data`` itself when nothing needs computing (no copy), else a shallow
    copy with the two columns replaced; the caller's table is never modified.

    Examples
    --------
    >>> row = pd.DataFrame({"modal_tertimbang": [pd.NA], "simpanan_pokok": [100],
    ...                     "simpanan_wajib": [0], "modal_sumbangan": [10]})
    >>> fill_weighted(row)["modal_tertimbang"].tolist()
    [110.0]
    """
    out = data
    for figure in FIGURES:
        given = data.get(figure)
        if given is not None and not given.isna().any():
            continue
        computed = _compute(data, figure)
        if given is None:
            values = computed  # the column is created even if empty: CAR not assessable
        else:
            values = given.to_numpy(dtype="float64", na_value=np.nan)
            values = np.where(np.isnan(values), computed, values)
        if out is data:
            out = data.copy(deep=False)
        out[figure] = values
    return out


def weighted_items(data: pd.DataFrame, figure: str, i: int) -> list[tuple[WeightedItem, float]]:
    """Row position ``i``'s items of ``figure`` with their amounts (NaN = empty).

    Examples
    --------
    >>> row = pd.DataFrame({"kas": [50], "aktiva_tetap": [300]})
    >>> [(it.name, v) for it, v in weighted_items(row, "atmr", 0)][-1]
    ('Aktiva tetap (bersih)', 300.0)
    """
    out = []
    for item in _items(figure):
        v = data[item.column].iloc[i] if item.column in data else np.nan
        out.append((item, np.nan if pd.isna(v) else float(v)))
    return out
