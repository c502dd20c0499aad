"""``kopedu health``: score cooperatives from a CSV/XLSX file, or write the input template.

Thin: parse, read and check the inputs, score, write (through :mod:`kopedu.io.write` and
the one XLSX writer :mod:`kopedu.io.xlsx`), print the counts and the findings. Every
problem with the files (missing, a folder, unreadable, an output that cannot be written)
ends in one Indonesian line and a non-zero exit code.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

HELP = "penilaian kesehatan koperasi (Perdep 06/2016, syariah 07/2016, KKPKK 2021)"


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kopedu health`` (score, template) to the ``kopedu`` command's subcommands.

    The parsed command line's ``func`` is :func:`run_score` or :func:`run_template`.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="kopedu")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["health", "score", "koperasi.xlsx", "--bacaan", "rpm=linear"])
    >>> args.aturan, args.batas, args.bacaan, args.func is run_score
    ('perdep_06_2016', 'bulat', ['rpm=linear'], True)
    """
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
    """Refuse, in Indonesian, an output kind the command cannot write (before any work)."""
    from kopedu.errors import ParameterError

    if out.is_dir():
        raise ParameterError(f"{out} adalah folder; sebut nama berkas, mis. {out / 'hasil.xlsx'}.")
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise ParameterError(f"--output {out}: pakai akhiran .xlsx atau .csv.")
    return out


_IDENTITY = {
    "kode": "Kode",
    "nama_koperasi": "Nama koperasi",
    "wilayah": "Wilayah",
    "tahun_buku": "Tahun buku",
}


def health_table(res: Any) -> dict[str, tuple[Any, dict[str, str]]]:
    """The sheets of ``kopedu health score``: summary, aspects, components.

    Each sheet is (frame with readable labels, column kinds for the XLSX writer).
    """
    import pandas as pd

    ident = res.data[[c for c in _IDENTITY if c in res.data]].rename(columns=_IDENTITY)
    kinds = {label: "code" if label == "Kode" else "text" for label in ident.columns}
    if "Tahun buku" in kinds:
        kinds["Tahun buku"] = "year"
    total = res.total
    summary = pd.concat(
        [
            ident,
            pd.DataFrame(
                {
                    "Skor total": total["skor_total"],
                    "Kategori": total["kategori"].astype(str),
                    "Komponen tidak dinilai": total["komponen_tidak_dinilai"].astype("int64"),
                    "Bobot tidak dinilai": total["bobot_tidak_dinilai"],
                },
                index=res.data.index,
            ),
        ],
        axis=1,
    )
    aspects: dict[str, Any] = {}
    for a in res.rules.aspects:
        aspects[f"Skor {a.name}"] = res.aspects[f"skor_{a.id}"]
        aspects[f"{a.name} (persen dari bobot)"] = res.aspects[f"persen_{a.id}"]
        aspects[f"Predikat {a.name}"] = res.aspects[f"predikat_{a.id}"].astype(str)
    comps: dict[str, Any] = {}
    for c in res.rules.components:
        comps[f"{c.code} rasio (persen)"] = res.ratio[c.id]
        comps[f"{c.code} nilai"] = res.nilai[c.id]
        comps[f"{c.code} skor"] = res.skor[c.id]
    decimals = {k: "decimal" for k in [*aspects, *comps] if not k.startswith("Predikat")}
    return {
        "ringkasan": (
            summary,
            kinds | {"Skor total": "decimal", "Bobot tidak dinilai": "decimal", "Kategori": "text"},
        ),
        "aspek": (pd.concat([ident, pd.DataFrame(aspects, index=res.data.index)], axis=1),
                  kinds | decimals),
        "komponen": (pd.concat([ident, pd.DataFrame(comps, index=res.data.index)], axis=1),
                     kinds | decimals),
    }  # fmt: skip


def run_score(args: argparse.Namespace) -> int:
    """Score every cooperative of an input file and write the scores (XLSX or CSV).

    ``args`` is the parsed ``kopedu health score`` command line.

    Returns
    -------
    int
        0, or 1 when the inputs contradict each other (the findings are printed and
        written with the scores, which cannot be trusted until the figures are fixed).
    """
    import pandas as pd

    from kopedu.health import check_health_inputs, read_health_inputs, score
    from kopedu.io.write import write_text
    from kopedu.io.xlsx import Table, write_xlsx

    out = _output_path(args.output or args.file.with_name(args.file.stem + "_skor.xlsx"))
    data = read_health_inputs(args.file, questionnaire=args.kuesioner, aturan=args.aturan)
    options = _options(args)
    res = score(data, args.aturan, options)
    findings = check_health_inputs(data)
    sheets = health_table(res)
    if len(findings):
        sheets["temuan"] = (
            findings.rename(columns={"kode": "Kode", "temuan": "Temuan"}),
            {"Kode": "code", "Temuan": "text"},
        )
    if out.suffix.lower() == ".csv":
        summary, _ = sheets["ringkasan"]
        aspects = sheets["aspek"][0].drop(columns=[c for c in summary if c in _IDENTITY.values()])
        write_text(out, pd.concat([summary, aspects], axis=1).to_csv(index=False))
    else:
        write_xlsx(
            out,
            [Table(name, frame, kinds=kinds) for name, (frame, kinds) in sheets.items()],
            title=f"Penilaian kesehatan koperasi — {res.rules.title}",
            details=[
                ("Berkas masukan", args.file.name),
                ("Aturan", res.rules.basis),
                ("Pilihan", "bawaan" if options.is_default() else _describe(options)),
            ],
        )
    counts = res.total["kategori"].value_counts()
    print(f"{len(res)} koperasi dinilai → {out}")
    for label, n in counts.items():
        if n:
            print(f"  {label}: {n}")
    if len(findings):
        print(f"Temuan pemeriksaan angka ({len(findings)}):")
        for row in findings.itertuples():
            print(f"  {row.kode}: {row.temuan}")
        print(
            "Skor koperasi yang angkanya saling bertentangan belum bisa dipercaya: "
            "perbaiki angkanya lalu nilai ulang."
        )
        return 1  # like neraca-saldo and registry periksa: findings need a look
    return 0


def _describe(options: Any) -> str:
    parts = [f"batas {options.batas}", f"pembulatan {options.pembulatan}"]
    parts += [f"{k}={v}" for k, v in options.bacaan.items()]
    return "; ".join(parts)


def run_template(args: argparse.Namespace) -> int:
    """Write the empty input template (CSV, or XLSX with the questionnaire sheet).

    ``args`` is the parsed ``kopedu health template`` command line.

    Returns
    -------
    int
        0; the template's path is printed.
    """
    from kopedu.health import write_health_template

    out = args.file
    if out.suffix.lower() not in (".xlsx", ".csv"):
        from kopedu.errors import ParameterError

        raise ParameterError(f"{out}: pakai akhiran .xlsx (dengan lembar kuesioner) atau .csv.")
    _output_path(out)
    print(write_health_template(out, args.aturan))
    return 0
