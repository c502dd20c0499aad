"""Message catalogues for exercises: Bahasa Indonesia by default, English on request.

Every text a trainee sees (outcomes, mistakes, hints, widget labels) lives in a
gettext catalogue, never in Python code. Catalogues are ordinary ``.po`` files read
with Babel, one *domain* per module that owns messages:

``kopedu/exercises/locale/<lang>/LC_MESSAGES/<domain>.po``

* domain ``core`` — the framework's own messages (keys ``core.*``, ``outcome.*``, …);
* domain ``lesson01``, ``lesson02``, … — one per lesson module (keys ``soal1.title``,
  ``soal1.hint1``, ``soal1.<mistake>``, …).

Message ids are stable *keys* (``"soal2.denominator_total"``), and the message string
is the text, with ``{name}``-style placeholders filled by :func:`render`. A key that is
missing from the English catalogue falls back to Indonesian, and a key missing
everywhere renders as the key itself (a test keeps both catalogues complete).

The language is chosen per session with :func:`set_language`, or for every session
with the environment variable ``KOPEDU_LANG`` (``id`` or ``en``).
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from kopedu.errors import KopeduError

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "catalogue",
    "get_language",
    "placeholders",
    "render",
    "set_language",
]

LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANGUAGE = "id"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_session_language: str | None = None


def _check_language(lang: str) -> str:
    code = lang.strip().lower().replace("-", "_").split("_")[0]
    if code not in LANGUAGES:
        raise KopeduError(
            f"Bahasa {lang!r} tidak tersedia untuk latihan. Pilihan: {', '.join(LANGUAGES)}."
        )
    return code


def set_language(lang: str | None) -> None:
    """Choose the language of exercise messages for this session.

    Parameters
    ----------
    lang : str or None
        ``"id"`` (Bahasa Indonesia) or ``"en"`` (English). ``None`` goes back to the
        environment variable ``KOPEDU_LANG``, or Indonesian if it is not set.

    Examples
    --------
    >>> set_language("en"); get_language()
    'en'
    >>> set_language(None)
    """
    global _session_language
    _session_language = None if lang is None else _check_language(lang)


def get_language() -> str:
    """The language in use: the session choice, else ``KOPEDU_LANG``, else ``"id"``.

    Examples
    --------
    >>> get_language() in LANGUAGES
    True
    """
    if _session_language is not None:
        return _session_language
    env = os.environ.get("KOPEDU_LANG", "").strip()
    if env:
        try:
            return _check_language(env)
        except KopeduError:
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@cache
def catalogue(domain: str, lang: str) -> Mapping[str, str]:
    """All messages of one domain in one language, as ``{key: text}``.

    Empty translations are left out (so they fall back to Indonesian).

    Examples
    --------
    >>> catalogue("core", "id")["status.benar"]
    'Benar'
    """
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang, domain=domain)
    return {str(m.id): str(m.string) for m in cat if m.id and m.string}


def placeholders(text: str) -> frozenset[str]:
    """Names of the ``{placeholders}`` in a message.

    Examples
    --------
    >>> sorted(placeholders("`{name}` berisi {type}"))
    ['name', 'type']
    """
    return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f)


class _Params(dict):
    def __missing__(self, key: str) -> str:  # a forgotten parameter shows, never crashes
        return "{" + key + "}"


def _as_text(value: object) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(f"`{v}`" for v in value)
    return str(value)


def render(key: str, domain: str = "core", lang: str | None = None, **params: object) -> str:
    """The text of message ``key`` in ``lang``, with its placeholders filled.

    Keys starting with ``core.``, ``outcome.``, ``status.``, ``ui.`` or ``grade.``
    always come from the ``core`` domain, so a lesson can use the shared mistakes.
    Lists are written as a comma-separated list of `code` names.

    Examples
    --------
    >>> render("core.not_number", name="total", type="str", lang="id")
    '`total` harus berupa angka, tetapi isinya bertipe `str`.'
    >>> render("core.not_number", name="total", type="str", lang="en")
    '`total` must be a number, but it holds a `str`.'
    """
    if key.split(".", 1)[0] in {"core", "outcome", "status", "ui", "grade"}:
        domain = "core"
    lang = _check_language(lang) if lang else get_language()
    text = catalogue(domain, lang).get(key) or catalogue(domain, DEFAULT_LANGUAGE).get(key)
    if text is None:
        return key
    return string.Formatter().vformat(
        text, (), _Params({k: _as_text(v) for k, v in params.items()})
    )
