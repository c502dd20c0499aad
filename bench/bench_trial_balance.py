"""Benchmark: journal CSV → validated trial balance, kopedu vs ledger, hledger, beancount.

One deterministic journal (``bench/accounting_journalgen.py``: 2–4 postings per
transaction, 2.58 on average, whole rupiah, one year, the KSP teaching chart) is
written in each tool's format into a temporary folder, then each tool runs as a
whole process in the same session:

* kopedu — its program, ``kopedu neraca-saldo jurnal.csv --tahun-buku 2024`` (what a
  trainer runs; run as ``python -m kopedu.cli``): read and validate the CSV
  (``read_journal``), check every entry (``check_journal``: balance, accounts,
  fiscal year, duplicate vouchers …), build and print the trial balance;
* ``ledger -f jurnal.ledger balance`` and ``hledger -f jurnal.ledger balance``;
* ``bean-check --no-cache jurnal.beancount`` (parse, balance, validate).

Wall time is the median of ``--runs`` runs after one warm-up (peers: ``--peer-runs``);
peak memory is the child's maximum resident set (``os.wait4``). This script itself
imports only the standard library — generating the journal runs in a subprocess —
because a child forked from a big parent would report the parent's memory as its
own peak. Before timing, the per-account balances of kopedu and hledger (or ledger)
are compared, so all tools agree on the numbers.

Usage::

    .venv/bin/python bench/bench_trial_balance.py                      # 100,000 transactions
    .venv/bin/python bench/bench_trial_balance.py --transactions 1000000
    .venv/bin/python bench/bench_trial_balance.py --install            # apt/pip the peers

Peers: ``apt-get install ledger hledger`` (Debian) and ``pip install beancount`` (the
script uses ``bean-check`` from PATH or from the cache venv that ``--install`` makes
in ``~/.cache/kopedu-bench/beancount``). A missing peer is skipped with a message.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BEAN_VENV = Path.home() / ".cache" / "kopedu-bench" / "beancount"
TARGETS = {"ledger": 10, "hledger": 50, "beancount": 100}


def run_measured(cmd: list[str]) -> tuple[float, int, str]:
    """Run ``cmd``; wall seconds, the child's own peak RSS (bytes) and its stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read pipes in full first, then reap with wait4 to get this child's rusage.
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{cmd[0]} gagal ({proc.returncode}): {err.decode()[:500]}")
    return wall, usage.ru_maxrss * 1024, out.decode()


def find_peers(install: bool) -> dict[str, list[str] | None]:
    if install:
        if shutil.which("ledger") is None or shutil.which("hledger") is None:
            print("memasang ledger dan hledger (apt-get) …", flush=True)
            subprocess.run(["apt-get", "update", "-qq"], check=False)
            subprocess.run(["apt-get", "install", "-y", "-qq", "ledger", "hledger"], check=False)
        if shutil.which("bean-check") is None and not (BEAN_VENV / "bin" / "bean-check").exists():
            print(f"memasang beancount di {BEAN_VENV} (pip) …", flush=True)
            subprocess.run([sys.executable, "-m", "venv", str(BEAN_VENV)], check=True)
            subprocess.run(
                [str(BEAN_VENV / "bin" / "pip"), "install", "-q", "beancount"], check=False
            )
    bean = shutil.which("bean-check") or (
        str(BEAN_VENV / "bin" / "bean-check")
        if (BEAN_VENV / "bin" / "bean-check").exists()
        else None
    )
    return {
        "ledger": [shutil.which("ledger"), "-f", "{ledger}", "balance"]
        if shutil.which("ledger") else None,
        "hledger": [shutil.which("hledger"), "-f", "{ledger}", "balance"]
        if shutil.which("hledger") else None,
        "beancount": [bean, "--no-cache", "{beancount}"] if bean else None,
    }  # fmt: skip


def check_agreement(paths: dict[str, Path]) -> str:
    """Compare per-account balances of kopedu and hledger/ledger (not timed)."""
    _, _, out = run_measured(
        [sys.executable, str(HERE / "accounting_tb_run.py"), str(paths["kopedu"]), "--balances"]
    )
    ours = {code: int(v) for code, v in (line.split("\t") for line in out.splitlines())}
    ours = {k: v for k, v in ours.items() if v}
    if shutil.which("hledger"):
        out = subprocess.run(
            ["hledger", "-f", str(paths["ledger"]), "balance", "--flat", "-O", "csv",
             "--no-total"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        rows = [line.replace('"', "").split(",") for line in out.splitlines()[1:]]
        theirs = {acct.split(":")[-1]: int(amount) for acct, amount in rows if amount}
        tool = "hledger"
    elif shutil.which("ledger"):
        out = subprocess.run(
            ["ledger", "-f", str(paths["ledger"]), "balance", "--flat", "--no-total",
             "--balance-format", "%(account)\t%(quantity(display_amount))\n"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        theirs = {}
        for line in out.splitlines():
            acct, amount = line.split("\t")
            theirs[acct.split(":")[-1]] = int(amount.replace(",", ""))
        tool = "ledger"
    else:
        return "tidak ada hledger/ledger untuk mencocokkan saldo"
    theirs = {k: v for k, v in theirs.items() if v}
    if theirs != ours:
        diff = sorted(set(theirs.items()) ^ set(ours.items()))[:6]
        raise SystemExit(f"Saldo per akun kopedu dan {tool} berbeda: {diff}")
    return f"saldo {len(ours)} akun sama persis dengan {tool}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--transactions", type=int, default=100_000, help="jumlah transaksi")
    ap.add_argument("--runs", type=int, default=5, help="pengulangan kopedu (median)")
    ap.add_argument("--peer-runs", type=int, default=1, help="pengulangan alat pembanding")
    ap.add_argument("--install", action="store_true", help="pasang ledger/hledger/beancount")
    ap.add_argument("--skip", nargs="*", default=[], help="lewati alat, mis. --skip beancount")
    ap.add_argument("--keep", action="store_true", help="jangan hapus folder sementara")
    args = ap.parse_args(argv)

    peers = find_peers(args.install)
    tmp = Path(tempfile.mkdtemp(prefix="kopedu-bench-"))
    try:
        t = time.perf_counter()
        gen = [sys.executable, str(HERE / "accounting_journalgen.py"), str(args.transactions)]
        _, _, out = run_measured([*gen, str(tmp)])
        paths = {
            "kopedu": tmp / "jurnal.csv",
            "ledger": tmp / "jurnal.ledger",
            "beancount": tmp / "jurnal.beancount",
        }
        size = paths["kopedu"].stat().st_size / 2**20
        print(
            f"jurnal: {args.transactions:,} transaksi, {int(out):,} baris posting, "
            f"CSV {size:.0f} MiB ({time.perf_counter() - t:.1f} s untuk membuat) di {tmp}"
        )
        print(check_agreement(paths), flush=True)

        # The program trainers run, measured like the peers' programs.
        ours_cmd = [sys.executable, "-m", "kopedu.cli", "neraca-saldo", str(paths["kopedu"])]
        ours_cmd += ["--tahun-buku", "2024"]
        run_measured(ours_cmd)  # warm-up (file cache, bytecode)
        results: dict[str, tuple[float, int]] = {}
        walls, peaks = [], []
        for _ in range(args.runs):
            wall, peak, out = run_measured(ours_cmd)
            walls.append(wall)
            peaks.append(peak)
        print(f"kopedu: {out.strip().splitlines()[-1]}")  # "Seimbang." and no findings
        runs = ", ".join(f"{w:.2f}" for w in sorted(walls))
        print(f"kopedu, {args.runs} kali (s): {runs}", flush=True)
        results["kopedu"] = (statistics.median(walls), max(peaks))
        for name, cmd in peers.items():
            if name in args.skip:
                print(f"{name}: dilewati (--skip)")
                continue
            if cmd is None:
                print(
                    f"{name}: tidak terpasang — dilewati (jalankan dengan --install, atau "
                    f"apt-get install ledger hledger / pip install beancount)"
                )
                continue
            cmd = [c.format(ledger=paths["ledger"], beancount=paths["beancount"]) for c in cmd]
            walls, peaks = [], []
            for _ in range(args.peer_runs):
                wall, peak, _out = run_measured(cmd)
                walls.append(wall)
                peaks.append(peak)
            results[name] = (statistics.median(walls), max(peaks))
            print(f"{name}: {results[name][0]:.2f} s", flush=True)

        base = results["kopedu"][0]
        print()
        print(f"{'alat':<10} {'waktu (s)':>10} {'memori puncak':>14} {'× kopedu':>9} {'target':>8}")
        for name, (wall, peak) in results.items():
            ratio = wall / base
            target = f"≥ {TARGETS[name]}×" if name in TARGETS else "≤ 1,2 s"
            print(f"{name:<10} {wall:>10.2f} {peak / 2**20:>10.0f} MiB {ratio:>8.1f}× {target:>8}")
        wall, peak = results["kopedu"]
        print(
            f"\nkopedu: {wall:.2f} s (target ≤ 1,2 s), {peak / 2**20:.0f} MiB (target ≤ 400 MiB)"
            f"; mesin: {os.cpu_count()} CPU, beban rata-rata {os.getloadavg()[0]:.1f}"
        )
    finally:
        if args.keep:
            print(f"folder disimpan: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
