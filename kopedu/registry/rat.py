"""RAT compliance, aktif status, NIK eligibility and priority lists — vectorised.

Conventions (documented in ``docs/registry.md``):

* **Year Y** means the situation after the RAT season of Y (January–June), i.e. what a
  Dinas can publish in the second half of Y. "RAT in Y" is the RAT for tahun buku
  Y−1; it is *on time* when held at most ``deadline_months`` after the end of the
  tahun buku (UU 25/1992 Pasal 26: six months).
* **Total** in Y: cooperatives with a legal date in or before Y that were not
  dissolved (``status_badan_hukum = dibubarkan``) in or before Y.
* **Status** in Y: ``proses pembubaran`` when the Dinas has recorded it (dated in or
  before Y); else ``aktif`` or ``tidak aktif`` under a
  :class:`~kopedu.registry.status.StatusDefinition`.
* **Years without RAT**: consecutive tahun buku up to Y−1 without RAT, counted from
  the founding year or from the first tahun buku in the registry, whichever is later
  (the registry cannot know older history, so the count is a lower bound there).
* **NIK eligibility**: RAT held for tahun buku Y−1 and Y−2 (two years running).
* **RAT rate**: cooperatives with RAT in Y ÷ aktif cooperatives in Y (the ODS
  indicator, e.g. Blitar's "% koperasi dengan RAT").

Everything runs on NumPy arrays (one matrix cooperative × tahun buku); no Python loop
touches a row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kopedu.errors import ParameterError
from kopedu.registry.model import Registry
from kopedu.registry.status import DEFINITIONS, StatusDefinition, get_definition

__all__ = [
    "ACTIONS",
    "STATUSES",
    "breakdown",
    "classify",
    "compare_definitions",
    "latest_year",
    "priority_list",
    "rat_events",
    "summarise",
]

STATUSES = ("aktif", "tidak aktif", "proses pembubaran")
#: Follow-up actions, most serious first.
ACTIONS = ("pembubaran", "pembekuan", "pembinaan")
_NONE = "(tidak tercatat)"
_FAR = 9999


@dataclass(frozen=True, slots=True)
class _History:
    """Cooperative × tahun buku matrices, built once per registry and parameters."""

    tb0: int
    held: np.ndarray  # bool (n, T)
    on_time: np.ndarray
    reported: np.ndarray
    last_upto: np.ndarray  # int (n, T): last held tb index ≤ column, −1 if none
    founded: np.ndarray  # int year
    gone: np.ndarray  # int year dissolved (dibubarkan), _FAR if not
    proses: np.ndarray  # int year of proses pembubaran, _FAR if not

    def col(self, tb: int) -> int:
        return tb - self.tb0


def latest_year(registry: Registry) -> int:
    """The latest year the registry can describe: last tahun buku with an RAT + 1.

    Examples
    --------
    >>> from kopedu.registry import load_synthetic
    >>> latest_year(load_synthetic())
    2024
    """
    held = _held(registry.rat)
    if not held.any():
        raise ParameterError("Registri belum memuat satu pun RAT yang dilaksanakan.")
    return int(registry.rat.loc[held, "tahun_buku"].max()) + 1


def _held(rat: pd.DataFrame) -> pd.Series:
    """Whether each RAT row's RAT was held.

    It was when the row has a date, or (a registry that records only the year of the last
    RAT) when ``dilaksanakan`` says so.
    """
    held = rat["tanggal_rat"].notna()
    if "dilaksanakan" in rat:
        held = held | rat["dilaksanakan"].fillna(False).astype(bool)
    return held


def _last_only(rat: pd.DataFrame) -> np.ndarray:
    """Rows taken from a last-RAT column.

    The Dinas has them, so they count as reported, and a RAT whose date is unknown is not
    called late.
    """
    if "sumber" not in rat:
        return np.zeros(len(rat), dtype=bool)
    return (rat["sumber"] == "rat_terakhir").to_numpy()


def _deadline(tb: np.ndarray, months: int) -> np.ndarray:
    """Last day allowed for the RAT of tahun buku ``tb`` (tahun buku ends 31 December)."""
    month_index = (tb.astype("int64") - 1970) * 12 + 12 + months  # first month after deadline
    return month_index.astype("datetime64[M]").astype("datetime64[D]") - np.timedelta64(1, "D")


def rat_events(
    registry: Registry, *, deadline_months: int = 6, report_days: int = 30, quorum: float = 0.5
) -> pd.DataFrame:
    """The RAT table with compliance columns added.

    Parameters
    ----------
    registry : Registry
    deadline_months : int, default 6
        RAT must be held within this many months after the tahun buku ends (UU 25/1992
        Pasal 26; some AD say 5).
    report_days : int, default 30
        RAT must be reported to the Dinas/ODS within this many days (Jakarta monev).
    quorum : float, default 0.5
        Share of members that must attend (strictly more than; "50 % + 1" in many AD).

    Returns
    -------
    DataFrame
        The ``rat`` columns plus ``rat_dilaksanakan, batas_rat, tepat_waktu,
        dilaporkan_tepat_waktu, kuorum_terpenuhi`` (``<NA>`` when unknown).

    Examples
    --------
    >>> from kopedu.registry import load_synthetic
    >>> ev = rat_events(load_synthetic())
    >>> bool((ev["tepat_waktu"] <= ev["rat_dilaksanakan"]).all())
    True
    """
    if deadline_months < 1 or deadline_months > 24:
        raise ParameterError("deadline_months harus antara 1 dan 24 bulan.")
    rat = registry.rat
    held = _held(rat).to_numpy()
    last = _last_only(rat)
    deadline = _deadline(rat["tahun_buku"].to_numpy(), deadline_months)
    date = rat["tanggal_rat"].to_numpy(dtype="datetime64[D]")
    report = rat["tanggal_lapor"].to_numpy(dtype="datetime64[D]")
    on_time = held & ((date <= deadline) | (last & np.isnat(date)))
    reported = held & (
        last | (~np.isnat(report) & ((report - date) <= np.timedelta64(report_days, "D")))
    )
    members = registry.koperasi.set_index("id_koperasi")["jumlah_anggota"]
    anggota = rat["id_koperasi"].map(members).astype("Float64")
    share = rat["jumlah_hadir"].astype("Float64") / anggota.where(anggota > 0)
    return rat.assign(
        rat_dilaksanakan=held,
        batas_rat=pd.to_datetime(deadline),
        tepat_waktu=on_time,
        dilaporkan_tepat_waktu=reported,
        kuorum_terpenuhi=(share > quorum).astype("boolean"),
    )


_CACHE: dict[tuple[int, int, int, int], tuple[pd.DataFrame, pd.DataFrame, _History]] = {}


def _history(registry: Registry, deadline_months: int, report_days: int) -> _History:
    """Build (or reuse) the matrices; registry tables are treated as immutable."""
    kop, rat = registry.koperasi, registry.rat
    key = (id(kop), id(rat), deadline_months, report_days)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is kop and hit[1] is rat:
        return hit[2]
    h = _build_history(kop, rat, deadline_months, report_days)
    if len(_CACHE) >= 8:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (kop, rat, h)
    return h


def _build_history(
    kop: pd.DataFrame, rat: pd.DataFrame, deadline_months: int, report_days: int
) -> _History:
    n = len(kop)
    ids = pd.Index(kop["id_koperasi"])
    pos = ids.get_indexer(rat["id_koperasi"])
    tb = rat["tahun_buku"].to_numpy(dtype="int64")
    keep = pos >= 0
    tb0 = int(tb[keep].min()) if keep.any() else 2000
    width = (int(tb[keep].max()) - tb0 + 1) if keep.any() else 1
    held_ev = _held(rat).to_numpy() & keep
    last = _last_only(rat)
    date = rat["tanggal_rat"].to_numpy(dtype="datetime64[D]")
    report = rat["tanggal_lapor"].to_numpy(dtype="datetime64[D]")
    on_ev = held_ev & ((date <= _deadline(tb, deadline_months)) | (last & np.isnat(date)))
    rep_ev = held_ev & (
        last | (~np.isnat(report) & ((report - date) <= np.timedelta64(report_days, "D")))
    )
    mats = []
    for flag in (held_ev, on_ev, rep_ev):
        m = np.zeros((n, width), dtype=bool)
        m[pos[flag], tb[flag] - tb0] = True
        mats.append(m)
    cols = np.arange(width)
    last = np.maximum.accumulate(np.where(mats[0], cols, -1), axis=1)
    status = kop["status_badan_hukum"].astype("string").fillna("berlaku").to_numpy()
    status_year = kop["tanggal_status"].dt.year.fillna(0).to_numpy(dtype="int64")
    gone = np.where(status == "dibubarkan", np.where(status_year > 0, status_year, 0), _FAR)
    proses = np.where(status == "proses pembubaran", status_year, _FAR)
    founded = kop["tahun_berdiri"].astype("float").fillna(0).to_numpy(dtype="int64")
    held, on_time, reported = mats
    return _History(tb0, held, on_time, reported, last, founded, gone, proses)


def _take(mat: np.ndarray, h: _History, tb: int) -> np.ndarray:
    c = h.col(tb)
    if 0 <= c < mat.shape[1]:
        return mat[:, c]
    return np.zeros(mat.shape[0], dtype=bool)


def _arrays(h: _History, year: int, d: StatusDefinition) -> dict[str, np.ndarray]:
    exists = (h.founded <= year) & (h.gone > year)
    proses = exists & (h.proses <= year)
    lo, hi = year - d.window_years, year - 1
    held = h.held
    c_lo, c_hi = max(lo - h.tb0, 0), min(hi - h.tb0, held.shape[1] - 1)
    in_window = held[:, c_lo : c_hi + 1].any(axis=1) if c_hi >= c_lo else np.zeros(len(held), bool)
    new = h.founded >= year
    aktif = exists & ~proses & (new | in_window)
    rat = exists & _take(held, h, year - 1)
    on_time = exists & _take(h.on_time, h, year - 1)
    reported = exists & _take(h.reported, h, year - 1)
    c = min(hi - h.tb0, held.shape[1] - 1)
    last_idx = h.last_upto[:, c] if c >= 0 else np.full(len(held), -1)
    last_tb = np.where(last_idx >= 0, last_idx + h.tb0, -_FAR)
    start = np.maximum(np.maximum(last_tb, h.founded - 1), h.tb0 - 1)
    gap = np.clip(hi - start, 0, None)
    nik = rat & exists & _take(held, h, year - 2)
    # Codes, not strings: 1 pembubaran, 2 pembekuan, 3 pembinaan, 0 none (see ACTIONS).
    action = np.zeros(len(gap), dtype=np.int8)
    action[(gap >= 1) | (rat & ~on_time) | (rat & ~reported)] = 3
    action[gap >= d.pembekuan_after] = 2
    action[proses | (gap >= d.pembubaran_after)] = 1
    action[~exists] = 0
    status = np.where(proses, 2, np.where(aktif, 0, 1)).astype(np.int8)  # index into STATUSES
    return {
        "exists": exists,
        "status": status,
        "aktif": aktif,
        "proses": proses,
        "rat": rat,
        "on_time": on_time,
        "reported": reported,
        "gap": gap,
        "last_tb": last_tb,
        "nik": nik,
        "action": action,
    }


_ACTION_LABELS = np.array(["", *ACTIONS], dtype=object)


def _reason(a: dict[str, np.ndarray]) -> np.ndarray:
    gap = a["gap"]
    texts = np.array(
        [
            "",
            *(
                f"{g} tahun buku berturut-turut tanpa RAT"
                for g in range(1, int(gap.max(initial=0)) + 1)
            ),
        ],
        dtype=object,
    )
    code = np.select(
        [a["proses"], gap >= 1, a["rat"] & ~a["on_time"], a["rat"] & ~a["reported"]],
        [1, 2, 3, 4],
        0,
    )
    fixed = np.array(
        [
            "",
            "tercatat dalam proses pembubaran",
            "",
            "RAT tahun buku terakhir terlambat (lewat batas waktu)",
            "RAT belum/terlambat dilaporkan ke Dinas/ODS",
        ],
        dtype=object,
    )
    return np.where(code == 2, texts[gap], fixed[code])


def classify(
    registry: Registry,
    year: int | None = None,
    definition: str | StatusDefinition | None = None,
    *,
    deadline_months: int = 6,
    report_days: int = 30,
) -> pd.DataFrame:
    """Status of every cooperative that exists in ``year``.

    Parameters
    ----------
    registry : Registry
    year : int, optional
        Default: :func:`latest_year`.
    definition : str or StatusDefinition, optional
        Key of :data:`~kopedu.registry.status.DEFINITIONS` (default ``"kemenkop"``).
    deadline_months, report_days : int
        See :func:`rat_events`.

    Returns
    -------
    DataFrame
        One row per cooperative: identity columns plus ``status``, ``rat`` (RAT for
        tahun buku ``year``−1), ``rat_tepat_waktu``, ``rat_dilaporkan``,
        ``rat_terakhir`` (last tahun buku with RAT, ``<NA>`` if none),
        ``tahun_tanpa_rat``, ``layak_nik``, ``tindak_lanjut`` and ``alasan``.

    Examples
    --------
    >>> from kopedu.registry import load_synthetic
    >>> t = classify(load_synthetic().for_region("Palangka Raya"), 2024)
    >>> t["status"].value_counts().to_dict()
    {'aktif': 177, 'tidak aktif': 99, 'proses pembubaran': 22}
    """
    d = get_definition(definition)
    year = latest_year(registry) if year is None else int(year)
    h = _history(registry, deadline_months, report_days)
    a = _arrays(h, year, d)
    m = a["exists"]
    kop = registry.koperasi.loc[
        m,
        [
            "id_koperasi",
            "nama_koperasi",
            "jenis",
            "kabupaten_kota",
            "kecamatan",
            "tahun_berdiri",
            "jumlah_anggota",
        ],
    ]
    last = pd.array(np.where(a["last_tb"] > 0, a["last_tb"], 0)[m], dtype="Int64")
    out = kop.assign(
        status=pd.Categorical.from_codes(a["status"][m], categories=list(STATUSES)),
        rat=a["rat"][m],
        rat_tepat_waktu=a["on_time"][m],
        rat_dilaporkan=a["reported"][m],
        rat_terakhir=pd.Series(last, index=kop.index).where(lambda s: s > 0),
        tahun_tanpa_rat=a["gap"][m],
        layak_nik=a["nik"][m],
        tindak_lanjut=_ACTION_LABELS[a["action"][m]],
        alasan=_reason(a)[m],
    )
    out.attrs.update(year=year, definition=d.key)
    return out.reset_index(drop=True)


_COUNTS = (
    "total",
    "aktif",
    "tidak_aktif",
    "proses_pembubaran",
    "rat",
    "rat_tepat_waktu",
    "layak_nik",
    "pembinaan",
    "pembekuan",
    "pembubaran",
)


def _group_codes(registry: Registry, by: str | None) -> tuple[np.ndarray, list[str]]:
    if by is None:
        return np.zeros(len(registry.koperasi), dtype="int64"), ["semua"]
    names = {
        "kecamatan": "kecamatan",
        "jenis": "jenis",
        "kabupaten_kota": "kabupaten_kota",
        "kabupaten": "kabupaten_kota",
        "wilayah": "kabupaten_kota",
    }
    if by not in names:
        raise ParameterError(
            f"Rincian per {by!r} tidak tersedia. Pilihan: kecamatan, jenis, kabupaten_kota."
        )
    values = registry.koperasi[names[by]].astype("string").fillna(_NONE)
    codes, uniques = pd.factorize(values, sort=True)
    return codes, [str(u) for u in uniques]


def summarise(
    registry: Registry,
    years: int | list[int] | range | None = None,
    definition: str | StatusDefinition | None = None,
    *,
    by: str | None = None,
    deadline_months: int = 6,
    report_days: int = 30,
) -> pd.DataFrame:
    """Counts per year (and per group): the numbers a Dinas publishes.

    Parameters
    ----------
    registry : Registry
    years : int or list of int, optional
        Default: the latest year. A list gives a trend.
    definition : str or StatusDefinition, optional
        Default ``"kemenkop"``.
    by : {"kecamatan", "jenis", "kabupaten_kota"}, optional
        Break the counts down by this column (missing values as "(tidak tercatat)").

    Returns
    -------
    DataFrame
        Columns ``tahun`` (and ``by``), ``total, aktif, tidak_aktif,
        proses_pembubaran, rat, rat_tepat_waktu, layak_nik, pembinaan, pembekuan,
        pembubaran`` (int64) and ``persen_rat`` = rat ÷ aktif (float, NaN when no
        cooperative is aktif). ``tidak_aktif`` excludes ``proses_pembubaran``.

    Examples
    --------
    >>> from kopedu.registry import load_synthetic
    >>> s = summarise(load_synthetic().for_region("Balikpapan"), 2024)
    >>> s.loc[0, ["total", "aktif", "tidak_aktif", "rat"]].tolist()
    [587, 440, 147, 70]
    """
    d = get_definition(definition)
    if years is None:
        years = [latest_year(registry)]
    elif isinstance(years, int | np.integer):
        years = [int(years)]
    h = _history(registry, deadline_months, report_days)
    codes, labels = _group_codes(registry, by)
    k = len(labels)
    frames = []
    for year in years:  # a handful of years; each step is vectorised over cooperatives
        a = _arrays(h, int(year), d)
        e = a["exists"]
        flags = {
            "total": e,
            "aktif": a["aktif"],
            "tidak_aktif": e & ~a["aktif"] & ~a["proses"],
            "proses_pembubaran": a["proses"],
            "rat": a["rat"],
            "rat_tepat_waktu": a["on_time"],
            "layak_nik": a["nik"],
            **{act: a["action"] == i for i, act in enumerate(ACTIONS, start=1)},
        }
        counts = {
            name: np.bincount(codes, weights=flag, minlength=k).astype("int64")
            for name, flag in flags.items()
        }
        frame = pd.DataFrame({"tahun": int(year), **({by: labels} if by else {}), **counts})
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out["persen_rat"] = out["rat"] / out["aktif"].where(out["aktif"] > 0)
    if by:
        out = out[out["total"] > 0].reset_index(drop=True)
    out.attrs.update(definition=d.key, synthetic=registry.synthetic)
    return out


def breakdown(
    registry: Registry,
    year: int | None = None,
    by: str = "kecamatan",
    definition: str | StatusDefinition | None = None,
) -> pd.DataFrame:
    """Counts in one year broken down by kecamatan, jenis or kabupaten/kota.

    Examples
    --------
    >>> from kopedu.registry import load_synthetic
    >>> b = breakdown(load_synthetic().for_region("Kutim"), 2023, by="kecamatan")
    >>> b.set_index("kecamatan").loc["Muara Bengkal", ["total", "aktif"]].tolist()
    [49, 19]
    """
    out = summarise(registry, year, definition, by=by)
    return out.sort_values(["aktif", "total"], ascending=False, ignore_index=True)


def priority_list(
    registry: Registry,
    year: int | None = None,
    definition: str | StatusDefinition | None = None,
    *,
    actions: tuple[str, ...] = ACTIONS,
) -> pd.DataFrame:
    """Cooperatives a Dinas should follow up, most serious first.

    ``pembubaran``: recorded as proses pembubaran, or at least
    ``pembubaran_after`` tahun buku without RAT; ``pembekuan``: at least
    ``pembekuan_after``; ``pembinaan``: missed the last RAT, held it late, or did not
    report it in time. These are *proposals* from the registry, not decisions.

    Examples
    --------
    >>> from kopedu.registry import load_synthetic
    >>> p = priority_list(load_synthetic().for_region("Balikpapan"), 2024)
    >>> p["tindak_lanjut"].iloc[0]
    'pembubaran'
    """
    unknown = set(actions) - set(ACTIONS)
    if unknown:
        raise ParameterError(f"Tindak lanjut {sorted(unknown)} tidak dikenal; pilihan: {ACTIONS}.")
    t = classify(registry, year, definition)
    t = t[t["tindak_lanjut"].isin(actions)]
    order = t["tindak_lanjut"].map({a: i for i, a in enumerate(ACTIONS)})
    t = t.assign(_o=order).sort_values(
        ["_o", "tahun_tanpa_rat", "jumlah_anggota", "id_koperasi"],
        ascending=[True, False, False, True],
    )
    return t.drop(columns="_o").reset_index(drop=True)


def compare_definitions(registry: Registry, year: int | None = None) -> pd.DataFrame:
    """Aktif/tidak aktif counts in one year under every built-in definition.

    Examples
    --------
    >>> from kopedu.registry import load_synthetic
    >>> c = compare_definitions(load_synthetic().for_region("Balikpapan"), 2024)
    >>> int(c.set_index("definisi").loc["kemenkop", "aktif"])
    440
    """
    year = latest_year(registry) if year is None else int(year)
    rows = []
    for key, d in DEFINITIONS.items():
        s = summarise(registry, year, d).iloc[0]
        rows.append(
            {
                "definisi": key,
                "keterangan": d.label,
                "aktif": int(s["aktif"]),
                "tidak_aktif": int(s["tidak_aktif"]),
                "persen_rat": s["persen_rat"],
                "sumber": d.source,
            }
        )
    return pd.DataFrame(rows)
