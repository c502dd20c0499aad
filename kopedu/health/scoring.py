"""Score one cooperative or a million, vectorised: ratio → nilai → skor → category.

For each component of a :class:`~kopedu.health.ruleset.RuleSet` the ratio is
``numerator ÷ denominator × 100`` over the input columns, looked up in the chosen
reading (bracket table or linear rule) to get its **nilai** (0–100); the **skor** is
``nilai × bobot ÷ 100``. Aspect scores are sums of their skor; the total is the sum
over all aspects and gives the category.

A ratio that cannot be computed is **never** turned into 0 or into the best bracket
silently. Each component carries a status code (:data:`STATUS`): missing data, a zero
or negative denominator give "tidak dapat dinilai" with the reason; where a rule set
says otherwise (cadangan/RPM when RPM = 0 → full marks; ROE with negative equity →
lowest bracket) the status records it, and the trace says so. When components are not
assessable the total is a lower bound; the category is given only if it is the same
whatever the missing components would score, otherwise it is "Tidak dapat dinilai".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kopedu.health.engine import NOT_ASSESSABLE, STATUS, category_codes, labels, run
from kopedu.health.options import OptionsError, ScoringOptions
from kopedu.health.ruleset import RuleSet, load_rules
from kopedu.health.weighted import fill_weighted

__all__ = [
    "NOT_ASSESSABLE",
    "STATUS",
    "HealthScores",
    "OptionsError",
    "ScoringOptions",
    "category_of",
    "score",
    "score_one",
]


def category_of(total: np.ndarray | float, rules: RuleSet | None = None) -> np.ndarray:
    """Category label for total scores (≥ 80 Sehat, ≥ 66 Cukup Sehat, ≥ 51 Dalam Pengawasan).

    A total within 5e-7 below a threshold counts as reaching it, so that float noise
    (79.99999999) does not drop a cooperative a category. NaN gives "Tidak dapat dinilai".

    Examples
    --------
    >>> category_of(np.array([80.0, 79.99, 66.0, 51.0, 50.99])).tolist()
    ['Sehat', 'Cukup Sehat', 'Cukup Sehat', 'Dalam Pengawasan', 'Dalam Pengawasan Khusus']
    """
    rules = rules or load_rules()
    names = np.array(labels(rules), dtype=object)
    return names[category_codes(np.atleast_1d(np.asarray(total, dtype=float)), rules)]


@dataclass(frozen=True)
class HealthScores:
    """Scores of one or many cooperatives (one row per cooperative, same index as the input).

    Attributes
    ----------
    data : DataFrame
        The input table (not copied, never modified).
    rules, options
        The rule set and readings used.
    ratio, nilai, skor : DataFrame
        One column per component id; NaN where not assessable. ``ratio`` is the ratio
        as computed (before any rounding convention), ``skor`` = nilai × bobot ÷ 100.
    bracket : DataFrame
        Index of the bracket hit in the reading's table (sorted), -2 for a linear
        reading, -1 when not assessed.
    status : DataFrame
        Status code per component (see :data:`STATUS`).
    aspect_skor : DataFrame
        Sum of assessed skor per aspect (one column per aspect id).
    aspects : DataFrame
        Per aspect: ``skor_<aspek>``, ``persen_<aspek>`` (skor ÷ bobot × 100, NaN if
        incomplete) and ``predikat_<aspek>``.
    total : DataFrame
        ``skor_total`` (sum of assessed skor), ``bobot_tidak_dinilai``,
        ``komponen_tidak_dinilai``, ``kategori_terendah``, ``kategori_tertinggi`` and
        ``kategori``.
    overrides : mapping
        Ratios set by hand (what-if), component id → ratio (%).
    """

    data: pd.DataFrame
    rules: RuleSet
    options: ScoringOptions
    ratio: pd.DataFrame
    nilai: pd.DataFrame
    skor: pd.DataFrame
    bracket: pd.DataFrame
    status: pd.DataFrame
    aspect_skor: pd.DataFrame
    aspects: pd.DataFrame
    total: pd.DataFrame
    overrides: Mapping[str, float] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.total)

    def summary(self) -> pd.DataFrame:
        """Identity columns (if present), total, category and what could not be assessed.

        Examples
        --------
        >>> from kopedu.health.inputs import example_inputs
        >>> s = score(example_inputs()).summary()
        >>> list(s.columns)[:3]
        ['kode', 'nama_koperasi', 'wilayah']
        """
        ident = [c for c in ("kode", "nama_koperasi", "wilayah", "tahun_buku") if c in self.data]
        cols = ["skor_total", "kategori", "komponen_tidak_dinilai"]
        return pd.concat([self.data[ident], self.total[cols]], axis=1)

    def components(self, i: int = 0) -> pd.DataFrame:
        """One cooperative's components as a table (row position ``i``).

        Examples
        --------
        >>> from kopedu.health.inputs import example_inputs
        >>> t = score(example_inputs()).components(1)
        >>> t.sort_values("skor_hilang", ascending=False)["kode"].iloc[0]
        '5a'
        """
        from kopedu.health.trace import component_table

        return component_table(self, i)

    def trace(self, i: int = 0, aspek: str | None = None) -> str:
        """A readable calculation trace for row position ``i`` (Bahasa Indonesia);
        ``aspek`` limits it to one aspect (e.g. ``"likuiditas"``).

        Examples
        --------
        >>> from kopedu.health.inputs import example_inputs
        >>> print(score(example_inputs()).trace(0).splitlines()[-1])
        Kategori: Sehat
        """
        from kopedu.health.trace import explain

        return explain(self, i, aspek)


def score(
    data: pd.DataFrame | Mapping[str, float],
    rules: str | RuleSet = "perdep_06_2016",
    options: ScoringOptions | None = None,
    *,
    ratios: Mapping[str, float] | None = None,
) -> HealthScores:
    """Score cooperatives from a flat table of balance-sheet, income and loan items.

    Parameters
    ----------
    data : DataFrame or mapping
        One row per cooperative, columns as in :func:`~kopedu.health.inputs.health_template`
        (a mapping is one cooperative). Not modified. An empty ``modal_tertimbang`` or
        ``atmr`` is computed from the balance-sheet items
        (:func:`~kopedu.health.weighted.fill_weighted`).
    rules : str or RuleSet
        ``"perdep_06_2016"`` (default) or ``"perdep_07_2016"`` (syariah).
    options : ScoringOptions, optional
        Readings for the points where sources conflict; the defaults otherwise.
    ratios : mapping of component id → ratio (%), optional
        Use these ratios instead of computing them (for what-if questions).

    Returns
    -------
    HealthScores

    Raises
    ------
    DataValidationError
        If columns the rule set needs are missing or hold text.

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> res = score(example_inputs())
    >>> res.total.loc[0, "kategori"]
    'Sehat'
    """
    if isinstance(data, Mapping):
        data = pd.DataFrame([dict(data)])
    rules = load_rules(rules) if isinstance(rules, str) else rules
    opts = options or ScoringOptions()
    opts.check(rules)
    ratios = dict(ratios or {})
    for cid in ratios:
        rules.component(cid)
    needed = rules.input_columns()
    filled = fill_weighted(data) if {"modal_tertimbang", "atmr"} & set(needed) else data
    return HealthScores(data, rules, opts, **run(filled, rules, opts, ratios), overrides=ratios)


def score_one(
    values: Mapping[str, float],
    rules: str | RuleSet = "perdep_06_2016",
    options: ScoringOptions | None = None,
) -> HealthScores:
    """Score a single cooperative given as a mapping of input column → amount.

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> one = example_inputs().iloc[0].to_dict()
    >>> float(score_one(one).total["skor_total"].iloc[0]) > 80
    True
    """
    return score(pd.DataFrame([dict(values)]), rules, options)
