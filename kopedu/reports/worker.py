"""kopedu's own worker processes: where reports run when the caller's process is not ours.

A report runs in a fresh IPython shell (:mod:`kopedu.reports.engine`), which is only
allowed in a process kopedu owns. When ``render_report`` is called from a Jupyter
kernel, a script, another thread or a Dask task, the report is handed to a worker
process started here with the ``spawn`` method (a clean interpreter, safe from any
thread), which claims itself for kopedu, ignores Ctrl-C (the caller decides), and is
replaced after :data:`MAX_REPORTS` reports so that memory never piles up. (The
replacement is done here, not with ``ProcessPoolExecutor(max_tasks_per_child=...)``:
on Python 3.11 a pool whose worker retires that way can wait forever for a replacement.) The pool is
made on first use and kept for the next call: the first report pays the start-up
(Python, pandas, matplotlib, kopedu), the next ones do not.

The batch (:mod:`kopedu.reports.batch`) makes its own pools with the same
:func:`start_worker` initialiser.
"""

from __future__ import annotations

import atexit
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from kopedu.errors import ReportError

__all__ = ["MAX_REPORTS", "new_pool", "run", "start_worker"]

#: Reports a worker process makes before it is replaced by a fresh one.
MAX_REPORTS = 20

T = TypeVar("T")

_POOL: ProcessPoolExecutor | None = None
_USED = 0
_LOCK = threading.Lock()


def start_worker() -> None:
    """Initialiser of every kopedu worker process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from kopedu._startup import fast_start
    from kopedu.reports.engine import claim_process

    fast_start()
    claim_process()


def new_pool(workers: int = 1) -> ProcessPoolExecutor:
    """A pool of ``workers`` kopedu worker processes (spawned).

    The caller replaces the pool after :data:`MAX_REPORTS` reports per worker.
    """
    from multiprocessing import get_context

    return ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=start_worker)


def _shutdown() -> None:
    global _POOL
    with _LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


atexit.register(_shutdown)


def run(fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(*args)`` in this process's kopedu worker and return its result.

    Raises
    ------
    ReportError
        The worker process died (killed, out of memory); the next call starts a new one.
    """
    global _POOL, _USED
    with _LOCK:
        if _POOL is not None and _USED >= MAX_REPORTS:
            _POOL.shutdown(wait=False)  # it finishes what it has; a fresh one follows
            _POOL = None
        if _POOL is None:
            _POOL, _USED = new_pool(), 0
        pool = _POOL
        _USED += 1
    try:
        return pool.submit(fn, *args).result()
    except BrokenProcessPool:
        with _LOCK:
            if _POOL is pool:
                _POOL = None
        raise ReportError(
            "Proses pembuat laporan berhenti mendadak (mungkin kehabisan memori atau "
            "dihentikan). Jalankan lagi; bila terulang, tutup program lain dulu."
        ) from None
