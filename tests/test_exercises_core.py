"""The exercise core: outcomes, comparisons, messages, sessions, progress."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kopedu as kp
from kopedu.errors import KopeduError
from kopedu.exercises import compare
from kopedu.exercises.core import Exercise, Mistake, Status, evaluate
from kopedu.exercises.messages import get_language, render, set_language
from kopedu.exercises.progress import ProgressLog, summarise
from kopedu.exercises.session import assigns


def _check_total(total):
    compare.whole_number(total, 42, name="total")


EX = Exercise("soal1", ("total",), _check_total, starter="total = ...", solution="total = 42")


def test_outcome_is_frozen():
    out = evaluate(EX, {"total": 42})
    assert out.correct
    with pytest.raises(dataclasses.FrozenInstanceError):
        out.status = Status.INCORRECT  # type: ignore[misc]


@pytest.mark.parametrize(
    ("ns", "status", "key"),
    [
        ({"total": ...}, Status.NOT_ATTEMPTED, "outcome.not_attempted"),
        ({}, Status.UNCHECKABLE, "outcome.undefined"),
        ({"total": 41}, Status.INCORRECT, "core.too_low"),
        ({"total": "42"}, Status.INCORRECT, "core.text_not_number"),
        ({"total": np.int64(42)}, Status.CORRECT, "outcome.correct"),
    ],
)
def test_each_outcome_is_reachable(ns, status, key):
    out = evaluate(EX, ns)
    assert (out.status, out.key) == (status, key)


def test_a_failing_check_is_uncheckable_not_the_trainees_fault():
    def broken(total):
        raise RuntimeError("bug")

    ex = dataclasses.replace(EX, check=broken)
    out = evaluate(ex, {"total": 1})
    assert out.status is Status.UNCHECKABLE and out.key == "outcome.checker_failed"
    assert "bukan kesalahan Anda" in out.message


def test_incorrect_message_never_shows_the_expected_value():
    out = evaluate(EX, {"total": 41})
    assert "42" not in out.message and "41" not in out.message


def test_partly_attempted():
    ex = Exercise("soal1", ("a", "b"), lambda a, b: None, starter="a = ...\nb = ...", solution="")
    out = evaluate(ex, {"a": 1, "b": ...})
    assert out.status is Status.NOT_ATTEMPTED and out.key == "outcome.partly"
    assert "`b`" in out.message and "`a`" not in out.message


def test_mimebundle_carries_the_event():
    bundle = evaluate(EX, {"total": 42})._repr_mimebundle_()
    assert set(bundle) >= {"text/plain", "text/html", "application/vnd.kopedu.event+json"}
    json.dumps(bundle["application/vnd.kopedu.event+json"])


# --- comparisons ---------------------------------------------------------------------
def test_number_is_exact_by_default_and_tolerance_is_explicit():
    with pytest.raises(Mistake):
        compare.number(0.1 + 0.2, 0.3, name="x")
    assert compare.number(0.1 + 0.2, 0.3, name="x", abs_tol=1e-9)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Rp 1.500", "core.text_not_number"),
        (1500.0, "core.rupiah_float"),
        (True, "core.bool_not_number"),
        (1499, "core.too_low"),
        (float("nan"), "core.nan"),
        (pd.Series([1500]), "core.table_not_number"),
    ],
)
def test_rupiah_mistakes(value, key):
    with pytest.raises(Mistake) as info:
        compare.rupiah(value, 1500, name="shu")
    assert info.value.key == key
    assert "1500" not in str(info.value.params)


def test_rupiah_tolerance_and_decimal():
    from decimal import Decimal

    assert compare.rupiah(1499, 1500, name="shu", tolerance=1) == 1499
    assert compare.rupiah(Decimal("1500"), 1500, name="shu") == 1500


def test_series_compare_by_label_and_nan():
    exp = pd.Series({"a": 1.0, "b": np.nan})
    assert compare.series(pd.Series({"b": np.nan, "a": 1.0}), exp, name="s") is not None
    with pytest.raises(Mistake) as info:
        compare.series(pd.Series({"a": 2.0, "b": np.nan}), exp, name="s")
    assert info.value.key == "core.wrong_values" and info.value.params["label"] == "a"
    with pytest.raises(Mistake) as info:
        compare.series(pd.Series({"a": 1.0, "b": np.nan, "c": 0.0}), exp, name="s")
    assert info.value.key == "core.extra_labels"


def test_frame_compare():
    exp = pd.DataFrame({"akun": ["Kas", "Modal"], "saldo": [100, 100]})
    got = exp.iloc[::-1].assign(catatan="x")
    assert compare.frame(got, exp, name="t", key="akun") is got
    for bad, key in [
        (exp.assign(saldo=[100, 90]), "core.wrong_column_values"),
        (exp.assign(saldo=["100", "100"]), "core.column_not_number"),
        (exp.iloc[:1], "core.wrong_row_count"),
        (exp["saldo"], "core.series_not_frame"),
        ([1, 2], "core.not_frame"),
    ]:
        with pytest.raises(Mistake) as info:
            compare.frame(bad, exp, name="t", key="akun")
        assert info.value.key == key


def test_compare_does_not_mutate_input():
    exp = pd.DataFrame({"akun": ["Kas", "Modal"], "saldo": [100, 100]})
    got = exp.copy()
    compare.frame(got, exp, name="t", key="akun")
    pd.testing.assert_frame_equal(got, exp)


# --- messages --------------------------------------------------------------------------
def test_language_per_session_and_env(monkeypatch):
    monkeypatch.setenv("KOPEDU_LANG", "en")
    set_language(None)
    assert get_language() == "en"
    assert render("status.benar") == "Correct"
    set_language("id")
    assert render("status.benar") == "Benar"
    set_language(None)
    monkeypatch.setenv("KOPEDU_LANG", "xx")
    assert get_language() == "id"
    with pytest.raises(KopeduError):
        set_language("fr")


def test_unknown_key_renders_as_itself_and_missing_param_shows():
    assert render("core.nope") == "core.nope"
    assert "{name}" in render("core.not_number", type="str")


# --- sessions, cells, progress ----------------------------------------------------------
def test_assigns():
    assert assigns("a, total = 1, 2", ["total"])
    assert assigns("    total += 1", ["total"])
    assert not assigns("print(total == 2)", ["total"])
    assert not assigns("subtotal = 3", ["total"])
    assert not assigns("x.total = 3", ["total"])


@pytest.fixture
def session(tmp_path):
    ns: dict = {}
    s = kp.exercises.lesson("01", ns, workdir=tmp_path)
    assert s.run_cell(s.lesson.setup) is None
    return s


def test_error_in_the_trainees_cell_points_at_it(session):
    session.run_cell("x = 1")
    err = session.run_cell('total_kutim = angka.loc["Kutai Timur", "jumlah"]\n')
    assert err is not None and err.cell == 3 and err.line == 1
    out = session.soal1.check()
    assert out.status is Status.ERROR
    assert "[3]" in out.message and "KeyError" in out.message
    # Fixing the cell clears the error.
    session.run_cell('total_kutim = angka.loc["Kutai Timur", "koperasi_total"]')
    assert session.soal1.check().correct


def test_syntax_error_is_an_error_outcome(session):
    session.run_cell("total_kutim = = 3")
    assert session.soal1.check().status is Status.ERROR


def test_hints_levels_and_progress(session, tmp_path):
    h1, h2, h3, h4 = (session.soal1.hint() for _ in range(4))
    assert [h.level for h in (h1, h2, h3, h4)] == [1, 2, 3, 3]
    assert session.soal1.hint(2).level == 2
    session.soal1.solution()
    session.run_cell(session.soal1.exercise.starter)
    session.soal1.check()
    session.soal1.check()
    log = ProgressLog.in_folder(tmp_path)
    df = log.read()
    assert df["event"].tolist() == ["hint"] * 5 + ["solution", "check", "check"]
    assert df["attempt"].iloc[-1] == 2
    s = summarise(log.events(), "01", ["soal1", "soal2"])
    assert s.loc["soal1"].tolist() == ["belum_dikerjakan", 2, 3, True]
    assert s.loc["soal2", "checks"] == 0


def test_damaged_progress_line_is_skipped(tmp_path):
    log = ProgressLog.in_folder(tmp_path)
    log.record("01", "soal1", "check", outcome="benar")
    with log.path.open("a") as fh:
        fh.write("{not json\n")
    log.record("01", "soal1", "hint", hint_level=1)
    assert len(log.events()) == 2


def test_reset_backs_up_and_restores_only_that_exercise(session, tmp_path):
    session.run_cell("total_kutim = 325  # jawaban saya")
    session.run_cell("persen_rat_bpp = 15.9")
    res = session.soal1.reset()
    assert session.namespace["total_kutim"] is Ellipsis
    assert session.namespace["persen_rat_bpp"] == 15.9
    text = res.backup.read_text()
    assert "jawaban saya" in text and "325" in text
    assert res.backup.is_relative_to(tmp_path / ".kopedu" / "cadangan")
    assert session.soal1.check().status is Status.NOT_ATTEMPTED


def test_unknown_exercise_and_lesson(session):
    with pytest.raises(AttributeError):
        session.soal99  # noqa: B018
    with pytest.raises(KopeduError):
        kp.exercises.lesson("99", {})


def test_printing_what_a_trainee_can_reach_never_shows_the_answer(session):
    from kopedu.exercises.selftest import secret_texts

    session.run_cell("total_kutim = 325")
    handle = session.soal1
    reachable = [
        session,
        handle,
        handle.exercise,
        handle.check(),
        handle.hint(),
        handle.hint(3),
        session.lesson,
        session.progress(),
    ]
    texts = [repr(x) for x in reachable] + [str(x) for x in reachable]
    solution = handle.exercise.solution.strip()
    for ex in session.lesson.exercises:
        secrets = secret_texts(ex.expected())
        for text in texts:
            assert ex.solution.strip() not in text
            assert not any(f" {s} " in f" {text} " for s in secrets if len(s) > 2), text
    assert solution in str(handle.solution())  # only on request, and recorded
    assert session.log.read()["event"].iloc[-1] == "solution"


def test_frame_with_duplicate_keys_like_a_journal():
    exp = pd.DataFrame(
        {"akun": ["Kas", "Kas", "Modal"], "debit": [100, 50, 0], "kredit": [0, 0, 150]}
    )
    got = exp.iloc[[2, 1, 0]]
    assert compare.frame(got, exp, name="jurnal", key="akun") is got
    swapped = exp.rename(columns={"debit": "kredit", "kredit": "debit"})
    with pytest.raises(Mistake) as info:
        compare.frame(swapped, exp, name="jurnal", key="akun")
    assert info.value.key == "core.wrong_column_values"
    other = exp.assign(akun=["Kas", "Bank", "Modal"])
    with pytest.raises(Mistake) as info:
        compare.frame(other, exp, name="jurnal", key=["akun"])
    assert info.value.key == "core.missing_labels" and info.value.params["labels"] == ["Kas"]


def test_none_from_print_is_explained():
    with pytest.raises(Mistake) as info:
        compare.number(None, 1, name="x")
    assert info.value.key == "core.none"
    assert "print" in render("core.none", name="x")


@pytest.mark.parametrize(
    "module",
    [
        "compare",
        "core",
        "display",
        "messages",
        "progress",
        "selftest",
        "session",
        "trainee",
        "widgets",
        "grading",
        "lesson01",
    ],
)
def test_docstring_examples_run(module):
    import doctest
    import importlib

    mod = importlib.import_module(f"kopedu.exercises.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_text_series_with_missing_values_compare_without_crashing():
    exp = pd.Series({"a": "Kas", "b": None}, dtype=object)
    assert (
        compare.series(pd.Series({"a": "Kas", "b": pd.NA}, dtype=object), exp, name="s") is not None
    )
    with pytest.raises(Mistake) as info:
        compare.series(pd.Series({"a": pd.NA, "b": None}, dtype=object), exp, name="s")
    assert info.value.key == "core.wrong_values"


def test_odd_values_never_break_a_lesson_check(session):
    odd = [
        "None",
        "pd.NA",
        "angka",
        'angka["koperasi_total"]',
        "[1, 2]",
        "{'a': 1}",
        "lambda: 1",
        "float('inf')",
        "-1",
        "10**30",
    ]
    for handle in session.exercises:
        for code in odd:
            lines = [f"{v} = {code}" for v in handle.exercise.variables]
            assert session.run_cell("import pandas as pd\n" + "\n".join(lines)) is None
            out = handle.check()
            assert out.status in {Status.INCORRECT, Status.CORRECT}, (handle.id, code, out)


@settings(max_examples=60, deadline=None)
@given(
    value=st.one_of(
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=True),
        st.text(max_size=8),
        st.booleans(),
        st.none(),
    )
)
def test_any_value_gets_a_verdict_and_never_the_answer(value):
    from kopedu.exercises.core import get_lesson
    from kopedu.exercises.selftest import secret_texts

    lesson = get_lesson("01")
    for ex in lesson.exercises:
        ns = dict.fromkeys(ex.variables, value)
        out = evaluate(ex, ns, lesson=lesson)
        assert out.status in {Status.INCORRECT, Status.CORRECT}, (ex.id, value, out.key)
        if out.status is Status.INCORRECT:
            for secret in secret_texts(ex.expected()):
                assert f" {secret} " not in f" {out.message} ", (ex.id, value, secret)


def _session01(tmp_path):
    import kopedu as kp

    ns: dict = {}
    s = kp.exercises.lesson("01", ns, workdir=tmp_path)
    assert s.run_cell(s.lesson.setup) is None
    return s, ns


def test_a_typed_number_is_not_praised(tmp_path):
    """The task says to take the figure from the table: `total_kutim = 1209` is right by
    number but typed, so it gets its own message, never 'Benar … dari tabel'."""
    s, _ = _session01(tmp_path)
    s.run_cell("total_kutim = 1209")
    out = s.soal1.check()
    assert out.status is Status.INCORRECT and out.key == "core.typed_literal"
    assert "mengetik" in out.message and "Tepat" not in out.message
    s.run_cell('total_kutim = angka.loc["Kutai Timur", "koperasi_total"]')
    assert s.soal1.check().key == "soal1.correct"
    s.run_cell("total_kutim = 1_000 + 209")  # arithmetic on typed numbers is still typing
    assert s.soal1.check().key == "core.typed_literal"


def test_hints_name_the_real_call(tmp_path):
    s, _ = _session01(tmp_path)
    hints = [s.soal1.hint() for _ in range(3)]
    assert "`latihan.soal1.solution()`" in hints[-1].text
    assert "`solution()`" not in hints[-1].text.replace("latihan.soal1.solution()", "")


def test_reset_in_plain_python_says_what_it_did(tmp_path):
    s, ns = _session01(tmp_path)
    s.run_cell("total_kutim = 5")
    r = s.soal1.reset()
    assert ns["total_kutim"] is Ellipsis and r.backup.exists()
    assert "total_kutim = 5" in r.backup.read_text()
