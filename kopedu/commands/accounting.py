"""``kopedu neraca-saldo``: check a journal file and print its trial balance.

The output says how the file was read — rows read, lines loaded, rows left out and why
(the notes: delimiter, sheet, blank rows, account names read through a spelling or a
textbook synonym), what was inferred for a chart of only codes and names — then the
trial balance, the findings and whether it balances. Exit code 0 when it balances
without findings, 1 otherwise, 2 when the journal or chart cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kopedu.texts import say


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kopedu neraca-saldo`` to the ``kopedu`` command's subcommands.

    The parsed command line's ``func`` is :func:`run`.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="kopedu")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["neraca-saldo", "jurnal.csv", "--tahun-buku", "2024"])
    >>> args.jurnal.name, args.tahun_buku, args.bagan, args.func is run
    ('jurnal.csv', 2024, 'ksp', True)
    """
    from kopedu.cli import year

    help_ = say("cli", "tb.help")
    p = sub.add_parser("neraca-saldo", help=help_, description=help_)
    p.add_argument("jurnal", type=Path, help=say("cli", "tb.journal"))
    p.add_argument("--bagan", default="ksp", help=say("cli", "tb.chart"))
    p.add_argument("--tahun-buku", type=year, help=say("cli", "tb.year"))
    p.add_argument(
        "--lembar", "--sheet", dest="sheet", metavar="LEMBAR", help=say("cli", "tb.sheet")
    )
    p.add_argument("--xlsx", type=Path, help=say("cli", "tb.xlsx"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check a journal file and print how it was read and its trial balance.

    ``args`` is the parsed ``kopedu neraca-saldo`` command line.

    Returns
    -------
    int
        0 when the journal balances without findings, 1 otherwise. A journal or chart
        that cannot be read raises :class:`~kopedu.errors.KopeduError` (exit code 2 from
        :func:`kopedu.cli.main`).
    """
    import pandas as pd

    from kopedu.accounting import load_chart, run_trial_balance, table_text, trial_balance_totals
    from kopedu.errors import DataValidationError, Problem
    from kopedu.formatting import format_number
    from kopedu.texts import language

    chart = load_chart(args.bagan if args.bagan in ("ksp", "serba_usaha") else Path(args.bagan))
    result = run_trial_balance(args.jurnal, chart, tahun_buku=args.tahun_buku, sheet=args.sheet)
    if result.postings == 0:  # a header and nothing under it: no trial balance to show
        name = Path(args.jurnal).name
        raise DataValidationError(name, [Problem.from_catalogue("header.no_rows", name)])
    tb, findings = result.trial_balance, result.findings
    note = say("cli", "note")
    inferred = chart.inferences
    if not inferred.empty:
        print(say("cli", "tb.inferred", name=chart.name, n=inferred["kode"].nunique()))
        for (code, name), rows in inferred.groupby(["kode", "nama"], sort=False):
            what = ", ".join(f"{k}={v}" for k, v in zip(rows["kolom"], rows["nilai"], strict=True))
            basis = "; ".join(dict.fromkeys(rows["dasar"]))
            print(f"  {code} {name}: {what} ({basis})")
    print(
        say(
            "cli",
            "tb.read_skipped" if result.skipped else "tb.read",
            name=Path(args.jurnal).name,
            rows=format_number(result.rows, language=language()),
            postings=format_number(result.postings, language=language()),
            skipped=format_number(result.skipped, language=language()),
        )
    )
    for n in result.notes:
        print(f"  {note}: {n}")
    print(table_text(tb[["kode", "nama", "debit", "kredit"]], total=True))
    debit, kredit = trial_balance_totals(tb)
    if args.xlsx:
        written = _write_xlsx(args.xlsx, Path(args.jurnal).name, tb, findings, result.notes)
        print("\n" + say("cli", "saved", path=written))
    if not findings.empty:
        print("\n" + say("cli", "tb.findings", n=len(findings)))
        name = Path(args.jurnal).name
        for row, pesan in zip(findings["baris"], findings["pesan"], strict=True):
            where = name if pd.isna(row) else f"{name}, {say('io', 'where_row', row=int(row))}"
            print(f"  - {where}: {pesan}")
    print("\n" + say("cli", "tb.balanced" if debit == kredit else "tb.unbalanced"))
    return 0 if findings.empty and debit == kredit else 1


def _write_xlsx(path: Path, name: str, tb, findings, notes) -> Path:
    """The trial balance, the findings and the notes in kopedu's one XLSX writer."""
    import pandas as pd

    from kopedu.io.xlsx import Table, write_xlsx
    from kopedu.texts import language

    def labels(frame: pd.DataFrame, keys: dict[str, str]) -> pd.DataFrame:
        return frame[list(keys)].rename(columns={k: say("cli", v) for k, v in keys.items()})

    tb_cols = {"kode": "tb.col_code", "nama": "tb.col_name", "debit": "tb.col_debit",
               "kredit": "tb.col_kredit"}  # fmt: skip
    finding_cols = {
        "entri": "tb.col_entry",
        "bukti": "tb.col_voucher",
        "tanggal": "tb.col_date",
        "baris": "tb.col_row",
        "akun": "tb.col_account",
        "jenis": "tb.col_kind",
        "pesan": "tb.col_message",
    }
    tables = [
        Table(
            say("cli", "tb.sheet_tb"),
            labels(tb, tb_cols),
            kinds={say("cli", "tb.col_code"): "code"},
        ),
        Table(say("cli", "tb.sheet_findings"), labels(findings, finding_cols)),
        Table(
            say("cli", "tb.sheet_notes"),
            pd.DataFrame({say("cli", "tb.col_note"): [str(n) for n in notes]}),
        ),
    ]
    return write_xlsx(path, tables, title=say("cli", "tb.title", name=name), language=language())
