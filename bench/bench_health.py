"""Benchmark: score 1,000,000 cooperatives on all Perdep 06/2016 components.

Compares kopedu's vectorised scoring (``kp.health.score``), which materialises the
per-component ratio, nilai and skor tables, the aspect table and the totals, with a
straightforward row-by-row implementation written from the quoted rule texts (if/elif
per component, one Python call per cooperative) that produces the same per-component
results, measured in the same run. The row loop runs on a sample (``--sample``, default
20,000 rows) and its time is **extrapolated** linearly to the full size; the script says
so in its output. On the sample both must agree on every component, total and category.

The row-by-row scorer :func:`score_row` is also the independent oracle of the
differential test ``tests/test_health_differential.py``: there it runs on exact
fractions (``number=Fraction``) over random inputs drawn by hypothesis.

Usage::

    .venv/bin/python bench/bench_health.py            # 1,000,000 cooperatives
    .venv/bin/python bench/bench_health.py --n 100000 --sample 5000
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import time
import tracemalloc
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from kopedu.health import ScoringOptions, score
from kopedu.health.inputs import INPUT_COLUMNS

#: Component codes in the order of the rule set, with their weight (bobot).
WEIGHTS: dict[str, int | float] = {
    "1a": 6, "1b": 6, "1c": 3, "2a": 10, "2b": 5, "2c": 5, "2d": 5,
    "3a": 3, "3b": 3, "3c": 3, "3d": 3, "3e": 3, "4a": 4, "4b": 4, "4c": 2,
    "5a": 10, "5b": 5, "6a": 3, "6b": 3, "6c": 4, "7a": 7, "7b": 3,
}  # fmt: skip
CATEGORIES = ((80, "Sehat"), (66, "Cukup Sehat"), (51, "Dalam Pengawasan"))


def synthetic(n: int, seed: int = 20230624) -> pd.DataFrame:
    """n cooperatives with plausible amounts (int64 rupiah) and ~1 % edge cases each."""
    rng = np.random.default_rng(seed)
    ta = rng.integers(100_000_000, 10_000_000_000, n)

    def part(lo: float, hi: float, of: np.ndarray = ta) -> np.ndarray:
        return (of * rng.uniform(lo, hi, n)).astype(np.int64)

    loans = part(0.3, 0.9)
    members = part(0.2, 1.0, loans)
    pb = part(0.05, 0.3)
    d = {
        "kas": part(0.0, 0.05), "bank": part(0.0, 0.1), "total_aset": ta,
        "kewajiban_lancar": part(0.1, 0.8), "dana_diterima": part(0.5, 1.2),
        "modal_sendiri": part(-0.05, 0.9), "modal_tertimbang": part(-0.02, 0.5),
        "atmr": part(0.3, 1.0), "pinjaman_anggota": members,
        "pinjaman_non_anggota": loans - members, "pinjaman_kurang_lancar": part(0, 0.1, loans),
        "pinjaman_diragukan": part(0, 0.08, loans), "pinjaman_macet": part(0, 0.1, loans),
        "pinjaman_berisiko": part(0, 0.5, loans), "cadangan_tujuan_risiko": part(0, 0.02),
        "penyisihan_penghapusan_pinjaman": part(0, 0.03), "simpanan_pokok": part(0.01, 0.1),
        "simpanan_wajib": part(0.05, 0.4), "partisipasi_bruto": pb,
        "pendapatan_non_anggota": part(0, 0.2), "beban_operasi_anggota": part(0.6, 1.1, pb),
        "beban_usaha": part(0.01, 0.1), "beban_perkoperasian": part(0, 0.01),
        "biaya_karyawan": part(0.01, 0.2, loans), "shu_kotor": part(-0.02, 0.15),
        "shu_sebelum_pajak": part(-0.05, 0.15), "shu_bagian_anggota": part(-0.02, 0.05),
        "partisipasi_neto": part(-0.02, 0.2), "pea": part(-0.01, 0.05),
    }  # fmt: skip
    for name, hi in (("ya_manajemen_umum", 12), ("ya_kelembagaan", 6),
                     ("ya_manajemen_permodalan", 5), ("ya_manajemen_aktiva", 10),
                     ("ya_manajemen_likuiditas", 5)):  # fmt: skip
        d[name] = rng.integers(0, hi + 1, n)
    df = pd.DataFrame(d)
    edge = rng.integers(0, 100, n)  # 1 % each: no loans, no RPM, no current liabilities
    no_loans = edge == 0
    for c in ("pinjaman_anggota", "pinjaman_non_anggota", "pinjaman_kurang_lancar",
              "pinjaman_diragukan", "pinjaman_macet", "pinjaman_berisiko"):  # fmt: skip
        df.loc[no_loans, c] = 0
    df.loc[edge == 1, ["pinjaman_kurang_lancar", "pinjaman_diragukan", "pinjaman_macet"]] = 0
    df.loc[edge == 2, "kewajiban_lancar"] = 0
    assert set(df.columns) <= {c.name for c in INPUT_COLUMNS}
    return df


# --- the straightforward implementation: one cooperative at a time ----------------------
# Written from the rule texts quoted in kopedu/health/rules/perdep_06_2016.yaml (Permen
# 14/2009 tables and APEX), not from the YAML's interval notation. A component is either
# (ratio, nilai) or None when it cannot be assessed.
Num = Any  # float, or Fraction in the differential test


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or v != v  # NaN is the only value unequal to itself


def _same(x: Any) -> Any:
    return x


def _ratio(num: Any, den: Any, number: Callable[[Any], Num]) -> Num | None:
    """num × 100 ÷ den, or None when an input is missing or den ≤ 0."""
    if num is None or den is None or _missing(num) or _missing(den) or den <= 0:
        return None
    return number(num) * 100 / number(den)


def _looked_up(x: Num, rounding: str) -> Num:
    if rounding == "rasio_ke_atas":  # APEX: ceil(rasio)
        return math.ceil(x)
    if rounding == "rasio_bulat":  # nearest whole percent, half up
        return math.floor(x + Fraction(1, 2) if isinstance(x, Fraction) else x + 0.5)
    return x


def score_row(
    r: Mapping[str, Any], *, rounding: str = "kontinu", number: Callable[[Any], Num] = float
) -> dict[str, Any]:
    """Score one cooperative with the default readings (``rounding`` for the tables).

    Returns ``{"komponen": {code: (ratio, nilai) or None}, "total": sum of assessed skor,
    "gap": weight not assessed, "kategori": category or "Tidak dapat dinilai"}``.
    """
    out: dict[str, tuple[Num, Num] | None] = {}
    get = r.__getitem__
    if number is float:
        number = _same  # ints stay exact until the one division (int / int is exact-rounded)

    def add(*names: str, coef: tuple[Any, ...] | None = None) -> Num | None:
        total = 0
        for k, name in enumerate(names):
            v = get(name)
            if _missing(v):
                return None
            total += number(v) if coef is None else coef[k] * number(v)
        return total

    def table(code: str, x: Num | None, rule: Callable[[Num], int]) -> None:
        out[code] = None if x is None else (x, rule(_looked_up(x, rounding)))

    loans = add("pinjaman_anggota", "pinjaman_non_anggota")
    rpm = add(
        "pinjaman_kurang_lancar", "pinjaman_diragukan", "pinjaman_macet",
        coef=(Fraction(1, 2), Fraction(3, 4), 1) if number is Fraction else (0.5, 0.75, 1),
    )  # fmt: skip
    # questionnaire counts and totals below need a number type that divides exactly
    to_num: Callable[[Any], Num] = float if number is _same else number

    # 1a MS/TA: "≤ 0 → 0; 0–20 → 25; 21–40 → 50; 41–60 → 100; 61–80 → 50; 81–100 → 25",
    #    integer ranges read as KPRI Adi Dharma did (61–80 holds everything below 81)
    table(
        "1a",
        _ratio(get("modal_sendiri"), get("total_aset"), number),
        lambda x: 0 if x <= 0 else 25 if x < 21 else 50 if x < 41 else 100 if x < 61
        else 50 if x < 81 else 25,
    )  # fmt: skip
    # 1b MS / pinjaman berisiko: "10–20 → 10; … 90–100 → 90; ≥ 100 → 100" (below 10 → 0)
    table(
        "1b",
        _ratio(get("modal_sendiri"), get("pinjaman_berisiko"), number),
        lambda x: 0 if x < 10 else 100 if x >= 100 else math.floor(x / 10) * 10,
    )
    # 1c CAR: "< 4 → 0; 4–6 → 50; 6–8 → 75; ≥ 8 → 100"
    table(
        "1c",
        _ratio(get("modal_tertimbang"), get("atmr"), number),
        lambda x: 0 if x < 4 else 50 if x < 6 else 75 if x < 8 else 100,
    )
    # 2a member loans: "≤ 25 → 0; 26–50 → 50; 51–75 → 75; > 75 → 100"
    table(
        "2a",
        _ratio(get("pinjaman_anggota"), loans, number),
        lambda x: 0 if x < 26 else 50 if x < 51 else 75 if x <= 75 else 100,
    )
    # 2b RPM: "= 0 → 100; 0 < x ≤ 10 → 80; … 40 < x ≤ 45 → 10; ≥ 45 → 0"
    table(
        "2b",
        _ratio(rpm, loans, number),
        lambda x: 100 if x <= 0 else 80 if x <= 10 else 60 if x <= 20 else 40 if x <= 30
        else 20 if x <= 40 else 10 if x < 45 else 0,
    )  # fmt: skip
    # 2c cadangan / RPM: "0 → 0; 0 < x ≤ 10 → 10; … 90 < x ≤ 100 → 100"; RPM = 0 → full
    cadangan = add("cadangan_tujuan_risiko", "penyisihan_penghapusan_pinjaman")
    if rpm is not None and cadangan is not None and rpm == 0:
        out["2c"] = (None, 100)
    else:
        table(
            "2c",
            _ratio(cadangan, rpm, number),
            lambda x: 0 if x <= 0 else 100 if x > 90 else math.ceil(x / 10) * 10,
        )
    # 2d risky loans: "< 21 → 100; 21–25 → 75; 26–30 → 50; > 30 → 25"
    table(
        "2d",
        _ratio(get("pinjaman_berisiko"), loans, number),
        lambda x: 100 if x < 21 else 75 if x < 26 else 50 if x <= 30 else 25,
    )
    # 3a–3e questionnaire: nilai = share of "ya"; an empty count is not assessable
    for code, col, n in (("3a", "ya_manajemen_umum", 12), ("3b", "ya_kelembagaan", 6),
                         ("3c", "ya_manajemen_permodalan", 5), ("3d", "ya_manajemen_aktiva", 10),
                         ("3e", "ya_manajemen_likuiditas", 5)):  # fmt: skip
        v = get(col)
        out[code] = None if _missing(v) else (to_num(v) * 100 / n, to_num(v) * 100 / n)
    # 4a member operating cost / PB (APEX): "≥ 100 → 25; 95–<100 → 50; 90–<95 → 75; < 90 → 100"
    table(
        "4a",
        _ratio(get("beban_operasi_anggota"), get("partisipasi_bruto"), number),
        lambda x: 100 if x < 90 else 75 if x < 95 else 50 if x < 100 else 25,
    )
    # 4b operating expense / SHU kotor (APEX): "> 80 → 25; 60–80 → 50; 40–60 → 75; ≤ 40 → 100"
    table(
        "4b",
        _ratio(get("beban_usaha"), get("shu_kotor"), number),
        lambda x: 100 if x <= 40 else 75 if x <= 60 else 50 if x <= 80 else 25,
    )
    # 4c service efficiency (APEX): "≤ 5 → 100; 5–10 → 75; 10–15 → 50; > 15 → 0"
    table(
        "4c",
        _ratio(get("biaya_karyawan"), loans, number),
        lambda x: 100 if x <= 5 else 75 if x <= 10 else 50 if x <= 15 else 0,
    )
    # 5a cash ratio: "lebih besar dari 10 hingga 15 → 100; lebih besar dari 15 hingga 20 → 50;
    #    lebih kecil atau sama dengan 10 → 25; lebih dari 20 → 25"
    table(
        "5a",
        _ratio(add("kas", "bank"), get("kewajiban_lancar"), number),
        lambda x: 25 if x <= 10 else 100 if x <= 15 else 50 if x <= 20 else 25,
    )
    # 5b loans / funds received (Tabel 18): "< 60 → 25; 60–70 → 50; 70–80 → 75; 80–90 → 100"
    table(
        "5b",
        _ratio(loans, get("dana_diterima"), number),
        lambda x: 25 if x < 60 else 50 if x < 70 else 75 if x < 80 else 100,
    )
    # 6a ROA: "< 5 → 25, each + 2,5 % adds 25, max 100"
    table(
        "6a",
        _ratio(get("shu_sebelum_pajak"), get("total_aset"), number),
        lambda x: 25 if x < 5 else 50 if x < 7.5 else 75 if x < 10 else 100,
    )
    # 6b ROE (Tabel 20): "< 3 → 25; 3–4 → 50; 4–5 → 75; ≥ 5 → 100"; negative equity → lowest
    ms = get("modal_sendiri")
    if not _missing(ms) and not _missing(get("shu_bagian_anggota")) and ms < 0:
        out["6b"] = (None, 25)
    else:
        table(
            "6b",
            _ratio(get("shu_bagian_anggota"), ms, number),
            lambda x: 25 if x < 3 else 50 if x < 4 else 75 if x < 5 else 100,
        )
    # 6c operational self-reliance: "≤ 100 diberi nilai 0; > 100 diberi nilai 100"
    table(
        "6c",
        _ratio(get("partisipasi_neto"), add("beban_usaha", "beban_perkoperasian"), number),
        lambda x: 0 if x <= 100 else 100,
    )
    # 7a gross participation: "< 25 → 25; 25–50 → 50; 50–75 → 75; ≥ 75 → 100"
    table(
        "7a",
        _ratio(
            get("partisipasi_bruto"), add("partisipasi_bruto", "pendapatan_non_anggota"), number
        ),
        lambda x: 25 if x < 25 else 50 if x < 50 else 75 if x < 75 else 100,
    )
    # 7b PEA: "lebih kecil dari 5 % → 0; 5–<7,5 → 50; 7,5–<10 → 75; ≥ 10 → 100"
    table(
        "7b",
        _ratio(get("pea"), add("simpanan_pokok", "simpanan_wajib"), number),
        lambda x: 0 if x < 5 else 50 if x < 7.5 else 75 if x < 10 else 100,
    )

    total = to_num(0)
    gap = to_num(0)
    for code, weight in WEIGHTS.items():
        hit = out[code]
        if hit is None:
            gap += to_num(weight)
        else:
            total += to_num(hit[1]) * to_num(weight) / 100
    low = next((label for cut, label in CATEGORIES if total >= cut), "Dalam Pengawasan Khusus")
    high = next(
        (label for cut, label in CATEGORIES if total + gap >= cut), "Dalam Pengawasan Khusus"
    )
    kategori = low if low == high else "Tidak dapat dinilai"
    if r.get("faktor_pengawasan_khusus") is True:
        kategori = "Dalam Pengawasan Khusus"
    return {"komponen": out, "total": total, "gap": gap, "kategori": kategori}


def row_loop(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The peer: every row through :func:`score_row`, results into per-component arrays."""
    n, k = len(df), len(WEIGHTS)
    nilai = np.full((n, k), np.nan)
    ratio = np.full((n, k), np.nan)
    totals = np.empty((n, 2))
    cats = []
    names = list(df.columns)
    for i, values in enumerate(zip(*(df[c].tolist() for c in names), strict=True)):
        res = score_row(dict(zip(names, values, strict=True)))
        for j, hit in enumerate(res["komponen"].values()):
            if hit is not None:
                ratio[i, j] = np.nan if hit[0] is None else hit[0]
                nilai[i, j] = hit[1]
        totals[i] = res["total"], res["gap"]
        cats.append(res["kategori"])
    skor = nilai * (np.array(list(WEIGHTS.values())) / 100)
    return ratio, nilai, skor, np.column_stack([totals, np.array(cats, dtype=object)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    df = synthetic(args.n)
    score(df.iloc[:1000])  # warm-up: imports, rule loading, table compilation

    walls, cpus = [], []
    tracemalloc.start()
    res = tables = None
    for _ in range(args.repeat):
        res = tables = None  # release the previous result before the next run
        c0, t0 = time.process_time(), time.perf_counter()
        res = score(df)
        tables = (res.ratio, res.nilai, res.skor, res.aspects, res.total)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    assert res is not None and tables is not None
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t_vec = float(np.median(walls))

    sample = df.iloc[: args.sample]
    c0, t0 = time.process_time(), time.perf_counter()
    ratio, nilai, skor, totals = row_loop(sample)
    t_row = time.perf_counter() - t0
    c_row = time.process_time() - c0
    t_row_full = t_row * args.n / len(sample)
    c_row_full = c_row * args.n / len(sample)

    m = len(sample)
    np.testing.assert_allclose(tables[0].to_numpy()[:m], ratio, rtol=1e-12, equal_nan=True)
    np.testing.assert_allclose(tables[1].to_numpy()[:m], nilai, atol=1e-9, equal_nan=True)
    np.testing.assert_allclose(tables[2].to_numpy()[:m], skor, atol=1e-9, equal_nan=True)
    got = res.total.iloc[:m]
    np.testing.assert_allclose(got["skor_total"], totals[:, 0].astype(float), atol=1e-9)
    np.testing.assert_allclose(got["bobot_tidak_dinilai"], totals[:, 1].astype(float))
    assert (got["kategori"].astype(str).to_numpy() == totals[:, 2]).all()
    assert ScoringOptions().is_default()

    def dots(x: int) -> str:
        return f"{x:,}".replace(",", ".")

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(
        f"koperasi: {dots(args.n)}; komponen: {len(res.rules.components)}; "
        f"beban mesin (load 1 menit): {load:.1f} pada {os.cpu_count()} inti"
    )
    print(
        f"vektor  : median {t_vec:.3f} s dari {args.repeat} kali, tabel rasio/nilai/skor/aspek/"
        f"total per komponen ikut dibuat (semua: {', '.join(f'{w:.3f}' for w in walls)}; "
        f"CPU {np.median(cpus):.3f} s); {args.n / t_vec / 1e6:.2f} juta koperasi/detik"
    )
    print(
        f"baris   : {t_row:.3f} s untuk {dots(m)} baris (sampel, rasio/nilai/skor per komponen "
        f"juga); DIEKSTRAPOLASI linear ke {dots(args.n)}: {t_row_full:.1f} s"
    )
    print(
        f"rasio   : vektor {t_row_full / t_vec:.0f}× lebih cepat dari loop baris "
        f"(waktu CPU: {c_row_full / float(np.median(cpus)):.0f}×)"
    )
    print(
        f"memori  : puncak alokasi Python/NumPy {peak / 2**20:.0f} MiB (tracemalloc); "
        f"puncak proses {maxrss:.0f} MiB (ru_maxrss, termasuk data masukan)"
    )
    print("cek     : nilai, skor, total, bobot tidak dinilai dan kategori sama dengan loop baris")
    kat = res.total["kategori"].value_counts().reindex(res.total["kategori"].cat.categories)
    print("kategori:", ", ".join(f"{k} {v}" for k, v in kat.items()))


if __name__ == "__main__":
    main()
