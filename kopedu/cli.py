"""The ``kopedu`` command: thin argparse front-ends over library functions.

Each subcommand lives in ``kopedu/commands/<name>.py`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a callable
taking the parsed namespace and returning an exit code.

Everything the command prints is in the user's language (Bahasa Indonesia, English under
``KOPEDU_LANG=en``), from the ``cli`` text catalogue (``kopedu/texts/cli.yaml``) — argparse's
own usage and error messages included (:func:`argparse_language`). A command never ends
in a traceback:

* an error kopedu raises on purpose (:class:`~kopedu.errors.KopeduError`: a file that
  cannot be read, a wrong parameter, an output that cannot be written) → its message on
  stderr, exit code 2;
* an error of the operating system (a path that does not exist, a folder where a file
  belongs, no permission, a full disk) → one line naming the path and the reason, exit 2;
* anything else → one line saying so (the traceback only with ``--verbose``), exit 3.

Exit code 1 is left to the commands: findings (an unbalanced journal …).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import importlib
import logging
import sys
import traceback
from collections.abc import Iterator, Sequence

from kopedu.errors import KopeduError
from kopedu.texts import catalog, language, say

__all__ = ["EXIT_ERROR", "EXIT_UNEXPECTED", "argparse_language", "main", "year"]

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
#: Exit code of a refused input or a failed output.
EXIT_ERROR = 2
#: Exit code of an unexpected failure (a bug in kopedu).
EXIT_UNEXPECTED = 3


@contextlib.contextmanager
def argparse_language() -> Iterator[None]:
    """Within this block argparse speaks the user's language (the ``cli`` catalogue).

    argparse takes its words through ``gettext``; they are swapped for the catalogue's
    (keys ``argparse.*``, whose English text is argparse's own message) and put back on
    leaving, so other programs in the same process are not affected.
    """
    texts = catalog("cli")
    english = {v: k for k, v in texts["en"].items() if k.startswith("argparse.")}
    plural = {texts["en"]["argparse.expected_n"]: texts["en"]["argparse.expected_n_plural"]}
    lang = language()

    def translate(message: str) -> str:
        key = english.get(message)
        return texts[lang][key] if key else message

    def ntranslate(singular: str, plural_: str, n: int) -> str:
        if lang == "en" or singular not in english:
            return singular if n == 1 else plural_
        return translate(singular if n == 1 else plural.get(singular, singular))

    saved = (getattr(argparse, "_", None), getattr(argparse, "ngettext", None))
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = ntranslate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def year(value: str) -> int:
    """An argparse type: a four-digit year, refused in the user's language.

    Examples
    --------
    >>> year("2024")
    2024
    """
    text = value.strip()
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(say("cli", "value.year", value=value))
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every registered subcommand."""
    parser = argparse.ArgumentParser(prog="kopedu", description=say("cli", "description"))
    parser.add_argument("-v", "--verbose", action="store_true", help=say("cli", "verbose"))
    sub = parser.add_subparsers(dest="command", metavar=say("cli", "metavar_command"))
    for name in COMMANDS:
        importlib.import_module(f"kopedu.commands.{name}").register(sub)
    return parser


def _os_reason(exc: OSError) -> str:
    reasons = {
        errno.ENOENT: "os.missing",
        errno.EACCES: "os.permission",
        errno.EPERM: "os.permission",
        errno.EISDIR: "os.folder",
        errno.ENOTDIR: "os.not_folder",
        errno.EROFS: "os.read_only",
        errno.ENOSPC: "os.no_space",
        errno.EBUSY: "os.busy",
        errno.ETXTBSY: "os.busy",
        errno.ENAMETOOLONG: "os.name_too_long",
    }
    key = reasons.get(exc.errno or 0)
    if key:
        return say("cli", key)
    return say("cli", "os.other", code=errno.errorcode.get(exc.errno or 0, type(exc).__name__))


def _fail(message: str) -> None:
    print(f"kopedu: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the process exit code.

    Never raises, except ``SystemExit`` from ``--help``.
    """
    from kopedu._startup import fast_start

    fast_start()
    args = None
    with argparse_language():
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:
            return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_ERROR
        if args.command is None:
            parser.print_help()
            return 0
        logging.basicConfig(
            level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s"
        )
        try:
            return int(args.func(args) or 0)
        except KopeduError as exc:
            _fail(str(exc))
            return EXIT_ERROR
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):  # `kopedu … | head`: nothing to say
                return 0
            path = exc.filename if exc.filename is not None else "?"
            _fail(say("cli", "os_error", path=path, reason=_os_reason(exc)))
            return EXIT_ERROR
        except KeyboardInterrupt:
            _fail(say("cli", "interrupted"))
            return 130
        except Exception as exc:  # the backstop: one line, the traceback only on request
            if args.verbose:
                traceback.print_exc()
            _fail(say("cli", "unexpected", kind=type(exc).__name__))
            return EXIT_UNEXPECTED


def run() -> None:  # pragma: no cover - the console script
    """Entry point of the ``kopedu`` program: :func:`main`, then exit.

    Before exiting, the objects still alive are frozen out of the garbage
    collector: the interpreter's last collection would otherwise walk every object
    pandas and pyarrow made at import (≈ 0.1 s on each run of a short command) only
    to find nothing to collect. Library callers of :func:`main` are not affected.
    """
    from kopedu._startup import mark_program

    mark_program()
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
