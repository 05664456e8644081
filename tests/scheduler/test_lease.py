"""A worker's lease: short, renewed while the worker lives, lost only when it dies.

The clock is the test's own: it jumps past the lease while a send is held, so only a
renewal can keep the row from another worker's claim."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery import outbox
from delivery.outbox import NewMessage
from delivery.worker import DeliveryPolicy, DeliveryWorker
from domain.clock import FixedClock
from storage.models import OutboxMessage, OutboxStatus
from tests.scheduler.emulated import wait_until

NOW = datetime(2027, 3, 7, 1, 0, tzinfo=UTC)
LEASE = 0.3  # seconds; the heartbeat beats every tenth of a second


class HeldSender:
    """Holds every send until released, as a slow network or a long flood wait would."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.release = asyncio.Event()
        self.sent: list[int] = []

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def send(self, chat_id: int, payload: Mapping[str, Any]) -> None:
        self.entered.set()
        await self.release.wait()
        self.sent.append(chat_id)


async def _lease_until(db: async_sessionmaker[AsyncSession]) -> datetime:
    async with db() as session:
        until: datetime | None = await session.scalar(select(OutboxMessage.lease_until))
    assert until is not None
    return until if until.tzinfo else until.replace(tzinfo=UTC)


async def _sending(
    db: async_sessionmaker[AsyncSession],
) -> tuple[FixedClock, HeldSender, asyncio.Task[int]]:
    """One row in the outbox, worker w1 draining it, its send held."""
    async with db() as session, session.begin():
        await outbox.enqueue_many(
            session, [NewMessage("k", "test", 1000, None, {"text": "a"}, NOW)]
        )
    clock = FixedClock(NOW)
    sender = HeldSender()
    policy = DeliveryPolicy(lease_seconds=LEASE, lease_margin_seconds=0)
    worker = DeliveryWorker(db, sender, "w1", policy, clock=clock)
    draining = asyncio.create_task(worker.drain_once())
    await asyncio.wait_for(sender.entered.wait(), 30)
    return clock, sender, draining


async def test_a_live_worker_keeps_its_rows_past_the_first_lease(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    clock, sender, draining = await _sending(session_factory)
    assert await _lease_until(session_factory) == NOW + timedelta(seconds=LEASE)

    # An hour on the clock: the first lease is long gone, but w1 is alive and beating.
    clock.advance(timedelta(hours=1))

    async def renewed() -> bool:
        return await _lease_until(session_factory) > clock.now()

    await asyncio.wait_for(wait_until(renewed), 30)
    assert await outbox.claim(session_factory, "w2", 10, LEASE, clock.now()) == []

    sender.release.set()
    assert await asyncio.wait_for(draining, 30) == 1
    assert sender.sent == [1000]
    async with session_factory() as session:
        row = await session.scalar(select(OutboxMessage))
    assert row is not None and row.status is OutboxStatus.SENT and row.attempts == 1


async def test_a_dead_workers_rows_are_taken_once_its_lease_ends(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    clock, _, draining = await _sending(session_factory)
    draining.cancel()  # w1 dies mid-send: no heartbeat any more
    await asyncio.gather(draining, return_exceptions=True)
    assert await outbox.claim(session_factory, "w2", 10, LEASE, clock.now()) == []
    clock.advance(timedelta(seconds=LEASE + 0.01))
    retaken = await outbox.claim(session_factory, "w2", 10, LEASE, clock.now())
    assert [row.claimed_by for row in retaken] == ["w2"]


def test_the_default_lease_is_short() -> None:
    """A dead worker's rows wait at most half a minute (issue: 5 minutes before)."""
    policy = DeliveryPolicy()
    assert policy.lease_seconds <= 30
    assert 0 < policy.lease_margin_seconds < policy.lease_seconds / 2
