"""Schema validation that reports *every* problem at once, in Bahasa Indonesia.

Schemas are declared with pandera (``pandera.pandas.DataFrameSchema``); this module
runs them lazily and turns pandera's failure cases into :class:`~kopedu.errors.Problem`
records that name the file, the spreadsheet row, the column and the fix. Every loader
in kopedu (bundled data, a trainer's registry, a trainee's journal) goes through
:func:`validate_frame`, so messages look the same everywhere.

A column's fix hint is read from ``Column(metadata={"fix": "..."})``.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable

import pandas as pd

from kopedu.errors import DataValidationError, Problem

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa
    from pandera.errors import SchemaError, SchemaErrors

__all__ = ["pa", "problems_from_failures", "raise_if_problems", "read_table", "validate_frame"]

_CHECK_TEXT: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^column_in_dataframe$"), "missing_column"),
    (re.compile(r"^not_nullable$"), "required"),
    (re.compile(r"^field_uniqueness$|^unique$"), "unique"),
    (re.compile(r"^multiple_fields_uniqueness$"), "unique_combination"),
    (re.compile(r"^greater_than_or_equal_to\((.*)\)$"), "ge"),
    (re.compile(r"^greater_than\((.*)\)$"), "gt"),
    (re.compile(r"^less_than_or_equal_to\((.*)\)$"), "le"),
    (re.compile(r"^less_than\((.*)\)$"), "lt"),
    (re.compile(r"^in_range\((.*), (.*)\)$"), "in_range"),
    (re.compile(r"^isin\((.*)\)$", re.S), "isin"),
    (re.compile(r"^str_matches\((.*)\)$"), "format"),
    (re.compile(r"^str_length\((.*)\)$"), "required"),
    (re.compile(r"^(coerce_)?dtype\('?(.*?)'?\)$"), "dtype"),
    (re.compile(r"^column_in_schema$"), "unknown_column"),
]


def _describe(check: str, value: object) -> str:
    """A pandera check name as a sentence in the user's language (never pandera's own text)."""
    from kopedu.texts import catalog, language, say

    for pattern, key in _CHECK_TEXT:
        if m := pattern.match(check):
            args = {f"a{i}": g for i, g in enumerate(m.groups())}
            return say("io", f"schema.{key}", value=value, shown=repr(value), **args)
    # A custom check carries its text in ``error=``: a catalogue key, or a sentence.
    texts = catalog("io")[language()]
    if f"schema.{check}" in texts:
        return say("io", f"schema.{check}", value=value, shown=repr(value))
    return say("io", "schema.other", shown=repr(value))


def _spreadsheet_row(index: object, first_data_row: int) -> int | None:
    if not isinstance(index, int | float | str) or (isinstance(index, float) and pd.isna(index)):
        return None
    try:
        return int(index) + first_data_row
    except (TypeError, ValueError):
        return None


def problems_from_failures(
    failures: pd.DataFrame,
    schema: pa.DataFrameSchema,
    source: str,
    *,
    first_data_row: int = 2,
    sheet: str | None = None,
) -> list[Problem]:
    """Translate pandera ``failure_cases`` into :class:`Problem` records.

    Parameters
    ----------
    failures : DataFrame
        ``SchemaErrors.failure_cases``.
    schema : pandera.DataFrameSchema
        The schema, for each column's fix hint.
    source : str
        File name shown to the user.
    first_data_row : int, default 2
        Spreadsheet row number of the frame's index 0 (header on row 1).
    sheet : str, optional
        Worksheet name.
    """
    problems = []
    for rec in failures.to_dict("records"):
        column = rec.get("column")
        if rec.get("check") == "column_in_dataframe":
            column = rec.get("failure_case")
        column = None if column is None or pd.isna(column) else str(column)
        value = rec.get("failure_case")
        fix = ""
        if column is not None and column in schema.columns:
            fix = (schema.columns[column].metadata or {}).get("fix", "")
        problems.append(
            Problem(
                file=source,
                row=_spreadsheet_row(rec.get("index"), first_data_row),
                column=column,
                message=_describe(str(rec.get("check")), value),
                fix=fix,
                sheet=sheet,
            )
        )
    problems.sort(key=lambda p: (p.row if p.row is not None else -1, p.column or ""))
    return problems


def validate_frame(
    df: pd.DataFrame,
    schema: pa.DataFrameSchema,
    source: str,
    *,
    first_data_row: int = 2,
    sheet: str | None = None,
    extra: Iterable[Problem] = (),
) -> pd.DataFrame:
    """Validate ``df`` against ``schema`` and raise once with every problem.

    Parameters
    ----------
    df : DataFrame
        The table as read (index = position of the data row, starting at 0).
    schema : pandera.DataFrameSchema
        Declared schema; may coerce dtypes.
    source : str
        File name shown in messages.
    first_data_row : int, default 2
        Spreadsheet row of ``df``'s first row.
    sheet : str, optional
        Worksheet name for Excel files.
    extra : iterable of Problem
        Problems found by the caller before validation (for example while parsing
        Indonesian numbers); reported together with the schema's.

    Returns
    -------
    DataFrame
        The validated (and coerced) table.

    Raises
    ------
    DataValidationError
        Listing every problem found.

    Examples
    --------
    >>> import pandas as pd
    >>> schema = pa.DataFrameSchema({"jumlah": pa.Column(int, pa.Check.ge(0))})
    >>> validate_frame(pd.DataFrame({"jumlah": [3, 4]}), schema, "contoh.csv").shape
    (2, 1)
    """
    extra = list(extra)
    try:
        out = schema.validate(df, lazy=True)
    except SchemaErrors as exc:
        problems = problems_from_failures(
            exc.failure_cases, schema, source, first_data_row=first_data_row, sheet=sheet
        )
        raise DataValidationError(source, [*extra, *problems]) from None
    except SchemaError as exc:  # pragma: no cover - raised only by non-lazy paths
        raise DataValidationError(source, [*extra, Problem(source, None, None, str(exc))]) from None
    raise_if_problems(source, extra)
    return out


def raise_if_problems(source: str, problems: Iterable[Problem]) -> None:
    """Raise :class:`DataValidationError` if ``problems`` is not empty."""
    problems = list(problems)
    if problems:
        raise DataValidationError(source, problems)


def read_table(
    path: str | os.PathLike[str],
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    r"""Read a CSV or XLSX file as text columns; a failure raises :class:`DataValidationError`.

    The error names the file, the row and the fix.

    The file goes through kopedu's one ingestion layer (:mod:`kopedu.io`): its kind is
    found from its content (a web page or password-protected workbook gets its own
    message), the encoding (UTF-8 with or without BOM, UTF-16, Windows-1252) and the
    delimiter (``,`` ``;`` tab ``|``) are detected, quotes are checked so that no row is
    swallowed. The first row is the header; blank rows are left out.

    Parameters
    ----------
    path : str or Path
        ``.csv`` or ``.xlsx``.
    sheet : str or int, optional
        Worksheet for Excel files (default: the first).
    encoding : str, optional
        Ignored: the encoding is detected (kept for callers written for pandas).

    Returns
    -------
    DataFrame
        All columns as ``str`` (empty cells as ``""``), so that Indonesian numbers and
        dates are parsed by kopedu, not guessed by pandas. The index is the spreadsheet
        row number minus 2, so :func:`validate_frame` (``first_data_row=2``) names the
        true row even when blank rows were left out.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "angka.csv"
    >>> _ = p.write_text("kode;jumlah\n0064;1.209\n\n6404;325\n", encoding="utf-8")
    >>> df = read_table(p)
    >>> df.to_dict("list"), df.index.tolist()
    ({'kode': ['0064', '6404'], 'jumlah': ['1.209', '325']}, [0, 2])
    """
    del encoding
    from kopedu.io.tables import read_text_table

    return read_text_table(path, sheet=sheet)
