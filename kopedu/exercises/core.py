"""Exercise definitions and the pure check: ``evaluate(exercise, namespace) -> Outcome``.

An :class:`Exercise` says which variables the trainee fills in, the starter code
(every answer variable set to ``...``), the reference solution, the check, how many
hint levels there are and which typical wrong answers the self-test feeds it. A
:class:`Lesson` groups the exercises of one lesson notebook. Lesson modules are
``kopedu/exercises/lessonNN.py`` and expose ``LESSON``; :func:`get_lesson` finds them.

A check is a plain function that receives the trainee's values as keyword arguments,
returns ``None`` when the answer is right and raises :class:`Mistake` (a message key
plus parameters that never include the expected value) when it is not. Everything
else — not attempted, the trainee's cell crashed, the check could not run — is decided
here, the same way for every exercise, so every outcome has its own message.

Examples
--------
>>> from kopedu.exercises.core import Exercise, Lesson, Mistake, evaluate
>>> def check_total(total):
...     if total != 42:
...         raise Mistake("core.wrong_number", name="total")
>>> ex = Exercise("soal1", ("total",), check_total, starter="total = ...", solution="total = 42")
>>> evaluate(ex, {"total": ...}).status
<Status.NOT_ATTEMPTED: 'belum_dikerjakan'>
>>> evaluate(ex, {"total": 41}).status
<Status.INCORRECT: 'salah'>
>>> evaluate(ex, {"total": 42}).correct
True
"""

from __future__ import annotations

import ast
import importlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from kopedu.errors import KopeduError
from kopedu.exercises.messages import render

__all__ = [
    "CellError",
    "Exercise",
    "Lesson",
    "Mistake",
    "Outcome",
    "Status",
    "WrongAnswer",
    "evaluate",
    "get_lesson",
    "list_lessons",
    "typed_literals",
]

log = logging.getLogger("kopedu")


class Status(StrEnum):
    """The five outcomes of a check (values are the Indonesian names used in files)."""

    NOT_ATTEMPTED = "belum_dikerjakan"
    CORRECT = "benar"
    INCORRECT = "salah"
    ERROR = "error"
    UNCHECKABLE = "tidak_dapat_diperiksa"


class Mistake(Exception):
    """Raised by a check: the answer has this *kind* of mistake.

    Parameters
    ----------
    key : str
        Message key: ``"core.…"`` for the shared mistakes (see
        :mod:`kopedu.exercises.compare`) or a lesson key such as
        ``"soal2.denominator_total"``.
    **params
        Values for the message's placeholders. Never pass the expected value.
    """

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class WrongAnswer:
    """A typical wrong answer for the self-test.

    Code a trainee might write, and the message key the check must answer with.
    """

    code: str
    mistake: str


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of a lesson.

    Attributes
    ----------
    id : str
        ``"soal1"``, ``"soal2"`` … — the attribute name in the notebook
        (``latihan.soal1.check()``) and the prefix of its message keys.
    variables : tuple of str
        Names the trainee assigns. The check receives them as keyword arguments.
    check : callable
        ``check(**values) -> None``; raises :class:`Mistake` when the answer is wrong.
    starter : str
        Code of the trainee's answer cell. Every answer variable is set to ``...``.
    solution : str
        Reference solution (shown by ``solution()``, and in the source notebook).
    wrong_answers : tuple of WrongAnswer
        At least two typical mistakes, each with the message key it must produce.
    hints : int
        Number of hint levels; their texts are keys ``<id>.hint1`` … in the catalogue.
    points : float
        Score of a correct answer in the trainer's cohort table.
    expected : callable or None
        ``expected() -> {variable: value}``, used by the test that no message reveals
        the answer. Not shown to trainees.
    from_data : tuple of str
        Variables the task says to take from the data with code, never to type: when the
        answer cell assigns one of them a typed number (``total_kutim = 1209``), the
        outcome says so instead of praising a right number (read from the cell's source).
    widget : bool
        The answer may be given through a form (:mod:`kopedu.exercises.widgets`).
    form_fields : tuple of (str, str)
        For a form: ``(variable, kind)`` pairs, kind ``"bool"``, ``"int"``,
        ``"number"`` or ``"text"``. Labels come from the catalogue
        (``<id>.form_<variable>``; for ``bool`` also ``….true`` / ``….false``).
        Default: every variable is a ``"number"``.
    """

    id: str
    variables: tuple[str, ...]
    check: Callable[..., object] = field(repr=False)
    starter: str = field(repr=False)
    # Hidden from repr so that printing an exercise never shows the answer.
    solution: str = field(repr=False)
    wrong_answers: tuple[WrongAnswer, ...] = field(default=(), repr=False)
    hints: int = 0
    points: float = 1.0
    expected: Callable[[], Mapping[str, object]] | None = field(default=None, repr=False)
    from_data: tuple[str, ...] = ()
    widget: bool = False
    form_fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Lesson:
    """The exercises of one lesson notebook.

    Attributes
    ----------
    id : str
        Two-digit lesson number, ``"01"``; the module is ``kopedu.exercises.lesson01``
        and its message domain ``lesson01``.
    exercises : tuple of Exercise
        In notebook order.
    setup : str
        Code the notebook runs before the exercises (imports, loading the data the
        exercises use). The self-test runs it before each answer.
    """

    id: str
    exercises: tuple[Exercise, ...]
    setup: str = "import kopedu as kp"

    @property
    def domain(self) -> str:
        """Message domain of this lesson (``"lesson01"``)."""
        return f"lesson{self.id}"

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id; raises :class:`KopeduError` if there is none."""
        for ex in self.exercises:
            if ex.id == exercise_id:
                return ex
        known = ", ".join(e.id for e in self.exercises)
        raise KopeduError(f"Pelajaran {self.id} tidak punya {exercise_id!r}. Yang ada: {known}.")

    def title(self, exercise_id: str, lang: str | None = None) -> str:
        """The exercise's short title from the catalogue (key ``<id>.title``)."""
        return render(f"{exercise_id}.title", self.domain, lang)


@dataclass(frozen=True, slots=True)
class CellError:
    """The trainee's own cell stopped with an exception.

    Attributes
    ----------
    error : str
        ``"ZeroDivisionError: division by zero"``.
    cell : int or None
        Execution count shown next to the cell (``[7]``), if known.
    line : int or None
        Line within that cell, if known.
    """

    error: str
    cell: int | None = None
    line: int | None = None

    @classmethod
    def from_exception(
        cls, exc: BaseException, cell: int | None = None, line: int | None = None
    ) -> CellError:
        """Summarise an exception (type and message, no traceback)."""
        text = f"{type(exc).__name__}: {exc}".rstrip(": ")
        if line is None and isinstance(exc, SyntaxError):
            line = exc.lineno
        return cls(text, cell, line)


def _typed_only(node: ast.AST) -> bool:
    """Whether an expression is made of typed numbers only (``1209``, ``-5``, ``325 + 884``)."""
    allowed = (ast.Constant, ast.UnaryOp, ast.BinOp, ast.operator, ast.unaryop, ast.expr_context)
    return all(isinstance(n, allowed) for n in ast.walk(node)) and any(
        isinstance(n, ast.Constant) and isinstance(n.value, int | float) for n in ast.walk(node)
    )


def typed_literals(source: str | None, names: tuple[str, ...] | list[str]) -> list[str]:
    """Which of ``names`` the code last assigns a typed number instead of a computation.

    Examples
    --------
    >>> typed_literals("total_kutim = 1209", ["total_kutim"])
    ['total_kutim']
    >>> typed_literals('total_kutim = angka.loc["Kutai Timur", "koperasi_total"]', ["total_kutim"])
    []
    >>> typed_literals("x = 1209; x = angka.loc['A', 'b']", ["x"])
    []
    """
    if not source or not names:
        return []
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    last: dict[str, ast.AST] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and target.id in names:
                if isinstance(node, ast.AugAssign):  # x += 1 keeps what x was made of
                    continue
                if target.id not in last or node.lineno >= last[target.id].lineno:  # type: ignore[attr-defined]
                    last[target.id] = value
    return [n for n in names if n in last and _typed_only(last[n])]


def _event_json(outcome: Outcome) -> dict[str, Any]:
    return {
        "lesson": outcome.lesson,
        "exercise": outcome.exercise,
        "event": "check",
        "outcome": outcome.status.value,
        "key": outcome.key,
        "points": outcome.points,
    }


EVENT_MIME = "application/vnd.kopedu.event+json"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one check. Shown in a notebook as a coloured box.

    Attributes
    ----------
    lesson, exercise : str
        Which exercise (``"01"``, ``"soal2"``).
    status : Status
        One of the five outcomes.
    key : str
        Message key that explains it (stable; the cohort table and tests use it).
    message : str
        The explanation in the session language.
    points, max_points : float
        Score for the cohort table.
    """

    lesson: str
    exercise: str
    status: Status
    key: str
    message: str
    points: float = 0.0
    max_points: float = 1.0
    params: Mapping[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def correct(self) -> bool:
        """Whether the answer is right."""
        return self.status is Status.CORRECT

    def __str__(self) -> str:
        return f"{render('status.' + self.status.value)} — {self.message}"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        from kopedu.exercises.display import box_html

        return {
            "text/plain": str(self),
            "text/html": box_html(
                self.status.value, render("status." + self.status.value), self.message
            ),
            EVENT_MIME: _event_json(self),
        }


def evaluate(
    exercise: Exercise,
    namespace: Mapping[str, Any],
    *,
    lesson: Lesson | None = None,
    cell_error: CellError | None = None,
    lang: str | None = None,
    ref: str | None = None,
    source: str | None = None,
    via_form: bool = False,
) -> Outcome:
    """Check the trainee's answer to ``exercise`` as it stands in ``namespace``.

    The order of decisions is fixed: the trainee's answer cell crashed → ``error``;
    an answer variable does not exist → ``tidak dapat diperiksa``; still ``...`` →
    ``belum dikerjakan``; the check raises :class:`Mistake` → ``salah``; the check
    itself fails → ``tidak dapat diperiksa``; a right number typed where the task asks to
    take it from the data → ``salah`` (``core.typed_literal``); otherwise ``benar``.

    Parameters
    ----------
    exercise : Exercise
        What to check.
    namespace : mapping
        The notebook's variables (``globals()``).
    lesson : Lesson, optional
        The lesson, for its message domain.
    cell_error : CellError, optional
        The last run of the trainee's answer cell raised this.
    lang : str, optional
        Message language; default :func:`~kopedu.exercises.messages.get_language`.
    ref : str, optional
        How the notebook names this exercise (``"latihan.soal2"``), for "next step" hints.
    source : str, optional
        The code of the trainee's answer cell (the last cell that assigned the answer),
        to recognise a typed number where the task asks for a computation.
    via_form : bool
        The answer was last given through the exercise's form: messages point there.

    Returns
    -------
    Outcome
    """
    domain = lesson.domain if lesson else "core"
    ref = ref or f"latihan.{exercise.id}"

    def out(status: Status, key: str, /, **params: object) -> Outcome:
        text = render(key, domain, lang, ref=ref, **params)
        if status is Status.INCORRECT:
            wrapper = "outcome.incorrect_form" if via_form else "outcome.incorrect"
            text = render(wrapper, domain, lang, mistake=text, ref=ref)
        points = exercise.points if status is Status.CORRECT else 0.0
        return Outcome(
            lesson.id if lesson else "",
            exercise.id,
            status,
            key,
            text,
            points,
            exercise.points,
            params,
        )

    if cell_error is not None:
        key = "outcome.error" if cell_error.cell is not None else "outcome.error_nocell"
        return out(
            Status.ERROR,
            key,
            error=cell_error.error,
            cell=cell_error.cell,
            line=cell_error.line or "?",
        )
    missing = [v for v in exercise.variables if v not in namespace]
    if missing:
        return out(Status.UNCHECKABLE, "outcome.undefined", names=missing)
    values = {v: namespace[v] for v in exercise.variables}
    untouched = [v for v, val in values.items() if val is Ellipsis]
    if untouched:
        key = "outcome.not_attempted" if len(untouched) == len(values) else "outcome.partly"
        if exercise.widget and key == "outcome.not_attempted":
            key = "outcome.not_attempted_form"
        return out(Status.NOT_ATTEMPTED, key, names=untouched)
    try:
        exercise.check(**values)
    except Mistake as m:
        return out(Status.INCORRECT, m.key, **m.params)
    except Exception as exc:  # the check itself failed: not the trainee's fault
        log.debug("check %s failed", exercise.id, exc_info=True)
        return out(Status.UNCHECKABLE, "outcome.checker_failed", error=type(exc).__name__)
    typed = [] if via_form else typed_literals(source, list(exercise.from_data))
    if typed:
        return out(Status.INCORRECT, "core.typed_literal", names=typed)
    key = f"{exercise.id}.correct"
    if render(key, domain, lang) == key:  # no lesson-specific praise: the shared one
        key = "outcome.correct"
    return out(Status.CORRECT, key)


@cache
def get_lesson(lesson_id: str) -> Lesson:
    """The lesson ``"01"`` (module ``kopedu.exercises.lesson01``, attribute ``LESSON``).

    Examples
    --------
    >>> get_lesson("01").domain
    'lesson01'
    """
    lid = str(lesson_id).strip()
    if lid.isdigit():
        lid = lid.zfill(2)
    try:
        module = importlib.import_module(f"kopedu.exercises.lesson{lid}")
    except ModuleNotFoundError as exc:
        if exc.name != f"kopedu.exercises.lesson{lid}":
            raise
        known = ", ".join(list_lessons()) or "-"
        msg = f"Latihan untuk pelajaran {lesson_id!r} tidak ada. Yang ada: {known}."
        raise KopeduError(msg) from None
    return module.LESSON


def list_lessons() -> tuple[str, ...]:
    """Ids of every lesson that has an exercise module, sorted.

    Examples
    --------
    >>> "01" in list_lessons()
    True
    """
    from pathlib import Path

    here = Path(__file__).resolve().parent
    return tuple(sorted(p.stem.removeprefix("lesson") for p in here.glob("lesson[0-9]*.py")))
