"""The words of a text, for the tests that check an English output has no Indonesian word."""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}")


def words(text: str) -> set[str]:
    """Lower-case words of three letters or more; file names and other identifiers
    (``koperasi_sintetis.csv``, ``kopedu.reports``) are names, not words, and are left out,
    and so are ``{placeholders}`` (and argparse's ``{choice,choice}``).

    Examples
    --------
    >>> sorted(words("Berkas {path}: 3 baris dari data_koperasi.csv"))
    ['baris', 'berkas', 'dari']
    """
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\S*\w[_.]\w\S*", " ", text)
    return {w.lower() for w in WORD.findall(text)}
