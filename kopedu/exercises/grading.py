"""Grade a cohort's submitted exercise notebooks, headless, in parallel, no server.

``kopedu exercise grade KUMPULAN --output HASIL --timeout 10 --workers 4`` calls
:func:`grade_folder`. Each submission runs in **its own process** (a crash, a hang or
a kernel that dies cannot take the others down) and in its own temporary working
folder (the trainee's files are never touched):

1. the notebook is read; a file that is not valid notebook JSON is reported as
   ``bukan_notebook``, one without ``kopedu.lesson`` metadata as ``bukan_latihan``;
2. what the trainee's own session left in the saved outputs is collected: hint and
   solution events, and answers given through forms (see
   :mod:`kopedu.exercises.widgets`; widget state itself is not kept by papermill/nbclient,
   papermill #400). Form answers go into the run's answer store;
3. the notebook is executed with nbclient on a fresh kernel, with a per-cell timeout
   that *interrupts* the cell and carries on (``timeout``, cell number reported), and
   with errors allowed, so one broken cell costs only its own exercise;
4. an extra last cell **sends the answer values only** (plain data:
   :mod:`kopedu.exercises.wire`), and every exercise of the lesson is checked here, in
   the grader's own process, which never ran the trainee's code — so redefining
   kopedu's functions, patching the checks or writing a results file inside the
   notebook cannot change a grade. Which cell last assigned an answer, its code (for a
   typed number) and whether it stopped with an error are read from the executed
   notebook, also outside the kernel. A value that no cell visibly assigns and no form
   gave is not graded. Hints/solutions seen during the run are added to those of step 2;
5. a process that outlives its whole budget is killed and reported as ``timeout``.

The result is one :class:`SubmissionResult` per file and a cohort table trainee ×
exercise (:func:`cohort_table`), written as HTML and XLSX by :func:`write_cohort`.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import html
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kopedu.exercises.core import EVENT_MIME, get_lesson
from kopedu.exercises.messages import render

__all__ = [
    "ExerciseResult",
    "SubmissionResult",
    "cohort_table",
    "collect_saved_outputs",
    "emit_values",
    "find_submissions",
    "grade_folder",
    "grade_submission",
    "survey_folder",
    "write_cohort",
]

log = logging.getLogger("kopedu")

STATUSES = (
    "selesai",
    "timeout",
    "kernel_mati",
    "gagal_dijalankan",
    "bukan_notebook",
    "bukan_latihan",
)
_FINAL_CELL = (
    "import kopedu.exercises.grading as _kopedu_grading\n_kopedu_grading.emit_values({lesson!r})"
)


@dataclass(frozen=True, slots=True)
class ExerciseResult:
    """One trainee's result on one exercise."""

    exercise: str
    outcome: str
    key: str
    points: float
    max_points: float
    hints: int = 0
    solution: bool = False
    message: str = ""


@dataclass(frozen=True, slots=True)
class SubmissionResult:
    """The grading of one submitted notebook.

    Attributes
    ----------
    trainee : str
        From the file name (``budi.ipynb`` → ``budi``; ``budi/latihan01.ipynb`` →
        ``budi/latihan01``).
    status : str
        One of :data:`STATUSES`.
    detail : str
        What happened, in Indonesian (which cell timed out, the kernel error …).
    seconds : float
        Wall-clock time to grade it.
    """

    trainee: str
    path: str
    lesson: str
    status: str
    detail: str
    seconds: float
    results: tuple[ExerciseResult, ...] = field(default_factory=tuple)

    @property
    def score(self) -> float:
        """Points earned."""
        return sum(r.points for r in self.results)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (used between the worker process and the parent)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SubmissionResult:
        """Inverse of :meth:`to_json`."""
        results = tuple(ExerciseResult(**r) for r in data.pop("results", ()))
        return cls(**data, results=results)


def emit_values(lesson_id: str) -> None:
    """Show the answer values of one lesson's exercises as plain data (the last cell).

    Runs in the submission's kernel. It sends values only — the grader decodes them
    without running code and checks them in its own process — so anything the trainee's
    code redefines here can at most change what is sent, never the check.
    """
    from IPython import get_ipython
    from IPython.display import display

    from kopedu.exercises.core import get_lesson
    from kopedu.exercises.wire import MIME, encode

    shell = get_ipython()
    ns = shell.user_ns if shell is not None else {}
    missing = object()
    values: dict[str, Any] = {}
    for ex in get_lesson(lesson_id).exercises:
        for var in ex.variables:
            value = ns.get(var, missing)
            values[var] = None if value is missing else encode(value)
    display({MIME: values}, raw=True)


def collect_saved_outputs(nb: Any) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Events (hints, solutions, checks) and form answers stored in a notebook's outputs.

    Returns
    -------
    events : list of dict
        Payloads of ``application/vnd.kopedu.event+json`` outputs.
    answers : dict
        ``{lesson: {exercise: values}}`` from ``application/vnd.kopedu.answer+json``
        outputs (the last saved answer per exercise).
    """
    from kopedu.exercises.widgets import ANSWER_MIME

    events: list[dict[str, Any]] = []
    answers: dict[str, dict[str, Any]] = {}
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {}) if isinstance(out, dict) else {}
            if isinstance(data.get(EVENT_MIME), dict):
                events.append(dict(data[EVENT_MIME]))
            ans = data.get(ANSWER_MIME)
            if isinstance(ans, dict) and isinstance(ans.get("values"), dict):
                answers.setdefault(str(ans.get("lesson")), {})[str(ans.get("exercise"))] = ans[
                    "values"
                ]
    return events, answers


def _trainee_name(path: Path, root: Path | None) -> str:
    try:
        rel = path.relative_to(root) if root else Path(path.name)
    except ValueError:
        rel = Path(path.name)
    return rel.with_suffix("").as_posix()


def _timeout_error(timeout: int) -> dict[str, Any]:
    text = f"Sel ini melewati batas waktu {timeout} detik dan dihentikan oleh penilai."
    return {"ename": "CellTimeoutError", "evalue": text, "traceback": [text]}


_LIBRARY_CALL = re.compile(r"^\s*latihan\.[\w.]+\([^()]*\)\s*$")


def _library_cell_ids(nb: Any) -> set[str]:
    """Ids of the code cells that run kopedu's code rather than the trainee's.

    These are the cells before the first answer cell (``import kopedu``, loading the
    data) and one-line calls on the session (``latihan.soal1.check()``,
    ``latihan.form("soal4")``, ``latihan.progress()``).
    """
    ids, before_answers = set(), True
    for cell in nb.cells:
        if cell.get("metadata", {}).get("kopedu", {}).get("role") == "answer":
            before_answers = False
            continue
        if cell.get("cell_type") != "code" or not cell.get("id"):
            continue
        if before_answers or _LIBRARY_CALL.match(cell.get("source", "")):
            ids.add(cell["id"])
    return ids


def _sent_values(cell: Any, cell_id: str) -> dict[str, Any] | None:
    """The values the last cell sent (``None`` when it sent nothing readable)."""
    from kopedu.exercises.wire import MIME

    if cell.get("id") != cell_id:
        return None
    for out in cell.get("outputs", []):
        data = out.get("data", {}) if isinstance(out, dict) else {}
        if isinstance(data.get(MIME), dict):
            return dict(data[MIME])
    return None


@dataclass(frozen=True, slots=True)
class _Answered:
    """The cell that last assigned an exercise's answer, as executed."""

    source: str
    count: int | None
    error: str | None


def _answer_cells(cells: Sequence[Any], lesson: Any) -> dict[str, _Answered]:
    """Per exercise, the last executed cell that assigns its variables (read from outputs)."""
    from kopedu.exercises.session import assigns

    found: dict[str, _Answered] = {}
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        error = f"{errors[-1].get('ename', '')}: {errors[-1].get('evalue', '')}" if errors else None
        for ex in lesson.exercises:
            if assigns(source, ex.variables) and ".reset(" not in source:
                found[ex.id] = _Answered(source, cell.get("execution_count"), error)
    return found


def _check(
    ex: Any,
    lesson: Any,
    values: dict[str, Any] | None,
    answered: _Answered | None,
    via_form: bool,
) -> dict[str, Any]:
    """Check one exercise here, from the sent values (never inside the kernel)."""
    from kopedu.exercises.core import CellError, evaluate
    from kopedu.exercises.wire import decode

    def result(outcome: str, key: str) -> dict[str, Any]:
        return {
            "outcome": outcome,
            "key": key,
            "points": 0.0,
            "max_points": ex.points,
            "message": render(key),
        }

    if values is None:
        return result("tidak_dapat_diperiksa", "grade.not_run")
    ns = {v: decode(values[v]) for v in ex.variables if values.get(v) is not None}
    from_code = answered is not None and answered.source.strip() != ex.starter.strip()
    form = via_form and not from_code
    # The last visible assignment is the untouched starter (or none), no form gave the
    # answer, yet a value arrived: it came from behind the cells (globals()[…] = …, a
    # patched grader). Not an answer.
    unassigned = [v for v in ns if ns[v] is not Ellipsis and not from_code and not form]
    if unassigned:
        return result("tidak_dapat_diperiksa", "grade.unassigned")
    error = None
    if answered is not None and answered.error and not form:
        error = CellError(answered.error.rstrip(": "), answered.count, None)
    out = evaluate(
        ex,
        ns,
        lesson=lesson,
        cell_error=error,
        source=answered.source if answered is not None and not form else None,
        via_form=form,
    )
    return {
        "outcome": out.status.value,
        "key": out.key,
        "points": out.points,
        "max_points": out.max_points,
        "message": out.message,
    }


def grade_submission(
    path: str | Path,
    *,
    timeout: int = 10,
    root: str | Path | None = None,
    kernel_name: str = "python3",
    setup_timeout: int = 60,
) -> SubmissionResult:
    """Execute one submission headlessly and collect its outcomes (in this process).

    ``timeout`` applies to every cell the trainee may have written; cells that only run
    kopedu's own code (see :func:`_library_cell_ids`) get ``setup_timeout``, so a slow
    or busy machine does not fail a submission on the lesson's imports or checks.

    :func:`grade_folder` runs this in a separate process per submission; call it
    directly only for one file you trust not to hang the interpreter.
    """
    start = time.perf_counter()  # includes importing nbclient, as a worker pays it
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    from kopedu.exercises.progress import ProgressLog
    from kopedu.exercises.widgets import save_answers

    path = Path(path)
    name = _trainee_name(path, Path(root) if root else None)

    def done(
        status: str, detail: str, lesson: str = "", results: Iterable = ()
    ) -> SubmissionResult:
        return SubmissionResult(
            name,
            str(path),
            lesson,
            status,
            detail,
            round(time.perf_counter() - start, 2),
            tuple(results),
        )

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # not JSON, not a notebook, unreadable
        return done("bukan_notebook", render("grade.not_notebook"))
    lid = str(nb.metadata.get("kopedu", {}).get("lesson", ""))
    try:
        lesson = get_lesson(lid)
    except Exception:
        return done("bukan_latihan", render("grade.not_exercise"))
    saved_events, saved_answers = collect_saved_outputs(nb)

    with tempfile.TemporaryDirectory(prefix="kopedu-nilai-") as tmp:
        for ex_id, values in saved_answers.get(lesson.id, {}).items():
            save_answers(tmp, lesson.id, ex_id, values)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        # Short tracebacks: IPython's rich ones take seconds for a pandas error, time that
        # would count against the trainee's cell limit. Messages use only type and text.
        first = nbformat.v4.new_code_cell('get_ipython().run_line_magic("xmode", "Minimal")')
        final = nbformat.v4.new_code_cell(_FINAL_CELL.format(lesson=lesson.id))
        library_ids = _library_cell_ids(nb) | {first.id, final.id}
        nb.cells = [first, *nb.cells, final]
        timed_out: list[int] = []

        def cell_timeout(cell: Any) -> int:
            return max(timeout, setup_timeout) if cell.get("id") in library_ids else timeout

        def on_executed(cell: Any, cell_index: int, execute_reply: dict) -> None:
            if execute_reply.get("content", {}).get("ename") == "CellTimeoutError":
                timed_out.append(cell_index)  # 1-based in the submission (first is ours)

        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name=kernel_name,
            allow_errors=True,
            interrupt_on_timeout=True,
            error_on_timeout=_timeout_error(timeout),
            resources={"metadata": {"path": tmp}},
            startup_timeout=60,
            on_cell_executed=on_executed,
        )
        status, detail = "selesai", ""
        try:
            # The kernel writes progress and results in the run's own folder.
            client.execute(env={**os.environ, "KOPEDU_WORKDIR": tmp})
        except DeadKernelError:
            status, detail = "kernel_mati", render("grade.dead_kernel")
        except Exception as exc:
            log.debug("grading %s failed: %r", path, exc)
            status, detail = "gagal_dijalankan", render("grade.failed")
        if timed_out and status == "selesai":
            status = "timeout"
            detail = render(
                "grade.cell_timeout", cells=", ".join(map(str, timed_out)), timeout=timeout
            )
        run_events = ProgressLog.in_folder(tmp).events()
    values = _sent_values(nb.cells[-1], final.id)
    if values is None and status == "selesai":
        status, detail = "gagal_dijalankan", render("grade.no_values")
    events = [e for e in [*saved_events, *run_events] if e.get("lesson") == lesson.id]
    answered = _answer_cells(nb.cells[1:-1], lesson)
    form_answers = saved_answers.get(lesson.id, {})
    results = []
    for ex in lesson.exercises:
        outcome = _check(ex, lesson, values, answered.get(ex.id), ex.id in form_answers)
        mine = [e for e in events if e.get("exercise") == ex.id]
        hints = max(
            [int(e.get("hint_level") or 0) for e in mine if e.get("event") == "hint"], default=0
        )
        solution = any(e.get("event") == "solution" for e in mine)
        results.append(
            ExerciseResult(
                ex.id,
                outcome["outcome"],
                outcome["key"],
                float(outcome["points"]),
                float(outcome["max_points"]),
                hints,
                solution,
                str(outcome.get("message", "")),
            )
        )
    return done(status, detail, lesson.id, results)


def find_submissions(folder: str | Path) -> list[Path]:
    """Every ``*.ipynb`` under ``folder`` (checkpoints and hidden folders skipped)."""
    return survey_folder(folder)[0]


def _skip_reason(rel: Path) -> str:
    hidden = next((part for part in rel.parts if part.startswith(".")), None)
    if hidden == ".ipynb_checkpoints":
        return "salinan otomatis JupyterLab (.ipynb_checkpoints), bukan kiriman peserta"
    if hidden is not None:
        return f"berkas atau folder tersembunyi ({hidden}), dilewati"
    name = rel.name
    lower = name.lower()
    if ".ipynb." in lower:
        base = name[: lower.index(".ipynb.") + len(".ipynb")]
        return (
            f"namanya tidak berakhiran .ipynb; bila isinya notebook, ganti namanya menjadi "
            f"{base} lalu nilai lagi"
        )
    suffix = rel.suffix.lower() or "tanpa akhiran"
    return f"bukan notebook ({suffix}); minta peserta mengirim berkas .ipynb"


def survey_folder(folder: str | Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The notebooks to grade in ``folder``, and every other file with why it is not graded.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("ani.ipynb", "rudi.ipynb.txt", "tugas.pdf"):
    ...     _ = (d / name).write_text("{}")
    >>> graded, skipped = survey_folder(d)
    >>> [p.name for p in graded]
    ['ani.ipynb']
    >>> for p, why in skipped: print(p.name, "|", why.split(";")[0])
    rudi.ipynb.txt | namanya tidak berakhiran .ipynb
    tugas.pdf | bukan notebook (.pdf)
    """
    folder = Path(folder)
    graded: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for p in sorted(folder.rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(folder)
        hidden = any(part.startswith(".") for part in rel.parts)
        if p.suffix == ".ipynb" and not hidden:
            graded.append(p)
        else:
            skipped.append((p, _skip_reason(rel)))
    return graded, skipped


def _run_worker(path: Path, root: Path, timeout: int, budget: float) -> SubmissionResult:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kopedu-pekerja-") as tmp:
        out = Path(tmp) / "hasil.json"
        cmd = [
            sys.executable,
            "-m",
            "kopedu.exercises.grading",
            str(path),
            "--root",
            str(root),
            "--timeout",
            str(timeout),
            "--result",
            str(out),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=budget, check=False)
        except subprocess.TimeoutExpired:
            secs = round(time.perf_counter() - start, 2)
            return SubmissionResult(
                _trainee_name(path, root),
                str(path),
                "",
                "timeout",
                render("grade.killed", seconds=int(budget)),
                secs,
            )
        if out.exists():
            return SubmissionResult.from_json(json.loads(out.read_text("utf-8")))
        secs = round(time.perf_counter() - start, 2)
        lines = [ln for ln in (proc.stderr or "").splitlines() if ln.strip()]
        errors = [ln for ln in lines if "Error" in ln or "error" in ln]
        tail = (errors or lines)[-1:] or [""]
        return SubmissionResult(
            _trainee_name(path, root),
            str(path),
            "",
            "gagal_dijalankan",
            render("grade.failed", error=tail[0][:200]),
            secs,
        )


def grade_folder(
    folder: str | Path,
    *,
    timeout: int = 10,
    workers: int = 2,
    progress: bool = True,
    budget: float | None = None,
) -> list[SubmissionResult]:
    """Grade every notebook in ``folder``, ``workers`` at a time, with a progress bar.

    Parameters
    ----------
    folder : str or Path
        Submitted notebooks (subfolders allowed: one per trainee).
    timeout : int
        Seconds per cell; a longer cell is interrupted and reported.
    workers : int
        Submissions graded at the same time (one kernel each).
    progress : bool
        Show a tqdm progress bar on stderr.
    budget : float, optional
        Hard limit per submission in seconds (default: ``timeout`` × number of code
        cells + 60); past it the worker process is killed.

    Returns
    -------
    list of SubmissionResult
        In file order.
    """
    import nbformat
    from tqdm.auto import tqdm

    folder = Path(folder)
    paths = find_submissions(folder)

    def limit(p: Path) -> float:
        if budget is not None:
            return budget
        try:
            n = sum(c.cell_type == "code" for c in nbformat.read(p, as_version=4).cells)
        except Exception:
            n = 0
        return timeout * (n + 2) + 60

    results: dict[Path, SubmissionResult] = {}
    with cf.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(_run_worker, p, folder, timeout, limit(p)): p for p in paths}
        bar = tqdm(
            total=len(paths), desc=render("grade.progress"), unit="notebook", disable=not progress
        )
        for fut in cf.as_completed(futures):
            results[futures[fut]] = fut.result()
            bar.update(1)
        bar.close()
    return [results[p] for p in paths]


def cohort_table(results: Sequence[SubmissionResult]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cohort tables: a summary (trainee × exercise) and the details (long).

    Summary cells read ``benar``, ``salah · petunjuk 2``, ``benar · solusi`` …; columns
    ``status``, ``skor``, ``skor_maks``, ``petunjuk``, ``solusi_dilihat``, ``detik``,
    ``keterangan`` follow. Details: one row per trainee × exercise with ``hasil``,
    ``kunci_pesan``, ``poin``, ``petunjuk``, ``solusi_dilihat`` and ``pesan`` (the
    message the trainee saw).
    """
    rows, details = [], []
    for sub in results:
        row: dict[str, Any] = {"peserta": sub.trainee, "status": sub.status}
        for r in sub.results:
            text = r.outcome
            if r.hints:
                text += f" · petunjuk {r.hints}"
            if r.solution:
                text += " · solusi"
            row[r.exercise] = text
            details.append(
                {
                    "peserta": sub.trainee,
                    "soal": r.exercise,
                    "hasil": r.outcome,
                    "kunci_pesan": r.key,
                    "poin": r.points,
                    "poin_maks": r.max_points,
                    "petunjuk": r.hints,
                    "solusi_dilihat": r.solution,
                    "pesan": r.message,
                }
            )
        row.update(
            {
                "skor": sub.score,
                "skor_maks": sum(r.max_points for r in sub.results),
                "petunjuk": sum(r.hints for r in sub.results),
                "solusi_dilihat": sum(r.solution for r in sub.results),
                "detik": sub.seconds,
                "keterangan": sub.detail,
            }
        )
        rows.append(row)
    summary = pd.DataFrame(rows)
    if not summary.empty:
        tail = ["skor", "skor_maks", "petunjuk", "solusi_dilihat", "detik", "keterangan"]
        middle = [c for c in summary.columns if c not in {"peserta", "status", *tail}]
        summary = summary[["peserta", "status", *middle, *tail]].fillna("")
    cols = [
        "peserta",
        "soal",
        "hasil",
        "kunci_pesan",
        "poin",
        "poin_maks",
        "petunjuk",
        "solusi_dilihat",
        "pesan",
    ]
    return summary, pd.DataFrame(details, columns=cols)


#: Column labels a trainer reads in the cohort's HTML and XLSX (the tables keep short keys).
LABELS = {
    "kunci_pesan": "kunci pesan",
    "poin_maks": "poin maksimum",
    "skor_maks": "skor maksimum",
    "solusi_dilihat": "solusi dilihat",
}


def write_cohort(
    results: Sequence[SubmissionResult],
    output: str | Path,
    name: str = "angkatan",
    skipped: Sequence[tuple[Path, str]] = (),
) -> tuple[Path, Path]:
    """Write ``<output>/<name>.html`` and ``<name>.xlsx`` together; return both paths.

    Both go through kopedu's one writer (replaced together or not at all, the user's
    normal file permissions) and the XLSX through its one formula-safe workbook writer,
    so a trainee named ``=HYPERLINK(…)`` stays text. ``skipped`` (files in the folder that
    were not graded, with why) is listed on both.
    """
    from kopedu.display import table
    from kopedu.io.write import write_files
    from kopedu.io.xlsx import Table, workbook_writer

    output = Path(output)
    summary, details = cohort_table(results)
    summary, details = summary.rename(columns=LABELS), details.rename(columns=LABELS)
    skipped_frame = pd.DataFrame(
        [(str(p), why) for p, why in skipped], columns=["berkas", "alasan"]
    )
    html_path, xlsx_path = output / f"{name}.html", output / f"{name}.xlsx"
    title = render("grade.title", n=len(results))
    skipped_title = render("grade.skipped_title")
    parts = [
        "<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif}}</style>",
        f"</head><body><h1>{html.escape(title)}</h1>",
        table(summary, kinds={"detik": "decimal"}).to_html(),
        f"<h2>{html.escape(render('grade.details'))}</h2>",
        table(details).to_html(),
    ]
    if len(skipped_frame):
        parts += [f"<h2>{html.escape(skipped_title)}</h2>", table(skipped_frame).to_html()]
    parts.append("</body></html>")
    sheets = [Table("ringkasan", summary), Table("rincian", details)]
    if len(skipped_frame):
        sheets.append(Table("tidak dinilai", skipped_frame, title=skipped_title))
    write_files(
        {
            html_path: "".join(parts),
            xlsx_path: workbook_writer(sheets, title=title),
        }
    )
    return html_path, xlsx_path


def _main(argv: Sequence[str] | None = None) -> int:
    """Worker entry point: grade one file, write the result as JSON."""
    from kopedu._startup import fast_start

    fast_start()  # the worker is a kopedu batch process: skip slow optional imports
    p = argparse.ArgumentParser(prog="python -m kopedu.exercises.grading")
    p.add_argument("path")
    p.add_argument("--root", default=None)
    p.add_argument("--timeout", type=int, default=10)
    p.add_argument("--result", required=True)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    res = grade_submission(args.path, timeout=args.timeout, root=args.root)
    from kopedu.exercises.widgets import write_json

    write_json(Path(args.result), res.to_json())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
