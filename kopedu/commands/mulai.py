"""``kopedu mulai [FOLDER]``: a trainee's workspace with lessons and exercises, in JupyterLab."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HELP = "siapkan folder kerja peserta (pelajaran + latihan) lalu buka JupyterLab di sana"


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
    p = sub.add_parser("mulai", help=HELP, description=HELP)
    p.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=Path("pelatihan-kopedu"),
        metavar="FOLDER",
        help="folder kerja (bawaan: pelatihan-kopedu di folder ini); yang sudah ada tidak ditimpa",
    )
    p.add_argument(
        "--port", type=int, default=None, help="port JupyterLab (bawaan: 8888 atau berikutnya)"
    )
    p.add_argument("--tanpa-browser", action="store_true", help="jangan membuka browser")
    p.add_argument(
        "--siapkan-saja",
        action="store_true",
        help="hanya salin notebook, jangan jalankan JupyterLab",
    )
    p.set_defaults(func=run)


def jupyterlab_command(folder: Path, *, port: int | None = None, browser: bool = True) -> list[str]:
    """The command that serves ``folder`` in JupyterLab with this Python."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}"]
    if port is not None:
        cmd.append(f"--port={port}")
    if not browser:
        cmd.append("--no-browser")
    return cmd


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
    print(ws.message())
    if args.siapkan_saja:
        return 0
    print("Membuka JupyterLab … (berhenti: Ctrl+C di jendela ini)", flush=True)
    try:
        return subprocess.call(
            jupyterlab_command(ws.folder, port=args.port, browser=not args.tanpa_browser),
            cwd=ws.folder,
        )
    except KeyboardInterrupt:
        return 0
