"""Summaries as plain data, for exports, dialogs and the scheduler's digest.

The records are defined next to the SQL that fills them (``storage.aggregation``),
because storage may import nothing of the domain; this module is where the rest
of the product imports them from, together with the functions that compute them.
The counting rules (who counts in a month, what is on time) are documented there.
"""

from __future__ import annotations

from domain.vocabulary import ItemStatus, PlanStatus, ReportStatus
from storage.aggregation import (
    CellFigures,
    CellMonthSummary,
    CommitteeRollup,
    ItemCounts,
    ItemLine,
    ItemMonthStatus,
    MemberMonthStatus,
    MemberText,
    MemberYearEvidence,
    MonthCell,
    MonthEvidence,
    MonthFigures,
    PlanItemLine,
    ReportingFigures,
    SectionProgress,
    cell_month_summary,
    cell_year_series,
    committee_month_rollup,
    committee_month_rollups,
    member_year_evidence,
    rate,
)

__all__ = [
    "CellFigures",
    "CellMonthSummary",
    "CommitteeRollup",
    "ItemCounts",
    "ItemLine",
    "ItemMonthStatus",
    "ItemStatus",
    "MemberMonthStatus",
    "MemberText",
    "MemberYearEvidence",
    "MonthCell",
    "MonthEvidence",
    "MonthFigures",
    "PlanItemLine",
    "PlanStatus",
    "ReportStatus",
    "ReportingFigures",
    "SectionProgress",
    "cell_month_summary",
    "cell_year_series",
    "committee_month_rollup",
    "committee_month_rollups",
    "member_year_evidence",
    "rate",
]
