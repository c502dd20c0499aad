"""Regional report: parameter validation before any kernel, CLI contract, atomic HTML."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from kopedu import report as report_mod
from kopedu.errors import ParameterError, ReportError, UnknownRegionError
from kopedu.report import notebook_parameters, render_report, validate_parameters

KOPEDU = [sys.executable, "-m", "kopedu.cli"]


@pytest.fixture
def no_kernel(monkeypatch):
    """Fail the test if anything tries to execute a notebook."""
    import papermill

    def boom(*args, **kwargs):
        raise AssertionError("a kernel was started before the parameters were validated")

    monkeypatch.setattr(papermill, "execute_notebook", boom)


def test_template_declares_documented_parameters():
    params = notebook_parameters()
    assert {"region", "year", "language"} <= set(params)
    assert params["year"]["type"] == "int"
    assert params["region"]["default"].strip("\"'") == "Kutai Timur"
    assert all(p["help"] for p in params.values())


def test_defaults_are_kutai_timur_2023_id():
    p = validate_parameters()
    assert (p.region.code, p.year, p.language) == ("64.08", 2023, "id")


@pytest.mark.usefixtures("no_kernel")
def test_unknown_region_fails_before_kernel(tmp_path):
    with pytest.raises(UnknownRegionError) as err:
        render_report("Atlantis", 2023, output_dir=tmp_path)
    assert err.value.suggestions
    assert not list(tmp_path.iterdir())


@pytest.mark.usefixtures("no_kernel")
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"region": "Kutim", "year": "dua ribu"}, "bilangan bulat"),
        ({"region": "Kutim", "year": 1850}, "rentang"),
        ({"region": "Kutim", "year": 2023, "language": "fr"}, "Bahasa"),
        ({"region": "Muara Bengkal", "year": 2023}, "kecamatan"),
        ({"region": "Kutim", "year": 2023, "parameters": {"wilayahh": "x"}}, "tidak dikenal"),
    ],
)
def test_bad_parameters_fail_before_kernel(tmp_path, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        render_report(output_dir=tmp_path, **kwargs)


def test_cli_unknown_region_short_message_no_traceback(tmp_path):
    proc = subprocess.run(
        [*KOPEDU, "report", "--region", "Atlantis", "--year", "2023", "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "Atlantis" in proc.stderr and "Mungkin maksud Anda" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_cli_unknown_parameter(tmp_path):
    proc = subprocess.run(
        [*KOPEDU, "report", "-p", "colour", "red", "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "colour" in proc.stderr


def test_cli_regions_lists_both_codes():
    out = subprocess.run([*KOPEDU, "regions"], capture_output=True, text=True, timeout=60).stdout
    assert "64.08     6404     Kabupaten Kutai Timur" in out
    assert "Kecamatan" not in out


def _failing_template(tmp_path: Path) -> Path:
    nb = nbformat.read(report_mod.report_template_path(), 4)
    nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('sel rusak')"))
    path = tmp_path / "rusak.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("engine", ["inprocess", "kernel"])
def test_failed_run_leaves_no_file_and_keeps_previous(tmp_path, engine):
    template = _failing_template(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    params = validate_parameters("Kutim", 2023, template=template)
    previous = out / report_mod.report_filename(params)
    previous.write_text("laporan lama yang baik")
    with pytest.raises(ReportError, match="sel rusak"):
        render_report("Kutim", 2023, output_dir=out, template=template, engine=engine)
    assert previous.read_text() == "laporan lama yang baik"
    assert sorted(p.name for p in out.iterdir()) == [previous.name]


def test_inprocess_cell_timeout(tmp_path):
    nb = nbformat.read(report_mod.report_template_path(), 4)
    nb.cells.insert(3, nbformat.v4.new_code_cell("import time\ntime.sleep(30)"))
    template = tmp_path / "lambat.ipynb"
    nbformat.write(nb, template)
    with pytest.raises(ReportError, match="batas waktu"):
        render_report("Kutim", 2023, output_dir=tmp_path / "out", template=template, timeout=2)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.usefixtures("no_kernel")
def test_unknown_engine(tmp_path):
    with pytest.raises(ParameterError, match="Mesin"):
        render_report("Kutim", 2023, output_dir=tmp_path, engine="turbo")


def test_inprocess_leaves_main_module_and_home_alone(tmp_path, monkeypatch):
    """After an in-process render the program's __main__ is back (spawn needs it) and no
    IPython history database was written."""
    import sys

    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    main_before = sys.modules["__main__"]
    render_report("Balikpapan", 2024, output_dir=tmp_path / "out")
    assert sys.modules["__main__"] is main_before
    assert not list((tmp_path / "ipython").rglob("history.sqlite"))
