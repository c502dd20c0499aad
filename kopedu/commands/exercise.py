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

HELP = "latihan: buat salinan peserta, reset satu soal, nilai satu angkatan"


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
    p = sub.add_parser("exercise", help=HELP, description=HELP)
    inner = p.add_subparsers(dest="exercise_command", metavar="PERINTAH", required=True)

    g = inner.add_parser("generate", help="buat salinan peserta dari notebook sumber")
    g.add_argument(
        "sources",
        nargs="*",
        type=Path,
        metavar="SUMBER",
        help="notebook sumber (bawaan: semua exercises/sumber/*.ipynb)",
    )
    g.add_argument(
        "--output", type=Path, default=None, help="folder tujuan (bawaan: folder di atas sumber/)"
    )
    g.add_argument(
        "--check", action="store_true", help="hanya periksa apakah salinan sudah sesuai sumbernya"
    )
    g.set_defaults(func=run_generate)

    r = inner.add_parser("reset", help="kembalikan satu soal ke awal di berkas notebook")
    r.add_argument("notebook", type=Path)
    r.add_argument("exercise", metavar="SOAL", help="misalnya soal2")
    r.set_defaults(func=run_reset)

    n = inner.add_parser("grade", help="nilai semua notebook kiriman dalam satu folder")
    n.add_argument("folder", type=Path, metavar="FOLDER", help="folder berisi notebook kiriman")
    n.add_argument(
        "--output",
        type=Path,
        default=Path("hasil_latihan"),
        help="folder hasil (bawaan: hasil_latihan)",
    )
    n.add_argument("--timeout", type=int, default=30, help="batas detik per sel (bawaan 30)")
    n.add_argument(
        "--workers", type=int, default=2, help="jumlah notebook yang dinilai bersamaan (bawaan 2)"
    )
    n.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan")
    n.set_defaults(func=run_grade)


def _one_line(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Any failure of an ``exercise`` command becomes one Indonesian line (never a traceback).

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
            raise KopeduError(
                f"perintah exercise gagal karena kesalahan di kopedu ({type(exc).__name__}). "
                "Jalankan lagi dengan -v dan kirimkan pesannya kepada pengembang."
            ) from None

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
        print("Semua salinan peserta sesuai sumbernya." if not problems else "")
        return 1 if problems else 0
    sources = args.sources or source_notebooks()
    if not sources:
        raise KopeduError("Tidak ada notebook sumber (exercises/sumber/*.ipynb).")
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
    print(f"{args.exercise} di {args.notebook} dikembalikan ke awal. Cadangan: {backup}")
    print("Jika notebook sedang terbuka: File → Reload Notebook from Disk.")
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

    if not args.folder.is_dir():
        raise KopeduError(f"Folder {args.folder} tidak ada.")
    if args.timeout < 1 or args.workers < 1:
        raise KopeduError("--timeout dan --workers harus bilangan bulat ≥ 1.")
    submissions, skipped = survey_folder(args.folder)
    for path, why in skipped:
        print(f"tidak dinilai: {path.relative_to(args.folder)} — {why}")
    if not submissions:
        raise KopeduError(f"Tidak ada notebook (.ipynb) untuk dinilai di {args.folder}.")
    results = grade_folder(
        args.folder, timeout=args.timeout, workers=args.workers, progress=not args.no_progress
    )
    html_path, xlsx_path = write_cohort(results, args.output, skipped=skipped)
    for r in results:
        extra = f" — {r.detail}" if r.detail else ""
        print(f"{r.trainee}: {r.status}, skor {r.score:g}, {r.seconds:.1f} s{extra}")
    print(f"Tabel angkatan: {html_path}\n                {xlsx_path}")
    return 0
