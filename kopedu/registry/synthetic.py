"""A synthetic registry calibrated so that its aggregates equal the published figures.

**Every cooperative in it is invented** (ids start with ``SINT-``, names contain
"Sintetis", the ``keterangan`` column says so, and :class:`Registry.synthetic` is
True). It covers Kalimantan Timur and Kalimantan Tengah with all their kabupaten/kota,
RAT history for tahun buku 2012–2023 (RAT seasons 2013–2024), and reproduces, under
the default status definition (``kemenkop``), the figures listed in :data:`TARGETS`
(each with the ``figure_id`` of ``data/figures.csv``). Choices where published figures
contradict each other are listed in :data:`NOT_FOLLOWED` and in ``docs/registry.md``.

How it is built (deterministic for a given seed):

1. *Plan*: for each kabupaten/kota and year 2013–2024, the number of cooperatives
   (total) and aktif, from its own published figures, else from the province's,
   split by fixed weights (largest remainder, so parts add up exactly).
2. *Spells*: each cooperative is founded in a year and stays aktif until a chosen
   year; the numbers that stop being aktif, are founded or are dissolved each year
   follow from the plan.
3. *RAT*: each season, cooperatives whose three-year window would otherwise lapse
   hold their RAT; others hold it at random, except in calibrated seasons, where
   exactly the published number do (earliest deadline first).
4. *Attributes*: jenis and kecamatan are drawn so that published breakdowns (aktif by
   jenis and by kecamatan in Balikpapan 2024, Muara Bengkal 2023, KSP in Kaltim
   2021) hold exactly.

Regenerate with ``python -m kopedu.registry.synthetic`` (or ``kopedu registry
sintetis``); the output in ``data/registry/`` is committed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from kopedu.errors import KopeduError
from kopedu.paths import data_path
from kopedu.registry.model import SYNTHETIC_LABEL, Registry

__all__ = [
    "NOT_FOLLOWED",
    "SEED",
    "TARGETS",
    "Target",
    "generate_synthetic",
    "load_synthetic",
    "write_synthetic",
]

log = logging.getLogger("kopedu")

SEED = 20240730  # the date of the Palangka Raya article
YEARS = tuple(range(2013, 2025))  # status years = RAT seasons simulated
BIG = 99_999
P_OPTIONAL = 0.4  # chance that a cooperative holds an RAT it could still postpone
CHURN = 0.03  # minimum share of aktif cooperatives that lapse each year
LATE_SHARE = 0.15  # RAT held after the six-month deadline


@dataclass(frozen=True, slots=True)
class Target:
    """One published figure the synthetic registry reproduces exactly.

    Attributes
    ----------
    figure_id : str
        Row of ``data/figures.csv``.
    region_code : str
        Kemendagri code.
    year : int
        Status year (see :mod:`kopedu.registry.rat`).
    metric : str
        Column of :func:`~kopedu.registry.rat.summarise` (``total``, ``aktif``,
        ``tidak_aktif``, ``proses_pembubaran``, ``rat``), or ``baru`` (founded in the
        year), ``anggota`` (sum of members), ``ksp_total`` (simpan pinjam incl.
        syariah, all statuses).
    value : int
    jenis : str
        Restrict to one jenis ("" = all).
    """

    figure_id: str
    region_code: str
    year: int
    metric: str
    value: int
    jenis: str = ""


TARGETS: tuple[Target, ...] = (
    # Kutai Timur (seeds 000, 001; P106)
    Target("F001", "64.08", 2021, "total", 1150),
    Target("F002", "64.08", 2022, "aktif", 655),
    Target("F003", "64.08", 2023, "total", 1209),
    Target("F004", "64.08", 2023, "aktif", 325),
    Target("F006", "64.08.03", 2023, "total", 49),
    Target("F007", "64.08.03", 2023, "aktif", 19),
    Target("F129", "64.08", 2023, "anggota", 61460),
    Target("F130", "64.08", 2023, "baru", 36),
    # Kalimantan Timur (seed 002; P101, P102)
    Target("F008", "64", 2015, "total", 5407),
    Target("F009", "64", 2015, "rat", 901),
    Target("F101", "64", 2021, "total", 5745),
    Target("F102", "64", 2021, "aktif", 2901),
    Target("F103", "64", 2021, "tidak_aktif", 2844),
    Target("F105", "64", 2021, "ksp_total", 152, "simpan pinjam"),
    Target("F106", "64", 2023, "total", 6095),
    Target("F107", "64", 2023, "aktif", 3129),
    Target("F108", "64", 2023, "tidak_aktif", 2966),
    # Balikpapan (seed 003; P103)
    Target("F011", "64.71", 2024, "total", 587),
    Target("F012", "64.71", 2024, "aktif", 440),
    Target("F013", "64.71", 2024, "rat", 70),
    Target("F109", "64.71", 2024, "tidak_aktif", 147),
    Target("F110", "64.71", 2024, "aktif", 354, "konsumen"),
    Target("F111", "64.71", 2024, "aktif", 33, "produsen"),
    Target("F112", "64.71", 2024, "aktif", 19, "jasa"),
    Target("F113", "64.71", 2024, "aktif", 14, "pemasaran"),
    Target("F114", "64.71", 2024, "aktif", 15, "simpan pinjam"),
    Target("F115", "64.71", 2024, "aktif", 5, "simpan pinjam syariah"),
    Target("F116", "64.71.06", 2024, "aktif", 143),
    Target("F117", "64.71.05", 2024, "aktif", 82),
    Target("F118", "64.71.03", 2024, "aktif", 76),
    Target("F119", "64.71.04", 2024, "aktif", 62),
    Target("F120", "64.71.01", 2024, "aktif", 40),
    Target("F121", "64.71.02", 2024, "aktif", 36),
    # Samarinda (P104): total and aktif; tidak aktif not followed (see NOT_FOLLOWED)
    Target("F122", "64.72", 2021, "total", 1264),
    Target("F123", "64.72", 2021, "aktif", 273),
    # Palangka Raya (seed 004; P111)
    Target("F017", "62.71", 2024, "total", 298),
    Target("F018", "62.71", 2024, "aktif", 177),
    Target("F019", "62.71", 2024, "tidak_aktif", 99),
    Target("F020", "62.71", 2024, "proses_pembubaran", 22),
    Target("F021", "62.71", 2023, "rat", 52),
    Target("F143", "62.71", 2016, "total", 273),
    # Kalimantan Tengah (P110, P111)
    Target("F136", "62", 2020, "total", 2946),
    Target("F137", "62", 2020, "tidak_aktif", 696),
    Target("F138", "62", 2022, "total", 3287),
    Target("F139", "62", 2022, "tidak_aktif", 675),
    Target("F140", "62", 2024, "total", 3782),
    Target("F141", "62", 2024, "tidak_aktif", 885),
    Target("F142", "62", 2016, "total", 3244),
    Target("F145", "62.03", 2017, "total", 409),
)

#: Published figures in the covered regions the synthetic data do *not* reproduce, and why.
NOT_FOLLOWED: dict[str, str] = {
    "F005": "Kutim 2023 tidak aktif 879: 1.209 − 325 = 884; data sintetis mengikuti total "
    "dan aktif, sehingga tidak aktif = 884.",
    "F104": "Kaltim 2021 sektor riil 5.593 = 5.745 − 152 mengikuti dengan sendirinya dari F101 "
    "dan F105 (semua jenis selain simpan pinjam dan simpan pinjam syariah).",
    "F124": "Samarinda 2021 tidak aktif 988: 1.264 − 273 = 991; mengikuti total dan aktif.",
    "F125": "Hitungan satgas Kutim 2023 (600 koperasi) bertentangan dengan 1.209 (L).",
    "F126": "Hitungan satgas Kutim 2023 (300 aktif) bertentangan dengan 325 (L).",
    "F127": "Laporan RAT Kutim 2021 (47, L): sumber yang sama memakai total 600.",
    "F128": "Laporan RAT Kutim 2022 (112, L): sumber yang sama memakai total 600.",
    "F131": "Kutim Mei 2024 '1.200-an' (perkiraan, L).",
    "F132": "Kutim 2024 '59 melaporkan RAT' (L): definisi 'melaporkan' tidak jelas.",
    "F133": "Kutim 2024 'sekitar 2.000' bertentangan dengan 1.209 (L).",
    "F134": "Kutim 'sehat' = RAT + laporan + ODS (L, perkiraan).",
    "F135": "Kutim 2024 'sekitar 500 dari 2.000' (L).",
    "F144": "Palangka Raya 2016 '89 dibubarkan' dari 273: tidak jelas apakah sudah dikurangkan; "
    "data sintetis mengikuti total 273.",
    "F159": "Kaltim 2014 (direkonstruksi dari slide rusak, L); registri sintetis dihitung "
    "mulai 2015.",
    "F160": "Kaltim 2014 RAT (L); registri sintetis dihitung mulai 2015.",
    "F161": "Kalteng 2014 (L); registri sintetis dihitung mulai 2015.",
    "F162": "Kalteng 2014 RAT (L); registri sintetis dihitung mulai 2015.",
    "F163": "Kaltim 2008: sebelum rentang registri sintetis.",
    "F164": "Kaltim 2009: sebelum rentang registri sintetis.",
    "F165": "Kaltim 2010: sebelum rentang registri sintetis.",
    "F166": "Anggota Kaltim 2010: sebelum rentang registri sintetis.",
    "F010": "Rencana (30 koperasi unggulan), bukan hitungan registri.",
    "F014": "Penilaian kesehatan (26 dinilai) tidak ada di registri.",
    "F015": "Penilaian kesehatan (6 sehat) tidak ada di registri.",
    "F016": "Sistem pelaporan digital tidak ada di registri.",
}

#: Relative size of kabupaten/kota without published counts (share of the remainder).
WEIGHTS: dict[str, float] = {
    "64.01": 8, "64.02": 18, "64.03": 7, "64.07": 5, "64.09": 4, "64.11": 1, "64.74": 5,
    "62.01": 9, "62.02": 14, "62.04": 5, "62.05": 6, "62.06": 7, "62.07": 6, "62.08": 3,
    "62.09": 5, "62.10": 5, "62.11": 6, "62.12": 5, "62.13": 5,
}  # fmt: skip

_JENIS_WEIGHTS = {
    "default": {"konsumen": 35, "produsen": 28, "pemasaran": 8, "jasa": 10, "simpan pinjam": 8,
                "simpan pinjam syariah": 2, "serba usaha": 9},
    "64.08": {"konsumen": 10, "produsen": 70, "pemasaran": 8, "jasa": 4, "simpan pinjam": 3,
              "simpan pinjam syariah": 1, "serba usaha": 4},
}  # fmt: skip

_NAME_PREFIX = {"konsumen": "Koperasi Konsumen", "produsen": "Koperasi Produsen",
                "pemasaran": "Koperasi Pemasaran", "jasa": "Koperasi Jasa",
                "simpan pinjam": "KSP", "simpan pinjam syariah": "KSPPS", "serba usaha": "KSU"}  # fmt: skip  # noqa: E501
_WORDS = ("Maju", "Bersama", "Sejahtera", "Makmur", "Mandiri", "Sentosa", "Jaya", "Harapan",
          "Karya", "Mulia", "Lestari", "Abadi", "Berkah", "Amanah", "Tani", "Sawit", "Nelayan",
          "Borneo", "Mahakam", "Kahayan", "Damai", "Rukun", "Sehati", "Gemilang", "Baru")  # fmt: skip  # noqa: E501


def _rng(*parts: object) -> np.random.Generator:
    digest = hashlib.sha256("|".join(map(str, (SEED, *parts))).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def _largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    if total < 0:
        raise KopeduError(f"Rencana data sintetis tidak konsisten (sisa negatif: {total}).")
    w = np.asarray(weights, dtype=float)
    raw = total * w / w.sum()
    out = np.floor(raw).astype(int)
    rest = total - out.sum()
    out[np.argsort(-(raw - out), kind="stable")[:rest]] += 1
    return out


def _interp(points: dict[int, float], years: tuple[int, ...], *, flat: bool) -> np.ndarray:
    """Linear interpolation; outside the points flat (shares) or along the end slope (counts)."""
    xs = sorted(points)
    ys = [points[x] for x in xs]
    out = np.interp(years, xs, ys)
    if not flat and len(xs) >= 2:
        lo = (ys[1] - ys[0]) / (xs[1] - xs[0])
        hi = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
        yr = np.asarray(years)
        out = np.where(yr < xs[0], ys[0] + lo * (yr - xs[0]), out)
        out = np.where(yr > xs[-1], ys[-1] + hi * (yr - xs[-1]), out)
    elif not flat:
        out = ys[0] * 1.01 ** (np.asarray(years) - xs[0])
    return out


def _targets_for(code: str, metric: str) -> dict[int, int]:
    return {t.year: t.value for t in TARGETS if t.region_code == code and t.metric == metric
            and not t.jenis}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Plan:
    total: np.ndarray  # by YEARS
    aktif: np.ndarray
    proses_final: int
    rat: dict[int, int]


def _region_profile(
    code: str, anchor: tuple[np.ndarray, np.ndarray] | None
) -> tuple[np.ndarray, np.ndarray]:
    """(total, aktif) by year for a region with its own published totals."""
    tot = _targets_for(code, "total")
    new = _targets_for(code, "baru")
    for y, n in new.items():  # no dissolution in a year with a published count of new ones
        if y in tot and y - 1 not in tot:
            tot[y - 1] = tot[y] - n
    akt = _targets_for(code, "aktif")
    ina = _targets_for(code, "tidak_aktif")
    pro: dict[int, int] = {}
    for t in TARGETS:  # proses pembubaran recorded anywhere inside the region
        if t.metric == "proses_pembubaran" and (t.region_code + ".").startswith(code + "."):
            pro[t.year] = pro.get(t.year, 0) + t.value
    for y, v in ina.items():
        if y in tot:
            akt.setdefault(y, tot[y] - v - pro.get(y, 0))
    if tot:
        total = _interp({k: float(v) for k, v in tot.items()}, YEARS, flat=False)
        if anchor is not None and len(tot) == 1:
            y0 = next(iter(tot))
            total = tot[y0] * anchor[0] / anchor[0][YEARS.index(y0)]
    else:  # pragma: no cover - only called for regions with totals
        raise KopeduError(f"Tidak ada total untuk {code}.")
    total = np.round(total).astype(int)
    for y, v in tot.items():
        total[YEARS.index(y)] = v
    if akt:
        share = _interp({y: a / total[YEARS.index(y)] for y, a in akt.items()}, YEARS, flat=True)
    elif anchor is not None:
        share = anchor[1] / anchor[0]
    else:  # pragma: no cover
        share = np.full(len(YEARS), 0.5)
    aktif = np.round(share * total).astype(int)
    for y, v in akt.items():
        aktif[YEARS.index(y)] = v
    return total, aktif


def _plans() -> dict[str, _Plan]:
    from kopedu.regions import children

    plans: dict[str, _Plan] = {}
    for prov in ("64", "62"):
        p_total, p_aktif = _region_profile(prov, None)
        kabs = [r.code for r in children(prov) if r.level in ("kabupaten", "kota")]
        fixed = [k for k in kabs if _targets_for(k, "total")]
        free = [k for k in kabs if k not in fixed]
        rest_total, rest_aktif = p_total.copy(), p_aktif.copy()
        for k in fixed:
            total, aktif = _region_profile(k, (p_total, p_aktif))
            rest_total -= total
            rest_aktif -= aktif
            plans[k] = _Plan(
                total,
                aktif,
                sum(_targets_for(k, "proses_pembubaran").values()),
                _targets_for(k, "rat"),
            )
        weights = np.array([WEIGHTS[k] for k in free])
        split_total = np.array([_largest_remainder(int(t), weights) for t in rest_total]).T
        split_aktif = np.array([_largest_remainder(int(a), weights) for a in rest_aktif]).T
        for i, k in enumerate(free):
            plans[k] = _Plan(split_total[i], split_aktif[i], 0, {})
        # Provincial RAT counts: split over kab/kota by aktif cooperatives that year.
        for year, value in _targets_for(prov, "rat").items():
            yi = YEARS.index(year)
            shares = np.array([plans[k].aktif[yi] for k in kabs])
            parts = _largest_remainder(value, shares)
            for k, part in zip(kabs, parts, strict=True):
                plans[k].rat.setdefault(year, int(part))
    return plans


# ----------------------------------------------------------------- simulation


def _spells(plan: _Plan, rng: np.random.Generator) -> pd.DataFrame:
    """Founding year, last aktif year (E) and dissolution year for each cooperative."""
    y0 = YEARS[0]
    total, aktif = plan.total, plan.aktif
    inactive = total - aktif
    n_act, n_in = int(aktif[0]), int(inactive[0])
    f = list(rng.integers(1990, y0 + 1, n_act)) + list(rng.integers(1985, y0 - 5, n_in))
    f_in = np.asarray(f[n_act:], dtype=int)
    e = [BIG] * n_act + list(np.minimum(f_in + 3 + rng.integers(0, 8, n_in), y0 - 1))
    f_arr, e_arr = np.asarray(f, dtype=int), np.asarray(e, dtype=int)
    gone = np.full(len(f_arr), BIG)
    for i, y in enumerate(YEARS[1:], start=1):
        d_a, d_i = int(aktif[i] - aktif[i - 1]), int(inactive[i] - inactive[i - 1])
        lapse = max(0, d_i, -d_a, round(CHURN * aktif[i - 1]))
        diss, new = lapse - d_i, d_a + lapse
        was_aktif = (f_arr <= y - 1) & (e_arr >= y - 1) & (gone > y - 1)
        can_end = was_aktif & (e_arr == BIG) & ((f_arr <= y - 4) | (f_arr == y - 1))
        idx = np.flatnonzero(can_end)
        if len(idx) < lapse:
            raise KopeduError(f"Rencana sintetis tidak layak pada {y}: {lapse} > {len(idx)}")
        e_arr[rng.choice(idx, lapse, replace=False)] = y - 1
        pool = np.flatnonzero((f_arr <= y - 1) & (e_arr < y) & (gone == BIG))
        if len(pool) < diss:
            raise KopeduError(f"Rencana sintetis tidak layak pada {y}: bubar {diss} > {len(pool)}")
        gone[rng.choice(pool, diss, replace=False)] = y
        f_arr = np.concatenate([f_arr, np.full(new, y)])
        e_arr = np.concatenate([e_arr, np.full(new, BIG)])
        gone = np.concatenate([gone, np.full(new, BIG)])
    proses = np.full(len(f_arr), BIG)
    if plan.proses_final:
        last = YEARS[-1]
        pool = np.flatnonzero((e_arr < last) & (gone == BIG) & (f_arr <= last))
        proses[rng.choice(pool, plan.proses_final, replace=False)] = last
    return pd.DataFrame({"f": f_arr, "e": e_arr, "gone": gone, "proses": proses})


def _schedule(sp: pd.DataFrame, targets: dict[int, int], rng: np.random.Generator) -> pd.DataFrame:
    """RAT seasons per cooperative honouring spells and calibrated seasons."""
    y0 = YEARS[0]
    f, e = sp["f"].to_numpy(), sp["e"].to_numpy()
    last_season = np.where(e == BIG, BIG, e - 2)
    n = len(f)
    prior = np.full(n, -BIG)
    old = f <= y0 - 2
    lo = np.maximum(f + 1, y0 - 3)
    prior[old] = lo[old] + (rng.random(old.sum()) * (y0 - lo[old])).astype(int)
    ends_before = old & (last_season < y0)
    prior[ends_before] = last_season[ends_before]
    deadline = np.where(prior > -BIG, prior + 3, f + 1)
    rows_c, rows_s = [], []
    for s in YEARS:  # twelve seasons; each step is vectorised over cooperatives
        elig = (s >= f + 1) & (s <= last_season)
        if np.any(elig & (deadline < s)):  # pragma: no cover - guards the construction
            raise KopeduError(f"Jadwal RAT sintetis melewati batas pada {s}.")
        must = elig & ((deadline == s) | (last_season == s))
        opt = np.flatnonzero(elig & ~must)
        if s in targets:
            k = targets[s] - int(must.sum())
            if not 0 <= k <= len(opt):
                raise KopeduError(
                    f"Target RAT {targets[s]} pada {s} tidak layak "
                    f"(wajib {int(must.sum())}, bisa {len(opt)})."
                )
            chosen = rng.choice(opt, k, replace=False)
        else:
            pick = rng.random(len(opt)) < P_OPTIONAL
            if s + 1 in targets:
                pick |= deadline[opt] == s + 1
            chosen = opt[pick]
        holders = np.concatenate([np.flatnonzero(must), chosen])
        deadline[holders] = s + 3
        rows_c.append(holders)
        rows_s.append(np.full(len(holders), s))
    return pd.DataFrame({"c": np.concatenate(rows_c), "season": np.concatenate(rows_s)})


def _assign_counts(
    rng: np.random.Generator, n: int, counts: dict[str, int], fallback: Mapping[str, float]
) -> np.ndarray:
    """Exactly ``counts`` of each label for the first sum(counts) slots, random after."""
    fixed = np.repeat(list(counts), list(counts.values()))
    rng.shuffle(fixed)
    labels = list(fallback)
    w = np.array(list(fallback.values()), dtype=float)
    rest = rng.choice(labels, n - len(fixed), p=w / w.sum())
    return np.concatenate([fixed, rest]).astype(object)


def _random_dates(
    rng: np.random.Generator, years: np.ndarray, start_doy: np.ndarray, end_doy: np.ndarray
) -> np.ndarray:
    day = start_doy + (rng.random(len(years)) * (end_doy - start_doy + 1)).astype(int)
    jan1 = (np.asarray(years) - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    return jan1 + day.astype("timedelta64[D]")


def _exists(sp: pd.DataFrame, y: int) -> np.ndarray:
    return ((sp["f"] <= y) & (sp["gone"] > y)).to_numpy()


def _aktif(sp: pd.DataFrame, y: int) -> np.ndarray:
    return _exists(sp, y) & (sp["e"] >= y).to_numpy() & (sp["proses"] > y).to_numpy()


def _target_value(code: str, metric: str) -> int:
    return next(t.value for t in TARGETS if t.region_code == code and t.metric == metric)


def _attributes(code: str, sp: pd.DataFrame, rng: np.random.Generator, names: pd.Series) -> None:
    """Jenis and kecamatan, with the published breakdowns exact (in place)."""
    from kopedu.regions import children

    n = len(sp)
    jw = _JENIS_WEIGHTS.get(code, _JENIS_WEIGHTS["default"])
    kecs = [r.name for r in children(code, "kecamatan")]
    sp["kec"] = None
    if code == "64.71":  # Balikpapan 2024: aktif by jenis and by kecamatan
        a = _aktif(sp, 2024)
        order = np.concatenate([np.flatnonzero(a), np.flatnonzero(~a)])
        by_jenis = {t.jenis: t.value for t in TARGETS
                    if t.region_code == code and t.jenis and t.metric == "aktif"}  # fmt: skip
        by_kec = {names[t.region_code]: t.value for t in TARGETS
                  if t.region_code.startswith(code + ".") and t.metric == "aktif"}  # fmt: skip
        by_kec[""] = int(a.sum()) - sum(by_kec.values())  # 440 − 439: one without kecamatan
        kw = dict.fromkeys(kecs, 1.0) | {k: float(v) for k, v in by_kec.items() if k}
        jenis = np.empty(n, dtype=object)
        kec = np.empty(n, dtype=object)
        jenis[order] = _assign_counts(rng, n, by_jenis, jw)
        kec[order] = _assign_counts(rng, n, by_kec, kw)
        sp["jenis"], sp["kec"] = jenis, kec
        return
    sp["jenis"] = _assign_counts(rng, n, {}, jw)
    if code == "64.08":  # Muara Bengkal 2023: total and aktif
        ex, a = _exists(sp, 2023), _aktif(sp, 2023)
        mb = names["64.08.03"]
        mb_aktif, mb_total = _target_value("64.08.03", "aktif"), _target_value("64.08.03", "total")
        ia, ii = np.flatnonzero(ex & a), np.flatnonzero(ex & ~a)
        rng.shuffle(ia)
        rng.shuffle(ii)
        chosen = np.concatenate([ia[:mb_aktif], ii[: mb_total - mb_aktif]])
        kec = rng.choice([k for k in kecs if k != mb], n).astype(object)
        kec[~ex] = rng.choice(kecs, int((~ex).sum()))  # not there in 2023: anywhere
        kec[chosen] = mb
        sp["kec"] = kec
    elif kecs:
        sp["kec"] = rng.choice(kecs, n).astype(object)


def generate_synthetic() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build the synthetic registry's two tables (koperasi, rat) as written to CSV.

    Returns
    -------
    (DataFrame, DataFrame)
        The ``koperasi`` and ``rat`` tables in the template's columns, dates as
        ``datetime64``.
    """
    from kopedu.regions import load_regions

    regions = load_regions().set_index("code")
    plans = _plans()
    kop_parts, rat_parts = [], []
    for code in sorted(plans):
        plan = plans[code]
        rng = _rng("kab", code)
        sp = _spells(plan, rng)
        ev = _schedule(sp, plan.rat, _rng("rat", code))
        sp["kode"] = code
        _attributes(code, sp, rng, regions["name"])
        sp["c"] = np.arange(len(sp))
        kop_parts.append(sp)
        rat_parts.append(ev.assign(kode=code))
    kop = pd.concat(kop_parts, ignore_index=True)
    _fix_ksp_total(kop)
    return _materialise(kop, pd.concat(rat_parts, ignore_index=True), regions)


def _fix_ksp_total(kop: pd.DataFrame) -> None:
    """Make simpan pinjam (incl. syariah) in Kaltim 2021 equal the published 152."""
    t = next(t for t in TARGETS if t.metric == "ksp_total")
    rng = _rng("ksp")
    ksp = kop["jenis"].isin(["simpan pinjam", "simpan pinjam syariah"]).to_numpy()
    in_scope = (kop["kode"].str.startswith(t.region_code) & (kop["f"] <= t.year)
                & (kop["gone"] > t.year)).to_numpy()  # fmt: skip
    locked = ((kop["kode"] == "64.71") & (kop["f"] <= 2024) & (kop["gone"] > 2024)
              & (kop["e"] >= 2024) & (kop["proses"] > 2024)).to_numpy()  # fmt: skip
    have = int((ksp & in_scope).sum())
    if have > t.value:
        idx = np.flatnonzero(ksp & in_scope & ~locked)
        flip = rng.choice(idx, have - t.value, replace=False)
        kop.loc[flip, "jenis"] = rng.choice(
            ["konsumen", "produsen", "jasa", "serba usaha"], len(flip)
        )
    elif have < t.value:
        idx = np.flatnonzero(~ksp & in_scope & ~locked)
        flip = rng.choice(idx, t.value - have, replace=False)
        kop.loc[flip, "jenis"] = rng.choice(
            ["simpan pinjam", "simpan pinjam syariah"], len(flip), p=[0.85, 0.15]
        )


def _materialise(
    kop: pd.DataFrame, ev: pd.DataFrame, regions: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = _rng("attributes")
    n = len(kop)
    seq = kop.groupby("kode").cumcount() + 1
    ids = "SINT-" + kop["kode"] + "-" + seq.map("{:05d}".format)
    words = np.array(_WORDS, dtype=object)
    w1, w2 = rng.choice(words, n), rng.choice(words, n)
    names = kop["jenis"].map(_NAME_PREFIX) + " Sintetis " + w1 + " " + w2
    founded = _random_dates(rng, kop["f"].to_numpy(), np.zeros(n, int), np.full(n, 364))
    members = np.clip(np.round(rng.lognormal(3.9, 0.8, n)), 20, 3000).astype("int64")
    # Kutai Timur 2023: members of cooperatives existing that year sum to the published 61.460.
    t = next(t for t in TARGETS if t.metric == "anggota")
    scope = (
        (kop["kode"] == t.region_code) & (kop["f"] <= t.year) & (kop["gone"] > t.year)
    ).to_numpy()
    scaled = np.floor(members[scope] * t.value / members[scope].sum()).astype("int64")
    scaled[np.argmax(scaled)] += t.value - scaled.sum()
    members[scope] = scaled
    status = np.where(
        kop["gone"] < BIG, "dibubarkan", np.where(kop["proses"] < BIG, "proses pembubaran", "")
    )
    status_year = np.minimum(kop["gone"], kop["proses"]).to_numpy()
    status_date = _random_dates(
        rng, np.where(status_year < BIG, status_year, 2000), np.zeros(n, int), np.full(n, 180)
    )
    koperasi = pd.DataFrame(
        {
            "id_koperasi": ids,
            "nama_koperasi": names,
            "jenis": kop["jenis"],
            "kabupaten_kota": kop["kode"].map(regions["official_name"]),
            "kecamatan": kop["kec"].replace("", None),
            "tanggal_badan_hukum": founded,
            "jumlah_anggota": members,
            "status_badan_hukum": pd.Series(status).replace("", None),
            "tanggal_status": np.where(status_year < BIG, status_date, np.datetime64("NaT")),
            "nik": None,
            "keterangan": "DATA SINTETIS",
        }
    )
    # RAT events.
    key = ev["kode"] + "|" + ev["c"].astype(str)
    lookup = pd.Series(np.arange(n), index=kop["kode"] + "|" + kop["c"].astype(str))
    ci = lookup.loc[key].to_numpy()
    m = len(ev)
    season = ev["season"].to_numpy()
    late = rng.random(m) < LATE_SHARE
    start = np.where(late, 182, 14)
    end = np.where(late, 350, 180)
    rat_date = _random_dates(rng, season, start, end)
    delay = np.where(rng.random(m) < 0.85, rng.integers(1, 31, m), rng.integers(31, 150, m))
    report = rat_date + delay.astype("timedelta64[D]")
    report = np.where(rng.random(m) < 0.08, np.datetime64("NaT"), report)
    mode = np.where(
        season < 2020,
        "luring",
        np.where(
            season < 2022,
            rng.choice(["luring", "daring", "hybrid"], m, p=[0.45, 0.3, 0.25]),
            rng.choice(["luring", "daring", "hybrid"], m, p=[0.75, 0.1, 0.15]),
        ),
    )
    hadir = np.maximum(1, np.round(members[ci] * rng.uniform(0.3, 0.95, m))).astype("int64")
    rat = pd.DataFrame(
        {
            "id_koperasi": ids.to_numpy()[ci],
            "tahun_buku": season - 1,
            "tanggal_rat": rat_date,
            "jumlah_hadir": hadir,
            "mode": mode,
            "tanggal_lapor": report,
        }
    ).sort_values(["id_koperasi", "tahun_buku"], ignore_index=True)
    return koperasi, rat


def write_synthetic(directory: str | Path | None = None) -> list[Path]:
    """Generate and write ``koperasi_sintetis.csv`` and ``rat_sintetis.csv`` atomically.

    Parameters
    ----------
    directory : str or Path, optional
        Default: the bundled ``data/registry``.
    """
    from kopedu.registry.export import write_csv

    directory = Path(directory) if directory is not None else data_path("registry")
    directory.mkdir(parents=True, exist_ok=True)
    koperasi, rat = generate_synthetic()
    paths = []
    for name, df in (("koperasi_sintetis.csv", koperasi), ("rat_sintetis.csv", rat)):
        out = df.copy()
        for col in out.columns:
            if pd.api.types.is_datetime64_any_dtype(out[col]):
                out[col] = out[col].dt.strftime("%Y-%m-%d")
        paths.append(write_csv(out, directory / name))
    return paths


@cache
def _load_synthetic_cached() -> Registry:
    from kopedu.registry.loader import load_clean_csv

    folder = data_path("registry")
    return load_clean_csv(
        folder / "koperasi_sintetis.csv",
        folder / "rat_sintetis.csv",
        source=f"registri sintetis ({SYNTHETIC_LABEL})",
        synthetic=True,
    )


def load_synthetic() -> Registry:
    """The bundled synthetic registry: **not real cooperatives**.

    Read once per process; each call hands out its own copies of the tables, so that a
    lesson's edit never reaches another lesson or a report.

    Examples
    --------
    >>> reg = load_synthetic()
    >>> reg.synthetic, reg.koperasi["id_koperasi"].str.startswith("SINT-").all()
    (True, np.True_)
    """
    from dataclasses import replace

    reg = _load_synthetic_cached()
    return replace(
        reg,
        koperasi=reg.koperasi.copy(),
        rat=reg.rat.copy(),
        keuangan=None if reg.keuangan is None else reg.keuangan.copy(),
    )


if __name__ == "__main__":  # pragma: no cover
    logging.basicConfig(level=logging.INFO)
    for p in write_synthetic():
        print(p)
    print(f"dibuat {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
