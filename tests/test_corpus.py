"""The corpus: bad and real-shaped inputs, each run through the ``kopedu`` command.

Every case in ``tests/corpus/cases_*.yaml`` (format: ``tests/corpus/README.md``) builds its
files in a fresh folder, runs ``kopedu`` with its arguments (in process, as
:func:`kopedu.cli.main`) and checks:

* the exit code;
* no traceback, and no English fragment of Python, pandas, openpyxl or argparse in what
  was printed (Indonesian cases), or none of kopedu's Indonesian sentences (cases run
  under ``KOPEDU_LANG=en``);
* the file/sheet/row/column each expected problem names (parsed from the printed lines);
* no silent drop: the counts the command prints add up (rows read = loaded + left out,
  each with its reason or a note), and equal the rows the case's author counted;
* the messages (catalogue keys) the case expects.
"""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from kopedu.cli import main
from kopedu.paths import data_path
from kopedu.texts import catalog

CORPUS = Path(__file__).parent / "corpus"

#: Fragments of library and Python messages that must never reach a user.
ENGLISH = [
    r"Traceback",
    r"\bError\b",
    r"\berror:",
    r"\busage:",
    r"Exception",
    r"No columns to parse",
    r"out of range",
    r"invalid literal",
    r"could not convert",
    r"\bExpected\b",
    r"\bexpected\b",
    r"\bNone\b",
    r"\bnan\b",
    r"\bNaN\b",
    r"\bNaT\b",
    r"\[Errno",
    r"No such file",
    r"Permission denied",
    r"Is a directory",
    r"\bopenpyxl\b",
    r"\bpandas\b",
    r"\bpyarrow\b",
    r"\bzipfile\b",
    r"codec",
    r"\bline \d",
    r"\bcolumn\b",
    r"\brow\b",
    r"\bnot\b",
    r"\bcannot\b",
    r"\binvalid\b",
    r"\bunexpected\b",
    r"\bthe\b",
    r"dtype",
    r"<NA>",
]
#: kopedu's own Indonesian sentences that an English run must not print.
INDONESIAN = [
    r"\bbaris \d",
    r"\bkolom '",
    r"ditemukan \d+ masalah",
    r"Perbaiki lalu",
    r"tidak bisa",
    r"sel ini",
    r"cara pakai",
    r"galat",
    r"dibaca sebagai",
    r"berkas ini",
]
_WHERE = re.compile(
    r"(?P<file>[^\s,:]+)(?:, sheet '(?P<sheet>[^']*)')?"
    r"(?:, (?:baris|row) (?P<row>\d+))?(?:, (?:kolom|column) '(?P<column>[^']*)')?: "
)
_TB_READ = re.compile(
    r"(?P<name>\S+): (?P<rows>[\d.,]+) (?:baris data dibaca|data rows read) — "
    r"(?P<loaded>[\d.,]+) (?:baris jurnal dimuat|journal lines loaded)"
    r"(?:, (?P<skipped>[\d.,]+) (?:dilewati|skipped))?"
)
_REG_READ = re.compile(
    r"^(?P<sheet>.+): (?P<rows>[\d.,]+) (?:baris data|data rows) — (?P<loaded>[\d.,]+) "
    r"(?:dimuat|loaded), (?P<rejected>[\d.,]+) (?:ditolak|rejected), (?P<skipped>[\d.,]+) "
    r"(?:dilewati dengan catatan|skipped with a note), (?P<blank>[\d.,]+) (?:kosong|blank)$",
    re.M,
)


def _number(text: str | None) -> int:
    return int(re.sub(r"[.,]", "", text)) if text else 0


def _cases() -> list:
    params = []
    for path in sorted(CORPUS.glob("cases_*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            marks = []
            if case.get("known_failure"):
                marks.append(pytest.mark.xfail(reason=case["known_failure"], strict=True))
            params.append(pytest.param(case, id=f"{path.stem[6:]}:{case['name']}", marks=marks))
    return params


CASES = _cases()


def _cells(rows: list) -> list:
    import datetime as dt

    out = []
    for row in rows:
        cells = []
        for v in row:
            if isinstance(v, dict) and "date" in v:  # a real date cell
                cells.append(dt.datetime.fromisoformat(v["date"]))
            else:
                cells.append(v)
        out.append(cells)
    return out


def _build(folder: Path, name: str, spec: dict) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if "dir" in spec:
        path.mkdir(exist_ok=True)
    elif "text" in spec:
        data = spec["text"].encode(spec.get("encoding", "utf-8"))
        if spec.get("newline") == "crlf":
            data = spec["text"].replace("\n", "\r\n").encode(spec.get("encoding", "utf-8"))
        elif spec.get("newline") == "cr":
            data = spec["text"].replace("\n", "\r").encode(spec.get("encoding", "utf-8"))
        path.write_bytes(data)
    elif "hex" in spec:
        path.write_bytes(bytes.fromhex(spec["hex"]))
    elif "ole2" in spec:  # a compound file (old Excel, or an encrypted workbook's wrapper)
        head = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
        path.write_bytes(head + spec["ole2"].encode("utf-16-le") + bytes(2000))
    elif "zip" in spec:
        with zipfile.ZipFile(path, "w") as zf:
            for entry, content in spec["zip"].items():
                zf.writestr(entry, content)
    elif "copy" in spec:
        path.write_bytes(data_path(*spec["copy"].split("/")).read_bytes())
    elif "sheets" in spec:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, rows in spec["sheets"].items():
            ws = wb.create_sheet(title)
            for row in _cells(rows):
                ws.append(row)
            for rng in spec.get("merge", {}).get(title, []):
                ws.merge_cells(rng)
        wb.save(path)
    else:  # pragma: no cover - a malformed case
        raise AssertionError(f"cannot build {name}: {spec}")
    if "mode" in spec:
        path.chmod(int(str(spec["mode"]), 8))


def _stem(key: str) -> str:
    """The fixed words of a catalogue text: what precedes its first placeholder."""
    for name in ("io", "cli"):
        texts = catalog(name)["id"]
        if key in texts:
            return re.split(r"\{|%\(|%s|%r", texts[key])[0].strip()
    raise AssertionError(f"unknown catalogue key {key}")


@pytest.mark.parametrize("case", CASES)
def test_corpus_case(case, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "berkas"
    folder.mkdir()
    for name, spec in (case.get("files") or {}).items():
        _build(folder, name, spec)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KOPEDU_LANG", raising=False)
    for key, value in (case.get("env") or {}).items():
        monkeypatch.setenv(key, str(value))
    monkeypatch.setattr(logging.root, "handlers", [])
    args = [str(a).format(dir=folder) for a in case["args"]]
    code = main(args)
    out, err = capsys.readouterr()
    text = out + "\n" + err
    expect = case.get("expect") or {}
    assert code == expect.get("exit", 0), text
    english = (case.get("env") or {}).get("KOPEDU_LANG") == "en"
    for pattern in INDONESIAN if english else ENGLISH:
        assert not re.search(pattern, text), f"{pattern!r} in:\n{text}"
    where = [m.groupdict() for line in text.splitlines() for m in [_WHERE.search(line)] if m]
    for want in expect.get("where", []):
        assert any(all(str(w.get(k)) == str(v) for k, v in want.items()) for w in where), (
            f"{want} not in {where}\n{text}"
        )
    for key in expect.get("says", []):
        assert _stem(key) in text, f"{key}: {_stem(key)!r} not in:\n{text}"
    rows = expect.get("rows")
    if isinstance(rows, dict) and "read" in rows:  # a journal: read = loaded + skipped
        m = _TB_READ.search(text)
        assert m, text
        read, loaded, skipped = (_number(m[k]) for k in ("rows", "loaded", "skipped"))
        assert read == loaded + skipped == rows["read"], text
        assert loaded == rows.get("loaded", loaded), text
    elif isinstance(rows, dict):  # a registry: per sheet, every row accounted for
        counts = {m["sheet"].strip(): m.groupdict() for m in _REG_READ.finditer(out)}
        for sheet, want in rows.items():
            got = {k: _number(v) for k, v in counts[sheet].items() if k != "sheet"}
            parts = got["loaded"] + got["rejected"] + got["skipped"] + got["blank"]
            assert got["rows"] == parts, text
            for k, v in want.items():
                assert got[k] == v, f"{sheet} {k}: {got[k]} != {v}\n{text}"
    if "balanced" in expect:
        last = out.strip().splitlines()[-1] if out.strip() else ""
        assert last in (("Seimbang.", "Balanced.") if expect["balanced"] else
                        ("TIDAK seimbang.", "NOT balanced.")), text  # fmt: skip
    for name in expect.get("creates", []):
        assert (tmp_path / name).is_file(), f"{name} not written\n{text}"


def test_corpus_is_large_and_sourced():
    names = [c.values[0]["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    assert len(CASES) >= 150
    assert all(c.values[0].get("source") for c in CASES)
