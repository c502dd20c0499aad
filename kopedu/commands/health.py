"""``kopedu health``: score cooperatives from a CSV/XLSX file, or write the input template.

Thin: parse, read and check the inputs, score, write, print the counts and the findings.
Every problem with the files (missing, a folder, unreadable, an output folder that does
not exist or cannot be written) ends in one Indonesian line and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

HELP = "penilaian kesehatan koperasi (Perdep 06/2016, syariah 07/2016, KKPKK 2021)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("health", help=HELP, description=HELP)
    hs = p.add_subparsers(dest="health_command", metavar="PERINTAH", required=True)

    s = hs.add_parser("score", help="nilai semua koperasi di satu berkas CSV/XLSX")
    s.add_argument("file", type=Path, help="berkas masukan (kolom sesuai templat)")
    s.add_argument(
        "-o", "--output", type=Path, help="hasil .xlsx atau .csv (bawaan: <berkas>_skor.xlsx)"
    )
    s.add_argument(
        "--kuesioner",
        type=Path,
        metavar="BERKAS",
        help="jawaban kuesioner manajemen per pertanyaan (kolom kode, no, jawaban); "
        "untuk XLSX cukup lembar 'kuesioner' di berkas masukan",
    )
    s.add_argument(
        "--aturan",
        default="perdep_06_2016",
        help="perdep_06_2016 (bawaan), perdep_07_2016, perdep_07_2016_struktur_2007, kkpkk_2021",
    )
    s.add_argument("--batas", choices=("bulat", "kontinu"), default="bulat",
                   help="bacaan batas rentang bilangan bulat (bawaan: bulat)")  # fmt: skip
    s.add_argument(
        "--pembulatan",
        choices=("kontinu", "nilai_bulat", "rasio_bulat", "rasio_ke_atas"),
        default="kontinu",
        help="pembulatan sebelum/sesudah mencari rentang (bawaan: kontinu)",
    )
    s.add_argument(
        "--bacaan",
        action="append",
        default=[],
        metavar="KOMPONEN=BACAAN",
        help="bacaan lain untuk satu komponen, mis. rpm=linear (boleh diulang)",
    )
    s.set_defaults(func=run_score)

    t = hs.add_parser("template", help="tulis templat masukan kosong (CSV, atau XLSX + kuesioner)")
    t.add_argument("file", type=Path, help="nama berkas templat, mis. templat.xlsx")
    t.add_argument(
        "--aturan", default="perdep_06_2016", help="perdep_06_2016 (bawaan) atau kkpkk_2021"
    )
    t.set_defaults(func=run_template)


def _options(args: argparse.Namespace) -> Any:
    from kopedu.errors import ParameterError
    from kopedu.health import ScoringOptions

    readings = {}
    for item in args.bacaan:
        comp, sep, reading = item.partition("=")
        if not sep:
            raise ParameterError(f"--bacaan {item!r}: tulis KOMPONEN=BACAAN, mis. rpm=linear.")
        readings[comp.strip()] = reading.strip()
    return ScoringOptions(batas=args.batas, bacaan=readings, pembulatan=args.pembulatan)


def _output_path(out: Path) -> Path:
    """Refuse, in Indonesian, an output the command could not write."""
    from kopedu.errors import ParameterError

    if out.is_dir():
        raise ParameterError(f"{out} adalah folder; sebut nama berkas, mis. {out / 'hasil.xlsx'}.")
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise ParameterError(f"--output {out}: pakai akhiran .xlsx atau .csv.")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise ParameterError(f"folder {parent} tidak ada; buat dulu atau pilih folder lain.")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ParameterError(
            f"tidak dapat menulis {out}: tidak ada izin menulis di sana; "
            "pilih folder lain dengan -o."
        )
    return out


def _os_error(exc: OSError, path: Path) -> Exception:
    from kopedu.errors import KopeduError

    if isinstance(exc, PermissionError):
        return KopeduError(f"tidak dapat menulis {path}: izin ditolak; pilih folder lain (-o).")
    if isinstance(exc, IsADirectoryError):
        return KopeduError(f"{path} adalah folder; sebut nama berkasnya.")
    if isinstance(exc, FileNotFoundError):
        return KopeduError(f"folder untuk {path} tidak ada; buat dulu atau pilih folder lain.")
    return KopeduError(f"tidak dapat menulis {path} (galat sistem {exc.errno}); coba folder lain.")


def health_table(res: Any) -> dict[str, Any]:
    """The sheets written by ``kopedu health score``: summary, aspects, components."""
    import pandas as pd

    summary = res.summary()
    comps = pd.concat({"rasio": res.ratio, "nilai": res.nilai, "skor": res.skor}, axis=1).swaplevel(
        axis=1
    )
    comps.columns = [f"{c}_{k}" for c, k in comps.columns]
    ident = summary.iloc[:, : len(summary.columns) - 3]
    return {
        "ringkasan": summary,
        "aspek": pd.concat([ident, res.aspects], axis=1),
        "komponen": pd.concat([ident, comps], axis=1),
    }


def _write(out: Path, sheets: dict[str, Any], csv_frame: Any) -> None:
    """Write atomically: a temporary file in the same folder, then a rename."""
    import pandas as pd

    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=out.suffix)
    os.close(fd)
    try:
        if out.suffix.lower() == ".csv":
            csv_frame.to_csv(tmp, index=False)
        else:
            with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
                for name, frame in sheets.items():
                    frame.to_excel(xl, sheet_name=name, index=False)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_score(args: argparse.Namespace) -> int:
    import pandas as pd

    from kopedu.health import check_health_inputs, read_health_inputs, score

    out = _output_path(args.output or args.file.with_name(args.file.stem + "_skor.xlsx"))
    data = read_health_inputs(args.file, questionnaire=args.kuesioner, aturan=args.aturan)
    res = score(data, args.aturan, _options(args))
    findings = check_health_inputs(data)
    sheets = health_table(res)
    if len(findings):
        sheets["temuan"] = findings
    try:
        _write(out, sheets, pd.concat([sheets["ringkasan"], res.aspects], axis=1))
    except OSError as exc:
        raise _os_error(exc, out) from None
    counts = res.total["kategori"].value_counts()
    print(f"{len(res)} koperasi dinilai → {out}")
    for label, n in counts.items():
        if n:
            print(f"  {label}: {n}")
    if len(findings):
        print(f"Temuan pemeriksaan angka ({len(findings)}):")
        for row in findings.itertuples():
            print(f"  {row.kode}: {row.temuan}")
    return 0


def run_template(args: argparse.Namespace) -> int:
    from kopedu.health import write_health_template

    out = args.file
    if out.suffix.lower() not in (".xlsx", ".csv"):
        from kopedu.errors import ParameterError

        raise ParameterError(f"{out}: pakai akhiran .xlsx (dengan lembar kuesioner) atau .csv.")
    _output_path(out)
    try:
        print(write_health_template(out, args.aturan))
    except OSError as exc:
        raise _os_error(exc, out) from None
    return 0
