"""Plot helpers: each takes data and an optional ``ax`` and returns the Axes.

The theme is set in one place, :func:`set_theme`.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from kopedu.formatting import format_number

__all__ = ["PALETTE", "funnel_plot", "set_theme", "trend_plot"]

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


def _thousands(axis, number: Callable[[int], str] = format_number) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: number(int(v))))


def funnel_plot(
    funnel_df,
    ax=None,
    xlabel: str = "Jumlah koperasi",
    missing_label: str = "belum ada angka",
    number: Callable[[int], str] = format_number,
):
    """Horizontal bar chart of a funnel (``kopedu.figures.funnel`` output).

    Missing stages are drawn as an empty bar labelled "belum ada angka", not as zero.
    ``number`` writes the values (Indonesian separators by default).
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.2))
    colors = [PALETTE["total"], PALETTE["aktif"], PALETTE["rat"], PALETTE["sehat"]]
    values = funnel_df["jumlah"].astype("Float64").fillna(0).astype(float)
    ax.barh(funnel_df["tahap"], values, color=colors[: len(funnel_df)])
    ax.invert_yaxis()
    top = float(values.max()) if len(values) else 0.0
    for i, v in enumerate(funnel_df["jumlah"]):
        label = missing_label if v is None or v is pd.NA else number(int(v))
        ax.text(float(values.iloc[i]) + top * 0.01, i, label, va="center")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.set_xlim(0, top * 1.2 if top else 1)
    _thousands(ax.xaxis, number)
    return ax


def trend_plot(
    wide,
    ax=None,
    xlabel: str = "Tahun",
    ylabel: str = "Jumlah koperasi",
    mark_year=None,
    number: Callable[[int], str] = format_number,
):
    """Line chart of yearly series (one line per column), gaps kept as gaps.

    Years on the x axis are written without separators; counts with ``number``.
    """
    if ax is None:
        _, ax = plt.subplots()
    for col in wide.columns:
        s = wide[col].dropna()
        if not s.empty:
            ax.plot(s.index, s.astype(float).values, marker="o", label=col)
    if mark_year is not None:
        ax.axvline(mark_year, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best", fontsize="small")
    _thousands(ax.yaxis, number)
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: str(int(v))))
    return ax
