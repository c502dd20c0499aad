"""Cooperative health scoring (penilaian kesehatan koperasi), reached as ``kp.health``.

Rule sets are data (``kopedu/health/rules/*.yaml``), every reading with its source,
confidence and the rule as its source states it: Perdep 06/2016 for KSP/USP in full
(with the 38 management questions and the weight tables of modal tertimbang and ATMR),
the Perdep 07/2016 syariah variant (and its 2007 structure), the 2021 KKPKK worksheet
in full, and WOCCU PEARLS. Scoring is vectorised (one pass per component) and every
result can be explained line by line in Bahasa Indonesia.

Typical use::

    import kopedu as kp
    data = kp.health.read_health_inputs("koperasi_2023.xlsx")
    res = kp.health.score(data)
    res.summary()                      # total and category per cooperative
    res.trace(0)                       # the calculation with the numbers filled in
    kp.table(res.aspect_table(0))      # skor and percent per aspect
    kp.health.whatif_text(res, 0, {"rasio_kas": 12, "cadangan_rpm": 95})
    kp.health.summarise_region(res)    # count per category and share sehat per region
"""

from kopedu.health.from_accounting import inputs_from_accounting
from kopedu.health.inputs import (
    INPUT_COLUMNS,
    check_health_inputs,
    example_answers,
    example_inputs,
    health_columns,
    health_template,
    read_health_inputs,
    write_health_template,
)
from kopedu.health.kkpkk import kkpkk_aspect, kkpkk_indicators, kkpkk_rate
from kopedu.health.options import OptionsError, ScoringOptions
from kopedu.health.pearls import pearls, pearls_check, pearls_goals, pearls_summary
from kopedu.health.questionnaire import questionnaire, questionnaire_counts, questionnaire_form
from kopedu.health.regional import CATEGORY_ORDER, summarise_region
from kopedu.health.rulecheck import check_rules
from kopedu.health.ruleset import RulesError, RuleSet, list_rules, load_rules
from kopedu.health.scoring import (
    NOT_ASSESSABLE,
    HealthScores,
    category_of,
    lookup_nilai,
    score,
    score_one,
)
from kopedu.health.weighted import risk_weighted_assets, weight_table, weighted_capital
from kopedu.health.whatif import whatif, whatif_text, whatif_widget

__all__ = [
    "CATEGORY_ORDER",
    "INPUT_COLUMNS",
    "NOT_ASSESSABLE",
    "HealthScores",
    "OptionsError",
    "RuleSet",
    "RulesError",
    "ScoringOptions",
    "category_of",
    "check_health_inputs",
    "check_rules",
    "example_answers",
    "example_inputs",
    "health_columns",
    "health_template",
    "inputs_from_accounting",
    "kkpkk_aspect",
    "kkpkk_indicators",
    "kkpkk_rate",
    "list_rules",
    "load_rules",
    "lookup_nilai",
    "pearls",
    "pearls_check",
    "pearls_goals",
    "pearls_summary",
    "questionnaire",
    "questionnaire_counts",
    "questionnaire_form",
    "read_health_inputs",
    "risk_weighted_assets",
    "score",
    "score_one",
    "summarise_region",
    "weight_table",
    "weighted_capital",
    "whatif",
    "whatif_text",
    "whatif_widget",
    "write_health_template",
]
