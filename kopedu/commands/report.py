"""``kopedu report``: render a regional report (HTML, XLSX, optionally PDF)."""

from __future__ import annotations

import argparse
import os
import sys

from kopedu.errors import ParameterError
from kopedu.texts import text


def _lang() -> str:
    lang = os.environ.get("KOPEDU_LANG", "id").strip().lower()[:2]
    return lang if lang in ("id", "en") else "id"


def _t(key: str, **values: object) -> str:
    return text("report", f"cli_{key}", _lang(), **values)


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kopedu report`` to the ``kopedu`` command's subcommands.

    The parsed command line's ``func`` is :func:`run`.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="kopedu")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["report", "--wilayah", "Kutim", "--tahun", "2023"])
    >>> args.region, args.year, args.output, args.engine, args.func is run
    ('Kutim', '2023', 'laporan', 'auto', True)
    """
    p = sub.add_parser("report", help=_t("help"), description=_t("description"))
    p.add_argument("--region", "--wilayah", help=_t("opt_region"))
    p.add_argument("--year", "--tahun", help=_t("opt_year"))
    p.add_argument("--language", "--bahasa", choices=["id", "en"], help=_t("opt_language"))
    p.add_argument("--output", "-o", default="laporan", help=_t("opt_output"))
    p.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        metavar=("NAMA", "NILAI"),
        default=[],
        help=_t("opt_parameter"),
    )
    p.add_argument("--timeout", type=int, default=300, help=_t("opt_timeout"))
    p.add_argument("--registry", "--registri", help=_t("opt_registry"))
    p.add_argument("--definition", "--definisi", help=_t("opt_definition"))
    p.add_argument("--contoh", "--example", action="store_true", help=_t("opt_contoh"))
    p.add_argument("--pdf", action="store_true", help=_t("opt_pdf"))
    p.add_argument("--all", "--semua", action="store_true", help=_t("opt_all"))
    p.add_argument(
        "--provinsi", "--province", action="append", metavar="PROVINSI", help=_t("opt_provinsi")
    )
    p.add_argument("--workers", type=int, default=1, help=_t("opt_workers"))
    p.add_argument("--scheduler", metavar="ALAMAT", help=_t("opt_scheduler"))
    p.add_argument(
        "--engine",
        "--mesin",
        choices=["auto", "kopedu", "inprocess", "kernel"],
        default="auto",
        help=_t("opt_engine"),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Render a region's report, or (``--all``) every region's, and print where they are.

    ``args`` is the parsed ``kopedu report`` command line.

    Returns
    -------
    int
        0, or 1 when ``--all`` could not render a region (each failure is printed).

    Raises
    ------
    ParameterError
        If an option is also given as ``-p NAME VALUE``, or ``--provinsi`` or
        ``--scheduler`` is used without ``--all``.
    """
    from kopedu.reports.render import render_report

    extra = dict(args.parameter)
    for name in ("region", "year", "language", "registry", "definition", "contoh"):
        if name in extra:
            raise ParameterError(_t("no_p", name=name))
    for name in ("registry", "definition"):
        if getattr(args, name, None):
            extra[name] = getattr(args, name)
    if args.all:
        return _run_all(args, extra)
    if args.provinsi or args.scheduler:
        raise ParameterError(_t("only_all"))
    path = render_report(
        args.region,
        args.year,
        args.language,
        output_dir=args.output,
        timeout=args.timeout,
        parameters=extra,
        engine=args.engine,
        contoh=args.contoh or None,
    )
    print(_t("done", path=path.resolve()))
    if path.with_suffix(".xlsx").exists():
        print(_t("done_xlsx", path=path.with_suffix(".xlsx").resolve()))
    if args.pdf:
        from kopedu.reports.pdf import print_pdf

        pdf = print_pdf(path)
        print(_t("done_pdf", path=pdf.resolve()))
    return 0


def _run_all(args: argparse.Namespace, extra: dict[str, str]) -> int:
    from kopedu.reports.batch import render_all

    if args.region:
        raise ParameterError(_t("all_no_region"))
    result = render_all(
        args.year,
        args.language,
        output_dir=args.output,
        workers=args.workers,
        timeout=args.timeout,
        parameters=extra,
        engine=args.engine,
        contoh=args.contoh or None,
        provinces=args.provinsi,
        scheduler=args.scheduler,
    )
    for region, message in result.failed:
        print(_t("failed", region=region, message=message), file=sys.stderr)
    if args.pdf:
        from kopedu.reports.pdf import print_pdf

        for path in result.rendered:
            print_pdf(path)
    print(
        _t(
            "all_done",
            done=len(result.rendered),
            failed=len(result.failed),
            index=result.index.resolve(),
        )
    )
    return 1 if result.failed else 0
