"""Exercises of lesson 05, *Kesehatan koperasi*: ratio, bracket, and why a KSP is rated low.

The trainee works on :func:`data_ksp`, the figures of *KSP Karya Mandiri* (fictional,
Kota Balikpapan) from the bundled health example table, and

* ``soal1`` computes RPM (risiko pinjaman bermasalah, rupiah) and its ratio to loans;
* ``soal2`` computes cadangan risiko ÷ RPM, finds its nilai in the Perdep 06/2016 table
  and the skor (bobot 5);
* ``soal3`` names the category and the component that lost the most points;
* ``soal4`` answers the lesson's what-if question: which ratios must improve, and to
  what, for the KSP to reach Cukup Sehat (66)? Any answer within the ratios' ranges
  that reaches 66 is right; no single component can (the best, rasio kas, adds 7,5).

Expected values are literal, computed by hand from the rule texts (comments below); the
self-tests compare them with :mod:`kopedu.health`, so a change of the rules or the
example table that moves them is caught. Message texts are in
``locale/<lang>/LC_MESSAGES/lesson05.po``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from kopedu.exercises.compare import as_number, is_close, number
from kopedu.exercises.core import Exercise, Lesson, Mistake, WrongAnswer

__all__ = ["KODE_KSP", "LESSON", "data_ksp"]

#: The cooperative of the exercises in ``data/health/contoh_koperasi.csv``.
KODE_KSP = "BPN-001"
_TOL1 = 0.01  # the task allows rounding to two decimals


@cache
def _row() -> pd.Series:
    from kopedu.health import example_inputs

    data = example_inputs()
    return data[data["kode"] == KODE_KSP].iloc[0]


def data_ksp() -> pd.Series:
    """The figures of KSP Karya Mandiri (rekaan), one value per input column (a copy).

    Examples
    --------
    >>> ksp = data_ksp()
    >>> ksp["nama_koperasi"], int(ksp["pinjaman_macet"])
    ('KSP Karya Mandiri (rekaan)', 60000000)
    """
    return _row().copy()


def _f(name: str) -> float:
    return float(_row()[name])


def _loans() -> float:
    return _f("pinjaman_anggota") + _f("pinjaman_non_anggota")


def _rpm() -> float:
    return (
        0.5 * _f("pinjaman_kurang_lancar") + 0.75 * _f("pinjaman_diragukan") + _f("pinjaman_macet")
    )


@cache
def _scores():
    from kopedu.health import score

    return score(_row().to_frame().T.reset_index(drop=True))


# --- soal1: the RPM ratio -------------------------------------------------------------
def _expected1() -> float:
    return _rpm() / _loans() * 100


def _check_soal1(rpm: object, rasio_rpm: object) -> None:
    amount = as_number(rpm, name="rpm")
    bad = _f("pinjaman_kurang_lancar") + _f("pinjaman_diragukan") + _f("pinjaman_macet")
    if is_close(amount, bad):
        raise Mistake("soal1.no_weights")
    number(amount, _rpm(), name="rpm", abs_tol=0.5, direction=False)
    value = as_number(rasio_rpm, name="rasio_rpm")
    if is_close(value, _rpm() / _f("pinjaman_anggota") * 100, abs_tol=_TOL1):
        raise Mistake("soal1.member_loans_only")
    if is_close(value, _expected1() / 100, abs_tol=_TOL1 / 100):
        raise Mistake("soal1.fraction")
    number(value, _expected1(), name="rasio_rpm", abs_tol=_TOL1, direction=False)


SOAL1 = Exercise(
    id="soal1",
    variables=("rpm", "rasio_rpm"),
    check=_check_soal1,
    starter="# Soal 1: RPM (rupiah), lalu rasio RPM terhadap pinjaman yang diberikan (persen)\n"
    "rpm = ...\n"
    "rasio_rpm = ...\n",
    solution="rpm = (\n"
    '    0.5 * ksp["pinjaman_kurang_lancar"]\n'
    '    + 0.75 * ksp["pinjaman_diragukan"]\n'
    '    + 1.0 * ksp["pinjaman_macet"]\n'
    ")\n"
    'pinjaman = ksp["pinjaman_anggota"] + ksp["pinjaman_non_anggota"]\n'
    "rasio_rpm = rpm / pinjaman * 100\n",
    wrong_answers=(
        WrongAnswer(
            'rpm = ksp["pinjaman_kurang_lancar"] + ksp["pinjaman_diragukan"]'
            ' + ksp["pinjaman_macet"]\n'
            'rasio_rpm = rpm / (ksp["pinjaman_anggota"] + ksp["pinjaman_non_anggota"]) * 100',
            "soal1.no_weights",
        ),
        WrongAnswer(
            'rpm = 0.5 * ksp["pinjaman_kurang_lancar"] + 0.75 * ksp["pinjaman_diragukan"]'
            ' + ksp["pinjaman_macet"]\n'
            'rasio_rpm = rpm / ksp["pinjaman_anggota"] * 100',
            "soal1.member_loans_only",
        ),
        WrongAnswer(
            'rpm = 0.5 * ksp["pinjaman_kurang_lancar"] + 0.75 * ksp["pinjaman_diragukan"]'
            ' + ksp["pinjaman_macet"]\n'
            'rasio_rpm = rpm / (ksp["pinjaman_anggota"] + ksp["pinjaman_non_anggota"])',
            "soal1.fraction",
        ),
        WrongAnswer('rpm = "130 juta"\nrasio_rpm = 0', "core.text_not_number"),
    ),
    hints=3,
    expected=lambda: {"rpm": _rpm(), "rasio_rpm": _expected1()},
)


# --- soal2: cadangan / RPM — ratio, bracket, nilai and skor -------------------------------
def _cadangan() -> float:
    return _f("cadangan_tujuan_risiko") + _f("penyisihan_penghapusan_pinjaman")


def _expected2() -> tuple[float, float]:
    # (cadangan tujuan risiko 20 jt + penyisihan 6 jt) ÷ RPM 130 jt = 20 %;
    # Tabel Permen 14/2009: 10 < x ≤ 20 → nilai 20; skor 20 × bobot 5 ÷ 100 = 1
    return 20.0, 1.0


def _check_soal2(nilai_cadangan: object, skor_cadangan: object) -> None:
    nilai_ok, skor_ok = _expected2()
    weight = 5.0
    nilai = as_number(nilai_cadangan, name="nilai_cadangan")
    if is_close(nilai, _cadangan() / _rpm() * 100 / 100):
        raise Mistake("soal2.fraction_as_nilai")
    if nilai in {10.0 * k for k in range(11)} - {nilai_ok}:
        raise Mistake("soal2.wrong_row")
    number(nilai, nilai_ok, name="nilai_cadangan", direction=False)
    skor = as_number(skor_cadangan, name="skor_cadangan")
    if is_close(skor, nilai_ok) and not is_close(skor, skor_ok):
        raise Mistake("soal2.skor_not_weighted")
    if is_close(skor, nilai_ok * weight):
        raise Mistake("soal2.skor_not_divided")
    number(skor, skor_ok, name="skor_cadangan", abs_tol=0.005, direction=False)


SOAL2 = Exercise(
    id="soal2",
    variables=("nilai_cadangan", "skor_cadangan"),
    check=_check_soal2,
    starter="# Soal 2: rasio cadangan risiko terhadap RPM, nilainya dari tabel, lalu skornya\n"
    "# (bobot 5)\n"
    "nilai_cadangan = ...\n"
    "skor_cadangan = ...\n",
    solution='cadangan = ksp["cadangan_tujuan_risiko"] + ksp["penyisihan_penghapusan_pinjaman"]\n'
    "rasio_cadangan = cadangan / rpm * 100\n"
    "nilai_cadangan = 20  # 10 < rasio ≤ 20 pada tabel cadangan risiko / RPM\n"
    "skor_cadangan = nilai_cadangan * 5 / 100\n",
    wrong_answers=(
        WrongAnswer(
            "nilai_cadangan = 30\nskor_cadangan = nilai_cadangan * 5 / 100", "soal2.wrong_row"
        ),
        WrongAnswer(
            "nilai_cadangan = 20\nskor_cadangan = nilai_cadangan", "soal2.skor_not_weighted"
        ),
        WrongAnswer(
            "nilai_cadangan = 20\nskor_cadangan = nilai_cadangan * 5", "soal2.skor_not_divided"
        ),
        WrongAnswer(
            'cadangan = ksp["cadangan_tujuan_risiko"] + ksp["penyisihan_penghapusan_pinjaman"]\n'
            "nilai_cadangan = cadangan / rpm\nskor_cadangan = 0",
            "soal2.fraction_as_nilai",
        ),
        WrongAnswer('nilai_cadangan = "dua puluh"\nskor_cadangan = 0', "core.text_not_number"),
    ),
    hints=3,
    expected=lambda: dict(zip(("nilai_cadangan", "skor_cadangan"), _expected2(), strict=True)),
)


# --- soal3: category and the component that lost most -----------------------------------
def _expected3() -> tuple[str, str]:
    # skor total 52,15 (hand-computed in tests/test_health_scoring.py): 51 ≤ x < 66;
    # 5a rasio kas 25 % → nilai 25 → skor 2,5 of bobot 10 loses 7,5, the most
    return "Dalam Pengawasan", "5a"


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise Mistake("soal3.not_text", name=name)
    return " ".join(value.strip().lower().split())


def _check_soal3(kategori_karya: object, komponen_hilang: object) -> None:
    kategori_ok, kode_ok = _expected3()
    kategori = _text(kategori_karya, "kategori_karya")
    if kategori != kategori_ok.lower():
        if kategori in ("sehat", "cukup sehat"):
            raise Mistake("soal3.too_high")
        if kategori == "dalam pengawasan khusus":
            raise Mistake("soal3.too_low")
        raise Mistake("soal3.unknown_category")
    kode = _text(komponen_hilang, "komponen_hilang")
    table = _scores().components(0).set_index("kode")
    ids = dict(zip(table["komponen"].str.lower(), table.index, strict=True))
    kode = ids.get(kode, kode)
    if kode == table["nilai"].idxmin():
        raise Mistake("soal3.lowest_nilai")
    if kode != kode_ok:
        raise Mistake("soal3.wrong_component")


SOAL3 = Exercise(
    id="soal3",
    variables=("kategori_karya", "komponen_hilang"),
    check=_check_soal3,
    starter="# Soal 3: kategori KSP Karya Mandiri, dan kode komponen yang paling banyak\n"
    '# kehilangan skor (misalnya "1a")\n'
    "kategori_karya = ...\n"
    "komponen_hilang = ...\n",
    solution="hasil = kp.health.score_one(ksp.to_dict())\n"
    'kategori_karya = hasil.total["kategori"].iloc[0]\n'
    "rincian = hasil.components(0)\n"
    'komponen_hilang = rincian.sort_values("skor_hilang", ascending=False)["kode"].iloc[0]\n',
    wrong_answers=(
        WrongAnswer('kategori_karya = "Cukup Sehat"\nkomponen_hilang = "5a"', "soal3.too_high"),
        WrongAnswer(
            'kategori_karya = "Dalam Pengawasan Khusus"\nkomponen_hilang = "5a"', "soal3.too_low"
        ),
        WrongAnswer(
            # 6c kemandirian operasional: nilai 0 (the lowest), but bobot 4 < 10 of 5a
            'kategori_karya = "Dalam Pengawasan"\nkomponen_hilang = "6c"',
            "soal3.lowest_nilai",
        ),
        WrongAnswer(
            'kategori_karya = "Dalam Pengawasan"\nkomponen_hilang = "1a"', "soal3.wrong_component"
        ),
        WrongAnswer('kategori_karya = 53\nkomponen_hilang = "5a"', "soal3.not_text"),
    ),
    hints=3,
    expected=lambda: dict(zip(("kategori_karya", "komponen_hilang"), _expected3(), strict=True)),
)


# --- soal4: which components must improve to reach Cukup Sehat (66)? ---------------------
TARGET = 66.0


def _component(key: object) -> str:
    from kopedu.health import load_rules

    rules = load_rules()
    text = str(key).strip().lower()
    for c in rules.components:
        if text in (c.id, c.code.lower()):
            return c.id
    raise Mistake("soal4.unknown_component", name=str(key))


def _after(perbaikan: dict[str, float]) -> float:
    from kopedu.health import whatif

    return float(whatif(_scores(), 0, perbaikan).total["skor_total"].iloc[0])


def _check_soal4(perbaikan: object) -> None:
    if not isinstance(perbaikan, dict) or not perbaikan:
        raise Mistake("soal4.not_a_dict")
    changes: dict[str, float] = {}
    rules = _scores().rules
    for key, value in perbaikan.items():
        cid = _component(key)
        x = as_number(value, name=f'perbaikan["{key}"]')
        lo, hi = rules.component(cid).ratio_range
        if not lo <= x <= hi:
            raise Mistake("soal4.out_of_range", name=str(key), lo=f"{lo:g}", hi=f"{hi:g}")
        changes[cid] = float(x)  # a ratio in percent; scoring reads it as a float
    total = _after(changes)
    if total < TARGET - 5e-7:
        key = "soal4.one_is_not_enough" if len(changes) == 1 else "soal4.not_enough"
        raise Mistake(key, total=f"{total:.2f}".replace(".", ","))


SOAL4 = Exercise(
    id="soal4",
    variables=("perbaikan",),
    check=_check_soal4,
    starter="# Soal 4: rasio baru (persen) untuk komponen yang diperbaiki, misalnya\n"
    '# {"rasio_kas": 14, ...}; kode komponen seperti "5a" juga boleh\n'
    "perbaikan = ...\n",
    solution="# 5a: kas yang menganggur dipinjamkan ke anggota, rasio kas 25 % → 12 % (+7,5)\n"
    "# 2c: cadangan risiko ditambah sampai menutup 95 % RPM (+4)\n"
    "# 6c: partisipasi neto di atas beban usaha + perkoperasian, 110 % (+4)\n"
    "# 52,15 + 7,5 + 4 + 4 = 67,65 ≥ 66: Cukup Sehat\n"
    'perbaikan = {"rasio_kas": 12, "cadangan_rpm": 95, "kemandirian_operasional": 110}\n',
    wrong_answers=(
        WrongAnswer('perbaikan = {"rasio_kas": 12}', "soal4.one_is_not_enough"),
        WrongAnswer('perbaikan = {"5a": 12, "2c": 95}', "soal4.not_enough"),
        WrongAnswer('perbaikan = {"rasio_kas": -5, "2c": 95}', "soal4.out_of_range"),
        WrongAnswer('perbaikan = {"kas": 12}', "soal4.unknown_component"),
        WrongAnswer('perbaikan = "rasio kas"', "soal4.not_a_dict"),
    ),
    hints=3,
    # 52,15 + 7,5 (5a) + 4 (2c) + 4 (6c) = 67,65
    expected=lambda: {
        "perbaikan": {"rasio_kas": 12, "cadangan_rpm": 95, "kemandirian_operasional": 110}
    },
)


LESSON = Lesson(
    id="05",
    exercises=(SOAL1, SOAL2, SOAL3, SOAL4),
    setup="import kopedu as kp\nksp = kp.exercises.lesson05.data_ksp()\n",
)
