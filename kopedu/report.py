"""Render the parameterised regional report: validate, execute with papermill, export HTML.

The report template (``notebooks/reports/laporan_wilayah.ipynb``) declares its
parameters in one cell tagged ``parameters`` in papermill's ``name: type = default  #
help`` form. :func:`validate_parameters` checks names and values against that cell
*before any kernel starts* (papermill itself accepts unknown names silently, papermill
#818), so a trainer's typo gives a one-line message instead of a half-run notebook.
:func:`render_report` then executes the notebook in process and writes HTML without
code cells, atomically: a failed run leaves no file behind and never replaces a
previous good report.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kopedu.errors import KopeduError, ParameterError, ReportError
from kopedu.paths import report_template_path
from kopedu.regions import Region, lookup_region

__all__ = [
    "DEFAULT_OUTPUT_DIR",
    "BatchResult",
    "ReportParameters",
    "batch_regions",
    "notebook_parameters",
    "render_all",
    "render_report",
    "report_filename",
    "validate_parameters",
]

log = logging.getLogger("kopedu")

DEFAULT_OUTPUT_DIR = Path("laporan")
LANGUAGES = ("id", "en")
REPORT_LEVELS = ("nasional", "provinsi", "kabupaten", "kota")
ENGINES = ("inprocess", "kernel")


@dataclass(frozen=True, slots=True)
class ReportParameters:
    """Validated parameters of one regional report."""

    region: Region
    year: int
    language: str = "id"
    extra: tuple[tuple[str, Any], ...] = ()

    def as_papermill(self) -> dict[str, Any]:
        """The values papermill injects into the notebook."""
        return {
            "region": self.region.code,
            "year": self.year,
            "language": self.language,
            **dict(self.extra),
        }


@cache
def notebook_parameters(template: str | Path | None = None) -> dict[str, dict[str, Any]]:
    """Parameters declared by a report template, via ``papermill.inspect_notebook``.

    Returns
    -------
    dict
        ``{name: {"type": ..., "default": ..., "help": ...}}``.
    """
    import papermill

    path = Path(template) if template else report_template_path()
    if not path.exists():
        raise ReportError(f"Templat laporan tidak ditemukan: {path}")
    return {
        name: {
            "type": (info.get("inferred_type_name") or "").lower(),
            "default": info.get("default"),
            "help": info.get("help") or "",
        }
        for name, info in papermill.inspect_notebook(str(path)).items()
    }


def _coerce(name: str, value: Any, typ: str) -> Any:
    if typ == "int":
        if isinstance(value, bool):
            raise ParameterError(f"Parameter {name!r} harus bilangan bulat, bukan {value!r}.")
        try:
            return int(str(value).strip())
        except ValueError:
            raise ParameterError(
                f"Parameter {name!r} harus bilangan bulat, bukan {value!r}."
            ) from None
    if typ == "bool":
        text = str(value).strip().lower()
        if text in {"1", "true", "ya", "yes"}:
            return True
        if text in {"0", "false", "tidak", "no"}:
            return False
        raise ParameterError(f"Parameter {name!r} harus ya/tidak, bukan {value!r}.")
    return value if value is None else str(value)


def validate_parameters(
    region: str | Region | None = None,
    year: int | str | None = None,
    language: str | None = None,
    *,
    template: str | Path | None = None,
    **extra: Any,
) -> ReportParameters:
    """Check report parameters against the template, without starting a kernel.

    Parameters
    ----------
    region : str or Region, optional
        Kabupaten/kota or province (name, alias or code). Default: the template's.
    year : int, optional
        Report year (1990 … next year). Default: the template's.
    language : {"id", "en"}, optional
        Report language. Default: the template's.
    template : path, optional
        Another report template.
    **extra
        Further parameters the template declares (for example ``registry``).

    Raises
    ------
    ParameterError
        Unknown parameter name, or a value the report cannot use.
    UnknownRegionError
        Region not in the catalog (with suggestions).

    Examples
    --------
    >>> validate_parameters("Kutim", 2023).region.code
    '64.08'
    """
    declared = notebook_parameters(template)
    unknown = sorted(set(extra) - set(declared))
    if unknown:
        known = ", ".join(sorted(declared))
        raise ParameterError(
            f"Parameter tidak dikenal: {', '.join(unknown)}. Parameter laporan ini: {known}."
        )
    region = declared["region"]["default"] if region is None else region
    year = declared["year"]["default"] if year is None else year
    language = declared["language"]["default"] if language is None else language
    region_s = str(region).strip().strip("'\"")
    reg = lookup_region(region_s)
    if reg.level not in REPORT_LEVELS:
        parent = lookup_region(reg.parent_code)
        raise ParameterError(
            f"Laporan wilayah dibuat per kabupaten/kota atau provinsi; {reg.official_name} "
            f"adalah kecamatan. Pakai --region {parent.name!r} (angka kecamatan ada di dalamnya)."
        )
    year_i = _coerce("year", year, "int")
    this_year = dt.date.today().year
    if not 1990 <= year_i <= this_year + 1:
        raise ParameterError(f"Tahun {year_i} di luar rentang 1990–{this_year + 1}.")
    lang = str(language).strip().strip("'\"").lower()
    if lang not in LANGUAGES:
        raise ParameterError(f"Bahasa {language!r} tidak tersedia; pilih: {', '.join(LANGUAGES)}.")
    values = {k: _coerce(k, v, declared[k]["type"]) for k, v in extra.items()}
    if "registry" in values or "definition" in values:
        from kopedu.registry.report import check_report_parameters

        values.update(
            check_report_parameters(values.get("registry") or "", values.get("definition") or "")
        )
    coerced = tuple(sorted(values.items()))
    return ReportParameters(reg, year_i, lang, coerced)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def report_filename(params: ReportParameters, suffix: str = ".html") -> str:
    """File name of a report, e.g. ``laporan_kabupaten_kutai_timur_2023_id.html``."""
    return f"laporan_{_slug(params.region.official_name)}_{params.year}_{params.language}{suffix}"


def _write_atomic(data: str | bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; reports are handouts
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def execute_report(
    params: ReportParameters,
    *,
    template: str | Path | None = None,
    timeout: int = 300,
    workdir: str | Path | None = None,
    inject: Mapping[str, Any] | None = None,
    engine: str = "inprocess",
):
    """Execute the report template in a temporary folder.

    Returns the executed notebook (``nbformat.NotebookNode``). ``workdir`` is where the
    temporary run folder is made; ``inject`` adds parameters the library sets itself (such
    as ``tables_xlsx``) when the template declares them. Parameters are injected by
    papermill either way; ``engine`` chooses who runs the cells: ``"inprocess"`` (default,
    an IPython shell in this process, see :mod:`kopedu.inprocess`) or ``"kernel"``
    (papermill with a Jupyter kernel, for templates that should run isolated).

    Raises
    ------
    ReportError
        When a cell fails; the message names the cell and the error.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    if engine not in ENGINES:
        raise ParameterError(f"Mesin {engine!r} tidak dikenal; pilih: {', '.join(ENGINES)}.")
    src = Path(template) if template else report_template_path()
    declared = notebook_parameters(template)
    injected = {k: v for k, v in (inject or {}).items() if k in declared}
    values = {**params.as_papermill(), **injected}
    with tempfile.TemporaryDirectory(prefix="kopedu-report-", dir=workdir) as tmp:
        out = Path(tmp) / "executed.ipynb"
        if engine == "inprocess":
            from papermill.iorw import load_notebook_node
            from papermill.parameterize import parameterize_notebook

            from kopedu.inprocess import execute_inprocess

            nb = parameterize_notebook(load_notebook_node(str(src)), values, report_mode=True)
            return execute_inprocess(nb, cwd=tmp, timeout=timeout)
        try:
            papermill.execute_notebook(
                str(src),
                str(out),
                parameters=values,
                kernel_name="python3",
                progress_bar=False,
                execution_timeout=timeout,
                cwd=tmp,
                report_mode=True,
                # The kernel's own log (transport warnings, the interrupt papermill sends
                # at shutdown) is noise on a trainer's terminal; cell errors still surface.
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            )
        except PapermillExecutionError as exc:
            raise ReportError(
                f"Laporan gagal dibuat: sel {exc.exec_count} error {exc.ename}: {exc.evalue}"
            ) from None
        except (RuntimeError, TimeoutError) as exc:
            raise ReportError(f"Laporan gagal dibuat: {exc}") from None
        return nbformat.read(out, as_version=4)


def to_html(nb) -> str:
    """Export an executed notebook to HTML without code cells or prompts."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    exporter.log.setLevel(logging.ERROR)  # charts carry their titles; no alt-text warnings
    body, _ = exporter.from_notebook_node(nb)
    return body


def render_report(
    region: str | Region | None = None,
    year: int | str | None = None,
    language: str | None = None,
    *,
    output_dir: str | Path = DEFAULT_OUTPUT_DIR,
    template: str | Path | None = None,
    timeout: int = 300,
    parameters: Mapping[str, Any] | None = None,
    engine: str = "inprocess",
) -> Path:
    """Validate parameters, execute the report and write its HTML atomically.

    Parameters
    ----------
    region, year, language
        As in :func:`validate_parameters`; ``None`` takes the template's default
        (Kutai Timur, 2023, Bahasa Indonesia).
    output_dir : path, default ``laporan/``
        Folder for the HTML; created if needed.
    template : path, optional
        Another report notebook with the same parameter cell.
    timeout : int
        Per-cell execution timeout in seconds.
    parameters : mapping, optional
        Further template parameters.
    engine : {"inprocess", "kernel"}
        Who runs the cells (see :func:`execute_report`).

    Returns
    -------
    Path
        The HTML file written.
    """
    params = validate_parameters(
        region, year, language, template=template, **dict(parameters or {})
    )
    log.info("Membuat laporan %s %s (%s)…", params.region, params.year, params.language)
    with tempfile.TemporaryDirectory(prefix="kopedu-tabel-") as work:
        tables = Path(work) / "tabel.xlsx"
        nb = execute_report(
            params,
            template=template,
            timeout=timeout,
            inject={"tables_xlsx": str(tables)},
            engine=engine,
        )
        html = to_html(nb)
        target = Path(output_dir) / report_filename(params)
        try:
            _write_atomic(html, target)
            if tables.exists():  # the registry tables, next to the HTML
                _write_atomic(tables.read_bytes(), target.with_suffix(".xlsx"))
        except OSError as exc:
            raise KopeduError(f"Tidak bisa menulis laporan ke {target}: {exc}") from None
    return target


# ------------------------------------------------------------------ batch (--all)


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


def batch_regions(provinces: tuple[str, ...] = ("64", "62")) -> list[Region]:
    """The provinces of the training and their kabupaten/kota, by code.

    Examples
    --------
    >>> [r.code for r in batch_regions()][:3]
    ['62', '62.01', '62.02']
    """
    from kopedu.regions import region_choices

    return [r for r in region_choices(("provinsi", "kabupaten", "kota")) if r.code[:2] in provinces]


def _render_one(job: tuple[str, Any, Any, dict[str, Any]]) -> tuple[str, str | None, str | None]:
    code, year, language, kwargs = job
    try:
        path = render_report(code, year, language, **kwargs)
    except Exception as exc:  # one failing region must not stop the batch
        return code, None, f"{type(exc).__name__}: {exc}".splitlines()[0]
    return code, str(path), None


def _index_html(
    rendered: list[tuple[Region, Path]], failed: list[tuple[Region, str]], title: str, note: str
) -> str:
    import html

    rows = []
    for region, path in rendered:
        xlsx = path.with_suffix(".xlsx")
        extra = (
            f' · <a href="{html.escape(xlsx.name, quote=True)}">XLSX</a>' if xlsx.exists() else ""
        )
        link = html.escape(path.name, quote=True)
        rows.append(
            f'<tr><td>{html.escape(region.code)}</td><td><a href="{link}">'
            f"{html.escape(region.official_name)}</a>{extra}</td><td>selesai</td></tr>"
        )
    for region, message in failed:
        rows.append(
            f"<tr><td>{html.escape(region.code)}</td><td>{html.escape(region.official_name)}</td>"
            f"<td>gagal: {html.escape(message)}</td></tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;"
        "border-bottom:1px solid #ddd;text-align:left}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(note)}</p>"
        "<table><thead><tr><th>kode</th><th>wilayah</th><th>status</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>\n"
    )


def render_all(
    year: int | str | None = None,
    language: str | None = None,
    *,
    output_dir: str | Path = DEFAULT_OUTPUT_DIR,
    workers: int = 1,
    regions: list[str | Region] | None = None,
    template: str | Path | None = None,
    timeout: int = 300,
    parameters: Mapping[str, Any] | None = None,
    progress: bool = True,
    engine: str = "inprocess",
) -> BatchResult:
    """Render the report of every region (both provinces and their kab/kota).

    Parameters are validated once before any kernel starts. Regions are rendered by
    ``workers`` processes; a failing region is reported in the result (and on the index
    page) and the others complete. Each report is written atomically, then the index page
    ``index.html`` linking all reports.

    Parameters
    ----------
    year, language
        As in :func:`render_report`.
    output_dir : path
        Folder for every report and the index.
    workers : int, default 1
        Parallel processes (each runs its own kernels).
    regions : list, optional
        Default: :func:`batch_regions`.
    progress : bool, default True
        Show a progress bar (tqdm, on stderr).
    engine : {"inprocess", "kernel"}
        Who runs the cells (see :func:`execute_report`); in-process workers reuse one
        warm interpreter for all their regions.

    Returns
    -------
    BatchResult
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from multiprocessing import get_context

    from tqdm.auto import tqdm

    if workers < 1:
        raise ParameterError("Jumlah worker minimal 1.")
    targets = [lookup_region(r) for r in regions] if regions is not None else batch_regions()
    params = dict(parameters or {})
    first = validate_parameters(targets[0].code, year, language, template=template, **params)
    params.update({k: v for k, v in first.extra if k in params})  # absolute registry path
    out = Path(output_dir)
    kwargs = {
        "output_dir": out,
        "template": template,
        "timeout": timeout,
        "parameters": params,
        "engine": engine,
    }
    jobs = [(r.code, first.year, first.language, kwargs) for r in targets]
    results: dict[str, tuple[str | None, str | None]] = {}
    bar = tqdm(total=len(jobs), desc="laporan", unit="wilayah", disable=not progress)
    try:
        if workers == 1:
            for job in jobs:
                code, path, err = _render_one(job)
                results[code] = (path, err)
                bar.update()
        else:
            from kopedu._startup import fast_start

            with ProcessPoolExecutor(
                workers, mp_context=get_context("spawn"), initializer=fast_start
            ) as pool:
                futures = [pool.submit(_render_one, job) for job in jobs]
                for fut in as_completed(futures):
                    code, path, err = fut.result()
                    results[code] = (path, err)
                    bar.update()
    finally:
        bar.close()
    rendered = [(r, Path(results[r.code][0])) for r in targets if results[r.code][0]]
    failed = [(r, results[r.code][1] or "") for r in targets if not results[r.code][0]]
    for region, message in failed:
        log.warning("Laporan %s gagal: %s", region.official_name, message)
    registry = params.get("registry") or ""
    note = (
        f"Tahun {first.year}, bahasa {first.language}. Registri: "
        + (Path(registry).name if registry else "DATA SINTETIS — bukan data koperasi nyata")
        + f". {len(rendered)} laporan selesai, {len(failed)} gagal."
    )
    index = out / "index.html"
    _write_atomic(_index_html(rendered, failed, "Laporan koperasi per wilayah", note), index)
    return BatchResult(
        tuple(p for _, p in rendered),
        tuple((r.official_name, m) for r, m in failed),
        index,
    )
