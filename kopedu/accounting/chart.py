"""Chart of accounts (bagan akun) as validated data.

Two teaching charts are bundled (``data/accounting/bagan_akun_ksp.csv`` for a
koperasi simpan pinjam, ``bagan_akun_serba_usaha.csv`` for a koperasi serba
usaha/konsumen); a trainer can load their own from CSV or XLSX with the same
columns:

========== ===========================================================
kode       account code, unique (``1101``)
nama       account name, unique ignoring case (``Kas``)
kelas      aset, kewajiban, ekuitas, pendapatan or beban
kelompok   group within the class (see :data:`~kopedu.accounting.accounts.GROUPS`)
saldo_normal  debit or kredit; must agree with kelas and kontra
kontra     1 for a contra account (akumulasi penyusutan), else 0
anggota    ``anggota``, ``non_anggota`` or empty
arus_kas   kas, operasi, investasi or pendanaan
========== ===========================================================
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kopedu.accounting.accounts import (
    CASH_FLOW_GROUPS,
    GROUPS,
    Account,
    AccountClass,
    class_sign,
)
from kopedu.errors import KopeduError, Problem
from kopedu.paths import data_path

__all__ = [
    "CHART_VARIANTS",
    "Chart",
    "UnknownAccountError",
    "chart_schema",
    "load_chart",
    "read_table",
]

#: Bundled charts by variant name.
CHART_VARIANTS = {"ksp": "bagan_akun_ksp.csv", "serba_usaha": "bagan_akun_serba_usaha.csv"}

_ALL_GROUPS = sorted({g for groups in GROUPS.values() for g in groups})


@functools.cache
def chart_schema():
    """The pandera schema of a chart file (pandera is imported on first use)."""
    from kopedu.validation import pa

    return pa.DataFrameSchema(
        {
            "kode": pa.Column(
                str,
                pa.Check.str_matches(r"^[0-9A-Za-z.\-]+$"),
                unique=True,
                metadata={"fix": "isi kode akun unik tanpa spasi, misalnya 1101"},
            ),
            "nama": pa.Column(
                str,
                pa.Check.str_length(min_value=1, error="sel ini kosong"),
                metadata={"fix": "isi nama akun"},
            ),
            "kelas": pa.Column(
                str,
                pa.Check.isin([c.value for c in AccountClass]),
                metadata={"fix": "pilih aset, kewajiban, ekuitas, pendapatan atau beban"},
            ),
            "kelompok": pa.Column(
                str,
                pa.Check.isin(_ALL_GROUPS),
                metadata={"fix": "pilih kelompok yang sesuai kelas (lihat docs/accounting.md)"},
            ),
            "saldo_normal": pa.Column(
                str, pa.Check.isin(["debit", "kredit"]), metadata={"fix": "tulis debit atau kredit"}
            ),
            "kontra": pa.Column(
                int, pa.Check.isin([0, 1]), coerce=True, metadata={"fix": "tulis 1 atau 0"}
            ),
            "anggota": pa.Column(
                str,
                pa.Check.isin(["", "anggota", "non_anggota"]),
                metadata={"fix": "tulis anggota, non_anggota, atau kosongkan"},
            ),
            "arus_kas": pa.Column(
                str,
                pa.Check.isin(list(CASH_FLOW_GROUPS)),
                metadata={"fix": "pilih kas, operasi, investasi atau pendanaan"},
            ),
        },
        strict=False,
    )


class UnknownAccountError(KopeduError, LookupError):
    """An account code or name that is not in the chart."""


def read_table(source: str | Path | pd.DataFrame, *, sheet: str | int = 0) -> pd.DataFrame:
    """Read a CSV or XLSX file (or take a DataFrame) with every cell as text.

    Missing cells become empty strings, so validation sees what the trainer typed.

    Examples
    --------
    >>> read_table(pd.DataFrame({"a": ["x", None]}))["a"].tolist()
    ['x', '']
    """
    if isinstance(source, pd.DataFrame):
        df = source.copy()
    else:
        path = Path(source)
        if not path.exists():
            raise KopeduError(f"Berkas {path} tidak ditemukan.")
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            df = pd.read_excel(path, sheet_name=sheet, dtype=str)
        else:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    df.columns = [str(c).strip().lower() for c in df.columns]
    out = df.astype(object).where(df.notna(), "")
    return out.apply(lambda s: s.map(lambda v: str(v).strip()))


@dataclass(frozen=True)
class Chart:
    """A validated chart of accounts.

    Attributes
    ----------
    accounts : DataFrame
        One row per account, indexed by ``kode``, with the columns of the CSV plus
        ``tanda`` (+1/-1, see :func:`~kopedu.accounting.accounts.class_sign`) and
        ``perkoperasian`` (beban perkoperasian flag).
    name : str
        Where the chart came from.

    Examples
    --------
    >>> chart = load_chart("ksp")
    >>> chart.account("Kas").code
    '1101'
    >>> chart.code_of("simpanan sukarela")
    '2101'
    """

    accounts: pd.DataFrame
    name: str = "bagan akun"
    _lookup: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for code, nama in zip(self.accounts.index, self.accounts["nama"], strict=True):
            lookup[_key(nama)] = code
        for code in self.accounts.index:
            lookup[_key(code)] = code
        self._lookup.update(lookup)

    def __len__(self) -> int:
        return len(self.accounts)

    def __iter__(self) -> Iterator[Account]:
        return (self.account(c) for c in self.accounts.index)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and _key(key) in self._lookup

    def resolve(self, keys: pd.Series | list[str]) -> pd.Series:
        """Map account codes or names (any case) to codes; unknown ones give ``NA``."""
        s = pd.Series(keys, dtype=object)
        return s.map(lambda k: self._lookup.get(_key(str(k))), na_action="ignore")

    def code_of(self, key: str) -> str:
        """Code of an account given its code or name (case-insensitive)."""
        try:
            return self._lookup[_key(key)]
        except KeyError:
            raise UnknownAccountError(
                f"Akun {key!r} tidak ada di {self.name}. Periksa kode atau nama akunnya."
            ) from None

    def account(self, key: str) -> Account:
        """The :class:`Account` for a code or name."""
        code = self.code_of(key)
        row = self.accounts.loc[code]
        member = {"anggota": True, "non_anggota": False}.get(row["anggota"])
        return Account(
            code=code,
            name=row["nama"],
            cls=AccountClass(row["kelas"]),
            group=row["kelompok"],
            contra=bool(row["kontra"]),
            member=member,
            cash_flow=row["arus_kas"],
        )

    def codes(self, *, kelas: str | None = None, kelompok: str | None = None) -> list[str]:
        """Codes of the accounts of a class and/or group, in chart order."""
        mask = pd.Series(True, index=self.accounts.index)
        if kelas is not None:
            mask &= self.accounts["kelas"] == kelas
        if kelompok is not None:
            mask &= self.accounts["kelompok"] == kelompok
        return list(self.accounts.index[mask])

    def first_code(self, kelompok: str) -> str:
        """Code of the first account of a group (e.g. ``"shu"`` → SHU tahun berjalan)."""
        codes = self.codes(kelompok=kelompok)
        if not codes:
            raise UnknownAccountError(f"{self.name} tidak punya akun berkelompok {kelompok!r}.")
        return codes[0]


def _key(text: str) -> str:
    return " ".join(str(text).lower().split())


def _chart_problems(df: pd.DataFrame, source: str) -> list[Problem]:
    """Cross-column rules pandera cannot express per column."""
    problems = []
    for i, rec in enumerate(df.to_dict("records")):  # a chart has tens of rows
        row = i + 2
        kelas = rec.get("kelas", "")
        if kelas not in GROUPS:
            continue
        if rec.get("kelompok") in _ALL_GROUPS and rec["kelompok"] not in GROUPS[kelas]:
            allowed = ", ".join(GROUPS[AccountClass(kelas)])
            problems.append(
                Problem(
                    source,
                    row,
                    "kelompok",
                    f"kelompok {rec['kelompok']!r} bukan untuk kelas {kelas}",
                    f"pilih salah satu: {allowed}",
                )
            )
        kontra = str(rec.get("kontra", "")).strip() in ("1", "1.0", "ya", "true")
        expected = AccountClass(kelas).normal_side.value
        if kontra:
            expected = "kredit" if expected == "debit" else "debit"
        if rec.get("saldo_normal") in ("debit", "kredit") and rec["saldo_normal"] != expected:
            problems.append(
                Problem(
                    source,
                    row,
                    "saldo_normal",
                    f"akun {kelas}"
                    f"{' kontra' if kontra else ''} bersaldo normal {expected}, "
                    f"bukan {rec['saldo_normal']}",
                    f"tulis {expected}",
                )
            )
    names = df.get("nama", pd.Series(dtype=object)).map(_key)
    for i in names.index[names.duplicated() & names.ne("")]:
        problems.append(
            Problem(
                source,
                int(i) + 2,
                "nama",
                f"nama akun {df['nama'][i]!r} dipakai lebih dari sekali",
                "beri setiap akun nama yang unik",
            )
        )
    return problems


def load_chart(source: str | Path | pd.DataFrame = "ksp", *, sheet: str | int = 0) -> Chart:
    """Load and validate a chart of accounts.

    Parameters
    ----------
    source : {"ksp", "serba_usaha"} or path or DataFrame
        A bundled variant, a CSV/XLSX file, or a table with the chart's columns.
    sheet : str or int
        Worksheet of an XLSX file.

    Returns
    -------
    Chart

    Raises
    ------
    DataValidationError
        Listing every problem (row, column, fix) in the file.

    Examples
    --------
    >>> len(load_chart("ksp")) > 40
    True
    >>> load_chart("serba_usaha").account("4101").member
    True
    """
    bundled = isinstance(source, str) and source in CHART_VARIANTS
    if bundled:
        label = CHART_VARIANTS[source]
        raw = read_table(data_path("accounting", label))
    else:
        label = "<tabel>" if isinstance(source, pd.DataFrame) else Path(source).name
        raw = read_table(source, sheet=sheet)
    if "kontra" in raw:
        raw["kontra"] = raw["kontra"].str.lower().replace({"": "0", "ya": "1", "tidak": "0"})
    if bundled:
        # The bundled charts pass the schema (tests/test_accounting_chart.py proves it);
        # trusting them keeps pandera out of a quick ``kopedu neraca-saldo``.
        df = raw.astype({"kontra": "int64"})
    else:
        from kopedu.validation import validate_frame

        df = validate_frame(raw, chart_schema(), label, extra=_chart_problems(raw, label))
    df = df.set_index("kode", drop=False)
    df.index.name = None
    df["tanda"] = df["kelas"].map(class_sign).astype("int64")
    df["perkoperasian"] = (df["kelas"] == "beban") & (df["kelompok"] == "perkoperasian")
    return Chart(df, name=label)
