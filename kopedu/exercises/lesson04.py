"""Exercises of lesson 04, *SHU dan pembagiannya*: a member's share and the rounding rule.

The trainee works on :func:`data_shu`, the 2024 SHU figures of *KSP Tunas Harapan*
(fictional, Kutai Timur), and

* ``soal1`` computes Pak Daniel's jasa modal and jasa usaha (mistakes: percentages
  swapped, percentage forgotten, percentage not divided by 100);
* ``soal2`` recomputes his jasa usaha on the base *SHU from members* (mistakes: the
  total SHU, the non-member SHU);
* ``soal3`` splits a pool among three equal members exactly (mistake: cutting every
  share down, so rupiah go missing).

Expected values are computed with :mod:`kopedu.accounting.shu`. Message texts are in
``locale/<lang>/LC_MESSAGES/lesson04.po``.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from kopedu.exercises.compare import as_number, number
from kopedu.exercises.core import Exercise, Lesson, Mistake, WrongAnswer

__all__ = ["LESSON", "data_shu"]

_DATA = {
    "shu_setelah_pajak": 48_000_000,
    "shu_dari_anggota": 36_000_000,
    "persen_cadangan": 30,
    "persen_jasa_modal": 20,
    "persen_jasa_usaha": 35,
    "persen_dana_lain": 15,
    "total_simpanan_anggota": 120_000_000,
    "total_jasa_pinjaman_anggota": 84_000_000,
    "simpanan_daniel": 2_400_000,
    "jasa_pinjaman_daniel": 2_100_000,
    "jasa_modal_dibagi": 100_000,
}
_TOL = 0.5  # the task allows rounding to the nearest rupiah


def data_shu() -> pd.Series:
    """The SHU figures of KSP Tunas Harapan (rekaan), one value per name (a copy).

    Examples
    --------
    >>> d = data_shu()
    >>> int(d["shu_setelah_pajak"]), int(d["persen_jasa_usaha"])
    (48000000, 35)
    """
    return pd.Series(_DATA, dtype="int64")


def _share(shu: int, persen: int, part: str, total: str) -> Fraction:
    return Fraction(shu * persen, 100) * _DATA[part] / _DATA[total]


def _jm(shu: int | None = None, persen: int | None = None) -> Fraction:
    return _share(
        shu or _DATA["shu_setelah_pajak"],
        persen or _DATA["persen_jasa_modal"],
        "simpanan_daniel",
        "total_simpanan_anggota",
    )


def _ju(shu: int | None = None, persen: int | None = None) -> Fraction:
    return _share(
        shu or _DATA["shu_setelah_pajak"],
        persen or _DATA["persen_jasa_usaha"],
        "jasa_pinjaman_daniel",
        "total_jasa_pinjaman_anggota",
    )


def _near(value: float, target: Fraction) -> bool:
    return abs(Fraction(value) - target) <= Fraction(1, 2)


# --- soal1: Pak Daniel's share ----------------------------------------------------------------
def _check_soal1(jasa_modal_daniel: object, jasa_usaha_daniel: object) -> None:
    jm = float(as_number(jasa_modal_daniel, name="jasa_modal_daniel"))
    ju = float(as_number(jasa_usaha_daniel, name="jasa_usaha_daniel"))
    if _near(jm, _jm(persen=_DATA["persen_jasa_usaha"])) or _near(
        ju, _ju(persen=_DATA["persen_jasa_modal"])
    ):
        raise Mistake("soal1.swapped_percent")
    if _near(jm, _jm(persen=100)) or _near(ju, _ju(persen=100)):
        raise Mistake("soal1.no_percent")
    if _near(jm, _jm() * 100) or _near(ju, _ju() * 100):
        raise Mistake("soal1.percent_not_divided")
    number(jm, float(_jm()), name="jasa_modal_daniel", abs_tol=_TOL)
    number(ju, float(_ju()), name="jasa_usaha_daniel", abs_tol=_TOL)


SOAL1 = Exercise(
    id="soal1",
    variables=("jasa_modal_daniel", "jasa_usaha_daniel"),
    check=_check_soal1,
    starter="# Soal 1: jasa modal dan jasa usaha Pak Daniel (rupiah)\n"
    "jasa_modal_daniel = ...\n"
    "jasa_usaha_daniel = ...\n",
    solution='pos_jasa_modal = d["shu_setelah_pajak"] * d["persen_jasa_modal"] / 100\n'
    'pos_jasa_usaha = d["shu_setelah_pajak"] * d["persen_jasa_usaha"] / 100\n'
    'jasa_modal_daniel = pos_jasa_modal * d["simpanan_daniel"] / d["total_simpanan_anggota"]\n'
    "jasa_usaha_daniel = (\n"
    '    pos_jasa_usaha * d["jasa_pinjaman_daniel"] / d["total_jasa_pinjaman_anggota"]\n'
    ")\n",
    wrong_answers=(
        WrongAnswer(
            'jasa_modal_daniel = d["shu_setelah_pajak"] * 35 / 100 * d["simpanan_daniel"]'
            ' / d["total_simpanan_anggota"]\n'
            'jasa_usaha_daniel = d["shu_setelah_pajak"] * 20 / 100 * d["jasa_pinjaman_daniel"]'
            ' / d["total_jasa_pinjaman_anggota"]',
            "soal1.swapped_percent",
        ),
        WrongAnswer(
            'jasa_modal_daniel = d["shu_setelah_pajak"] * d["simpanan_daniel"]'
            ' / d["total_simpanan_anggota"]\n'
            'jasa_usaha_daniel = d["shu_setelah_pajak"] * d["jasa_pinjaman_daniel"]'
            ' / d["total_jasa_pinjaman_anggota"]',
            "soal1.no_percent",
        ),
        WrongAnswer(
            'jasa_modal_daniel = d["shu_setelah_pajak"] * 20 * d["simpanan_daniel"]'
            ' / d["total_simpanan_anggota"]\n'
            'jasa_usaha_daniel = d["shu_setelah_pajak"] * 35 * d["jasa_pinjaman_daniel"]'
            ' / d["total_jasa_pinjaman_anggota"]',
            "soal1.percent_not_divided",
        ),
    ),
    hints=3,
    expected=lambda: {"jasa_modal_daniel": int(_jm()), "jasa_usaha_daniel": int(_ju())},
)


# --- soal2: the base of jasa usaha ------------------------------------------------------------
def _check_soal2(jasa_usaha_basis_anggota: object) -> None:
    value = float(as_number(jasa_usaha_basis_anggota, name="jasa_usaha_basis_anggota"))
    member = _DATA["shu_dari_anggota"]
    if _near(value, _ju()):
        raise Mistake("soal2.total_base")
    if _near(value, _ju(shu=_DATA["shu_setelah_pajak"] - member)):
        raise Mistake("soal2.non_member_base")
    number(value, float(_ju(shu=member)), name="jasa_usaha_basis_anggota", abs_tol=_TOL)


SOAL2 = Exercise(
    id="soal2",
    variables=("jasa_usaha_basis_anggota",),
    check=_check_soal2,
    starter="# Soal 2: jasa usaha Pak Daniel bila dasarnya SHU dari anggota (rupiah)\n"
    "jasa_usaha_basis_anggota = ...\n",
    solution='pos_anggota = d["shu_dari_anggota"] * d["persen_jasa_usaha"] / 100\n'
    "jasa_usaha_basis_anggota = (\n"
    '    pos_anggota * d["jasa_pinjaman_daniel"] / d["total_jasa_pinjaman_anggota"]\n'
    ")\n",
    wrong_answers=(
        WrongAnswer("jasa_usaha_basis_anggota = jasa_usaha_daniel", "soal2.total_base"),
        WrongAnswer(
            'jasa_usaha_basis_anggota = (d["shu_setelah_pajak"] - d["shu_dari_anggota"])'
            ' * d["persen_jasa_usaha"] / 100 * d["jasa_pinjaman_daniel"]'
            ' / d["total_jasa_pinjaman_anggota"]',
            "soal2.non_member_base",
        ),
    ),
    hints=2,
    expected=lambda: {"jasa_usaha_basis_anggota": int(_ju(shu=_DATA["shu_dari_anggota"]))},
)


# --- soal3: exact split, largest remainder ------------------------------------------------------
def _expected3() -> list[int]:
    from kopedu.accounting import largest_remainder

    return largest_remainder(_DATA["jasa_modal_dibagi"], [1, 1, 1])


def _check_soal3(bagian: object) -> None:
    if not isinstance(bagian, list | tuple) or len(bagian) != 3:
        raise Mistake("soal3.not_three", name="bagian")
    values = [as_number(v, name="bagian") for v in bagian]
    if any(isinstance(v, float) and v != int(v) for v in values):
        raise Mistake("soal3.not_whole")
    whole = [int(v) for v in values]
    total = _DATA["jasa_modal_dibagi"]
    if sum(whole) < total and len(set(whole)) == 1:
        raise Mistake("soal3.truncated")
    if sum(whole) != total:
        raise Mistake("soal3.wrong_sum")
    if max(whole) - min(whole) > 1:
        raise Mistake("soal3.unfair")
    if whole != _expected3():
        raise Mistake("soal3.wrong_order")


SOAL3 = Exercise(
    id="soal3",
    variables=("bagian",),
    check=_check_soal3,
    starter="# Soal 3: bagian tiga anggota, dalam rupiah utuh, sebagai daftar [a, b, c]\n"
    "bagian = ...\n",
    solution='bagian = kp.accounting.largest_remainder(int(d["jasa_modal_dibagi"]), [1, 1, 1])\n',
    wrong_answers=(
        WrongAnswer('bagian = [int(d["jasa_modal_dibagi"]) // 3] * 3', "soal3.truncated"),
        WrongAnswer('bagian = [d["jasa_modal_dibagi"] / 3] * 3', "soal3.not_whole"),
        WrongAnswer("bagian = [33333, 33333, 33334]", "soal3.wrong_order"),
        WrongAnswer("bagian = 33333", "soal3.not_three"),
    ),
    hints=2,
    expected=lambda: {"bagian": pd.Series(_expected3())},
)


LESSON = Lesson(
    id="04",
    exercises=(SOAL1, SOAL2, SOAL3),
    setup="import kopedu as kp\nd = kp.exercises.lesson04.data_shu()\n",
)
