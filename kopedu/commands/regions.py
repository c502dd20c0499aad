"""``kopedu regions``: list the regions a report can be rendered for."""

from __future__ import annotations

import argparse

HELP = "daftar wilayah (kode Kemendagri dan BPS)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("regions", help=HELP, description=HELP)
    p.add_argument("--kecamatan", action="store_true", help="sertakan kecamatan")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kopedu.regions import region_choices

    levels = ("nasional", "provinsi", "kabupaten", "kota") + (
        ("kecamatan",) if args.kecamatan else ()
    )
    for r in region_choices(levels):
        print(f"{r.code:<9} {r.bps_code or '-':<8} {r.official_name}")
    return 0
