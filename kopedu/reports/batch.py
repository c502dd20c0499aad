"""Many reports at once: every kabupaten/kota of some provinces, on one machine or a cluster.

:func:`render_all` validates the parameters and reads the trainer's registry **once**,
then hands one :class:`~kopedu.reports.render.ReportJob` per region — parameters and that
region's part of the registry in, HTML and XLSX bytes out — to worker processes, and
writes each report's files together as it arrives, then an index page.

Faults stay local:

- a region whose report fails is listed (on the terminal, in the index) and the others
  are made; the exit code says that something failed;
- a worker process that dies (killed, out of memory) fails only the report it was making:
  the pool is replaced and the other reports go on (a report that kills its worker a
  second time is failed);
- Ctrl-C stops the workers and ends without a traceback;
- temporary files of a killed run are removed by the next run (:mod:`kopedu.io.write`).

Where the reports run: kopedu's own worker processes (``workers``), or any
:class:`concurrent.futures.Executor` (``executor``) — for instance a Dask cluster's
(``scheduler``: the address of a Dask scheduler, with the optional ``kopedu[dask]``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kopedu.errors import KopeduError, ParameterError
from kopedu.regions import Region, lookup_region, region_choices
from kopedu.reports.params import REPORT_LEVELS, validate_parameters
from kopedu.reports.render import (
    DEFAULT_OUTPUT_DIR,
    ReportJob,
    ReportOutput,
    render_job,
    write_output,
)
from kopedu.reports.worker import MAX_REPORTS
from kopedu.texts import text

__all__ = ["BatchResult", "batch_regions", "render_all"]

log = logging.getLogger("kopedu")

#: Provinces of the training the seed articles describe (Kalimantan Timur and Tengah).
TRAINING_PROVINCES = ("64", "62")


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Outcome of :func:`render_all`.

    Attributes
    ----------
    rendered : tuple of Path
        HTML reports written, in region-code order.
    failed : tuple of (str, str)
        ``(region, message)`` for each region whose report failed.
    index : Path
        The index page linking every report.
    """

    rendered: tuple[Path, ...]
    failed: tuple[tuple[str, str], ...]
    index: Path


def batch_regions(provinces: Sequence[str | Region] = TRAINING_PROVINCES) -> list[Region]:
    """Provinces (by name or code) and their kabupaten/kota, in code order.

    Examples
    --------
    >>> [r.code for r in batch_regions()][:3]
    ['62', '62.01', '62.02']
    """
    found = [p if isinstance(p, Region) else lookup_region(p) for p in provinces]
    bad = [r.official_name for r in found if r.level != "provinsi"]
    if bad:
        raise ParameterError(f"Bukan provinsi: {', '.join(sorted(bad))}.")
    codes = {r.code for r in found}
    return [
        r
        for r in region_choices(("provinsi", "kabupaten", "kota"))
        if (r.code if r.level == "provinsi" else r.parent_code) in codes
    ]


def _registry_regions(registry) -> list[Region]:
    """The provinces a registry's cooperatives lie in."""
    from kopedu.regions import region_by_code

    codes = registry.koperasi["kode_provinsi"].dropna().astype(str).unique().tolist()
    return [region_by_code(c) for c in sorted(codes) if c]


def _message(exc: BaseException) -> str:
    if isinstance(exc, BrokenProcessPool):
        return "proses pembuat laporan berhenti mendadak (mungkin kehabisan memori atau dihentikan)"
    text_ = str(exc).splitlines()[0] if str(exc) else ""
    return text_ if isinstance(exc, KopeduError) else f"{type(exc).__name__}: {text_}"


class _Pool:
    """kopedu worker processes that are replaced when one dies."""

    def __init__(self, workers: int) -> None:
        from kopedu.reports.worker import new_pool

        self.workers = workers
        self._new = new_pool
        self.pool = new_pool(workers)

    def submit(self, job: ReportJob) -> Future:
        return self.pool.submit(render_job, job)

    def renew(self) -> None:
        self.kill()
        self.pool = self._new(self.workers)

    def kill(self) -> None:
        processes = list(getattr(self.pool, "_processes", {}).values())
        for p in processes:
            with contextlib.suppress(Exception):
                p.terminate()
        with contextlib.suppress(Exception):
            self.pool.shutdown(wait=True, cancel_futures=True)


def _run_jobs(jobs: dict[str, ReportJob], executor: Executor | None, workers: int, on_done) -> None:
    """Run every job; ``on_done(code, output | None, message | None)`` for each."""
    if executor is not None:
        futures = {executor.submit(render_job, job): code for code, job in jobs.items()}
        for fut in _as_completed(futures):
            code = futures[fut]
            try:
                on_done(code, fut.result(), None)
            except Exception as exc:  # one region's failure is reported, not raised
                on_done(code, None, _message(exc))
        return
    pool = _Pool(workers)
    pending = dict(jobs)
    suspects: list[str] = []

    def finish(code: str, fut: Future) -> bool:
        """Hand a finished job's result on; False when its worker died."""
        try:
            output = fut.result()
        except BrokenProcessPool:
            return False
        except Exception as exc:
            pending.pop(code, None)
            on_done(code, None, _message(exc))
            return True
        pending.pop(code, None)
        on_done(code, output, None)
        return True

    try:
        while pending:
            if suspects:
                # After a worker died: each report that was being made runs alone in a
                # fresh worker, so that a death is pinned on the report that caused it.
                code = suspects.pop(0)
                solo = _Pool(1)
                try:
                    if not finish(code, solo.submit(pending[code])):
                        pending.pop(code)
                        on_done(code, None, _message(BrokenProcessPool()))
                finally:
                    solo.kill()
                continue
            # At most MAX_REPORTS per worker before the pool is replaced (fresh memory).
            batch = dict(list(pending.items())[: workers * MAX_REPORTS])
            futures = {pool.submit(job): code for code, job in batch.items()}
            remaining = set(futures)
            running: set[str] = set()
            while remaining:
                running = {futures[f] for f in remaining if f.running()}
                done, remaining = wait(remaining, return_when="FIRST_COMPLETED")
                broken = [futures[f] for f in done if not finish(futures[f], f)]
                if broken:
                    suspects = sorted((running | set(broken)) & set(pending))
                    break
            if pending:
                pool.renew()
    finally:
        pool.kill()


def _as_completed(futures: Mapping[Future, str]):
    """Futures as they finish, tolerant of executors whose futures are not stdlib ones."""
    remaining = set(futures)
    while remaining:
        done, remaining = wait(remaining, return_when="FIRST_COMPLETED")
        yield from done


def render_all(
    year: int | str | None = None,
    language: str | None = None,
    *,
    output_dir: str | Path = DEFAULT_OUTPUT_DIR,
    workers: int = 1,
    regions: Sequence[str | Region] | None = None,
    provinces: Sequence[str] | None = None,
    template: str | Path | None = None,
    timeout: int = 300,
    parameters: Mapping[str, Any] | None = None,
    progress: bool = True,
    engine: str = "auto",
    contoh: bool | None = None,
    executor: Executor | None = None,
    scheduler: str | None = None,
) -> BatchResult:
    """Render the report of many regions and an index page.

    Parameters
    ----------
    year, language, contoh
        As in :func:`kopedu.reports.render.render_report`.
    output_dir : path
        Folder for every report and ``index.html``.
    workers : int, default 1
        kopedu worker processes (when neither ``executor`` nor ``scheduler`` is given).
    regions : sequence, optional
        The regions to report on. Default: the provinces (``provinces``) and their
        kabupaten/kota.
    provinces : sequence of str, optional
        Default: the provinces the registry's cooperatives lie in, or, without a
        registry, Kalimantan Timur and Kalimantan Tengah (the training's provinces).
    parameters : mapping, optional
        The sections' parameters (``registry``, ``definition``); the registry file is
        read and validated once for all regions.
    progress : bool
        A progress bar on stderr.
    executor : concurrent.futures.Executor, optional
        Where to run the reports instead of kopedu's own worker processes.
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://host:8786``); needs ``kopedu[dask]``.

    Returns
    -------
    BatchResult
    """
    from tqdm.auto import tqdm

    if workers < 1:
        raise ParameterError("Jumlah worker minimal 1.")
    params = dict(parameters or {})
    first_region = (regions[0] if regions else None) or "64"
    base = validate_parameters(
        first_region, year, language, template=template, contoh=contoh, **params
    )
    registry = None
    if base.get("registry"):
        from kopedu.registry.loader import load_registry

        registry = load_registry(base.get("registry"))  # read and validated once
    if regions is not None:
        targets = [lookup_region(r) for r in regions]
    else:
        default: Sequence[str | Region] = (
            _registry_regions(registry) if registry is not None else TRAINING_PROVINCES
        )
        targets = batch_regions(provinces or default)
    bad = [r.official_name for r in targets if r.level not in REPORT_LEVELS]
    if bad:
        raise ParameterError(
            "Laporan dibuat per provinsi atau kabupaten/kota, bukan: " + ", ".join(bad)
        )
    made = dt.date.today()
    jobs = {
        r.code: ReportJob(
            replace(base, region=r),
            str(template) if template else None,
            timeout,
            engine,
            registry.for_region(r) if registry is not None else None,
            made,
        )
        for r in targets
    }
    out = Path(output_dir)
    from kopedu.io.write import remove_leftovers

    out.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    results: dict[str, tuple[Path | None, str | None]] = {}
    bar = tqdm(total=len(jobs), desc="laporan", unit="wilayah", disable=not progress)

    def on_done(code: str, output: ReportOutput | None, message: str | None) -> None:
        if output is not None:
            try:
                results[code] = (write_output(output, out)[0], None)
            except KopeduError as exc:
                results[code] = (None, str(exc))
        else:
            results[code] = (None, message)
        bar.update()

    client = None
    try:
        if scheduler:
            client = _dask_client(scheduler)
            executor = client.get_executor()
        _run_jobs(jobs, executor, workers, on_done)
    finally:
        bar.close()
        if client is not None:
            client.close()
    rendered = [(r, results[r.code][0]) for r in targets if results[r.code][0] is not None]
    failed = [(r, results[r.code][1] or "") for r in targets if results[r.code][0] is None]
    for region, message in failed:
        log.warning("Laporan %s gagal: %s", region.official_name, message)
    index = out / "index.html"
    from kopedu.io.write import write_text

    write_text(index, _index_html(rendered, failed, base, registry))
    return BatchResult(
        tuple(p for _, p in rendered),  # type: ignore[misc]
        tuple((r.official_name, m) for r, m in failed),
        index,
    )


def _dask_client(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise ParameterError(
            "--scheduler memerlukan Dask: pasang dengan pip install 'kopedu[dask]'."
        ) from None
    try:
        return Client(address, timeout="10s")
    except OSError as exc:
        raise ParameterError(f"Tidak bisa terhubung ke penjadwal Dask {address}: {exc}") from None


def _index_html(rendered, failed, base, registry) -> str:
    lang = base.language

    def t(key: str, **values: Any) -> str:
        return text("report", key, lang, **values)

    rows = []
    for region, path in rendered:
        xlsx = path.with_suffix(".xlsx")
        extra = (
            f' · <a href="{html.escape(xlsx.name, quote=True)}">XLSX</a>' if xlsx.exists() else ""
        )
        rows.append(
            f'<tr><td>{html.escape(region.code)}</td><td><a href="'
            f'{html.escape(path.name, quote=True)}">{html.escape(region.official_name)}</a>'
            f"{extra}</td><td>{html.escape(t('index_done'))}</td></tr>"
        )
    for region, message in failed:
        rows.append(
            f"<tr><td>{html.escape(region.code)}</td><td>{html.escape(region.official_name)}"
            f"</td><td>{html.escape(t('index_failed', message=message))}</td></tr>"
        )
    if base.contoh:
        reg = t("index_registry_demo")
    elif registry is not None:
        reg = t("index_registry_file", file=Path(base.get("registry")).name)
    else:
        reg = t("index_registry_none")
    note = t("index_note", year=base.year, registry=reg, done=len(rendered), failed=len(failed))
    title = t("index_title")
    if base.contoh:
        title = f"{t('demo_banner')} — {title}"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;"
        "border-bottom:1px solid #ddd;text-align:left}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(note)}</p>"
        f"<table><thead><tr><th>{html.escape(t('index_col_code'))}</th>"
        f"<th>{html.escape(t('index_col_region'))}</th>"
        f"<th>{html.escape(t('index_col_status'))}</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>\n"
    )
