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

from kopedu.display import Text, declare
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
    "lookup_nilai",
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

    def aspect_table(self, i: int = 0) -> pd.DataFrame:
        """One cooperative's aspects (row position ``i``): weight, skor, percent, predicate.

        ``persen`` = skor ÷ bobot × 100 (empty when a component of the aspect could not be
        assessed); ``predikat`` is the aspect's own category. Shown by ``kp.table`` with
        two decimals for the skor and the percent as a percent.

        Examples
        --------
        >>> from kopedu.health.inputs import example_inputs
        >>> t = score(example_inputs()).aspect_table(1)
        >>> t["skor"].round(2).tolist()
        [10.5, 12.75, 9.4, 5.5, 7.5, 1.5, 5.0]
        """
        from kopedu.display import declare

        weights = [a.weight for a in self.rules.aspects]
        whole = all(float(w).is_integer() for w in weights)
        row = self.aspects.iloc[i]
        table = pd.DataFrame(
            {
                "aspek": [a.name for a in self.rules.aspects],
                "bobot": [int(w) for w in weights] if whole else weights,
                "skor": [float(row[f"skor_{a.id}"]) for a in self.rules.aspects],
                "persen": [float(row[f"persen_{a.id}"]) for a in self.rules.aspects],
                "predikat": [row[f"predikat_{a.id}"] for a in self.rules.aspects],
            }
        )
        return declare(table, kinds={"persen": "percent_points"}, decimals={"skor": 2})

    def trace(self, i: int = 0, aspek: str | None = None, *, komponen: str | None = None) -> Text:
        """A readable calculation trace for row position ``i`` (Bahasa Indonesia).

        ``aspek`` limits it to one aspect (e.g. ``"likuiditas"``), ``komponen`` to one
        component (its id, e.g. ``"car"``, or its code, ``"1c"``). A notebook shows the
        result as text.

        Examples
        --------
        >>> from kopedu.health.inputs import example_inputs
        >>> print(score(example_inputs()).trace(0).splitlines()[-1])
        Kategori: Sehat
        >>> print(score(example_inputs()).trace(0, komponen="5a").splitlines()[0])
        5a Rasio kas (kas dan bank terhadap kewajiban lancar) (bobot 10)
        """
        from kopedu.health.trace import explain

        return Text(explain(self, i, aspek, komponen=komponen))


def lookup_nilai(
    komponen: str,
    rasio: float,
    rules: str | RuleSet = "perdep_06_2016",
    options: ScoringOptions | None = None,
) -> float:
    """The nilai a ratio (%) gets for one component, under the rule set and options.

    The same lookup as :func:`score` (reading, integer boundaries, rounding convention),
    for a ratio given by hand — to see where a boundary case falls.

    Parameters
    ----------
    komponen : str
        Component id (``"ms_ta"``) or code (``"1a"``).
    rasio : float
        The ratio in percent.
    rules : str or RuleSet
    options : ScoringOptions, optional

    Examples
    --------
    >>> kontinu = ScoringOptions(batas="kontinu")
    >>> lookup_nilai("ms_ta", 80.985), lookup_nilai("1a", 80.985, options=kontinu)
    (50.0, 25.0)
    >>> ke_atas = ScoringOptions(pembulatan="rasio_ke_atas")
    >>> lookup_nilai("beban_operasi_pb", 89.2), lookup_nilai("4a", 89.2, options=ke_atas)
    (100.0, 75.0)
    """
    from kopedu.health.engine import nilai_for

    rules = load_rules(rules) if isinstance(rules, str) else rules
    opts = options or ScoringOptions()
    opts.check(rules)
    return nilai_for(rules, opts, rules.find(komponen), float(rasio))


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
    tables = run(filled, rules, opts, ratios)
    declare(tables["total"], decimals={"skor_total": 2})
    return HealthScores(data, rules, opts, **tables, overrides=ratios)


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
