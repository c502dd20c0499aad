"""``kopedu report``: render a regional report to HTML."""

from __future__ import annotations

import argparse
import sys

from kopedu.errors import ParameterError

HELP = "buat laporan wilayah (HTML) dari data bawaan"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help=HELP, description=HELP)
    p.add_argument(
        "--region", "--wilayah", help="kabupaten/kota atau provinsi (default: Kutai Timur)"
    )
    p.add_argument("--year", "--tahun", help="tahun laporan (default: 2023)")
    p.add_argument(
        "--language", "--bahasa", choices=["id", "en"], help="bahasa laporan (default: id)"
    )
    p.add_argument("--output", "-o", default="laporan", help="folder keluaran (default: ./laporan)")
    p.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        metavar=("NAMA", "NILAI"),
        default=[],
        help="parameter lain dari templat laporan",
    )
    p.add_argument("--timeout", type=int, default=300, help="batas waktu per sel, detik")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kopedu.report import render_report

    extra = dict(args.parameter)
    for name in ("region", "year", "language"):
        if name in extra:
            raise ParameterError(f"Pakai --{name}, bukan -p {name}.")
    path = render_report(
        args.region,
        args.year,
        args.language,
        output_dir=args.output,
        timeout=args.timeout,
        parameters=extra,
    )
    print(f"Laporan selesai: {path.resolve()}", file=sys.stdout)
    return 0
