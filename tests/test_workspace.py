"""kopedu mulai: lessons and exercises in one work folder, nothing overwritten."""

from __future__ import annotations

import json
import sys

import nbformat

from kopedu.cli import main
from kopedu.commands.mulai import jupyterlab_command
from kopedu.nbtools import KERNELSPEC, kernel_language_info
from kopedu.workspace import bundled, prepare_workspace


def test_lessons_and_exercises_side_by_side(tmp_path):
    ws = prepare_workspace(tmp_path / "kerja")
    names = {p.relative_to(ws.folder).as_posix() for p in ws.copied}
    assert "pelajaran/01_koperasi_dalam_angka.ipynb" in names
    assert "latihan/01_koperasi_dalam_angka.ipynb" in names
    assert len(names) == len(bundled("lessons")) + len(bundled("exercises")) == 12
    # never the exercise sources (they hold the solutions)
    for p in ws.copied:
        assert "SOLUSI" not in p.read_text(encoding="utf-8")


def test_copies_open_clean_on_this_python(tmp_path):
    ws = prepare_workspace(tmp_path)
    for p in ws.copied:
        meta = json.loads(p.read_text(encoding="utf-8"))["metadata"]
        assert meta["kernelspec"] == KERNELSPEC
        assert meta["language_info"] == kernel_language_info()  # version included


def test_nothing_is_overwritten(tmp_path, capsys):
    first = prepare_workspace(tmp_path)
    mine = first.folder / "latihan" / "01_koperasi_dalam_angka.ipynb"
    nb = nbformat.read(mine, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("catatan saya"))
    nbformat.write(nb, mine)
    assert main(["mulai", str(tmp_path), "--siapkan-saja"]) == 0
    out = capsys.readouterr().out
    assert "12 notebook sudah ada dan tidak ditimpa" in out
    assert "catatan saya" in mine.read_text(encoding="utf-8")


def test_a_relative_folder_prepared_twice(tmp_path, monkeypatch, capsys):
    # `kopedu mulai` with its default folder (relative: pelatihan-kopedu) on the second day
    monkeypatch.chdir(tmp_path)
    assert main(["mulai", "--siapkan-saja"]) == 0
    assert main(["mulai", "--siapkan-saja"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  12 notebook sudah ada dan tidak ditimpa (pekerjaan Anda aman):" in lines
    assert "    latihan/01_koperasi_dalam_angka.ipynb" in lines


def test_a_file_is_not_a_folder(tmp_path, capsys):
    (tmp_path / "x").write_text("")
    assert main(["mulai", str(tmp_path / "x"), "--siapkan-saja"]) != 0
    assert "bukan folder" in capsys.readouterr().err


def test_jupyterlab_serves_the_workspace(tmp_path):
    cmd = jupyterlab_command(tmp_path, port=9999, browser=False)
    assert cmd[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path}" in cmd and "--no-browser" in cmd
