"""The management questionnaire (aspek manajemen): 38 questions as data, answers → counts.

The questions, their five parts, the points per "ya" and the sources are in
``rules/kuesioner_manajemen.yaml``. The scoring engine reads one "ya" count per part
(``ya_manajemen_umum`` …); :func:`questionnaire_counts` derives those counts from
answers given per question. A part is counted only when **every** question of it is
answered: a blank or partly answered part stays empty, so the component is "tidak
dapat dinilai" with the number of questions answered (``dijawab_<bagian>``) — never
zero "ya".

:func:`questionnaire_form` is an ipywidgets form for the same 38 questions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from kopedu.display import Text
from kopedu.errors import Problem
from kopedu.health.ruleset import RulesError, raw_rules

__all__ = [
    "Part",
    "Question",
    "QuestionnaireForm",
    "answered_column",
    "parse_answer",
    "questionnaire",
    "questionnaire_counts",
    "questionnaire_form",
    "questionnaire_parts",
]

_YES = frozenset({"ya", "y", "1", "true", "benar", "iya"})
_NO = frozenset({"tidak", "t", "0", "false", "salah", "tdk"})


@dataclass(frozen=True, slots=True)
class Question:
    """One question: its number (1–38), part id and text."""

    no: int
    part: str
    text: str


@dataclass(frozen=True, slots=True)
class Part:
    """A part of the questionnaire (one scored component, bobot 3)."""

    id: str
    code: str
    column: str
    name: str
    points_per_yes: float
    questions: tuple[Question, ...]


@cache
def questionnaire_parts() -> tuple[Part, ...]:
    """The five parts in order, each with its questions.

    Examples
    --------
    >>> [(p.code, len(p.questions), p.points_per_yes) for p in questionnaire_parts()]
    [('3a', 12, 0.25), ('3b', 6, 0.5), ('3c', 5, 0.6), ('3d', 10, 0.3), ('3e', 5, 0.6)]
    """
    d = raw_rules("kuesioner_manajemen")
    parts, no = [], 0
    for p in d["bagian"]:
        qs = []
        for text in p["pertanyaan"]:
            no += 1
            qs.append(Question(no, p["id"], " ".join(str(text).split())))
        parts.append(
            Part(p["id"], p["kode"], p["kolom"], p["nama"], float(p["skor_per_ya"]), tuple(qs))
        )
    return tuple(parts)


def answered_column(part: Part) -> str:
    """Name of the column holding how many questions of ``part`` were answered.

    Examples
    --------
    >>> answered_column(questionnaire_parts()[0])
    'dijawab_manajemen_umum'
    """
    return "dijawab_" + part.column.removeprefix("ya_")


def questionnaire() -> pd.DataFrame:
    """The 38 questions: number, part, component code, text, points per "ya", source.

    Examples
    --------
    >>> q = questionnaire()
    >>> len(q), q["bagian"].nunique()
    (38, 5)
    >>> q.loc[q["no"] == 21, "pertanyaan"].item()[:45]
    'Penyisihan cadangan dari SHU sama atau lebih '
    """
    d = raw_rules("kuesioner_manajemen")
    rows = [
        {
            "no": q.no,
            "bagian": p.id,
            "kode": p.code,
            "nama_bagian": p.name,
            "pertanyaan": q.text,
            "skor_per_ya": p.points_per_yes,
            "kolom": p.column,
            "sumber": d["sumber"],
        }
        for p in questionnaire_parts()
        for q in p.questions
    ]
    return pd.DataFrame(rows)


def parse_answer(value: object) -> bool | None:
    """``True`` for ya, ``False`` for tidak, ``None`` for an empty answer.

    Raises
    ------
    ValueError
        For anything else (the message is Indonesian).

    Examples
    --------
    >>> parse_answer("Ya"), parse_answer("tidak"), parse_answer(""), parse_answer(None)
    (True, False, None, None)
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"{value!r} bukan jawaban ya/tidak")


def _counts_one(answers: Mapping[int, bool | None]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in questionnaire_parts():
        given = [answers.get(q.no) for q in p.questions]
        answered = sum(a is not None for a in given)
        yes = sum(a is True for a in given)
        out[p.column] = yes if answered == len(p.questions) else pd.NA
        out[answered_column(p)] = answered
    return out


def questionnaire_counts(
    answers: Mapping[int, object] | pd.DataFrame, *, source: str = "<kuesioner>"
) -> pd.DataFrame:
    """The number of "ya" answers per part, from answers per question.

    Parameters
    ----------
    answers : mapping or DataFrame
        One cooperative as ``{question number: "ya" / "tidak" / True / False / None}``,
        or many as a long table with columns ``kode``, ``no`` and ``jawaban`` (the
        questionnaire sheet of the input template; other columns are ignored).
    source : str
        File name used in error messages.

    Returns
    -------
    DataFrame
        One row per cooperative (index ``kode``; a single unnamed row for a mapping):
        ``ya_<bagian>`` (``Int64``, empty unless every question of the part is
        answered) and ``dijawab_<bagian>`` (questions answered).

    Raises
    ------
    DataValidationError
        Listing every unknown question number, duplicate answer and unreadable answer.

    Examples
    --------
    >>> one = questionnaire_counts({1: "ya", 2: "tidak"})
    >>> one[["ya_manajemen_umum", "dijawab_manajemen_umum"]].iloc[0].tolist()
    [<NA>, 2]
    >>> full = questionnaire_counts({no: "ya" for no in range(1, 39)})
    >>> full["ya_manajemen_aktiva"].iloc[0]
    np.int64(10)
    """
    from kopedu.errors import DataValidationError

    problems: list[Problem] = []
    known = {q.no for p in questionnaire_parts() for q in p.questions}
    if isinstance(answers, pd.DataFrame):
        table = answers
        missing = [c for c in ("kode", "no", "jawaban") if c not in table.columns]
        if missing:
            raise DataValidationError(
                source,
                [
                    Problem(
                        source,
                        None,
                        c,
                        "kolom wajib ini tidak ada",
                        "pakai lembar kuesioner templat",
                    )
                    for c in missing
                ],
            )
        per: dict[str, dict[int, bool | None]] = {}
        for i, (kode, no, jawaban) in enumerate(
            zip(table["kode"], table["no"], table["jawaban"], strict=True)
        ):
            row = i + 2
            try:
                answer = parse_answer(jawaban)
            except ValueError as exc:
                problems.append(Problem(source, row, "jawaban", str(exc), "isi 'ya' atau 'tidak'"))
                continue
            kode_text = "" if pd.isna(kode) else str(kode).strip()
            if not kode_text:
                if answer is not None:
                    problems.append(
                        Problem(source, row, "kode", "jawaban tanpa kode koperasi", "isi kode")
                    )
                continue
            try:
                n = int(str(no).strip())
            except ValueError:
                n = -1
            if n not in known:
                problems.append(
                    Problem(source, row, "no", f"nomor pertanyaan {no!r} tidak ada", "isi 1–38")
                )
                continue
            given = per.setdefault(kode_text, {})
            if n in given and answer is not None and given[n] is not None:
                problems.append(
                    Problem(
                        source,
                        row,
                        "no",
                        f"pertanyaan {n} untuk {kode_text} dijawab dua kali",
                        "hapus salah satu baris",
                    )
                )
                continue
            if answer is not None or n not in given:
                given[n] = answer
        if problems:
            raise DataValidationError(source, problems)
        rows = {k: _counts_one(v) for k, v in per.items()}
        out = pd.DataFrame.from_dict(rows, orient="index")
        out.index.name = "kode"
    else:
        parsed: dict[int, bool | None] = {}
        for no, value in answers.items():
            if int(no) not in known:
                problems.append(
                    Problem(source, None, "no", f"nomor pertanyaan {no!r} tidak ada", "isi 1–38")
                )
                continue
            try:
                parsed[int(no)] = parse_answer(value)
            except ValueError as exc:
                problems.append(Problem(source, None, str(no), str(exc), "isi 'ya' atau 'tidak'"))
        if problems:
            raise DataValidationError(source, problems)
        out = pd.DataFrame([_counts_one(parsed)])
    columns = [c for p in questionnaire_parts() for c in (p.column, answered_column(p))]
    return out.reindex(columns=columns).astype("Int64")


class QuestionnaireForm:
    """An ipywidgets form for the 38 questions (see :func:`questionnaire_form`).

    ``widget`` is the form (shown when the object is the last value of a cell);
    :meth:`fill` sets answers without a browser; :meth:`counts` gives the "ya"
    counts to put into an input row.
    """

    def __init__(self, answers: Mapping[int, object] | None = None) -> None:
        import ipywidgets as w

        self._buttons: dict[int, Any] = {}
        sections = []
        titles = []
        for p in questionnaire_parts():
            rows = []
            for q in p.questions:
                toggle = w.ToggleButtons(
                    options=[("ya", True), ("tidak", False)],
                    value=None,
                    style={"button_width": "5em"},
                )
                toggle.observe(self._update, names="value")
                self._buttons[q.no] = toggle
                rows.append(
                    w.VBox(
                        [w.HTML(f"<b>{q.no}.</b> {q.text}"), toggle],
                        layout=w.Layout(margin="0 0 0.6em 0"),
                    )
                )
            sections.append(w.VBox(rows))
            titles.append(
                f"{p.code} {p.name} ({len(p.questions)} pertanyaan, "
                f"{_num(p.points_per_yes)} per jawaban ya)"
            )
        accordion = w.Accordion(children=sections, titles=tuple(titles))
        self._summary = w.HTML()
        self.widget = w.VBox([accordion, self._summary])
        self.fill(answers or {})
        self._update()

    def fill(self, answers: Mapping[int, object] | pd.Series) -> QuestionnaireForm:
        """Set answers by question number (``"ya"``, ``"tidak"``, True/False, None).

        ``answers`` is a mapping or a Series indexed by question number (a column of
        answers, e.g. ``jawaban.set_index("no")["jawaban"]``).
        """
        for no, value in answers.items():
            if int(no) not in self._buttons:
                raise RulesError(f"Pertanyaan nomor {no} tidak ada (1–38).")
            self._buttons[int(no)].value = parse_answer(value)
        return self

    @property
    def answers(self) -> dict[int, bool | None]:
        """The answers so far, by question number (None = not answered)."""
        return {no: b.value for no, b in self._buttons.items()}

    def counts(self) -> dict[str, Any]:
        """``ya_<bagian>`` (empty unless the part is complete) and ``dijawab_<bagian>``."""
        return _counts_one(self.answers)

    def summary(self) -> Text:
        """One line per part: answered, "ya" and skor, or why it is not assessable.

        A notebook shows it as text.
        """
        counts = self.counts()
        lines = []
        for p in questionnaire_parts():
            yes = counts[p.column]
            answered = counts[answered_column(p)]
            n = len(p.questions)
            if yes is pd.NA:
                state = f"{answered} dari {n} dijawab → tidak dapat dinilai sampai lengkap"
            else:
                state = f"{yes} ya dari {n} → skor {_num(yes * p.points_per_yes)} dari 3"
            lines.append(f"{p.code} {p.name}: {state}")
        return Text("\n".join(lines))

    def _update(self, _: object = None) -> None:
        if hasattr(self, "_summary"):
            self._summary.value = "<pre>" + self.summary() + "</pre>"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def _num(x: float) -> str:
    from kopedu.formatting import format_number

    return format_number(round(float(x), 2), decimals=2)


def questionnaire_form(answers: Mapping[int, object] | None = None) -> QuestionnaireForm:
    """A form with the 38 questions, ya/tidak per question, and a running summary.

    Examples
    --------
    >>> form = questionnaire_form()
    >>> form.counts()["ya_manajemen_umum"] is pd.NA
    True
    >>> form = form.fill({no: "ya" for no in range(1, 13)})
    >>> form.counts()["ya_manajemen_umum"]
    12
    >>> print(form.summary().splitlines()[0])
    3a Manajemen umum: 12 ya dari 12 → skor 3,00 dari 3
    """
    return QuestionnaireForm(answers)
