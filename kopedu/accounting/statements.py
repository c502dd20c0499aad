"""Financial statements of a koperasi (SAK EP / SAK ETAP practice).

* :func:`balance_sheet` — laporan posisi keuangan (neraca);
* :func:`income_statement` — perhitungan hasil usaha (PHU) with partisipasi anggota
  separated from non-member income, beban usaha, beban perkoperasian and SHU before
  and after tax;
* :func:`equity_changes` — laporan perubahan ekuitas (simpanan pokok, wajib,
  penyertaan, hibah, cadangan, SHU belum dibagi);
* :func:`cash_flow` — laporan arus kas, **direct method** (see below).

Statements are prepared from the adjusted journal *before* closing entries; the
optional ``opening`` journal holds the balances brought forward (saldo awal).

Cash flow, direct method: for every entry that touches a cash account (kelompok
``kas``: Kas, Bank), each non-cash line is a receipt (kredit) or a payment (debit)
classified by that account's ``arus_kas`` activity. Because entries balance, the
receipts minus payments equal the change in cash exactly, which the statement
checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from kopedu.accounting.accounts import CASH_FLOW_GROUPS, GROUPS, AccountClass
from kopedu.accounting.balances import account_balances
from kopedu.accounting.chart import Chart
from kopedu.accounting.journal import empty_journal
from kopedu.formatting import format_number

__all__ = [
    "Statement",
    "balance_sheet",
    "cash_flow",
    "equity_changes",
    "income_statement",
]


@dataclass(frozen=True)
class Statement:
    """A financial statement: a table of labelled rupiah lines plus key totals.

    Attributes
    ----------
    title : str
        E.g. ``"Perhitungan Hasil Usaha"``.
    table : DataFrame
        ``pos`` (label) and one or more int64 money columns; ``jenis`` marks each
        row as ``judul`` (heading, no amount), ``akun``, ``subtotal`` or ``total``.
    values : dict
        Key figures by name (``"shu_setelah_pajak"``, ``"total_aset"``, …), exact ints.
    """

    title: str
    table: pd.DataFrame
    values: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int:
        return self.values[key]

    @property
    def money_columns(self) -> list[str]:
        """The table's rupiah columns: every column but ``pos``, ``jenis`` and ``kunci``."""
        return [c for c in self.table.columns if c not in ("pos", "jenis", "kunci")]

    def to_text(self, width: int = 48) -> str:
        """Plain-text rendering (Indonesian number format) for ``print``."""
        cols = self.money_columns
        cells = []
        for rec in self.table.to_dict("records"):
            heading = rec.get("jenis") == "judul"
            cells.append(
                [rec["pos"], *("" if heading else format_number(int(rec[c])) for c in cols)]
            )
        widths = [max(len(str(c)), *(len(r[i + 1]) for r in cells)) for i, c in enumerate(cols)]
        label_w = max(width, *(len(r[0]) for r in cells))
        lines = [self.title]
        if len(cols) > 1:
            lines.append(
                " " * label_w + "".join(f"  {c:>{w}}" for c, w in zip(cols, widths, strict=True))
            )
        for r, rec in zip(cells, self.table.to_dict("records"), strict=True):
            if rec.get("jenis") == "total" and len(cols) == 1:
                lines.append(" " * label_w + "  " + "-" * widths[0])
            lines.append(
                f"{r[0]:<{label_w}}"
                + "".join(f"  {v:>{w}}" for v, w in zip(r[1:], widths, strict=True))
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # A notebook's plain-text form of the statement (the HTML is shown beside it).
        printer.text(self.to_text())

    def _repr_html_(self) -> str:
        from kopedu.accounting.display import statement_html

        return statement_html(self)


def _rows(
    items: list[tuple[str, int, str, str]], cols: tuple[str, ...] = ("jumlah",)
) -> pd.DataFrame:
    df = pd.DataFrame(items, columns=["pos", "jumlah", "jenis", "kunci"])
    df["jumlah"] = df["jumlah"].astype("int64")
    return df


def _class_balances(journal: pd.DataFrame, chart: Chart) -> pd.DataFrame:
    bal = account_balances(journal, chart)
    bal = bal[bal["kelas"] != ""].copy()
    bal["nilai"] = bal["saldo"] * bal["tanda"]  # positive on the class's normal side
    return bal


def income_statement(journal: pd.DataFrame, chart: Chart) -> Statement:
    """Perhitungan hasil usaha (PHU).

    Layout (PSAK 27 / Permenkop practice): partisipasi bruto anggota − beban pokok
    = partisipasi neto; + pendapatan non-anggota − beban pokok non-anggota; − beban
    usaha = SHU sebelum beban perkoperasian; − beban perkoperasian; ± pendapatan and
    beban lain = SHU sebelum pajak; − pajak penghasilan = SHU setelah pajak.

    Examples
    --------
    >>> from kopedu.accounting import load_chart, parse_journal
    >>> chart = load_chart("ksp")
    >>> j = parse_journal('''
    ... 2024-05-29 BKM-9 Jasa pinjaman
    ...   D Kas 6.000.000
    ...   K Partisipasi jasa pinjaman 6.000.000
    ... 2024-05-30 BKK-9 Gaji
    ...   D Beban gaji 2.100.000
    ...   K Kas 2.100.000
    ... ''', chart)
    >>> income_statement(j, chart)["shu_setelah_pajak"]
    3900000
    """
    bal = _class_balances(journal, chart)
    nominal = bal[bal["kelas"].isin(["pendapatan", "beban"])]

    def group(kelas: str, kelompok: str) -> pd.DataFrame:
        return nominal[(nominal["kelas"] == kelas) & (nominal["kelompok"] == kelompok)]

    items: list[tuple[str, int, str, str]] = []
    values: dict[str, int] = {}

    def block(title: str, df: pd.DataFrame, key: str, *, show_empty: bool = True) -> int:
        df = df[df["nilai"] != 0]
        total = int(df["nilai"].sum())
        if len(df) or show_empty:
            items.append((title, 0, "judul", ""))
            items.extend(
                (f"  {n}", int(v), "akun", "") for n, v in zip(df["nama"], df["nilai"], strict=True)
            )
            items.append((f"  Jumlah {title[0].lower()}{title[1:]}", total, "subtotal", key))
        values[key] = total
        return total

    def subtotal(label: str, value: int, key: str, jenis: str = "total") -> None:
        items.append((label, value, jenis, key))
        values[key] = value

    bruto = block(
        "Partisipasi bruto anggota", group("pendapatan", "partisipasi"), "partisipasi_bruto"
    )
    pokok = block("Beban pokok (anggota)", group("beban", "pokok_anggota"), "beban_pokok_anggota")
    subtotal("Partisipasi neto anggota", bruto - pokok, "partisipasi_neto")
    non = block(
        "Pendapatan dari non-anggota", group("pendapatan", "non_anggota"), "pendapatan_non_anggota"
    )
    pokok_non = block(
        "Beban pokok (non-anggota)",
        group("beban", "pokok_non_anggota"),
        "beban_pokok_non_anggota",
        show_empty=False,
    )
    subtotal("Laba kotor dari non-anggota", non - pokok_non, "laba_kotor_non_anggota")
    usaha = block("Beban usaha", group("beban", "usaha"), "beban_usaha")
    sebelum = bruto - pokok + non - pokok_non - usaha
    subtotal("SHU sebelum beban perkoperasian", sebelum, "shu_sebelum_perkoperasian")
    perkop = block("Beban perkoperasian", group("beban", "perkoperasian"), "beban_perkoperasian")
    lain_p = block(
        "Pendapatan lain-lain", group("pendapatan", "lain"), "pendapatan_lain", show_empty=False
    )
    lain_b = block("Beban lain-lain", group("beban", "lain"), "beban_lain", show_empty=False)
    before_tax = sebelum - perkop + lain_p - lain_b
    subtotal("SHU sebelum pajak", before_tax, "shu_sebelum_pajak")
    pajak = block("Pajak penghasilan", group("beban", "pajak"), "pajak", show_empty=False)
    subtotal("SHU setelah pajak", before_tax - pajak, "shu_setelah_pajak")
    # Every nominal account must land in exactly one line above.
    assert values["shu_setelah_pajak"] == int((nominal["saldo"] * -1).sum()), (
        "PHU lines do not cover every nominal account"
    )
    return Statement("Perhitungan Hasil Usaha", _rows(items), values)


def balance_sheet(
    journal: pd.DataFrame, chart: Chart, *, opening: pd.DataFrame | None = None
) -> Statement:
    """Laporan posisi keuangan (neraca).

    Equity shows *SHU tahun berjalan* — the SHU account's balance plus the result
    of the not yet closed pendapatan and beban accounts — so the statement balances
    before and after closing.

    Examples
    --------
    >>> from kopedu.accounting import load_chart, parse_journal
    >>> chart = load_chart("ksp")
    >>> j = parse_journal('''
    ... 2024-04-02 BKM-1 Setoran
    ...   D Kas 100
    ...   K Simpanan pokok 80
    ...   K Simpanan sukarela 20
    ... ''', chart)
    >>> bs = balance_sheet(j, chart)
    >>> bs["total_aset"], bs["total_kewajiban"], bs["total_ekuitas"]
    (100, 20, 80)
    """
    full = journal if opening is None else _join(opening, journal)
    bal = _class_balances(full, chart)
    items: list[tuple[str, int, str, str]] = []
    values: dict[str, int] = {}
    shu_now = int(-bal.loc[bal["kelas"].isin(["pendapatan", "beban"]), "saldo"].sum())
    for kelas, title in (
        (AccountClass.ASET, "ASET"),
        (AccountClass.KEWAJIBAN, "KEWAJIBAN"),
        (AccountClass.EKUITAS, "EKUITAS"),
    ):
        sub = bal[bal["kelas"] == kelas.value]
        items.append((title, 0, "judul", ""))
        total = 0
        for kelompok, label in GROUPS[kelas].items():
            g = sub[sub["kelompok"] == kelompok]
            extra = shu_now if kelompok == "shu" else 0
            if not len(g) or (not g["nilai"].any() and not extra):
                continue
            amounts = g["nilai"].to_numpy().copy()
            if extra:
                amounts[0] += extra
            gt = int(amounts.sum())
            names = g["nama"].to_list()
            if len(g) == 1:
                items.append((f"  {names[0]}", gt, "akun", ""))
            else:
                items.append((f"  {label}", 0, "judul", ""))
                items += [
                    (f"    {n}", int(v), "akun", "")
                    for n, v in zip(names, amounts, strict=True)
                    if v != 0
                ]
                items.append((f"  Jumlah {label[0].lower()}{label[1:]}", gt, "subtotal", ""))
            total += gt
        key = f"total_{kelas.value}"
        items.append((f"Jumlah {title.lower()}", total, "total", key))
        values[key] = total
    values["total_kewajiban_ekuitas"] = values["total_kewajiban"] + values["total_ekuitas"]
    items.append(
        (
            "Jumlah kewajiban dan ekuitas",
            values["total_kewajiban_ekuitas"],
            "total",
            "total_kewajiban_ekuitas",
        )
    )
    shu_codes = chart.codes(kelompok="shu")
    values["shu_tahun_berjalan"] = shu_now + int(bal.loc[bal.index.isin(shu_codes), "nilai"].sum())
    return Statement("Laporan Posisi Keuangan (Neraca)", _rows(items), values)


def _join(opening: pd.DataFrame, journal: pd.DataFrame) -> pd.DataFrame:
    from kopedu.accounting.journal import concat_journals

    return concat_journals([opening, journal])


_EQUITY_COLUMNS = ["simpanan_pokok", "simpanan_wajib", "penyertaan", "hibah", "cadangan", "shu"]


def equity_changes(
    journal: pd.DataFrame, chart: Chart, *, opening: pd.DataFrame | None = None
) -> Statement:
    """Laporan perubahan ekuitas, one column per kind of equity.

    Rows: saldo awal (from ``opening``), mutasi tahun berjalan (setoran, penarikan,
    pembagian SHU tahun lalu — net movements of the equity accounts in ``journal``),
    SHU tahun berjalan (from the PHU) and saldo akhir. The ``shu`` column is *SHU
    belum dibagi*.
    """
    opening = empty_journal() if opening is None else opening

    def by_group(j: pd.DataFrame) -> pd.Series:
        bal = _class_balances(j, chart)
        eq = bal[bal["kelas"] == "ekuitas"]
        return eq.groupby("kelompok")["nilai"].sum().reindex(_EQUITY_COLUMNS, fill_value=0)

    awal = by_group(opening)
    mutasi = by_group(journal)
    shu = income_statement(journal, chart)["shu_setelah_pajak"]
    tahun = pd.Series(0, index=_EQUITY_COLUMNS)
    tahun["shu"] = shu
    akhir = awal + mutasi + tahun
    labels = {c: GROUPS[AccountClass.EKUITAS][c] for c in _EQUITY_COLUMNS}
    table = pd.DataFrame(
        [awal, mutasi, tahun, akhir],
        index=["Saldo awal", "Mutasi tahun berjalan", "SHU tahun berjalan", "Saldo akhir"],
    ).astype("int64")
    table.columns = [labels[c] for c in _EQUITY_COLUMNS]
    table["Jumlah"] = table.sum(axis=1)
    table = table.rename_axis("pos").reset_index()
    table["jenis"] = ["akun", "akun", "akun", "total"]
    values = {f"akhir_{c}": int(akhir[c]) for c in _EQUITY_COLUMNS}
    values["total_awal"] = int(awal.sum())
    values["total_akhir"] = int(akhir.sum())
    return Statement("Laporan Perubahan Ekuitas", table, values)


def _cash_flow_lines(journal: pd.DataFrame, is_cash: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Non-cash lines of cash entries and the cash each one explains.

    An entry's net cash movement is attributed to its non-cash lines on the other
    side (receipts to the kredit lines, payments to the debit lines). In the usual
    entry those lines add up to the cash movement and each line's amount is its
    flow; when part of the entry is non-cash (equipment bought partly on credit)
    the cash is shared among them by largest remainder.
    """
    from kopedu.accounting.shu import largest_remainder

    entri = journal["entri"].to_numpy()
    delta = (journal["debit"] - journal["kredit"]).to_numpy(dtype="int64")
    cash_net = pd.Series(np.where(is_cash, delta, 0)).groupby(entri).sum()
    touched = np.isin(entri, np.unique(entri[is_cash]))
    net = cash_net.reindex(entri).to_numpy()
    receipt = (net > 0) & (delta < 0)
    payment = (net < 0) & (delta > 0)
    keep = touched & ~is_cash & (receipt | payment)
    lines = journal[keep]
    weight = np.abs(delta[keep])
    flow = -delta[keep]  # kredit line → receipt (+), debit line → payment (−)
    k_entri = entri[keep]
    wsum = pd.Series(weight).groupby(k_entri).sum().reindex(k_entri).to_numpy()
    mixed = np.flatnonzero(wsum != np.abs(net[keep]))
    for e in np.unique(k_entri[mixed]):  # rare: entries with a non-cash part
        idx = np.flatnonzero(k_entri == e)
        total = int(cash_net[e])
        parts = largest_remainder(abs(total), [int(w) for w in weight[idx]])
        flow[idx] = np.sign(total) * np.array(parts, dtype="int64")
    return lines, flow


def cash_flow(
    journal: pd.DataFrame, chart: Chart, *, opening: pd.DataFrame | None = None
) -> Statement:
    """Laporan arus kas by the **direct method** (see the module docstring).

    Examples
    --------
    >>> from kopedu.accounting import load_chart, parse_journal
    >>> chart = load_chart("ksp")
    >>> j = parse_journal('''
    ... 2024-05-05 BKM-3 Pinjaman bank
    ...   D Kas 60
    ...   K Utang bank 60
    ... 2024-05-10 BKK-4 Pinjaman ke anggota
    ...   D Pinjaman anggota 45
    ...   K Kas 45
    ... ''', chart)
    >>> cf = cash_flow(j, chart)
    >>> cf["operasi"], cf["pendanaan"], cf["kas_akhir"]
    (-45, 60, 15)
    """
    accounts = chart.accounts
    cash_codes = accounts.index[accounts["arus_kas"] == "kas"]
    akun = journal["akun"].astype(str)
    is_cash = akun.isin(cash_codes).to_numpy()
    lines, flow = _cash_flow_lines(journal, is_cash)
    codes = lines["akun"].astype(str).to_numpy()
    activity = accounts["arus_kas"].reindex(codes).fillna("operasi").to_numpy()
    names = accounts["nama"].reindex(codes).fillna(pd.Series(codes)).to_numpy()
    df = pd.DataFrame(
        {"aktivitas": activity, "masuk": flow > 0, "kode": codes, "nama": names, "arus": flow}
    )
    df = df[df["arus"] != 0]
    # Lines in chart order within each activity and direction.
    grouped = df.groupby(["aktivitas", "masuk", "kode", "nama"], sort=True)["arus"].sum()

    def cash_balance(j: pd.DataFrame) -> int:
        bal = account_balances(j, chart)
        return int(bal.loc[bal.index.isin(cash_codes), "saldo"].sum())

    opening = empty_journal() if opening is None else opening
    kas_awal = cash_balance(opening)
    items: list[tuple[str, int, str, str]] = []
    values: dict[str, int] = {}
    for act in ("operasi", "investasi", "pendanaan"):
        items.append((f"Arus kas dari {CASH_FLOW_GROUPS[act].lower()}", 0, "judul", ""))
        total = 0
        for masuk, prefix in ((True, "Penerimaan"), (False, "Pengeluaran")):
            key = (act, masuk)
            part = grouped[grouped.index.droplevel([2, 3]).isin([key])] if len(grouped) else grouped
            for (_, _, _, nama), v in part.items():
                items.append((f"  {prefix}: {nama}", int(v), "akun", ""))
                total += int(v)
        items.append((f"  Kas bersih dari {CASH_FLOW_GROUPS[act].lower()}", total, "subtotal", act))
        values[act] = total
    net = values["operasi"] + values["investasi"] + values["pendanaan"]
    values.update(kenaikan_kas=net, kas_awal=kas_awal, kas_akhir=kas_awal + net)
    items += [
        ("Kenaikan (penurunan) kas", net, "total", "kenaikan_kas"),
        ("Kas dan setara kas awal tahun", kas_awal, "akun", "kas_awal"),
        ("Kas dan setara kas akhir tahun", kas_awal + net, "total", "kas_akhir"),
    ]
    full = journal if opening.empty else _join(opening, journal)
    if cash_balance(full) != values["kas_akhir"]:  # pragma: no cover - balanced journals only
        values["selisih_kas"] = cash_balance(full) - values["kas_akhir"]
    return Statement("Laporan Arus Kas (metode langsung)", _rows(items), values)
