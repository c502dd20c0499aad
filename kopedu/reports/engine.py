"""kopedu's papermill engine: run a report's cells in a fresh IPython shell in this process.

A Jupyter kernel costs a process start and a second import of pandas, matplotlib and
kopedu — about half of a report's time on a 2-core machine. For kopedu's own report
template that isolation buys nothing *inside a process kopedu owns*: the ``kopedu``
command and the batch's worker processes. :class:`KopeduEngine` is a papermill
:class:`~papermill.engines.Engine`, registered under the name ``kopedu`` (entry point
``papermill.engine``), so ``papermill.execute_notebook(..., engine_name="kopedu")`` is
the one orchestration path and papermill's metadata, error-marker cell and
:class:`~papermill.exceptions.PapermillExecutionError` come with it.

It runs only where :func:`owns_process` is true — the ``kopedu`` program itself (its
console script marks the process, :func:`kopedu._startup.mark_program`) or a process that
called :func:`claim_process` (kopedu's worker processes), on its main thread.
``kopedu.cli.main`` called from a notebook or a test does not make that process kopedu's.
Anywhere else (a trainee's or trainer's Jupyter kernel, a script, a Dask task, another
thread) the renderer hands the report to a kopedu worker process
(:mod:`kopedu.reports.worker`); the engine itself refuses to run there, so it can never
touch a caller's work.

Each report gets a **fresh** shell, and runs inside ``matplotlib.rc_context``, a pandas
option context and ``warnings.catch_warnings``; only the figures a cell made are
collected (and closed); ``sys.modules["__main__"]`` and the working folder come back
afterwards. A cell that runs longer than the timeout is stopped with ``SIGALRM`` (the
engine always runs on the main thread).
"""

from __future__ import annotations

import base64
import contextlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from typing import Any

import nbformat

from kopedu.errors import ReportError

__all__ = [
    "ENGINE_NAME",
    "KopeduEngine",  # noqa: F822 - made on first use, see _engine_class
    "claim_process",
    "owns_process",
    "register",
    "run_managed",
]

#: The name papermill knows the engine by.
ENGINE_NAME = "kopedu"

_OWNED = False


def claim_process() -> None:
    """Declare this process kopedu's own (kopedu's worker processes call this)."""
    global _OWNED
    _OWNED = True
    import matplotlib

    matplotlib.use("Agg")  # a kopedu process draws for files, never on a screen


def owns_process() -> bool:
    """True where the in-process engine may run: a claimed process, on its main thread.

    Examples
    --------
    >>> owns_process()  # a test runner or a notebook kernel is nobody's to reset
    False
    """
    from kopedu._startup import is_program

    owned = _OWNED or is_program()
    return owned and threading.current_thread() is threading.main_thread()


def register() -> None:
    """Make sure papermill knows the engine (the entry point does this when installed)."""
    from papermill.engines import papermill_engines

    engine = _engine_class()
    if papermill_engines._engines.get(ENGINE_NAME) is not engine:
        papermill_engines.register(ENGINE_NAME, engine)


@contextlib.contextmanager
def _cell_timeout(seconds: int | None) -> Iterator[None]:
    if not seconds or not hasattr(signal, "SIGALRM"):
        yield
        return

    def _alarm(signum, frame):
        raise TimeoutError(f"sel melewati batas waktu {seconds} detik")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _pandas_options() -> dict[str, Any]:
    """Every pandas option and its value (deprecated ones read quietly)."""
    import warnings

    import pandas as pd

    values: dict[str, Any] = {}

    def walk(prefix: str, node: Any) -> None:
        for name in dir(node):
            key = f"{prefix}.{name}" if prefix else name
            try:
                value = getattr(node, name)
            except (AttributeError, KeyError):  # an option may refuse reading
                continue
            if type(value).__name__ == "DictWrapper":
                walk(key, value)
            else:
                values[key] = value

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        walk("", pd.options)
    return values


@contextlib.contextmanager
def _pandas_option_context() -> Iterator[None]:
    """Like ``pd.option_context`` over *every* option: what the report changes is put back.

    Only options that changed are set again, so deprecated ones are never touched.
    """
    import warnings

    import pandas as pd

    before = _pandas_options()
    try:
        yield
    finally:
        after = _pandas_options()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for key, value in before.items():
                if after.get(key) is not value and after.get(key) != value:
                    pd.set_option(key, value)


@contextlib.contextmanager
def _fresh_shell() -> Iterator[Any]:
    """A new InteractiveShell inside rc/option/warning contexts.

    The shell is made the singleton, which ``display()`` writes to; everything it changed
    is put back afterwards.
    """
    import warnings

    import matplotlib
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    main_module = sys.modules.get("__main__")
    old_cwd = os.getcwd()
    config = Config()
    config.HistoryManager.enabled = False  # nothing written under ~/.ipython
    with (
        matplotlib.rc_context(),
        _pandas_option_context(),
        warnings.catch_warnings(),
    ):
        InteractiveShell.clear_instance()
        shell = InteractiveShell.instance(config=config)
        try:
            yield shell
        finally:
            os.chdir(old_cwd)
            with contextlib.suppress(Exception):
                shell.reset(new_session=False)
            InteractiveShell.clear_instance()
            if main_module is not None:
                sys.modules["__main__"] = main_module


def _new_figures(before: set[int]) -> list[dict]:
    """The figures a cell made, as PNG outputs (then closed)."""
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import print_figure

    outputs = []
    for num in plt.get_fignums():
        if num in before:
            continue
        fig = plt.figure(num)
        png = print_figure(fig, "png", bbox_inches="tight")
        if png:
            outputs.append(
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        "image/png": base64.b64encode(png).decode("ascii"),
                        "text/plain": repr(fig),
                    },
                )
            )
        plt.close(fig)
    return outputs


def _run_cell(shell, source: str, count: int, timeout: int | None) -> tuple[list, Any]:
    """Run one cell; its outputs as a kernel would record them, and its error if any."""
    import matplotlib.pyplot as plt
    from IPython.core.displayhook import CapturingDisplayHook, DisplayHook
    from IPython.utils.capture import capture_output

    results: list[dict] = []
    saved_hook = shell.display_trap.hook
    shell.display_trap.hook = CapturingDisplayHook(shell, results)
    before = set(plt.get_fignums())
    try:
        with capture_output(display=True) as cap, _cell_timeout(timeout):
            res = shell.run_cell(source, store_history=False)
    finally:
        shell.display_trap.hook = saved_hook
    outputs = []
    if cap.stdout:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=cap.stdout))
    if cap.stderr:
        outputs.append(nbformat.v4.new_output("stream", name="stderr", text=cap.stderr))
    outputs += [
        nbformat.v4.new_output("display_data", data=o.data, metadata=o.metadata or {})
        for o in cap.outputs
    ]
    outputs += _new_figures(before)
    if DisplayHook.semicolon_at_end_of_expression(source):
        results = []  # "x;" shows nothing, as in Jupyter
    outputs += [
        nbformat.v4.new_output(
            "execute_result", data=r["data"], metadata=r["metadata"], execution_count=count
        )
        for r in results
    ]
    error = res.error_before_exec or res.error_in_exec
    if error is not None:
        outputs.append(
            nbformat.v4.new_output(
                "error",
                ename=type(error).__name__,
                evalue=str(error),
                traceback=traceback.format_exception(type(error), error, error.__traceback__),
            )
        )
    return outputs, error


def run_managed(nb_man, execution_timeout: int | None = None):
    """Run every code cell of ``nb_man.nb``, recording outputs and papermill metadata.

    Raises
    ------
    ReportError
        When called outside a process kopedu owns (see :func:`owns_process`).
    """
    if not owns_process():
        raise ReportError(
            "Mesin laporan 'kopedu' hanya berjalan di proses kopedu sendiri; "
            "pakai kopedu.reports.render_report, yang memilih proses yang tepat."
        )
    import matplotlib

    matplotlib.use("Agg")  # a kopedu process draws for files, never on a screen
    count = 0
    with _fresh_shell() as shell:
        for index, cell in enumerate(nb_man.nb.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            nb_man.cell_start(cell, index)
            try:
                cell.outputs, error = _run_cell(shell, cell.source, count, execution_timeout)
                cell.execution_count = count
                if error is not None:
                    nb_man.cell_exception(cell, cell_index=index, exception=error)
                    break
            finally:
                nb_man.cell_complete(cell, cell_index=index)
    return nb_man.nb


def _engine_class() -> type:
    """The :class:`~papermill.engines.Engine` subclass, made on first use.

    papermill loads its engines' entry points while ``import papermill`` runs, and this
    module is such an entry point: importing papermill at the top here would make each
    import wait for the other. So the class is made only when it is asked for, after
    papermill's ``Engine`` exists — and only once, even when papermill's import asks
    for it again halfway through.
    """
    cached = globals().get("_ENGINE")
    if cached is not None:
        return cached
    from papermill.engines import Engine

    cached = globals().get("_ENGINE")  # made while papermill was being imported
    if cached is not None:
        return cached

    class KopeduEngine(Engine):
        """papermill engine: a fresh IPython shell in this (kopedu-owned) process."""

        @classmethod
        def execute_managed_notebook(
            cls, nb_man, kernel_name, execution_timeout: int | None = None, **kwargs: Any
        ):
            """Run the notebook's cells here (see :func:`run_managed`)."""
            return run_managed(nb_man, execution_timeout)

    KopeduEngine.__module__ = __name__
    globals()["_ENGINE"] = KopeduEngine
    return KopeduEngine


def __getattr__(name: str) -> Any:
    if name == "KopeduEngine":
        return _engine_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
