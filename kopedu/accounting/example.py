"""The bundled example koperasi used by lessons 02–04.

*KSP Sejahtera Bersama* (fictional), Sangatta Utara, Kutai Timur: 40 members,
fiscal year 2024. Generated deterministically by ``data/accounting/make_example.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kopedu.accounting.chart import Chart, load_chart, read_table
from kopedu.accounting.journal import concat_journals
from kopedu.accounting.reader import read_journal
from kopedu.paths import data_path
from kopedu.validation import pa, validate_frame

__all__ = ["Example", "load_example"]

_MEMBERS = pa.DataFrameSchema(
    {
        "no_anggota": pa.Column(str, unique=True, metadata={"fix": "nomor anggota unik"}),
        "nama": pa.Column(
            str,
            pa.Check.str_length(min_value=1, error="sel ini kosong"),
            metadata={"fix": "isi nama"},
        ),
        "tanggal_masuk": pa.Column(
            "datetime64[ns]", coerce=True, metadata={"fix": "tanggal ISO, mis. 2021-03-01"}
        ),
    },
    strict=True,
)


@dataclass(frozen=True)
class Example:
    """An example koperasi: chart, members, opening balances, journal, adjustments."""

    name: str
    place: str
    tahun_buku: int
    chart: Chart
    members: pd.DataFrame
    opening: pd.DataFrame
    journal: pd.DataFrame
    adjustments: pd.DataFrame

    @property
    def year_end(self) -> dt.date:
        """The last day of the tahun buku (31 December).

        Examples
        --------
        >>> load_example().year_end
        datetime.date(2024, 12, 31)
        """
        return dt.date(self.tahun_buku, 12, 31)

    @property
    def adjusted(self) -> pd.DataFrame:
        """The year's journal followed by the adjusting entries."""
        return concat_journals([self.journal, self.adjustments], self.chart)


def load_example() -> Example:
    """Load KSP Sejahtera Bersama (Sangatta Utara, Kutai Timur), tahun buku 2024.

    Examples
    --------
    >>> ex = load_example()
    >>> ex.name, len(ex.members)
    ('KSP Sejahtera Bersama', 40)
    """
    chart = load_chart("ksp")
    folder = ("accounting", "contoh_ksp")
    members = validate_frame(read_table(data_path(*folder, "anggota.csv")), _MEMBERS, "anggota.csv")
    return Example(
        name="KSP Sejahtera Bersama",
        place="Sangatta Utara, Kabupaten Kutai Timur",
        tahun_buku=2024,
        chart=chart,
        members=members,
        opening=read_journal(data_path(*folder, "saldo_awal_2024.csv"), chart),
        journal=read_journal(data_path(*folder, "jurnal_2024.csv"), chart),
        adjustments=read_journal(data_path(*folder, "penyesuaian_2024.csv"), chart),
    )


def textbook_journal_text() -> str:
    """The textbook journal of a new KSP's first two months (reference §2), compact text form.

    Bundled as ``data/accounting/jurnal_ksp_baru.txt``; lesson 02, its exercises and the
    tests read this one copy.

    Examples
    --------
    >>> textbook_journal_text().splitlines()[1].split()[:2]
    ['2024-04-02', 'BKM-001']
    """
    return data_path("accounting", "jurnal_ksp_baru.txt").read_text(encoding="utf-8")
