"""The yearly plan: items, ownership, copying last year, registering, review and locking."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery import render
from domain import plans
from domain.errors import DomainError, NotFound, PermissionDenied
from domain.vocabulary import PlanStatus
from storage.models import OutboxMessage, PlanItem
from tests.dialogs.seed import AN_TG, NOW, SECRETARY_TG, Seeded, seed

Db = async_sessionmaker[AsyncSession]


@pytest.fixture
async def cell(session_factory: Db) -> Seeded:
    return await seed(session_factory)


async def test_items_are_normalised_and_ordered_by_section(
    session_factory: Db, cell: Seeded
) -> None:
    nfd = unicodedata.normalize("NFD", "  Tham gia mô hình «Tuyến phố không rác»  ")
    async with session_factory() as session, session.begin():
        await plans.add_item(session, cell.an, 2026, cell.section_ids[2], nfd, NOW)
        await plans.add_item(
            session, cell.an, 2026, cell.section_ids[0], "Đọc <b>chuyên đề</b> & ghi chép", NOW
        )
    async with session_factory() as session:
        plan = await plans.find_plan(session, cell.an, 2026)
    assert plan is not None and plan.status is PlanStatus.DRAFT
    assert [item.text for item in plan.items] == [
        "Đọc <b>chuyên đề</b> & ghi chép",
        unicodedata.normalize("NFC", "Tham gia mô hình «Tuyến phố không rác»"),
    ]
    assert unicodedata.is_normalized("NFC", plan.items[1].text)


@pytest.mark.parametrize(
    ("text", "msg_id"),
    [
        ("", "error-text-empty"),
        ("   \n ", "error-text-empty"),
        ("🎉🎉🎉🎉🎉", "error-text-no-letters"),
        ("Học", "error-text-too-short"),
        ("a" * 501, "error-text-too-long"),
    ],
)
async def test_bad_item_text_is_refused(
    session_factory: Db, cell: Seeded, text: str, msg_id: str
) -> None:
    async with session_factory() as session:
        with pytest.raises(DomainError) as refused:
            await plans.add_item(session, cell.an, 2026, cell.section_ids[0], text, NOW)
    assert refused.value.msg_id == msg_id


async def test_edit_move_delete_own_items(session_factory: Db, cell: Seeded) -> None:
    async with session_factory() as session, session.begin():
        first = await plans.add_item(
            session, cell.an, 2026, cell.section_ids[1], "Việc thứ nhất", NOW
        )
        second = await plans.add_item(
            session, cell.an, 2026, cell.section_ids[1], "Việc thứ hai", NOW
        )
        await plans.move_item(session, cell.an, second.id, -1, NOW)
        await plans.edit_item(session, cell.an, first.id, "Việc thứ nhất, đã sửa", NOW)
    async with session_factory() as session:
        plan = await plans.find_plan(session, cell.an, 2026)
    assert plan is not None
    assert [i.text for i in plan.items] == ["Việc thứ hai", "Việc thứ nhất, đã sửa"]
    async with session_factory() as session, session.begin():
        await plans.delete_item(session, cell.an, second.id, NOW)
    async with session_factory() as session:
        plan = await plans.find_plan(session, cell.an, 2026)
    assert plan is not None and [i.id for i in plan.items] == [first.id]


async def test_a_member_cannot_touch_another_members_items(
    session_factory: Db, cell: Seeded
) -> None:
    async with session_factory() as session, session.begin():
        item = await plans.add_item(session, cell.an, 2026, cell.section_ids[0], "Việc của An", NOW)
        plan = await plans.find_plan(session, cell.an, 2026)
    assert plan is not None
    async with session_factory() as session:
        attempts = [
            plans.edit_item(session, cell.binh, item.id, "Bình sửa việc của An", NOW),
            plans.delete_item(session, cell.binh, item.id, NOW),
            plans.move_item(session, cell.binh, item.id, 1, NOW),
        ]
        for attempt in attempts:
            with pytest.raises(NotFound):
                await attempt
        with pytest.raises(PermissionDenied):
            await plans.read_plan(session, cell.binh, plan.id)
        with pytest.raises(PermissionDenied):
            await plans.acknowledge_plan(session, cell.binh, plan.id, NOW)
        with pytest.raises(PermissionDenied):
            await plans.plans_of_cell(session, cell.binh, cell.cell_id, 2026)
        # A section of last year's configuration is not a section of this year's plan.
        with pytest.raises(NotFound):
            await plans.add_item(
                session, cell.binh, 2026, cell.previous_section_ids[0], "Việc lạc năm", NOW
            )
    async with session_factory() as session:
        texts = list(await session.scalars(select(PlanItem.text)))
    assert texts == ["Việc của An"]


async def test_copy_last_year_maps_sections_by_position(session_factory: Db, cell: Seeded) -> None:
    async with session_factory() as session, session.begin():
        await plans.add_item(
            session, cell.an, 2025, cell.previous_section_ids[0], "Học nghị quyết", NOW
        )
        await plans.add_item(
            session, cell.an, 2025, cell.previous_section_ids[2], "Số hóa hồ sơ", NOW
        )
    async with session_factory() as session, session.begin():
        assert await plans.copy_previous_items(session, cell.an, 2026, NOW) == 2
    async with session_factory() as session:
        plan = await plans.find_plan(session, cell.an, 2026)
        with pytest.raises(DomainError) as nothing:
            await plans.copy_previous_items(session, cell.binh, 2026, NOW)
    assert nothing.value.msg_id == "error-plan-nothing-to-copy"
    assert plan is not None
    assert [(i.section_id, i.text) for i in plan.items] == [
        (cell.section_ids[0], "Học nghị quyết"),
        (cell.section_ids[2], "Số hóa hồ sơ"),
    ]


async def test_submit_tells_the_secretary_then_review_locks_and_returns(
    session_factory: Db, cell: Seeded
) -> None:
    async with session_factory() as session:
        with pytest.raises(DomainError) as empty:
            await plans.submit_plan(session, cell.an, 2026, NOW)
    assert empty.value.msg_id == "error-plan-empty"
    async with session_factory() as session, session.begin():
        item = await plans.add_item(
            session, cell.an, 2026, cell.section_ids[0], "Việc <một> & hai", NOW
        )
        plan = await plans.submit_plan(session, cell.an, 2026, NOW)
    assert plan.status is PlanStatus.SUBMITTED and plan.submitted_at == NOW
    async with session_factory() as session, session.begin():
        # Still editable after registering, until the secretary acknowledges.
        await plans.edit_item(session, cell.an, item.id, "Việc &lt;một&gt; đã sửa", NOW)
        rows = await plans.plans_of_cell(session, cell.secretary, cell.cell_id, 2026)
        await plans.acknowledge_plan(session, cell.secretary, plan.id, NOW)
    assert [(r.full_name, r.status, r.items) for r in rows] == [
        ("Lê Thị Bình", None, 0),
        ("Nguyễn Văn An", PlanStatus.SUBMITTED, 1),
        ("Trần Thị Bí Thư", None, 0),
    ]
    async with session_factory() as session:
        with pytest.raises(DomainError) as locked:
            await plans.add_item(session, cell.an, 2026, cell.section_ids[0], "Việc mới thêm", NOW)
        assert locked.value.msg_id == "error-plan-locked"
        with pytest.raises(DomainError) as locked_edit:
            await plans.delete_item(session, cell.an, item.id, NOW)
        assert locked_edit.value.msg_id == "error-plan-locked"
    async with session_factory() as session, session.begin():
        returned = await plans.return_plan(
            session, cell.secretary, plan.id, " Bổ sung <việc> cụ thể ", NOW
        )
        await plans.add_item(session, cell.an, 2026, cell.section_ids[1], "Việc bổ sung", NOW)
    assert returned.status is PlanStatus.RETURNED
    assert returned.review_comment == "Bổ sung <việc> cụ thể"
    async with session_factory() as session:
        sent = {
            (m.chat_id, m.kind): render.telegram(m.payload)[0]
            for m in await session.scalars(select(OutboxMessage))
        }
        count = await session.scalar(select(func.count()).select_from(OutboxMessage))
    assert count == 3
    assert "Nguyễn Văn An" in sent[(SECRETARY_TG, "plan_submitted")]
    assert (AN_TG, "plan_acknowledged") in sent
    assert "Bổ sung &lt;việc&gt; cụ thể" in sent[(AN_TG, "plan_returned")]
