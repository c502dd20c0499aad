"""The sections of the regional report, each a small method the report notebook calls.

The notebook (``notebooks/reports/laporan_wilayah.ipynb``) stays thin: one cell per
section, ``rpt.summary()``, ``rpt.funnel_chart()`` … Each section displays Markdown,
a formatted table or a chart in the report's language (texts in
``kopedu/texts/report.yaml``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from IPython.display import Markdown, display

import kopedu
from kopedu.consistency import check_figures
from kopedu.figures import INDICATORS, INDICATORS_EN, figure, funnel, load_sources, rat_rate
from kopedu.formatting import format_number
from kopedu.paths import data_path
from kopedu.regional import comparison, region_figures, trend
from kopedu.regions import Region, lookup_region
from kopedu.texts import text

__all__ = ["RegionalReport", "format_table"]

DATA_FILES = ("figures.csv", "sources.csv", "regions.csv", "region_aliases.csv")


def _fmt_cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int) or (hasattr(value, "is_integer") and float(value).is_integer()):
        return format_number(int(value))
    if isinstance(value, float):
        return format_number(value, decimals=1)
    return str(value)


def format_table(df: pd.DataFrame):
    """A DataFrame styled for the report: Indonesian numbers, "–" for missing, text
    escaped for HTML, no index."""
    year_like = [c for c in df.columns if str(c).lower().startswith(("tahun", "year", "data year"))]
    # Text may come from a trainer's file: always escape it for HTML.
    styler = df.style.format(_fmt_cell, escape="html")
    if year_like:
        styler = styler.format(lambda v: "–" if pd.isna(v) else str(int(v)), subset=year_like)
    return styler.hide(axis="index")


@dataclass(frozen=True)
class RegionalReport:
    """Report sections for one region, year and language.

    Examples
    --------
    >>> rpt = RegionalReport.create("Kutim", 2023)
    >>> rpt.region.official_name
    'Kabupaten Kutai Timur'
    """

    region: Region
    year: int
    language: str = "id"

    @classmethod
    def create(cls, region: str, year: int, language: str = "id") -> RegionalReport:
        """Build from the raw parameter values the notebook receives."""
        return cls(lookup_region(region), int(year), str(language))

    # -- helpers -------------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        """A report text in the report's language."""
        return text("report", key, self.language, **values)

    def label(self, indicator: str) -> str:
        """Indicator label in the report's language."""
        return (INDICATORS_EN if self.language == "en" else INDICATORS)[indicator]

    def _md(self, body: str) -> None:
        display(Markdown(body))

    @cached_property
    def findings(self) -> list:
        """Consistency findings for this region."""
        return check_figures(region=self.region.code)

    # -- sections ------------------------------------------------------------------
    def header(self) -> None:
        """Title, subtitle and the parameters and data files used."""
        self._md(
            f"# {self.t('title', region=self.region.official_name, year=self.year)}\n\n"
            f"{self.t('subtitle', version=kopedu.__version__)}"
        )
        digests = []
        for name in DATA_FILES:
            h = hashlib.sha256(data_path(name).read_bytes()).hexdigest()[:12]
            digests.append(f"`{name}` (sha256 {h})")
        self._md(
            f"**{self.t('params_heading')}** — "
            f"{self.t('params_region')}: {self.region.official_name} (kode {self.region.code}, "
            f"BPS {self.region.bps_code or '–'}); {self.t('params_year')}: {self.year}; "
            f"{self.t('params_language')}: {self.language}; "
            f"{self.t('params_data')}: {', '.join(digests)}."
        )

    def summary(self) -> None:
        """Key sentences: total, aktif (share), tidak aktif, RAT and its rate."""
        self._md(f"## {self.t('summary_heading')}")
        f = funnel(self.region, self.year).set_index("indicator")
        name = self.region.official_name
        if pd.isna(f.loc["koperasi_total", "jumlah"]) and pd.isna(
            f.loc["koperasi_aktif", "jumlah"]
        ):
            self._md(self.t("summary_none", region=name, year=self.year))
            return
        lines = []
        total, aktif = f.loc["koperasi_total", "jumlah"], f.loc["koperasi_aktif", "jumlah"]
        if pd.notna(total):
            lines.append(
                self.t(
                    "summary_sentence_total",
                    region=name,
                    year=self.year,
                    total=format_number(int(total)),
                    source=f.loc["koperasi_total", "sumber"],
                )
            )
        if pd.notna(aktif):
            share = (
                format_number(float(aktif) / float(total) * 100, 1) + " %"
                if pd.notna(total)
                else "–"
            )
            lines.append(
                self.t("summary_sentence_aktif", aktif=format_number(int(aktif)), share=share)
            )
        try:
            tidak = figure(self.region, "koperasi_tidak_aktif", self.year)
            lines.append(self.t("summary_sentence_tidak", tidak=format_number(tidak)))
        except kopedu.KopeduError:
            pass
        rat = f.loc["koperasi_rat", "jumlah"]
        if pd.notna(rat) and pd.notna(aktif):
            rate = format_number(rat_rate(int(rat), int(aktif)), 2) + " %"
            lines.append(
                self.t(
                    "summary_sentence_rat",
                    rat=format_number(int(rat)),
                    rat_year=int(f.loc["koperasi_rat", "tahun"]),
                    rate=rate,
                )
            )
        for fnd in self.findings:
            if fnd.kind == "jumlah_tidak_cocok" and fnd.year == self.year:
                lines.append(f"⚠️ {fnd.message}")
        self._md("\n".join(f"- {line}" for line in lines))

    def figures_table(self):
        """Every figure published for the region and year, as written, with its source."""
        self._md(f"### {self.t('figures_heading', year=self.year)}\n\n{self.t('figures_intro')}")
        df = region_figures(self.region, self.year)
        if df.empty:
            df = region_figures(self.region)
        if self.language == "en":
            inv = {v: k for k, v in INDICATORS.items()}
            df["indikator"] = df["indikator"].map(lambda s: INDICATORS_EN[inv[s]])
        df = df.drop(columns=["figure_id"]).rename(
            columns={
                "tahun": self.t("col_year"),
                "indikator": self.t("col_indicator"),
                "jenis": self.t("col_jenis"),
                "jumlah": self.t("col_value"),
                "ditulis_sumber": self.t("col_as_written"),
                "sumber": self.t("col_source"),
                "tanggal": self.t("col_date"),
                "keyakinan": self.t("col_confidence"),
                "catatan": self.t("col_note"),
            }
        )
        return format_table(df)

    def funnel_chart(self, ax=None):
        """Horizontal bars: total → aktif → RAT → sehat, with values."""
        from kopedu.plots import funnel_plot

        self._md(f"## {self.t('funnel_heading')}\n\n{self.t('funnel_intro')}")
        f = funnel(self.region, self.year)
        f["tahap"] = f["indicator"].map(self.label)
        ax = funnel_plot(
            f, ax=ax, xlabel=self.t("funnel_xlabel"), missing_label=self.t("funnel_missing")
        )
        ax.set_title(f"{self.region.official_name}, {self.year}")
        return ax

    def trend_chart(self, ax=None):
        """Line chart of the published yearly series."""
        from kopedu.plots import trend_plot

        self._md(f"## {self.t('trend_heading')}")
        t = trend(self.region)
        if t.dropna(how="all").shape[0] < 2:
            self._md(self.t("trend_none"))
            return None
        inv = {v: k for k, v in INDICATORS.items()}
        t = t.rename(columns=lambda c: self.label(inv[c]))
        return trend_plot(
            t,
            ax=ax,
            xlabel=self.t("trend_xlabel"),
            ylabel=self.t("trend_ylabel"),
            mark_year=self.year,
        )

    def comparison_table(self):
        """The region beside its province and peers (latest published year of each)."""
        self._md(
            f"## {self.t('comparison_heading')}\n\n{self.t('comparison_intro', year=self.year)}"
        )
        c = comparison(self.region, self.year)
        missing = c.loc[c["tahun_data"].isna(), "wilayah"].tolist()
        c = c.dropna(subset=["tahun_data"])
        if missing:
            self._md(self.t("comparison_missing", names=", ".join(missing)))
        inv = {v: k for k, v in INDICATORS.items()}
        c = c.rename(
            columns={
                "wilayah": self.t("col_region"),
                "peran": self.t("col_role"),
                "tahun_data": self.t("col_data_year"),
                "persen_aktif": self.t("col_pct_active"),
                "persen_rat": self.t("col_pct_rat"),
                **{v: self.label(k) for v, k in inv.items() if v in c.columns},
            }
        )
        return format_table(c)

    def breakdown_tables(self) -> None:
        """Published figures below the region: per kecamatan and per jenis of koperasi."""
        from kopedu.figures import load_figures
        from kopedu.regions import children

        fig = load_figures()
        fig = fig[fig["year"] == self.year]
        kec = {r.code: r.official_name for r in children(self.region.code, "kecamatan")}
        by_kec = fig[fig["region_code"].isin(list(kec)) & (fig["jenis"] == "")]
        by_type = fig[(fig["region_code"] == self.region.code) & (fig["jenis"] != "")]
        if by_kec.empty and by_type.empty:
            return
        self._md(f"## {self.t('breakdown_heading', year=self.year)}")
        for part, key, col in (
            (by_kec, "breakdown_kecamatan", "region"),
            (by_type, "breakdown_jenis", "jenis"),
        ):
            if part.empty:
                continue
            wide = part.pivot_table(
                index=col, columns="indicator", values="value", aggfunc="first", sort=False
            )
            wide = wide.rename(columns=self.label).reset_index()
            wide = wide.rename(columns={col: self.t(key)})
            total = {self.t(key): self.t("breakdown_sum")}
            total.update({c: int(wide[c].sum()) for c in wide.columns[1:]})
            wide = pd.concat([wide, pd.DataFrame([total])], ignore_index=True)
            display(format_table(wide))

    def findings_table(self):
        """Data-quality findings about the region's figures."""
        self._md(f"## {self.t('findings_heading')}\n\n{self.t('findings_intro')}")
        if not self.findings:
            self._md(self.t("findings_none"))
            return None
        df = pd.DataFrame(
            {
                self.t("col_severity"): [f.severity for f in self.findings],
                self.t("col_year"): [f.year for f in self.findings],
                self.t("col_message"): [f.message for f in self.findings],
            }
        )
        return format_table(df)

    def sources_table(self):
        """The sources cited by this region's figures."""
        self._md(f"## {self.t('sources_heading')}")
        ids = set(region_figures(self.region)["figure_id"])
        from kopedu.figures import load_figures

        fig = load_figures()
        used = set(fig.loc[fig["figure_id"].isin(ids), "source_id"])
        src = load_sources()
        src = src[src["source_id"].isin(used)]
        df = pd.DataFrame(
            {
                self.t("col_publisher"): src["publisher"],
                self.t("col_title"): src["title"],
                self.t("col_date"): src["date"].replace("", "–"),
                self.t("col_kind"): src["kind"].map(
                    {"seed": self.t("kind_seed"), "secondary": self.t("kind_secondary")}
                ),
            }
        )
        return format_table(df)
