"""The 38 management questions as data, answers → counts, the form, the template sheet."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kopedu.errors import DataValidationError
from kopedu.health import (
    NOT_ASSESSABLE,
    example_answers,
    example_inputs,
    load_rules,
    questionnaire,
    questionnaire_counts,
    questionnaire_form,
    read_health_inputs,
    score,
    write_health_template,
)
from kopedu.health.questionnaire import questionnaire_parts

EX = example_inputs()
KARYA = int(np.flatnonzero(EX["kode"].to_numpy() == "BPN-001")[0])


def test_structure_matches_the_sources():
    # Permen 14/2009 (123dok oz1rvk9eq) and APEX: 12/6/5/10/5 questions, 0,25/0,50/0,60/
    # 0,30/0,60 per "ya", at most 3 per part (12 × 0,25 = 6 × 0,5 = 5 × 0,6 = 10 × 0,3 = 3)
    parts = questionnaire_parts()
    assert [len(p.questions) for p in parts] == [12, 6, 5, 10, 5]
    assert [p.points_per_yes for p in parts] == [0.25, 0.5, 0.6, 0.3, 0.6]
    q = questionnaire()
    assert q["no"].tolist() == list(range(1, 39))
    assert q["sumber"].str.contains("backup_isian.sql").all()
    rules = load_rules("perdep_06_2016")
    for p in parts:
        comp = rules.components[[c.numerator for c in rules.components].index(p.column)]
        assert comp.questionnaire and comp.code == p.code
        assert comp.denominator == len(p.questions)
        assert len(p.questions) * p.points_per_yes == pytest.approx(comp.weight)


def test_question_texts_are_the_sources_wording():
    text = questionnaire().set_index("no")["pertanyaan"]
    # S7 backup_isian.sql, kuesioner id 1, 21, 34 (typo "pengendaian" corrected after S8)
    assert text[1] == (
        "Apakah KSP/USP Koperasi memiliki visi, misi dan tujuan yang jelas "
        "(dibuktikan dengan dokumen tertulis)?"
    )
    assert (
        text[21]
        == "Penyisihan cadangan dari SHU sama atau lebih besar dari seperempat SHU tahun berjalan."
    )
    assert text[34].startswith("Memiliki kebijakan tertulis mengenai pengendalian likuiditas")


def test_counts_from_answers_one_cooperative():
    full = questionnaire_counts(dict.fromkeys(range(1, 39), "ya")).iloc[0]
    assert [full[p.column] for p in questionnaire_parts()] == [12, 6, 5, 10, 5]
    # one "tidak" in each part: 11/5/4/9/4
    answers = dict.fromkeys(range(1, 39), "ya") | {1: "tidak", 13: "tidak", 19: False,
                                                    24: "Tidak", 34: "t"}  # fmt: skip
    some = questionnaire_counts(answers).iloc[0]
    assert [some[p.column] for p in questionnaire_parts()] == [11, 5, 4, 9, 4]
    # a part with one blank answer is not counted, and says how many were answered
    partial = questionnaire_counts(dict.fromkeys(range(1, 38), "ya")).iloc[0]
    assert pd.isna(partial["ya_manajemen_likuiditas"])
    assert partial["dijawab_manajemen_likuiditas"] == 4
    assert partial["ya_manajemen_aktiva"] == 10


def test_counts_from_the_example_sheet_match_the_flat_table():
    counts = questionnaire_counts(example_answers())
    # Karya Mandiri: "tidak" to 2, 4, 5, 12 | 16, 17 | 19, 21 | 24–27 | 35, 38 → 8/4/3/6/3
    assert counts.loc["BPN-001"].iloc[::2].tolist() == [8, 4, 3, 6, 3]
    for kode in EX["kode"]:
        if kode in ("KTM-003", "PKY-003"):
            continue
        row = EX.set_index("kode").loc[kode]
        for p in questionnaire_parts():
            assert counts.loc[kode, p.column] == row[p.column], (kode, p.column)
    # KTM-003 answered 7 questions of manajemen umum only
    assert counts.loc["KTM-003"].iloc[1::2].tolist() == [7, 0, 0, 0, 0]
    assert counts.loc["KTM-003"].iloc[::2].isna().all()


def test_bad_answers_are_all_reported():
    bad = pd.DataFrame(
        {
            "kode": ["A", "A", "A", "", "A"],
            "no": ["1", "39", "2", "3", "1"],
            "jawaban": ["ya", "ya", "mungkin", "ya", "tidak"],
        }
    )
    with pytest.raises(DataValidationError) as info:
        questionnaire_counts(bad, source="k.csv")
    found = {(p.row, p.column) for p in info.value.problems}
    # row 3: question 39 does not exist; row 4: not ya/tidak; row 5: no kode;
    # row 6: question 1 answered twice
    assert found == {(3, "no"), (4, "jawaban"), (5, "kode"), (6, "no")}


def test_blank_questionnaire_is_not_assessable_never_zero_yes():
    row = EX.iloc[[KARYA]].copy()
    form = questionnaire_form()  # nobody answered
    for col, value in form.counts().items():
        row[col] = value
    res = score(row)
    for p in questionnaire_parts():
        comp = next(c for c in res.rules.components if c.numerator == p.column)
        assert np.isnan(res.skor[comp.id].iloc[0]), comp.id
    # 52,15 − manajemen 9,4 = 42,75 assessed; 15 points open: 42,75 … 57,75
    assert res.total["skor_total"].iloc[0] == pytest.approx(42.75)
    assert res.total["kategori"].iloc[0] == NOT_ASSESSABLE
    note = res.components(0).set_index("kode").loc["3d", "keterangan"]
    assert note == (
        "tidak dapat dinilai: kuesioner manajemen aktiva belum diisi; jawab semua pertanyaannya"
    )


def test_partly_answered_part_says_how_many():
    row = EX.iloc[[KARYA]].copy()
    counts = questionnaire_counts(dict.fromkeys(range(1, 8), "ya")).iloc[0]
    for col, value in counts.items():
        row[col] = value
    note = score(row).components(0).set_index("kode").loc["3a", "keterangan"]
    assert note == (
        "tidak dapat dinilai: kuesioner manajemen umum baru 7 dari 12 pertanyaan dijawab; "
        "jawab semua pertanyaannya"
    )


def test_form_headless():
    form = questionnaire_form()
    lines = form.summary().splitlines()
    assert lines[0] == "3a Manajemen umum: 0 dari 12 dijawab → tidak dapat dinilai sampai lengkap"
    # answer Karya Mandiri's 38 questions through the widgets themselves
    answers = example_answers().query("kode == 'BPN-001'")
    for no, answer in zip(answers["no"].astype(int), answers["jawaban"], strict=True):
        form._buttons[no].value = answer == "ya"
    counts = form.counts()
    assert [counts[p.column] for p in questionnaire_parts()] == [8, 4, 3, 6, 3]
    assert form.summary().splitlines()[3] == "3d Manajemen aktiva: 6 ya dari 10 → skor 1,80 dari 3"
    assert "3d Manajemen aktiva: 6 ya dari 10" in form._summary.value
    with pytest.raises(Exception, match="tidak ada"):
        form.fill({39: "ya"})


def test_xlsx_template_with_questionnaire_sheet_round_trip(tmp_path):
    path = write_health_template(tmp_path / "templat.xlsx")
    sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == ["koperasi", "kuesioner", "keterangan"]
    assert len(sheets["kuesioner"]) == 38
    # fill the flat sheet with Karya Mandiri, without its "ya" counts, and answer the
    # questionnaire sheet for it
    flat = EX.iloc[[KARYA]].astype(object).drop(columns=[p.column for p in questionnaire_parts()])
    sheet = sheets["kuesioner"].copy()
    sheet["kode"] = "BPN-001"
    answers = example_answers().query("kode == 'BPN-001'")["jawaban"].tolist()
    sheet["jawaban"] = answers
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        flat.to_excel(xl, sheet_name="koperasi", index=False)
        sheet.to_excel(xl, sheet_name="kuesioner", index=False)
    back = read_health_inputs(path)
    assert back.loc[0, "ya_manajemen_umum"] == 8 and back.loc[0, "ya_manajemen_aktiva"] == 6
    assert back.loc[0, "dijawab_manajemen_umum"] == 12
    assert score(back).total["skor_total"].iloc[0] == pytest.approx(52.15)
    # a count that disagrees with the answers, and answers for an unknown kode
    flat["ya_manajemen_umum"] = 9
    sheet2 = sheet.copy()
    sheet2["kode"] = "BPN-999"
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        flat.to_excel(xl, sheet_name="koperasi", index=False)
        pd.concat([sheet, sheet2]).to_excel(xl, sheet_name="kuesioner", index=False)
    with pytest.raises(DataValidationError) as info:
        read_health_inputs(path)
    messages = {(p.column, p.message) for p in info.value.problems}
    assert ("ya_manajemen_umum", "jumlah ya 9 berbeda dengan lembar kuesioner (8)") in messages
    assert (
        "kode",
        "kuesioner untuk kode 'BPN-999', tetapi kode itu tidak ada di lembar koperasi",
    ) in messages


def test_separate_questionnaire_file_for_csv_inputs(tmp_path):
    flat = tmp_path / "koperasi.csv"
    EX.iloc[[7]].to_csv(flat, index=False)  # KTM-003: counts blank
    answers = tmp_path / "jawaban.csv"
    example_answers().query("kode == 'KTM-003'").to_csv(answers, index=False)
    back = read_health_inputs(flat, questionnaire=answers)
    assert pd.isna(back.loc[0, "ya_manajemen_umum"]) and back.loc[0, "dijawab_manajemen_umum"] == 7
    text = score(back).trace(0, "manajemen")
    assert "kuesioner manajemen umum baru 7 dari 12 pertanyaan dijawab" in text
