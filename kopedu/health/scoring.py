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
from functools import cached_property
from types import MappingProxyType

import numpy as np
import pandas as pd

from kopedu.errors import KopeduError
from kopedu.health.engine import (
    _POLICY_NEG,
    _POLICY_ZERO,
    NOT_ASSESSABLE,
    STATUS,
    _aspects,
    _category_codes,
    _labels,
    _run,
)
from kopedu.health.ruleset import Component, Reading, RuleSet, load_rules

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


class OptionsError(KopeduError, ValueError):
    """A scoring option names an unknown component, reading or policy."""


@dataclass(frozen=True, slots=True)
class ScoringOptions:
    """Which reading to use where the sources conflict (defaults: the rule set's).

    Parameters
    ----------
    batas : {"bulat", "kontinu"}
        Integer-written ranges ("61–80", "81–100"): ``"bulat"`` puts the gap
        80 < x < 81 in the lower range (as KPRI Adi Dharma did); ``"kontinu"`` keeps
        the boundary at 80.
    bacaan : mapping of component id → reading name
        E.g. ``{"rpm": "linear", "cadangan_rpm": "linear"}``.
    penyebut_nol : mapping of component id → policy
        ``"tidak_dapat_dinilai"`` or ``"nilai_penuh"`` when the denominator is 0.
    penyebut_negatif : mapping of component id → policy
        ``"tidak_dapat_dinilai"`` or ``"terendah"`` when the denominator is negative.

    Examples
    --------
    >>> ScoringOptions(bacaan={"rpm": "linear"}).bacaan["rpm"]
    'linear'
    """

    batas: str = "bulat"
    bacaan: Mapping[str, str] = field(default_factory=dict)
    penyebut_nol: Mapping[str, str] = field(default_factory=dict)
    penyebut_negatif: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.batas not in ("bulat", "kontinu"):
            raise OptionsError(f"batas={self.batas!r} tidak dikenal; pilih 'bulat' atau 'kontinu'.")
        for name in ("bacaan", "penyebut_nol", "penyebut_negatif"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def reading(self, comp: Component) -> Reading:
        """The reading used for ``comp``."""
        name = self.bacaan.get(comp.id, comp.default_reading)
        if name not in comp.readings:
            raise OptionsError(
                f"Bacaan {name!r} tidak ada untuk komponen {comp.id}; "
                f"pilihan: {', '.join(comp.readings)}."
            )
        return comp.readings[name]

    def check(self, rules: RuleSet) -> None:
        """Raise :class:`OptionsError` if an option names something ``rules`` lacks."""
        ids = {c.id for c in rules.components}
        for name in ("bacaan", "penyebut_nol", "penyebut_negatif"):
            unknown = set(getattr(self, name)) - ids
            if unknown:
                raise OptionsError(
                    f"{name}: komponen {', '.join(sorted(unknown))} tidak ada di {rules.id}."
                )
        for comp in rules.components:
            self.reading(comp)
        for cid, p in self.penyebut_nol.items():
            if p not in _POLICY_ZERO:
                raise OptionsError(f"penyebut_nol[{cid!r}]={p!r}; pilih {', '.join(_POLICY_ZERO)}.")
        for cid, p in self.penyebut_negatif.items():
            if p not in _POLICY_NEG:
                raise OptionsError(
                    f"penyebut_negatif[{cid!r}]={p!r}; pilih {', '.join(_POLICY_NEG)}."
                )


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
    labels = np.array(_labels(rules), dtype=object)
    return labels[_category_codes(np.atleast_1d(np.asarray(total, dtype=float)), rules)]


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
        One column per component id; NaN where not assessable. Computed from
        ``data`` on first access (so ``data`` must not be changed in place meanwhile).
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
    """

    data: pd.DataFrame
    rules: RuleSet
    options: ScoringOptions
    bracket: pd.DataFrame
    status: pd.DataFrame
    aspect_skor: pd.DataFrame
    total: pd.DataFrame
    overrides: Mapping[str, float] = field(default_factory=dict)

    @cached_property
    def aspects(self) -> pd.DataFrame:
        """Per aspect: ``skor_<aspek>``, ``persen_<aspek>`` and ``predikat_<aspek>``."""
        return _aspects(self)

    def __len__(self) -> int:
        return len(self.total)

    @cached_property
    def _detail(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        # Ratio and nilai per component are recomputed from ``data`` on first use
        # rather than kept by score(): at a million rows they are 350 MB that a
        # regional summary never reads. kopedu never modifies ``data``.
        out = _run(self.data, self.rules, self.options, self.overrides, detail=True)
        return out["ratio"], out["nilai"]

    @cached_property
    def ratio(self) -> pd.DataFrame:
        """Ratio (%) per component; NaN where not assessable."""
        return self._detail[0]

    @cached_property
    def nilai(self) -> pd.DataFrame:
        """nilai (0–100) per component; NaN where not assessable."""
        return self._detail[1]

    @cached_property
    def skor(self) -> pd.DataFrame:
        """skor = nilai × bobot ÷ 100 per component (computed on first use)."""
        weights = np.array([c.weight for c in self.rules.components]) / 100.0
        return self.nilai * weights

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
        (a mapping is one cooperative). Not modified.
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
    return HealthScores(data, rules, opts, **_run(data, rules, opts, ratios), overrides=ratios)


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
