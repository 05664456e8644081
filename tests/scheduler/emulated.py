"""The Telegram stand-in for delivery tests, and helpers to fill the outbox."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery.outbox import NewMessage, enqueue_many
from domain.clock import RunningClock
from emulator import Emulator, EmulatorConfig, RateLimits
from storage.models import OutboxMessage, OutboxStatus

# Telegram's shape: digits, a colon, 35 characters of [A-Za-z0-9_-].
TOKEN = "123456:TEST-chibo-delivery-" + "0" * 15
assert len(TOKEN.split(":")[1]) == 35
# When the rows of these tests fall due; workers that wait in real time (leases, flood
# control, backoff) run on ``CLOCK``, which started there and runs on.
MOMENT = datetime(2027, 3, 9, 9, 0, tzinfo=UTC)
CLOCK = RunningClock(MOMENT)


def unlimited() -> EmulatorConfig:
    return EmulatorConfig(limits=RateLimits(global_rate=0, chat_rate=0, group_rate_per_minute=0))


async def start_emulator(config: EmulatorConfig | None = None) -> Emulator:
    emulator = Emulator(config or unlimited())
    await emulator.start("127.0.0.1", 0)
    return emulator


def reminders(
    chat_ids: list[int], member_ids: list[int | None] | None = None, now: datetime = MOMENT
) -> list[NewMessage]:
    members = member_ids or [None] * len(chat_ids)
    return [
        NewMessage(
            f"test-reminder:{chat}",
            "meeting-eve",
            chat,
            member,
            {"text": f"Nhắc đồng chí <b>{chat}</b>", "parse_mode": "HTML"},
            now,
        )
        for chat, member in zip(chat_ids, members, strict=True)
    ]


async def fill(db: async_sessionmaker[AsyncSession], messages: list[NewMessage]) -> None:
    async with db() as session, session.begin():
        await enqueue_many(session, messages)


async def count_status(db: async_sessionmaker[AsyncSession], status: OutboxStatus) -> int:
    async with db() as session:
        query = select(func.count()).where(OutboxMessage.status == status)
        return int(await session.scalar(query) or 0)


async def wait_until(check: Callable[[], Awaitable[bool]], poll: float = 0.02) -> None:
    """Poll state that lives in another place (the database, another process)."""
    while not await check():  # noqa: ASYNC110 - the state is not in this process's memory
        await asyncio.sleep(poll)
