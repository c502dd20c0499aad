"""SHU allocation and per-member distribution: the reference's worked examples.

Every expected number below is from the reference (accounting-shu-rat.md §3.1) or
computed by hand in the comment next to it — never taken from the code's output.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest

from kopedu import accounting as acc
from kopedu.errors import DataValidationError, KopeduError


def test_suka_sukses_susanti():
    # SHU 56 jt; JM 25 % of 56 jt = 14 jt over total simpanan 28 jt; JA 30 % = 16.8 jt
    # over omzet 168 jt. Susanti: simpanan 600 rb, belanja 8.4 jt → 300,000 + 840,000.
    s = acc.shu_member_share(
        shu=56_000_000,
        persen_jasa_modal=25,
        persen_jasa_usaha=30,
        simpanan=600_000,
        total_simpanan=6_000_000 + 22_000_000,
        transaksi=8_400_000,
        total_transaksi=168_000_000,
    )
    assert s.jasa_modal == 300_000 and s.jasa_usaha == 840_000
    assert s.rounded() == (300_000, 840_000, 1_140_000)


def test_anugerah_widya():
    # SHU 2 jt; JM 20 % = 400 rb × 500 rb / 10 jt = 20,000; JU 30 % = 600 rb × 1 jt / 15 jt
    # = 40,000.
    s = acc.shu_member_share(
        shu=2_000_000,
        persen_jasa_modal=20,
        persen_jasa_usaha=30,
        simpanan=500_000,
        total_simpanan=10_000_000,
        transaksi=1_000_000,
        total_transaksi=15_000_000,
    )
    assert s.rounded() == (20_000, 40_000, 60_000)


def test_heri_shows_exact_and_truncated():
    # 36 jt × 6.5/78 = 3,000,000; 27 jt × 1.5/102 = 397,058.8235… — the source truncates
    # to 397,058 (total 3,397,058); half-up rounding gives 397,059.
    s = acc.shu_member_share(
        shu=90_000_000,
        persen_jasa_modal=40,
        persen_jasa_usaha=30,
        simpanan=6_500_000,
        total_simpanan=78_000_000,
        transaksi=1_500_000,
        total_transaksi=102_000_000,
    )
    assert s.jasa_modal == 3_000_000
    assert s.jasa_usaha == Fraction(27_000_000 * 1_500_000, 102_000_000)
    assert acc.to_sen(s.jasa_usaha) == Decimal("397058.82")
    assert s.rounded("potong") == (3_000_000, 397_058, 3_397_058)
    assert s.rounded("bulat") == (3_000_000, 397_059, 3_397_059)


def test_heri_pos_from_allocation():
    # 90 jt: jasa simpanan 40 % = 36 jt, jasa usaha 30 % = 27 jt (Kurikulum Merdeka layout).
    pos = acc.allocate_shu(
        90_000_000, {"cadangan": 20, "jasa_modal": 40, "jasa_usaha": 30, "dana_pendidikan": 10}
    ).set_index("pos")["jumlah"]
    assert pos["jasa_modal"] == 36_000_000 and pos["jasa_usaha"] == 27_000_000
    assert pos.sum() == 90_000_000


def test_base_ambiguity_yusuf():
    # SHU 30 jt, 50 % from members. JM 25 %, JA 25 %; Yusuf simpanan 1 jt / 65 jt,
    # belanja 600 rb / 25 jt. Base member SHU 15 jt: 57,692.31 + 90,000 = 147,692.31;
    # base total 30 jt: 115,384.62 + 180,000 = 295,384.62.
    kwargs = {
        "persen_jasa_modal": 25,
        "persen_jasa_usaha": 25,
        "simpanan": 1_000_000,
        "total_simpanan": 65_000_000,
        "transaksi": 600_000,
        "total_transaksi": 25_000_000,
    }
    member_base = acc.shu_member_share(shu=15_000_000, **kwargs)
    total_base = acc.shu_member_share(shu=30_000_000, **kwargs)
    assert acc.to_sen(member_base.total) == Decimal("147692.31")
    assert acc.to_sen(total_base.total) == Decimal("295384.62")


def test_known_bad_source_budi():
    # The source says JM 85,000; correct is 1.2/70 × 20 % × 25 jt = 85,714.29.
    s = acc.shu_member_share(
        shu=25_000_000,
        persen_jasa_modal=20,
        persen_jasa_usaha=0,
        simpanan=1_200_000,
        total_simpanan=70_000_000,
        transaksi=0,
        total_transaksi=1,
    )
    assert acc.to_sen(s.jasa_modal) == Decimal("85714.29")
    assert s.rounded("potong")[0] != 85_000


def test_percentages_must_sum_to_100():
    # The Sitio & Tamba table as quoted (40+40+5+5+5+5+5) sums to 105 %.
    with pytest.raises(acc.ShuParameterError, match="105"):
        acc.allocate_shu(
            1_000_000,
            {
                "cadangan": 40,
                "jasa": 40,
                "pengurus": 5,
                "karyawan": 5,
                "pendidikan": 5,
                "sosial": 5,
                "pdk": 5,
            },
        )
    # KSP Bina Seroja: 15 + 25 + 20 + 10 × 4 = 100 %.
    a = acc.allocate_shu(
        10_000_000,
        {
            "cadangan": 15,
            "jasa_usaha": 25,
            "jasa_modal": 20,
            "dana_pengurus": 10,
            "dana_karyawan": 10,
            "dana_pendidikan": 10,
            "dana_sosial": 10,
        },
    )
    assert a["jumlah"].tolist() == [1_500_000, 2_500_000, 2_000_000] + [1_000_000] * 4
    assert acc.allocate_shu(100, {"a": "33,5", "b": "66,5"})["jumlah"].tolist() == [34, 66]


def test_basis_anggota_sends_non_member_shu_to_cadangan():
    # SHU 30 jt, 15 jt from members; 25/25/50 on 15 jt = 3.75 + 3.75 + 7.5 jt;
    # cadangan gets 7.5 jt + the 15 jt from non-members = 22.5 jt.
    a = acc.allocate_shu(
        30_000_000,
        {"jasa_modal": 25, "jasa_usaha": 25, "cadangan": 50},
        basis="anggota",
        shu_anggota=15_000_000,
    ).set_index("pos")["jumlah"]
    assert a.to_dict() == {"jasa_modal": 3_750_000, "jasa_usaha": 3_750_000, "cadangan": 22_500_000}
    with pytest.raises(acc.ShuParameterError):
        acc.allocate_shu(30_000_000, {"jasa_modal": 50, "cadangan": 50}, basis="anggota")


def test_largest_remainder_by_hand():
    assert acc.largest_remainder(100, [1, 1, 1]) == [34, 33, 33]
    # 10 over 7 equal parts: 1 each, 3 left → the first three get one more.
    assert acc.largest_remainder(10, [1] * 7) == [2, 2, 2, 1, 1, 1, 1]
    # 1,000 by 1:2:3 → 166.67, 333.33, 500 → floors 166, 333, 500; 1 left → first.
    assert acc.largest_remainder(1_000, [1, 2, 3]) == [167, 333, 500]
    assert acc.largest_remainder(0, [0, 0]) == [0, 0]
    with pytest.raises(acc.ShuParameterError):
        acc.largest_remainder(10, [1, -1])
    with pytest.raises(acc.ShuParameterError):
        acc.largest_remainder(10.0, [1])  # type: ignore[arg-type]


def _members() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "no_anggota": ["A1", "A2", "A3"],
            "nama": ["Sari", "Budi", "Yohanes"],
            "simpanan_pokok": [500_000, 500_000, 500_000],
            "simpanan_wajib": [500_000, 1_500_000, 2_500_000],
            "simpanan_sukarela": [9_000_000, 0, 0],
            "transaksi": [1_000_000, 0, 2_000_000],
        }
    )


def test_member_table_largest_remainder_sums_exactly():
    # Sa = 1, 2, 3 jt (pokok + wajib). Jasa modal 1,000: 166.67, 333.33, 500 →
    # 167, 333, 500. Va = 1, 0, 2 jt. Jasa usaha 1,000: 333.33, 0, 666.67 → 333, 0, 667.
    t = acc.member_shu(_members(), jasa_modal=1_000, jasa_usaha=1_000)
    assert t["jasa_modal"].tolist() == [167, 333, 500]
    assert t["jasa_usaha"].tolist() == [333, 0, 667]
    assert t["jumlah"].sum() == 2_000
    assert t.attrs["tidak_teralokasi"] == {"jasa_modal": 0, "jasa_usaha": 0}
    # "potong" truncates like the textbooks and reports what is left.
    p = acc.member_shu(_members(), jasa_modal=1_000, jasa_usaha=1_000, rounding="potong")
    assert p["jasa_modal"].tolist() == [166, 333, 500]
    assert p.attrs["tidak_teralokasi"] == {"jasa_modal": 1, "jasa_usaha": 1}


def test_member_table_sa_definition_is_explicit():
    # With sukarela in Sa: 10, 2, 3 jt of 15 jt → 1,000 × 10/15 = 666.67 → 667, 133.33 → 133,
    # 200.
    t = acc.member_shu(
        _members(),
        jasa_modal=1_000,
        jasa_usaha=0,
        simpanan=("simpanan_pokok", "simpanan_wajib", "simpanan_sukarela"),
    )
    assert t["jasa_modal"].tolist() == [667, 133, 200]


def test_member_table_with_larger_denominator_leaves_remainder():
    # VUK = whole omzet 6 jt (members only 3 jt): jasa usaha 1,200 → 200, 0, 400; 600 is
    # the non-members' part.
    t = acc.member_shu(_members(), jasa_modal=0, jasa_usaha=1_200, total_transaksi=6_000_000)
    assert t["jasa_usaha"].tolist() == [200, 0, 400]
    assert t.attrs["tidak_teralokasi"]["jasa_usaha"] == 600
    with pytest.raises(acc.ShuParameterError):
        acc.member_shu(_members(), jasa_modal=0, jasa_usaha=1, total_transaksi=10)


def test_member_table_validates_input():
    bad = _members().assign(transaksi=[1, -5, 2])
    with pytest.raises(DataValidationError) as err:
        acc.member_shu(bad, jasa_modal=10, jasa_usaha=10)
    assert any(p.column == "transaksi" and p.row == 3 for p in err.value.problems)
    with pytest.raises(DataValidationError):
        acc.member_shu(_members(), jasa_modal=10, jasa_usaha=10, transaksi=("pembelian",))
    with pytest.raises(KopeduError):
        acc.member_shu(_members(), jasa_modal=10, jasa_usaha=10, rounding="bulat")


def test_distribution_entries_balance_and_book_the_pos():
    chart = acc.load_chart("ksp")
    d = acc.distribute_shu(
        10_000,
        {"cadangan": 40, "jasa_modal": 20, "jasa_usaha": 30, "dana_pendidikan": 10},
        _members(),
        chart,
        dt.date(2025, 3, 15),
        total_transaksi=6_000_000,
    )
    # jasa usaha 3,000 × 3/6 = 1,500 to members; 1,500 unallocated → cadangan.
    assert d.unallocated == {"jasa_modal": 0, "jasa_usaha": 1_500}
    e = d.entries.set_index("akun")
    assert e.loc["3106", "debit"] == 10_000
    assert e.loc["3105", "kredit"] == 4_000 + 1_500  # cadangan
    assert e.loc["2105", "kredit"] == 2_000 + 1_500  # SHU bagian anggota belum dibayar
    assert e.loc["2108", "kredit"] == 1_000  # dana pendidikan
    assert acc.check_journal(d.entries, chart).empty
    assert d.members["jumlah"].sum() == 2_000 + 1_500
