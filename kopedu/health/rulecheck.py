"""Checks of a rule set: every inconsistency as a :class:`~kopedu.errors.Problem`.

:func:`check_rules` finds weights that do not add up, bracket tables with a gap or an
overlap (in both boundary readings), rows without a source, confidence tag or quoted
rule, unsourced defaults, and conflicts that do not match their components.
"""

from __future__ import annotations

import itertools
import math
import re

from kopedu.errors import Problem
from kopedu.health.brackets import shift_integer_bounds
from kopedu.health.ruleset import (
    CONFIDENCE,
    GLOBAL_OPTIONS,
    Bracket,
    RulesError,
    RuleSet,
    number_text,
)

__all__ = ["check_rules", "table_problems"]


def table_problems(brackets: tuple[Bracket, ...], where: str) -> list[Problem]:
    """Gaps, overlaps and out-of-range nilai in one bracket table (empty if sound)."""
    out: list[Problem] = []

    def bad(msg: str) -> None:
        out.append(Problem(where, None, None, msg, "perbaiki rentang di berkas aturan"))

    if not brackets:
        bad("tabel rentang kosong")
        return out
    bs = sorted(brackets, key=lambda b: (b.lo, not b.lo_closed))
    if bs[0].lo != -math.inf or bs[-1].hi != math.inf:
        bad("rentang tidak menutup seluruh garis bilangan (harus dari -inf sampai inf)")
    for b in bs:
        if not 0 <= b.nilai <= 100:
            bad(f"nilai {b.nilai:g} di luar 0–100")
        if b.lo > b.hi or (b.lo == b.hi and not (b.lo_closed and b.hi_closed)):
            bad(f"rentang {b.text()} kosong")
    for left, right in itertools.pairwise(bs):
        if left.hi != right.lo:
            kind = "celah" if left.hi < right.lo else "tumpang tindih"
            bad(f"{kind} antara {left.text()} dan {right.text()}")
        elif left.hi_closed == right.lo_closed:
            kind = "tumpang tindih" if left.hi_closed else "celah"
            bad(f"{kind} di titik {number_text(left.hi)} antara {left.text()} dan {right.text()}")
    return out


def check_rules(rules: RuleSet) -> list[Problem]:
    """Every inconsistency in a rule set; an empty list means it is complete.

    Checks: aspect weights sum to 100 and component weights to their aspect's weight;
    every bracket table (in both boundary readings) covers the real line with no gap
    or overlap; linear rules stay within 0–100; every row has a source and a
    confidence tag; categories descend; each conflict's options exist.

    Examples
    --------
    >>> from kopedu.health.ruleset import load_rules
    >>> check_rules(load_rules("perdep_06_2016"))
    []
    """
    src = f"aturan {rules.id}"
    out: list[Problem] = []

    def bad(msg: str, fix: str = "perbaiki berkas aturan") -> None:
        out.append(Problem(src, None, None, msg, fix))

    def tagged(what: str, source: str, confidence: str) -> None:
        if not source.strip():
            bad(f"{what}: sumber kosong", "isi 'sumber'")
        if confidence not in CONFIDENCE:
            bad(f"{what}: keyakinan {confidence!r} tidak sah", "pakai H, M, L, M-H atau L-M")

    tagged("aturan", rules.source, rules.confidence)
    total = sum(a.weight for a in rules.aspects)
    if not math.isclose(total, 100.0):
        bad(f"jumlah bobot aspek {total:g}, seharusnya 100")
    ids = [c.id for c in rules.components]
    if len(set(ids)) != len(ids):
        bad("id komponen ganda")
    for a in rules.aspects:
        tagged(f"aspek {a.id}", a.source, a.confidence)
        s = sum(c.weight for c in a.components)
        if not math.isclose(s, a.weight):
            bad(f"aspek {a.id}: jumlah bobot komponen {s:g}, seharusnya {a.weight:g}")
        for c in a.components:
            tagged(f"komponen {c.id}", c.source, c.confidence)
            if c.default_reading not in c.readings:
                bad(f"komponen {c.id}: bacaan baku {c.default_reading!r} tidak ada")
            elif not c.readings[c.default_reading].supported:
                bad(f"komponen {c.id}: bacaan baku {c.default_reading!r} tidak bersumber")
            for term in (c.numerator, c.denominator):
                if isinstance(term, str) and not re.fullmatch(r"[a-z_]+", term):
                    bad(f"komponen {c.id}: nama kolom {term!r} tidak sah")
            lo, hi = c.ratio_range
            if not 0 <= lo < hi:
                bad(f"komponen {c.id}: rentang_rasio harus 0 ≤ min < max")
            if c.questionnaire and isinstance(c.denominator, str):
                bad(f"komponen {c.id}: kuesioner harus berpenyebut tetap (jumlah pertanyaan)")
            for r in c.readings.values():
                where = f"{src}, komponen {c.id}, bacaan {r.name}"
                tagged(where, r.source, r.confidence)
                if not r.rule:
                    bad(
                        f"{where}: bunyi aturan kosong",
                        "isi 'aturan' dengan bunyi aturan sumbernya",
                    )
                if r.unknown:
                    if r.brackets or r.linear is not None:
                        bad(f"{where}: tabel belum ditemukan tetapi rentang diisi")
                    continue
                if r.linear is not None:
                    if not 0 <= r.linear.min <= r.linear.max <= 100:
                        bad(f"{where}: batas linear harus 0 ≤ min ≤ max ≤ 100")
                    continue
                out.extend(table_problems(r.brackets, where))
                try:
                    shifted = shift_integer_bounds(r.brackets, c.integer_bounds)
                except RulesError as exc:
                    bad(f"{where}: {exc}")
                else:
                    out.extend(table_problems(shifted, f"{where} (batas bulat)"))
    mins = [k.min for k in rules.categories]
    if rules.scale not in ("perdep", "kkpkk"):
        bad(f"skala {rules.scale!r} tidak dikenal; pakai perdep atau kkpkk")
    if rules.scale == "kkpkk":
        for c in rules.components:
            for r in c.readings.values():
                if any(b.nilai not in (25, 50, 75, 100) for b in r.brackets):
                    bad(f"komponen {c.id}: nilai KKPKK harus skor × 25 (25, 50, 75, 100)")
    if mins != sorted(mins, reverse=True) or mins[-1] != -math.inf:
        bad("batas kategori harus menurun dan yang terakhir -inf")
    for cat in rules.categories:
        tagged(f"kategori {cat.label}", cat.source, cat.confidence)
    policies = {"nilai_penuh", "tidak_dapat_dinilai", "terendah"}
    for k in rules.conflicts:
        tagged(f"konflik {k.id}", k.source, k.confidence)
        if k.default not in k.options:
            bad(f"konflik {k.id}: baku {k.default!r} bukan salah satu pilihan")
        if k.id in GLOBAL_OPTIONS:
            if set(k.options) != set(GLOBAL_OPTIONS[k.id]):
                bad(f"konflik {k.id}: pilihan harus {', '.join(GLOBAL_OPTIONS[k.id])}")
            continue
        kind, _, cid = k.id.rpartition(".")
        if cid not in ids:
            bad(f"konflik {k.id}: komponen {cid!r} tidak ada")
        elif kind:
            comp = rules.component(cid)
            now = comp.on_zero if kind == "penyebut_nol" else comp.on_negative
            if not set(k.options) <= policies or now != k.default:
                bad(f"konflik {k.id}: pilihan atau baku tidak cocok dengan komponen")
        else:
            comp = rules.component(cid)
            if set(k.options) != set(comp.readings) or comp.default_reading != k.default:
                bad(f"konflik {k.id}: pilihan tidak sama dengan bacaan komponen")
    return out
