"""What-if: move one ratio and see nilai, skor, total and category change.

:func:`whatif_text` is a plain function (used by the lesson's widget and by tests);
:func:`whatif_widget` only wires ipywidgets to it.
"""

from __future__ import annotations

from typing import Any

from kopedu.formatting import format_number
from kopedu.health.scoring import HealthScores, score

__all__ = ["whatif", "whatif_text", "whatif_widget"]


def whatif(res: HealthScores, i: int, component: str, ratio: float) -> HealthScores:
    """Re-score cooperative ``i`` with one component's ratio set to ``ratio`` (%).

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> res = score(example_inputs())
    >>> after = whatif(res, 0, "rasio_kas", 25.0)
    >>> float(after.skor["rasio_kas"].iloc[0]), str(after.total["kategori"].iloc[0])
    (2.5, 'Sehat')
    """
    res.rules.component(component)
    return score(res.data.iloc[[i]], res.rules, res.options, ratios={component: ratio})


def _f(x: float, d: int = 2) -> str:
    return "–" if x != x else format_number(round(float(x), d), decimals=d)


def whatif_text(res: HealthScores, i: int, component: str, ratio: float) -> str:
    """Before → after for one moved ratio, as one short paragraph (Bahasa Indonesia).

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> res = score(example_inputs())
    >>> print(whatif_text(res, 0, "rasio_kas", 25.0))
    Rasio kas (kas dan bank terhadap kewajiban lancar): rasio 12,00 % → 25,00 %
    nilai 100,00 → 25,00; skor 10,00 → 2,50
    skor total 93,65 → 86,15; kategori Sehat → Sehat
    """
    comp = res.rules.component(component)
    after = whatif(res, i, component, ratio)
    b, a = res.total.iloc[i], after.total.iloc[0]
    return "\n".join(
        [
            f"{comp.name}: rasio {_f(res.ratio[component].iloc[i])} % → {_f(ratio)} %",
            f"nilai {_f(res.nilai[component].iloc[i])} → {_f(after.nilai[component].iloc[0])}; "
            f"skor {_f(res.skor[component].iloc[i])} → {_f(after.skor[component].iloc[0])}",
            f"skor total {_f(b['skor_total'])} → {_f(a['skor_total'])}; "
            f"kategori {b['kategori']} → {a['kategori']}",
        ]
    )


def whatif_widget(res: HealthScores, i: int = 0, component: str = "rasio_kas") -> Any:
    """A dropdown (component) and a slider (ratio) showing :func:`whatif_text` live.

    Returns the ipywidgets ``VBox``; its ``.children`` are the dropdown, the slider and
    the output label, so a test can set values without a browser.

    Examples
    --------
    >>> from kopedu.health.inputs import example_inputs
    >>> box = whatif_widget(score(example_inputs()), 1)
    >>> box.children[1].value = 12.0
    >>> "59,65" in box.children[2].value
    True
    """
    import ipywidgets as w

    names = {f"{c.code} {c.name}": c.id for c in res.rules.components if not c.questionnaire}
    start = res.ratio[component].iloc[i]
    drop = w.Dropdown(options=list(names.items()), value=component, description="Komponen")
    slider = w.FloatSlider(
        value=0.0 if start != start else float(min(max(start, 0), 200)),
        min=-20.0,
        max=200.0,
        step=0.5,
        description="Rasio (%)",
        continuous_update=False,
    )
    label = w.HTML()

    def update(_: object = None) -> None:
        text = whatif_text(res, i, drop.value, slider.value)
        label.value = "<pre>" + text + "</pre>"

    def reset(_: object = None) -> None:
        r = res.ratio[drop.value].iloc[i]
        slider.value = 0.0 if r != r else float(min(max(r, -20), 200))
        update()

    drop.observe(reset, names="value")
    slider.observe(update, names="value")
    update()
    return w.VBox([drop, slider, label])
