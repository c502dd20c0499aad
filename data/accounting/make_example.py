"""Generate the bundled example koperasi (deterministic; output committed as CSV).

KSP Sejahtera Bersama, Sangatta Utara, Kutai Timur — a fictional koperasi simpan
pinjam with 40 members, fiscal year 2024. Run from the repository root:

    .venv/bin/python data/accounting/make_example.py

Files written to ``data/accounting/contoh_ksp/``: ``anggota.csv``,
``saldo_awal_2024.csv`` (opening balances as one entry), ``jurnal_2024.csv`` (the
year's transactions) and ``penyesuaian_2024.csv`` (adjusting entries, 31 Dec).
Every entry balances by construction; the tests check it.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

SEED = 20240101
OUT = Path(__file__).resolve().parent / "contoh_ksp"

NAMES = [
    "Ahmad Yani",
    "Siti Aminah",
    "Budi Santoso",
    "Rahmawati",
    "Hendra Gunawan",
    "Nur Hasanah",
    "Andi Pratama",
    "Dewi Lestari",
    "Yohanes Lukas",
    "Fitriani",
    "Muhammad Rizal",
    "Sri Wahyuni",
    "Agus Salim",
    "Maria Ulfa",
    "Daniel Tanda",
    "Halimah",
    "Syamsul Bahri",
    "Wahyu Hidayat",
    "Kartini",
    "Imam Syafii",
    "Novita Sari",
    "Rudi Hartono",
    "Sumiati",
    "Joko Susilo",
    "Erna Wati",
    "Samsudin",
    "Lisa Anggraini",
    "Yusuf Kalla",
    "Ratna Dewi",
    "Abdul Gani",
    "Petrus Ding",
    "Marlina",
    "Hasanuddin",
    "Suparti",
    "Rizky Ramadhan",
    "Juliana",
    "Firmansyah",
    "Nurul Huda",
    "Stefanus Lahang",
    "Yuliana",
]


class Book:
    """Collects entries (each checked to balance); vouchers are numbered by date."""

    def __init__(self) -> None:
        self.entries: list[tuple[dt.date, str, str, list[tuple[str, int, int, str]]]] = []

    def entry(
        self, date: dt.date, prefix: str, text: str, lines: list[tuple[str, int, int, str]]
    ) -> None:
        lines = [ln for ln in lines if ln[1] or ln[2]]
        assert sum(ln[1] for ln in lines) == sum(ln[2] for ln in lines), (text, lines)
        self.entries.append((date, prefix, text, lines))

    @property
    def rows(self) -> list[list[object]]:
        counters: dict[str, int] = {}
        rows = []
        for date, prefix, text, lines in sorted(self.entries, key=lambda e: e[0]):
            counters[prefix] = counters.get(prefix, 0) + 1
            voucher = f"{prefix}-{counters[prefix]:04d}"
            rows += [[date.isoformat(), voucher, a, d, k, text, m] for a, d, k, m in lines]
        return rows

    def write(self, path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["tanggal", "bukti", "akun", "debit", "kredit", "keterangan", "anggota"])
            w.writerows(self.rows)


def main(out: Path = OUT) -> None:
    rng = np.random.default_rng(SEED)
    out.mkdir(parents=True, exist_ok=True)
    ids = [f"A{i:03d}" for i in range(1, len(NAMES) + 1)]
    joined = [dt.date(2019 + int(rng.integers(0, 5)), int(rng.integers(1, 13)), 1) for _ in ids]
    with (out / "anggota.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["no_anggota", "nama", "tanggal_masuk"])
        w.writerows([i, n, d.isoformat()] for i, n, d in zip(ids, NAMES, joined, strict=True))

    # ---- opening balances (31 Dec 2023 brought forward)
    pokok = dict.fromkeys(ids, 500000)
    months = {m: (2024 - d.year) * 12 - d.month + 1 for m, d in zip(ids, joined, strict=True)}
    wajib = {m: 50_000 * months[m] for m in ids}
    sukarela = {m: int(rng.integers(0, 40)) * 250_000 for m in ids}
    loans: list[dict] = []  # outstanding loans: member, monthly principal, jasa, left
    for m in rng.choice(ids, size=26, replace=False):
        amount = int(rng.integers(5, 31)) * 1_000_000
        left = int(rng.integers(2, 10))
        loans.append(
            {
                "m": str(m),
                "pokok": amount // 10,
                "jasa": amount * 2 // 100,
                "left": left,
                "non": False,
            }
        )
    pinjaman_awal = sum(ln["pokok"] * ln["left"] for ln in loans)
    eq_sp, eq_sw, sk = sum(pokok.values()), sum(wajib.values()), sum(sukarela.values())
    utang_bank, hibah, cadangan, shu_2023 = 120_000_000, 10_000_000, 41_400_000, 37_800_000
    peralatan, akum, perlengkapan, kas = 36_000_000, 10_800_000, 1_200_000, 18_500_000
    credits = eq_sp + eq_sw + sk + utang_bank + hibah + cadangan + shu_2023 + akum
    bank = credits - kas - pinjaman_awal - peralatan - perlengkapan
    assert bank > 0, bank
    opening = Book()
    d0 = dt.date(2024, 1, 1)
    opening.entry(
        d0,
        "SA",
        "Saldo awal 1 Januari 2024",
        [
            ("1101", kas, 0, ""),
            ("1102", bank, 0, ""),
            ("1104", pinjaman_awal, 0, ""),
            ("1109", perlengkapan, 0, ""),
            ("1304", peralatan, 0, ""),
            ("1309", 0, akum, ""),
            *[("2101", 0, sukarela[m], m) for m in ids],
            ("2103", 0, utang_bank, ""),
            *[("3101", 0, pokok[m], m) for m in ids],
            *[("3102", 0, wajib[m], m) for m in ids],
            ("3104", 0, hibah, ""),
            ("3105", 0, cadangan, ""),
            ("3106", 0, shu_2023, ""),
        ],
    )
    opening.write(out / "saldo_awal_2024.csv")

    # ---- the year's transactions
    book = Book()
    for month in range(1, 13):

        def day(d: int, month: int = month) -> dt.date:
            return dt.date(2024, month, min(d, 28))

        # Simpanan wajib, collected in one recap entry on the 5th.
        book.entry(
            day(5),
            "BKM",
            f"Simpanan wajib bulan {month:02d}/2024",
            [("1101", 50_000 * len(ids), 0, "")] + [("3102", 0, 50_000, m) for m in ids],
        )
        # Simpanan sukarela deposits and withdrawals.
        for _ in range(int(rng.integers(5, 10))):
            m = str(rng.choice(ids))
            amt = int(rng.integers(1, 9)) * 250_000
            if rng.random() < 0.7 or sukarela[m] < amt:
                sukarela[m] += amt
                book.entry(
                    day(int(rng.integers(1, 28))),
                    "BKM",
                    f"Setoran simpanan sukarela {m}",
                    [("1101", amt, 0, ""), ("2101", 0, amt, m)],
                )
            else:
                sukarela[m] -= amt
                book.entry(
                    day(int(rng.integers(1, 28))),
                    "BKK",
                    f"Penarikan simpanan sukarela {m}",
                    [("2101", amt, 0, m), ("1101", 0, amt, "")],
                )
        # Instalments of outstanding loans (pokok + jasa 2 % flat per month).
        for ln in loans:
            if ln["left"] > 0:
                ln["left"] -= 1
                jasa_code = "4103" if ln["non"] else "4101"
                book.entry(
                    day(20),
                    "BKM",
                    f"Angsuran pinjaman {ln['m']}",
                    [
                        ("1101", ln["pokok"] + ln["jasa"], 0, ""),
                        (
                            "1105" if ln["non"] else "1104",
                            0,
                            ln["pokok"],
                            ln["m"] if not ln["non"] else "",
                        ),
                        (jasa_code, 0, ln["jasa"], "" if ln["non"] else ln["m"]),
                    ],
                )
        # New loans to members (and now and then to a calon anggota).
        for _ in range(int(rng.integers(3, 6))):
            non = rng.random() < 0.08
            m = "CA" if non else str(rng.choice(ids))
            amount = int(rng.integers(10, 61)) * 500_000
            # Loans are paid out by bank transfer, keeping a buffer for the month's bank
            # payments (instalment on the bank loan, SHU payout, equipment).
            if _balance(opening.rows + book.rows, "1102") < amount + 35_000_000:
                continue
            src = "1102"
            provisi = amount // 100
            book.entry(
                day(int(rng.integers(8, 18))),
                "BKK",
                f"Pencairan pinjaman {m}",
                [
                    ("1105" if non else "1104", amount, 0, "" if non else m),
                    (src, 0, amount, ""),
                ],
            )
            if not non:
                book.entry(
                    day(int(rng.integers(8, 18))),
                    "BKM",
                    f"Provisi pinjaman {m}",
                    [("1101", provisi, 0, ""), ("4102", 0, provisi, m)],
                )
            rate = 25 if non else 20
            loans.append(
                {
                    "m": m,
                    "pokok": amount // 10,
                    "jasa": amount * rate // 1000,
                    "left": 10,
                    "non": non,
                }
            )
        # Operating costs.
        book.entry(
            day(25),
            "BKK",
            "Gaji karyawan",
            [("5201", 5_400_000, 0, ""), ("1101", 0, 5_400_000, "")],
        )
        adm = int(rng.integers(6, 19)) * 50_000
        book.entry(
            day(26), "BKK", "Listrik, air, alat tulis", [("5202", adm, 0, ""), ("1101", 0, adm, "")]
        )
        # Jasa simpanan sukarela 0,25 % a month, credited to the members' accounts.
        jasa = {m: sukarela[m] * 25 // 10_000 for m in ids if sukarela[m]}
        for m, v in jasa.items():
            sukarela[m] += v
        book.entry(
            day(28),
            "MEM",
            "Jasa simpanan sukarela",
            [("5101", sum(jasa.values()), 0, "")] + [("2101", 0, v, m) for m, v in jasa.items()],
        )
        # Bank: interest received; loan instalment and interest paid.
        bunga = int(rng.integers(20, 45)) * 10_000
        book.entry(
            day(28), "BANK", "Jasa giro bank", [("1102", bunga, 0, ""), ("4201", 0, bunga, "")]
        )
        book.entry(
            day(15),
            "BANK",
            "Angsuran dan bunga utang bank",
            [
                ("2103", 5_000_000, 0, ""),
                ("5204", 1_200_000, 0, ""),
                ("1102", 0, 5_000_000 + 1_200_000, ""),
            ],
        )
        if month in (3, 6, 9, 12):
            book.entry(
                day(27),
                "BKK",
                "Honor pengawas triwulan",
                [("5301", 1_500_000, 0, ""), ("1101", 0, 1_500_000, "")],
            )
        if month == 3:
            book.entry(
                day(16),
                "BKK",
                "Biaya Rapat Anggota Tahunan 2023",
                [("5301", 7_250_000, 0, ""), ("1101", 0, 7_250_000, "")],
            )
            # RAT decides the 2023 SHU: 40 % cadangan, 40 % jasa anggota, 20 % dana-dana.
            book.entry(
                day(16),
                "MEM",
                "Pembagian SHU 2023 sesuai keputusan RAT",
                [
                    ("3106", shu_2023, 0, ""),
                    ("3105", 0, 15_120_000, ""),
                    ("2105", 0, 15_120_000, ""),
                    ("2106", 0, 1_890_000, ""),
                    ("2107", 0, 1_890_000, ""),
                    ("2108", 0, 1_890_000, ""),
                    ("2109", 0, 1_890_000, ""),
                ],
            )
            book.entry(
                day(25),
                "BKK",
                "Pembayaran SHU 2023 kepada anggota",
                [("2105", 15_120_000, 0, ""), ("1102", 0, 15_120_000, "")],
            )
        if month == 8:
            book.entry(
                day(10),
                "BKK",
                "Pendidikan perkoperasian anggota",
                [
                    ("2108", 1_890_000, 0, ""),
                    ("5301", 1_110_000, 0, ""),
                    ("1101", 0, 3_000_000, ""),
                ],
            )
        if month == 6:
            book.entry(
                day(12),
                "BANK",
                "Pembelian laptop dan printer",
                [("1304", 12_000_000, 0, ""), ("1102", 0, 12_000_000, "")],
            )
        if month in (2, 9):
            book.entry(
                day(3),
                "BKK",
                "Pembelian perlengkapan kantor",
                [("1109", 1_100_000, 0, ""), ("1101", 0, 1_100_000, "")],
            )
        if month == 11:
            book.entry(
                day(18),
                "BKK",
                "Santunan sosial anggota",
                [("2109", 750_000, 0, ""), ("1101", 0, 750_000, "")],
            )
        # Move cash above Rp 25 juta to the bank at month end.
        cash = _balance(opening.rows + book.rows, "1101")
        if cash > 25_000_000:
            move = (cash - 15_000_000) // 1_000_000 * 1_000_000
            book.entry(
                day(28), "BANK", "Setor kas ke bank", [("1102", move, 0, ""), ("1101", 0, move, "")]
            )
        elif cash < 8_000_000:
            move = 15_000_000
            book.entry(
                day(28),
                "BANK",
                "Ambil kas dari bank",
                [("1101", move, 0, ""), ("1102", 0, move, "")],
            )
    rows = opening.rows + book.rows
    for code in ("1101", "1102"):
        running = np.cumsum([int(r[3]) - int(r[4]) for r in rows if r[2] == code])
        assert running.min() >= 0, (code, running.min())
    book.write(out / "jurnal_2024.csv")

    # ---- adjusting entries, 31 Dec 2024
    adj = Book()
    end = dt.date(2024, 12, 31)
    adj.entry(
        end,
        "AJP",
        "Penyusutan peralatan 2024 (garis lurus 20 %)",
        [("5203", 9_600_000, 0, ""), ("1309", 0, 9_600_000, "")],
    )
    adj.entry(
        end,
        "AJP",
        "Perlengkapan terpakai",
        [("5205", 2_450_000, 0, ""), ("1109", 0, 2_450_000, "")],
    )
    adj.entry(
        end,
        "AJP",
        "Listrik dan internet Desember belum dibayar",
        [("5202", 640_000, 0, ""), ("2104", 0, 640_000, "")],
    )
    outstanding = _balance(opening.rows + book.rows, "1104")
    allowance = outstanding // 100 // 1000 * 1000
    adj.entry(
        end,
        "AJP",
        "Penyisihan penghapusan pinjaman 1 %",
        [("5102", allowance, 0, ""), ("1106", 0, allowance, "")],
    )
    revenue = -sum(_balance(book.rows, c) for c in ("4101", "4102", "4103", "4201"))
    pph = revenue * 5 // 1000  # PPh final 0,5 % of gross revenue (PP 55/2022)
    adj.entry(
        end,
        "AJP",
        "PPh final 0,5 % atas peredaran bruto 2024",
        [("5501", pph, 0, ""), ("2112", 0, pph, "")],
    )
    adj.write(out / "penyesuaian_2024.csv")


def _balance(rows: list[list[object]], code: str) -> int:
    return sum(int(r[3]) - int(r[4]) for r in rows if r[2] == code)


if __name__ == "__main__":
    main()
