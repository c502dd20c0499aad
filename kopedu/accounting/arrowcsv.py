"""The fast lane for clean journal CSVs: pyarrow's multi-threaded parser, typed columns.

A million-transaction journal goes through here in the benchmark, so this lane keeps to
vectorised steps and compact memory: dates, accounts and members dictionary-encoded
(each distinct text stored and parsed once), vouchers and descriptions as Arrow strings
(no Python object per cell), amounts as int64.

It takes only files it can read *exactly*, and hands every other file back to the
careful reader (:mod:`kopedu.io`), which finds and reports what is wrong:

* every line is one row — a stray quote can never swallow rows. A file without any
  quote character (one memchr) is parsed without quote handling. A file with quotes is
  parsed with them only when every line holds an even number of quotes, so that no
  quoted cell can run over a line end (an app that quotes its text cells); a line with
  an odd number — a stray or unclosed quote — sends the file to the careful reader,
  which names its row, and so does a quote left in a date, voucher or account once the
  quoting is taken off (a description may hold a quote, written doubled in the file);
* the header must be the first line and hold only journal columns the lane knows;
* UTF-8 only (the careful reader decodes the rest);
* any parse error (a row with too many cells …) goes to the careful reader, which names
  the row.

Amounts written the Indonesian way (``1.250.000``) are read again as text and parsed by
the reader; that stays in this lane.
"""

from __future__ import annotations

import contextlib
import ctypes
import mmap
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from kopedu.accounting.journal import TEXT
from kopedu.io.delimited import EXCEL_CELL_LIMIT

__all__ = ["BIG_JOURNAL", "FAST_COLUMNS", "give_back_memory", "read_clean_csv"]

#: Journal columns this lane reads (kopedu's names).
FAST_COLUMNS = ("tanggal", "bukti", "akun", "debit", "kredit", "keterangan", "anggota")
_BALANCES = ("tanggal", "bukti", "akun", "debit", "kredit")

_DICTIONARY = pa.dictionary(pa.int32(), pa.string())

#: The CSV is parsed into the C library's heap (pyarrow's system pool) rather than
#: mimalloc, so that what the parser frees can be handed back by ``malloc_trim``.
_POOL = pa.system_memory_pool()
_BIG_FILE = 32 * 2**20  # bytes; below this, giving memory back is not worth a call
#: Journals with more lines than this give memory back after reading.
BIG_JOURNAL = 500_000
_QUOTE = 0x22


class _NotClean(Exception):
    """The file is not for this lane."""


def give_back_memory() -> None:
    """Return the parser's freed memory to the operating system.

    After a big read most of the heap is free (parse buffers, columns already
    converted); glibc keeps it unless asked, and the process would look — and stay —
    twice as big as its data. ``malloc_trim`` is what dask does for its workers; on
    other C libraries this is a no-op.
    """
    pa.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def read_clean_csv(
    path: Path, delimiter: str, columns: dict[str, str], *, details: bool = True
) -> dict[str, pd.Series] | None:
    """The journal columns of a clean CSV, or None when the file needs the careful reader.

    Parameters
    ----------
    path : Path
        A UTF-8 CSV whose first line is the header.
    delimiter : str
        ``,`` ``;`` or tab.
    columns : dict
        Header as written → kopedu's column (only :data:`FAST_COLUMNS`).
    details : bool
        Read ``keterangan`` and ``anggota`` too.

    Returns
    -------
    dict or None
        Dates, accounts and members as categoricals, vouchers and descriptions as
        trimmed :data:`~kopedu.accounting.journal.TEXT`, amounts as int64 (blank = 0)
        or, when some are written the Indonesian way, as text.
    """
    names = FAST_COLUMNS if details else _BALANCES
    wanted = {h: k for h, k in columns.items() if k in names}
    quoted = _has_quote(path)
    if quoted and not _quotes_paired_per_line(path):
        return None
    try:
        # The table is handed straight to _columns, which frees each Arrow column as soon
        # as it is converted: no other reference may keep it alive.
        table = _read(path, delimiter, wanted, quoted=quoted)
        return _columns(path, table, wanted, quoted=quoted)
    except (pa.ArrowInvalid, _NotClean):
        return None


def _has_quote(path: Path) -> bool:
    """Whether the file holds a quote character anywhere.

    One memchr over the file; the pages are mapped in one go where the system can (20 ms
    for a 108 MiB journal).
    """
    with path.open("rb") as f:
        if path.stat().st_size == 0:
            return False
        populate = getattr(mmap, "MAP_POPULATE", 0)
        if populate and hasattr(mmap, "MAP_SHARED"):
            flags = mmap.MAP_SHARED | populate
            m = mmap.mmap(f.fileno(), 0, flags=flags, prot=mmap.PROT_READ)
        else:  # Windows, macOS
            m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        with m:
            return m.find(b'"') != -1


def _quotes_paired_per_line(path: Path, block: int = 1 << 24) -> bool:
    """Whether every line holds an even number of quote characters.

    Then no quoted cell runs over a line end. The file is read in blocks so that memory
    stays flat.
    """
    data = np.memmap(path, dtype=np.uint8, mode="r")
    carry = 0  # quotes so far on the line that runs into the next block
    for lo in range(0, len(data), block):
        part = data[lo : lo + block]
        quotes = np.flatnonzero(part == _QUOTE)
        ends = np.flatnonzero((part == 0x0A) | (part == 0x0D))
        if len(ends) == 0:
            carry += len(quotes)
            continue
        per_line = np.diff(np.searchsorted(quotes, ends), prepend=0)
        per_line[0] += carry
        if (per_line & 1).any():
            return False
        carry = len(quotes) - int(np.searchsorted(quotes, ends[-1]))
    return carry % 2 == 0


def _read(path: Path, delimiter: str, wanted: dict[str, str], *, quoted: bool) -> pa.Table | None:
    """The Arrow table; None for a header without a line end.

    Amounts are int64, or text when written the Indonesian way.
    """
    try:
        return _arrow_read(path, delimiter, wanted, amounts=pa.int64(), quoted=quoted)
    except pa.ArrowInvalid as exc:
        if "Empty CSV file" in str(exc):
            return None
        if "conversion error to int64" not in str(exc):
            raise
    # amounts written as 1.250.000 or Rp 50.000: read them as text
    return _arrow_read(path, delimiter, wanted, amounts=pa.string(), quoted=quoted)


def _columns(
    path: Path, table: pa.Table | None, wanted: dict[str, str], *, quoted: bool
) -> dict[str, pd.Series]:
    if table is None:  # a header without a line end: no rows
        return {k: pd.Series([], dtype=TEXT) for k in wanted.values()}
    big = path.stat().st_size > _BIG_FILE
    if big:
        give_back_memory()
    n = table.num_rows
    cols: dict[str, pd.Series] = {}
    for h, k in wanted.items():
        chunks = table.column(h).chunks
        table = table.drop_columns([h])  # from here the chunks list holds the data
        if pa.types.is_dictionary(chunks[0].type if chunks else pa.null()):
            if any(_unclean(c.dictionary, quoted and k in _BALANCES) for c in chunks):
                raise _NotClean
            cols[k] = _strip_categories(_categorical(chunks, n))
        elif chunks and pa.types.is_integer(chunks[0].type):
            cols[k] = pd.Series(_integers(chunks, n), copy=False)
        else:
            if any(_unclean(c, quoted and k in _BALANCES) for c in chunks):
                raise _NotClean
            text = pa.chunked_array(chunks) if chunks else pa.chunked_array([], pa.large_string())
            cols[k] = pd.Series(pd.array(_trimmed(text), dtype=TEXT))
        del chunks
    if big:
        give_back_memory()
    return cols


def _strip_categories(col: pd.Series) -> pd.Series:
    """A categorical column with surrounding spaces removed from its categories."""
    cats = col.cat.categories
    stripped = cats.astype(str).str.strip()
    if stripped.equals(cats):
        return col
    uniq = pd.Index(pd.unique(stripped.to_numpy()))
    remap = uniq.get_indexer(stripped)
    codes = col.array.codes
    new = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1)
    return pd.Series(pd.Categorical.from_codes(new, uniq), index=col.index)


def _categorical(chunks: list[pa.DictionaryArray], n: int) -> pd.Series:
    """One categorical from dictionary chunks, each with its own small dictionary.

    The chunks hold dates or accounts; their codes are mapped chunk by chunk into one array.
    """
    categories: dict[str, int] = {}
    codes = np.empty(n, dtype="int32")
    pos = 0
    while chunks:
        chunk = chunks.pop(0)  # freed as soon as it is copied
        lut = np.array(
            [categories.setdefault(v, len(categories)) for v in chunk.dictionary.to_pylist()],
            dtype="int32",
        )
        part = codes[pos : pos + len(chunk)]
        if chunk.null_count:  # not produced by the reader's options, but be safe
            valid = chunk.is_valid().to_numpy(zero_copy_only=False)
            part[:] = -1
            part[valid] = lut[chunk.indices.drop_null().to_numpy()]
        elif len(chunk):
            part[:] = lut[chunk.indices.to_numpy()]
        pos += len(chunk)
    m = len(categories)
    small = codes.astype("int8" if m < 2**7 else "int16" if m < 2**15 else "int32")
    return pd.Series(pd.Categorical.from_codes(small, pd.Index(list(categories), dtype=TEXT)))


def _integers(chunks: list[pa.Array], n: int) -> np.ndarray:
    """One int64 array from Arrow chunks; blank cells (null) are 0."""
    out = np.empty(n, dtype="int64")
    pos = 0
    while chunks:
        chunk = chunks.pop(0)
        out[pos : pos + len(chunk)] = chunk.fill_null(0).to_numpy() if chunk.null_count else chunk
        pos += len(chunk)
    return out


def _trimmed(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Text without surrounding whitespace (spaces, tabs, no-break spaces …).

    Trimming copies the column, so it is done only when some cell may need it: a
    byte-level look at each cell's first and last byte, conservative for every
    Unicode space (a false alarm only costs the trim).
    """
    if any(_may_have_outer_space(chunk) for chunk in col.chunks):
        return pc.utf8_trim_whitespace(col)
    return col


# First bytes that start a whitespace character in UTF-8 (ASCII spaces, U+0085/U+00A0
# via 0xC2, U+1680 via 0xE1, U+2000-U+205F via 0xE2, U+3000 via 0xE3), and last bytes
# that can end one.
_FIRST = np.zeros(256, dtype=bool)
_FIRST[[0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x1C, 0x1D, 0x1E, 0x1F, 0xC2, 0xE1, 0xE2, 0xE3]] = True
_LAST = np.zeros(256, dtype=bool)
_LAST[[0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0xA0, 0x80]] = True
_LAST[0x80:0xB0] = True  # continuation bytes ending U+1680, U+2000-U+202F, U+205F


_BLOCK = 1 << 16  # cells looked at per step: temporaries stay small


def _edge_bytes(chunk: pa.Array) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """First and last byte of each non-empty cell, a block of cells at a time."""
    if len(chunk) == 0:
        return
    _, offsets_buf, data_buf = chunk.buffers()
    if data_buf is None:
        return
    width = "int64" if pa.types.is_large_string(chunk.type) else "int32"
    offsets = np.frombuffer(offsets_buf, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8)
    for lo in range(0, len(offsets) - 1, _BLOCK):
        part = offsets[lo : lo + _BLOCK + 1]
        filled = part[1:] > part[:-1]
        yield data[part[:-1][filled]], data[part[1:][filled] - 1]


def _may_have_outer_space(chunk: pa.Array) -> bool:
    return any(_FIRST[first].any() or _LAST[last].any() for first, last in _edge_bytes(chunk))


def _too_long(chunk: pa.Array) -> bool:
    """Whether a cell is longer than a spreadsheet cell can be (the careful reader names it)."""
    if len(chunk) == 0:
        return False
    longest = pc.max(pc.binary_length(chunk)).as_py()
    return longest is not None and longest > EXCEL_CELL_LIMIT


def _unclean(chunk: pa.Array, no_quotes: bool) -> bool:
    """Whether ``chunk`` holds a cell the careful reader must see.

    Such a cell is longer than a spreadsheet cell, or (``no_quotes``: a date, voucher or
    account of a file read with quotes) holds a quote once the quoting is taken off —
    quoting this lane cannot vouch for.
    """
    if _too_long(chunk):
        return True
    return no_quotes and len(chunk) > 0 and bool(pc.any(pc.match_substring(chunk, '"')).as_py())


def _arrow_read(
    path: Path, delimiter: str, wanted: dict, *, amounts: pa.DataType, quoted: bool
) -> pa.Table:
    types = {
        "tanggal": _DICTIONARY,
        "akun": _DICTIONARY,
        "anggota": _DICTIONARY,
        # large_string is what pandas' Arrow str holds: no conversion afterwards
        "bukti": pa.large_string(),
        "keterangan": pa.large_string(),
        "debit": amounts,
        "kredit": amounts,
    }
    return pacsv.read_csv(
        path,
        memory_pool=_POOL,
        # 512 KiB blocks: as fast as the default 1 MiB, less memory in flight
        read_options=pacsv.ReadOptions(block_size=1 << 19),
        # every line is one row: quotes are handled only when each line pairs them
        # (_quotes_paired_per_line), so no cell runs over a line end; blank lines are kept
        # as empty rows (dropped later) so rows keep their numbers
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter,
            quote_char='"' if quoted else False,
            double_quote=True,
            newlines_in_values=False,
            ignore_empty_lines=False,
        ),
        convert_options=pacsv.ConvertOptions(
            include_columns=list(wanted),
            column_types={h: types[k] for h, k in wanted.items()},
            null_values=[""],  # blank amounts; blank text stays ""
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
