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
    p.add_argument(
        "--registry",
        "--registri",
        help="file registri koperasi (.xlsx/.csv/folder); default: registri sintetis bawaan",
    )
    p.add_argument(
        "--definition",
        "--definisi",
        help="definisi status aktif: kemenkop (default), kaltim, kepahiang, tahunan",
    )
    p.add_argument(
        "--all",
        "--semua",
        action="store_true",
        help="buat laporan semua wilayah (dua provinsi dan kabupaten/kotanya) dan index.html",
    )
    p.add_argument("--workers", type=int, default=1, help="proses paralel untuk --all (default 1)")
    p.add_argument(
        "--engine",
        "--mesin",
        choices=["inprocess", "kernel"],
        default="inprocess",
        help="inprocess (default, cepat) atau kernel (papermill + kernel Jupyter terpisah)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kopedu.report import render_report

    extra = dict(args.parameter)
    for name in ("region", "year", "language", "registry", "definition"):
        if name in extra:
            raise ParameterError(f"Pakai --{name}, bukan -p {name}.")
    for name in ("registry", "definition"):
        if getattr(args, name, None):
            extra[name] = getattr(args, name)
    if args.all:
        return _run_all(args, extra)
    path = render_report(
        args.region,
        args.year,
        args.language,
        output_dir=args.output,
        timeout=args.timeout,
        parameters=extra,
        engine=args.engine,
    )
    print(f"Laporan selesai: {path.resolve()}", file=sys.stdout)
    return 0


def _run_all(args: argparse.Namespace, extra: dict[str, str]) -> int:
    from kopedu.report import render_all

    if args.region:
        raise ParameterError("--all membuat laporan semua wilayah; jangan pakai --region.")
    result = render_all(
        args.year,
        args.language,
        output_dir=args.output,
        workers=args.workers,
        timeout=args.timeout,
        parameters=extra,
        engine=args.engine,
    )
    for region, message in result.failed:
        print(f"gagal: {region}: {message}", file=sys.stderr)
    print(
        f"{len(result.rendered)} laporan selesai, {len(result.failed)} gagal. "
        f"Indeks: {result.index.resolve()}"
    )
    return 1 if result.failed else 0
