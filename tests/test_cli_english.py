"""Under ``KOPEDU_LANG=en`` the commands speak English: no word of the Indonesian CLI texts.

The oracle is the ``cli`` text catalogue itself (as ``tests/test_reports_english.py`` does
for the report): every word its Indonesian texts use and its English texts do not must
not appear in what ``kopedu --help`` and the ``regions``, ``exercise``, ``health`` and
``mulai`` commands print in English — their help and the lines of their main runs. The
exercise catalogue's texts of the trainee copies (``copy.*``, printed by ``exercise
generate``) are part of the vocabulary too.

Names are not words: official region names, the health regulation's own categories
(Sehat, Dalam Pengawasan …), file paths, folder names, option names (``--aturan``) and
command names (``neraca-saldo``) are what the user reads and types in any language.
The same runs in Bahasa Indonesia must each show words of the vocabulary: the scan has
teeth, and every run below is checked to have printed something.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re

import pytest

from kopedu.cli import build_parser, main
from kopedu.exercises.messages import catalogue, set_language
from kopedu.health import list_rules, load_rules
from kopedu.paths import data_path
from kopedu.regions import load_regions
from kopedu.texts import catalog
from tests.language_check import words

EXAMPLE = str(data_path("health", "contoh_koperasi.csv"))
#: (what is run, expected exit code); {tmp} is a fresh folder of the run.
RUNS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("--help",), 0),
    (("regions", "--help"), 0),
    (("regions", "--provinsi", "Kaltim"), 0),
    (("regions", "--provinsi", "Kalteng", "--terbitan"), 0),
    (("exercise", "--help"), 0),
    (("exercise", "generate", "--help"), 0),
    (("exercise", "reset", "--help"), 0),
    (("exercise", "grade", "--help"), 0),
    (("exercise", "generate", "--output", "{tmp}/latihan"), 0),
    (("exercise", "generate", "--output", "{tmp}/latihan"), 0),  # now: already up to date
    (("exercise", "generate", "--check"), 0),
    (("exercise", "grade", "{tmp}/tidak_ada"), 2),
    (("health", "--help"), 0),
    (("health", "score", "--help"), 0),
    (("health", "template", "--help"), 0),
    (("health", "score", EXAMPLE, "-o", "{tmp}/h.xlsx"), 0),
    (("health", "score", EXAMPLE, "-o", "{tmp}/h.pdf"), 2),
    (("mulai", "--help"), 0),
    (("mulai", "{tmp}/kerja", "--siapkan-saja"), 0),
    (("mulai", "{tmp}/kerja", "--siapkan-saja"), 0),  # now: every notebook kept
)  # fmt: skip


def vocabulary() -> set[str]:
    """Words of the Indonesian CLI texts (and the copy messages) absent from the English."""
    cli = catalog("cli")
    ind = set().union(*(words(v) for v in cli["id"].values()))
    eng = set().union(*(words(v) for v in cli["en"].values()))
    ids, en = catalogue("core", "id"), catalogue("core", "en")
    ind |= set().union(*(words(v) for k, v in ids.items() if k.startswith("copy.")))
    eng |= set().union(*(words(v) for k, v in en.items() if k.startswith("copy.")))
    return ind - eng - {"kopedu"}


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    names = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                names |= {name} | _command_names(sub)
    return names


def _names() -> list[str]:
    """Proper names in the output, longest first: regions and the regulation's categories."""
    names = set(load_regions()["official_name"])
    for rules in list_rules():
        names |= {c.label for c in load_rules(rules).categories}
    return sorted(names, key=len, reverse=True)


def _without_names(text: str, tmp: str, names: list[str], commands: set[str]) -> str:
    text = re.sub(re.escape(tmp) + r"\S*", " ", text)  # the paths of this run
    for name in names:
        if name in text:  # a whole name, not a piece of a file name (…_dalam_angka.ipynb)
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text)
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)  # option names: typed as they are
    text = re.sub(r"[\w-]+/(?![\w*])", " ", text)  # folder names: pelajaran/, latihan/
    return " ".join(w for w in text.split() if w not in commands)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """What each run prints, in each language: {language: [(argv, text)]}."""
    names = _names()
    commands = _command_names(build_parser())
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    mp = pytest.MonkeyPatch()
    try:
        for lang in ("id", "en"):
            mp.setenv("KOPEDU_LANG", lang)
            set_language(None)  # the exercise messages follow KOPEDU_LANG too
            tmp = str(tmp_path_factory.mktemp(lang))
            runs = []
            for argv, expected in RUNS:
                args = [a.replace("{tmp}", tmp) for a in argv]
                text, code = _run(args)
                assert code == expected, (lang, argv, code, text)
                assert text.strip(), (lang, argv)
                runs.append((argv, _without_names(text, tmp, names, commands)))
            out[lang] = runs
    finally:
        mp.undo()
        set_language(None)
    return out


def _run(args: list[str]) -> tuple[str, int]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(args)
    return stdout.getvalue() + stderr.getvalue(), code


def test_the_scan_has_teeth(printed):
    vocab = vocabulary()
    assert len(vocab) > 150  # tidak, berkas, wilayah, bawaan, sumber, dinilai …
    for argv, text in printed["id"]:
        assert words(text) & vocab, f"kopedu {' '.join(argv)}: no Indonesian word found"


def test_english_commands_print_no_indonesian_word(printed):
    vocab = vocabulary()
    found = [
        (f"kopedu {' '.join(argv)}", sorted(words(text) & vocab))
        for argv, text in printed["en"]
        if words(text) & vocab
    ]
    assert found == []
