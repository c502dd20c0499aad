"""Source notebooks and their generated trainee copies; resetting one exercise in a file."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from kopedu.cli import main
from kopedu.errors import KopeduError
from kopedu.exercises.core import get_lesson
from kopedu.exercises.trainee import (
    SOLUTION_MARK,
    answer_cells,
    default_target,
    generate,
    make_trainee_copy,
    reset_in_notebook,
    source_notebooks,
    stale_copies,
)

ROOT = Path(__file__).resolve().parents[1]
SOURCES = source_notebooks(ROOT / "exercises" / "sumber")


def test_there_is_a_source_for_lesson_01():
    assert any(p.name.startswith("01_") for p in SOURCES)


def test_trainee_copies_are_up_to_date_with_their_sources():
    assert stale_copies(ROOT / "exercises" / "sumber") == [], (
        "Run `kopedu exercise generate` and commit the trainee copies."
    )


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_source_answer_cells_are_the_library_solutions(source):
    nb = nbformat.read(source, as_version=4)
    lesson = get_lesson(nb.metadata["kopedu"]["lesson"])
    seen = set()
    for cell in nb.cells:
        first, _, body = cell.source.partition("\n")
        if cell.cell_type == "code" and (m := SOLUTION_MARK.match(first)):
            ex = lesson.exercise(m.group(1))
            assert ast.dump(ast.parse(body)) == ast.dump(ast.parse(ex.solution)), ex.id
            seen.add(ex.id)
    assert seen == {e.id for e in lesson.exercises}
    setup = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for line in lesson.setup.splitlines():
        assert line.split("=")[0].strip() in setup, line


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_trainee_copy_has_no_solution_and_keeps_metadata(source):
    copy = nbformat.read(default_target(source), as_version=4)
    lesson = get_lesson(copy.metadata["kopedu"]["lesson"])
    text = "\n".join(c.source for c in copy.cells)
    assert "SOLUSI" not in text and "HANYA-SUMBER" not in text
    for ex in lesson.exercises:
        cells = answer_cells(copy, ex.id)
        assert [c.source.strip() for c in cells] == [ex.starter.strip()]
        body = ast.dump(ast.parse(ex.solution))
        assert all(
            ast.dump(ast.parse(c.source)) != body for c in copy.cells if c.cell_type == "code"
        )
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in copy.cells
        if c.cell_type == "code"
    )
    assert copy.metadata["kopedu"]["role"] == "trainee"


def test_make_trainee_copy_does_not_mutate_its_input():
    src = nbformat.read(SOURCES[0], as_version=4)
    before = nbformat.writes(src)
    make_trainee_copy(src)
    assert nbformat.writes(src) == before


def test_missing_metadata_or_answer_cell_is_a_clear_error():
    nb = nbformat.v4.new_notebook()
    with pytest.raises(KopeduError, match="metadata"):
        make_trainee_copy(nb)
    nb.metadata["kopedu"] = {"lesson": "01"}
    nb.cells = [nbformat.v4.new_code_cell("# SOLUSI soal1\ntotal_kutim = 1")]
    with pytest.raises(KopeduError, match="soal2"):
        make_trainee_copy(nb)


def _source_copy(tmp_path: Path) -> Path:
    src = tmp_path / "sumber" / "01_x.ipynb"
    src.parent.mkdir()
    src.write_bytes(SOURCES[0].read_bytes())
    return src


def test_generate_backs_up_a_copy_that_was_worked_on(tmp_path):
    src = _source_copy(tmp_path)
    first = generate(src)
    assert first.target == tmp_path / "01_x.ipynb" and first.written and first.backup is None
    again = generate(src)
    assert not again.written and again.backup is None  # unchanged: no backup
    assert not (tmp_path / ".kopedu").exists()
    nb = nbformat.read(first.target, as_version=4)
    answer_cells(nb, "soal1")[0].source = "total_kutim = 325  # jawaban peserta"
    nbformat.write(nb, first.target)
    result = generate(src)
    backups = list((tmp_path / ".kopedu" / "cadangan").glob("01_x-*.ipynb"))
    assert len(backups) == 1 and "jawaban peserta" in backups[0].read_text()
    assert result.backup == backups[0] and "1 sel jawaban yang sudah diisi" in result.kept
    assert "jawaban peserta" not in first.target.read_text()


def test_generate_keeps_notes_own_cells_and_edits_in_a_backup_and_says_so(tmp_path, capsys):
    src = _source_copy(tmp_path)
    target = generate(src).target
    nb = nbformat.read(target, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_markdown_cell("Catatan saya: tanya pelatih soal RAT."))
    nb.cells.append(nbformat.v4.new_code_cell("coba = angka.head()"))
    explanation = next(c for c in nb.cells if c.cell_type == "markdown" and "Soal 2" in c.source)
    explanation.source += "\n\n(saya garis bawahi: aktif!)"
    nbformat.write(nb, target)
    target.chmod(0o640)
    assert main(["exercise", "generate", str(src)]) == 0
    said = capsys.readouterr().out
    assert "1 catatan sendiri" in said and "1 sel kode sendiri" in said
    assert "1 sel lain yang berbeda" in said and "cadangan" in said
    backup = next((tmp_path / ".kopedu" / "cadangan").glob("01_x-*.ipynb"))
    kept = backup.read_text(encoding="utf-8")
    assert "Catatan saya" in kept and "coba = angka.head()" in kept and "garis bawahi" in kept
    assert "Catatan saya" not in target.read_text(encoding="utf-8")
    assert (target.stat().st_mode & 0o777) == 0o640  # the file keeps its mode


@pytest.mark.parametrize(
    "content",
    [b"", b"{ bukan json", b"\x89PNG\r\n", b'{"cells": []}', b'{"nbformat": 4}'],
    ids=["empty", "not-json", "binary", "no-metadata", "invalid"],
)
def test_exercise_commands_never_print_a_traceback(tmp_path, capsys, content):
    bad = tmp_path / "budi.ipynb"
    bad.write_bytes(content)
    for argv in (
        ["exercise", "reset", str(bad), "soal1"],
        ["exercise", "generate", str(bad)],
        ["exercise", "reset", str(tmp_path), "soal1"],
        ["exercise", "reset", str(tmp_path / "tidak_ada.ipynb"), "soal1"],
    ):
        code = main(argv)
        err = capsys.readouterr().err
        assert code != 0, argv
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert err.startswith("kopedu: ")


def test_reset_in_notebook_changes_only_that_exercise(tmp_path):
    path = tmp_path / "budi.ipynb"
    nb = nbformat.read(default_target(SOURCES[0]), as_version=4)
    answer_cells(nb, "soal1")[0].source = "total_kutim = 1209  # punya Budi"
    cell2 = answer_cells(nb, "soal2")[0]
    cell2.source = "persen_rat_bpp = 1.0  # salah"
    cell2.outputs = [nbformat.v4.new_output("stream", text="x")]
    cell2.execution_count = 4
    nbformat.write(nb, path)
    assert main(["exercise", "reset", str(path), "soal2"]) == 0
    after = nbformat.read(path, as_version=4)
    assert "punya Budi" in answer_cells(after, "soal1")[0].source
    new2 = answer_cells(after, "soal2")[0]
    assert new2.source.strip() == get_lesson("01").exercise("soal2").starter.strip()
    assert new2.outputs == [] and new2.execution_count is None
    backup = next((tmp_path / ".kopedu" / "cadangan").glob("budi-*.ipynb"))
    assert "persen_rat_bpp = 1.0  # salah" in backup.read_text()
    with pytest.raises(KopeduError):
        reset_in_notebook(path, "soal9")


def test_cli_generate_check_passes():
    assert main(["exercise", "generate", "--check"]) == 0
