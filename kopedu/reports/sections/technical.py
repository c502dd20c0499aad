"""The closing "Catatan teknis" appendix: parameters, data files and their fingerprints.

Details a handout's reader does not need in the body — file hashes, the program's
version — go here, at the end, for whoever must reproduce the report.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from kopedu.paths import data_path
from kopedu.reports.sections.context import ReportContext

__all__ = ["DATA_FILES", "technical_notes"]

#: Bundled data every report reads.
DATA_FILES = ("figures.csv", "sources.csv", "regions.csv", "region_aliases.csv")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def technical_notes(ctx: ReportContext) -> None:
    """Parameters, the data files with their sha256 fingerprints, the kopedu version."""
    import kopedu

    shown = ctx.shown_parameters()
    params = pd.DataFrame(
        {ctx.t("col_parameter"): list(shown), ctx.t("col_param_value"): list(shown.values())}
    )
    files = [data_path(n) for n in DATA_FILES]
    if ctx.registry_file and Path(ctx.registry_file).is_file():
        files.append(Path(ctx.registry_file))
    data = pd.DataFrame(
        {
            ctx.t("col_file"): [p.name for p in files],
            "sha256": [_sha256(p) for p in files],
        }
    )
    ctx.show(
        "technical_notes",
        ctx.t("technical_heading"),
        ctx.markdown(ctx.t("technical_intro", version=kopedu.__version__)),
        ctx.table_html(params, {}),
        ctx.table_html(data, {}, quoted=(ctx.t("col_file"),)),
    )
