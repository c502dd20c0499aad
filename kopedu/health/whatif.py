"""What-if: change several ratios at once and see nilai, skor, total and category move.

:func:`whatif` and :func:`whatif_text` are plain functions (used by the lesson and its
exercise, and by tests); :func:`whatif_widget` wires ipywidgets to them: one entry per
component, each within a sensible range for that ratio (``rentang_rasio`` in the rule
file; never negative), numbers typed and shown the Indonesian way (``12,5``), the same
format in the entries and in the text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kopedu.display import Text
from kopedu.formatting import ParseError, format_number, parse_number
from kopedu.health.ruleset import Component
from kopedu.health.scoring import HealthScores, score

__all__ = [
    "WhatIfForm",
    "format_percent",
    "parse_percent",
    "ratio_range",
    "whatif",
    "whatif_text",
    "whatif_widget",
]

_EN_DECIMAL = re.compile(r"^\s*-?\d+\.\d{1,2}\s*%?\s*$")


def format_percent(x: float) -> str:
    """A ratio as kopedu shows it everywhere in the what-if: up to two decimals, comma.

    Examples
    --------
    >>> format_percent(12.5), format_percent(25.0), format_percent(16.254)
    ('12,5', '25', '16,25')
    """
    if x != x:
        return "–"
    d = Decimal(repr(round(float(x), 2))).normalize()
    decimals = max(0, -d.as_tuple().exponent)  # type: ignore[operator]
    return format_number(d, decimals=int(decimals))


def parse_percent(text: str | float) -> float:
    """A typed ratio: ``12,5`` (Indonesian), also ``12.5``; a ``%`` sign is allowed.

    Raises
    ------
    ValueError
        With an Indonesian message when the text is not a number.

    Examples
    --------
    >>> parse_percent("12,5"), parse_percent("12.5 %"), parse_percent("110")
    (12.5, 12.5, 110.0)
    """
    if isinstance(text, int | float):
        return float(text)
    s = str(text).replace("%", "").strip()
    try:
        return float(parse_number(s))
    except ParseError:
        if _EN_DECIMAL.match(s):
            return float(s)
        raise ValueError(f"{str(text).strip()!r} bukan angka; tulis misalnya 12,5") from None


def ratio_range(comp: Component) -> tuple[float, float]:
    """The range a what-if accepts for ``comp``'s ratio (%): never below 0.

    Examples
    --------
    >>> from kopedu.health import load_rules
    >>> ratio_range(load_rules().component("rasio_kas"))
    (0.0, 100.0)
    """
    return comp.ratio_range


def _changes(changes: Mapping[str, float] | str, ratio: float | None) -> dict[str, float]:
    if isinstance(changes, str):
        if ratio is None:
            raise TypeError("whatif(res, i, komponen, rasio): rasio belum diberikan")
        return {changes: float(ratio)}
    return {k: float(v) for k, v in changes.items()}


def _check(res: HealthScores, changes: Mapping[str, float]) -> None:
    from kopedu.health.options import OptionsError

    for cid, value in changes.items():
        comp = res.rules.component(cid)
        lo, hi = comp.ratio_range
        if not (lo <= value <= hi) or math.isnan(value):
            raise OptionsError(
                f"{comp.code} {comp.name}: rasio {format_percent(value)} % di luar rentang "
                f"{format_percent(lo)}–{format_percent(hi)} %."
            )


def whatif(
    res: HealthScores, i: int, changes: Mapping[str, float] | str, ratio: float | None = None
) -> HealthScores:
    """Re-score cooperative ``i`` with some ratios (%) set by hand.

    Parameters
    ----------
    res : HealthScores
    i : int
        Row position of the cooperative.
    changes : mapping of component id → ratio (%), or one component id
        With a single id, give the ratio as ``ratio``.

    Raises
    ------
    OptionsError
        When a ratio is outside its component's range (e.g. negative).

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> res = score(example_inputs())
    >>> after = whatif(res, 1, {"rasio_kas": 12, "cadangan_rpm": 95})
    >>> float(after.total["skor_total"].iloc[0])  # 52,15 + 7,5 + 4
    63.65
    """
    changes = _changes(changes, ratio)
    _check(res, changes)
    return score(res.data.iloc[[i]], res.rules, res.options, ratios=changes)


def _f(x: float) -> str:
    return "–" if x != x else format_number(round(float(x), 2), decimals=2)


def whatif_text(
    res: HealthScores, i: int, changes: Mapping[str, float] | str, ratio: float | None = None
) -> Text:
    """Before → after for the changed ratios, then the total and category (Indonesian).

    A notebook shows the result as text.

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> res = score(example_inputs())
    >>> print(whatif_text(res, 0, "rasio_kas", 25.0))
    5a Rasio kas (kas dan bank terhadap kewajiban lancar): rasio 12 % → 25 %
       nilai 100 → 25; skor 10,00 → 2,50
    skor total 93,65 → 86,15; kategori Sehat → Sehat
    """
    changes = _changes(changes, ratio)
    after = whatif(res, i, changes)
    lines = []
    for comp in res.rules.components:  # in the rule set's order, whatever the caller's
        if comp.id not in changes:
            continue
        cid, value = comp.id, changes[comp.id]
        lines.append(
            f"{comp.code} {comp.name}: rasio {format_percent(res.ratio[cid].iloc[i])} % → "
            f"{format_percent(value)} %"
        )
        lines.append(
            f"   nilai {format_percent(res.nilai[cid].iloc[i])} → "
            f"{format_percent(after.nilai[cid].iloc[0])}; skor {_f(res.skor[cid].iloc[i])} → "
            f"{_f(after.skor[cid].iloc[0])}"
        )
    b, a = res.total.iloc[i], after.total.iloc[0]
    lines.append(
        f"skor total {_f(b['skor_total'])} → {_f(a['skor_total'])}; "
        f"kategori {b['kategori']} → {a['kategori']}"
    )
    return Text("\n".join(lines))


class WhatIfForm:
    """The what-if form of :func:`whatif_widget`.

    ``fields`` maps component id → its entry (a text box for a ratio, a dropdown of
    "ya" counts for a questionnaire part); ``changes`` are the values that differ from
    the cooperative's own; ``text`` is the result shown under the form.
    """

    def __init__(self, res: HealthScores, i: int = 0) -> None:
        import ipywidgets as w

        self.res, self.i = res, i
        self.fields: dict[str, Any] = {}
        self._notes: dict[str, Any] = {}
        rows: list[Any] = []
        for a in res.rules.aspects:
            rows.append(w.HTML(f"<b>{a.name}</b> (bobot {format_percent(a.weight)})"))
            for c in a.components:
                rows.append(self._row(w, c))
        self._output = w.HTML()
        reset = w.Button(description="Kembalikan semua", icon="undo")
        reset.on_click(lambda _: self.reset())
        self.widget = w.VBox([*rows, reset, self._output])
        self._update()

    def _own(self, comp: Component) -> float:
        return float(self.res.ratio[comp.id].iloc[self.i])

    def _row(self, w: Any, comp: Component) -> Any:
        label = w.HTML(f"{comp.code} {comp.name}", layout=w.Layout(width="32em"))
        note = w.HTML()
        own = self._own(comp)
        if comp.questionnaire and not isinstance(comp.denominator, str):
            n = int(comp.denominator)
            options = [(f"{k} dari {n} ya", k * 100.0 / n) for k in range(n + 1)]
            field = w.Dropdown(options=options, value=None if own != own else own)
        else:
            lo, hi = comp.ratio_range
            field = w.Text(
                value="" if own != own else format_percent(own),
                placeholder="kosong",
                continuous_update=False,
                layout=w.Layout(width="8em"),
            )
            note.value = f"% (boleh {format_percent(lo)}–{format_percent(hi)})"
        field.observe(self._update, names="value")
        self.fields[comp.id] = field
        self._notes[comp.id] = note
        return w.HBox([label, field, note])

    @property
    def changes(self) -> dict[str, float]:
        """Valid entries that differ from the cooperative's own ratios."""
        out: dict[str, float] = {}
        for cid, field in self.fields.items():
            comp = self.res.rules.component(cid)
            value = field.value
            if value is None or value == "":
                continue
            try:
                x = parse_percent(value)
            except ValueError:
                continue
            lo, hi = comp.ratio_range
            own = self._own(comp)
            if lo <= x <= hi and not (own == own and abs(x - own) < 5e-3):
                out[cid] = x
        return out

    def _update(self, _: object = None) -> None:
        for cid, field in self.fields.items():
            if isinstance(field.value, float) or field.value is None:
                continue
            comp = self.res.rules.component(cid)
            lo, hi = comp.ratio_range
            note = f"% (boleh {format_percent(lo)}–{format_percent(hi)})"
            if field.value.strip():
                try:
                    x = parse_percent(field.value)
                except ValueError as exc:
                    note = f"<span style='color:#b00020'>{exc}</span>"
                else:
                    if not lo <= x <= hi:
                        note = (
                            f"<span style='color:#b00020'>di luar rentang "
                            f"{format_percent(lo)}–{format_percent(hi)} %</span>"
                        )
                    elif field.value != format_percent(x):
                        field.value = format_percent(x)  # the same format as the text
                        return  # the change fires _update again
            self._notes[cid].value = note
        self._output.value = "<pre>" + self.text() + "</pre>"

    def text(self) -> str:
        """The result: each change, then the total and category."""
        changes = self.changes
        if not changes:
            t = self.res.total.iloc[self.i]
            return (
                f"Belum ada yang diubah. Skor total {_f(t['skor_total'])}, "
                f"kategori {t['kategori']}."
            )
        return whatif_text(self.res, self.i, changes)

    def set(self, **ratios: float | str) -> WhatIfForm:
        """Fill entries by component id, e.g. ``form.set(rasio_kas="12,5")``."""
        for cid, value in ratios.items():
            field = self.fields[cid]
            if isinstance(field.value, float) or field.value is None:
                field.value = float(value)  # a questionnaire part: the share of "ya"
            else:
                field.value = value if isinstance(value, str) else format_percent(value)
        return self

    def reset(self) -> None:
        """Back to the cooperative's own ratios."""
        for cid, field in self.fields.items():
            own = self._own(self.res.rules.component(cid))
            if isinstance(field.value, float) or field.value is None:
                field.value = None if own != own else own
            else:
                field.value = "" if own != own else format_percent(own)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def whatif_widget(res: HealthScores, i: int = 0) -> WhatIfForm:
    """A form to change several ratios of cooperative ``i`` at once (ipywidgets).

    Every component has an entry holding the cooperative's own ratio; change any of
    them (typed the Indonesian way, ``12,5``; only values within the component's range
    count) and the text below shows the changed components, the total and the category.

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> form = whatif_widget(score(example_inputs()), 1)
    >>> form = form.set(rasio_kas="12,5", cadangan_rpm="95")
    >>> form.fields["rasio_kas"].value, form.changes
    ('12,5', {'cadangan_rpm': 95.0, 'rasio_kas': 12.5})
    >>> print(form.text().splitlines()[-1])
    skor total 52,15 → 63,65; kategori Dalam Pengawasan → Dalam Pengawasan
    """
    return WhatIfForm(res, i)
