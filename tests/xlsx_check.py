"""One conformance check for every XLSX kopedu writes (report, registry, neraca-saldo,
health score, exercise grade): title block, labelled bold frozen headers with filters,
number formats, formula safety, normal file mode. Tests of each command call
:func:`check_workbook` on the file the command wrote.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import openpyxl

#: Header labels in code style (``tidak_aktif``, ``persen_rat``) are not for people.
CODE_STYLE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def header_row(ws) -> int:
    """The header row: the row just above the frozen pane."""
    assert ws.freeze_panes, f"sheet {ws.title!r}: header not frozen"
    row = int(re.sub(r"^[A-Z]+", "", ws.freeze_panes)) - 1
    assert row >= 2, f"sheet {ws.title!r}: no title block above the header"
    return row


def check_workbook(path: str | Path, *, banner: str = "") -> openpyxl.Workbook:
    """Assert the house rules on every sheet of ``path``; returns the workbook."""
    path = Path(path)
    mode = path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask, f"{path.name}: mode {oct(mode)}"
    wb = openpyxl.load_workbook(path)  # formulas as written, not cached values
    for ws in wb.worksheets:
        h = header_row(ws)
        title = ws.cell(1, 1).value
        assert isinstance(title, str) and title.strip(), f"{ws.title}: no title in A1"
        if banner:
            assert ws.cell(1, 1).value == banner, f"{ws.title}: banner missing"
        headers = [c for c in ws[h] if c.value is not None]
        if not headers:  # an empty table says so under its title block
            continue
        for c in headers:
            assert c.font.bold, f"{ws.title}!{c.coordinate}: header not bold"
            assert isinstance(c.value, str) and not CODE_STYLE.match(c.value), (
                f"{ws.title}!{c.coordinate}: code-style header {c.value!r}"
            )
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith(f"A{h}:"), (
            f"{ws.title}: no filter on the header row"
        )
        for row in ws.iter_rows(min_row=h + 1):
            for c in row:
                if c.data_type == "f":
                    raise AssertionError(f"{ws.title}!{c.coordinate}: formula {c.value!r}")
                if isinstance(c.value, str) and c.value.startswith(FORMULA_START):
                    assert c.data_type == "s" and c.quotePrefix, (
                        f"{ws.title}!{c.coordinate}: {c.value!r} not kept as text"
                    )
                if isinstance(c.value, int | float) and not isinstance(c.value, bool):
                    assert c.number_format != "General", (
                        f"{ws.title}!{c.coordinate}: number {c.value!r} without a format"
                    )
    return wb


def table(ws) -> list[dict[str, object]]:
    """The sheet's table as records (header row → values)."""
    h = header_row(ws)
    names = [c.value for c in ws[h]]
    out = []
    for row in ws.iter_rows(min_row=h + 1, values_only=True):
        if all(v is None for v in row):
            continue
        out.append(dict(zip(names, row, strict=False)))
    return out
