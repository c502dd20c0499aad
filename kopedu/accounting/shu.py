"""SHU (sisa hasil usaha): allocation to pos and distribution to members.

Definitions (Sitio & Tamba; UU 25/1992 Pasal 45), all explicit parameters:

* **pos** — the AD/ART percentages (cadangan, jasa modal, jasa usaha, dana-dana),
  validated to sum to exactly 100 %;
* **basis** — ``"total"``: the percentages apply to the whole SHU; ``"anggota"``:
  they apply to the SHU earned from members only, and the SHU from non-members
  goes to one pos (default cadangan), since only member SHU may be returned to
  members as jasa;
* **Sa** — a member's simpanan (by default simpanan pokok + simpanan wajib; pass
  other columns to include sukarela); **TMS** — the total it is divided by
  (default: the members' total Sa);
* **Va** — a member's transactions (purchases, sales, jasa pinjaman paid or loans:
  the column(s) you pass); **VUK** — the total (default: the members' total Va;
  textbooks often use the koperasi's whole omzet);
* ``SHU_a = (Sa / TMS) × jasa modal + (Va / VUK) × jasa usaha``.

Rounding rule (:func:`largest_remainder`): each exact share is cut down to whole
rupiah, then the rupiah left over are handed out one each to the largest
fractional remainders (ties: the earlier member/pos). Parts therefore sum *exactly*
to the whole. ``rounding="potong"`` reproduces textbooks that truncate: the
leftover rupiah are reported as ``sisa_pembulatan`` instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd

from kopedu.accounting.chart import Chart
from kopedu.accounting.journal import JournalEntry, JournalLine, journal_from_entries
from kopedu.display import Text
from kopedu.errors import KopeduError, Problem
from kopedu.validation import pa, validate_frame

__all__ = [
    "DEFAULT_POS_ACCOUNTS",
    "MemberShare",
    "Sentence",
    "ShuDistribution",
    "ShuParameterError",
    "allocate_shu",
    "check_percentages",
    "distribute_shu",
    "largest_remainder",
    "member_shu",
    "member_totals",
    "shu_entries",
    "shu_member_share",
    "to_sen",
]

ROUNDING = ("sisa_terbesar", "potong")

#: Where each pos is booked when SHU is distributed (account names of both charts).
DEFAULT_POS_ACCOUNTS = {
    "cadangan": "Cadangan",
    "jasa_modal": "SHU bagian anggota belum dibayar",
    "jasa_usaha": "SHU bagian anggota belum dibayar",
    "dana_pengurus": "Dana pengurus",
    "dana_karyawan": "Dana karyawan",
    "dana_pendidikan": "Dana pendidikan",
    "dana_sosial": "Dana sosial",
    "dana_pdk": "Dana pembangunan daerah kerja",
}


class ShuParameterError(KopeduError, ValueError):
    """SHU parameters that cannot be used (percentages not summing to 100, …)."""


def _fraction(value: object, name: str) -> Fraction:
    if isinstance(value, bool):
        raise ShuParameterError(f"{name} = {value!r} bukan angka.")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, float):
        value = repr(value)
    try:
        return Fraction(Decimal(str(value).replace(",", ".")))
    except (ArithmeticError, ValueError):
        raise ShuParameterError(f"{name} = {value!r} bukan angka.") from None


def largest_remainder(total: int, weights: Sequence[object]) -> list[int]:
    """Split ``total`` rupiah in proportion to ``weights``, exactly (Hamilton method).

    Each share ``total × w / Σw`` is cut to whole rupiah; the rupiah left over go one
    each to the largest remainders (ties: the earlier item). The parts sum to
    ``total`` exactly.

    Parameters
    ----------
    total : int
        Whole rupiah to split (≥ 0).
    weights : sequence of int, Decimal, Fraction or str
        Non-negative weights (percentages, simpanan, transactions).

    Examples
    --------
    >>> largest_remainder(100, [1, 1, 1])
    [34, 33, 33]
    >>> sum(largest_remainder(1_000_001, [3, 7, 11]))
    1000001
    """
    if isinstance(total, bool) or not isinstance(total, int):
        raise ShuParameterError(f"Jumlah yang dibagi harus rupiah utuh (int), bukan {total!r}.")
    w = [_fraction(x, "bobot") for x in weights]
    if any(x < 0 for x in w):
        raise ShuParameterError("Bobot pembagian tidak boleh negatif.")
    s = sum(w, Fraction(0))
    if not w:
        return []
    if s == 0:
        if total:
            raise ShuParameterError("Semua bobot nol: tidak ada dasar untuk membagi.")
        return [0] * len(w)
    exact = [total * x / s for x in w]
    floors = [q.numerator // q.denominator for q in exact]
    left = total - sum(floors)
    order = sorted(range(len(w)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def to_sen(value: Fraction) -> Decimal:
    """An exact amount rounded half-up to the sen (two decimals), for showing.

    Examples
    --------
    >>> to_sen(Fraction(27_000_000 * 15, 1020))
    Decimal('397058.82')
    """
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _percentages(persen: Mapping[str, object]) -> dict[str, Fraction]:
    out = {str(k): _fraction(v, f"persen {k}") for k, v in persen.items()}
    bad = [k for k, v in out.items() if v < 0]
    if bad:
        raise ShuParameterError(f"Persentase tidak boleh negatif: {', '.join(bad)}.")
    total = sum(out.values(), Fraction(0))
    if total != 100:
        raise ShuParameterError(
            f"Persentase pembagian SHU berjumlah {float(total):g} %, harus tepat 100 %. "
            "Periksa lagi angka dari AD/ART."
        )
    return out


#: A sentence for the reader (kept name; the type is the display helper's :class:`Text`).
Sentence = Text


def check_percentages(persen: Mapping[str, object]) -> Text:
    """Whether a division of SHU (percentages per pos, as in the AD/ART) can be used.

    Returns the sentence :func:`allocate_shu` would refuse it with, or a sentence saying it
    adds up — for showing a trainee what is wrong without stopping the notebook.

    Examples
    --------
    >>> check_percentages({"cadangan": 40, "jasa_anggota": 40, "pengurus": 5, "karyawan": 5,
    ...                    "pendidikan": 5, "sosial": 5, "pdk": 5})
    Persentase pembagian SHU berjumlah 105 %, harus tepat 100 %. Periksa lagi angka dari AD/ART.
    >>> check_percentages({"cadangan": 25, "jasa_anggota": 75})
    Persentase pembagian SHU berjumlah tepat 100 %: siap dibagi.
    """
    try:
        _percentages(persen)
    except ShuParameterError as exc:
        return Text(exc)
    return Text("Persentase pembagian SHU berjumlah tepat 100 %: siap dibagi.")


def allocate_shu(
    shu: int,
    persen: Mapping[str, object],
    *,
    basis: str = "total",
    shu_anggota: int | None = None,
    non_anggota_ke: str = "cadangan",
) -> pd.DataFrame:
    """Allocate SHU to the pos of the AD/ART, exact to the rupiah.

    Parameters
    ----------
    shu : int
        SHU setelah pajak (whole rupiah).
    persen : mapping
        Pos → percentage; must sum to exactly 100.
    basis : {"total", "anggota"}
        Apply the percentages to the whole SHU, or to the SHU from members only.
    shu_anggota : int, optional
        SHU earned from members; required when ``basis="anggota"``.
    non_anggota_ke : str
        With ``basis="anggota"``, the pos that receives the SHU from non-members.

    Returns
    -------
    DataFrame
        ``pos``, ``persen`` (Decimal) and ``jumlah`` (int64); sums to ``shu``.

    Examples
    --------
    >>> a = allocate_shu(56_000_000, {"cadangan": 45, "jasa_modal": 25, "jasa_usaha": 30})
    >>> a.set_index("pos")["jumlah"].to_dict()
    {'cadangan': 25200000, 'jasa_modal': 14000000, 'jasa_usaha': 16800000}
    """
    p = _percentages(persen)
    if basis not in ("total", "anggota"):
        raise ShuParameterError("basis harus 'total' atau 'anggota'.")
    base = shu
    if basis == "anggota":
        if shu_anggota is None or not 0 <= shu_anggota <= shu:
            raise ShuParameterError(
                "Dengan basis='anggota', isi shu_anggota (SHU dari transaksi anggota), "
                "antara 0 dan SHU total."
            )
        if non_anggota_ke not in p:
            raise ShuParameterError(f"Pos {non_anggota_ke!r} untuk SHU non-anggota tidak ada.")
        base = shu_anggota
    parts = largest_remainder(base, list(p.values()))
    amounts = dict(zip(p, parts, strict=True))
    if basis == "anggota":
        amounts[non_anggota_ke] += shu - base
    return pd.DataFrame(
        {
            "pos": list(p),
            "persen": [Decimal(v.numerator) / Decimal(v.denominator) for v in p.values()],
            "jumlah": pd.array(list(amounts.values()), dtype="int64"),
        }
    )


@dataclass(frozen=True, slots=True)
class MemberShare:
    """One member's exact SHU: jasa modal (JMA) and jasa usaha (JUA) as fractions.

    Use :func:`to_sen` to show them with sen, ``int()`` of the floor to truncate
    as textbooks do.
    """

    jasa_modal: Fraction
    jasa_usaha: Fraction

    @property
    def total(self) -> Fraction:
        """The member's SHU, jasa modal plus jasa usaha, exact.

        Examples
        --------
        >>> MemberShare(Fraction(1, 3), Fraction(1, 6)).total
        Fraction(1, 2)
        """
        return self.jasa_modal + self.jasa_usaha

    def rounded(self, rounding: str = "bulat") -> tuple[int, int, int]:
        """(JMA, JUA, total) in whole rupiah: ``"bulat"`` half-up or ``"potong"``."""
        if rounding == "potong":
            jm, ju = (x.numerator // x.denominator for x in (self.jasa_modal, self.jasa_usaha))
        elif rounding == "bulat":
            jm, ju = (_half_up(x) for x in (self.jasa_modal, self.jasa_usaha))
        else:
            raise ShuParameterError("rounding harus 'bulat' atau 'potong'.")
        return jm, ju, jm + ju


def _half_up(x: Fraction) -> int:
    """Round a non-negative fraction half-up to an int."""
    return (2 * x.numerator + x.denominator) // (2 * x.denominator)


def shu_member_share(
    *,
    shu: int,
    persen_jasa_modal: object,
    persen_jasa_usaha: object,
    simpanan: int,
    total_simpanan: int,
    transaksi: int,
    total_transaksi: int,
) -> MemberShare:
    """One member's SHU by the textbook formula, exact.

    ``JMA = Sa / TMS × (persen_jasa_modal % × shu)``,
    ``JUA = Va / VUK × (persen_jasa_usaha % × shu)``. Pass the member SHU as ``shu``
    for basis "anggota", the whole SHU for basis "total".

    Examples
    --------
    >>> s = shu_member_share(shu=56_000_000, persen_jasa_modal=25, persen_jasa_usaha=30,
    ...     simpanan=600_000, total_simpanan=28_000_000,
    ...     transaksi=8_400_000, total_transaksi=168_000_000)
    >>> s.rounded()
    (300000, 840000, 1140000)
    """
    if total_simpanan <= 0 or total_transaksi <= 0:
        raise ShuParameterError("Total simpanan dan total transaksi harus lebih dari nol.")
    jm = Fraction(shu) * _fraction(persen_jasa_modal, "persen_jasa_modal") / 100
    ju = Fraction(shu) * _fraction(persen_jasa_usaha, "persen_jasa_usaha") / 100
    return MemberShare(jm * simpanan / total_simpanan, ju * transaksi / total_transaksi)


_MEMBERS_SCHEMA = pa.DataFrameSchema(
    {
        "no_anggota": pa.Column(
            str, unique=True, nullable=False, metadata={"fix": "beri setiap anggota nomor unik"}
        ),
    },
    strict=False,
)


def _pool(
    amount: int, values: pd.Series, denominator: int | None, label: str, rounding: str
) -> tuple[list[int], int, list[Fraction]]:
    members_total = int(values.sum())
    denom = members_total if denominator is None else int(denominator)
    if denom < members_total:
        raise ShuParameterError(
            f"Total {label} ({denom:,}) lebih kecil dari jumlah {label} anggota "
            f"({members_total:,})."
        )
    if denom == 0:
        if amount:
            raise ShuParameterError(f"Total {label} nol: jasa tidak bisa dibagi.")
        return [0] * len(values), 0, [Fraction(0)] * len(values)
    exact = [Fraction(amount * int(v), denom) for v in values]
    parts = [q.numerator // q.denominator for q in exact]
    if rounding == "sisa_terbesar":
        pool = Fraction(amount * members_total, denom)
        left = pool.numerator // pool.denominator - sum(parts)
        order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - parts[i]), i))
        for i in order[:left]:
            parts[i] += 1
    return parts, amount - sum(parts), exact


def member_shu(
    members: pd.DataFrame,
    *,
    jasa_modal: int,
    jasa_usaha: int,
    simpanan: Sequence[str] = ("simpanan_pokok", "simpanan_wajib"),
    transaksi: Sequence[str] = ("transaksi",),
    total_simpanan: int | None = None,
    total_transaksi: int | None = None,
    rounding: str = "sisa_terbesar",
) -> pd.DataFrame:
    """Per-member SHU: jasa modal by Sa, jasa usaha by Va, exact to the rupiah.

    Parameters
    ----------
    members : DataFrame
        ``no_anggota``, optional ``nama``, and the (int rupiah) columns named in
        ``simpanan`` and ``transaksi``.
    jasa_modal, jasa_usaha : int
        The pos amounts to divide (from :func:`allocate_shu`).
    simpanan : sequence of str
        Columns summed into Sa (default pokok + wajib).
    transaksi : sequence of str
        Columns summed into Va.
    total_simpanan, total_transaksi : int, optional
        TMS and VUK; default the members' totals. A larger total (e.g. the whole
        omzet including non-members) leaves part of the pool unallocated.
    rounding : {"sisa_terbesar", "potong"}
        Largest remainder (parts sum exactly) or truncation (textbook style).

    Returns
    -------
    DataFrame
        ``no_anggota``, ``nama``, ``sa``, ``va``, ``jasa_modal``, ``jasa_usaha``,
        ``jumlah`` (int64), and ``jasa_modal_tepat``/``jasa_usaha_tepat`` (Decimal,
        to the sen). ``attrs["tidak_teralokasi"]`` holds the rupiah of each pool not
        given to members (other denominators or truncation).

    Examples
    --------
    >>> m = pd.DataFrame({"no_anggota": ["A1", "A2", "A3"], "simpanan_pokok": [1, 1, 1],
    ...     "simpanan_wajib": [0, 0, 0], "transaksi": [1, 2, 3]})
    >>> member_shu(m, jasa_modal=100, jasa_usaha=100)["jumlah"].tolist()
    [51, 66, 83]
    """
    if rounding not in ROUNDING:
        raise ShuParameterError(f"rounding harus salah satu dari {ROUNDING}.")
    missing = [c for c in [*simpanan, *transaksi] if c not in members.columns]
    problems = [
        Problem(
            "<anggota>",
            None,
            c,
            "kolom ini tidak ada",
            "sebutkan kolom simpanan/transaksi yang ada di tabel anggota",
        )
        for c in missing
    ]
    schema = _MEMBERS_SCHEMA.add_columns(
        {
            c: pa.Column(
                "int64", pa.Check.ge(0), coerce=True, metadata={"fix": "isi rupiah utuh ≥ 0"}
            )
            for c in dict.fromkeys([*simpanan, *transaksi])
            if c in members.columns
        }
    )
    df = members.copy()
    if "no_anggota" in df:
        df["no_anggota"] = df["no_anggota"].astype(str)
    df = validate_frame(df, schema, "<anggota>", extra=problems)
    sa = df[list(simpanan)].sum(axis=1).astype("int64")
    va = df[list(transaksi)].sum(axis=1).astype("int64")
    jm, jm_left, jm_exact = _pool(jasa_modal, sa, total_simpanan, "simpanan", rounding)
    ju, ju_left, ju_exact = _pool(jasa_usaha, va, total_transaksi, "transaksi", rounding)
    out = pd.DataFrame(
        {
            "no_anggota": df["no_anggota"].to_numpy(),
            "nama": df["nama"].to_numpy() if "nama" in df else "",
            "sa": sa.to_numpy(),
            "va": va.to_numpy(),
            "jasa_modal": pd.array(jm, dtype="int64"),
            "jasa_usaha": pd.array(ju, dtype="int64"),
        }
    )
    out["jumlah"] = out["jasa_modal"] + out["jasa_usaha"]
    out["jasa_modal_tepat"] = [to_sen(q) for q in jm_exact]
    out["jasa_usaha_tepat"] = [to_sen(q) for q in ju_exact]
    out.attrs["tidak_teralokasi"] = {"jasa_modal": jm_left, "jasa_usaha": ju_left}
    return out


def member_totals(
    journal: pd.DataFrame,
    chart: Chart,
    columns: Mapping[str, Sequence[str]],
) -> pd.DataFrame:
    """Per-member totals of some accounts, from the ``anggota`` column of a journal.

    Each amount is the account's movement on its normal side (kredit − debit for
    simpanan and partisipasi; debit − kredit for loans), summed over the listed
    accounts (codes or names).

    Examples
    --------
    >>> from kopedu.accounting import load_chart, parse_journal
    >>> chart = load_chart("ksp")
    >>> j = parse_journal('''
    ... 2024-01-05 S1 simpanan
    ...   D Kas 150
    ...   K Simpanan pokok 100 @A1
    ...   K Simpanan wajib 50 @A1
    ... ''', chart)
    >>> member_totals(j, chart, {"sa": ["Simpanan pokok", "Simpanan wajib"]}).to_dict("records")
    [{'no_anggota': 'A1', 'sa': 150}]
    """
    tagged = journal[journal["anggota"].astype(str) != ""]
    akun = tagged["akun"].astype(str)
    sign = chart.accounts["tanda"].reindex(akun.to_numpy()).fillna(1).to_numpy()
    value = (tagged["debit"] - tagged["kredit"]).to_numpy() * sign
    frame = pd.DataFrame(
        {
            "no_anggota": tagged["anggota"].astype(str).to_numpy(),
            "akun": akun.to_numpy(),
            "nilai": value.astype("int64"),
        }
    )
    out = pd.DataFrame({"no_anggota": sorted(frame["no_anggota"].unique())})
    for name, accounts in columns.items():
        codes = [chart.code_of(a) for a in accounts]
        sums = frame[frame["akun"].isin(codes)].groupby("no_anggota")["nilai"].sum()
        out[name] = sums.reindex(out["no_anggota"], fill_value=0).to_numpy(dtype="int64")
    return out


def shu_entries(
    allocation: pd.DataFrame,
    chart: Chart,
    tanggal: dt.date,
    *,
    accounts: Mapping[str, str] | None = None,
    unallocated: Mapping[str, int] | None = None,
    bukti: str = "SHU-1",
) -> pd.DataFrame:
    """Journal entry that records the SHU distribution decided by the RAT.

    Debit SHU tahun berjalan for the whole SHU; kredit each pos's account
    (:data:`DEFAULT_POS_ACCOUNTS`: cadangan is equity; jasa modal/usaha and
    dana-dana are liabilities until paid). Rupiah of the jasa pools not given to
    members (``unallocated``) go to cadangan.

    Examples
    --------
    >>> from kopedu.accounting import load_chart
    >>> chart = load_chart("ksp")
    >>> a = allocate_shu(1000, {"cadangan": 40, "jasa_modal": 30, "jasa_usaha": 30})
    >>> e = shu_entries(a, chart, dt.date(2025, 3, 1))
    >>> e[["akun", "debit", "kredit"]].to_numpy().tolist()
    [['3106', 1000, 0], ['3105', 0, 400], ['2105', 0, 600]]
    """
    mapping = {**DEFAULT_POS_ACCOUNTS, **(accounts or {})}
    unknown = [p for p in allocation["pos"] if p not in mapping]
    if unknown:
        raise ShuParameterError(
            f"Akun untuk pos {', '.join(unknown)} belum ditentukan; isi accounts={{pos: akun}}."
        )
    credits: dict[str, int] = {}
    for pos, amount in zip(allocation["pos"], allocation["jumlah"], strict=True):
        code = chart.code_of(mapping[pos])
        credits[code] = credits.get(code, 0) + int(amount)
    for pos, left in (unallocated or {}).items():
        if left:
            src = chart.code_of(mapping[pos])
            credits[src] -= int(left)
            cad = chart.code_of(mapping["cadangan"])
            credits[cad] = credits.get(cad, 0) + int(left)
    total = int(allocation["jumlah"].sum())
    lines = [JournalLine(chart.first_code("shu"), debit=total)]
    lines += [JournalLine(code, kredit=v) for code, v in credits.items() if v]
    entry = JournalEntry(tanggal, bukti, "Pembagian SHU sesuai keputusan RAT", tuple(lines))
    return journal_from_entries([entry], chart)


@dataclass(frozen=True)
class ShuDistribution:
    """Everything :func:`distribute_shu` produces: pos, per-member table, entries."""

    pos: pd.DataFrame
    members: pd.DataFrame
    entries: pd.DataFrame

    @property
    def unallocated(self) -> dict[str, int]:
        """Rupiah of each pool (``jasa_modal``, ``jasa_usaha``) not given to members.

        Other denominators or truncation leave them; :attr:`entries` books them to the
        cadangan.
        """
        return dict(self.members.attrs.get("tidak_teralokasi", {}))


def distribute_shu(
    shu: int,
    persen: Mapping[str, object],
    members: pd.DataFrame,
    chart: Chart,
    tanggal: dt.date,
    *,
    basis: str = "total",
    shu_anggota: int | None = None,
    simpanan: Sequence[str] = ("simpanan_pokok", "simpanan_wajib"),
    transaksi: Sequence[str] = ("transaksi",),
    total_simpanan: int | None = None,
    total_transaksi: int | None = None,
    rounding: str = "sisa_terbesar",
) -> ShuDistribution:
    """Allocate SHU to pos, divide jasa modal/usaha among members, journal it.

    ``persen`` must contain the pos ``jasa_modal`` and ``jasa_usaha``; see
    :func:`allocate_shu` and :func:`member_shu` for the other parameters.
    """
    for needed in ("jasa_modal", "jasa_usaha"):
        if needed not in persen:
            raise ShuParameterError(f"Persentase harus memuat pos {needed!r}.")
    pos = allocate_shu(shu, persen, basis=basis, shu_anggota=shu_anggota)
    amount = pos.set_index("pos")["jumlah"]
    table = member_shu(
        members,
        jasa_modal=int(amount["jasa_modal"]),
        jasa_usaha=int(amount["jasa_usaha"]),
        simpanan=simpanan,
        transaksi=transaksi,
        total_simpanan=total_simpanan,
        total_transaksi=total_transaksi,
        rounding=rounding,
    )
    entries = shu_entries(pos, chart, tanggal, unallocated=table.attrs["tidak_teralokasi"])
    return ShuDistribution(pos, table, entries)
