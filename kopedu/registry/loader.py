"""Read a registry (daftar koperasi) as a Dinas keeps it — leniently, and say what was left out.

Files go through kopedu's one ingestion layer (:mod:`kopedu.io`): CSV in any usual
delimiter and encoding, or an XLSX workbook whose sheets are recognised by their
headers (title rows above the header, merged header cells, the ODS profile form's export
names or screen labels). Then, for each cooperative row:

* **identifier**: the ``id_koperasi`` column of kopedu's template, else the NIK, else the
  nomor badan hukum (per row: a cooperative without NIK is known by its badan hukum),
  else a column the trainer names (``id_column``). A database row number (``id``,
  ``No.``) is never used: it is named in a note;
* **bentuk, jenis and kelompok** are three separate fields (ODS: "Primer Kabupaten/Kota",
  "Simpan Pinjam", "Kop. Simpan Pinjam");
* **regions** through the nationwide catalog: the kabupaten/kota looked up inside the
  province column when there is one, the kecamatan inside the kabupaten;
* **the last RAT**: a single sheet with a last-RAT date (``tglRAT_terakhir``) needs no RAT
  sheet — it becomes one RAT row per cooperative (tahun buku = the RAT's year − 1), see
  ``docs/registry.md`` for what such a registry can and cannot tell.

**Lenient by default**: a row that cannot be used (no identifier, no name, no or an
unknown kabupaten/kota, the same identifier as another row with other content, only an
identifier and nothing else) is left out and listed in :attr:`Registry.rejected` with its
reason; a cell that cannot be read in an optional column (an impossible date, a negative
member count, a RAT date in the future) is left empty and becomes a finding. With
``strict=True`` any of these refuses the whole file, every problem listed. Every row of
the file is either loaded or listed; nothing is dropped without a word.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kopedu.errors import (
    AmbiguousRegionError,
    DataValidationError,
    Problem,
    UnknownRegionError,
)
from kopedu.io import cells
from kopedu.io.grid import Grid
from kopedu.io.headers import canonical
from kopedu.io.tables import Spec, Table, locate, read_grids, sheet_score
from kopedu.registry.columns import (
    JENIS,
    JENIS_ALIASES,
    MODE_ALIASES,
    STATUS_ALIASES,
    TABLES,
    normalize_header,
)
from kopedu.registry.model import Registry, row_reasons
from kopedu.texts import say

__all__ = ["MAX_FILE_BYTES", "frames_to_registry", "load_clean_csv", "load_registry"]

log = logging.getLogger("kopedu")

#: Larger files are refused before they are opened (a registry of 100,000 cooperatives
#: with six years of RAT is about 20 MB as XLSX).
MAX_FILE_BYTES = 100 * 1024 * 1024
_ID_COLUMNS = ("id_koperasi", "nik", "nomor_badan_hukum")

SPECS: dict[str, Spec] = {
    "koperasi": Spec(
        "koperasi",
        ("nama_koperasi", "kabupaten_kota"),
        "NIK / nomor badan hukum, nama koperasi, jenis, kabupaten/kota, kecamatan, "
        "tanggal badan hukum, tanggal RAT terakhir (atau templat: kopedu registry template)",
        what="koperasi",
    ),
    "rat": Spec(
        "rat",
        (_ID_COLUMNS, "tahun_buku"),
        "id_koperasi / NIK / nomor badan hukum, tahun_buku, tanggal_rat",
        what="RAT",
    ),
    "keuangan": Spec(
        "keuangan",
        (_ID_COLUMNS, "tahun_buku"),
        "id_koperasi / NIK / nomor badan hukum, tahun_buku, aset, modal_sendiri, shu",
        what="keuangan",
    ),
}
_SHEET_NAMES = {
    "koperasi": {"koperasi", "daftar koperasi", "data koperasi", "registry", "daftar", "register"},
    "rat": {"rat", "data rat", "laporan rat", "rapat anggota", "rapat anggota tahunan"},
    "keuangan": {"keuangan", "ringkasan keuangan", "data keuangan", "laporan keuangan"},
}
_SUMMARY_BY = {"kecamatan", "kabupaten_kota", "jenis", "kelompok", "tahun_buku", "provinsi"}
_SUMMARY_COUNT = re.compile(
    r"^(jumlah|jml|total|banyaknya|unit|aktif|tidak aktif|non aktif|sehat|rat|"
    r"sudah rat|belum rat|(19|20)\d\d)\b"
)


@dataclass
class _Sheet:
    """Problems, findings and rejected rows found in one table."""

    table: Table
    kind: str = "koperasi"  # koperasi, rat or keuangan
    findings: list[Problem] = field(default_factory=list)
    reasons: dict[int, list[Problem]] = field(default_factory=dict)
    skipped: set[int] = field(default_factory=set)  # footnotes, rows repeated verbatim

    def __post_init__(self) -> None:
        # A note under the table ("Sumber: Diskop UKM …") is not a row of it.
        t = self.table
        notes = [int(r) for r in t.raw.index if _footnote(t.raw.loc[r])]
        for row in notes:
            self.finding(row, None, "footnote")
            self.skipped.add(row)
        if notes:
            t.frame = t.frame.drop(index=notes)
            t.raw = t.raw.drop(index=notes)

    def problem(self, row: int | None, column: str | None, key: str, **values: Any) -> Problem:
        """A problem of this table from the ``io`` catalogue (``registri.<key>``)."""
        shown = self.table.headers.get(column, column) if column else None
        t = self.table
        key = f"registri.{key}"
        return Problem.from_catalogue(key, t.name, row, shown, t.sheet, **values)

    def reject(self, row: int, column: str | None, key: str, **values: Any) -> None:
        self.reasons.setdefault(row, []).append(self.problem(row, column, key, **values))

    def reject_problem(self, p: Problem) -> None:
        self.reasons.setdefault(int(p.row or 0), []).append(p)

    def finding(self, row: int | None, column: str | None, key: str, **values: Any) -> None:
        self.findings.append(self.problem(row, column, key, **values))


# ------------------------------------------------------------------ choosing tables


def _choose(grids: Mapping[str, Grid]) -> dict[str, Grid]:
    """The grid of each table: by sheet name first, then by the headers it holds."""
    chosen: dict[str, str] = {}
    for table, names in _SHEET_NAMES.items():
        for sheet in grids:
            if normalize_header(sheet) in names and sheet not in chosen.values():
                chosen[table] = sheet
                break
    for table in ("koperasi", "rat", "keuangan"):
        if table in chosen:
            continue
        spec = SPECS[table]
        scored = [
            (sheet_score(g, spec), -i, s)
            for i, (s, g) in enumerate(grids.items())
            if s not in chosen.values()
        ]
        scored = [x for x in scored if x[0] >= (3 if table == "koperasi" else 2)]
        if table != "koperasi":  # a RAT/keuangan sheet needs its year column
            scored = [x for x in scored if _has(grids[x[2]], spec, "tahun_buku")]
        if scored:
            chosen[table] = max(scored)[2]
    if "koperasi" not in chosen and len(grids) == 1:
        chosen["koperasi"] = next(iter(grids))
    return {t: grids[s] for t, s in chosen.items()}


def _has(grid: Grid, spec: Spec, column: str) -> bool:
    return any(canonical(spec.table, c) == column for row in grid.rows[:30] for c in row)


def _locate(grid: Grid, table: str, notes: list[Problem]) -> Table:
    """The table in a grid; a summary table (counts per kecamatan/year) is refused as one."""
    try:
        return locate(grid, SPECS[table], notes=notes)
    except DataValidationError as exc:
        refused_header = ("header.missing_columns", "header.not_found")
        if table == "koperasi" and any(p.code in refused_header for p in exc.problems):
            summary = _summary(grid)
            if summary:
                p = exc.problems[0]
                raise DataValidationError(
                    grid.name,
                    [
                        Problem.from_catalogue(
                            "header.summary_table",
                            grid.name,
                            p.row,
                            None,
                            grid.sheet,
                            by=summary,
                            what="koperasi",
                        )
                    ],
                ) from None
        raise


def _summary(grid: Grid) -> str | None:
    """What a summary table counts per (``"kecamatan"``), or None when it is not one."""
    for row in grid.rows[:30]:
        labels = [normalize_header(c) for c in row if c is not None and str(c).strip()]
        by = [canonical("koperasi", c) for c in row if c is not None and str(c).strip()]
        by_cols = [b for b in by if b in _SUMMARY_BY]
        counts = [lb for lb in labels if _SUMMARY_COUNT.match(lb)]
        if by_cols and counts and "nama_koperasi" not in by:
            return by_cols[0].replace("_", "/")
    return None


# ------------------------------------------------------------------ regions


def _region_problem(exc: UnknownRegionError, text: str) -> tuple[str, dict[str, object]]:
    """The catalogue key and values saying why ``text`` is not one region."""
    if isinstance(exc, AmbiguousRegionError):  # it fits several regions; nothing is guessed
        return "region_ambiguous", {
            "found": text,
            "candidates": "; ".join(exc.candidates),
            "choices": ", ".join(repr(c) for c in exc.suggestions[:4]),
            "code": exc.codes[0],
        }
    if exc.suggestions:
        return "region_unknown_suggest", {"found": text, "suggestions": ", ".join(exc.suggestions)}
    return "region_unknown", {"found": text}


def _regions(s: _Sheet, kop: pd.DataFrame) -> pd.DataFrame:
    """Province, kabupaten/kota and kecamatan codes and names for each row.

    The kabupaten/kota is looked up inside the province when the row names one, the
    kecamatan inside the kabupaten/kota (:func:`kopedu.regions.lookup_region` with
    ``within``); a name that fits several regions is a problem of its row, never a guess.
    """
    from kopedu.regions import load_regions, lookup_region, region_by_code

    catalog = load_regions().set_index("code")
    prov_of: dict[str, str | None] = {}
    for text in pd.unique(kop["provinsi"].dropna()):
        try:
            r = lookup_region(str(text))
            prov_of[text] = r.code if r.level == "provinsi" else None
        except UnknownRegionError:
            prov_of[text] = None
    # Each distinct (provinsi, kabupaten/kota) once: (kabupaten code, kecamatan code) or
    # the reason it is not one kabupaten/kota.
    kab_of: dict[tuple, tuple[str, str] | tuple[str, dict[str, object]]] = {}
    pairs = kop[["provinsi", "kabupaten_kota"]].dropna(subset=["kabupaten_kota"]).drop_duplicates()
    for prov, text in zip(pairs["provinsi"], pairs["kabupaten_kota"], strict=True):
        scope = prov_of.get(prov) if isinstance(prov, str) else None
        try:
            r = lookup_region(str(text), within=scope)
            if r.level in ("kabupaten", "kota"):
                kab_of[(prov, text)] = (r.code, "")
            elif r.level == "kecamatan":  # a kecamatan in the kabupaten column
                kab_of[(prov, text)] = (r.parent_code, r.code)
            else:
                level: dict[str, object] = {"found": str(text)}
                kab_of[(prov, text)] = ("region_level", level)
        except UnknownRegionError as exc:
            kab_of[(prov, text)] = _region_problem(exc, str(text))
    kab_code = pd.Series(pd.NA, index=kop.index, dtype="string")
    kec_from_kab = pd.Series("", index=kop.index, dtype="string")
    for row, prov, text in zip(kop.index, kop["provinsi"], kop["kabupaten_kota"], strict=True):
        if not isinstance(text, str):
            s.reject(int(row), "kabupaten_kota", "region_blank")
            continue
        found = kab_of[(prov, text)]
        if isinstance(found[1], dict):
            s.reject(int(row), "kabupaten_kota", found[0], **found[1])
        else:
            kab_code[row], kec_from_kab[row] = found
    out = kop.copy()
    out["kode_wilayah"] = kab_code
    out["kabupaten_kota"] = kab_code.map(catalog["official_name"]).astype("string")
    out["kode_provinsi"] = kab_code.str.slice(0, 2).astype("string")
    # Kecamatan: looked up inside the kabupaten; unknown ones are kept as written.
    pairs = pd.DataFrame({"kab": kab_code, "kec": kop["kecamatan"]}).dropna().drop_duplicates()
    kec_code = {
        (k, text): _kecamatan(k, str(text))
        for k, text in zip(pairs["kab"], pairs["kec"], strict=True)
    }
    codes, names = [], []
    for row, k, text in zip(kop.index, kab_code, kop["kecamatan"], strict=True):
        if isinstance(text, str) and isinstance(k, str):
            code, name, why = kec_code[(k, text)]
            if why is not None and row not in s.reasons:
                key, values = why
                s.finding(int(row), "kecamatan", key, region=region_by_code(k).official_name,
                          **values)  # fmt: skip
            codes.append(code or "")
            names.append(name)
        elif kec_from_kab[row]:
            codes.append(kec_from_kab[row])
            names.append(region_by_code(kec_from_kab[row]).name)
        else:
            codes.append("")
            names.append(pd.NA)
    out["kode_kecamatan"] = pd.array(codes, dtype="string")
    out["kecamatan"] = pd.array(names, dtype="string")
    return out


@functools.cache
def _kecamatan(kab: str, text: str) -> tuple[str | None, str, tuple[str, dict[str, object]] | None]:
    """A kecamatan written ``text`` inside kabupaten/kota ``kab`` (a catalog code).

    Returned as (code or None, name, why not found).
    """
    from kopedu.regions import children, lookup_region, region_by_code

    name = re.sub(r"^(kecamatan|kec\.?|distrik)\s+", "", text, flags=re.I).strip()
    try:
        r = lookup_region(f"Kec. {name}", within=kab)
        if r.level == "kecamatan":
            return r.code, r.name, None
    except AmbiguousRegionError as exc:  # several kecamatan of that kabupaten fit
        return None, name, ("kecamatan_ambiguous", _region_problem(exc, text)[1])
    except UnknownRegionError:
        pass
    # "Sangata Selatan" for Sangatta Selatan, "Balikpapan Kota" written "Kota": compare
    # spelled-out names, also without the kabupaten's own name in front.
    key = normalize_header(name)
    kab_name = normalize_header(region_by_code(kab).name)
    for r in children(kab, "kecamatan"):
        own = normalize_header(r.name)
        if key in (own, own.removeprefix(kab_name).strip()):
            return r.code, r.name, None
    return None, name.title() if name.isupper() else name, ("kecamatan_unknown", {"found": text})


# ------------------------------------------------------------------ the koperasi table


def _text(s: _Sheet, column: str, *, code: bool = False) -> pd.Series:
    t = s.table
    if column not in t.frame:
        return pd.Series(pd.NA, index=t.frame.index, dtype="string")
    values, problems = t.coerce(column, "code" if code else "text")
    for p in problems:
        s.reject_problem(p)
    return values


def _optional(s: _Sheet, column: str, kind: str, **kw: object) -> pd.Series:
    """An optional column: an unreadable cell is left empty and becomes a finding."""
    t = s.table
    if column not in t.frame:
        dtype = "datetime64[s]" if kind == "date" else "Int64" if kind != "text" else "string"
        return pd.Series(
            pd.NA if dtype != "datetime64[s]" else pd.NaT, index=t.frame.index, dtype=dtype
        )
    values, problems = t.coerce(column, kind, **kw)
    s.findings.extend(problems)
    return values


def _choice(mapping: dict[str, str]) -> Callable[[object], str | None]:
    def convert(value: object) -> str | None:
        return cells.choice(value, mapping, key=normalize_header)

    return convert


def _koperasi(s: _Sheet, id_column: str | None, today: dt.date) -> pd.DataFrame:
    t = s.table
    f = t.frame
    idx = f.index
    # Identifier: template id, else NIK, else nomor badan hukum, else a named column.
    named = None
    if id_column is not None:
        named = _named_column(t, id_column)
    ids = {c: _text(s, c, code=True) for c in _ID_COLUMNS if c in f}
    if named is not None:
        ids["named"] = _named_values(s, named)
    if not ids:
        raise DataValidationError(t.name, [_no_identifier(t)])
    ident = pd.Series(pd.NA, index=idx, dtype="string")
    source = pd.Series(pd.NA, index=idx, dtype="string")
    for c in ("id_koperasi", "nik", "nomor_badan_hukum", "named"):
        if c in ids:
            take = ident.isna() & ids[c].notna()
            ident[take] = ids[c][take]
            source[take] = c
    out = pd.DataFrame(index=idx)
    out["id_koperasi"] = ident
    out["id_sumber"] = source
    out["nik"] = ids.get("nik", pd.Series(pd.NA, index=idx, dtype="string"))
    out["nomor_badan_hukum"] = ids.get(
        "nomor_badan_hukum", pd.Series(pd.NA, index=idx, dtype="string")
    )
    for c in ("nama_koperasi", "provinsi", "kabupaten_kota", "kecamatan", "bentuk", "kelompok",
              "sektor_usaha", "status_nik", "status_aktif", "keterangan"):  # fmt: skip
        out[c] = _text(s, c) if c in f else pd.Series(pd.NA, index=idx, dtype="string")
    out["nama_koperasi"] = out["nama_koperasi"].str.split().str.join(" ")
    out["jenis"] = _optional(s, "jenis", "text", convert=_choice(JENIS_ALIASES))
    out["status_badan_hukum"] = _optional(
        s, "status_badan_hukum", "text", convert=_choice(STATUS_ALIASES)
    )
    out["tanggal_badan_hukum"] = _optional(s, "tanggal_badan_hukum", "date")
    out["tanggal_status"] = _optional(s, "tanggal_status", "date")
    out["tanggal_rat_terakhir"] = _optional(s, "tanggal_rat_terakhir", "date")
    out["tahun_rat_terakhir"] = _optional(s, "tahun_rat_terakhir", "year")
    for c in ("jumlah_anggota", "anggota_pria", "anggota_wanita"):
        out[c] = _optional(s, c, "integer")
    # Row-level rules.
    filled = f.notna() & f.map(lambda v: not (isinstance(v, str) and not v.strip()))
    only_id = filled.sum(axis=1) == filled[[c for c in _ID_COLUMNS if c in f]].sum(axis=1)
    for row in idx:
        if only_id[row]:
            s.reject(int(row), None, "only_id")
            continue
        if pd.isna(ident[row]):
            s.reject(int(row), None, "no_id", columns=_id_headers(t, named))
        if pd.isna(out.at[row, "nama_koperasi"]):
            s.reject(int(row), "nama_koperasi", "required")
    for c in ("jumlah_anggota", "anggota_pria", "anggota_wanita"):
        negative = (out[c] < 0).fillna(False)
        for row in idx[negative.to_numpy()]:
            s.finding(int(row), c, "negative", found=str(out.at[row, c]))
        out.loc[negative, c] = pd.NA
    parts = out["anggota_pria"] + out["anggota_wanita"]
    total_missing = out["jumlah_anggota"].isna() & parts.notna()
    out.loc[total_missing, "jumlah_anggota"] = parts[total_missing]
    mismatch = (out["jumlah_anggota"] != parts).fillna(False) & ~total_missing
    for row in idx[mismatch.to_numpy()]:
        s.finding(
            int(row),
            "jumlah_anggota",
            "members_sum",
            total=out.at[row, "jumlah_anggota"],
            men=out.at[row, "anggota_pria"],
            women=out.at[row, "anggota_wanita"],
        )
    future_day = pd.Timestamp(today)
    for c, key in (("tanggal_rat_terakhir", "future_rat"), ("tanggal_badan_hukum", "future_bh")):
        future = (out[c] > future_day).fillna(False)
        for row in idx[future.to_numpy()]:
            s.finding(int(row), c, key, found=f"{out.at[row, c]:%d-%m-%Y}")
        out.loc[future, c] = pd.NaT
    too_late = (out["tahun_rat_terakhir"] >= today.year).fillna(False)
    for row in idx[too_late.to_numpy()]:
        s.finding(
            int(row),
            "tahun_rat_terakhir",
            "future_rat_year",
            found=str(out.at[row, "tahun_rat_terakhir"]),
        )
    out.loc[too_late, "tahun_rat_terakhir"] = pd.NA
    for row in idx[out["jenis"].isna().to_numpy()]:
        if row not in s.reasons and "jenis" in f and not _has_problem(s, row, "jenis"):
            s.finding(int(row), "jenis", "jenis_blank")
    return out


def _footnote(cells_: pd.Series) -> bool:
    """Whether a row's only cell is a sentence ("Sumber: Diskop UKM Kutai Timur").

    Such a row is a note under the table, not a cooperative.
    """
    filled = [
        v
        for v in cells_
        if (isinstance(v, str) and v.strip())
        or (v is not None and not isinstance(v, str) and v == v)
    ]
    if len(filled) != 1 or not isinstance(filled[0], str):
        return False
    first = next((i for i, v in enumerate(cells_) if v is not None and str(v).strip()), -1)
    text = filled[0].strip()
    return (
        first == 0
        and len(cells_) > 2
        and len(text.split()) >= 2
        and not any(ch.isdigit() for ch in text[:3])
    )


def _has_problem(s: _Sheet, row: int, column: str) -> bool:
    shown = s.table.headers.get(column, column)
    return any(p.row == row and p.column == shown for p in s.findings)


def _named_column(t: Table, name: str) -> str:
    """The header (as written) of the column a trainer named as identifier."""
    for label in t.raw.columns:
        if normalize_header(label) == normalize_header(name):
            return str(label)
    found = ", ".join(repr(str(h)) for h in t.raw.columns)
    raise DataValidationError(
        t.name,
        [
            Problem.from_catalogue(
                "registri.id_column_missing",
                t.name,
                t.header_row,
                None,
                t.sheet,
                column=name,
                found=found,
            )
        ],
    )


def _named_values(s: _Sheet, label: str) -> pd.Series:
    """The named identifier column, read as codes.

    A number in scientific notation is refused.
    """
    t = s.table
    out = pd.Series(pd.NA, index=t.raw.index, dtype="string")
    for row, value in t.raw[label].items():
        try:
            out[row] = cells.text(value, code=True)
        except cells.CellError as exc:
            s.reject_problem(exc.problem(t.name, int(row), label, value, sheet=t.sheet))
    return out


def _id_headers(t: Table, named: str | None) -> str:
    shown = [t.headers[c] for c in _ID_COLUMNS if c in t.headers] + ([named] if named else [])
    return ", ".join(repr(h) for h in shown) or "-"


def _no_identifier(t: Table) -> Problem:
    found = ", ".join(repr(h) for h in [*t.headers.values(), *t.unused])
    return Problem.from_catalogue(
        "registri.no_id_column", t.name, t.header_row, None, t.sheet, found=found
    )


def _dedupe(
    s: _Sheet,
    df: pd.DataFrame,
    keys: list[str],
    what: str,
    column: Callable[[int], str] | None = None,
) -> pd.DataFrame:
    """Drop rows repeated verbatim, with a finding; reject rows sharing a key otherwise.

    The same key with other content rejects every such row (``column(row)`` names the
    key's column).
    """
    data = df.drop(columns=[c for c in ("id_sumber",) if c in df])
    live = data[~data.index.isin(list(s.reasons))]
    exact = live.duplicated(keep="first")
    for row in live.index[exact.to_numpy()]:
        s.finding(int(row), None, "duplicate_row", what=what)
        s.skipped.add(int(row))
    live = live[~exact.to_numpy()]
    valid = live[keys].notna().all(axis=1)
    dup = live[valid].duplicated(keys, keep=False)
    groups = live[valid][dup.to_numpy()].groupby(keys if len(keys) > 1 else keys[0], sort=False)
    for key, rows in groups.groups.items():
        shown = key if isinstance(key, str) else " / ".join(map(str, key))
        numbers = [int(r) for r in rows]
        for r in numbers:
            others = ", ".join(str(o) for o in numbers if o != r)
            col = column(r) if column else keys[-1]
            s.reject(r, col, "duplicate_key", ident=shown, rows=others, what=what)
    return df.loc[df.index.isin(live.index) | df.index.isin(list(s.reasons))]


# ------------------------------------------------------------------ RAT and keuangan


def _rat_from_last(s: _Sheet, kop: pd.DataFrame) -> pd.DataFrame:
    """RAT rows from the last-RAT column: one per cooperative with a last RAT."""
    rows = []
    columns = ("id_koperasi", "tanggal_rat_terakhir", "tahun_rat_terakhir")
    for ident, date, year in zip(*(kop[c] for c in columns), strict=True):
        if pd.notna(date):
            rows.append((ident, date.year - 1, date, True))
        elif pd.notna(year):
            rows.append((ident, int(year), pd.NaT, True))
    rat = pd.DataFrame(rows, columns=["id_koperasi", "tahun_buku", "tanggal_rat", "dilaksanakan"])
    rat["tanggal_rat"] = pd.to_datetime(rat["tanggal_rat"]).astype("datetime64[s]")
    rat["jumlah_hadir"] = pd.array([pd.NA] * len(rat), dtype="Int64")
    rat["mode"] = pd.array([pd.NA] * len(rat), dtype="string")
    rat["tanggal_lapor"] = pd.Series(pd.NaT, index=rat.index, dtype="datetime64[s]")
    rat["sumber"] = "rat_terakhir"
    return rat


def _ids_of(kop: pd.DataFrame) -> dict[str, str]:
    """Every identifier a RAT or keuangan sheet may use → the cooperative's id."""
    out: dict[str, str] = {}
    for c in ("nomor_badan_hukum", "nik", "id_koperasi"):
        for value, ident in zip(kop[c], kop["id_koperasi"], strict=True):
            if isinstance(value, str) and isinstance(ident, str):
                out[value] = ident
    return out


def _yearly(s: _Sheet, table: str, ids: dict[str, str] | None, today: dt.date) -> pd.DataFrame:
    """The RAT or keuangan table: identifier, tahun buku and the table's columns."""
    t = s.table
    f = t.frame
    idc = next(c for c in _ID_COLUMNS if c in f)
    ident = _text(s, idc, code=True)
    out = pd.DataFrame(index=f.index)
    out["id_koperasi"] = ident
    years, problems = t.coerce("tahun_buku", "year")
    for p in problems:
        s.reject_problem(p)
    out["tahun_buku"] = years
    for row in f.index[years.isna().to_numpy() & ~f.index.isin(list(s.reasons))]:
        s.reject(int(row), "tahun_buku", "required")
    for col in TABLES[table]:
        if col.name in ("id_koperasi", "tahun_buku"):
            continue
        kind = {"int": "integer", "rupiah": "rupiah", "date": "date"}.get(col.kind, "text")
        convert = _choice(MODE_ALIASES) if col.kind == "mode" else None
        out[col.name] = (
            _optional(s, col.name, kind, convert=convert)
            if convert
            else _optional(s, col.name, kind)
        )
    if ids is not None:
        known = ident.map(lambda v: ids.get(v) if isinstance(v, str) else None)
        for row in f.index[(ident.notna() & known.isna()).to_numpy()]:
            s.reject(int(row), idc, "unknown_id", found=str(ident[row]))
        out["id_koperasi"] = known.astype("string").fillna(ident)
    late = (years > today.year).fillna(False) | (years < 1945).fillna(False)
    for row in f.index[late.to_numpy()]:
        s.reject(int(row), "tahun_buku", "year_range", found=str(years[row]))
    if table == "rat":
        year_end = pd.to_datetime(years.astype("float").map(
            lambda y: f"{int(y)}-12-31" if y == y else None), errors="coerce")  # fmt: skip
        early = (out["tanggal_rat"] <= year_end).fillna(False)
        for row in f.index[early.to_numpy()]:
            s.reject(int(row), "tanggal_rat", "rat_before_year_end", year=int(years[row]))
        future = (out["tanggal_rat"] > pd.Timestamp(today)).fillna(False)
        for row in f.index[future.to_numpy()]:
            s.finding(
                int(row),
                "tanggal_rat",
                "future_rat",
                found=f"{out.at[row, 'tanggal_rat']:%d-%m-%Y}",
            )
        out.loc[future, "tanggal_rat"] = pd.NaT
        before = (out["tanggal_lapor"] < out["tanggal_rat"]).fillna(False)
        for row in f.index[before.to_numpy()]:
            s.finding(int(row), "tanggal_lapor", "report_before_rat")
        negative = (out["jumlah_hadir"] < 0).fillna(False)
        for row in f.index[negative.to_numpy()]:
            s.finding(int(row), "jumlah_hadir", "negative", found=str(out.at[row, "jumlah_hadir"]))
        out.loc[negative, "jumlah_hadir"] = pd.NA
        out["dilaksanakan"] = out["tanggal_rat"].notna()
        out["sumber"] = "rat"
    return _dedupe(s, out, ["id_koperasi", "tahun_buku"], table, lambda r: idc)


# ------------------------------------------------------------------ assembling


_KOP_COLUMNS = [
    "id_koperasi", "nama_koperasi", "jenis", "kode_wilayah", "kabupaten_kota",
    "kode_provinsi", "kecamatan", "kode_kecamatan", "tanggal_badan_hukum",
    "tahun_berdiri", "jumlah_anggota", "status_badan_hukum", "tanggal_status", "nik",
    "keterangan", "nomor_badan_hukum", "id_sumber", "bentuk", "kelompok", "sektor_usaha",
    "tanggal_rat_terakhir", "anggota_pria", "anggota_wanita", "status_nik", "status_aktif",
]  # fmt: skip


def _origins(sheets: list[_Sheet], kop: pd.DataFrame) -> pd.DataFrame:
    """The region of every data row; empty when it cannot be told.

    A cooperative's own region, or a RAT or keuangan row's through its cooperative (any
    identifier the file uses for it).
    """
    region: dict[str, tuple[str, str]] = {}
    for c in ("id_koperasi", "nik", "nomor_badan_hukum"):
        for ident, kab, kec in zip(kop[c], kop["kode_wilayah"], kop["kode_kecamatan"],
                                   strict=True):  # fmt: skip
            if isinstance(ident, str) and isinstance(kab, str):
                region.setdefault(ident, (kab, kec if isinstance(kec, str) else ""))
    parts = []
    for s in sheets:
        t = s.table
        if s.kind == "koperasi":
            codes = kop.reindex(t.frame.index)[["kode_wilayah", "kode_kecamatan"]]
        else:
            idc = next(c for c in _ID_COLUMNS if c in t.frame)
            idents, _ = t.coerce(idc, "code")
            found = [region.get(v, ("", "")) if isinstance(v, str) else ("", "") for v in idents]
            codes = pd.DataFrame(found, index=t.frame.index, columns=["kode_wilayah",
                                                                     "kode_kecamatan"])  # fmt: skip
        part = pd.DataFrame(
            {
                "berkas": t.name,
                "sheet": t.sheet or "",
                "baris": t.frame.index.to_numpy(dtype="int64"),
                "kode_wilayah": codes["kode_wilayah"].astype("string").fillna("").to_numpy(),
                "kode_kecamatan": codes["kode_kecamatan"].astype("string").fillna("").to_numpy(),
            }
        )
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _rejected_frame(sheets: list[_Sheet], origins: pd.DataFrame) -> pd.DataFrame:
    """One row per rejected source row.

    Where, why, its region (when it can be told) and the row's cells as written.
    """
    columns = ["berkas", "sheet", "baris", "kode_wilayah", "kode_kecamatan"]
    where = {(b, s, int(r)): (k, c) for b, s, r, k, c in origins[columns].itertuples(index=False)}
    records = []
    for s in sheets:
        t = s.table
        raw = t.raw
        of_row: dict[int | None, list[Problem]] = {}
        for f in s.findings:
            of_row.setdefault(f.row, []).append(f)
        for row, reasons in sorted(s.reasons.items()):
            alasan, perbaikan = row_reasons(reasons + of_row.get(row, []))  # all of the row
            kab, kec = where.get((t.name, t.sheet or "", row), ("", ""))
            record: dict[str, object] = {
                "berkas": t.name,
                "sheet": t.sheet or "",
                "baris": row,
                "alasan": alasan,
                "perbaikan": perbaikan,
                "kode_wilayah": kab,
                "kode_kecamatan": kec,
            }
            if row in raw.index:
                record.update({str(k): v for k, v in raw.loc[row].items() if str(k) not in record})
            records.append(record)
        for p in t.problems:  # rows the file's structure kept out (a stray quote …)
            alasan, perbaikan = row_reasons([p])
            records.append(
                {
                    "berkas": t.name,
                    "sheet": t.sheet or "",
                    "baris": p.row,
                    "alasan": alasan,
                    "perbaikan": perbaikan,
                    "kode_wilayah": "",
                    "kode_kecamatan": "",
                }
            )
    columns = ["berkas", "sheet", "baris", "alasan", "perbaikan", "kode_wilayah",
               "kode_kecamatan", "wilayah_tidak_diketahui"]  # fmt: skip
    if not records:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(records)
    frame["wilayah_tidak_diketahui"] = frame["kode_wilayah"] == ""
    return frame[columns + [c for c in frame.columns if c not in columns]]


def _registry(
    tables: Mapping[str, Table],
    source: str,
    *,
    strict: bool,
    id_column: str | None,
    synthetic: bool = False,
    today: dt.date | None = None,
) -> Registry:
    today = today or dt.date.today()
    sheets: list[_Sheet] = []
    notes: list[Problem] = []
    ks = _Sheet(tables["koperasi"])
    sheets.append(ks)
    kop = _koperasi(ks, id_column, today)
    kop = _regions(ks, kop)
    id_source = kop["id_sumber"]
    kop = _dedupe(
        ks,
        kop,
        ["id_koperasi"],
        "koperasi",
        lambda r: str(id_source.get(r)) if isinstance(id_source.get(r), str) else "id_koperasi",
    )
    kop["tahun_berdiri"] = kop["tanggal_badan_hukum"].dt.year.astype("Int64")
    kop["status_badan_hukum"] = kop["status_badan_hukum"].fillna("berlaku").astype("string")
    need_date = (kop["status_badan_hukum"] == "dibubarkan") & kop["tanggal_status"].isna()
    for row in kop.index[need_date.to_numpy()]:
        ks.finding(int(row), "tanggal_status", "dissolved_without_date")
    loaded = kop.loc[~kop.index.isin(list(ks.reasons)) & ~kop.index.isin(list(ks.skipped))]
    missing_kec = loaded["kecamatan"].isna()
    if missing_kec.any() and "kecamatan" in ks.table.frame:
        ks.finding(None, "kecamatan", "kecamatan_blank", n=int(missing_kec.sum()))
    ids = _ids_of(loaded)
    rat = None
    if "rat" in tables:
        rs = _Sheet(tables["rat"], "rat")
        sheets.append(rs)
        rat = _yearly(rs, "rat", ids, today)
        rat = rat.loc[~rat.index.isin(list(rs.reasons)) & ~rat.index.isin(list(rs.skipped))]
        if loaded["tanggal_rat_terakhir"].notna().any():
            last = rat.loc[rat["tanggal_rat"].notna()].groupby("id_koperasi")["tanggal_rat"].max()
            said = loaded["tanggal_rat_terakhir"]
            theirs = loaded["id_koperasi"].map(last)
            differ = said.notna() & theirs.notna() & (said != theirs)
            for row in loaded.index[differ.to_numpy()]:
                ks.finding(int(row), "tanggal_rat_terakhir", "last_rat_differs",
                           id=loaded.at[row, "id_koperasi"])  # fmt: skip
    elif loaded["tanggal_rat_terakhir"].notna().any() or loaded["tahun_rat_terakhir"].notna().any():
        rat = _rat_from_last(ks, loaded)
        notes.append(ks.problem(None, None, "rat_from_last"))
    else:
        rat = _rat_from_last(ks, loaded.iloc[0:0])
        notes.append(ks.problem(None, None, "no_rat"))
    keu = None
    if "keuangan" in tables:
        fs = _Sheet(tables["keuangan"], "keuangan")
        sheets.append(fs)
        keu = _yearly(fs, "keuangan", ids, today)
        keu = keu.loc[~keu.index.isin(list(fs.reasons)) & ~keu.index.isin(list(fs.skipped))]
    problems = [p for s in sheets for p in s.table.problems]
    rejections = [p for s in sheets for reasons in s.reasons.values() for p in reasons]
    findings = [p for s in sheets for p in s.findings]
    if strict and (problems or rejections or findings):
        found = sorted(
            [*problems, *rejections, *findings], key=lambda p: (p.sheet or "", p.row or 0)
        )
        raise DataValidationError(source, found)
    for s in sheets:
        notes.extend(s.table.notes)
    origins = _origins(sheets, kop)
    rejected = _rejected_frame(sheets, origins)
    kop_out = loaded.reindex(columns=_KOP_COLUMNS).reset_index(drop=True)
    kop_out["jenis"] = pd.Categorical(kop_out["jenis"], categories=list(JENIS))
    rat = rat.reset_index(drop=True)
    rat["tahun_buku"] = rat["tahun_buku"].astype("int64")
    if keu is not None:
        keu = keu.reset_index(drop=True)
        keu["tahun_buku"] = keu["tahun_buku"].astype("int64")
    all_findings = (*problems, *rejections, *findings)
    for f in all_findings:
        log.info("%s", f)
    loaded_rows = {"koperasi": len(kop_out), "rat": len(rat) if "rat" in tables else 0,
                   "keuangan": len(keu) if keu is not None else 0}  # fmt: skip
    counts = {
        s.table.sheet or s.table.name: {
            "baris": s.table.data_rows,
            "dimuat": loaded_rows[s.kind],
            "ditolak": len(s.reasons) + s.table.rows_refused,
            "dilewati": len(s.skipped),
            "kosong": s.table.blank_rows,
        }
        for s in sheets
    }
    return Registry(
        kop_out,
        rat,
        keu,
        source,
        tuple(all_findings),
        synthetic,
        rejected=rejected,
        notes=tuple(notes),
        rows=counts,
        rat_basis="rat_terakhir" if "rat" not in tables else "rat",
        origins=origins,
    )


def frames_to_registry(
    tables: dict[str, pd.DataFrame | list[list[object]]],
    source: str = "<tabel>",
    *,
    sheets: dict[str, str] | None = None,
    synthetic: bool = False,
    strict: bool = True,
    id_column: str | None = None,
) -> Registry:
    """Build a :class:`Registry` from raw tables (DataFrames or rows of cells).

    Parameters
    ----------
    tables : dict
        ``{"koperasi": ..., "rat": ..., "keuangan": ...}`` (``rat`` and ``keuangan``
        optional); each a DataFrame (its columns are the header) or a list of rows whose
        header row is found automatically.
    source : str
        File name shown in messages.
    sheets : dict, optional
        Table → sheet name, for messages.
    synthetic : bool
        Mark the registry as synthetic.
    strict : bool, default True
        Refuse on any problem (tables made in code should be clean); False leaves the
        rows it cannot use out and lists them (:attr:`Registry.rejected`).
    id_column : str, optional
        Header of the column that identifies a cooperative, when the table has neither
        ``id_koperasi``, NIK nor nomor badan hukum.

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
    located: dict[str, Table] = {}
    for table, raw in tables.items():
        if raw is None:
            continue
        if isinstance(raw, pd.DataFrame):
            rows = [list(raw.columns), *raw.astype(object).where(raw.notna(), None).values.tolist()]
        else:
            rows = [list(r) for r in raw]
        grid = Grid(source, sheets.get(table), rows, list(range(1, len(rows) + 1)))
        grid.total_rows = len(rows)
        located[table] = _locate(grid, table, [])
    if "koperasi" not in located:
        raise DataValidationError(source, [_no_table(source, "koperasi", [])])
    return _registry(located, source, strict=strict, id_column=id_column, synthetic=synthetic)


def _no_table(name: str, what: str, sheets: list[str]) -> Problem:
    from kopedu.io.sniff import file_problem

    return file_problem(
        name,
        "no_table",
        what=what,
        sheets=", ".join(map(repr, sheets)) or "-",
        example=SPECS[what].example,
    )


def load_registry(
    path: str | Path,
    rat: str | Path | None = None,
    keuangan: str | Path | None = None,
    *,
    strict: bool = False,
    id_column: str | None = None,
) -> Registry:
    """Load a trainer's registry from an XLSX workbook, CSV file(s) or a folder of CSVs.

    Parameters
    ----------
    path : str or Path
        An ``.xlsx`` workbook (its sheets recognised by name or by their headers: a
        cooperative list, optionally a RAT table and a keuangan table), a CSV of the
        cooperatives (with a last-RAT column, or with ``rat`` given), or a folder holding
        ``*koperasi*.csv`` and ``*rat*.csv``.
    rat, keuangan : str or Path, optional
        The other CSV files when ``path`` is the cooperatives' CSV.
    strict : bool, default False
        All or nothing: any row that cannot be used, or any cell that cannot be read,
        refuses the file (``kopedu registry periksa --ketat``).
    id_column : str, optional
        Header of the column that identifies a cooperative when there is no NIK,
        nomor badan hukum or ``id_koperasi`` column (``--kolom-id``).

    Returns
    -------
    Registry
        With :attr:`~Registry.rejected` (the rows left out and why),
        :attr:`~Registry.findings` and :attr:`~Registry.notes` (how it was read).

    Raises
    ------
    DataValidationError
        When the file cannot be read, has no cooperative table, or lacks the columns
        needed (the message lists the headers found and the closest matches); with
        ``strict``, on any problem.

    Examples
    --------
    >>> from kopedu.paths import data_path
    >>> reg = load_registry(data_path("registry", "template", "template_registry.xlsx"))
    >>> len(reg.koperasi), len(reg.rat), len(reg.rejected)
    (2, 3, 0)
    """
    path = Path(path)
    if path.is_dir():
        csvs = sorted(path.glob("*.csv"))
        kop_path = next((p for p in csvs if "koperasi" in p.name.lower()), None)
        rat = rat or next((p for p in csvs if "rat" in p.stem.lower().split("_")), None)
        keuangan = keuangan or next((p for p in csvs if "keuangan" in p.name.lower()), None)
        if kop_path is None:
            from kopedu.io.sniff import file_problem

            raise DataValidationError(path.name, [file_problem(path.name, "folder_registry")])
        path = kop_path
    if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
        from kopedu.io.sniff import file_problem

        raise DataValidationError(path.name, [file_problem(path.name, "too_big", limit="100 MB")])
    info, grids, notes = read_grids(path)
    name = info.name if info else path.name
    chosen = _choose(grids)
    if "koperasi" not in chosen:
        raise DataValidationError(name, [_no_table(name, "koperasi", list(grids))])
    located = {"koperasi": _locate(chosen["koperasi"], "koperasi", notes)}
    for table in ("rat", "keuangan"):
        if table in chosen:
            located[table] = _locate(chosen[table], table, [])
    for table, other in (("rat", rat), ("keuangan", keuangan)):
        if other is not None:
            other_info, other_grids, other_notes = read_grids(Path(other))
            grid = next(iter(other_grids.values()))
            grid.sheet = grid.sheet or (other_info.name if other_info else str(other))
            located[table] = _locate(grid, table, other_notes)
    return _registry(located, name, strict=strict, id_column=id_column)


def load_clean_csv(
    koperasi: str | Path, rat: str | Path, *, source: str | None = None, synthetic: bool = False
) -> Registry:
    """Fast path for registries kopedu wrote itself (UTF-8 CSV, template columns, ISO dates).

    Cells are parsed column-wise (no Indonesian-format guessing); regions and references
    are checked as in :func:`load_registry`, strictly. Used for the bundled synthetic
    registry.

    Examples
    --------
    >>> from kopedu.paths import data_path
    >>> reg = load_clean_csv(data_path("registry", "koperasi_sintetis.csv"),
    ...                      data_path("registry", "rat_sintetis.csv"))
    >>> len(reg.koperasi) > 10_000
    True
    """
    from kopedu.regions import load_regions

    koperasi, rat = Path(koperasi), Path(rat)
    source = source or koperasi.name
    frames = {}
    for table, path in (("koperasi", koperasi), ("rat", rat)):
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        expected = [c.name for c in TABLES[table] if c.template]
        missing = [c for c in expected if c not in df.columns]
        if missing:
            raise DataValidationError(
                path.name,
                [Problem(path.name, 1, c, say("io", "schema.missing_column")) for c in missing],
            )
        frames[table] = df[expected]
    kop, rat_df = frames["koperasi"], frames["rat"]
    problems: list[Problem] = []

    def parse(df: pd.DataFrame, table: str, name: str) -> None:
        for col in TABLES[table]:
            if col.name not in df:
                continue
            s = df[col.name]
            if col.kind == "date":
                parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").astype(
                    "datetime64[s]"
                )
                bad = s.notna() & parsed.isna()
            elif col.kind in ("int", "rupiah"):
                number = pd.to_numeric(s, errors="coerce")
                bad = s.notna() & (number.isna() | (number % 1 != 0))
                parsed = number.where(~bad).astype("Int64")
            else:
                parsed, bad = s.astype("string"), pd.Series(False, index=s.index)
            for i in np.flatnonzero(bad.to_numpy()):
                problems.append(
                    Problem(
                        name,
                        int(i) + 2,
                        col.name,
                        say("io", "cell.date") if col.kind == "date" else say("io", "cell.integer"),
                        found=str(s.iat[i]),
                        code="cell.clean",
                    )
                )
            df[col.name] = parsed

    parse(kop, "koperasi", koperasi.name)
    parse(rat_df, "rat", rat.name)
    regions = load_regions().set_index("code")
    codes = kop["kabupaten_kota"].map(_clean_region_code)
    unknown = codes.isna() | ~codes.isin(regions.index)
    for i in np.flatnonzero(unknown.to_numpy()):
        problems.append(
            Problem.from_catalogue(
                "registri.region_unknown",
                koperasi.name,
                int(i) + 2,
                "kabupaten_kota",
                found=str(kop["kabupaten_kota"].iat[i]),
            )
        )
    if problems:
        raise DataValidationError(source, problems)
    kop["kode_wilayah"] = codes.astype("string")
    kop["kabupaten_kota"] = codes.map(regions["official_name"]).astype("string")
    kop["kode_provinsi"] = codes.str.slice(0, 2).astype("string")
    kec = [
        _kecamatan(k, str(t))[:2] if isinstance(t, str) else ("", pd.NA)
        for k, t in zip(codes, kop["kecamatan"], strict=True)
    ]
    kop["kode_kecamatan"] = pd.array([c or "" for c, _ in kec], dtype="string")
    kop["kecamatan"] = pd.array([n for _, n in kec], dtype="string")
    kop["jenis"] = kop["jenis"].map(
        lambda v: JENIS_ALIASES.get(normalize_header(v)) if isinstance(v, str) else None
    )
    kop["status_badan_hukum"] = (
        kop["status_badan_hukum"]
        .map(lambda v: STATUS_ALIASES.get(normalize_header(v)) if isinstance(v, str) else None)
        .fillna("berlaku")
        .astype("string")
    )
    kop["tahun_berdiri"] = kop["tanggal_badan_hukum"].dt.year.astype("Int64")
    kop["id_sumber"] = "id_koperasi"
    rat_df["mode"] = (
        rat_df["mode"]
        .map(lambda v: MODE_ALIASES.get(normalize_header(v)) if isinstance(v, str) else None)
        .astype("string")
    )
    rat_df["dilaksanakan"] = rat_df["tanggal_rat"].notna()
    rat_df["sumber"] = "rat"
    rat_df["tahun_buku"] = rat_df["tahun_buku"].astype("int64")
    kop_out = kop.reindex(columns=_KOP_COLUMNS)
    kop_out["jenis"] = pd.Categorical(kop_out["jenis"], categories=list(JENIS))
    # The same whole-table finding the full loader makes (each region's view counts its own).
    findings: tuple[Problem, ...] = ()
    blank = int(kop_out["kecamatan"].isna().sum())
    if blank:
        findings = (
            Problem.from_catalogue(
                "registri.kecamatan_blank", koperasi.name, None, "kecamatan", n=blank
            ),
        )
    return Registry(kop_out, rat_df.reset_index(drop=True), None, source, findings, synthetic)


def _clean_region_code(value: object) -> str | None:
    """The code of a kabupaten/kota cell of a clean CSV (its official name).

    Found through the catalog; None when it is not exactly one kabupaten/kota.
    """
    from kopedu.regions import lookup_region

    if not isinstance(value, str):
        return None
    try:
        r = lookup_region(value)
    except UnknownRegionError:
        return None
    return r.code if r.level in ("kabupaten", "kota") else None
