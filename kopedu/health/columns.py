"""The columns of the health input tables: one declaration per column, per rule set.

:data:`INPUT_COLUMNS` is the flat table of Perdep 06/2016 and 07/2016 (the template
``data/health/template_penilaian_kesehatan.csv``); :func:`columns_for` gives the
columns of any rule set, including the 2021 worksheet (KKPKK), whose own columns
(qualitative item counts, last year's figures …) are declared here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

__all__ = ["INPUT_COLUMNS", "InputColumn", "column_spec", "columns_for", "empty_hint"]


@dataclass(frozen=True, slots=True)
class InputColumn:
    """One column of the input template.

    ``kind`` is ``"teks"``, ``"rupiah"`` (whole rupiah), ``"jumlah"`` (a count of
    "ya" answers, 0 to ``maks``), ``"persen"`` (0–100) or ``"ya_tidak"``. ``hint`` is
    said when the cell is left empty (e.g. what to enter when the item is nil).
    """

    name: str
    description: str
    kind: str = "rupiah"
    required: bool = True
    negative_ok: bool = False
    maks: int | None = None
    hint: str = ""


def _r(name: str, desc: str, *, neg: bool = False, req: bool = True, hint: str = "") -> InputColumn:
    return InputColumn(name, desc, "rupiah", req, neg, hint=hint)


_FROM_ITEMS = (
    "isi angkanya, atau isi pos-pos neracanya (kolom modal_penyetaraan sampai aktiva_tetap) "
    "agar dihitung dengan tabel bobot Permen 14/2009"
)


def _q(name: str, desc: str, n: int) -> InputColumn:
    return InputColumn(name, desc, "jumlah", True, False, n)


#: Every column of the template, in order.
INPUT_COLUMNS: tuple[InputColumn, ...] = (
    InputColumn("kode", "kode unik koperasi (mis. nomor badan hukum)", "teks"),
    InputColumn("nama_koperasi", "nama koperasi", "teks"),
    InputColumn("jenis", "KSP, USP, KSPPS atau USPPS", "teks", required=False),
    InputColumn("wilayah", "kabupaten/kota", "teks", required=False),
    InputColumn("tahun_buku", "tahun buku yang dinilai", "tahun", required=False),
    _r("kas", "kas"),
    _r("bank", "simpanan di bank"),
    _r("total_aset", "total aset"),
    _r("kewajiban_lancar", "kewajiban lancar"),
    _r("dana_diterima", "dana yang diterima (simpanan + pinjaman dari pihak lain)"),
    _r("modal_sendiri", "modal sendiri (ekuitas); boleh negatif", neg=True),
    _r(
        "modal_tertimbang",
        "modal sendiri tertimbang (untuk CAR); boleh negatif; kosongkan agar dihitung dari "
        "pos-pos neraca",
        neg=True,
        req=False,
        hint=_FROM_ITEMS,
    ),
    _r(
        "atmr",
        "aset tertimbang menurut risiko (ATMR); kosongkan agar dihitung dari pos-pos neraca",
        req=False,
        hint=_FROM_ITEMS,
    ),
    _r("pinjaman_anggota", "pinjaman diberikan kepada anggota"),
    InputColumn(
        "pinjaman_non_anggota",
        "pinjaman kepada calon anggota, koperasi lain, non-anggota",
        hint="KSP yang hanya meminjamkan kepada anggota mengisi 0",
    ),
    _r("pinjaman_kurang_lancar", "pinjaman berkolektibilitas kurang lancar"),
    _r("pinjaman_diragukan", "pinjaman berkolektibilitas diragukan"),
    _r("pinjaman_macet", "pinjaman berkolektibilitas macet"),
    _r("pinjaman_berisiko", "pinjaman yang berisiko (agunan tidak memadai)"),
    _r("cadangan_tujuan_risiko", "cadangan tujuan risiko"),
    _r("penyisihan_penghapusan_pinjaman", "penyisihan penghapusan pinjaman"),
    _r("simpanan_pokok", "simpanan pokok"),
    _r("simpanan_wajib", "simpanan wajib"),
    _r("partisipasi_bruto", "partisipasi bruto (pendapatan jasa dari anggota)"),
    _r("pendapatan_non_anggota", "pendapatan dari non-anggota"),
    _r("beban_operasi_anggota", "beban operasi (beban pokok) pelayanan anggota"),
    _r("beban_usaha", "beban usaha"),
    _r("beban_perkoperasian", "beban perkoperasian (RAT, pendidikan, pengawas)"),
    _r("biaya_karyawan", "biaya karyawan"),
    _r("shu_kotor", "SHU kotor; boleh negatif", neg=True),
    _r("shu_sebelum_pajak", "SHU sebelum pajak; boleh negatif", neg=True),
    _r("shu_bagian_anggota", "SHU bagian anggota; boleh negatif", neg=True),
    _r("partisipasi_neto", "partisipasi neto; boleh negatif", neg=True),
    _r("pea", "promosi ekonomi anggota (PEA); boleh negatif", neg=True),
    _q("ya_manajemen_umum", "jumlah jawaban 'ya' manajemen umum (dari 12)", 12),
    _q("ya_kelembagaan", "jumlah jawaban 'ya' kelembagaan (dari 6)", 6),
    _q("ya_manajemen_permodalan", "jumlah jawaban 'ya' manajemen permodalan (dari 5)", 5),
    _q("ya_manajemen_aktiva", "jumlah jawaban 'ya' manajemen aktiva (dari 10)", 10),
    _q("ya_manajemen_likuiditas", "jumlah jawaban 'ya' manajemen likuiditas (dari 5)", 5),
    InputColumn(
        "kepatuhan_syariah", "persentase butir kepatuhan syariah (KSPPS saja)", "persen", False
    ),
    InputColumn(
        "faktor_pengawasan_khusus",
        "ya jika ada sengketa internal, campur tangan luar, rekayasa pembukuan atau usaha di "
        "luar pembukuan (kategori menjadi Dalam Pengawasan Khusus)",
        "ya_tidak",
        required=False,
    ),
    _r(
        "simpanan_sukarela",
        "simpanan sukarela (tabungan) dan simpanan berjangka (kewajiban; untuk modal tertimbang "
        "dan PEARLS)",
        req=False,
    ),
    _r("pinjaman_luar", "pinjaman dari bank/pihak luar (untuk PEARLS)", req=False),
    _r("cadangan_umum", "cadangan umum (untuk modal tertimbang dan PEARLS)", req=False),
    # Items of the weight tables (rules/tertimbang_2009.yaml) not listed above.
    _r("modal_penyetaraan", "modal penyetaraan (pos modal tertimbang, bobot 100 %)", req=False),
    _r("modal_penyertaan", "modal penyertaan (pos modal tertimbang, bobot 50 %)", req=False),
    _r(
        "modal_sumbangan", "modal sumbangan: hibah, donasi (pos modal tertimbang, 100 %)", req=False
    ),
    _r(
        "shu_belum_dibagi",
        "SHU belum dibagi (pos modal tertimbang, 50 %); boleh negatif",
        neg=True,
        req=False,
    ),
    _r("beban_masih_harus_dibayar", "beban yang masih harus dibayar (kewajiban, 50 %)", req=False),
    _r(
        "pos_dana_diterima",
        "pos neraca 'dana yang diterima' dari pihak lain (kewajiban, 50 %)",
        req=False,
    ),
    _r("kewajiban_lain", "kewajiban lain-lain (pos modal tertimbang, 50 %)", req=False),
    _r(
        "penempatan_dana",
        "tabungan dan simpanan berjangka di bank atau koperasi lain (pos ATMR, 20 %)",
        req=False,
    ),
    _r("surat_berharga", "surat berharga (pos ATMR, 50 %)", req=False),
    _r(
        "penyertaan_lembaga_lain",
        "penyertaan pada koperasi atau lembaga lain (pos ATMR, 100 %)",
        req=False,
    ),
    _r(
        "pendapatan_masih_harus_diterima",
        "pendapatan yang masih harus diterima (pos ATMR, 50 %)",
        req=False,
    ),
    _r("aktiva_tetap", "aktiva tetap setelah penyusutan (pos ATMR, 70 %)", req=False),
)


def empty_hint(column: str) -> str:
    """What to enter when ``column`` is empty (``""`` if nothing specific).

    Examples
    --------
    >>> empty_hint("pinjaman_non_anggota")
    'KSP yang hanya meminjamkan kepada anggota mengisi 0'
    """
    col = column_spec(column)
    return col.hint if col is not None else ""


def _k(name: str, desc: str, *, neg: bool = False) -> InputColumn:
    return InputColumn(name, desc, "rupiah", True, neg)


#: Figures the 2021 worksheet needs beyond the Perdep table (all rupiah).
KKPKK_FIGURES: tuple[InputColumn, ...] = (
    _k("aset_produktif", "aset produktif: pinjaman, penempatan dana, surat berharga, penyertaan"),
    _k("aset_likuid", "aset likuid: kas, bank dan penempatan yang segera dapat dicairkan"),
    _k("shu_setelah_pajak", "SHU setelah pajak tahun ini; boleh negatif", neg=True),
    _k("beban_operasional", "beban (biaya) operasional"),
    _k("pendapatan_operasional", "pendapatan operasional"),
    _k("aset_lancar", "aset lancar"),
    _k("total_aset_lalu", "total aset tahun lalu"),
    _k("dana_diterima_lalu", "dana yang diterima tahun lalu"),
    _k("modal_sendiri_lalu", "modal sendiri (ekuitas) tahun lalu; boleh negatif", neg=True),
    _k("shu_setelah_pajak_lalu", "SHU setelah pajak tahun lalu; boleh negatif", neg=True),
    _k("pendapatan_utama", "pendapatan dari usaha utama (simpan pinjam)"),
    _k("total_pendapatan", "total pendapatan"),
    _k("simpanan_masuk_anggota", "simpanan yang masuk dari anggota selama tahun buku"),
    _k("simpanan_masuk_total", "semua simpanan yang masuk selama tahun buku"),
    _k("modal_pinjaman_anggota", "modal pinjaman dari anggota"),
    _k("kewajiban_jangka_panjang", "kewajiban jangka panjang"),
)


@cache
def _kkpkk_counts() -> tuple[InputColumn, ...]:
    """Item counts of the worksheet's qualitative indicators, from the rule set."""
    from kopedu.health.ruleset import load_rules

    out = []
    for c in load_rules("kkpkk_2021").components:
        if "kualitatif" not in c.readings or not isinstance(c.numerator, str):
            continue
        known = not isinstance(c.denominator, str)
        n = int(c.denominator) if known else None
        what = f"dari {n} butir" if known else "lihat kolom _butir"
        out.append(
            InputColumn(
                c.numerator, f"butir terpenuhi: {c.name} ({what})", "jumlah", True, False, n
            )
        )
        if not known:
            out.append(
                InputColumn(
                    str(c.denominator),
                    f"jumlah butir: {c.name} (47 butir KPMR terbagi ke 12 indikator; isi "
                    "sesuai lembar kerja)",
                    "jumlah",
                )
            )
    return tuple(out)


@cache
def _by_name() -> dict[str, InputColumn]:
    return {c.name: c for c in (*INPUT_COLUMNS, *KKPKK_FIGURES, *_kkpkk_counts())}


def column_spec(name: str) -> InputColumn | None:
    """The declaration of column ``name`` (any rule set), or None.

    Examples
    --------
    >>> column_spec("tk_anggaran_dasar").maks
    17
    """
    return _by_name().get(name)


_IDENTITY = ("kode", "nama_koperasi", "jenis", "wilayah", "tahun_buku")


@cache
def columns_for(aturan: str = "perdep_06_2016") -> tuple[InputColumn, ...]:
    """The input columns of rule set ``aturan``, in template order.

    Perdep 06/2016 and 07/2016 share :data:`INPUT_COLUMNS`; the 2021 worksheet has the
    identity columns, every column its indicators read, the weighted-capital items and
    the downgrade flag.

    Examples
    --------
    >>> [c.name for c in columns_for("kkpkk_2021")][5:8]
    ['tk_keanggotaan', 'tk_demokratis', 'tk_pembagian_shu']
    """
    from kopedu.health.ruleset import load_rules
    from kopedu.health.weighted import weight_table

    if not aturan.startswith("kkpkk"):
        return INPUT_COLUMNS
    names = list(_IDENTITY) + list(load_rules(aturan).input_columns())
    for figure in ("modal_tertimbang", "atmr"):
        names += list(weight_table(figure)["kolom"])
    names.append("faktor_pengawasan_khusus")
    seen: dict[str, InputColumn] = {}
    for name in names:
        if name not in seen:
            spec = column_spec(name)
            if spec is None:  # pragma: no cover - a rule file naming an undeclared column
                raise KeyError(name)
            seen[name] = spec
    return tuple(seen.values())
