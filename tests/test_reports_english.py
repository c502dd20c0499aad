"""An English report is English: no word of the Indonesian text catalogues in it.

The oracle is the catalogues themselves: every word that the Indonesian texts of the
report, the findings and the XLSX writer use, and that their English texts do not, must
not appear in an English report's page or workbook. Words the report *quotes* — source
titles, figures as written, names from a registry, official region names — are marked
``lang="id"`` on the page (and as quoted columns in the workbook) and are left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import openpyxl
import pytest

from kopedu.reports.render import render_report
from kopedu.texts import catalog
from tests.language_check import words as _words
from tests.reports_support import kopedu_process, owned_process, report_data  # noqa: F401 - fixture
from tests.xlsx_check import header_row


def indonesian_words() -> set[str]:
    from kopedu.figures import INDICATORS, INDICATORS_EN

    ind = set().union(*(_words(v) for v in INDICATORS.values()))
    eng = set().union(*(_words(v) for v in INDICATORS_EN.values()))
    for name in ("report", "findings", "xlsx"):
        cat = catalog(name)
        for value in cat["id"].values():
            ind |= _words(str(value))
        for value in cat["en"].values():
            eng |= _words(str(value))
    # Domain terms kept in Indonesian in English texts are in ``eng`` already (RAT, NIK,
    # kecamatan, pembinaan …); code names and units are not words of either language.
    return ind - eng - {"kopedu", "xlsx", "csv", "ods", "sha"}


class _Visible(HTMLParser):
    """Visible text of a page, leaving out style/script and elements marked lang="id"."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link", "hr", "input"):
            return
        quoted = dict(attrs).get("lang") == "id" and tag != "html"
        self.stack.append((tag, quoted))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(t in ("style", "script", "title") for t, _ in self.stack):
            return
        if any(q for _, q in self.stack):
            return
        self.parts.append(data)


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    out = tmp_path_factory.mktemp("en")
    with owned_process():
        return [
            render_report("Kutim", 2023, "en", output_dir=out),
            render_report("Balikpapan", 2024, "en", output_dir=out),
            render_report("Balikpapan", 2024, "en", output_dir=out, contoh=True),
        ]


def _without_names(text: str, data: dict) -> str:
    """Text without proper nouns: official region names ("Kabupaten Kutai Timur") and the
    sources' publishers and titles; and without what it quotes (between “ and ”)."""
    from kopedu.figures import load_sources
    from kopedu.regions import load_regions

    src = load_sources()
    names = set(load_regions()["official_name"]) | set(src["publisher"]) | set(src["title"])
    for name in sorted(names, key=len, reverse=True):
        if name in text:
            text = text.replace(name, " ")
    return re.sub(r"“[^”]*”", " ", text)


def test_english_page_has_no_indonesian_word(english):
    vocabulary = indonesian_words()
    assert len(vocabulary) > 150  # the check has teeth: tahun, koperasi, aktif, sumber …
    for path in english:
        parser = _Visible()
        parser.feed(path.read_text(encoding="utf-8"))
        text = _without_names(" ".join(parser.parts), report_data(path))
        found = sorted(_words(text) & vocabulary)
        assert found == [], f"{path.name}: {found}"


def test_english_workbook_has_no_indonesian_word(english):
    vocabulary = indonesian_words()
    for path in english:
        data = report_data(path)
        quoted = {t["sheet"]: set(t["quoted"]) for t in data["tables"].values()}
        wb = openpyxl.load_workbook(path.with_suffix(".xlsx"))
        texts = list(wb.sheetnames)
        for ws in wb.worksheets:
            h = header_row(ws)
            texts += [str(ws.cell(r, 1).value or "") for r in range(1, h)]
            headers = [c.value for c in ws[h]]
            texts += [str(v) for v in headers if v]
            skip = quoted.get(ws.title, set())
            for row in ws.iter_rows(min_row=h + 1, values_only=True):
                texts += [str(v) for v, col in zip(row, headers, strict=False)
                          if isinstance(v, str) and col not in skip]  # fmt: skip
        text = _without_names(" ".join(texts), data)
        found = sorted(_words(text) & vocabulary)
        assert found == [], f"{path.name}: {found}"
