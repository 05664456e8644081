"""A cell's year at a glance: members × months, one query, from the counters.

Who counts in a month and what is on time follow ``storage.aggregation``'s rules (the
same roster and meeting join); an absence is a notice of absence for the month's meeting.
The item figures are the counters kept on plans and reports (``storage.counters``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.vocabulary import ItemStatus, ReportStatus
from storage.aggregation import _in_cell, _meeting_of, _on_time, _periods, _report_of, _roster
from storage.db import zone
from storage.models import (
    AbsenceNotice,
    ItemProgress,
    Meeting,
    Member,
    PlanItem,
    ProgressReport,
    YearPlan,
)

ON_TIME, LATE, ABSENT, MISSING = "on_time", "late", "absent", "missing"


@dataclass(frozen=True, kw_only=True)
class GridCell:
    """One member in one month: ``state`` is one of the four above."""

    member_id: int
    full_name: str
    month: int
    state: str
    planned: int
    done: int
    in_progress: int
    not_started: int


async def cell_year_grid(
    session: AsyncSession, cell_id: int, year: int, through_month: int
) -> list[GridCell]:
    """Months 1..``through_month``: a row for each member the month counts in the cell."""
    roster = _roster(_periods(year, range(1, through_month + 1), zone(session)), _in_cell(cell_id))
    absent = exists().where(
        AbsenceNotice.meeting_id == Meeting.id, AbsenceNotice.member_id == roster.c.member_id
    )
    state = case(
        (_on_time(roster.c.month_end), ON_TIME),
        (ProgressReport.id.is_not(None), LATE),
        (and_(Meeting.id.is_not(None), absent), ABSENT),
        else_=MISSING,
    )
    rows = await session.execute(
        select(
            roster.c.member_id,
            Member.full_name,
            roster.c.month,
            state,
            func.coalesce(YearPlan.items_planned, 0),
            func.coalesce(ProgressReport.items_done, 0),
            func.coalesce(ProgressReport.items_in_progress, 0),
            func.coalesce(ProgressReport.items_not_started, 0),
        )
        .select_from(roster)
        .join(Member, Member.id == roster.c.member_id)
        .outerjoin(YearPlan, and_(YearPlan.member_id == roster.c.member_id, YearPlan.year == year))
        .outerjoin(ProgressReport, _report_of(roster, year, submitted_only=True))
        .outerjoin(Meeting, _meeting_of(roster.c.cell_id, year, roster.c.month))
        .order_by(Member.full_name, Member.id, roster.c.month)
    )
    return [
        GridCell(
            member_id=member_id,
            full_name=name,
            month=month,
            state=state,
            planned=planned,
            done=done,
            in_progress=progress,
            not_started=not_started,
        )
        for member_id, name, month, state, planned, done, progress, not_started in rows
    ]


async def item_history(
    session: AsyncSession, plan_id: int, year: int
) -> dict[int, dict[int, ItemStatus]]:
    """Each item of the plan: its status in every submitted month's report, one query."""
    rows = await session.execute(
        select(ItemProgress.plan_item_id, ProgressReport.month, ItemProgress.status)
        .join(ProgressReport, ProgressReport.id == ItemProgress.report_id)
        .join(PlanItem, PlanItem.id == ItemProgress.plan_item_id)
        .where(
            PlanItem.plan_id == plan_id,
            ProgressReport.year == year,
            ProgressReport.status == ReportStatus.SUBMITTED,
        )
    )
    history: dict[int, dict[int, ItemStatus]] = {}
    for item_id, month, status in rows:
        history.setdefault(item_id, {})[month] = status
    return history
