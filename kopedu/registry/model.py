"""The loaded registry: a frozen record of validated tables plus data-quality findings."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kopedu.errors import KopeduError, Problem

__all__ = ["SYNTHETIC_LABEL", "Registry"]

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

    def __repr__(self) -> str:
        label = f" [{SYNTHETIC_LABEL}]" if self.synthetic else ""
        return (
            f"Registry({self.source!r}: {len(self.koperasi)} koperasi, "
            f"{len(self.rat)} baris RAT, {len(self.findings)} temuan){label}"
        )

    def for_region(self, region: object) -> Registry:
        """The registry restricted to one province, kabupaten/kota or kecamatan.

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
        if r.level == "nasional":
            mask = pd.Series(True, index=k.index)
        elif r.level == "provinsi":
            mask = k["kode_provinsi"] == r.code
        elif r.level == "kecamatan":
            mask = k["kode_kecamatan"] == r.code
        elif r.level in ("kabupaten", "kota"):
            mask = k["kode_wilayah"] == r.code
        else:  # pragma: no cover - LEVELS is closed
            raise KopeduError(f"Tingkat wilayah {r.level!r} tidak didukung.")
        kop = k[mask.to_numpy()].reset_index(drop=True)
        ids = pd.Index(kop["id_koperasi"])
        rat = self.rat[ids.get_indexer(self.rat["id_koperasi"]) >= 0].reset_index(drop=True)
        keu = None
        if self.keuangan is not None:
            keu = self.keuangan[ids.get_indexer(self.keuangan["id_koperasi"]) >= 0]
            keu = keu.reset_index(drop=True)
        return Registry(
            kop,
            rat,
            keu,
            f"{self.source} — {r.official_name}",
            self.findings,
            self.synthetic,
            rejected=self.rejected,
            notes=self.notes,
            rows=self.rows,
            rat_basis=self.rat_basis,
        )
