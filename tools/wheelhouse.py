"""A wheelhouse for a training room without internet, and its install check.

Usage::

    python tools/wheelhouse.py build [--python 3.11] [--output wheelhouse]
    python tools/wheelhouse.py check [--output wheelhouse]

``build`` downloads every wheel kopedu needs for one Python version on Windows, Linux
and macOS (``pip download --only-binary=:all: --platform …``), adds kopedu's own wheel,
and writes one-line install scripts (``pasang-linux.sh``, ``pasang-macos.sh``,
``pasang-windows.bat``) next to them. Copy the folder to a USB stick; on each laptop the
script makes a virtual environment and installs from the stick with ``--no-index``.

``check`` does what a laptop does, here on Linux: a fresh virtual environment, an install
with ``--no-index`` from the wheelhouse only, then ``kopedu --help`` and one lesson run
top to bottom (``kopedu mulai --siapkan-saja`` then nbclient). It prints the size of the
wheelhouse and the time each step took (``make wheelhouse`` / ``make wheelhouse-check``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Target platforms: (name, pip --platform tags), oldest first — pip prefers the tags in
#: the order given, so a wheel that also runs on older systems is chosen when there is one.
PLATFORMS: dict[str, tuple[str, ...]] = {
    "linux-x86_64": (
        "manylinux1_x86_64",
        "manylinux2010_x86_64",
        "manylinux2014_x86_64",
        "manylinux_2_17_x86_64",
        "manylinux_2_24_x86_64",
        "manylinux_2_27_x86_64",
        "manylinux_2_28_x86_64",
    ),
    "windows-amd64": ("win_amd64",),
    "macos-arm64": (
        "macosx_10_9_universal2",
        "macosx_11_0_arm64",
        "macosx_12_0_arm64",
        "macosx_13_0_arm64",
        "macosx_14_0_arm64",
    ),
    "macos-x86_64": (
        "macosx_10_9_x86_64",
        "macosx_10_9_universal2",
        "macosx_10_12_x86_64",
        "macosx_10_13_x86_64",
        "macosx_10_15_x86_64",
        "macosx_11_0_x86_64",
        "macosx_12_0_x86_64",
        "macosx_13_0_x86_64",
    ),
}

_UNIX = (
    "#!/bin/sh\n"
    "# Pasang kopedu dari folder ini, tanpa internet ({os}). Butuh Python {python}.\n"
    'H="$(cd "$(dirname "$0")" && pwd)"; PY="${{PYTHON:-python{python}}}"; E="$HOME/kopedu-env"; '
    '"$PY" -m venv "$E" && "$E/bin/python" -m pip install --no-index --find-links "$H" kopedu '
    '&& echo "Selesai. Mulai: $E/bin/kopedu mulai"\n'
)
SCRIPTS = {
    "pasang-linux.sh": _UNIX.replace("{os}", "Linux"),
    "pasang-macos.sh": _UNIX.replace("{os}", "macOS"),
    "pasang-windows.bat": (
        "@rem Pasang kopedu dari folder ini, tanpa internet (Windows). Butuh Python {python}.\r\n"
        '@set "E=%USERPROFILE%\\kopedu-env"\r\n'
        '@py -{python} -m venv "%E%" && "%E%\\Scripts\\python" -m pip install --no-index '
        '--find-links "%~dp0." kopedu && echo Selesai. Mulai: "%E%\\Scripts\\kopedu" mulai\r\n'
    ),
}


def _run(cmd: list[str], **kwargs: object) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def download_command(requirement: str, dest: Path, python: str, tags: tuple[str, ...]) -> list[str]:
    """The ``pip download`` for one platform (binary wheels only, no source builds).

    Examples
    --------
    >>> cmd = download_command("kopedu.whl", Path("w"), "3.11", ("win_amd64",))
    >>> cmd[cmd.index("--platform") + 1], cmd[cmd.index("--abi") + 1]
    ('win_amd64', 'cp311')
    """
    nodot = python.replace(".", "")
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:"]
    for tag in tags:
        cmd += ["--platform", tag]
    return [
        *cmd,
        "--python-version",
        python,
        "--implementation",
        "cp",
        "--abi",
        f"cp{nodot}",
        "--dest",
        str(dest),
        requirement,
    ]


def write_scripts(dest: Path, python: str) -> list[Path]:
    """The one-line install scripts for each operating system."""
    out = []
    for name, text in SCRIPTS.items():
        path = dest / name
        path.write_text(text.format(python=python), encoding="utf-8", newline="")
        if name.endswith(".sh"):
            path.chmod(0o755)
        out.append(path)
    return out


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def build(dest: Path, python: str) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", tmp, str(ROOT)])
        wheel = next(Path(tmp).glob("kopedu-*.whl"))
        for old in dest.glob("kopedu-*.whl"):
            old.unlink()
        shutil.copy2(wheel, dest / wheel.name)
    for name, tags in PLATFORMS.items():
        print(f"== {name}", flush=True)
        _run(download_command(str(dest / wheel.name), dest, python, tags))
    write_scripts(dest, python)
    wheels = len(list(dest.glob("*.whl")))
    print(
        f"wheelhouse {dest}: {wheels} wheels, {_size(dest) / 2**20:.0f} MiB, "
        f"{time.perf_counter() - start:.0f} s"
    )


def _offline_env() -> dict[str, str]:
    """The environment of a laptop with no pip configuration: no index, no find-links,
    no constraints from this machine's pip.conf — only the wheelhouse."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def check(dest: Path) -> None:
    if not any(dest.glob("kopedu-*.whl")):
        sys.exit(f"{dest}: belum ada wheelhouse; jalankan dulu: python tools/wheelhouse.py build")
    with tempfile.TemporaryDirectory(prefix="kopedu-wheelhouse-") as tmp:
        env_dir, work = Path(tmp) / "env", Path(tmp) / "kerja"
        t0 = time.perf_counter()
        _run([sys.executable, "-m", "venv", str(env_dir)])
        py = env_dir / "bin" / "python"
        _run(
            [
                str(py),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-index",
                "--find-links",
                str(dest),
                "kopedu",
            ]
        )
        t1 = time.perf_counter()
        _run([str(env_dir / "bin" / "kopedu"), "--help"], stdout=subprocess.DEVNULL)
        _run([str(env_dir / "bin" / "kopedu"), "mulai", str(work), "--siapkan-saja"])
        lesson = work / "pelajaran" / "01_koperasi_dalam_angka.ipynb"
        code = (
            "import nbformat, sys; from nbclient import NotebookClient; "
            f"nb = nbformat.read({str(lesson)!r}, as_version=4); "
            "NotebookClient(nb, timeout=300, kernel_name='python3', "
            f"resources={{'metadata': {{'path': {str(lesson.parent)!r}}}}}).execute(); "
            "print('pelajaran 01 berjalan sampai akhir:', len(nb.cells), 'sel')"
        )
        _run([str(py), "-c", code])
        t2 = time.perf_counter()
    print(
        f"wheelhouse {dest}: {_size(dest) / 2**20:.0f} MiB; pasang tanpa indeks {t1 - t0:.0f} s; "
        f"kopedu --help + pelajaran 01 {t2 - t1:.0f} s"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("action", choices=["build", "check"])
    p.add_argument("--python", default=f"{sys.version_info.major}.{sys.version_info.minor}")
    p.add_argument("--output", type=Path, default=ROOT / "wheelhouse")
    args = p.parse_args(argv)
    (build if args.action == "build" else lambda d, _py: check(d))(args.output, args.python)
    return 0


if __name__ == "__main__":
    sys.exit(main())
