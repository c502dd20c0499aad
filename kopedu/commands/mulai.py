"""``kopedu mulai [FOLDER]``: a trainee's workspace with lessons and exercises, in JupyterLab."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kopedu.texts import say

if TYPE_CHECKING:
    from kopedu.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kopedu mulai`` to the ``kopedu`` command's subcommands.

    The parsed command line's ``func`` is :func:`run`.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="kopedu")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["mulai"])
    >>> args.folder.name, args.port, args.siapkan_saja, args.func is run
    ('pelatihan-kopedu', None, False, True)
    """
    help_ = say("cli", "mu.help")
    p = sub.add_parser("mulai", help=help_, description=help_)
    p.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=Path("pelatihan-kopedu"),
        metavar="FOLDER",
        help=say("cli", "mu.folder"),
    )
    p.add_argument("--port", type=int, default=None, help=say("cli", "mu.port"))
    p.add_argument("--tanpa-browser", action="store_true", help=say("cli", "mu.no_browser"))
    p.add_argument("--siapkan-saja", action="store_true", help=say("cli", "mu.prepare_only"))
    p.set_defaults(func=run)


def jupyterlab_command(folder: Path, *, port: int | None = None, browser: bool = True) -> list[str]:
    """The command that serves ``folder`` in JupyterLab with this Python."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}"]
    if port is not None:
        cmd.append(f"--port={port}")
    if not browser:
        cmd.append("--no-browser")
    return cmd


def describe(ws: Workspace) -> str:
    """What :func:`~kopedu.workspace.prepare_workspace` did, in a few lines for the trainee.

    In the user's language (``KOPEDU_LANG``), like every line of the ``kopedu`` command.

    Examples
    --------
    >>> from kopedu.workspace import Workspace
    >>> print(describe(Workspace(Path("kerja"), copied=[Path("kerja/pelajaran/01.ipynb")])))
    Folder kerja: kerja
      1 notebook disalin ke pelajaran/ dan latihan/.
    """
    from kopedu.formatting import format_number
    from kopedu.texts import language
    from kopedu.workspace import EXERCISES_DIR, LESSONS_DIR

    lang = language()
    lines = [say("cli", "mu.workspace", folder=ws.folder)]
    if ws.copied:
        n = format_number(len(ws.copied), language=lang)
        lines.append("  " + say("cli", "mu.copied", n=n, lessons=LESSONS_DIR,
                                exercises=EXERCISES_DIR))  # fmt: skip
    if ws.kept:
        lines.append("  " + say("cli", "mu.kept", n=format_number(len(ws.kept), language=lang)))
        lines += [f"    {p.relative_to(ws.folder)}" for p in ws.kept]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Prepare a trainee's workspace, then (unless ``--siapkan-saja``) open JupyterLab in it.

    ``args`` is the parsed ``kopedu mulai`` command line.

    Returns
    -------
    int
        JupyterLab's exit code; 0 with ``--siapkan-saja`` or when JupyterLab is stopped
        with Ctrl+C.
    """
    from kopedu.workspace import prepare_workspace

    ws = prepare_workspace(args.folder)
    print(describe(ws))
    if args.siapkan_saja:
        return 0
    print(say("cli", "mu.opening"), flush=True)
    try:
        return subprocess.call(
            jupyterlab_command(ws.folder, port=args.port, browser=not args.tanpa_browser),
            cwd=ws.folder,
        )
    except KeyboardInterrupt:
        return 0
