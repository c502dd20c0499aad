"""The trainer's grading command over a folder of simulated submissions.

Four trainees, as the issue asks: one all correct; one with wrong answers (one given
through the form, saved in the notebook) and hints/solution used; one whose code
raises; one whose code hangs. Plus a file that is not a notebook and one that kills
its kernel. The hanging one must time out without stopping the others. Three more try
the known forgeries on untouched starter code, and two files in the folder are not
notebooks: every one of them is listed with why it was not graded.

No wall-clock limit here: how fast grading runs is measured in bench/, not asserted.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kopedu.cli import main
from kopedu.exercises.core import EVENT_MIME
from kopedu.exercises.grading import (
    SubmissionResult,
    _run_worker,
    cohort_table,
    collect_saved_outputs,
)
from kopedu.exercises.lesson01 import LESSON
from kopedu.exercises.widgets import ANSWER_MIME

ROOT = Path(__file__).resolve().parents[1]
COPY = ROOT / "exercises" / "01_koperasi_dalam_angka.ipynb"
SOL = {e.id: e.solution for e in LESSON.exercises}


def _submission(folder: Path, name: str, answers: dict[str, str], *, after=(), outputs=()):
    nb = nbformat.read(COPY, as_version=4)
    for cell in nb.cells:
        ex = cell.metadata.get("kopedu", {}).get("exercise")
        if ex in answers:
            cell.source = answers[ex]
    for anchor, code in after:
        i = next(i for i, c in enumerate(nb.cells) if c.source.startswith(anchor))
        nb.cells.insert(i + 1, nbformat.v4.new_code_cell(code))
    for anchor, data in outputs:
        cell = next(c for c in nb.cells if c.source.startswith(anchor))
        cell.outputs.append(nbformat.v4.new_output("display_data", data=data))
    nbformat.write(nb, folder / f"{name}.ipynb")


@pytest.fixture(scope="module")
def submissions(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kumpulan")
    _submission(folder, "ani", SOL)
    wrong = {
        **SOL,
        "soal2": LESSON.exercise("soal2").wrong_answers[0].code,
        "soal4": LESSON.exercise("soal4").starter,
    }
    form = {
        "text/plain": "Jawaban soal4 tersimpan",
        ANSWER_MIME: {
            "lesson": "01",
            "exercise": "soal4",
            "values": {"angka_cocok": True, "selisih_laporan": 0},
        },
    }
    hint = {
        "text/plain": "Petunjuk 3 dari 3",
        EVENT_MIME: {"lesson": "01", "exercise": "soal1", "event": "hint", "hint_level": 3},
    }
    _submission(
        folder,
        "budi",
        wrong,
        after=[
            ("latihan.soal2.check()", "latihan.soal2.hint()\nlatihan.soal2.hint()"),
            ("latihan.soal5.check()", "latihan.soal5.solution()"),
        ],
        outputs=[('latihan.form("soal4")', form), ("latihan.soal1.check()", hint)],
    )
    _submission(
        folder, "citra", {**SOL, "soal2": 'persen_rat_bpp = angka.loc["Balikpapan", "rat"]'}
    )
    hang = "import time\n\nwhile True:\n    time.sleep(0.05)\n" + SOL["soal3"]
    _submission(folder, "dedi", {**SOL, "soal3": hang})
    (folder / "eko.ipynb").write_text('{"cells": [', encoding="utf-8")
    dead = nbformat.v4.new_notebook(metadata={"kopedu": {"lesson": "01"}})
    dead.cells = [nbformat.v4.new_code_cell("import os\n\nos._exit(1)")]
    nbformat.write(dead, folder / "fajar.ipynb")
    # the known forgeries, each on untouched starter code
    starters = {e.id: e.starter for e in LESSON.exercises}
    _submission(folder, "palsu_emit", starters, after=[("latihan.soal5.check()", FORGE_EMIT)])
    _submission(folder, "palsu_cek", starters, after=[("latihan.soal5.check()", FORGE_CHECK)])
    _submission(folder, "palsu_nilai", starters, after=[("latihan.soal5.check()", FORGE_VALUES)])
    (folder / "rudi.ipynb.txt").write_text((folder / "ani.ipynb").read_text())
    (folder / "tugas_wati.pdf").write_bytes(b"%PDF-1.4\n")
    return folder


#: Redefine the function the grader's last cell calls, so it reports full marks.
FORGE_EMIT = """
import kopedu.exercises.grading as g
from IPython.display import display
from kopedu.exercises.wire import MIME, encode

def fake(lesson_id):
    display({MIME: {"total_kutim": encode(1209)}}, raw=True)
    (g.Path.cwd() / ".kopedu").mkdir(exist_ok=True)
    (g.Path.cwd() / ".kopedu" / "hasil.json").write_text('{"01": []}')

g.emit_values = fake
g.emit_results = fake
"""
#: Make every check pass and every session say "benar".
FORGE_CHECK = """
import kopedu.exercises.core as core
import kopedu.exercises.session as session
from kopedu.exercises.core import Outcome, Status
core.evaluate = lambda ex, ns, **kw: Outcome("01", ex.id, Status.CORRECT, "x", "benar", 1.0, 1.0)
session.evaluate = core.evaluate
for ex in core.get_lesson("01").exercises:
    object.__setattr__(ex, "check", lambda **kw: None)
"""
#: Values that claim to equal anything, put into the namespace behind the answer cells.
FORGE_VALUES = """
class Apa:
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__

for name in ["total_kutim", "persen_rat_bpp", "tidak_aktif_hitung", "selisih_laporan"]:
    globals()[name] = Apa()
globals()["angka_cocok"] = False
"""


@pytest.fixture(scope="module")
def graded(submissions, tmp_path_factory, capsys_module=None):
    out = tmp_path_factory.mktemp("hasil")
    code = main(
        [
            "exercise",
            "grade",
            str(submissions),
            "--output",
            str(out),
            "--timeout",
            "6",
            "--workers",
            "2",
            "--no-progress",
        ]
    )
    assert code == 0
    print(_summary(out).to_string())  # shown by pytest when a test fails
    return out


def _sheet(path: Path, name: str) -> pd.DataFrame:
    """A sheet of kopedu's XLSX: the header is the row above the frozen pane."""
    import openpyxl

    ws = openpyxl.load_workbook(path)[name]
    header_row = int(ws.freeze_panes[1:]) - 1
    return pd.read_excel(path, sheet_name=name, header=header_row - 1)


def _summary(out: Path) -> pd.DataFrame:
    return _sheet(out / "angkatan.xlsx", "ringkasan").set_index("peserta")


def _details(out: Path) -> pd.DataFrame:
    return _sheet(out / "angkatan.xlsx", "rincian")


TRAINEES = {
    "ani",
    "budi",
    "citra",
    "dedi",
    "eko",
    "fajar",
    "palsu_emit",
    "palsu_cek",
    "palsu_nilai",
}


def test_cohort_files_are_written(graded):
    out = graded
    assert (out / "angkatan.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    details = _details(out)
    assert set(details["peserta"]) == TRAINEES - {"eko"}
    fajar = details[details["peserta"] == "fajar"]
    assert (fajar["hasil"] == "tidak_dapat_diperiksa").all()
    assert set(_summary(out).index) == TRAINEES


def test_files_not_graded_are_listed_with_why(graded):
    skipped = _sheet(graded / "angkatan.xlsx", "tidak dinilai").set_index("berkas")
    names = {Path(p).name: why for p, why in skipped["alasan"].items()}
    assert set(names) == {"rudi.ipynb.txt", "tugas_wati.pdf"}
    assert "rudi.ipynb" in names["rudi.ipynb.txt"] and "ganti namanya" in names["rudi.ipynb.txt"]
    assert "bukan notebook (.pdf)" in names["tugas_wati.pdf"]
    page = (graded / "angkatan.html").read_text(encoding="utf-8")
    assert "Berkas yang tidak dinilai" in page and "tugas_wati.pdf" in page


def test_written_files_have_normal_permissions(graded):
    import os
    import stat

    mask = os.umask(0)
    os.umask(mask)
    for name in ("angkatan.html", "angkatan.xlsx"):
        mode = stat.S_IMODE((graded / name).stat().st_mode)
        assert mode == 0o666 & ~mask, (name, oct(mode))


@pytest.mark.parametrize("who", ["palsu_emit", "palsu_cek", "palsu_nilai"])
def test_known_forgeries_get_no_marks(graded, who):
    """Untouched starters plus a cell that redefines the grader's last call, patches the
    checks, or plants values that equal anything: nothing is graded correct."""
    row = _summary(graded).loc[who]
    assert row["skor"] == 0, row.to_dict()
    assert not any(str(row[f"soal{i}"]).startswith("benar") for i in range(1, 6)), row.to_dict()


def test_all_correct(graded):
    row = _summary(graded).loc["ani"]
    assert row["status"] == "selesai" and row["skor"] == 5, row["keterangan"]
    assert all(row[f"soal{i}"] == "benar" for i in range(1, 6))


def test_wrong_with_hints_form_answer_and_solution(graded):
    out = graded
    row = _summary(out).loc["budi"]
    assert row["status"] == "selesai" and row["skor"] == 3, row.to_dict()
    assert row["soal1"] == "benar · petunjuk 3"  # hint seen in the trainee's own session
    assert row["soal2"] == "salah · petunjuk 2"  # hints re-run during grading
    assert row["soal5"] == "benar · solusi"
    details = _details(out)
    keys = details[details["peserta"] == "budi"].set_index("soal")["kunci pesan"]
    assert keys["soal2"] == "soal2.denominator_total"
    assert keys["soal4"] == "soal4.said_match"  # answered through the form
    messages = details[details["peserta"] == "budi"].set_index("soal")["pesan"]
    assert "seluruh" in messages["soal2"]  # the trainee's message, for the trainer


def test_code_that_raises_costs_only_its_exercise(graded):
    out = graded
    row = _summary(out).loc["citra"]
    assert row["status"] == "selesai", row.to_dict()
    assert row["soal2"] == "error" and row["skor"] == 4, row.to_dict()


def test_hanging_cell_times_out_and_the_rest_is_graded(graded):
    row = _summary(graded).loc["dedi"]
    assert row["status"] == "timeout" and "6 detik" in row["keterangan"], row.to_dict()
    assert row["soal1"] == "benar" and row["soal5"] == "benar"
    assert row["soal3"] == "error"


def test_invalid_json_and_dead_kernel_are_reported(graded):
    summary = _summary(graded)
    assert summary.loc["eko", "status"] == "bukan_notebook"
    assert summary.loc["fajar", "status"] == "kernel_mati"


def test_worker_is_killed_past_its_budget(submissions, tmp_path):
    res = _run_worker(submissions / "ani.ipynb", submissions, timeout=3, budget=0.5)
    assert res.status == "timeout" and res.trainee == "ani"


def test_saved_outputs_are_collected():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                ANSWER_MIME: {"lesson": "01", "exercise": "soal4", "values": {"angka_cocok": False}}
            },
        )
    ]
    nb.cells = [cell]
    events, answers = collect_saved_outputs(nb)
    assert events == [] and answers == {"01": {"soal4": {"angka_cocok": False}}}


def test_result_round_trips_json():
    from kopedu.exercises.grading import ExerciseResult

    r = SubmissionResult(
        "a",
        "a.ipynb",
        "01",
        "selesai",
        "",
        1.0,
        (ExerciseResult("soal1", "benar", "k", 1.0, 1.0, 2, True),),
    )
    assert SubmissionResult.from_json(copy.deepcopy(r.to_json())) == r
    summary, details = cohort_table([r])
    assert summary.loc[0, "soal1"] == "benar · petunjuk 2 · solusi"
    assert details.loc[0, "petunjuk"] == 2


def test_cohort_workbook_follows_the_house_rules(graded):
    from tests.xlsx_check import check_workbook

    wb = check_workbook(graded / "angkatan.xlsx")
    assert {"ringkasan", "rincian"} <= set(wb.sheetnames)
