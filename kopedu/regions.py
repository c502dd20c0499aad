"""Region catalog: provinces, kabupaten/kota and kecamatan with Kemendagri and BPS codes.

People write region names many ways ("Kutim", "KAB. KUTAI TIMUR", "Kota Balikpapan",
"Palangkaraya"). :func:`lookup_region` accepts the common forms, the official codes of
both agencies, and the aliases in ``data/region_aliases.csv``; an unknown name raises
:class:`~kopedu.errors.UnknownRegionError` with "did you mean …" suggestions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from kopedu.errors import DataValidationError, Problem, UnknownRegionError
from kopedu.paths import data_path
from kopedu.validation import pa, read_table, validate_frame

__all__ = [
    "LEVELS",
    "Region",
    "children",
    "load_regions",
    "lookup_region",
    "normalize_region_name",
    "region_choices",
]

LEVELS = ("nasional", "provinsi", "kabupaten", "kota", "kecamatan")

_PREFIX = re.compile(
    r"^(provinsi|prov\.?|propinsi|kabupaten|kab\.?|kotamadya|kota|kodya|kecamatan|kec\.?)\s+"
)

REGION_SCHEMA = pa.DataFrameSchema(
    {
        "code": pa.Column(
            str,
            pa.Check.str_matches(r"^(ID|\d{2}(\.\d{2}){0,2})$"),
            unique=True,
            metadata={"fix": "tulis kode Kemendagri seperti 64.08 atau 64.08.03"},
        ),
        "bps_code": pa.Column(str, nullable=True),
        "name": pa.Column(str, metadata={"fix": "isi nama wilayah tanpa awalan Kab./Kota"}),
        "official_name": pa.Column(str),
        "level": pa.Column(
            str, pa.Check.isin(LEVELS), metadata={"fix": "pilih: " + ", ".join(LEVELS)}
        ),
        "parent_code": pa.Column(str, nullable=True),
        "code_confidence": pa.Column(str, pa.Check.isin(["H", "M", "L"])),
        "source": pa.Column(str),
    },
    strict=True,
    coerce=True,
)


@dataclass(frozen=True, slots=True)
class Region:
    """One region of the catalog.

    Attributes
    ----------
    code : str
        Kemendagri code (``"64.08"``; ``"ID"`` for Indonesia).
    bps_code : str
        BPS code (``"6404"``), empty when unknown.
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

    def __str__(self) -> str:
        return f"{self.official_name} ({self.code})"


def normalize_region_name(text: str) -> str:
    """Normalise a region name for matching.

    Lower-cases, strips level words (Kabupaten, Kab., Kota, Provinsi, Kecamatan …),
    punctuation and repeated spaces.

    Examples
    --------
    >>> normalize_region_name("  KAB. KUTAI   TIMUR ")
    'kutai timur'
    >>> normalize_region_name("Kota Palangka Raya")
    'palangka raya'
    """
    s = re.sub(r"\s+", " ", str(text).strip().lower())
    s = _PREFIX.sub("", s)
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _squash(text: str) -> str:
    return normalize_region_name(text).replace(" ", "")


@cache
def load_regions() -> pd.DataFrame:
    """The bundled region catalog (``data/regions.csv``), validated.

    Returns
    -------
    DataFrame
        Columns ``code, bps_code, name, official_name, level, parent_code,
        code_confidence, source``; one row per region.

    Examples
    --------
    >>> regions = load_regions()
    >>> regions.loc[regions["code"] == "64.08", "bps_code"].item()
    '6404'
    """
    path = data_path("regions.csv")
    raw = read_table(path)
    df = validate_frame(raw, REGION_SCHEMA, path.name)
    problems = [
        Problem(path.name, i + 2, "parent_code", f"induk {p!r} tidak ada di katalog")
        for i, p in enumerate(df["parent_code"])
        if p and p not in set(df["code"])
    ]
    if problems:
        raise DataValidationError(path.name, problems)
    return df


@cache
def _index() -> tuple[dict[str, str], dict[str, Region]]:
    regions = load_regions()
    by_code = {
        r.code: Region(r.code, r.bps_code, r.name, r.official_name, r.level, r.parent_code)
        for r in regions.itertuples(index=False)
    }
    keys: dict[str, str] = {}
    # Lower levels first so that a province/kab name wins over a same-named kecamatan.
    for region in sorted(by_code.values(), key=lambda r: -LEVELS.index(r.level)):
        keys[region.code.lower()] = region.code
        undotted = region.code.replace(".", "")
        if len(undotted) == 6:  # 640803: a kecamatan; never clashes with 7-digit BPS codes
            keys[undotted] = region.code
        for name in (region.name, region.official_name):
            keys[_squash(name)] = region.code
    # BPS codes last: "6403" is BPS Kutai Kartanegara, not Kemendagri 64.03 (Berau)
    # written without dots — Kemendagri codes are written with dots.
    for region in by_code.values():
        if region.bps_code:
            keys[region.bps_code] = region.code
    aliases = read_table(data_path("region_aliases.csv"))
    for alias, code in zip(aliases["alias"], aliases["code"], strict=True):
        keys.setdefault(_squash(alias), code)
    return keys, by_code


def lookup_region(text: str | Region) -> Region:
    """Find a region by name, alias or code (Kemendagri or BPS).

    Parameters
    ----------
    text : str or Region
        "Kutai Timur", "Kutim", "KAB. KUTAI TIMUR", "64.08", "6404", "Palangkaraya" …
        A code without dots is read as a BPS code ("6403" is Kutai Kartanegara);
        Kemendagri codes are written with dots ("64.03" is Berau).

    Returns
    -------
    Region

    Raises
    ------
    UnknownRegionError
        With up to three suggestions of real regions.

    Examples
    --------
    >>> lookup_region("KAB. KUTAI TIMUR").code
    '64.08'
    >>> lookup_region("Palangkaraya").official_name
    'Kota Palangka Raya'
    >>> lookup_region("6404").name
    'Kutai Timur'
    """
    if isinstance(text, Region):
        return text
    keys, by_code = _index()
    raw = str(text).strip()
    key = raw.lower() if re.fullmatch(r"[\d.]+|id", raw.lower()) else _squash(raw)
    if key in keys:
        return by_code[keys[key]]
    raise UnknownRegionError(raw, suggest_regions(raw))


def suggest_regions(text: str, n: int = 3) -> list[str]:
    """Official names of the regions closest to ``text`` (best first).

    Examples
    --------
    >>> suggest_regions("Kutai Timor")[0]
    'Kabupaten Kutai Timur'
    """
    keys, by_code = _index()
    names = {_squash(r.official_name): r.official_name for r in by_code.values()}
    names.update({k: by_code[c].official_name for k, c in keys.items() if not k[:1].isdigit()})
    hits = difflib.get_close_matches(_squash(text), list(names), n=n * 3, cutoff=0.55)
    seen: list[str] = []
    for h in hits:
        if names[h] not in seen:
            seen.append(names[h])
    # Pad a short list with the regions of the training's source articles.
    for code in ("64.08", "64.71", "62.71", "64"):
        if len(seen) >= n:
            break
        if by_code[code].official_name not in seen:
            seen.append(by_code[code].official_name)
    return seen[:n]


def children(code: str, level: str | None = None) -> list[Region]:
    """Regions directly below ``code`` (optionally only of one level), by code.

    Examples
    --------
    >>> [r.name for r in children("64.71")][:2]
    ['Balikpapan Timur', 'Balikpapan Barat']
    """
    _, by_code = _index()
    out = [r for r in by_code.values() if r.parent_code == code]
    if level is not None:
        out = [r for r in out if r.level == level]
    return sorted(out, key=lambda r: r.code)


def region_choices(levels: tuple[str, ...] = ("provinsi", "kabupaten", "kota")) -> list[Region]:
    """Regions a report can be rendered for, ordered by code."""
    _, by_code = _index()
    return sorted((r for r in by_code.values() if r.level in levels), key=lambda r: r.code)
