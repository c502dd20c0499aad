"""The journal reader's file handling (pyarrow CSV), the bundled charts and the
duplicate-voucher check on Arrow text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kopedu import accounting as acc
from kopedu.accounting.chart import CHART_VARIANTS, _chart_problems, chart_schema, read_table
from kopedu.accounting.journal import TEXT
from kopedu.errors import DataValidationError
from kopedu.paths import data_path
from kopedu.validation import validate_frame

ROWS = [
    ("2024-04-02", "BKM-001", "Kas", "1500000", "", "Setoran simpanan"),
    ("2024-04-02", "BKM-001", "Simpanan pokok", "", "1500000", ""),
    ("2024-04-03", "BKK-001", "5201", "750000", "", "Gaji"),
    ("2024-04-03", "BKK-001", "1101", "", "750000", ""),
]
HEADER = ("tanggal", "bukti", "akun", "debit", "kredit", "keterangan")


@pytest.fixture(scope="module")
def chart():
    return acc.load_chart("ksp")


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _csv(delimiter: str = ",") -> str:
    return "".join(delimiter.join(r) + "\n" for r in [HEADER, *ROWS])


def _refused(read) -> list[tuple]:
    """(row, column) of every problem in the DataValidationError that ``read()`` raises."""
    with pytest.raises(DataValidationError) as err:
        read()
    return [(p.row, p.column) for p in err.value.problems]


def _core(j: pd.DataFrame) -> list[list]:
    cols = ["entri", "tanggal", "bukti", "akun", "debit", "kredit", "keterangan"]
    return j[cols].astype({"akun": str, "tanggal": str}).to_numpy().tolist()


def test_text_columns_are_arrow_strings(tmp_path: Path, chart):
    j = acc.read_journal(_write(tmp_path / "j.csv", _csv()), chart)
    assert j["bukti"].dtype == TEXT and j["keterangan"].dtype == TEXT
    assert j["bukti"].tolist() == ["BKM-001", "BKM-001", "BKK-001", "BKK-001"]
    assert j["keterangan"].tolist() == ["Setoran simpanan", "", "Gaji", ""]
    assert acc.parse_journal(acc.textbook_journal_text(), chart)["bukti"].dtype == TEXT


def test_semicolon_bom_and_spaces_read_like_plain_csv(tmp_path: Path, chart):
    plain = acc.read_journal(_write(tmp_path / "a.csv", _csv()), chart)
    # Excel in an Indonesian locale writes ';' and a BOM; people type spaces.
    semi = acc.read_journal(_write(tmp_path / "b.csv", "\ufeff" + _csv(";")), chart)
    spaced = _csv().replace(",", " , ").replace("BKK-001 ", "BKK-001\t")
    loose = acc.read_journal(_write(tmp_path / "c.csv", spaced), chart)
    assert _core(semi) == _core(plain)
    assert _core(loose) == _core(plain)
    assert _core(plain)[0] == [1, "2024-04-02", "BKM-001", "1101", 1_500_000, 0, "Setoran simpanan"]


def test_quoted_line_break_stays_in_its_cell(tmp_path: Path, chart):
    text = _csv().replace("Setoran simpanan", '"Setoran simpanan\nbulan April"')
    j = acc.read_journal(_write(tmp_path / "j.csv", text), chart)
    assert len(j) == 4
    assert j["keterangan"].iloc[0] == "Setoran simpanan\nbulan April"


def test_indonesian_amounts_in_a_large_file_are_all_read(tmp_path: Path, chart):
    # The int64 read fails on "1.500.000"; the reader reads amounts again as text.
    lines = []
    for i in range(3000):
        date, voucher = f"2024-05-{1 + i % 28:02d}", f"B{i:05d}"
        lines += [
            (date, voucher, "Kas", "1.500.000", "", ""),
            (date, voucher, "Simpanan wajib", "", "1.500.000", ""),
        ]
    text = "".join(",".join(r) + "\n" for r in [HEADER, *lines])
    j = acc.read_journal(_write(tmp_path / "j.csv", text), chart)
    assert int(j["debit"].sum()) == int(j["kredit"].sum()) == 3000 * 1_500_000
    assert j["entri"].iloc[-1] == 3000


@pytest.mark.parametrize(
    ("raw", "row", "code"),
    [
        (b"", None, "file.empty"),
        (
            b"tanggal,bukti,akun,debit,kredit\n2024-01-02,B1,Kas,1,\n2024-01-02,B1,Kas,1,,9\n",
            3,
            "csv.too_many_cells",
        ),
        (b'tanggal,bukti,akun,debit,kredit\n2024-01-02,B1,"Kas,1,\n', 2, "csv.quote_unclosed"),
    ],
)
def test_unreadable_files_name_the_problem(tmp_path: Path, raw: bytes, row, code: str):
    path = tmp_path / "rusak.csv"
    path.write_bytes(raw)
    with pytest.raises(DataValidationError) as err:
        acc.read_journal(path)
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.code) == ("rusak.csv", row, code)


def test_windows_1252_and_utf16_journals_are_read(tmp_path: Path, chart):
    # Excel's "CSV" on a Windows computer (cp1252) and "Unicode text" (UTF-16, tabs).
    plain = acc.read_journal(_write(tmp_path / "a.csv", _csv()), chart)
    cp = acc.read_journal(_write(tmp_path / "b.csv", _csv(";"), "cp1252"), chart)
    utf16 = acc.read_journal(_write(tmp_path / "c.txt", _csv("\t"), "utf-16"), chart)
    assert _core(cp) == _core(utf16) == _core(plain)


def test_two_columns_meaning_the_same_is_an_error(tmp_path: Path):
    text = "tanggal,bukti,akun,debit,debet,kredit\n2024-01-02,B1,1101,1,1,\n"
    with pytest.raises(DataValidationError) as err:
        acc.read_journal(_write(tmp_path / "j.csv", text))
    assert [(p.row, p.code) for p in err.value.problems] == [(1, "header.duplicate")]
    assert "'debit', 'debet'" in err.value.problems[0].message


@pytest.mark.parametrize(
    ("vouchers", "dates", "expected"),
    [
        # ordered and unique: no finding
        (["A1", "A2", "B1"], ["01", "01", "02"], []),
        # ordered, but one voucher reused on the next day: a new entry, same number
        (["A1", "A1", "A2"], ["01", "02", "02"], ["A1", "A1"]),
        # not ordered: B2 used twice with another entry between
        (["B2", "B1", "B2"], ["01", "01", "01"], ["B2", "B2"]),
    ],
)
def test_duplicate_vouchers_found_on_both_paths(chart, vouchers, dates, expected):
    entries = "".join(
        f"2024-03-{d} {v} contoh\n  D Kas 10\n  K Simpanan wajib 10\n"
        for v, d in zip(vouchers, dates, strict=True)
    )
    j = acc.parse_journal(entries, chart)
    found = acc.check_journal(j, chart)
    assert found.loc[found["jenis"] == "bukti_ganda", "bukti"].tolist() == expected


@pytest.mark.parametrize("variant", sorted(CHART_VARIANTS))
def test_bundled_charts_pass_the_schema(variant: str):
    # load_chart trusts the bundled charts (no pandera at run time): this is why.
    raw = read_table(data_path("accounting", CHART_VARIANTS[variant]))
    assert _chart_problems(raw, variant) == []
    validate_frame(raw, chart_schema(), variant)  # raises when the file is wrong
    checked = acc.load_chart(raw)  # a table goes through pandera
    trusted = acc.load_chart(variant)
    pd.testing.assert_frame_equal(checked.accounts, trusted.accounts)


def test_trial_balance_from_csv_does_not_import_pandera():
    # pandera costs ~0.4 s to import and register; a clean journal must not pay it.
    code = (
        "import sys\n"
        "from kopedu.accounting import validated_trial_balance\n"
        "tb, f = validated_trial_balance(sys.argv[1], 'ksp')\n"
        "assert f.empty and len(tb) > 10\n"
        "print('pandera' in sys.modules)\n"
    )
    path = data_path("accounting", "contoh_ksp", "jurnal_2024.csv")
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("amount", ["1E100", "99999999999999999999", "9.999.999.999.999.999.999"])
def test_amounts_beyond_int64_are_listed_not_crashed(tmp_path: Path, amount: str):
    # Found by the hypothesis test: such cells once overflowed inside pandas.
    text = f"tanggal,bukti,akun,debit,kredit\n2024-01-02,B1,Kas,{amount},\n"
    assert _refused(lambda: acc.read_journal(_write(tmp_path / "j.csv", text))) == [(2, "debit")]


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path, chart):
    # Row 3 is a blank line, row 5 what Excel writes for an empty row; row 6 is wrong.
    text = (
        "tanggal,bukti,akun,debit,kredit\n"
        "2024-01-02,B1,Kas,100,\n"
        "\n"
        "2024-01-02,B1,Simpanan wajib,,100\n"
        ",,,,\n"
        "2024-01-03,B2,Kas,5,\n"
        "\n"
    )
    j = acc.read_journal(_write(tmp_path / "j.csv", text), chart)
    assert j["baris"].tolist() == [2, 4, 6]
    assert j["entri"].tolist() == [1, 1, 2]
    bad = text.replace("2024-01-03", "2024-13-40")
    assert _refused(lambda: acc.read_journal(_write(tmp_path / "bad.csv", bad), chart)) == [
        (6, "tanggal")
    ]
    # The same table from a spreadsheet: the empty row is skipped the same way.
    table = pd.DataFrame(
        {
            "tanggal": ["2024-01-02", None, "2024-01-02"],
            "bukti": ["B1", None, "B1"],
            "akun": ["Kas", None, "Simpanan wajib"],
            "debit": [100, None, None],
            "kredit": [None, None, 100],
        }
    )
    assert acc.read_journal(table, chart)["baris"].tolist() == [2, 4]


# Regressions found in review (each once gave a wrong answer or a raw traceback).


def test_repeated_voucher_in_adjacent_entries_is_found(chart):
    two = "2024-04-02 BKM-001 setoran\n  D Kas 10\n  K Simpanan wajib 10\n"
    j = acc.parse_journal(two + two, chart)  # two entries, same date and voucher
    assert j["entri"].tolist() == [1, 1, 2, 2]
    found = acc.check_journal(j, chart)
    assert found.loc[found["jenis"] == "bukti_ganda", "entri"].tolist() == [1, 2]
    joined = acc.concat_journals([acc.parse_journal(two, chart)] * 2, chart)
    assert (acc.check_journal(joined, chart)["jenis"] == "bukti_ganda").sum() == 2


def _table(bukti: list, tanggal: list | None = None, **extra) -> pd.DataFrame:
    n = len(bukti)
    return pd.DataFrame(
        {
            "tanggal": tanggal or ["2024-04-02"] * n,
            "bukti": bukti,
            "akun": ["Kas", "Simpanan wajib"] * (n // 2),
            "debit": [10, 0] * (n // 2),
            "kredit": [0, 10] * (n // 2),
            **extra,
        }
    )


@pytest.mark.parametrize("source", ["csv", "table", "xlsx"])
def test_whitespace_is_trimmed_the_same_way_everywhere(tmp_path: Path, chart, source: str):
    def read(df: pd.DataFrame) -> pd.DataFrame:
        if source == "table":
            return acc.read_journal(df, chart)
        path = tmp_path / f"j.{source}"
        if source == "csv":
            df.to_csv(path, index=False)
        else:
            df.to_excel(path, index=False)
        return acc.read_journal(path, chart)

    # A tab, a space or a no-break space around a voucher does not make another one.
    j = read(_table(["B1\t", " B1 "], anggota=[7, "7"]))
    assert j["entri"].tolist() == [1, 1] and j["bukti"].tolist() == ["B1", "B1"]
    assert list(j["anggota"].cat.categories.difference([""])) == ["7"]
    j = read(_table(["B1\u00a0", "\u3000B1"]))
    assert j["bukti"].tolist() == ["B1", "B1"]
    # Spaces only: a continuation line when the date is blank too, missing otherwise.
    j = read(_table(["B1", "  "], tanggal=["2024-04-02", "  "]))
    assert j["entri"].tolist() == [1, 1]
    assert _refused(lambda: read(_table(["B1", "  "]))) == [(3, "bukti")]


def test_spreadsheet_numbers_are_whole_rupiah_or_reported(tmp_path: Path, chart):
    text = (
        "tanggal,bukti,akun,debit,kredit\n"
        "2024-04-02,B1,Kas,1500000.00,\n"
        "2024-04-02,B1,Simpanan wajib,,1.5E+6\n"
    )
    j = acc.read_journal(_write(tmp_path / "j.csv", text), chart)
    assert j["debit"].tolist() == [1_500_000, 0] and j["kredit"].tolist() == [0, 1_500_000]
    sen = _write(tmp_path / "sen.csv", text.replace(".00", ".50"))
    assert _refused(lambda: acc.read_journal(sen, chart)) == [(2, "debit")]


def test_header_only_and_old_mac_line_ends(tmp_path: Path, chart):
    empty = acc.read_journal(_write(tmp_path / "h.csv", "tanggal,bukti,akun,debit,kredit"))
    assert empty.empty and list(empty.columns) == acc.journal.JOURNAL_COLUMNS
    mac = _csv().replace("\n", "\r")
    plain = acc.read_journal(_write(tmp_path / "a.csv", _csv()), chart)
    assert _core(acc.read_journal(_write(tmp_path / "m.csv", mac), chart)) == _core(plain)


def test_nullable_and_unsigned_integer_amounts(chart):
    table = _table(["B1", "B1"])
    table["debit"] = pd.array([10, None], dtype="Int64")
    table["kredit"] = pd.array([None, 10], dtype="int64[pyarrow]")
    j = acc.read_journal(table, chart)
    assert j["debit"].tolist() == [10, 0] and j["kredit"].tolist() == [0, 10]
    table["debit"] = pd.array([2**63, 0], dtype="uint64")
    assert _refused(lambda: acc.read_journal(table, chart)) == [(2, "debit")]


def test_workbook_problems_are_clear(tmp_path: Path):
    path = tmp_path / "jurnal.xlsx"
    _table(["B1", "B1"]).to_excel(path, index=False, sheet_name="Jurnal")
    with pytest.raises(DataValidationError) as err:
        acc.read_journal(path, sheet="Jan")
    assert [p.code for p in err.value.problems] == ["file.no_sheet"]
    assert "'Jurnal'" in err.value.problems[0].message  # the sheets there are named
    fake = _write(tmp_path / "palsu.xlsx", _csv())
    with pytest.raises(DataValidationError) as err:
        acc.read_journal(fake)
    assert [p.code for p in err.value.problems] == ["file.corrupt"]


def test_indonesian_writing_of_amounts_and_exported_dates(tmp_path: Path, chart):
    # "1.500.000,-" (no sen), "Rp -" (a spreadsheet's zero), a date with midnight time
    text = (
        "tanggal;bukti;akun;debit;kredit\n"
        "2024-04-02 00:00:00;B1;Kas;Rp 1.500.000,-;Rp -\n"
        "2024-04-02T00:00;B1;Simpanan wajib;Rp -;1.500.000,-\n"
    )
    j = acc.read_journal(_write(tmp_path / "j.csv", text), chart)
    assert j["debit"].tolist() == [1_500_000, 0] and j["kredit"].tolist() == [0, 1_500_000]
    assert j["tanggal"].astype(str).tolist() == ["2024-04-02", "2024-04-02"]
    assert j["entri"].tolist() == [1, 1]


def test_fast_lane_reads_an_app_export_that_quotes_its_text(tmp_path: Path, chart):
    """An app that quotes every text cell (and a description holding the delimiter) is
    read by the fast lane, exactly as the careful reader reads it."""
    from kopedu.accounting.arrowcsv import read_clean_csv

    quoted = _write(
        tmp_path / "q.csv",
        "tanggal,bukti,akun,debit,kredit,keterangan\n"
        '"2024-04-02","BKM-1","1101",100000,0,"Setoran, pokok ""Bu Siti"""\n'
        '"2024-04-02","BKM-1","3101",0,100000,""\n',
    )
    columns = {h: h for h in ("tanggal", "bukti", "akun", "debit", "kredit", "keterangan")}
    fast = read_clean_csv(quoted, ",", columns)
    assert fast is not None  # the fast lane took it
    assert fast["keterangan"].tolist() == ['Setoran, pokok "Bu Siti"', ""]
    assert fast["akun"].astype(str).tolist() == ["1101", "3101"]
    j = acc.read_journal(quoted, chart)
    assert j["debit"].tolist() == [100000, 0] and j["kredit"].tolist() == [0, 100000]


def test_fast_lane_leaves_a_stray_quote_to_the_careful_reader(tmp_path: Path, chart):
    """A quote that opens a cell and closes lines later (in a column the trial balance does
    not even read) is named with its row, never read past."""
    from kopedu.accounting.arrowcsv import read_clean_csv

    stray = _write(
        tmp_path / "s.csv",
        "tanggal,bukti,akun,debit,kredit,keterangan\n"
        '2024-04-02,B1,1101,100000,0,"Setoran pokok\n'
        "2024-04-02,B1,3101,0,100000,x\n"
        '2024-04-03,B2,1101,5000,0,y"\n'
        "2024-04-03,B2,3102,0,5000,z\n",
    )
    columns = {h: h for h in ("tanggal", "bukti", "akun", "debit", "kredit")}
    assert read_clean_csv(stray, ",", columns, details=False) is None
    assert _refused(lambda: acc.read_journal(stray, chart, details=False)) == [(2, None)]
