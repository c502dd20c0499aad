"""Invariants of the RAT analytics on random registries (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kopedu.registry import Registry, StatusDefinition, classify, summarise

TB = list(range(2016, 2024))


@st.composite
def registries(draw):
    n = draw(st.integers(1, 25))
    founded = draw(st.lists(st.integers(2010, 2024), min_size=n, max_size=n))
    status = draw(
        st.lists(st.sampled_from(["berlaku", "berlaku", "proses pembubaran", "dibubarkan"]),
                 min_size=n, max_size=n)
    )  # fmt: skip
    status_year = draw(st.lists(st.integers(2016, 2024), min_size=n, max_size=n))
    held = draw(st.lists(st.lists(st.booleans(), min_size=len(TB), max_size=len(TB)),
                         min_size=n, max_size=n))  # fmt: skip
    late = draw(st.lists(st.booleans(), min_size=n * len(TB), max_size=n * len(TB)))
    ids = [f"K{i}" for i in range(n)]
    kop = pd.DataFrame(
        {
            "id_koperasi": pd.array(ids, dtype="string"),
            "nama_koperasi": pd.array(ids, dtype="string"),
            "jenis": pd.Categorical(["jasa"] * n),
            "kode_wilayah": pd.array(["64.74"] * n, dtype="string"),
            "kabupaten_kota": pd.array(["Kota Bontang"] * n, dtype="string"),
            "kode_provinsi": pd.array(["64"] * n, dtype="string"),
            "kecamatan": pd.array([None] * n, dtype="string"),
            "kode_kecamatan": pd.array([""] * n, dtype="string"),
            "tanggal_badan_hukum": pd.to_datetime([f"{f}-01-01" for f in founded]),
            "tahun_berdiri": pd.array(founded, dtype="Int64"),
            "jumlah_anggota": pd.array([50] * n, dtype="Int64"),
            "status_badan_hukum": pd.array(status, dtype="string"),
            "tanggal_status": pd.to_datetime(
                [
                    f"{y}-03-01" if s != "berlaku" else None
                    for s, y in zip(status, status_year, strict=True)
                ]
            ),
            "nik": pd.array([None] * n, dtype="string"),
            "keterangan": pd.array([None] * n, dtype="string"),
        }
    )
    rows = [
        (ids[i], tb, f"{tb + 1}-{'09' if late[i * len(TB) + j] else '04'}-15")
        for i in range(n)
        for j, tb in enumerate(TB)
        if held[i][j] and tb >= founded[i]
    ]
    rat = pd.DataFrame(rows, columns=["id_koperasi", "tahun_buku", "tanggal_rat"])
    rat = rat.assign(
        id_koperasi=rat["id_koperasi"].astype("string"),
        tahun_buku=rat["tahun_buku"].astype("int64"),
        tanggal_rat=pd.to_datetime(rat["tanggal_rat"]),
        jumlah_hadir=pd.array([None] * len(rat), dtype="Int64"),
        mode=pd.array([None] * len(rat), dtype="string"),
        tanggal_lapor=pd.to_datetime(rat["tanggal_rat"]) + pd.Timedelta(days=10),
    )
    return Registry(kop, rat, None, "acak", (), False)


@settings(max_examples=25, deadline=None)
@given(registries(), st.integers(2018, 2024))
def test_counts_are_consistent(reg, year):
    s = summarise(reg, year).iloc[0]
    assert s["total"] == s["aktif"] + s["tidak_aktif"] + s["proses_pembubaran"]
    assert s["rat_tepat_waktu"] <= s["rat"] <= s["aktif"] + s["proses_pembubaran"]
    assert s["layak_nik"] <= s["rat"]
    assert s["pembubaran"] + s["pembekuan"] + s["pembinaan"] <= s["total"]
    t = classify(reg, year)
    assert len(t) == s["total"]
    assert (t["tahun_tanpa_rat"] >= 0).all()
    assert (t.loc[t["rat"], "tahun_tanpa_rat"] == 0).all()  # RAT last year: no gap


@settings(max_examples=15, deadline=None)
@given(registries(), st.integers(2018, 2024))
def test_a_longer_window_never_has_fewer_aktif(reg, year):
    counts = [
        summarise(reg, year, StatusDefinition(f"w{w}", "uji", w, 1, 5, "uji")).loc[0, "aktif"]
        for w in (1, 2, 3, 5)
    ]
    assert counts == sorted(counts)
    by_jenis = summarise(reg, year, by="jenis")
    assert int(by_jenis["total"].sum()) == int(summarise(reg, year).loc[0, "total"])
    assert np.isfinite(by_jenis.loc[by_jenis["aktif"] > 0, "persen_rat"]).all()
