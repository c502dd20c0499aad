"""Every file kopedu writes: atomic, normal permissions, replaced together, cleaned up.

A file is first written to a temporary file in the target folder, whose name starts with
:data:`TEMP_PREFIX` and names the writing process, then renamed over the target. So:

- a failed or interrupted write never leaves a half-written file under the target's name,
  and never replaces a previous good file;
- the new file gets the permissions a new file of the user normally gets (``0666`` less
  the umask, typically ``0644``) — or, when it replaces an existing file, that file's mode;
- several files that belong together (a report's HTML, XLSX and JSON) are replaced
  together or not at all (:func:`write_files`): every new file is written first, then each
  old file is moved aside, and only when all of that worked are the new files renamed into
  place; on any failure the old files come back;
- temporary files left behind by a *killed* kopedu process (no ``finally`` ran) are removed
  by the next write into the same folder (:func:`remove_leftovers`): a temporary file whose
  writer process (same machine) no longer runs is a leftover.

Errors from the operating system become one :class:`OutputError` whose message says, in
the user's language, which file and what to do (a missing folder is created; a read-only
folder, a folder where a file should be, a full disk, a file open in Excel).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import socket
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from kopedu.errors import KopeduError

__all__ = [
    "TEMP_PREFIX",
    "OutputError",
    "new_file_mode",
    "remove_leftovers",
    "write_bytes",
    "write_files",
    "write_text",
]

#: Start of every temporary file kopedu writes next to a target.
TEMP_PREFIX = ".kopedu-tmp-"

#: What :func:`write_files` accepts for one file: its bytes, its text (UTF-8), or a function
#: that writes the file at the path it is given (for writers such as openpyxl).
Content = bytes | str | Callable[[Path], None]

_HOST = socket.gethostname().replace("-", "_")[:40] or "host"


class OutputError(KopeduError, OSError):
    """A file kopedu was asked to write could not be written (message in Indonesian)."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def new_file_mode(path: str | Path | None = None) -> int:
    """The mode a file written at ``path`` gets.

    The existing file's mode when ``path`` exists (a trainer who made a report readable
    to everyone keeps it that way), else what a new file normally gets: ``0o666`` less the
    umask (``0o644`` with the usual umask ``022``).

    Examples
    --------
    >>> import os
    >>> old = os.umask(0o022)
    >>> oct(new_file_mode())
    '0o644'
    >>> _ = os.umask(old)
    """
    if path is not None:
        with contextlib.suppress(OSError):
            return Path(path).stat().st_mode & 0o7777
    return 0o666 & ~_umask()


def _reason(exc: OSError, path: Path) -> str:
    """Why ``path`` could not be written, and what to do, in Indonesian."""
    code = exc.errno
    if getattr(exc, "winerror", None) in (32, 33):  # sharing/lock violation on Windows
        code = errno.EBUSY
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"tidak ada izin menulis di {path.parent}. Pilih folder lain (mis. --output "
            "di folder Anda sendiri) atau minta izin tulis ke pengelola komputer."
        )
    if code == errno.EROFS:
        return f"{path.parent} hanya bisa dibaca (read-only). Pilih folder lain."
    if code == errno.EISDIR:
        return f"{path} adalah folder, bukan file. Pilih nama file lain atau hapus folder itu."
    if code == errno.ENOTDIR:
        return f"sebagian jalur {path.parent} adalah file, bukan folder. Pilih folder lain."
    if code == errno.ENOSPC:
        return "disk penuh. Kosongkan sebagian ruang disk lalu jalankan lagi."
    if code in (errno.EBUSY, errno.ETXTBSY):
        return (
            f"{path.name} sedang dibuka program lain (mis. Excel). Tutup file itu lalu "
            "jalankan lagi."
        )
    if code == errno.ENAMETOOLONG:
        return "nama file atau foldernya terlalu panjang. Pakai nama yang lebih pendek."
    if code == errno.EEXIST:
        return (
            f"sebagian jalur {path.parent} sudah ada sebagai file, bukan folder. Pilih folder lain."
        )
    # Never the operating system's own (English) words: its error number says enough.
    return (
        f"sistem operasi menolak (galat {code or '?'}). Periksa folder {path.parent} dan "
        "coba lagi, atau pilih folder lain."
    )


def _error(exc: OSError, path: Path) -> OutputError:
    return OutputError(f"Tidak bisa menulis {path}: {_reason(exc, path)}")


def _temp_name(target: Path, role: str) -> Path:
    token = secrets.token_hex(4)
    return target.with_name(f"{TEMP_PREFIX}{_HOST}-{os.getpid()}-{token}-{role}-{target.name}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # somebody else's live process
        return True
    except OSError:
        return True
    return True


def remove_leftovers(folder: str | Path) -> int:
    """Remove temporary files that killed kopedu processes left in ``folder``.

    Only files named by this machine's kopedu writers are touched, and only when the
    process that wrote them no longer runs; files of running writers (another batch
    worker) and of other machines (a shared folder) are left alone.

    Returns
    -------
    int
        How many files were removed.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / f"{TEMP_PREFIX}{_HOST}-999999999-ab12cd34-new-a.html").write_text("x")
    >>> remove_leftovers(d), sorted(p.name for p in d.iterdir())
    (1, [])
    """
    folder = Path(folder)
    removed = 0
    try:
        entries = list(folder.glob(f"{TEMP_PREFIX}{_HOST}-*"))
    except OSError:
        return 0
    for entry in entries:
        parts = entry.name[len(TEMP_PREFIX) + len(_HOST) + 1 :].split("-", 1)
        if not parts[0].isdigit() or _pid_alive(int(parts[0])):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed += 1
    return removed


def _write_temp(content: Content, tmp: Path, mode: int) -> None:
    if callable(content):
        content(tmp)
    else:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(tmp, "xb") as fh:
            fh.write(data)
    os.chmod(tmp, mode)


@contextlib.contextmanager
def _cleanup(paths: list[Path]) -> Iterator[None]:
    try:
        yield
    finally:
        for p in paths:
            with contextlib.suppress(OSError):
                p.unlink()


def write_files(files: Mapping[str | Path, Content]) -> list[Path]:
    """Write several files so that they are replaced together or not at all.

    Parameters
    ----------
    files : mapping of path to content
        Each target and its content: ``bytes``, ``str`` (written as UTF-8) or a function
        that writes the file at the (temporary) path it receives.

    Returns
    -------
    list of Path
        The targets, in the order given.

    Raises
    ------
    OutputError
        A file could not be written, or an old file could not be replaced (for example
        because it is open in Excel on Windows); every old file is then as it was, and no
        temporary file is left behind.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_files({d / "a.html": "<p>1</p>", d / "a.json": b"{}"})]
    ['a.html', 'a.json']
    >>> (d / "a.html").read_text()
    '<p>1</p>'
    """
    targets = [Path(p) for p in files]
    contents = list(files.values())
    staged: list[Path] = []
    aside: list[tuple[Path, Path]] = []  # (old file moved aside, its target)
    with _cleanup(staged):
        # 1. every new file, complete, next to its target
        for target, content in zip(targets, contents, strict=True):
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                remove_leftovers(target.parent)
                tmp = _temp_name(target, "new")
                staged.append(tmp)
                _write_temp(content, tmp, new_file_mode(target))
            except OSError as exc:
                raise _error(exc, target) from None
        # 2. move the old files aside (fails here, not halfway, if one is locked or a folder)
        try:
            for target in targets:
                if target.is_dir():
                    raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
                if target.exists():
                    old = _temp_name(target, "old")
                    os.replace(target, old)
                    aside.append((old, target))
        except OSError as exc:
            _restore(aside)
            raise _error(exc, target) from None
        # 3. the new files into place
        placed: list[Path] = []
        try:
            for tmp, target in zip(staged, targets, strict=True):
                os.replace(tmp, target)
                placed.append(target)
        except OSError as exc:
            for p in placed:
                with contextlib.suppress(OSError):
                    p.unlink()
            _restore(aside)
            raise _error(exc, target) from None
        for old, _ in aside:
            with contextlib.suppress(OSError):
                old.unlink()
    return targets


def _restore(aside: list[tuple[Path, Path]]) -> None:
    for old, target in reversed(aside):
        with contextlib.suppress(OSError):
            os.replace(old, target)


def write_bytes(path: str | Path, data: bytes | Callable[[Path], None]) -> Path:
    r"""Write one file atomically (see the module docstring).

    Examples
    --------
    >>> import tempfile
    >>> p = write_bytes(Path(tempfile.mkdtemp()) / "sub" / "x.bin", b"\x00\x01")
    >>> p.read_bytes()
    b'\x00\x01'
    """
    return write_files({path: data})[0]


def write_text(path: str | Path, text: str) -> Path:
    """Write one UTF-8 text file atomically (see the module docstring).

    Examples
    --------
    >>> import tempfile
    >>> write_text(Path(tempfile.mkdtemp()) / "a.txt", "Seimbang.").read_text()
    'Seimbang.'
    """
    return write_files({path: text})[0]
