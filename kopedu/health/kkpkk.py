"""The 2021 worksheet (KKPKK, Permenkop 9/2020 + Juknis Deputi 15/2021).

The rule set ``kkpkk_2021`` (``rules/kkpkk_2021.yaml``) scores a cooperative with the
ordinary engine: ``kp.health.score(data, "kkpkk_2021")`` — four aspects weighted 30 / 15
/ 40 / 15, 60 indicators (17 tata kelola, 21 profil risiko, 18 kinerja keuangan, 4
permodalan), categories 80 / 66 / 51. This module gives the worksheet's own view of it:
the indicator list, the rating of single values with any table (nilai kredit 1–4, skor
4–1, predikat) and the aspect percentage from indicator scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from kopedu.health.brackets import compile_reading, lookup
from kopedu.health.ruleset import Bracket, Reading, RulesError, load_rules, raw_rules

__all__ = ["kkpkk_aspect", "kkpkk_indicators", "kkpkk_rate", "kkpkk_rules"]

RULES = "kkpkk_2021"
#: The aggregation and where it comes from (shown with every aspect percentage).
METHOD = (
    "persen aspek = jumlah skor ÷ (4 × jumlah indikator) × 100 "
    "(S3 sidaku_project; sejalan dengan bunyi Juknis 15/2021 yang dikutip S2; keyakinan M)"
)


@cache
def kkpkk_rules() -> dict[str, Any]:
    """The KKPKK 2021 rule file as plain data.

    Examples
    --------
    >>> [a["nama"] for a in kkpkk_rules()["aspek"]]
    ['Tata Kelola', 'Profil Risiko', 'Kinerja Keuangan', 'Permodalan']
    """
    return raw_rules(RULES)


def kkpkk_indicators() -> pd.DataFrame:
    """Aspects and indicators of the worksheet with weight, items, source and confidence.

    ``butir`` is the number of items of a qualitative indicator (``NaN`` for a ratio;
    ``None`` when it is an input, as for the KPMR).

    Examples
    --------
    >>> ind = kkpkk_indicators()
    >>> ind.groupby("aspek", sort=False).size().tolist()
    [17, 21, 18, 4]
    """
    rules = load_rules(RULES)
    rows = []
    for a in rules.aspects:
        for c in a.components:
            qualitative = "kualitatif" in c.readings
            rows.append(
                {
                    "aspek": a.name,
                    "bobot_aspek": a.weight,
                    "indikator": c.id,
                    "kode": c.code,
                    "nama": c.name,
                    "jenis": "kualitatif" if qualitative else "rasio",
                    "butir": (
                        (None if isinstance(c.denominator, str) else c.denominator)
                        if qualitative
                        else np.nan
                    ),
                    "sumber": c.source,
                    "keyakinan": c.confidence,
                }
            )
    return pd.DataFrame(rows)


def _reading(table: str) -> tuple[Reading, tuple[float, ...]]:
    """A table by indicator id, ``"kualitatif"``, or an extra table (npm, biaya pembinaan)."""
    rules = load_rules(RULES)
    extra = kkpkk_rules().get("tabel_tambahan", {})
    if table == "kualitatif":
        comp = rules.component("tk_keanggotaan")
        return comp.readings["kualitatif"], comp.integer_bounds
    if table in extra:
        t = extra[table]
        brackets = tuple(Bracket.parse(i, v) for i, v in t["kurung"])
        return Reading(table, t["sumber"], t["keyakinan"], t["keterangan"], brackets), ()
    ids = [c.id for c in rules.components]
    if table not in ids:
        known = ", ".join(["kualitatif", *extra, *ids])
        raise RulesError(f"Tabel KKPKK {table!r} tidak dikenal. Pilihan: {known}.")
    comp = rules.component(table)
    return comp.readings[comp.default_reading], comp.integer_bounds


def kkpkk_rate(
    table: str, values: Sequence[float] | np.ndarray | pd.Series, *, batas: str = "bulat"
) -> pd.DataFrame:
    """Rate values (%) with one worksheet table: nilai kredit (1 = Sehat), predikat, skor.

    ``table`` is an indicator id (``"kk_roa"`` …), ``"kualitatif"`` (share of items
    fulfilled) or an extra table not in the scored worksheet (``"npm"``,
    ``"biaya_pembinaan_shu"``).

    Examples
    --------
    >>> kkpkk_rate("kualitatif", [80, 60, 30, 10])["skor"].tolist()
    [4, 3, 2, 1]
    >>> kkpkk_rate("kk_pertumbuhan_shu", [0.5, 5])["predikat"].tolist()
    ['Tidak Sehat', 'Sehat']
    """
    reading, bounds = _reading(table)
    x = np.asarray(values, dtype=float)
    _, nilai = lookup(compile_reading(reading, bounds if batas == "bulat" else ()), x)
    scale = {r["skor"]: r for r in kkpkk_rules()["peringkat"]}
    skor = pd.array(np.where(np.isnan(nilai), np.nan, nilai / 25), dtype="Int64")
    rank = pd.array([pd.NA if s is pd.NA else scale[s]["peringkat"] for s in skor], dtype="Int64")
    pred = pd.array([pd.NA if s is pd.NA else scale[s]["predikat"] for s in skor], dtype="string")
    index = values.index if isinstance(values, pd.Series) else None
    return pd.DataFrame(
        {"rasio": x, "peringkat": rank, "predikat": pred, "skor": skor}, index=index
    )


def kkpkk_aspect(skor: Sequence[float] | np.ndarray) -> dict[str, Any]:
    """Aspect percentage and category from indicator skor (1–4).

    ``persen = Σ skor ÷ (4 × n) × 100`` with the 80 / 66 / 51 cut-offs; the result
    names the method and its sources (``catatan``).

    Examples
    --------
    >>> out = kkpkk_aspect([4, 3, 4, 2])
    >>> out["persen"], out["kategori"]
    (81.25, 'Sehat')
    """
    from kopedu.health.engine import category_codes, labels

    s = np.asarray(skor, dtype=float)
    if s.size == 0 or np.isnan(s).any():
        return {"persen": float("nan"), "kategori": "Tidak dapat dinilai", "catatan": METHOD}
    pct = float(s.sum() / (4 * s.size) * 100)
    rules = load_rules(RULES)
    code = int(category_codes(np.array([pct]), rules)[0])
    return {"persen": pct, "kategori": labels(rules)[code], "catatan": METHOD}
