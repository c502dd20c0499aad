"""Cooperative accounting core: chart, journal, trial balance, statements, closing, SHU.

The pipeline runs one way — read and validate → journal → balances → statements →
closing and SHU — and nothing downstream changes what is upstream. Money is whole
rupiah in int64 columns. See ``docs/accounting.md`` for the conventions (rounding
rule, statement layout, cash-flow method).

Examples
--------
>>> import kopedu as kp
>>> chart = kp.accounting.load_chart("ksp")
>>> j = kp.accounting.parse_journal('''
... 2024-04-02 BKM-001 Setoran simpanan pokok
...   D Kas            100.000.000
...   K Simpanan pokok 100.000.000
... ''', chart)
>>> kp.accounting.trial_balance_totals(kp.accounting.trial_balance(j, chart))
(100000000, 100000000)

Names are imported on first use (``import kopedu.accounting`` stays cheap), so a
quick ``kopedu neraca-saldo`` loads only the reader, the checks and the balances.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Public name → the module that defines it.
_LAZY = {
    "Account": "kopedu.accounting.accounts",
    "AccountClass": "kopedu.accounting.accounts",
    "Side": "kopedu.accounting.accounts",
    "class_sign": "kopedu.accounting.accounts",
    "account_balances": "kopedu.accounting.balances",
    "adjusted_trial_balance": "kopedu.accounting.balances",
    "general_ledger": "kopedu.accounting.balances",
    "trial_balance": "kopedu.accounting.balances",
    "trial_balance_totals": "kopedu.accounting.balances",
    "worksheet": "kopedu.accounting.balances",
    "Chart": "kopedu.accounting.chart",
    "UnknownAccountError": "kopedu.accounting.chart",
    "load_chart": "kopedu.accounting.chart",
    "FINDING_KINDS": "kopedu.accounting.checks",
    "check_journal": "kopedu.accounting.checks",
    "is_balanced": "kopedu.accounting.checks",
    "validated_trial_balance": "kopedu.accounting.checks",
    "run_trial_balance": "kopedu.accounting.checks",
    "TrialBalanceRun": "kopedu.accounting.checks",
    "JournalFile": "kopedu.accounting.reader",
    "read_journal_file": "kopedu.accounting.reader",
    "AccountingEquation": "kopedu.accounting.closing",
    "accounting_equation": "kopedu.accounting.closing",
    "close_books": "kopedu.accounting.closing",
    "closing_entries": "kopedu.accounting.closing",
    "export_xlsx": "kopedu.accounting.display",
    "show": "kopedu.accounting.display",
    "table_text": "kopedu.accounting.display",
    "Example": "kopedu.accounting.example",
    "load_example": "kopedu.accounting.example",
    "textbook_journal_text": "kopedu.accounting.example",
    "JournalEntry": "kopedu.accounting.journal",
    "JournalLine": "kopedu.accounting.journal",
    "concat_journals": "kopedu.accounting.journal",
    "entries_from_journal": "kopedu.accounting.journal",
    "journal_from_entries": "kopedu.accounting.journal",
    "parse_journal": "kopedu.accounting.journal",
    "read_journal": "kopedu.accounting.reader",
    "MemberShare": "kopedu.accounting.shu",
    "ShuDistribution": "kopedu.accounting.shu",
    "ShuParameterError": "kopedu.accounting.shu",
    "allocate_shu": "kopedu.accounting.shu",
    "check_percentages": "kopedu.accounting.shu",
    "distribute_shu": "kopedu.accounting.shu",
    "largest_remainder": "kopedu.accounting.shu",
    "member_shu": "kopedu.accounting.shu",
    "member_totals": "kopedu.accounting.shu",
    "shu_entries": "kopedu.accounting.shu",
    "shu_member_share": "kopedu.accounting.shu",
    "to_sen": "kopedu.accounting.shu",
    "Statement": "kopedu.accounting.statements",
    "balance_sheet": "kopedu.accounting.statements",
    "cash_flow": "kopedu.accounting.statements",
    "equity_changes": "kopedu.accounting.statements",
    "income_statement": "kopedu.accounting.statements",
}

_SUBMODULES = {m.split(".")[-1] for m in _LAZY.values()}

__all__ = [
    "FINDING_KINDS",
    "Account",
    "AccountClass",
    "AccountingEquation",
    "Chart",
    "Example",
    "JournalEntry",
    "JournalFile",
    "JournalLine",
    "MemberShare",
    "ShuDistribution",
    "ShuParameterError",
    "Side",
    "Statement",
    "TrialBalanceRun",
    "UnknownAccountError",
    "account_balances",
    "accounting_equation",
    "adjusted_trial_balance",
    "allocate_shu",
    "balance_sheet",
    "cash_flow",
    "check_journal",
    "check_percentages",
    "class_sign",
    "close_books",
    "closing_entries",
    "concat_journals",
    "distribute_shu",
    "entries_from_journal",
    "equity_changes",
    "export_xlsx",
    "general_ledger",
    "income_statement",
    "is_balanced",
    "journal_from_entries",
    "largest_remainder",
    "load_chart",
    "load_example",
    "member_shu",
    "member_totals",
    "parse_journal",
    "read_journal",
    "read_journal_file",
    "run_trial_balance",
    "show",
    "shu_entries",
    "shu_member_share",
    "table_text",
    "textbook_journal_text",
    "to_sen",
    "trial_balance",
    "trial_balance_totals",
    "validated_trial_balance",
    "worksheet",
]

if TYPE_CHECKING:  # for type checkers and editors
    from kopedu.accounting.accounts import Account, AccountClass, Side, class_sign
    from kopedu.accounting.balances import (
        account_balances,
        adjusted_trial_balance,
        general_ledger,
        trial_balance,
        trial_balance_totals,
        worksheet,
    )
    from kopedu.accounting.chart import Chart, UnknownAccountError, load_chart
    from kopedu.accounting.checks import (
        FINDING_KINDS,
        TrialBalanceRun,
        check_journal,
        is_balanced,
        run_trial_balance,
        validated_trial_balance,
    )
    from kopedu.accounting.closing import (
        AccountingEquation,
        accounting_equation,
        close_books,
        closing_entries,
    )
    from kopedu.accounting.display import export_xlsx, show, table_text
    from kopedu.accounting.example import Example, load_example, textbook_journal_text
    from kopedu.accounting.journal import (
        JournalEntry,
        JournalLine,
        concat_journals,
        entries_from_journal,
        journal_from_entries,
        parse_journal,
    )
    from kopedu.accounting.reader import JournalFile, read_journal, read_journal_file
    from kopedu.accounting.shu import (
        MemberShare,
        ShuDistribution,
        ShuParameterError,
        allocate_shu,
        distribute_shu,
        largest_remainder,
        member_shu,
        member_totals,
        shu_entries,
        shu_member_share,
        to_sen,
    )
    from kopedu.accounting.statements import (
        Statement,
        balance_sheet,
        cash_flow,
        equity_changes,
        income_statement,
    )


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # cache: later lookups skip __getattr__
        return value
    if name in _SUBMODULES:  # kp.accounting.journal.TEXT works without an import
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
