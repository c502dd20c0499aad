"""Region catalog and lookup.

Oracles come from outside kopedu:

* Totals of Kepmendagri 300.2.2-2430/2025 as tabulated per province in the README of
  cahyadsn/wilayah (the dataset the catalog is built from, table "Data Kepmendagri No
  300.2.2-2430 Tahun 2025"): 38 provinsi, 416 kabupaten, 98 kota, 7,285 kecamatan;
  and the usual statement "416 kabupaten dan 98 kota, termasuk 1 kabupaten
  administrasi dan 5 kota administrasi" (DKI Jakarta).
* Spot values typed from the source files (Kemendagri: db/wilayah.sql lines such as
  ``('95.01','Kabupaten Jayawijaya')``; BPS: the bridging table, e.g.
  ``"3173": {"dagri_code": "31.71", "text": "KOTA ADM. JAKARTA PUSAT"}``; BPS 2025-S1
  for the new Papua provinces: kode-wilayah-id regencies.json,
  ``{"bps_code": "9702", "name": "KAB. JAYAWIJAYA"}``).
* The first catalog's seed values (Kutai Timur's 18 kecamatan and their BPS codes,
  shared/reference/figures.md).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

from kopedu.errors import AmbiguousRegionError, ParameterError, UnknownRegionError
from kopedu.paths import data_path
from kopedu.regions import (
    FORMER_PARENTS,
    children,
    descendants,
    load_region_aliases,
    load_regions,
    lookup_region,
    normalize_region_name,
    region_by_code,
    region_schema,
    select_regions,
    suggest_regions,
)
from kopedu.validation import validate_frame

# (kabupaten, kota) per province: the rekap table of Kepmendagri 300.2.2-2430/2025
# (cahyadsn/wilayah README, columns "kab" and "kota"), typed row by row.
KAB_KOTA = {
    "11": (18, 5), "12": (25, 8), "13": (12, 7), "14": (10, 2), "15": (9, 2),
    "16": (13, 4), "17": (9, 1), "18": (13, 2), "19": (6, 1), "21": (5, 2),
    "31": (1, 5), "32": (18, 9), "33": (29, 6), "34": (4, 1), "35": (29, 9),
    "36": (4, 4), "51": (8, 1), "52": (8, 2), "53": (21, 1), "61": (12, 2),
    "62": (13, 1), "63": (11, 2), "64": (7, 3), "65": (4, 1), "71": (11, 4),
    "72": (12, 1), "73": (21, 3), "74": (15, 2), "75": (5, 1), "76": (6, 0),
    "81": (9, 2), "82": (8, 2), "91": (8, 1), "92": (7, 0), "93": (4, 0),
    "94": (8, 0), "95": (8, 0), "96": (5, 1),
}  # fmt: skip
# Kecamatan per province from the same table (column "kec"), for a few provinces.
KECAMATAN = {"11": 290, "31": 44, "62": 136, "64": 105, "95": 252, "96": 132}


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return load_regions()


# --- the bundled file -------------------------------------------------------------


def test_bundled_catalog_passes_the_schema(regions):
    # load_regions trusts the file at run time (no pandera): this is why it may.
    validate_frame(regions, region_schema(), "regions.csv")


def test_counts_per_level_match_the_kepmendagri_totals(regions):
    counts = regions["level"].value_counts().to_dict()
    assert counts == {
        "nasional": 1,
        "provinsi": 38,
        "kabupaten": 416,
        "kota": 98,
        "kecamatan": 7285,
    }


@pytest.mark.parametrize(("prov", "expected"), sorted(KAB_KOTA.items()))
def test_kabupaten_and_kota_per_province(prov, expected):
    kids = children(prov)
    levels = [r.level for r in kids]
    assert (levels.count("kabupaten"), levels.count("kota")) == expected
    assert len(kids) == sum(expected)  # nothing else directly below a province


def test_provinces_add_up_to_the_national_total():
    provinces = children("ID", "provinsi")
    assert len(provinces) == 38
    assert (
        sum(len(children(p)) for p in provinces)
        == 416 + 98
        == sum(sum(v) for v in KAB_KOTA.values())
    )


@pytest.mark.parametrize(("prov", "n"), sorted(KECAMATAN.items()))
def test_kecamatan_per_province(prov, n):
    assert len(descendants(prov, "kecamatan")) == n


def test_parents_codes_and_levels_are_consistent(regions):
    codes = set(regions["code"])
    assert regions["code"].is_unique
    assert set(regions["parent_code"]) - {""} <= codes
    dotted = regions["code"].str.contains(".", regex=False)
    expected_parent = regions["code"].str.rsplit(".", n=1).str[0].where(dotted, "ID")
    non_national = regions["level"] != "nasional"
    assert (regions.loc[non_national, "parent_code"] == expected_parent[non_national]).all()
    depth = regions["code"].str.count(r"\.")
    by_level = {
        "provinsi": 0,
        "kabupaten": 1,
        "kota": 1,
        "kecamatan": 2,
    }
    for level, d in by_level.items():
        assert (depth[regions["level"] == level] == d).all(), level
    # Permendagri 58/2021: kabupaten 01–69, kota 71–99.
    kab = regions[regions["level"].isin(["kabupaten", "kota"])]
    number = kab["code"].str[3:].astype(int)
    assert ((kab["level"] == "kota") == (number >= 71)).all()


def test_bps_codes_are_unique_and_shaped_by_level(regions):
    bps = regions[regions["bps_code"] != ""]
    assert bps["bps_code"].is_unique
    width = bps["bps_code"].str.len()
    assert (width[bps["level"] == "provinsi"] == 2).all()
    assert (width[bps["level"].isin(["kabupaten", "kota"])] == 4).all()
    assert (width[bps["level"] == "kecamatan"] == 7).all()
    # A BPS code lies inside its parent's BPS code wherever both are known.
    parent_bps = bps["parent_code"].map(regions.set_index("code")["bps_code"])
    known = bps["level"].isin(["kabupaten", "kota", "kecamatan"]) & (parent_bps != "")
    assert [
        c for c, p in zip(bps.loc[known, "bps_code"], parent_bps[known], strict=True)
        if not c.startswith(p)
    ] == []  # fmt: skip


def test_only_the_new_papua_kecamatan_and_a_few_recent_ones_lack_bps_codes(regions):
    kec = regions[regions["level"] == "kecamatan"]
    missing = kec[kec["bps_code"] == ""]
    papua_new = missing["code"].str[:2].isin(["93", "94", "95", "96"])
    # Every kecamatan of the four 2022 provinces: BPS renumbered them, the source has
    # only their kabupaten (252 + 132 + 131 + 82 from the Kepmendagri table).
    assert papua_new.sum() == 252 + 132 + 131 + 82
    assert (~papua_new).sum() < 60  # formed after BPS' bridging table; listed in the note
    assert missing["note"].str.len().gt(0).all()


@pytest.mark.parametrize(
    ("code", "bps", "official", "level"),
    [
        # Aceh
        ("11", "11", "Provinsi Aceh", "provinsi"),
        ("11.01", "1103", "Kabupaten Aceh Selatan", "kabupaten"),
        ("11.09", "1101", "Kabupaten Simeulue", "kabupaten"),
        ("11.01.01", "1103020", "Kecamatan Bakongan", "kecamatan"),
        # Papua Pegunungan (BPS 97; its kabupaten renumbered by BPS)
        ("95", "97", "Provinsi Papua Pegunungan", "provinsi"),
        ("95.01", "9702", "Kabupaten Jayawijaya", "kabupaten"),
        ("95.08", "9701", "Kabupaten Nduga", "kabupaten"),
        ("95.01.01", "", "Distrik Wamena", "kecamatan"),
        # DKI Jakarta: one kabupaten administrasi, five kota administrasi
        ("31", "31", "Provinsi Daerah Khusus Ibukota Jakarta", "provinsi"),
        ("31.01", "3101", "Kabupaten Administrasi Kepulauan Seribu", "kabupaten"),
        ("31.71", "3173", "Kota Administrasi Jakarta Pusat", "kota"),
        ("31.74", "3171", "Kota Administrasi Jakarta Selatan", "kota"),
        ("31.71.01", "3173080", "Kecamatan Gambir", "kecamatan"),
    ],
)
def test_spot_values_from_the_sources(code, bps, official, level):
    r = region_by_code(code)
    assert (r.bps_code, r.official_name, r.level) == (bps, official, level)


def test_dki_has_one_kabupaten_administrasi_and_five_kota_administrasi():
    kids = children("31")
    assert [r.official_name.split(" Administrasi")[0] for r in kids] == ["Kabupaten"] + ["Kota"] * 5


# --- seed regions kept -----------------------------------------------------------


def test_every_published_figure_and_registry_region_resolves():
    figures = pd.read_csv(data_path("figures.csv"), dtype=str, keep_default_na=False)
    for code in set(figures["region_code"]):
        assert region_by_code(code).code == code
    registry = pd.read_csv(
        data_path("registry", "koperasi_sintetis.csv"), dtype=str, keep_default_na=False
    )
    for name in set(registry["kabupaten_kota"]):
        assert lookup_region(name).official_name == name


KUTIM_BPS = [  # the first catalog (Kutai Timur's kecamatan, BPS codes verified then)
    "6404010", "6404020", "6404030", "6404040", "6404050", "6404011", "6404021",
    "6404022", "6404041", "6404051", "6404052", "6404043", "6404042", "6404044",
    "6404053", "6404054", "6404031", "6404012",
]  # fmt: skip


def test_seed_regions_keep_codes_names_and_bps_codes():
    kutim = children("64.08", "kecamatan")
    assert [r.bps_code for r in kutim] == KUTIM_BPS
    assert [r.code for r in kutim] == [f"64.08.{i:02d}" for i in range(1, 19)]
    assert region_by_code("64.08.08").name == "Kombeng"
    # Kemendagri writes "Kota Palangkaraya"; the catalog keeps the seed's spelling.
    assert region_by_code("62.71").official_name == "Kota Palangka Raya"
    # Palangka Raya's kecamatan codes were from recall ("L"); Kepmendagri swaps two.
    assert [(r.code, r.name) for r in children("62.71")] == [
        ("62.71.01", "Pahandut"),
        ("62.71.02", "Bukit Batu"),
        ("62.71.03", "Jekan Raya"),
        ("62.71.04", "Sabangau"),
        ("62.71.05", "Rakumpit"),
    ]


# --- lookup ----------------------------------------------------------------------


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
        ("Sebangau", "62.71.04"),
        # nationwide
        ("Nanggroe Aceh Darussalam", "11"),
        ("NAD", "11"),
        ("Sulbar", "76"),
        ("DKI Jakarta", "31"),
        ("Daerah Khusus Jakarta", "31"),
        ("Jaksel", "31.74"),
        ("Kab. Adm. Kep. Seribu", "31.01"),
        ("Kota Administrasi Jakarta Pusat", "31.71"),
        ("Toba Samosir", "12.12"),  # the kabupaten's name until 2020
        ("Pasir", "64.01"),  # Paser until 2007
        ("Ujung Pandang", "73.71"),
        ("Solo", "33.72"),
        ("Kepulauan Siau Tagulandang Biaro", "71.09"),  # Kemendagri writes "Kep."
        ("Tapak Tuan", "11.01.08"),  # BPS spelling of Tapaktuan
        ("Distrik Wamena", "95.01.01"),
        ("Kab. Bogor", "32.01"),
        ("Kota Bogor", "32.71"),
    ],
)
def test_names_and_aliases(typed, code):
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


def test_province_wins_over_same_named_kecamatan_only_when_alone():
    # Kotabaru is a kabupaten (63.02) and three kecamatan are "Kota Baru".
    assert lookup_region("Kotabaru").code == "63.02"
    assert lookup_region("Kota Baru").code == "63.02"
    with pytest.raises(AmbiguousRegionError) as err:
        lookup_region("Kec. Kota Baru")
    assert set(err.value.codes) == {"15.71.07", "32.15.25", "53.08.13"}
    assert lookup_region("Kota Baru, Karawang").code == "32.15.25"
    assert lookup_region("Kota Baru, Jambi").code == "15.71.07"  # province or city: same


def test_ambiguous_name_lists_candidates_with_parents_and_how_to_choose():
    with pytest.raises(AmbiguousRegionError) as err:
        lookup_region("Bogor")
    e = err.value
    assert isinstance(e, UnknownRegionError)  # callers catching the old error still do
    assert e.codes == ("32.01", "32.71")
    assert e.candidates == (
        "Kabupaten Bogor (32.01, Provinsi Jawa Barat)",
        "Kota Bogor (32.71, Provinsi Jawa Barat)",
    )
    assert e.suggestions == ("Kabupaten Bogor", "Kota Bogor")
    assert str(e).startswith("Wilayah 'Bogor' tidak jelas: ada 2 wilayah yang cocok")


def test_ambiguous_kecamatan_suggestions_name_each_one_alone():
    with pytest.raises(AmbiguousRegionError) as err:
        lookup_region("Sawang")  # a kecamatan of Aceh Selatan and of Aceh Utara
    assert err.value.codes == ("11.01.07", "11.08.15")
    assert [lookup_region(s).code for s in err.value.suggestions] == ["11.01.07", "11.08.15"]
    assert "Kabupaten Aceh Utara, Provinsi Aceh" in err.value.candidates[1]


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("Yogyakarta", ("34", "34.71")),
        ("Jogja", ("34", "34.71")),
        ("Irian Jaya", ("91", "92", "93", "94", "95", "96")),
        ("Irian Jaya Barat", ("92", "96")),
    ],
)
def test_old_and_shared_names_are_never_guessed(typed, codes):
    with pytest.raises(AmbiguousRegionError) as err:
        lookup_region(typed)
    assert err.value.codes == codes


def test_scoped_lookup():
    assert lookup_region("Muara Bengkal", within="64.08").code == "64.08.03"
    assert lookup_region("Sawang", within="Aceh Utara").code == "11.08.15"
    assert lookup_region("Kec. Sawang", within=region_by_code("11.01")).code == "11.01.07"
    assert lookup_region("640803", within="64").code == "64.08.03"
    with pytest.raises(UnknownRegionError) as err:
        lookup_region("Muara Wahau", within="64.03")  # it is in Kutai Timur, not Berau
    assert "Kabupaten Berau" in str(err.value)
    assert "Kecamatan Muara Wahau" in err.value.suggestions


def test_a_province_still_covers_what_was_split_from_it():
    assert lookup_region("Merauke, Papua").code == "93.01"  # Papua Selatan since 2022
    assert lookup_region("Tarakan, Kalimantan Timur").code == "65.71"  # Kaltara since 2012
    assert lookup_region("Mamuju", within="73").code == "76.02"  # Sulawesi Barat, 2004
    assert set(FORMER_PARENTS) == {"19", "21", "36", "65", "75", "76", "82", "92", "93",
                                   "94", "95", "96"}  # fmt: skip


def test_undotted_codes_are_bps_codes():
    # Every collision in the catalog: an undotted 4-digit BPS code that is also the
    # Kemendagri code of another kabupaten/kota written without its dot.
    regions = load_regions()
    kab = regions[regions["level"].isin(["kabupaten", "kota"])]
    dotless = dict(zip(kab["code"].str.replace(".", ""), kab["code"], strict=True))
    collisions = kab[kab["bps_code"].map(dotless).fillna(kab["code"]) != kab["code"]]
    assert len(collisions) > 100  # the rule matters
    for bps, code in zip(collisions["bps_code"], collisions["code"], strict=True):
        assert lookup_region(bps).code == code
    assert lookup_region("6403").name == "Kutai Kartanegara"  # Kemendagri 64.03 is Berau
    assert lookup_region("64.03").name == "Berau"
    assert lookup_region("1101").code == "11.09"  # Simeulue; 11.01 is Aceh Selatan


def test_kecamatan_bps_codes_resolve():
    regions = load_regions()
    kec = regions[(regions["level"] == "kecamatan") & (regions["bps_code"] != "")]
    sample = kec.iloc[:: max(len(kec) // 200, 1)]
    for bps, code in zip(sample["bps_code"], sample["code"], strict=True):
        assert lookup_region(bps).code == code


def test_papua_province_codes_differ_between_the_systems():
    # Kemendagri 95 is Papua Pegunungan; BPS 95 is Papua Selatan (Kemendagri 93).
    with pytest.raises(AmbiguousRegionError) as err:
        lookup_region("95")
    assert err.value.codes == ("93", "95")
    assert lookup_region("kemendagri:95").name == "Papua Pegunungan"
    assert lookup_region("bps:95").name == "Papua Selatan"
    assert lookup_region("97").name == "Papua Pegunungan"  # BPS only
    assert lookup_region("64").name == "Kalimantan Timur"  # the same in both
    assert region_by_code("95").name == "Papua Pegunungan"
    assert region_by_code("95.01").parent.name == "Papua Pegunungan"


def test_every_alias_finds_its_region():
    aliases = load_region_aliases()
    assert set(aliases.columns) == {"alias", "code", "source", "note"}
    assert (aliases["source"] != "").all()
    for alias, code in zip(aliases["alias"], aliases["code"], strict=True):
        try:
            assert lookup_region(alias).code == code, alias
        except AmbiguousRegionError as err:
            assert code in err.codes, alias


def test_unknown_region_suggests_real_ones():
    with pytest.raises(UnknownRegionError) as err:
        lookup_region("Kutai Timor")
    assert err.value.suggestions[0] == "Kabupaten Kutai Timur"
    assert "Mungkin maksud Anda" in str(err.value)
    assert not isinstance(err.value, AmbiguousRegionError)


def test_suggestions_come_from_the_whole_catalog():
    assert suggest_regions("Kutai Tengah") == [
        "Kabupaten Kutai Kartanegara",
        "Kabupaten Kutai Barat",
        "Kabupaten Kutai Timur",
    ]
    assert suggest_regions("Jayawijya")[0] == "Kabupaten Jayawijaya"
    # A Kemendagri code written without its dot is not a BPS code: say which it is.
    assert suggest_regions("6408") == ["Kabupaten Kutai Timur"]
    # The training's own regions only when nothing is close.
    assert suggest_regions("Qwxz") == [
        "Kabupaten Kutai Timur",
        "Kota Balikpapan",
        "Kota Palangka Raya",
    ]


def test_nonsense_region_still_gets_suggestions():
    with pytest.raises(UnknownRegionError) as err:
        lookup_region("Atlantis")
    assert len(err.value.suggestions) >= 2
    assert all(lookup_region(s) for s in err.value.suggestions)


def test_normalize():
    assert normalize_region_name("KAB. KUTAI TIMUR") == "kutai timur"
    assert normalize_region_name("Kotawaringin Timur") == "kotawaringin timur"
    assert normalize_region_name("Kota Adm. Jakarta Utara") == "jakarta utara"
    assert normalize_region_name("Distrik Wamena") == "wamena"


# --- cached data is immutable to callers ------------------------------------------


def test_load_regions_returns_a_fresh_copy():
    first = load_regions()
    first.loc[first["code"] == "64.08", "name"] = "DIUBAH"
    first.loc[:, "level"] = "kecamatan"
    first["extra"] = 1
    again = load_regions()
    assert again.loc[again["code"] == "64.08", "name"].item() == "Kutai Timur"
    assert len(again) == 1 + 38 + 416 + 98 + 7285
    assert list(again.columns) == list(first.columns[:-1])
    assert lookup_region("Kutai Timur").code == "64.08"


def test_children_and_descendants():
    assert len(children("64")) == 10  # Kaltim: 7 kabupaten + 3 kota
    assert len(children("62")) == 14  # Kalteng: 13 kabupaten + 1 kota
    assert len(children("64.08", "kecamatan")) == 18
    assert len(children(region_by_code("64.72"))) == 10
    assert children("99") == []
    assert [r.code for r in descendants("64.74")] == ["64.74.01", "64.74.02", "64.74.03"]


def test_select_regions_by_province_and_level():
    assert [r.code for r in select_regions("Kaltim", ("kota",))] == ["64.71", "64.72", "64.74"]
    assert len(select_regions("64")) == 1 + 10
    assert len(select_regions(None, ("provinsi",))) == 38
    with pytest.raises(ParameterError, match="bukan provinsi"):
        select_regions("Kutim")


# --- kopedu regions -----------------------------------------------------------------

KOPEDU = [sys.executable, "-m", "kopedu.cli"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KOPEDU, "regions", *args], capture_output=True, text=True)


def test_cli_lists_a_province_with_published_figures():
    proc = _run("--provinsi", "Kaltim")
    assert proc.returncode == 0
    lines = proc.stdout.strip().splitlines()
    rows = [ln for ln in lines if re.match(r"^\d\d(\.\d\d)* +\S+ +(Provinsi|Kabupaten|Kota) ", ln)]
    assert len(rows) == 11  # the province, 7 kabupaten, 3 kota
    assert rows[0].startswith("64        64       Provinsi Kalimantan Timur  angka terbitan")
    # figures.csv has figures for 64, 64.08, 64.71, 64.72 (and none for Bontang).
    published = [ln.split()[0] for ln in rows if "angka terbitan" in ln]
    assert published == ["64", "64.08", "64.71", "64.72"]
    assert lines[-1] == "11 wilayah ditampilkan; 4 di antaranya punya angka terbitan."


def test_cli_filters_by_level_and_refuses_a_kabupaten_as_province():
    proc = _run("--provinsi", "95", "--tingkat", "kabupaten")
    assert proc.returncode == 2  # 95 is Kemendagri's Papua Pegunungan and BPS' Papua Selatan
    assert "tidak jelas" in proc.stderr and "Traceback" not in proc.stderr
    proc = _run("--provinsi", "kemendagri:95", "--tingkat", "kabupaten")
    rows = [ln for ln in proc.stdout.splitlines() if ln.startswith("95.")]
    assert [r.split()[:2] for r in rows][:2] == [["95.01", "9702"], ["95.02", "9708"]]
    assert len(rows) == 8
    proc = _run("--provinsi", "Kutim")
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "kopedu: Kabupaten Kutai Timur adalah kabupaten, bukan provinsi; tulis provinsinya, "
        "mis. 'Kalimantan Timur'."
    )


def test_docstring_examples():
    import doctest

    import kopedu.regions

    result = doctest.testmod(kopedu.regions, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10 and result.failed == 0
