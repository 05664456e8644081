"""A member's plan with each item's status month by month, from the page's grid row."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.vocabulary import ItemStatus, ReportStatus
from storage.models import ItemProgress, PlanItem, ProgressReport, YearPlan
from tests.storage.test_aggregation import counting
from tests.webview.conftest import NOW, SECRETARY_1, SECRETARY_2, launch


async def _reporting_plan(db: async_sessionmaker[AsyncSession]) -> YearPlan:
    """The demo's first-cell plan with the most item statuses reported."""
    async with db() as session:
        plan = await session.scalar(
            select(YearPlan)
            .join(PlanItem, PlanItem.plan_id == YearPlan.id)
            .join(ItemProgress, ItemProgress.plan_item_id == PlanItem.id)
            .where(YearPlan.cell_id == 1, YearPlan.year == NOW.year)
            .group_by(YearPlan.id)
            .order_by(func.count(ItemProgress.id).desc(), YearPlan.id)
            .limit(1)
        )
    assert plan is not None
    return plan


async def _history(
    client: TestClient[Any, Any], engine: AsyncEngine, member_id: int, who: int = SECRETARY_1
) -> tuple[int, int, dict[str, Any]]:
    with counting(engine) as statements:
        response = await client.get(
            f"/webview/api/members/{member_id}/plan", headers={"X-Init-Data": launch(who)}
        )
        body = await response.json()
    return response.status, statements.count, body


async def _grow(db: async_sessionmaker[AsyncSession], plan: YearPlan, items: int) -> None:
    """``items`` more items on the plan, each reported done in every submitted month."""
    async with db() as session, session.begin():
        reports = list(
            await session.scalars(
                select(ProgressReport.id).where(
                    ProgressReport.member_id == plan.member_id,
                    ProgressReport.year == plan.year,
                    ProgressReport.status == ReportStatus.SUBMITTED,
                )
            )
        )
        section_id = await session.scalar(
            select(PlanItem.section_id).where(PlanItem.plan_id == plan.id).limit(1)
        )
        assert section_id is not None and reports
        for n in range(items):
            item = PlanItem(plan_id=plan.id, section_id=section_id, position=100 + n, text=f"V{n}")
            session.add(item)
            await session.flush()
            for report_id in reports:
                session.add(
                    ItemProgress(report_id=report_id, plan_item_id=item.id, status=ItemStatus.DONE)
                )


async def test_each_item_shows_its_reported_status_per_month(
    client: TestClient[Any, Any],
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    plan = await _reporting_plan(session_factory)
    status, _, body = await _history(client, engine, plan.member_id)
    assert status == 200
    async with session_factory() as session:
        rows = await session.execute(
            select(PlanItem.text, ProgressReport.month, ItemProgress.status)
            .join(ItemProgress, ItemProgress.plan_item_id == PlanItem.id)
            .join(ProgressReport, ProgressReport.id == ItemProgress.report_id)
            .where(PlanItem.plan_id == plan.id, ProgressReport.status == ReportStatus.SUBMITTED)
        )
        expected = {(text, str(month), str(state)) for text, month, state in rows}
    shown = {(i["text"], m, s) for i in body["items"] for m, s in i["months"].items()}
    assert shown == expected and expected


async def test_the_statement_count_does_not_grow_with_the_plan(
    client: TestClient[Any, Any],
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    plan = await _reporting_plan(session_factory)
    _, small, before = await _history(client, engine, plan.member_id)
    await _grow(session_factory, plan, 25)
    _, large, after = await _history(client, engine, plan.member_id)
    assert len(after["items"]) == len(before["items"]) + 25
    assert all(after["items"][-1]["months"].values())
    assert small == large <= 8


async def test_another_cells_secretary_cannot_read_the_plan(
    client: TestClient[Any, Any],
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    plan = await _reporting_plan(session_factory)
    status, _, body = await _history(client, engine, plan.member_id, SECRETARY_2)
    assert status == 403 and "items" not in body
