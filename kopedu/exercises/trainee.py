"""Trainee copies from one source notebook, and resetting one exercise in a file.

A source notebook (``exercises/sumber/NN_slug.ipynb``) holds the exercises *with* their
solutions. Its notebook metadata says which lesson it belongs to
(``{"kopedu": {"lesson": "NN"}}``) and two first-line markers drive the generator:

* ``# SOLUSI soalN`` — an answer cell: in the trainee copy its code becomes the
  exercise's starter (from the library, so ``reset`` can restore it) and the cell gets
  ``metadata.kopedu = {"exercise": "soalN", "role": "answer"}``;
* ``# HANYA-SUMBER`` — a cell for the source only (e.g. asserting that the solution
  passes); it is left out of the trainee copy.

Every copy is cleared of outputs and execution counts; cell ids are kept, so a
generated copy is byte-for-byte reproducible (``tests/test_exercises_notebooks.py``
fails when a committed copy is stale). Nothing a trainee wrote is overwritten without
a backup in ``.kopedu/cadangan/`` next to it.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

from kopedu.errors import KopeduError
from kopedu.exercises.core import Lesson, get_lesson
from kopedu.exercises.messages import render
from kopedu.nbtools import strip_notebook, write_notebook

__all__ = [
    "SOLUTION_MARK",
    "SOURCE_ONLY_MARK",
    "Generated",
    "answer_cells",
    "backup_file",
    "default_target",
    "generate",
    "make_trainee_copy",
    "read_notebook",
    "reset_in_notebook",
    "source_notebooks",
    "stale_copies",
    "trainee_additions",
]

SOLUTION_MARK = re.compile(r"^\s*#\s*SOLUSI\s+(\w+)\s*$")
SOURCE_ONLY_MARK = "# HANYA-SUMBER"
EXERCISES_DIR = Path(__file__).resolve().parents[2] / "exercises"


def _first_line(cell: nbformat.NotebookNode) -> str:
    return cell.source.lstrip("\n").split("\n", 1)[0]


def lesson_of(nb: nbformat.NotebookNode, name: str = "notebook") -> Lesson:
    """The lesson named in ``nb.metadata.kopedu.lesson``."""
    lid = nb.metadata.get("kopedu", {}).get("lesson")
    if not lid:
        raise KopeduError(render("nb.no_lesson", name=name))
    return get_lesson(str(lid))


def make_trainee_copy(
    source: nbformat.NotebookNode, *, source_name: str = ""
) -> nbformat.NotebookNode:
    r"""The trainee copy of a source notebook (the input is not changed).

    Parameters
    ----------
    source : NotebookNode
        The source notebook with solutions.
    source_name : str
        Path of the source relative to the copy, stored in the copy's metadata.

    Raises
    ------
    KopeduError
        If the lesson is unknown, an answer cell names an unknown exercise, or an
        exercise has no answer cell.

    Examples
    --------
    >>> lesson = get_lesson("01")
    >>> src = nbformat.v4.new_notebook(metadata={"kopedu": {"lesson": "01"}})
    >>> src.cells = [
    ...     nbformat.v4.new_code_cell(f"# SOLUSI {e.id}\n{e.solution}") for e in lesson.exercises
    ... ]
    >>> copy_ = make_trainee_copy(src)
    >>> copy_.cells[0].source.endswith("total_kutim = ..."), copy_.cells[0].metadata["kopedu"]
    (True, {'exercise': 'soal1', 'role': 'answer'})
    """
    lesson = lesson_of(source, source_name or "notebook")
    nb = copy.deepcopy(source)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            first = _first_line(cell)
            if first.strip() == SOURCE_ONLY_MARK:
                continue
            if m := SOLUTION_MARK.match(first):
                ex = lesson.exercise(m.group(1))
                cell.source = ex.starter.rstrip("\n")
                cell.metadata["kopedu"] = {"exercise": ex.id, "role": "answer"}
        cells.append(cell)
    nb.cells = cells
    strip_notebook(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.metadata.pop("keep_output", None)
    nb.metadata["kopedu"] = {"lesson": lesson.id, "role": "trainee", "source": source_name}
    done = {c.metadata["kopedu"]["exercise"] for c in answer_cells(nb)}
    missing = [e.id for e in lesson.exercises if e.id not in done]
    if missing:
        raise KopeduError(
            render("nb.no_solution", name=source_name or "notebook", ids=", ".join(missing))
        )
    return nb


def answer_cells(nb: nbformat.NotebookNode, exercise_id: str | None = None) -> list:
    """The answer cells of a trainee copy (optionally of one exercise)."""
    return [
        c
        for c in nb.cells
        if c.cell_type == "code"
        and c.metadata.get("kopedu", {}).get("role") == "answer"
        and (exercise_id is None or c.metadata["kopedu"].get("exercise") == exercise_id)
    ]


def default_target(source: str | Path) -> Path:
    """Where the trainee copy of ``source`` goes.

    A source in a ``sumber/`` folder gets its copy one folder up, under the same name;
    any other source gets ``<name>_peserta.ipynb`` next to it.

    Examples
    --------
    >>> default_target("exercises/sumber/01_x.ipynb").as_posix()
    'exercises/01_x.ipynb'
    >>> default_target("draf/01_x.ipynb").as_posix()
    'draf/01_x_peserta.ipynb'
    """
    source = Path(source)
    if source.parent.name == "sumber":
        return source.parent.parent / source.name
    return source.with_stem(source.stem + "_peserta")


def source_notebooks(folder: str | Path | None = None) -> list[Path]:
    """Every source notebook in ``exercises/sumber/`` (or ``folder``), sorted."""
    base = Path(folder) if folder is not None else EXERCISES_DIR / "sumber"
    return sorted(base.glob("*.ipynb"))


def backup_file(path: Path) -> Path:
    """Copy ``path`` to ``.kopedu/cadangan/<stem>-<time><suffix>`` next to it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = path.parent / ".kopedu" / "cadangan" / f"{path.stem}-{stamp}{path.suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, target)
    return target


def read_notebook(path: str | Path) -> nbformat.NotebookNode:
    """Read a notebook file, or refuse it with one Indonesian sentence.

    Raises
    ------
    KopeduError
        The file is missing, a folder, unreadable, or not notebook JSON.
    """
    path = Path(path)
    if path.is_dir():
        raise KopeduError(render("nb.is_folder", path=path))
    try:
        return nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise KopeduError(render("nb.missing", path=path)) from None
    except PermissionError:
        raise KopeduError(render("nb.unreadable", path=path)) from None
    except UnicodeDecodeError:
        raise KopeduError(render("nb.not_text", path=path)) from None
    except Exception:  # NotJSONError, ValidationError, … from nbformat: not for the reader
        raise KopeduError(render("nb.invalid", path=path)) from None


def trainee_additions(path: Path, fresh: nbformat.NotebookNode) -> list[str]:
    """What the notebook at ``path`` holds that the freshly generated copy lacks.

    Outputs or execution counts (work done), cells the trainee added (notes, own code),
    cells whose text differs from the fresh copy (an edited answer, an edited
    explanation). Empty when the file is exactly a generated copy.
    """
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return [render("copy.unreadable")]
    found: list[str] = []
    fresh_cells = {c.get("id"): c for c in fresh.cells}
    ran = sum(
        1
        for c in nb.cells
        if c.cell_type == "code" and (c.outputs or c.execution_count is not None)
    )
    if ran:
        found.append(render("copy.ran", n=ran))
    own = [c for c in nb.cells if c.get("id") not in fresh_cells]
    notes = sum(c.cell_type == "markdown" for c in own)
    if notes:
        found.append(render("copy.notes", n=notes))
    if len(own) - notes:
        found.append(render("copy.own_code", n=len(own) - notes))
    edited = [
        c
        for c in nb.cells
        if c.get("id") in fresh_cells
        and c.source.strip() != fresh_cells[c.get("id")].source.strip()
    ]
    answers = sum(c.metadata.get("kopedu", {}).get("role") == "answer" for c in edited)
    if answers:
        found.append(render("copy.answers", n=answers))
    if len(edited) - answers:
        found.append(render("copy.edited", n=len(edited) - answers))
    return found


@dataclass(frozen=True, slots=True)
class Generated:
    """What :func:`generate` did.

    Attributes
    ----------
    target : Path
        The trainee copy.
    written : bool
        False when the copy was already exactly what the source gives.
    backup : Path or None
        Where the earlier file was copied first, when it held the trainee's work.
    kept : tuple of str
        What that earlier file held that the new copy does not (for the message).
    """

    target: Path
    written: bool
    backup: Path | None = None
    kept: tuple[str, ...] = ()

    def message(self) -> str:
        """One line for the person who ran ``kopedu exercise generate``, in their language.

        Examples
        --------
        >>> Generated(Path("latihan/01.ipynb"), written=True).message()
        'latihan/01.ipynb: dibuat dari sumbernya.'
        """
        if not self.written:
            return render("copy.unchanged", target=self.target)
        if self.backup is None:
            return render("copy.created", target=self.target)
        kept = ", ".join(self.kept)
        return render("copy.replaced", target=self.target, kept=kept, backup=self.backup)


def generate(source: str | Path, target: str | Path | None = None) -> Generated:
    """Write the trainee copy of ``source`` (atomically) and say what happened.

    If ``target`` exists and holds anything the new copy lacks (outputs, the trainee's
    notes or own cells, edited cells, a filled-in answer), it is first copied whole to
    ``.kopedu/cadangan/`` next to it, and the result names the backup. The file keeps its
    permissions.
    """
    source = Path(source)
    target = Path(target) if target is not None else default_target(source)
    nb = read_notebook(source)
    rel = Path(_relpath(source, target.parent)).as_posix()
    out = make_trainee_copy(nb, source_name=rel)
    text = nbformat.writes(out) + "\n"
    backup: Path | None = None
    kept: tuple[str, ...] = ()
    if target.exists() and not target.is_dir():
        try:
            if target.read_text(encoding="utf-8") == text:
                return Generated(target, written=False)
        except (OSError, UnicodeDecodeError):
            pass
        kept = tuple(trainee_additions(target, out))
        if kept:
            try:
                backup = backup_file(target)
            except OSError as exc:
                raise KopeduError(
                    render("nb.no_backup_copy", path=target, code=exc.errno or "?")
                ) from None
    write_notebook(out, target)
    return Generated(target, written=True, backup=backup, kept=kept)


def _relpath(path: Path, start: Path) -> str:
    import os

    return os.path.relpath(path.resolve(), start.resolve())


def stale_copies(folder: str | Path | None = None) -> list[str]:
    """Problems with committed trainee copies: missing, or not what ``generate`` writes.

    Examples
    --------
    >>> stale_copies()
    []
    """
    problems = []
    for src in source_notebooks(folder):
        target = default_target(src)
        if not target.exists():
            problems.append(render("copy.missing", name=target.name))
            continue
        nb = make_trainee_copy(
            nbformat.read(src, as_version=4),
            source_name=Path(_relpath(src, target.parent)).as_posix(),
        )
        # The copy names the Python it was made with (so JupyterLab opens it clean); a
        # maintainer's other Python version does not make it stale.
        stored = nbformat.read(target, as_version=4).metadata.get("language_info", {})
        if "version" in stored:
            nb.metadata["language_info"]["version"] = stored["version"]
        if target.read_text(encoding="utf-8") != nbformat.writes(nb) + "\n":
            problems.append(render("copy.stale", name=target.name))
    return problems


def reset_in_notebook(path: str | Path, exercise_id: str) -> Path:
    """Put one exercise's answer cell(s) in a notebook file back to the starter.

    The whole notebook is first copied to ``.kopedu/cadangan/``; then only the answer
    cells of ``exercise_id`` change (starter code, no output). Returns the backup path.
    Close the notebook in JupyterLab first (or reload it afterwards: File → Reload
    Notebook from Disk).

    Raises
    ------
    KopeduError
        If the file is not a kopedu exercise notebook or has no answer cell for that
        exercise (e.g. the trainee deleted it; then copy it from a fresh trainee copy).
    """
    path = Path(path)
    nb = read_notebook(path)
    lesson = lesson_of(nb, path.name)
    ex = lesson.exercise(exercise_id)
    cells = answer_cells(nb, ex.id)
    if not cells:
        raise KopeduError(render("nb.no_answer_cell", name=path.name, id=ex.id))
    try:
        backup = backup_file(path)
    except OSError as exc:
        raise KopeduError(
            render(
                "nb.no_backup_reset",
                path=path,
                folder=path.parent / ".kopedu",
                code=exc.errno or "?",
            )
        ) from None
    for cell in cells:
        cell.source = ex.starter.rstrip("\n")
        cell.outputs = []
        cell.execution_count = None
    write_notebook(nb, path)
    return backup
