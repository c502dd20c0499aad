"""Exercises of lesson 03, *Laporan keuangan koperasi*: a PHU and an adjusting entry.

The trainee works on :func:`neraca_saldo_toko`, the adjusted trial balance of a
koperasi konsumen in Balikpapan (fictional) for 2024, and

* ``soal1`` computes partisipasi neto anggota (mistakes: non-member sales included,
  beban pokok forgotten);
* ``soal2`` computes SHU setelah pajak (mistakes: beban perkoperasian or pajak
  forgotten, other income left out);
* ``soal3`` writes the adjusting entry for December electricity not yet paid
  (mistakes: booked as paid in cash — the missing accrual —, debit and kredit swapped).

Expected values are computed with :mod:`kopedu.accounting`. Message texts are in
``locale/<lang>/LC_MESSAGES/lesson03.po``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from kopedu.exercises.compare import as_number, rupiah
from kopedu.exercises.core import Exercise, Lesson, Mistake, WrongAnswer

__all__ = ["JURNAL_TOKO", "LESSON", "neraca_saldo_toko"]

#: The year of the koperasi konsumen, summarised in a few entries.
JURNAL_TOKO = """
2024-01-01 SA-1 Saldo awal
    D Kas                                 80.000.000
    D Peralatan dan inventaris            30.000.000
    K Simpanan pokok                      10.000.000
    K Simpanan wajib                      60.000.000
    K Simpanan sukarela                   40.000.000
2024-12-31 RKP-1 Pembelian barang dagangan setahun
    D Persediaan barang dagangan         250.000.000
    K Kas                                150.000.000
    K Utang usaha                        100.000.000
2024-12-31 RKP-2 Penjualan kepada anggota setahun
    D Kas                                240.000.000
    K Penjualan kepada anggota           240.000.000
    D Harga pokok penjualan anggota      204.000.000
    K Persediaan barang dagangan         204.000.000
2024-12-31 RKP-3 Penjualan kepada umum setahun
    D Kas                                 60.000.000
    K Penjualan kepada non-anggota        60.000.000
    D Harga pokok penjualan non-anggota   48.000.000
    K Persediaan barang dagangan          48.000.000
2024-12-31 RKP-4 Beban setahun
    D Beban gaji                          18.000.000
    D Beban administrasi dan umum          4.500.000
    D Beban perkoperasian                  6.000.000
    K Kas                                 28.500.000
2024-12-31 RKP-5 Jasa giro bank
    D Kas                                  1.200.000
    K Pendapatan lain-lain                 1.200.000
2024-12-31 AJP-1 Penyusutan peralatan
    D Beban penyusutan                     3.000.000
    K Akumulasi penyusutan                 3.000.000
2024-12-31 AJP-2 PPh final 0,5 % peredaran bruto
    D Pajak penghasilan                    1.500.000
    K Utang pajak                          1.500.000
"""

_LISTRIK = 850_000  # soal3: the unpaid December bill in the task text


@cache
def _chart():
    from kopedu.accounting import load_chart

    return load_chart("serba_usaha")


@cache
def _journal() -> pd.DataFrame:
    from kopedu.accounting import parse_journal

    return parse_journal(JURNAL_TOKO, _chart())


def neraca_saldo_toko() -> pd.DataFrame:
    """Adjusted trial balance 2024 of the Balikpapan koperasi konsumen (a fresh copy).

    Columns ``kode``, ``nama``, ``kelas``, ``debit``, ``kredit`` (whole rupiah).

    Examples
    --------
    >>> ns = neraca_saldo_toko()
    >>> int(ns["debit"].sum()) == int(ns["kredit"].sum())
    True
    """
    from kopedu.accounting import trial_balance

    return trial_balance(_journal(), _chart())


@cache
def _phu():
    from kopedu.accounting import income_statement

    return income_statement(_journal(), _chart())


def _amount(name: str, column: str) -> int:
    ns = neraca_saldo_toko().set_index("nama")
    return int(ns.loc[name, column])


# --- soal1: partisipasi neto ----------------------------------------------------------
def _check_soal1(partisipasi_neto: object) -> None:
    value = as_number(partisipasi_neto, name="partisipasi_neto")
    sales = _amount("Penjualan kepada anggota", "kredit")
    non = _amount("Penjualan kepada non-anggota", "kredit")
    hpp, hpp_non = (
        _amount("Harga pokok penjualan anggota", "debit"),
        _amount("Harga pokok penjualan non-anggota", "debit"),
    )
    if value == (sales + non) - (hpp + hpp_non):
        raise Mistake("soal1.non_member_included")
    if value == sales:
        raise Mistake("soal1.gross")
    if value == sales - hpp_non or value == sales - hpp - hpp_non:
        raise Mistake("soal1.wrong_cost")
    rupiah(partisipasi_neto, _phu()["partisipasi_neto"], name="partisipasi_neto")


SOAL1 = Exercise(
    id="soal1",
    variables=("partisipasi_neto",),
    check=_check_soal1,
    starter="# Soal 1: partisipasi neto anggota 2024 (rupiah utuh)\npartisipasi_neto = ...\n",
    solution='saldo = ns.set_index("nama")\n'
    "partisipasi_neto = int(\n"
    '    saldo.loc["Penjualan kepada anggota", "kredit"]\n'
    '    - saldo.loc["Harga pokok penjualan anggota", "debit"]\n'
    ")\n",
    wrong_answers=(
        WrongAnswer(
            'saldo = ns.set_index("nama")\n'
            'partisipasi_neto = int(saldo.loc["Penjualan kepada anggota", "kredit"])',
            "soal1.gross",
        ),
        WrongAnswer(
            'partisipasi_neto = int(ns.loc[ns["kelas"] == "pendapatan", "kredit"].sum()'
            ' - ns.loc[ns["nama"].str.startswith("Harga pokok"), "debit"].sum()'
            ' - ns.loc[ns["nama"] == "Pendapatan lain-lain", "kredit"].sum())',
            "soal1.non_member_included",
        ),
        WrongAnswer(
            'saldo = ns.set_index("nama")\n'
            'partisipasi_neto = float(saldo.loc["Penjualan kepada anggota", "kredit"]'
            ' - saldo.loc["Harga pokok penjualan anggota", "debit"])',
            "core.rupiah_float",
        ),
    ),
    hints=3,
    expected=lambda: {"partisipasi_neto": _phu()["partisipasi_neto"]},
)


# --- soal2: SHU setelah pajak ---------------------------------------------------------------
def _check_soal2(shu_setelah_pajak: object) -> None:
    value = as_number(shu_setelah_pajak, name="shu_setelah_pajak")
    phu = _phu()
    if value == phu["shu_setelah_pajak"] + phu["beban_perkoperasian"]:
        raise Mistake("soal2.no_perkoperasian")
    if value == phu["shu_sebelum_pajak"]:
        raise Mistake("soal2.before_tax")
    if value == phu["shu_setelah_pajak"] - phu["pendapatan_lain"]:
        raise Mistake("soal2.no_other_income")
    if (
        value
        == phu["partisipasi_neto"]
        - phu["beban_usaha"]
        - phu["beban_perkoperasian"]
        - (phu["pajak"])
        + phu["pendapatan_lain"]
    ):
        raise Mistake("soal2.no_non_member")
    rupiah(shu_setelah_pajak, phu["shu_setelah_pajak"], name="shu_setelah_pajak")


SOAL2 = Exercise(
    id="soal2",
    variables=("shu_setelah_pajak",),
    check=_check_soal2,
    starter="# Soal 2: SHU setelah pajak 2024 (rupiah utuh)\nshu_setelah_pajak = ...\n",
    solution='pendapatan = ns.loc[ns["kelas"] == "pendapatan", "kredit"].sum()\n'
    'beban = ns.loc[ns["kelas"] == "beban", "debit"].sum()\n'
    "shu_setelah_pajak = int(pendapatan - beban)\n",
    wrong_answers=(
        WrongAnswer(
            'pendapatan = ns.loc[ns["kelas"] == "pendapatan", "kredit"].sum()\n'
            'beban = ns.loc[(ns["kelas"] == "beban") & (ns["nama"] != "Pajak penghasilan"),'
            ' "debit"].sum()\n'
            "shu_setelah_pajak = int(pendapatan - beban)",
            "soal2.before_tax",
        ),
        WrongAnswer(
            'pendapatan = ns.loc[ns["kelas"] == "pendapatan", "kredit"].sum()\n'
            'beban = ns.loc[(ns["kelas"] == "beban") & (ns["nama"] != "Beban perkoperasian"),'
            ' "debit"].sum()\n'
            "shu_setelah_pajak = int(pendapatan - beban)",
            "soal2.no_perkoperasian",
        ),
        WrongAnswer(
            'pendapatan = ns.loc[ns["nama"].str.startswith("Penjualan"), "kredit"].sum()\n'
            'beban = ns.loc[ns["kelas"] == "beban", "debit"].sum()\n'
            "shu_setelah_pajak = int(pendapatan - beban)",
            "soal2.no_other_income",
        ),
    ),
    hints=3,
    expected=lambda: {"shu_setelah_pajak": _phu()["shu_setelah_pajak"]},
)


# --- soal3: an adjusting entry (the accrual) --------------------------------------------------
def _check_soal3(jurnal_penyesuaian: object) -> None:
    from kopedu.accounting import check_journal, parse_journal
    from kopedu.errors import KopeduError

    name = "jurnal_penyesuaian"
    if not isinstance(jurnal_penyesuaian, str):
        raise Mistake("soal3.not_text", name=name)
    try:
        journal = parse_journal(jurnal_penyesuaian, _chart())
    except KopeduError:
        raise Mistake("soal3.unreadable", name=name) from None
    if journal.empty:
        raise Mistake("soal3.unreadable", name=name)
    kinds = set(check_journal(journal, _chart())["jenis"])
    if "akun_tidak_dikenal" in kinds:
        raise Mistake("soal3.unknown_account")
    if "tidak_seimbang" in kinds:
        raise Mistake("soal3.unbalanced")
    net = (journal["debit"] - journal["kredit"]).groupby(journal["akun"].astype(str)).sum()
    net = {k: int(v) for k, v in net.items() if v}
    expense = {c for c in net if c.startswith("5")}
    if net.get("2104", 0) > 0 and expense and all(net[c] < 0 for c in expense):
        raise Mistake("soal3.swapped")
    if net.get("1101", 0) < 0 or net.get("1102", 0) < 0:
        raise Mistake("soal3.paid_in_cash")
    if net.get("2104", 0) >= 0:
        raise Mistake("soal3.no_liability")
    if set(net) != {"5202", "2104"}:
        raise Mistake("soal3.wrong_expense")
    if net["5202"] != _LISTRIK:
        raise Mistake("soal3.wrong_amount")


def _entry(debit: str, kredit: str) -> str:
    return (
        'jurnal_penyesuaian = """\n'
        "2024-12-31 AJP-3 Listrik dan air Desember belum dibayar\n"
        f"    D {debit}  850.000\n"
        f"    K {kredit}  850.000\n"
        '"""\n'
    )


SOAL3 = Exercise(
    id="soal3",
    variables=("jurnal_penyesuaian",),
    check=_check_soal3,
    starter="# Soal 3: jurnal penyesuaian 31 Desember, dalam bentuk teks\n"
    "jurnal_penyesuaian = ...\n",
    solution=_entry("Beban administrasi dan umum", "Beban masih harus dibayar"),
    wrong_answers=(
        WrongAnswer(_entry("Beban administrasi dan umum", "Kas"), "soal3.paid_in_cash"),
        WrongAnswer(
            _entry("Beban masih harus dibayar", "Beban administrasi dan umum"), "soal3.swapped"
        ),
        WrongAnswer(_entry("Beban lain-lain", "Beban masih harus dibayar"), "soal3.wrong_expense"),
        WrongAnswer(_entry("Beban listrik", "Beban masih harus dibayar"), "soal3.unknown_account"),
    ),
    hints=3,
    expected=None,
)


LESSON = Lesson(
    id="03",
    exercises=(SOAL1, SOAL2, SOAL3),
    setup="import kopedu as kp\n"
    'bagan = kp.accounting.load_chart("serba_usaha")\n'
    "ns = kp.exercises.lesson03.neraca_saldo_toko()\n",
)
