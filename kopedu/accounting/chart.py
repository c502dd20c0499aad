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

A trainer's own chart may hold only ``kode`` and ``nama`` (headers in any usual
spelling: "Kode Perkiraan", "Nama Akun" …): the other columns are then inferred from
the usual Indonesian numbering (1 aset, 2 kewajiban, 3 ekuitas, 4 pendapatan/partisipasi,
5–6 beban, 7 by name, 8 beban lain-lain, 9 pajak; ``data/accounting/penomoran_akun.csv``)
and the account's name (``data/accounting/kata_kunci_akun.csv``), and every inference
is listed in :attr:`Chart.inferences`.

Names are matched ignoring case, the spelling variants of
``data/accounting/ejaan_akun.csv`` (Hutang → Utang, Biaya → Beban) and the textbook
synonyms of ``data/accounting/sinonim_akun.csv`` (Piutang anggota → Pinjaman anggota,
Peralatan → Peralatan dan inventaris); :meth:`Chart.explain` says which rule matched, and
:meth:`Chart.suggest` proposes names for an unknown one.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
from collections.abc import Iterable, Iterator
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
from kopedu.errors import DataValidationError, KopeduError, Problem
from kopedu.paths import data_path
from kopedu.texts import say

__all__ = [
    "CHART_VARIANTS",
    "Chart",
    "UnknownAccountError",
    "account_key",
    "chart_schema",
    "load_chart",
    "read_table",
]

#: Bundled charts by variant name.
CHART_VARIANTS = {"ksp": "bagan_akun_ksp.csv", "serba_usaha": "bagan_akun_serba_usaha.csv"}
#: Columns of :attr:`Chart.inferences`.
_INFER_COLUMNS = ["kode", "nama", "kolom", "nilai", "dasar"]

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
                pa.Check.str_length(min_value=1, error="required"),
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

    Missing cells become empty strings, so validation sees what the trainer typed;
    headers are lower-cased. Files go through :func:`kopedu.validation.read_table`
    (kopedu's one ingestion layer).

    Examples
    --------
    >>> read_table(pd.DataFrame({"a": ["x", None]}))["a"].tolist()
    ['x', '']
    """
    if isinstance(source, pd.DataFrame):
        df = source.copy()
    else:
        from kopedu.io.tables import read_text_table

        df = read_text_table(source, sheet=sheet)
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
    notes : tuple of Problem
        How the file was read (sheet, header row, columns not used).
    inferences : DataFrame
        For a chart whose file lacked some columns: one row per account and inferred
        column (``kode, nama, kolom, nilai, dasar``); empty otherwise.

    Examples
    --------
    >>> chart = load_chart("ksp")
    >>> chart.account("Kas").code
    '1101'
    >>> chart.code_of("simpanan sukarela")
    '2101'
    >>> chart.resolve(["Hutang Usaha", "Piutang anggota"], loose=True).tolist()
    ['2111', '1104']
    """

    accounts: pd.DataFrame
    name: str = "bagan akun"
    notes: tuple[Problem, ...] = ()
    inferences: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_INFER_COLUMNS))
    _lookup: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _loose: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _how: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        strict: dict[str, str] = {}
        loose: dict[str, str] = {}
        how: dict[str, str] = {}
        for code, nama in zip(self.accounts.index, self.accounts["nama"], strict=True):
            strict[_key(nama)] = code
            loose[account_key(nama)] = code
            how[account_key(nama)] = "nama"
        for code in self.accounts.index:
            strict[_key(code)] = code
            loose[account_key(code)] = code
            how[account_key(code)] = "kode"
        for synonym, targets in _synonyms().items():
            if synonym in loose:
                continue
            for target in targets:
                code = loose.get(account_key(target))
                if code is not None and how.get(account_key(target)) == "nama":
                    loose[synonym] = code
                    how[synonym] = "sinonim"
                    break
        self._lookup.update(strict)
        self._loose.update(loose)
        self._how.update(how)

    def __len__(self) -> int:
        return len(self.accounts)

    def __iter__(self) -> Iterator[Account]:
        return (self.account(c) for c in self.accounts.index)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and _key(key) in self._lookup

    def resolve(self, keys: pd.Series | list[str], *, loose: bool = False) -> pd.Series:
        """Map account codes or names (any case) to codes; unknown ones give ``NA``.

        With ``loose=True`` (reading a file people made) the usual spellings (Hutang →
        Utang) and textbook synonyms (Piutang anggota → Pinjaman anggota) match too; an
        exercise keeps to the chart's own names.
        """
        s = pd.Series(keys, dtype=object)
        if loose:
            return s.map(lambda k: self._loose.get(account_key(str(k))), na_action="ignore")
        return s.map(lambda k: self._lookup.get(_key(str(k))), na_action="ignore")

    def explain(self, written: Iterable[str]) -> list[tuple[str, str, str]]:
        """``(as written, code, rule)`` for each name matched other than exactly.

        The rule is ``"ejaan"`` (Hutang → Utang) or ``"sinonim"`` (Piutang anggota →
        Pinjaman anggota).

        Examples
        --------
        >>> load_chart("ksp").explain(["Kas", "Hutang Usaha", "Peralatan"])
        [('Hutang Usaha', '2111', 'ejaan'), ('Peralatan', '1304', 'sinonim')]
        """
        out = []
        for text in dict.fromkeys(str(w).strip() for w in written):
            key = account_key(text)
            code = self._loose.get(key)
            if code is None:
                continue
            how = self._how[key]
            if how == "sinonim":
                out.append((text, code, how))
            elif how == "nama" and _plain_key(text) != _plain_key(self.accounts.at[code, "nama"]):
                out.append((text, code, "ejaan"))
        return out

    def suggest(self, written: str, n: int = 3) -> list[str]:
        """Account names close to an unknown ``written`` one ("Mungkin maksud Anda: …").

        Examples
        --------
        >>> load_chart("ksp").suggest("Simpanan Pokoq")
        ['Simpanan pokok']
        """
        names = {account_key(nm): nm for nm in self.accounts["nama"]}
        key = account_key(written)
        hits = difflib.get_close_matches(key, list(names), n=n, cutoff=0.8)
        first = key.split()[0] if key.split() else ""
        if not hits and first and first not in ("beban", "pendapatan"):
            # the same first word: "Piutang usaha" → Piutang …
            hits = [k for k in names if k.split()[0] == first][:n]
        return [names[h] for h in hits]

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


def _plain_key(text: object) -> str:
    return " ".join(re.sub(r"[/\-]", " ", str(text).lower()).split())


@functools.cache
def _spelling() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = _data_rows("ejaan_akun.csv")
    return tuple((re.compile(rf"\b{re.escape(r['tertulis'])}\b"), r["baku"]) for r in rows)


@functools.cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for r in _data_rows("sinonim_akun.csv"):
        out.setdefault(account_key(r["sinonim"]), []).append(r["nama"])
    return {k: tuple(v) for k, v in out.items()}


def _data_rows(name: str) -> list[dict[str, str]]:
    with data_path("accounting", name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def account_key(text: object) -> str:
    """An account code or name reduced for matching.

    Lower case, ``/`` and ``-`` as spaces, and the standard spelling of
    ``data/accounting/ejaan_akun.csv``.

    Examples
    --------
    >>> account_key(" Hutang  Usaha "), account_key("Pinjaman non-anggota")
    ('utang usaha', 'pinjaman non anggota')
    """
    key = _plain_key(text)
    for pattern, standard in _spelling():
        key = pattern.sub(standard, key)
    return key


def _key(text: str) -> str:
    return " ".join(str(text).lower().split())


def _chart_problems(df: pd.DataFrame, source: str) -> list[Problem]:
    """Cross-column rules pandera cannot express per column."""
    problems = []
    for i, rec in zip(df.index, df.to_dict("records"), strict=True):  # tens of rows
        row = int(i) + 2
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


_SPEC_COLUMNS = (
    "kode",
    "nama",
    "kelas",
    "kelompok",
    "saldo_normal",
    "kontra",
    "anggota",
    "arus_kas",
)
_KELAS_WORDS = {
    "aset": "aset",
    "aktiva": "aset",
    "harta": "aset",
    "kewajiban": "kewajiban",
    "utang": "kewajiban",
    "hutang": "kewajiban",
    "liabilitas": "kewajiban",
    "pasiva": "kewajiban",
    "ekuitas": "ekuitas",
    "modal": "ekuitas",
    "pendapatan": "pendapatan",
    "penghasilan": "pendapatan",
    "partisipasi": "pendapatan",
    "beban": "beban",
    "biaya": "beban",
}
_SIDE_WORDS = {
    "debit": "debit",
    "debet": "debit",
    "d": "debit",
    "db": "debit",
    "dr": "debit",
    "kredit": "kredit",
    "credit": "kredit",
    "k": "kredit",
    "kr": "kredit",
    "cr": "kredit",
}


@functools.cache
def _numbering() -> dict[str, tuple[str, str, str]]:
    return {
        r["awalan"]: (r["kelas"], r["kelompok"], r["sumber"])
        for r in _data_rows("penomoran_akun.csv")
    }


@functools.cache
def _class_by_name() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pola"]), r["kelas"]) for r in _data_rows("kelas_dari_nama.csv"))


@functools.cache
def _keywords() -> tuple[tuple[str, re.Pattern[str], dict[str, str]], ...]:
    return tuple(
        (
            r["kelas"],
            re.compile(r["pola"]),
            {k: r[k] for k in ("kelompok", "kontra", "anggota", "arus_kas")},
        )
        for r in _data_rows("kata_kunci_akun.csv")
    )


def _infer(raw: pd.DataFrame, label: str) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """Fill the columns a trainer's chart lacks (or left blank); every filled cell is listed.

    They are filled from the code's first digit and the account's name.
    """
    df = raw.copy()
    for col in _SPEC_COLUMNS:
        if col not in df:
            df[col] = ""
    df["kelas"] = df["kelas"].map(lambda v: _KELAS_WORDS.get(str(v).strip().lower(), v))
    df["saldo_normal"] = df["saldo_normal"].map(
        lambda v: _SIDE_WORDS.get(str(v).strip().lower(), v)
    )
    rows: list[tuple[str, str, str, str, str]] = []
    problems: list[Problem] = []
    for i in df.index:
        code, name = str(df.at[i, "kode"]), str(df.at[i, "nama"])
        key = account_key(name)
        if not code or not name:
            continue  # the schema reports the empty cell
        if not df.at[i, "kelas"]:
            digit = next((ch for ch in code if ch.isdigit()), "")
            kelas, _, _source = _numbering().get(digit, ("", "", ""))
            basis = say("io", "chart.basis_prefix", digit=digit) if kelas else ""
            if not kelas:
                kelas = next((k for pat, k in _class_by_name() if pat.search(key)), "")
                basis = say("io", "chart.basis_name", name=name) if kelas else ""
            if not kelas:
                problems.append(
                    Problem(
                        label,
                        int(i) + 2,
                        "kelas",
                        say("io", "chart.class_unknown", code=code),
                        say("io", "chart.class_unknown.fix"),
                        found=name,
                        code="chart.class_unknown",
                    )
                )
                continue
            df.at[i, "kelas"] = kelas
            rows.append((code, name, "kelas", kelas, basis))
        kelas = str(df.at[i, "kelas"])
        rule = next((r for k, pat, r in _keywords() if k == kelas and pat.search(key)), None)
        digit = next((ch for ch in code if ch.isdigit()), "")
        by_number = _numbering().get(digit, ("", "", ""))[1]
        if not df.at[i, "kelompok"] and rule is not None:
            value = by_number or rule["kelompok"]
            basis = (
                say("io", "chart.basis_prefix", digit=digit)
                if by_number
                else say("io", "chart.basis_name", name=name)
            )
            df.at[i, "kelompok"] = value
            rows.append((code, name, "kelompok", value, basis))
        for col in ("kontra", "anggota", "arus_kas"):
            if not df.at[i, col] and rule is not None and (col not in raw or rule[col]):
                df.at[i, col] = rule[col] or ("0" if col == "kontra" else "")
                if (col != "kontra" or rule[col] == "1") and df.at[i, col]:
                    rows.append(
                        (
                            code,
                            name,
                            col,
                            df.at[i, col],
                            say("io", "chart.basis_name", name=name),
                        )
                    )
        if not df.at[i, "saldo_normal"] and kelas in GROUPS:
            side = AccountClass(kelas).normal_side.value
            if str(df.at[i, "kontra"]).strip() in ("1", "ya"):
                side = "kredit" if side == "debit" else "debit"
            df.at[i, "saldo_normal"] = side
            rows.append(
                (code, name, "saldo_normal", side, say("io", "chart.basis_class", kelas=kelas))
            )
    inferences = pd.DataFrame(rows, columns=_INFER_COLUMNS)
    return df, inferences, problems


def _spec():
    from kopedu.io.tables import Spec

    return Spec(
        "bagan",
        ("kode", "nama"),
        "kode, nama (boleh ditambah: kelas, kelompok, saldo_normal, kontra, anggota, arus_kas)",
        what="akun",
    )


def _read_trainer_chart(
    source: str | Path | pd.DataFrame, sheet: str | int | None
) -> tuple[pd.DataFrame, str, list[Problem]]:
    """A trainer's chart as text cells under kopedu's column names, and how it was read."""
    from kopedu.io.tables import read_table as read_any

    if isinstance(source, pd.DataFrame):
        table = read_any(source, _spec(), name="<tabel>")
    else:
        table = read_any(Path(source), _spec(), sheet=sheet)
    if table.problems:
        raise DataValidationError(table.name, table.problems)
    data = {}
    problems: list[Problem] = []
    for col in table.frame.columns:
        values, found = table.coerce(col, "code" if col == "kode" else "text")
        data[col] = values.fillna("").astype(object).to_numpy()
        problems += found
    if problems:
        raise DataValidationError(table.name, problems)
    raw = pd.DataFrame(data, index=table.frame.index - 2)
    raw = raw.apply(lambda s: s.map(lambda v: str(v).strip()))
    return raw, table.name, table.notes


def load_chart(source: str | Path | pd.DataFrame = "ksp", *, sheet: str | int | None = 0) -> Chart:
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
    notes: list[Problem] = []
    inferences = pd.DataFrame(columns=_INFER_COLUMNS)
    if isinstance(source, str) and source in CHART_VARIANTS:
        label = CHART_VARIANTS[source]
        # kopedu's own UTF-8 CSV, checked by the tests: no sniffing needed
        bundled_csv = pd.read_csv(data_path("accounting", label), dtype=str, keep_default_na=False)
        raw = read_table(bundled_csv)
    else:
        raw, label, notes = _read_trainer_chart(source, None if sheet == 0 else sheet)
        raw, inferences, problems = _infer(raw, label)
        if problems:
            raise DataValidationError(label, problems)
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
    return Chart(df, name=label, notes=tuple(notes), inferences=inferences)
