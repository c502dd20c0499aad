"""What-if: several components at once, sensible ranges, Indonesian decimals, one format."""

from __future__ import annotations

import numpy as np
import pytest

from kopedu.health import OptionsError, example_inputs, score, whatif, whatif_text, whatif_widget
from kopedu.health.whatif import format_percent, parse_percent

RES = score(example_inputs())
KARYA = 1  # KSP Karya Mandiri: 52,15, Dalam Pengawasan (hand-computed in test_health_scoring)


def test_several_components_at_once_reach_cukup_sehat():
    # 5a rasio kas 25 % → 12 %: "lebih besar dari 10 hingga 15 → 100": 2,5 → 10 (+7,5)
    # 2c cadangan / RPM 20 % → 95 %: "90 < x ≤ 100 → 100": 1 → 5 (+4)
    # 6c kemandirian operasional 6,7 % → 110 %: "> 100 → 100": 0 → 4 (+4)
    # 52,15 + 7,5 + 4 + 4 = 67,65 ≥ 66 → Cukup Sehat
    after = whatif(
        RES, KARYA, {"rasio_kas": 12, "cadangan_rpm": 95, "kemandirian_operasional": 110}
    )
    assert after.total["skor_total"].iloc[0] == pytest.approx(67.65)
    assert after.total["kategori"].iloc[0] == "Cukup Sehat"
    text = whatif_text(
        RES, KARYA, {"rasio_kas": 12, "cadangan_rpm": 95, "kemandirian_operasional": 110}
    ).splitlines()
    assert text[-1] == "skor total 52,15 → 67,65; kategori Dalam Pengawasan → Cukup Sehat"
    assert (
        text[0] == "2c Rasio cadangan risiko terhadap risiko pinjaman bermasalah: rasio 20 % → 95 %"
    )
    assert text[1] == "   nilai 20 → 100; skor 1,00 → 5,00"


def test_no_single_component_reaches_66():
    # the largest single gain is 5a: bobot 10 − skor 2,5 = 7,5 → 59,65 < 66
    best = {}
    for comp in RES.rules.components:
        lo, hi = comp.ratio_range
        grid = np.linspace(lo, hi, 401)
        totals = [whatif(RES, KARYA, comp.id, x).total["skor_total"].iloc[0] for x in grid[::8]]
        best[comp.id] = max(totals)
    assert max(best.values()) == pytest.approx(52.15 + 7.5)
    assert max(best, key=best.get) == "rasio_kas"


def test_ranges_refuse_negative_and_impossible_ratios():
    with pytest.raises(OptionsError, match="di luar rentang 0–100 %"):
        whatif(RES, KARYA, "rasio_kas", -14)
    with pytest.raises(OptionsError, match=r"2a .* rasio 120 % di luar rentang 0–100 %"):
        whatif(RES, KARYA, "pinjaman_anggota", 120)  # a share of loans is at most 100 %
    for comp in RES.rules.components:
        assert comp.ratio_range[0] == 0, comp.id


def test_indonesian_numbers_in_and_out():
    assert parse_percent("12,5") == 12.5
    assert parse_percent("12.5") == 12.5  # typed with a point: accepted
    assert parse_percent(" 7,25 % ") == 7.25
    with pytest.raises(ValueError, match="bukan angka; tulis misalnya 12,5"):
        parse_percent("dua belas")
    assert [format_percent(x) for x in (12.5, 25.0, 16.25, 0.0, 1234.5)] == [
        "12,5", "25", "16,25", "0", "1.234,5",
    ]  # fmt: skip


def test_widget_headless():
    form = whatif_widget(RES, KARYA)
    kas = form.fields["rasio_kas"]
    assert kas.value == "25"  # the cooperative's own ratio, as the text shows it
    assert form.text() == "Belum ada yang diubah. Skor total 52,15, kategori Dalam Pengawasan."
    kas.value = "12,5"  # typed the Indonesian way
    assert form.changes == {"rasio_kas": 12.5}
    assert "rasio 25 % → 12,5 %" in form.text()
    kas.value = "12.5"  # typed with a point: shown back the Indonesian way
    assert kas.value == "12,5"
    kas.value = "-14"  # out of range: not applied, said next to the entry
    assert form.changes == {}
    assert "di luar rentang 0–100 %" in form._notes["rasio_kas"].value
    kas.value = "abc"
    assert "'abc' bukan angka; tulis misalnya 12,5" in form._notes["rasio_kas"].value
    # several at once, answered as in the exercise
    form.set(rasio_kas="12", cadangan_rpm="95", kemandirian_operasional="110")
    assert form.text().splitlines()[-1] == (
        "skor total 52,15 → 67,65; kategori Dalam Pengawasan → Cukup Sehat"
    )
    assert "skor total 52,15 → 67,65" in form._output.value
    # a questionnaire part is a count of "ya": 8 of 12 → 12 of 12 adds 4 × 0,25 = 1
    form.reset()
    form.fields["manajemen_umum"].value = 100.0
    assert form.text().splitlines()[-1].startswith("skor total 52,15 → 53,15;")
    form.reset()
    assert form.changes == {}
