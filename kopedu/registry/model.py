"""The loaded registry: a frozen record of validated tables plus data-quality findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kopedu.errors import KopeduError, Problem

if TYPE_CHECKING:
    from kopedu.regions import Region

__all__ = ["SYNTHETIC_LABEL", "Registry", "row_reasons"]

#: Shown wherever the bundled synthetic registry appears (tables, charts, reports).
SYNTHETIC_LABEL = "DATA SINTETIS — bukan data koperasi nyata"


@dataclass(frozen=True, slots=True)
class Registry:
    """A cooperative registry (daftar koperasi) with its RAT events.

    Attributes
    ----------
    koperasi : DataFrame
        One row per cooperative: ``id_koperasi, nama_koperasi, jenis, kode_wilayah,
        kabupaten_kota, kode_provinsi, kecamatan, kode_kecamatan, tanggal_badan_hukum,
        tahun_berdiri, jumlah_anggota, status_badan_hukum, tanggal_status, nik,
        keterangan``.
    rat : DataFrame
        One row per cooperative and tahun buku: ``id_koperasi, tahun_buku,
        tanggal_rat`` (empty = RAT not held), ``jumlah_hadir, mode, tanggal_lapor``.
    keuangan : DataFrame or None
        Optional yearly financial summaries (integer rupiah).
    source : str
        File (or description) the registry came from.
    findings : tuple of Problem
        Data-quality findings that did not stop loading: each row left out (also in
        :attr:`rejected`), a cell left empty because it could not be read or made no
        sense (a RAT date in the future, −40 members), a duplicate row dropped, an
        unknown kecamatan kept as written … Reports show them.
    synthetic : bool
        True for the bundled synthetic registry; every display says so.
    rejected : DataFrame
        The rows left out, one per source row: ``berkas, sheet, baris, alasan,
        perbaikan`` and the row's cells as written (``kopedu registry periksa`` writes
        them to ``ditolak.xlsx``). Empty when every row was loaded.
    notes : tuple of Problem
        How the file was read: delimiter, encoding, sheet, header row, columns not
        used, row-number columns, RAT taken from a last-RAT column.
    rows : dict
        Per sheet (or file) the count of its data rows (``baris``) and what became of
        them: loaded (``dimuat``), rejected (``ditolak``), skipped with a finding
        (``dilewati``: a note under the table, a row repeated verbatim) and blank
        (``kosong``). ``baris`` is always the sum of the other four.
    rat_basis : str
        ``"rat"`` (a RAT table, one row per cooperative and tahun buku) or
        ``"rat_terakhir"`` (only each cooperative's last RAT; see ``docs/registry.md``
        for what that can and cannot tell).
    origins : DataFrame
        Where each data row of the file belongs: ``berkas, sheet, baris, kode_wilayah,
        kode_kecamatan`` (a RAT or keuangan row through its cooperative; codes empty when
        the row's region cannot be told). :meth:`for_region` uses it to keep the
        findings and rejected rows of a region's own rows.

    Notes
    -----
    Findings and rejected rows are written in the user's language when the file is
    read; :meth:`Problem.text <kopedu.errors.Problem.text>` and :meth:`rejected_in`
    write them in any language (an English report of an Indonesian trainer's file).
    """

    koperasi: pd.DataFrame
    rat: pd.DataFrame
    keuangan: pd.DataFrame | None = None
    source: str = "<tabel>"
    findings: tuple[Problem, ...] = field(default=())
    synthetic: bool = False
    rejected: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: tuple[Problem, ...] = field(default=())
    rows: dict[str, dict[str, int]] = field(default_factory=dict)
    rat_basis: str = "rat"
    origins: pd.DataFrame = field(default_factory=pd.DataFrame)

    def __repr__(self) -> str:
        label = f" [{SYNTHETIC_LABEL}]" if self.synthetic else ""
        return (
            f"Registry({self.source!r}: {len(self.koperasi)} koperasi, "
            f"{len(self.rat)} baris RAT, {len(self.findings)} temuan){label}"
        )

    def for_region(self, region: str | Region) -> Registry:
        """The registry restricted to one province, kabupaten/kota or kecamatan.

        The cooperatives, RAT and keuangan rows of the region; the findings about its
        own rows (a finding about the whole table, such as the count of cooperatives
        without kecamatan, counted again for the region); the rejected rows of the
        region, and every rejected row whose region cannot be told (no or an unknown
        kabupaten/kota, a RAT row of an unknown cooperative), marked
        ``wilayah_tidak_diketahui``. Notes on how the file was read and findings about
        the file itself (its header, a note under the table) are kept; :attr:`rows`
        still counts the whole file.

        Parameters
        ----------
        region : str or Region
            Anything :func:`kopedu.regions.lookup_region` accepts ("Kutim", "64",
            "Kecamatan Muara Bengkal").

        Examples
        --------
        >>> from kopedu.registry import load_synthetic
        >>> len(load_synthetic().for_region("Palangkaraya").koperasi) >= 298
        True
        """
        from kopedu.regions import lookup_region

        r = lookup_region(region)
        k = self.koperasi
        inside = _inside(r.level, r.code)
        mask = inside(k["kode_wilayah"], k["kode_kecamatan"])
        kop = k[mask].reset_index(drop=True)
        ids = pd.Index(kop["id_koperasi"])
        rat = self.rat[ids.get_indexer(self.rat["id_koperasi"]) >= 0].reset_index(drop=True)
        keu = None
        if self.keuangan is not None:
            keu = self.keuangan[ids.get_indexer(self.keuangan["id_koperasi"]) >= 0]
            keu = keu.reset_index(drop=True)
        origins, rejected = self.origins, self.rejected
        # Whole-table findings are counted again for the region's cooperatives (also for a
        # registry read without row origins, such as the synthetic one).
        findings = tuple(
            g for g in (_recount(f, kop) if f.row is None else f for f in self.findings) if g
        )
        if not origins.empty:
            o_in = inside(origins["kode_wilayah"], origins["kode_kecamatan"])
            told = origins["kode_wilayah"].fillna("") != ""
            keys = _keys(origins)
            outside = {key for key, keep, t in zip(keys, o_in, told, strict=True)
                       if t and not keep}  # fmt: skip
            kept = (
                _recount(f, kop) if f.row is None else f
                for f in self.findings
                if (f.file, f.sheet or "", f.row) not in outside
            )
            findings = tuple(f for f in kept if f is not None)
        if not rejected.empty and "kode_wilayah" in rejected:
            code = rejected["kode_wilayah"].fillna("")
            kec = rejected["kode_kecamatan"].fillna("")
            keep = inside(code, kec) | (code == "").to_numpy()
            rejected = rejected[keep].reset_index(drop=True)
        return Registry(
            kop,
            rat,
            keu,
            f"{self.source} — {r.official_name}",
            findings,
            self.synthetic,
            rejected=rejected,
            notes=self.notes,
            rows=self.rows,
            rat_basis=self.rat_basis,
            origins=origins,
        )

    def rejected_in(self, language: str) -> pd.DataFrame:
        """:attr:`rejected` with its reasons and fixes written in ``language``.

        The reasons (``alasan``) and fixes (``perbaikan``) are in ``"id"`` or ``"en"``.

        Examples
        --------
        >>> reg = Registry(pd.DataFrame(), pd.DataFrame())
        >>> reg.rejected_in("en").empty
        True
        """
        out = self.rejected.copy()
        if out.empty:
            return out
        by_row: dict[tuple[str, str, object], list[Problem]] = {}
        for f in self.findings:
            by_row.setdefault((f.file, f.sheet or "", f.row), []).append(f)
        written = [
            row_reasons(by_row[key], language) if key in by_row else (why, fix)
            for key, why, fix in zip(_keys(out), out["alasan"], out["perbaikan"], strict=True)
        ]
        out["alasan"] = [w for w, _ in written]
        out["perbaikan"] = [f for _, f in written]
        return out


def row_reasons(problems: Iterable[Problem], language: str | None = None) -> tuple[str, str]:
    """Every reason of one row and every fix, each once: ``(alasan, perbaikan)``.

    Examples
    --------
    >>> p = Problem.from_catalogue("registri.region_blank", "d.csv", 4, "Kab/Kota")
    >>> row_reasons([p, p], "en")
    ("column 'Kab/Kota': regency/city is blank", "fill in the cooperative's regency/city")
    """
    problems = list(problems)
    reasons = dict.fromkeys(p.reason(language) for p in problems)
    fixes = dict.fromkeys(f for p in problems if (f := p.fix_in(language) if language else p.fix))
    return "; ".join(reasons), "; ".join(fixes)


def _keys(frame: pd.DataFrame) -> list[tuple[str, str, object]]:
    """(file, sheet, row) of each row of an ``origins`` or ``rejected`` frame."""
    return list(
        zip(
            frame["berkas"].astype(str),
            frame["sheet"].fillna("").astype(str),
            (int(r) if pd.notna(r) else None for r in frame["baris"]),
            strict=True,
        )
    )


def _inside(level: str, code: str) -> Callable[[pd.Series, pd.Series], np.ndarray]:
    """A test of whether (kode_wilayah, kode_kecamatan) columns lie inside the region ``code``."""

    def test(kab: pd.Series, kec: pd.Series) -> np.ndarray:
        kab = kab.astype("string").fillna("")
        kec = kec.astype("string").fillna("")
        if level == "nasional":
            out = pd.Series(True, index=kab.index)
        elif level == "provinsi":
            out = kab.str.slice(0, len(code) + 1) == code + "."
        elif level in ("kabupaten", "kota"):
            out = kab == code
        elif level == "kecamatan":
            out = kec == code
        else:  # pragma: no cover - LEVELS is closed
            raise KopeduError(f"Tingkat wilayah {level!r} tidak didukung.")
        return out.to_numpy(dtype=bool)

    return test


#: Findings about a whole table that count cooperatives: counted again in a region's
#: view (finding code → which cooperatives it counts).
_COUNTED: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "registri.kecamatan_blank": lambda kop: kop["kecamatan"].isna(),
}


def _recount(f: Problem, kop: pd.DataFrame) -> Problem | None:
    """A whole-table finding recounted for a region's cooperatives ``kop``.

    None when it is about none of them.
    """
    if f.code not in _COUNTED:
        return f
    n = int(_COUNTED[f.code](kop).sum())
    if n == 0:
        return None
    values = {**dict(f.values), "n": n}
    return Problem.from_catalogue(f.code, f.file, None, f.column, f.sheet, **values)
