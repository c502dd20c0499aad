"""Answer forms write where the checker and the grader read; the progress view."""

from __future__ import annotations

import pytest

import kopedu as kp
from kopedu.exercises.core import Status
from kopedu.exercises.widgets import ANSWER_MIME, load_answers


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
    assert "Selisih (hitungan − terbitan)" in form.status.value  # the label, not the name
    assert "selisih_laporan" not in form.status.value
    assert session.namespace["angka_cocok"] is Ellipsis
    form.fields["selisih_laporan"].value = ""
    form.button.click()
    assert "Lengkapi" in form.status.value
    assert load_answers(tmp_path).get("01", {}).get("soal4") is None


def test_an_unreadable_entry_clears_the_saved_answer_and_says_so(session, tmp_path):
    form = session.form("soal4")
    _fill(form, angka_cocok=False, selisih_laporan="5")
    assert session.soal4.check().correct
    _fill(form, angka_cocok=False, selisih_laporan="lima")
    assert "dihapus" in form.status.value
    assert load_answers(tmp_path)["01"].get("soal4") is None
    assert session.namespace["selisih_laporan"] is Ellipsis
    outcome = session.soal4.check()
    assert outcome.status is Status.NOT_ATTEMPTED  # not the earlier, correct answer
    assert "formulir" in outcome.message
    bundle = form._record._repr_mimebundle_()
    assert bundle[ANSWER_MIME]["values"] is None and "dihapus" in bundle["text/plain"]


@pytest.mark.parametrize(
    ("typed", "value"),
    [("Rp 5.400.000", 5_400_000), ("5.400.000", 5_400_000), ("5400000", 5_400_000)],
)
def test_the_journal_form_reads_rupiah_as_people_write_it(tmp_path, typed, value):
    ns: dict = {}
    s = kp.exercises.lesson("02", ns, workdir=tmp_path)
    for code in (s.lesson.setup, *(e.solution for e in s.lesson.exercises[:2])):
        assert s.run_cell(code) is None
    s.run_cell(s.soal3.exercise.starter)
    form = s.form("soal3")
    _fill(form, akun_debit="Beban gaji", akun_kredit="Kas", jumlah_gaji=typed)
    assert ns["jumlah_gaji"] == value
    assert s.soal3.check().correct
    text = form._record._repr_mimebundle_()["text/plain"]
    assert "jumlah_gaji" not in text and "akun_debit" not in text
    assert "5.400.000" in text


def test_decimals_with_a_comma(session):
    from kopedu.exercises.widgets import _parse

    assert _parse("number", "12,5") == 12.5
    with pytest.raises(ValueError):
        _parse("int", "12,5")


def test_after_a_form_answer_the_message_points_to_the_form(session):
    form = session.form("soal4")
    _fill(form, angka_cocok=True, selisih_laporan="0")
    outcome = session.soal4.check()
    assert outcome.key == "soal4.said_match"
    assert "formulir" in outcome.message and "sel jawaban" not in outcome.message
    session.run_cell("angka_cocok = True\nselisih_laporan = 0")  # back to code
    assert "sel jawaban" in session.soal4.check().message


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
