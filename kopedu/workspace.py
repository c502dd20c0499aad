"""A trainee's workspace: the lessons and the exercises, copied into one folder.

``kopedu mulai [FOLDER]`` calls :func:`prepare_workspace`, then starts JupyterLab in that
folder, so a trainee sees both ``pelajaran/`` (the lessons) and ``latihan/`` (the exercise
copies to work in) side by side, and everything they make stays in their own folder.

Nothing in the folder is ever overwritten: a notebook that is already there (a trainee's
work from yesterday) is left as it is and named in the result. Each copied notebook gets
this computer's Python in its metadata, so JupyterLab opens it without marking it
modified (see :func:`kopedu.nbtools.normalise_metadata`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from kopedu.errors import KopeduError
from kopedu.texts import say

__all__ = ["EXERCISES_DIR", "LESSONS_DIR", "Workspace", "bundled", "prepare_workspace"]

#: Folder names inside a workspace (what a trainee sees in JupyterLab's file browser).
LESSONS_DIR = "pelajaran"
EXERCISES_DIR = "latihan"
_PKG = Path(__file__).resolve().parent


def bundled(kind: str) -> list[Path]:
    """The lesson (``"lessons"``) or trainee exercise (``"exercises"``) notebooks kopedu has.

    In a checkout they are the repository's ``notebooks/`` and ``exercises/``; a wheel
    carries them as ``kopedu/_lessons`` and ``kopedu/_exercises``. Exercise *sources*
    (with solutions) are never part of a workspace.

    Examples
    --------
    >>> [p.name for p in bundled("lessons")][:1]
    ['01_koperasi_dalam_angka.ipynb']
    """
    places = {
        "lessons": (_PKG / "_lessons", _PKG.parent / "notebooks"),
        "exercises": (_PKG / "_exercises", _PKG.parent / "exercises"),
    }[kind]
    base = next((p for p in places if p.is_dir()), places[0])
    return sorted(p for p in base.glob("[0-9][0-9]_*.ipynb"))


@dataclass(frozen=True)
class Workspace:
    """What :func:`prepare_workspace` did."""

    folder: Path
    copied: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def prepare_workspace(folder: str | Path) -> Workspace:
    """Copy the lessons and the exercises into ``folder`` without overwriting anything.

    Parameters
    ----------
    folder : str or Path
        The trainee's work folder (created when missing).

    Returns
    -------
    Workspace
        Which notebooks were copied and which were already there (left untouched).

    Raises
    ------
    KopeduError
        If the folder is a file, cannot be created, or kopedu's notebooks are missing.

    Examples
    --------
    >>> import tempfile
    >>> ws = prepare_workspace(Path(tempfile.mkdtemp()) / "kerja")
    >>> sorted({p.parent.name for p in ws.copied}), ws.kept
    (['latihan', 'pelajaran'], [])
    """
    from kopedu.io.write import write_text
    from kopedu.nbtools import kernel_language_info, normalise_metadata

    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise KopeduError(say("cli", "mu.not_folder", folder=folder))
    folder = folder.resolve()  # the paths in the result are all absolute, like its folder
    plan = [(p, folder / LESSONS_DIR / p.name) for p in bundled("lessons")]
    plan += [(p, folder / EXERCISES_DIR / p.name) for p in bundled("exercises")]
    if not plan:
        raise KopeduError(say("cli", "mu.no_lessons"))
    info = kernel_language_info()
    copied, kept = [], []
    for source, target in plan:
        if target.exists():
            kept.append(target)
            continue
        nb = normalise_metadata(nbformat.read(source, as_version=4), info)
        write_text(target, nbformat.writes(nb) + "\n")
        copied.append(target)
    return Workspace(folder, copied, kept)
