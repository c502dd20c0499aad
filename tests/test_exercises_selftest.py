"""Every exercise of every lesson module, tested the way trainees use it.

The reference solution must pass, the untouched starter must say "belum dikerjakan",
and each typical wrong answer must fail with its intended message; no message may
reveal an expected value; both catalogues must hold every key with the same
placeholders. New lesson modules are picked up automatically.
"""

from __future__ import annotations

import pytest

from kopedu.exercises.core import Status, get_lesson, list_lessons
from kopedu.exercises.messages import LANGUAGES, catalogue, placeholders
from kopedu.exercises.selftest import all_cases, leaks, run_case

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_self_test_case(case):
    outcome = run_case(case)
    assert outcome.status is case.status, outcome.message
    if case.key is not None:
        assert outcome.key == case.key, outcome.message


@pytest.mark.parametrize("lesson_id", list_lessons())
def test_every_exercise_has_two_wrong_answers_and_hints(lesson_id):
    lesson = get_lesson(lesson_id)
    for ex in lesson.exercises:
        assert len(ex.wrong_answers) >= 2, ex.id
        assert "..." in ex.starter, ex.id
        for n in range(1, ex.hints + 1):
            assert f"{ex.id}.hint{n}" in catalogue(lesson.domain, "id"), (ex.id, n)
        assert f"{ex.id}.title" in catalogue(lesson.domain, "id"), ex.id


@pytest.mark.parametrize("lesson_id", list_lessons())
def test_no_catalogue_text_reveals_an_expected_value(lesson_id):
    assert leaks(get_lesson(lesson_id)) == []


@pytest.mark.parametrize("lesson_id", list_lessons())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_rendered_message_reveals_an_expected_value(lesson_id, lang):
    lesson = get_lesson(lesson_id)
    texts: dict[str, list[str]] = {}
    for c in CASES:
        if c.lesson == lesson_id:
            texts.setdefault(c.exercise, []).append(run_case(c, lang=lang).message)
    assert leaks(lesson, texts) == []


@pytest.mark.parametrize("domain", ["core", *(f"lesson{i}" for i in list_lessons())])
def test_catalogues_have_the_same_keys_and_placeholders(domain):
    ids, en = catalogue(domain, "id"), catalogue(domain, "en")
    assert ids, f"no Indonesian catalogue for {domain}"
    assert set(ids) == set(en), set(ids) ^ set(en)
    for key, text in ids.items():
        assert placeholders(text) == placeholders(en[key]), key


@pytest.mark.parametrize("lesson_id", list_lessons())
def test_every_mistake_key_used_by_a_wrong_answer_exists(lesson_id):
    lesson = get_lesson(lesson_id)
    for ex in lesson.exercises:
        for w in ex.wrong_answers:
            domain = "core" if w.mistake.startswith("core.") else lesson.domain
            assert w.mistake in catalogue(domain, "id"), w.mistake


def test_statuses_cover_the_five_outcomes():
    assert {s.value for s in Status} == {
        "belum_dikerjakan",
        "benar",
        "salah",
        "error",
        "tidak_dapat_diperiksa",
    }
