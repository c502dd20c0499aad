"""``kopedu regions``: list regions (Kemendagri and BPS codes) and their published figures."""

from __future__ import annotations

import argparse

from kopedu.texts import say

TINGKAT = ("provinsi", "kabupaten", "kota", "kecamatan")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kopedu regions`` to the ``kopedu`` command's subcommands.

    The parsed command line's ``func`` is :func:`run`.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="kopedu")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["regions", "--provinsi", "Kaltim", "--kecamatan"])
    >>> args.provinsi, args.kecamatan, args.tingkat, args.func is run
    ('Kaltim', True, None, True)
    """
    help_ = say("cli", "rg.help")
    p = sub.add_parser("regions", help=help_, description=help_)
    p.add_argument(
        "--provinsi", metavar=say("cli", "rg.metavar_province"), help=say("cli", "rg.province")
    )
    p.add_argument("--tingkat", action="append", choices=TINGKAT, help=say("cli", "rg.level"))
    p.add_argument("--kecamatan", action="store_true", help=say("cli", "rg.kecamatan"))
    p.add_argument("--terbitan", action="store_true", help=say("cli", "rg.published_only"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the regions asked for, each with its codes and the years of its published figures.

    ``args`` is the parsed ``kopedu regions`` command line.

    Returns
    -------
    int
        0.
    """
    from kopedu.figures import load_figures
    from kopedu.formatting import format_number
    from kopedu.regions import select_regions
    from kopedu.texts import language

    levels = tuple(args.tingkat or ("nasional", "provinsi", "kabupaten", "kota"))
    if args.kecamatan and "kecamatan" not in levels:
        levels += ("kecamatan",)
    regions = select_regions(args.provinsi, levels)
    fig = load_figures()
    years = fig.groupby("region_code")["year"].agg(["min", "max", "size"])
    lang = language()
    shown = 0
    for r in regions:
        published = r.code in years.index
        if args.terbitan and not published:
            continue
        shown += 1
        if published:
            y0, y1, n = years.loc[r.code]
            span = f"{y0}" if y0 == y1 else f"{y0}–{y1}"
            note = "  " + say("cli", "rg.published", span=span, n=format_number(n, language=lang))
        else:
            note = ""
        print(f"{r.code:<9} {r.bps_code or '-':<8} {r.official_name}{note}")
    with_figures = sum(r.code in years.index for r in regions)
    print()
    print(
        say("cli", "rg.shown", shown=format_number(shown, language=lang),
            published=format_number(with_figures, language=lang))
    )  # fmt: skip
    return 0
