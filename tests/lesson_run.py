"""Run a lesson as a trainee would and read its variables (shared by tests/test_lesson_*.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kopedu.nbtools import run_and_inspect

LESSONS = Path(__file__).resolve().parents[1] / "notebooks"


def values(stem: str, expressions: dict[str, str]) -> dict[str, Any]:
    """Execute ``notebooks/<stem>.ipynb`` on a fresh kernel; evaluate ``expressions`` there."""
    return run_and_inspect(LESSONS / f"{stem}.ipynb", expressions)
