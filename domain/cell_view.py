"""The cell at a glance, for the web view: its year grid, the month's sections, difficulties
and proposals, and the plans waiting for the secretary, under the chat's permissions.

A fixed number of queries whatever the cell's size: the grid (1), the month's summary (5),
the plans (1), the join requests (1), and the month itself (1); a committee's months 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import NotFound
from domain.members import local_date
from domain.permissions import Action, Actor, require
from domain.plans import CellPlan, Plan, plans_of_cell, read_plan
from domain.summaries import (
    CellMonthSummary,
    CommitteeRollup,
    cell_month_summary,
    committee_month_rollups,
)
from domain.vocabulary import ItemStatus, MemberStatus, PlanStatus
from storage.db import zone
from storage.grid import GridCell, cell_year_grid, item_history
from storage.models import Meeting, Member, YearPlan


@dataclass(frozen=True)
class JoinRequest:
    member_id: int
    full_name: str


@dataclass(frozen=True)
class CellPage:
    summary: CellMonthSummary
    grid: list[GridCell]
    pending: list[CellPlan]
    joins: list[JoinRequest]


async def page_month(session: AsyncSession, cell_id: int, now: datetime) -> tuple[int, int]:
    """The month the cell reports for at ``now``, as the chat finds it
    (``domain.reports.reporting_month``: that of its next meeting), from the meetings already
    stored, since a page load writes nothing: 1 query."""
    upcoming = (
        await session.execute(
            select(Meeting.year, Meeting.month)
            .where(
                Meeting.cell_id == cell_id, Meeting.cancelled.is_(False), Meeting.starts_at > now
            )
            .order_by(Meeting.starts_at)
            .limit(1)
        )
    ).first()
    if upcoming is not None:
        return upcoming.year, upcoming.month
    today = local_date(now, zone(session))
    return today.year, today.month


async def cell_page(
    session: AsyncSession, actor: Actor | None, cell_id: int, year: int, month: int
) -> CellPage:
    require(actor, Action.VIEW_CELL_SUMMARY, cell_id=cell_id)
    assert actor is not None
    grid = await cell_year_grid(session, cell_id, year, month)
    summary = await cell_month_summary(session, cell_id, year, month)
    plans = await plans_of_cell(session, actor, cell_id, year)
    pending = [plan for plan in plans if plan.status is PlanStatus.SUBMITTED]
    joins = await session.execute(
        select(Member.id, Member.full_name)
        .where(Member.cell_id == cell_id, Member.status == MemberStatus.PENDING)
        .order_by(Member.id)
    )
    return CellPage(summary, grid, pending, [JoinRequest(*row) for row in joins])


async def committee_page(
    session: AsyncSession, actor: Actor | None, committee_id: int | None, year: int, month: int
) -> list[CommitteeRollup]:
    """The committee's cells side by side, month by month up to ``month`` (the last is the
    month shown, the others its trend): 2 queries however many cells and months."""
    require(actor, Action.VIEW_COMMITTEE_ROLLUP, committee_id=committee_id)
    assert committee_id is not None
    return await committee_month_rollups(session, committee_id, year, range(1, month + 1))


@dataclass(frozen=True)
class PlanHistory:
    plan: Plan
    months: dict[int, dict[int, ItemStatus]]  # item id → month → status


async def member_plan_history(
    session: AsyncSession, actor: Actor | None, member_id: int, year: int
) -> PlanHistory:
    """A member's plan for the year and each item's status month by month, as their cell's
    leaders (or they) may read it: a fixed number of queries whatever the plan's size."""
    plan_id = await session.scalar(
        select(YearPlan.id).where(YearPlan.member_id == member_id, YearPlan.year == year)
    )
    if plan_id is None:
        raise NotFound("error-plan-not-found", plan_id=0)
    plan = await read_plan(session, actor, plan_id)
    return PlanHistory(plan, await item_history(session, plan_id, year))
