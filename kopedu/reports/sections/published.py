"""Report sections on the published figures.

Summary, the figures as published, funnel, trend, comparison, breakdowns, findings and
sources.

Every figure here was published by a Dinas or a national body (``data/figures.csv``); it
is shown for the region and year it belongs to, and a rate is only computed from two
figures of the same year.
"""

from __future__ import annotations

import pandas as pd

from kopedu.consistency import Finding, check_figures
from kopedu.errors import KopeduError
from kopedu.figures import (
    INDICATORS,
    INDICATORS_EN,
    figure,
    figures_for,
    funnel,
    load_figures,
)
from kopedu.regional import comparison, region_figures, trend
from kopedu.regions import children
from kopedu.reports.sections.context import ReportContext

__all__ = [
    "breakdowns",
    "comparison_table",
    "findings",
    "funnel_chart",
    "header",
    "published_figures",
    "sources",
    "summary",
    "trend_chart",
]


def _label(ctx: ReportContext, indicator: str) -> str:
    return (INDICATORS_EN if ctx.language == "en" else INDICATORS)[indicator]


def _findings(ctx: ReportContext) -> list[Finding]:
    return check_figures(region=ctx.region.code)


def header(ctx: ReportContext) -> None:
    """Title, what the report is made from, and the date it was made."""
    from IPython.display import HTML, display

    parts = []
    if ctx.contoh:
        parts.append(f'<p class="kopedu-demo">{ctx.markdown(ctx.t("demo_notice"))}</p>')
    source = ctx.t("subtitle_registry" if ctx.registry_file else "subtitle_published")
    parts.append(ctx.markdown(source))
    parts.append(ctx.markdown(ctx.t("made_on", date=ctx.date(ctx.made))))
    display(
        HTML(
            '<header class="kopedu-title">'
            + (f'<p class="kopedu-demo-banner">{ctx.t("demo_banner")}</p>' if ctx.contoh else "")
            + f"<h1>{_escape(ctx.title)}</h1>"
            + "".join(parts)
            + "</header>"
        )
    )
    ctx.values(
        "header",
        region=ctx.region.code,
        region_name=ctx.region.official_name,
        year=ctx.year,
        language=ctx.language,
        contoh=ctx.contoh,
    )


def _escape(value: str) -> str:
    import html

    return html.escape(value)


def _value(ctx: ReportContext, indicator: str, year: int) -> tuple[int | None, str]:
    """The published value of an indicator for the region and year, and its source.

    The training's seed article comes first, as :func:`kopedu.figures.figure` chooses.
    """
    try:
        value = figure(ctx.region, indicator, year)
    except KopeduError:
        return None, ""
    sub = figures_for(ctx.region, year)
    hit = sub[(sub["indicator"] == indicator) & (sub["jenis"] == "") & (sub["value"] == value)]
    hit = hit.assign(_k=hit["source_kind"].map({"seed": 0, "secondary": 1})).sort_values(
        ["_k", "figure_id"]
    )
    row = hit.iloc[0]
    date = ctx.date(row["source_date"]) if row["source_date"] else ctx.t("undated")
    return value, f"{row['source_publisher']}, {date}"


def summary(ctx: ReportContext) -> None:
    """Key sentences: total, aktif (share), tidak aktif, RAT and its rate (same year)."""
    name, year = ctx.region.official_name, ctx.year
    total, source = _value(ctx, "koperasi_total", year)
    aktif, _ = _value(ctx, "koperasi_aktif", year)
    tidak, _ = _value(ctx, "koperasi_tidak_aktif", year)
    f = funnel(ctx.region, year).set_index("indicator")
    rat = f.loc["koperasi_rat", "jumlah"]
    rat = None if pd.isna(rat) else int(rat)
    rat_year = None if rat is None else int(f.loc["koperasi_rat", "tahun"])
    lines: list[str] = []
    if total is None and aktif is None:
        lines.append(ctx.t("summary_none", region=name, year=year))
    if total is not None:
        lines.append(
            ctx.t(
                "summary_sentence_total",
                region=name,
                year=year,
                total=ctx.n(total),
                source=ctx.q(ctx.md_value(source)),
            )
        )
    if aktif is not None:
        share = ctx.pct(aktif / total) if total else "–"
        lines.append(ctx.t("summary_sentence_aktif", aktif=ctx.n(aktif), share=share))
    if tidak is not None:
        lines.append(ctx.t("summary_sentence_tidak", tidak=ctx.n(tidak)))
    rate = None
    if rat is not None and rat_year is not None:
        # A rate divides two figures of the same year: the RAT count of its year by the
        # active cooperatives of that same year — or it is not computed, and said so.
        base, _ = _value(ctx, "koperasi_aktif", rat_year) if rat_year != year else (aktif, "")
        if base:
            rate = rat / base
            lines.append(
                ctx.t(
                    "summary_sentence_rat",
                    rat=ctx.n(rat),
                    rat_year=rat_year,
                    rate=ctx.pct(rate),
                    aktif=ctx.n(base),
                )
            )
        else:
            lines.append(ctx.t("summary_sentence_rat_norate", rat=ctx.n(rat), rat_year=rat_year))
    for fnd in _findings(ctx):
        if fnd.kind == "jumlah_tidak_cocok" and fnd.year == year:
            lines.append("⚠️ " + ctx.md_value(fnd.text(ctx.language, quote=ctx.q)))
    ctx.show("summary", ctx.t("summary_heading"), ctx.markdown("\n".join(f"- {x}" for x in lines)))
    ctx.values(
        "summary",
        total=total,
        aktif=aktif,
        tidak_aktif=tidak,
        rat=rat,
        rat_year=rat_year,
        rat_rate=None if rate is None else round(rate, 6),
    )


def published_figures(ctx: ReportContext) -> None:
    """Every figure published for the region and year, as written, with its source."""
    df = region_figures(ctx.region, ctx.year)
    intro = ctx.t("figures_intro")
    if df.empty:
        df = region_figures(ctx.region)
        if not df.empty:
            intro = ctx.t("figures_other_years", year=ctx.year) + " " + intro
    if df.empty:
        ctx.show(
            "published_figures",
            ctx.t("figures_heading", year=ctx.year),
            ctx.markdown(ctx.t("figures_none", region=ctx.region.official_name)),
        )
        return
    inv = {v: k for k, v in INDICATORS.items()}
    table = pd.DataFrame(
        {
            ctx.t("col_year"): df["tahun"],
            ctx.t("col_indicator"): df["indikator"].map(lambda s: _label(ctx, inv[s])),
            ctx.t("col_jenis"): df["jenis"].map(lambda j: ctx.category(j) if j else "–"),
            ctx.t("col_value"): df["jumlah"],
            ctx.t("col_as_written"): df["ditulis_sumber"],
            ctx.t("col_source"): df["sumber"],
            ctx.t("col_date"): df["tanggal"].map(ctx.date),
            ctx.t("col_confidence"): df["keyakinan"],
        }
    )
    kinds = {ctx.t("col_year"): "year", ctx.t("col_value"): "count", ctx.t("col_date"): "date"}
    quoted = (ctx.t("col_as_written"), ctx.t("col_source"), ctx.t("col_jenis"))
    ctx.show(
        "published_figures",
        ctx.t("figures_heading", year=ctx.year),
        ctx.markdown(intro),
        ctx.table_html(table, kinds, quoted=quoted),
    )
    ctx.publish(
        "published_figures",
        table,
        kinds,
        title=ctx.t("figures_heading", year=ctx.year),
        sheet=ctx.t("sheet_published"),
        quoted=quoted,
    )


def funnel_chart(ctx: ReportContext) -> None:
    """Horizontal bars: total → aktif → RAT → sehat, with values; gaps left empty."""
    import matplotlib.pyplot as plt

    from kopedu.plots import funnel_plot

    f = funnel(ctx.region, ctx.year)
    f["tahap"] = f["indicator"].map(lambda k: _label(ctx, k))
    if f["jumlah"].isna().all():
        ctx.show(
            "funnel", ctx.t("funnel_heading"), ctx.markdown(ctx.t("funnel_none", year=ctx.year))
        )
        return
    fig, ax = plt.subplots(figsize=(8, 3.2))
    funnel_plot(
        f,
        ax=ax,
        xlabel=ctx.t("funnel_xlabel"),
        missing_label=ctx.t("funnel_missing"),
        number=ctx.n,
    )
    ax.set_title(f"{ctx.region.official_name}, {ctx.year}")
    table = pd.DataFrame(
        {
            ctx.t("col_stage"): f["tahap"],
            ctx.t("col_value"): f["jumlah"],
            ctx.t("col_year"): f["tahun"],
            ctx.t("col_pct_prev"): f["persen_dari_sebelumnya"] / 100,
        }
    )
    kinds = {
        ctx.t("col_value"): "count",
        ctx.t("col_year"): "year",
        ctx.t("col_pct_prev"): "percent",
    }
    ctx.show(
        "funnel",
        ctx.t("funnel_heading"),
        ctx.markdown(ctx.t("funnel_intro")),
        ctx.chart_html(fig, ctx.t("funnel_heading")),
        ctx.table_html(table, kinds),
    )
    ctx.publish("funnel", table, kinds, title=ctx.t("funnel_heading"), sheet=ctx.t("sheet_funnel"))


def trend_chart(ctx: ReportContext) -> None:
    """Line chart and table of the published yearly series."""
    import matplotlib.pyplot as plt

    from kopedu.plots import trend_plot

    t = trend(ctx.region)
    if t.dropna(how="all").shape[0] < 2:
        ctx.show("trend", ctx.t("trend_heading"), ctx.markdown(ctx.t("trend_none")))
        return
    inv = {v: k for k, v in INDICATORS.items()}
    t = t.rename(columns=lambda c: _label(ctx, inv[c]))
    fig, ax = plt.subplots(figsize=(8, 4))
    trend_plot(
        t,
        ax=ax,
        xlabel=ctx.t("trend_xlabel"),
        ylabel=ctx.t("trend_ylabel"),
        mark_year=ctx.year,
        number=ctx.n,
    )
    ax.set_title(f"{ctx.region.official_name}")
    table = t.reset_index().rename(columns={"tahun": ctx.t("col_year")})
    kinds = dict.fromkeys(table.columns, "count") | {ctx.t("col_year"): "year"}
    ctx.show(
        "trend",
        ctx.t("trend_heading"),
        ctx.chart_html(fig, ctx.t("trend_heading")),
        ctx.table_html(table, kinds),
    )
    ctx.publish("trend", table, kinds, title=ctx.t("trend_heading"), sheet=ctx.t("sheet_trend"))


def comparison_table(ctx: ReportContext) -> None:
    """The region beside its province and peers (each with its latest published year)."""
    c = comparison(ctx.region, ctx.year)
    missing = c.loc[c["tahun_data"].isna(), "wilayah"].tolist()
    c = c.dropna(subset=["tahun_data"])
    parts = [ctx.markdown(ctx.t("comparison_intro", year=ctx.year))]
    if len(c) <= 1:
        parts.append(ctx.markdown(ctx.t("comparison_alone")))
        ctx.show("comparison", ctx.t("comparison_heading"), *parts)
        return
    inv = {v: k for k, v in INDICATORS.items()}
    roles = {
        "wilayah ini": ctx.t("role_self"),
        "provinsi": ctx.t("role_province"),
        "pembanding": ctx.t("role_peer"),
        "kabupaten/kota": ctx.t("role_child"),
    }
    table = pd.DataFrame(
        {
            ctx.t("col_region"): c["wilayah"],
            ctx.t("col_role"): c["peran"].map(roles),
            ctx.t("col_data_year"): c["tahun_data"],
            **{_label(ctx, inv[k]): c[k] for k in c.columns if k in inv},
            ctx.t("col_pct_active"): c["persen_aktif"] / 100,
            ctx.t("col_pct_rat"): c["persen_rat"] / 100,
        }
    )
    kinds = dict.fromkeys(table.columns[3:-2], "count") | {
        ctx.t("col_data_year"): "year",
        ctx.t("col_pct_active"): "percent",
        ctx.t("col_pct_rat"): "percent",
    }
    parts.append(ctx.table_html(table, kinds))
    if missing:
        parts.append(ctx.markdown(ctx.t("comparison_missing", names=", ".join(missing))))
    ctx.show("comparison", ctx.t("comparison_heading"), *parts)
    ctx.publish(
        "comparison", table, kinds, title=ctx.t("comparison_heading"), sheet=ctx.t("sheet_compare")
    )


def breakdowns(ctx: ReportContext) -> None:
    """Published figures below the region: per kecamatan and per jenis of koperasi."""
    fig = load_figures()
    fig = fig[(fig["year"] == ctx.year) & (fig["confidence"] != "L")]
    kec = {r.code: r.official_name for r in children(ctx.region.code, "kecamatan")}
    by_kec = fig[fig["region_code"].isin(list(kec)) & (fig["jenis"] == "")]
    by_type = fig[(fig["region_code"] == ctx.region.code) & (fig["jenis"] != "")]
    if by_kec.empty and by_type.empty:
        return
    parts = []
    for part, key, col, name in (
        (by_kec, "breakdown_kecamatan", "region", "breakdown_kecamatan"),
        (by_type, "breakdown_jenis", "jenis", "breakdown_jenis"),
    ):
        if part.empty:
            continue
        wide = part.pivot_table(
            index=col, columns="indicator", values="value", aggfunc="first", sort=False
        )
        wide = wide.rename(columns=lambda k: _label(ctx, k)).reset_index()
        if col == "jenis":
            wide[col] = wide[col].map(ctx.category)
        wide = wide.rename(columns={col: ctx.t(key)})
        total = {ctx.t(key): ctx.t("breakdown_sum")}
        total.update({c: int(wide[c].sum()) for c in wide.columns[1:]})
        wide = pd.concat([wide, pd.DataFrame([total])], ignore_index=True)
        for c in wide.columns[1:]:
            wide[c] = wide[c].astype("Int64")
        kinds = dict.fromkeys(wide.columns[1:], "count")
        parts.append(f"<h3>{_escape(ctx.t(key + '_heading'))}</h3>")
        quoted = (ctx.t(key),) if col == "region" else ()
        parts.append(ctx.table_html(wide, kinds, quoted=quoted))
        ctx.publish(
            name, wide, kinds, title=ctx.t(key + "_heading"), sheet=ctx.t(key), quoted=quoted
        )
    ctx.show("breakdowns", ctx.t("breakdown_heading", year=ctx.year), *parts)


def findings(ctx: ReportContext) -> None:
    """Data-quality findings about the region's published figures."""
    found = _findings(ctx)
    parts = [ctx.markdown(ctx.t("findings_intro"))]
    table = pd.DataFrame(
        {
            ctx.t("col_severity"): [f.severity_text(ctx.language) for f in found],
            ctx.t("col_year"): pd.array([f.year for f in found], dtype="Int64"),
            ctx.t("col_message"): [f.text(ctx.language, quote=ctx.q) for f in found],
        }
    )
    kinds = {ctx.t("col_year"): "year"}
    if found:
        parts.append(ctx.table_html(table, kinds))
    else:
        parts.append(ctx.markdown(ctx.t("findings_none")))
    ctx.show("findings", ctx.t("findings_heading"), *parts)
    ctx.publish(
        "findings", table, kinds, title=ctx.t("findings_heading"), sheet=ctx.t("sheet_findings")
    )


def sources_frame(ctx: ReportContext) -> pd.DataFrame:
    """The sources cited by this region's figures, with readable labels."""
    from kopedu.figures import load_sources

    ids = set(region_figures(ctx.region)["figure_id"])
    fig = load_figures()
    used = set(fig.loc[fig["figure_id"].isin(ids), "source_id"])
    src = load_sources()
    src = src[src["source_id"].isin(used)]
    return pd.DataFrame(
        {
            ctx.t("col_publisher"): src["publisher"],
            ctx.t("col_title"): src["title"],
            ctx.t("col_date"): src["date"].map(ctx.date),
            ctx.t("col_kind"): src["kind"].map(
                {"seed": ctx.t("kind_seed"), "secondary": ctx.t("kind_secondary")}
            ),
            ctx.t("col_url"): src["url_or_ref"].replace("", None),
        }
    ).reset_index(drop=True)


def sources(ctx: ReportContext) -> None:
    """The sources cited by this region's figures."""
    table = sources_frame(ctx)
    kinds = {ctx.t("col_date"): "date"}
    quoted = (ctx.t("col_publisher"), ctx.t("col_title"), ctx.t("col_url"))
    if table.empty:
        body = ctx.markdown(ctx.t("sources_none"))
    else:
        body = ctx.table_html(table, kinds, quoted=quoted)
    ctx.show("sources", ctx.t("sources_heading"), body)
    ctx.publish(
        "sources",
        table,
        kinds,
        title=ctx.t("sources_heading"),
        sheet=ctx.t("sheet_sources"),
        quoted=quoted,
    )
