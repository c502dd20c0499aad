"""Lesson 05's exercise keys are literal (hand-computed); the library must agree with them."""

from __future__ import annotations

import pytest

from kopedu.exercises.lesson05 import LESSON, data_ksp
from kopedu.health import score_one, whatif

KEYS = {e.id: e.expected() for e in LESSON.exercises}


def test_keys_are_what_the_scorer_gives():
    res = score_one(data_ksp().to_dict())
    # soal2: 26 jt ÷ 130 jt = 20 % → "10 < x ≤ 20 → 20"; skor 20 × 5 ÷ 100 = 1
    assert KEYS["soal2"] == {"nilai_cadangan": 20.0, "skor_cadangan": 1.0}
    assert (res.nilai["cadangan_rpm"].iloc[0], res.skor["cadangan_rpm"].iloc[0]) == (20, 1)
    # soal3: 52,15 → Dalam Pengawasan; 5a loses 10 − 2,5 = 7,5, the most
    assert KEYS["soal3"] == {"kategori_karya": "Dalam Pengawasan", "komponen_hilang": "5a"}
    table = res.components(0).sort_values("skor_hilang", ascending=False)
    assert (res.total["kategori"].iloc[0], table["kode"].iloc[0]) == ("Dalam Pengawasan", "5a")


def test_soal4_reference_answer_reaches_cukup_sehat():
    res = score_one(data_ksp().to_dict())
    after = whatif(res, 0, KEYS["soal4"]["perbaikan"])
    assert after.total["skor_total"].iloc[0] == pytest.approx(67.65)  # 52,15 + 7,5 + 4 + 4
    assert after.total["kategori"].iloc[0] == "Cukup Sehat"
