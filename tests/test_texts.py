"""Text catalogues: every Indonesian key has an English text with the same placeholders."""

from __future__ import annotations

import string

from kopedu.texts import catalog


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_report_catalogue_complete_and_consistent():
    cat = catalog("report")
    assert set(cat["id"]) == set(cat["en"])
    for key, text in cat["id"].items():
        assert _fields(text) == _fields(cat["en"][key]), key
