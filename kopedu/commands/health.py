"""``kopedu health``: score cooperatives from a CSV/XLSX file, or write the input template.

Thin: parse, read and check the inputs, score, write (through :mod:`kopedu.io.write` and
the one XLSX writer :mod:`kopedu.io.xlsx`), print the counts and the findings. Every
problem with the files (missing, a folder, unreadable, an output that cannot be written)
ends in one line in the user's language and a non-zero exit code.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kopedu.texts import say


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
    help_ = say("cli", "hl.help")
    p = sub.add_parser("health", help=help_, description=help_)
    hs = p.add_subparsers(
        dest="health_command", metavar=say("cli", "metavar_command"), required=True
    )
    rules = say("cli", "hl.metavar_rules")

    s = hs.add_parser("score", help=say("cli", "hl.score"))
    s.add_argument("file", type=Path, help=say("cli", "hl.file"))
    s.add_argument("-o", "--output", type=Path, help=say("cli", "hl.output"))
    s.add_argument("--kuesioner", type=Path, metavar=say("cli", "hl.metavar_file"),
                   help=say("cli", "hl.questionnaire"))  # fmt: skip
    s.add_argument("--aturan", default="perdep_06_2016", metavar=rules, help=say("cli", "hl.rules"))
    s.add_argument("--batas", choices=("bulat", "kontinu"), default="bulat",
                   help=say("cli", "hl.bounds"))  # fmt: skip
    s.add_argument(
        "--pembulatan",
        choices=("kontinu", "nilai_bulat", "rasio_bulat", "rasio_ke_atas"),
        default="kontinu",
        help=say("cli", "hl.rounding"),
    )
    reading = say("cli", "hl.metavar_reading")
    s.add_argument(
        "--bacaan", action="append", default=[], metavar=reading, help=say("cli", "hl.reading")
    )
    s.set_defaults(func=run_score)

    t = hs.add_parser("template", help=say("cli", "hl.template"))
    t.add_argument("file", type=Path, help=say("cli", "hl.template_file"))
    t.add_argument("--aturan", default="perdep_06_2016", metavar=rules,
                   help=say("cli", "hl.template_rules"))  # fmt: skip
    t.set_defaults(func=run_template)


def _options(args: argparse.Namespace) -> Any:
    from kopedu.errors import ParameterError
    from kopedu.health import ScoringOptions

    readings = {}
    for item in args.bacaan:
        comp, sep, reading = item.partition("=")
        if not sep:
            raise ParameterError(
                say("cli", "hl.bad_reading", item=item, metavar=say("cli", "hl.metavar_reading"))
            )
        readings[comp.strip()] = reading.strip()
    return ScoringOptions(batas=args.batas, bacaan=readings, pembulatan=args.pembulatan)


def _output_path(out: Path) -> Path:
    """Refuse, in the user's language, an output the command cannot write (before any work)."""
    from kopedu.errors import ParameterError

    if out.is_dir():
        raise ParameterError(say("cli", "hl.output_folder", path=out, example=out / "hasil.xlsx"))
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise ParameterError(say("cli", "hl.output_suffix", path=out))
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

    from kopedu.formatting import format_number
    from kopedu.health import NOT_ASSESSABLE, check_health_inputs, read_health_inputs, score
    from kopedu.io.write import write_text
    from kopedu.io.xlsx import Table, write_xlsx
    from kopedu.texts import language

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
    lang = language()
    print(say("cli", "hl.scored", n=format_number(len(res), language=lang), path=out))
    for label, n in counts.items():
        if n:
            # the regulation's categories (Sehat, Cukup Sehat …) are its own words, kept
            shown = say("cli", "hl.not_assessable") if label == NOT_ASSESSABLE else label
            print(f"  {shown}: {format_number(n, language=lang)}")
    if len(findings):
        print(say("cli", "hl.findings", n=format_number(len(findings), language=lang)))
        for row in findings.itertuples():
            print(f"  {row.kode}: {row.temuan}")
        print(say("cli", "hl.untrusted"))
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

        raise ParameterError(say("cli", "hl.template_suffix", path=out))
    _output_path(out)
    print(write_health_template(out, args.aturan))
    return 0
