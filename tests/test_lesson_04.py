"""Lesson 04's SHU figures: textbook answers and exact sums."""

from __future__ import annotations

import pytest
from lesson_run import values


@pytest.fixture(scope="module")
def lesson():
    return values(
        "04_shu_dan_pembagiannya",
        {
            "susanti": "[jasa_modal, jasa_usaha, jumlah]",
            "heri": 'list(heri.rounded("potong")) + [heri.rounded("bulat")[1]]',
            "pos": 'pos.set_index("pos")["jumlah"].to_dict()',
            "shu": "shu_2024",
            "anggota": (
                '[int(tabel["jasa_modal"].sum()), int(tabel["jasa_usaha"].sum()), len(tabel)]'
            ),
            "jurnal_shu": (
                '[int(jurnal_shu["debit"].sum()), int(jurnal_shu["kredit"].sum()),'
                " len(ak.check_journal(jurnal_shu, bagan))]"
            ),
        },
    )


def test_textbook_answers(lesson):
    # Susanti: 600.000/28 juta × 25 % × 56 juta = 300.000; 8,4/168 juta × 30 % × 56 juta = 840.000
    assert lesson["susanti"] == [300_000, 840_000, 1_140_000]
    # Heri: 6,5/78 × 36 juta = 3.000.000; 1,5/102 × 27 juta = 397.058,82 → 397.058 (cut), 397.059
    assert lesson["heri"] == [3_000_000, 397_058, 3_397_058, 397_059]


def test_allocation_sums_exactly(lesson):
    pos, shu = lesson["pos"], lesson["shu"]
    assert shu == 21_079_113
    assert sum(pos.values()) == shu
    # 40 % of 21.079.113 = 8.431.645,2 → 8.431.645; 2,5 % = 526.977,8 → 526.978
    assert pos["cadangan"] == 8_431_645 and pos["dana_sosial"] == 526_978


def test_member_shares_sum_to_their_pools(lesson):
    jasa_modal, jasa_usaha, n = lesson["anggota"]
    assert (jasa_modal, jasa_usaha) == (lesson["pos"]["jasa_modal"], lesson["pos"]["jasa_usaha"])
    assert n == 40


def test_the_shu_journal_balances(lesson):
    assert lesson["jurnal_shu"] == [21_079_113, 21_079_113, 0]
