"""``kopedu registry``: template, check, summary and the synthetic registry.

Examples (shell)::

    kopedu registry template --output templat/
    kopedu registry periksa daftar_koperasi.xlsx
    kopedu registry periksa ekspor_ods.csv --kolom-id "Nomor Induk Koperasi (NIK)" --ketat
    kopedu registry ringkasan daftar_koperasi.xlsx --wilayah Kutim --tahun 2023
    kopedu registry ringkasan --tahun 2024 --wilayah Balikpapan --rincian jenis
    kopedu registry sintetis --output data/registry

``periksa`` loads what it can (lenient), says how the file was read, lists every finding
and every row it left out with the reason and writes those rows to ``ditolak.xlsx``.
Exit code 0 when there is nothing to fix, 1 when a row was left out or a cell needs a
look (a finding), 2 when the file cannot be read; ``--ketat`` refuses the whole file on
any problem (exit code 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kopedu.texts import say

if TYPE_CHECKING:
    from kopedu.registry import Registry


def register(sub: argparse._SubParsersAction) -> None:
    from kopedu.cli import year

    help_ = say("cli", "reg.help")
    p = sub.add_parser("registry", help=help_, description=help_)
    rs = p.add_subparsers(dest="registry_command", metavar="TINDAKAN", required=True)

    t = rs.add_parser("template", aliases=["templat"], help=say("cli", "reg.template"))
    t.add_argument("--output", "-o", default="templat_registry", help=say("cli", "reg.folder"))
    t.set_defaults(func=run_template)

    c = rs.add_parser("periksa", aliases=["check"], help=say("cli", "reg.check"))
    _file_arguments(c, optional=False)
    c.add_argument(
        "--ditolak", type=Path, default=Path("ditolak.xlsx"), help=say("cli", "reg.rejected_file")
    )
    c.set_defaults(func=run_check)

    s = rs.add_parser("ringkasan", aliases=["summary"], help=say("cli", "reg.summary"))
    _file_arguments(s, optional=True)
    s.add_argument("--region", "--wilayah", help=say("cli", "reg.region"))
    s.add_argument("--year", "--tahun", type=year, action="append", help=say("cli", "reg.year"))
    s.add_argument("--definition", "--definisi", default=None, help=say("cli", "reg.definition"))
    s.add_argument("--by", "--rincian", choices=["kecamatan", "jenis", "kabupaten_kota"])
    s.add_argument("--output", "-o", help=say("cli", "reg.output"))
    s.set_defaults(func=run_summary)

    g = rs.add_parser("sintetis", aliases=["synthetic"], help=say("cli", "reg.synthetic"))
    g.add_argument("--output", "-o", help=say("cli", "reg.synthetic_folder"))
    g.set_defaults(func=run_synthetic)


def _file_arguments(p: argparse.ArgumentParser, *, optional: bool) -> None:
    p.add_argument("file", nargs="?" if optional else None, help=say("cli", "reg.file"))
    p.add_argument("--rat", help=say("cli", "reg.rat"))
    p.add_argument("--kolom-id", dest="id_column", help=say("cli", "reg.id_column"))
    p.add_argument("--ketat", "--strict", dest="strict", action="store_true",
                   help=say("cli", "reg.strict"))  # fmt: skip


def _load(args: argparse.Namespace) -> Registry:
    from kopedu.registry import load_registry, load_synthetic

    if args.file is None:
        return load_synthetic()
    return load_registry(args.file, rat=args.rat, strict=args.strict, id_column=args.id_column)


def run_template(args: argparse.Namespace) -> int:
    from kopedu.registry import write_template

    for path in write_template(args.output):
        print(path)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from kopedu.formatting import format_number
    from kopedu.texts import language

    reg = _load(args)
    lang = language()

    def n(value: int) -> str:
        return format_number(value, language=lang)

    for sheet, c in reg.rows.items():
        print(
            say("cli", "reg.read", sheet=sheet, rows=n(c["baris"]), loaded=n(c["dimuat"]),
                rejected=n(c["ditolak"]), skipped=n(c["dilewati"]), blank=n(c["kosong"]))
        )  # fmt: skip
    print(
        say("cli", "reg.loaded", source=reg.source, kop=n(len(reg.koperasi)), rat=n(len(reg.rat)))
    )
    note = say("cli", "note")
    for p in reg.notes:
        print(f"  {note}: {p}")
    left_out = {(str(s or ""), r) for s, r in zip(reg.rejected["sheet"], reg.rejected["baris"],
                                                    strict=True)}  # fmt: skip
    kept = [f for f in reg.findings if (str(f.sheet or ""), f.row) not in left_out]
    for f in kept:  # the rows left out are listed below, with every reason
        print(f"  {say('cli', 'reg.finding')}: {f}")
    if reg.rejected.empty:
        return 1 if kept else 0
    print(say("cli", "reg.rejected", n=n(len(reg.rejected))))
    reasons: dict[tuple[str, object], list[str]] = {}
    for f in reg.findings:  # every reason of a row, each naming its column
        reasons.setdefault((str(f.sheet or ""), f.row), []).append(str(f))
    for sheet, row in zip(reg.rejected["sheet"], reg.rejected["baris"], strict=True):
        for line in reasons.get((str(sheet or ""), row), []):
            print(f"  - {line}")
    written = _write_rejected(args.ditolak, reg)
    print(say("cli", "reg.rejected_saved", path=written))
    return 1


def _write_rejected(path: Path, reg: Registry) -> Path:
    """The rejected rows, with their reasons and cells as written, in the one XLSX writer."""
    from kopedu.io.xlsx import Table, write_xlsx
    from kopedu.texts import language

    region = ["kode_wilayah", "kode_kecamatan", "wilayah_tidak_diketahui"]
    frame = reg.rejected.drop(columns=[c for c in region if c in reg.rejected]).rename(
        columns={
            "berkas": say("cli", "reg.col_file"),
            "sheet": say("cli", "reg.col_sheet"),
            "baris": say("cli", "reg.col_row"),
            "alasan": say("cli", "reg.col_reason"),
            "perbaikan": say("cli", "reg.col_fix"),
        }
    )
    frame = frame.astype(object).where(frame.notna(), None)
    title = say("cli", "reg.rejected_title", source=reg.source)
    table = Table(
        say("cli", "reg.rejected_sheet"),
        frame,
        kinds={c: "text" for c in frame.columns if c != say("cli", "reg.col_row")},
    )
    return write_xlsx(path, [table], title=title, language=language())


def run_summary(args: argparse.Namespace) -> int:
    from kopedu.formatting import format_percent
    from kopedu.registry import SYNTHETIC_LABEL, priority_list, summarise, write_csv, write_xlsx

    reg = _load(args)
    if args.region:
        reg = reg.for_region(args.region)
    table = summarise(reg, args.year, args.definition, by=args.by)
    if reg.synthetic:
        print(f"[{SYNTHETIC_LABEL}]")
    shown = table.assign(
        persen_rat=table["persen_rat"].map(lambda v: "–" if v != v else format_percent(v))
    )
    print(shown.to_string(index=False))
    if args.output:
        out = Path(args.output)
        if out.suffix.lower() == ".csv":
            write_csv(table, out)
        else:
            years = table["tahun"].unique().tolist()
            prio = priority_list(reg, int(max(years)), args.definition)
            write_xlsx({"ringkasan": table, "prioritas": prio}, out.with_suffix(".xlsx"))
        print(say("cli", "reg.written", path=out), file=sys.stderr)
    return 0


def run_synthetic(args: argparse.Namespace) -> int:
    from kopedu.registry import write_synthetic

    for path in write_synthetic(args.output):
        print(path)
    return 0
