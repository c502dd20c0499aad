"""Render the report for every seed region and check what a trainer reads in the HTML."""

from __future__ import annotations

import re
import stat
import subprocess
import sys

import pytest

from kopedu.report import render_report


def _text(html: str) -> str:
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("laporan")


def test_default_cli_renders_kutai_timur_2023(out_dir):
    proc = subprocess.run(
        [sys.executable, "-m", "kopedu.cli", "report", "--output", str(out_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    path = out_dir / "laporan_kabupaten_kutai_timur_2023_id.html"
    assert str(path.resolve()) in proc.stdout
    html = path.read_text(encoding="utf-8")
    text = _text(html)
    for shown in ("1.209", "325", "879", "884", "Diskominfo Staper Kab. Kutai Timur", "2023-06-24"):
        assert shown in text
    assert "selisih 5" in text  # the inconsistency is flagged
    assert "Kecamatan Muara Bengkal" in text and "49" in text  # the kecamatan figures
    assert "import kopedu" not in html  # no code cells
    assert "Parameter dan data yang dipakai" in text and "figures.csv" in text
    assert path.stat().st_mode & stat.S_IROTH  # readable hand-out, not 0600


@pytest.mark.parametrize(
    ("region", "year", "expected"),
    [
        (
            "Balikpapan",
            2024,
            ["587", "440", "70", "15,91 %", "439", "Kecamatan Balikpapan Kota", "354"],
        ),
        ("Palangka Raya", 2024, ["298", "177", "99", "22", "52", "29,38 %"]),
        ("Kaltim", 2015, ["5.407", "901"]),
    ],
)
def test_seed_regions(out_dir, region, year, expected):
    path = render_report(region, year, output_dir=out_dir)
    text = _text(path.read_text(encoding="utf-8"))
    for shown in expected:
        assert shown in text, shown


def test_english_report(out_dir):
    path = render_report("Kutim", 2023, "en", output_dir=out_dir)
    text = _text(path.read_text(encoding="utf-8"))
    assert "Cooperatives Report — Kabupaten Kutai Timur, 2023" in text
    assert "Data-quality findings" in text and "1.209" in text


def test_kernel_engine_gives_the_same_report(out_dir, tmp_path):
    """The in-process engine (default) and papermill's kernel engine render the same text."""
    inproc = render_report("Balikpapan", 2024, output_dir=tmp_path / "a")
    kernel = render_report("Balikpapan", 2024, output_dir=tmp_path / "b", engine="kernel")
    a = _text(inproc.read_text(encoding="utf-8"))
    b = _text(kernel.read_text(encoding="utf-8"))
    assert a == b
    charts = [p.read_text(encoding="utf-8").count("<img") for p in (inproc, kernel)]
    assert charts[0] == charts[1] >= 3
