"""Health inputs from the accounting core's books (bundled example KSP)."""

from __future__ import annotations

import pytest

accounting = pytest.importorskip("kopedu.accounting")

from kopedu.health import score  # noqa: E402
from kopedu.health.from_accounting import NOT_IN_BOOKS, inputs_from_accounting  # noqa: E402


@pytest.fixture(scope="module")
def example():
    return accounting.load_example()


def test_mapping_from_the_books(example):
    row = inputs_from_accounting(
        example.adjusted, example.chart, opening=example.opening, kode="X", nama=example.name
    ).iloc[0]
    bs = accounting.balance_sheet(example.adjusted, example.chart, opening=example.opening)
    phu = accounting.income_statement(example.adjusted, example.chart)
    assert row["total_aset"] == bs["total_aset"]
    assert row["modal_sendiri"] == bs["total_ekuitas"]  # no modal penyertaan in the example
    assert row["kas"] + row["bank"] == 15_045_000 + 138_050_000  # ledger balances 1101, 1102
    assert row["pinjaman_anggota"] == 275_000_000 and row["pinjaman_non_anggota"] == 42_600_000
    assert row["penyisihan_penghapusan_pinjaman"] == 2_750_000
    assert row["simpanan_pokok"] + row["simpanan_wajib"] == 103_100_000
    assert row["partisipasi_bruto"] == phu["partisipasi_bruto"]
    assert row["shu_kotor"] == phu["partisipasi_neto"] + phu["laba_kotor_non_anggota"]
    for col in NOT_IN_BOOKS:
        assert str(row[col]) == "<NA>", col


def test_scores_with_and_without_extra_items(example):
    bare = inputs_from_accounting(example.adjusted, example.chart, opening=example.opening)
    res = score(bare)
    assert res.total["kategori"].iloc[0] == "Tidak dapat dinilai"
    assert res.status["rpm"].iloc[0] == 1  # collectibility is not in the books
    extra = dict.fromkeys(NOT_IN_BOOKS, 0) | {"modal_tertimbang": 150_000_000, "atmr": 400_000_000}
    full = score(inputs_from_accounting(example.adjusted, example.chart, extra=extra,
                                        opening=example.opening))  # fmt: skip
    assert full.total["komponen_tidak_dinilai"].iloc[0] <= 2
    assert full.nilai["car"].iloc[0] == 100  # 37.5 % ≥ 8 %


def test_modal_penyertaan_counts_half_by_default():
    chart = accounting.load_chart("ksp")
    j = accounting.parse_journal(
        """
2024-01-02 BKM-1 Modal
  D Kas 300
  K Simpanan pokok 100
  K Modal penyertaan 200
""",
        chart,
    )
    assert inputs_from_accounting(j, chart).loc[0, "modal_sendiri"] == 200  # 100 + 50 % × 200
    assert inputs_from_accounting(j, chart, penyertaan=0).loc[0, "modal_sendiri"] == 100


def test_weighted_capital_and_atmr_computed_from_the_books(example):
    row = inputs_from_accounting(example.adjusted, example.chart, opening=example.opening)
    assert row["modal_tertimbang"].isna().all() and row["atmr"].isna().all()
    res = score(row)
    # From the example's balance sheet (rupiah):
    # modal tertimbang = SP 20.000.000 + SW 83.100.000 + cadangan 56.520.000
    #   + hibah 10.000.000 + 50 % × (SHU tahun berjalan 21.079.113 + simpanan sukarela
    #   239.512.812 + beban masih harus dibayar 640.000 + utang bank 60.000.000
    #   + utang pajak 723.075 + dana-dana SHU 4.920.000)
    #   = 169.620.000 + 50 % × 326.875.000 = 333.057.500
    # ATMR = pinjaman 275.000.000 + 42.600.000 + 70 % × (48.000.000 − 20.400.000)
    #   = 317.600.000 + 19.320.000 = 336.920.000
    assert res.ratio["car"].iloc[0] == pytest.approx(333_057_500 / 336_920_000 * 100)
    assert res.nilai["car"].iloc[0] == 100  # 98,85 % ≥ 8
    text = res.trace(0, "permodalan")
    assert "Rp 21.079.113 × 50 % = Rp 10.539.556,50" in text
