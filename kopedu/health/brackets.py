"""Vectorised bracket lookup: one ``np.searchsorted`` per component.

A bracket table is a partition of the real line into intervals, each closed or
open at either end. To look up many ratios at once, every boundary is turned into a
"strictly below" test: a boundary that belongs to the upper interval (``[b, …)``)
is replaced by the largest float below ``b``, so that ``x ≥ b`` becomes
``x > nextafter(b, -inf)``. Then the number of boundaries strictly below ``x`` —
``searchsorted(bounds, x, side="left")`` — is the index of the interval holding ``x``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kopedu.health.ruleset import Bracket, Reading, RulesError

__all__ = [
    "CompiledTable",
    "bracket_index",
    "compile_reading",
    "lookup",
    "shift_integer_bounds",
]


def shift_integer_bounds(
    brackets: Sequence[Bracket], integer_bounds: Sequence[float]
) -> tuple[Bracket, ...]:
    """Apply the "bulat" reading of integer-written ranges.

    A source that writes "61–80" and "81–100" leaves 80 < x < 81 uncovered. Under the
    bulat reading that gap belongs to the lower range, so the boundary at 80 moves to
    81 and 81 itself goes up: ``(60, 80]`` becomes ``(60, 81)`` and ``(80, …`` becomes
    ``[81, …``. This is how KPRI Adi Dharma read 80,985 % (nilai 50, range 61–80).

    Examples
    --------
    >>> t = (Bracket.parse("(-inf, 80]", 50), Bracket.parse("(80, inf)", 25))
    >>> [b.text() for b in shift_integer_bounds(t, [80])]
    ['x < 81', '81 ≤ x']
    """
    out = list(brackets)
    for b in integer_bounds:
        lower = [i for i, br in enumerate(out) if br.hi == b and br.hi_closed]
        upper = [i for i, br in enumerate(out) if br.lo == b and not br.lo_closed]
        if len(lower) != 1 or len(upper) != 1:
            raise RulesError(f"batas bulat {b:g} bukan batas ']' lalu '(' di tabel")
        i, j = lower[0], upper[0]
        if out[j].hi <= b + 1:
            raise RulesError(f"batas bulat {b:g}: rentang di atasnya terlalu sempit")
        out[i] = Bracket(out[i].lo, b + 1, out[i].lo_closed, False, out[i].nilai)
        out[j] = Bracket(b + 1, out[j].hi, True, out[j].hi_closed, out[j].nilai)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class CompiledTable:
    """A bracket table ready for :func:`lookup`."""

    brackets: tuple[Bracket, ...]
    bounds: np.ndarray  # len k-1, strictly-below thresholds
    nilai: np.ndarray  # len k


def compile_reading(reading: Reading, integer_bounds: Sequence[float] = ()) -> CompiledTable:
    """Sort a reading's brackets and precompute the search thresholds.

    Parameters
    ----------
    reading : Reading
        A bracket-table reading (not a linear one).
    integer_bounds : sequence of float
        Boundaries to move under the "bulat" reading (empty for "kontinu").

    Examples
    --------
    >>> from kopedu.health.ruleset import load_rules
    >>> t = compile_reading(load_rules().component("car").readings["tabel"])
    >>> t.nilai.tolist()
    [0.0, 50.0, 75.0, 100.0]
    """
    brackets = shift_integer_bounds(reading.brackets, integer_bounds)
    brackets = tuple(sorted(brackets, key=lambda b: (b.lo, not b.lo_closed)))
    bounds = [math.nextafter(b.lo, -math.inf) if b.lo_closed else b.lo for b in brackets[1:]]
    return CompiledTable(
        brackets, np.asarray(bounds, dtype=float), np.asarray([b.nilai for b in brackets])
    )


def lookup(
    table: CompiledTable,
    x: np.ndarray,
    *,
    out: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Bracket index and nilai for every ratio in ``x`` (NaN gives index -1, nilai NaN).

    The index is the number of thresholds strictly below ``x``, counted with one
    vectorised comparison per threshold (tables have at most a dozen rows, and this
    is several times faster than ``np.searchsorted`` on large arrays).

    Parameters
    ----------
    table : CompiledTable
    x : ndarray of float
    out : (int8 array, float array), optional
        Preallocated outputs of the same length as ``x``.

    Examples
    --------
    >>> from kopedu.health.ruleset import load_rules
    >>> comp = load_rules().component("ms_ta")
    >>> t = compile_reading(comp.readings["tabel"], comp.integer_bounds)
    >>> idx, nilai = lookup(t, np.array([69.498, 80.985, 20.5, np.nan]))
    >>> nilai.tolist()[:3], idx.tolist()
    ([50.0, 50.0, 25.0], [4, 4, 1, -1])
    """
    x = np.asarray(x, dtype=float)
    idx = out[0] if out is not None else np.empty(x.shape, np.int8)
    bracket_index(table, x, idx)
    nilai = table.nilai[idx]
    nan = np.isnan(x)
    if nan.any():
        idx[nan] = -1
        nilai[nan] = np.nan
    if out is not None:
        out[1][...] = nilai
        return idx, out[1]
    return idx, nilai


def bracket_index(table: CompiledTable, x: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Write into ``idx`` (int8) the number of thresholds strictly below each ``x``.

    NaN gives 0; callers mask it. One comparison per threshold, into a reused buffer.
    """
    if len(table.bounds) == 0:
        idx[...] = 0
        return idx
    np.greater(x, table.bounds[0], out=idx.view(np.bool_))
    if len(table.bounds) > 1:
        buf = np.empty(x.shape, dtype=np.bool_)
        for b in table.bounds[1:]:
            np.greater(x, b, out=buf)
            idx += buf
    return idx
