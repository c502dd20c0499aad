"""``kopedu exercise``: trainee copies, resetting one exercise, grading a cohort.

* ``kopedu exercise generate [SUMBER ...]`` — write the trainee copy of each source
  notebook (default: every ``exercises/sumber/*.ipynb``); ``--check`` only reports
  stale copies (exit 1).
* ``kopedu exercise reset NOTEBOOK SOAL`` — put one exercise back to its starter in a
  notebook file, after backing the file up.
* ``kopedu exercise grade FOLDER --output DIR --timeout S --workers N`` — grade a
  folder of submitted notebooks into ``DIR/angkatan.html`` and ``DIR/angkatan.xlsx``.
"""

from __future__ import annotations

import argparse
import functools
import logging
from collections.abc import Callable
from pathlib import Path

from kopedu.errors import KopeduError
from kopedu.texts import say


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kopedu exercise`` (generate, reset, grade) to the ``kopedu`` command's subcommands.

    The parsed command line's ``func`` is :func:`run_generate`, :func:`run_reset` or
    :func:`run_grade`.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="kopedu")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["exercise", "reset", "latihan.ipynb", "soal2"])
    >>> args.notebook.name, args.exercise, args.func is run_reset
    ('latihan.ipynb', 'soal2', True)
    """
    help_ = say("cli", "ex.help")
    p = sub.add_parser("exercise", help=help_, description=help_)
    inner = p.add_subparsers(
        dest="exercise_command", metavar=say("cli", "metavar_command"), required=True
    )

    g = inner.add_parser("generate", help=say("cli", "ex.generate"))
    g.add_argument("sources", nargs="*", type=Path, metavar=say("cli", "ex.metavar_source"),
                   help=say("cli", "ex.sources"))  # fmt: skip
    g.add_argument("--output", type=Path, default=None, help=say("cli", "ex.output"))
    g.add_argument("--check", action="store_true", help=say("cli", "ex.check"))
    g.set_defaults(func=run_generate)

    r = inner.add_parser("reset", help=say("cli", "ex.reset"))
    r.add_argument("notebook", type=Path)
    r.add_argument(
        "exercise", metavar=say("cli", "ex.metavar_exercise"), help=say("cli", "ex.exercise")
    )
    r.set_defaults(func=run_reset)

    n = inner.add_parser("grade", help=say("cli", "ex.grade"))
    n.add_argument("folder", type=Path, metavar="FOLDER", help=say("cli", "ex.grade_folder"))
    n.add_argument(
        "--output", type=Path, default=Path("hasil_latihan"), help=say("cli", "ex.grade_output")
    )
    n.add_argument("--timeout", type=int, default=30, help=say("cli", "ex.timeout"))
    n.add_argument("--workers", type=int, default=2, help=say("cli", "ex.workers"))
    n.add_argument("--no-progress", action="store_true", help=say("cli", "ex.no_progress"))
    n.set_defaults(func=run_grade)


def _one_line(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Any failure of an ``exercise`` command becomes one line (never a traceback).

    kopedu's own refusals already are (:class:`KopeduError`, printed by the CLI); an error
    from the operating system names the file and what happened; anything else is reported
    as a fault of kopedu, with ``-v`` for the details.
    """

    @functools.wraps(func)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except (KopeduError, OSError):
            raise  # kopedu's own message, or the command line's one line for the OS's refusal
        except Exception as exc:
            logging.getLogger("kopedu").debug("exercise command failed", exc_info=True)
            raise KopeduError(say("cli", "ex.failed", kind=type(exc).__name__)) from None

    return wrapper


@_one_line
def run_generate(args: argparse.Namespace) -> int:
    """Write the trainee copy of each source notebook, or (``--check``) list stale copies.

    ``args`` is the parsed ``kopedu exercise generate`` command line.

    Returns
    -------
    int
        0, or 1 when ``--check`` finds a copy that no longer matches its source.
    """
    from kopedu.exercises.trainee import generate, source_notebooks, stale_copies

    if args.check:
        problems = stale_copies()
        for p in problems:
            print(f"- {p}")
        print(say("cli", "ex.all_match") if not problems else "")
        return 1 if problems else 0
    sources = args.sources or source_notebooks()
    if not sources:
        raise KopeduError(say("cli", "ex.no_sources"))
    for src in sources:
        target = args.output / src.name if args.output else None
        print(generate(src, target).message())
    return 0


@_one_line
def run_reset(args: argparse.Namespace) -> int:
    """Put one exercise of a notebook file back to its starter, after backing the file up.

    ``args`` is the parsed ``kopedu exercise reset`` command line.

    Returns
    -------
    int
        0; the backup's path is printed.
    """
    from kopedu.exercises.trainee import reset_in_notebook

    backup = reset_in_notebook(args.notebook, args.exercise)
    print(say("cli", "ex.reset_done", exercise=args.exercise, notebook=args.notebook,
              backup=backup))  # fmt: skip
    print(say("cli", "ex.reload"))
    return 0


@_one_line
def run_grade(args: argparse.Namespace) -> int:
    """Grade a folder of submitted notebooks into a cohort table (HTML and XLSX).

    ``args`` is the parsed ``kopedu exercise grade`` command line.

    Returns
    -------
    int
        0; each trainee's status and score are printed.

    Raises
    ------
    KopeduError
        If the folder does not exist or holds no notebook, or ``--timeout`` or
        ``--workers`` is below 1.
    """
    from kopedu.exercises.grading import grade_folder, survey_folder, write_cohort
    from kopedu.texts import catalog, language

    if not args.folder.is_dir():
        raise KopeduError(say("cli", "ex.no_folder", folder=args.folder))
    if args.timeout < 1 or args.workers < 1:
        raise KopeduError(say("cli", "ex.bad_limits"))
    submissions, skipped = survey_folder(args.folder)
    for path, why in skipped:
        print(say("cli", "ex.not_graded", path=path.relative_to(args.folder), why=why))
    if not submissions:
        raise KopeduError(say("cli", "ex.no_notebooks", folder=args.folder))
    results = grade_folder(
        args.folder, timeout=args.timeout, workers=args.workers, progress=not args.no_progress
    )
    html_path, xlsx_path = write_cohort(results, args.output, skipped=skipped)
    statuses = catalog("cli")[language()]
    for r in results:
        extra = f" — {r.detail}" if r.detail else ""
        status = statuses.get(f"ex.status.{r.status}", r.status)
        print(say("cli", "ex.graded", trainee=r.trainee, status=status, score=r.score,
                  seconds=r.seconds, extra=extra))  # fmt: skip
    label = say("cli", "ex.cohort")
    print(f"{label} {html_path}\n{' ' * len(label)} {xlsx_path}")
    return 0
