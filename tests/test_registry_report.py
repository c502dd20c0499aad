"""The full regional report: registry parameters, sections, XLSX, escaping, batch and index."""

from __future__ import annotations

import re

import nbformat
import openpyxl
import pytest

from kopedu import report as report_mod
from kopedu.cli import main
from kopedu.errors import ParameterError
from kopedu.report import render_all, validate_parameters

HOSTILE_NAME = "<script>alert(1)</script>"
FORMULA_NAME = '=HYPERLINK("http://contoh.invalid","klik")'


@pytest.fixture
def no_kernel(monkeypatch):
    import papermill

    def boom(*args, **kwargs):
        raise AssertionError("a kernel was started before the parameters were validated")

    monkeypatch.setattr(papermill, "execute_notebook", boom)


@pytest.mark.usefixtures("no_kernel")
def test_registry_parameters_are_validated_before_any_kernel(tmp_path):
    with pytest.raises(ParameterError, match="tidak ditemukan"):
        validate_parameters("Bontang", 2024, registry=str(tmp_path / "tidak_ada.xlsx"))
    (tmp_path / "catatan.txt").write_text("x")
    with pytest.raises(ParameterError, match="xlsx"):
        validate_parameters("Bontang", 2024, registry=str(tmp_path / "catatan.txt"))
    with pytest.raises(ParameterError, match="Definisi"):
        validate_parameters("Bontang", 2024, definition="lima-tahun")
    p = validate_parameters("Bontang", 2024, definition="KALTIM", registry=str(tmp_path))
    assert dict(p.extra) == {"definition": "kaltim", "registry": str(tmp_path.resolve())}
    assert main(["report", "--all", "--region", "Kutim", "--output", str(tmp_path)]) == 2
    assert main(["report", "--definisi", "entah", "--output", str(tmp_path)]) == 2


def _hostile_registry(folder):
    folder.mkdir()
    (folder / "koperasi.csv").write_text(
        "id_koperasi,nama_koperasi,jenis,kabupaten_kota,tanggal_badan_hukum\n"
        f'B1,"{HOSTILE_NAME}",jasa,Kota Bontang,2015-01-01\n'
        f'B2,"{FORMULA_NAME.replace(chr(34), chr(34) * 2)}",konsumen,Bontang,2015-01-01\n'
        "B3,KSU Tertib,serba usaha,Bontang,2015-01-01\n",
        encoding="utf-8",
    )
    (folder / "rat.csv").write_text(
        "id_koperasi,tahun_buku,tanggal_rat\nB3,2022,2023-03-01\nB3,2023,2024-03-01\n",
        encoding="utf-8",
    )
    return folder


def _failing_for(tmp_path, code):
    nb = nbformat.read(report_mod.report_template_path(), 4)
    at = 1 + next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(at, nbformat.v4.new_code_cell(f"assert region != {code!r}, 'sel rusak'"))
    path = tmp_path / "templat.ipynb"
    nbformat.write(nb, path)
    return path


def test_batch_renders_escapes_writes_xlsx_and_reports_failures(tmp_path):
    registry = _hostile_registry(tmp_path / "registri")
    out = tmp_path / "laporan"
    result = render_all(
        2024,
        output_dir=out,
        workers=1,
        regions=["Bontang", "Palangka Raya"],
        template=_failing_for(tmp_path, "62.71"),
        parameters={"registry": str(registry)},
        progress=False,
    )
    # Palangka Raya fails (the template's last cell), Bontang completes.
    assert [name for name, _ in result.failed] == ["Kota Palangka Raya"]
    assert "sel rusak" in result.failed[0][1]
    (html_path,) = result.rendered
    html = html_path.read_text(encoding="utf-8")
    assert HOSTILE_NAME not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Registri: koperasi.csv — Kota Bontang (3 koperasi, 2 baris RAT)" in text
    assert "Kepatuhan RAT" in text and "Daftar koperasi prioritas pembinaan" in text
    # Every registry table also as XLSX next to the HTML, with formulas neutralised.
    xlsx = html_path.with_suffix(".xlsx")
    wb = openpyxl.load_workbook(xlsx)
    assert {"per_kecamatan", "per_jenis", "tren", "prioritas"} <= set(wb.sheetnames)
    names = [c.value for c in wb["prioritas"]["B"]][1:]
    assert "'" + FORMULA_NAME in names and FORMULA_NAME not in names
    assert all(c.data_type != "f" for row in wb["prioritas"].iter_rows() for c in row)
    # The index links the report and lists the failure; nothing half-written is left.
    index = result.index.read_text(encoding="utf-8")
    assert f'href="{html_path.name}"' in index and "gagal" in index and "sel rusak" in index
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [html_path.name, xlsx.name, "index.html"]
    )
