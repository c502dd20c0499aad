"""Exercises of lesson 06, *Analisis RAT*: status, RAT rate, NIK and definitions.

The trainee works on the synthetic registry of Kota Balikpapan (``registri``) and its
status table for 2024 (``status``, from :func:`kopedu.registry.classify`):

* ``soal1`` counts the aktif cooperatives;
* ``soal2`` computes the RAT rate (RAT ÷ aktif × 100);
* ``soal3`` counts the cooperatives eligible for a NIK (RAT two years running);
* ``soal4`` counts the aktif cooperatives under the Kaltim definition (two-year window).

Every expected value is computed from the registry by the library, never typed in.
Message texts are in ``locale/<lang>/LC_MESSAGES/lesson06.po``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from kopedu.exercises.compare import as_number, is_close, number, whole_number
from kopedu.exercises.core import Exercise, Lesson, Mistake, WrongAnswer

__all__ = ["LESSON", "registri_latihan", "status_latihan"]

WILAYAH, TAHUN = "Balikpapan", 2024


@cache
def _registri():
    from kopedu.registry import load_synthetic

    return load_synthetic().for_region(WILAYAH)


def registri_latihan():
    """The synthetic registry of Kota Balikpapan (DATA SINTETIS).

    Examples
    --------
    >>> registri_latihan().synthetic
    True
    """
    return _registri()


@cache
def _status() -> pd.DataFrame:
    from kopedu.registry import classify

    return classify(_registri(), TAHUN)


def status_latihan() -> pd.DataFrame:
    """Status of each Balikpapan cooperative in 2024 (a fresh copy).

    Examples
    --------
    >>> int((status_latihan()["status"] == "aktif").sum())
    440
    """
    return _status().copy()


def _count(column: str, value: object = True) -> int:
    return int((_status()[column] == value).sum())


def _summary(definition: str) -> pd.Series:
    from kopedu.registry import summarise

    return summarise(_registri(), TAHUN, definition).iloc[0]


# --- soal1: count aktif ---------------------------------------------------------------
def _check_soal1(jumlah_aktif: object) -> None:
    value = as_number(jumlah_aktif, name="jumlah_aktif")
    if value == len(_status()):
        raise Mistake("soal1.counted_all")
    if value == _count("rat"):
        raise Mistake("soal1.counted_rat")
    if value == _count("status", "tidak aktif"):
        raise Mistake("soal1.counted_tidak_aktif")
    whole_number(value, _count("status", "aktif"), name="jumlah_aktif", direction=False)


SOAL1 = Exercise(
    id="soal1",
    variables=("jumlah_aktif",),
    check=_check_soal1,
    starter="# Soal 1: jumlah koperasi aktif di Balikpapan tahun 2024, dari tabel `status`\n"
    "jumlah_aktif = ...\n",
    solution='jumlah_aktif = (status["status"] == "aktif").sum()\n',
    wrong_answers=(
        WrongAnswer("jumlah_aktif = len(status)", "soal1.counted_all"),
        WrongAnswer('jumlah_aktif = status["rat"].sum()', "soal1.counted_rat"),
        WrongAnswer(
            'jumlah_aktif = (status["status"] == "tidak aktif").sum()', "soal1.counted_tidak_aktif"
        ),
        WrongAnswer('jumlah_aktif = "empat ratus"', "core.text_not_number"),
    ),
    hints=2,
    expected=lambda: {"jumlah_aktif": _count("status", "aktif")},
)


# --- soal2: RAT rate ------------------------------------------------------------------
_TOL2 = 0.05  # one decimal allowed


def _check_soal2(persen_rat: object) -> None:
    rat, aktif, total = _count("rat"), _count("status", "aktif"), len(_status())
    value = as_number(persen_rat, name="persen_rat")
    right = rat / aktif * 100
    if is_close(value, rat / total * 100, abs_tol=_TOL2):
        raise Mistake("soal2.denominator_total")
    if is_close(value, right / 100, abs_tol=_TOL2 / 100):
        raise Mistake("soal2.fraction")
    if is_close(value, aktif / rat * 100, abs_tol=_TOL2):
        raise Mistake("soal2.inverted")
    number(value, right, name="persen_rat", abs_tol=_TOL2, direction=False)


SOAL2 = Exercise(
    id="soal2",
    variables=("persen_rat",),
    check=_check_soal2,
    starter="# Soal 2: tingkat RAT Balikpapan 2024 (persen)\npersen_rat = ...\n",
    solution='persen_rat = status["rat"].sum() / jumlah_aktif * 100\n',
    wrong_answers=(
        WrongAnswer(
            'persen_rat = status["rat"].sum() / len(status) * 100', "soal2.denominator_total"
        ),
        WrongAnswer('persen_rat = status["rat"].sum() / jumlah_aktif', "soal2.fraction"),
        WrongAnswer('persen_rat = jumlah_aktif / status["rat"].sum() * 100', "soal2.inverted"),
    ),
    hints=2,
    expected=lambda: {"persen_rat": _count("rat") / _count("status", "aktif") * 100},
)


# --- soal3: NIK eligibility -------------------------------------------------------------
def _check_soal3(jumlah_layak_nik: object) -> None:
    value = as_number(jumlah_layak_nik, name="jumlah_layak_nik")
    if value == _count("rat"):
        raise Mistake("soal3.only_last_year")
    if value == _count("rat_tepat_waktu"):
        raise Mistake("soal3.on_time")
    if value == _count("status", "aktif"):
        raise Mistake("soal3.counted_aktif")
    whole_number(value, _count("layak_nik"), name="jumlah_layak_nik", direction=False)


SOAL3 = Exercise(
    id="soal3",
    variables=("jumlah_layak_nik",),
    check=_check_soal3,
    starter="# Soal 3: berapa koperasi yang layak NIK (RAT dua tahun berturut-turut)?\n"
    "jumlah_layak_nik = ...\n",
    solution='jumlah_layak_nik = status["layak_nik"].sum()\n',
    wrong_answers=(
        WrongAnswer('jumlah_layak_nik = status["rat"].sum()', "soal3.only_last_year"),
        WrongAnswer('jumlah_layak_nik = status["rat_tepat_waktu"].sum()', "soal3.on_time"),
        WrongAnswer("jumlah_layak_nik = jumlah_aktif", "soal3.counted_aktif"),
    ),
    hints=2,
    expected=lambda: {"jumlah_layak_nik": _count("layak_nik")},
)


# --- soal4: another definition ------------------------------------------------------------
def _check_soal4(aktif_kaltim: object) -> None:
    value = as_number(aktif_kaltim, name="aktif_kaltim")
    if value == int(_summary("kemenkop")["aktif"]):
        raise Mistake("soal4.default_definition")
    if value == int(_summary("tahunan")["aktif"]):
        raise Mistake("soal4.tahunan")
    if value == int(_summary("kaltim")["tidak_aktif"]):
        raise Mistake("soal4.took_tidak_aktif")
    whole_number(value, int(_summary("kaltim")["aktif"]), name="aktif_kaltim", direction=False)


SOAL4 = Exercise(
    id="soal4",
    variables=("aktif_kaltim",),
    check=_check_soal4,
    starter="# Soal 4: jumlah koperasi aktif Balikpapan 2024 menurut definisi Kaltim\n"
    "aktif_kaltim = ...\n",
    solution='aktif_kaltim = kp.registry.summarise(registri, 2024, "kaltim").loc[0, "aktif"]\n',
    wrong_answers=(
        WrongAnswer(
            'aktif_kaltim = kp.registry.summarise(registri, 2024).loc[0, "aktif"]',
            "soal4.default_definition",
        ),
        WrongAnswer(
            'aktif_kaltim = kp.registry.summarise(registri, 2024, "tahunan").loc[0, "aktif"]',
            "soal4.tahunan",
        ),
        WrongAnswer(
            'aktif_kaltim = kp.registry.summarise(registri, 2024, "kaltim").loc[0, "tidak_aktif"]',
            "soal4.took_tidak_aktif",
        ),
    ),
    hints=2,
    expected=lambda: {"aktif_kaltim": int(_summary("kaltim")["aktif"])},
)


LESSON = Lesson(
    id="06",
    exercises=(SOAL1, SOAL2, SOAL3, SOAL4),
    setup="import kopedu as kp\n"
    "registri = kp.exercises.lesson06.registri_latihan()\n"
    "status = kp.exercises.lesson06.status_latihan()\n",
)
