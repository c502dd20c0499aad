"""Rule sets are complete and consistent; bracket tables partition the real line."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kopedu.health import check_rules, list_rules, load_rules
from kopedu.health.brackets import compile_reading, lookup, shift_integer_bounds
from kopedu.health.kkpkk import _reading as kkpkk_reading
from kopedu.health.kkpkk import kkpkk_indicators, kkpkk_rules
from kopedu.health.pearls import pearls_goals
from kopedu.health.rulecheck import table_problems
from kopedu.health.ruleset import CONFIDENCE, Bracket, Reading, RulesError

RULES = list_rules()


def test_bundled_rule_sets():
    assert set(RULES) >= {"perdep_06_2016", "perdep_07_2016", "kkpkk_2021"}


@pytest.mark.parametrize("name", RULES)
def test_rule_set_is_complete_and_consistent(name):
    rules = load_rules(name)
    assert check_rules(rules) == []
    assert math.isclose(sum(a.weight for a in rules.aspects), 100)
    for a in rules.aspects:
        assert math.isclose(sum(c.weight for c in a.components), a.weight), a.id


def test_perdep_06_structure_matches_reference():
    rules = load_rules("perdep_06_2016")
    weights = {a.id: a.weight for a in rules.aspects}
    assert weights == {
        "permodalan": 15,
        "kualitas_aktiva_produktif": 25,
        "manajemen": 15,
        "efisiensi": 10,
        "likuiditas": 15,
        "kemandirian_pertumbuhan": 10,
        "jatidiri": 10,
    }
    assert len(rules.components) == 22  # 19 components, management counted as 5 sub-aspects
    assert [k.min for k in rules.categories][:3] == [80, 66, 51]


def test_unknown_tables_are_only_where_the_sources_have_none():
    unknown = {
        (name, c.id)
        for name in RULES
        for c in load_rules(name).components
        if any(r.unknown for r in c.readings.values())
    }
    assert unknown == {
        ("perdep_07_2016_struktur_2007", cid)
        for cid in (
            "npf",
            "portofolio_berisiko",
            "ppap",
            "aktiva_tetap_total_aset",
            "efisiensi_staf",
        )
    }


def test_syariah_has_eight_aspects_and_keeps_the_base_untouched():
    syariah = load_rules("perdep_07_2016")
    assert len(syariah.aspects) == 8
    assert syariah.aspects[-1].id == "kepatuhan_syariah"
    assert syariah.component("rasio_partisipasi_bruto").weight == 5  # PB 5 + PEA 5 (2007)
    assert load_rules("perdep_06_2016").component("rasio_partisipasi_bruto").weight == 7


@pytest.mark.parametrize("name", RULES)
def test_every_row_has_source_and_confidence(name):
    rules = load_rules(name)
    rows = [rules, *rules.aspects, *rules.components, *rules.categories, *rules.conflicts]
    rows += [r for c in rules.components for r in c.readings.values()]
    for row in rows:
        assert row.source.strip(), row
        assert row.confidence in CONFIDENCE, row


def test_other_rule_files_have_sources():
    assert all(pearls_goals()["sumber"].str.len() > 0)
    assert set(pearls_goals()["keyakinan"]) <= CONFIDENCE
    ind = kkpkk_indicators()
    assert set(ind["keyakinan"]) <= CONFIDENCE and all(ind["sumber"].str.len() > 0)
    for t in kkpkk_rules()["tabel_tambahan"].values():
        assert t["sumber"] and t["keyakinan"] in CONFIDENCE and t["aturan"]


def _tables():
    for name in RULES:
        rules = load_rules(name)
        for c in rules.components:
            for r in c.readings.values():
                if r.linear is None and not r.unknown:
                    for bounds in ((), c.integer_bounds):
                        yield pytest.param(r, bounds, id=f"{name}-{c.id}-{r.name}-{len(bounds)}")
    for table in kkpkk_rules()["tabel_tambahan"]:
        r, bounds = kkpkk_reading(table)
        yield pytest.param(r, (), id=f"kkpkk-{table}")
        yield pytest.param(r, bounds, id=f"kkpkk-{table}-bulat")


TABLES = list(_tables())


@pytest.mark.parametrize(("reading", "bounds"), TABLES)
def test_table_covers_real_line_without_gap_or_overlap(reading, bounds):
    brackets = shift_integer_bounds(reading.brackets, bounds)
    problems = table_problems(brackets, "t")
    assert [p for p in problems if "nilai nan" not in p.message] == []


@settings(max_examples=60, deadline=None)
@given(x=st.floats(-1e6, 1e6, allow_nan=False) | st.sampled_from([0.0, 10.0, 20.0, 80.0, 81.0]))
def test_exactly_one_bracket_holds_each_ratio_and_lookup_finds_it(x):
    for p in TABLES:
        reading, bounds = p.values
        brackets = shift_integer_bounds(reading.brackets, bounds)
        holders = [b for b in brackets if b.contains(x)]
        assert len(holders) == 1, (p.id, x)
        t = compile_reading(reading, bounds)
        idx, _ = lookup(t, np.array([x]))
        assert t.brackets[int(idx[0])] == holders[0]


def _with_brackets(reading: Reading, brackets) -> Reading:
    return dataclasses.replace(reading, brackets=tuple(brackets))


def test_check_finds_a_gap_an_overlap_and_a_bad_weight():
    rules = load_rules("perdep_06_2016")
    comp = rules.component("car")
    table = comp.readings["tabel"]
    gap = [Bracket.parse("(-inf, 4)", 0), Bracket.parse("(4, 6)", 50), *table.brackets[2:]]
    overlap = [Bracket.parse("(-inf, 4]", 0), *table.brackets[1:]]
    assert "celah" in table_problems(tuple(gap), "t")[0].message
    assert "tumpang tindih" in table_problems(tuple(overlap), "t")[0].message
    assert table_problems(tuple(gap[1:]), "t")  # no longer reaches -inf

    heavier = dataclasses.replace(comp, weight=4.0)
    asp = rules.aspects[0]
    asp2 = dataclasses.replace(asp, components=(*asp.components[:2], heavier))
    broken = dataclasses.replace(rules, aspects=(asp2, *rules.aspects[1:]))
    messages = " ".join(p.message for p in check_rules(broken))
    assert "permodalan: jumlah bobot komponen 16, seharusnya 15" in messages
    asp3 = dataclasses.replace(asp2, weight=16.0)
    broken = dataclasses.replace(rules, aspects=(asp3, *rules.aspects[1:]))
    assert [p.message for p in check_rules(broken)] == ["jumlah bobot aspek 101, seharusnya 100"]


def test_check_finds_missing_source_and_bad_conflict():
    rules = load_rules("perdep_06_2016")
    comp = dataclasses.replace(rules.component("car"), source=" ")
    asp = dataclasses.replace(rules.aspects[0], components=(*rules.aspects[0].components[:2], comp))
    conflicts = (dataclasses.replace(rules.conflicts[1], default="tidak_ada"), *rules.conflicts[2:])
    broken = dataclasses.replace(rules, aspects=(asp, *rules.aspects[1:]), conflicts=conflicts)
    messages = " ".join(p.message for p in check_rules(broken))
    assert "komponen car: sumber kosong" in messages
    assert "baku 'tidak_ada'" in messages


def test_every_reading_of_a_conflict_exists_with_its_default():
    rules = load_rules("perdep_06_2016")
    ids = {k.id for k in rules.conflicts}
    # Every component with more than one reading is a declared conflict.
    assert {c.id for c in rules.components if len(c.readings) > 1} <= ids
    assert {"batas_bulat", "rpm", "cadangan_rpm", "car"} <= ids


def test_interval_notation_and_errors():
    assert Bracket.parse("[10, 15]", 100).text() == "10 ≤ x ≤ 15"
    with pytest.raises(RulesError):
        Bracket.parse("10-15", 100)
    with pytest.raises(RulesError):
        load_rules("perdep_99")
    with pytest.raises(RulesError):
        load_rules().component("tidak_ada")


def test_aspect_table_and_finding_a_component_by_code():
    rules = load_rules("perdep_06_2016")
    t = rules.aspect_table()
    # Perdep 06/2016: 15 + 25 + 15 + 10 + 15 + 10 + 10 = 100; 3 + 4 + 5 + 3 + 2 + 3 + 2 = 22
    assert t["bobot"].tolist() == [15, 25, 15, 10, 15, 10, 10]
    assert t["komponen"].tolist() == [3, 4, 5, 3, 2, 3, 2]
    assert rules.find("5a") is rules.component("rasio_kas")
    assert rules.find("rasio_kas") is rules.component("rasio_kas")
    with pytest.raises(RulesError):
        rules.find("5z")
