"""Check a registry's tables without stopping: the message a load would refuse with.

:func:`~kopedu.registry.loader.frames_to_registry` and
:func:`~kopedu.registry.loader.load_registry` refuse a table with problems by raising one
:class:`~kopedu.errors.DataValidationError` that lists them all. :func:`check_frames`
gives the same message as text instead, so that a lesson or a trainer can look at what
is wrong (and what reads fine) without a stopped cell.
"""

from __future__ import annotations

import pandas as pd

from kopedu.display import Text
from kopedu.errors import DataValidationError
from kopedu.registry.loader import Grid, frames_to_registry

__all__ = ["check_frames"]


def check_frames(
    tables: dict[str, pd.DataFrame | Grid],
    source: str = "<tabel>",
    *,
    sheets: dict[str, str] | None = None,
) -> Text:
    """Whether raw registry tables can be read; every problem, or what was read.

    Parameters
    ----------
    tables, source, sheets
        As for :func:`~kopedu.registry.loader.frames_to_registry`.

    Returns
    -------
    Text
        The refusal :func:`~kopedu.registry.loader.frames_to_registry` would raise, with
        every problem by row and column and its fix; or a sentence saying how many
        cooperatives and RAT rows were read.

    Examples
    --------
    >>> kop = [["No. Badan Hukum", "NAMA KOPERASI", "Jenis", "Kab/Kota", "Tgl BH"],
    ...        ["001/BH/2019", "KSU Maju", "KSU", "KAB. KUTAI TIMUR", "31 Desember 2019"]]
    >>> rat = [["No. Badan Hukum", "Tahun Buku", "Tgl RAT"], ["001/BH/2019", "2023", "15/03/2024"]]
    >>> check_frames({"koperasi": kop, "rat": rat}, "contoh.xlsx")
    contoh.xlsx: terbaca tanpa masalah (1 koperasi, 1 baris RAT).
    >>> kop[1][2] = "tani"
    >>> print(check_frames({"koperasi": kop, "rat": rat}, "contoh.xlsx").splitlines()[0])
    contoh.xlsx: ditemukan 1 masalah pada data. Perbaiki lalu jalankan lagi.
    """
    try:
        registry = frames_to_registry(tables, source, sheets=sheets)
    except DataValidationError as exc:
        return Text(exc)
    return Text(
        f"{source}: terbaca tanpa masalah ({len(registry.koperasi)} koperasi, "
        f"{len(registry.rat)} baris RAT)."
    )
