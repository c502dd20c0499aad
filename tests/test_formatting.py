"""Indonesian number, rupiah and date parsing/formatting (oracles: how the sources write them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kopedu.formatting import (
    ParseError,
    format_date,
    format_number,
    format_percent,
    format_rupiah,
    parse_date,
    parse_number,
    parse_rupiah,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.209", 1209),  # seed 000
        ("1.150", 1150),  # seed 001
        ("5.407 unit", 5407),  # seed 002
        ("61.460 anggota", 61460),
        ("143.117", 143117),
        ("54,34", Decimal("54.34")),
        ("16,97", Decimal("16.97")),
        ("0", 0),
    ],
)
def test_parse_number_as_published(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("bad", ["", "abc", "1.20.9", "12a", "--5", "INF", "-Infinity", "NaN"])
def test_parse_number_rejects_non_numbers(bad):
    with pytest.raises(ParseError):
        parse_number(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 1.234.567,00", 1234567),
        ("Rp1.234.567", 1234567),
        ("Rp. 56.000.000", 56000000),
        ("IDR 5.000", 5000),
        ("-Rp 250.000", -250000),
        ("300.000", 300000),
        ("Rp 1.500.000,-", 1500000),  # ",-": written without sen
        ("75.000,-", 75000),
        ("Rp -", 0),  # a spreadsheet's accounting format shows zero as "Rp -"
    ],
)
def test_parse_rupiah_whole(text, expected):
    value = parse_rupiah(text)
    assert value == expected
    assert isinstance(value, int)


@pytest.mark.parametrize("bad", ["Rp INF", "NaN", Decimal("Infinity"), Decimal("NaN")])
def test_parse_rupiah_refuses_non_finite(bad):
    with pytest.raises(ParseError):
        parse_rupiah(bad)


def test_parse_rupiah_refuses_sen_unless_asked():
    with pytest.raises(ParseError, match="sen"):
        parse_rupiah("Rp 397.058,82")
    assert parse_rupiah("Rp 397.058,82", allow_sen=True) == Decimal("397058.82")


def test_format_rupiah_and_numbers():
    assert format_rupiah(1234567) == "Rp 1.234.567"
    assert format_rupiah(1234567, sen=True) == "Rp 1.234.567,00"
    assert format_rupiah(-250000) == "-Rp 250.000"
    assert format_rupiah(Decimal("397058.82"), sen=True) == "Rp 397.058,82"
    assert format_number(1209) == "1.209"
    assert format_number(Decimal("54.335"), decimals=2) == "54,34"
    assert format_percent(Decimal("0.5434")) == "54,3 %"


def test_format_rupiah_refuses_float():
    with pytest.raises(TypeError):
        format_rupiah(1.5)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_rupiah_round_trip(amount):
    assert parse_rupiah(format_rupiah(amount)) == amount
    assert parse_rupiah(format_rupiah(amount, sen=True)) == amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 Juli 2024", dt.date(2024, 7, 30)),  # seed 004: Selasa (30/7) 2024
        ("24 Juni 2023", dt.date(2023, 6, 24)),  # seed 000
        ("31 Desember 2015", dt.date(2015, 12, 31)),  # seed 002
        ("31 Des 2023", dt.date(2023, 12, 31)),
        ("2 Agt 2024", dt.date(2024, 8, 2)),
        ("31/12/2023", dt.date(2023, 12, 31)),
        ("1-3-2024", dt.date(2024, 3, 1)),
        ("2023-06-24", dt.date(2023, 6, 24)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("bad", ["31 Juni 2023", "30 Foo 2024", "2024/13/01", "kemarin"])
def test_parse_date_rejects(bad):
    with pytest.raises(ParseError):
        parse_date(bad)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_date_round_trip(day):
    assert parse_date(format_date(day)) == day


def test_seed_weekday_matches_date():
    # Seed 004 says "Selasa (30/7)": 30 July 2024 is a Tuesday (Selasa).
    assert format_date(dt.date(2024, 7, 30), "EEEE") == "Selasa"
