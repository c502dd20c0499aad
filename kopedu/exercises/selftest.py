"""Self-test of every exercise: the checks are themselves tested, the trainee's way.

For each exercise, :func:`cases` yields

* the reference solution — must be ``benar``;
* the untouched starter — must be ``belum dikerjakan``;
* every typical wrong answer in ``Exercise.wrong_answers`` — must be ``salah`` with
  exactly the intended message key.

Each case runs in a fresh namespace, like a fresh kernel running the notebook top to
bottom: the lesson's ``setup``, then the reference solutions of the *earlier*
exercises (later exercises may build on them), then the answer under test, all
through :meth:`LessonSession.run_cell` — the same path a Jupyter cell takes.
:func:`leaks` lists messages that reveal an expected value. ``tests/test_exercises_
selftest.py`` runs all of this for every lesson module, so a new lesson is covered
as soon as it exists.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from kopedu.exercises.core import Lesson, Outcome, Status, get_lesson, list_lessons
from kopedu.exercises.messages import LANGUAGES, catalogue, render
from kopedu.exercises.session import LessonSession

__all__ = ["SelfTestCase", "all_cases", "cases", "leaks", "run_case", "secret_texts"]


@dataclass(frozen=True, slots=True)
class SelfTestCase:
    """One answer fed to one exercise, and what the check must say."""

    lesson: str
    exercise: str
    kind: str  # "solution", "starter" or "wrong"
    code: str
    status: Status
    key: str | None = None

    @property
    def name(self) -> str:
        """A readable pytest id: ``01-soal2-wrong-soal2.fraction``."""
        tail = f"-{self.key}" if self.kind == "wrong" else ""
        return f"{self.lesson}-{self.exercise}-{self.kind}{tail}"


def cases(lesson: Lesson) -> Iterator[SelfTestCase]:
    """The self-test cases of one lesson."""
    for ex in lesson.exercises:
        yield SelfTestCase(lesson.id, ex.id, "solution", ex.solution, Status.CORRECT)
        yield SelfTestCase(lesson.id, ex.id, "starter", ex.starter, Status.NOT_ATTEMPTED)
        for w in ex.wrong_answers:
            yield SelfTestCase(lesson.id, ex.id, "wrong", w.code, Status.INCORRECT, w.mistake)


def all_cases() -> list[SelfTestCase]:
    """Self-test cases of every lesson module."""
    return [c for lid in list_lessons() for c in cases(get_lesson(lid))]


def run_case(case: SelfTestCase, *, lang: str | None = None) -> Outcome:
    """Run one case in a fresh namespace and return the check's outcome.

    Raises
    ------
    AssertionError
        If the setup or an earlier reference solution fails (a broken lesson).
    """
    lesson = get_lesson(case.lesson)
    ns: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        session = LessonSession(lesson, ns, workdir=tmp)
        for code in (lesson.setup, *_earlier_solutions(lesson, case.exercise)):
            err = session.run_cell(code)
            assert err is None, f"setup of {case.name} failed: {err}"
        session.run_cell(case.code)
        handle = getattr(session, case.exercise)
        from kopedu.exercises.core import evaluate

        return evaluate(
            handle.exercise,
            ns,
            lesson=lesson,
            cell_error=session._errors.get(case.exercise),
            lang=lang,
            ref=handle.ref,
            source=session._last_code.get(case.exercise),
        )


def _earlier_solutions(lesson: Lesson, exercise_id: str) -> list[str]:
    out = []
    for ex in lesson.exercises:
        if ex.id == exercise_id:
            break
        out.append(ex.solution)
    return out


def _number_texts(value: float | int | Decimal) -> set[str]:
    if isinstance(value, bool):
        return set()
    texts: set[str] = set()
    if isinstance(value, int) or (isinstance(value, float | Decimal) and value == int(value)):
        n = int(value)
        texts |= {str(n), f"{n:,}".replace(",", "."), f"{n:,}"}
    else:
        for d in (1, 2, 3):
            s = f"{float(value):.{d}f}"
            texts |= {s, s.replace(".", ",")}
    return {t for t in texts if t not in {"0", "1", "100"}}


def secret_texts(expected: Mapping[str, object]) -> set[str]:
    """How the expected values could appear in a message (``884``, ``15,9``, ``1.209``)."""
    texts: set[str] = set()
    for value in expected.values():
        if isinstance(value, pd.Series | pd.DataFrame):
            flat = pd.Series(value.to_numpy().ravel()).dropna()
            for v in flat:
                texts |= _number_texts(float(v) if not isinstance(v, int) else v)
        elif isinstance(value, int | float | Decimal):
            texts |= _number_texts(value)
    return texts


def leaks(lesson: Lesson, texts: Mapping[str, list[str]] | None = None) -> list[str]:
    """Messages of ``lesson`` that contain one of its exercises' expected values.

    By default every catalogue text of the lesson (every language, placeholders
    unfilled) and every core message is searched; pass ``texts`` to search others
    (``{exercise_id: [rendered messages]}``). A number counts only as a whole token,
    so the ``5`` of "soal5" or "15" does not match an expected ``5``.
    """
    found = []
    for ex in lesson.exercises:
        if ex.expected is None:
            continue
        secrets = secret_texts(ex.expected())
        pool = None if texts is None else texts.get(ex.id, [])
        if pool is None:
            pool = [
                t
                for lang in LANGUAGES
                for k, t in catalogue(lesson.domain, lang).items()
                if k.startswith(ex.id + ".")
            ]
            pool += [t for lang in LANGUAGES for t in catalogue("core", lang).values()]
        for text in pool:
            for s in secrets:
                if re.search(rf"(?<![\w.,]){re.escape(s)}(?!\w|[.,]\d)", text):
                    found.append(f"{ex.id}: {s!r} in {text!r}")
    return found


def title(lesson: Lesson, exercise_id: str) -> str:
    """Shortcut used by reports."""
    return render(f"{exercise_id}.title", lesson.domain)
