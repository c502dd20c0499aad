"""When is a cooperative *aktif*? Selectable definitions, each with its source.

Agencies do not agree (``../shared/reference/accounting-shu-rat.md`` §4):
Kemenkop/BPS count a cooperative as aktif when it held an RAT at least once in the
last three years; the Kaltim office revokes the legal-entity decree after two years
without RAT; Bantul proposes closure after two; Kepahiang dissolves after five. A
:class:`StatusDefinition` holds one such rule; :data:`DEFINITIONS` lists the built-in
ones and :data:`DEFAULT_DEFINITION` names the default.

Years are counted in *tahun buku*: "status in year Y" looks at the RAT for tahun buku
Y−1, Y−2, … (the RAT for tahun buku Y−1 is held in the first half of Y).
"""

from __future__ import annotations

from dataclasses import dataclass

from kopedu.errors import ParameterError

__all__ = ["DEFAULT_DEFINITION", "DEFINITIONS", "StatusDefinition", "get_definition"]


@dataclass(frozen=True, slots=True)
class StatusDefinition:
    """A rule for aktif/tidak aktif and for the follow-up a Dinas should consider.

    Attributes
    ----------
    key : str
        Short name used in parameters (``"kemenkop"``).
    label : str
        Indonesian description.
    window_years : int
        Aktif in year Y = at least one RAT for tahun buku Y−window … Y−1. A cooperative
        whose first tahun buku is not yet due (founded in Y) counts as aktif.
    pembekuan_after : int
        Consecutive tahun buku without RAT after which the cooperative is listed for
        pembekuan (freezing / revoking the decree).
    pembubaran_after : int
        Consecutive tahun buku without RAT after which it is listed for pembubaran.
    source : str
        Where the rule comes from (publisher, year).

    Examples
    --------
    >>> StatusDefinition("dua", "contoh", 2, 2, 3, "contoh").window_years
    2
    """

    key: str
    label: str
    window_years: int
    pembekuan_after: int
    pembubaran_after: int
    source: str

    def __post_init__(self) -> None:
        if not (1 <= self.window_years <= 10):
            raise ParameterError("window_years harus antara 1 dan 10 tahun.")
        if not (1 <= self.pembekuan_after <= self.pembubaran_after):
            raise ParameterError("Syarat: 1 ≤ pembekuan_after ≤ pembubaran_after.")


DEFINITIONS: dict[str, StatusDefinition] = {
    d.key: d
    for d in (
        StatusDefinition(
            "kemenkop",
            "Kemenkop/BPS: aktif bila RAT minimal sekali dalam 3 tahun buku terakhir",
            3,
            2,
            3,
            "Aktif: Kemenkop/BPS (kompaspedia); Dinas Kaltim memakai batas yang sama "
            "(niaga.asia 2022). Pembekuan 2 tahun: Disperindagkop Kaltim 2016 (artikel "
            "sumber 002, SK badan hukum dicabut). Pembubaran 3 tahun: praktik Dinas "
            "mengutip Permenkop 9/2018 (rakyatjambi.co 2023).",
        ),
        StatusDefinition(
            "kaltim",
            "Kaltim 2016/Bantul 2018: tidak aktif bila 2 tahun buku berturut-turut tanpa RAT",
            2,
            2,
            3,
            "Disperindagkop Kaltim 2016 (artikel sumber 002): tanpa RAT dua tahun "
            "berturut-turut, SK badan hukum dicabut; Bantul 2018: dua tahun tanpa RAT, "
            "diusulkan ditutup.",
        ),
        StatusDefinition(
            "kepahiang",
            "Kepahiang: tidak aktif setelah 3 tahun, dibubarkan setelah 5 tahun tanpa RAT",
            3,
            3,
            5,
            "Dinas Kepahiang (dikutip di rujukan akuntansi-SHU-RAT §4).",
        ),
        StatusDefinition(
            "tahunan",
            "Ketat: aktif hanya bila RAT tahun buku terakhir dilaksanakan",
            1,
            2,
            3,
            "Ukuran kepatuhan tahunan (UU 25/1992 Pasal 26: RAT paling sedikit sekali "
            "setahun); bukan definisi resmi status aktif.",
        ),
    )
}

#: The default follows the national statistics (Kemenkop/BPS), so that regional
#: figures compare with the national series.
DEFAULT_DEFINITION = "kemenkop"


def get_definition(definition: str | StatusDefinition | None = None) -> StatusDefinition:
    """Resolve a definition key (or pass a :class:`StatusDefinition` through).

    Examples
    --------
    >>> get_definition().window_years
    3
    >>> get_definition("kaltim").window_years
    2
    """
    if isinstance(definition, StatusDefinition):
        return definition
    key = (definition or DEFAULT_DEFINITION).strip().lower()
    if key not in DEFINITIONS:
        raise ParameterError(
            f"Definisi status {definition!r} tidak dikenal. Pilihan: {', '.join(DEFINITIONS)}."
        )
    return DEFINITIONS[key]
