"""Many reports: failures stay local, killed workers, Ctrl-C, leftovers, registry once, Dask."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from kopedu.io.write import TEMP_PREFIX
from kopedu.reports.batch import render_all
from tests.reports_support import report_data, template_with
from tests.xlsx_check import check_workbook, table

HOSTILE_NAME = "<script>alert(1)</script>"
FORMULA_NAME = '=HYPERLINK("http://contoh.invalid","klik")'


def _registry(folder):
    folder.mkdir()
    (folder / "koperasi.csv").write_text(
        "id_koperasi,nama_koperasi,jenis,kabupaten_kota,tanggal_badan_hukum\n"
        f'B1,"{HOSTILE_NAME}",jasa,Kota Bontang,2015-01-01\n'
        f'B2,"{FORMULA_NAME.replace(chr(34), chr(34) * 2)}",konsumen,Bontang,2015-01-01\n'
        "B3,KSU Tertib,serba usaha,Bontang,2015-01-01\n"
        "P1,KSP Palangka,simpan pinjam,Palangka Raya,2016-02-01\n",
        encoding="utf-8",
    )
    (folder / "rat.csv").write_text(
        "id_koperasi,tahun_buku,tanggal_rat\nB3,2022,2023-03-01\nB3,2023,2024-03-01\n"
        "P1,2023,2024-04-01\n",
        encoding="utf-8",
    )
    return folder


def test_batch_reports_failures_escapes_and_writes_pairs(tmp_path):
    registry = _registry(tmp_path / "registri")
    out = tmp_path / "laporan"
    template = template_with(tmp_path, "assert region != '62.71', 'sel rusak'")
    result = render_all(
        2024,
        output_dir=out,
        workers=2,
        regions=["Bontang", "Palangka Raya"],
        template=template,
        parameters={"registry": str(registry)},
        progress=False,
    )
    assert [name for name, _ in result.failed] == ["Kota Palangka Raya"]
    assert "sel rusak" in result.failed[0][1]
    (html_path,) = result.rendered
    page = html_path.read_text(encoding="utf-8")
    assert HOSTILE_NAME not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    values = report_data(html_path)["values"]
    # Bontang's three cooperatives; only B3 held RATs (tahun buku 2022 and 2023).
    assert values["registry_status"]["total"] == 3
    assert values["registry_rat"]["rat"] == 1
    wb = check_workbook(html_path.with_suffix(".xlsx"))
    names = [r["nama koperasi"] for r in table(wb["Prioritas pembinaan"])]
    assert FORMULA_NAME in names  # stored as the text it is, never as a formula
    index = result.index.read_text(encoding="utf-8")
    assert f'href="{html_path.name}"' in index and "sel rusak" in index
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [html_path.name, html_path.with_suffix(".xlsx").name, "index.html"]
    )


def test_a_killed_worker_fails_only_its_region(tmp_path, monkeypatch):
    # The template kills its own process (SIGKILL, as the OOM killer does) for Balikpapan.
    template = template_with(
        tmp_path,
        "import os, signal\nif region == '64.71':\n    os.kill(os.getpid(), signal.SIGKILL)",
    )
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp_root))
    out = tmp_path / "laporan"
    out.mkdir()
    leftover = (
        out / f"{TEMP_PREFIX}{os.uname().nodename.replace('-', '_')[:40]}-999999999-ab-new-x.html"
    )
    leftover.write_text("sisa proses yang dimatikan")
    result = render_all(
        2024,
        output_dir=out,
        workers=2,
        regions=["Bontang", "Balikpapan", "Palangka Raya"],
        template=template,
        progress=False,
    )
    assert [name for name, _ in result.failed] == ["Kota Balikpapan"]
    assert "berhenti mendadak" in result.failed[0][1]
    assert len(result.rendered) == 2 and result.index.exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # leftover removed too
    assert list(temp_root.iterdir()) == []


def test_registry_is_read_once_for_the_batch(tmp_path, monkeypatch):
    import kopedu.registry.loader as loader

    registry = _registry(tmp_path / "registri")
    real = loader.load_registry
    calls = []

    def read_then_remove(path, *args, **kwargs):
        calls.append(path)
        reg = real(path, *args, **kwargs)
        for f in registry.iterdir():  # workers that read the file again would now fail
            f.unlink()
        return reg

    monkeypatch.setattr(loader, "load_registry", read_then_remove)
    result = render_all(
        2024,
        output_dir=tmp_path / "out",
        workers=1,
        regions=["Bontang", "Palangka Raya"],
        parameters={"registry": str(registry)},
        progress=False,
    )
    assert len(calls) == 1 and result.failed == ()
    totals = [report_data(p)["values"]["registry_status"]["total"] for p in result.rendered]
    assert totals == [3, 1]  # Bontang 3 cooperatives, Palangka Raya 1 (in code order: 62.71 first)


def test_ctrl_c_ends_cleanly(tmp_path):
    out = tmp_path / "laporan"
    env = dict(os.environ, TMPDIR=str(tmp_path))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kopedu.cli", "report", "--all", "--workers", "2",
         "--year", "2024", "--output", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out.exists() and any(out.glob("*.html"))):
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert stderr.strip().splitlines()[-1] == "kopedu: dihentikan."
    assert not [p for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("kopedu-")]


def test_reports_fan_out_to_a_dask_cluster(tmp_path):
    import dask
    import distributed

    from kopedu.cli import main

    # Dask's workers are daemonic by default and may not start processes: kopedu then runs
    # reports with papermill's kernel engine (tested below); non-daemonic workers start a
    # kopedu worker process each, which is faster — the setting the docs recommend.
    with (
        dask.config.set({"distributed.worker.daemon": False}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
    ):
        code = main(
            ["report", "--all", "--scheduler", cluster.scheduler_address, "--year", "2024",
             "--provinsi", "Kalimantan Utara", "--output", str(tmp_path)]
        )  # fmt: skip
    names = sorted(p.name for p in tmp_path.glob("*.html"))
    # Kalimantan Utara and its five kabupaten/kota (Bulungan, Malinau, Nunukan, Tana Tidung,
    # Tarakan; Kepmendagri 300.2.2-2430/2025), plus the index.
    assert code == 0 and len(names) == 7 and "index.html" in names
    # A region without published figures is a normal region: its report says so.
    data = report_data(tmp_path / "laporan_kota_tarakan_2024_id.html")
    assert data["values"]["summary"]["total"] is None
    assert data["parameters"]["region"] == "65.71"


def test_daemonic_processes_use_the_kernel_engine(monkeypatch):
    import multiprocessing

    import kopedu.reports.engine as engine
    import kopedu.reports.render as render
    from kopedu.reports.params import validate_parameters

    monkeypatch.setattr(engine, "_OWNED", False)  # a CLI test may have claimed this process
    seen = []
    monkeypatch.setattr(render, "build", lambda job: seen.append(job.engine))
    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True, raising=False)
    render.render_job(render.ReportJob(validate_parameters("Kutim", 2023)))
    assert seen == ["kernel"]


def test_workers_are_replaced_after_their_share_of_reports(tmp_path, monkeypatch):
    # One report per worker, then a fresh worker: three regions need three generations of
    # the pool (before this was done by hand, a retiring worker could leave the batch
    # waiting forever on Python 3.11).
    import kopedu.reports.batch as batch

    monkeypatch.setattr(batch, "MAX_REPORTS", 1)
    pids = []
    real = batch._Pool.submit

    def submit(self, job):
        pids.append(id(self.pool))
        return real(self, job)

    monkeypatch.setattr(batch._Pool, "submit", submit)
    result = render_all(
        2024,
        output_dir=tmp_path,
        workers=1,
        regions=["Bontang", "Balikpapan", "Palangka Raya"],
        progress=False,
    )
    assert result.failed == () and len(result.rendered) == 3
    assert len(set(pids)) == 3  # every report in a fresh pool
