"""kopedu.io.write: atomic writes, normal permissions, files replaced together, leftovers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kopedu.io.write import (
    TEMP_PREFIX,
    OutputError,
    remove_leftovers,
    write_bytes,
    write_files,
    write_text,
)


@pytest.fixture
def umask022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_file_gets_normal_permissions(tmp_path, umask022):
    # 0o666 & ~0o022 = 0o644: readable by every account on a shared training server.
    p = write_text(tmp_path / "a.txt", "x")
    assert p.stat().st_mode & 0o777 == 0o644


def test_replaced_file_keeps_its_mode(tmp_path, umask022):
    p = tmp_path / "a.txt"
    p.write_text("old")
    p.chmod(0o664)
    write_text(p, "new")
    assert (p.read_text(), p.stat().st_mode & 0o777) == ("new", 0o664)


def test_missing_folders_are_created(tmp_path):
    p = write_bytes(tmp_path / "a" / "b" / "c.bin", b"1")
    assert p.read_bytes() == b"1"


def test_function_content_writes_at_the_temporary_path(tmp_path):
    seen = []

    def writer(path: Path) -> None:
        seen.append(path)
        path.write_text("dari fungsi")

    p = write_bytes(tmp_path / "x.txt", writer)
    assert p.read_text() == "dari fungsi"
    assert seen[0].name.startswith(TEMP_PREFIX) and seen[0].parent == tmp_path
    assert sorted(q.name for q in tmp_path.iterdir()) == ["x.txt"]


def test_failing_writer_leaves_old_file_and_no_temp(tmp_path):
    p = tmp_path / "laporan.html"
    p.write_text("laporan lama")

    def broken(path: Path) -> None:
        path.write_text("setengah")
        raise RuntimeError("rusak")

    with pytest.raises(RuntimeError):
        write_bytes(p, broken)
    assert p.read_text() == "laporan lama"
    assert sorted(q.name for q in tmp_path.iterdir()) == ["laporan.html"]


def test_files_are_replaced_together_or_not_at_all(tmp_path):
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    html.write_text("old html")
    xlsx.mkdir()  # the XLSX target cannot be replaced (a folder stands there)
    with pytest.raises(OutputError) as err:
        write_files({html: "new html", xlsx: b"new xlsx"})
    assert html.read_text() == "old html"  # not replaced: the pair failed
    assert xlsx.is_dir()
    assert "r.xlsx adalah folder" in str(err.value)
    assert sorted(q.name for q in tmp_path.iterdir()) == ["r.html", "r.xlsx"]


def test_second_file_failing_restores_the_first(tmp_path, monkeypatch):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("A0")
    b.write_text("B0")
    real_replace = os.replace
    calls = []

    def flaky(src, dst):
        calls.append((Path(src).name, Path(dst).name))
        # fail when the new b.txt is put into place (after a.txt was placed)
        if Path(dst) == b and TEMP_PREFIX in Path(src).name and "-new-" in Path(src).name:
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(OutputError):
        write_files({a: "A1", b: "B1"})
    monkeypatch.undo()
    assert (a.read_text(), b.read_text()) == ("A0", "B0")
    assert sorted(q.name for q in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_read_only_folder_is_one_indonesian_message(tmp_path, monkeypatch):
    # chmod cannot stop root (CI runs as root), so the OS refusal is simulated where it
    # happens: creating the temporary file in the folder.
    import kopedu.io.write as w

    def refuse(content, tmp, mode):
        raise PermissionError(13, "Permission denied", str(tmp))

    monkeypatch.setattr(w, "_write_temp", refuse)
    with pytest.raises(OutputError) as err:
        write_text(tmp_path / "a.txt", "x")
    assert str(err.value) == (
        f"Tidak bisa menulis {tmp_path / 'a.txt'}: tidak ada izin menulis di {tmp_path}. "
        "Pilih folder lain (mis. --output di folder Anda sendiri) atau minta izin tulis ke "
        "pengelola komputer."
    )


def test_path_through_a_file_is_one_indonesian_message(tmp_path):
    blocker = tmp_path / "bukan_folder"
    blocker.write_text("")
    with pytest.raises(OutputError) as err:
        write_text(blocker / "a.txt", "x")
    message = str(err.value)
    assert message.startswith(f"Tidak bisa menulis {blocker / 'a.txt'}:")
    assert "Errno" not in message and "Not a directory" not in message


def test_leftovers_of_a_killed_writer_are_removed_by_the_next_write(tmp_path):
    # A child process starts writing (its temp file exists) and is killed with SIGKILL,
    # as the OOM killer would: no finally-block runs, the temp file stays.
    script = textwrap.dedent(
        f"""
        import os, signal, sys, time
        from pathlib import Path
        from kopedu.io.write import write_bytes

        def slow(path):
            path.write_bytes(b"")
            print("started", flush=True)
            time.sleep(60)

        write_bytes(Path({str(tmp_path / "r.html")!r}), slow)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "started"
    child.send_signal(signal.SIGKILL)
    child.wait()
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(TEMP_PREFIX)
    write_text(tmp_path / "r.html", "baru")  # the next run
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_temp_files_of_running_writers_are_kept(tmp_path):
    from kopedu.io.write import _temp_name

    mine = _temp_name(tmp_path / "a.html", "new")  # this (running) process
    mine.write_text("")
    assert remove_leftovers(tmp_path) == 0
    assert mine.exists()


def test_a_file_in_the_middle_of_the_path_is_said_in_indonesian(tmp_path):
    # mkdir(parents=True) meets a file where a folder should be (EEXIST on Linux).
    (tmp_path / "laporan").write_text("")
    with pytest.raises(OutputError) as err:
        write_text(tmp_path / "laporan" / "sub" / "a.html", "x")
    message = str(err.value)
    assert "File exists" not in message and "Not a directory" not in message
    assert message.startswith(f"Tidak bisa menulis {tmp_path / 'laporan' / 'sub' / 'a.html'}:")
