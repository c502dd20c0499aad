"""``kopedu health``: score cooperatives from a CSV/XLSX file, or write the input template."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

HELP = "penilaian kesehatan koperasi (Perdep 06/2016, syariah 07/2016)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("health", help=HELP, description=HELP)
    hs = p.add_subparsers(dest="health_command", metavar="PERINTAH", required=True)

    s = hs.add_parser("score", help="nilai semua koperasi di satu berkas CSV/XLSX")
    s.add_argument("file", type=Path, help="berkas masukan (kolom sesuai templat)")
    s.add_argument(
        "-o", "--output", type=Path, help="hasil .xlsx atau .csv (bawaan: <berkas>_skor.xlsx)"
    )
    s.add_argument("--aturan", default="perdep_06_2016", help="perdep_06_2016 atau perdep_07_2016")
    s.add_argument("--batas", choices=("bulat", "kontinu"), default="bulat",
                   help="bacaan batas rentang bilangan bulat (bawaan: bulat)")  # fmt: skip
    s.add_argument(
        "--bacaan",
        action="append",
        default=[],
        metavar="KOMPONEN=BACAAN",
        help="bacaan lain untuk satu komponen, mis. rpm=linear (boleh diulang)",
    )
    s.set_defaults(func=run_score)

    t = hs.add_parser("template", help="tulis templat masukan kosong (CSV)")
    t.add_argument("file", type=Path, help="nama berkas templat, mis. templat.csv")
    t.set_defaults(func=run_template)


def _options(args: argparse.Namespace):
    from kopedu.errors import ParameterError
    from kopedu.health import ScoringOptions

    readings = {}
    for item in args.bacaan:
        comp, sep, reading = item.partition("=")
        if not sep:
            raise ParameterError(f"--bacaan {item!r}: tulis KOMPONEN=BACAAN, mis. rpm=linear.")
        readings[comp.strip()] = reading.strip()
    return ScoringOptions(batas=args.batas, bacaan=readings)


def health_table(res) -> dict[str, object]:
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


def run_score(args: argparse.Namespace) -> int:
    import pandas as pd

    from kopedu.errors import ParameterError
    from kopedu.health import read_health_inputs, score

    data = read_health_inputs(args.file)
    res = score(data, args.aturan, _options(args))
    out = args.output or args.file.with_name(args.file.stem + "_skor.xlsx")
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise ParameterError(f"--output {out}: pakai akhiran .xlsx atau .csv.")
    sheets = health_table(res)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=out.suffix)
    os.close(fd)
    try:
        if out.suffix.lower() == ".csv":
            pd.concat([sheets["ringkasan"], res.aspects], axis=1).to_csv(tmp, index=False)
        else:
            with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
                for name, frame in sheets.items():
                    frame.to_excel(xl, sheet_name=name, index=False)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    counts = res.total["kategori"].value_counts()
    print(f"{len(res)} koperasi dinilai → {out}")
    for label, n in counts.items():
        if n:
            print(f"  {label}: {n}")
    return 0


def run_template(args: argparse.Namespace) -> int:
    from kopedu.health import write_health_template

    print(write_health_template(args.file))
    return 0
