"""kopedu's library calls for the benchmark: journal CSV → validated trial balance.

``bench_trial_balance.py`` uses it to compare every account's balance with hledger's
before timing (the timed command is the ``kopedu neraca-saldo`` program itself); run
alone it times the library without the program around it.

Usage: python bench/accounting_tb_run.py JOURNAL.csv [--balances]

With ``--balances`` it prints every account's balance (debit − kredit) as
``code<TAB>amount`` so the benchmark can compare them with the other tools.
"""

from __future__ import annotations

import sys

from kopedu.accounting import trial_balance_totals, validated_trial_balance


def main(path: str, balances: bool = False) -> int:
    tb, findings = validated_trial_balance(path, "ksp", tahun_buku=2024)
    debit, kredit = trial_balance_totals(tb)
    if balances:
        for code, d, k in zip(tb["kode"], tb["debit"], tb["kredit"], strict=True):
            print(f"{code}\t{int(d) - int(k)}")
    else:
        print(f"{len(tb)} akun, debit {debit} = kredit {kredit}, temuan {len(findings)}")
    return 0 if debit == kredit and findings.empty else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--balances" in sys.argv[2:]))
