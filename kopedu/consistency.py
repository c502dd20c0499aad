"""Checks that published figures add up; problems are returned as *findings* (data).

A finding is not an error: the figures stay as published (trainers must be able to
cite them) and lessons and reports show the findings next to them. Checks:

``jumlah_tidak_cocok``
    total ≠ aktif + tidak aktif (+ akan dibubarkan, when published) for one region,
    year and source.
``rincian_tidak_cocok``
    the parts of a breakdown (kecamatan of a kota, jenis of a region) do not sum to
    the figure they break down.
``bagian_melebihi_induk``
    a subset exceeds its superset (aktif > total, RAT > aktif, sehat > dinilai).
``sumber_berbeda``
    two sources publish different values for the same region, year and indicator.
``angka_perkiraan``
    the source itself says the figure is approximate ("sekitar").
``perubahan_besar``
    a count more than halves or doubles from one published year to the next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from kopedu.figures import INDICATORS, INDICATORS_EN, load_figures
from kopedu.formatting import format_number
from kopedu.regions import lookup_region, region_by_code
from kopedu.texts import text

__all__ = ["Finding", "check_figures", "findings_frame"]

SEVERITY_ORDER = {"peringatan": 0, "info": 1}


@dataclass(frozen=True, slots=True)
class Finding:
    """One data-quality finding about published figures.

    Attributes
    ----------
    kind : str
        Check name (see module docstring).
    severity : str
        ``"peringatan"`` (the numbers contradict each other) or ``"info"``.
    region_code, region : str
        Where.
    year : int
        The year the figures refer to.
    message : str
        Explanation in Bahasa Indonesia, with the numbers (:meth:`text` gives it in
        another language).
    expected, published : int or None
        The value implied by the other figures, and the value as published.
    figure_ids : tuple of str
        The figures involved (``data/figures.csv``).
    params : tuple of (name, value)
        The values the message is written from (numbers unformatted, indicators as
        keys), so that it can be written in any language.
    """

    kind: str
    severity: str
    region_code: str
    region: str
    year: int
    message: str
    expected: int | None
    published: int | None
    figure_ids: tuple[str, ...]
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def difference(self) -> int | None:
        """The difference published − expected, when both are known."""
        if self.expected is None or self.published is None:
            return None
        return self.published - self.expected

    def text(self, language: str = "id", *, quote: Callable[[str], str] | None = None) -> str:
        """The message in ``language`` (``"id"`` or ``"en"``), numbers formatted for it.

        ``quote`` is applied to the words the message quotes from a source (a figure as
        written, a publisher's name), so that a page can mark them as Indonesian text.

        Examples
        --------
        >>> f = [f for f in check_figures(region="Kutim") if f.kind == "jumlah_tidak_cocok"][0]
        >>> f.text("en")[:60]
        'Kabupaten Kutai Timur 2023: active 325 + inactive 879 = 1,20'
        """
        return _render(self.kind, dict(self.params), language, quote)

    def severity_text(self, language: str = "id") -> str:
        """The severity in ``language`` ("peringatan"/"warning", "info"/"note")."""
        return text("findings", f"severity_{self.severity}", language)


def _label(indicator: str, language: str = "id") -> str:
    """Indicator label for use inside a sentence ("koperasi yang melaksanakan RAT")."""
    label = (INDICATORS_EN if language == "en" else INDICATORS)[indicator]
    return label[0].lower() + label[1:]


#: Parameters that quote a source word for word.
QUOTED = ("as_written",)


def _render(
    kind: str,
    params: dict[str, Any],
    language: str,
    quote: Callable[[str], str] | None = None,
) -> str:
    """A finding's sentence from its parameters, in ``language``."""
    q = quote or (lambda s: s)

    def n(x: Any) -> str:
        return format_number(int(x), language=language)

    values: dict[str, Any] = {}
    for key, value in params.items():
        if key in ("part", "whole", "indicator"):
            values[key] = _label(value, language)
        elif key in ("year", "year_before", "year_after"):
            values[key] = str(int(value))
        elif isinstance(value, int | np.integer) and not isinstance(value, bool):
            values[key] = n(value)
        elif key in QUOTED:
            values[key] = q(str(value))
        else:
            values[key] = value
    if kind == "jumlah_tidak_cocok":
        detail = text("findings", "detail_base", language, **values)
        if params.get("extra") is not None:
            detail += text("findings", "detail_extra", language, **values)
        values["detail"] = detail
    if kind == "rincian_tidak_cocok":
        values["what"] = text("findings", f"what_{params['what']}", language)
    if kind == "sumber_berbeda":
        values["listing"] = "; ".join(
            text(
                "findings",
                "listing_item",
                language,
                value=n(v),
                publisher=q(p),
                date=d or text("findings", "no_date", language),
            )
            for v, p, d in params["listing"]
        )
    return text("findings", kind, language, **values)


def _finding(
    kind: str,
    severity: str,
    code: str,
    region: str,
    year: int,
    expected: int | None,
    published: int | None,
    ids: tuple,
    /,
    **params: Any,
) -> Finding:
    items = tuple(params.items())
    return Finding(
        kind,
        severity,
        code,
        region,
        int(year),
        _render(kind, params, "id"),
        expected,
        published,
        tuple(ids),
        items,
    )


def _plain(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures without a jenis breakdown, one column per indicator per (region, year, source)."""
    plain = figures[figures["jenis"] == ""]
    return plain.pivot_table(
        index=["region_code", "region", "year", "source_id"],
        columns="indicator",
        values="value",
        aggfunc="first",
    )


def _ids(figures: pd.DataFrame, region_code: str, year: int, indicators, source_id=None) -> tuple:
    sel = (
        (figures["region_code"] == region_code)
        & (figures["year"] == year)
        & figures["indicator"].isin(list(indicators))
        & (figures["jenis"] == "")
    )
    if source_id is not None:
        sel &= figures["source_id"] == source_id
    return tuple(figures.loc[sel, "figure_id"])


def _check_totals(figures: pd.DataFrame, wide: pd.DataFrame) -> list[Finding]:
    need = {"koperasi_total", "koperasi_aktif", "koperasi_tidak_aktif"}
    if not need <= set(wide.columns):
        return []
    w = wide.dropna(subset=list(need))
    out = []
    for (code, region, year, src), r in w.iterrows():
        aktif, tidak = int(r["koperasi_aktif"]), int(r["koperasi_tidak_aktif"])
        extra = r.get("koperasi_akan_dibubarkan")
        extra = int(extra) if extra is not None and pd.notna(extra) else None
        parts = aktif + tidak + (extra or 0)
        total = int(r["koperasi_total"])
        if parts == total:
            continue
        implied_inactive = total - aktif - (extra or 0)
        out.append(
            _finding(
                "jumlah_tidak_cocok",
                "peringatan",
                code,
                region,
                year,
                implied_inactive,
                tidak,
                _ids(figures, code, year, need | {"koperasi_akan_dibubarkan"}, src),
                region=region,
                year=int(year),
                aktif=aktif,
                tidak_aktif=tidak,
                extra=extra,
                parts=parts,
                total=total,
                diff=abs(total - parts),
                implied=implied_inactive,
            )
        )
    return out


def _check_subsets(figures: pd.DataFrame, wide: pd.DataFrame) -> list[Finding]:
    pairs = [
        ("koperasi_aktif", "koperasi_total"),
        ("koperasi_rat", "koperasi_aktif"),
        ("koperasi_sehat", "koperasi_dinilai_kesehatan"),
    ]
    out = []
    for part, whole in pairs:
        if part not in wide.columns or whole not in wide.columns:
            continue
        w = wide.dropna(subset=[part, whole])
        bad = w[w[part] > w[whole]]
        for (code, region, year, src), r in bad.iterrows():
            out.append(
                _finding(
                    "bagian_melebihi_induk",
                    "peringatan",
                    code,
                    region,
                    year,
                    int(r[whole]),
                    int(r[part]),
                    _ids(figures, code, year, {part, whole}, src),
                    region=region,
                    year=int(year),
                    part=part,
                    part_value=int(r[part]),
                    whole=whole,
                    whole_value=int(r[whole]),
                )
            )
    return out


def _compare_parts(
    figures: pd.DataFrame, code: str, year: int, ind: str, parts_total: int, ids: tuple, what: str
) -> list[Finding]:
    """Findings where the sum of a breakdown differs from the figure it breaks down."""
    whole = figures[
        (figures["region_code"] == code)
        & (figures["year"] == year)
        & (figures["indicator"] == ind)
        & (figures["jenis"] == "")
    ]
    region = region_by_code(code).official_name
    out = []
    for value, fid in zip(whole["value"], whole["figure_id"], strict=True):
        if int(value) == int(parts_total):
            continue
        out.append(
            _finding(
                "rincian_tidak_cocok",
                "peringatan",
                code,
                region,
                year,
                int(value),
                int(parts_total),
                (*ids, fid),
                region=region,
                year=int(year),
                indicator=ind,
                what=what,
                parts=int(parts_total),
                value=int(value),
                diff=abs(int(value) - int(parts_total)),
            )
        )
    return out


def _check_breakdowns(figures: pd.DataFrame) -> list[Finding]:
    from kopedu.regions import children

    out = []
    # (a) kecamatan figures of one source that list every kecamatan of their kab/kota.
    kec = figures[(figures["level"] == "kecamatan") & (figures["jenis"] == "")].copy()
    kec["parent_code"] = kec["region_code"].str.rsplit(".", n=1).str[0]
    sums = kec.groupby(["parent_code", "year", "source_id", "indicator"]).agg(
        total=("value", "sum"), n=("value", "size"), ids=("figure_id", tuple)
    )
    for (parent, year, _src, ind), r in sums.iterrows():
        if r["n"] == len(children(parent, "kecamatan")):
            out += _compare_parts(figures, parent, year, ind, r["total"], r["ids"], "per_kecamatan")
    # (b) breakdowns by jenis of koperasi.
    jen = figures[figures["jenis"] != ""]
    sums = jen.groupby(["region_code", "year", "source_id", "indicator"]).agg(
        total=("value", "sum"), ids=("figure_id", tuple)
    )
    for (code, year, _src, ind), r in sums.iterrows():
        out += _compare_parts(figures, code, year, ind, r["total"], r["ids"], "menurut_jenis")
    return out


def _check_sources(figures: pd.DataFrame) -> list[Finding]:
    plain = figures[figures["jenis"] == ""]
    grp = plain.groupby(["region_code", "region", "year", "indicator"])
    out = []
    for (code, region, year, ind), g in grp:
        if g["value"].nunique() < 2:
            continue
        listing = tuple(
            (int(v), p, d)
            for v, p, d in zip(g["value"], g["source_publisher"], g["source_date"], strict=True)
        )
        out.append(
            _finding(
                "sumber_berbeda",
                "peringatan",
                code,
                region,
                year,
                None,
                None,
                tuple(g["figure_id"]),
                region=region,
                year=int(year),
                indicator=ind,
                listing=listing,
            )
        )
    return out


def _check_approx(figures: pd.DataFrame) -> list[Finding]:
    out = []
    for r in figures[figures["approx"]].itertuples(index=False):
        out.append(
            _finding(
                "angka_perkiraan",
                "info",
                r.region_code,
                r.region,
                r.year,
                None,
                int(r.value),
                (r.figure_id,),
                region=r.region,
                year=int(r.year),
                indicator=r.indicator,
                as_written=r.value_text,
            )
        )
    return out


def _check_changes(figures: pd.DataFrame) -> list[Finding]:
    plain = figures[(figures["jenis"] == "") & (figures["confidence"] != "L")]
    plain = plain.sort_values(["region_code", "indicator", "year"])
    out = []
    for (code, ind), g in plain.groupby(["region_code", "indicator"]):
        g = g.drop_duplicates("year")
        prev = g.shift(1)
        consecutive = (g["year"] - prev["year"]) == 1
        ratio = g["value"] / prev["value"]
        hit = g[consecutive & ((ratio < 0.5) | (ratio > 2.0))]
        for idx, r in hit.iterrows():
            p = prev.loc[idx]
            out.append(
                _finding(
                    "perubahan_besar",
                    "info",
                    code,
                    r["region"],
                    r["year"],
                    int(p["value"]),
                    int(r["value"]),
                    (p["figure_id"], r["figure_id"]),
                    region=r["region"],
                    indicator=ind,
                    before=int(p["value"]),
                    year_before=int(p["year"]),
                    after=int(r["value"]),
                    year_after=int(r["year"]),
                )
            )
    return out


def check_figures(figures: pd.DataFrame | None = None, region: str | None = None) -> list[Finding]:
    """Run every check over published figures and return the findings.

    Parameters
    ----------
    figures : DataFrame, optional
        A table shaped like :func:`kopedu.figures.load_figures` (default: the bundled one).
    region : str, optional
        Only findings about this region (name, alias or code).

    Returns
    -------
    list of Finding
        Warnings first, then information, by region and year.

    Examples
    --------
    >>> [f.published - f.expected for f in check_figures(region="Kutim")
    ...  if f.kind == "jumlah_tidak_cocok"]
    [-5]
    """
    fig = load_figures() if figures is None else figures
    wide = _plain(fig)
    findings = [
        *_check_totals(fig, wide),
        *_check_subsets(fig, wide),
        *_check_breakdowns(fig),
        *_check_sources(fig),
        *_check_approx(fig),
        *_check_changes(fig),
    ]
    if region is not None:
        code = lookup_region(region).code
        findings = [f for f in findings if f.region_code == code]
    return sorted(
        findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.region_code, f.year, f.kind)
    )


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Findings as a DataFrame (for reports and XLSX export)."""
    cols = [
        "severity",
        "kind",
        "region_code",
        "region",
        "year",
        "message",
        "expected",
        "published",
        "figure_ids",
    ]
    if not findings:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame([{k: v for k, v in asdict(f).items() if k != "params"} for f in findings])[
        cols
    ]
    df["figure_ids"] = df["figure_ids"].map(", ".join)
    return df
