"""A report made from a trainer's own notebook leaves that notebook's work untouched.

The test runs a real Jupyter kernel (nbclient), sets up what a trainer's notebook has —
variables, an inline plot backend, an open figure, pandas options, a warnings filter —,
calls ``kp.render_report`` and compares everything afterwards.
"""

from __future__ import annotations

import json

import nbformat
from nbclient import NotebookClient

SETUP = """\
%config InlineBackend.close_figures = False
import sys, warnings
# Importing a library may add its own warnings filters (urllib3 and numpy do); what must
# not leak is what the *report* changes, so the modules render_report uses are imported
# before the snapshot.
import kopedu.reports.render, papermill
import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
jurnal_saya = "jurnal_ksp_maju.csv"
fig = plt.figure()
plt.plot([1, 2, 3])
pd.set_option("display.max_rows", 7)
warnings.simplefilter("error", UserWarning)
def state():
    return {
        "backend": matplotlib.get_backend(),
        "figures": plt.get_fignums(),
        "max_rows": pd.get_option("display.max_rows"),
        "filters": len(warnings.filters),
        "shell": id(get_ipython()),
        "main": id(sys.modules["__main__"]),
        "rc_dpi": float(matplotlib.rcParams["figure.dpi"]),
    }
before = state()
"""

RENDER = """\
import kopedu as kp
path = kp.render_report("Kutim", 2023, output_dir={out!r})
"""

CHECK = """\
import json
after = state()
print(json.dumps({"before": before, "after": after, "jurnal_saya": jurnal_saya,
                  "kp": kp.__name__, "path": str(path)}))
"""


def test_render_from_a_notebook_leaves_the_callers_work_alone(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(SETUP),
            nbformat.v4.new_code_cell(RENDER.format(out=str(tmp_path / "laporan"))),
            nbformat.v4.new_code_cell(CHECK),
        ]
    )
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    result = json.loads(nb.cells[2].outputs[0]["text"])
    assert result["after"] == result["before"]
    assert "inline" in result["before"]["backend"]
    assert result["before"]["figures"] == [1]
    assert result["jurnal_saya"] == "jurnal_ksp_maju.csv" and result["kp"] == "kopedu"
    assert result["path"].endswith("laporan_kabupaten_kutai_timur_2023_id.html")
    # The caller's open figure was not drawn into the report.
    from tests.reports_support import report_data

    assert report_data(result["path"])["values"]["summary"]["total"] == 1209
