"""Write notebooks/reports/laporan_wilayah.ipynb (the regional report template).

The template is code-first: every visible text comes from kopedu/texts/report.yaml so
that the same notebook renders in Bahasa Indonesia or English. Run this script after
changing the cell list below; the notebook is committed.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

PARAMETERS = """\
region: str = "Kutai Timur"  # Wilayah: kabupaten/kota atau provinsi (nama, singkatan, atau kode)
year: int = 2023  # Tahun laporan
language: str = "id"  # Bahasa laporan: "id" (Bahasa Indonesia) atau "en" (English)
"""

CELLS = [
    new_markdown_cell(
        "<!-- Templat laporan wilayah kopedu. Jangan jalankan manual: pakai "
        "`kopedu report --region ... --year ...`. Teks laporan ada di kopedu/texts/report.yaml. -->"
    ),
    new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
    new_code_cell(
        "import kopedu as kp\n"
        "from kopedu.regional_report import RegionalReport\n\n"
        "kp.setup_notebook()\n"
        "rpt = RegionalReport.create(region, year, language)\n"
        "rpt.header()"
    ),
    new_code_cell("rpt.summary()"),
    new_code_cell("rpt.figures_table()"),
    new_code_cell("rpt.funnel_chart();"),
    new_code_cell("rpt.trend_chart();"),
    new_code_cell("rpt.comparison_table()"),
    new_code_cell("rpt.breakdown_tables()"),
    new_code_cell("rpt.findings_table()"),
    new_code_cell("rpt.sources_table()"),
]


def main() -> None:
    nb = new_notebook(cells=CELLS)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    out = Path(__file__).resolve().parents[1] / "notebooks" / "reports" / "laporan_wilayah.ipynb"
    nbformat.write(nb, out)
    print(out)


if __name__ == "__main__":
    main()
