"""``kopedu registry``: template, check, summary and the synthetic registry.

Examples (shell)::

    kopedu registry template --output templat/
    kopedu registry periksa daftar_koperasi.xlsx
    kopedu registry periksa ekspor_ods.csv --kolom-id "Nomor Induk Koperasi (NIK)" --ketat
    kopedu registry ringkasan daftar_koperasi.xlsx --wilayah Kutim --tahun 2023
    kopedu registry ringkasan --tahun 2024 --wilayah Balikpapan --rincian jenis
    kopedu registry sintetis --output data/registry

``periksa`` loads what it can (lenient), says how the file was read, lists every finding
and every row it left out with the reason and writes those rows to ``ditolak.xlsx``.
Exit code 0 when there is nothing to fix, 1 when a row was left out or a cell needs a
look (a finding), 2 when the file cannot be read; ``--ketat`` refuses the whole file on
any problem (exit code 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kopedu.texts import say

if TYPE_CHECKING:
    import pandas as pd

    from kopedu.registry import Registry


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kopedu registry`` (template, periksa, ringkasan, sintetis) to the subcommands.

    The parsed command line's ``func`` is :func:`run_template`, :func:`run_check`,
    :func:`run_summary` or :func:`run_synthetic`.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="kopedu")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["registry", "periksa", "daftar_koperasi.xlsx", "--ketat"])
    >>> args.file, args.strict, args.ditolak.name, args.func is run_check
    ('daftar_koperasi.xlsx', True, 'ditolak.xlsx', True)
    """
    from kopedu.cli import year

    help_ = say("cli", "reg.help")
    p = sub.add_parser("registry", help=help_, description=help_)
    rs = p.add_subparsers(
        dest="registry_command", metavar=say("cli", "reg.metavar_action"), required=True
    )

    t = rs.add_parser("template", aliases=["templat"], help=say("cli", "reg.template"))
    t.add_argument("--output", "-o", default="templat_registry", help=say("cli", "reg.folder"))
    t.set_defaults(func=run_template)

    c = rs.add_parser("periksa", aliases=["check"], help=say("cli", "reg.check"))
    _file_arguments(c, optional=False)
    c.add_argument(
        "--ditolak", type=Path, default=Path("ditolak.xlsx"), help=say("cli", "reg.rejected_file")
    )
    c.set_defaults(func=run_check)

    s = rs.add_parser("ringkasan", aliases=["summary"], help=say("cli", "reg.summary"))
    _file_arguments(s, optional=True)
    s.add_argument("--region", "--wilayah", help=say("cli", "reg.region"))
    s.add_argument("--year", "--tahun", type=year, action="append", help=say("cli", "reg.year"))
    s.add_argument("--definition", "--definisi", default=None, help=say("cli", "reg.definition"))
    s.add_argument("--by", "--rincian", choices=["kecamatan", "jenis", "kabupaten_kota"])
    s.add_argument("--output", "-o", help=say("cli", "reg.output"))
    s.set_defaults(func=run_summary)

    g = rs.add_parser("sintetis", aliases=["synthetic"], help=say("cli", "reg.synthetic"))
    g.add_argument("--output", "-o", help=say("cli", "reg.synthetic_folder"))
    g.set_defaults(func=run_synthetic)


def _file_arguments(p: argparse.ArgumentParser, *, optional: bool) -> None:
    p.add_argument("file", nargs="?" if optional else None, help=say("cli", "reg.file"))
    p.add_argument("--rat", help=say("cli", "reg.rat"))
    p.add_argument("--kolom-id", dest="id_column", help=say("cli", "reg.id_column"))
    p.add_argument("--ketat", "--strict", dest="strict", action="store_true",
                   help=say("cli", "reg.strict"))  # fmt: skip


def _load(args: argparse.Namespace) -> Registry:
    from kopedu.registry import load_registry, load_synthetic

    if args.file is None:
        return load_synthetic()
    return load_registry(args.file, rat=args.rat, strict=args.strict, id_column=args.id_column)


def run_template(args: argparse.Namespace) -> int:
    """Write the registry templates into the ``--output`` folder and print their paths.

    ``args`` is the parsed ``kopedu registry template`` command line.

    Returns
    -------
    int
        0.
    """
    from kopedu.registry import write_template

    for path in write_template(args.output):
        print(path)
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Read a registry and say how it was read, every finding and every row left out.

    The rows left out are written, with their reasons and fixes, to ``--ditolak``.

    ``args`` is the parsed ``kopedu registry periksa`` command line.

    Returns
    -------
    int
        0 when there is nothing to fix, 1 when a row was left out or a cell needs a look.
    """
    from kopedu.formatting import format_number
    from kopedu.texts import language

    reg = _load(args)
    lang = language()

    def n(value: int) -> str:
        return format_number(value, language=lang)

    for sheet, c in reg.rows.items():
        print(
            say("cli", "reg.read", sheet=sheet, rows=n(c["baris"]), loaded=n(c["dimuat"]),
                rejected=n(c["ditolak"]), skipped=n(c["dilewati"]), blank=n(c["kosong"]))
        )  # fmt: skip
    print(
        say("cli", "reg.loaded", source=reg.source, kop=n(len(reg.koperasi)), rat=n(len(reg.rat)))
    )
    note = say("cli", "note")
    for p in reg.notes:
        print(f"  {note}: {p}")
    left_out = {(str(s or ""), r) for s, r in zip(reg.rejected["sheet"], reg.rejected["baris"],
                                                    strict=True)}  # fmt: skip
    kept = [f for f in reg.findings if (str(f.sheet or ""), f.row) not in left_out]
    for f in kept:  # the rows left out are listed below, with every reason
        print(f"  {say('cli', 'reg.finding')}: {f}")
    if reg.rejected.empty:
        return 1 if kept else 0
    print(say("cli", "reg.rejected", n=n(len(reg.rejected))))
    reasons: dict[tuple[str, object], list[str]] = {}
    for f in reg.findings:  # every reason of a row, each naming its column
        reasons.setdefault((str(f.sheet or ""), f.row), []).append(str(f))
    for sheet, row in zip(reg.rejected["sheet"], reg.rejected["baris"], strict=True):
        for line in reasons.get((str(sheet or ""), row), []):
            print(f"  - {line}")
    written = _write_rejected(args.ditolak, reg)
    print(say("cli", "reg.rejected_saved", path=written))
    return 1


def _write_rejected(path: Path, reg: Registry) -> Path:
    """The rejected rows, with their reasons and cells as written, in the one XLSX writer."""
    from kopedu.io.xlsx import Table, write_xlsx
    from kopedu.texts import language

    region = ["kode_wilayah", "kode_kecamatan", "wilayah_tidak_diketahui"]
    frame = reg.rejected.drop(columns=[c for c in region if c in reg.rejected]).rename(
        columns={
            "berkas": say("cli", "reg.col_file"),
            "sheet": say("cli", "reg.col_sheet"),
            "baris": say("cli", "reg.col_row"),
            "alasan": say("cli", "reg.col_reason"),
            "perbaikan": say("cli", "reg.col_fix"),
        }
    )
    frame = frame.astype(object).where(frame.notna(), None)
    title = say("cli", "reg.rejected_title", source=reg.source)
    table = Table(
        say("cli", "reg.rejected_sheet"),
        frame,
        # cells as written (text); the row number a plain whole number ("year": format 0)
        kinds={c: "year" if c == say("cli", "reg.col_row") else "text" for c in frame.columns},
    )
    return write_xlsx(path, [table], title=title, language=language())


def run_summary(args: argparse.Namespace) -> int:
    """Print a registry's summary per year, and write it with the priority list (``--output``).

    Without a file the synthetic registry is summarised, marked as such.

    ``args`` is the parsed ``kopedu registry ringkasan`` command line.

    Returns
    -------
    int
        0.
    """
    from kopedu.formatting import format_percent
    from kopedu.registry import SYNTHETIC_LABEL, priority_list, summarise
    from kopedu.texts import language

    reg = _load(args)
    if args.region:
        reg = reg.for_region(args.region)
    table = summarise(reg, args.year, args.definition, by=args.by)
    lang = language()
    if reg.synthetic:
        print(f"[{SYNTHETIC_LABEL}]")
    shown = table.assign(
        persen_rat=table["persen_rat"].map(
            lambda v: "–" if v != v else format_percent(v, language=lang)
        )
    )
    print(_labelled(shown).to_string(index=False))
    if args.output:
        out = Path(args.output)
        if out.suffix.lower() == ".csv":
            written = _write_csv(out, table)
        else:
            years = table["tahun"].unique().tolist()
            prio = priority_list(reg, int(max(years)), args.definition)
            written = _write_summary(out.with_suffix(".xlsx"), reg, table, prio)
        print(say("cli", "reg.written", path=written), file=sys.stderr)
    return 0


#: Columns of the summary and the priority list and their labels' keys in the cli catalogue.
_COLUMNS = (
    "tahun", "total", "aktif", "tidak_aktif", "proses_pembubaran", "rat", "rat_tepat_waktu",
    "rat_dilaporkan", "layak_nik", "pembubaran", "pembekuan", "pembinaan", "persen_rat",
    "id_koperasi", "nama_koperasi", "jenis", "kabupaten_kota", "kecamatan", "tahun_berdiri",
    "jumlah_anggota", "status", "rat_terakhir", "tahun_tanpa_rat", "tindak_lanjut", "alasan",
)  # fmt: skip
_KINDS = {"tahun": "year", "tahun_berdiri": "year", "rat_terakhir": "year",
          "persen_rat": "percent", "id_koperasi": "code"}  # fmt: skip


def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Readable column labels and yes/no in the user's language."""
    out = frame.copy()
    for c in out.columns:
        if out[c].dtype == bool:
            out[c] = out[c].map({True: say("cli", "reg.yes"), False: say("cli", "reg.no")})
    return out.rename(columns={c: say("cli", f"reg.col.{c}") for c in out if c in _COLUMNS})


def _write_summary(path: Path, reg: Registry, table: pd.DataFrame, prio: pd.DataFrame) -> Path:
    """The summary and the priority list through the one XLSX writer."""
    from kopedu.io.xlsx import Table, write_xlsx
    from kopedu.registry import SYNTHETIC_LABEL
    from kopedu.texts import language

    def sheet(key: str, frame: pd.DataFrame) -> Table:
        labelled = _labelled(frame)
        kinds = {say("cli", f"reg.col.{c}"): k for c, k in _KINDS.items() if c in frame}
        return Table(say("cli", key), labelled, kinds=kinds)

    return write_xlsx(
        path,
        [sheet("reg.sheet_summary", table), sheet("reg.sheet_priority", prio)],
        title=say("cli", "reg.summary_title", source=reg.source),
        language=language(),
        banner=SYNTHETIC_LABEL if reg.synthetic else "",
    )


def _write_csv(path: Path, table: pd.DataFrame) -> Path:
    """The summary as CSV (kopedu's column names: a file for other programs), atomically."""
    from kopedu.io.write import write_text
    from kopedu.registry import neutralise_formulas

    return write_text(path, neutralise_formulas(table).to_csv(index=False))


def run_synthetic(args: argparse.Namespace) -> int:
    """Write the synthetic registry's CSV files and print their paths.

    ``args`` is the parsed ``kopedu registry sintetis`` command line.

    Returns
    -------
    int
        0.
    """
    from kopedu.registry import write_synthetic

    for path in write_synthetic(args.output):
        print(path)
    return 0
