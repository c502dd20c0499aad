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
from functools import lru_cache
from types import MappingProxyType

import numpy as np
import pandas as pd

from kopedu.errors import DataValidationError, KopeduError, Problem
from kopedu.health.brackets import CompiledTable, compile_reading, lookup
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

#: Category label when the total cannot decide the category.
NOT_ASSESSABLE = "Tidak dapat dinilai"

OK, MISSING, ZERO, ZERO_FULL, NEGATIVE, NEGATIVE_LOWEST, QUESTIONNAIRE_EMPTY = range(7)
#: Status code → (assessed?, reason template). ``{penyebut}`` is the denominator's name.
STATUS: Mapping[int, tuple[bool, str]] = MappingProxyType(
    {
        OK: (True, ""),
        MISSING: (False, "tidak dapat dinilai: data {kosong} kosong"),
        ZERO: (False, "tidak dapat dinilai: {penyebut} = 0, rasio tidak terdefinisi"),
        ZERO_FULL: (True, "{penyebut} = 0: diberi nilai penuh (bacaan umum, belum dikonfirmasi)"),
        NEGATIVE: (False, "tidak dapat dinilai: {penyebut} negatif, rasio tidak bermakna"),
        NEGATIVE_LOWEST: (True, "{penyebut} negatif: diberi nilai rentang terendah"),
        QUESTIONNAIRE_EMPTY: (True, "jawaban kuesioner kosong: dihitung 0 jawaban ya"),
    }
)
_POLICY_ZERO = {"tidak_dapat_dinilai": ZERO, "nilai_penuh": ZERO_FULL}
_POLICY_NEG = {"tidak_dapat_dinilai": NEGATIVE, "terendah": NEGATIVE_LOWEST}
_FORCE_DPK = "faktor_pengawasan_khusus"


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


@lru_cache(maxsize=256)
def _compiled(reading: Reading, integer_bounds: tuple[float, ...]) -> CompiledTable:
    return compile_reading(reading, integer_bounds)


def _columns(data: pd.DataFrame, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    problems = []
    out: dict[str, np.ndarray] = {}
    for name in names:
        if name not in data.columns:
            problems.append(
                Problem(
                    "<tabel>", None, name, "kolom wajib ini tidak ada", "lihat health_template()"
                )
            )
            continue
        try:
            out[name] = data[name].to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError):
            problems.append(
                Problem(
                    "<tabel>",
                    None,
                    name,
                    "kolom ini memuat teks, bukan angka",
                    "baca berkas dengan read_health_inputs() agar angka diperiksa",
                )
            )
    if problems:
        raise DataValidationError("<tabel>", problems)
    return out


def _quantity(rules: RuleSet, cols: Mapping[str, np.ndarray], term: str | float, n: int):
    if not isinstance(term, str):
        return np.full(n, float(term))
    if term not in rules.quantities:
        return cols[term]
    total = None
    for col, coef in rules.quantities[term][1].items():
        part = cols[col] if coef == 1 else cols[col] * coef
        total = part if total is None else total + part
    return total


def _term_name(rules: RuleSet, term: str | float) -> str:
    if not isinstance(term, str):
        return f"{term:g}"
    return rules.quantities[term][0] if term in rules.quantities else term.replace("_", " ")


def _score_component(
    comp: Component,
    rules: RuleSet,
    opts: ScoringOptions,
    cols: Mapping[str, np.ndarray],
    n: int,
    override: float | None = None,
) -> tuple[np.ndarray, ...]:
    if override is not None:
        # What-if: the trainee sets the ratio itself; it is then assessable by definition.
        ratio = np.full(n, float(override))
        num = den = np.ones(n)
    else:
        num = _quantity(rules, cols, comp.numerator, n)
        den = _quantity(rules, cols, comp.denominator, n)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = num / den * 100.0
    zero = _POLICY_ZERO[opts.penyebut_nol.get(comp.id, comp.on_zero)]
    neg = _POLICY_NEG[opts.penyebut_negatif.get(comp.id, comp.on_negative)]
    if comp.questionnaire and override is None:
        empty = np.isnan(num)
        ratio = np.where(empty, 0.0, ratio)
        status = np.where(empty, QUESTIONNAIRE_EMPTY, OK).astype(np.int8)
    else:
        missing = np.isnan(num) | np.isnan(den)
        status = np.select([missing, den == 0, den < 0], [MISSING, zero, neg], OK).astype(np.int8)
        ratio = np.where(status == OK, ratio, np.nan)
    reading = opts.reading(comp)
    if reading.linear is not None:
        lin = reading.linear
        nilai = np.clip(lin.titik_potong + lin.kemiringan * ratio, lin.min, lin.max)
        idx = np.where(np.isnan(ratio), -1, -2).astype(np.int8)
    else:
        bounds = comp.integer_bounds if opts.batas == "bulat" else ()
        idx, nilai = lookup(_compiled(reading, bounds), ratio)
    if (status == ZERO_FULL).any():
        nilai = np.where(status == ZERO_FULL, reading.nilai_max, nilai)
    if (status == NEGATIVE_LOWEST).any():
        nilai = np.where(status == NEGATIVE_LOWEST, reading.nilai_min, nilai)
    skor = nilai * (comp.weight / 100.0)
    return ratio, nilai, skor, idx, status


def category_of(total: np.ndarray | float, rules: RuleSet | None = None) -> np.ndarray:
    """Category label for total scores (≥ 80 Sehat, ≥ 66 Cukup Sehat, ≥ 51 Dalam Pengawasan).

    Totals are rounded to 6 decimals first so that float noise (79.99999999) does not
    drop a cooperative a category. NaN gives "Tidak dapat dinilai".

    Examples
    --------
    >>> category_of(np.array([80.0, 79.99, 66.0, 51.0, 50.99])).tolist()
    ['Sehat', 'Cukup Sehat', 'Cukup Sehat', 'Dalam Pengawasan', 'Dalam Pengawasan Khusus']
    """
    rules = rules or load_rules()
    labels = np.array(_labels(rules), dtype=object)
    return labels[_category_codes(np.atleast_1d(np.asarray(total, dtype=float)), rules)]


def _labels(rules: RuleSet) -> list[str]:
    return [k.label for k in rules.categories] + [NOT_ASSESSABLE]


def _category_codes(x: np.ndarray, rules: RuleSet) -> np.ndarray:
    """Position in ``_labels(rules)`` (best first) for each total; NaN → last."""
    mins = np.array([k.min for k in rules.categories])  # descending, last -inf
    thresholds = mins[-2::-1]  # ascending finite thresholds
    idx = np.searchsorted(thresholds, np.round(x, 6), side="right")
    codes = len(thresholds) - idx
    return np.where(np.isnan(x), len(mins), codes).astype(np.int8)


def _categorical(codes: np.ndarray, rules: RuleSet) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=_labels(rules), ordered=True)


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
        One column per component id; NaN where not assessable.
    bracket : DataFrame
        Index of the bracket hit in the reading's table (sorted), -2 for a linear
        reading, -1 when not assessed.
    status : DataFrame
        Status code per component (see :data:`STATUS`).
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
    ratio: pd.DataFrame
    nilai: pd.DataFrame
    skor: pd.DataFrame
    bracket: pd.DataFrame
    status: pd.DataFrame
    aspects: pd.DataFrame
    total: pd.DataFrame

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
        """One cooperative's components as a table (row position ``i``)."""
        from kopedu.health.trace import component_table

        return component_table(self, i)

    def trace(self, i: int = 0) -> str:
        """A readable calculation trace for row position ``i`` (Bahasa Indonesia)."""
        from kopedu.health.trace import explain

        return explain(self, i)


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
    n = len(data)
    cols = _columns(data, rules.input_columns())
    parts: dict[str, dict[str, np.ndarray]] = {k: {} for k in ("r", "n", "s", "b", "t")}
    for comp in rules.components:
        r, nl, s, b, t = _score_component(comp, rules, opts, cols, n, ratios.get(comp.id))
        for key, arr in zip("rnsbt", (r, nl, s, b, t), strict=True):
            parts[key][comp.id] = arr
    idx = data.index
    frames = {k: pd.DataFrame(v, index=idx, copy=False) for k, v in parts.items()}
    assessed = {c: np.asarray([STATUS[k][0] for k in range(7)])[parts["t"][c]] for c in parts["t"]}

    aspects: dict[str, np.ndarray] = {}
    total = np.zeros(n)
    missing_w = np.zeros(n)
    missing_n = np.zeros(n, dtype=np.int8)
    for a in rules.aspects:
        s = np.zeros(n)
        gap = np.zeros(n)
        for c in a.components:
            ok = assessed[c.id]
            s += np.where(ok, parts["s"][c.id], 0.0)
            gap += np.where(ok, 0.0, c.weight)
            missing_n += ~ok
        aspects[f"skor_{a.id}"] = s
        pct = np.where(gap == 0, s / a.weight * 100.0, np.nan)
        aspects[f"persen_{a.id}"] = pct
        aspects[f"predikat_{a.id}"] = _categorical(_category_codes(pct, rules), rules)
        total += s
        missing_w += gap
    low = _category_codes(total, rules)
    high = _category_codes(total + missing_w, rules)
    cat = np.where(low == high, low, len(rules.categories)).astype(np.int8)
    if _FORCE_DPK in data.columns:
        force = data[_FORCE_DPK].fillna(False).to_numpy(dtype=bool)
        cat = np.where(force, len(rules.categories) - 1, cat).astype(np.int8)
    tot = pd.DataFrame(
        {
            "skor_total": total,
            "bobot_tidak_dinilai": missing_w,
            "komponen_tidak_dinilai": missing_n,
            "kategori_terendah": _categorical(low, rules),
            "kategori_tertinggi": _categorical(high, rules),
            "kategori": _categorical(cat, rules),
        },
        index=idx,
    )
    asp = pd.DataFrame(aspects, index=idx)
    return HealthScores(
        data, rules, opts, frames["r"], frames["n"], frames["s"], frames["b"], frames["t"], asp, tot
    )


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
