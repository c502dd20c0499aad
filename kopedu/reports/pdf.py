"""Printing a report to PDF with a Chromium-family browser installed on the machine.

The HTML report carries its own A4 print stylesheet; a headless Chromium (Debian's
``chromium``, Google Chrome, Microsoft Edge) prints it exactly as a trainer's "Print →
Save as PDF" would. No browser is downloaded: :func:`find_chromium` looks for one
(``KOPEDU_CHROMIUM`` names it explicitly) and, when there is none, the error says in one
line how to get one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kopedu.errors import KopeduError

__all__ = ["CHROMIUM_FLAGS", "find_chromium", "print_pdf"]

#: Headless flags that keep Chromium off the network and quiet.
CHROMIUM_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--mute-audio",
)

_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
    "msedge",
)
_PATHS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
)


class NoBrowserError(KopeduError):
    """No Chromium-family browser was found for printing."""


def find_chromium() -> str | None:
    """The path of a Chromium-family browser, or ``None``.

    ``KOPEDU_CHROMIUM`` (a program name or path) wins; then the usual program names on
    ``PATH``; then the usual install places on macOS and Windows.
    """
    explicit = os.environ.get("KOPEDU_CHROMIUM", "").strip()
    if explicit:
        return shutil.which(explicit) or (explicit if Path(explicit).is_file() else None)
    for name in _NAMES:
        if found := shutil.which(name):
            return found
    return next((p for p in _PATHS if Path(p).is_file()), None)


def browser_args(browser: str, profile: str) -> list[str]:
    """The command line to start ``browser`` headless with a throw-away ``profile``."""
    args = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return args


def print_pdf(html_file: str | Path, pdf_file: str | Path | None = None) -> Path:
    """Print an HTML report to PDF (A4, as its stylesheet says), written atomically.

    Raises
    ------
    NoBrowserError
        No Chromium, Chrome or Edge was found (the message says how to get one).
    KopeduError
        The browser failed.
    """
    from kopedu.io.write import write_bytes

    html_file = Path(html_file).resolve()
    pdf_file = Path(pdf_file) if pdf_file else html_file.with_suffix(".pdf")
    browser = find_chromium()
    if browser is None:
        raise NoBrowserError(
            "Untuk --pdf perlu Chromium, Google Chrome atau Microsoft Edge. Pasang salah "
            "satu (Debian/Ubuntu: sudo apt install chromium) atau tulis lokasinya di "
            f"KOPEDU_CHROMIUM. Laporan HTML sudah ada: {html_file}"
        )

    def chromium_prints(tmp: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="kopedu-chromium-") as profile:
            args = [
                *browser_args(browser, profile),
                "--no-pdf-header-footer",
                f"--print-to-pdf={tmp}",
                html_file.as_uri(),
            ]
            done = subprocess.run(args, capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or not tmp.exists() or tmp.stat().st_size == 0:
            raise KopeduError(
                f"Chromium gagal mencetak {html_file.name} ke PDF (kode {done.returncode})."
            )

    try:
        return write_bytes(pdf_file, chromium_prints)
    except subprocess.TimeoutExpired:
        raise KopeduError(
            f"Chromium tidak selesai mencetak {html_file.name} dalam 2 menit."
        ) from None
