"""Execute notebooks and store them per the output policy (see kopedu/nbtools.py).

Usage: python tools/refresh_notebooks.py [NOTEBOOK ...]   (default: every notebook)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

from kopedu.nbtools import lesson_problems, refresh_notebook


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [
        Path(p)
        for p in subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.ipynb"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    ]
    failed = 0
    for p in paths:
        if p.parent.name == "notebooks":
            problems = lesson_problems(nbformat.read(p, as_version=4))
            if problems:
                print(f"{p}: belum sesuai aturan pelajaran:", *problems, sep="\n  - ")
                failed += 1
                continue
        print(f"menjalankan {p} …", flush=True)
        refresh_notebook(p)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
