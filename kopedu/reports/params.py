"""Report parameters: what the template declares, checked before anything runs.

The report template declares its parameters in one cell tagged ``parameters``, in
papermill's ``name: type = default  # help`` form (``papermill --help-notebook``
documents them). :func:`validate_parameters` checks the names and values against that
cell *before* a notebook runs — papermill itself accepts unknown names silently
(papermill #818) — so a trainer's typo gives one line with the fix instead of a
half-made report.

The report's own parameters (region, year, language, contoh) are checked here; every
other parameter is checked by the section that uses it (:data:`kopedu.reports.sections.
PARAMETER_CHECKS`), so this module names none of them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kopedu.errors import ParameterError, ReportError
from kopedu.paths import report_template_path
from kopedu.regions import Region, lookup_region

__all__ = [
    "LANGUAGES",
    "ReportParameters",
    "notebook_parameters",
    "report_filename",
    "validate_parameters",
]

LANGUAGES = ("id", "en")
REPORT_LEVELS = ("nasional", "provinsi", "kabupaten", "kota")
#: Parameters the report itself handles (the rest belong to sections).
CORE = ("region", "year", "language", "contoh")


@dataclass(frozen=True, slots=True)
class ReportParameters:
    """Validated parameters of one report.

    Attributes
    ----------
    region : Region
        The region the report is about.
    year : int
        The report year.
    language : str
        ``"id"`` or ``"en"``.
    contoh : bool
        A demo report on the synthetic registry (every page and sheet says so).
    extra : tuple of (name, value)
        The sections' parameters, normalised by their checks (for example the
        registry file as an absolute path).
    """

    region: Region
    year: int
    language: str = "id"
    contoh: bool = False
    extra: tuple[tuple[str, Any], ...] = ()

    def as_papermill(self) -> dict[str, Any]:
        """The values papermill injects into the template.

        Examples
        --------
        >>> validate_parameters("Kutim", 2023).as_papermill()["region"]
        '64.08'
        """
        return {
            "region": self.region.code,
            "year": self.year,
            "language": self.language,
            "contoh": self.contoh,
            **dict(self.extra),
        }

    def get(self, name: str, default: Any = None) -> Any:
        """A section parameter's value.

        Examples
        --------
        >>> validate_parameters("Kutim", 2023).get("definition")
        'kemenkop'
        """
        return dict(self.extra).get(name, default)


@cache
def _inspect(path: str, mtime_ns: int) -> dict[str, dict[str, Any]]:
    import papermill

    return {
        name: {
            "type": (info.get("inferred_type_name") or "").lower(),
            "default": info.get("default"),
            "help": info.get("help") or "",
        }
        for name, info in papermill.inspect_notebook(path).items()
    }


def notebook_parameters(template: str | Path | None = None) -> dict[str, dict[str, Any]]:
    """Parameters declared by a report template (``papermill.inspect_notebook``).

    Returns
    -------
    dict
        ``{name: {"type": ..., "default": ..., "help": ...}}``; ``default`` is the
        source text of the default value (``'"Kutai Timur"'``).

    Examples
    --------
    >>> sorted(notebook_parameters())[:3]
    ['contoh', 'definition', 'language']
    """
    path = Path(template) if template else report_template_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise ReportError(f"Templat laporan tidak ditemukan: {path}") from None
    return _inspect(str(path), mtime)


def _literal(text: Any) -> Any:
    """A default as papermill reports it (source text) → its value."""
    import ast

    if not isinstance(text, str):
        return text
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def coerce(name: str, value: Any, typ: str) -> Any:
    """A parameter value as the type its template declares (``int``, ``bool``, ``str``).

    Examples
    --------
    >>> coerce("year", " 2023 ", "int"), coerce("contoh", "ya", "bool")
    (2023, True)
    """
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
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "ya", "yes", "y"}:
            return True
        if text in {"0", "false", "tidak", "no", "n", ""}:
            return False
        raise ParameterError(f"Parameter {name!r} harus ya/tidak, bukan {value!r}.")
    return value if value is None else str(value)


def validate_parameters(
    region: str | Region | None = None,
    year: int | str | None = None,
    language: str | None = None,
    *,
    template: str | Path | None = None,
    contoh: bool | str | None = None,
    **extra: Any,
) -> ReportParameters:
    """Check report parameters against the template, without running anything.

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
    contoh : bool, optional
        A demo report on the synthetic registry.
    **extra
        Further parameters the template declares (``registry``, ``definition``); each
        is checked by the section that uses it.

    Raises
    ------
    ParameterError
        Unknown parameter name, or a value the report cannot use.
    UnknownRegionError
        Region not in the catalog (with suggestions).

    Examples
    --------
    >>> validate_parameters("Kutim", 2023).region.official_name
    'Kabupaten Kutai Timur'
    """
    from kopedu.reports.sections import PARAMETER_CHECKS

    declared = notebook_parameters(template)
    unknown = sorted(set(extra) - set(declared))
    if unknown:
        known = ", ".join(sorted(declared))
        raise ParameterError(
            f"Parameter tidak dikenal: {', '.join(unknown)}. Parameter laporan ini: {known}."
        )

    def default(name: str) -> Any:
        return _literal(declared[name]["default"]) if name in declared else None

    region = default("region") if region is None else region
    year = default("year") if year is None else year
    language = default("language") if language is None else language
    reg = _report_region(region)
    if reg.level not in REPORT_LEVELS:
        parent = reg.parent
        assert parent is not None  # a kecamatan always lies in a kabupaten/kota
        raise ParameterError(
            f"Laporan wilayah dibuat per kabupaten/kota atau provinsi; {reg.official_name} "
            f"adalah kecamatan. Pakai --region {parent.name!r} (angka kecamatan ada di dalamnya)."
        )
    year_i = coerce("year", year, "int")
    this_year = dt.date.today().year
    if not 1990 <= year_i <= this_year + 1:
        raise ParameterError(f"Tahun {year_i} di luar rentang 1990–{this_year + 1}.")
    lang = str(language).strip().strip("'\"").lower()
    if lang not in LANGUAGES:
        raise ParameterError(f"Bahasa {language!r} tidak tersedia; pilih: {', '.join(LANGUAGES)}.")
    demo = coerce("contoh", default("contoh") if contoh is None else contoh, "bool")
    if demo and "contoh" not in declared:
        raise ParameterError("Templat laporan ini tidak punya mode contoh (parameter 'contoh').")

    values = {
        name: coerce(name, extra[name] if name in extra else default(name), info["type"])
        for name, info in declared.items()
        if name not in CORE and not name.startswith("_")
    }
    for check in PARAMETER_CHECKS:
        values.update(check(values, contoh=demo))
    return ReportParameters(reg, year_i, lang, bool(demo), tuple(sorted(values.items())))


def _report_region(region: str | Region) -> Region:
    """The report's region; an unknown name gets suggestions a report can be made for."""
    from kopedu.errors import AmbiguousRegionError, UnknownRegionError
    from kopedu.regions import suggest_regions

    if isinstance(region, Region):
        return region
    text = str(region).strip().strip("'\"")
    try:
        return lookup_region(text)
    except AmbiguousRegionError:
        raise
    except UnknownRegionError:
        raise UnknownRegionError(text, suggest_regions(text, levels=REPORT_LEVELS)) from None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def report_filename(params: ReportParameters, suffix: str = ".html") -> str:
    """File name of a report: ``laporan_kabupaten_kutai_timur_2023_id.html``.

    A demo report's name starts with ``contoh_`` and English reports are named in
    English (``report_…_en``).

    Examples
    --------
    >>> report_filename(validate_parameters("Kutim", 2023))
    'laporan_kabupaten_kutai_timur_2023_id.html'
    >>> report_filename(validate_parameters("Kutim", 2023, "en", contoh=True))
    'example_report_kabupaten_kutai_timur_2023_en.html'
    """
    stem = "report" if params.language == "en" else "laporan"
    if params.contoh:
        stem = ("example_" if params.language == "en" else "contoh_") + stem
    name = f"{stem}_{_slug(params.region.official_name)}_{params.year}_{params.language}"
    return name + suffix
