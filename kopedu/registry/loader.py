"""Read a trainer's registry (XLSX workbook or CSV files) with the usual mess handled.

Handled without complaint: title rows above the header, merged header cells (the
value of a merged range is copied to every cell it covers), header spellings from
:data:`~kopedu.registry.columns.ALIASES`, Indonesian dates ("31 Desember 2023",
"31/12/2023") and numbers ("1.209"), Excel date cells and serial numbers, trailing
and double spaces, region names such as "KAB. KUTAI TIMUR", rows repeated verbatim.

Anything that needs a decision by a person (an unreadable date, an unknown
kabupaten, the same identifier on two different rows, a RAT for a cooperative that
is not in the list) is collected, and :func:`load_registry` raises **one**
:class:`~kopedu.errors.DataValidationError` naming every problem by sheet, row and
column, with the fix. A malformed or hostile file gives a clear message, never a
traceback; formulas are not evaluated (cached values only).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from kopedu.errors import DataValidationError, Problem, UnknownRegionError
from kopedu.formatting import ParseError, parse_date, parse_number, parse_rupiah
from kopedu.registry.columns import (
    JENIS,
    JENIS_ALIASES,
    MODE_ALIASES,
    MODES,
    STATUS_ALIASES,
    TABLES,
    canonical_column,
    normalize_header,
)
from kopedu.registry.model import Registry

__all__ = [
    "MAX_FILE_BYTES",
    "frames_to_registry",
    "load_clean_csv",
    "load_registry",
    "read_grids",
]

log = logging.getLogger("kopedu")

#: Larger files are refused before they are opened (a registry of 100,000 cooperatives
#: with six years of RAT is about 20 MB as XLSX).
MAX_FILE_BYTES = 100 * 1024 * 1024
_MAX_UNZIPPED = 1024 * 1024 * 1024
_HEADER_SCAN_ROWS = 25
_SHEET_NAMES = {
    "koperasi": {"koperasi", "daftar koperasi", "data koperasi", "registry", "daftar", "register"},
    "rat": {"rat", "data rat", "laporan rat", "rapat anggota", "rapat anggota tahunan"},
    "keuangan": {"keuangan", "ringkasan keuangan", "data keuangan", "laporan keuangan"},
}

Grid = list[list[object]]


# --------------------------------------------------------------------------- reading


def _file_problem(name: str, message: str, fix: str) -> DataValidationError:
    return DataValidationError(name, [Problem(name, None, None, message, fix)])


def _read_xlsx(path: Path) -> dict[str, Grid]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            unzipped = sum(i.file_size for i in zf.infolist())
        if unzipped > _MAX_UNZIPPED:
            raise _file_problem(
                name,
                "isi file terlalu besar setelah dibuka (kemungkinan rusak)",
                "simpan ulang file dari Excel/LibreOffice",
            )
        wb = openpyxl.load_workbook(path, data_only=True)
    except DataValidationError:
        raise
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
    ) as exc:
        raise _file_problem(
            name,
            f"file tidak bisa dibuka sebagai workbook Excel ({type(exc).__name__})",
            "buka di Excel/LibreOffice lalu simpan sebagai .xlsx",
        ) from None
    grids: dict[str, Grid] = {}
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        for rng in ws.merged_cells.ranges:
            value = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
                row = rows[r]
                for c in range(rng.min_col - 1, min(rng.max_col, len(row))):
                    row[c] = value
        grids[ws.title] = rows
    wb.close()
    return grids


def _read_csv(path: Path) -> Grid:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise _file_problem(path.name, "file bukan teks", "simpan ulang sebagai CSV UTF-8")
    if "\x00" in text:
        raise _file_problem(
            path.name, "file berisi data biner, bukan CSV", "pilih file .csv atau .xlsx yang benar"
        )
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise _file_problem(
            path.name,
            f"CSV tidak bisa dibaca ({exc})",
            "periksa tanda kutip; teks yang memuat koma harus diapit tanda kutip",
        ) from None


def read_grids(path: str | Path) -> dict[str, Grid]:
    """Read every sheet of a workbook (or one CSV) as a list of rows of raw cells.

    Merged ranges are filled with their top-left value. Formulas are not evaluated:
    a cell holding a formula gives the value Excel cached for it (or nothing).

    Parameters
    ----------
    path : str or Path
        ``.xlsx``/``.xlsm`` or ``.csv`` (``,`` ``;`` or tab separated).

    Returns
    -------
    dict
        Sheet name (the file stem for a CSV) → rows.

    Raises
    ------
    DataValidationError
        When the file is missing, too large, or not a readable workbook/CSV.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise _file_problem(name, f"file tidak ditemukan di {path}", "periksa nama dan folder file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise _file_problem(
            name,
            "file lebih besar dari 100 MB",
            "pisahkan per kabupaten/kota atau hapus kolom yang tidak dipakai",
        )
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path)
    if suffix in {".csv", ".txt"}:
        return {path.stem: _read_csv(path)}
    if suffix == ".xls":
        raise _file_problem(
            name,
            "format Excel lama (.xls) tidak didukung",
            "buka di Excel/LibreOffice lalu simpan sebagai .xlsx",
        )
    raise _file_problem(
        name,
        f"jenis file {suffix or '(tanpa akhiran)'} tidak dikenal",
        "pakai .xlsx atau .csv (lihat: kopedu registry template)",
    )


# ---------------------------------------------------------------- header detection


def _squeeze(value: object) -> object:
    if isinstance(value, str):
        return " ".join(value.split()) or None  # split() also splits on NBSP and tabs
    return value


def _clean_series(s: pd.Series) -> pd.Series:
    """Trim and collapse spaces in text cells; empty text becomes None."""
    out = s.map(_squeeze)
    return out.where(out.notna(), None).astype(object)


def _find_header(grid: Grid, table: str) -> tuple[int, list[str | None]] | None:
    best, best_row = 0, -1
    for i, row in enumerate(grid[:_HEADER_SCAN_ROWS]):
        hits = {canonical_column(table, c) for c in row if isinstance(c, str)} - {None}
        if len(hits) >= max(2, best):
            best, best_row = len(hits), i
    if best_row < 0:
        return None
    row = grid[best_row]
    above = grid[best_row - 1] if best_row > 0 else []
    names: list[str | None] = []
    for j, cell in enumerate(row):
        canon = canonical_column(table, cell) if isinstance(cell, str) else None
        if canon is None and j < len(above) and isinstance(above[j], str):
            canon = canonical_column(table, above[j])
        names.append(canon)
    return best_row, names


def _score(grid: Grid, table: str) -> int:
    found = _find_header(grid, table)
    return 0 if found is None else len({n for n in found[1] if n})


def _pick_sheets(grids: dict[str, Grid]) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for table, names in _SHEET_NAMES.items():
        for sheet in grids:
            if normalize_header(sheet) in names and sheet not in chosen.values():
                chosen[table] = sheet
                break
    for table in TABLES:
        if table in chosen:
            continue
        required = {c.name for c in TABLES[table] if c.required}
        scored = [(_score(g, table), s) for s, g in grids.items() if s not in chosen.values()]
        scored = [(n, s) for n, s in scored if n >= len(required)]
        if scored:
            chosen[table] = max(scored)[1]
    return chosen


# ------------------------------------------------------------------- cell parsing


class _Collector:
    """Problems and findings found while reading one sheet."""

    def __init__(self, file: str, sheet: str | None) -> None:
        self.file, self.sheet = file, sheet
        self.problems: list[Problem] = []
        self.findings: list[Problem] = []

    def problem(self, row: int | None, column: str | None, message: str, fix: str = "") -> None:
        self.problems.append(Problem(self.file, row, column, message, fix, self.sheet))

    def finding(self, row: int | None, column: str | None, message: str, fix: str = "") -> None:
        self.findings.append(Problem(self.file, row, column, message, fix, self.sheet))


def _by_unique(
    values: pd.Series, convert: Callable[[object], object]
) -> tuple[pd.Series, pd.Series]:
    """Apply ``convert`` once per distinct value; returns (converted, error text)."""
    uniques = pd.unique(values.dropna().to_numpy(dtype=object))
    out: dict[object, object] = {}
    err: dict[object, str] = {}
    for u in uniques:
        try:
            out[u] = convert(u)
        except (ParseError, ValueError, TypeError, OverflowError) as exc:
            err[u] = str(exc)
    return values.map(out), values.map(err)


def _to_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466 and float(value).is_integer():  # Excel serial day number
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        raise ParseError(f"{value!r} bukan tanggal.")
    text = str(value)
    text = re.sub(r"\s+00:00(:00)?$", "", text)  # "2023-12-31 00:00:00" from CSV exports
    return parse_date(text)


def _to_int(value: object) -> int:
    if isinstance(value, bool):
        raise ParseError(f"{value!r} bukan angka.")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ParseError(f"{value!r} bukan bilangan bulat.")
        return int(value)
    number = parse_number(str(value))
    if number != number.to_integral_value():
        raise ParseError(f"{value!r} bukan bilangan bulat.")
    return int(number)


def _to_rupiah(value: object) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _to_int(value)
    return int(parse_rupiah(str(value)))


def _as_text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel turns a number-like id "123" into 123.0
    return str(value)


def _lookup(mapping: dict[str, str], allowed: Sequence[str]) -> Callable[[object], object]:
    def convert(value: object) -> str:
        key = normalize_header(value)
        if key in mapping:
            return mapping[key]
        raise ValueError(f"{value!r} tidak dikenal")

    return convert


def _region_kab(value: object) -> tuple[str, str]:
    """(kab/kota code, kecamatan code or "") for a region cell."""
    from kopedu.regions import lookup_region

    region = lookup_region(str(value))
    if region.level in ("kabupaten", "kota"):
        return region.code, ""
    if region.level == "kecamatan":
        return region.parent_code, region.code
    raise ValueError(
        f"{value!r} adalah {region.level}, bukan kabupaten/kota; tulis kabupaten/kota koperasi itu"
    )


def _parse_column(df: pd.DataFrame, col: str, kind: str, rows: pd.Series, c: _Collector) -> None:
    s = df[col]
    if kind == "text":
        df[col] = s.map(_as_text).astype("string")
        return
    if kind == "date":
        iso = pd.to_datetime(
            s.where(s.map(lambda v: isinstance(v, str))), format="%Y-%m-%d", errors="coerce"
        )
        converted, errors = _by_unique(s.where(iso.isna()), _to_date)
        converted = converted.where(iso.isna(), iso)
        fix = "tulis tanggal seperti 31/12/2023, 31 Desember 2023 atau 2023-12-31"
        df[col] = pd.to_datetime(converted, errors="coerce")
    elif kind in ("int", "rupiah"):
        converted, errors = _by_unique(s, _to_int if kind == "int" else _to_rupiah)
        fix = (
            "tulis bilangan bulat, misalnya 1.209 (titik sebagai pemisah ribuan)"
            if kind == "int"
            else "tulis rupiah utuh, misalnya Rp 1.250.000 atau 1250000"
        )
        df[col] = pd.array(converted, dtype="Int64")
    else:
        if kind == "jenis":
            convert, fix = _lookup(JENIS_ALIASES, JENIS), "pilih salah satu: " + ", ".join(JENIS)
        elif kind == "mode":
            convert, fix = _lookup(MODE_ALIASES, MODES), "tulis luring, daring, atau hybrid"
        elif kind == "status":
            convert = _lookup(STATUS_ALIASES, ("berlaku", "proses pembubaran", "dibubarkan"))
            fix = "kosongkan, atau tulis proses pembubaran / dibubarkan"
        else:  # region
            return
        converted, errors = _by_unique(s, convert)
        df[col] = converted.astype("string")
    bad = errors.notna()
    for row, value, message in zip(rows[bad], s[bad], errors[bad], strict=True):
        c.problem(int(row), col, f"{value!r} tidak bisa dibaca: {message}", fix)


def _sheet_frame(grid: Grid, table: str, c: _Collector) -> pd.DataFrame | None:
    found = _find_header(grid, table)
    if found is None:
        c.problem(
            None,
            None,
            f"baris judul kolom tabel {table} tidak ditemukan",
            "pakai judul kolom seperti di template (kopedu registry template)",
        )
        return None
    header_row, names = found
    seen: dict[str, int] = {}
    keep: list[int] = []
    for j, name in enumerate(names):
        if name is None:
            continue
        if name in seen:
            c.finding(
                header_row + 1,
                name,
                f"kolom {name!r} muncul lebih dari sekali; yang dipakai kolom pertama",
            )
            continue
        seen[name] = j
        keep.append(j)
    raw = pd.DataFrame(grid[header_row + 1 :], dtype=object)
    raw.index = pd.RangeIndex(header_row + 2, header_row + 2 + len(raw), name="baris")
    df = pd.DataFrame(
        {names[j]: _clean_series(raw[j]) if j in raw else None for j in keep},
        index=raw.index,
        dtype=object,
    )
    df = df[df.notna().any(axis=1)] if len(df.columns) else df
    missing = [col.name for col in TABLES[table] if col.required and col.name not in df]
    for col in missing:
        c.problem(
            header_row + 1,
            col,
            "kolom wajib ini tidak ada",
            next(x.help for x in TABLES[table] if x.name == col),
        )
    if missing:
        return None
    for col in TABLES[table]:
        if col.name not in df:
            df[col.name] = None
    df = df[[col.name for col in TABLES[table]]].copy()
    # Footer notes ("Sumber: Dinas …") fill only the first cell: drop them with a finding.
    nonempty = df.notna().sum(axis=1)
    note = (nonempty == 1) & df.iloc[:, 1:].isna().all(axis=1) & (len(df.columns) > 2)
    for row in df.index[note]:
        c.finding(int(row), None, "baris catatan (hanya sel pertama terisi) dilewati")
    df = df[~note]
    rows = pd.Series(df.index, index=df.index)
    blank = df.isna()  # before parsing: a cell that fails to parse is not "empty"
    for col in TABLES[table]:
        _parse_column(df, col.name, col.kind, rows, c)
    for col in TABLES[table]:
        if col.required:
            empty = blank[col.name]
            for row in df.index[empty]:
                c.problem(int(row), col.name, "sel ini kosong, padahal wajib diisi", col.help)
    return df


# ---------------------------------------------------------------- table checks


def _dedupe(df: pd.DataFrame, keys: list[str], c: _Collector, what: str) -> pd.DataFrame:
    exact = df.duplicated(keep="first")
    for row in df.index[exact]:
        c.finding(int(row), None, f"baris ini sama persis dengan baris {what} sebelumnya; dilewati")
    df = df[~exact]
    valid = df[keys].notna().all(axis=1)
    dup = df[valid].duplicated(keys, keep=False)
    dup_rows = df[valid][dup]
    if len(dup_rows):
        groups = dup_rows.groupby(keys if len(keys) > 1 else keys[0], sort=False).groups
        for key, idx in groups.items():
            rows = [int(r) for r in idx]
            shown = key if isinstance(key, str) else " / ".join(map(str, key))
            for r in rows:
                others = ", ".join(str(o) for o in rows if o != r)
                c.problem(
                    r,
                    keys[-1],
                    f"{shown!r} juga dipakai di baris {others} dengan isi berbeda",
                    f"setiap {what} hanya boleh satu baris; gabungkan atau perbaiki identitasnya",
                )
    return df


def _koperasi_checks(df: pd.DataFrame, c: _Collector) -> pd.DataFrame:
    from kopedu.regions import children, load_regions

    df = _dedupe(df, ["id_koperasi"], c, "koperasi")
    # Regions: one lookup per distinct spelling.
    region_errors: dict[object, str] = {}
    region_codes: dict[object, tuple[str, str]] = {}
    for value in pd.unique(df["kabupaten_kota"].dropna().to_numpy(dtype=object)):
        try:
            region_codes[value] = _region_kab(value)
        except UnknownRegionError as exc:
            region_errors[value] = str(exc)
        except ValueError as exc:
            region_errors[value] = str(exc)
    bad = df["kabupaten_kota"].map(region_errors)
    for row, message in bad.dropna().items():
        c.problem(
            int(row),
            "kabupaten_kota",
            message,
            "tulis nama kabupaten/kota seperti di katalog (kopedu regions)",
        )
    codes = df["kabupaten_kota"].map(region_codes)
    kab = codes.map(lambda t: t[0] if isinstance(t, tuple) else None).astype("string")
    kec_from_region = codes.map(lambda t: t[1] if isinstance(t, tuple) else "").fillna("")
    regions = load_regions().set_index("code")
    out = df.copy()
    out["kode_wilayah"] = kab
    out["kabupaten_kota"] = kab.map(regions["official_name"]).astype("string")
    out["kode_provinsi"] = kab.str.slice(0, 2).astype("string")
    # Kecamatan: match within the kabupaten's catalog when it has one.
    kec_code: dict[tuple[str, str], str] = {}
    kec_name: dict[tuple[str, str], str] = {}
    pairs = pd.DataFrame({"kab": kab, "kec": out["kecamatan"]}).dropna().drop_duplicates()
    for k, text in zip(pairs["kab"], pairs["kec"], strict=True):
        options = children(k, "kecamatan")
        key = normalize_header(re.sub(r"^(kecamatan|kec\.?)\s+", "", text, flags=re.I))
        kab_name = normalize_header(regions.loc[k, "name"])
        match = next(
            (
                r
                for r in options
                if key
                in {
                    normalize_header(r.name),
                    normalize_header(r.name).removeprefix(kab_name).strip(),
                }
                or r.code == text
            ),
            None,
        )
        if match is None and options:
            try:
                from kopedu.regions import lookup_region

                hit = lookup_region(text)
                match = hit if hit.parent_code == k and hit.level == "kecamatan" else None
            except UnknownRegionError:
                match = None
        if match is not None:
            kec_code[(k, text)], kec_name[(k, text)] = match.code, match.name
        elif options:
            kec_name[(k, text)] = text.title()
            for row in out.index[(kab == k) & (out["kecamatan"] == text)]:
                c.finding(
                    int(row),
                    "kecamatan",
                    f"kecamatan {text!r} tidak ada di katalog {regions.loc[k, 'official_name']}",
                    "periksa ejaan; nama ditulis apa adanya",
                )
        else:
            kec_name[(k, text)] = text.title()
    keys = pd.Series(
        list(zip(kab.fillna(""), out["kecamatan"].fillna(""), strict=True)), index=out.index
    )
    mapped = keys.map(kec_code).astype(object)
    out["kode_kecamatan"] = mapped.where(mapped.notna(), kec_from_region).astype("string")
    from_region = kec_from_region.ne("") & out["kecamatan"].isna()
    out["kecamatan"] = keys.map(kec_name).astype("string")
    out.loc[from_region, "kecamatan"] = kec_from_region[from_region].map(regions["name"])
    missing_kec = out["kecamatan"].isna() & kab.notna()
    if missing_kec.any():
        c.finding(
            None,
            "kecamatan",
            f"{int(missing_kec.sum())} koperasi tanpa kecamatan; dihitung sebagai "
            "'(tidak tercatat)' dalam rincian per kecamatan",
        )
    out["tahun_berdiri"] = out["tanggal_badan_hukum"].dt.year.astype("Int64")
    out["status_badan_hukum"] = out["status_badan_hukum"].fillna("berlaku").astype("string")
    need_date = (out["status_badan_hukum"] == "dibubarkan") & out["tanggal_status"].isna()
    for row in out.index[need_date]:
        c.problem(
            int(row),
            "tanggal_status",
            "status dibubarkan tanpa tanggal",
            "isi tanggal keputusan pembubaran",
        )
    future = out["tanggal_badan_hukum"] > pd.Timestamp(dt.date.today())
    for row in out.index[future.fillna(False)]:
        c.problem(
            int(row),
            "tanggal_badan_hukum",
            "tanggal badan hukum di masa depan",
            "periksa urutan hari/bulan/tahun",
        )
    return out


def _rat_checks(rat: pd.DataFrame, kop: pd.DataFrame | None, c: _Collector) -> pd.DataFrame:
    rat = _dedupe(rat, ["id_koperasi", "tahun_buku"], c, "RAT (koperasi + tahun buku)")
    if kop is not None:
        known = kop["id_koperasi"].dropna()
        unknown = rat["id_koperasi"].notna() & ~rat["id_koperasi"].isin(known)
        for row, value in rat.loc[unknown, "id_koperasi"].items():
            c.problem(
                int(row),
                "id_koperasi",
                f"{value!r} tidak ada di daftar koperasi",
                "tulis id persis seperti di sheet koperasi, atau tambahkan koperasinya",
            )
    tb = rat["tahun_buku"]
    out_of_range = tb.notna() & ((tb < 1945) | (tb > dt.date.today().year))
    for row, value in tb[out_of_range.fillna(False)].items():
        c.problem(
            int(row),
            "tahun_buku",
            f"tahun buku {value} tidak masuk akal",
            "tulis tahun empat angka, misalnya 2023",
        )
    fye = pd.to_datetime(
        tb.astype("float").map(lambda y: f"{int(y)}-12-31" if y == y else None), errors="coerce"
    )
    early = (rat["tanggal_rat"] <= fye).fillna(False)
    for row in rat.index[early]:
        c.problem(
            int(row),
            "tanggal_rat",
            "RAT dilaksanakan sebelum tahun buku berakhir",
            "RAT tahun buku 2023 diadakan pada 2024; periksa tahun buku atau tanggalnya",
        )
    before = (rat["tanggal_lapor"] < rat["tanggal_rat"]).fillna(False)
    for row in rat.index[before]:
        c.problem(
            int(row), "tanggal_lapor", "tanggal lapor sebelum tanggal RAT", "periksa kedua tanggal"
        )
    for col in ("jumlah_hadir",):
        neg = (rat[col] < 0).fillna(False)
        for row in rat.index[neg]:
            c.problem(int(row), col, "nilai negatif", "tulis bilangan bulat ≥ 0")
    return rat


# ----------------------------------------------------------------------- public


def frames_to_registry(
    tables: dict[str, pd.DataFrame | Grid],
    source: str = "<tabel>",
    *,
    sheets: dict[str, str] | None = None,
    synthetic: bool = False,
) -> Registry:
    """Build a :class:`Registry` from raw tables (DataFrames or rows of cells).

    Parameters
    ----------
    tables : dict
        ``{"koperasi": ..., "rat": ..., "keuangan": ...}`` (``keuangan`` optional); each a
        DataFrame (its columns are the header) or a list of rows whose header row is
        found automatically.
    source : str
        File name shown in messages.
    sheets : dict, optional
        Table → sheet name, for messages.
    synthetic : bool
        Mark the registry as synthetic.

    Raises
    ------
    DataValidationError
        Listing every problem in every table.

    Examples
    --------
    >>> kop = [["DAFTAR KOPERASI KAB. KUTAI TIMUR", None, None, None, None],
    ...        ["No. Badan Hukum", "NAMA KOPERASI", "Jenis", "Kab/Kota", "Tgl BH"],
    ...        ["001/BH/2019 ", "KSU Maju", "KSU", "KAB. KUTAI TIMUR", "31 Desember 2019"]]
    >>> rat = [["No. Badan Hukum", "Tahun Buku", "Tgl RAT"], ["001/BH/2019", "2023", "15/03/2024"]]
    >>> reg = frames_to_registry({"koperasi": kop, "rat": rat}, "contoh.xlsx")
    >>> reg.koperasi.loc[0, ["id_koperasi", "jenis", "kode_wilayah"]].tolist()
    ['001/BH/2019', 'serba usaha', '64.08']
    """
    sheets = sheets or {}
    problems: list[Problem] = []
    findings: list[Problem] = []
    parsed: dict[str, pd.DataFrame | None] = {}
    for table in ("koperasi", "rat", "keuangan"):
        raw = tables.get(table)
        if raw is None:
            parsed[table] = None
            if table != "keuangan":
                problems.append(
                    Problem(
                        source,
                        None,
                        None,
                        f"tabel {table} tidak ada",
                        f"tambahkan sheet {table!r} seperti di template",
                    )
                )
            continue
        sheet = sheets.get(table)
        c = _Collector(source, sheet)
        if isinstance(raw, pd.DataFrame):
            grid: Grid = [
                list(raw.columns),
                *raw.astype(object).where(raw.notna(), None).values.tolist(),
            ]
        else:
            grid = raw
        df = _sheet_frame(grid, table, c)
        if df is not None and table == "koperasi":
            df = _koperasi_checks(df, c)
        parsed[table] = df
        problems.extend(c.problems)
        findings.extend(c.findings)
    if parsed["rat"] is not None:
        c = _Collector(source, sheets.get("rat"))
        parsed["rat"] = _rat_checks(parsed["rat"], parsed["koperasi"], c)
        problems.extend(c.problems)
        findings.extend(c.findings)
    if parsed["keuangan"] is not None:
        c = _Collector(source, sheets.get("keuangan"))
        parsed["keuangan"] = _dedupe(
            parsed["keuangan"], ["id_koperasi", "tahun_buku"], c, "keuangan (koperasi + tahun buku)"
        )
        problems.extend(c.problems)
        findings.extend(c.findings)
    if problems:
        order = {t: i for i, t in enumerate(sheets.values())}
        problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))  # stable: by sheet, row
        raise DataValidationError(source, problems)
    kop = parsed["koperasi"]
    rat = parsed["rat"]
    assert kop is not None and rat is not None
    return _assemble(kop, rat, parsed["keuangan"], source, findings, synthetic)


def _assemble(
    kop: pd.DataFrame,
    rat: pd.DataFrame,
    keu: pd.DataFrame | None,
    source: str,
    findings: list[Problem],
    synthetic: bool,
) -> Registry:
    kop_cols = [
        "id_koperasi", "nama_koperasi", "jenis", "kode_wilayah", "kabupaten_kota",
        "kode_provinsi", "kecamatan", "kode_kecamatan", "tanggal_badan_hukum",
        "tahun_berdiri", "jumlah_anggota", "status_badan_hukum", "tanggal_status", "nik",
        "keterangan",
    ]  # fmt: skip
    kop = kop[kop_cols].reset_index(drop=True)
    kop["jenis"] = pd.Categorical(kop["jenis"], categories=list(JENIS))
    rat = rat.assign(tahun_buku=rat["tahun_buku"].astype("int64")).reset_index(drop=True)
    if keu is not None:
        keu = keu.assign(tahun_buku=keu["tahun_buku"].astype("int64")).reset_index(drop=True)
    for f in findings:
        log.info("%s", f)
    return Registry(kop, rat, keu, source, tuple(findings), synthetic)


def load_registry(
    path: str | Path, rat: str | Path | None = None, keuangan: str | Path | None = None
) -> Registry:
    """Load a trainer's registry from an XLSX workbook or CSV files.

    Parameters
    ----------
    path : str or Path
        An ``.xlsx`` workbook with sheets ``koperasi`` and ``rat`` (and optionally
        ``keuangan``; sheets with other names are recognised by their headers), or the
        ``koperasi`` CSV, or a folder holding ``*koperasi*.csv`` and ``*rat*.csv``.
    rat, keuangan : str or Path, optional
        The other CSV files when ``path`` is the koperasi CSV.

    Returns
    -------
    Registry

    Raises
    ------
    DataValidationError
        One error listing every problem by file, sheet, row and column.

    Examples
    --------
    >>> from kopedu.paths import data_path
    >>> reg = load_registry(data_path("registry", "template", "template_registry.xlsx"))
    >>> len(reg.koperasi), len(reg.rat)
    (2, 3)
    """
    path = Path(path)
    if path.is_dir():
        csvs = sorted(path.glob("*.csv"))
        kop_path = next((p for p in csvs if "koperasi" in p.name.lower()), None)
        rat = rat or next((p for p in csvs if "rat" in p.stem.lower().split("_")), None)
        keuangan = keuangan or next((p for p in csvs if "keuangan" in p.name.lower()), None)
        if kop_path is None:
            raise _file_problem(
                path.name,
                "folder tidak memuat file *koperasi*.csv",
                "simpan daftar koperasi sebagai koperasi.csv",
            )
        path = kop_path
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        grids = read_grids(path)
        chosen = _pick_sheets(grids)
        tables = {t: grids[s] for t, s in chosen.items()}
        return frames_to_registry(tables, path.name, sheets=chosen)
    tables = {"koperasi": read_grids(path)[path.stem]}
    sheets = {"koperasi": path.name}  # messages name each CSV file as its "sheet"
    for table, other in (("rat", rat), ("keuangan", keuangan)):
        if other is not None:
            tables[table] = next(iter(read_grids(other).values()))
            sheets[table] = Path(other).name
    return frames_to_registry(tables, path.name, sheets=sheets)


def load_clean_csv(
    koperasi: str | Path, rat: str | Path, *, source: str | None = None, synthetic: bool = False
) -> Registry:
    """Fast path for registries kopedu wrote itself (UTF-8 CSV, template columns, ISO dates).

    Cells are parsed column-wise (no Indonesian-format guessing); regions, duplicates
    and references are checked exactly as in :func:`load_registry`, and any problem is
    reported the same way. Used for the bundled synthetic registry.

    Examples
    --------
    >>> from kopedu.paths import data_path
    >>> reg = load_clean_csv(data_path("registry", "koperasi_sintetis.csv"),
    ...                      data_path("registry", "rat_sintetis.csv"))
    >>> len(reg.koperasi) > 10_000
    True
    """
    koperasi, rat = Path(koperasi), Path(rat)
    source = source or koperasi.name
    frames = {}
    for table, path in (("koperasi", koperasi), ("rat", rat)):
        if not path.is_file():
            raise _file_problem(
                path.name, f"file tidak ditemukan di {path}", "periksa nama dan folder file"
            )
        try:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        except (UnicodeDecodeError, pd.errors.ParserError, ValueError) as exc:
            raise _file_problem(
                path.name,
                f"CSV tidak bisa dibaca ({type(exc).__name__})",
                "simpan ulang sebagai CSV UTF-8 dengan kolom template",
            ) from None
        expected = [c.name for c in TABLES[table]]
        missing = [c for c in expected if c not in df.columns]
        if missing:
            raise DataValidationError(
                path.name, [Problem(path.name, 1, c, "kolom wajib ini tidak ada") for c in missing]
            )
        df = df[expected]
        df.index = pd.RangeIndex(2, 2 + len(df), name="baris")
        frames[table] = df
    c = _Collector(source, None)
    for table, df in frames.items():
        rows = pd.Series(df.index, index=df.index)
        for col in TABLES[table]:
            s = df[col.name]
            if col.kind == "date":
                parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
                bad = s.notna() & parsed.isna()
                df[col.name] = parsed
            elif col.kind in ("int", "rupiah"):
                parsed = pd.to_numeric(s, errors="coerce")
                bad = s.notna() & (parsed.isna() | (parsed % 1 != 0))
                df[col.name] = parsed.where(~bad).astype("Int64")
            else:
                _parse_column(df, col.name, col.kind, rows, c)
                bad = pd.Series(False, index=df.index)
            for row, value in s[bad].items():
                c.problem(
                    int(row),
                    col.name,
                    f"{value!r} tidak bisa dibaca",
                    "tulis tanggal YYYY-MM-DD dan bilangan bulat tanpa pemisah",
                )
            if col.required:
                for row in df.index[df[col.name].isna()]:
                    c.problem(int(row), col.name, "sel ini kosong, padahal wajib diisi", col.help)
    kop = _koperasi_checks(frames["koperasi"], c)
    rat_df = _rat_checks(frames["rat"], kop, c)
    if c.problems:
        raise DataValidationError(source, c.problems)
    return _assemble(kop, rat_df, None, source, c.findings, synthetic)
