"""Column headers as people write them, mapped to kopedu's column names — kept as data.

``kopedu/io/headers.csv`` has one row per spelling: ``tabel`` (``jurnal``, ``bagan``,
``koperasi``, ``rat``, ``keuangan``), ``kolom`` (kopedu's name), ``judul`` (the header as
written) and ``sumber`` (where that spelling was seen: the template, the ODS profile
form's export names or screen labels, a textbook journal on a blog, app exports).
Adding a spelling is adding a row; no code changes.

Headers are compared after :func:`normalize_header`: lower case, camelCase split
(``tglRAT_terakhir`` → ``tgl rat terakhir``), punctuation and underscores as spaces, and
a trailing currency word dropped (``Debet (Rp)`` → ``debet``). The column ``_nomor_baris``
marks headers of row-number columns (``id``, ``No.``), which are never used as an
identifier.
"""

from __future__ import annotations

import csv
import difflib
import re
from functools import cache
from importlib import resources

__all__ = ["ROW_NUMBER", "aliases", "canonical", "closest", "normalize_header", "table_names"]

#: Pseudo-column of row-number headers (``id``, ``No.``, ``No urut``).
ROW_NUMBER = "_nomor_baris"

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_PUNCT = re.compile(r"[^\w]+|_")
_CURRENCY = re.compile(r"(?: rp| idr| rupiah)$")


def normalize_header(text: object) -> str:
    """Reduce a header cell to the form used for matching.

    Examples
    --------
    >>> normalize_header("  No. Badan Hukum ")
    'no badan hukum'
    >>> normalize_header("tglRAT_terakhir")
    'tgl rat terakhir'
    >>> normalize_header("NAMA_KOPERASI")
    'nama koperasi'
    >>> normalize_header("Debet (Rp)")
    'debet'
    """
    s = _CAMEL.sub(" ", str(text))
    s = " ".join(_PUNCT.sub(" ", s.lower()).split())
    return _CURRENCY.sub("", s) if s not in ("rp", "idr", "rupiah") else s


@cache
def _table() -> dict[str, dict[str, str]]:
    raw = resources.files(__package__).joinpath("headers.csv").read_text(encoding="utf-8")
    out: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(raw.splitlines()):
        table = out.setdefault(row["tabel"], {})
        key = normalize_header(row["judul"])
        if table.get(key, row["kolom"]) != row["kolom"]:  # pragma: no cover - tested
            raise LookupError(f"headers.csv: {row['judul']!r} berarti dua kolom di {row['tabel']}")
        table[key] = row["kolom"]
    return out


def table_names() -> tuple[str, ...]:
    """The tables ``headers.csv`` knows (``jurnal``, ``bagan``, ``koperasi`` …)."""
    return tuple(_table())


def aliases(table: str) -> dict[str, str]:
    """Normalised header → column name, for one table (a copy).

    Examples
    --------
    >>> aliases("jurnal")["debet"]
    'debit'
    """
    return dict(_table()[table])


def canonical(table: str, header: object) -> str | None:
    """The column name kopedu uses for ``header`` in ``table``, or None when unknown.

    Examples
    --------
    >>> canonical("jurnal", "Nama Perkiraan")
    'nama_akun'
    >>> canonical("koperasi", "tglRAT_terakhir")
    'tanggal_rat_terakhir'
    >>> canonical("koperasi", "warna favorit") is None
    True
    """
    if header is None:
        return None
    return _table()[table].get(normalize_header(header))


def closest(table: str, header: object, n: int = 2) -> list[str]:
    """The column names whose spellings are closest to ``header`` (for "did you mean").

    Examples
    --------
    >>> closest("jurnal", "Tangal")
    ['tanggal']
    """
    known = _table()[table]
    hits = difflib.get_close_matches(normalize_header(header), list(known), n=8, cutoff=0.75)
    out: list[str] = []
    for h in hits:
        if known[h] not in out and known[h] != ROW_NUMBER:
            out.append(known[h])
    return out[:n]
