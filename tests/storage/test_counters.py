"""The item counters on plans and reports equal a recount of the rows, on SQLite and
PostgreSQL, after seeded random edits and deletions of every kind; and the roll-up that
reads them equals the row-level recount of ``tests/storage/recount.py``."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from domain.demo import seed_demo
from domain.summaries import committee_month_rollup
from domain.vocabulary import ItemStatus
from storage.counters import REPORT_COUNTERS
from storage.models import ItemProgress, PlanItem, ProgressReport, YearPlan
from tests.storage.recount import assert_rollup_is_recount, load_world

TODAY = date(2026, 11, 23)
STATUSES = list(ItemStatus)


async def counters_and_recount(
    session: AsyncSession,
) -> tuple[dict[str, dict[int, tuple[int, ...]]], dict[str, dict[int, tuple[int, ...]]]]:
    """What the counters say, and what the rows say, for every plan and report."""
    plans: dict[int, tuple[int, ...]] = {
        plan_id: (planned,)
        for plan_id, planned in await session.execute(select(YearPlan.id, YearPlan.items_planned))
    }
    items: Counter[int] = Counter()
    for plan_id, count in await session.execute(
        select(PlanItem.plan_id, func.count()).group_by(PlanItem.plan_id)
    ):
        items[plan_id] = count
    columns = [getattr(ProgressReport, column) for column in REPORT_COUNTERS]
    reports = {
        report_id: tuple(counts)
        for report_id, *counts in await session.execute(select(ProgressReport.id, *columns))
    }
    statuses: Counter[tuple[int, ItemStatus]] = Counter()
    for report_id, status in await session.execute(
        select(ItemProgress.report_id, ItemProgress.status)
    ):
        statuses[report_id, status] += 1
    recounted: dict[str, dict[int, tuple[int, ...]]] = {
        "plans": {plan_id: (items[plan_id],) for plan_id in plans},
        "reports": {
            report_id: tuple(statuses[report_id, s] for s in REPORT_COUNTERS.values())
            for report_id in reports
        },
    }
    return {"plans": plans, "reports": reports}, recounted


async def random_edit(session: AsyncSession, draw: random.Random) -> str:
    """One edit of the kind a member, a secretary or an erasure makes."""
    kind = draw.choice(
        ["status", "status", "clear", "add", "delete-item", "delete-report", "replace"]
    )
    plans = (await session.scalars(select(YearPlan).options(selectinload(YearPlan.items)))).all()
    plan = draw.choice(plans)
    reports = (
        await session.scalars(
            select(ProgressReport).where(
                ProgressReport.member_id == plan.member_id, ProgressReport.year == plan.year
            )
        )
    ).all()
    if kind in ("status", "clear") and reports and plan.items:
        report, item = draw.choice(reports), draw.choice(plan.items)
        progress = await session.scalar(
            select(ItemProgress).where(
                ItemProgress.report_id == report.id, ItemProgress.plan_item_id == item.id
            )
        )
        if kind == "clear" and progress is not None:
            await session.delete(progress)
            return kind
        if progress is None:
            session.add(
                ItemProgress(
                    report_id=report.id, plan_item_id=item.id, status=draw.choice(STATUSES)
                )
            )
        else:
            progress.status = draw.choice(STATUSES)
        return "status"
    if kind == "add" and plan.items:
        section = plan.items[0].section_id
        plan.items.append(PlanItem(section_id=section, position=len(plan.items) + 1, text="Thêm"))
    elif kind == "delete-item" and plan.items:
        await session.delete(draw.choice(plan.items))
    elif kind == "delete-report" and reports:
        await session.delete(draw.choice(reports))
    elif kind == "replace" and plan.items:
        section = plan.items[0].section_id
        member_id, cell_id, year, config_id = (
            plan.member_id,
            plan.cell_id,
            plan.year,
            plan.year_config_id,
        )
        await session.delete(plan)
        await session.flush()
        session.add(
            YearPlan(
                member_id=member_id,
                cell_id=cell_id,
                year=year,
                year_config_id=config_id,
                items=[
                    PlanItem(section_id=section, position=n, text=f"Mới {n}")
                    for n in range(1, draw.randint(1, 4) + 1)
                ],
            )
        )
    else:
        return "skipped"
    return kind


async def test_counters_equal_a_recount_after_random_edits(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    demo = await seed_demo(session_factory, today=TODAY)
    draw = random.Random(16)
    async with session_factory() as session:
        counted, recounted = await counters_and_recount(session)
    assert counted == recounted
    assert any(sum(c) for c in counted["reports"].values())
    kinds: Counter[str] = Counter()
    for _ in range(12):
        async with session_factory() as session, session.begin():
            for _ in range(draw.randint(1, 6)):
                kinds[await random_edit(session, draw)] += 1
        async with session_factory() as session:
            counted, recounted = await counters_and_recount(session)
        assert counted == recounted
    assert set(kinds) - {"skipped"} == {
        "status",
        "clear",
        "add",
        "delete-item",
        "delete-report",
        "replace",
    }
    async with session_factory() as session:
        world = await load_world(session)
        for year, month in [(2026, 6), (2026, 10)]:
            rollup = await committee_month_rollup(session, demo.committee_id, year, month)
            assert_rollup_is_recount(world, rollup)
