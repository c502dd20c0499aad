"""Registry sections of the regional report: status, RAT compliance, priorities, quality.

The report notebook (``notebooks/reports/laporan_wilayah.ipynb``) calls one method per
section; each displays Markdown, a formatted table or a seaborn chart in the report's
language, and keeps every table so that :meth:`RegistrySections.save_tables` can write
them, formula-safe, to one XLSX workbook next to the HTML. Names and text from a
trainer's registry reach the HTML only through escaped tables (pandas ``Styler``
escaping) or escaped Markdown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from kopedu.errors import ParameterError
from kopedu.formatting import format_number, format_percent
from kopedu.regions import Region, lookup_region
from kopedu.registry.export import write_xlsx
from kopedu.registry.model import SYNTHETIC_LABEL, Registry
from kopedu.registry.rat import latest_year, priority_list, summarise
from kopedu.registry.status import StatusDefinition, get_definition

__all__ = ["TEXTS", "RegistrySections", "load_for_report"]

TEXTS: dict[str, dict[str, str]] = {
    "id": {
        "source_synthetic": "**Registri: {label}.** Koperasinya karangan; jumlah-jumlahnya "
        "dikalibrasi agar sama dengan angka terbitan dinas (lihat docs/registry.md).",
        "source_file": "**Registri:** {source} ({n} koperasi, {m} baris RAT).",
        "definition": "Definisi status aktif: **{label}** ({code}).",
        "status_heading": "Registri: jumlah dan status koperasi, {year}",
        "status_sentence": "Dari **{total}** koperasi, **{aktif}** aktif ({share}), "
        "**{tidak}** tidak aktif{proses}.",
        "status_proses": " dan **{n}** dalam proses pembubaran",
        "status_empty": "Registri tidak memuat koperasi untuk {region} pada {year}.",
        "year_beyond": "Registri hanya berisi RAT sampai tahun buku {last}; angka {year} belum "
        "lengkap.",
        "by_kecamatan": "Per kecamatan",
        "by_kabupaten_kota": "Per kabupaten/kota",
        "by_jenis": "Per jenis koperasi",
        "rat_heading": "Kepatuhan RAT",
        "rat_sentence": "RAT {year} (tahun buku {tb}): **{rat}** koperasi, tingkat RAT "
        "**{rate}** dari koperasi aktif; tepat waktu (≤ 6 bulan): **{ontime}**; layak NIK "
        "(RAT dua tahun berturut-turut): **{nik}**.",
        "rat_chart_title": "Koperasi aktif dan yang melaksanakan RAT",
        "health_heading": "Kesehatan koperasi",
        "health_none": "Penilaian kesehatan memerlukan neraca dan rasio tiap koperasi "
        "(modul `kp.health`); registri ini tidak memuatnya. Angka kesehatan yang diterbitkan "
        "dinas, bila ada, tampil di bagian angka terbitan di atas.",
        "health_some": "Registri memuat ringkasan keuangan untuk **{n}** koperasi "
        "(tahun buku {tb}); penilaian kesehatan lengkap memerlukan data rasio `kp.health`.",
        "priority_heading": "Daftar koperasi prioritas pembinaan",
        "priority_intro": "Usulan dari data registri, bukan keputusan: *pembubaran* = "
        "{bubar}+ tahun buku tanpa RAT atau tercatat proses pembubaran; *pembekuan* = {beku}+ "
        "tahun; *pembinaan* = RAT terakhir terlewat, terlambat, atau belum dilaporkan. "
        "Ditampilkan paling banyak {limit} koperasi per tindak lanjut; daftar lengkap ada di "
        "file XLSX.",
        "priority_counts": "Jumlah: pembubaran **{pembubaran}**, pembekuan **{pembekuan}**, "
        "pembinaan **{pembinaan}**.",
        "quality_heading": "Temuan mutu data registri",
        "quality_none": "Tidak ada temuan: registri terbaca tanpa catatan.",
        "xlsx_note": "Semua tabel bagian registri juga ditulis ke file XLSX di samping laporan "
        "ini.",
        "col_group": "kelompok",
        "col_year": "tahun",
        "col_total": "jumlah",
        "col_aktif": "aktif",
        "col_tidak_aktif": "tidak aktif",
        "col_proses": "proses pembubaran",
        "col_rat": "RAT",
        "col_rat_on_time": "RAT tepat waktu",
        "col_pct_rat": "% RAT dari aktif",
        "col_nik": "layak NIK",
        "col_name": "nama koperasi",
        "col_kecamatan": "kecamatan",
        "col_jenis": "jenis",
        "col_last": "RAT terakhir (tahun buku)",
        "col_gap": "tahun tanpa RAT",
        "col_action": "tindak lanjut",
        "col_reason": "alasan",
        "col_where": "letak",
        "col_message": "temuan",
    },
    "en": {
        "source_synthetic": "**Registry: {label}.** The cooperatives are invented; their "
        "counts are calibrated to equal the published figures (see docs/registry.md).",
        "source_file": "**Registry:** {source} ({n} cooperatives, {m} RAT rows).",
        "definition": "Definition of an active cooperative: **{label}** ({code}).",
        "status_heading": "Registry: cooperatives and their status, {year}",
        "status_sentence": "Of **{total}** cooperatives, **{aktif}** are active ({share}), "
        "**{tidak}** inactive{proses}.",
        "status_proses": " and **{n}** being dissolved",
        "status_empty": "The registry holds no cooperatives for {region} in {year}.",
        "year_beyond": "The registry holds RAT up to fiscal year {last}; {year} is incomplete.",
        "by_kecamatan": "By district (kecamatan)",
        "by_kabupaten_kota": "By regency/city",
        "by_jenis": "By type of cooperative",
        "rat_heading": "Annual members' meeting (RAT) compliance",
        "rat_sentence": "RAT in {year} (fiscal year {tb}): **{rat}** cooperatives, an RAT rate "
        "of **{rate}** of active ones; on time (≤ 6 months): **{ontime}**; eligible for a NIK "
        "(RAT two years running): **{nik}**.",
        "rat_chart_title": "Active cooperatives and those holding their RAT",
        "health_heading": "Cooperative health",
        "health_none": "A health assessment needs each cooperative's balance sheet and ratios "
        "(`kp.health`); this registry does not hold them. Published health figures, if any, "
        "appear with the published figures above.",
        "health_some": "The registry holds financial summaries for **{n}** cooperatives (fiscal "
        "year {tb}); a full health assessment needs the `kp.health` ratio data.",
        "priority_heading": "Cooperatives to prioritise",
        "priority_intro": "Proposals from the registry, not decisions: *pembubaran* "
        "(dissolution) = {bubar}+ fiscal years without RAT or recorded as being dissolved; "
        "*pembekuan* (freezing) = {beku}+ years; *pembinaan* (guidance) = last RAT missed, late "
        "or not reported. At most {limit} cooperatives per action are shown; the XLSX file "
        "has the full list.",
        "priority_counts": "Counts: dissolution **{pembubaran}**, freezing **{pembekuan}**, "
        "guidance **{pembinaan}**.",
        "quality_heading": "Registry data-quality findings",
        "quality_none": "No findings: the registry was read without notes.",
        "xlsx_note": "Every table of the registry sections is also written to an XLSX file "
        "next to this report.",
        "col_group": "group",
        "col_year": "year",
        "col_total": "total",
        "col_aktif": "active",
        "col_tidak_aktif": "inactive",
        "col_proses": "being dissolved",
        "col_rat": "RAT",
        "col_rat_on_time": "RAT on time",
        "col_pct_rat": "% RAT of active",
        "col_nik": "NIK eligible",
        "col_name": "cooperative",
        "col_kecamatan": "district",
        "col_jenis": "type",
        "col_last": "last RAT (fiscal year)",
        "col_gap": "years without RAT",
        "col_action": "action",
        "col_reason": "reason",
        "col_where": "where",
        "col_message": "finding",
    },
}

_COUNT_COLS = {
    "total": "col_total",
    "aktif": "col_aktif",
    "tidak_aktif": "col_tidak_aktif",
    "proses_pembubaran": "col_proses",
    "rat": "col_rat",
    "rat_tepat_waktu": "col_rat_on_time",
    "persen_rat": "col_pct_rat",
    "layak_nik": "col_nik",
}


def load_for_report(registry: str = "") -> Registry:
    """The registry a report uses: a trainer's file, or the bundled synthetic one.

    Examples
    --------
    >>> load_for_report("").synthetic
    True
    """
    from kopedu.registry.loader import load_registry
    from kopedu.registry.synthetic import load_synthetic

    registry = (registry or "").strip()
    return load_registry(registry) if registry else load_synthetic()


def check_report_parameters(registry: str = "", definition: str = "") -> dict[str, str]:
    """Validate the registry parameters before a kernel starts; returns normalised values.

    Raises
    ------
    ParameterError
        The registry file does not exist or is not XLSX/CSV, or the definition is unknown.

    Examples
    --------
    >>> check_report_parameters("", "KALTIM")
    {'registry': '', 'definition': 'kaltim'}
    """
    out = {"registry": "", "definition": get_definition(definition or None).key}
    registry = (registry or "").strip()
    if registry:
        path = Path(registry).expanduser()
        if not path.exists():
            raise ParameterError(f"File registri tidak ditemukan: {registry}")
        if path.is_file() and path.suffix.lower() not in {".xlsx", ".xlsm", ".csv"}:
            raise ParameterError(
                f"File registri harus .xlsx atau .csv (atau folder CSV), bukan {path.name}."
            )
        out["registry"] = str(path.resolve())
    return out


def _styled(df: pd.DataFrame):
    """Indonesian numbers, '–' for missing, escaped text, no index (the report's style)."""
    from kopedu.regional_report import format_table

    return format_table(df)


@dataclass(frozen=True)
class RegistrySections:
    """Registry-based sections for one region and year.

    Examples
    --------
    >>> s = RegistrySections.create("Balikpapan", 2024)
    >>> int(s.counts["aktif"]), s.registry.synthetic
    (440, True)
    """

    region: Region
    year: int
    language: str
    registry: Registry
    definition: StatusDefinition
    tables: dict[str, pd.DataFrame] = field(default_factory=dict, compare=False)

    @classmethod
    def create(
        cls,
        region: str,
        year: int,
        language: str = "id",
        registry: str = "",
        definition: str = "kemenkop",
    ) -> RegistrySections:
        """Build from the raw parameter values the report notebook receives."""
        r = lookup_region(region)
        reg = load_for_report(registry).for_region(r)
        return cls(r, int(year), str(language), reg, get_definition(definition))

    # -- helpers ---------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        """A text in the report's language."""
        return TEXTS.get(self.language, TEXTS["id"])[key].format(**values)

    def _md(self, body: str) -> None:
        from IPython.display import Markdown, display

        display(Markdown(body))

    def _keep(self, name: str, df: pd.DataFrame) -> pd.DataFrame:
        self.tables[name] = df
        return df

    def _labels(self, df: pd.DataFrame) -> pd.DataFrame:
        df = df.copy()
        if "persen_rat" in df:
            df["persen_rat"] = df["persen_rat"] * 100  # shown as a percentage, one decimal
        if "tahun" in df:
            df["tahun"] = df["tahun"].astype(str)  # not "2.015"
        cols = {k: self.t(v) for k, v in _COUNT_COLS.items()}
        cols["tahun"] = self.t("col_year")
        return df.rename(columns=cols)

    @cached_property
    def trend(self) -> pd.DataFrame:
        """Counts per year, 2015 (first full RAT window) … report year."""
        tb = self.registry.rat["tahun_buku"]
        first = max(2015, int(tb.min()) + 3) if len(tb) else self.year
        years = list(range(min(first, self.year), self.year + 1))
        return summarise(self.registry, years, self.definition)

    @cached_property
    def counts(self) -> pd.Series:
        """The report year's counts."""
        return self.trend.iloc[-1]

    # -- sections ----------------------------------------------------------------
    def status_section(self):
        """Source of the registry, definition, counts and breakdowns with a chart."""
        import seaborn as sns

        reg = self.registry
        if reg.synthetic:
            self._md(self.t("source_synthetic", label=SYNTHETIC_LABEL))
        else:
            self._md(
                self.t(
                    "source_file",
                    source=html.escape(reg.source),
                    n=format_number(len(reg.koperasi)),
                    m=format_number(len(reg.rat)),
                )
            )
        self._md(
            f"## {self.t('status_heading', year=self.year)}\n\n"
            + self.t("definition", label=self.definition.label, code=self.definition.key)
        )
        c = self.counts
        if c["total"] == 0:
            self._md(self.t("status_empty", region=self.region.official_name, year=self.year))
            return None
        try:
            last = latest_year(reg) - 1
            if self.year > last + 1:
                self._md(self.t("year_beyond", last=last, year=self.year))
        except ParameterError:
            pass
        proses = (
            self.t("status_proses", n=format_number(int(c["proses_pembubaran"])))
            if c["proses_pembubaran"]
            else ""
        )
        self._md(
            self.t(
                "status_sentence",
                total=format_number(int(c["total"])),
                aktif=format_number(int(c["aktif"])),
                share=format_percent(c["aktif"] / c["total"]),
                tidak=format_number(int(c["tidak_aktif"])),
                proses=proses,
            )
        )
        by = "kabupaten_kota" if self.region.level in ("provinsi", "nasional") else "kecamatan"
        cols = ["total", "aktif", "tidak_aktif", "proses_pembubaran", "rat", "persen_rat"]
        for group in (by, "jenis"):
            part = summarise(reg, self.year, self.definition, by=group)
            part = part.sort_values("total", ascending=False)[[group, *cols]]
            part = self._keep(f"per_{group}", part.reset_index(drop=True))
            self._md(f"### {self.t('by_' + group)}")
            from IPython.display import display

            display(_styled(self._labels(part.rename(columns={group: self.t("col_group")}))))
        part = self.tables[f"per_{by}"]
        long = part.melt(id_vars=by, value_vars=["aktif", "tidak_aktif"], var_name="status")
        long["status"] = long["status"].map(
            {"aktif": self.t("col_aktif"), "tidak_aktif": self.t("col_tidak_aktif")}
        )
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(8, max(3.0, 0.35 * len(part) + 1)))
        sns.barplot(data=long, y=by, x="value", hue="status", orient="h", ax=ax)
        ax.set_xlabel(self.t("col_total"))
        ax.set_ylabel("")
        ax.set_title(f"{self.region.official_name}, {self.year}")
        return ax

    def rat_section(self):
        """RAT counts, rate, timeliness, NIK eligibility and the trend chart."""
        import seaborn as sns

        self._md(f"## {self.t('rat_heading')}")
        c = self.counts
        if c["total"] == 0:
            self._md(self.t("status_empty", region=self.region.official_name, year=self.year))
            return None
        rate = "–" if pd.isna(c["persen_rat"]) else format_percent(c["persen_rat"])
        self._md(
            self.t(
                "rat_sentence",
                year=self.year,
                tb=self.year - 1,
                rat=format_number(int(c["rat"])),
                rate=rate,
                ontime=format_number(int(c["rat_tepat_waktu"])),
                nik=format_number(int(c["layak_nik"])),
            )
        )
        trend = self._keep(
            "tren",
            self.trend[["tahun", "total", "aktif", "tidak_aktif", "rat", "rat_tepat_waktu",
                        "persen_rat", "layak_nik"]],
        )  # fmt: skip
        from IPython.display import display

        display(_styled(self._labels(trend)))
        long = trend.melt(id_vars="tahun", value_vars=["aktif", "rat"], var_name="ukuran")
        long["ukuran"] = long["ukuran"].map({"aktif": self.t("col_aktif"), "rat": "RAT"})
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
        sns.lineplot(data=long, x="tahun", y="value", hue="ukuran", marker="o", ax=ax)
        ax.set_xlabel(self.t("col_year"))
        ax.set_ylabel(self.t("col_total"))
        ax.set_title(self.t("rat_chart_title"))
        return ax

    def health_section(self) -> None:
        """What can be said about health from the registry (needs kp.health data)."""
        self._md(f"## {self.t('health_heading')}")
        keu = self.registry.keuangan
        tb = self.year - 1
        if keu is not None and (keu["tahun_buku"] == tb).any():
            n = int(keu.loc[keu["tahun_buku"] == tb, "id_koperasi"].nunique())
            self._md(self.t("health_some", n=format_number(n), tb=tb))
        else:
            self._md(self.t("health_none"))

    def priority_section(self, limit: int = 15):
        """The follow-up list, most serious first (full list in the XLSX)."""
        from IPython.display import display

        d = self.definition
        self._md(
            f"## {self.t('priority_heading')}\n\n"
            + self.t(
                "priority_intro", bubar=d.pembubaran_after, beku=d.pembekuan_after, limit=limit
            )
        )
        p = priority_list(self.registry, self.year, d)
        cols = ["id_koperasi", "nama_koperasi", "kecamatan", "jenis", "rat_terakhir",
                "tahun_tanpa_rat", "tindak_lanjut", "alasan"]  # fmt: skip
        p = self._keep("prioritas", p[cols].assign(jenis=p["jenis"].astype("string")))
        counts = p["tindak_lanjut"].value_counts()
        self._md(
            self.t("priority_counts", **{a: format_number(int(counts.get(a, 0)))
                                         for a in ("pembubaran", "pembekuan", "pembinaan")})
        )  # fmt: skip
        shown = p.groupby("tindak_lanjut", sort=False).head(limit)
        shown = shown.drop(columns="id_koperasi").rename(
            columns={
                "nama_koperasi": self.t("col_name"),
                "kecamatan": self.t("col_kecamatan"),
                "jenis": self.t("col_jenis"),
                "rat_terakhir": self.t("col_last"),
                "tahun_tanpa_rat": self.t("col_gap"),
                "tindak_lanjut": self.t("col_action"),
                "alasan": self.t("col_reason"),
            }
        )
        display(_styled(shown))

    def quality_section(self):
        """Data-quality findings recorded while reading the registry."""
        from IPython.display import display

        self._md(f"## {self.t('quality_heading')}\n\n{self.t('xlsx_note')}")
        findings = self.registry.findings
        df = pd.DataFrame(
            {
                "letak": [
                    ", ".join(
                        x
                        for x in (f.sheet or "", f"baris {f.row}" if f.row else "", f.column or "")
                        if x
                    )
                    for f in findings
                ],
                "temuan": [f.message for f in findings],
            }
        )
        self._keep("temuan_registri", df)
        if df.empty:
            self._md(self.t("quality_none"))
            return None
        display(_styled(df.rename(columns={"letak": self.t("col_where"),
                                           "temuan": self.t("col_message")})))  # fmt: skip
        return None

    def save_tables(self, path: str | Path) -> Path | None:
        """Write every table shown so far to one XLSX workbook (formula-safe, atomic)."""
        if not str(path or "").strip():
            return None
        label = pd.DataFrame(
            {
                "wilayah": [self.region.official_name],
                "tahun": [self.year],
                "definisi": [self.definition.key],
                "registri": [SYNTHETIC_LABEL if self.registry.synthetic else self.registry.source],
            }
        )
        return write_xlsx({"keterangan": label, **self.tables}, path)
