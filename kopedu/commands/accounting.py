"""``kopedu neraca-saldo``: check a journal file and print its trial balance."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "periksa jurnal (CSV/XLSX) dan tampilkan neraca saldonya"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("neraca-saldo", help=HELP, description=HELP)
    p.add_argument("jurnal", type=Path, help="berkas jurnal: tanggal, bukti, akun, debit, kredit")
    p.add_argument(
        "--bagan",
        default="ksp",
        help="bagan akun: ksp, serba_usaha, atau berkas CSV/XLSX sendiri (bawaan: ksp)",
    )
    p.add_argument("--tahun-buku", type=int, help="periksa juga tanggal di luar tahun buku ini")
    p.add_argument("--xlsx", type=Path, help="simpan neraca saldo dan temuan ke berkas Excel")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kopedu.accounting import (
        export_xlsx,
        load_chart,
        table_text,
        trial_balance_totals,
        validated_trial_balance,
    )

    chart = load_chart(args.bagan if args.bagan in ("ksp", "serba_usaha") else Path(args.bagan))
    tb, findings = validated_trial_balance(args.jurnal, chart, tahun_buku=args.tahun_buku)
    print(table_text(tb[["kode", "nama", "debit", "kredit"]], total=True))
    debit, kredit = trial_balance_totals(tb)
    if args.xlsx:
        export_xlsx({"Neraca saldo": tb, "Temuan": findings}, args.xlsx)
        print(f"\nDisimpan: {args.xlsx}")
    if not findings.empty:
        print(f"\n{len(findings)} temuan:")
        for pesan in findings["pesan"]:
            print(f"  - {pesan}")
    print("\nSeimbang." if debit == kredit else "\nTIDAK seimbang.")
    return 0 if findings.empty and debit == kredit else 1
