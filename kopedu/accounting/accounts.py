"""Account classes, normal balances and the cooperative specifics — defined once.

Every other module of :mod:`kopedu.accounting` asks this module what an account
class is, which side it normally sits on and what a "group" (``kelompok``) of the
chart means in the statements. Nothing else hard-codes these rules.

Cooperative specifics (UU 25/1992 Pasal 41; see ``docs/accounting.md``):

* simpanan pokok and simpanan wajib are **equity** (``ekuitas``, groups
  ``simpanan_pokok`` and ``simpanan_wajib``);
* simpanan sukarela (and berjangka) are **liabilities** (group ``simpanan_anggota``),
  because a member may withdraw them at any time;
* revenue from members (partisipasi) is kept apart from non-member revenue, and
  beban perkoperasian (RAT, pendidikan, pengawas) is its own expense group;
* dana-dana set aside from SHU and SHU owed to members are liabilities until paid;
  cadangan is equity.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CASH_FLOW_GROUPS",
    "GROUPS",
    "Account",
    "AccountClass",
    "Side",
    "class_sign",
]


class AccountClass(StrEnum):
    """The five account classes (kelas akun)."""

    ASET = "aset"
    KEWAJIBAN = "kewajiban"
    EKUITAS = "ekuitas"
    PENDAPATAN = "pendapatan"
    BEBAN = "beban"

    @property
    def normal_side(self) -> Side:
        """Debit for aset and beban, kredit for the others."""
        return Side.DEBIT if self in (AccountClass.ASET, AccountClass.BEBAN) else Side.KREDIT

    @property
    def is_nominal(self) -> bool:
        """Pendapatan and beban are closed at year end (akun nominal)."""
        return self in (AccountClass.PENDAPATAN, AccountClass.BEBAN)


class Side(StrEnum):
    """Debit or kredit."""

    DEBIT = "debit"
    KREDIT = "kredit"


def class_sign(cls: AccountClass | str) -> int:
    """+1 if the class grows on the debit side, -1 if on the kredit side.

    A signed balance ``(debit - kredit) * class_sign(cls)`` is positive for an account
    of that class in its normal state; a contra account (akumulasi penyusutan) comes
    out negative and so reduces its class total in the statements.

    Examples
    --------
    >>> class_sign("aset"), class_sign("ekuitas")
    (1, -1)
    """
    return 1 if AccountClass(cls).normal_side is Side.DEBIT else -1


#: Allowed ``kelompok`` per class, with the label used in the statements.
GROUPS: dict[AccountClass, dict[str, str]] = {
    AccountClass.ASET: {
        "kas": "Kas dan setara kas",
        "lancar": "Aset lancar",
        "investasi": "Investasi jangka panjang",
        "tetap": "Aset tetap",
    },
    AccountClass.KEWAJIBAN: {
        "simpanan_anggota": "Simpanan anggota (sukarela/berjangka)",
        "jangka_pendek": "Kewajiban jangka pendek",
        "dana_shu": "Dana-dana dari SHU dan SHU anggota belum dibayar",
        "jangka_panjang": "Kewajiban jangka panjang",
    },
    AccountClass.EKUITAS: {
        "simpanan_pokok": "Simpanan pokok",
        "simpanan_wajib": "Simpanan wajib",
        "penyertaan": "Modal penyertaan",
        "hibah": "Hibah (modal sumbangan)",
        "cadangan": "Cadangan",
        "shu": "SHU belum dibagi",
    },
    AccountClass.PENDAPATAN: {
        "partisipasi": "Partisipasi bruto anggota",
        "non_anggota": "Pendapatan dari non-anggota",
        "lain": "Pendapatan lain-lain",
    },
    AccountClass.BEBAN: {
        "pokok_anggota": "Beban pokok (anggota)",
        "pokok_non_anggota": "Beban pokok (non-anggota)",
        "usaha": "Beban usaha",
        "perkoperasian": "Beban perkoperasian",
        "lain": "Beban lain-lain",
        "pajak": "Pajak penghasilan",
    },
}

#: Cash-flow activity of a balance-sheet account (``arus_kas`` column of a chart).
#: ``kas`` marks the cash accounts themselves; pendapatan and beban are ``operasi``.
CASH_FLOW_GROUPS: dict[str, str] = {
    "kas": "Kas dan setara kas",
    "operasi": "Aktivitas operasi",
    "investasi": "Aktivitas investasi",
    "pendanaan": "Aktivitas pendanaan",
}


@dataclass(frozen=True, slots=True)
class Account:
    """One account of a chart (bagan akun).

    Attributes
    ----------
    code : str
        Account code (``"1101"``).
    name : str
        Account name (``"Kas"``).
    cls : AccountClass
        Account class.
    group : str
        ``kelompok`` within the class (a key of :data:`GROUPS`).
    contra : bool
        A contra account (akumulasi penyusutan) sits on the side opposite its class.
    member : bool or None
        True for member (anggota / partisipasi) revenue and cost, False for
        non-member, None when it does not apply.
    cash_flow : str
        Activity in the cash-flow statement (a key of :data:`CASH_FLOW_GROUPS`).

    Examples
    --------
    >>> a = Account("3101", "Simpanan pokok", AccountClass.EKUITAS, "simpanan_pokok")
    >>> a.normal_side
    <Side.KREDIT: 'kredit'>
    """

    code: str
    name: str
    cls: AccountClass
    group: str
    contra: bool = False
    member: bool | None = None
    cash_flow: str = "operasi"

    @property
    def normal_side(self) -> Side:
        """The side on which the balance normally sits (flipped for contra accounts)."""
        side = self.cls.normal_side
        if self.contra:
            return Side.KREDIT if side is Side.DEBIT else Side.DEBIT
        return side

    @property
    def is_cooperative_expense(self) -> bool:
        """True for beban perkoperasian (RAT, pendidikan, honor pengurus/pengawas)."""
        return self.cls is AccountClass.BEBAN and self.group == "perkoperasian"
