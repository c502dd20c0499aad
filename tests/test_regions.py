"""Region catalog and lookup (oracles: codes and aliases in shared/reference/figures.md)."""

from __future__ import annotations

import pytest

from kopedu.errors import UnknownRegionError
from kopedu.regions import children, load_regions, lookup_region, normalize_region_name


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Kutim", "64.08"),
        ("Kab. Kutai Timur", "64.08"),
        ("KAB. KUTAI TIMUR", "64.08"),
        ("KUTAI TIMUR", "64.08"),
        ("Kabupaten Kutai Timur", "64.08"),
        ("  kutai   timur ", "64.08"),
        ("Kaltim", "64"),
        ("Provinsi Kalimantan Timur", "64"),
        ("Kota Balikpapan", "64.71"),
        ("Balikpapan", "64.71"),
        ("Palangkaraya", "62.71"),
        ("Kota Palangka Raya", "62.71"),
        ("Kalteng", "62"),
        ("Kec. Muara Bengkal", "64.08.03"),
        ("Kongbeng", "64.08.08"),  # BPS spelling of Kombeng
        ("Balikpapan Kota", "64.71.06"),  # the kecamatan, not the city
    ],
)
def test_aliases(typed, code):
    assert lookup_region(typed).code == code


@pytest.mark.parametrize(
    ("code", "bps", "name"),
    [
        ("64.08", "6404", "Kutai Timur"),
        ("64.02", "6403", "Kutai Kartanegara"),
        ("64.07", "6402", "Kutai Barat"),
        ("62.06", "6209", "Katingan"),
        ("62.08", "6206", "Sukamara"),
        ("62.13", "6212", "Barito Timur"),
        ("64.08.18", "6404012", "Long Mesangat"),
        ("64.08.12", "6404043", "Sangatta Selatan"),
    ],
)
def test_both_codes_stored_and_looked_up(code, bps, name):
    by_kemendagri = lookup_region(code)
    by_bps = lookup_region(bps)
    assert by_kemendagri == by_bps
    assert (by_kemendagri.bps_code, by_kemendagri.name) == (bps, name)


def test_catalog_counts():
    regions = load_regions()
    assert len(children("64")) == 10  # Kaltim: 10 kab/kota
    assert len(children("62")) == 14  # Kalteng: 13 kab + 1 kota
    assert len(children("64.08", "kecamatan")) == 18
    assert len(children("64.72", "kecamatan")) == 10
    assert len(children("64.71", "kecamatan")) == 6
    assert len(children("62.71", "kecamatan")) == 5
    assert regions["code"].is_unique


def test_unknown_region_suggests_real_ones():
    with pytest.raises(UnknownRegionError) as err:
        lookup_region("Kutai Timor")
    assert err.value.suggestions[0] == "Kabupaten Kutai Timur"
    assert "Mungkin maksud Anda" in str(err.value)


def test_nonsense_region_still_gets_suggestions():
    with pytest.raises(UnknownRegionError) as err:
        lookup_region("Atlantis")
    assert len(err.value.suggestions) >= 2
    assert all(lookup_region(s) for s in err.value.suggestions)


def test_normalize():
    assert normalize_region_name("KAB. KUTAI TIMUR") == "kutai timur"
    assert normalize_region_name("Kotawaringin Timur") == "kotawaringin timur"
