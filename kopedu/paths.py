"""Where kopedu's bundled files live, in a source checkout and in an installed wheel.

In a checkout (``pip install -e .``) the data sit in the repository's ``data/`` and
the report templates in ``notebooks/reports/``. A wheel carries the same files inside
the package as ``kopedu/_data`` and ``kopedu/_reports`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_path", "report_template_path"]

_PKG = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.exists():
            return c
    return candidates[0]


def data_path(*parts: str) -> Path:
    """Path of a bundled data file, e.g. ``data_path("figures.csv")``.

    Examples
    --------
    >>> data_path("figures.csv").name
    'figures.csv'
    """
    base = _first_existing(_PKG / "_data", _PKG.parent / "data")
    return base.joinpath(*parts)


def report_template_path(name: str = "laporan_wilayah.ipynb") -> Path:
    """Path of a bundled report notebook template."""
    base = _first_existing(_PKG / "_reports", _PKG.parent / "notebooks" / "reports")
    return base / name
