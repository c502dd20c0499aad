"""Deterministic journal generator for the trial-balance benchmark.

Writes the *same* journal in four formats: kopedu CSV, ledger/hledger journal and
beancount. Transactions have 2–4 postings (2.58 on average), whole rupiah, dates
across 2024, accounts from the bundled KSP chart.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kopedu.accounting import load_chart

__all__ = ["generate", "write_all"]

_BEAN_ROOT = {
    "aset": "Assets",
    "kewajiban": "Liabilities",
    "ekuitas": "Equity",
    "pendapatan": "Income",
    "beban": "Expenses",
}


def generate(transactions: int, seed: int = 20240101) -> pd.DataFrame:
    """Postings of ``transactions`` balanced transactions (vectorised).

    Returns a frame with ``txn`` (0-based), ``date`` (ISO text), ``code``, ``debit``,
    ``kredit`` and ``first`` (first posting of its transaction).
    """
    rng = np.random.default_rng(seed)
    codes = np.array(load_chart("ksp").accounts.index, dtype=object)
    n_lines = rng.choice([2, 3, 4], size=transactions, p=[0.55, 0.32, 0.13])
    total = int(n_lines.sum())
    txn = np.repeat(np.arange(transactions), n_lines)
    starts = np.r_[0, np.cumsum(n_lines)[:-1]]
    pos = np.arange(total) - np.repeat(starts, n_lines)
    last = pos == np.repeat(n_lines, n_lines) - 1
    # Every line but the last is a debit (first) or kredit; the last line balances.
    amount = rng.integers(1, 50_000, size=total) * 1_000
    side = np.where(pos == 0, 1, np.where(rng.random(total) < 0.5, 1, -1))
    signed = np.where(last, 0, amount * side)
    balance = np.bincount(txn, weights=signed, minlength=transactions).astype(np.int64)
    # Amounts are multiples of 1,000 below 50 M and at most 3 per transaction, so the
    # float bincount above is exact; the last line takes the opposite of the sum.
    signed[last] = -balance
    zero = last & (signed == 0)
    signed[zero] = 0  # a zero last line is harmless but we avoid it below
    fix = np.flatnonzero(zero)
    signed[fix - 1] += 1_000
    signed[fix] = -1_000
    days = rng.integers(0, 366, size=transactions)
    dates = (np.datetime64("2024-01-01") + np.sort(days)).astype(str)
    return pd.DataFrame(
        {
            "txn": txn,
            "date": dates[txn],
            "code": codes[rng.integers(0, len(codes), size=total)],
            "debit": np.where(signed > 0, signed, 0),
            "kredit": np.where(signed < 0, -signed, 0),
            "first": pos == 0,
        }
    )


def write_all(postings: pd.DataFrame, folder: Path) -> dict[str, Path]:
    """Write the journal as ``jurnal.csv``, ``jurnal.ledger`` and ``jurnal.beancount``."""
    folder.mkdir(parents=True, exist_ok=True)
    chart = load_chart("ksp").accounts
    voucher = "B" + postings["txn"].astype(str).str.zfill(7)
    desc = np.where(postings["first"], "transaksi " + voucher, "")

    csv_path = folder / "jurnal.csv"
    pd.DataFrame(
        {
            "tanggal": postings["date"],
            "bukti": voucher,
            "akun": postings["code"],
            "debit": postings["debit"],
            "kredit": postings["kredit"],
            "keterangan": desc,
        }
    ).to_csv(csv_path, index=False)

    amount = (postings["debit"] - postings["kredit"]).astype(str)
    kelas = chart["kelas"].reindex(postings["code"]).to_numpy()
    first = postings["first"].to_numpy()

    def text(head: pd.Series, line: pd.Series, header: str) -> str:
        parts = np.where(first, head + "\n" + line, line)
        return header + "\n".join(parts.tolist()) + "\n"

    ledger_acct = pd.Series(kelas, dtype=object) + ":" + postings["code"].to_numpy()
    head = postings["date"] + " * " + voucher + " transaksi"
    ledger_path = folder / "jurnal.ledger"
    ledger_path.write_text(text(head, "    " + ledger_acct + "  " + amount, ""), encoding="utf-8")

    bean_acct = pd.Series(kelas, dtype=object).map(_BEAN_ROOT) + ":A" + postings["code"].to_numpy()
    opens = "".join(
        f"2023-12-31 open {_BEAN_ROOT[k]}:A{c} IDR\n"
        for c, k in zip(chart.index, chart["kelas"], strict=True)
    )
    bean_head = postings["date"] + ' * "' + voucher + '"'
    bean_path = folder / "jurnal.beancount"
    bean_path.write_text(
        text(
            bean_head,
            "  " + bean_acct + "  " + amount + " IDR",
            'option "operating_currency" "IDR"\n' + opens + "\n",
        ),
        encoding="utf-8",
    )
    return {"kopedu": csv_path, "ledger": ledger_path, "beancount": bean_path}


if __name__ == "__main__":
    import sys

    n, folder = int(sys.argv[1]), Path(sys.argv[2])
    postings = generate(n)
    write_all(postings, folder)
    print(len(postings))
