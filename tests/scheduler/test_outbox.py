"""The outbox on SQLite and PostgreSQL: idempotent writes, claims with leases, status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery import outbox
from delivery.outbox import NewMessage
from storage.models import OutboxMessage, OutboxStatus

NOW = datetime(2027, 3, 7, 1, 0, tzinfo=UTC)


def message(key: str, *, at: datetime = NOW) -> NewMessage:
    return NewMessage(key, "test", 1000, None, {"text": key}, at)


async def count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(OutboxMessage)) or 0)


async def test_enqueue_writes_once_per_key(session: AsyncSession) -> None:
    args = {"kind": "test", "chat_id": 1, "member_id": None, "payload": {"text": "a"}}
    assert await outbox.enqueue(session, key="k1", now=NOW, **args)
    assert not await outbox.enqueue(session, key="k1", now=NOW, **args)
    written = await outbox.enqueue_many(session, [message("k1"), message("k2"), message("k3")])
    assert written == ["k2", "k3"]
    assert await outbox.enqueue_many(session, [message("k2"), message("k3")]) == []
    await session.commit()
    assert await count(session) == 3


async def test_claim_takes_due_rows_once_and_retakes_after_the_lease(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session, session.begin():
        await outbox.enqueue_many(
            session,
            [message("due-1"), message("due-2"), message("later", at=NOW + timedelta(hours=1))],
        )
    first = await outbox.claim(session_factory, "w1", 10, 60, NOW)
    assert sorted(row.idempotency_key for row in first) == ["due-1", "due-2"]
    assert all(row.status is OutboxStatus.SENDING and row.claimed_by == "w1" for row in first)
    assert all(row.attempts == 1 for row in first)
    assert await outbox.claim(session_factory, "w2", 10, 60, NOW + timedelta(seconds=59)) == []
    # w1 died: after its lease, w2 takes both rows.
    retaken = await outbox.claim(session_factory, "w2", 10, 60, NOW + timedelta(seconds=61))
    assert sorted(row.idempotency_key for row in retaken) == ["due-1", "due-2"]
    assert all(row.claimed_by == "w2" and row.attempts == 2 for row in retaken)
    # w1 woke up: it may record a delivery, but not take the row back to pending.
    row = retaken[0]
    await outbox.mark_retry(session_factory, row.id, "w1", NOW, "late")
    await outbox.mark_sent(session_factory, retaken[1].id, NOW)
    async with session_factory() as session:
        result = await session.execute(select(OutboxMessage.id, OutboxMessage.status))
        states = {row_id: state for row_id, state in result}
    assert states[row.id] is OutboxStatus.SENDING
    assert states[retaken[1].id] is OutboxStatus.SENT


async def test_status_and_retry_failed(session_factory: async_sessionmaker[AsyncSession]) -> None:
    async with session_factory() as session, session.begin():
        await outbox.enqueue_many(session, [message(f"m{i}") for i in range(5)])
        await outbox.enqueue_many(
            session,
            [NewMessage("gone", "test", 1, None, {}, NOW, OutboxStatus.DROPPED, "past grace")],
        )
    rows = await outbox.claim(session_factory, "w", 3, 60, NOW)
    await outbox.mark_sent(session_factory, rows[0].id, NOW + timedelta(minutes=1))
    await outbox.mark_sent(session_factory, rows[1].id, NOW + timedelta(minutes=2))
    await outbox.mark_failed(session_factory, rows[2].id, "w", "Bad Request: chat not found")
    async with session_factory() as session:
        report = await outbox.status(session, NOW + timedelta(minutes=3), window_minutes=5)
    assert (report.pending, report.sending, report.sent, report.failed, report.dropped) == (
        2,
        0,
        2,
        1,
        1,
    )
    assert report.oldest_pending is not None and report.oldest_pending.tzinfo is not None
    assert report.sent_recently == 2 and report.rate_per_minute == 2 / 5
    async with session_factory() as session:
        later = await outbox.status(session, NOW + timedelta(minutes=30), window_minutes=5)
    assert later.sent_recently == 0
    async with session_factory() as session, session.begin():
        assert await outbox.retry_failed(session, NOW + timedelta(minutes=4)) == 1
    async with session_factory() as session:
        failed_row = await session.get(OutboxMessage, rows[2].id)
        assert failed_row is not None
        assert failed_row.status is OutboxStatus.PENDING and failed_row.attempts == 0


def test_backoff_doubles_up_to_the_cap() -> None:
    delays = [outbox.backoff(n, 5, 60).total_seconds() for n in range(1, 6)]
    assert delays == [5, 10, 20, 40, 60]
