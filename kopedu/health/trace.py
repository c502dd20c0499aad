"""Readable calculation traces: each formula with the cooperative's numbers filled in.

The trace is what a trainee checks by hand: for every component the formula, the
amounts, the ratio, the bracket (or linear rule) used, the nilai and the skor; then
each aspect's score and predicate, the total and the category. Text is Bahasa
Indonesia and numbers use Indonesian separators (:mod:`kopedu.formatting`).
"""

from __future__ import annotations

import math
import textwrap
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kopedu.display import declare
from kopedu.formatting import format_number, format_rupiah
from kopedu.health.ruleset import Component, Reading, RuleSet

if TYPE_CHECKING:
    from kopedu.health.scoring import HealthScores

__all__ = ["component_table", "explain"]


def _n(x: float, d: int = 2) -> str:
    return format_number(Decimal(repr(float(x))), decimals=d)


def _v(x: float) -> str:
    """A nilai or count: no decimals when whole, else two."""
    return _n(x, 0) if float(x).is_integer() else _n(x)


def _kkpkk_grade(rules: RuleSet, nilai: float) -> str:
    """The worksheet's view of a KKPKK nilai (skor × 25): nilai kredit, predikat, skor."""
    from kopedu.health.ruleset import raw_rules

    skor = round(nilai / 25)
    row = next(r for r in raw_rules(rules.id)["peringkat"] if r["skor"] == skor)
    return f"nilai kredit {row['peringkat']} ({row['predikat']}), skor {skor} dari 4"


_UPPER = {"shu": "SHU", "pea": "PEA", "atmr": "ATMR", "rpm": "RPM"}


def _label(column: str) -> str:
    return " ".join(_UPPER.get(w, w) for w in column.split("_"))


def _amount(rules: RuleSet, name: str, value: float) -> str:
    from kopedu.health.columns import column_spec

    spec = column_spec(name)
    kind = spec.kind if spec is not None else "rupiah"
    if math.isnan(value):
        return "(kosong)"
    if kind == "jumlah":
        return f"{value:g} jawaban ya" if name.startswith("ya_") else f"{value:g} butir"
    if kind == "persen":
        return f"{_n(value)} %"
    d = Decimal(repr(value))
    return format_rupiah(d, sen=d != d.to_integral_value())


def _short(rules: RuleSet, term: str | float, value: float) -> str:
    if not isinstance(term, str):
        return f"{term:g}"
    return _amount(rules, term if term not in rules.quantities else "x", value)


def _value(res: HealthScores, name: str, i: int) -> float:
    from kopedu.health.weighted import FIGURES, fill_weighted

    v = res.data[name].iloc[i] if name in res.data else np.nan
    if pd.isna(v) and name in FIGURES:
        v = fill_weighted(res.data.iloc[[i]]).get(name, pd.Series([np.nan])).iloc[0]
    return float("nan") if pd.isna(v) else float(v)


def _rp(x: Decimal) -> str:
    return format_rupiah(x, sen=x != x.to_integral_value())


def _weighted_lines(res: HealthScores, term: str | float, i: int) -> list[str]:
    """Item-by-item lines when ``term`` (modal tertimbang, ATMR) was computed from items."""
    from kopedu.health.weighted import FIGURES, figure_label, weighted_items

    if term not in FIGURES:
        return []
    given = res.data[term].iloc[i] if term in res.data else np.nan
    total = _value(res, str(term), i)
    if not pd.isna(given) or math.isnan(total):
        return []
    items = weighted_items(res.data, str(term), i)
    width = max(len(it.name) for it, _ in items)
    lines = [f"     {figure_label(str(term))}:"]
    for it, v in items:
        if math.isnan(v):
            lines.append(f"       {it.name:<{width}}  (kosong, dihitung 0)")
            continue
        weighted = Decimal(repr(v)) * it.weight / 100
        lines.append(
            f"       {it.name:<{width}}  {_rp(Decimal(repr(v)))} × {it.weight} % = {_rp(weighted)}"
        )
    lines.append(f"       {'jumlah':<{width}}  {_rp(Decimal(repr(total)))}")
    return lines


def _term(res: HealthScores, term: str | float, i: int) -> tuple[str, str, float, list[str]]:
    """(name, worked text, value, empty inputs) for a numerator or denominator."""
    rules = res.rules
    if not isinstance(term, str):
        return f"{term:g}", f"{term:g}", float(term), []
    if term not in rules.quantities:
        v = _value(res, term, i)
        return _label(term), _amount(rules, term, v), v, [term] if math.isnan(v) else []
    label, parts = rules.quantities[term]
    vals = {c: _value(res, c, i) for c in parts}
    empty = [c for c, v in vals.items() if math.isnan(v)]
    total = sum(coef * vals[c] for c, coef in parts.items())
    pieces = [
        (f"{_n(coef * 100, 0)} % × " if coef != 1 else "") + _amount(rules, c, vals[c])
        for c, coef in parts.items()
    ]
    worked = f"{' + '.join(pieces)} = {_amount(rules, 'x', total)}" if not empty else ""
    return label, worked, total, empty


def _reading_used(res: HealthScores, comp: Component) -> Reading:
    return res.options.reading(comp)


def _hit(res: HealthScores, comp: Component, i: int) -> str:
    reading = _reading_used(res, comp)
    b = int(res.bracket[comp.id].iloc[i])
    if reading.linear is not None:
        return reading.linear.text() if b == -2 else ""
    if b < 0:
        return ""
    from kopedu.health.engine import compiled_table

    bounds = comp.integer_bounds if res.options.batas == "bulat" else ()
    return "rentang " + compiled_table(reading, bounds).brackets[b].text()


_ROUNDING_TEXT = {
    "rasio_bulat": "rasio dibulatkan ke persen terdekat",
    "rasio_ke_atas": "rasio dibulatkan ke atas (cara APEX)",
    "nilai_bulat": "nilai dibulatkan ke bilangan bulat",
}


def _looked_up(res: HealthScores, comp: Component, i: int) -> float:
    """The ratio the lookup used (after a ratio rounding convention)."""
    from kopedu.health.engine import round_ratio

    ratio = float(res.ratio[comp.id].iloc[i])
    rounding = res.options.rounding(comp)
    if rounding.startswith("rasio") and not math.isnan(ratio):
        return float(round_ratio(np.array([ratio]), rounding)[0])
    return ratio


def component_table(res: HealthScores, i: int = 0) -> pd.DataFrame:
    """One cooperative's components: ratio, reading, bracket hit, nilai, skor, note.

    ``skor_hilang`` = bobot − skor: the points a component lost (NaN if not assessed).
    ``rasio_dipakai`` is the ratio the lookup used (differs from ``rasio`` only under a
    ratio rounding convention); ``bacaan``, ``sumber_bacaan`` and ``keyakinan`` name the
    reading used.

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> from kopedu.health.scoring import score
    >>> t = component_table(score(example_inputs()), 0)
    >>> t.loc[t.komponen == "ms_ta", ["rasio", "nilai", "skor"]].to_numpy().tolist()
    [[45.0, 100.0, 6.0]]
    """
    from kopedu.health.engine import STATUS

    rows = []
    for a in res.rules.aspects:
        for c in a.components:
            st = int(res.status[c.id].iloc[i])
            rows.append(
                {
                    "aspek": a.name,
                    "kode": c.code,
                    "komponen": c.id,
                    "nama": c.name,
                    "bobot": c.weight,
                    "rasio": res.ratio[c.id].iloc[i],
                    "rasio_dipakai": _looked_up(res, c, i),
                    "bacaan": _reading_used(res, c).name,
                    "sumber_bacaan": _reading_used(res, c).source,
                    "keyakinan": _reading_used(res, c).confidence,
                    "rentang": _hit(res, c, i),
                    "nilai": res.nilai[c.id].iloc[i],
                    "skor": res.skor[c.id].iloc[i],
                    "skor_hilang": c.weight - res.skor[c.id].iloc[i],
                    "dinilai": STATUS[st][0],
                    "keterangan": _reason(res, c, i, st),
                }
            )
    whole = all(float(c.weight).is_integer() for c in res.rules.components)
    return declare(
        pd.DataFrame(rows),
        kinds={"rasio": "percent_points", "rasio_dipakai": "percent_points"},
        decimals={"rasio": 2, "rasio_dipakai": 2, "skor": 2, "skor_hilang": 2}
        | ({"bobot": 0} if whole else {"bobot": 2}),
    )


def _reason(res: HealthScores, comp: Component, i: int, status: int) -> str:
    from kopedu.health.engine import STATUS
    from kopedu.health.inputs import empty_hint

    template = STATUS[status][1]
    if not template:
        return ""
    den_name, _, _, den_empty = _term(res, comp.denominator, i)
    _, _, _, num_empty = _term(res, comp.numerator, i)
    empty = num_empty + den_empty
    hints = [h for h in (empty_hint(c) for c in empty) if h]
    answered = ""
    if comp.questionnaire and isinstance(comp.numerator, str):
        col = "dijawab_" + comp.numerator.removeprefix("ya_")
        n = _value(res, col, i) if col in res.data else math.nan
        total = _v(float(comp.denominator)) if not isinstance(comp.denominator, str) else "?"
        answered = (
            f"baru {_v(n)} dari {total} pertanyaan dijawab"
            if not math.isnan(n) and n > 0
            else "belum diisi"
        )
    return template.format(
        penyebut=den_name,
        kosong=", ".join(_label(x) for x in empty),
        petunjuk=f" ({'; '.join(hints)})" if hints else "",
        bagian=comp.name.split(" (")[0].lower(),
        jawaban=answered,
    )


def explain(
    res: HealthScores, i: int = 0, aspek: str | None = None, *, komponen: str | None = None
) -> str:
    """The full calculation for row position ``i`` as plain text (Bahasa Indonesia).

    With ``aspek`` (an aspect id such as ``"permodalan"``) only that aspect is shown; with
    ``komponen`` (a component id such as ``"car"``, or its code ``"1c"``) only that
    component.

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> from kopedu.health.scoring import score
    >>> text = explain(score(example_inputs()), 0)
    >>> "Rp 900.000.000 ÷ Rp 2.000.000.000 × 100 % = 45,00 %" in text
    True
    """
    from kopedu.health.engine import STATUS

    rules = res.rules
    name = res.data["nama_koperasi"].iloc[i] if "nama_koperasi" in res.data else f"baris {i}"
    ids = [a.id for a in rules.aspects]
    if aspek is not None and aspek not in ids:
        from kopedu.health.ruleset import RulesError

        raise RulesError(f"Aspek {aspek!r} tidak ada. Pilihan: {', '.join(ids)}.")
    only = rules.find(komponen).id if komponen is not None else None
    if only is not None:
        aspek = rules.aspect_of(only).id
    lines = [f"Penilaian kesehatan {name}", f"Aturan: {rules.basis}"]
    if not res.options.is_default():
        opts = res.options
        extra = [f"batas {opts.batas}", f"pembulatan {opts.pembulatan}"]
        extra += [f"{k}: {v}" for k, v in opts.pembulatan_komponen.items()]
        lines.append(f"Pilihan: {', '.join(extra)}; bacaan {dict(opts.bacaan) or 'baku'}")
    for k, a in enumerate(rules.aspects, start=1):
        if aspek is not None and a.id != aspek:
            continue
        lines += ["", f"{k}. {a.name} (bobot {a.weight:g})"]
        start = len(lines)
        for c in a.components:
            if only is not None and c.id != only:
                continue
            st = int(res.status[c.id].iloc[i])
            num_name, num_w, num_v, _ = _term(res, c.numerator, i)
            den_name, den_w, den_v, _ = _term(res, c.denominator, i)
            lines.append(f"  {c.code} {c.name} (bobot {_v(c.weight)})")
            lines += _weighted_lines(res, c.numerator, i) + _weighted_lines(res, c.denominator, i)
            for label, worked in ((num_name, num_w), (den_name, den_w)):
                if "+" in worked:
                    lines.append(f"     {label} = {worked}")
            lines.append(f"     rasio = {num_name} ÷ {den_name} × 100 %")
            ratio = res.ratio[c.id].iloc[i]
            if not np.isnan(ratio):
                lines.append(
                    f"           = {_short(rules, c.numerator, num_v)} ÷ "
                    f"{_short(rules, c.denominator, den_v)} × 100 % = {_n(ratio)} %"
                )
            reason = _reason(res, c, i, st)
            if not STATUS[st][0]:
                lines.append(f"     → {reason}")
                continue
            if reason:
                lines.append(f"     catatan: {reason}")
            reading = _reading_used(res, c)
            nilai = res.nilai[c.id].iloc[i]
            hit = _hit(res, c, i)
            rounding = res.options.rounding(c)
            looked = _looked_up(res, c, i)
            if rounding.startswith("rasio") and not np.isnan(ratio):
                lines.append(f"     {_ROUNDING_TEXT[rounding]}: {_n(ratio)} % → {_v(looked)} %")
            if reading.linear is not None and hit and reading.linear.kemiringan != 1:
                lin = reading.linear
                raw = min(max(lin.titik_potong + lin.kemiringan * looked, lin.min), lin.max)
                worked = lin.text().split(",")[0].replace("rasio", _v(looked))
                hit = f"{hit}; {worked} = {_n(raw)}"
                if rounding == "nilai_bulat" and raw != nilai:
                    hit += f", {_ROUNDING_TEXT[rounding]}"
            lines.append(f"     bacaan {reading.label()}")
            skor = _n(res.skor[c.id].iloc[i])
            if rules.scale == "kkpkk":
                grade = _kkpkk_grade(rules, nilai)
                lines.append(f"       {hit} → {grade}" if hit else f"       {grade}")
                lines.append(
                    f"     skor berbobot = {_v(nilai / 25)} ÷ 4 × bobot {_v(c.weight)} = {skor}"
                )
                continue
            if hit:
                lines.append(f"       {hit} → nilai {_v(nilai)}")
            else:
                lines.append(f"       nilai {_v(nilai)}")
            lines.append(f"     skor = {_v(nilai)} × {_v(c.weight)} ÷ 100 = {skor}")
        if only is not None:
            return textwrap.dedent("\n".join(lines[start:]))  # the component alone
        s = res.aspects[f"skor_{a.id}"].iloc[i]
        pct = res.aspects[f"persen_{a.id}"].iloc[i]
        pred = res.aspects[f"predikat_{a.id}"].iloc[i]
        pct_text = f"{_n(pct, 1)} %" if not np.isnan(pct) else "belum lengkap"
        lines.append(f"  Skor aspek {a.name}: {_n(s)} dari {a.weight:g} ({pct_text}) → {pred}")
    if aspek is not None:
        return "\n".join(lines[2:] if len(lines) > 2 else lines).strip("\n")
    t = res.total.iloc[i]
    lines += ["", f"Skor total: {_n(t['skor_total'])} dari 100"]
    if t["komponen_tidak_dinilai"]:
        hi = t["skor_total"] + t["bobot_tidak_dinilai"]
        lines.append(
            f"  {int(t['komponen_tidak_dinilai'])} komponen (bobot {t['bobot_tidak_dinilai']:g}) "
            f"tidak dapat dinilai: skor sebenarnya antara {_n(t['skor_total'])} dan {_n(hi)} "
            f"→ kategori antara {t['kategori_terendah']} dan {t['kategori_tertinggi']}"
        )
    forced = "faktor_pengawasan_khusus" in res.data and bool(
        res.data["faktor_pengawasan_khusus"].fillna(False).iloc[i]
    )
    if forced:
        lines.append("  Ada faktor pengawasan khusus (mis. sengketa internal, rekayasa pembukuan).")
    lines.append(f"Kategori: {t['kategori']}")
    return "\n".join(lines)
