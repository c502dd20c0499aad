"""Lessons and exercises in a real JupyterLab, as a trainee uses them (Playwright + Chromium).

Each test opens a notebook of a ``kopedu mulai`` workspace, checks that it opens clean
(no unsaved dot), runs every cell, and asserts on what the trainee sees: no error output,
widgets that render and respond. The JupyterLab app is read through
``window.jupyterapp`` (``--LabApp.expose_app_in_browser``), the widgets through the page.
"""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api", reason="paket playwright belum terpasang")
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

_WAIT_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.sessionContext || !w.sessionContext.session) return false;
  const k = w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && w.context.isReady;
}"""
_ALL_RUN = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  if (w.sessionContext.session.kernel.status !== 'idle') return false;
  const cells = w.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type === 'code' && c.sharedModel.getSource().trim() && c.executionCount === null)
      return false;
  }
  return true;
}"""
_ERRORS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const found = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    for (const o of c.outputs.toJSON())
      if (o.output_type === 'error') found.push(i + ': ' + o.ename + ': ' + o.evalue);
  }
  return found;
}"""


_TABLES = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const found = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    for (const o of c.outputs.toJSON()) {
      const html = o.data && o.data['text/html'];
      const text = Array.isArray(html) ? html.join('') : html;
      if (text && text.includes('id="T_kp')) found.push(text);
    }
  }
  return found;
}"""


def _open(page, lab, path: str) -> None:
    page.goto(f"{lab['base']}/lab/tree/{path}?token=kopedu-uji&reset")
    page.wait_for_function(_WAIT_IDLE, timeout=90_000)


def _dirty(page) -> bool:
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.dirty")


def _run_all(page) -> None:
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(_ALL_RUN, timeout=180_000, polling=500)


def _run_cell(page, source: str) -> None:
    """Run the first cell whose code is ``source`` (as a trainee would, Shift+Enter)."""
    page.evaluate(
        """(src) => {
          const w = window.jupyterapp.shell.currentWidget;
          const cells = w.content.model.cells;
          for (let i = 0; i < cells.length; i++)
            if (cells.get(i).sharedModel.getSource().trim() === src) {
              w.content.activeCellIndex = i;
              return window.jupyterapp.commands.execute('notebook:run-cell');
            }
          throw new Error('no cell ' + src);
        }""",
        source,
    )


def test_a_lesson_opens_clean_and_runs_without_errors(page, lab):
    _open(page, lab, "pelajaran/01_koperasi_dalam_angka.ipynb")
    page.wait_for_timeout(1500)  # JupyterLab writes the kernel's metadata after idle
    assert not _dirty(page), "the lesson shows the unsaved dot right after opening"
    _run_all(page)
    assert page.evaluate(_ERRORS) == []
    # the results are Indonesian tables (kp.table), not raw pandas output
    tables = page.evaluate(_TABLES)
    assert len(tables) >= 8 and "1.209" in tables[1] and "26,9 %" in tables[2]


def test_an_exercise_runs_and_its_form_answer_is_checked(page, lab):
    _open(page, lab, "latihan/01_koperasi_dalam_angka.ipynb")
    page.wait_for_timeout(1500)
    assert not _dirty(page), "the exercise shows the unsaved dot right after opening"
    _run_all(page)
    assert page.evaluate(_ERRORS) == []
    form = page.locator(".widget-vbox").filter(has_text="Simpan jawaban").first
    form.get_by_role("button", name="Tidak cocok").click()
    form.locator(".widget-text").filter(has_text="Selisih").locator("input").fill("5")
    form.get_by_role("button", name="Simpan jawaban").click()
    form.get_by_text("Jawaban disimpan").wait_for()
    _run_cell(page, "latihan.soal4.check()")
    page.locator(".jp-OutputArea-output").filter(has_text="Tepat. Angka terbitan").wait_for()
    # a value that cannot be read clears the saved answer and says so
    form.locator(".widget-text").filter(has_text="Selisih").locator("input").fill("lima")
    form.get_by_role("button", name="Simpan jawaban").click()
    form.get_by_text("sudah dihapus").wait_for()


def test_the_what_if_form_answers_the_lessons_question(page, lab):
    """Lesson 05: several ratios changed at once, typed the Indonesian way, reach 66."""
    _open(page, lab, "pelajaran/05_kesehatan_koperasi.ipynb")
    _run_all(page)
    assert page.evaluate(_ERRORS) == []
    form = page.locator(".widget-vbox").filter(has_text="Kembalikan semua").last
    text = form.locator(".widget-html pre").last
    expect(text).to_contain_text("Belum ada yang diubah", timeout=30_000)

    def entry(code: str):
        return form.locator(".widget-hbox").filter(has_text=f"{code} ").locator("input")

    assert entry("5a").input_value() == "25"  # KSP Karya Mandiri's own cash ratio
    for code, value in (("5a", "12,5"), ("2c", "95"), ("6c", "110")):
        entry(code).fill(value)
        entry(code).press("Enter")
    # 52,15 + 7,5 + 4 + 4 = 67,65 (hand-computed in tests/test_health_whatif.py)
    expect(text).to_contain_text("skor total 52,15 → 67,65", timeout=30_000)
    expect(text).to_contain_text("kategori Dalam Pengawasan → Cukup Sehat")
    assert "rasio 25 % → 12,5 %" in text.inner_text()  # the same format as the entry
    entry("5a").fill("-14")  # a negative ratio is refused next to its entry
    entry("5a").press("Enter")
    expect(form.locator(".widget-hbox").filter(has_text="5a ")).to_contain_text(
        "di luar rentang 0–100 %"
    )
