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
    (re.compile(r"^column_in_dataframe$"), "kolom wajib ini tidak ada"),
    (re.compile(r"^not_nullable$"), "sel ini kosong, padahal wajib diisi"),
    (re.compile(r"^field_uniqueness$|^unique$"), "nilai {value!r} muncul lebih dari sekali"),
    (re.compile(r"^multiple_fields_uniqueness$"), "kombinasi nilai ini muncul lebih dari sekali"),
    (re.compile(r"^greater_than_or_equal_to\((.*)\)$"), "nilai {value} harus ≥ {0}"),
    (re.compile(r"^greater_than\((.*)\)$"), "nilai {value} harus > {0}"),
    (re.compile(r"^less_than_or_equal_to\((.*)\)$"), "nilai {value} harus ≤ {0}"),
    (re.compile(r"^less_than\((.*)\)$"), "nilai {value} harus < {0}"),
    (re.compile(r"^in_range\((.*), (.*)\)$"), "nilai {value} harus di antara {0} dan {1}"),
    (re.compile(r"^isin\((.*)\)$", re.S), "nilai {value!r} tidak dikenal; pilihan yang sah: {0}"),
    (re.compile(r"^str_matches\((.*)\)$"), "format {value!r} tidak sesuai"),
    (re.compile(r"^(coerce_)?dtype\('?(.*?)'?\)$"), "nilai {value!r} bukan tipe yang diharapkan"),
    (re.compile(r"^column_in_schema$"), "kolom ini tidak dikenal"),
]


def _describe(check: str, value: object) -> str:
    for pattern, template in _CHECK_TEXT:
        if m := pattern.match(check):
            return template.format(*m.groups(), value=value)
    # Custom checks carry their own Indonesian text in ``error=``.
    return f"{check} (nilai: {value!r})" if value is not None else check


def _spreadsheet_row(index: object, first_data_row: int) -> int | None:
    if index is None or (isinstance(index, float) and pd.isna(index)):
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
    path: str | os.PathLike[str], *, sheet: str | int | None = None, **kwargs: object
) -> pd.DataFrame:
    """Read a CSV or XLSX file as text columns, turning I/O and parse failures into a
    :class:`DataValidationError` that names the file and the fix.

    Parameters
    ----------
    path : str or Path
        ``.csv`` (UTF-8, comma separated) or ``.xlsx``.
    sheet : str or int, optional
        Worksheet for Excel files (default: the first).
    **kwargs
        Passed to :func:`pandas.read_csv` / :func:`pandas.read_excel`.

    Returns
    -------
    DataFrame
        All columns as ``str`` (empty cells as ``""``), so that Indonesian numbers and
        dates are parsed by kopedu, not guessed by pandas.
    """
    from pathlib import Path

    path = Path(path)
    name = path.name
    if not path.exists():
        raise DataValidationError(
            name,
            [
                Problem(
                    name,
                    None,
                    None,
                    f"file tidak ditemukan di {path}",
                    "periksa nama dan folder file",
                )
            ],
        )
    try:
        if path.suffix.lower() in {".xlsx", ".xlsm"}:
            return pd.read_excel(
                path,
                sheet_name=0 if sheet is None else sheet,
                dtype=str,
                keep_default_na=False,
                **kwargs,
            )
        return pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)
    except UnicodeDecodeError:
        problem = Problem(
            name, None, None, "file bukan teks UTF-8", "simpan ulang sebagai CSV UTF-8"
        )
    except pd.errors.ParserError as exc:
        line = re.search(r"line (\d+)", str(exc))
        problem = Problem(
            name,
            int(line.group(1)) if line else None,
            None,
            f"baris ini tidak bisa dibaca sebagai CSV ({exc})".replace(
                "Error tokenizing data. C error: ", ""
            ),
            "periksa tanda koma dan tanda kutip pada baris itu "
            "(teks yang memuat koma harus diapit tanda kutip)",
        )
    except (ValueError, KeyError, OSError) as exc:  # openpyxl: bad zip, missing sheet …
        problem = Problem(
            name, None, None, f"file tidak bisa dibaca ({exc})", "pastikan file CSV/XLSX yang benar"
        )
    raise DataValidationError(name, [problem])
