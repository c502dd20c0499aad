"""The flat input table for health scoring: columns, template, reading and checks.

One row per cooperative and book year; amounts in whole rupiah. The template
(``data/health/template_penilaian_kesehatan.csv``) has exactly the columns of
:data:`INPUT_COLUMNS`; :func:`health_columns` describes each one in Bahasa Indonesia.
:func:`read_health_inputs` reads a CSV or XLSX file, accepts amounts written the
Indonesian way (``Rp 1.250.000``) and reports **every** problem at once.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from kopedu.errors import Problem
from kopedu.formatting import ParseError, parse_rupiah
from kopedu.paths import data_path
from kopedu.validation import pa, read_table, validate_frame

__all__ = [
    "INPUT_COLUMNS",
    "InputColumn",
    "check_health_inputs",
    "example_inputs",
    "health_columns",
    "health_template",
    "read_health_inputs",
    "write_health_template",
]


@dataclass(frozen=True, slots=True)
class InputColumn:
    """One column of the input template.

    ``kind`` is ``"teks"``, ``"rupiah"`` (whole rupiah), ``"jumlah"`` (a count of
    "ya" answers, 0 to ``maks``), ``"persen"`` (0–100) or ``"ya_tidak"``. ``hint`` is
    said when the cell is left empty (e.g. what to enter when the item is nil).
    """

    name: str
    description: str
    kind: str = "rupiah"
    required: bool = True
    negative_ok: bool = False
    maks: int | None = None
    hint: str = ""


def _r(name: str, desc: str, *, neg: bool = False, req: bool = True) -> InputColumn:
    return InputColumn(name, desc, "rupiah", req, neg)


def _q(name: str, desc: str, n: int) -> InputColumn:
    return InputColumn(name, desc, "jumlah", True, False, n)


#: Every column of the template, in order.
INPUT_COLUMNS: tuple[InputColumn, ...] = (
    InputColumn("kode", "kode unik koperasi (mis. nomor badan hukum)", "teks"),
    InputColumn("nama_koperasi", "nama koperasi", "teks"),
    InputColumn("jenis", "KSP, USP, KSPPS atau USPPS", "teks", required=False),
    InputColumn("wilayah", "kabupaten/kota", "teks", required=False),
    InputColumn("tahun_buku", "tahun buku yang dinilai", "tahun", required=False),
    _r("kas", "kas"),
    _r("bank", "simpanan di bank"),
    _r("total_aset", "total aset"),
    _r("kewajiban_lancar", "kewajiban lancar"),
    _r("dana_diterima", "dana yang diterima (simpanan + pinjaman dari pihak lain)"),
    _r("modal_sendiri", "modal sendiri (ekuitas); boleh negatif", neg=True),
    _r("modal_tertimbang", "modal sendiri tertimbang (untuk CAR); boleh negatif", neg=True),
    _r("atmr", "aset tertimbang menurut risiko (ATMR)"),
    _r("pinjaman_anggota", "pinjaman diberikan kepada anggota"),
    InputColumn(
        "pinjaman_non_anggota",
        "pinjaman kepada calon anggota, koperasi lain, non-anggota",
        hint="KSP yang hanya meminjamkan kepada anggota mengisi 0",
    ),
    _r("pinjaman_kurang_lancar", "pinjaman berkolektibilitas kurang lancar"),
    _r("pinjaman_diragukan", "pinjaman berkolektibilitas diragukan"),
    _r("pinjaman_macet", "pinjaman berkolektibilitas macet"),
    _r("pinjaman_berisiko", "pinjaman yang berisiko (agunan tidak memadai)"),
    _r("cadangan_tujuan_risiko", "cadangan tujuan risiko"),
    _r("penyisihan_penghapusan_pinjaman", "penyisihan penghapusan pinjaman"),
    _r("simpanan_pokok", "simpanan pokok"),
    _r("simpanan_wajib", "simpanan wajib"),
    _r("partisipasi_bruto", "partisipasi bruto (pendapatan jasa dari anggota)"),
    _r("pendapatan_non_anggota", "pendapatan dari non-anggota"),
    _r("beban_operasi_anggota", "beban operasi (beban pokok) pelayanan anggota"),
    _r("beban_usaha", "beban usaha"),
    _r("beban_perkoperasian", "beban perkoperasian (RAT, pendidikan, pengawas)"),
    _r("biaya_karyawan", "biaya karyawan"),
    _r("shu_kotor", "SHU kotor; boleh negatif", neg=True),
    _r("shu_sebelum_pajak", "SHU sebelum pajak; boleh negatif", neg=True),
    _r("shu_bagian_anggota", "SHU bagian anggota; boleh negatif", neg=True),
    _r("partisipasi_neto", "partisipasi neto; boleh negatif", neg=True),
    _r("pea", "promosi ekonomi anggota (PEA); boleh negatif", neg=True),
    _q("ya_manajemen_umum", "jumlah jawaban 'ya' manajemen umum (dari 12)", 12),
    _q("ya_kelembagaan", "jumlah jawaban 'ya' kelembagaan (dari 6)", 6),
    _q("ya_manajemen_permodalan", "jumlah jawaban 'ya' manajemen permodalan (dari 5)", 5),
    _q("ya_manajemen_aktiva", "jumlah jawaban 'ya' manajemen aktiva (dari 10)", 10),
    _q("ya_manajemen_likuiditas", "jumlah jawaban 'ya' manajemen likuiditas (dari 5)", 5),
    InputColumn(
        "kepatuhan_syariah", "persentase butir kepatuhan syariah (KSPPS saja)", "persen", False
    ),
    InputColumn(
        "faktor_pengawasan_khusus",
        "ya jika ada sengketa internal, campur tangan luar, rekayasa pembukuan atau usaha di "
        "luar pembukuan (kategori menjadi Dalam Pengawasan Khusus)",
        "ya_tidak",
        required=False,
    ),
    _r("simpanan_sukarela", "simpanan sukarela dan berjangka (untuk PEARLS)", req=False),
    _r("pinjaman_luar", "pinjaman dari bank/pihak luar (untuk PEARLS)", req=False),
    _r("cadangan_umum", "cadangan umum (untuk PEARLS)", req=False),
)
_BY_NAME = {c.name: c for c in INPUT_COLUMNS}


def empty_hint(column: str) -> str:
    """What to enter when ``column`` is empty (``""`` if nothing specific).

    Examples
    --------
    >>> empty_hint("pinjaman_non_anggota")
    'KSP yang hanya meminjamkan kepada anggota mengisi 0'
    """
    col = _BY_NAME.get(column)
    return col.hint if col is not None else ""


_TRUE = {"ya", "y", "true", "1", "benar"}
_FALSE = {"tidak", "t", "false", "0", "salah", ""}


def health_columns() -> pd.DataFrame:
    """The template's columns with their meaning, unit and whether they are required.

    Examples
    --------
    >>> health_columns().loc[lambda d: d.kolom == "total_aset", "wajib"].item()
    True
    """
    return pd.DataFrame(
        {
            "kolom": [c.name for c in INPUT_COLUMNS],
            "keterangan": [c.description for c in INPUT_COLUMNS],
            "jenis_isian": [c.kind for c in INPUT_COLUMNS],
            "wajib": [c.required for c in INPUT_COLUMNS],
            "boleh_negatif": [c.negative_ok for c in INPUT_COLUMNS],
        }
    )


def health_template() -> pd.DataFrame:
    """An empty input table with the template's columns (in order).

    Examples
    --------
    >>> list(health_template().columns[:3])
    ['kode', 'nama_koperasi', 'jenis']
    """
    return pd.DataFrame({c.name: pd.Series(dtype=_dtype(c)) for c in INPUT_COLUMNS})


def write_health_template(path: str | Path) -> Path:
    """Write the empty template as CSV (atomically) and return its path.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_health_template(Path(d) / "templat.csv").read_text().startswith("kode,")
    True
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            health_template().to_csv(fh, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _dtype(c: InputColumn) -> str:
    return {"teks": "string", "persen": "Float64", "ya_tidak": "boolean"}.get(c.kind, "Int64")


def _schema() -> pa.DataFrameSchema:
    cols = {}
    for c in INPUT_COLUMNS:
        checks = []
        fix = "isi angka rupiah utuh tanpa sen, mis. 1250000 atau Rp 1.250.000"
        if c.kind == "rupiah" and not c.negative_ok:
            checks.append(pa.Check.ge(0))
            fix = "jumlah ini tidak boleh negatif; isi angka rupiah utuh ≥ 0"
        elif c.kind == "jumlah":
            checks.append(pa.Check.in_range(0, c.maks))
            fix = f"isi jumlah jawaban 'ya', bilangan bulat 0 sampai {c.maks}"
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
        col = _BY_NAME.get(str(name).strip())
        s = raw[name]
        if col is None:
            out[name] = s
            continue
        text = s.astype("string").str.strip().replace("", pd.NA)
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
        for i in np.flatnonzero((num.isna() & text.notna()).to_numpy()):
            try:
                values.iloc[i] = float(parse_rupiah(str(text.iloc[i]), allow_sen=True))
            except ParseError as exc:
                problems.append(Problem(source, int(i) + 2, col.name, str(exc), "", sheet))
        if col.kind == "persen":
            out[col.name] = values
            continue
        frac = values.notna() & (values != values.round())
        for i in np.flatnonzero(frac.to_numpy(dtype=bool, na_value=False)):
            what = "memuat sen" if col.kind == "rupiah" else "bukan bilangan bulat"
            problems.append(
                Problem(
                    source,
                    int(i) + 2,
                    col.name,
                    f"nilai {text.iloc[i]} {what}",
                    "bulatkan ke bilangan bulat",
                    sheet,
                )
            )
            values.iloc[i] = pd.NA
        out[col.name] = values.astype("Int64")
    return out, problems


def read_health_inputs(path: str | Path, *, sheet: str | int = 0) -> pd.DataFrame:
    """Read and validate a health-scoring input file (CSV or XLSX).

    Parameters
    ----------
    path : str or Path
        A CSV (UTF-8, comma-separated) or XLSX file with the template's columns.
    sheet : str or int
        Worksheet for XLSX files.

    Returns
    -------
    DataFrame
        Typed columns (``Int64`` rupiah, ``string`` text), ready for
        :func:`~kopedu.health.scoring.score`.

    Raises
    ------
    DataValidationError
        Listing every problem (file, spreadsheet row, column, fix) at once.

    Examples
    --------
    >>> df = read_health_inputs(data_path("health", "contoh_koperasi.csv"))
    >>> df["total_aset"].dtype
    Int64Dtype()
    """
    path = Path(path)
    excel = path.suffix.lower() in (".xlsx", ".xlsm")
    sheet_name = str(sheet) if excel and isinstance(sheet, str) else None
    raw = read_table(path, sheet=sheet) if excel else read_table(path, encoding="utf-8-sig")
    raw.columns = [str(c).strip() for c in raw.columns]
    typed, problems = _convert(raw, path.name, sheet_name)
    return validate_frame(typed, _schema(), path.name, sheet=sheet_name, extra=problems)


def example_inputs() -> pd.DataFrame:
    """The bundled example table (fictional cooperatives, including edge cases).

    Examples
    --------
    >>> len(example_inputs()) >= 8
    True
    """
    return _example().copy()


@cache
def _example() -> pd.DataFrame:
    return read_health_inputs(data_path("health", "contoh_koperasi.csv"))


def check_health_inputs(data: pd.DataFrame) -> pd.DataFrame:
    """Figures that do not add up, returned as data (one row per finding).

    Checks: problem loans within loans given; kas + bank and loans within total
    assets; simpanan pokok + wajib not above modal sendiri when it is positive.

    Examples
    --------
    >>> check_health_inputs(example_inputs()).columns.tolist()
    ['kode', 'temuan']
    """

    def col(name: str) -> pd.Series:
        return data[name].astype("Float64") if name in data else pd.Series(np.nan, data.index)

    loans = col("pinjaman_anggota") + col("pinjaman_non_anggota")
    bad_loans = col("pinjaman_kurang_lancar") + col("pinjaman_diragukan") + col("pinjaman_macet")
    rules: Iterable[tuple[pd.Series, str]] = (
        (bad_loans > loans, "pinjaman bermasalah melebihi pinjaman yang diberikan"),
        (col("kas") + col("bank") > col("total_aset"), "kas + bank melebihi total aset"),
        (loans > col("total_aset"), "pinjaman yang diberikan melebihi total aset"),
        (
            (col("modal_sendiri") > 0)
            & (col("simpanan_pokok") + col("simpanan_wajib") > col("modal_sendiri")),
            "simpanan pokok + wajib melebihi modal sendiri",
        ),
    )
    rows = []
    kode = data["kode"] if "kode" in data else pd.Series(data.index, index=data.index)
    for mask, text in rules:
        hit = mask.fillna(False).to_numpy(dtype=bool)
        rows.extend({"kode": k, "temuan": text} for k in kode[hit])
    return pd.DataFrame(rows, columns=["kode", "temuan"])
