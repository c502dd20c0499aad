"""The one display helper: Indonesian (and English) formats, labels, index, wrapping.

Expected texts are written out by hand from the formats the lessons teach:
amounts 1.250.000 (en 1,250,000), shares 26,9 % (en 26.9 %), years without a
separator, dates with the month's name.
"""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest

import kopedu as kp
from kopedu.display import Table, column_label, format_value, infer_kind, table


def _rows(t: Table) -> list[list[str]]:
    return [line.split("  ") for line in t.to_text().splitlines()]


def test_indonesian_and_english_formats():
    df = pd.DataFrame(
        {
            "tahun_data": [2024],
            "jumlah": [1_250_000],
            "persen_rat": [0.269],
            "tanggal": [pd.Timestamp("2024-04-02")],
        }
    )
    ind = table(df).data.iloc[0].tolist()
    eng = table(df, language="en").data.iloc[0].tolist()
    assert ind == ["2024", "1.250.000", "26,9 %", "2 April 2024"]
    assert eng == ["2024", "1,250,000", "26.9 %", "2 April 2024"]
    assert list(table(df).data.columns) == ["Tahun data", "Jumlah", "Tingkat RAT", "Tanggal"]


def test_years_never_get_a_thousands_separator():
    df = pd.DataFrame({"tahun": [2015, 2024], "koperasi": [5407, 1209]})
    assert table(df).data.to_numpy().tolist() == [["2015", "5.407"], ["2024", "1.209"]]
    # a year column with a gap is float in pandas; still a year
    gap = pd.DataFrame({"tahun": [2015.0, None]})
    assert table(gap).data["Tahun"].tolist() == ["2015", "–"]


def test_missing_is_a_dash_never_zero():
    df = pd.DataFrame({"jumlah": pd.array([587, None], dtype="Int64")})
    assert table(df).data["Jumlah"].tolist() == ["587", "–"]


def test_an_index_that_repeats_a_column_is_shown_once():
    df = pd.DataFrame({"kode": ["1101", "3101"], "nama": ["Kas", "Simpanan pokok"]})
    t = table(df.set_index("kode", drop=False))
    assert list(t.data.columns) == ["Kode", "Nama"]
    html = t.to_html()
    assert html.count(">1101<") == 1


def test_a_meaningful_index_becomes_a_column_and_row_numbers_are_hidden():
    s = pd.Series([325, 879], index=pd.Index(["aktif", "tidak aktif"], name="status"))
    assert table(s.rename("jumlah")).data.to_numpy().tolist() == [
        ["aktif", "325"],
        ["tidak aktif", "879"],
    ]
    html = table(pd.DataFrame({"a": [1]})).to_html()
    assert "row_heading" not in html


def test_long_text_is_wrapped_not_cut():
    long = "Kabupaten Kutai Timur 2023: aktif 325 + tidak aktif 879 = 1.204, " * 3
    t = table(pd.DataFrame({"pesan": [long]}))
    assert long.strip() in t.to_text() and "…" not in t.to_text()
    assert "white-space: normal" in t.to_html()


def test_numbers_right_text_left_and_a_total_row():
    df = pd.DataFrame({"nama": ["Kas", "Simpanan pokok"], "debit": [100_000, 0]})
    t = table(df, kinds={"debit": "rupiah"}, total=True)
    assert t.to_text().splitlines() == [
        "Nama              Debit",
        "Kas             100.000",
        "Simpanan pokok        0",
        "Jumlah          100.000",
    ]
    assert table(df, total=True, language="en").data.iloc[-1].tolist() == ["Total", "100,000"]


def test_entry_numbers_and_codes_are_not_summed():
    df = pd.DataFrame({"entri": [1, 2], "debit": [5, 7]})
    assert table(df, total=True).data.iloc[-1].tolist() == ["Jumlah", "12"]


def test_a_dict_of_figures():
    t = table({"Jumlah koperasi": 1209, "Koperasi aktif": 325})
    assert t.to_text().splitlines() == [
        "Keterangan       Nilai",
        "Jumlah koperasi  1.209",
        "Koperasi aktif     325",
    ]


def test_html_escapes_text_and_repr_is_the_text():
    t = table(pd.DataFrame({"nama": ["<b>KSP</b>"]}))
    assert "&lt;b&gt;KSP&lt;/b&gt;" in t.to_html()
    assert repr(t) == t.to_text()


def test_html_is_the_same_on_every_run():
    df = pd.DataFrame({"nama": ["Kas"], "debit": [1]})
    assert table(df).to_html() == table(df).to_html()


def test_labels_kinds_and_values():
    assert column_label("ns_debit") == "NS debit"
    assert column_label("phu_kredit") == "PHU kredit"
    assert infer_kind(pd.Series([dt.date(2024, 1, 2)])) == "date"
    assert infer_kind(pd.Series([True])) == "bool"
    assert format_value(True, "bool") == "ya" and format_value(False, "bool", language="en") == "no"
    assert format_value(397058.82, "decimal", decimals=2) == "397.058,82"
    assert format_value(-250000, "rupiah") == "-250.000"
    with pytest.raises(ValueError):
        table(pd.DataFrame({"a": [1]}), kinds={"a": "uang"})
    with pytest.raises(kp.KopeduError):
        table(pd.DataFrame({"a": [1]}), language="fr")


def test_the_helper_does_not_change_its_input():
    df = pd.DataFrame({"kode": ["1"], "nama": ["Kas"]}).set_index("kode", drop=False)
    before = df.copy()
    table(df, total=True)
    pd.testing.assert_frame_equal(df, before)


def test_flat_name_and_the_old_accounting_name():
    df = pd.DataFrame({"nama": ["Kas"], "debit": [1_500_000]})
    assert kp.table(df).data["Debit"].tolist() == ["1.500.000"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = kp.accounting.show(df, total=True)
    assert any(issubclass(w.category, DeprecationWarning) for w in caught)
    assert isinstance(old, Table) and old.data["Debit"].tolist() == ["1.500.000", "1.500.000"]


def test_docstring_examples_run():
    import doctest

    import kopedu.display

    result = doctest.testmod(kopedu.display)
    assert result.attempted >= 8 and result.failed == 0


def test_a_dict_formats_each_figure_by_its_own_kind():
    from decimal import Decimal

    t = table(
        {
            "Jumlah koperasi": 1209,
            "Persen aktif": 325 / 1209,  # 0,2688… → 26,9 %
            "Tingkat RAT 2014": Decimal("54.34"),
            "Sumber": "Diskominfo Kutim",
        },
        kinds={"Tingkat RAT 2014": "percent_points"},
    )
    assert t.data["Nilai"].tolist() == ["1.209", "26,9 %", "54,34 %", "Diskominfo Kutim"]
    assert table({"a": 15.91}, kinds="percent_points").data["Nilai"].tolist() == ["15,9 %"]


def test_a_record_shows_each_value_by_its_own_kind():
    row = (
        pd.DataFrame(
            {"nama": ["KSP A"], "tahun_buku": [2023], "kas": [30_000_000], "aktif": [True]}
        )
        .astype(object)
        .iloc[0]
    )
    t = table(row)
    assert t.data.to_numpy().tolist() == [
        ["nama", "KSP A"],
        ["tahun_buku", "2023"],
        ["kas", "30.000.000"],
        ["aktif", "ya"],
    ]


def test_a_frame_declares_its_kinds_and_the_caller_still_wins():
    from kopedu.display import declare

    df = declare(
        pd.DataFrame({"kode": ["5a", "2c"], "rasio": [25.0, 20.0], "skor": [2.5, 1.0]}),
        kinds={"rasio": "percent_points"},
        decimals={"skor": 2},
    )
    shown = table(df.sort_values("skor")[["kode", "rasio", "skor"]]).data.to_numpy().tolist()
    assert shown == [["2c", "20,0 %", "1,00"], ["5a", "25,0 %", "2,50"]]
    assert table(df, decimals={"skor": 1}).data["Skor"].tolist() == ["2,5", "1,0"]
    with pytest.raises(ValueError, match="unknown kind"):
        declare(df, kinds={"rasio": "persen"})


def test_text_is_shown_as_written():
    from kopedu.display import Text

    text = Text("baris satu\nbaris dua")
    assert repr(text) == "baris satu\nbaris dua" and isinstance(text, str)
