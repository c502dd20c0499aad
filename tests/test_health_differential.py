"""Differential test: the vectorised scorer against the row-by-row oracle in bench/.

The oracle (``bench/bench_health.py::score_row``) is written independently from the
quoted rule texts as if/elif chains and runs here on exact fractions, so float noise
in the vectorised engine (a ratio of exactly 10 % computed as 10.000000000000002)
would show up as a different bracket. Inputs are random: amounts in steps of Rp 5 juta
(so ratios land on bracket boundaries often), negative equity and SHU, zeros, empty
cells and empty questionnaire parts.
"""

from __future__ import annotations

import importlib.util
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kopedu.health import ScoringOptions, score

_spec = importlib.util.spec_from_file_location(
    "bench_health", Path(__file__).parents[1] / "bench" / "bench_health.py"
)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

STEP = 5_000_000
NON_NEGATIVE = (
    "kas", "bank", "total_aset", "kewajiban_lancar", "dana_diterima", "atmr",
    "pinjaman_anggota", "pinjaman_non_anggota", "pinjaman_kurang_lancar",
    "pinjaman_diragukan", "pinjaman_macet", "pinjaman_berisiko", "cadangan_tujuan_risiko",
    "penyisihan_penghapusan_pinjaman", "simpanan_pokok", "simpanan_wajib",
    "partisipasi_bruto", "pendapatan_non_anggota", "beban_operasi_anggota", "beban_usaha",
    "beban_perkoperasian", "biaya_karyawan",
)  # fmt: skip
SIGNED = (
    "modal_sendiri", "modal_tertimbang", "shu_kotor", "shu_sebelum_pajak",
    "shu_bagian_anggota", "partisipasi_neto", "pea",
)  # fmt: skip
ANSWERS = {
    "ya_manajemen_umum": 12, "ya_kelembagaan": 6, "ya_manajemen_permodalan": 5,
    "ya_manajemen_aktiva": 10, "ya_manajemen_likuiditas": 5,
}  # fmt: skip


#: Multiples of Rp 5 juta whose ratios hit the bracket boundaries (5, 7,5, 10, 15, 20, 25,
#: 45, 60, 75, 80, 90, 100 % …) often.
ROUND = (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 25, 30, 40, 45, 50, 60, 75, 80, 90, 100)


def _amount(lo: int) -> st.SearchStrategy[int | None]:
    steps = st.integers(lo, 400).map(lambda k: k * STEP)
    rounds = st.sampled_from(ROUND).map(lambda k: k * STEP)
    if lo < 0:
        rounds = rounds | rounds.map(lambda v: -v)
    return st.one_of(rounds, rounds, rounds, steps, st.just(0), st.none())


ROW = st.fixed_dictionaries(
    {c: _amount(0) for c in NON_NEGATIVE}
    | {c: _amount(-40) for c in SIGNED}
    | {c: st.one_of(st.integers(0, n), st.integers(0, n), st.none()) for c, n in ANSWERS.items()}
    | {"faktor_pengawasan_khusus": st.sampled_from([False, False, False, True])}
)


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    for c in (*NON_NEGATIVE, *SIGNED, *ANSWERS):
        df[c] = pd.array([pd.NA if v is None else v for v in df[c]], dtype="Int64")
    df["faktor_pengawasan_khusus"] = df["faktor_pengawasan_khusus"].astype("boolean")
    return df


@pytest.mark.parametrize("rounding", ["kontinu", "rasio_bulat", "rasio_ke_atas", "nilai_bulat"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, min_size=1, max_size=25))
def test_vectorised_scorer_equals_the_row_oracle(rows, rounding):
    df = _frame(rows)
    res = score(df, options=ScoringOptions(pembulatan=rounding))
    codes = [c.code for c in res.rules.components]
    assert codes == list(bench.WEIGHTS)
    for i, row in enumerate(rows):
        want = bench.score_row(row, rounding=rounding, number=Fraction)
        for j, code in enumerate(codes):
            hit = want["komponen"][code]
            got_nilai = res.nilai.iloc[i, j]
            if hit is None:
                assert math.isnan(got_nilai), (i, code, row)
                continue
            ratio, nilai = hit
            assert got_nilai == pytest.approx(float(nilai), abs=1e-9), (i, code, row)
            if ratio is not None:
                assert res.ratio.iloc[i, j] == pytest.approx(float(ratio), rel=1e-12), (i, code)
        t = res.total.iloc[i]
        assert t["skor_total"] == pytest.approx(float(want["total"]), abs=1e-9)
        assert t["bobot_tidak_dinilai"] == float(want["gap"])
        assert t["kategori"] == want["kategori"], (i, float(want["total"]), row)


def _boundary_rows() -> list[dict]:
    """Rows whose ratio for one component sits exactly on, or 1 rupiah either side of,
    each boundary of that component's default table (integer ranges shifted as read)."""
    from kopedu.health import load_rules
    from kopedu.health.engine import compiled_table

    rules = load_rules()
    base = dict.fromkeys((*NON_NEGATIVE, *SIGNED), 20 * STEP) | dict(ANSWERS)
    base["faktor_pengawasan_khusus"] = False
    den_total = 400 * STEP  # Rp 2 miliar: b % of it is a whole rupiah for b = 7,5 …
    rows = []
    for comp in rules.components:
        if comp.questionnaire:
            continue
        table = compiled_table(comp.readings[comp.default_reading], comp.integer_bounds)
        bounds = sorted({x for b in table.brackets for x in (b.lo, b.hi) if math.isfinite(x)})
        for b in bounds:
            for bump in (-1, 0, 1):
                row = dict(base)
                num = rules.quantities.get(comp.numerator, ("", {comp.numerator: 1}))[1]
                den = rules.quantities.get(comp.denominator, ("", {comp.denominator: 1}))[1]
                for cols in (num, den):
                    for c in cols:
                        row[c] = 0
                target = Fraction(b) * den_total / 100 + bump
                first, coef = next(iter(num.items()))
                row[first] = int(target / Fraction(coef).limit_denominator())
                shared = [c for c in den if c in num]
                rest = [c for c in den if c not in num]
                row[rest[0]] = den_total - sum(row[c] for c in shared)
                if row[rest[0]] < 0 and rest[0] in NON_NEGATIVE:
                    continue
                rows.append(row)
    return rows


@pytest.mark.parametrize("rounding", ["kontinu", "rasio_bulat", "rasio_ke_atas"])
def test_every_boundary_of_every_table_against_the_oracle(rounding):
    rows = _boundary_rows()
    assert len(rows) > 200
    res = score(_frame(rows), options=ScoringOptions(pembulatan=rounding))
    for i, row in enumerate(rows):
        want = bench.score_row(row, rounding=rounding, number=Fraction)
        for j, code in enumerate(bench.WEIGHTS):
            hit = want["komponen"][code]
            got = res.nilai.iloc[i, j]
            assert math.isnan(got) if hit is None else got == float(hit[1]), (code, row)
        assert res.total["kategori"].iloc[i] == want["kategori"]


def test_oracle_catches_float_noise_at_a_boundary():
    # 11 × 5 juta ÷ 20 × 5 juta = 55 % exactly; as floats 11 ÷ 20 × 100 = 55.00000000000001
    assert 11 / 20 * 100 != 55
    row = dict.fromkeys((*NON_NEGATIVE, *SIGNED), 20 * STEP) | dict(ANSWERS)
    row |= {"pinjaman_anggota": 11 * STEP, "pinjaman_non_anggota": 9 * STEP}
    row["faktor_pengawasan_khusus"] = False
    want = bench.score_row(row, number=Fraction)
    assert want["komponen"]["2a"] == (Fraction(55), 75)  # "51–75 → 75"
    res = score(_frame([row]))
    assert res.ratio["pinjaman_anggota"].iloc[0] == 55.0
    assert np.isclose(res.nilai["pinjaman_anggota"].iloc[0], 75)
