"""Region catalog of all Indonesia: provinces, kabupaten/kota and kecamatan.

Codes are Kemendagri's (Kepmendagri 300.2.2-2138/2025 as amended by 300.2.2-2430/2025),
each region with its BPS code where BPS publishes one; ``data/README.md`` names the
sources. People write region names many ways ("Kutim", "KAB. KUTAI TIMUR",
"Kota Balikpapan", "Palangkaraya"); :func:`lookup_region` accepts the usual forms, the
codes of both agencies and the aliases of ``data/region_aliases.csv``.

Rules of :func:`lookup_region` (tested in ``tests/test_regions.py``)
--------------------------------------------------------------------
* Nothing is guessed. A name shared by several regions raises
  :class:`~kopedu.errors.AmbiguousRegionError`, which lists the candidates with their
  parents and says how to name one ("Kota Bogor", "Sukamaju, Kabupaten Bogor", a code).
* One exception, kept from the first catalog: when exactly one province/kabupaten/kota
  carries the name, it wins over same-named kecamatan ("Balikpapan" is the city,
  "Kotabaru" the kabupaten). Write "Kec. Kotabaru" or "Kotabaru, Karawang" for a
  kecamatan.
* Level words narrow the search: "Kab. Bogor", "Kota Bogor", "Kec. Kota Baru",
  "Provinsi Jambi". "Kota ..." also matches names that begin with Kota ("Kota Baru").
* "Nama, Induk" looks inside the parent ("Kota Baru, Kota Jambi"); ``within=`` does the
  same for callers that know the parent (a kecamatan column of a kabupaten's registry).
  A province also covers the regions that belonged to it before a split (Merauke,
  Papua; Tarakan, Kalimantan Timur), see :data:`FORMER_PARENTS`.
* Codes: written with dots they are Kemendagri codes ("64.08"); without dots BPS codes
  ("6404" is Kutai Timur, "6403" Kutai Kartanegara), except 6-digit kecamatan codes
  ("640803", BPS kecamatan codes have 7 digits). A two-digit province code names the
  same province in both systems except in Papua (BPS 94 is Kemendagri 91, …): there
  the code is ambiguous unless written "kemendagri:94" or "bps:94".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from kopedu.errors import AmbiguousRegionError, UnknownRegionError
from kopedu.paths import data_path

__all__ = [
    "FORMER_PARENTS",
    "LEVELS",
    "Region",
    "children",
    "descendants",
    "load_region_aliases",
    "load_regions",
    "lookup_region",
    "normalize_region_name",
    "region_by_code",
    "region_choices",
    "region_schema",
    "select_regions",
    "suggest_regions",
]

LEVELS = ("nasional", "provinsi", "kabupaten", "kota", "kecamatan")
_UPPER = frozenset({"nasional", "provinsi", "kabupaten", "kota"})

#: Provinces made from another one: new code → the province it was part of (UU
#: pembentukan). "Merauke, Papua" still finds Merauke, now in Papua Selatan.
FORMER_PARENTS = {
    "19": "16",  # Kepulauan Bangka Belitung from Sumatera Selatan (UU 27/2000)
    "21": "14",  # Kepulauan Riau from Riau (UU 25/2002)
    "36": "32",  # Banten from Jawa Barat (UU 23/2000)
    "65": "64",  # Kalimantan Utara from Kalimantan Timur (UU 20/2012)
    "75": "71",  # Gorontalo from Sulawesi Utara (UU 38/2000)
    "76": "73",  # Sulawesi Barat from Sulawesi Selatan (UU 26/2004)
    "82": "81",  # Maluku Utara from Maluku (UU 46/1999)
    "92": "91",  # Papua Barat (Irian Jaya Barat) from Papua (UU 45/1999)
    "93": "91",  # Papua Selatan from Papua (UU 14/2022)
    "94": "91",  # Papua Tengah from Papua (UU 15/2022)
    "95": "91",  # Papua Pegunungan from Papua (UU 16/2022)
    "96": "92",  # Papua Barat Daya from Papua Barat (UU 29/2022)
}

_LEVEL_WORDS = (
    ("provinsi", r"provinsi|propinsi|prov\.?"),
    ("kabupaten", r"kabupaten|kab\.?"),
    ("kota", r"kotamadya|kodya|kota"),
    ("kecamatan", r"kecamatan|kec\.?|distrik"),
)
_PREFIX = re.compile(
    r"^(?:(?P<provinsi>provinsi|propinsi|prov\.?)|(?P<kabupaten>kabupaten|kab\.?)"
    r"|(?P<kota>kotamadya|kodya|kota)|(?P<kecamatan>kecamatan|kec\.?|distrik))"
    r"\s+(?:(?:administrasi|adm\.?)\s+)?",
    re.IGNORECASE,
)
#: The same level words for pandas' (RE2) string methods, without named groups.
_PREFIX_RE2 = (
    r"^(?:provinsi|propinsi|prov\.?|kabupaten|kab\.?|kotamadya|kodya|kota|kecamatan|kec\.?"
    r"|distrik)\s+(?:(?:administrasi|adm\.?)\s+)?"
)
_SYSTEM = re.compile(r"^(bps|kemendagri)\s*[:=]?\s*([\d.]+)$", re.IGNORECASE)
_SEEDS = ("64.08", "64.71", "62.71", "64")  # the training's own regions (padding only)


def region_schema():
    """The pandera schema of ``data/regions.csv`` (pandera imported on first use).

    :func:`load_regions` trusts the bundled file; ``tests/test_regions.py`` validates
    it with this schema, so a broken edit fails in CI, not in a trainer's report.
    """
    from kopedu.validation import pa

    return pa.DataFrameSchema(
        {
            "code": pa.Column(
                str,
                pa.Check.str_matches(r"^(ID|\d{2}(\.\d{2}){0,2})$"),
                unique=True,
                metadata={"fix": "tulis kode Kemendagri seperti 64.08 atau 64.08.03"},
            ),
            "bps_code": pa.Column(str, pa.Check.str_matches(r"^(\d{2}|\d{4}|\d{7})?$")),
            "name": pa.Column(str, pa.Check.str_length(min_value=1)),
            "official_name": pa.Column(str, pa.Check.str_length(min_value=1)),
            "level": pa.Column(
                str, pa.Check.isin(LEVELS), metadata={"fix": "pilih: " + ", ".join(LEVELS)}
            ),
            "parent_code": pa.Column(str),
            "code_confidence": pa.Column(str, pa.Check.isin(["H", "M", "L"])),
            "source": pa.Column(str, pa.Check.str_length(min_value=1)),
            "note": pa.Column(str),
        },
        strict=True,
        ordered=True,
    )


@dataclass(frozen=True, slots=True)
class Region:
    """One region of the catalog.

    Attributes
    ----------
    code : str
        Kemendagri code (``"64.08"``; ``"ID"`` for Indonesia).
    bps_code : str
        BPS code (``"6404"``), empty when the sources have none.
    name : str
        Short name (``"Kutai Timur"``).
    official_name : str
        Full name (``"Kabupaten Kutai Timur"``).
    level : str
        One of :data:`LEVELS`.
    parent_code : str
        Code of the enclosing region (empty for Indonesia).
    """

    code: str
    bps_code: str
    name: str
    official_name: str
    level: str
    parent_code: str

    @property
    def province_code(self) -> str | None:
        """Code of the province the region lies in (itself for a province)."""
        if self.level == "nasional":
            return None
        return self.code[:2]

    @property
    def parent(self) -> Region | None:
        """The enclosing region (``None`` for Indonesia), found by its exact code.

        Examples
        --------
        >>> region_by_code("95.01").parent.name
        'Papua Pegunungan'
        """
        return region_by_code(self.parent_code) if self.parent_code else None

    def __str__(self) -> str:
        return f"{self.official_name} ({self.code})"


def normalize_region_name(text: str) -> str:
    """Normalise a region name for matching.

    Lower-cases, strips one leading level word (Kabupaten, Kab., Kota, Provinsi,
    Kecamatan, Distrik …, with "Administrasi"), spells out "Kep." and drops punctuation
    and repeated spaces.

    Examples
    --------
    >>> normalize_region_name("  KAB. KUTAI   TIMUR ")
    'kutai timur'
    >>> normalize_region_name("Kota Palangka Raya")
    'palangka raya'
    >>> normalize_region_name("Kab. Kep. Siau Tagulandang Biaro")
    'kepulauan siau tagulandang biaro'
    """
    s = re.sub(r"\s+", " ", str(text).strip().lower())
    s = _PREFIX.sub("", s)
    return _words(s)


def _words(s: str) -> str:
    s = re.sub(r"\bkep\b\.?", "kepulauan ", s.lower())
    s = re.sub(r"[^0-9a-z\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _key(text: str) -> str:
    return _words(text).replace(" ", "")


class _Catalog(NamedTuple):
    frame: pd.DataFrame
    by_code: dict[str, Region]
    by_bps: dict[str, str]
    names: dict[str, tuple[str, ...]]
    kids: dict[str, tuple[str, ...]]


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(data_path(name), dtype=str, keep_default_na=False, na_filter=False)


@cache
def _frame() -> pd.DataFrame:
    return _read("regions.csv")


def load_regions() -> pd.DataFrame:
    """The bundled region catalog (``data/regions.csv``), a fresh copy on every call.

    The file is trusted at run time (no schema check, so that every ``kopedu report``
    stays fast); ``tests/test_regions.py`` validates it with :func:`region_schema`.

    Returns
    -------
    DataFrame
        Columns ``code, bps_code, name, official_name, level, parent_code,
        code_confidence, source, note``; one row per region, text only.

    Examples
    --------
    >>> regions = load_regions()
    >>> regions.loc[regions["code"] == "64.08", "bps_code"].item()
    '6404'
    >>> int((regions["level"] == "provinsi").sum())
    38
    """
    return _frame().copy()


@cache
def load_region_aliases() -> pd.DataFrame:
    """The aliases (``data/region_aliases.csv``): ``alias, code, source, note``.

    Examples
    --------
    >>> a = load_region_aliases()
    >>> a.loc[a["alias"] == "Kutim", "code"].item()
    '64.08'
    """
    return _read("region_aliases.csv")


@cache
def _catalog() -> _Catalog:
    df = _frame()
    cols = [df[c].to_numpy() for c in Region.__slots__]
    by_code = {row[0]: Region(*row) for row in zip(*cols, strict=True)}
    with_bps = df[df["bps_code"] != ""]
    by_bps = dict(zip(with_bps["bps_code"], with_bps["code"], strict=True))
    # Every name under its key ("kutaitimur"); aliases also without a level word.
    aliases = load_region_aliases()
    whole = aliases["alias"].str.lower()
    stripped = whole.str.replace(_PREFIX_RE2, "", regex=True)
    keys = pd.concat(
        [
            df["name"],
            df["official_name"].str.lower().str.replace(_PREFIX_RE2, "", regex=True),
            whole,
            stripped,
        ],
        ignore_index=True,
    )
    codes = pd.concat([df["code"], df["code"], aliases["code"], aliases["code"]], ignore_index=True)
    keys = (
        keys.str.lower()
        .str.replace(r"\bkep\b\.?", "kepulauan ", regex=True)
        .str.replace(r"[^0-9a-z]", "", regex=True)
    )
    pairs = pd.DataFrame({"key": keys, "code": codes}).drop_duplicates()
    names = _group(pairs["key"].to_numpy(object), pairs["code"].to_numpy(object))
    linked = df[df["parent_code"] != ""]
    kids = _group(linked["parent_code"].to_numpy(object), linked["code"].to_numpy(object))
    return _Catalog(df, by_code, by_bps, names, kids)


def _group(keys: np.ndarray, values: np.ndarray) -> dict[str, tuple[str, ...]]:
    """``{key: (values in their original order)}`` without a Python loop over rows."""
    order = np.argsort(keys, kind="stable")
    uniq, starts = np.unique(keys[order], return_index=True)
    groups = np.split(values[order], starts[1:])
    return dict(zip(uniq.tolist(), map(tuple, groups), strict=True))


def region_by_code(code: str | Region) -> Region:
    """The region with this Kemendagri code, exactly (no names, no BPS codes).

    Callers holding a code from the catalog itself (``parent_code``, a figure's
    ``region_code``) use this: it can never be ambiguous.

    Raises
    ------
    UnknownRegionError
        When no region has this code.

    Examples
    --------
    >>> region_by_code("95").name
    'Papua Pegunungan'
    """
    if isinstance(code, Region):
        return code
    region = _catalog().by_code.get(str(code).strip())
    if region is None:
        raise UnknownRegionError(str(code), suggest_regions(str(code)))
    return region


def lookup_region(text: str | Region, within: str | Region | None = None) -> Region:
    """Find a region by name, alias or code (Kemendagri or BPS).

    Parameters
    ----------
    text : str or Region
        "Kutai Timur", "Kutim", "KAB. KUTAI TIMUR", "64.08", "6404", "Palangkaraya",
        "Kota Baru, Kota Jambi", "bps:9471" … (the rules are in the module docstring).
    within : str or Region, optional
        Only regions inside this one (its code or anything ``lookup_region`` accepts),
        e.g. ``within="64.08"`` for a kecamatan column of Kutai Timur's registry.

    Returns
    -------
    Region

    Raises
    ------
    AmbiguousRegionError
        When the text fits several regions; the message lists them and how to name one.
    UnknownRegionError
        When it fits none, with up to three suggestions.

    Examples
    --------
    >>> lookup_region("KAB. KUTAI TIMUR").code
    '64.08'
    >>> lookup_region("Palangkaraya").official_name
    'Kota Palangka Raya'
    >>> lookup_region("6404").name
    'Kutai Timur'
    >>> lookup_region("Muara Bengkal", within="64.08").code
    '64.08.03'
    >>> lookup_region("Kota Bogor").code
    '32.71'
    """
    if isinstance(text, Region) and within is None:
        return text
    scope = None if within is None else _scope(within)
    raw = text.code if isinstance(text, Region) else str(text).strip()
    name, comma, parent = raw.rpartition(",")
    if comma and name.strip() and parent.strip():  # "Kota Baru, Kota Jambi"
        try:
            outer = lookup_region(parent, within=scope)
        except AmbiguousRegionError as err:
            # "Kota Baru, Jambi": fine when every reading of the parent gives one region.
            found = {c for p in err.codes for c in _find(name.strip(), region_by_code(p))}
            if len(found) != 1:
                raise
            return region_by_code(found.pop())
        return lookup_region(name, within=outer)
    codes = _find(raw, scope)
    cat = _catalog()
    if len(codes) == 1:
        return cat.by_code[codes[0]]
    if not codes:
        if scope is None:
            raise UnknownRegionError(raw, suggest_regions(raw))
        # Not inside the parent: say so, and where a region of that name does lie.
        elsewhere = [_unique_label(cat.by_code[c]) for c in _find(raw, None)[:3]]
        raise UnknownRegionError(
            f"{raw} (di {scope.official_name})",
            [*suggest_regions(raw, within=scope), *elsewhere][:5],
        )
    regions = [cat.by_code[c] for c in codes[:10]]
    raise AmbiguousRegionError(
        raw,
        [r.code for r in regions],
        [_describe(r) for r in regions],
        [_unique_label(r) for r in regions],
        more=max(len(codes) - 10, 0),
    )


def _find(raw: str, scope: Region | None) -> list[str]:
    """Codes ``raw`` can mean inside ``scope``; exactly one when it is unambiguous."""
    if "," in raw:
        name, _, parent = raw.rpartition(",")
        if name.strip() and parent.strip():
            parents = _find(parent.strip(), scope)
            if len(parents) != 1:
                return []
            return _find(name.strip(), _catalog().by_code[parents[0]])
    if re.fullmatch(r"[\d.]+|id|(bps|kemendagri)\b.*", raw, re.IGNORECASE):
        codes = _code_candidates(raw)
    else:
        codes = _name_candidates(raw)
    if scope is not None:
        inside = [c for c in codes if _inside(c, scope.code)]
        codes = inside or [c for c in codes if _inside(c, scope.code, former=True)]
    if len(codes) > 1:
        upper = [c for c in codes if _catalog().by_code[c].level in _UPPER]
        if len(upper) == 1:  # the documented rule: kab/kota/provinsi over kecamatan
            return upper
        codes = sorted(upper or codes)
    return codes


def _scope(within: str | Region) -> Region:
    if isinstance(within, Region):
        return within
    return _catalog().by_code.get(str(within).strip()) or lookup_region(within)


def _inside(code: str, scope: str, former: bool = False) -> bool:
    if scope == "ID":
        return code != "ID"
    if code.startswith(scope + "."):
        return True
    return former and FORMER_PARENTS.get(code[:2]) == scope and code != code[:2]


def _code_candidates(raw: str) -> list[str]:
    cat = _catalog()
    m = _SYSTEM.match(raw)
    if m:
        system, code = m.group(1).lower(), m.group(2)
        hit = (
            cat.by_code.get(code)
            if system == "kemendagri"
            else cat.by_code.get(cat.by_bps.get(code.replace(".", ""), ""))
        )
        return [hit.code] if hit else []
    s = raw.lower()
    if s == "id":
        return ["ID"]
    if "." in s:
        return [s] if s in cat.by_code else []
    if len(s) == 2:  # province: Kemendagri and BPS agree outside Papua
        out = [c for c in (s if s in cat.by_code else None, cat.by_bps.get(s)) if c]
        return list(dict.fromkeys(out))
    if len(s) == 6:  # 640803: a Kemendagri kecamatan (BPS kecamatan codes have 7 digits)
        dotted = f"{s[:2]}.{s[2:4]}.{s[4:]}"
        return [dotted] if dotted in cat.by_code else []
    return [cat.by_bps[s]] if s in cat.by_bps else []


def _name_candidates(raw: str) -> list[str]:
    cat = _catalog()
    text = re.sub(r"\s+", " ", raw.lower())
    m = _PREFIX.match(text)
    hint = m.lastgroup if m else None
    out = [c for c in cat.names.get(_key(_PREFIX.sub("", text)), ()) if _fits(c, hint)]
    if hint == "kota":  # "Kota Baru", "Kota Bangun": names that begin with "Kota"
        out += cat.names.get(_key(text), ())
    return list(dict.fromkeys(out))


def _fits(code: str, hint: str | None) -> bool:
    return hint is None or _catalog().by_code[code].level == hint


def _describe(r: Region) -> str:
    """A region's official name, with its code and the official names of the regions above it.

    For example "Kecamatan Sawang (11.08.01, Kabupaten Aceh Utara, Provinsi Aceh)".
    """
    cat = _catalog()
    chain = []
    p = r.parent_code
    while p and p != "ID":
        parent = cat.by_code[p]
        chain.append(parent.official_name)
        p = parent.parent_code
    return f"{r.official_name} ({', '.join([r.code, *chain])})"


def _unique_label(r: Region) -> str:
    """The shortest text :func:`lookup_region` resolves to ``r`` alone."""
    options = [r.official_name]
    if r.parent_code and r.parent_code != "ID":
        parent = _catalog().by_code[r.parent_code]
        options += [f"{r.name}, {parent.name}", f"{r.official_name}, {parent.official_name}"]
    for text in options:
        if _find(text, None) == [r.code]:
            return text
    return r.code


def suggest_regions(
    text: str,
    n: int = 3,
    within: Region | None = None,
    levels: Sequence[str] | None = None,
) -> list[str]:
    """Regions whose names are closest to ``text``, best first.

    Each is written so that :func:`lookup_region` finds it alone ("Kabupaten Bogor",
    "Sawang, Aceh Utara").

    Close matches come from the whole catalog (or from ``within``, and of ``levels``
    only when given: a report asks only for provinces and kabupaten/kota); the
    training's own regions are offered only when nothing is close.

    Examples
    --------
    >>> suggest_regions("Kutai Timor")[0]
    'Kabupaten Kutai Timur'
    """
    cat = _catalog()
    raw = str(text)
    if re.fullmatch(r"\d{4}", raw.strip()):  # a Kemendagri code written without its dot
        dotted = f"{raw.strip()[:2]}.{raw.strip()[2:]}"
        if dotted in cat.by_code:
            return [_unique_label(cat.by_code[dotted])]
    names = cat.names
    if within is not None:
        names = {k: v for k, v in names.items() if any(_inside(c, within.code) for c in v)}
    words = normalize_region_name(raw).split()
    key = "".join(words)
    if not key:
        return []
    pool = set(difflib.get_close_matches(key, list(names), n=n * 10, cutoff=0.6))
    if len(words) > 1 and len(words[0]) >= 4:  # "Kutai Tengah": the Kutai kabupaten too
        pool |= {k for k in names if k.startswith(words[0])}
    scored: dict[str, float] = {}
    for k in pool:
        ratio = difflib.SequenceMatcher(None, key, k).ratio()
        for c in names[k]:
            if within is not None and not _inside(c, within.code):
                continue
            r = cat.by_code[c]
            if levels is not None and r.level not in levels:
                continue
            first = _words(r.name).split()[:1] == words[:1]
            score = ratio + 0.3 * first + 0.05 * (r.level in _UPPER)
            scored[c] = max(score, scored.get(c, 0.0))
    best = sorted(scored, key=lambda c: (-scored[c], c))
    out: list[str] = []
    for c in best:
        label = _unique_label(cat.by_code[c])
        if label not in out:
            out.append(label)
        if len(out) == n:
            break
    if not out and within is None:
        out = [_unique_label(cat.by_code[c]) for c in _SEEDS]
    return out[:n]


def children(code: str | Region, level: str | None = None) -> list[Region]:
    """Regions directly below ``code`` (optionally only of one level), by code.

    Examples
    --------
    >>> [r.name for r in children("64.71")][:2]
    ['Balikpapan Timur', 'Balikpapan Barat']
    >>> len(children("31", "kota"))
    5
    """
    cat = _catalog()
    key = code.code if isinstance(code, Region) else str(code)
    out = [cat.by_code[c] for c in cat.kids.get(key, ())]
    if level is not None:
        out = [r for r in out if r.level == level]
    return sorted(out, key=lambda r: r.code)


def descendants(code: str | Region, level: str | None = None) -> list[Region]:
    """Every region inside ``code`` (all levels below, or one), by code.

    Examples
    --------
    >>> len(descendants("64", "kecamatan"))
    105
    """
    cat = _catalog()
    key = code.code if isinstance(code, Region) else str(code)
    df = cat.frame
    mask = df["code"] != "ID" if key == "ID" else df["code"].str.startswith(key + ".")
    if level is not None:
        mask &= df["level"] == level
    return [cat.by_code[c] for c in sorted(df.loc[mask, "code"])]


def region_choices(levels: tuple[str, ...] = ("provinsi", "kabupaten", "kota")) -> list[Region]:
    """Regions a report can be rendered for, ordered by code."""
    cat = _catalog()
    codes = cat.frame.loc[cat.frame["level"].isin(levels), "code"]
    return [cat.by_code[c] for c in sorted(codes, key=lambda c: (c != "ID", c))]


def select_regions(
    province: str | Region | None = None, levels: tuple[str, ...] | None = None
) -> list[Region]:
    """Regions of one province (or all Indonesia), of the given levels, by code.

    Parameters
    ----------
    province : str or Region, optional
        A province by name or code ("Kaltim", "64"); a region of another level is
        refused with a message, so that "Kutim" does not silently list Kalimantan Timur.
    levels : tuple of str, optional
        Default: every level but kecamatan.

    Raises
    ------
    ParameterError
        When ``province`` is not a province, or a level is unknown.

    Examples
    --------
    >>> [r.code for r in select_regions("Kaltim", ("kota",))]
    ['64.71', '64.72', '64.74']
    """
    from kopedu.errors import ParameterError

    levels = levels or ("nasional", "provinsi", "kabupaten", "kota")
    unknown = [lv for lv in levels if lv not in LEVELS]
    if unknown:
        raise ParameterError(
            f"Tingkat {', '.join(unknown)} tidak dikenal; pilih: {', '.join(LEVELS[1:])}."
        )
    if province is None:
        return region_choices(levels)
    prov = lookup_region(province)
    if prov.level != "provinsi":
        raise ParameterError(
            f"{prov.official_name} adalah {prov.level}, bukan provinsi; tulis provinsinya, "
            f"mis. {region_by_code(prov.province_code or 'ID').name!r}."
        )
    own = [prov] if "provinsi" in levels else []
    return own + [r for r in descendants(prov) if r.level in levels]
