"""The delivery worker against the Telegram stand-in: flood waits, 5xx, blocked users."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from delivery.senders import TelegramSender
from delivery.worker import DeliveryPolicy, DeliveryWorker
from domain.clock import FixedClock
from domain.vocabulary import Role
from emulator import Emulator, EmulatorConfig, RateLimits
from storage.db import create_session_factory
from storage.models import Member, OutboxMessage, OutboxStatus
from tests.scheduler import factories
from tests.scheduler.emulated import (
    CLOCK,
    TOKEN,
    count_status,
    fill,
    reminders,
    start_emulator,
    wait_until,
)

NOW = datetime(2027, 3, 9, 9, 0, tzinfo=UTC)


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = await start_emulator()
    yield emulator
    await emulator.stop()


@pytest.fixture
def db(sqlite_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(sqlite_engine)


@pytest.fixture
async def sender(emu: Emulator) -> AsyncIterator[TelegramSender]:
    # No flood retries inside the limiter: these tests look at what the worker does.
    telegram = TelegramSender(TOKEN, emu.base_url, flood_retries=0, overall_per_second=0)
    await telegram.start()
    yield telegram
    await telegram.close()


def worker(
    db: async_sessionmaker[AsyncSession], sender: TelegramSender, clock: FixedClock, **policy: float
) -> DeliveryWorker:
    return DeliveryWorker(db, sender, "w1", DeliveryPolicy(**policy), clock=clock)  # type: ignore[arg-type]


async def rows(db: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
    async with db() as session:
        return list((await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all())


async def test_retry_after_is_honoured(
    emu: Emulator, db: async_sessionmaker[AsyncSession], sender: TelegramSender
) -> None:
    emu.add_persona(1001, "Lan", started=True)
    await fill(db, reminders([1001]))
    emu.config.faults.update({"share_429": 1.0, "retry_after": 30, "methods": ["sendMessage"]})
    clock = FixedClock(NOW)
    delivery = worker(db, sender, clock)
    assert await delivery.drain_once() == 1
    (row,) = await rows(db)
    assert row.status is OutboxStatus.PENDING
    assert row.not_before == NOW + timedelta(seconds=30)
    assert row.attempts == 0  # a flood wait is not a failed attempt
    emu.config.faults.update({"share_429": 0.0})
    clock.set(NOW + timedelta(seconds=29))
    assert await delivery.drain_once() == 0  # still waiting as told
    clock.set(NOW + timedelta(seconds=30))
    assert await delivery.drain_once() == 1
    assert emu.sent_count(1001) == 1
    assert emu.stats()["injected_429"] >= 1


async def test_flood_control_waits_inside_the_rate_limiter(
    db: async_sessionmaker[AsyncSession],
) -> None:
    # Telegram's real per-chat limit: one message a second, no burst.
    config = EmulatorConfig(limits=RateLimits(global_rate=0, chat_rate=1, chat_burst=1))
    emulator = await start_emulator(config)
    emulator.add_persona(1001, "Lan", started=True)
    telegram = TelegramSender(TOKEN, emulator.base_url, flood_retries=3, overall_per_second=0)
    await telegram.start()
    try:
        await fill(db, [
            *reminders([1001]),
            *[m.__class__(f"more:{i}", m.kind, m.chat_id, None, m.payload, m.not_before)
              for i, m in enumerate(reminders([1001, 1001]))],
        ])  # fmt: skip
        delivery = DeliveryWorker(db, telegram, "w1", DeliveryPolicy(concurrency=1), clock=CLOCK)
        assert await delivery.drain_once() == 3
        assert await count_status(db, OutboxStatus.SENT) == 3
        assert emulator.sent_count(1001) == 3
        assert emulator.stats()["flood_429"] >= 1  # it was told to wait, and did
    finally:
        await telegram.close()
        await emulator.stop()


async def test_server_errors_are_retried_with_backoff_then_sent(
    emu: Emulator, db: async_sessionmaker[AsyncSession], sender: TelegramSender
) -> None:
    emu.add_persona(1001, "Lan", started=True)
    await fill(db, reminders([1001]))
    emu.config.faults.update({"share_500": 1.0, "methods": ["sendMessage"]})
    clock = FixedClock(NOW)
    delivery = worker(db, sender, clock, backoff_base_seconds=10)
    await delivery.drain_once()
    (row,) = await rows(db)
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert row.not_before == NOW + timedelta(seconds=10)
    clock.set(NOW + timedelta(seconds=10))
    await delivery.drain_once()
    (row,) = await rows(db)
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 2)
    assert row.not_before == NOW + timedelta(seconds=30)  # 10 s, then 20 s
    emu.config.faults.update({"share_500": 0.0})
    clock.set(NOW + timedelta(seconds=30))
    await delivery.drain_once()
    (row,) = await rows(db)
    assert row.status is OutboxStatus.SENT and row.last_error is None
    assert emu.sent_count(1001) == 1


async def test_server_errors_fail_the_row_after_the_last_attempt(
    emu: Emulator, db: async_sessionmaker[AsyncSession], sender: TelegramSender
) -> None:
    emu.add_persona(1001, "Lan", started=True)
    await fill(db, reminders([1001]))
    emu.config.faults.update({"share_500": 1.0, "methods": ["sendMessage"]})
    clock = FixedClock(NOW)
    delivery = worker(db, sender, clock, max_attempts=3, backoff_base_seconds=1)
    for minute in range(4):
        clock.set(NOW + timedelta(minutes=minute))
        await delivery.drain_once()
    (row,) = await rows(db)
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 3)
    assert row.last_error
    assert emu.sent_count(1001) == 0


async def test_blocked_member_becomes_unreachable_and_the_secretary_is_told(
    emu: Emulator, db: async_sessionmaker[AsyncSession], sender: TelegramSender
) -> None:
    async with db() as session, session.begin():
        cell = await factories.cell(session, "Chi bộ A")
        secretary = await factories.member(session, cell, "Trần Thị Bí", 2001, role=Role.SECRETARY)
        blocked = await factories.member(session, cell, "Võ Văn Chặn", 2002)
    for user_id in (2001, 2002):
        emu.add_persona(user_id, "Đảng viên", started=True)
    emu.world.set_blocked(2002, True)
    two_reminders = reminders([2002])
    two_reminders.append(two_reminders[0].__class__(
        "second", "meeting-soon", 2002, blocked.id, {"text": "Nhắc lần hai"}, NOW,
    ))  # fmt: skip
    two_reminders[0] = two_reminders[0].__class__(
        two_reminders[0].key, "meeting-eve", 2002, blocked.id, two_reminders[0].payload, NOW
    )
    await fill(db, two_reminders)
    clock = FixedClock(NOW)
    delivery = worker(db, sender, clock, concurrency=1)
    await delivery.drain_once()
    async with db() as session:
        member = await session.get(Member, blocked.id)
        assert member is not None and member.reachable is False
    failed = [r for r in await rows(db) if r.chat_id == 2002]
    assert {r.status for r in failed} == {OutboxStatus.FAILED}
    assert all("blocked" in (r.last_error or "") for r in failed)
    notices = [r for r in await rows(db) if r.kind == "member-unreachable"]
    assert len(notices) == 1  # two failed rows, one notice
    assert notices[0].chat_id == 2001 and notices[0].member_id == secretary.id
    await delivery.drain_once()
    (message,) = emu.chat(2001)["messages"]
    assert "Võ Văn Chặn" in message["text"]
    assert emu.sent_count(2002) == 0


async def test_other_bad_requests_fail_with_the_reason(
    emu: Emulator, db: async_sessionmaker[AsyncSession], sender: TelegramSender
) -> None:
    emu.add_persona(1001, "Lan", started=False)  # never pressed Start: "chat not found"
    await fill(db, reminders([1001]))
    await worker(db, sender, FixedClock(NOW)).drain_once()
    (row,) = await rows(db)
    assert row.status is OutboxStatus.FAILED
    assert "chat not found" in (row.last_error or "").lower()


async def test_broadcast_reaches_every_member_exactly_once_with_progress(
    emu: Emulator,
    db: async_sessionmaker[AsyncSession],
    sender: TelegramSender,
    caplog: pytest.LogCaptureFixture,
) -> None:
    chats = list(range(5000, 5250))
    for chat in chats:
        emu.add_persona(chat, "Đảng viên", started=True)
    await fill(db, reminders(chats))
    stop = asyncio.Event()
    delivery = DeliveryWorker(
        db, sender, "w1", DeliveryPolicy(progress_every=100, idle_seconds=0.05), clock=CLOCK
    )

    async def stop_when_drained() -> None:
        async def drained() -> bool:
            return await count_status(db, OutboxStatus.SENT) == len(chats)

        await wait_until(drained)
        stop.set()

    with caplog.at_level(logging.INFO, logger="chibo.delivery"):
        await asyncio.gather(delivery.run(stop), stop_when_drained())
    assert {chat: emu.sent_count(chat) for chat in chats} == dict.fromkeys(chats, 1)
    assert emu.stats()["sent_total"] == len(chats)
    progress = [m for m in caplog.messages if "remaining" in m]
    assert any("sent 100," in m for m in progress) and any("sent 200," in m for m in progress)
