"""WOCCU PEARLS: the international view of the same balance sheet.

PEARLS gives ratios with goals ("excellence"), not a composite score. kopedu computes
the ratios whose items are in the input template (E1, E5–E8, A1, R9, R12) and checks
them against their goals; the other rows are listed for reference by
:func:`pearls_goals`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import yaml

__all__ = ["pearls", "pearls_check", "pearls_goals", "pearls_summary"]


@cache
def _rows() -> tuple[dict[str, Any], ...]:
    path = resources.files("kopedu.health").joinpath("rules", "pearls.yaml")
    with path.open(encoding="utf-8") as fh:
        return tuple(yaml.safe_load(fh)["rasio"])


def _goal_text(t: dict[str, Any]) -> str:
    if "min" in t:
        return f"≥ {t['min']:g} %"
    if "maks" in t:
        return f"≤ {t['maks']:g} %"
    if "antara" in t:
        lo, hi = t["antara"]
        return f"{lo:g}–{hi:g} %"
    return str(t.get("teks", ""))


def pearls_goals() -> pd.DataFrame:
    """Every PEARLS row with its goal, source and confidence.

    ``dihitung`` marks the ones kopedu computes from the input template.

    Examples
    --------
    >>> g = pearls_goals()
    >>> g.set_index("kode").loc["E8", "target"]
    '≥ 10 %'
    """
    return pd.DataFrame(
        [
            {
                "kode": r["kode"],
                "nama": r["nama"],
                "target": _goal_text(r["target"]),
                "dihitung": "pembilang" in r,
                "catatan": r.get("catatan", ""),
                "sumber": r["sumber"],
                "keyakinan": r["keyakinan"],
            }
            for r in _rows()
        ]
    )


def _sum(data: pd.DataFrame, terms: dict[str, float]) -> np.ndarray:
    total = np.zeros(len(data))
    for col, coef in terms.items():
        if col not in data:
            return np.full(len(data), np.nan)
        total = total + coef * data[col].to_numpy(dtype=float, na_value=np.nan)
    return total


def pearls(data: pd.DataFrame) -> pd.DataFrame:
    """PEARLS ratios (%) that the template supports, one column per code.

    A zero denominator or a missing item gives NaN (never 0).

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> round(float(pearls(example_inputs()).loc[0, "E7"]), 1)
    30.0
    """
    out = {}
    for r in _rows():
        if "pembilang" not in r:
            continue
        num, den = _sum(data, r["pembilang"]), _sum(data, r["penyebut"])
        with np.errstate(divide="ignore", invalid="ignore"):
            out[r["kode"]] = np.where(den > 0, num / den * 100.0, np.nan)
    return pd.DataFrame(out, index=data.index)


def pearls_check(data: pd.DataFrame) -> pd.DataFrame:
    """Whether each computed PEARLS ratio meets its goal.

    ``<NA>`` if the ratio is not computable or the goal is text only.

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> bool(pearls_check(example_inputs()).loc[0, "E1"])
    True
    """
    ratios = pearls(data)
    out = {}
    for r in _rows():
        code = r["kode"]
        if code not in ratios:
            continue
        x, t = ratios[code], r["target"]
        if "min" in t:
            ok = x >= t["min"]
        elif "maks" in t:
            ok = x <= t["maks"]
        elif "antara" in t:
            ok = (x >= t["antara"][0]) & (x <= t["antara"][1])
        else:
            ok = pd.Series(pd.NA, index=x.index)
        out[code] = pd.Series(ok, index=x.index, dtype="boolean").mask(x.isna())
    return pd.DataFrame(out, index=data.index)


def pearls_summary(data: pd.DataFrame, i: int = 0) -> pd.DataFrame:
    """One cooperative's computed PEARLS ratios (row position ``i``) beside their goals.

    Columns ``kode``, ``nama``, ``rasio`` (%), ``sasaran`` (the goal as text) and
    ``memenuhi`` (whether the goal is met; empty when it cannot be decided).

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> t = pearls_summary(example_inputs(), 0).set_index("kode")
    >>> t.loc["E8", "sasaran"], bool(t.loc["E8", "memenuhi"])
    ('≥ 10 %', False)
    """
    from kopedu.display import declare

    ratios, met = pearls(data).iloc[i], pearls_check(data).iloc[i]
    goals = pearls_goals().set_index("kode")
    codes = list(ratios.index)
    table = pd.DataFrame(
        {
            "kode": codes,
            "nama": [goals.loc[k, "nama"] for k in codes],
            "rasio": [float(ratios[k]) for k in codes],
            "sasaran": [goals.loc[k, "target"] for k in codes],
            "memenuhi": pd.array([met[k] for k in codes], dtype="boolean"),
        }
    )
    return declare(table, kinds={"rasio": "percent_points", "memenuhi": "bool"})
