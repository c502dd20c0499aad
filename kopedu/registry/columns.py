"""The registry's tables, their canonical columns and the names trainers actually use.

A Dinas registry (daftar koperasi) has two tables: one row per cooperative
(``koperasi``) and one row per cooperative and tahun buku for the RAT (``rat``); an
optional third table holds yearly financial summaries (``keuangan``). Column headers
arrive in many spellings ("NAMA KOPERASI", "No. Badan Hukum", "Tgl RAT"); every
spelling is reduced by :func:`normalize_header` and looked up in :data:`ALIASES`.
This module is the single place those names and the allowed values are defined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ALIASES",
    "JENIS",
    "JENIS_ALIASES",
    "MODES",
    "MODE_ALIASES",
    "STATUS_ALIASES",
    "STATUS_HUKUM",
    "TABLES",
    "Column",
    "canonical_column",
    "normalize_header",
]

#: Jenis koperasi as the registry stores them (the figures table uses the same words).
JENIS: tuple[str, ...] = (
    "konsumen",
    "produsen",
    "pemasaran",
    "jasa",
    "simpan pinjam",
    "simpan pinjam syariah",
    "serba usaha",
)

#: Ways of holding the RAT allowed since UU Cipta Kerja (Pasal 22: daring dan/atau luring).
MODES: tuple[str, ...] = ("luring", "daring", "hybrid")

#: Legal status recorded by the Dinas (not the aktif/tidak aktif status, which is computed).
STATUS_HUKUM: tuple[str, ...] = ("berlaku", "proses pembubaran", "dibubarkan")


@dataclass(frozen=True, slots=True)
class Column:
    """One canonical column of a registry table.

    Attributes
    ----------
    name : str
        Canonical name (``"id_koperasi"``).
    kind : str
        ``"text"``, ``"date"``, ``"int"``, ``"rupiah"``, ``"region"``, ``"jenis"``, ``"mode"``,
        ``"status"`` — decides how cells are parsed.
    required : bool
        Whether every data row must have a value.
    label : str
        Header written in the template.
    help : str
        What to write, in Bahasa Indonesia (shown in the template and in fixes).
    """

    name: str
    kind: str
    required: bool
    label: str
    help: str


TABLES: dict[str, tuple[Column, ...]] = {
    "koperasi": (
        Column(
            "id_koperasi",
            "text",
            True,
            "id_koperasi",
            "NIK atau nomor badan hukum; unik, sama persis dengan di sheet rat",
        ),
        Column("nama_koperasi", "text", True, "nama_koperasi", "nama lengkap koperasi"),
        Column("jenis", "jenis", True, "jenis", "salah satu: " + ", ".join(JENIS)),
        Column(
            "kabupaten_kota",
            "region",
            True,
            "kabupaten_kota",
            "nama kabupaten/kota, misalnya Kutai Timur atau Kota Balikpapan",
        ),
        Column("kecamatan", "text", False, "kecamatan", "nama kecamatan, misalnya Muara Bengkal"),
        Column(
            "tanggal_badan_hukum",
            "date",
            True,
            "tanggal_badan_hukum",
            "tanggal pengesahan badan hukum, misalnya 31/12/2023 atau 31 Desember 2023",
        ),
        Column("jumlah_anggota", "int", False, "jumlah_anggota", "bilangan bulat, misalnya 1.209"),
        Column(
            "status_badan_hukum",
            "status",
            False,
            "status_badan_hukum",
            "kosong/berlaku, proses pembubaran, atau dibubarkan",
        ),
        Column(
            "tanggal_status",
            "date",
            False,
            "tanggal_status",
            "tanggal keputusan pembubaran (wajib bila status dibubarkan)",
        ),
        Column("nik", "text", False, "nik", "Nomor Induk Koperasi bila sudah ada"),
        Column("keterangan", "text", False, "keterangan", "catatan bebas"),
    ),
    "rat": (
        Column("id_koperasi", "text", True, "id_koperasi", "sama persis dengan di sheet koperasi"),
        Column(
            "tahun_buku",
            "int",
            True,
            "tahun_buku",
            "tahun buku yang dipertanggungjawabkan, misalnya 2023",
        ),
        Column(
            "tanggal_rat",
            "date",
            False,
            "tanggal_rat",
            "tanggal RAT; kosongkan bila RAT belum/tidak dilaksanakan",
        ),
        Column("jumlah_hadir", "int", False, "jumlah_hadir", "anggota yang hadir (bilangan bulat)"),
        Column("mode", "mode", False, "mode", "luring, daring, atau hybrid"),
        Column(
            "tanggal_lapor", "date", False, "tanggal_lapor", "tanggal RAT dilaporkan ke Dinas/ODS"
        ),
    ),
    "keuangan": (
        Column("id_koperasi", "text", True, "id_koperasi", "sama persis dengan di sheet koperasi"),
        Column("tahun_buku", "int", True, "tahun_buku", "misalnya 2023"),
        Column(
            "aset", "rupiah", False, "aset", "total aset dalam rupiah utuh, misalnya 1.250.000.000"
        ),
        Column("modal_sendiri", "rupiah", False, "modal_sendiri", "rupiah utuh"),
        Column("volume_usaha", "rupiah", False, "volume_usaha", "rupiah utuh"),
        Column("shu", "rupiah", False, "shu", "SHU tahun berjalan, rupiah utuh (boleh negatif)"),
    ),
}

_RAW_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "koperasi": {
        "id_koperasi": (
            "id koperasi",
            "id",
            "kode koperasi",
            "no badan hukum",
            "nomor badan hukum",
            "no bh",
            "nomor bh",
            "no sk badan hukum",
            "nomor sk badan hukum",
            "nomor induk koperasi",
            "no induk koperasi",
        ),
        "nama_koperasi": ("nama koperasi", "nama", "koperasi", "nama kop"),
        "jenis": ("jenis", "jenis koperasi", "jenis kop", "kelompok koperasi", "bentuk koperasi"),
        "kabupaten_kota": (
            "kabupaten kota",
            "kab kota",
            "kabupaten",
            "kota",
            "kab",
            "wilayah",
            "kabupaten atau kota",
        ),
        "kecamatan": ("kecamatan", "kec"),
        "tanggal_badan_hukum": (
            "tanggal badan hukum",
            "tgl badan hukum",
            "tanggal bh",
            "tgl bh",
            "tanggal sk badan hukum",
            "tgl sk",
            "tanggal berdiri",
            "tgl berdiri",
            "tanggal pendirian",
            "tanggal pengesahan",
        ),
        "jumlah_anggota": ("jumlah anggota", "jml anggota", "anggota", "banyak anggota"),
        "status_badan_hukum": ("status badan hukum", "status hukum", "status bh"),
        "tanggal_status": ("tanggal status", "tgl status", "tanggal pembubaran", "tgl pembubaran"),
        "nik": ("nik",),
        "keterangan": ("keterangan", "ket", "catatan"),
    },
    "rat": {
        "id_koperasi": (
            "id koperasi",
            "id",
            "kode koperasi",
            "no badan hukum",
            "nomor badan hukum",
            "no bh",
            "nik",
            "nomor induk koperasi",
        ),
        "tahun_buku": ("tahun buku", "tb", "tahun"),
        "tanggal_rat": (
            "tanggal rat",
            "tgl rat",
            "tanggal pelaksanaan rat",
            "tanggal pelaksanaan",
            "tgl pelaksanaan",
            "tanggal rapat",
        ),
        "jumlah_hadir": ("jumlah hadir", "hadir", "anggota hadir", "kehadiran", "jml hadir"),
        "mode": ("mode", "mode rat", "cara", "bentuk rat", "pelaksanaan"),
        "tanggal_lapor": (
            "tanggal lapor",
            "tgl lapor",
            "tanggal laporan",
            "tanggal dilaporkan",
            "tgl dilaporkan",
            "tanggal lapor ods",
        ),
    },
    "keuangan": {
        "id_koperasi": ("id koperasi", "id", "no badan hukum", "nomor badan hukum", "nik"),
        "tahun_buku": ("tahun buku", "tb", "tahun"),
        "aset": ("aset", "total aset", "jumlah aset", "asset"),
        "modal_sendiri": ("modal sendiri", "ekuitas"),
        "volume_usaha": ("volume usaha", "omzet", "omset"),
        "shu": ("shu", "sisa hasil usaha"),
    },
}


def normalize_header(text: object) -> str:
    """Reduce a header cell to the form used for matching.

    Lower-cases, turns punctuation and underscores into spaces and collapses runs
    of spaces.

    Examples
    --------
    >>> normalize_header("  No. Badan Hukum ")
    'no badan hukum'
    >>> normalize_header("NAMA_KOPERASI")
    'nama koperasi'
    >>> normalize_header("Kab/Kota")
    'kab kota'
    """
    s = re.sub(r"[^\w]+|_", " ", str(text).lower())
    return re.sub(r"\s+", " ", s).strip()


ALIASES: dict[str, dict[str, str]] = {
    table: {
        normalize_header(alias): canon
        for canon, aliases in table_aliases.items()
        for alias in (canon, *aliases)
    }
    for table, table_aliases in _RAW_ALIASES.items()
}


def canonical_column(table: str, header: object) -> str | None:
    """Canonical column name for ``header`` in ``table``, or ``None`` if unknown.

    Examples
    --------
    >>> canonical_column("koperasi", "NAMA KOPERASI")
    'nama_koperasi'
    >>> canonical_column("rat", "Tgl. RAT")
    'tanggal_rat'
    >>> canonical_column("koperasi", "warna favorit") is None
    True
    """
    if header is None:
        return None
    return ALIASES[table].get(normalize_header(header))


def _keyed(pairs: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {
        normalize_header(a): canon for canon, aliases in pairs.items() for a in (canon, *aliases)
    }


JENIS_ALIASES: dict[str, str] = _keyed(
    {
        "konsumen": ("koperasi konsumen", "kop konsumen", "konsumsi"),
        "produsen": ("koperasi produsen", "kop produsen", "produksi"),
        "pemasaran": ("koperasi pemasaran", "kop pemasaran"),
        "jasa": ("koperasi jasa", "kop jasa"),
        "simpan pinjam": ("ksp", "usp", "kospin", "koperasi simpan pinjam", "kop simpan pinjam"),
        "simpan pinjam syariah": (
            "ksps",
            "kspps",
            "ksp syariah",
            "syariah",
            "bmt",
            "koperasi simpan pinjam dan pembiayaan syariah",
            "simpan pinjam dan pembiayaan syariah",
        ),
        "serba usaha": ("ksu", "koperasi serba usaha", "kop serba usaha"),
    }
)

MODE_ALIASES: dict[str, str] = _keyed(
    {
        "luring": ("offline", "tatap muka", "langsung", "fisik"),
        "daring": ("online", "virtual", "zoom"),
        "hybrid": ("hibrida", "hibrid", "campuran", "luring dan daring", "daring dan luring"),
    }
)

STATUS_ALIASES: dict[str, str] = _keyed(
    {
        "berlaku": ("aktif", "sah", "berbadan hukum", "ada"),
        "proses pembubaran": (
            "dalam proses pembubaran",
            "akan dibubarkan",
            "diusulkan bubar",
            "usul bubar",
            "usulan pembubaran",
            "proses bubar",
        ),
        "dibubarkan": ("bubar", "sudah dibubarkan", "dicabut", "badan hukum dicabut"),
    }
)
