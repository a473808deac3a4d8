"""The key findings of the briefing, computed from the data, in English and Dutch.

The home page and the Samenvatting print these findings, and each analysis notebook prints the same
numbers from the same functions, so text and data cannot drift apart: nbval fails when a
re-execution changes a number, and a test checks that every number on the home page appears in the
notebook it links to. Nothing here is typed in: each sentence is a template filled from the data.

One module per subject: :mod:`.money` (funds), :mod:`.waterbed` (Rotterdam's fall, displacement,
the wider market), :mod:`.briefing` (monitoring, the approach, caveats, the list of key findings).
Formatters live in :mod:`mainports_analysis.report.text`, labels in :mod:`mainports_analysis.report.labels`,
sentences in ``report/templates/<lang>/``; the hub comparison (numbers) in
:mod:`mainports_analysis.analysis.hubs`.
"""

from __future__ import annotations

from mainports_analysis.analysis.hubs import (  # noqa: F401  (re-exported for notebooks)
    FUNDED_SEAPORT_SERIES,
    HUB_MEASURES,
    HubComparison,
    compare_hubs,
    fall_comparison,
    hub_series,
    hub_traffic,
    kg_series,
    last_complete_year,
    money_years,
)
from mainports_analysis.report.findings._base import Finding
from mainports_analysis.report.findings.briefing import (
    approach,
    as_markdown,
    audit_sentence,
    key_findings,
    main_caveats,
    monitoring,
)
from mainports_analysis.report.findings.money import (
    FundsPage,
    funds_findings,
    funds_page,
    money,
    not_shared_text,
    window_label,
)
from mainports_analysis.report.findings.waterbed import (
    READINGS_EN,
    READINGS_NL,
    bottom_line,
    displacement_reading,
    rival_readings,
    rotterdam_fall,
    series_note,
    waterbed_findings,
    wider_market,
)
from mainports_analysis.report.text import (  # noqa: F401  (re-exported for notebooks)
    IN_PROSE,
    MONTHS,
    NUMBER_WORDS,
    and_list,
    count_word,
    direction,
    eur_mln,
    in_prose,
    month_year,
    number,
    pct,
    qualified,
    signed_pct,
    tonnes,
    year_ranges,
    years_text,
)

__all__ = [
    "Finding", "FundsPage", "approach", "as_markdown", "audit_sentence", "bottom_line", "displacement_reading", "funds_findings", "funds_page", "key_findings",
    "main_caveats", "money", "monitoring", "not_shared_text", "window_label", "READINGS_EN", "READINGS_NL", "rival_readings",
    "rotterdam_fall", "series_note", "waterbed_findings", "wider_market",
]  # fmt: skip
