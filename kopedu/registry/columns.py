"""The registry's tables, their canonical columns and the names trainers actually use.

A Dinas registry (daftar koperasi) has one row per cooperative (``koperasi``) and,
optionally, one row per cooperative and tahun buku for the RAT (``rat``) — or only the
date of each cooperative's last RAT in the ``koperasi`` table — and yearly financial
summaries (``keuangan``). Column headers arrive in many spellings ("NAMA KOPERASI",
"No. Badan Hukum", "tglRAT_terakhir", the ODS profile form's screen labels); the
spellings are data (``kopedu/io/headers.csv``, read by :mod:`kopedu.io.headers`). This
module declares each table's columns, their kinds and the allowed values.
"""

from __future__ import annotations

from dataclasses import dataclass

from kopedu.io.headers import aliases, canonical
from kopedu.io.headers import normalize_header as _normalize

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
    template : bool
        Whether the template (``kopedu registry template``) has this column; the others
        are read when a file has them (the ODS profile form's fields).
    """

    name: str
    kind: str
    required: bool
    label: str
    help: str
    template: bool = True


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
        Column("nomor_badan_hukum", "text", False, "nomor_badan_hukum", "nomor badan hukum", False),
        Column("provinsi", "text", False, "provinsi", "provinsi", False),
        Column("bentuk", "text", False, "bentuk", "primer/sekunder (kabupaten, provinsi …)", False),
        Column("kelompok", "text", False, "kelompok", "kelompok koperasi (KUD, KPRI …)", False),
        Column("sektor_usaha", "text", False, "sektor_usaha", "sektor usaha", False),
        Column(
            "tanggal_rat_terakhir",
            "date",
            False,
            "tanggal_rat_terakhir",
            "tanggal RAT terakhir",
            False,
        ),
        Column(
            "tahun_rat_terakhir",
            "int",
            False,
            "tahun_rat_terakhir",
            "tahun buku RAT terakhir",
            False,
        ),
        Column("anggota_pria", "int", False, "anggota_pria", "anggota laki-laki", False),
        Column("anggota_wanita", "int", False, "anggota_wanita", "anggota perempuan", False),
        Column("status_nik", "text", False, "status_nik", "status sertifikat NIK", False),
        Column("status_aktif", "text", False, "status_aktif", "status aktif menurut Dinas", False),
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


def normalize_header(text: object) -> str:
    """Reduce a header cell (or a value) to the form used for matching.

    Lower-cases, splits camelCase, turns punctuation and underscores into spaces and
    collapses runs of spaces (:func:`kopedu.io.headers.normalize_header`).

    Examples
    --------
    >>> normalize_header("  No. Badan Hukum ")
    'no badan hukum'
    >>> normalize_header("NAMA_KOPERASI")
    'nama koperasi'
    >>> normalize_header("Kab/Kota")
    'kab kota'
    """
    return _normalize(text)


#: Spelling → column, per table (read from ``kopedu/io/headers.csv``).
ALIASES: dict[str, dict[str, str]] = {table: aliases(table) for table in TABLES}


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
    found = canonical(table, header)
    return None if found in (None, "_nomor_baris") else found


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
