"""Lesson 01 states figures from the seed articles; the lesson's own variables hold them.

Oracles: the articles in shared/seeds (Kutai Timur 24 June 2023: 1.209 / 325 / 879;
BorneoFlash July 2024: Balikpapan 587 / 440 / 70 / 6; ANTARA 30 July 2024: Palangka Raya
298 / 177 / 52 RAT 2023) and arithmetic written out below.
"""

from __future__ import annotations

import pytest
from lesson_run import values


@pytest.fixture(scope="module")
def lesson():
    return values(
        "01_koperasi_dalam_angka",
        {
            "kutim": "[total, aktif, tidak_aktif]",
            "persen_aktif": "persen_aktif",
            "bpn": 'corong_bpn["jumlah"].tolist()',
            "pky": 'corong_pky["jumlah"].tolist()',
            "pky_tahun": 'corong_pky["tahun"].tolist()[:3]',
            "selisih": (
                "{t.region_code: t.difference for t in kp.check_figures()"
                ' if t.kind == "jumlah_tidak_cocok"}'
            ),
            "tidak_cocok": 'sorted(semua.loc[tidak_cocok, "region"].tolist())',
        },
    )


def test_kutai_timur_as_published(lesson):
    assert lesson["kutim"] == [1209, 325, 879]


def test_share_of_active(lesson):
    # 325 / 1.209 = 0,26881… → the lesson shows 26,9 %
    assert lesson["persen_aktif"] == pytest.approx(0.268817, abs=1e-6)


def test_funnels(lesson):
    assert lesson["bpn"] == [587, 440, 70, 6]
    assert lesson["pky"] == [298, 177, 52, None]  # no published 'sehat': missing, not 0
    assert lesson["pky_tahun"] == [2024, 2024, 2023]


def test_figures_that_do_not_add_up(lesson):
    # Kutai Timur: 325 + 879 = 1.204 ≠ 1.209 (−5); Samarinda 2021: 273 + 988 = 1.261 ≠ 1.264 (−3)
    assert lesson["selisih"] == {"64.08": -5, "64.72": -3}
    assert lesson["tidak_cocok"] == ["Kabupaten Kutai Timur", "Kota Balikpapan", "Kota Samarinda"]
