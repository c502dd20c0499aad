"""Report parameters: declared by the template, checked before anything runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kopedu.cli import main
from kopedu.errors import ParameterError, UnknownRegionError
from kopedu.reports.params import notebook_parameters, report_filename, validate_parameters
from kopedu.reports.render import render_report
from tests.reports_support import nothing_runs  # noqa: F401 - fixture

KOPEDU = [sys.executable, "-m", "kopedu.cli"]


def test_template_declares_documented_parameters():
    params = notebook_parameters()
    assert set(params) == {"region", "year", "language", "registry", "definition", "contoh"}
    assert (params["year"]["type"], params["contoh"]["type"]) == ("int", "bool")
    assert params["region"]["default"].strip("\"'") == "Kutai Timur"
    assert all(p["help"] for p in params.values())


def test_defaults_are_kutai_timur_2023_id_without_registry():
    p = validate_parameters()
    assert (p.region.code, p.year, p.language, p.contoh) == ("64.08", 2023, "id", False)
    assert dict(p.extra) == {"registry": "", "definition": "kemenkop"}


@pytest.mark.usefixtures("nothing_runs")
def test_the_guard_fails_when_a_report_starts(tmp_path):
    # The guard is what makes the tests below meaningful: with valid parameters, a
    # report does start — and the guard stops it, for the default engine and the kernel.
    for engine in ("auto", "kernel"):
        with pytest.raises(AssertionError, match="started to run"):
            render_report("Kutim", 2023, output_dir=tmp_path, engine=engine)
    assert not list(tmp_path.iterdir())


@pytest.mark.usefixtures("nothing_runs")
def test_unknown_region_fails_before_anything_runs(tmp_path):
    with pytest.raises(UnknownRegionError) as err:
        render_report("Atlantis", 2023, output_dir=tmp_path)
    assert err.value.suggestions
    assert not list(tmp_path.iterdir())


@pytest.mark.usefixtures("nothing_runs")
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"region": "Kutim", "year": "dua ribu"}, "bilangan bulat"),
        ({"region": "Kutim", "year": 1850}, "rentang"),
        ({"region": "Kutim", "year": 2023, "language": "fr"}, "Bahasa"),
        ({"region": "Muara Bengkal", "year": 2023}, "kecamatan"),
        ({"region": "Kutim", "year": 2023, "parameters": {"wilayahh": "x"}}, "tidak dikenal"),
        ({"region": "Kutim", "year": 2023, "engine": "turbo"}, "Mesin"),
        ({"region": "Kutim", "year": 2023, "contoh": "mungkin"}, "ya/tidak"),
        ({"region": "Kutim", "parameters": {"definition": "lima-tahun"}}, "Definisi"),
    ],
)
def test_bad_parameters_fail_before_anything_runs(tmp_path, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        render_report(output_dir=tmp_path, **kwargs)
    assert not list(tmp_path.iterdir())


@pytest.mark.usefixtures("nothing_runs")
def test_registry_parameters_are_checked_by_their_section(tmp_path):
    with pytest.raises(ParameterError, match="tidak ditemukan"):
        validate_parameters("Bontang", 2024, registry=str(tmp_path / "tidak_ada.xlsx"))
    (tmp_path / "catatan.txt").write_text("x")
    with pytest.raises(ParameterError, match="xlsx"):
        validate_parameters("Bontang", 2024, registry=str(tmp_path / "catatan.txt"))
    with pytest.raises(ParameterError, match="Pilih salah satu"):
        validate_parameters("Bontang", 2024, registry=str(tmp_path), contoh=True)
    p = validate_parameters("Bontang", 2024, definition="KALTIM", registry=str(tmp_path))
    assert dict(p.extra) == {"definition": "kaltim", "registry": str(tmp_path.resolve())}


@pytest.mark.usefixtures("nothing_runs")
def test_cli_refusals_exit_2(tmp_path):
    assert main(["report", "--all", "--region", "Kutim", "--output", str(tmp_path)]) == 2
    assert main(["report", "--definisi", "entah", "--output", str(tmp_path)]) == 2
    assert main(["report", "--provinsi", "Aceh", "--output", str(tmp_path)]) == 2
    assert main(["report", "-p", "registry", "x", "--output", str(tmp_path)]) == 2
    assert not list(tmp_path.iterdir())


def test_file_names_say_language_and_demo():
    assert report_filename(validate_parameters("Balikpapan", 2024, "en")) == (
        "report_kota_balikpapan_2024_en.html"
    )
    assert report_filename(validate_parameters("Balikpapan", 2024, contoh=True)) == (
        "contoh_laporan_kota_balikpapan_2024_id.html"
    )


def test_cli_unknown_region_is_one_line_without_traceback(tmp_path):
    proc = subprocess.run(
        [*KOPEDU, "report", "--region", "Atlantis", "--year", "2023", "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("kopedu: Wilayah 'Atlantis' tidak dikenal. Mungkin maksud Anda:")
    assert not list(tmp_path.iterdir())


@pytest.mark.usefixtures("nothing_runs")
def test_suggestions_are_regions_a_report_can_be_made_for(monkeypatch):
    from kopedu.regions import lookup_region

    with pytest.raises(UnknownRegionError) as err:
        validate_parameters("Kutai Timor", 2023)
    assert err.value.suggestions[0] == "Kabupaten Kutai Timur"
    levels = {lookup_region(s).level for s in err.value.suggestions}
    assert levels <= {"provinsi", "kabupaten", "kota"}
    monkeypatch.setenv("KOPEDU_LANG", "en")
    with pytest.raises(UnknownRegionError) as err:
        validate_parameters("Kutai Timor", 2023)
    assert str(err.value).startswith("Unknown region 'Kutai Timor'. Did you mean: Kabupaten")


@pytest.mark.usefixtures("nothing_runs")
def test_calling_the_cli_from_python_does_not_make_this_process_kopedus(tmp_path):
    # Only the kopedu program (its console script) and kopedu's workers run reports in
    # their own process; main() called from a notebook or a test must not claim it.
    from kopedu.reports.engine import owns_process

    main(["report", "--definisi", "entah", "--output", str(tmp_path)])
    assert owns_process() is False
