"""Every committed notebook follows the output policy in kopedu/nbtools.py."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest

from kopedu.nbtools import is_checked_cell

ROOT = Path(__file__).resolve().parents[1]


def _notebooks() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.ipynb"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / p for p in out if (ROOT / p).exists()]


NOTEBOOKS = _notebooks()


def test_there_are_notebooks():
    names = {p.name for p in NOTEBOOKS}
    assert "laporan_wilayah.ipynb" in names
    assert any(n.startswith("01_") for n in names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_output_policy(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(code):
        assert not any(o.get("output_type") == "error" for o in cell.outputs), f"cell {i}: error"
        if is_checked_cell(cell):
            assert cell.outputs, f"cell {i}: NBVAL_CHECK_OUTPUT without a stored output"
            assert cell.execution_count is not None, f"cell {i}: nbval needs the count"
            assert cell.metadata.get("keep_output") is True, f"cell {i}: keep_output missing"
        else:
            assert not cell.outputs, f"cell {i}: unchecked output committed"
            assert cell.execution_count is None, f"cell {i}: execution count stored"
    assert any("setup_notebook()" in c.source for c in code), "kp.setup_notebook() is never called"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize(
    "path",
    [p for p in NOTEBOOKS if p.parent.name == "notebooks"],
    ids=lambda p: p.name,
)
def test_lessons_check_their_figures(path):
    """A lesson states figures; at least one checked output or assertion pins them."""
    nb = nbformat.read(path, as_version=4)
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "# NBVAL_CHECK_OUTPUT" in sources and "assert " in sources
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Yang perlu diingat" in text


def test_nbval_catches_a_changed_figure(tmp_path):
    """The checked outputs are real checks: a stored 1.209 changed to 1.210 must fail."""
    import sys

    src = ROOT / "notebooks" / "01_koperasi_dalam_angka.ipynb"
    nb = nbformat.read(src, as_version=4)
    tampered = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and is_checked_cell(cell):
            for out in cell.outputs:
                if "1.209" in out.get("text", ""):
                    out["text"] = out["text"].replace("1.209", "1.210", 1)
                    tampered += 1
                    break
            if tampered:
                break
    assert tampered == 1
    nbformat.write(nb, tmp_path / "01_tampered.ipynb")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            "-o",
            "addopts=",
            str(tmp_path / "01_tampered.ipynb"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "1.210" in proc.stdout and "1.209" in proc.stdout
