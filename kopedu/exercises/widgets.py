"""Answer forms and the progress view (ipywidgets), gradable without widget state.

Papermill and nbclient do not keep widget state in a way a re-run can read
(papermill #400), and a trainer re-executes notebooks to grade them. So a form never
*is* the answer; it **writes** the answer to the two places the checker and the
grader read:

1. the notebook variables (``angka_cocok = False``), which ``check()`` reads;
2. the answer store ``.kopedu/jawaban.json`` in the working folder (atomic write),
   which a later run of the form cell reads back when the variables are still ``...``
   (after a kernel restart);

and it shows the saved answer as an ordinary cell output (``text/plain`` plus
``application/vnd.kopedu.answer+json``) through a display handle, so the answer is
saved *inside the notebook file*. The grader reads that output from each submitted
notebook, writes it to the submission's answer store, and re-executes: the form cell
then sets the variables exactly as the trainee left them. Code wins over the form:
if the trainee assigned the variables in code, the form only shows them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from kopedu.errors import KopeduError
from kopedu.exercises.display import inline_html
from kopedu.exercises.messages import render
from kopedu.exercises.progress import summarise

__all__ = [
    "ANSWER_MIME",
    "AnswerForm",
    "answer_form",
    "answers_path",
    "forget_answer",
    "load_answers",
    "progress_view",
    "save_answers",
    "write_json",
]

ANSWER_MIME = "application/vnd.kopedu.answer+json"


def answers_path(workdir: str | Path) -> Path:
    """``<workdir>/.kopedu/jawaban.json``."""
    return Path(workdir) / ".kopedu" / "jawaban.json"


def load_answers(workdir: str | Path) -> dict[str, dict[str, dict[str, Any]]]:
    """The answer store: ``{lesson: {exercise: {variable: value}}}`` (empty if none)."""
    path = answers_path(workdir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def save_answers(
    workdir: str | Path, lesson: str, exercise: str, values: Mapping[str, Any]
) -> Path:
    """Store one exercise's answer (atomic: temp file then ``os.replace``).

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> _ = save_answers(d, "01", "soal4", {"angka_cocok": False})
    >>> load_answers(d)["01"]["soal4"]
    {'angka_cocok': False}
    """
    path = answers_path(workdir)
    data = load_answers(workdir)
    data.setdefault(lesson, {})[exercise] = dict(values)
    write_json(path, data)
    return path


def write_json(path: Path, data: object) -> None:
    """Write JSON to ``path`` with kopedu's one writer (atomic, normal permissions).

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.json"
    >>> write_json(p, {"soal1": "12,5"})
    >>> json.loads(p.read_text())
    {'soal1': '12,5'}
    """
    from kopedu.io.write import write_text

    write_text(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))


def forget_answer(workdir: str | Path, lesson: str, exercise: str) -> bool:
    """Remove one exercise's stored form answer; whether there was one.

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> _ = save_answers(d, "01", "soal4", {"angka_cocok": False})
    >>> forget_answer(d, "01", "soal4"), load_answers(d)
    (True, {'01': {}})
    """
    data = load_answers(workdir)
    if exercise not in data.get(lesson, {}):
        return False
    del data[lesson][exercise]
    write_json(answers_path(workdir), data)
    return True


class _Record:
    """The saved answer as a plain cell output (kept in the .ipynb).

    The text names each entry by its label on the form (never an internal variable name)
    and its value as the trainee sees it; the payload keeps the variables for the grader.
    """

    def __init__(
        self,
        lesson: str,
        exercise: str,
        values: Mapping[str, Any] | None,
        labels: Mapping[str, str] | None = None,
        shown: Mapping[str, str] | None = None,
        cleared: bool = False,
    ) -> None:
        self.lesson, self.exercise, self.values = lesson, exercise, values
        self.labels, self.shown, self.cleared = dict(labels or {}), dict(shown or {}), cleared

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        if self.values is None:
            key = "ui.form_cleared" if self.cleared else "ui.form_nothing_saved"
            text = render(key, exercise=self.exercise)
        else:
            shown = "; ".join(
                f"{self.labels.get(k, k)}: {self.shown.get(k, v)}" for k, v in self.values.items()
            )
            text = render("ui.form_saved", exercise=self.exercise, values=shown)
        payload = {"lesson": self.lesson, "exercise": self.exercise, "values": self.values}
        return {"text/plain": text, ANSWER_MIME: payload}


class FormValueError(ValueError):
    """A form entry could not be read; ``key`` says why (a message key)."""

    def __init__(self, name: str, key: str = "ui.form_bad_value") -> None:
        super().__init__(name)
        self.name, self.key = name, key


def _parse(kind: str, raw: Any) -> Any:
    """A field's value, or ``...`` when empty. Raises ValueError when unreadable.

    Numbers are read the Indonesian way, with or without "Rp": ``5.400.000``,
    ``Rp 5.400.000``, ``5400000``, ``12,5``.

    Examples
    --------
    >>> _parse("int", "Rp 5.400.000"), _parse("int", "5.400.000"), _parse("number", "12,5")
    (5400000, 5400000, 12.5)
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ...
    if kind == "bool":
        return bool(raw)
    if kind == "text":
        return str(raw).strip()
    from kopedu.formatting import parse_rupiah

    value = parse_rupiah(str(raw), allow_sen=True)
    if kind == "int":
        if value != int(value):
            raise FormValueError("", "ui.form_bad_whole")
        return int(value)
    return int(value) if value == int(value) else float(Decimal(value))


class AnswerForm:
    """A small form that fills an exercise's answer variables. See :func:`answer_form`."""

    def __init__(self, session: Any, exercise_id: str) -> None:
        import ipywidgets as w

        self.session = session
        self.exercise = session.lesson.exercise(exercise_id)
        if not self.exercise.widget:
            raise KopeduError(f"{exercise_id} tidak dijawab lewat formulir.")
        ex, dom = self.exercise, session.lesson.domain
        self.kinds = dict(ex.form_fields) or dict.fromkeys(ex.variables, "number")
        ns = session.namespace
        # 1. the store fills variables the code left at `...`
        stored = load_answers(session.workdir).get(session.lesson.id, {}).get(ex.id)
        if stored and all(ns.get(v, ...) is Ellipsis for v in ex.variables):
            for v in ex.variables:
                if v in stored and stored[v] is not None:
                    ns[v] = stored[v]
        # 2. the fields show what the variables hold now
        self.fields: dict[str, Any] = {}
        self.labels: dict[str, str] = {}
        for v in ex.variables:
            kind = self.kinds.get(v, "number")
            label = render(f"{ex.id}.form_{v}", dom)
            self.labels[v] = label
            current = ns.get(v, ...)
            if kind == "bool":
                opts = [
                    (render(f"{ex.id}.form_{v}.true", dom), True),
                    (render(f"{ex.id}.form_{v}.false", dom), False),
                ]
                field = w.ToggleButtons(
                    options=opts, description=label, style={"description_width": "initial"}
                )
                field.value = current if isinstance(current, bool) else None
            else:
                field = w.Text(
                    description=label,
                    style={"description_width": "initial"},
                    value="" if current is Ellipsis else str(current),
                )
            self.fields[v] = field
        self.button = w.Button(
            description=render("ui.form_save"), button_style="primary", icon="check"
        )
        self.status = w.HTML()
        self.button.on_click(lambda _b: self.save())
        question = w.HTML(f"<b>{inline_html(render(f'{ex.id}.form_question', dom))}</b>")
        self.box = w.VBox([question, *self.fields.values(), self.button, self.status])
        self._handle: Any = None
        self._record = self._make_record(stored)

    def _make_record(self, values: Mapping[str, Any] | None, cleared: bool = False) -> _Record:
        from kopedu.display import format_value

        shown: dict[str, str] = {}
        for v, value in (values or {}).items():
            if self.kinds.get(v) == "bool":
                options = {val: text for text, val in self.fields[v].options}
                shown[v] = options.get(value, str(value))
            elif isinstance(value, int) and not isinstance(value, bool):
                shown[v] = format_value(value, "count")  # 5.400.000, as the trainee wrote it
            elif isinstance(value, float):
                shown[v] = format_value(Decimal(str(value)), "decimal")  # 12,5
            else:
                shown[v] = str(value)
        s = self.session
        return _Record(s.lesson.id, self.exercise.id, values, self.labels, shown, cleared)

    def values(self) -> dict[str, Any]:
        """The fields' values, parsed (``...`` for an empty field)."""
        out = {}
        for v, field in self.fields.items():
            try:
                out[v] = _parse(self.kinds.get(v, "number"), field.value)
            except FormValueError as exc:
                raise FormValueError(v, exc.key) from exc
            except (ValueError, ArithmeticError, KopeduError) as exc:
                raise FormValueError(v) from exc
        return out

    def _show(self, record: _Record) -> None:
        self._record = record
        if self._handle is not None:
            self._handle.update(record)

    def save(self) -> dict[str, Any] | None:
        """What the button does: check the fields, then write the answer everywhere.

        An entry that cannot be read clears the answer saved before (variables back to
        ``...``, the stored answer and the saved cell output removed) and says so, so that
        the check never grades an older answer the trainee meant to replace.
        """
        s, ex = self.session, self.exercise
        try:
            values = self.values()
        except FormValueError as exc:
            for v in ex.variables:
                s.namespace[v] = ...
            s._via_form.add(ex.id)
            forget_answer(s.workdir, s.lesson.id, ex.id)
            self._show(self._make_record(None, cleared=True))
            self.status.value = inline_html(render(exc.key, label=self.labels.get(exc.name, "")))
            return None
        if any(v is Ellipsis for v in values.values()):
            self.status.value = inline_html(render("ui.form_incomplete"))
            return None
        s.namespace.update(values)
        s._errors.pop(ex.id, None)
        s._via_form.add(ex.id)
        save_answers(s.workdir, s.lesson.id, ex.id, values)
        s.log.record(s.lesson.id, ex.id, "answer")
        self._show(self._make_record(values))
        self.status.value = inline_html(render("ui.form_done", ref=f"{s.name}.{ex.id}"))
        return values

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)
        self._handle = display(self._record, display_id=True)

    def __repr__(self) -> str:
        return str(self._record._repr_mimebundle_()["text/plain"])


def answer_form(session: Any, exercise_id: str) -> AnswerForm:
    """The answer form of an exercise (``latihan.form("soal4")`` in a notebook)."""
    return AnswerForm(session, exercise_id)


class ProgressView:
    """Progress through a lesson: a widget in Jupyter, a table as text elsewhere."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def table(self) -> Any:
        """One row per exercise: last outcome, checks, hints, solution viewed."""
        s = self.session
        return summarise(s.log.events(), s.lesson.id, [e.id for e in s.lesson.exercises])

    def _rows(self) -> list[tuple[str, str, int, int, bool]]:
        t = self.table()
        return [
            (i, str(r.outcome), int(r.checks), int(r.hints), bool(r.solution))
            for i, r in t.iterrows()
        ]

    def __str__(self) -> str:
        rows = self._rows()
        done = sum(r[1] == "benar" for r in rows)
        head = render("ui.progress_summary", done=done, total=len(rows))
        lines = [head]
        for i, outcome, checks, hints, sol in rows:
            lines.append(
                render(
                    "ui.progress_row",
                    exercise=i,
                    outcome=render("status." + outcome),
                    checks=checks,
                    hints=hints,
                    solution=render("ui.yes" if sol else "ui.no"),
                )
            )
        return "\n".join(lines)

    __repr__ = __str__

    def widget(self) -> Any:
        """The ipywidgets view (a bar, a table and a refresh button)."""
        import html

        import ipywidgets as w
        import pandas as pd

        bar = w.IntProgress(min=0, max=len(self.session.lesson.exercises))
        label = w.HTML()
        table = w.HTML()
        refresh = w.Button(description=render("ui.progress_refresh"), icon="refresh")

        def draw(_b: Any = None) -> None:
            from kopedu.display import table as show_table

            rows = self._rows()
            done = sum(r[1] == "benar" for r in rows)
            bar.value = done
            label.value = html.escape(render("ui.progress_summary", done=done, total=len(rows)))
            heads = [
                render(k)
                for k in (
                    "ui.col_exercise",
                    "ui.col_outcome",
                    "ui.col_checks",
                    "ui.col_hints",
                    "ui.col_solution",
                )
            ]
            frame = pd.DataFrame(
                [
                    (
                        i,
                        render("status." + outcome),
                        checks,
                        hints,
                        render("ui.yes" if sol else "ui.no"),
                    )
                    for i, outcome, checks, hints, sol in rows
                ],
                columns=heads,
            )
            table.value = show_table(frame, labels=dict(zip(heads, heads, strict=True))).to_html()

        refresh.on_click(draw)
        draw()
        return w.VBox([w.HBox([bar, label]), table, refresh])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget())


def progress_view(session: Any) -> ProgressView:
    """``latihan.progress()``: how far you are in this lesson."""
    return ProgressView(session)
