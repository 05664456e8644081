"""One unit of work per update: every press opens one database session, in which the member
is read once and the handlers' and getters' transactions all run."""

from __future__ import annotations

from typing import cast

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import plans
from domain.clock import FixedClock
from domain.permissions import Actor
from domain.unit_of_work import UnitOfWork
from tests.dialogs.harness import Chat
from tests.dialogs.seed import AN_TG, NOW, Seeded, seed

Db = async_sessionmaker[AsyncSession]


class CountingSessions:
    """The session factory, counting the sessions the bot opens."""

    def __init__(self, db: Db) -> None:
        self.db = db
        self.opened = 0

    def __call__(self) -> AsyncSession:
        self.opened += 1
        return self.db()


@pytest.fixture
async def cell(session_factory: Db) -> Seeded:
    seeded = await seed(session_factory)
    async with session_factory() as session, session.begin():
        for section, text in ((0, "Đọc chuyên đề năm"), (2, "Số hóa hồ sơ")):
            await plans.add_item(session, seeded.an, 2026, seeded.section_ids[section], text, NOW)
    return seeded


async def test_each_press_of_a_report_runs_in_one_session(
    session_factory: Db, cell: Seeded
) -> None:
    counting = CountingSessions(session_factory)
    chat = Chat(cast(Db, counting), AN_TG, FixedClock(NOW))
    presses = [
        lambda: chat.send("/start"),
        lambda: chat.press_id("menu-report"),
        lambda: chat.press_id("report-status-done-button"),
        lambda: chat.send("Đã học xong"),
        lambda: chat.press_id("report-status-in-progress-button"),
    ]
    for press in presses:
        before = counting.opened
        await press()
        assert counting.opened - before == 1
    assert "Việc 2/2" in chat.text or "Số hóa hồ sơ" in chat.text


async def test_the_member_is_read_once_and_joined_transactions_share_the_session(
    session_factory: Db, cell: Seeded
) -> None:
    reads: list[int] = []

    async def find(session: AsyncSession) -> Actor | None:
        reads.append(id(session))
        return None

    uow = UnitOfWork(session_factory, find)
    async with uow.transaction() as outer:
        assert await uow.actor() is None
        async with uow.transaction() as inner:
            assert inner is outer
    async with uow.transaction() as later:
        assert later is outer
        assert await uow.actor() is None
    await uow.close()
    assert reads == [id(outer)]
    assert uow.sessions_opened == 1


async def test_a_failed_step_rolls_back_and_the_next_one_starts_clean(
    session_factory: Db, cell: Seeded
) -> None:
    uow = UnitOfWork(session_factory)
    with pytest.raises(RuntimeError):
        async with uow.transaction() as session:
            await plans.add_item(session, cell.an, 2026, cell.section_ids[1], "Viết thu hoạch", NOW)
            raise RuntimeError("the step failed")
    async with uow.transaction() as session:
        plan = await plans.find_plan(session, cell.an, 2026)
    await uow.close()
    assert plan is not None
    assert [item.text for item in plan.items] == ["Đọc chuyên đề năm", "Số hóa hồ sơ"]
