"""Scoring options: which reading, boundary rule, rounding and policies to use.

Where the public sources disagree, a rule set keeps every reading and names a default
(``konflik`` in the rule file). :class:`ScoringOptions` chooses among them; the
defaults are the rule set's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from kopedu.errors import KopeduError
from kopedu.health.ruleset import GLOBAL_OPTIONS, Component, Reading, RuleSet

__all__ = [
    "NEGATIVE_POLICIES",
    "ROUNDING",
    "ZERO_POLICIES",
    "OptionsError",
    "ScoringOptions",
]

#: What to do when a denominator is 0, or negative.
ZERO_POLICIES: tuple[str, ...] = ("tidak_dapat_dinilai", "nilai_penuh")
NEGATIVE_POLICIES: tuple[str, ...] = ("tidak_dapat_dinilai", "terendah")
#: Rounding conventions, in the order of ``GLOBAL_OPTIONS["pembulatan"]``.
ROUNDING: tuple[str, ...] = GLOBAL_OPTIONS["pembulatan"]


class OptionsError(KopeduError, ValueError):
    """A scoring option names an unknown component, reading or policy."""


@dataclass(frozen=True, slots=True)
class ScoringOptions:
    """Which reading to use where the sources conflict (defaults: the rule set's).

    Parameters
    ----------
    batas : {"bulat", "kontinu"}
        Integer-written ranges ("61–80", "81–100"): ``"bulat"`` puts the gap
        80 < x < 81 in the lower range (as KPRI Adi Dharma did); ``"kontinu"`` keeps
        the boundary at 80.
    bacaan : mapping of component id → reading name
        E.g. ``{"rpm": "linear", "cadangan_rpm": "linear"}``.
    penyebut_nol : mapping of component id → policy
        ``"tidak_dapat_dinilai"`` or ``"nilai_penuh"`` when the denominator is 0.
    penyebut_negatif : mapping of component id → policy
        ``"tidak_dapat_dinilai"`` or ``"terendah"`` when the denominator is negative.
    pembulatan : {"kontinu", "nilai_bulat", "rasio_bulat", "rasio_ke_atas"}
        Rounding convention for every component: ``"kontinu"`` (default) uses the ratio
        and nilai as computed, as the rule texts and the official worked example do;
        ``"nilai_bulat"`` rounds nilai to a whole number (half up) as the theses'
        tables print it; ``"rasio_bulat"`` rounds the ratio to the nearest whole
        percent before the lookup (KPRI Nagara); ``"rasio_ke_atas"`` rounds it up
        (APEX's ``ceil``). Questionnaire components are never rounded.
    pembulatan_komponen : mapping of component id → convention
        The same per component, overriding ``pembulatan``.

    Examples
    --------
    >>> ScoringOptions(bacaan={"rpm": "linear"}).bacaan["rpm"]
    'linear'
    >>> ScoringOptions(pembulatan="rasio_ke_atas").pembulatan
    'rasio_ke_atas'
    """

    batas: str = "bulat"
    bacaan: Mapping[str, str] = field(default_factory=dict)
    penyebut_nol: Mapping[str, str] = field(default_factory=dict)
    penyebut_negatif: Mapping[str, str] = field(default_factory=dict)
    pembulatan: str = "kontinu"
    pembulatan_komponen: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.batas not in GLOBAL_OPTIONS["batas_bulat"]:
            raise OptionsError(f"batas={self.batas!r} tidak dikenal; pilih 'bulat' atau 'kontinu'.")
        for name in ("bacaan", "penyebut_nol", "penyebut_negatif", "pembulatan_komponen"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        for where, value in [("pembulatan", self.pembulatan), *self.pembulatan_komponen.items()]:
            if value not in ROUNDING:
                raise OptionsError(
                    f"pembulatan {where}={value!r} tidak dikenal; pilih {', '.join(ROUNDING)}."
                )

    def reading(self, comp: Component) -> Reading:
        """The reading used for ``comp``."""
        name = self.bacaan.get(comp.id, comp.default_reading)
        if name not in comp.readings:
            raise OptionsError(
                f"Bacaan {name!r} tidak ada untuk komponen {comp.id}; "
                f"pilihan: {', '.join(comp.readings)}."
            )
        return comp.readings[name]

    def rounding(self, comp: Component) -> str:
        """The rounding convention used for ``comp`` (always "kontinu" for a questionnaire)."""
        if comp.questionnaire:
            return "kontinu"
        return self.pembulatan_komponen.get(comp.id, self.pembulatan)

    def is_default(self) -> bool:
        """Whether every option is the rule set's default."""
        return (
            self.batas == "bulat"
            and self.pembulatan == "kontinu"
            and not any(
                (self.bacaan, self.penyebut_nol, self.penyebut_negatif, self.pembulatan_komponen)
            )
        )

    def check(self, rules: RuleSet) -> None:
        """Raise :class:`OptionsError` if an option names something ``rules`` lacks."""
        ids = {c.id for c in rules.components}
        for name in ("bacaan", "penyebut_nol", "penyebut_negatif", "pembulatan_komponen"):
            unknown = set(getattr(self, name)) - ids
            if unknown:
                raise OptionsError(
                    f"{name}: komponen {', '.join(sorted(unknown))} tidak ada di {rules.id}."
                )
        for comp in rules.components:
            self.reading(comp)
        for cid, p in self.penyebut_nol.items():
            if p not in ZERO_POLICIES:
                raise OptionsError(
                    f"penyebut_nol[{cid!r}]={p!r}; pilih {', '.join(ZERO_POLICIES)}."
                )
        for cid, p in self.penyebut_negatif.items():
            if p not in NEGATIVE_POLICIES:
                raise OptionsError(
                    f"penyebut_negatif[{cid!r}]={p!r}; pilih {', '.join(NEGATIVE_POLICIES)}."
                )
