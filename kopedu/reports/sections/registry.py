"""Report sections from a registry: status, RAT compliance, health, priorities, data quality.

A report about a real region uses a registry only when the trainer gives one (their own
file); otherwise it explains what a registry would add (:func:`about_registry`). The
bundled synthetic registry appears only in a demo report (``contoh``), and then every
heading, page and sheet says so.

This module also checks the registry parameters before anything runs
(:func:`check_parameters`); the registry itself comes from
:mod:`kopedu.reports.sections.inputs`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from kopedu.errors import ParameterError
from kopedu.reports.sections.context import ReportContext

__all__ = [
    "about_registry",
    "check_parameters",
    "data_quality",
    "health",
    "priorities",
    "rat_compliance",
    "status",
]

REGISTRY_SUFFIXES = {".xlsx", ".xlsm", ".csv"}


def check_parameters(values: dict[str, Any], *, contoh: bool) -> dict[str, Any]:
    """Check ``registry`` and ``definition`` before a report runs; returns normalised values.

    Raises
    ------
    ParameterError
        The registry file does not exist or is not XLSX/CSV (or a folder of CSV), a
        registry is given together with ``contoh``, or the definition is unknown.

    Examples
    --------
    >>> check_parameters({"registry": "", "definition": "KALTIM"}, contoh=False)
    {'definition': 'kaltim', 'registry': ''}
    """
    from kopedu.registry.status import get_definition

    out: dict[str, Any] = {}
    if "definition" in values:
        out["definition"] = get_definition(values["definition"] or None).key
    if "registry" in values:
        registry = str(values["registry"] or "").strip()
        if registry and contoh:
            raise ParameterError(
                "Pilih salah satu: --registry FILE (registri Anda) atau --contoh (registri "
                "sintetis untuk latihan), tidak keduanya."
            )
        if registry:
            path = Path(registry).expanduser()
            if not path.exists():
                raise ParameterError(f"File registri tidak ditemukan: {registry}")
            if path.is_file() and path.suffix.lower() not in REGISTRY_SUFFIXES:
                raise ParameterError(
                    f"File registri harus .xlsx atau .csv (atau folder CSV), bukan {path.name}."
                )
            registry = str(path.resolve())
        out["registry"] = registry
    return out


def about_registry(ctx: ReportContext) -> None:
    """Without a registry: what the trainer's own registry would add, and how to start."""
    if ctx.registry is not None:
        return
    ctx.show(
        "about_registry",
        ctx.t("about_registry_heading"),
        ctx.markdown(ctx.t("about_registry_body")),
    )


def _trend(ctx: ReportContext) -> pd.DataFrame:
    from kopedu.registry.rat import summarise

    tb = ctx.registry.rat["tahun_buku"]
    first = max(2015, int(tb.min()) + 3) if len(tb) else ctx.year
    years = list(range(min(first, ctx.year), ctx.year + 1))
    return summarise(ctx.registry, years, ctx.definition)


def _counts(ctx: ReportContext) -> pd.Series:
    return _trend(ctx).iloc[-1]


COUNT_COLUMNS = {
    "total": ("col_total", "count"),
    "aktif": ("col_aktif", "count"),
    "tidak_aktif": ("col_tidak_aktif", "count"),
    "proses_pembubaran": ("col_proses", "count"),
    "rat": ("col_rat", "count"),
    "rat_tepat_waktu": ("col_rat_on_time", "count"),
    "persen_rat": ("col_pct_rat", "percent"),
    "layak_nik": ("col_nik", "count"),
    "tahun": ("col_year", "year"),
}


def _labelled(ctx: ReportContext, df: pd.DataFrame, first: str | None = None):
    """Columns renamed for the reader, with their kinds."""
    names, kinds = {}, {}
    for col in df.columns:
        if col in COUNT_COLUMNS:
            key, kind = COUNT_COLUMNS[col]
            names[col] = ctx.t(key)
            kinds[ctx.t(key)] = kind
    if first is not None:
        names[first] = ctx.t("col_group")
    return df.rename(columns=names), kinds


def status(ctx: ReportContext) -> None:
    """The registry's source, the definition, counts and breakdowns with a chart."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    from kopedu.registry.rat import latest_year, summarise

    reg = ctx.registry
    if reg is None:
        return
    if reg.synthetic:
        source = ctx.t("source_synthetic", label=ctx.t("synthetic_label"))
    else:
        source = ctx.t(
            "source_file",
            source=ctx.md_value(Path(reg.source).name),
            n=ctx.n(len(reg.koperasi)),
            m=ctx.n(len(reg.rat)),
        )
    definition = ctx.t(
        "definition", label=ctx.t(f"definition_{ctx.definition.key}"), code=ctx.definition.key
    )
    parts = [ctx.markdown(source + "\n\n" + definition)]
    heading = ctx.t("status_heading", year=ctx.year)
    c = _counts(ctx)
    if c["total"] == 0:
        parts.append(
            ctx.markdown(ctx.t("status_empty", region=ctx.region.official_name, year=ctx.year))
        )
        ctx.show("registry_status", heading, *parts)
        return
    try:
        last = latest_year(reg) - 1
        if ctx.year > last + 1:
            parts.append(ctx.markdown(ctx.t("year_beyond", last=last, year=ctx.year)))
    except ParameterError:
        pass
    proses = (
        ctx.t("status_proses", n=ctx.n(int(c["proses_pembubaran"])))
        if c["proses_pembubaran"]
        else ""
    )
    parts.append(
        ctx.markdown(
            ctx.t(
                "status_sentence",
                total=ctx.n(int(c["total"])),
                aktif=ctx.n(int(c["aktif"])),
                share=ctx.pct(c["aktif"] / c["total"]),
                tidak=ctx.n(int(c["tidak_aktif"])),
                proses=proses,
            )
        )
    )
    by = "kabupaten_kota" if ctx.region.level in ("provinsi", "nasional") else "kecamatan"
    cols = ["total", "aktif", "tidak_aktif", "proses_pembubaran", "rat", "persen_rat"]
    first_part = None
    for group in (by, "jenis"):
        part = summarise(reg, ctx.year, ctx.definition, by=group)
        part = part.sort_values("total", ascending=False)[[group, *cols]].reset_index(drop=True)
        part[group] = (
            part[group]
            .astype(object)
            .map(lambda v: ctx.t("unknown_group") if v is None or pd.isna(v) else ctx.category(v))
        )
        if first_part is None:
            first_part = part
        table, kinds = _labelled(ctx, part, first=group)
        parts.append(f"<h3>{ctx.t('by_' + group)}</h3>")
        quoted = (ctx.t("col_group"),) if group != "jenis" else ()
        parts.append(ctx.table_html(table, kinds, quoted=quoted))
        ctx.publish(
            f"registry_per_{group}",
            table,
            kinds,
            title=f"{heading} — {ctx.t('by_' + group)}",
            sheet=ctx.t("sheet_by_" + group),
            quoted=quoted,
        )
    assert first_part is not None  # the loop above ran at least once
    long = first_part.melt(id_vars=by, value_vars=["aktif", "tidak_aktif"], var_name="status")
    long["status"] = long["status"].map(
        {"aktif": ctx.t("col_aktif"), "tidak_aktif": ctx.t("col_tidak_aktif")}
    )
    fig, ax = plt.subplots(figsize=(8, max(3.0, 0.35 * len(first_part) + 1)))
    sns.barplot(data=long, y=by, x="value", hue="status", orient="h", ax=ax)
    ax.set_xlabel(ctx.t("col_total"))
    ax.set_ylabel("")
    ax.legend(title="")
    ax.set_title(f"{ctx.region.official_name}, {ctx.year}")
    parts.append(ctx.chart_html(fig, heading))
    ctx.show("registry_status", heading, *parts)
    ctx.values(
        "registry_status",
        total=int(c["total"]),
        aktif=int(c["aktif"]),
        tidak_aktif=int(c["tidak_aktif"]),
        proses_pembubaran=int(c["proses_pembubaran"]),
        definition=ctx.definition.key,
        synthetic=bool(reg.synthetic),
    )


def rat_compliance(ctx: ReportContext) -> None:
    """RAT counts and rate (both of the report year), timeliness, NIK, and the trend."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    if ctx.registry is None:
        return
    heading = ctx.t("rat_heading")
    c = _counts(ctx)
    if c["total"] == 0:
        ctx.show(
            "registry_rat",
            heading,
            ctx.markdown(ctx.t("status_empty", region=ctx.region.official_name, year=ctx.year)),
        )
        return
    sentence = ctx.t(
        "rat_sentence",
        year=ctx.year,
        tb=ctx.year - 1,
        rat=ctx.n(int(c["rat"])),
        aktif=ctx.n(int(c["aktif"])),
        rate=ctx.pct(c["persen_rat"]),
        ontime=ctx.n(int(c["rat_tepat_waktu"])),
        nik=ctx.n(int(c["layak_nik"])),
    )
    trend = _trend(ctx)[
        ["tahun", "total", "aktif", "tidak_aktif", "rat", "rat_tepat_waktu", "persen_rat",
         "layak_nik"]
    ]  # fmt: skip
    table, kinds = _labelled(ctx, trend)
    long = trend.melt(id_vars="tahun", value_vars=["aktif", "rat"], var_name="ukuran")
    long["ukuran"] = long["ukuran"].map({"aktif": ctx.t("col_aktif"), "rat": ctx.t("col_rat")})
    fig, ax = plt.subplots(figsize=(8, 4))
    sns.lineplot(data=long, x="tahun", y="value", hue="ukuran", marker="o", ax=ax)
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: str(int(v))))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: ctx.n(int(v))))
    ax.set_xlabel(ctx.t("col_year"))
    ax.set_ylabel(ctx.t("col_total"))
    ax.legend(title="")
    ax.set_title(ctx.t("rat_chart_title"))
    ctx.show(
        "registry_rat",
        heading,
        ctx.markdown(sentence),
        ctx.chart_html(fig, ctx.t("rat_chart_title")),
        ctx.table_html(table, kinds),
    )
    ctx.publish("registry_rat_trend", table, kinds, title=heading, sheet=ctx.t("sheet_rat"))
    ctx.values(
        "registry_rat",
        year=ctx.year,
        tahun_buku=ctx.year - 1,
        rat=int(c["rat"]),
        aktif=int(c["aktif"]),
        rat_rate=None if pd.isna(c["persen_rat"]) else float(c["persen_rat"]),
        rat_tepat_waktu=int(c["rat_tepat_waktu"]),
        layak_nik=int(c["layak_nik"]),
    )


def health(ctx: ReportContext) -> None:
    """What the registry can say about health (a full assessment needs the ratios)."""
    if ctx.registry is None:
        return
    keu = ctx.registry.keuangan
    tb = ctx.year - 1
    if keu is not None and (keu["tahun_buku"] == tb).any():
        n = int(keu.loc[keu["tahun_buku"] == tb, "id_koperasi"].nunique())
        body = ctx.t("health_some", n=ctx.n(n), tb=tb)
    else:
        body = ctx.t("health_none")
    ctx.show("registry_health", ctx.t("health_heading"), ctx.markdown(body))


ACTIONS = ("pembubaran", "pembekuan", "pembinaan")


def priorities(ctx: ReportContext, limit: int = 15) -> None:
    """The follow-up list, most serious first (the XLSX holds the full list)."""
    from kopedu.registry.rat import priority_list

    if ctx.registry is None:
        return
    d = ctx.definition
    heading = ctx.t("priority_heading")
    p = priority_list(ctx.registry, ctx.year, d)
    counts = p["tindak_lanjut"].value_counts()
    table = pd.DataFrame(
        {
            ctx.t("col_id"): p["id_koperasi"].astype("string"),
            ctx.t("col_name"): p["nama_koperasi"],
            ctx.t("col_kecamatan"): p["kecamatan"].astype("string"),
            ctx.t("col_jenis"): p["jenis"].astype(object).map(ctx.category),
            ctx.t("col_last"): pd.array(p["rat_terakhir"], dtype="Int64"),
            ctx.t("col_gap"): pd.array(p["tahun_tanpa_rat"], dtype="Int64"),
            ctx.t("col_action"): p["tindak_lanjut"].map(lambda a: ctx.t(f"action_{a}")),
            ctx.t("col_reason"): p["alasan"].map(lambda r: _reason(ctx, r)),
        }
    )
    kinds = {ctx.t("col_last"): "year", ctx.t("col_gap"): "count", ctx.t("col_id"): "code"}
    shown = table.groupby(table[ctx.t("col_action")], sort=False).head(limit)
    shown = shown.drop(columns=[ctx.t("col_id")])
    quoted = (ctx.t("col_id"), ctx.t("col_name"), ctx.t("col_kecamatan"))
    intro = ctx.t("priority_intro", bubar=d.pembubaran_after, beku=d.pembekuan_after, limit=limit)
    numbers = ctx.t("priority_counts", **{a: ctx.n(int(counts.get(a, 0))) for a in ACTIONS})
    ctx.show(
        "registry_priorities",
        heading,
        ctx.markdown(intro + "\n\n" + numbers),
        ctx.table_html(shown, kinds, quoted=quoted),
    )
    ctx.publish(
        "registry_priorities",
        table,
        kinds,
        title=heading,
        sheet=ctx.t("sheet_priority"),
        quoted=quoted,
    )
    ctx.values("registry_priorities", **{a: int(counts.get(a, 0)) for a in ACTIONS})


_FIXED_REASONS = {
    "tercatat dalam proses pembubaran": "reason_proses",
    "RAT tahun buku terakhir terlambat (lewat batas waktu)": "reason_late",
    "RAT belum/terlambat dilaporkan ke Dinas/ODS": "reason_unreported",
}
_GAP = re.compile(r"^(\d+) tahun buku berturut-turut tanpa RAT$")


def _reason(ctx: ReportContext, reason: str) -> str:
    """The registry's reason in the report's language.

    :func:`kopedu.registry.rat.priority_list` writes it in Indonesian.
    """
    if ctx.language == "id" or not isinstance(reason, str):
        return reason
    if reason in _FIXED_REASONS:
        return ctx.t(_FIXED_REASONS[reason])
    if m := _GAP.match(reason):
        return ctx.t("reason_gap", n=m.group(1))
    return reason


def data_quality(ctx: ReportContext, limit: int = 25) -> None:
    """What reading the registry found, for this region's own rows only.

    The findings (in the report's language) and the rows left out, each with its reason
    and fix.
    """
    reg = ctx.registry
    if reg is None:
        return
    rejected = reg.rejected_in(ctx.language) if not reg.rejected.empty else pd.DataFrame()
    # A row left out is listed once, with the rows left out, not again as a finding.
    left_rows = (
        set(zip(rejected["berkas"], rejected["sheet"].fillna(""), rejected["baris"], strict=True))
        if not rejected.empty
        else set()
    )
    findings = [f for f in reg.findings if (f.file, f.sheet or "", f.row) not in left_rows]
    table = pd.DataFrame(
        {
            ctx.t("col_where"): [f.where(ctx.language) for f in findings],
            ctx.t("col_message"): [f.message_in(ctx.language) for f in findings],
            ctx.t("col_fix"): [f.fix_in(ctx.language) for f in findings],
        }
    )
    heading = ctx.t("quality_heading")
    parts = [ctx.markdown(ctx.t("xlsx_note"))]
    if table.empty and rejected.empty:
        parts.append(ctx.markdown(ctx.t("quality_none")))
    if not table.empty:
        parts.append(ctx.table_html(table, {}))
    left_out = pd.DataFrame()
    if not rejected.empty:
        unknown = rejected.get("wilayah_tidak_diketahui", pd.Series(False, index=rejected.index))
        left_out = pd.DataFrame(
            {
                ctx.t("col_file"): rejected["berkas"],
                ctx.t("col_sheet"): rejected["sheet"].fillna("–"),
                ctx.t("col_row"): pd.array(rejected["baris"], dtype="Int64"),
                ctx.t("col_reason"): rejected["alasan"],
                ctx.t("col_fix"): rejected["perbaikan"],
                ctx.t("col_region_unknown"): unknown.fillna(False).astype(bool),
            }
        )
        parts.append(
            ctx.markdown(
                ctx.t(
                    "rejected_intro",
                    n=ctx.n(len(left_out)),
                    unknown=ctx.n(int(unknown.fillna(False).sum())),
                    limit=limit,
                )
            )
        )
        parts.append(ctx.table_html(left_out.head(limit), {ctx.t("col_row"): "count"}))
    ctx.show("registry_quality", heading, *parts)
    ctx.publish("registry_quality", table, {}, title=heading, sheet=ctx.t("sheet_quality"))
    if not left_out.empty:
        ctx.publish(
            "registry_rejected",
            left_out,
            {ctx.t("col_row"): "count"},
            title=ctx.t("rejected_heading"),
            sheet=ctx.t("sheet_rejected"),
        )
    ctx.values("registry_quality", findings=len(findings), rejected=len(left_out))
