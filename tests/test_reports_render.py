"""Rendered reports: every figure for its region and year, truth first, formats, files.

Oracles are the published figures (``../shared/seeds``, ``data/figures.csv``) and
arithmetic on them, written in the comments; assertions read the data the report
carries and its tables, never a substring of the whole page.
"""

from __future__ import annotations

import re

import openpyxl
import pytest

from kopedu.errors import ReportError
from kopedu.reports.params import report_filename, validate_parameters
from kopedu.reports.render import render_report
from tests.reports_support import (
    kopedu_process,  # noqa: F401 - fixture
    owned_process,
    page_tables,
    page_text,
    report_data,
    table_records,
    template_with,
)
from tests.xlsx_check import check_workbook, table

pytestmark = pytest.mark.usefixtures("kopedu_process")

YEAR = re.compile(r"^\d{4}$")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("laporan")


@pytest.fixture(scope="module")
def kutim(out):
    with owned_process():
        return render_report("Kutim", 2023, output_dir=out)


def test_kutim_2023_summary(kutim):
    # Seed 000 (24 Juni 2023): 1.209 koperasi, 325 aktif, 879 tidak aktif; no RAT count
    # for 2023 or 2022 of sufficient confidence.
    values = report_data(kutim)["values"]["summary"]
    assert values == {
        "total": 1209,
        "aktif": 325,
        "tidak_aktif": 879,
        "rat": None,
        "rat_year": None,
        "rat_rate": None,
    }


def test_kutim_inconsistency_is_a_finding(kutim):
    # 325 + 879 = 1.204 ≠ 1.209: the published inactive count should be 884 (5 more).
    rows = table_records(report_data(kutim), "findings")
    warnings = [r for r in rows if r["tingkat"] == "peringatan" and r["tahun"] == 2023]
    assert any(
        "aktif 325 + tidak aktif 879 = 1.204" in r["temuan"] and "884" in r["temuan"]
        for r in warnings
    )


def test_real_region_without_registry_has_no_synthetic_data(kutim):
    data = report_data(kutim)
    assert data["parameters"]["contoh"] is False and data["parameters"]["registry"] == ""
    assert not any(name.startswith("registry") for name in data["tables"])
    assert not any(name.startswith("registry") for name in data["values"])
    tables = page_tables(kutim)
    assert "about_registry" in tables.headings
    assert not any(s.startswith("registry") for s in tables.headings)
    words = set(re.findall(r"\w+", page_text(kutim).lower()))
    assert not words & {"sintetis", "synthetic"}
    wb = openpyxl.load_workbook(kutim.with_suffix(".xlsx"))
    cells = {str(c.value).lower() for ws in wb for row in ws.iter_rows() for c in row if c.value}
    assert not any("sintetis" in c for c in cells)


def test_years_plain_percentages_one_decimal_dates_written(kutim):
    tables = page_tables(kutim)
    assert set(tables.column("published_figures", "tahun")) == {"2023"}
    assert all(YEAR.match(y) for y in tables.column("trend", "tahun"))
    # 325 / 1.209 = 26,88… % → "26,9 %"
    assert tables.column("funnel", "% dari tahap sebelumnya")[1] == "26,9 %"
    assert tables.column("funnel", "jumlah")[:2] == ["1.209", "325"]
    assert "24 Juni 2023" in tables.column("published_figures", "tanggal")
    for section in ("comparison",):
        for header in ("% aktif", "% RAT dari aktif"):
            for cell in tables.column(section, header):
                assert cell == "–" or re.fullmatch(r"\d{1,3},\d %", cell), cell


def test_text_left_numbers_right(kutim):
    tables = page_tables(kutim)
    table_ = tables.sections["published_figures"][0]
    classes = dict(zip(table_["header"], table_["classes"], strict=True))
    assert classes["tahun"] == classes["jumlah"] == "num"
    assert classes["indikator"] == classes["sumber"] == "text"


def test_handout_files(kutim):
    assert kutim.name == "laporan_kabupaten_kutai_timur_2023_id.html"
    wb = check_workbook(kutim.with_suffix(".xlsx"))
    assert wb.sheetnames[:2] == ["Angka terbitan", "Corong"]
    assert wb.sheetnames[-1] == "Sumber"
    rows = table(wb["Angka terbitan"])
    assert {(r["tahun"], r["indikator"], r["jumlah"]) for r in rows} >= {
        (2023, "Jumlah koperasi", 1209),
        (2023, "Koperasi aktif", 325),
        (2023, "Koperasi tidak aktif", 879),
    }
    block = [wb["Sumber"].cell(r, 1).value for r in range(1, 12)]
    assert "Wilayah: Kabupaten Kutai Timur (64.08)" in block and "Tahun: 2023" in block


def test_page_is_offline_titled_and_in_its_language(kutim):
    from html.parser import HTMLParser

    page = kutim.read_text(encoding="utf-8")
    external, langs, titles = [], [], []

    class P(HTMLParser):
        in_title = False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            for key in ("src", "href"):
                value = a.get(key) or ""
                if value and not value.startswith(("data:", "#")):
                    external.append(value)
            if tag == "html":
                langs.append(a.get("lang"))
            self.in_title = tag == "title"

        def handle_data(self, data):
            if self.in_title:
                titles.append(data)
                self.in_title = False

    P().feed(page)
    assert external == []
    assert re.findall(r"url\((?!data:)", page) == []
    assert langs == ["id"]
    assert titles == ["Laporan Koperasi — Kabupaten Kutai Timur, 2023"]


@pytest.mark.parametrize(
    ("region", "year", "expected"),
    [
        # Seed 003 (Balikpapan, Juli 2024): 587 koperasi, 440 aktif, 70 RAT — same year,
        # so the RAT rate is 70 / 440 = 0,159090… ; tidak aktif 147 (kaltim.bisnis.com).
        (
            "Balikpapan",
            2024,
            {"total": 587, "aktif": 440, "tidak_aktif": 147, "rat": 70, "rat_year": 2024,
             "rat_rate": 0.159091},
        ),
        # Seed 004 (Palangka Raya, 30 Juli 2024): 298 koperasi, 177 aktif, 99 tidak aktif;
        # 52 RAT "selama 2023". No aktif count for 2023 is published, so no rate: 52 / 177
        # would divide a 2023 count by a 2024 one.
        (
            "Palangka Raya",
            2024,
            {"total": 298, "aktif": 177, "tidak_aktif": 99, "rat": 52, "rat_year": 2023,
             "rat_rate": None},
        ),
    ],
)  # fmt: skip
def test_seed_region_summaries(out, region, year, expected):
    path = render_report(region, year, output_dir=out)
    assert report_data(path)["values"]["summary"] == expected


def test_balikpapan_breakdown_sums_are_the_parts(out):
    path = render_report("Balikpapan", 2024, output_dir=out)
    rows = table_records(report_data(path), "breakdown_kecamatan")
    parts = [r["Koperasi aktif"] for r in rows[:-1]]
    # 143 + 82 + 76 + 62 + 40 + 36 = 439 (the kecamatan figures; the city says 440)
    assert sorted(parts) == [36, 40, 62, 76, 82, 143]
    assert rows[-1] == {"kecamatan": "jumlah rincian", "Koperasi aktif": 439}


def test_english_report_in_english_formats(out):
    path = render_report("Kutim", 2023, "en", output_dir=out)
    assert path.name == "report_kabupaten_kutai_timur_2023_en.html"
    tables = page_tables(path)
    assert tables.column("funnel", "count")[:2] == ["1,209", "325"]
    assert tables.column("funnel", "% of previous stage")[1] == "26.9 %"
    assert "24 June 2023" in tables.column("published_figures", "date")
    rows = table_records(report_data(path), "findings")
    assert any(
        "active 325 + inactive 879 = 1,204" in r["finding"] and r["severity"] == "warning"
        for r in rows
    )
    wb = check_workbook(path.with_suffix(".xlsx"))
    assert wb.sheetnames[0] == "Published figures" and wb.sheetnames[-1] == "Sources"


def test_demo_report_says_so_everywhere(out):
    path = render_report("Balikpapan", 2024, output_dir=out, contoh=True)
    assert path.name == "contoh_laporan_kota_balikpapan_2024_id.html"
    banner = "CONTOH — DATA SINTETIS"
    tables = page_tables(path)
    assert tables.headings and all(h.endswith(banner) for h in tables.headings.values())
    page = path.read_text(encoding="utf-8")
    assert re.search(r"@top-center\s*\{\s*content:\s*\"CONTOH — DATA SINTETIS\"", page)
    data = report_data(path)
    # The synthetic registry is calibrated to the published 587 / 440 (seed 003).
    assert data["values"]["registry_status"]["total"] == 587
    assert data["values"]["registry_status"]["aktif"] == 440
    assert data["values"]["registry_status"]["synthetic"] is True
    check_workbook(path.with_suffix(".xlsx"), banner=banner)


@pytest.mark.parametrize("engine", ["kopedu", "kernel"])
def test_failed_run_writes_nothing_and_keeps_the_previous_report(tmp_path, engine):
    template = template_with(tmp_path, "raise RuntimeError('sel rusak')", after_parameters=False)
    target = tmp_path / "out"
    target.mkdir()
    params = validate_parameters("Kutim", 2023, template=template)
    previous = target / report_filename(params)
    previous.write_text("laporan lama yang baik")
    with pytest.raises(ReportError) as err:
        render_report("Kutim", 2023, output_dir=target, template=template, engine=engine)
    e = err.value
    assert (e.ename, e.evalue) == ("RuntimeError", "sel rusak")
    # Cells: a note, the parameters, papermill's injected parameters, 16 sections, then
    # the broken one — index 19 and the 19th code cell run.
    assert (e.cell_index, e.exec_count) == (19, 19)
    assert previous.read_text() == "laporan lama yang baik"
    assert sorted(p.name for p in target.iterdir()) == [previous.name]


def test_cell_timeout_stops_the_report(tmp_path):
    template = template_with(tmp_path, "import time\ntime.sleep(30)")
    with pytest.raises(ReportError) as err:
        render_report("Kutim", 2023, output_dir=tmp_path / "out", template=template, timeout=1)
    assert err.value.ename == "TimeoutError"
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_kernel_engine_publishes_the_same_report(tmp_path):
    a = render_report("Balikpapan", 2024, output_dir=tmp_path / "a")
    b = render_report("Balikpapan", 2024, output_dir=tmp_path / "b", engine="kernel")
    da, db = report_data(a), report_data(b)
    assert da["values"] == db["values"] and da["tables"] == db["tables"]
    assert page_tables(a).headings == page_tables(b).headings


def test_callers_edits_of_shared_data_never_reach_a_report(tmp_path):
    from kopedu.figures import load_figures, load_sources
    from kopedu.regions import load_regions
    from kopedu.registry.synthetic import load_synthetic

    # A lesson (or a trainer's notebook) edits the tables it was handed …
    figures, sources, regions = load_figures(), load_sources(), load_regions()
    synthetic = load_synthetic()
    figures["value"] = 0
    sources["publisher"] = "DIUBAH"
    regions["official_name"] = "DIUBAH"
    synthetic.koperasi["kode_wilayah"] = "00"
    # … and the next report still shows the published 587 / 440 / 70 (seed 003) and the
    # synthetic registry's calibrated 587 cooperatives.
    path = render_report("Balikpapan", 2024, output_dir=tmp_path, contoh=True)
    data = report_data(path)
    assert data["values"]["summary"]["total"] == 587
    assert data["values"]["registry_status"]["total"] == 587
    assert "DIUBAH" not in {r["penerbit"] for r in table_records(data, "sources")}


REGISTRY = """\
NIK,Nama Koperasi,Jenis,Kabupaten/Kota,Kecamatan,Tanggal Badan Hukum,Tgl RAT Terakhir,Jumlah Anggota
6474010001,KSU Tertib,serba usaha,Kota Bontang,Bontang Utara,2015-01-01,2024-03-01,40
6474010002,Kop Konsumen Maju,konsumen,Kota Bontang,,2016-01-01,2023-03-01,25
6474010003,KSP Sejahtera,simpan pinjam,Kota Bontang,Bontang Selatan,2014-05-05,31/02/2024,30
6471010001,KSP Teluk,simpan pinjam,Kota Balikpapan,Balikpapan Kota,2010-01-01,2024-04-01,50
6401010001,Koperasi Antah,jasa,Kutai Tengah,,2012-01-01,2024-02-02,10
"""


def test_a_trainers_registry_counts_each_regions_own_rows(tmp_path):
    # One sheet with a last-RAT column, the shape most Dinas keep. By hand, for 2024
    # (Kemenkop: aktif = an RAT for tahun buku 2021–2023; an RAT held in 2024 is tahun
    # buku 2023):
    #   Bontang: Tertib (RAT 1 Mar 2024 → tb 2023) and Maju (RAT 2023 → tb 2022) aktif;
    #   Sejahtera's RAT date 31/02/2024 does not exist (a finding, no RAT) → tidak aktif.
    #   3 koperasi, 2 aktif, 1 tidak aktif, 1 RAT in 2024, rate 1 / 2.
    #   Findings of its own rows: the impossible date (row 4), 1 koperasi without
    #   kecamatan (Maju). Rows left out: row 6, whose kabupaten "Kutai Tengah" does not
    #   exist — its region cannot be told, so every region's report lists it.
    #   Balikpapan: 1 koperasi (Teluk), no finding of its own, the same row 6 left out.
    path = tmp_path / "daftar.csv"
    path.write_text(REGISTRY, encoding="utf-8")
    bontang = report_data(render_report("Bontang", 2024, output_dir=tmp_path,
                                        parameters={"registry": str(path)}))  # fmt: skip
    values = bontang["values"]
    assert (values["registry_status"]["total"], values["registry_status"]["aktif"],
            values["registry_status"]["tidak_aktif"]) == (3, 2, 1)  # fmt: skip
    assert (values["registry_rat"]["rat"], values["registry_rat"]["rat_rate"]) == (1, 0.5)
    assert values["registry_quality"] == {"findings": 2, "rejected": 1}
    (left,) = table_records(bontang, "registry_rejected")
    assert (left["baris"], left["wilayah tidak diketahui"]) == (6, True)
    where = [r["letak"] for r in table_records(bontang, "registry_quality")]
    assert where == ["daftar.csv, baris 4, kolom 'Tgl RAT Terakhir'",
                     "daftar.csv, kolom 'Kecamatan'"]  # fmt: skip
    balikpapan = report_data(render_report("Balikpapan", 2024, "en", output_dir=tmp_path,
                                           parameters={"registry": str(path)}))  # fmt: skip
    assert balikpapan["values"]["registry_status"]["total"] == 1
    assert balikpapan["values"]["registry_quality"] == {"findings": 0, "rejected": 1}
    (left,) = table_records(balikpapan, "registry_rejected")
    assert left["row"] == 6 and left["reason"].startswith("column 'Kabupaten/Kota'")
