"""Structured outputs of a report: tables and values published by its sections.

A section shows a table to the reader (HTML) and *publishes* the same data as a
structured output of the notebook, under kopedu's own MIME type — the idea of
scrapbook's ``glue`` (nteract/scrapbook, unmaintained since 2021), in a few lines.
After execution :func:`collect` reads them back from the executed notebook, whichever
engine ran it (in this process or in a Jupyter kernel): the XLSX next to the HTML and
the data embedded in the HTML are made from them, and tests assert on them instead of
searching the page's text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = [
    "TABLE_MIME",
    "VALUES_MIME",
    "Published",
    "PublishedTable",
    "collect",
    "publish_table",
    "publish_values",
    "quoted_html",
    "strip",
    "unmark",
]

TABLE_MIME = "application/vnd.kopedu.table+json"
VALUES_MIME = "application/vnd.kopedu.values+json"
#: Private-use marks around words quoted from an Indonesian source (ReportContext.q): a
#: page turns them into ``<span lang="id">``, a workbook drops them.
QUOTE_OPEN, QUOTE_CLOSE = "\ue000", "\ue001"
_QUOTED = re.compile(f"{QUOTE_OPEN}(.*?){QUOTE_CLOSE}", re.S)


def quoted_html(escaped: str) -> str:
    """Escaped HTML with its quote marks turned into ``<span lang="id">`` elements.

    Examples
    --------
    >>> quoted_html("was \ue000sekitar\ue001")
    'was <span lang="id">sekitar</span>'
    """
    return _QUOTED.sub(r'<span lang="id">\1</span>', escaped)


def unmark(text: str) -> str:
    """Text without quote marks (for the XLSX)."""
    return text.replace(QUOTE_OPEN, "").replace(QUOTE_CLOSE, "")


@dataclass(frozen=True)
class PublishedTable:
    """One table a section published.

    Attributes
    ----------
    name : str
        Stable key (``"status_per_kecamatan"``).
    title : str
        Its heading in the report's language (the XLSX sheet's title).
    frame : DataFrame
        The data with the labels the reader sees.
    kinds : dict
        Column label → kind (``count``, ``percent`` …, see :data:`kopedu.io.xlsx.KINDS`).
    sheet : str
        Short sheet name for the XLSX.
    quoted : tuple of str
        Columns that quote Indonesian text word for word (source titles, figures as
        written, names from a registry): never translated.
    """

    name: str
    title: str
    frame: pd.DataFrame
    kinds: dict[str, str]
    sheet: str
    quoted: tuple[str, ...] = ()


@dataclass(frozen=True)
class Published:
    """Everything the sections of one executed report published."""

    tables: tuple[PublishedTable, ...] = ()
    values: dict[str, dict[str, Any]] = field(default_factory=dict)

    def table(self, name: str) -> PublishedTable:
        """The table published under ``name``."""
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)


def _display(mime: str, payload: dict[str, Any]) -> None:
    from IPython.display import display

    display({mime: payload}, raw=True)


def publish_table(
    name: str,
    frame: pd.DataFrame,
    *,
    title: str,
    kinds: dict[str, str],
    sheet: str = "",
    quoted: tuple[str, ...] = (),
) -> None:
    """Publish ``frame`` as a structured output of the running notebook."""
    text = frame.select_dtypes(include=["object", "string"]).columns
    frame = frame.assign(**{c: frame[c].map(unmark, na_action="ignore") for c in text})
    split = json.loads(frame.to_json(orient="split", index=False, date_format="iso"))
    _display(
        TABLE_MIME,
        {
            "name": name,
            "title": title,
            "sheet": sheet or title,
            "columns": [str(c) for c in frame.columns],
            "kinds": {str(k): v for k, v in kinds.items()},
            "dtypes": {str(c): str(t) for c, t in frame.dtypes.items()},
            "quoted": [str(c) for c in quoted],
            "data": split["data"],
        },
    )


def publish_values(name: str, values: dict[str, Any]) -> None:
    """Publish a few named values (JSON-serialisable) of a section."""
    _display(VALUES_MIME, {"name": name, "values": values})


def _frame(payload: dict[str, Any]) -> pd.DataFrame:
    df = pd.DataFrame(payload["data"], columns=payload["columns"])
    for col, kind in payload.get("kinds", {}).items():
        if col not in df:
            continue
        if kind == "date":
            text = df[col].dropna().astype(str)
            if text.str.fullmatch(r"\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?)?").all():
                df[col] = pd.to_datetime(df[col].str[:10]).dt.date  # else written dates
        elif kind in ("count", "year", "rupiah") and df[col].notna().all():
            df[col] = df[col].astype("int64")
        elif kind in ("count", "year", "rupiah"):
            df[col] = df[col].astype("Int64")
    return df


def collect(nb) -> Published:
    """Tables and values published in an executed notebook, in output order."""
    tables: list[PublishedTable] = []
    values: dict[str, dict[str, Any]] = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if TABLE_MIME in data:
                p = data[TABLE_MIME]
                tables.append(
                    PublishedTable(
                        p["name"],
                        p["title"],
                        _frame(p),
                        dict(p["kinds"]),
                        p["sheet"],
                        tuple(p.get("quoted", ())),
                    )
                )
            if VALUES_MIME in data:
                p = data[VALUES_MIME]
                values[p["name"]] = dict(p["values"])
    return Published(tuple(tables), values)


def strip(nb):
    """A copy of ``nb`` without the structured outputs (they are not for reading)."""
    import copy

    out = copy.deepcopy(nb)
    for cell in out.cells:
        if "outputs" in cell:
            cell.outputs = [
                o for o in cell.outputs if not ({TABLE_MIME, VALUES_MIME} & set(o.get("data", {})))
            ]
    return out
