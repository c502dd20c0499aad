"""The whole loop on lesson 01, in a real kernel: generate the trainee copy, work it
(every outcome reached, hints at two levels, the solution, a form answer), check the
progress file, reset one exercise with a backup, then grade the saved notebook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from kopedu.exercises.grading import grade_submission
from kopedu.exercises.trainee import answer_cells, generate

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "exercises" / "sumber" / "01_koperasi_dalam_angka.ipynb"


def test_the_whole_loop(tmp_path):
    # 1. the trainee copy, generated from the single source
    copy_path = generate(SOURCE, tmp_path / "sumber_copy.ipynb").target
    nb = nbformat.read(copy_path, as_version=4)
    assert "SOLUSI" not in "".join(c.source for c in nb.cells)

    # 2. the trainee works, in cells of their own after the set-up cell
    story = [
        "print('A', latihan.soal1.check().status.value)",  # answer cell not run yet
        "total_kutim = ...\nprint('B', latihan.soal1.check().status.value)",
        'total_kutim = angka.loc["Kutai Timur", "koperasi_aktif"]',
        "print('C', latihan.soal1.check().key)",
        "print('D', latihan.soal1.hint().level, latihan.soal1.hint().level)",
        'x = 1\ntotal_kutim = angka.loc["Kutai Timur", "jumlah"]',
        "print('E', latihan.soal1.check().status.value)",
        'total_kutim = angka.loc["Kutai Timur", "koperasi_total"]',
        "print('F', latihan.soal1.check().status.value)",
        "print('G', 'persen_rat_bpp' in latihan.soal2.solution().code)",
    ]
    at = next(i for i, c in enumerate(nb.cells) if c.source.startswith("latihan = kp"))
    answer_cells(nb, "soal1")[0].source = story[-3]  # the answer cell holds the fix
    nb.cells[at + 1 : at + 1] = [nbformat.v4.new_code_cell(c) for c in story]
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "r = latihan.soal3.reset()\nprint('H', r.backup.name, tidak_aktif_hitung is ...)"
        )
    )
    client = NotebookClient(
        nb,
        timeout=60,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    out = "".join(
        o.get("text", "")
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream"
    )
    for line in [
        "A tidak_dapat_diperiksa",
        "B belum_dikerjakan",
        "C soal1.took_aktif",
        "D 1 2",
        "E error",
        "F benar",
        "G True",
        "H 01-soal3-",
    ]:
        assert line in out, (line, out)

    assert re.search(r"H 01-soal3-\S+ True", out)

    # 3. progress recorded, backup made, nothing else touched
    events = [
        json.loads(x) for x in (tmp_path / ".kopedu" / "progres.jsonl").read_text().splitlines()
    ]
    kinds = {(e["exercise"], e["event"]) for e in events}
    assert {
        ("soal1", "check"),
        ("soal1", "hint"),
        ("soal2", "solution"),
        ("soal3", "reset"),
    } <= kinds
    assert max(e["attempt"] for e in events if e["exercise"] == "soal1") >= 4
    assert list((tmp_path / ".kopedu" / "cadangan").glob("01-soal3-*.py"))

    # 4. the trainer grades the saved notebook
    submitted = tmp_path / "kiriman" / "ani.ipynb"
    submitted.parent.mkdir()
    nbformat.write(nb, submitted)
    res = grade_submission(submitted, timeout=10, root=submitted.parent)
    by = {r.exercise: r for r in res.results}
    assert res.status == "selesai", res.detail
    assert by["soal1"].outcome == "benar" and by["soal1"].hints == 2
    assert by["soal2"].solution
    assert by["soal3"].outcome == "belum_dikerjakan"  # the reset cell ran again
