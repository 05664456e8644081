"""The demo seeder: idempotent, reproducible, realistic enough to demo every screen."""

from __future__ import annotations

from collections import Counter
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import years
from domain.calendar import is_working_day
from domain.demo import demo_data, demo_personas, seed_demo
from domain.errors import DomainError
from domain.vocabulary import PlanStatus, ReportStatus, Role
from locales import t
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.models import (
    Base,
    Cell,
    CellMembership,
    Committee,
    Meeting,
    Member,
    PlanSection,
    ProgressReport,
    YearConfig,
    YearPlan,
)
from tests.storage.recount import VIETNAM, load_world

TODAY = date(2026, 11, 23)


async def row_counts(session: AsyncSession) -> dict[str, int]:
    counts = {}
    for table in Base.metadata.sorted_tables:
        counts[table.name] = await session.scalar(select(func.count()).select_from(table)) or 0
    return counts


async def test_second_run_adds_nothing_and_says_so(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    first = await seed_demo(session_factory, today=TODAY)
    async with session_factory() as session:
        before = await row_counts(session)
    second = await seed_demo(session_factory, today=TODAY)
    async with session_factory() as session:
        after = await row_counts(session)

    assert first.created and not second.created
    assert second.committee_id == first.committee_id
    assert after == before
    assert before["members"] == first.members and before["progress_reports"] == first.reports
    assert str(first.members) in t(first.msg_id, **first.msg_args)
    assert t(second.msg_id, **second.msg_args) != t(first.msg_id, **first.msg_args)


async def test_demo_content_is_shaped_like_a_real_committee(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    result = await seed_demo(session_factory, today=TODAY)
    async with session_factory() as session:
        committee = await session.get(Committee, result.committee_id)
        cells = list(await session.scalars(select(Cell).order_by(Cell.id)))
        members = list(await session.scalars(select(Member)))
        configs = list(await session.scalars(select(YearConfig).order_by(YearConfig.year)))
        sections = list(await session.scalars(select(PlanSection)))
        plans = list(await session.scalars(select(YearPlan)))
        world = await load_world(session)

    data = demo_data()
    assert committee is not None and committee.name == data.committee
    assert (committee.executive_name, committee.upper_unit, committee.symbol) == (
        "Thành ủy Vĩnh Yên",
        "Đảng bộ tỉnh Vĩnh Phúc",
        "TU",
    )
    assert committee.locality == "Vĩnh Yên" and {c.locality for c in cells} == {""}
    assert [c.name for c in cells] == [c.name for c in data.cells]
    assert all(c.committee_id == committee.id for c in cells)
    for cell in cells:
        in_cell = [m for m in members if m.cell_id == cell.id]
        roles = Counter(m.role for m in in_cell)
        assert roles[Role.SECRETARY] == 1 and roles[Role.DEPUTY] == 1
        assert 6 <= roles[Role.MEMBER] + roles[Role.COMMITTEE] <= 12
        assert all(len(m.full_name.split()) >= 3 for m in in_cell)
    assert {m.committee_id for m in members if m.role is Role.COMMITTEE} == {committee.id}

    # The demo sets up its own committee's years, the template's sections with its themes;
    # the national default is left alone.
    assert [(c.year, c.committee_id) for c in configs] == [
        (2025, committee.id),
        (2026, committee.id),
    ]
    assert configs[0].theme != configs[1].theme
    year_of = {c.id: c.year for c in configs}
    assert Counter(year_of[s.year_config_id] for s in sections) == {2025: 5, 2026: 5}
    template_titles = [s.title for s in years.template()[1].sections]
    assert [s.title for s in sections if year_of[s.year_config_id] == 2026] == template_titles
    assert {p.year_config_id for p in plans} == set(year_of)
    assert all(year_of[p.year_config_id] == p.year for p in plans)
    items_per_plan = Counter(item.plan_id for plan in world.plans for item in plan.items)
    assert set(items_per_plan.values()) <= set(range(3, 7))
    assert {p.status for p in plans if p.year == 2026} == {
        PlanStatus.ACKNOWLEDGED,
        PlanStatus.SUBMITTED,
        PlanStatus.RETURNED,
    }

    # Meetings: every month of both years up to next month, on working days, one moved, one
    # cancelled, a thematic one each quarter.
    assert len(world.meetings) == len(cells) * (12 + 12)
    assert all(m.rule_starts_at.astimezone(VIETNAM).date().weekday() < 5 for m in world.meetings)
    assert all(is_working_day(m.rule_starts_at.astimezone(VIETNAM).date()) for m in world.meetings)
    assert sum(m.moved for m in world.meetings) == 1
    assert sum(m.cancelled for m in world.meetings) == 1
    assert {m.month for m in world.meetings if m.thematic} == {3, 6, 9, 12}
    for meeting, cell in ((m, c) for m in world.meetings for c in cells if c.id == m.cell_id):
        assert meeting.rule_starts_at.astimezone(VIETNAM).time() == cell.meeting_time
        assert meeting.place == cell.meeting_place


async def test_reports_mix_on_time_late_missing_and_drafts(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await seed_demo(session_factory, today=TODAY)
    async with session_factory() as session:
        world = await load_world(session)

    submitted = [r for r in world.reports if r.status is ReportStatus.SUBMITTED]
    late = [
        r
        for r in submitted
        if r.submitted_at is not None
        and r.submitted_at > world.deadline(r.cell_id, r.year, r.month)
    ]
    drafts = [r for r in world.reports if r.status is ReportStatus.DRAFT]
    assert 0.05 < len(late) / len(submitted) < 0.3
    assert drafts and all(r.submitted_at is None for r in drafts)
    assert all(r.submitted_at is not None and r.submitted_at.date() < TODAY for r in submitted)
    assert sum(bool(r.difficulties) for r in submitted) > 5
    assert sum(bool(r.proposals) for r in submitted) > 5
    assert sum(len(r.free_items) for r in submitted) > 5
    assert sum(1 for r in submitted for p in r.progress if p.note) > 50
    # Some members skip months; the open month (December, meeting on the 7th) is partly in.
    months = {(r.year, r.month) for r in submitted}
    assert (2026, 12) in months and (2027, 1) not in months
    for year, month in [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 12)]:
        members = [m for c in world.cells for m in world.members_of(c.id, year, month)]
        reported = sum(1 for m in members if world.submitted(m.id, year, month))
        assert 0.5 * len(members) < reported <= len(members), (year, month)
    # Each report is filed in the cell the member belonged to that month.
    for report in world.reports:
        assert world.member_cell(report.member_id, report.year, report.month) == report.cell_id


async def test_a_member_moved_between_cells_last_year(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await seed_demo(session_factory, today=TODAY)
    async with session_factory() as session:
        mover = await session.scalar(select(Member).where(Member.telegram_id == 3007))
        assert mover is not None
        stints = list(
            await session.scalars(
                select(CellMembership)
                .where(CellMembership.member_id == mover.id)
                .order_by(CellMembership.start_on)
            )
        )
        cells = {c.name: c.id for c in await session.scalars(select(Cell))}
    data = demo_data()
    assert [s.cell_id for s in stints] == [cells[data.cells[2].name], cells[data.cells[1].name]]
    assert stints[0].end_on == date(2025, 6, 30) and stints[1].start_on == date(2025, 7, 1)
    assert mover.cell_id == stints[1].cell_id


async def test_seeding_is_reproducible(tmp_path: Path) -> None:
    async def fingerprint(name: str) -> list[tuple[object, ...]]:
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / name}")
        try:
            await upgrade(engine)
            factory = create_session_factory(engine)
            await seed_demo(factory, today=TODAY)
            async with factory() as session:
                rows = await session.execute(
                    select(
                        ProgressReport.member_id,
                        ProgressReport.month,
                        ProgressReport.status,
                        ProgressReport.submitted_at,
                        ProgressReport.difficulties,
                    ).order_by(ProgressReport.id)
                )
                return [tuple(row) for row in rows]
        finally:
            await engine.dispose()

    first = await fingerprint("one.db")
    assert first and first == await fingerprint("two.db")


def test_personas_are_the_demo_members_with_telegram() -> None:
    personas = demo_personas()
    data = demo_data()
    ids = [p.telegram_id for p in personas]
    assert len(ids) == len(set(ids))
    assert personas[0].telegram_id == 1001 and personas[0].role is Role.SECRETARY
    assert personas[0].cell_name == data.cells[0].name
    assert {p.role for p in personas} == {Role.SECRETARY, Role.DEPUTY, Role.MEMBER, Role.COMMITTEE}
    mover = next(p for p in personas if p.telegram_id == 3007)
    assert mover.cell_name == data.cells[1].name
    everyone = sum(len(c.people) for c in data.cells)
    assert 0 < everyone - len(personas) <= 3  # a few have not pressed Start yet


async def test_personas_match_the_seeded_members(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await seed_demo(session_factory, today=TODAY)
    async with session_factory() as session:
        rows = await session.execute(
            select(Member.telegram_id, Member.full_name, Member.role, Cell.name)
            .join(Cell, Cell.id == Member.cell_id)
            .where(Member.telegram_id.is_not(None))
        )
        seeded = sorted(tuple(row) for row in rows)
    assert seeded == sorted(
        (p.telegram_id, p.full_name, p.role, p.cell_name) for p in demo_personas()
    )


async def test_refuses_to_mix_with_real_data(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    data = demo_data()
    async with session_factory() as session, session.begin():
        session.add(Cell(name=data.cells[1].name, meeting_time=time(8)))
    with pytest.raises(DomainError) as refused:
        await seed_demo(session_factory, today=TODAY)
    assert refused.value.msg_id == "demo-cell-taken"
    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(Member)) == 0
        assert await session.scalar(select(func.count()).select_from(Committee)) == 0


async def test_refuses_a_taken_telegram_id(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session, session.begin():
        session.add(Member(full_name="Nguyễn Văn Thật", telegram_id=2003))
    with pytest.raises(DomainError) as refused:
        await seed_demo(session_factory, today=TODAY)
    assert refused.value.msg_id == "demo-telegram-taken"
    assert refused.value.args_["name"] == "Nguyễn Văn Thật"
    assert "2003" in t(refused.value.msg_id, **refused.value.args_)


async def test_meetings_on_a_different_today_follow_it(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    """Seeding early in a year still gives the previous year in full and this year so far."""
    result = await seed_demo(session_factory, today=date(2027, 2, 10))
    async with session_factory() as session:
        meetings = list(await session.scalars(select(Meeting)))
        configs = [c.year for c in await session.scalars(select(YearConfig))]
    assert sorted(configs) == [2026, 2027]
    assert len(meetings) == result.meetings == len(demo_data().cells) * (12 + 3)
    assert result.reports > 0
