"""Reports printed on A4 with Chromium, and pictures of them for reviewers.

Chromium is Debian's (``.ci/run`` installs it in CI, so these tests never skip there);
without it they are reported as skipped with the reason. The PNGs of the default report
and of an English one are kept in ``artifacts/`` so that a reviewer can look at them
without running anything.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kopedu.reports.pdf import find_chromium, print_pdf
from kopedu.reports.render import render_report
from tests.reports_support import kopedu_process, owned_process  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
A4 = (595.28, 841.89)  # points: 210 × 297 mm
#: The printable width in CSS pixels: 210 mm less the page's 13 mm margins left and right.
PRINT_WIDTH_PX = round((210 - 26) / 25.4 * 96)

pytestmark = [
    pytest.mark.skipif(find_chromium() is None, reason="Chromium tidak terpasang"),
    pytest.mark.usefixtures("kopedu_process"),
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("cetak")
    with owned_process():
        return {
            "id": render_report("Kutim", 2023, output_dir=out),
            "en": render_report("Balikpapan", 2024, "en", output_dir=out),
            "contoh": render_report("Balikpapan", 2024, output_dir=out, contoh=True),
        }


@pytest.mark.parametrize("which", ["id", "en", "contoh"])
def test_pdf_pages_are_a4(reports, which):
    from pypdf import PdfReader

    pdf = print_pdf(reports[which])
    pages = PdfReader(pdf).pages
    # Chromium writes page sizes in whole device pixels (594.96 × 841.92 pt): within a
    # point of A4, and far from Letter (612 × 792 pt).
    for page in pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1, (w, h)
    assert len(pages) >= 3


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="paket playwright belum ada")
    from kopedu.reports.pdf import CHROMIUM_FLAGS

    with sync_api.sync_playwright() as p:
        args = [a for a in CHROMIUM_FLAGS if a != "--headless"] + ["--no-sandbox"]
        b = p.chromium.launch(executable_path=find_chromium(), headless=True, args=args)
        yield b
        b.close()


OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect();
    let clipped = r.right > width + 1;
    for (let e = t.parentElement; e; e = e.parentElement) {
      if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') {
        clipped = true;
      }
    }
    if (clipped) {
      const s = t.closest('section');
      out.push((s ? s.dataset.section : '?') + ': ' + Math.round(r.right) + ' > ' + width);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("which", ["id", "en", "contoh"])
def test_every_column_is_on_the_printed_page(reports, browser, which):
    page = browser.new_page(viewport={"width": PRINT_WIDTH_PX, "height": 1000})
    page.goto(reports[which].as_uri())
    page.emulate_media(media="print")
    assert page.evaluate(OVERFLOW_JS) == []
    tables = page.evaluate("() => document.querySelectorAll('table.kopedu-table').length")
    assert tables >= 5
    page.close()


def test_pictures_for_reviewers(reports, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {}
    for which, name in (
        ("id", "laporan_kutim_2023_id.png"),
        ("en", "report_balikpapan_2024_en.png"),
    ):
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(reports[which].as_uri())
        path = ARTIFACTS / name
        page.screenshot(path=str(path), full_page=True)
        page.close()
        shots[name] = path.stat().st_size
    assert all(size > 50_000 for size in shots.values())  # a full page, not a blank one


def test_pdf_without_a_browser_is_one_line(tmp_path, monkeypatch, reports):
    from kopedu.cli import main

    monkeypatch.setenv("KOPEDU_CHROMIUM", str(tmp_path / "tidak-ada"))
    code = main(["report", "--output", str(tmp_path), "--pdf"])
    assert code == 2
    assert (tmp_path / "laporan_kabupaten_kutai_timur_2023_id.html").exists()
    assert not list(tmp_path.glob("*.pdf"))
    assert os.environ["KOPEDU_CHROMIUM"].endswith("tidak-ada")
