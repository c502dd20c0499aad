"""Plot helpers: each takes data and an optional ``ax`` and returns the Axes.

The theme is set in one place, :func:`set_theme`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns

__all__ = ["PALETTE", "set_theme"]

PALETTE = {
    "total": "#4C72B0",
    "aktif": "#55A868",
    "tidak_aktif": "#C44E52",
    "rat": "#8172B3",
    "sehat": "#CCB974",
    "dibubarkan": "#8C8C8C",
}


def set_theme() -> None:
    """Apply kopedu's plotting theme (seaborn whitegrid, readable sizes)."""
    sns.set_theme(style="whitegrid", context="notebook", font_scale=1.0)
    plt.rcParams.update({"figure.figsize": (8, 4.5), "figure.dpi": 100, "axes.titleweight": "bold"})
