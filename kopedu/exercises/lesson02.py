"""Exercises of lesson 02, *Jurnal dan neraca saldo*: journal entries and a trial balance.

* ``soal1`` writes the journal entry of a simpanan sukarela deposit in the text form
  of :func:`kopedu.accounting.parse_journal` (typical mistakes: debit and kredit
  swapped, simpanan sukarela booked as equity, an unbalanced entry);
* ``soal2`` builds the trial balance of the textbook KSP journal (:func:`jurnal_ksp_baru`)
  and gives its debit total (mistake: adding up the journal's postings instead);
* ``soal3`` (answered in a form) records a salary payment: debit account, kredit
  account, amount.

Expected balances are computed with :mod:`kopedu.accounting`. Message texts are in
``locale/<lang>/LC_MESSAGES/lesson02.po``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from kopedu.exercises.compare import as_number, rupiah
from kopedu.exercises.core import Exercise, Lesson, Mistake, WrongAnswer

__all__ = ["LESSON", "jurnal_ksp_baru"]


_SETORAN = 2_500_000  # soal1: the deposit in the task text
_GAJI = 5_400_000  # soal3: the salary in the task text


@cache
def _chart():
    from kopedu.accounting import load_chart

    return load_chart("ksp")


def jurnal_ksp_baru() -> pd.DataFrame:
    """The journal of the new KSP of lesson 02 (postings frame, a fresh copy).

    Examples
    --------
    >>> int(jurnal_ksp_baru()["entri"].max())
    10
    """
    from kopedu.accounting import parse_journal, textbook_journal_text

    return parse_journal(textbook_journal_text(), _chart())


def _net(text: object, name: str) -> tuple[dict[str, int], pd.DataFrame]:
    """Per-account net (debit − kredit) of a text journal, and its findings."""
    from kopedu.accounting import check_journal, parse_journal
    from kopedu.errors import KopeduError

    if not isinstance(text, str):
        raise Mistake("soal1.not_text", name=name)
    try:
        journal = parse_journal(text, _chart())
    except KopeduError:
        raise Mistake("soal1.unreadable", name=name) from None
    if journal.empty:
        raise Mistake("soal1.unreadable", name=name)
    findings = check_journal(journal, _chart())
    net = (journal["debit"] - journal["kredit"]).groupby(journal["akun"].astype(str)).sum()
    return {k: int(v) for k, v in net.items() if v}, findings


# --- soal1: a journal entry in text form ----------------------------------------------
def _check_soal1(jurnal_setoran: object) -> None:
    net, findings = _net(jurnal_setoran, "jurnal_setoran")
    kinds = set(findings["jenis"])
    if "akun_tidak_dikenal" in kinds:
        raise Mistake("soal1.unknown_account")
    if "tidak_seimbang" in kinds:
        raise Mistake("soal1.unbalanced")
    if net == {"1101": -_SETORAN, "2101": _SETORAN}:
        raise Mistake("soal1.swapped")
    if net.get("1101") == _SETORAN and set(net) & {"3101", "3102"}:
        raise Mistake("soal1.sukarela_as_equity")
    if set(net) != {"1101", "2101"}:
        raise Mistake("soal1.wrong_accounts")
    if net != {"1101": _SETORAN, "2101": -_SETORAN}:
        raise Mistake("soal1.wrong_amount")


_SOLUSI1 = (
    'jurnal_setoran = """\n'
    "2024-06-03 BKM-101 Setoran simpanan sukarela Bu Halimah\n"
    "    D Kas                  2.500.000\n"
    "    K Simpanan sukarela    2.500.000 @A016\n"
    '"""\n'
)


def _variant(debit: str, kredit: str, amount_d: str = "2.500.000", amount_k: str = "2.500.000"):
    return (
        'jurnal_setoran = """\n'
        "2024-06-03 BKM-101 Setoran simpanan sukarela Bu Halimah\n"
        f"    D {debit}  {amount_d}\n"
        f"    K {kredit}  {amount_k}\n"
        '"""\n'
    )


SOAL1 = Exercise(
    id="soal1",
    variables=("jurnal_setoran",),
    check=_check_soal1,
    starter="# Soal 1: jurnal setoran simpanan sukarela, dalam bentuk teks\njurnal_setoran = ...\n",
    solution=_SOLUSI1,
    wrong_answers=(
        WrongAnswer(_variant("Simpanan sukarela", "Kas"), "soal1.swapped"),
        WrongAnswer(_variant("Kas", "Simpanan wajib"), "soal1.sukarela_as_equity"),
        WrongAnswer(_variant("Kas", "Simpanan sukarela", amount_k="250.000"), "soal1.unbalanced"),
        WrongAnswer(_variant("Kas", "Tabungan anggota"), "soal1.unknown_account"),
        WrongAnswer(_variant("Bank", "Simpanan sukarela"), "soal1.wrong_accounts"),
        WrongAnswer("jurnal_setoran = 2500000", "soal1.not_text"),
    ),
    hints=3,
    expected=None,
)


# --- soal2: the trial balance's debit total -----------------------------------------------
def _ns_total() -> int:
    from kopedu.accounting import trial_balance, trial_balance_totals

    return trial_balance_totals(trial_balance(jurnal_ksp_baru(), _chart()))[0]


def _check_soal2(total_debit_ns: object) -> None:
    value = as_number(total_debit_ns, name="total_debit_ns")
    journal = jurnal_ksp_baru()
    if value == int(journal["debit"].sum()):
        raise Mistake("soal2.sum_of_postings")
    if value == int(journal.loc[journal["akun"].astype(str) == "1101", "debit"].sum()):
        raise Mistake("soal2.cash_only")
    rupiah(total_debit_ns, _ns_total(), name="total_debit_ns")


SOAL2 = Exercise(
    id="soal2",
    variables=("total_debit_ns",),
    check=_check_soal2,
    starter="# Soal 2: jumlah kolom debit neraca saldo KSP baru (rupiah utuh)\n"
    "total_debit_ns = ...\n",
    solution="neraca_saldo = kp.accounting.trial_balance(jurnal, bagan)\n"
    'total_debit_ns = int(neraca_saldo["debit"].sum())\n',
    wrong_answers=(
        WrongAnswer('total_debit_ns = int(jurnal["debit"].sum())', "soal2.sum_of_postings"),
        WrongAnswer(
            'total_debit_ns = int(jurnal.loc[jurnal["akun"] == "1101", "debit"].sum())',
            "soal2.cash_only",
        ),
        WrongAnswer(
            'total_debit_ns = float(kp.accounting.trial_balance(jurnal, bagan)["debit"].sum())',
            "core.rupiah_float",
        ),
    ),
    hints=3,
    expected=lambda: {"total_debit_ns": _ns_total()},
)


# --- soal3: a journal entry through a form ------------------------------------------------
def _code(value: object, name: str) -> str:
    from kopedu.accounting import UnknownAccountError

    if not isinstance(value, str):
        raise Mistake("soal3.not_account", name=name)
    try:
        return _chart().code_of(value)
    except UnknownAccountError:
        raise Mistake("soal3.unknown_account", name=name) from None


def _check_soal3(akun_debit: object, akun_kredit: object, jumlah_gaji: object) -> None:
    debit, kredit = _code(akun_debit, "akun_debit"), _code(akun_kredit, "akun_kredit")
    if (debit, kredit) == ("1101", "5201"):
        raise Mistake("soal3.swapped")
    if kredit == "2104":
        raise Mistake("soal3.accrued_not_paid")
    if debit != "5201":
        raise Mistake("soal3.debit_not_expense")
    if kredit != "1101":
        raise Mistake("soal3.kredit_not_cash")
    rupiah(jumlah_gaji, _GAJI, name="jumlah_gaji")


SOAL3 = Exercise(
    id="soal3",
    variables=("akun_debit", "akun_kredit", "jumlah_gaji"),
    check=_check_soal3,
    starter="# Soal 3: isi lewat formulir di bawah, atau tulis langsung di sini\n"
    "akun_debit = ...  # nama atau kode akun\n"
    "akun_kredit = ...\n"
    "jumlah_gaji = ...  # rupiah utuh\n",
    solution='akun_debit = "Beban gaji"\nakun_kredit = "Kas"\njumlah_gaji = 5400000\n',
    wrong_answers=(
        WrongAnswer(
            'akun_debit = "Kas"\nakun_kredit = "Beban gaji"\njumlah_gaji = 5400000',
            "soal3.swapped",
        ),
        WrongAnswer(
            'akun_debit = "Beban gaji"\nakun_kredit = "Beban masih harus dibayar"\n'
            "jumlah_gaji = 5400000",
            "soal3.accrued_not_paid",
        ),
        WrongAnswer(
            'akun_debit = "Gaji"\nakun_kredit = "Kas"\njumlah_gaji = 5400000',
            "soal3.unknown_account",
        ),
        WrongAnswer(
            'akun_debit = "Beban gaji"\nakun_kredit = "Kas"\njumlah_gaji = 540000',
            "core.too_low",
        ),
    ),
    hints=2,
    expected=None,
    widget=True,
    form_fields=(("akun_debit", "text"), ("akun_kredit", "text"), ("jumlah_gaji", "int")),
)


LESSON = Lesson(
    id="02",
    exercises=(SOAL1, SOAL2, SOAL3),
    setup="import kopedu as kp\n"
    'bagan = kp.accounting.load_chart("ksp")\n'
    "jurnal = kp.exercises.lesson02.jurnal_ksp_baru()\n",
)
