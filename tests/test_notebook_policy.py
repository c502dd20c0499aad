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
        assert cell.execution_count is None, f"cell {i}: execution count stored"
        assert not any(o.get("output_type") == "error" for o in cell.outputs), f"cell {i}: error"
        if is_checked_cell(cell):
            assert cell.outputs, f"cell {i}: NBVAL_CHECK_OUTPUT without a stored output"
            assert cell.metadata.get("keep_output") is True, f"cell {i}: keep_output missing"
        else:
            assert not cell.outputs, f"cell {i}: unchecked output committed"
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
