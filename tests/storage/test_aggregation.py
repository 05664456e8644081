"""SQL summaries against an independent recount in plain Python, on SQLite and PostgreSQL.

The demo data gives realistic volume and mix; small hand-built cases pin the edge rules
(a move between cells, drafts, a cancelled meeting, an empty month, pending members).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.demo import DemoSeedResult, seed_demo
from domain.summaries import (
    ItemStatus,
    ReportStatus,
    cell_month_summary,
    cell_year_series,
    committee_month_rollup,
    committee_month_rollups,
    member_year_evidence,
)
from domain.vocabulary import MemberStatus, PlanStatus
from storage.models import (
    Cell,
    CellMembership,
    Committee,
    ItemProgress,
    Meeting,
    Member,
    PlanItem,
    PlanSection,
    ProgressReport,
    YearConfig,
    YearPlan,
)
from tests.storage.recount import VIETNAM, World, assert_rollup_is_recount, load_world

TODAY = date(2026, 11, 23)
# Months that cover: January, a cancelled meeting (2025-02, cell 3), a move (2025-07),
# a moved meeting (2025-09, cell 2), the month just past, and the next one with no reports yet.
MONTHS = [(2025, 2), (2025, 7), (2025, 9), (2026, 1), (2026, 6), (2026, 11), (2026, 12)]


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0


@contextmanager
def counting(engine: AsyncEngine) -> Iterator[QueryCounter]:
    counter = QueryCounter()

    def before(*_args: Any) -> None:
        counter.count += 1

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before)


@pytest.fixture
async def demo(session_factory: async_sessionmaker[AsyncSession]) -> DemoSeedResult:
    result = await seed_demo(session_factory, today=TODAY)
    assert result.created
    return result


@asynccontextmanager
async def world_and_session(
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[tuple[World, AsyncSession]]:
    async with session_factory() as loading:
        world = await load_world(loading)
    async with session_factory() as session:
        yield world, session


# --------------------------------------------------------------------------- cell and month


async def test_cell_month_summary_equals_recount(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], demo: DemoSeedResult
) -> None:
    async with world_and_session(session_factory) as (world, session):
        for cell in world.cells:
            for year, month in MONTHS:
                with counting(engine) as queries:
                    summary = await cell_month_summary(session, cell.id, year, month)
                assert queries.count == 5
                check_cell_month(world, summary, cell.id, year, month)


def check_cell_month(world: World, summary: Any, cell_id: int, year: int, month: int) -> None:
    members = world.members_of(cell_id, year, month)
    reported = [m for m in members if world.submitted(m.id, year, month)]
    on_time = [m for m in members if world.on_time(cell_id, m.id, year, month)]
    where = f"cell {cell_id} {month}/{year}"
    assert [m.member_id for m in summary.members] == [m.id for m in members], where
    assert summary.reported == len(reported), where
    assert summary.reported_on_time == len(on_time), where
    assert summary.deadline == world.deadline(cell_id, year, month), where
    assert sorted(m.full_name for m in summary.missing) == sorted(
        m.full_name for m in members if m not in reported
    ), where
    drafts = {
        m.id
        for m in members
        if (r := world.report(m.id, year, month)) is not None and r.status is ReportStatus.DRAFT
    }
    assert {m.member_id for m in summary.missing if m.has_draft} == drafts, where
    unreachable = {m.id for m in members if m.telegram_id is None or not m.reachable}
    assert {m.member_id for m in summary.members if not m.reachable} == unreachable, where

    lines = world.item_statuses(members, year, month)
    for section in summary.sections:
        counts = Counter(
            status for section_id, status, _ in lines if section_id == section.section_id
        )
        assert section.items.planned == sum(counts.values()), (where, section.title)
        assert section.items.done == counts[ItemStatus.DONE], (where, section.title)
        assert section.items.in_progress == counts[ItemStatus.IN_PROGRESS], (where, section.title)
        assert section.items.not_started == counts[ItemStatus.NOT_STARTED], (where, section.title)
    assert [s.section_id for s in summary.sections] == world.sections_shown(
        cell_id, members, year, month
    )
    assert sorted(line.note for line in summary.notes) == sorted(note for *_, note in lines if note)

    submitted = [r for m in members if (r := world.submitted(m.id, year, month))]
    assert sorted(t.text for t in summary.difficulties) == sorted(
        r.difficulties for r in submitted if r.difficulties
    ), where
    assert sorted(t.text for t in summary.proposals) == sorted(
        r.proposals for r in submitted if r.proposals
    ), where
    assert sorted(t.text for t in summary.free_items) == sorted(
        f.text for r in submitted for f in r.free_items
    ), where


async def test_demo_month_has_a_realistic_mix(
    session_factory: async_sessionmaker[AsyncSession], demo: DemoSeedResult
) -> None:
    """The figures the tests compare are not trivially zero or full."""
    async with world_and_session(session_factory) as (world, session):
        summaries = [
            await cell_month_summary(session, cell.id, year, month)
            for cell in world.cells
            for year, month in MONTHS
            if (year, month) != (2026, 12)
        ]
    assert sum(s.reported for s in summaries) > sum(s.members_total for s in summaries) * 0.6
    assert any(s.late for s in summaries)
    assert any(s.missing for s in summaries)
    assert any(m.has_draft for s in summaries for m in s.members)
    assert any(s.notes for s in summaries) and any(s.difficulties for s in summaries)
    assert all(s.item_totals.done > 0 for s in summaries if s.month >= 6)


# --------------------------------------------------------------------------- committee


async def test_committee_rollup_equals_recount(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], demo: DemoSeedResult
) -> None:
    async with world_and_session(session_factory) as (world, session):
        for year, month in MONTHS:
            with counting(engine) as queries:
                rollup = await committee_month_rollup(session, demo.committee_id, year, month)
            assert queries.count == 2
            assert rollup.month == month
            assert_rollup_is_recount(world, rollup)


async def test_a_years_rollups_are_two_queries_and_each_month_its_recount(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], demo: DemoSeedResult
) -> None:
    """A sơ kết, a tổng kết or the web view's trend: every month in one pass."""
    async with world_and_session(session_factory) as (world, session):
        for year in sorted({year for year, _ in MONTHS}):
            months = [12, 1, 7, 6] if year == 2026 else list(range(1, 13))
            with counting(engine) as queries:
                rollups = await committee_month_rollups(session, demo.committee_id, year, months)
            assert queries.count == 2
            assert [r.month for r in rollups] == months
            for rollup in rollups:
                assert_rollup_is_recount(world, rollup)
            assert any(c.reported for r in rollups for c in r.cells)


# --------------------------------------------------------------------------- year series


async def test_cell_year_series_equals_recount(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], demo: DemoSeedResult
) -> None:
    async with world_and_session(session_factory) as (world, session):
        for cell in world.cells:
            for year in (2025, 2026):
                with counting(engine) as queries:
                    series = await cell_year_series(session, cell.id, year)
                assert queries.count == 1
                assert [f.month for f in series] == list(range(1, 13))
                for figures in series:
                    members = world.members_of(cell.id, year, figures.month)
                    assert figures.members_total == len(members)
                    assert figures.reported == sum(
                        1 for m in members if world.submitted(m.id, year, figures.month)
                    )
                    assert figures.reported_on_time == sum(
                        1 for m in members if world.on_time(cell.id, m.id, year, figures.month)
                    )
                    assert (
                        figures.items.planned,
                        figures.items.done,
                        figures.items.in_progress,
                        figures.items.not_started,
                    ) == world.item_counts(members, year, figures.month)


async def test_year_series_stops_at_the_month_asked(
    session_factory: async_sessionmaker[AsyncSession], demo: DemoSeedResult
) -> None:
    async with session_factory() as session:
        series = await cell_year_series(session, 1, 2026, through_month=TODAY.month)
    assert [f.month for f in series] == list(range(1, 12))


# --------------------------------------------------------------------------- member and year


async def test_member_year_evidence_equals_recount(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], demo: DemoSeedResult
) -> None:
    async with world_and_session(session_factory) as (world, session):
        for member in world.members.values():
            for year in (2025, 2026):
                with counting(engine) as queries:
                    evidence = await member_year_evidence(session, member.id, year)
                assert queries.count == 6
                reports = sorted(
                    (r for r in world.reports if (r.member_id, r.year) == (member.id, year)),
                    key=lambda r: r.month,
                )
                submitted = [r for r in reports if r.status is ReportStatus.SUBMITTED]
                assert evidence.months_reported == tuple(r.month for r in submitted)
                assert evidence.months_on_time == tuple(
                    r.month
                    for r in submitted
                    if r.submitted_at is not None
                    and r.submitted_at <= world.deadline(r.cell_id, year, r.month)
                )
                counted = member.status not in (MemberStatus.PENDING, MemberStatus.REFUSED)
                assert [(c.month, c.cell_id) for c in evidence.cells] == [
                    (month, cell)
                    for month in range(1, 13)
                    if counted and (cell := world.member_cell(member.id, year, month)) is not None
                ]
                assert evidence.party_status is member.party_status
                plan = world.plan(member.id, year)
                assert evidence.plan_status == (plan.status if plan else None)
                assert sorted(i.item_id for i in evidence.items) == sorted(
                    i.id for i in (plan.items if plan else [])
                )
                done = {
                    p.plan_item_id
                    for r in submitted
                    for p in r.progress
                    if p.status is ItemStatus.DONE
                }
                assert set(evidence.items_done) == done
                for month in evidence.months:
                    report = next(r for r in reports if r.month == month.month)
                    assert {(p.item_id, p.status, p.note) for p in month.progress} == {
                        (p.plan_item_id, p.status, p.note) for p in report.progress
                    }
                    assert month.free_items == tuple(f.text for f in report.free_items)
                    assert (month.difficulties, month.proposals) == (
                        report.difficulties,
                        report.proposals,
                    )


# --------------------------------------------------------------------------- fixed cost


async def test_query_count_does_not_grow_with_members(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], demo: DemoSeedResult
) -> None:
    async def measure() -> tuple[list[int], int]:
        counts = []
        async with session_factory() as session:
            with counting(engine) as q:
                summary = await cell_month_summary(session, 1, 2026, 10)
            counts.append(q.count)
            with counting(engine) as q:
                await committee_month_rollup(session, demo.committee_id, 2026, 10)
            counts.append(q.count)
            with counting(engine) as q:
                await cell_year_series(session, 1, 2026)
            counts.append(q.count)
            with counting(engine) as q:
                await member_year_evidence(session, 1, 2026)
            counts.append(q.count)
        return counts, summary.members_total

    before, members_before = await measure()
    await add_reporting_members(
        session_factory, cell_id=1, count=30, year=2026, months=range(1, 11)
    )
    after, members_after = await measure()
    assert members_after == members_before + 30
    assert after == before == [5, 2, 1, 6]


async def add_reporting_members(
    session_factory: async_sessionmaker[AsyncSession],
    *,
    cell_id: int,
    count: int,
    year: int,
    months: range,
) -> None:
    async with session_factory() as session, session.begin():
        config_id, section_id = (
            await session.execute(
                select(YearConfig.id, PlanSection.id)
                .join(PlanSection, PlanSection.year_config_id == YearConfig.id)
                .where(YearConfig.year == year)
                .limit(1)
            )
        ).one()
        members = [Member(full_name=f"Extra {n}", cell_id=cell_id) for n in range(count)]
        session.add_all(members)
        await session.flush()
        for member in members:
            session.add(
                CellMembership(member_id=member.id, cell_id=cell_id, start_on=date(year - 1, 1, 1))
            )
            plan = YearPlan(
                member_id=member.id,
                cell_id=cell_id,
                year=year,
                year_config_id=config_id,
                items=[PlanItem(section_id=section_id, position=1, text="x")],
            )
            session.add(plan)
            await session.flush()
            for month in months:
                session.add(
                    ProgressReport(
                        member_id=member.id,
                        cell_id=cell_id,
                        year=year,
                        month=month,
                        status=ReportStatus.SUBMITTED,
                        submitted_at=datetime(year, month, 1, tzinfo=UTC),
                        progress=[
                            ItemProgress(plan_item_id=plan.items[0].id, status=ItemStatus.DONE)
                        ],
                    )
                )


# --------------------------------------------------------------------------- edge rules


class Small:
    """Two cells, a few members, one section: each test adds what it is about."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def build(self) -> None:
        committee = Committee(name="Đảng bộ thử")
        self.a = Cell(name="Chi bộ A", committee=committee)
        self.b = Cell(name="Chi bộ B", committee=committee)
        self.empty = Cell(name="Chi bộ C", committee=committee)
        self.session.add_all([self.a, self.b, self.empty])
        self.config = YearConfig(year=2026, theme="t")
        self.session.add(self.config)
        await self.session.flush()
        self.section = PlanSection(year_config_id=self.config.id, position=1, title="Phần 1")
        self.session.add(self.section)
        self.committee = committee
        await self.session.flush()

    async def member(
        self, name: str, cell: Cell, *, status: MemberStatus = MemberStatus.ACTIVE
    ) -> Member:
        member = Member(full_name=name, cell_id=cell.id, status=status, telegram_id=None)
        self.session.add(member)
        await self.session.flush()
        self.session.add(
            CellMembership(member_id=member.id, cell_id=cell.id, start_on=date(2020, 1, 1))
        )
        await self.session.flush()
        return member

    async def plan(self, member: Member, cell: Cell, items: int = 2) -> YearPlan:
        plan = YearPlan(
            member_id=member.id,
            cell_id=cell.id,
            year=2026,
            year_config_id=self.config.id,
            status=PlanStatus.ACKNOWLEDGED,
            items=[
                PlanItem(section_id=self.section.id, position=n, text=f"Việc {n}")
                for n in range(1, items + 1)
            ],
        )
        self.session.add(plan)
        await self.session.flush()
        return plan

    async def report(
        self,
        member: Member,
        cell: Cell,
        month: int,
        *,
        at: datetime | None,
        plan: YearPlan | None = None,
        status: ReportStatus = ReportStatus.SUBMITTED,
    ) -> ProgressReport:
        report = ProgressReport(
            member_id=member.id,
            cell_id=cell.id,
            year=2026,
            month=month,
            status=status,
            submitted_at=at if status is ReportStatus.SUBMITTED else None,
            progress=[
                ItemProgress(plan_item_id=item.id, status=ItemStatus.DONE, note="xong")
                for item in (plan.items if plan else [])
            ],
        )
        self.session.add(report)
        await self.session.flush()
        return report


def local(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime.combine(date(year, month, day), time(hour), VIETNAM).astimezone(UTC)


@pytest.fixture
async def small(session: AsyncSession) -> Small:
    world = Small(session)
    await world.build()
    return world


async def test_member_who_moved_counts_in_old_cell_before_and_new_cell_after(
    small: Small, session: AsyncSession
) -> None:
    mover = await small.member("Người chuyển", small.a)
    stays = await small.member("Người ở lại", small.a)
    old = await session.scalar(select(CellMembership).where(CellMembership.member_id == mover.id))
    assert old is not None
    # Moved on 15 June: A's membership ends the day before, B's starts that day.
    old.end_on = date(2026, 6, 14)
    session.add(CellMembership(member_id=mover.id, cell_id=small.b.id, start_on=date(2026, 6, 15)))
    mover.cell_id = small.b.id
    await small.report(mover, small.a, 3, at=local(2026, 3, 1))
    await small.report(mover, small.b, 7, at=local(2026, 7, 1))
    await session.flush()

    march_a = await cell_month_summary(session, small.a.id, 2026, 3)
    march_b = await cell_month_summary(session, small.b.id, 2026, 3)
    assert {m.member_id for m in march_a.members} == {mover.id, stays.id}
    assert march_a.reported == 1 and march_b.members_total == 0
    # The month of the move belongs to the cell moved to, once.
    june_a = await cell_month_summary(session, small.a.id, 2026, 6)
    june_b = await cell_month_summary(session, small.b.id, 2026, 6)
    assert [m.member_id for m in june_a.members] == [stays.id]
    assert [m.member_id for m in june_b.members] == [mover.id]
    july_b = await cell_month_summary(session, small.b.id, 2026, 7)
    assert july_b.reported == 1 and july_b.missing == ()

    series_a = await cell_year_series(session, small.a.id, 2026)
    assert [f.members_total for f in series_a] == [2] * 5 + [1] * 7
    rollup = await committee_month_rollup(session, small.committee.id, 2026, 6)
    assert [c.members_total for c in rollup.cells] == [1, 1, 0]


async def test_draft_is_not_reported_but_is_shown(small: Small, session: AsyncSession) -> None:
    writer = await small.member("Đang viết", small.a)
    plan = await small.plan(writer, small.a)
    await small.report(writer, small.a, 4, at=None, plan=plan, status=ReportStatus.DRAFT)

    summary = await cell_month_summary(session, small.a.id, 2026, 4)
    assert summary.reported == 0 and summary.reported_on_time == 0
    assert [m.member_id for m in summary.missing] == [writer.id]
    assert summary.missing[0].has_draft
    # A draft's item statuses are not counted either.
    assert summary.sections[0].items.planned == 2
    assert summary.sections[0].items.done == 0 and summary.notes == ()
    rollup = await committee_month_rollup(session, small.committee.id, 2026, 4)
    assert (rollup.cells[0].reported, rollup.cells[0].items.done) == (0, 0)


async def test_cancelled_meeting_moves_the_deadline_to_the_end_of_the_month(
    small: Small, session: AsyncSession
) -> None:
    member = await small.member("Báo cáo sau buổi họp", small.a)
    meeting_at = local(2026, 5, 5, 14)
    meeting = Meeting(
        cell_id=small.a.id, year=2026, month=5, rule_starts_at=meeting_at, starts_at=meeting_at
    )
    session.add(meeting)
    await small.report(member, small.a, 5, at=local(2026, 5, 20))
    await session.flush()

    held = await cell_month_summary(session, small.a.id, 2026, 5)
    assert held.deadline == meeting_at
    assert (held.reported, held.reported_on_time, len(held.late)) == (1, 0, 1)

    meeting.cancelled = True
    await session.flush()
    cancelled = await cell_month_summary(session, small.a.id, 2026, 5)
    assert cancelled.meeting_cancelled
    assert cancelled.deadline == local(2026, 6, 1, 0) - timedelta(microseconds=1)
    assert (cancelled.reported, cancelled.reported_on_time) == (1, 1)
    rollup = await committee_month_rollup(session, small.committee.id, 2026, 5)
    assert rollup.cells[0].reported_on_time == 1
    series = await cell_year_series(session, small.a.id, 2026, through_month=5)
    assert series[4].reported_on_time == 1


async def test_month_covers_the_days_after_the_previous_meeting_to_this_one(
    small: Small, session: AsyncSession
) -> None:
    def meeting(month: int, day: int) -> Meeting:
        # 19:30 local is 12:30 UTC: the local date is the one that counts.
        at = local(2026, month, day, 19)
        return Meeting(cell_id=small.a.id, year=2026, month=month, rule_starts_at=at, starts_at=at)

    october, november = meeting(10, 5), meeting(11, 5)
    session.add_all([october, november])
    await session.flush()
    summary = await cell_month_summary(session, small.a.id, 2026, 11)
    assert (summary.covers_from, summary.covers_to) == (date(2026, 10, 6), date(2026, 11, 5))

    # Without a held meeting the month's own bounds stand in, on either side.
    october.cancelled = november.cancelled = True
    await session.flush()
    summary = await cell_month_summary(session, small.a.id, 2026, 11)
    assert (summary.covers_from, summary.covers_to) == (date(2026, 11, 1), date(2026, 11, 30))
    # January looks back to December of the year before.
    december = datetime.combine(date(2025, 12, 8), time(19), VIETNAM).astimezone(UTC)
    session.add(
        Meeting(
            cell_id=small.a.id, year=2025, month=12, rule_starts_at=december, starts_at=december
        )
    )
    await session.flush()
    summary = await cell_month_summary(session, small.a.id, 2026, 1)
    assert summary.covers_from == date(2025, 12, 9)


async def test_month_without_reports(small: Small, session: AsyncSession) -> None:
    members = [await small.member(f"Đảng viên {n}", small.a) for n in range(3)]
    for member in members:
        await small.plan(member, small.a, items=3)

    summary = await cell_month_summary(session, small.a.id, 2026, 8)
    assert summary.members_total == 3 and summary.reported == 0
    assert summary.report_rate == 0.0 and len(summary.missing) == 3
    assert summary.sections[0].items.planned == 9
    assert summary.sections[0].items.not_reported == 9
    assert summary.difficulties == summary.proposals == summary.free_items == ()
    rollup = await committee_month_rollup(session, small.committee.id, 2026, 8)
    assert [(c.members_total, c.reported) for c in rollup.cells] == [(3, 0), (0, 0), (0, 0)]
    assert rollup.cells[2].report_rate is None


async def test_pending_and_refused_people_are_not_members(
    small: Small, session: AsyncSession
) -> None:
    await small.member("Chờ duyệt", small.a, status=MemberStatus.PENDING)
    await small.member("Bị từ chối", small.a, status=MemberStatus.REFUSED)
    left = await small.member("Đã chuyển đi", small.a, status=MemberStatus.LEFT)
    summary = await cell_month_summary(session, small.a.id, 2026, 1)
    assert [m.member_id for m in summary.members] == [left.id]


async def test_unknown_cell_committee_or_member(small: Small, session: AsyncSession) -> None:
    with pytest.raises(LookupError):
        await cell_month_summary(session, 999, 2026, 1)
    with pytest.raises(LookupError):
        await committee_month_rollup(session, 999, 2026, 1)
    with pytest.raises(LookupError):
        await member_year_evidence(session, 999, 2026)
