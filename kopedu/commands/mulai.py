"""``kopedu mulai [FOLDER]``: a trainee's workspace with lessons and exercises, in JupyterLab."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HELP = "siapkan folder kerja peserta (pelajaran + latihan) lalu buka JupyterLab di sana"


def register(sub: argparse._SubParsersAction) -> None:
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
