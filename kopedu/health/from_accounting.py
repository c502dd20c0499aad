"""Health-scoring inputs from the accounting core's journal and statements.

:func:`inputs_from_accounting` turns a koperasi's adjusted journal (and opening
balances) into one row of the flat input table, reading the balance sheet and the
PHU of :mod:`kopedu.accounting.statements` and the account balances behind them.
Modal tertimbang and ATMR are left empty and their balance-sheet items filled, so that
scoring computes them with the weight tables (:mod:`kopedu.health.weighted`). Items the
books do not hold — loan collectibility, risky loans, SHU bagian anggota, PEA, the
management questionnaire — are left empty (so those components are "tidak dapat
dinilai") unless given in ``extra``.

Mapping (chart groups are the ``kelompok`` of :mod:`kopedu.accounting.accounts`):

===============================  ==========================================================
input column                     from the books
===============================  ==========================================================
kas, bank                        kelompok ``kas``, split by "bank" in the account name
total_aset                       neraca: jumlah aset
kewajiban_lancar                 jumlah kewajiban − kelompok ``jangka_panjang``
dana_diterima                    simpanan anggota + simpanan pokok + wajib + utang bank
                                 + kewajiban jangka panjang (definition unclear [L])
modal_sendiri                    jumlah ekuitas − (1 − ``penyertaan``) × modal penyertaan
                                 (2008/2009 rule: at most 50 % of penyertaan counts)
pinjaman_anggota / non_anggota   aset accounts named "Pinjaman…" by the chart's ``anggota``
penyisihan_penghapusan_pinjaman  contra-asset accounts named "Penyisihan…"
cadangan_tujuan_risiko           equity accounts named "Cadangan tujuan risiko…" (else 0)
simpanan_pokok, simpanan_wajib   their kelompok
partisipasi_bruto, …_neto        PHU lines of the same name
pendapatan_non_anggota           PHU line
beban_operasi_anggota            PHU: beban pokok (anggota)
beban_usaha, beban_perkoperasian PHU lines
biaya_karyawan                   beban accounts named "gaji" or "karyawan"
shu_kotor                        partisipasi neto + laba kotor non-anggota
shu_sebelum_pajak                PHU line
simpanan_sukarela, pinjaman_luar kelompok ``simpanan_anggota``; utang bank + jangka panjang
cadangan_umum                    kelompok ``cadangan``
modal_penyertaan, modal_sumbangan kelompok ``penyertaan``; kelompok ``hibah``
shu_belum_dibagi                 jumlah ekuitas − semua kelompok ekuitas selain ``shu``
                                 (SHU tahun berjalan, sebelum penutupan)
beban_masih_harus_dibayar        kewajiban bernama "… masih harus dibayar"
pos_dana_diterima                utang bank + kelompok ``jangka_panjang`` (dana dari pihak
                                 lain; definisi "dana yang diterima" belum pasti [L])
kewajiban_lain                   jumlah kewajiban − simpanan anggota − tiga pos di atas
penempatan_dana                  aset bernama "simpanan di …" atau "deposito …"
surat_berharga                   aset bernama "surat berharga", "obligasi" atau "saham"
penyertaan_lembaga_lain          aset bernama "penyertaan …"
pendapatan_masih_harus_diterima  aset bernama "… masih harus diterima"
aktiva_tetap                     kelompok ``tetap`` (setelah akumulasi penyusutan)
===============================  ==========================================================

Assets the weight table does not list (perlengkapan, beban dibayar di muka) are not in
the ATMR; the tables give no weight for them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from kopedu.health.inputs import INPUT_COLUMNS, health_template

__all__ = ["inputs_from_accounting"]

#: Columns the books cannot provide; empty unless passed in ``extra``.
NOT_IN_BOOKS: tuple[str, ...] = (
    "pinjaman_kurang_lancar",
    "pinjaman_diragukan",
    "pinjaman_macet",
    "pinjaman_berisiko",
    "shu_bagian_anggota",
    "pea",
    "ya_manajemen_umum",
    "ya_kelembagaan",
    "ya_manajemen_permodalan",
    "ya_manajemen_aktiva",
    "ya_manajemen_likuiditas",
)


def inputs_from_accounting(
    journal: pd.DataFrame,
    chart,
    *,
    opening: pd.DataFrame | None = None,
    extra: Mapping[str, object] | None = None,
    kode: str = "-",
    nama: str = "-",
    penyertaan: float = 0.5,
) -> pd.DataFrame:
    """One row of health-scoring inputs from an adjusted journal (before closing).

    Parameters
    ----------
    journal : DataFrame
        The year's journal including adjusting entries, as read by
        :func:`kopedu.accounting.read_journal`.
    chart : kopedu.accounting.Chart
        The chart of accounts.
    opening : DataFrame, optional
        Opening balances (saldo awal) as a journal.
    extra : mapping, optional
        Values for columns the books do not hold (see :data:`NOT_IN_BOOKS`), and
        overrides for any other column (e.g. ``{"wilayah": "Kab. Kutai Timur"}``).
    kode, nama : str
        Identity columns.
    penyertaan : float, default 0.5
        Share of modal penyertaan counted in modal sendiri (0 under Permenkop 8/2023).

    Returns
    -------
    DataFrame
        One row with the template's columns (``Int64`` amounts), ready for
        :func:`~kopedu.health.scoring.score`.

    Examples
    --------
    >>> import kopedu as kp
    >>> ex = kp.accounting.load_example()
    >>> row = inputs_from_accounting(ex.adjusted, ex.chart, opening=ex.opening)
    >>> int(row.loc[0, "total_aset"]), int(row.loc[0, "pinjaman_anggota"])
    (496495000, 275000000)
    """
    from kopedu.accounting import balance_sheet, income_statement
    from kopedu.accounting.balances import account_balances
    from kopedu.accounting.journal import concat_journals

    full = journal if opening is None else concat_journals([opening, journal], chart)
    bs = balance_sheet(journal, chart, opening=opening)
    phu = income_statement(journal, chart)
    bal = account_balances(full, chart)
    bal = bal[bal["kelas"] != ""]
    info = chart.accounts.reindex(bal.index)
    value = (bal["saldo"] * bal["tanda"]).astype("int64")  # positive on the normal side
    name = bal["nama"].str.lower()

    def total(mask: pd.Series) -> int:
        return int(value[mask.to_numpy(dtype=bool)].sum())

    def group(kelompok: str) -> int:
        return total(bal["kelompok"] == kelompok)

    is_asset = bal["kelas"] == "aset"
    is_debt = bal["kelas"] == "kewajiban"
    loans = is_asset & name.str.startswith("pinjaman")
    bank_debt = is_debt & name.str.contains("utang bank")
    accrued = total(is_debt & name.str.contains("masih harus dibayar"))
    received = total(bank_debt) + group("jangka_panjang")
    equity_not_shu = total((bal["kelas"] == "ekuitas") & (bal["kelompok"] != "shu"))
    row: dict[str, object] = {
        "kode": kode,
        "nama_koperasi": nama,
        "kas": total((bal["kelompok"] == "kas") & ~name.str.contains("bank")),
        "bank": total((bal["kelompok"] == "kas") & name.str.contains("bank")),
        "total_aset": bs["total_aset"],
        "kewajiban_lancar": bs["total_kewajiban"] - group("jangka_panjang"),
        "dana_diterima": group("simpanan_anggota")
        + group("simpanan_pokok")
        + group("simpanan_wajib")
        + total(bank_debt)
        + group("jangka_panjang"),
        "modal_sendiri": round(bs["total_ekuitas"] - (1 - penyertaan) * group("penyertaan")),
        "pinjaman_anggota": total(loans & (info["anggota"] == "anggota")),
        "pinjaman_non_anggota": total(loans & (info["anggota"] == "non_anggota")),
        "penyisihan_penghapusan_pinjaman": -total(is_asset & name.str.startswith("penyisihan")),
        "cadangan_tujuan_risiko": total(
            (bal["kelas"] == "ekuitas") & name.str.startswith("cadangan tujuan risiko")
        ),
        "simpanan_pokok": group("simpanan_pokok"),
        "simpanan_wajib": group("simpanan_wajib"),
        "partisipasi_bruto": phu["partisipasi_bruto"],
        "pendapatan_non_anggota": phu["pendapatan_non_anggota"],
        "beban_operasi_anggota": phu["beban_pokok_anggota"],
        "beban_usaha": phu["beban_usaha"],
        "beban_perkoperasian": phu["beban_perkoperasian"],
        "biaya_karyawan": total(
            (bal["kelas"] == "beban") & name.str.contains("gaji|karyawan", regex=True)
        ),
        "shu_kotor": phu["partisipasi_neto"] + phu["laba_kotor_non_anggota"],
        "shu_sebelum_pajak": phu["shu_sebelum_pajak"],
        "partisipasi_neto": phu["partisipasi_neto"],
        "simpanan_sukarela": group("simpanan_anggota"),
        "pinjaman_luar": total(bank_debt) + group("jangka_panjang"),
        "cadangan_umum": group("cadangan"),
        "modal_tertimbang": pd.NA,
        "atmr": pd.NA,
        "modal_penyertaan": group("penyertaan"),
        "modal_sumbangan": group("hibah"),
        "shu_belum_dibagi": bs["total_ekuitas"] - equity_not_shu,
        "beban_masih_harus_dibayar": accrued,
        "pos_dana_diterima": received,
        "kewajiban_lain": bs["total_kewajiban"] - group("simpanan_anggota") - accrued - received,
        "penempatan_dana": total(is_asset & name.str.contains(r"^simpanan di|^deposito")),
        "surat_berharga": total(is_asset & name.str.contains("surat berharga|obligasi|saham")),
        "penyertaan_lembaga_lain": total(is_asset & name.str.startswith("penyertaan")),
        "pendapatan_masih_harus_diterima": total(
            is_asset & name.str.contains("masih harus diterima")
        ),
        "aktiva_tetap": group("tetap"),
    }
    row.update(dict(extra or {}))
    # One row built from plain Python values in the template's column order: the
    # template's empty columns carry no dtype worth keeping (and with pyarrow installed
    # pandas would store them as Arrow strings, which refuse numbers).
    columns = list(health_template().columns)
    out = pd.DataFrame([{c: row.get(c, pd.NA) for c in columns}], columns=columns, dtype=object)
    kinds = {c.name: c.kind for c in INPUT_COLUMNS}
    for col in out.columns:
        if kinds.get(col) in ("rupiah", "jumlah", "tahun"):
            out[col] = pd.array(out[col].to_numpy(dtype=object), dtype="Int64")
    return out.astype({c: "string" for c, k in kinds.items() if k == "teks"})
