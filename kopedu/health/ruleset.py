"""Rule sets for health scoring, read from the YAML files in ``kopedu/health/rules/``.

A rule set is data: aspects with weights, components with a formula (numerator ÷
denominator over input columns or named quantities), and for each component one or
more *readings* (``bacaan``) — a bracket table or a linear rule — of which one is the
default. Where the sources disagree, every reading is kept and the conflict is listed
under ``konflik`` with the chosen default and why.

:func:`load_rules` reads a rule set into frozen dataclasses;
:func:`kopedu.health.rulecheck.check_rules` returns every inconsistency found.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import yaml

from kopedu.errors import KopeduError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "GLOBAL_OPTIONS",
    "Aspect",
    "Bracket",
    "Category",
    "Component",
    "Conflict",
    "Linear",
    "Reading",
    "RuleSet",
    "RulesError",
    "list_rules",
    "load_rules",
    "number_text",
    "raw_rules",
]

CONFIDENCE = frozenset({"H", "M", "L", "M-H", "L-M"})
#: Conflicts that apply to every component, with their options (see ScoringOptions).
GLOBAL_OPTIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "batas_bulat": ("bulat", "kontinu"),
        "pembulatan": ("kontinu", "nilai_bulat", "rasio_bulat", "rasio_ke_atas"),
    }
)
_INTERVAL = re.compile(r"^\s*([\[(])\s*(-?inf|-?[0-9.]+)\s*,\s*(-?inf|-?[0-9.]+)\s*([\])])\s*$")


class RulesError(KopeduError, ValueError):
    """A rule set is unknown, cannot be read, or is inconsistent."""


@dataclass(frozen=True, slots=True)
class Bracket:
    """One row of a bracket table: an interval of the ratio (in %) and its nilai.

    Examples
    --------
    >>> b = Bracket.parse("(0, 20]", 25)
    >>> b.contains(20.0), b.contains(0.0), b.text()
    (True, False, '0 < x ≤ 20')
    """

    lo: float
    hi: float
    lo_closed: bool
    hi_closed: bool
    nilai: float

    @classmethod
    def parse(cls, interval: str, nilai: float) -> Bracket:
        """Read ``"(0, 20]"``-style interval notation."""
        m = _INTERVAL.match(str(interval))
        if not m:
            raise RulesError(f"Rentang {interval!r} tidak terbaca; tulis seperti '(0, 20]'.")
        return cls(float(m[2]), float(m[3]), m[1] == "[", m[4] == "]", float(nilai))

    def contains(self, x: float) -> bool:
        """Whether ``x`` lies in this interval."""
        above = x >= self.lo if self.lo_closed else x > self.lo
        below = x <= self.hi if self.hi_closed else x < self.hi
        return bool(above and below)

    def text(self) -> str:
        """The interval as a trainee reads it: ``'61 ≤ x < 81'``."""
        parts = []
        if not math.isinf(self.lo):
            parts.append(f"{number_text(self.lo)} {'≤' if self.lo_closed else '<'} ")
        parts.append("x")
        if not math.isinf(self.hi):
            parts.append(f" {'≤' if self.hi_closed else '<'} {number_text(self.hi)}")
        if self.lo == self.hi:
            return f"x = {number_text(self.lo)}"
        return "".join(parts)


def number_text(x: float) -> str:
    """A bound or weight as a trainee reads it: ``7,5``, ``100``."""
    return f"{x:g}".replace(".", ",")


@dataclass(frozen=True, slots=True)
class Linear:
    """A linear reading: ``nilai = clip(titik_potong + kemiringan × x, min, max)``."""

    titik_potong: float
    kemiringan: float
    min: float = 0.0
    max: float = 100.0

    def text(self) -> str:
        """The rule in words, e.g. ``'nilai = 100 − 2 × rasio (0–100)'``."""
        a, b = self.titik_potong, self.kemiringan
        slope = "" if abs(b) == 1 else f"{number_text(abs(b))} × "
        if a == 0:
            body = f"{'−' if b < 0 else ''}{slope}rasio"
        else:
            body = f"{number_text(a)} {'−' if b < 0 else '+'} {slope}rasio"
        return f"nilai = {body}, dibatasi {number_text(self.min)}–{number_text(self.max)}"


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading (``bacaan``) of a component: a bracket table or a linear rule.

    ``rule`` is the rule as the source states it (YAML ``aturan``), so that a trainer
    can compare the table with the text it came from. ``supported`` is False for a
    reading kept only for comparison (YAML ``tanpa_sumber: true``): no written source
    supports it, it is never a default, and the trace says so when it is chosen.
    ``unknown`` marks a component whose table was not found in any public source
    (YAML ``tabel_belum_ditemukan: true``): it is always "tidak dapat dinilai".
    """

    name: str
    source: str
    confidence: str
    note: str = ""
    brackets: tuple[Bracket, ...] = ()
    linear: Linear | None = None
    rule: str = ""
    supported: bool = True
    unknown: bool = False

    @property
    def nilai_min(self) -> float:
        """Lowest nilai this reading can give (NaN for an unknown table)."""
        if self.linear:
            return self.linear.min
        return min((b.nilai for b in self.brackets), default=math.nan)

    @property
    def nilai_max(self) -> float:
        """Highest nilai this reading can give (NaN for an unknown table)."""
        if self.linear:
            return self.linear.max
        return max((b.nilai for b in self.brackets), default=math.nan)

    def label(self) -> str:
        """The reading as the trace names it: name, source and confidence.

        Examples
        --------
        >>> load_rules().component("rasio_kas").readings["tabel"].label()
        'tabel (Permen 14/2009 Tabel 17; APEX; keyakinan M)'
        """
        extra = "; TANPA SUMBER TERTULIS" if not self.supported else ""
        return f"{self.name} ({self.source}; keyakinan {self.confidence}{extra})"


@dataclass(frozen=True, slots=True)
class Component:
    """A scored ratio: formula, weight (bobot, % points) and its readings."""

    id: str
    code: str
    name: str
    weight: float
    numerator: str | float
    denominator: str | float
    readings: Mapping[str, Reading]
    default_reading: str
    source: str
    confidence: str
    integer_bounds: tuple[float, ...] = ()
    on_zero: str = "tidak_dapat_dinilai"
    on_negative: str = "tidak_dapat_dinilai"
    questionnaire: bool = False
    ratio_range: tuple[float, float] = (0.0, 200.0)  # what a what-if accepts (%)


@dataclass(frozen=True, slots=True)
class Aspect:
    """An aspect (aspek) with its weight and components."""

    id: str
    name: str
    weight: float
    components: tuple[Component, ...]
    source: str
    confidence: str


@dataclass(frozen=True, slots=True)
class Category:
    """A final category: total score ≥ ``min`` (the highest matching band wins)."""

    label: str
    min: float
    source: str
    confidence: str


@dataclass(frozen=True, slots=True)
class Conflict:
    """A point where sources disagree: the options, the default and why."""

    id: str
    title: str
    options: tuple[str, ...]
    default: str
    reason: str
    source: str
    confidence: str


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A complete rule set (e.g. Perdep 06/2016).

    ``scale`` is ``"perdep"`` (nilai 0–100 from the tables) or ``"kkpkk"`` (the 2021
    worksheet: a table gives nilai = skor × 25, with nilai kredit 1–4 and skor 4–1;
    see ``rules/kkpkk_2021.yaml``).
    """

    id: str
    title: str
    basis: str
    source: str
    confidence: str
    quantities: Mapping[str, tuple[str, Mapping[str, float]]]
    aspects: tuple[Aspect, ...]
    categories: tuple[Category, ...]
    conflicts: tuple[Conflict, ...]
    scale: str = "perdep"

    @property
    def components(self) -> tuple[Component, ...]:
        """All components in order."""
        return tuple(c for a in self.aspects for c in a.components)

    def component(self, cid: str) -> Component:
        """The component with id ``cid``."""
        for c in self.components:
            if c.id == cid:
                return c
        known = ", ".join(c.id for c in self.components)
        raise RulesError(f"Komponen {cid!r} tidak ada di {self.id}. Pilihan: {known}.")

    def find(self, name: str) -> Component:
        """The component with id or code ``name`` (``"rasio_kas"`` or ``"5a"``).

        Examples
        --------
        >>> load_rules().find("5a").id
        'rasio_kas'
        """
        for c in self.components:
            if name in (c.id, c.code):
                return c
        return self.component(name)  # the error names the choices

    def aspect_of(self, cid: str) -> Aspect:
        """The aspect that holds component ``cid``."""
        for a in self.aspects:
            if any(c.id == cid for c in a.components):
                return a
        raise RulesError(f"Komponen {cid!r} tidak ada di {self.id}.")

    def aspect_table(self) -> pd.DataFrame:
        """The aspects with their weight (bobot) and number of components, one per row.

        Examples
        --------
        >>> t = load_rules("perdep_06_2016").aspect_table()
        >>> t["aspek"].iloc[0], t["bobot"].tolist(), t["komponen"].tolist()
        ('Permodalan', [15, 25, 15, 10, 15, 10, 10], [3, 4, 5, 3, 2, 3, 2])
        """
        import pandas as pd

        weights = [a.weight for a in self.aspects]
        whole = all(float(w).is_integer() for w in weights)
        return pd.DataFrame(
            {
                "aspek": [a.name for a in self.aspects],
                "bobot": [int(w) for w in weights] if whole else weights,
                "komponen": [len(a.components) for a in self.aspects],
            }
        )

    def input_columns(self) -> tuple[str, ...]:
        """Input columns the formulas read, in first-use order."""
        cols: list[str] = []
        for c in self.components:
            if all(r.unknown for r in c.readings.values()):
                continue  # no table known: never computed, its inputs are not needed
            for term in (c.numerator, c.denominator):
                if isinstance(term, str):
                    names = self.quantities[term][1] if term in self.quantities else {term: 1}
                    cols.extend(n for n in names if n not in cols)
        return tuple(cols)


def list_rules() -> tuple[str, ...]:
    """Names of the bundled scoring rule sets.

    Examples
    --------
    >>> "perdep_06_2016" in list_rules()
    True
    """
    files = resources.files("kopedu.health").joinpath("rules")
    names = sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".yaml"))
    return tuple(n for n in names if _is_scoring(_raw(n)))


def _is_scoring(d: Mapping[str, Any]) -> bool:
    return bool(d.get("turunan_dari")) or any("komponen" in a for a in d.get("aspek", ()))


@cache
def _raw(name: str) -> dict[str, Any]:
    path = resources.files("kopedu.health").joinpath("rules", f"{name}.yaml")
    if not path.is_file():
        raise RulesError(
            f"Aturan {name!r} tidak dikenal. Pilihan: perdep_06_2016, perdep_07_2016, kkpkk_2021."
        )
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def raw_rules(name: str) -> dict[str, Any]:
    """The rule set (or another rule file) as plain data, a derived set's changes applied.

    A derived set (``turunan_dari``) may change aspects (``ubah_aspek``) and components
    (``ubah_komponen``), replace the components of an aspect (``ganti_komponen``; an
    entry with ``salin_dari: <id>`` starts from that base component) and add aspects
    (``tambah_aspek``) and quantities (``besaran_tambahan``). Base conflicts that no
    longer apply (a component gone, or with other readings) are dropped.
    """
    data = copy.deepcopy(_raw(name))
    base = data.pop("turunan_dari", None)
    if base is None:
        return data
    merged = raw_rules(base)
    for key in ("id", "judul", "dasar", "sumber", "keyakinan"):
        merged[key] = data[key]
    aspects = {a["id"]: a for a in merged["aspek"]}
    for aid, changes in (data.get("ubah_aspek") or {}).items():
        aspects[aid].update(changes)
    comps = {c["id"]: c for a in merged["aspek"] for c in a["komponen"]}
    for cid, changes in (data.get("ubah_komponen") or {}).items():
        comps[cid].update(changes)
    for aid, new in (data.get("ganti_komponen") or {}).items():
        replaced = []
        for c in new:
            if "salin_dari" in c:
                start = copy.deepcopy(comps[c.pop("salin_dari")])
                start.update(c)
                c = start
            replaced.append(c)
        aspects[aid]["komponen"] = replaced
    merged["aspek"].extend(data.get("tambah_aspek") or [])
    merged.setdefault("besaran", {}).update(data.get("besaran_tambahan") or {})
    readings = {c["id"]: set(c["bacaan"]) for a in merged["aspek"] for c in a["komponen"]}

    def still_applies(k: Mapping[str, Any]) -> bool:
        kind, _, cid = k["id"].rpartition(".")
        if k["id"] in GLOBAL_OPTIONS or kind:
            return k["id"] in GLOBAL_OPTIONS or cid in readings
        return set(k["pilihan"]) == readings.get(cid)

    kept = [k for k in merged.get("konflik", []) if still_applies(k)]
    merged["konflik"] = kept + (data.get("konflik") or [])
    return merged


def _ratio_range(c: Mapping[str, Any]) -> tuple[float, float]:
    """What a what-if accepts for a component's ratio (%).

    ``rentang_rasio``, else 0–200 (0–100 for a questionnaire part, whose ratio is a share
    of "ya").
    """
    default = (0, 100) if c.get("kuesioner") else (0, 200)
    lo, hi = c.get("rentang_rasio", default)
    return float(lo), float(hi)


def _term(value: Any) -> str | float:
    return value if isinstance(value, str) else float(value)


def _reading(name: str, d: Mapping[str, Any]) -> Reading:
    lin = d.get("linear")
    return Reading(
        name=name,
        source=str(d.get("sumber", "")),
        confidence=str(d.get("keyakinan", "")),
        note=str(d.get("keterangan", "")),
        brackets=tuple(Bracket.parse(i, v) for i, v in d.get("kurung") or ()),
        linear=Linear(**{k: float(v) for k, v in lin.items()}) if lin else None,
        rule=" ".join(str(d.get("aturan", "")).split()),
        supported=not d.get("tanpa_sumber", False),
        unknown=bool(d.get("tabel_belum_ditemukan", False)),
    )


@cache
def load_rules(name: str = "perdep_06_2016") -> RuleSet:
    """Load a bundled rule set.

    Parameters
    ----------
    name : str
        ``"perdep_06_2016"`` (KSP/USP, default), ``"perdep_07_2016"`` (syariah) or
        ``"kkpkk_2021"`` (the 2021 worksheet); see :func:`list_rules`.

    Returns
    -------
    RuleSet

    Examples
    --------
    >>> rules = load_rules()
    >>> sum(a.weight for a in rules.aspects)
    100.0
    >>> rules.component("ms_ta").weight
    6.0
    """
    d = raw_rules(name)
    aspects = []
    for a in d["aspek"]:
        share = float(a["bobot"]) / len(a["komponen"])  # bobot: bagi_rata
        comps = tuple(
            Component(
                id=c["id"],
                code=str(c.get("kode", "")),
                name=c["nama"],
                weight=share if c["bobot"] == "bagi_rata" else float(c["bobot"]),
                numerator=_term(c["pembilang"]),
                denominator=_term(c["penyebut"]),
                readings={k: _reading(k, v) for k, v in c["bacaan"].items()},
                default_reading=c["bacaan_baku"],
                source=str(c.get("sumber", "")),
                confidence=str(c.get("keyakinan", "")),
                integer_bounds=tuple(float(b) for b in c.get("batas_bulat", ())),
                on_zero=c.get("penyebut_nol", "tidak_dapat_dinilai"),
                on_negative=c.get("penyebut_negatif", "tidak_dapat_dinilai"),
                questionnaire=bool(c.get("kuesioner", False)),
                ratio_range=_ratio_range(c),
            )
            for c in a["komponen"]
        )
        aspects.append(
            Aspect(a["id"], a["nama"], float(a["bobot"]), comps, a["sumber"], a["keyakinan"])
        )
    return RuleSet(
        id=d["id"],
        title=d["judul"],
        basis=d["dasar"],
        source=d["sumber"],
        confidence=d["keyakinan"],
        quantities={k: (v["nama"], dict(v["rumus"])) for k, v in d.get("besaran", {}).items()},
        aspects=tuple(aspects),
        categories=tuple(
            Category(k["label"], float(k["min"]), k["sumber"], k["keyakinan"])
            for k in d["kategori"]
        ),
        conflicts=tuple(
            Conflict(
                k["id"],
                k["judul"],
                tuple(k["pilihan"]),
                k["baku"],
                k["alasan"],
                k["sumber"],
                k["keyakinan"],
            )
            for k in d.get("konflik", ())
        ),
        scale=str(d.get("skala", "perdep")),
    )
