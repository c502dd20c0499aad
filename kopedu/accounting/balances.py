"""Posting: general ledger, trial balance, adjustments and the worksheet.

All amounts are int64 rupiah summed exactly; whether a trial balance balances is
an integer comparison (:func:`trial_balance_totals`), never a float test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kopedu.accounting.chart import Chart
from kopedu.accounting.journal import concat_journals

__all__ = [
    "account_balances",
    "adjusted_trial_balance",
    "general_ledger",
    "trial_balance",
    "trial_balance_totals",
    "worksheet",
]

_UNKNOWN = "(tidak ada di bagan akun)"


def account_balances(journal: pd.DataFrame, chart: Chart) -> pd.DataFrame:
    """Debit and kredit totals and the net balance of every account of the chart.

    Accounts used in the journal but missing from the chart are appended (with
    ``kelas`` empty) so that nothing is silently dropped.

    Returns
    -------
    DataFrame
        Indexed by code: ``nama``, ``kelas``, ``kelompok``, ``tanda``,
        ``mutasi_debit``, ``mutasi_kredit``, ``saldo`` (= debit − kredit, int64).

    Examples
    --------
    >>> from kopedu.accounting import load_chart, parse_journal
    >>> chart = load_chart("ksp")
    >>> j = parse_journal('''
    ... 2024-04-02 BKM-001 Setoran simpanan pokok
    ...   D Kas 100
    ...   K Simpanan pokok 100
    ... ''', chart)
    >>> account_balances(j, chart).loc[["1101", "3101"], "saldo"].tolist()
    [100, -100]
    """
    akun = journal["akun"]
    if akun.dtype != "category":
        akun = akun.astype(str).astype("category")
    codes = akun.array.codes  # the codes array itself (no Series copy)
    cats = akun.cat.categories.astype(str)
    # Exact int64 sums per account (np.add.at: integer adds, no float weights, no sort).
    used = codes >= 0
    everything = bool(used.all())  # the usual case: no copy of the codes
    idx = codes if everything else codes[used]
    totals = {}
    for col, name in (("d", "debit"), ("k", "kredit")):
        values = journal[name].to_numpy(dtype="int64")
        totals[col] = np.zeros(len(cats), "int64")
        np.add.at(totals[col], idx, values if everything else values[used])
    sums = pd.DataFrame(totals, index=cats)[np.bincount(idx, minlength=len(cats)) > 0]
    index = chart.accounts.index.append(sums.index.difference(chart.accounts.index))
    out = chart.accounts.reindex(index)[["nama", "kelas", "kelompok", "tanda"]].copy()
    unknown = ~index.isin(chart.accounts.index)
    out.loc[unknown, "nama"] = _UNKNOWN
    out.loc[unknown, ["kelas", "kelompok"]] = ""
    out["tanda"] = out["tanda"].fillna(1).astype("int64")
    sums = sums.reindex(index, fill_value=0).astype("int64")
    out["mutasi_debit"] = sums["d"].to_numpy()
    out["mutasi_kredit"] = sums["k"].to_numpy()
    out["saldo"] = out["mutasi_debit"] - out["mutasi_kredit"]
    return out


def trial_balance(
    journal: pd.DataFrame, chart: Chart, *, include_zero: bool = False
) -> pd.DataFrame:
    """Neraca saldo: each account's balance in the debit or the kredit column.

    Parameters
    ----------
    journal : DataFrame
        Postings frame.
    chart : Chart
        Chart of accounts (its order is the order of the rows).
    include_zero : bool, default False
        Keep accounts whose balance is zero.

    Returns
    -------
    DataFrame
        Columns ``kode``, ``nama``, ``kelas``, ``debit``, ``kredit`` (int64).

    Examples
    --------
    >>> from kopedu.accounting import load_chart, parse_journal
    >>> chart = load_chart("ksp")
    >>> j = parse_journal('''
    ... 2024-04-06 BKK-002 Beli peralatan
    ...   D Peralatan dan inventaris 22.000.000
    ...   K Kas                       7.000.000
    ...   K Utang usaha              15.000.000
    ... ''', chart)
    >>> tb = trial_balance(j, chart)
    >>> trial_balance_totals(tb)
    (22000000, 22000000)
    """
    bal = account_balances(journal, chart)
    if not include_zero:
        bal = bal[(bal["saldo"] != 0) | (bal["mutasi_debit"] != 0) | (bal["mutasi_kredit"] != 0)]
        bal = bal[bal["saldo"] != 0]
    saldo = bal["saldo"].to_numpy()
    return pd.DataFrame(
        {
            "kode": bal.index.to_numpy(dtype=object),
            "nama": bal["nama"].to_numpy(dtype=object),
            "kelas": bal["kelas"].to_numpy(dtype=object),
            "debit": np.where(saldo > 0, saldo, 0).astype("int64"),
            "kredit": np.where(saldo < 0, -saldo, 0).astype("int64"),
        }
    )


def trial_balance_totals(tb: pd.DataFrame) -> tuple[int, int]:
    """Total of the debit and kredit columns as exact Python ints."""
    return int(tb["debit"].sum()), int(tb["kredit"].sum())


def general_ledger(journal: pd.DataFrame, chart: Chart, account: str) -> pd.DataFrame:
    """Buku besar of one account with a running balance on its normal side.

    Examples
    --------
    >>> from kopedu.accounting import load_chart, parse_journal
    >>> chart = load_chart("ksp")
    >>> j = parse_journal('''
    ... 2024-04-02 A1 setor
    ...   D Kas 100
    ...   K Simpanan pokok 100
    ... 2024-04-07 A2 beli
    ...   D Perlengkapan 30
    ...   K Kas 30
    ... ''', chart)
    >>> general_ledger(j, chart, "Kas")["saldo"].tolist()
    [100, 70]
    """
    acct = chart.account(account)
    rows = journal[journal["akun"].astype(str) == acct.code]
    sign = 1 if acct.normal_side.value == "debit" else -1
    out = rows[["tanggal", "bukti", "keterangan", "debit", "kredit"]].reset_index(drop=True)
    out["saldo"] = ((out["debit"] - out["kredit"]) * sign).cumsum().astype("int64")
    return out


def adjusted_trial_balance(
    journal: pd.DataFrame, adjustments: pd.DataFrame, chart: Chart
) -> pd.DataFrame:
    """Neraca saldo disesuaikan: the trial balance after the adjusting entries."""
    return trial_balance(concat_journals([journal, adjustments], chart), chart)


def worksheet(journal: pd.DataFrame, adjustments: pd.DataFrame, chart: Chart) -> pd.DataFrame:
    """Kertas kerja (worksheet) with ten money columns and the SHU line.

    Columns: ``ns_*`` (neraca saldo), ``penyesuaian_*``, ``nsd_*`` (neraca saldo
    disesuaikan), ``phu_*`` (perhitungan hasil usaha: pendapatan and beban) and
    ``neraca_*`` (aset, kewajiban, ekuitas), each ``_debit``/``_kredit``. The last row,
    *SHU tahun berjalan*, balances the PHU columns and carries SHU to the neraca
    columns, so every pair of columns has equal totals.
    """
    before = account_balances(journal, chart)["saldo"]
    adj = account_balances(adjustments, chart)
    after = before.reindex(adj.index, fill_value=0) + adj["saldo"]
    idx = adj.index[
        (before.reindex(adj.index, fill_value=0) != 0)
        | (adj["mutasi_debit"] != 0)
        | (adj["mutasi_kredit"] != 0)
        | (after != 0)
    ]
    b = before.reindex(idx, fill_value=0).to_numpy()
    a = after.reindex(idx).to_numpy()
    kelas = adj.loc[idx, "kelas"].to_numpy()
    nominal = np.isin(kelas, ["pendapatan", "beban"])

    def dr(v: np.ndarray) -> np.ndarray:
        return np.where(v > 0, v, 0).astype("int64")

    def cr(v: np.ndarray) -> np.ndarray:
        return np.where(v < 0, -v, 0).astype("int64")

    ws = pd.DataFrame(
        {
            "kode": idx.to_numpy(dtype=object),
            "nama": adj.loc[idx, "nama"].to_numpy(dtype=object),
            "ns_debit": dr(b),
            "ns_kredit": cr(b),
            "penyesuaian_debit": adj.loc[idx, "mutasi_debit"].to_numpy(dtype="int64"),
            "penyesuaian_kredit": adj.loc[idx, "mutasi_kredit"].to_numpy(dtype="int64"),
            "nsd_debit": dr(a),
            "nsd_kredit": cr(a),
            "phu_debit": dr(np.where(nominal, a, 0)),
            "phu_kredit": cr(np.where(nominal, a, 0)),
            "neraca_debit": dr(np.where(nominal, 0, a)),
            "neraca_kredit": cr(np.where(nominal, 0, a)),
        }
    )
    shu = int(ws["phu_kredit"].sum()) - int(ws["phu_debit"].sum())
    line: dict[str, object] = dict.fromkeys(ws.columns[2:], 0)
    line.update(kode="", nama="SHU tahun berjalan")
    if shu >= 0:
        line.update(phu_debit=shu, neraca_kredit=shu)
    else:
        line.update(phu_kredit=-shu, neraca_debit=-shu)
    ws = pd.concat([ws, pd.DataFrame([line])], ignore_index=True)
    money = ws.columns[2:]
    ws[money] = ws[money].astype("int64")
    return ws
