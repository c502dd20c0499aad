"""Modal tertimbang and ATMR computed from balance-sheet items (Permen 14/2009 weights)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kopedu.health import (
    example_inputs,
    risk_weighted_assets,
    score,
    weight_table,
    weighted_capital,
)

EX = example_inputs()
FULL = int(np.flatnonzero(EX["kode"].to_numpy() == "PKY-003")[0])


def test_weight_tables_are_the_sources():
    # health-scoring-sources.md §4 (Permen 14/2009 as reproduced in S11)
    capital = dict(
        zip(
            weight_table("modal_tertimbang")["pos"],
            weight_table("modal_tertimbang")["bobot"],
            strict=True,
        )
    )
    assert capital == {
        "Simpanan pokok": 100, "Simpanan wajib": 100, "Modal penyetaraan": 100,
        "Modal penyertaan": 50, "Cadangan umum": 100, "Cadangan tujuan risiko": 50,
        "Modal sumbangan (hibah, donasi)": 100, "SHU belum dibagi": 50,
        "Tabungan dan simpanan berjangka (kewajiban)": 50,
        "Beban yang masih harus dibayar (kewajiban)": 50,
        "Dana yang diterima (pos kewajiban)": 50, "Kewajiban lain-lain": 50,
    }  # fmt: skip
    assets = weight_table("atmr").set_index("kolom")["bobot"].to_dict()
    assert assets == {
        "kas": 0, "bank": 0, "penempatan_dana": 20, "surat_berharga": 50,
        "pinjaman_anggota": 100, "pinjaman_non_anggota": 100, "penyertaan_lembaga_lain": 100,
        "pendapatan_masih_harus_diterima": 50, "aktiva_tetap": 70,
    }  # fmt: skip


def test_computed_by_hand_for_the_example_cooperative():
    row = EX.iloc[[FULL]]
    # modal tertimbang (juta): SP 100 + SW 500 + cadangan umum 150 + hibah 70
    #   + 50 % × (cadangan tujuan risiko 30 + SHU belum dibagi 50 + tabungan/berjangka 700
    #             + beban masih harus dibayar 50 + dana diterima 100 + kewajiban lain 250)
    #   = 820 + 50 % × 1180 = 1410
    assert weighted_capital(row).iloc[0] == 1_410_000_000
    # ATMR (juta): kas 50 × 0 + bank 70 × 0 + penempatan 100 × 20 % + pinjaman 1500 × 100 %
    #   + aktiva tetap 300 × 70 % = 20 + 1500 + 210 = 1730
    assert risk_weighted_assets(row).iloc[0] == 1_730_000_000
    res = score(EX)
    # CAR = 1410 / 1730 × 100 = 81,50 % → "≥ 8 → 100" → skor 3
    assert res.ratio["car"].iloc[FULL] == pytest.approx(1410 / 1730 * 100)
    assert (res.nilai["car"].iloc[FULL], res.skor["car"].iloc[FULL]) == (100, 3)
    assert res.total["skor_total"].iloc[FULL] == pytest.approx(93.65)  # as KTM-001


def test_figure_entered_wins_and_empty_items_mean_not_assessable():
    row = EX.iloc[[FULL]].copy()
    row["modal_tertimbang"] = 173_000_000  # entered: 173 / 1730 = 10 %
    assert score(row).ratio["car"].iloc[0] == pytest.approx(10.0)
    # Karya Mandiri fills no item that exists only for the weight tables (cadangan umum
    # and simpanan sukarela are also PEARLS columns): blank figures stay blank.
    karya = EX.iloc[[1]].copy()
    karya[["modal_tertimbang", "atmr"]] = pd.NA
    assert np.isnan(weighted_capital(karya).iloc[0])
    assert np.isnan(risk_weighted_assets(karya).iloc[0])
    res = score(karya)
    assert np.isnan(res.nilai["car"].iloc[0])
    note = res.components(0).set_index("kode").loc["1c", "keterangan"]
    assert note.startswith(
        "tidak dapat dinilai: data modal tertimbang, ATMR kosong (isi angkanya, atau isi pos-pos"
    )
    # one dedicated item (hibah 10 juta) is enough: SP 50 + SW 350 + cadangan umum 100
    # + hibah 10 + 50 % × (cadangan risiko 20 + simpanan sukarela 150) = 595 juta
    karya["modal_sumbangan"] = 10_000_000
    assert weighted_capital(karya).iloc[0] == 595_000_000
    # no weighted column at all: still scored, CAR not assessable
    bare = EX.iloc[[1]].drop(columns=["modal_tertimbang", "atmr"])
    assert np.isnan(score(bare).nilai["car"].iloc[0])


def test_exact_to_the_sen_and_input_untouched():
    row = pd.DataFrame(
        {"simpanan_pokok": [1], "simpanan_wajib": [0], "shu_belum_dibagi": [1]},
        dtype="Int64",
    )
    before = row.copy()
    # 1 × 100 % + 1 × 50 % = 1,5 rupiah
    assert weighted_capital(row).iloc[0] == 1.5
    pd.testing.assert_frame_equal(row, before)
    big = pd.DataFrame(
        {"simpanan_pokok": [70_000_000_000_001], "modal_penyertaan": [123_456_789_013]}
    )
    # 70.000.000.000.001 + 50 % × 123.456.789.013 = 70.061.728.394.507,5, to the sen
    assert weighted_capital(big).iloc[0] == 70_061_728_394_507.5


def _words(line: str) -> str:
    return " ".join(line.split())  # the trace aligns items in columns


def test_trace_shows_each_weighted_item():
    lines = [_words(line) for line in score(EX).trace(FULL, "permodalan").splitlines()]
    start = lines.index(
        "Modal sendiri tertimbang dihitung dari pos neraca (bobot Permen 14/2009, keyakinan M):"
    )
    items = lines[start + 1 : start + 14]
    assert items[0] == "Simpanan pokok Rp 100.000.000 × 100 % = Rp 100.000.000"
    assert items[2] == "Modal penyetaraan (kosong, dihitung 0)"
    assert items[5] == "Cadangan tujuan risiko Rp 30.000.000 × 50 % = Rp 15.000.000"
    assert items[12] == "jumlah Rp 1.410.000.000"
    start = lines.index("ATMR dihitung dari pos neraca (bobot Permen 14/2009, keyakinan M):")
    assert lines[start + 9] == "Aktiva tetap (bersih) Rp 300.000.000 × 70 % = Rp 210.000.000"
    assert lines[start + 10] == "jumlah Rp 1.730.000.000"
    assert "= Rp 1.410.000.000 ÷ Rp 1.730.000.000 × 100 % = 81,50 %" in lines
