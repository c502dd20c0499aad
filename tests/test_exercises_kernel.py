"""In a real Jupyter kernel: an error in the trainee's cell is reported with its cell
number and line, and fixing the cell clears it."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient


def _text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")


def test_error_outcome_points_at_the_trainees_cell(tmp_path):
    cells = [
        'import kopedu as kp\nlatihan = kp.exercises.lesson("01")\n'
        "angka = kp.exercises.lesson01.tabel_angka()",
        'x = 1\ntotal_kutim = angka.loc["Kutai Timur", "jumlah"]',
        "o = latihan.soal1.check()\nprint(o.status.value)\nprint(o.message)",
        'total_kutim = angka.loc["Kutai Timur", "koperasi_total"]',
        "print(latihan.soal1.check().status.value)",
        "r = latihan.soal1.reset()\nprint(total_kutim is ..., r.backup.exists())",
        "print(r.message)",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = NotebookClient(
        nb,
        timeout=60,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    status, message = _text(nb.cells[2]).splitlines()[:2]
    assert status == "error"
    assert "[2]" in message and "baris 2" in message and "KeyError" in message
    assert _text(nb.cells[4]).strip() == "benar"
    assert _text(nb.cells[5]).strip() == "True True"
    # reset cannot edit the answer cell from the kernel: it says which cell stays, that a
    # new cell was added below, and how to restore the answer cell itself
    message = _text(nb.cells[6])
    assert "[4]" in message and "sel baru" in message
    assert "kopedu exercise reset" in message and "soal1" in message
    assert (tmp_path / ".kopedu" / "progres.jsonl").exists()
