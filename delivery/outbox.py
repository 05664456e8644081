"""The outbox: messages to deliver, written by jobs, drained by delivery workers.

Every row has a unique idempotency key, so writing the same reminder twice writes it
once. A worker *claims* a batch: the rows become ``SENDING`` with a short lease that the
worker renews while it is alive (``renew``), and another worker takes a row only after its
lease ran out (the first worker died). On
PostgreSQL the claim locks with ``FOR UPDATE SKIP LOCKED`` so workers never wait for
one another; SQLite has a single writer, so the same ``UPDATE … RETURNING`` is atomic
there by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Update, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import OutboxMessage, OutboxStatus
from storage.outbox import enqueue
from storage.types import utcnow
from storage.upsert import insert_for

SessionFactory = async_sessionmaker[AsyncSession]

__all__ = ["NewMessage", "SessionFactory", "enqueue", "enqueue_many"]


@dataclass(frozen=True)
class NewMessage:
    """One row for ``enqueue_many``."""

    key: str
    kind: str
    chat_id: int
    member_id: int | None
    payload: dict[str, Any]
    not_before: datetime
    status: OutboxStatus = OutboxStatus.PENDING
    reason: str | None = None


# Rows per INSERT: well under SQLite's and asyncpg's bound-parameter limits.
_CHUNK = 500
# ``chibo outbox status`` names this many reasons of failed rows.
REASONS_SHOWN = 5


async def enqueue_many(session: AsyncSession, messages: Sequence[NewMessage]) -> list[str]:
    """``enqueue`` for many rows in a few statements; the keys actually written."""
    insert = insert_for(session)
    created = utcnow()
    written: list[str] = []
    for start in range(0, len(messages), _CHUNK):
        chunk = messages[start : start + _CHUNK]
        statement = (
            insert(OutboxMessage)
            .values(
                [
                    {
                        "idempotency_key": m.key,
                        "kind": m.kind,
                        "channel": "telegram",
                        "chat_id": m.chat_id,
                        "member_id": m.member_id,
                        "payload": m.payload,
                        "status": m.status,
                        "attempts": 0,
                        "not_before": m.not_before,
                        "last_error": m.reason,
                        "created_at": created,
                    }
                    for m in chunk
                ]
            )
            .on_conflict_do_nothing(index_elements=[OutboxMessage.idempotency_key])
            .returning(OutboxMessage.idempotency_key)
        )
        written.extend((await session.scalars(statement)).all())
    return written


def _claimable(now: datetime) -> Any:
    return or_(
        and_(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.not_before <= now),
        # A worker that claimed the row and died: its lease ran out.
        and_(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.lease_until < now),
    )


async def claim(
    session_factory: SessionFactory,
    worker_id: str,
    limit: int,
    lease_seconds: float,
    now: datetime,
) -> list[OutboxMessage]:
    """Take up to ``limit`` due rows for ``worker_id`` until ``now + lease_seconds``."""
    candidates = (
        select(OutboxMessage.id)
        .where(_claimable(now))
        .order_by(OutboxMessage.not_before, OutboxMessage.id)
        .limit(limit)
        # Rendered on PostgreSQL only; SQLite serialises writers anyway.
        .with_for_update(skip_locked=True)
    )
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(candidates.scalar_subquery()))
        .values(
            status=OutboxStatus.SENDING,
            lease_until=now + timedelta(seconds=lease_seconds),
            claimed_by=worker_id,
            attempts=OutboxMessage.attempts + 1,
        )
        .returning(OutboxMessage)
        .execution_options(synchronize_session=False)
    )
    async with session_factory() as session, session.begin():
        rows = list((await session.scalars(statement)).all())
    return sorted(rows, key=lambda row: (row.not_before, row.id))


async def renew(session_factory: SessionFactory, worker_id: str, until: datetime) -> int:
    """A live worker's heartbeat: every row it holds keeps its lease until ``until``."""
    async with session_factory() as session, session.begin():
        result = await session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.status == OutboxStatus.SENDING,
                OutboxMessage.claimed_by == worker_id,
            )
            .values(lease_until=until)
            .returning(OutboxMessage.id)
        )
        return len(result.all())


async def mark_sent(session_factory: SessionFactory, row_id: int, now: datetime) -> None:
    """Record a delivery in its own transaction, right after the API said yes."""
    async with session_factory() as session, session.begin():
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id)
            .values(
                status=OutboxStatus.SENT,
                sent_at=now,
                lease_until=None,
                last_error=None,
            )
        )


def still_mine(row_id: int, worker_id: str) -> Any:
    # After a lost lease another worker owns the row: leave it to them.
    return and_(
        OutboxMessage.id == row_id,
        OutboxMessage.status == OutboxStatus.SENDING,
        OutboxMessage.claimed_by == worker_id,
    )


async def mark_retry(
    session_factory: SessionFactory,
    row_id: int,
    worker_id: str,
    not_before: datetime,
    error: str,
    *,
    count_attempt: bool = True,
) -> None:
    """Back to pending until ``not_before``; a flood wait does not count as an attempt."""
    values: dict[str, Any] = {
        "status": OutboxStatus.PENDING,
        "not_before": not_before,
        "lease_until": None,
        "claimed_by": None,
        "last_error": error,
    }
    if not count_attempt:
        values["attempts"] = OutboxMessage.attempts - 1
    async with session_factory() as session, session.begin():
        await session.execute(
            update(OutboxMessage).where(still_mine(row_id, worker_id)).values(**values)
        )


def fail_statement(row_id: int, worker_id: str, error: str) -> Update:
    return (
        update(OutboxMessage)
        .where(still_mine(row_id, worker_id))
        .values(status=OutboxStatus.FAILED, lease_until=None, last_error=error[:2000])
    )


async def mark_failed(
    session_factory: SessionFactory, row_id: int, worker_id: str, error: str
) -> None:
    async with session_factory() as session, session.begin():
        await session.execute(fail_statement(row_id, worker_id, error))


async def release(session_factory: SessionFactory, row_ids: Sequence[int], worker_id: str) -> int:
    """Give back claimed rows this worker will not send (it is stopping)."""
    if not row_ids:
        return 0
    async with session_factory() as session, session.begin():
        result = await session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(row_ids),
                OutboxMessage.status == OutboxStatus.SENDING,
                OutboxMessage.claimed_by == worker_id,
            )
            .values(
                status=OutboxStatus.PENDING,
                lease_until=None,
                claimed_by=None,
                attempts=OutboxMessage.attempts - 1,
            )
            .returning(OutboxMessage.id)
        )
        return len(result.all())


def backoff(attempts: int, base: float, cap: float) -> timedelta:
    """Exponential: base, 2·base, 4·base … at most ``cap`` seconds."""
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class OutboxStatusReport:
    """What ``chibo outbox status`` shows."""

    pending: int
    sending: int
    sent: int
    failed: int
    dropped: int
    oldest_pending: datetime | None
    sent_recently: int
    window_minutes: int
    # The commonest reasons of failed rows, with how many rows each, most first.
    failure_reasons: tuple[tuple[str, int], ...] = ()

    @property
    def rate_per_minute(self) -> float:
        return self.sent_recently / self.window_minutes if self.window_minutes else 0.0


async def status(
    session: AsyncSession, now: datetime, window_minutes: int = 5
) -> OutboxStatusReport:
    """Counts by status, the oldest pending row, and the rate over the last minutes."""
    counts = dict(
        (
            await session.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            )
        ).all()
    )
    since = now - timedelta(minutes=window_minutes)
    oldest, recent = (
        await session.execute(
            select(
                select(func.min(OutboxMessage.created_at))
                .where(OutboxMessage.status == OutboxStatus.PENDING)
                .scalar_subquery(),
                select(func.count())
                .where(OutboxMessage.status == OutboxStatus.SENT, OutboxMessage.sent_at >= since)
                .scalar_subquery(),
            )
        )
    ).one()
    reasons = await session.execute(
        select(OutboxMessage.last_error, func.count())
        .where(OutboxMessage.status == OutboxStatus.FAILED)
        .group_by(OutboxMessage.last_error)
        .order_by(func.count().desc(), OutboxMessage.last_error)
        .limit(REASONS_SHOWN)
    )
    return OutboxStatusReport(
        failure_reasons=tuple((reason or "", int(n)) for reason, n in reasons.all()),
        pending=counts.get(OutboxStatus.PENDING, 0),
        sending=counts.get(OutboxStatus.SENDING, 0),
        sent=counts.get(OutboxStatus.SENT, 0),
        failed=counts.get(OutboxStatus.FAILED, 0),
        dropped=counts.get(OutboxStatus.DROPPED, 0),
        oldest_pending=oldest,
        sent_recently=int(recent or 0),
        window_minutes=window_minutes,
    )


async def remaining(session: AsyncSession) -> int:
    """Rows still to deliver: pending or being sent."""
    return int(
        await session.scalar(
            select(func.count()).where(
                OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING))
            )
        )
        or 0
    )


async def retry_failed(session: AsyncSession, now: datetime, kind: str | None = None) -> int:
    """Put failed rows back to pending, with fresh attempts; the number put back."""
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.FAILED)
        .values(
            status=OutboxStatus.PENDING,
            attempts=0,
            not_before=now,
            lease_until=None,
            claimed_by=None,
        )
        .returning(OutboxMessage.id)
    )
    if kind is not None:
        statement = statement.where(OutboxMessage.kind == kind)
    return len((await session.execute(statement)).all())
