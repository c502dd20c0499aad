"""The ``kopedu`` command: thin argparse front-ends over library functions.

Each subcommand lives in ``kopedu/commands/<name>.py`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a callable
taking the parsed namespace and returning an exit code. Errors that kopedu raises
on purpose (:class:`~kopedu.errors.KopeduError`) are printed as a short message on
stderr with a non-zero exit code, never as a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
from collections.abc import Sequence

from kopedu.errors import KopeduError

__all__ = ["main"]

#: Subcommand modules, in the order ``kopedu --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "report",
    "regions",
    "exercise",
    "registry",
    "health",
    "accounting",
    "mulai",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="kopedu",
        description="kopedu — buku kerja pelatihan akuntansi koperasi.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="tampilkan log rinci")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name in COMMANDS:
        importlib.import_module(f"kopedu.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    from kopedu._startup import fast_start

    fast_start()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s"
    )
    if args.command is None:
        # ``kopedu`` with no subcommand renders the default regional report.
        args = parser.parse_args(["report", *(argv or [])])
    try:
        return int(args.func(args) or 0)
    except KopeduError as exc:
        print(f"kopedu: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        print("kopedu: dihentikan.", file=sys.stderr)
        return 130


def run() -> None:  # pragma: no cover - the console script
    """Entry point of the ``kopedu`` program: :func:`main`, then exit.

    Before exiting, the objects still alive are frozen out of the garbage
    collector: the interpreter's last collection would otherwise walk every object
    pandas and pyarrow made at import (≈ 0.1 s on each run of a short command) only
    to find nothing to collect. Library callers of :func:`main` are not affected.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
