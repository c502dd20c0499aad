"""Benchmark: RAT analysis of a large registry, and regional report rendering.

Run: ``.venv/bin/python bench/bench_registry.py [--reports]``

1. 100,000 cooperatives × 6 tahun buku of RAT events (600,000 rows, ~40 % without RAT):
   status, rates, breakdowns by kecamatan and jenis, a six-year trend and the priority
   list, in process. Target ≤ 1 s (issue 6).
2. With ``--reports``: the whole ``kopedu report`` process for one regional report
   (default engine and the kernel engine) against papermill + nbconvert CLIs on an empty
   notebook measured in the same run (target ≤ 4 s); all 26 regional reports of
   Kalimantan Timur and Tengah with 1 and 2 workers; the same with ``--contoh`` (the
   registry sections, from the synthetic registry); and the time per report that the
   arithmetic for all 514 kabupaten/kota in docs/reports.md uses.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from kopedu.registry import Registry, breakdown, classify, priority_list, summarise
from kopedu.registry.rat import _CACHE

N_COOP = 100_000
YEARS = 6


def big_registry(n: int = N_COOP, years: int = YEARS, seed: int = 6) -> Registry:
    """A registry built directly as validated tables (the loader is not what we time)."""
    rng = np.random.default_rng(seed)
    ids = pd.array([f"B{i:06d}" for i in range(n)], dtype="string")
    kab = rng.choice(["64.08", "64.71", "64.72", "62.71"], n)
    founded = rng.integers(1995, 2024, n)
    koperasi = pd.DataFrame(
        {
            "id_koperasi": ids,
            "nama_koperasi": pd.array([f"Koperasi Uji {i}" for i in range(n)], dtype="string"),
            "jenis": pd.Categorical(
                rng.choice(["konsumen", "produsen", "jasa", "simpan pinjam"], n)
            ),
            "kode_wilayah": pd.array(kab, dtype="string"),
            "kabupaten_kota": pd.array(kab, dtype="string"),
            "kode_provinsi": pd.array([k[:2] for k in kab], dtype="string"),
            "kecamatan": pd.array(rng.choice([f"Kec {i}" for i in range(40)], n), dtype="string"),
            "kode_kecamatan": pd.array([""] * n, dtype="string"),
            "tanggal_badan_hukum": pd.to_datetime(founded.astype(str), format="%Y"),
            "tahun_berdiri": pd.array(founded, dtype="Int64"),
            "jumlah_anggota": pd.array(rng.integers(20, 500, n), dtype="Int64"),
            "status_badan_hukum": pd.array(["berlaku"] * n, dtype="string"),
            "tanggal_status": pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]"),
            "nik": pd.array([None] * n, dtype="string"),
            "keterangan": pd.array([None] * n, dtype="string"),
        }
    )
    tb = np.tile(np.arange(2018, 2018 + years), n)
    who = np.repeat(np.arange(n), years)
    held = rng.random(n * years) < 0.6
    day = rng.integers(10, 300, n * years)
    date = pd.to_datetime((tb + 1).astype(str), format="%Y") + pd.to_timedelta(day, unit="D")
    rat = pd.DataFrame(
        {
            "id_koperasi": ids[who],
            "tahun_buku": tb,
            "tanggal_rat": date.where(held),
            "jumlah_hadir": pd.array(rng.integers(5, 200, n * years), dtype="Int64"),
            "mode": pd.array(rng.choice(["luring", "daring", "hybrid"], n * years), dtype="string"),
            "tanggal_lapor": (
                date + pd.to_timedelta(rng.integers(1, 60, n * years), unit="D")
            ).where(held),
        }
    )
    return Registry(koperasi, rat, None, "bench", (), False)


def analyse(reg: Registry) -> None:
    year = 2018 + YEARS
    summarise(reg, year)
    summarise(reg, list(range(year - 5, year + 1)))
    breakdown(reg, year, by="kecamatan")
    breakdown(reg, year, by="jenis")
    classify(reg, year)
    priority_list(reg, year)


def bench_analysis(repeat: int = 5) -> float:
    reg = big_registry()
    analyse(reg)  # warm-up
    times = []
    for _ in range(repeat):
        _CACHE.clear()  # time the matrices too: no reuse across runs
        t = time.perf_counter()
        analyse(reg)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(
        f"analisis {N_COOP:,} koperasi × {YEARS} tahun buku ({len(reg.rat):,} baris RAT): "
        f"median {med:.3f} s (min {min(times):.3f} s, {repeat} kali)"
    )
    return med


def _wall(cmd: list[str], cwd: str) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - t


def bench_reports(repeat: int = 3) -> None:
    """Whole-process report times against papermill + nbconvert CLIs on an empty notebook."""
    import nbformat

    from kopedu.reports.batch import render_all

    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "kosong.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(nb, empty)
        peer_cmds = [
            [
                str(bin_dir / "papermill"),
                "-p",
                "x",
                "2",
                "--no-progress-bar",
                str(empty),
                "out.ipynb",
            ],
            [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", "out.ipynb"],
        ]
        ours = {
            engine: [str(bin_dir / "kopedu"), "report", "--engine", engine, "--output", "laporan"]
            for engine in ("auto", "kernel")
        }
        peer, mine = [], {e: [] for e in ours}
        for _ in range(repeat):
            peer.append(sum(_wall(c, tmp) for c in peer_cmds))
            for engine, cmd in ours.items():
                mine[engine].append(_wall(cmd, tmp))
        base = statistics.median(peer)
        print(f"pembanding: papermill CLI + nbconvert CLI, notebook kosong: median {base:.2f} s")
        for engine, times in mine.items():
            med = statistics.median(times)
            print(
                f"kopedu report (Kutai Timur 2023, eksekusi + HTML, satu proses, mesin {engine}): "
                f"median {med:.2f} s = {med / base:.2f}× pembanding ({repeat} kali)"
            )
    for contoh in (False, True):
        for workers in (1, 2):
            with tempfile.TemporaryDirectory() as out:
                t = time.perf_counter()
                result = render_all(
                    output_dir=out, workers=workers, progress=False, contoh=contoh or None
                )
                took = time.perf_counter() - t
                n = len(result.rendered)
                print(
                    f"semua laporan ({n} wilayah{', --contoh' if contoh else ''}), "
                    f"{workers} worker: {took:.1f} s = {took * workers / n:.2f} s per laporan "
                    f"per worker (termasuk start proses worker)"
                )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", action="store_true", help="ukur juga laporan wilayah")
    args = parser.parse_args(argv)
    med = bench_analysis()
    if args.reports:
        bench_reports()
    return 0 if med <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
