"""The flat input table for health scoring: columns, template, reading and checks.

One row per cooperative and book year; amounts in whole rupiah. The template
(``data/health/template_penilaian_kesehatan.csv``) has exactly the columns of
:data:`INPUT_COLUMNS`; :func:`health_columns` describes each one in Bahasa Indonesia.
:func:`read_health_inputs` reads a CSV or XLSX file, accepts amounts written the
Indonesian way (``Rp 1.250.000``) and reports **every** problem at once.
"""

from __future__ import annotations

import dataclasses
import os
import zipfile
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from kopedu.errors import Problem
from kopedu.formatting import ParseError, parse_rupiah
from kopedu.health.columns import INPUT_COLUMNS, InputColumn, column_spec, columns_for, empty_hint
from kopedu.paths import data_path
from kopedu.validation import pa, read_table, validate_frame

__all__ = [
    "INPUT_COLUMNS",
    "InputColumn",
    "check_health_inputs",
    "empty_hint",
    "example_answers",
    "example_inputs",
    "health_columns",
    "health_template",
    "questionnaire_sheet",
    "read_health_inputs",
    "write_health_template",
]


_TRUE = {"ya", "y", "true", "1", "benar"}
_FALSE = {"tidak", "t", "false", "0", "salah", ""}


def health_columns(aturan: str = "perdep_06_2016") -> pd.DataFrame:
    """The template's columns with their meaning, unit and whether they are required.

    Examples
    --------
    >>> health_columns().loc[lambda d: d.kolom == "total_aset", "wajib"].item()
    True
    >>> len(health_columns("kkpkk_2021")) > len(health_columns())
    True
    """
    cols = columns_for(aturan)
    return pd.DataFrame(
        {
            "kolom": [c.name for c in cols],
            "keterangan": [c.description for c in cols],
            "jenis_isian": [c.kind for c in cols],
            "wajib": [c.required for c in cols],
            "boleh_negatif": [c.negative_ok for c in cols],
        }
    )


def health_template(aturan: str = "perdep_06_2016") -> pd.DataFrame:
    """An empty input table with the template's columns (in order).

    Examples
    --------
    >>> list(health_template().columns[:3])
    ['kode', 'nama_koperasi', 'jenis']
    """
    return pd.DataFrame({c.name: pd.Series(dtype=_dtype(c)) for c in columns_for(aturan)})


def questionnaire_sheet() -> pd.DataFrame:
    """The questionnaire sheet of the XLSX template: one row per question, kode empty.

    A trainer copies the 38 rows once per cooperative, fills ``kode`` and answers
    ``jawaban`` with ya or tidak.

    Examples
    --------
    >>> sheet = questionnaire_sheet()
    >>> list(sheet.columns), len(sheet)
    (['kode', 'no', 'bagian', 'pertanyaan', 'jawaban'], 38)
    """
    from kopedu.health.questionnaire import questionnaire

    q = questionnaire()
    return pd.DataFrame(
        {
            "kode": "",
            "no": q["no"],
            "bagian": q["kode"] + " " + q["nama_bagian"],
            "pertanyaan": q["pertanyaan"],
            "jawaban": "",
        }
    )


def write_health_template(path: str | Path, aturan: str = "perdep_06_2016") -> Path:
    """Write the empty input template (atomically) and return its path.

    ``.csv`` gives the flat table only; ``.xlsx`` gives three sheets: ``koperasi``
    (the flat table), ``kuesioner`` (the 38 management questions of Perdep 06/2016, to
    be answered per cooperative; not for the 2021 worksheet, whose qualitative items
    are counts in the flat table) and ``keterangan`` (what each column means).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_health_template(Path(d) / "templat.csv").read_text().startswith("kode,")
    True
    >>> with tempfile.TemporaryDirectory() as d:
    ...     sorted(pd.read_excel(write_health_template(Path(d) / "t.xlsx"), sheet_name=None))
    ['keterangan', 'koperasi', 'kuesioner']
    """
    from kopedu.io.write import write_bytes, write_text

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        return write_text(path, health_template(aturan).to_csv(index=False))

    def write(target: Path) -> None:
        # An input template: plain sheets, the header on row 1, so that it reads back.
        with pd.ExcelWriter(target, engine="openpyxl") as xl:
            health_template(aturan).to_excel(xl, sheet_name="koperasi", index=False)
            if not aturan.startswith("kkpkk"):
                questionnaire_sheet().to_excel(xl, sheet_name="kuesioner", index=False)
            health_columns(aturan).to_excel(xl, sheet_name="keterangan", index=False)

    return write_bytes(path, write)


def _dtype(c: InputColumn) -> str:
    return {"teks": "string", "persen": "Float64", "ya_tidak": "boolean"}.get(c.kind, "Int64")


def _schema(aturan: str) -> pa.DataFrameSchema:
    cols = {}
    for c in columns_for(aturan):
        checks = []
        fix = "isi angka rupiah utuh tanpa sen, mis. 1250000 atau Rp 1.250.000"
        if c.kind == "rupiah" and not c.negative_ok:
            checks.append(pa.Check.ge(0))
            fix = "jumlah ini tidak boleh negatif; isi angka rupiah utuh ≥ 0"
        elif c.kind == "jumlah" and c.maks is not None:
            checks.append(pa.Check.in_range(0, c.maks))
            fix = f"isi jumlah jawaban 'ya', bilangan bulat 0 sampai {c.maks}"
        elif c.kind == "jumlah":
            checks.append(pa.Check.ge(0))
            fix = "isi bilangan bulat 0 atau lebih"
        elif c.kind == "persen":
            checks.append(pa.Check.in_range(0, 100))
            fix = "isi persentase 0 sampai 100"
        elif c.kind == "teks":
            fix = "isi teks"
        if c.name == "kode":
            fix = "setiap koperasi perlu kode yang berbeda dan tidak kosong"
        cols[c.name] = pa.Column(
            _dtype(c),
            checks=checks,
            nullable=c.name not in ("kode", "nama_koperasi"),
            unique=c.name == "kode",
            required=c.required,
            metadata={"fix": fix},
        )
    return pa.DataFrameSchema(cols, strict=False)


def _convert(raw: pd.DataFrame, source: str, sheet: str | None) -> tuple[pd.DataFrame, list]:
    """Turn text cells into typed columns; cells that fail become empty and a Problem."""
    problems: list[Problem] = []
    out = pd.DataFrame(index=raw.index)
    for name in raw.columns:
        col = column_spec(str(name).strip())
        s = raw[name]
        if col is None:
            out[name] = s
            continue
        stripped = s.astype("string").str.strip()
        text = stripped.mask(stripped == "")
        if col.kind == "teks":
            out[col.name] = text
            continue
        if col.kind == "ya_tidak":
            low = text.str.lower()
            bad = low.notna() & ~low.isin(_TRUE | _FALSE)
            for i in np.flatnonzero(bad.to_numpy()):
                problems.append(
                    Problem(
                        source,
                        int(i) + 2,
                        col.name,
                        f"{text.iloc[i]!r} bukan ya/tidak",
                        "isi 'ya' atau 'tidak'",
                        sheet,
                    )
                )
            out[col.name] = low.map(lambda v: v in _TRUE, na_action="ignore").astype("boolean")
            out.loc[bad.to_numpy(), col.name] = pd.NA
            continue
        num = pd.to_numeric(text, errors="coerce")
        values = num.astype("Float64")
        for pos in map(int, np.flatnonzero((num.isna() & text.notna()).to_numpy())):
            try:
                values.iloc[pos] = float(parse_rupiah(str(text.iloc[pos]), allow_sen=True))
            except ParseError as exc:
                problems.append(Problem(source, pos + 2, col.name, str(exc), "", sheet))
        if col.kind == "persen":
            out[col.name] = values
            continue
        frac = values.notna() & (values != values.round())
        for pos in map(int, np.flatnonzero(frac.to_numpy(dtype=bool, na_value=False))):
            what = "memuat sen" if col.kind == "rupiah" else "bukan bilangan bulat"
            problems.append(
                Problem(
                    source,
                    pos + 2,
                    col.name,
                    f"nilai {text.iloc[pos]} {what}",
                    "bulatkan ke bilangan bulat",
                    sheet,
                )
            )
            values.iloc[pos] = None
        out[col.name] = values.astype("Int64")
    return out, problems


def _file_problem(path: Path) -> Problem | None:
    """A folder, or a spreadsheet that is not a readable XLSX, as one Indonesian problem."""
    suffix = path.suffix.lower()
    if path.is_dir():
        return Problem(
            path.name, None, None, f"{path} adalah folder, bukan berkas", "sebut nama berkasnya"
        )
    if path.exists() and not os.access(path, os.R_OK):
        return Problem(
            path.name,
            None,
            None,
            f"{path} tidak boleh dibaca (izin ditolak)",
            "periksa izin berkas",
        )
    if suffix == ".xls":
        return Problem(
            path.name, None, None, "berkas .xls lama tidak dibaca", "simpan ulang sebagai .xlsx"
        )
    unreadable = suffix in (".xlsx", ".xlsm") and path.exists() and not zipfile.is_zipfile(path)
    if unreadable:
        return Problem(
            path.name,
            None,
            None,
            "berkas ini bukan XLSX yang dapat dibaca (rusak, berkas .xls lama, atau dilindungi "
            "kata sandi)",
            "buka di Excel/LibreOffice, hapus kata sandinya bila ada, lalu simpan ulang sebagai "
            ".xlsx",
        )
    return None


def _sheet_names(path: Path) -> list[str]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # read_table reports an unreadable workbook
        return []
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _merge_questionnaire(
    typed: pd.DataFrame, answers: pd.DataFrame, source: str, sheet: str | None
) -> list[Problem]:
    """Put the questionnaire's counts into ``typed`` (in place); return the conflicts."""
    from kopedu.health.questionnaire import answered_column, questionnaire_parts

    problems: list[Problem] = []
    kode = typed["kode"].astype("string") if "kode" in typed else pd.Series(dtype="string")
    where = {k: i for i, k in enumerate(kode) if not pd.isna(k)}
    for k in answers.index:
        if k not in where:
            problems.append(
                Problem(
                    source,
                    None,
                    "kode",
                    f"kuesioner untuk kode {k!r}, tetapi kode itu tidak ada di lembar koperasi",
                    "samakan kode di kedua lembar",
                    sheet,
                )
            )
    rows = np.array([where[k] for k in answers.index if k in where], dtype=int)
    found = answers.loc[[k for k in answers.index if k in where]]
    for part in questionnaire_parts():
        col, done = part.column, answered_column(part)
        if col not in typed:
            typed[col] = pd.array([pd.NA] * len(typed), dtype="Int64")
        typed[done] = pd.array([pd.NA] * len(typed), dtype="Int64")
        for r, (yes, n) in zip(rows, zip(found[col], found[done], strict=True), strict=True):
            flat = typed[col].iloc[r]
            if not pd.isna(flat) and not pd.isna(yes) and int(flat) != int(yes):
                problems.append(
                    Problem(
                        source,
                        int(r) + 2,
                        col,
                        f"jumlah ya {int(flat)} berbeda dengan lembar kuesioner ({int(yes)})",
                        "kosongkan kolom ini atau samakan dengan jawaban per pertanyaan",
                        sheet,
                    )
                )
            if pd.isna(flat):
                typed.loc[typed.index[r], col] = yes
            typed.loc[typed.index[r], done] = n
    return problems


def read_health_inputs(
    path: str | Path,
    *,
    sheet: str | int = 0,
    questionnaire: str | Path | None = None,
    aturan: str = "perdep_06_2016",
) -> pd.DataFrame:
    """Read and validate a health-scoring input file (CSV or XLSX).

    Parameters
    ----------
    path : str or Path
        A CSV (UTF-8, comma-separated) or XLSX file with the template's columns. An
        XLSX file may carry a ``kuesioner`` sheet (see :func:`write_health_template`):
        its answers per question give the "ya" counts.
    sheet : str or int
        Worksheet of the flat table in XLSX files (default: the first).
    questionnaire : str or Path, optional
        A separate CSV/XLSX of answers per question (columns ``kode``, ``no``,
        ``jawaban``), for CSV inputs.
    aturan : str
        The rule set whose columns the file holds (``"kkpkk_2021"`` for the 2021
        worksheet; Perdep 06/2016 and 07/2016 share one table).

    Returns
    -------
    DataFrame
        Typed columns (``Int64`` rupiah, ``string`` text), ready for
        :func:`~kopedu.health.scoring.score`. With a questionnaire, also
        ``dijawab_<bagian>``: how many questions of each part were answered.

    Raises
    ------
    DataValidationError
        Listing every problem (file, sheet, spreadsheet row, column, fix) at once.

    Examples
    --------
    >>> df = read_health_inputs(data_path("health", "contoh_koperasi.csv"))
    >>> df["total_aset"].dtype
    Int64Dtype()
    """
    from kopedu.errors import DataValidationError
    from kopedu.health.questionnaire import questionnaire_counts

    path = Path(path)
    for p in [path] + ([Path(questionnaire)] if questionnaire is not None else []):
        problem = _file_problem(p)
        if problem is not None:
            raise DataValidationError(p.name, [problem])
    excel = path.suffix.lower() in (".xlsx", ".xlsm")
    sheet_name = str(sheet) if excel and isinstance(sheet, str) else None
    raw = read_table(path, sheet=sheet) if excel else read_table(path, encoding="utf-8-sig")
    raw.columns = [str(c).strip() for c in raw.columns]
    if excel and sheet_name is None and isinstance(sheet, int):
        names = _sheet_names(path)
        sheet_name = names[sheet] if 0 <= sheet < len(names) else None
    typed, problems = _convert(raw, path.name, sheet_name)
    answers_table, q_source, q_sheet = None, "", None
    if questionnaire is not None:
        q_path = Path(questionnaire)
        answers_table, q_source = read_table(q_path), q_path.name
    elif excel and "kuesioner" in _sheet_names(path) and sheet_name != "kuesioner":
        answers_table = read_table(path, sheet="kuesioner")
        q_source, q_sheet = path.name, "kuesioner"
    if answers_table is not None:
        answers_table.columns = [str(c).strip() for c in answers_table.columns]
        try:
            counts = questionnaire_counts(answers_table, source=q_source)
        except DataValidationError as exc:
            problems += [dataclasses.replace(p, sheet=q_sheet) for p in exc.problems]
        else:
            problems += _merge_questionnaire(typed, counts, q_source, q_sheet)
    return validate_frame(typed, _schema(aturan), path.name, sheet=sheet_name, extra=problems)


def example_inputs(aturan: str = "perdep_06_2016") -> pd.DataFrame:
    """The bundled example table (fictional cooperatives, including edge cases).

    With ``aturan="kkpkk_2021"``: KSP Karya Mandiri with the 2021 worksheet's inputs
    (``data/health/contoh_kkpkk.csv``; its shared figures equal the Perdep table's).

    Examples
    --------
    >>> len(example_inputs()) >= 8
    True
    >>> example_inputs("kkpkk_2021")["kode"].tolist()
    ['BPN-001']
    """
    return _example(aturan.startswith("kkpkk")).copy()


@cache
def _example(kkpkk: bool) -> pd.DataFrame:
    if kkpkk:
        return read_health_inputs(data_path("health", "contoh_kkpkk.csv"), aturan="kkpkk_2021")
    return read_health_inputs(data_path("health", "contoh_koperasi.csv"))


def example_answers() -> pd.DataFrame:
    """Answers per question of the example cooperatives (fictional): kode, no, jawaban.

    Consistent with the "ya" counts of :func:`example_inputs`, except *KSP Data Belum
    Lengkap* (KTM-003), which answered only 7 questions.

    Examples
    --------
    >>> from kopedu.health.questionnaire import questionnaire_counts
    >>> counts = questionnaire_counts(example_answers())
    >>> counts.loc["BPN-001", "ya_manajemen_umum"], counts.loc["KTM-003", "dijawab_manajemen_umum"]
    (np.int64(8), np.int64(7))
    """
    return read_table(data_path("health", "contoh_kuesioner.csv"))


def check_health_inputs(data: pd.DataFrame) -> pd.DataFrame:
    """Figures that do not add up, or are missing, returned as data (one row per finding).

    Checks, per cooperative: problem loans and risky loans within loans given; kas + bank,
    loans, modal sendiri and current liabilities within total assets; simpanan pokok +
    wajib not above a positive modal sendiri; partisipasi neto not above partisipasi
    bruto; an empty non-member loans cell (a KSP lending only to members enters 0);
    modal tertimbang or ATMR entered that differ from what their balance-sheet items
    give. Findings are in row order.

    Examples
    --------
    >>> check_health_inputs(example_inputs()).columns.tolist()
    ['kode', 'temuan']
    >>> row = example_inputs().iloc[[1]].assign(kas=5_000_000_000)
    >>> check_health_inputs(row)["temuan"].tolist()
    ['kas + bank melebihi total aset']
    """
    from kopedu.formatting import format_rupiah
    from kopedu.health.weighted import FIGURES, fill_weighted

    def col(name: str) -> pd.Series:
        return data[name].astype("Float64") if name in data else pd.Series(np.nan, data.index)

    loans = col("pinjaman_anggota") + col("pinjaman_non_anggota")
    bad_loans = col("pinjaman_kurang_lancar") + col("pinjaman_diragukan") + col("pinjaman_macet")
    total = col("total_aset")
    rules: list[tuple[pd.Series, str]] = [
        (bad_loans > loans, "pinjaman bermasalah melebihi pinjaman yang diberikan"),
        (col("pinjaman_berisiko") > loans, "pinjaman berisiko melebihi pinjaman yang diberikan"),
        (col("kas") + col("bank") > total, "kas + bank melebihi total aset"),
        (loans > total, "pinjaman yang diberikan melebihi total aset"),
        (col("modal_sendiri") > total, "modal sendiri melebihi total aset"),
        (col("kewajiban_lancar") > total, "kewajiban lancar melebihi total aset"),
        (
            (col("modal_sendiri") > 0)
            & (col("simpanan_pokok") + col("simpanan_wajib") > col("modal_sendiri")),
            "simpanan pokok + wajib melebihi modal sendiri",
        ),
        (
            col("partisipasi_neto") > col("partisipasi_bruto"),
            "partisipasi neto melebihi partisipasi bruto",
        ),
    ]
    if "pinjaman_non_anggota" in data:
        rules.append(
            (
                data["pinjaman_non_anggota"].isna(),
                "pinjaman non-anggota kosong: " + empty_hint("pinjaman_non_anggota"),
            )
        )
    found: list[tuple[int, str]] = []
    for mask, text in rules:
        hit = mask.fillna(False).to_numpy(dtype=bool)
        found.extend((int(i), text) for i in np.flatnonzero(hit))
    for figure in FIGURES:
        if figure not in data or data[figure].isna().all():
            continue
        computed = fill_weighted(data.drop(columns=[figure]))[figure].to_numpy()
        given = col(figure).to_numpy(dtype=float, na_value=np.nan)
        differ = ~np.isnan(given) & ~np.isnan(computed) & (np.abs(given - computed) >= 1)
        label = "modal tertimbang" if figure == "modal_tertimbang" else "ATMR"
        for i in np.flatnonzero(differ):
            found.append(
                (
                    int(i),
                    f"{label} yang diisi ({format_rupiah(round(given[i]))}) berbeda dengan "
                    f"hasil hitung pos neraca ({format_rupiah(round(computed[i]))})",
                )
            )
    kode = data["kode"] if "kode" in data else pd.Series(data.index, index=data.index)
    found.sort(key=lambda f: f[0])
    rows = [{"kode": kode.iloc[i], "temuan": text} for i, text in found]
    return pd.DataFrame(rows, columns=["kode", "temuan"])
