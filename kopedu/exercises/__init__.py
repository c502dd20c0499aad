"""Exercises for trainees: ``check()``, ``hint()``, ``solution()``, ``reset()``.

In a notebook::

    latihan = kp.exercises.lesson("01")
    latihan.soal1.check()

Checks live here (``kopedu/exercises/lessonNN.py``), never in notebook cells; their
messages live in gettext catalogues (``locale/<lang>/LC_MESSAGES/*.po``). See
``exercises/README.md`` for how to write a new exercise.
"""

from __future__ import annotations

import importlib
from typing import Any

from kopedu.exercises.core import (
    CellError,
    Exercise,
    Lesson,
    Mistake,
    Outcome,
    Status,
    WrongAnswer,
    evaluate,
    get_lesson,
    list_lessons,
)
from kopedu.exercises.messages import get_language, set_language
from kopedu.exercises.progress import ProgressLog
from kopedu.exercises.session import LessonSession, lesson

__all__ = [
    "CellError",
    "Exercise",
    "Lesson",
    "LessonSession",
    "Mistake",
    "Outcome",
    "ProgressLog",
    "Status",
    "WrongAnswer",
    "evaluate",
    "get_language",
    "get_lesson",
    "lesson",
    "list_lessons",
    "set_language",
]


def __getattr__(name: str) -> Any:
    # ``kp.exercises.lesson01`` etc. and the heavier submodules load on first use.
    lazy = {"compare", "grading", "trainee", "widgets", "selftest"}
    if (name.startswith("lesson") and name[6:].isdigit()) or name in lazy:
        return importlib.import_module(f"kopedu.exercises.{name}")
    raise AttributeError(f"module 'kopedu.exercises' has no attribute {name!r}")
