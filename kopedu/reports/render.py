"""Render one report: validate, execute with papermill, export, write HTML and XLSX together.

The one orchestration path is :func:`papermill.execute_notebook` with an engine:
``"kopedu"`` (:mod:`kopedu.reports.engine`, a fresh shell in a kopedu-owned process — the
default, fast) or ``"kernel"`` (papermill's own nbclient engine with a Jupyter kernel).
:func:`build` turns a validated :class:`ReportJob` into a :class:`ReportOutput` — the
HTML and XLSX as bytes and what the sections published — and touches no file, so it can
run in any process (a kopedu worker, a Dask worker). :func:`render_report` writes the
files: HTML and XLSX are replaced together or not at all.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kopedu.errors import ParameterError, ReportError
from kopedu.paths import report_template_path
from kopedu.regions import Region
from kopedu.reports.outputs import Published
from kopedu.reports.params import ReportParameters, report_filename, validate_parameters

__all__ = [
    "DEFAULT_OUTPUT_DIR",
    "ENGINES",
    "ReportJob",
    "ReportOutput",
    "build",
    "execute",
    "render_job",
    "render_report",
    "write_output",
]

log = logging.getLogger("kopedu")

DEFAULT_OUTPUT_DIR = Path("laporan")
#: Who runs the cells: "auto" (the kopedu engine, in a kopedu worker process when this
#: process is not kopedu's), "kopedu" (same), "kernel" (papermill with a Jupyter kernel).
ENGINES = ("auto", "kopedu", "kernel")
_ENGINE_ALIASES = {"inprocess": "kopedu"}


@dataclass(frozen=True)
class ReportJob:
    """Everything one report needs, validated: parameters in, files out (picklable).

    Attributes
    ----------
    params : ReportParameters
        Validated parameters.
    template : str or None
        Another report template (default: the bundled one).
    timeout : int
        Per-cell limit in seconds.
    engine : str
        One of :data:`ENGINES`.
    registry : object, optional
        A registry already read and validated (a batch reads the file once); the report
        uses it instead of reading ``params``' registry file again.
    made : date
        The date the report is made (shown in it).
    """

    params: ReportParameters
    template: str | None = None
    timeout: int = 300
    engine: str = "auto"
    registry: Any = None
    made: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class ReportOutput:
    """A rendered report, not yet written: file name, HTML and XLSX bytes, published data."""

    filename: str
    html: bytes
    xlsx: bytes | None
    published: Published


def _engine_name(engine: str) -> str:
    name = _ENGINE_ALIASES.get(engine, engine)
    if name not in ENGINES:
        raise ParameterError(f"Mesin {engine!r} tidak dikenal; pilih: {', '.join(ENGINES)}.")
    return name


def execute(job: ReportJob):
    """Execute the template for ``job`` with papermill; returns the executed notebook.

    Raises
    ------
    ReportError
        A cell failed (the error names the cell, its execution count and the error), or
        the kernel could not start.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from kopedu.reports import engine as kopedu_engine

    name = _engine_name(job.engine)
    kopedu_engine.register()
    src = str(job.template or report_template_path())
    values = job.params.as_papermill()
    declared = _declared(job.template)
    values = {k: v for k, v in values.items() if k in declared}
    kwargs: dict[str, Any] = {
        "parameters": values,
        "progress_bar": False,
        "report_mode": True,
        "execution_timeout": job.timeout,
    }
    if name == "kernel":
        kwargs |= {
            "kernel_name": "python3",
            # The kernel's own log (transport warnings, the interrupt papermill sends at
            # shutdown) is noise on a trainer's terminal; cell errors still surface.
            "extra_arguments": ["--IPKernelApp.log_level=CRITICAL"],
        }
    else:
        kwargs |= {"engine_name": kopedu_engine.ENGINE_NAME, "kernel_name": "python3"}
    try:
        return papermill.execute_notebook(src, None, **kwargs)
    except PapermillExecutionError as exc:
        evalue = str(exc.evalue).splitlines()[0] if exc.evalue else ""
        raise ReportError(
            f"Laporan gagal dibuat: sel {exc.cell_index} (In [{exc.exec_count}]) error "
            f"{exc.ename}: {evalue}",
            cell_index=exc.cell_index,
            exec_count=exc.exec_count,
            ename=exc.ename,
            evalue=evalue,
        ) from None
    except (RuntimeError, TimeoutError) as exc:
        if isinstance(exc, ReportError):
            raise
        raise ReportError(f"Laporan gagal dibuat: {exc}") from None


def _declared(template: str | None) -> set[str]:
    from kopedu.reports.params import notebook_parameters

    return set(notebook_parameters(template))


def build(job: ReportJob) -> ReportOutput:
    """Execute the report and export it: HTML and XLSX bytes, nothing written to disk."""
    from kopedu.io.xlsx import Table, workbook_bytes
    from kopedu.reports import html, outputs
    from kopedu.reports.sections.context import ReportContext
    from kopedu.texts import text

    params = job.params
    if job.registry is not None and params.get("registry"):
        from kopedu.reports.sections.inputs import preload

        preload(params.get("registry"), job.registry)
    nb = execute(job)
    published = outputs.collect(nb)
    lang = params.language
    ctx = ReportContext(
        params.region,
        params.year,
        lang,
        params.contoh,
        str(params.get("registry") or ""),
        str(params.get("definition") or ""),
        made=job.made,
    )
    banner = text("report", "demo_banner", lang) if params.contoh else ""
    made = ctx.date(job.made)
    data = {
        "parameters": params.as_papermill(),
        "made": job.made.isoformat(),
        "values": published.values,
        "tables": {
            t.name: {"title": t.title, "sheet": t.sheet, "columns": list(t.frame.columns),
                     "kinds": t.kinds, "quoted": list(t.quoted),
                     "data": t.frame.astype(object).where(t.frame.notna(), None).values.tolist()}
            for t in published.tables
        },
    }  # fmt: skip
    page = html.to_html(
        outputs.strip(nb), title=ctx.title, language=lang, made=made, banner=banner, data=data
    )
    sheets = [
        Table(t.sheet, t.frame, title=t.title, kinds=t.kinds)
        for t in published.tables
        if t.name != "sources"
    ]
    sources = next((t.frame for t in published.tables if t.name == "sources"), None)
    xlsx = None
    if sheets:
        registry = params.get("registry")
        if params.contoh:
            what = text("report", "details_source_demo", lang)
        elif registry:
            what = text("report", "details_source_registry", lang, file=Path(registry).name)
        else:
            what = text("report", "details_source_published", lang)
        xlsx = workbook_bytes(
            sheets,
            title=ctx.title,
            details=[
                (text("report", "details_region", lang), params.region.official_name),
                (text("report", "details_year", lang), str(params.year)),
                (text("report", "details_source", lang), what),
            ],
            sources=sources,
            parameters=ctx.shown_parameters(),
            language=lang,
            banner=banner,
            made=job.made,
        )
    return ReportOutput(report_filename(params), page.encode("utf-8"), xlsx, published)


def render_job(job: ReportJob) -> ReportOutput:
    """:func:`build` in the right process.

    Here when this process is kopedu's (or the engine is a kernel); else in a kopedu
    worker process; and where this process may not start one (a daemonic process, such
    as a Dask worker by default) with papermill's kernel engine instead.
    """
    import multiprocessing

    from kopedu.reports import worker
    from kopedu.reports.engine import owns_process

    if _engine_name(job.engine) == "kernel" or owns_process():
        return build(job)
    if multiprocessing.current_process().daemon:
        return build(replace(job, engine="kernel"))
    return worker.run(build, job)


def write_output(output: ReportOutput, output_dir: str | Path) -> list[Path]:
    """Write a rendered report's HTML (and XLSX) together: both replaced or neither."""
    from kopedu.io.write import write_files

    target = Path(output_dir) / output.filename
    files: dict[str | Path, bytes] = {target: output.html}
    if output.xlsx is not None:
        files[target.with_suffix(".xlsx")] = output.xlsx
    return write_files(files)


def render_report(
    region: str | Region | None = None,
    year: int | str | None = None,
    language: str | None = None,
    *,
    output_dir: str | Path = DEFAULT_OUTPUT_DIR,
    template: str | Path | None = None,
    timeout: int = 300,
    parameters: Mapping[str, Any] | None = None,
    engine: str = "auto",
    contoh: bool | None = None,
) -> Path:
    """Validate parameters, render the report and write its HTML (and XLSX) atomically.

    Called from a Jupyter notebook, a script or another thread, the report is made in a
    kopedu worker process: the caller's variables, plots, options and warnings filters
    are left exactly as they were.

    Parameters
    ----------
    region, year, language
        As in :func:`kopedu.reports.params.validate_parameters`; ``None`` takes the
        template's default (Kutai Timur, 2023, Bahasa Indonesia).
    output_dir : path, default ``laporan/``
        Folder for the files; created if needed.
    template : path, optional
        Another report notebook with the same parameter cell.
    timeout : int
        Per-cell execution timeout in seconds.
    parameters : mapping, optional
        The sections' parameters (``registry``, ``definition``).
    engine : {"auto", "kopedu", "kernel"}
        Who runs the cells (see :data:`ENGINES`).
    contoh : bool, optional
        A demo report on the synthetic registry; every page and sheet says so.

    Returns
    -------
    Path
        The HTML file written (the XLSX, when there are tables, sits next to it).
    """
    params = validate_parameters(
        region, year, language, template=template, contoh=contoh, **dict(parameters or {})
    )
    _engine_name(engine)
    log.info("Membuat laporan %s %s (%s)…", params.region, params.year, params.language)
    job = ReportJob(params, str(template) if template else None, timeout, engine)
    output = render_job(job)
    return write_output(output, output_dir)[0]
