"""Answer forms write where the checker and the grader read; the progress view."""

from __future__ import annotations

import pytest

import kopedu as kp
from kopedu.exercises.core import Status
from kopedu.exercises.widgets import ANSWER_MIME, answers_path, load_answers


@pytest.fixture
def session(tmp_path):
    ns: dict = {}
    s = kp.exercises.lesson("01", ns, workdir=tmp_path)
    for code in (s.lesson.setup, *(e.solution for e in s.lesson.exercises[:3])):
        assert s.run_cell(code) is None
    s.run_cell(s.soal4.exercise.starter)
    return s


def _fill(form, **values):
    for name, value in values.items():
        form.fields[name].value = value
    form.button.click()


def test_form_answer_is_checked_stored_and_shown(session, tmp_path):
    form = session.form("soal4")
    assert session.soal4.check().status is Status.NOT_ATTEMPTED
    _fill(form, angka_cocok=False, selisih_laporan="5")
    assert session.namespace["angka_cocok"] is False
    assert session.namespace["selisih_laporan"] == 5
    assert session.soal4.check().correct
    assert load_answers(tmp_path)["01"]["soal4"] == {"angka_cocok": False, "selisih_laporan": 5}
    bundle = form._record._repr_mimebundle_()
    assert bundle[ANSWER_MIME]["values"] == {"angka_cocok": False, "selisih_laporan": 5}
    assert "tersimpan" in bundle["text/plain"]
    assert "answer" in session.log.read()["event"].tolist()


def test_form_refuses_unreadable_or_missing_values(session, tmp_path):
    form = session.form("soal4")
    _fill(form, angka_cocok=True, selisih_laporan="lima")
    assert "selisih_laporan" in form.status.value
    assert session.namespace["angka_cocok"] is Ellipsis
    form.fields["selisih_laporan"].value = ""
    form.button.click()
    assert "Lengkapi" in form.status.value
    assert not answers_path(tmp_path).exists()


def test_after_a_restart_the_store_fills_blank_variables_but_code_wins(session, tmp_path):
    _fill(session.form("soal4"), angka_cocok=True, selisih_laporan="0")
    # "restart": the starter cell runs again, then the form cell
    session.run_cell(session.soal4.exercise.starter)
    form = session.form("soal4")
    assert session.namespace["angka_cocok"] is True
    assert form.fields["selisih_laporan"].value == "0"
    assert session.soal4.check().key == "soal4.said_match"
    # code assigned by the trainee is not overwritten by the store
    session.run_cell("angka_cocok = False\nselisih_laporan = 5")
    session.form("soal4")
    assert session.namespace["angka_cocok"] is False


def test_form_only_for_widget_exercises(session):
    with pytest.raises(kp.KopeduError):
        session.form("soal1")


def test_progress_view_text_and_widget(session):
    session.soal1.check()
    session.soal2.hint()
    session.soal2.hint()
    session.soal3.solution()
    view = session.progress()
    text = str(view)
    assert text.splitlines()[0] == "1 dari 5 soal benar"
    assert "petunjuk 2" in text
    box = view.widget()
    assert box.children[0].children[0].value == 1


def test_english_catalogue_for_the_form(session):
    kp.exercises.set_language("en")
    try:
        form = session.form("soal4")
        assert form.button.description == "Save answer"
    finally:
        kp.exercises.set_language(None)
