"""Text catalogues (YAML, one per audience-facing component), Bahasa Indonesia first.

Each ``kopedu/texts/<name>.yaml`` holds ``id:`` (Bahasa Indonesia) and ``en:`` (English)
maps of ``key: template`` (``str.format`` placeholders). :func:`text` formats one entry
in a language the caller names (a report renders in the language it was asked for);
:func:`say` formats it in the user's language, :func:`language` — what the ``kopedu``
command and the file readers use for every line a person reads.

This package imports nothing from kopedu, so any module (even :mod:`kopedu.errors`) can
use it.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["LANGUAGES", "catalog", "language", "say", "text"]

#: Languages every catalogue has.
LANGUAGES: tuple[str, ...] = ("id", "en")


@cache
def catalog(name: str) -> dict[str, dict[str, str]]:
    """Load ``kopedu/texts/<name>.yaml`` as ``{language: {key: template}}``."""
    import yaml

    raw = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    # libyaml's safe loader when PyYAML has it: every command reads a catalogue first
    # (the io catalogue takes 20 ms in pure Python, 2 ms here)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, dict[str, str]] = yaml.load(raw, Loader=loader)
    missing = set(data["id"]) - set(data.get("en", {}))
    if missing:  # pragma: no cover - guarded by tests/test_texts.py
        raise LookupError(f"Katalog {name}: kunci tanpa terjemahan Inggris: {sorted(missing)}")
    return data


def text(name: str, key: str, language: str = "id", /, **values: object) -> str:
    """One text from a catalogue, formatted.

    Examples
    --------
    >>> text("report", "params_year", "en")
    'Year'
    """
    return catalog(name)[language][key].format(**values)


def language() -> str:
    """The user's language: ``KOPEDU_LANG`` (``id`` or ``en``), else Bahasa Indonesia.

    An unknown value (``KOPEDU_LANG=fr``) falls back to Bahasa Indonesia.

    Examples
    --------
    >>> language() in LANGUAGES
    True
    """
    value = os.environ.get("KOPEDU_LANG", "").strip().lower()[:2]
    return value if value in LANGUAGES else "id"


def say(name: str, key: str, /, **values: Any) -> str:
    """One text from a catalogue in the user's :func:`language`, formatted.

    Examples
    --------
    >>> say("io", "where_row", row=12)
    'baris 12'
    """
    return text(name, key, language(), **values)
