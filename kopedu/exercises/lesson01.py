"""Exercises of lesson 01, *Koperasi dalam angka*: reading published figures.

The trainee works on :func:`tabel_angka`, a small table of figures as regional
offices published them (one row per region), and

* ``soal1`` reads one figure from it (the number of koperasi in Kutai Timur, 2023);
* ``soal2`` computes the RAT rate of Balikpapan (RAT ÷ aktif × 100);
* ``soal3`` recomputes Kutai Timur's *tidak aktif* from total − aktif;
* ``soal4`` (answered in a form) compares that with the published figure;
* ``soal5`` computes the share of active koperasi for every region (a Series).

Message texts are in ``locale/<lang>/LC_MESSAGES/lesson01.po``.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from kopedu.exercises.compare import as_number, is_close, number, series, whole_number, yes_no
from kopedu.exercises.core import Exercise, Lesson, Mistake, WrongAnswer

__all__ = ["LESSON", "tabel_angka"]

#: The rows of the lesson's table: short name the trainee types → (region, year).
WILAYAH: dict[str, tuple[str, int]] = {
    "Kutai Timur": ("Kutai Timur", 2023),
    "Balikpapan": ("Balikpapan", 2024),
    "Palangka Raya": ("Palangka Raya", 2024),
    "Kalimantan Timur": ("Kalimantan Timur", 2015),
}
KOLOM: tuple[str, ...] = (
    "koperasi_total",
    "koperasi_aktif",
    "koperasi_tidak_aktif",
    "koperasi_rat",
)


@cache
def _tabel() -> pd.DataFrame:
    from kopedu.figures import figures_for

    rows = []
    for short, (region, year) in WILAYAH.items():
        fig = figures_for(region, year, seed_only=True)
        fig = fig[(fig["jenis"] == "") & fig["indicator"].isin(KOLOM)]
        row = dict(zip(fig["indicator"], fig["value"], strict=True))
        periode = fig["as_of"].replace("", pd.NA).dropna()
        rows.append(
            {"wilayah": short, "periode": periode.iloc[0] if len(periode) else str(year), **row}
        )
    df = pd.DataFrame(rows, columns=["wilayah", "periode", *KOLOM])
    for c in KOLOM:
        df[c] = df[c].astype("Int64")
    return df.set_index("wilayah")


def tabel_angka() -> pd.DataFrame:
    """The lesson's table: one row per region, indexed by ``wilayah`` (a fresh copy).

    Built from the seed articles' figures in ``data/figures.csv``
    (:func:`kopedu.figures.figures_for`), *as published*. Columns ``periode`` (the
    date of the figures) and the counts ``koperasi_total``, ``koperasi_aktif``,
    ``koperasi_tidak_aktif``, ``koperasi_rat`` (nullable integers: a figure that was
    not published is empty, ``<NA>``).

    Examples
    --------
    >>> angka = tabel_angka()
    >>> int(angka.loc["Kutai Timur", "koperasi_total"])
    1209
    >>> angka.loc["Kutai Timur", ["koperasi_aktif", "koperasi_tidak_aktif"]].tolist()
    [325, 879]
    """
    return _tabel().copy()


def _get(region: str, column: str) -> int:
    return int(_tabel().loc[region, column])


# --- soal1: read one figure ---------------------------------------------------------
def _check_soal1(total_kutim: object) -> None:
    value = as_number(total_kutim, name="total_kutim")
    if value == _get("Kutai Timur", "koperasi_aktif"):
        raise Mistake("soal1.took_aktif")
    if value == _get("Kutai Timur", "koperasi_tidak_aktif"):
        raise Mistake("soal1.took_tidak_aktif")
    if value in {_get(r, "koperasi_total") for r in ("Balikpapan", "Palangka Raya")}:
        raise Mistake("soal1.other_region")
    whole_number(value, _get("Kutai Timur", "koperasi_total"), name="total_kutim", direction=False)


SOAL1 = Exercise(
    id="soal1",
    variables=("total_kutim",),
    check=_check_soal1,
    starter="# Soal 1: jumlah koperasi Kutai Timur tahun 2023, diambil dari tabel `angka`\n"
    "total_kutim = ...\n",
    solution='total_kutim = angka.loc["Kutai Timur", "koperasi_total"]\n',
    wrong_answers=(
        WrongAnswer('total_kutim = angka.loc["Kutai Timur", "koperasi_aktif"]', "soal1.took_aktif"),
        WrongAnswer(
            'total_kutim = angka.loc["Balikpapan", "koperasi_total"]', "soal1.other_region"
        ),
        WrongAnswer('total_kutim = "1.209"', "core.text_not_number"),
        WrongAnswer("total_kutim = 1209", "core.typed_literal"),
    ),
    hints=3,
    from_data=("total_kutim",),
    expected=lambda: {"total_kutim": _get("Kutai Timur", "koperasi_total")},
)


# --- soal2: RAT rate ----------------------------------------------------------------
_TOL2 = 0.05  # the task allows rounding to one decimal (15,9)


def _check_soal2(persen_rat_bpp: object) -> None:
    rat, aktif = _get("Balikpapan", "koperasi_rat"), _get("Balikpapan", "koperasi_aktif")
    total = _get("Balikpapan", "koperasi_total")
    value = as_number(persen_rat_bpp, name="persen_rat_bpp")
    right = rat / aktif * 100
    if is_close(value, rat / total * 100, abs_tol=_TOL2):
        raise Mistake("soal2.denominator_total")
    if is_close(value, right / 100, abs_tol=_TOL2 / 100):
        raise Mistake("soal2.fraction")
    if is_close(value, aktif / rat * 100, abs_tol=_TOL2) or is_close(
        value, aktif / rat, abs_tol=_TOL2 / 100
    ):
        raise Mistake("soal2.inverted")
    number(value, right, name="persen_rat_bpp", abs_tol=_TOL2, direction=False)


SOAL2 = Exercise(
    id="soal2",
    variables=("persen_rat_bpp",),
    check=_check_soal2,
    starter="# Soal 2: persentase koperasi aktif di Balikpapan yang sudah RAT (Juli 2024)\n"
    "persen_rat_bpp = ...\n",
    solution="persen_rat_bpp = (\n"
    '    angka.loc["Balikpapan", "koperasi_rat"] / angka.loc["Balikpapan", "koperasi_aktif"]'
    " * 100\n"
    ")\n",
    wrong_answers=(
        WrongAnswer(
            'persen_rat_bpp = angka.loc["Balikpapan", "koperasi_rat"]'
            ' / angka.loc["Balikpapan", "koperasi_total"] * 100',
            "soal2.denominator_total",
        ),
        WrongAnswer(
            'persen_rat_bpp = angka.loc["Balikpapan", "koperasi_rat"]'
            ' / angka.loc["Balikpapan", "koperasi_aktif"]',
            "soal2.fraction",
        ),
        WrongAnswer(
            'persen_rat_bpp = angka.loc["Balikpapan", "koperasi_aktif"]'
            ' / angka.loc["Balikpapan", "koperasi_rat"] * 100',
            "soal2.inverted",
        ),
        WrongAnswer("persen_rat_bpp = 70 / 440 * 100", "core.typed_literal"),
    ),
    hints=3,
    from_data=("persen_rat_bpp",),
    expected=lambda: {
        "persen_rat_bpp": _get("Balikpapan", "koperasi_rat")
        / _get("Balikpapan", "koperasi_aktif")
        * 100
    },
)


# --- soal3: recompute tidak aktif ---------------------------------------------------
def _check_soal3(tidak_aktif_hitung: object) -> None:
    total, aktif = _get("Kutai Timur", "koperasi_total"), _get("Kutai Timur", "koperasi_aktif")
    published = _get("Kutai Timur", "koperasi_tidak_aktif")
    value = as_number(tidak_aktif_hitung, name="tidak_aktif_hitung")
    if value == published:
        raise Mistake("soal3.copied_published")
    if value == aktif - total:
        raise Mistake("soal3.reversed")
    if value == total - published:
        raise Mistake("soal3.used_tidak_aktif")
    if value == total + aktif:
        raise Mistake("soal3.added")
    whole_number(value, total - aktif, name="tidak_aktif_hitung", direction=False)


SOAL3 = Exercise(
    id="soal3",
    variables=("tidak_aktif_hitung",),
    check=_check_soal3,
    starter="# Soal 3: hitung sendiri jumlah koperasi tidak aktif di Kutai Timur (2023)\n"
    "tidak_aktif_hitung = ...\n",
    solution="tidak_aktif_hitung = (\n"
    '    angka.loc["Kutai Timur", "koperasi_total"] - angka.loc["Kutai Timur", "koperasi_aktif"]\n'
    ")\n",
    wrong_answers=(
        WrongAnswer(
            'tidak_aktif_hitung = angka.loc["Kutai Timur", "koperasi_tidak_aktif"]',
            "soal3.copied_published",
        ),
        WrongAnswer(
            'tidak_aktif_hitung = angka.loc["Kutai Timur", "koperasi_aktif"]'
            ' - angka.loc["Kutai Timur", "koperasi_total"]',
            "soal3.reversed",
        ),
        WrongAnswer(
            'tidak_aktif_hitung = angka.loc["Kutai Timur", "koperasi_total"]'
            ' - angka.loc["Kutai Timur", "koperasi_tidak_aktif"]',
            "soal3.used_tidak_aktif",
        ),
        WrongAnswer("tidak_aktif_hitung = 1209 - 325", "core.typed_literal"),
    ),
    hints=2,
    from_data=("tidak_aktif_hitung",),
    expected=lambda: {
        "tidak_aktif_hitung": _get("Kutai Timur", "koperasi_total")
        - _get("Kutai Timur", "koperasi_aktif")
    },
)


# --- soal4: does it match? (form) ---------------------------------------------------
def _check_soal4(angka_cocok: object, selisih_laporan: object) -> None:
    total, aktif = _get("Kutai Timur", "koperasi_total"), _get("Kutai Timur", "koperasi_aktif")
    published = _get("Kutai Timur", "koperasi_tidak_aktif")
    gap = (total - aktif) - published
    if isinstance(angka_cocok, bool | np.bool_) and bool(angka_cocok):
        raise Mistake("soal4.said_match")
    yes_no(angka_cocok, gap == 0, name="angka_cocok")
    value = as_number(selisih_laporan, name="selisih_laporan")
    if value == -gap:
        raise Mistake("soal4.gap_sign")
    if value == total - aktif or value == published:
        raise Mistake("soal4.not_a_gap")
    whole_number(value, gap, name="selisih_laporan", direction=False)


SOAL4 = Exercise(
    id="soal4",
    variables=("angka_cocok", "selisih_laporan"),
    check=_check_soal4,
    starter="# Soal 4: isi lewat formulir di bawah, atau tulis langsung di sini\n"
    "angka_cocok = ...  # True atau False\n"
    "selisih_laporan = ...  # hasil hitungan Anda dikurangi angka terbitan\n",
    solution="angka_cocok = False\n"
    'selisih_laporan = tidak_aktif_hitung - angka.loc["Kutai Timur", "koperasi_tidak_aktif"]\n',
    wrong_answers=(
        WrongAnswer("angka_cocok = True\nselisih_laporan = 0", "soal4.said_match"),
        WrongAnswer(
            'angka_cocok = False\nselisih_laporan = angka.loc["Kutai Timur",'
            ' "koperasi_tidak_aktif"] - tidak_aktif_hitung',
            "soal4.gap_sign",
        ),
        WrongAnswer('angka_cocok = "Tidak"\nselisih_laporan = 1', "core.not_bool"),
    ),
    hints=2,
    expected=lambda: {
        "selisih_laporan": (
            _get("Kutai Timur", "koperasi_total") - _get("Kutai Timur", "koperasi_aktif")
        )
        - _get("Kutai Timur", "koperasi_tidak_aktif")
    },
    widget=True,
    form_fields=(("angka_cocok", "bool"), ("selisih_laporan", "int")),
)


# --- soal5: a Series for every region -----------------------------------------------
def _expected_soal5() -> pd.Series:
    a = tabel_angka()
    return (a["koperasi_aktif"] / a["koperasi_total"] * 100).astype("Float64")


def _check_soal5(persen_aktif: object) -> None:
    a = tabel_angka()
    if isinstance(persen_aktif, pd.Series) and persen_aktif.index.equals(a.index):
        tol = 0.05
        pairs = {
            "soal5.used_tidak_aktif": a["koperasi_tidak_aktif"] / a["koperasi_total"] * 100,
            "soal5.fraction": a["koperasi_aktif"] / a["koperasi_total"],
            "soal5.inverted": a["koperasi_total"] / a["koperasi_aktif"] * 100,
        }
        for key, wrong in pairs.items():
            try:
                series(persen_aktif, wrong.astype("Float64"), name="persen_aktif", abs_tol=tol)
            except Mistake:
                continue
            raise Mistake(key)
    series(persen_aktif, _expected_soal5(), name="persen_aktif", abs_tol=0.05)


SOAL5 = Exercise(
    id="soal5",
    variables=("persen_aktif",),
    check=_check_soal5,
    starter="# Soal 5: persentase koperasi aktif untuk setiap wilayah (satu kolom)\n"
    "persen_aktif = ...\n",
    solution='persen_aktif = angka["koperasi_aktif"] / angka["koperasi_total"] * 100\n',
    wrong_answers=(
        WrongAnswer(
            'persen_aktif = angka["koperasi_tidak_aktif"] / angka["koperasi_total"] * 100',
            "soal5.used_tidak_aktif",
        ),
        WrongAnswer(
            'persen_aktif = angka["koperasi_aktif"] / angka["koperasi_total"]', "soal5.fraction"
        ),
        WrongAnswer(
            'persen_aktif = angka[["koperasi_aktif"]] / angka["koperasi_total"].max()',
            "core.frame_not_series",
        ),
        WrongAnswer(
            'persen_aktif = (angka["koperasi_aktif"] / angka["koperasi_total"] * 100).dropna()',
            "core.missing_labels",
        ),
    ),
    hints=2,
    expected=lambda: {"persen_aktif": _expected_soal5()},
)


LESSON = Lesson(
    id="01",
    exercises=(SOAL1, SOAL2, SOAL3, SOAL4, SOAL5),
    setup="import kopedu as kp\nangka = kp.exercises.lesson01.tabel_angka()\n",
)
