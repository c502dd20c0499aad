"""The registry template trainers fill in: an XLSX workbook and the same as CSV files.

``kopedu registry template --output DIR`` writes it; the copy in
``data/registry/template/`` is produced by the same function and committed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kopedu.registry.columns import JENIS, MODES, TABLES
from kopedu.registry.export import write_csv, write_xlsx

__all__ = ["example_tables", "heading", "write_template"]

_WORDS = {"id": "ID", "nik": "NIK", "rat": "RAT", "shu": "SHU", "kota": "Kota"}


def heading(label: str) -> str:
    """A template column's heading as a trainer reads it (the loader reads both forms).

    Examples
    --------
    >>> heading("id_koperasi"), heading("kabupaten_kota"), heading("tanggal_rat")
    ('ID koperasi', 'Kabupaten/Kota', 'Tanggal RAT')
    """
    if label == "kabupaten_kota":
        return "Kabupaten/Kota"
    words = [_WORDS.get(w, w) for w in label.split("_")]
    first = words[0] if words[0].isupper() else words[0].capitalize()
    return " ".join([first, *words[1:]])


def example_tables() -> dict[str, pd.DataFrame]:
    """The template's tables: column headers and two example cooperatives.

    Examples
    --------
    >>> list(example_tables())
    ['koperasi', 'rat', 'keuangan', 'petunjuk']
    """
    koperasi = pd.DataFrame(
        [
            ["CONTOH-001", "KSU Contoh Maju Bersama", "serba usaha", "Kutai Timur",
             "Muara Bengkal", "15/03/2015", 120, "", "", "", "contoh — hapus baris ini"],
            ["CONTOH-002", "KSP Contoh Sejahtera", "simpan pinjam", "Kota Balikpapan",
             "Balikpapan Kota", "2 Januari 2019", 85, "", "", "", "contoh — hapus baris ini"],
        ],
        columns=[c.label for c in TABLES["koperasi"] if c.template],
    )  # fmt: skip
    rat = pd.DataFrame(
        [
            ["CONTOH-001", 2022, "20/04/2023", 70, "luring", "15/05/2023"],
            ["CONTOH-001", 2023, "", "", "", ""],
            ["CONTOH-002", 2023, "30 Maret 2024", 51, "hybrid", "10 April 2024"],
        ],
        columns=[c.label for c in TABLES["rat"]],
    )
    keuangan = pd.DataFrame(
        [["CONTOH-002", 2023, 1250000000, 400000000, 900000000, 35000000]],
        columns=[c.label for c in TABLES["keuangan"]],
    )
    rows = [
        [table, heading(c.label), "wajib" if c.required else "boleh kosong", c.help]
        for table, cols in TABLES.items()
        for c in cols
        if c.template
    ]
    rows += [
        ["(umum)", "Jenis", "", "pilihan: " + ", ".join(JENIS)],
        ["(umum)", "Mode", "", "pilihan: " + ", ".join(MODES)],
        ["(umum)", "tanggal", "", "31/12/2023, 31 Desember 2023 atau 2023-12-31"],
        ["(umum)", "angka", "", "titik sebagai pemisah ribuan: 1.209"],
    ]
    petunjuk = pd.DataFrame(rows, columns=["sheet", "kolom", "isian", "keterangan"])
    return {"koperasi": koperasi, "rat": rat, "keuangan": keuangan, "petunjuk": petunjuk}


def write_template(directory: str | Path) -> list[Path]:
    """Write the registry templates, a workbook and three CSV files, into ``directory``.

    The files are ``template_registry.xlsx`` and ``template_koperasi.csv``,
    ``template_rat.csv``, ``template_keuangan.csv``, each written atomically.

    Examples
    --------
    >>> import tempfile
    >>> [p.name for p in write_template(tempfile.mkdtemp())][:2]
    ['template_registry.xlsx', 'template_koperasi.csv']
    """
    directory = Path(directory)
    tables = {
        name: frame if name == "petunjuk" else frame.rename(columns=heading)
        for name, frame in example_tables().items()
    }
    paths = [
        write_xlsx(
            tables,
            directory / "template_registry.xlsx",
            title="Templat registri koperasi (isi mulai baris di bawah judul kolom)",
            details=[("Petunjuk", "lihat sheet 'petunjuk'; kopedu registry periksa FILE")],
        )
    ]
    for name in ("koperasi", "rat", "keuangan"):
        paths.append(write_csv(tables[name], directory / f"template_{name}.csv"))
    return paths
