"""Lesson 05's health figures, recomputed by hand from the rule tables.

Sources of the oracles: the Balikpapan article (seed 003: "ada 26 koperasi … enam koperasi
sudah masuk dalam kategori sehat"), the brackets of Perdep 06/2016 / Permen 14/2009 as
quoted in ``kopedu/health/rules/perdep_06_2016.yaml``, the weights of Permen 14/2009 in
``tertimbang_2009.yaml``, the KKPKK 2021 tables in ``kkpkk_2021.yaml`` and WOCCU's PEARLS
goals; the amounts are those of the example table ``data/health/contoh_koperasi.csv``
(rekaan). Amounts in the comments are in juta rupiah.
"""

from __future__ import annotations

import pytest
from lesson_run import values


@pytest.fixture(scope="module")
def lesson():
    return values(
        "05_kesehatan_koperasi",
        {
            "balikpapan": "[dinilai_bpn, sehat_bpn, persen_sehat_bpn]",
            "aspek": 'aturan.aspect_table()[["bobot", "komponen"]].values.tolist()',
            "ksp": '[ksp["nama_koperasi"], int(ksp["total_aset"]), int(ksp["modal_sendiri"])]',
            "lengkap": "[modal_tertimbang_lengkap, atmr_lengkap, hasil.ratio['car'].iloc[lengkap]]",
            "bagian": 'pertanyaan.groupby("kode")["no"].count().to_dict()',
            "form_karya": "formulir.counts()",
            "sangatta": 'hasil.aspect_table(0)["skor"].tolist() + [skor_ksp, kategori_ksp]',
            "baru": (
                'hasil.total.iloc[baru][["skor_total", "bobot_tidak_dinilai",'
                ' "komponen_tidak_dinilai", "kategori_terendah", "kategori_tertinggi",'
                ' "kategori"]].tolist()'
            ),
            "baru_kode": 'tabel_baru.loc[~tabel_baru["dinilai"], "kode"].tolist()',
            "karya": "[skor_karya, kategori_karya]",
            "hilang": 'rincian[["kode", "skor_hilang"]].head(5).values.tolist()',
            "satu_perubahan": 'kp.health.whatif_text(hasil, karya, "rasio_kas", 12.0)',
            # the lesson's own form, filled as the question asks (what the browser test types)
            "formulir_whatif": (
                'bagaimana_kalau.set(rasio_kas="12", cadangan_rpm="95",'
                ' kemandirian_operasional="110").text().splitlines()[-1]'
            ),
            "batas": "[nilai_bulat, nilai_kontinu, nilai_apa_adanya, nilai_ke_atas]",
            "kkpkk": "[skor_2021, kategori_2021]",
            "kkpkk_aspek": (
                'hasil_2021.aspect_table(0)[["bobot", "persen", "skor"]].values.tolist()'
            ),
            "wilayah": (
                'ringkasan[["jumlah_koperasi", "Sehat", "jumlah_dinilai", "persen_sehat"]]'
                ".to_dict(orient='index')"
            ),
            "pearls": 'pearls_ksp.set_index("kode").loc[["E1", "E7", "E8", "A1"]].values.tolist()',
        },
    )


def test_balikpapan_published_figures(lesson):
    dinilai, sehat, persen = lesson["balikpapan"]
    assert (dinilai, sehat) == (26, 6)  # seed 003 (BorneoFlash, July 2024)
    assert persen == pytest.approx(6 / 26)  # 23,1 %


def test_seven_aspects_and_their_weights(lesson):
    # Perdep 06/2016: permodalan 15 (3 komponen), KAP 25 (4), manajemen 15 (5 bagian
    # kuesioner), efisiensi 10 (3), likuiditas 15 (2), kemandirian 10 (3), jatidiri 10 (2)
    assert lesson["aspek"] == [[15, 3], [25, 4], [15, 5], [10, 3], [15, 2], [10, 3], [10, 2]]
    assert sum(b for b, _ in lesson["aspek"]) == 100


def test_sangatta_sejahtera_scores_93_65(lesson):
    assert lesson["ksp"] == ["KSP Sangatta Sejahtera (rekaan)", 2_000_000_000, 900_000_000]
    # Permodalan: 900/2000 = 45 % (41–60) → 100 → 6; 900/300 = 300 % (≥ 100) → 6;
    #   CAR 900/1000 = 90 % (≥ 8) → 3: 15
    # KAP: 1500/1500 = 100 % (> 75) → 10; RPM 0,5×30 + 0,75×20 + 15 = 45, 45/1500 = 3 %
    #   (0–10) → 80 → 4; cadangan (30 + 20)/45 = 111 % (> 90) → 5; 300/1500 = 20 % (< 21) → 5: 24
    # Manajemen: 12/12, 6/6, 5/5, 10/10 → 3 each; 4/5 "ya" likuiditas → 80 → 2,4: 14,4
    # Efisiensi: 300/400 = 75 % (< 90) → 4; 90/250 = 36 % (≤ 40) → 4; 60/1500 = 4 % (≤ 5) → 2: 10
    # Likuiditas: (50 + 70)/1000 = 12 % (10–15) → 10; 1500/1800 = 83,3 % (≥ 80) → 5: 15
    # Kemandirian: 160/2000 = 8 % (7,5–10) → 75 → 2,25; 45/900 = 5 % (≥ 5) → 3;
    #   100/(90 + 10) = 100 % (≤ 100) → 0: 5,25
    # Jatidiri: 400/(400 + 100) = 80 % (≥ 75) → 7; 60/(100 + 500) = 10 % (≥ 10) → 3: 10
    # Total 15 + 24 + 14,4 + 10 + 15 + 5,25 + 10 = 93,65 ≥ 80 → Sehat
    *aspects, total, kategori = lesson["sangatta"]
    assert aspects == pytest.approx([15, 24, 14.4, 10, 15, 5.25, 10])
    assert total == pytest.approx(93.65) and kategori == "Sehat"


def test_weighted_capital_and_atmr_from_balance_sheet_items(lesson):
    # KSP Neraca Lengkap: modal tertimbang = simpanan pokok 100 + wajib 500 + cadangan umum
    #   150 + 50 % × cadangan risiko 30 + hibah 70 + 50 % × (SHU belum dibagi 50 + simpanan
    #   sukarela 700 + beban masih harus dibayar 50 + dana diterima 100 + kewajiban lain 250)
    #   = 100 + 500 + 150 + 15 + 70 + 575 = 1.410
    # ATMR = kas, bank 0 % + 20 % × penempatan 100 + 100 % × pinjaman 1500 + 70 % × aktiva
    #   tetap 300 = 20 + 1500 + 210 = 1.730; CAR = 1410/1730 = 81,50 %
    modal, atmr, car = lesson["lengkap"]
    assert (modal, atmr) == (1_410_000_000, 1_730_000_000)
    assert car == pytest.approx(1410 / 1730 * 100)


def test_questionnaire_parts_and_karya_mandiri_answers(lesson):
    # Permen 14/2009: 12 + 6 + 5 + 10 + 5 = 38 questions
    assert lesson["bagian"] == {"3a": 12, "3b": 6, "3c": 5, "3d": 10, "3e": 5}
    counts = lesson["form_karya"]
    # the "ya" counts of KSP Karya Mandiri in the example table (BPN-001): 8, 4, 3, 6, 3
    ya = [counts[f"ya_{p}"] for p in ("manajemen_umum", "kelembagaan", "manajemen_permodalan")]
    ya += [counts["ya_manajemen_aktiva"], counts["ya_manajemen_likuiditas"]]
    assert ya == [8, 4, 3, 6, 3]
    # 8 × 0,25 = 2; 4 × 0,5 = 2; 3 × 0,6 = 1,8; 6 × 0,3 = 1,8; 3 × 0,6 = 1,8 (of 3 each)


def test_baru_berdiri_is_not_assessable_and_says_between_what(lesson):
    # No loans: 1b (900/0), 2a, 2b, 2d and 4c (÷ pinjaman 0) cannot be computed; weights
    # 6 + 10 + 5 + 5 + 2 = 28. Otherwise Sangatta's figures, except 5b: 0/1800 = 0 % (< 60)
    # → 25 → 1,25 instead of 5, and 2c with RPM 0 → full marks (5).
    # 93,65 − (6 + 10 + 4 + 5 + 2) − 3,75 = 62,90 ≥ 51; at most 62,90 + 28 = 90,90 ≥ 80
    assert lesson["baru_kode"] == ["1b", "2a", "2b", "2d", "4c"]
    skor, bobot, n, low, high, kategori = lesson["baru"]
    assert skor == pytest.approx(62.90) and (bobot, n) == (28, 5)
    assert (low, high, kategori) == ("Dalam Pengawasan", "Sehat", "Tidak dapat dinilai")


def test_karya_mandiri_scores_52_15_and_loses_most_on_cash(lesson):
    # Permodalan 700/1000 = 70 % (61–80) → 50 → 3; 700/400 = 175 % → 6; CAR 50/1000 = 5 %
    #   (4–6) → 50 → 1,5: 10,5
    # KAP 500/800 = 62,5 % (51–75) → 75 → 7,5; RPM 40 + 30 + 60 = 130, 130/800 = 16,25 %
    #   (10–20) → 60 → 3; (20 + 6)/130 = 20 % (10–20) → 20 → 1; 400/800 = 50 % (> 30) → 25
    #   → 1,25: 12,75
    # Manajemen 2 + 2 + 1,8 + 1,8 + 1,8 = 9,4; efisiensi 190/200 = 95 % → 50 → 2; 140/200 =
    #   70 % → 50 → 2; 64/800 = 8 % → 75 → 1,5: 5,5; likuiditas 50/200 = 25 % (> 20) → 25
    #   → 2,5; 800/1000 = 80 % → 5: 7,5; kemandirian 4 % → 0,75; 2 % → 0,75; 10/150 → 0: 1,5;
    #   jatidiri 200/500 = 40 % → 50 → 3,5; 20/400 = 5 % → 50 → 1,5: 5
    # Total 10,5 + 12,75 + 9,4 + 5,5 + 7,5 + 1,5 + 5 = 52,15 (51–66) → Dalam Pengawasan
    skor, kategori = lesson["karya"]
    assert skor == pytest.approx(52.15) and kategori == "Dalam Pengawasan"
    # lost (bobot − skor): 5a 10 − 2,5 = 7,5; 2c 5 − 1 = 4; 6c 4 − 0 = 4; 2d 5 − 1,25 = 3,75;
    # 7a 7 − 3,5 = 3,5
    kode = [k for k, _ in lesson["hilang"]]
    assert kode == ["5a", "2c", "6c", "2d", "7a"]
    assert [h for _, h in lesson["hilang"]] == pytest.approx([7.5, 4, 4, 3.75, 3.5])


def test_what_if_cash_alone_is_not_enough_and_the_form_reaches_66(lesson):
    # rasio kas 12 % (10–15) → 100 → 10: 52,15 + 7,5 = 59,65 < 66
    assert lesson["satu_perubahan"].splitlines()[-1] == (
        "skor total 52,15 → 59,65; kategori Dalam Pengawasan → Dalam Pengawasan"
    )
    # + cadangan/RPM 95 % (> 90) → 100 → 5 (+4) + kemandirian 110 % (> 100) → 4 (+4)
    # 59,65 + 4 + 4 = 67,65 ≥ 66 → Cukup Sehat
    assert lesson["formulir_whatif"] == (
        "skor total 52,15 → 67,65; kategori Dalam Pengawasan → Cukup Sehat"
    )


def test_boundary_and_rounding_readings(lesson):
    # 1a "61–80 → 50; 81–100 → 25": 80,985 % is in the gap; bulat (KPRI Adi Dharma) → 50,
    # kontinu (the boundary at 80) → 25. 4a "< 90 → 100; 90–< 95 → 75": 89,2 % as is → 100,
    # rounded up (APEX's ceil) to 90 → 75.
    assert lesson["batas"] == [50, 25, 100, 75]


def test_karya_mandiri_under_kkpkk_2021(lesson):
    # Skor per indicator (4 = sehat … 1), amounts in juta:
    # Tata kelola (17): prinsip 4/4, 4/5, 2/3, 3/4, 3/4, 2/4, 2/4 items → 4, 4, 3, 3, 3, 2, 2;
    #   kelembagaan 3/3, 3/3, 14/17, 3/4, 2/3 → 4, 4, 4, 3, 3; manajemen 2/3, 2/4, 2/4, 1/4,
    #   2/4 → 3, 2, 2, 1, 2. Σ 21 + 18 + 10 = 49 → 49/68 = 72,06 % × 30 = 21,62
    # Profil risiko (21): aset produktif 850/1000 = 85 % (≤ 95) → 4; pinjaman 800/850 = 94,1 %
    #   (85–95) → 2; aset likuid 50/1000 = 5 % (≤ 5) → 1; 50/200 = 25 % (> 21) → 4;
    #   risiko inheren 3/4, 2/4, 3/4, 2/4, 3/5 → 3, 2, 3, 2, 3; KPMR 2/4, 2/4, 1/4, 2/4, 3/4,
    #   2/4, 3/4, 2/4, 2/4, 2/4, 2/4, 1/3 → 2, 2, 1, 2, 3, 2, 3, 2, 2, 2, 2, 2.
    #   Σ 11 + 13 + 25 = 49 → 49/84 = 58,33 % × 15 = 8,75
    # Kinerja keuangan (18): ROA 30/1000 = 3 % → 2; ROE 30/700 = 4,3 % → 1; 10/150 → 1;
    #   BOPO 340/500 = 68 % → 4; 140/200 = 70 % → 2; 500/800 = 62,5 % → 3; (80+40+60)/800 =
    #   22,5 % → 1; 26/180 = 14,4 % → 1; 50/200 = 25 % → 4; 800/1000 = 80 % → 3; 880/200 →
    #   4; 50/950 = 5,3 % → 2; 40/960 = 4,2 % → 2; 10/690 = 1,4 % → 1; −5/35 → 1; 200/500 =
    #   40 % → 2; 30/400 = 7,5 % → 1; 120/200 = 60 % → 3. Σ 38 → 38/72 = 52,78 % × 40 = 21,11
    # Permodalan (4): 700/1000 = 70 % → 4; CAR 5 % → 2; 0 % → 1; 50/700 = 7,1 % (≤ 100) → 4.
    #   Σ 11 → 11/16 = 68,75 % × 15 = 10,31
    # Total 21,62 + 8,75 + 21,11 + 10,31 = 61,79 (51–66) → Dalam Pengawasan
    skor, kategori = lesson["kkpkk"]
    assert skor == pytest.approx(49 / 68 * 30 + 49 / 84 * 15 + 38 / 72 * 40 + 11 / 16 * 15)
    assert round(skor, 2) == 61.79 and kategori == "Dalam Pengawasan"
    rows = lesson["kkpkk_aspek"]
    assert [r[0] for r in rows] == [30, 15, 40, 15]
    assert [r[1] for r in rows] == pytest.approx([4900 / 68, 4900 / 84, 3800 / 72, 1100 / 16])
    assert [r[2] for r in rows] == pytest.approx(
        [49 / 68 * 30, 49 / 84 * 15, 38 / 72 * 40, 11 / 16 * 15]
    )


def test_regional_summary_of_the_eleven_examples(lesson):
    # Kutai Timur: Sangatta (93,65 Sehat), KSPPS Amanah (Sangatta's figures under 06/2016:
    #   Sehat), Baru Berdiri and Data Belum Lengkap (no dana diterima and no questionnaire:
    #   74,25 … 94,25) undetermined → 4 koperasi, 2 dinilai, 2 sehat
    # Balikpapan: Karya Mandiri (Dalam Pengawasan), Tertib Angsuran (RPM 0 → 2b 100: 94,65
    #   Sehat), Sengketa Pengurus (Dalam Pengawasan Khusus by rule), Rugi Usaha (SHU kotor
    #   negative: 4b not assessable, 50,15 … 54,15 undetermined) → 4, 3, 1
    # Palangka Raya: Tanpa Utang Lancar (5a not assessable, 83,65 … 93,65 Sehat), Neraca
    #   Lengkap (CAR 81,5 % → Sehat), Modal Tergerus (52,15 − 10,5 = 41,65 DPK) → 3, 3, 2
    w = lesson["wilayah"]
    assert w["Kab. Kutai Timur"]["jumlah_koperasi"] == 4
    got = {k: [v["jumlah_koperasi"], v["Sehat"], v["jumlah_dinilai"]] for k, v in w.items()}
    assert got == {
        "Kab. Kutai Timur": [4, 2, 2],
        "Kota Balikpapan": [4, 1, 3],
        "Kota Palangka Raya": [3, 2, 3],
        "Semua wilayah": [11, 5, 8],
    }
    assert w["Semua wilayah"]["persen_sehat"] == pytest.approx(5 / 8 * 100)


def test_pearls_for_sangatta(lesson):
    # E1 (1500 − 20)/2000 = 74 % (70–80 ✓); E7 (100 + 500)/2000 = 30 % (≤ 20 ✗);
    # E8 (150 + 30)/2000 = 9 % (≥ 10 ✗); A1 (30 + 20 + 15)/1500 = 4,33 % (≤ 5 ✓)
    rows = lesson["pearls"]
    assert [r[1] for r in rows] == pytest.approx([74, 30, 9, 65 / 15])
    assert [r[3] for r in rows] == [True, False, False, True]
