"""What a file really is, before anything tries to read it.

People bring files whose name does not say what is inside: an ``.xls`` that is a web
page, a ``.csv`` that is an Excel workbook, a password-protected workbook, a PDF, a file
of zero bytes. :func:`inspect_file` looks at the first bytes (not the name) and either
returns a :class:`FileInfo` — a workbook, or text with its encoding and delimiter — or
raises one :class:`~kopedu.errors.DataValidationError` whose problem names the kind of
file found and how to turn it into one kopedu reads.

Text is decoded as UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when
the bytes show it) or Windows-1252 (what Excel writes for "CSV" on many Indonesian
Windows computers); the delimiter is the one of ``,`` ``;`` tab ``|`` that splits the
first lines into the most consistent number of cells. Both choices are said in
:attr:`FileInfo.notes`.
"""

from __future__ import annotations

import codecs
import csv
import errno
import os
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kopedu.errors import DataValidationError, Phrase, Problem

__all__ = ["SAMPLE_BYTES", "FileInfo", "decode", "file_note", "file_problem", "inspect_file"]

#: Bytes read to decide what a file is.
SAMPLE_BYTES = 1 << 16

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ZIP_EMPTY = b"PK\x05\x06"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_ENCODING_NAMES = {
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (LE)",
    "utf-16-be": "UTF-16 (BE)",
    "cp1252": "Windows-1252",
}


@dataclass(frozen=True, slots=True)
class FileInfo:
    """What :func:`inspect_file` found.

    Attributes
    ----------
    path : Path
        The file.
    name : str
        Its name as shown in messages.
    kind : str
        ``"xlsx"`` (an Excel workbook, whatever its name says) or ``"text"``.
    encoding : str or None
        For text: ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"utf-16-le"``,
        ``"utf-16-be"`` or ``"cp1252"``.
    delimiter : str or None
        For text: the cell delimiter, or None when no line has more than one cell.
    notes : tuple of Problem
        What was decided on the user's behalf (encoding, delimiter, a name that did
        not match the content), to be shown as notes.
    """

    path: Path
    name: str
    kind: str
    encoding: str | None = None
    delimiter: str | None = None
    notes: tuple[Problem, ...] = ()


def file_problem(name: str, key: str, **values: Any) -> Problem:
    """A problem about a whole file, from the ``io`` catalogue (``file.<key>`` and its fix).

    Examples
    --------
    >>> file_problem("x.csv", "empty").code
    'file.empty'
    """
    return Problem.from_catalogue(f"file.{key}", name, **values)


def file_note(name: str, key: str, **values: Any) -> Problem:
    """A note about how a file was read (``note.<key>`` in the ``io`` catalogue).

    Examples
    --------
    >>> file_note("x.csv", "delimiter", delimiter=";").code
    'note.delimiter'
    """
    return Problem.from_catalogue(f"note.{key}", name, **values)


def _refuse(name: str, key: str, **values: object) -> DataValidationError:
    return DataValidationError(name, [file_problem(name, key, **values)])


def _read_sample(path: Path, name: str) -> tuple[bytes, int]:
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            return f.read(SAMPLE_BYTES), size
    except FileNotFoundError:
        raise _refuse(name, "missing", path=str(path)) from None
    except IsADirectoryError:
        raise _refuse(name, "folder", path=str(path)) from None
    except PermissionError:
        raise _refuse(name, "no_permission", path=str(path)) from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:  # pragma: no cover - Windows says EACCES instead
            raise _refuse(name, "folder", path=str(path)) from None
        raise _refuse(
            name, "os_error", path=str(path), reason=os.strerror(exc.errno or 0)
        ) from None


def _zip_kind(path: Path, name: str) -> str:
    """``"xlsx"``, or a refusal naming what kind of zip file it is."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                mime = zf.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mime:
                    raise _refuse(name, "ods")
                raise _refuse(name, "odf")
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                if "xl/workbook.bin" in names:
                    raise _refuse(name, "xlsb")
                return "xlsx"
            if "word/document.xml" in names:
                raise _refuse(name, "docx")
            if "[Content_Types].xml" in names:
                raise _refuse(name, "corrupt")
    except DataValidationError:
        raise
    except zipfile.BadZipFile:
        raise _refuse(name, "corrupt") from None
    except (OSError, KeyError, ValueError, EOFError):
        raise _refuse(name, "corrupt") from None
    raise _refuse(name, "zip")


def _looks_utf16(sample: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for BOM-less UTF-16 text (mostly ASCII), else None."""
    head = sample[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _encoding(sample: bytes, complete: bool) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    guess = _looks_utf16(sample)
    if guess:
        return guess
    try:  # an incomplete character at the end of the sample is not an error
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def decode(data: bytes, encoding: str) -> str:
    """Bytes as text in ``encoding``; Windows-1252's five undefined bytes as Latin-1.

    Examples
    --------
    >>> decode("Rp 1.000".encode("cp1252"), "cp1252")
    'Rp 1.000'
    """
    if encoding == "cp1252":
        return (
            data.decode("cp1252", errors="strict") if _cp1252_ok(data) else data.decode("latin-1")
        )
    return data.decode(encoding)


def _cp1252_ok(data: bytes) -> bool:
    return not any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def _html_kind(text: str) -> str | None:
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html", "<table", "<head", "<body", "<meta")):
        return "html"
    if head.startswith("<?xml"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in text[:4000].lower():
            return "xml_spreadsheet"
        return "xml"
    return None


def _delimiter(lines: list[str]) -> str | None:
    """The delimiter that gives the most lines the same number (> 1) of cells."""
    best: tuple[int, int, str | None] = (0, 0, None)
    for d in _DELIMITERS:
        widths = []
        for line in lines:
            try:
                cells = next(csv.reader([line], delimiter=d))
            except (csv.Error, StopIteration):
                continue
            if len(cells) > 1:
                widths.append(len(cells))
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if (count, width) > best[:2]:
            best = (count, width, d)
    return best[2]


def inspect_file(path: str | os.PathLike[str], *, name: str | None = None) -> FileInfo:
    r"""Find out what ``path`` holds; refuse with a specific message what kopedu cannot read.

    Parameters
    ----------
    path : str or Path
        The file a person gave.
    name : str, optional
        Name shown in messages (default: the file name).

    Returns
    -------
    FileInfo

    Raises
    ------
    DataValidationError
        A missing file, a folder, an empty file, a password-protected, old (``.xls``),
        OpenDocument (``.ods``), binary-Excel (``.xlsb``), corrupt or Word file, a PDF,
        a web page or XML saved under a spreadsheet's name — each with its own message
        and fix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jurnal.csv"
    >>> _ = p.write_text("tanggal;bukti;akun\n2024-01-02;B1;Kas\n", encoding="utf-8")
    >>> info = inspect_file(p)
    >>> info.kind, info.encoding, info.delimiter
    ('text', 'utf-8', ';')
    """
    path = Path(path)
    name = name or path.name
    sample, size = _read_sample(path, name)
    if size == 0:
        raise _refuse(name, "empty")
    if sample.startswith((_ZIP, _ZIP_EMPTY)):
        kind = _zip_kind(path, name)
        notes = []
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            notes.append(file_note(name, "named_not_xlsx", suffix=path.suffix or "-"))
        return FileInfo(path, name, kind, notes=tuple(notes))
    if sample.startswith(_OLE2):
        if _ENCRYPTED in sample or _contains(path, size, _ENCRYPTED):
            raise _refuse(name, "encrypted")
        if "WordDocument".encode("utf-16-le") in sample:
            raise _refuse(name, "doc")
        raise _refuse(name, "xls")
    if sample.startswith(b"%PDF"):
        raise _refuse(name, "pdf")
    encoding = _encoding(sample, complete=size <= SAMPLE_BYTES)
    try:
        text = (
            decode(sample, encoding) if size <= SAMPLE_BYTES else _decode_prefix(sample, encoding)
        )
    except UnicodeDecodeError:
        raise _refuse(name, "binary") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise _refuse(name, "binary")
    markup = _html_kind(text)
    if markup:
        raise _refuse(name, markup)
    if not text.strip():
        raise _refuse(name, "empty")
    if path.suffix.lower() in (".xlsx", ".xlsm"):  # a workbook's name, text inside
        raise _refuse(name, "corrupt")
    lines = [ln for ln in text.splitlines()[:60] if ln.strip()]
    if size > SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the sample may end in the middle of a line
    delimiter = _delimiter(lines)
    notes = []
    if path.suffix.lower() == ".xls":  # an app's "Excel" export that is really text
        notes.append(file_note(name, "named_text", suffix=path.suffix))
    if encoding not in ("utf-8", "utf-8-sig"):
        notes.append(file_note(name, "encoding", encoding=_ENCODING_NAMES[encoding]))
    if delimiter is not None and delimiter != ",":
        what = Phrase(f"delimiter.{_DELIMITER_NAMES[delimiter]}")
        notes.append(file_note(name, "delimiter", delimiter=what))
    return FileInfo(path, name, "text", encoding, delimiter, tuple(notes))


def _contains(path: Path, size: int, needle: bytes) -> bool:
    """Whether a compound (OLE2) file holds ``needle`` anywhere.

    Its directory may sit in any sector. Files over 64 MiB are not searched (no protected
    workbook is that big and still opened by people).
    """
    if size <= SAMPLE_BYTES or size > 64 * 2**20:
        return False
    data = path.read_bytes()
    return needle in data


def _decode_prefix(sample: bytes, encoding: str) -> str:
    if encoding == "cp1252":
        return decode(sample, encoding)
    return codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
