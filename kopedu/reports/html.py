"""The report as one self-contained HTML page, on screen and printed on A4.

nbconvert exports the executed notebook with kopedu's template (``templates/
kopedu_report``): JupyterLab's page without code, prompts or any script from the
internet — no require.js, MathJax or widget manager, so the page opens in a training
room without a connection —, ``<title>`` set to the report's title and ``lang`` to its
language, and a print stylesheet for A4: tables that wrap instead of scrolling, headings
kept with what follows, table headers repeated on every page, and a footer with the
title, the date made and the page number. The sections' published data travel inside
the page as JSON (``<script type="application/json" id="kopedu-data">``).
"""

from __future__ import annotations

import json
import logging
from functools import cache
from importlib import resources
from typing import Any

from kopedu.texts import text

__all__ = ["page_css", "read_data", "to_html"]


@cache
def _base_css() -> str:
    return (
        resources.files(__package__)
        .joinpath("templates/kopedu_report/report.css")
        .read_text(encoding="utf-8")
    )


def _css_string(value: str) -> str:
    """``value`` as a CSS string literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_css(title: str, made: str, language: str, banner: str = "") -> str:
    """The stylesheet: the base rules plus the A4 page box with this report's footer.

    Examples
    --------
    >>> "size: A4" in page_css("Laporan", "1 Juli 2024", "id")
    True
    """
    footer = text("report", "page_footer", language, title=title, date=made)
    of = text("report", "page_of", language)
    small = "font-family: sans-serif; font-size: 7.5pt; color: #555;"
    rules = [
        "@page {",
        "  size: A4 portrait;",
        "  margin: 15mm 13mm 17mm 13mm;",
        f"  @bottom-left {{ content: {_css_string(footer)} counter(page) {_css_string(of)}"
        f" counter(pages); {small} }}",
    ]
    if banner:
        rules.append(
            f"  @top-center {{ content: {_css_string(banner)}; font-family: sans-serif;"
            " font-size: 9pt; font-weight: bold; color: #b00020; }"
        )
    rules.append("}")
    return _base_css() + "\n" + "\n".join(rules) + "\n"


def _data_json(data: dict[str, Any]) -> str:
    # Inside <script>: "</" and "<!--" must not appear; escape every "<".
    return json.dumps(data, ensure_ascii=False, default=str).replace("<", "\\u003c")


def to_html(
    nb,
    *,
    title: str,
    language: str,
    made: str,
    banner: str = "",
    data: dict[str, Any] | None = None,
) -> str:
    """Export an executed report notebook to one self-contained HTML page.

    Parameters
    ----------
    nb : NotebookNode
        The executed notebook (structured outputs already removed).
    title : str
        The report's title (``<title>`` and the printed footer).
    language : {"id", "en"}
        The page's ``lang``.
    made : str
        The date made, as written in the footer.
    banner : str
        Demo banner printed at the top of every page.
    data : dict, optional
        Published data to embed as JSON.
    """
    from nbconvert import HTMLExporter

    nb = nb.copy()
    nb.metadata = dict(nb.metadata, title=title)
    exporter = HTMLExporter(
        template_name="kopedu_report",
        extra_template_basedirs=[str(resources.files(__package__).joinpath("templates"))],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=language,
    )
    exporter.log.setLevel(logging.ERROR)  # charts carry alt text; no warnings on a terminal
    res = {
        "kopedu_css": page_css(title, made, language, banner),
        "kopedu_data": _data_json(data or {}),
    }
    body, _ = exporter.from_notebook_node(nb, resources=res)
    return body


def read_data(page: str) -> dict[str, Any]:
    """The data a report page carries (what its sections published), from its HTML.

    Examples
    --------
    >>> read_data('<script type="application/json" id="kopedu-data">{"a": 1}</script>')
    {'a': 1}
    """
    from html.parser import HTMLParser

    class _Finder(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.inside = False
            self.chunks: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "script" and ("id", "kopedu-data") in attrs:
                self.inside = True

        def handle_endtag(self, tag: str) -> None:
            if tag == "script":
                self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside:
                self.chunks.append(data)

    finder = _Finder()
    finder.feed(page)
    if not finder.chunks:
        raise ValueError("halaman ini bukan laporan kopedu (tidak ada data kopedu-data)")
    return json.loads("".join(finder.chunks))
