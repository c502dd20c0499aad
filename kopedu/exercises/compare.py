"""Comparisons for checks: numbers, rupiah, yes/no, pandas Series and DataFrames.

Each helper returns the trainee's value (converted where harmless) when it matches
and raises :class:`~kopedu.exercises.core.Mistake` with a shared ``core.*`` key when
it does not. Messages name the variable and the *kind* of difference (wrong type,
missing column, how many values differ, too high or too low) and never the expected
value. Comparisons are **exact by default**; a tolerance must be asked for, where the
task allows rounding.

A lesson check usually tests for its typical mistakes first (with its own keys) and
then calls one of these for the generic ones.

Examples
--------
>>> number(1209, 1209, name="total_kutim")
1209
>>> number(0.15909, 70 / 440 * 100, name="r", abs_tol=0.05)
Traceback (most recent call last):
...
kopedu.exercises.core.Mistake: core.too_low
"""

from __future__ import annotations

import math
import numbers
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from kopedu.exercises.core import Mistake

__all__ = ["as_number", "frame", "is_close", "number", "rupiah", "series", "whole_number", "yes_no"]


def _type_name(value: object) -> str:
    return type(value).__name__


def _as_number(value: object, name: str) -> float | int | Decimal:
    if value is None:
        raise Mistake("core.none", name=name)
    if value is pd.NA or value is pd.NaT:
        raise Mistake("core.nan", name=name)
    if isinstance(value, bool | np.bool_):
        raise Mistake("core.bool_not_number", name=name)
    if isinstance(value, str):
        raise Mistake("core.text_not_number", name=name)
    if isinstance(value, pd.Series | pd.DataFrame) and value.size == 1:
        raise Mistake("core.table_not_number", name=name, type=_type_name(value))
    if not isinstance(value, numbers.Real | Decimal):
        raise Mistake("core.not_number", name=name, type=_type_name(value))
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        value = float(value)
    if isinstance(value, float) and math.isnan(value):
        raise Mistake("core.nan", name=name)
    if isinstance(value, float) and math.isinf(value):
        raise Mistake("core.infinite", name=name)
    if isinstance(value, Decimal) and not value.is_finite():
        raise Mistake("core.nan" if value.is_nan() else "core.infinite", name=name)
    return value  # type: ignore[return-value]


def as_number(value: object, *, name: str) -> float | int | Decimal:
    """The trainee's value as a plain number, or a ``Mistake`` saying why it is not one.

    Use it first in a check, so a wrong *type* is reported before a wrong value.

    Examples
    --------
    >>> as_number(np.int64(5), name="x")
    5
    >>> as_number("5", name="x")
    Traceback (most recent call last):
    ...
    kopedu.exercises.core.Mistake: core.text_not_number
    """
    return _as_number(value, name)


def is_close(
    a: float | Decimal, b: float | Decimal, *, abs_tol: float = 0.0, rel_tol: float = 0.0
) -> bool:
    """``a == b`` exactly, or within an explicit tolerance.

    Examples
    --------
    >>> is_close(15.9, 70 / 440 * 100, abs_tol=0.05)
    True
    >>> is_close(15.9, 70 / 440 * 100)
    False
    """
    if abs_tol == 0 and rel_tol == 0:
        return a == b
    return math.isclose(float(a), float(b), abs_tol=abs_tol, rel_tol=rel_tol)


def number(
    value: object,
    expected: float | Decimal,
    *,
    name: str,
    abs_tol: float = 0.0,
    rel_tol: float = 0.0,
    direction: bool = True,
) -> float | int | Decimal:
    """Check a number; exact unless a tolerance is given.

    Parameters
    ----------
    value : object
        The trainee's value.
    expected : number
        The right value (never shown).
    name : str
        The variable's name, for the message.
    abs_tol, rel_tol : float
        Allowed absolute / relative difference (say why in the exercise).
    direction : bool
        Say "too high"/"too low" (``core.too_high``/``core.too_low``) instead of
        only ``core.wrong_number``.

    Raises
    ------
    Mistake
        ``core.text_not_number``, ``core.bool_not_number``, ``core.not_number``,
        ``core.nan``, ``core.too_high``, ``core.too_low`` or ``core.wrong_number``.

    Examples
    --------
    >>> number("1.209", 1209, name="total")
    Traceback (most recent call last):
    ...
    kopedu.exercises.core.Mistake: core.text_not_number
    """
    got = _as_number(value, name)
    if is_close(got, expected, abs_tol=abs_tol, rel_tol=rel_tol):
        return got
    if not direction:
        raise Mistake("core.wrong_number", name=name)
    raise Mistake("core.too_high" if got > expected else "core.too_low", name=name)


def whole_number(value: object, expected: int, *, name: str, direction: bool = True) -> int:
    """Check a count (koperasi, anggota): a whole number, exactly equal.

    Examples
    --------
    >>> whole_number(884.0, 884, name="selisih")
    884
    >>> whole_number(884.5, 884, name="selisih")
    Traceback (most recent call last):
    ...
    kopedu.exercises.core.Mistake: core.not_whole
    """
    got = _as_number(value, name)
    if isinstance(got, float | Decimal) and got != int(got):
        raise Mistake("core.not_whole", name=name)
    return int(number(int(got), expected, name=name, direction=direction))


def rupiah(
    value: object, expected: int, *, name: str, tolerance: int = 0, direction: bool = True
) -> int:
    """Check an amount in whole rupiah: an integer, exact unless ``tolerance`` rupiah.

    A float is refused (money is exact in kopedu) with ``core.rupiah_float``; a text
    like ``"Rp 1.500"`` with ``core.text_not_number``.

    Examples
    --------
    >>> rupiah(1_500_000, 1_500_000, name="shu")
    1500000
    >>> rupiah(1_500_000.0, 1_500_000, name="shu")
    Traceback (most recent call last):
    ...
    kopedu.exercises.core.Mistake: core.rupiah_float
    """
    got = _as_number(value, name)
    if isinstance(got, float):
        raise Mistake("core.rupiah_float", name=name)
    if isinstance(got, Decimal) and got != int(got):
        raise Mistake("core.rupiah_sen", name=name)
    return int(number(int(got), expected, name=name, abs_tol=tolerance, direction=direction))


def yes_no(value: object, expected: bool, *, name: str) -> bool:
    """Check a ``True``/``False`` answer.

    Examples
    --------
    >>> yes_no("Tidak", False, name="cocok")
    Traceback (most recent call last):
    ...
    kopedu.exercises.core.Mistake: core.not_bool
    """
    if not isinstance(value, bool | np.bool_):
        raise Mistake("core.not_bool", name=name, type=_type_name(value))
    if bool(value) != expected:
        raise Mistake("core.wrong_bool", name=name)
    return bool(value)


def _values_equal(got: pd.Series, exp: pd.Series, abs_tol: float, rel_tol: float) -> pd.Series:
    if pd.api.types.is_numeric_dtype(exp) and pd.api.types.is_numeric_dtype(got):
        g = got.astype("float64").to_numpy()
        e = exp.astype("float64").to_numpy()
        if abs_tol == 0 and rel_tol == 0:
            ok = (g == e) | (np.isnan(g) & np.isnan(e))
        else:
            ok = np.isclose(g, e, atol=abs_tol, rtol=rel_tol, equal_nan=True)
        return pd.Series(ok, index=exp.index)
    return pd.Series([_same(a, b) for a, b in zip(got, exp, strict=True)], index=exp.index)


def _same(a: object, b: object) -> bool:
    """Equality of two cells where NA equals NA and nothing else (never raises)."""
    a_na = a is None or (pd.api.types.is_scalar(a) and bool(pd.isna(a)))
    b_na = b is None or (pd.api.types.is_scalar(b) and bool(pd.isna(b)))
    if a_na or b_na:
        return a_na and b_na
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _labels(items: Any, limit: int = 5) -> list[str]:
    items = [str(i) for i in items]
    return items[:limit] + (["…"] if len(items) > limit else [])


def series(
    value: object, expected: pd.Series, *, name: str, abs_tol: float = 0.0, rel_tol: float = 0.0
) -> pd.Series:
    """Check a Series by label (order does not matter), exact unless a tolerance is given.

    Raises
    ------
    Mistake
        ``core.not_series`` (``core.frame_not_series`` for a one-column table),
        ``core.missing_labels``, ``core.extra_labels``, ``core.not_number`` (text values
        where numbers are expected) or ``core.wrong_values`` naming the first label.

    Examples
    --------
    >>> exp = pd.Series({"Balikpapan": 15.9, "Kutai Timur": 20.0})
    >>> series(pd.Series({"Balikpapan": 15.9}), exp, name="rasio")
    Traceback (most recent call last):
    ...
    kopedu.exercises.core.Mistake: core.missing_labels
    """
    if isinstance(value, pd.DataFrame):
        raise Mistake("core.frame_not_series", name=name)
    if not isinstance(value, pd.Series):
        raise Mistake("core.not_series", name=name, type=_type_name(value))
    missing = [i for i in expected.index if i not in value.index]
    if missing:
        raise Mistake("core.missing_labels", name=name, labels=_labels(missing))
    extra = [i for i in value.index if i not in expected.index]
    if extra:
        raise Mistake("core.extra_labels", name=name, labels=_labels(extra))
    if value.index.has_duplicates:
        raise Mistake("core.duplicate_labels", name=name)
    got = value.reindex(expected.index)
    if pd.api.types.is_numeric_dtype(expected) and not pd.api.types.is_numeric_dtype(got):
        raise Mistake("core.not_number", name=name, type=str(got.dtype))
    ok = _values_equal(got, expected, abs_tol, rel_tol)
    if not ok.all():
        wrong = list(expected.index[~ok.to_numpy()])
        raise Mistake("core.wrong_values", name=name, count=len(wrong), label=str(wrong[0]))
    return value


def frame(
    value: object,
    expected: pd.DataFrame,
    *,
    name: str,
    key: str | Sequence[str] | None = None,
    abs_tol: float = 0.0,
    rel_tol: float = 0.0,
) -> pd.DataFrame:
    """Check a DataFrame: the expected columns, the same rows, the same values.

    With ``key`` (a column or list of columns, e.g. ``"akun"`` or
    ``["tanggal", "akun"]``) row order does not matter: rows are matched on the key
    (duplicates allowed, as in a journal). Without it rows are compared in order,
    ignoring the index. Extra columns are allowed (a trainee may keep helper columns).

    Raises
    ------
    Mistake
        ``core.series_not_frame``, ``core.not_frame``, ``core.missing_columns``,
        ``core.wrong_row_count``, ``core.missing_labels``/``core.extra_labels`` (key
        values), ``core.column_not_number`` or ``core.wrong_column_values`` naming the
        first column that differs.

    Examples
    --------
    >>> exp = pd.DataFrame({"akun": ["Kas", "Modal"], "saldo": [100, 100]})
    >>> frame(exp[["akun"]], exp, name="neraca", key="akun")
    Traceback (most recent call last):
    ...
    kopedu.exercises.core.Mistake: core.missing_columns
    >>> got = pd.DataFrame({"akun": ["Modal", "Kas"], "saldo": [100, 100]})
    >>> frame(got, exp, name="neraca", key="akun") is got
    True
    """
    if isinstance(value, pd.Series):
        raise Mistake("core.series_not_frame", name=name)
    if not isinstance(value, pd.DataFrame):
        raise Mistake("core.not_frame", name=name, type=_type_name(value))
    missing = [c for c in expected.columns if c not in value.columns]
    if missing:
        raise Mistake("core.missing_columns", name=name, columns=_labels(missing))
    if len(value) != len(expected):
        raise Mistake("core.wrong_row_count", name=name, count=len(value))
    cols = list(expected.columns)
    for col in cols:
        num_exp = pd.api.types.is_numeric_dtype(expected[col])
        if num_exp and not pd.api.types.is_numeric_dtype(value[col]):
            raise Mistake("core.column_not_number", name=name, column=col)
    got = value[cols].reset_index(drop=True)
    exp = expected.reset_index(drop=True)
    if key is not None:
        keys = [key] if isinstance(key, str) else list(key)
        want = Counter(map(tuple, exp[keys].astype(str).to_numpy().tolist()))
        have = Counter(map(tuple, got[keys].astype(str).to_numpy().tolist()))
        lacking = [" / ".join(k) for k in (want - have)]
        if lacking:
            raise Mistake("core.missing_labels", name=name, labels=_labels(lacking))
        surplus = [" / ".join(k) for k in (have - want)]
        if surplus:
            raise Mistake("core.extra_labels", name=name, labels=_labels(surplus))
        order = keys + [c for c in cols if c not in keys]
        got = got.sort_values(order, kind="mergesort").reset_index(drop=True)
        exp = exp.sort_values(order, kind="mergesort").reset_index(drop=True)
    for col in cols:
        if not _values_equal(got[col], exp[col], abs_tol, rel_tol).all():
            raise Mistake("core.wrong_column_values", name=name, column=col)
    return value
