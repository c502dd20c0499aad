"""The scoring kernel behind :func:`kopedu.health.scoring.score`.

One pass per component over row chunks: the ratio goes into a reused buffer, the
bracket index (int8) and status (int8) into compact blocks, and nilai × bobot ÷ 100 is
added to the aspect sums. Fresh memory is avoided on purpose — on the sandboxed build
machine a page fault costs tens of microseconds — so single columns are used as they
are and only sums of columns are materialised (once per chunk).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kopedu.errors import DataValidationError, Problem
from kopedu.health.brackets import CompiledTable, bracket_index, compile_reading
from kopedu.health.ruleset import Component, Reading, RuleSet

if TYPE_CHECKING:
    from kopedu.health.options import ScoringOptions

NOT_ASSESSABLE = "Tidak dapat dinilai"

(
    OK,
    MISSING,
    ZERO,
    ZERO_FULL,
    NEGATIVE,
    NEGATIVE_LOWEST,
    QUESTIONNAIRE_EMPTY,
    TABLE_UNKNOWN,
) = range(8)
#: Status code → (assessed?, reason template). ``{penyebut}`` is the denominator's name,
#: ``{kosong}`` the empty inputs, ``{petunjuk}`` a hint for them, ``{bagian}`` the
#: questionnaire part and ``{jawaban}`` how many of its questions were answered.
STATUS: Mapping[int, tuple[bool, str]] = MappingProxyType(
    {
        OK: (True, ""),
        MISSING: (False, "tidak dapat dinilai: data {kosong} kosong{petunjuk}"),
        ZERO: (False, "tidak dapat dinilai: {penyebut} = 0, rasio tidak terdefinisi"),
        ZERO_FULL: (True, "{penyebut} = 0: diberi nilai penuh (bacaan umum, belum dikonfirmasi)"),
        NEGATIVE: (False, "tidak dapat dinilai: {penyebut} negatif, rasio tidak bermakna"),
        NEGATIVE_LOWEST: (True, "{penyebut} negatif: diberi nilai rentang terendah"),
        QUESTIONNAIRE_EMPTY: (
            False,
            "tidak dapat dinilai: kuesioner {bagian} {jawaban}; jawab semua pertanyaannya",
        ),
        TABLE_UNKNOWN: (
            False,
            "tidak dapat dinilai: tabel rentang komponen ini belum ditemukan di sumber terbuka",
        ),
    }
)
_POLICY_ZERO = {"tidak_dapat_dinilai": ZERO, "nilai_penuh": ZERO_FULL}
_POLICY_NEG = {"tidak_dapat_dinilai": NEGATIVE, "terendah": NEGATIVE_LOWEST}
ASSESSED = np.array([STATUS[k][0] for k in range(len(STATUS))])
ASSESSED.flags.writeable = False
_FORCE_DPK = "faktor_pengawasan_khusus"
_THREADS = min(2, os.cpu_count() or 1)
_CHUNK_MIN = 200_000  # rows per thread; below this one thread is faster


@lru_cache(maxsize=256)
def compiled_table(reading: Reading, integer_bounds: tuple[float, ...]) -> CompiledTable:
    """:func:`~kopedu.health.brackets.compile_reading`, cached (readings are immutable)."""
    return compile_reading(reading, integer_bounds)


def round_ratio(ratio: np.ndarray, convention: str) -> np.ndarray:
    """The ratio as the lookup sees it under a rounding convention (a new array).

    ``rasio_bulat`` rounds to the nearest whole percent (half up), ``rasio_ke_atas``
    rounds up (APEX's ``ceil``). Ratios are first rounded to 9 decimals, so that float
    noise (10.000000000000002 for 50/500) does not move a ratio up a whole percent.

    Examples
    --------
    >>> round_ratio(np.array([89.2, 16.5, 10.000000000000002]), "rasio_ke_atas").tolist()
    [90.0, 17.0, 10.0]
    >>> round_ratio(np.array([89.2, 16.5, 16.49]), "rasio_bulat").tolist()
    [89.0, 17.0, 16.0]
    """
    x = np.round(ratio, 9)
    if convention == "rasio_ke_atas":
        return np.ceil(x, out=x)
    x += 0.5
    return np.floor(x, out=x)


def round_nilai(nilai: np.ndarray) -> np.ndarray:
    """Each nilai rounded to a whole number, half up, in place (``nilai_bulat``).

    Examples
    --------
    >>> round_nilai(np.array([67.5, 57.49, 100.0])).tolist()
    [68.0, 57.0, 100.0]
    """
    np.round(nilai, 9, out=nilai)
    nilai += 0.5
    return np.floor(nilai, out=nilai)


#: A column as (values, missing mask or None). Integer columns are used as they are.
_Col = tuple[np.ndarray, "np.ndarray | None"]


def _column(s: pd.Series) -> _Col:
    dtype = s.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        return s.to_numpy(), None
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        values = s.to_numpy()
        mask = np.isnan(values)
        return values, mask if mask.any() else None
    mask = s.isna().to_numpy(dtype=bool)
    kind = getattr(dtype, "kind", "O")
    target = "int64" if kind in "iu" else "float64"
    values = s.to_numpy(dtype=target, na_value=0)
    return values, mask if mask.any() else None


def _columns(data: pd.DataFrame, names: tuple[str, ...]) -> dict[str, _Col]:
    problems = []
    out: dict[str, _Col] = {}
    for name in names:
        if name not in data.columns:
            problems.append(
                Problem(
                    "<tabel>", None, name, "kolom wajib ini tidak ada", "lihat health_columns()"
                )
            )
            continue
        try:
            out[name] = _column(data[name])
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


class _Quantities:
    """Numerators and denominators, each computed once per call (memoised).

    Sums are formed in float64 (exact for whole rupiah below 2**53); single columns
    are used as they are (int64 ÷ int64 gives float64 without a converted copy, which
    matters more than the division speed: fresh memory costs page faults).
    """

    def __init__(self, rules: RuleSet, cols: dict[str, _Col]) -> None:
        self.rules, self.cols = rules, cols
        self.memo: dict[str, tuple[np.ndarray | float, np.ndarray | None]] = {}

    def __call__(self, term: str | float) -> tuple[np.ndarray | float, np.ndarray | None]:
        if not isinstance(term, str):
            return float(term), None
        if term in self.memo:
            return self.memo[term]
        if term not in self.rules.quantities:
            return self.cols[term]
        total: np.ndarray | None = None
        mask: np.ndarray | None = None
        for col, coef in self.rules.quantities[term][1].items():
            values, m = self.cols[col]
            if total is None:
                total = np.multiply(values, float(coef))
            elif coef == 1:
                np.add(total, values, out=total)
            else:
                total += values * coef
            if m is not None:
                mask = m if mask is None else mask | m
        assert total is not None  # a quantity has at least one column (check_rules)
        self.memo[term] = (total, mask)
        return self.memo[term]


def _score_component(
    comp: Component,
    opts: ScoringOptions,
    q: _Quantities,
    ratio: np.ndarray,
    idx: np.ndarray,
    status: np.ndarray,
    nilai: np.ndarray,
    override: float | None = None,
) -> np.ndarray:
    """Score one component into ``ratio``, ``idx``, ``status`` and ``nilai`` (row views).

    ``nilai`` is NaN where the component is not assessed; the rows not assessed are
    returned (an index array, usually empty).
    """
    bad = _NONE
    reading = opts.reading(comp)
    if reading.unknown:
        ratio[...] = np.nan
        idx[...] = -1
        status[...] = TABLE_UNKNOWN
        nilai[...] = np.nan
        return np.arange(len(nilai))
    if override is not None:
        # What-if: the trainee sets the ratio itself; it is then assessable by definition.
        ratio[...] = float(override)
    else:
        num, nmask = q(comp.numerator)
        den, dmask = q(comp.denominator)
        with np.errstate(divide="ignore", invalid="ignore"):
            # × 100 before ÷: then a ratio that is exactly a bracket boundary comes out
            # exact (11 × 100 ÷ 20 = 55, whereas 11 ÷ 20 × 100 = 55.00000000000001).
            np.multiply(num, 100.0, out=ratio)
            np.divide(ratio, den, out=ratio)
        if comp.questionnaire:
            if nmask is not None:
                bad = np.flatnonzero(nmask)
                status[bad] = QUESTIONNAIRE_EMPTY
                ratio[bad] = np.nan
        else:
            ok = np.greater(den, 0)
            mask = nmask if dmask is None else (dmask if nmask is None else nmask | dmask)
            if mask is not None:
                ok &= ~mask
            if not np.all(ok):
                bad = np.flatnonzero(~ok)
                d = np.broadcast_to(den, ratio.shape)[bad]
                m = mask[bad] if mask is not None else np.zeros(len(bad), bool)
                zero = _POLICY_ZERO[opts.penyebut_nol.get(comp.id, comp.on_zero)]
                neg = _POLICY_NEG[opts.penyebut_negatif.get(comp.id, comp.on_negative)]
                status[bad] = np.select([m, d == 0], [MISSING, zero], neg)
                ratio[bad] = np.nan
    rounding = opts.rounding(comp)
    looked = round_ratio(ratio, rounding) if rounding.startswith("rasio") else ratio
    if reading.linear is not None:
        lin = reading.linear
        np.multiply(looked, lin.kemiringan, out=nilai)
        nilai += lin.titik_potong
        np.clip(nilai, lin.min, lin.max, out=nilai)
        if rounding == "nilai_bulat":
            round_nilai(nilai)
        idx[...] = -2
    else:
        bounds = comp.integer_bounds if opts.batas == "bulat" else ()
        table = compiled_table(reading, bounds)
        bracket_index(table, looked, idx)
        np.take(table.nilai, idx, out=nilai)
    if not len(bad):
        return _NONE
    st = status[bad]
    idx[bad] = -1
    nilai[bad] = np.nan
    nilai[bad[st == ZERO_FULL]] = reading.nilai_max
    nilai[bad[st == NEGATIVE_LOWEST]] = reading.nilai_min
    return bad[~ASSESSED[st]]


_NONE = np.empty(0, dtype=np.intp)


def nilai_for(rules: RuleSet, opts: ScoringOptions, comp: Component, ratio: float) -> float:
    """The nilai of ``comp`` for one ratio (%) set by hand: the lookup of :func:`run`."""
    r, nilai = np.empty(1), np.empty(1)
    idx, status = np.empty(1, dtype=np.int8), np.zeros(1, dtype=np.int8)
    _score_component(comp, opts, _Quantities(rules, {}), r, idx, status, nilai, ratio)
    return float(nilai[0])


def labels(rules: RuleSet) -> list[str]:
    """Category labels of ``rules``, best first, then "Tidak dapat dinilai"."""
    return [k.label for k in rules.categories] + [NOT_ASSESSABLE]


def category_codes(x: np.ndarray, rules: RuleSet) -> np.ndarray:
    """Position in ``labels(rules)`` (best first) for each total; NaN → last.

    A total within 5e-7 below a threshold counts as reaching it (float noise).
    """
    mins = [k.min for k in rules.categories]  # descending, last -inf
    codes = np.full(x.shape, len(mins) - 1, dtype=np.int8)
    for m in mins[:-1]:
        codes -= x >= m - 5e-7
    codes[np.isnan(x)] = len(mins)
    return codes


def _categorical(codes: np.ndarray, rules: RuleSet) -> pd.Categorical[str]:
    return pd.Categorical.from_codes(codes, categories=pd.Index(labels(rules)), ordered=True)


def run(
    data: pd.DataFrame,
    rules: RuleSet,
    opts: ScoringOptions,
    ratios: Mapping[str, float],
) -> dict[str, pd.DataFrame]:
    """The scoring pass, over row chunks in parallel threads (numpy releases the GIL).

    Every per-component table (ratio, nilai, skor, bracket, status) is written once,
    straight into the blocks that back the returned frames (no copies); aspect sums,
    the weight not assessed and the aspects' completeness are accumulated on the way.
    """
    n = len(data)
    cols = _columns(data, rules.input_columns())
    comps = rules.components
    k = len(comps)
    index = data.index
    ids = [c.id for c in comps]
    ratio = np.empty((k, n))
    nilai = np.empty((k, n))
    skor = np.empty((k, n))
    bracket = np.empty((k, n), dtype=np.int8)
    status = np.zeros((k, n), dtype=np.int8)
    n_asp = len(rules.aspects)
    asp_block = np.empty((2 * n_asp, n))  # skor per aspect, then percent (see _aspects)
    asp_skor = asp_block[:n_asp]
    asp_skor[...] = 0.0
    asp_gap = np.zeros((len(rules.aspects), n), dtype=np.int8)
    missing_w = np.zeros(n)
    missing_n = np.zeros(n, dtype=np.int8)

    def work(lo: int, hi: int) -> None:
        q = _Quantities(
            rules,
            {c: (v[lo:hi], None if mk is None else mk[lo:hi]) for c, (v, mk) in cols.items()},
        )
        j = 0
        for a_i, a in enumerate(rules.aspects):
            s = asp_skor[a_i, lo:hi]
            for c in a.components:
                row = skor[j, lo:hi]
                not_assessed = _score_component(
                    c,
                    opts,
                    q,
                    ratio[j, lo:hi],
                    bracket[j, lo:hi],
                    status[j, lo:hi],
                    nilai[j, lo:hi],
                    ratios.get(c.id),
                )
                np.multiply(nilai[j, lo:hi], c.weight / 100.0, out=row)
                if len(not_assessed):
                    row[not_assessed] = 0.0
                    s += row
                    row[not_assessed] = np.nan
                    missing_w[lo:hi][not_assessed] += c.weight
                    missing_n[lo:hi][not_assessed] += 1
                    asp_gap[a_i, lo:hi][not_assessed] += 1
                else:
                    s += row
                j += 1

    chunks = max(1, min(_THREADS, n // _CHUNK_MIN))
    edges = np.linspace(0, n, chunks + 1).astype(int)
    if chunks == 1:
        work(0, n)
    else:
        with ThreadPoolExecutor(chunks) as pool:
            list(pool.map(work, edges[:-1], edges[1:]))

    def frame(block: np.ndarray, columns: list[str]) -> pd.DataFrame:
        return pd.DataFrame(block.T, index=index, columns=columns, copy=False)

    total = asp_skor.sum(axis=0)
    low = category_codes(total, rules)
    high = category_codes(total + missing_w, rules)
    cat = np.where(low == high, low, len(rules.categories)).astype(np.int8)
    if _FORCE_DPK in data.columns:
        force = data[_FORCE_DPK].fillna(False).to_numpy(dtype=bool)
        cat[force] = len(rules.categories) - 1
    tot = pd.DataFrame(
        {
            "skor_total": total,
            "bobot_tidak_dinilai": missing_w,
            "komponen_tidak_dinilai": missing_n,
            "kategori_terendah": _categorical(low, rules),
            "kategori_tertinggi": _categorical(high, rules),
            "kategori": _categorical(cat, rules),
        },
        index=index,
    )
    return {
        "ratio": frame(ratio, ids),
        "nilai": frame(nilai, ids),
        "skor": frame(skor, ids),
        "bracket": frame(bracket, ids),
        "status": frame(status, ids),
        "aspect_skor": frame(asp_skor, [a.id for a in rules.aspects]),
        "aspects": _aspects(rules, asp_block, asp_gap, index),
        "total": tot,
    }


def _aspects(
    rules: RuleSet, block: np.ndarray, asp_gap: np.ndarray, index: pd.Index
) -> pd.DataFrame:
    """Per aspect: skor, percent of its weight (NaN if incomplete) and predikat.

    ``block`` holds the aspect skor in its first half; the percentages are written into
    the second half, and the frame is made from the block without a copy.
    """
    k = len(rules.aspects)
    skor, pct = block[:k], block[k:]
    np.multiply(skor, np.array([100.0 / a.weight for a in rules.aspects])[:, None], out=pct)
    pct[asp_gap > 0] = np.nan
    ids = [a.id for a in rules.aspects]
    columns = [f"skor_{a}" for a in ids] + [f"persen_{a}" for a in ids]
    out = pd.DataFrame(block.T, index=index, columns=columns, copy=False)
    predikat = {
        f"predikat_{a}": _categorical(category_codes(pct[j], rules), rules)
        for j, a in enumerate(ids)
    }
    return pd.concat([out, pd.DataFrame(predikat, index=index)], axis=1)
