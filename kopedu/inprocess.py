"""Execute a (papermill-parameterised) report notebook inside the current process.

A Jupyter kernel costs a process start plus a second import of pandas, matplotlib and
kopedu: with papermill that is ~5 of the ~8 s a regional report takes on a 2-core
machine. For kopedu's own report template the isolation of a kernel buys nothing, so
:func:`execute_inprocess` runs the cells in an IPython ``InteractiveShell`` in this
process and records their outputs in the notebook exactly as a kernel would (streams,
``display()`` calls, the value of the last expression, matplotlib figures as PNG).
Parameters are still injected by papermill (``parameterize_notebook``), and the HTML is
still made by nbconvert, so the notebook a trainer inspects is the same either way.

The kernel engine (papermill) stays available: ``render_report(..., engine="kernel")``
or ``kopedu report --engine kernel``, for templates that should not run in kopedu's
process.
"""

from __future__ import annotations

import base64
import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat

from kopedu.errors import ReportError

__all__ = ["execute_inprocess"]


@contextlib.contextmanager
def _cell_timeout(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in the cell after ``seconds`` (main thread on POSIX only)."""
    can_alarm = hasattr(signal, "SIGALRM") and seconds > 0
    if can_alarm:
        import threading

        can_alarm = threading.current_thread() is threading.main_thread()
    if not can_alarm:
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


def _shell():
    """The process's InteractiveShell, with a fresh namespace and the Agg backend.

    The shell keeps no history (no database written under ``~/.ipython``).
    """
    import matplotlib

    matplotlib.use("Agg")
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    if not InteractiveShell.initialized():
        config = Config()
        config.HistoryManager.enabled = False
        InteractiveShell.instance(config=config)
    shell = InteractiveShell.instance()
    shell.reset(new_session=False)
    return shell


def _figures() -> list[dict]:
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import print_figure

    outputs = []
    for num in plt.get_fignums():
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
    plt.close("all")
    return outputs


def execute_inprocess(nb, *, cwd: str | Path, timeout: int = 300):
    """Run every code cell of ``nb`` in this process and store the outputs in it.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A parameterised notebook (papermill's ``parameterize_notebook``).
    cwd : path
        Working folder while the cells run.
    timeout : int
        Per-cell limit in seconds (enforced with SIGALRM on the main thread).

    Returns
    -------
    nbformat.NotebookNode
        The same notebook, executed.

    Raises
    ------
    ReportError
        Naming the failing cell and its error.
    """
    from IPython.core.displayhook import CapturingDisplayHook, DisplayHook
    from IPython.utils.capture import capture_output

    # IPython puts its user module in sys.modules["__main__"]; the program's own
    # __main__ comes back afterwards (multiprocessing's spawn needs it, for one).
    main_module = sys.modules.get("__main__")
    shell = _shell()
    sys.modules["__main__"] = shell.user_module
    saved_hook = shell.display_trap.hook
    old_cwd = os.getcwd()
    os.chdir(cwd)
    count = 0
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            results: list[dict] = []
            shell.display_trap.hook = CapturingDisplayHook(shell, results)
            with capture_output(display=True) as cap, _cell_timeout(timeout):
                res = shell.run_cell(cell.source, store_history=False)
            outputs = []
            if cap.stdout:
                outputs.append(nbformat.v4.new_output("stream", name="stdout", text=cap.stdout))
            if cap.stderr:
                outputs.append(nbformat.v4.new_output("stream", name="stderr", text=cap.stderr))
            outputs += [
                nbformat.v4.new_output("display_data", data=o.data, metadata=o.metadata or {})
                for o in cap.outputs
            ]
            outputs += _figures()
            if DisplayHook.semicolon_at_end_of_expression(cell.source):
                results = []  # "x;" shows nothing, as in Jupyter
            outputs += [
                nbformat.v4.new_output(
                    "execute_result", data=r["data"], metadata=r["metadata"], execution_count=count
                )
                for r in results
            ]
            cell.outputs = outputs
            cell.execution_count = count
            error = res.error_before_exec or res.error_in_exec
            if error is not None:
                raise ReportError(
                    f"Laporan gagal dibuat: sel {index} error {type(error).__name__}: {error}"
                )
    finally:
        shell.display_trap.hook = saved_hook
        os.chdir(old_cwd)
        shell.reset(new_session=False)
        if main_module is not None:
            sys.modules["__main__"] = main_module
    return nb
