"""Offline progress: every check, hint, solution and reset appended to a JSON-lines file.

The file is ``.kopedu/progres.jsonl`` in the trainee's working folder (the folder of
the notebook; override with the environment variable ``KOPEDU_WORKDIR``). One line per
event::

    {"time": "2026-11-21T23:10:04Z", "lesson": "01", "exercise": "soal2",
     "event": "check", "attempt": 3, "outcome": "salah", "key": "soal2.denominator_total",
     "hint_level": null}

Lines are appended with a single ``write`` on a file opened in append mode, which
POSIX makes atomic for short lines, so two notebooks open at once cannot interleave or
truncate each other's records (a temp-file-and-rename would lose one of them). A
damaged line is skipped when reading, never fatal.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["EVENTS", "ProgressLog", "default_workdir", "summarise"]

log = logging.getLogger("kopedu")

EVENTS: tuple[str, ...] = ("check", "hint", "solution", "reset", "answer")
COLUMNS = ["time", "lesson", "exercise", "event", "attempt", "outcome", "key", "hint_level"]


def default_workdir() -> Path:
    """``KOPEDU_WORKDIR`` if set, else the current folder (the notebook's folder)."""
    env = os.environ.get("KOPEDU_WORKDIR", "").strip()
    return Path(env) if env else Path.cwd()


@dataclass(frozen=True, slots=True)
class ProgressLog:
    """The progress file of one working folder.

    Examples
    --------
    >>> import tempfile
    >>> log = ProgressLog.in_folder(tempfile.mkdtemp())
    >>> log.record("01", "soal1", "check", outcome="benar")["attempt"]
    1
    >>> log.read()[["exercise", "event", "outcome"]].values.tolist()
    [['soal1', 'check', 'benar']]
    """

    path: Path

    @classmethod
    def in_folder(cls, folder: str | Path | None = None) -> ProgressLog:
        """The log of ``folder`` (default :func:`default_workdir`)."""
        base = Path(folder) if folder is not None else default_workdir()
        return cls(base / ".kopedu" / "progres.jsonl")

    def events(self) -> list[dict[str, Any]]:
        """All readable events, oldest first."""
        if not self.path.exists():
            return []
        out = []
        with self.path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError:
                    log.warning("%s baris %d rusak dan dilewati.", self.path, n)
        return out

    def read(self) -> pd.DataFrame:
        """The events as a table with the columns in :data:`COLUMNS`."""
        return pd.DataFrame(self.events(), columns=COLUMNS)

    def record(
        self,
        lesson: str,
        exercise: str,
        event: str,
        *,
        outcome: str | None = None,
        key: str | None = None,
        hint_level: int | None = None,
    ) -> dict[str, Any]:
        """Append one event and return it. ``attempt`` counts this exercise's checks.

        Never raises for an unwritable folder (the trainee's work matters more than
        the log); it logs a warning instead.
        """
        if event not in EVENTS:
            raise ValueError(f"unknown event {event!r}")
        previous = [
            e
            for e in self.events()
            if e.get("lesson") == lesson
            and e.get("exercise") == exercise
            and e.get("event") == "check"
        ]
        rec = {
            "time": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "lesson": lesson,
            "exercise": exercise,
            "event": event,
            "attempt": len(previous) + (event == "check"),
            "outcome": outcome,
            "key": key,
            "hint_level": hint_level,
        }
        line = (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)
        except OSError as exc:
            log.warning("Catatan kemajuan tidak dapat ditulis ke %s: %s", self.path, exc)
        return rec


def summarise(
    events: Iterable[Mapping[str, Any]], lesson: str, exercises: Iterable[str]
) -> pd.DataFrame:
    """One row per exercise: last outcome, checks, highest hint level, solution seen.

    Examples
    --------
    >>> ev = [{"lesson": "01", "exercise": "soal1", "event": "hint", "hint_level": 2},
    ...       {"lesson": "01", "exercise": "soal1", "event": "check", "outcome": "benar"}]
    >>> s = summarise(ev, "01", ["soal1", "soal2"])
    >>> s.loc["soal1", "outcome"], int(s.loc["soal1", "hints"]), int(s.loc["soal2", "checks"])
    ('benar', 2, 0)
    """
    ids = list(exercises)
    rows: dict[str, dict[str, Any]] = {
        i: {"outcome": "belum_dikerjakan", "checks": 0, "hints": 0, "solution": False} for i in ids
    }
    for e in events:
        if e.get("lesson") != lesson or e.get("exercise") not in rows:
            continue
        row = rows[e["exercise"]]
        if e.get("event") == "check":
            row["checks"] += 1
            row["outcome"] = e.get("outcome") or row["outcome"]
        elif e.get("event") == "hint":
            row["hints"] = max(row["hints"], int(e.get("hint_level") or 0))
        elif e.get("event") == "solution":
            row["solution"] = True
    df = pd.DataFrame.from_dict(
        rows, orient="index", columns=["outcome", "checks", "hints", "solution"]
    )
    df.index.name = "exercise"
    return df
