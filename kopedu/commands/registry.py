"""``kopedu registry``: template, check, summary and the synthetic registry.

Examples (shell)::

    kopedu registry template --output templat/
    kopedu registry periksa daftar_koperasi.xlsx
    kopedu registry ringkasan daftar_koperasi.xlsx --wilayah Kutim --tahun 2023
    kopedu registry ringkasan --tahun 2024 --wilayah Balikpapan --rincian jenis
    kopedu registry sintetis --output data/registry
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kopedu.registry import Registry

HELP = "registri koperasi: templat, pemeriksaan file, ringkasan status dan RAT"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("registry", help=HELP, description=HELP)
    rs = p.add_subparsers(dest="registry_command", metavar="TINDAKAN", required=True)

    t = rs.add_parser("template", aliases=["templat"], help="tulis templat XLSX dan CSV")
    t.add_argument("--output", "-o", default="templat_registry", help="folder keluaran")
    t.set_defaults(func=run_template)

    c = rs.add_parser("periksa", aliases=["check"], help="periksa file registri")
    c.add_argument("file", help="file .xlsx, file koperasi .csv, atau folder berisi CSV")
    c.add_argument("--rat", help="file RAT .csv (bila file pertama CSV koperasi)")
    c.set_defaults(func=run_check)

    s = rs.add_parser("ringkasan", aliases=["summary"], help="jumlah, status, RAT per tahun")
    s.add_argument("file", nargs="?", help="file registri (default: registri sintetis bawaan)")
    s.add_argument("--rat", help="file RAT .csv (bila file pertama CSV koperasi)")
    s.add_argument("--region", "--wilayah", help="provinsi, kabupaten/kota atau kecamatan")
    s.add_argument(
        "--year",
        "--tahun",
        type=int,
        action="append",
        help="tahun (boleh diulang; default: tahun terakhir)",
    )
    s.add_argument(
        "--definition",
        "--definisi",
        default=None,
        help="definisi status: kemenkop (default), kaltim, kepahiang, tahunan",
    )
    s.add_argument("--by", "--rincian", choices=["kecamatan", "jenis", "kabupaten_kota"])
    s.add_argument("--output", "-o", help="tulis juga ke file .xlsx atau .csv")
    s.set_defaults(func=run_summary)

    g = rs.add_parser("sintetis", aliases=["synthetic"], help="buat ulang registri sintetis")
    g.add_argument("--output", "-o", help="folder keluaran (default: data/registry bawaan)")
    g.set_defaults(func=run_synthetic)


def _load(file: str | None, rat: str | None) -> Registry:
    from kopedu.registry import load_registry, load_synthetic

    if file is None:
        return load_synthetic()
    return load_registry(file, rat=rat)


def run_template(args: argparse.Namespace) -> int:
    from kopedu.registry import write_template

    for path in write_template(args.output):
        print(path)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from kopedu.formatting import format_number

    reg = _load(args.file, args.rat)
    print(
        f"{reg.source}: {format_number(len(reg.koperasi))} koperasi, "
        f"{format_number(len(reg.rat))} baris RAT — bisa dibaca."
    )
    for f in reg.findings:
        print(f"  catatan: {f}")
    return 0


def run_summary(args: argparse.Namespace) -> int:
    from kopedu.formatting import format_percent
    from kopedu.registry import SYNTHETIC_LABEL, priority_list, summarise, write_csv, write_xlsx

    reg = _load(args.file, args.rat)
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
        print(f"ditulis: {out}", file=sys.stderr)
    return 0


def run_synthetic(args: argparse.Namespace) -> int:
    from kopedu.registry import write_synthetic

    for path in write_synthetic(args.output):
        print(path)
    return 0
