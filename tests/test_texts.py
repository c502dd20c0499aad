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


def test_every_catalogue_has_both_languages_with_the_same_placeholders():
    from importlib import resources

    names = [
        p.name.removesuffix(".yaml")
        for p in resources.files("kopedu.texts").iterdir()
        if p.name.endswith(".yaml")
    ]
    assert {"io", "report"} <= set(names)
    for name in names:
        cat = catalog(name)
        assert set(cat["id"]) == set(cat["en"]), name
        for key, text in cat["id"].items():
            assert _fields(text) == _fields(cat["en"][key]), (name, key)


def test_language_follows_kopedu_lang(monkeypatch):
    from kopedu.texts import language, say

    monkeypatch.delenv("KOPEDU_LANG", raising=False)
    assert language() == "id"
    monkeypatch.setenv("KOPEDU_LANG", "en")
    assert (language(), say("io", "where_row", row=3)) == ("en", "row 3")
    monkeypatch.setenv("KOPEDU_LANG", "fr")  # unknown: Bahasa Indonesia
    assert language() == "id"
