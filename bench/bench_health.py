"""Benchmark: score 1,000,000 cooperatives on all Perdep 06/2016 components.

Compares kopedu's vectorised scoring (``kp.health.score``) with a straightforward
row-by-row implementation written from the reference tables (if/elif chains per
component, one Python call per cooperative, ``itertuples``), measured in the same run.
The row loop runs on a sample (``--sample``, default 20,000 rows) and its time is
**extrapolated** linearly to the full size; the script says so in its output. On the
sample the two implementations must agree on every total and category.

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

import numpy as np
import pandas as pd

from kopedu.health import score
from kopedu.health.inputs import INPUT_COLUMNS


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
def _div(a: float, b: float) -> float | None:
    return None if b == 0 else a / b * 100


def _step(x: float, table: list[tuple[float, float]], last: float) -> float:
    for upper, nilai in table:  # (exclusive upper bound, nilai)
        if x < upper:
            return nilai
    return last


def score_row(r) -> tuple[float, float]:
    """(sum of assessed skor, weight not assessed) for one cooperative, defaults only."""
    s = 0.0
    gap = 0.0
    loans = r.pinjaman_anggota + r.pinjaman_non_anggota
    rpm = 0.5 * r.pinjaman_kurang_lancar + 0.75 * r.pinjaman_diragukan + r.pinjaman_macet

    # 1a MS/TA, integer ranges read as ADI did (61–80 holds everything below 81)
    x = _div(r.modal_sendiri, r.total_aset)
    if x is None:
        gap += 6
    elif x <= 0:
        s += 0
    else:
        s += 6 * _step(x, [(21, 25), (41, 50), (61, 100), (81, 50)], 25) / 100
    # 1b MS / risky loans: 10-point steps
    x = _div(r.modal_sendiri, r.pinjaman_berisiko)
    if x is None:
        gap += 6
    else:
        s += 6 * (0 if x < 10 else min(100, math.floor(x / 10) * 10)) / 100
    # 1c CAR
    x = _div(r.modal_tertimbang, r.atmr)
    if x is None:
        gap += 3
    else:
        s += 3 * _step(x, [(4, 0), (6, 50), (8, 75)], 100) / 100
    # 2a member loans
    x = _div(r.pinjaman_anggota, loans)
    if x is None:
        gap += 10
    else:
        s += 10 * (0 if x < 26 else 50 if x < 51 else 75 if x <= 75 else 100) / 100
    # 2b RPM, stepped table
    x = _div(rpm, loans)
    if x is None:
        gap += 5
    else:
        if x <= 0:
            v = 100
        elif x <= 10:
            v = 80
        elif x <= 20:
            v = 60
        elif x <= 30:
            v = 40
        elif x <= 40:
            v = 20
        elif x < 45:
            v = 10
        else:
            v = 0
        s += 5 * v / 100
    # 2c cadangan / RPM; RPM = 0 → full marks
    x = _div(r.cadangan_tujuan_risiko + r.penyisihan_penghapusan_pinjaman, rpm)
    if x is None:
        s += 5
    else:
        s += 5 * (0 if x <= 0 else min(100, math.ceil(x / 10) * 10)) / 100
    # 2d risky loans
    x = _div(r.pinjaman_berisiko, loans)
    if x is None:
        gap += 5
    else:
        s += 5 * (100 if x < 21 else 75 if x < 26 else 50 if x <= 30 else 25) / 100
    # 3 management questionnaire
    s += (
        r.ya_manajemen_umum * 0.25 + r.ya_kelembagaan * 0.5 + r.ya_manajemen_permodalan * 0.6
        + r.ya_manajemen_aktiva * 0.3 + r.ya_manajemen_likuiditas * 0.6
    )  # fmt: skip
    # 4a member operating cost / PB
    x = _div(r.beban_operasi_anggota, r.partisipasi_bruto)
    if x is None:
        gap += 4
    else:
        s += 4 * _step(x, [(90, 100), (95, 75), (100, 50)], 25) / 100
    # 4b operating expense / SHU kotor; SHU kotor ≤ 0 not assessable
    if r.shu_kotor <= 0:
        gap += 4
    else:
        x = r.beban_usaha / r.shu_kotor * 100
        s += 4 * (100 if x <= 40 else 75 if x <= 60 else 50 if x <= 80 else 25) / 100
    # 4c service efficiency
    x = _div(r.biaya_karyawan, loans)
    if x is None:
        gap += 2
    else:
        s += 2 * (100 if x <= 5 else 75 if x <= 10 else 50 if x <= 15 else 0) / 100
    # 5a cash ratio
    x = _div(r.kas + r.bank, r.kewajiban_lancar)
    if x is None:
        gap += 10
    else:
        s += 10 * (25 if x <= 10 else 100 if x <= 15 else 50 if x <= 20 else 25) / 100
    # 5b loans / funds received
    x = _div(loans, r.dana_diterima)
    if x is None:
        gap += 5
    else:
        s += 5 * _step(x, [(60, 25), (70, 50), (80, 75)], 100) / 100
    # 6a ROA
    x = _div(r.shu_sebelum_pajak, r.total_aset)
    if x is None:
        gap += 3
    else:
        s += 3 * _step(x, [(5, 25), (7.5, 50), (10, 75)], 100) / 100
    # 6b ROE; negative equity → lowest bracket
    if r.modal_sendiri == 0:
        gap += 3
    elif r.modal_sendiri < 0:
        s += 3 * 25 / 100
    else:
        x = r.shu_bagian_anggota / r.modal_sendiri * 100
        s += 3 * _step(x, [(3, 25), (4, 50), (5, 75)], 100) / 100
    # 6c operational self-reliance
    x = _div(r.partisipasi_neto, r.beban_usaha + r.beban_perkoperasian)
    if x is None:
        gap += 4
    else:
        s += 4 * (0 if x <= 100 else 100) / 100
    # 7a gross participation ratio
    x = _div(r.partisipasi_bruto, r.partisipasi_bruto + r.pendapatan_non_anggota)
    if x is None:
        gap += 7
    else:
        s += 7 * _step(x, [(25, 25), (50, 50), (75, 75)], 100) / 100
    # 7b PEA
    x = _div(r.pea, r.simpanan_pokok + r.simpanan_wajib)
    if x is None:
        gap += 3
    else:
        s += 3 * _step(x, [(5, 0), (7.5, 50), (10, 75)], 100) / 100
    return s, gap


def row_loop(df: pd.DataFrame) -> np.ndarray:
    return np.array([score_row(r) for r in df.itertuples(index=False)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    df = synthetic(args.n)
    score(df.iloc[:1000])  # warm-up: imports, rule loading, table compilation

    walls, cpus = [], []
    tracemalloc.start()
    for _ in range(args.repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        res = score(df)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t_vec = float(np.median(walls))
    t0 = time.perf_counter()
    _ = res.ratio, res.nilai, res.skor, res.aspects
    t_detail = time.perf_counter() - t0

    sample = df.iloc[: args.sample]
    c0, t0 = time.process_time(), time.perf_counter()
    ref = row_loop(sample)
    t_row = time.perf_counter() - t0
    c_row = time.process_time() - c0
    t_row_full = t_row * args.n / len(sample)
    c_row_full = c_row * args.n / len(sample)

    got = res.total.iloc[: len(sample)]
    np.testing.assert_allclose(got["skor_total"], ref[:, 0], atol=1e-9)
    np.testing.assert_allclose(got["bobot_tidak_dinilai"], ref[:, 1], atol=1e-9)

    def dots(x: int) -> str:
        return f"{x:,}".replace(",", ".")

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(
        f"koperasi: {dots(args.n)}; komponen: {len(res.rules.components)}; "
        f"beban mesin (load 1 menit): {load:.1f} pada {os.cpu_count()} inti"
    )
    print(
        f"vektor  : median {t_vec:.3f} s dari {args.repeat} kali "
        f"(semua: {', '.join(f'{w:.3f}' for w in walls)}; CPU {np.median(cpus):.3f} s); "
        f"{args.n / t_vec / 1e6:.2f} juta koperasi/detik"
    )
    print(f"          + rasio/nilai/skor/aspek per komponen saat pertama dibaca: {t_detail:.3f} s")
    print(
        f"baris   : {t_row:.3f} s untuk {dots(len(sample))} baris (sampel, itertuples); "
        f"DIEKSTRAPOLASI linear ke {dots(args.n)}: {t_row_full:.1f} s"
    )
    print(
        f"rasio   : vektor {t_row_full / t_vec:.0f}× lebih cepat dari loop baris "
        f"(waktu CPU: {c_row_full / float(np.median(cpus)):.0f}×)"
    )
    print(
        f"memori  : puncak alokasi Python/NumPy {peak / 2**20:.0f} MiB (tracemalloc); "
        f"puncak proses {maxrss:.0f} MiB (ru_maxrss, termasuk data masukan)"
    )
    print("cek     : total dan bobot tidak dinilai sama persis dengan loop baris pada sampel")
    kat = res.total["kategori"].value_counts().reindex(res.total["kategori"].cat.categories)
    print("kategori:", ", ".join(f"{k} {v}" for k, v in kat.items()))


if __name__ == "__main__":
    main()
