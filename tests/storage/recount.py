"""The aggregation rules recounted in plain Python from ORM objects, to check the SQL against.

Written from the rules in ``storage/aggregation.py``'s docstring, without reusing its code.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from domain.summaries import CommitteeRollup
from domain.vocabulary import ItemStatus, MemberStatus, ReportStatus
from storage.models import (
    Cell,
    CellMembership,
    Meeting,
    Member,
    PlanSection,
    ProgressReport,
    YearConfig,
    YearPlan,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class World:
    cells: list[Cell]
    members: dict[int, Member]
    memberships: list[CellMembership]
    plans: list[YearPlan]
    reports: list[ProgressReport]
    meetings: list[Meeting]
    sections: list[PlanSection]
    configs: list[YearConfig]

    def member_cell(self, member_id: int, year: int, month: int) -> int | None:
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        overlapping = [
            m
            for m in self.memberships
            if m.member_id == member_id
            and m.start_on <= last
            and (m.end_on is None or m.end_on >= first)
        ]
        if not overlapping:
            return None
        return max(overlapping, key=lambda m: (m.start_on, m.id)).cell_id

    def members_of(self, cell_id: int, year: int, month: int) -> list[Member]:
        return sorted(
            (
                member
                for member in self.members.values()
                if member.status not in (MemberStatus.PENDING, MemberStatus.REFUSED)
                and self.member_cell(member.id, year, month) == cell_id
            ),
            key=lambda m: m.id,
        )

    def report(self, member_id: int, year: int, month: int) -> ProgressReport | None:
        for report in self.reports:
            if (report.member_id, report.year, report.month) == (member_id, year, month):
                return report
        return None

    def submitted(self, member_id: int, year: int, month: int) -> ProgressReport | None:
        report = self.report(member_id, year, month)
        return report if report is not None and report.status is ReportStatus.SUBMITTED else None

    def deadline(self, cell_id: int, year: int, month: int) -> datetime:
        for meeting in self.meetings:
            key = (meeting.cell_id, meeting.year, meeting.month)
            if key == (cell_id, year, month) and not meeting.cancelled:
                return meeting.starts_at
        following = date(year + month // 12, month % 12 + 1, 1)
        midnight = datetime.combine(following, time(), VIETNAM)
        return (midnight - timedelta(microseconds=1)).astimezone(UTC)

    def on_time(self, cell_id: int, member_id: int, year: int, month: int) -> bool:
        report = self.submitted(member_id, year, month)
        return (
            report is not None
            and report.submitted_at is not None
            and report.submitted_at <= self.deadline(cell_id, year, month)
        )

    def plan(self, member_id: int, year: int) -> YearPlan | None:
        return next((p for p in self.plans if (p.member_id, p.year) == (member_id, year)), None)

    def item_statuses(
        self, members: list[Member], year: int, month: int
    ) -> list[tuple[int, ItemStatus | None, str]]:
        """(section_id, status, note) of every planned item of these members in the month."""
        lines: list[tuple[int, ItemStatus | None, str]] = []
        for member in members:
            plan = self.plan(member.id, year)
            if plan is None:
                continue
            report = self.submitted(member.id, year, month)
            progress = {p.plan_item_id: p for p in report.progress} if report else {}
            for item in plan.items:
                entry = progress.get(item.id)
                lines.append(
                    (item.section_id, entry.status if entry else None, entry.note if entry else "")
                )
        return lines

    def sections_shown(
        self, cell_id: int, members: list[Member], year: int, month: int
    ) -> list[int]:
        """The year's configuration of the cell's committee (else the national default),
        and any other section the members' items are in, by position."""
        committee = next(c.committee_id for c in self.cells if c.id == cell_id)
        holding = [c for c in self.configs if c.year == year and c.committee_id == committee]
        holding = holding or [c for c in self.configs if c.year == year and c.committee_id is None]
        used = {section_id for section_id, _, _ in self.item_statuses(members, year, month)}
        shown = [
            s
            for s in self.sections
            if s.id in used or any(s.year_config_id == c.id for c in holding)
        ]
        return [s.id for s in sorted(shown, key=lambda s: (s.position, s.id))]

    def item_counts(
        self, members: list[Member], year: int, month: int
    ) -> tuple[int, int, int, int]:
        counts = Counter(status for _, status, _ in self.item_statuses(members, year, month))
        return (
            sum(counts.values()),
            counts[ItemStatus.DONE],
            counts[ItemStatus.IN_PROGRESS],
            counts[ItemStatus.NOT_STARTED],
        )


async def load_world(session: AsyncSession) -> World:
    return World(
        cells=list(await session.scalars(select(Cell).order_by(Cell.id))),
        members={m.id: m for m in await session.scalars(select(Member))},
        memberships=list(await session.scalars(select(CellMembership))),
        plans=list(await session.scalars(select(YearPlan).options(selectinload(YearPlan.items)))),
        reports=list(
            await session.scalars(
                select(ProgressReport).options(
                    selectinload(ProgressReport.progress), selectinload(ProgressReport.free_items)
                )
            )
        ),
        meetings=list(await session.scalars(select(Meeting))),
        sections=list(await session.scalars(select(PlanSection).order_by(PlanSection.position))),
        configs=list(await session.scalars(select(YearConfig))),
    )


def assert_rollup_is_recount(world: World, rollup: CommitteeRollup) -> None:
    year, month = rollup.year, rollup.month
    assert [c.cell_id for c in rollup.cells] == [c.id for c in world.cells]
    for figures in rollup.cells:
        members = world.members_of(figures.cell_id, year, month)
        assert figures.members_total == len(members)
        assert figures.reported == sum(1 for m in members if world.submitted(m.id, year, month))
        assert figures.reported_on_time == sum(
            1 for m in members if world.on_time(figures.cell_id, m.id, year, month)
        )
        planned, done, in_progress, not_started = world.item_counts(members, year, month)
        assert (
            figures.items.planned,
            figures.items.done,
            figures.items.in_progress,
            figures.items.not_started,
        ) == (planned, done, in_progress, not_started)
    everyone = [m for c in world.cells for m in world.members_of(c.id, year, month)]
    assert rollup.totals.members_total == len(everyone) == len(set(everyone))
