"""A lesson bound to a notebook: ``latihan = kp.exercises.lesson("01")``.

``latihan.soal1.check()``, ``.hint()``, ``.hint(2)``, ``.solution()`` and
``.reset()`` act on the notebook's variables and append to the progress file. In a
Jupyter kernel the session also watches each cell that assigns an answer variable:
when that cell stops with an exception, the next ``check()`` says so and names the
cell (``[7]``) and line, instead of checking a stale value.

Outside Jupyter (tests, scripts) pass the namespace explicitly and run "cells" with
:meth:`LessonSession.run_cell`, which goes through the same code path.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import os
import re
import sys
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kopedu.exercises.core import (
    EVENT_MIME,
    CellError,
    Exercise,
    Lesson,
    Outcome,
    evaluate,
    get_lesson,
)
from kopedu.exercises.display import box_html, code_html
from kopedu.exercises.messages import render
from kopedu.exercises.progress import ProgressLog, default_workdir
from kopedu.io.write import write_text

__all__ = [
    "ExerciseHandle",
    "Hint",
    "LessonSession",
    "ResetResult",
    "SolutionView",
    "active_sessions",
    "assigns",
    "lesson",
]

_ACTIVE: dict[str, LessonSession] = {}
_LHS = re.compile(r"^([^=#\n]*?)(?<![=!<>+\-*/%&|^@:])(?:[+\-*/%]?=)(?!=)", re.M)


def _targets(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _assigned_names(code: str) -> set[str] | None:
    """Names the code binds (``None`` when it is not plain Python, e.g. a magic)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                names |= _targets(target)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.For | ast.AsyncFor):
            names |= _targets(node.target)
        elif isinstance(node, ast.NamedExpr):
            names.add(node.target.id)
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                if item.optional_vars is not None:
                    names |= _targets(item.optional_vars)
    return names


def assigns(code: str, names: tuple[str, ...] | list[str]) -> bool:
    """Whether ``code`` assigns (at any indentation) one of ``names``.

    Read from Python's syntax tree, so a name inside a call or a string does not count;
    code that is not plain Python (an IPython magic) is read line by line.

    Examples
    --------
    >>> assigns("rasio = rat / aktif * 100", ["rasio"])
    True
    >>> assigns("print(rasio == 3)", ["rasio"])
    False
    >>> assigns('show({"rasio": 1}, raw=True)', ["rasio"])
    False
    """
    bound = _assigned_names(code)
    if bound is not None:
        return bool(bound & set(names))
    for m in _LHS.finditer(code):
        lhs = m.group(1)
        if any(re.search(rf"(?<![\w.]){re.escape(n)}\b", lhs) for n in names):
            return True
    return False


def _ipython() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return None
    return get_ipython()


def _line_in(exc: BaseException, filenames: set[str]) -> int | None:
    if isinstance(exc, SyntaxError):
        return exc.lineno
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in filenames:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


@dataclass(frozen=True, slots=True)
class Hint:
    """A hint shown to the trainee (level ``level`` of ``total``)."""

    lesson: str
    exercise: str
    level: int
    total: int
    text: str

    def _title(self) -> str:
        return render("ui.hint_title", level=self.level, total=self.total)

    def __str__(self) -> str:
        return f"{self._title()}: {self.text}"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        event = {
            "lesson": self.lesson,
            "exercise": self.exercise,
            "event": "hint",
            "hint_level": self.level,
        }
        return {
            "text/plain": str(self),
            "text/html": box_html("hint", self._title(), self.text),
            EVENT_MIME: event,
        }


@dataclass(frozen=True, slots=True)
class SolutionView:
    """The reference solution, shown on request (the request is recorded)."""

    lesson: str
    exercise: str
    code: str

    def __str__(self) -> str:
        return f"{render('ui.solution_title')}\n{self.code}"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        event = {"lesson": self.lesson, "exercise": self.exercise, "event": "solution"}
        return {
            "text/plain": str(self),
            "text/html": code_html("solution", render("ui.solution_title"), self.code),
            EVENT_MIME: event,
        }


@dataclass(frozen=True, slots=True)
class ResetResult:
    """What ``reset()`` did: where the old answer was saved, and the message."""

    lesson: str
    exercise: str
    backup: Path | None
    message: str

    def __str__(self) -> str:
        return self.message

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        return {
            "text/plain": self.message,
            "text/html": box_html("info", render("ui.reset_title"), self.message),
        }


class ExerciseHandle:
    """One exercise as the trainee uses it: ``check``, ``hint``, ``solution``, ``reset``."""

    def __init__(self, session: LessonSession, exercise: Exercise) -> None:
        self._session = session
        self.exercise = exercise
        self._hint_level = 0

    @property
    def id(self) -> str:
        """``"soal1"``."""
        return self.exercise.id

    @property
    def ref(self) -> str:
        """How the notebook names it: ``"latihan.soal1"``."""
        return f"{self._session.name}.{self.exercise.id}"

    def __repr__(self) -> str:
        title = self._session.lesson.title(self.id)
        return render("ui.exercise_repr", ref=self.ref, title=title)

    def evaluate(self) -> Outcome:
        """The outcome now, without recording it (for trainers and tests)."""
        s = self._session
        return evaluate(
            self.exercise,
            s.namespace,
            lesson=s.lesson,
            cell_error=s._errors.get(self.id),
            ref=self.ref,
            source=s._last_code.get(self.id),
            via_form=self.id in s._via_form,
        )

    def check(self) -> Outcome:
        """Check the answer, record the attempt and return the outcome.

        Examples
        --------
        >>> ns = {}
        >>> latihan = lesson("01", ns, workdir=__import__("tempfile").mkdtemp())
        >>> _ = latihan.run_cell(latihan.lesson.setup)
        >>> _ = latihan.run_cell(latihan.soal1.exercise.starter)
        >>> latihan.soal1.check().status.value
        'belum_dikerjakan'
        """
        out = self.evaluate()
        self._session.log.record(
            self._session.lesson.id, self.id, "check", outcome=out.status.value, key=out.key
        )
        return out

    def hint(self, level: int | None = None) -> Hint:
        """Show a hint: the next level each time, or ``level`` (1 = gentlest)."""
        total = self.exercise.hints
        s = self._session
        if total == 0:
            return Hint(s.lesson.id, self.id, 0, 0, render("ui.no_hints"))
        want = self._hint_level + 1 if level is None else int(level)
        want = min(max(want, 1), total)
        self._hint_level = max(self._hint_level, want)
        text = render(f"{self.id}.hint{want}", s.lesson.domain)
        if level is None and want == total:
            text += " " + render("ui.last_hint", ref=self.ref)
        s.log.record(s.lesson.id, self.id, "hint", hint_level=want)
        return Hint(s.lesson.id, self.id, want, total, text)

    def solution(self) -> SolutionView:
        """Show the reference solution. Recorded (and visible to the trainer)."""
        s = self._session
        s.log.record(s.lesson.id, self.id, "solution")
        return SolutionView(s.lesson.id, self.id, self.exercise.solution.strip())

    def reset(self) -> ResetResult:
        """Put this exercise back to its starter, after saving the current answer.

        The last code you ran for this exercise and the current values of its
        variables are saved in ``.kopedu/cadangan/``; then the variables are set back to
        ``...``. Code running in a notebook cannot change another cell, so in Jupyter a
        new cell with the starter code is added right below the cell that called
        ``reset()``, and the message names the old answer cell (left as it was) and how to
        restore that cell itself (``kopedu exercise reset`` on the saved file). Other
        exercises and cells are not touched.
        """
        s, ex = self._session, self.exercise
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        backup = s.workdir / ".kopedu" / "cadangan" / f"{s.lesson.id}-{ex.id}-{stamp}.py"
        lines = [f"# Cadangan {self.ref} sebelum reset, {stamp}"]
        code = s._last_code.get(ex.id) or s._history_code(ex)
        if code:
            lines += ["# Kode terakhir yang Anda jalankan untuk soal ini:", code]
        for v in ex.variables:
            if v in s.namespace:
                text = repr(s.namespace[v])
                lines.append(f"# {v} = {text[:2000]}".replace("\n", "\n# "))
        write_text(backup, "\n".join(lines) + "\n")
        exec(compile(ex.starter, "<kopedu reset>", "exec"), s.namespace)  # type: ignore[arg-type]
        s._errors.pop(ex.id, None)
        s._via_form.discard(ex.id)
        s._last_code.pop(ex.id, None)
        self._hint_level = 0
        shell = _ipython()
        in_jupyter = shell is not None and s.namespace is getattr(shell, "user_ns", None)
        if in_jupyter:
            shell.set_next_input(ex.starter.strip())
        s.log.record(s.lesson.id, ex.id, "reset")
        rel = backup.relative_to(s.workdir) if backup.is_relative_to(s.workdir) else backup
        key = "ui.reset_done" if in_jupyter else "ui.reset_done_plain"
        cell = s._last_cell.get(ex.id)
        notebook = Path(os.environ.get("JPY_SESSION_NAME", "") or "NAMA.ipynb").name
        msg = render(
            key,
            ref=self.ref,
            backup=rel.as_posix(),
            cell=f"[{cell}]" if cell else "",
            notebook=notebook,
            exercise=ex.id,
        ).replace("  ", " ")
        s._last_cell.pop(ex.id, None)
        return ResetResult(s.lesson.id, ex.id, backup, msg)


class LessonSession:
    """A lesson's exercises bound to a namespace, a working folder and a progress file.

    Use :func:`lesson` to create one. Attributes ``soal1``, ``soal2`` … are
    :class:`ExerciseHandle` objects.
    """

    def __init__(
        self,
        lesson: Lesson,
        namespace: MutableMapping[str, Any],
        *,
        workdir: str | Path | None = None,
        name: str = "latihan",
    ) -> None:
        self.lesson = lesson
        self.namespace = namespace
        self.workdir = Path(workdir) if workdir is not None else default_workdir()
        self.name = name
        self.log = ProgressLog.in_folder(self.workdir)
        self._errors: dict[str, CellError] = {}
        self._last_code: dict[str, str] = {}
        self._last_cell: dict[str, int | None] = {}
        self._via_form: set[str] = set()
        self._cells = 0
        self._handles = {ex.id: ExerciseHandle(self, ex) for ex in lesson.exercises}

    def __getattr__(self, name: str) -> ExerciseHandle:
        handles = self.__dict__.get("_handles", {})
        if name in handles:
            return handles[name]
        raise AttributeError(render("ui.no_such_exercise", name=name, known=list(handles)))

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *self._handles]

    def __repr__(self) -> str:
        return render("ui.session_repr", lesson=self.lesson.id, known=list(self._handles))

    @property
    def exercises(self) -> tuple[ExerciseHandle, ...]:
        """All exercises, in order."""
        return tuple(self._handles.values())

    def evaluate_all(self) -> tuple[Outcome, ...]:
        """Every exercise's outcome now, without recording (used by grading)."""
        return tuple(h.evaluate() for h in self.exercises)

    def progress(self) -> Any:
        """A small view of your progress in this lesson (ipywidgets)."""
        from kopedu.exercises.widgets import progress_view

        return progress_view(self)

    def form(self, exercise_id: str) -> Any:
        """The answer form of an exercise answered by clicking (ipywidgets)."""
        from kopedu.exercises.widgets import answer_form

        return answer_form(self, exercise_id)

    # -- watching the trainee's cells ---------------------------------------------------
    def _after_cell(self, code: str, error: CellError | None, count: int | None = None) -> None:
        for ex in self.lesson.exercises:
            if assigns(code, ex.variables) and ".reset(" not in code:
                self._last_code[ex.id] = code
                self._last_cell[ex.id] = count
                self._via_form.discard(ex.id)
                if error is None:
                    self._errors.pop(ex.id, None)
                else:
                    self._errors[ex.id] = error

    def run_cell(self, code: str) -> CellError | None:
        """Run ``code`` in the namespace like a notebook cell; return its error, if any.

        For tests and scripts: a Jupyter kernel reports its cells to the session
        automatically.
        """
        self._cells += 1
        filename = f"<sel {self._cells}>"
        error = None
        try:
            exec(compile(code, filename, "exec"), self.namespace)  # type: ignore[arg-type]
        except Exception as exc:
            error = CellError.from_exception(exc, self._cells, _line_in(exc, {filename}))
        self._after_cell(code, error, self._cells)
        return error

    def _post_run_cell(self, result: Any) -> None:  # IPython event callback
        raw = getattr(result.info, "raw_cell", "") or ""
        exc = result.error_before_exec or result.error_in_exec
        error = None
        if exc is not None:
            count = result.execution_count
            shell = _ipython()
            fmap = getattr(getattr(shell, "compile", None), "_filename_map", {}) or {}
            names = {f for f, n in fmap.items() if n == count}
            error = CellError.from_exception(exc, count, _line_in(exc, names))
        self._after_cell(raw, error, result.execution_count)

    def _history_code(self, ex: Exercise) -> str | None:
        for code in reversed(self.namespace.get("In", []) or []):
            if isinstance(code, str) and assigns(code, ex.variables) and ".reset(" not in code:
                return code
        return None

    def _install_hook(self) -> None:
        shell = _ipython()
        if shell is None or self.namespace is not getattr(shell, "user_ns", None):
            return
        previous = _ACTIVE.get(self.lesson.id)
        if previous is not None:
            with contextlib.suppress(ValueError):
                shell.events.unregister("post_run_cell", previous._post_run_cell)
        shell.events.register("post_run_cell", self._post_run_cell)


def active_sessions() -> dict[str, LessonSession]:
    """The sessions created in this process, by lesson id (the last one per lesson)."""
    return dict(_ACTIVE)


def lesson(
    lesson_id: str,
    namespace: MutableMapping[str, Any] | None = None,
    *,
    workdir: str | Path | None = None,
    name: str = "latihan",
) -> LessonSession:
    """Bind a lesson's exercises to this notebook.

    Parameters
    ----------
    lesson_id : str
        ``"01"`` (or ``1``).
    namespace : mapping, optional
        Where the trainee's variables live; default the caller's globals (in Jupyter,
        the notebook's variables).
    workdir : str or Path, optional
        Folder for the progress file and backups; default the current folder.
    name : str
        The variable the notebook stores the session in, used in messages
        ("jalankan ``latihan.soal2.hint()``").

    Examples
    --------
    >>> import tempfile
    >>> latihan = lesson("01", {}, workdir=tempfile.mkdtemp())
    >>> [h.id for h in latihan.exercises][:2]
    ['soal1', 'soal2']
    """
    if namespace is None:
        namespace = sys._getframe(1).f_globals
    session = LessonSession(get_lesson(str(lesson_id)), namespace, workdir=workdir, name=name)
    session._install_hook()
    _ACTIVE[session.lesson.id] = session
    return session
