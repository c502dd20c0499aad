"""Helpers shared by the report tests (imported, not a conftest: fixtures are explicit)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from kopedu.paths import report_template_path
from kopedu.reports.html import read_data


@pytest.fixture
def kopedu_process(monkeypatch):
    """This test process counts as kopedu's own: reports run in it (fast, no worker)."""
    import kopedu.reports.engine as engine

    monkeypatch.setattr(engine, "_OWNED", True)
    import matplotlib

    matplotlib.use("Agg")


@contextlib.contextmanager
def owned_process() -> Iterator[None]:
    """For module-scoped fixtures: this process counts as kopedu's own while inside."""
    import kopedu.reports.engine as engine

    engine._OWNED, was = True, engine._OWNED
    try:
        yield
    finally:
        engine._OWNED = was


@pytest.fixture
def nothing_runs(monkeypatch):
    """Fail the test if any report starts to run, by any engine or in any process."""
    from papermill.engines import papermill_engines

    import kopedu.reports.worker as worker

    def boom(*args, **kwargs):
        raise AssertionError("a report started to run before its parameters were validated")

    monkeypatch.setattr(papermill_engines, "execute_notebook_with_engine", boom)
    monkeypatch.setattr(worker, "run", boom)


def report_data(path: Path) -> dict[str, Any]:
    """The structured data a rendered report carries."""
    return read_data(Path(path).read_text(encoding="utf-8"))


def table_records(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """One published table as records."""
    t = data["tables"][name]
    return [dict(zip(t["columns"], row, strict=True)) for row in t["data"]]


def template_with(tmp_path: Path, source: str, *, after_parameters: bool = True) -> Path:
    """The bundled template with one more code cell (right after the injected parameters,
    or at the end)."""
    nb = nbformat.read(report_template_path(), as_version=4)
    cell = nbformat.v4.new_code_cell(source)
    if after_parameters:
        at = 1 + next(
            i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])
        )
        nb.cells.insert(at, cell)
    else:
        nb.cells.append(cell)
    path = tmp_path / "templat.ipynb"
    nbformat.write(nb, path)
    return path


class _Tables:
    """Tables of a report page as text cells, by the section they are in."""

    def __init__(self, page: str) -> None:
        from html.parser import HTMLParser

        self.sections: dict[str, list[dict[str, list]]] = {}
        self.headings: dict[str, str] = {}
        outer = self

        class P(HTMLParser):
            section = None
            table = None
            cell = None
            heading = None

            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                if tag == "section" and a.get("data-section"):
                    self.section = a["data-section"]
                    outer.sections.setdefault(self.section, [])
                elif tag == "h2" and self.section:
                    self.heading = []
                elif tag == "table" and self.section:
                    self.table = {"header": [], "rows": [], "classes": []}
                    outer.sections[self.section].append(self.table)
                elif tag == "tr" and self.table is not None:
                    self.table["rows"].append([])
                elif tag in ("td", "th") and self.table is not None:
                    self.cell = []
                    if tag == "th":
                        self.table["classes"].append(a.get("class", ""))

            def handle_endtag(self, tag):
                if tag in ("td", "th") and self.cell is not None and self.table is not None:
                    self.table["rows"][-1].append("".join(self.cell).strip())
                    self.cell = None
                elif tag == "h2" and self.heading is not None:
                    outer.headings[self.section] = "".join(self.heading).strip()
                    self.heading = None
                elif tag == "table":
                    if self.table is not None and self.table["rows"]:
                        self.table["header"] = self.table["rows"].pop(0)
                    self.table = None
                elif tag == "section":
                    self.section = None

            def handle_data(self, data):
                if self.cell is not None:
                    self.cell.append(data)
                if self.heading is not None:
                    self.heading.append(data)

        P().feed(page)

    def column(self, section: str, header: str, index: int = 0) -> list[str]:
        t = self.sections[section][index]
        j = t["header"].index(header)
        return [row[j] for row in t["rows"]]


def page_tables(path: Path) -> _Tables:
    """The tables and headings of a rendered report page."""
    return _Tables(Path(path).read_text(encoding="utf-8"))


def page_text(path: Path) -> str:
    """The visible text of a page (no style, script or tags)."""
    import re

    page = Path(path).read_text(encoding="utf-8")
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
