"""Updates and messages already handled, per channel, shared by every bot worker.

A platform delivers again what it thinks was not received (a late webhook answer, a crash
before the poll offset moved on), and any worker may get the copy. The first worker to
record a key handles it; the others see a replay. Keys: ``telegram:<update id>`` and
Zalo's message ids. A key older than ``REPLAY_WINDOW`` counts as new again: Telegram
starts its update ids anew after a week without updates.

The Zalo webhook records a key with the update itself (``payload``) and answers at once;
the update is handled later, and ``claim`` marks it handled in the transaction of its
effects, so a crash in between loses nothing and handles nothing twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import InboundMessage
from storage.upsert import insert_for

REPLAY_WINDOW = timedelta(days=3)
# Old keys are swept every this many updates, not on every one.
SWEEP_EVERY = 500


async def first_time_seen(
    session: AsyncSession, key: str, now: datetime, payload: dict[str, Any] | None = None
) -> bool:
    """Record ``key`` (with the update to handle later, if given); False when it was
    recorded within the window (a replay)."""
    statement = (
        insert_for(session)(InboundMessage)
        .values(message_id=key, received_at=now, payload=payload)
        .on_conflict_do_update(
            index_elements=[InboundMessage.message_id],
            set_={"received_at": now, "payload": payload, "handled_at": None},
            where=InboundMessage.received_at < now - REPLAY_WINDOW,
        )
        .returning(InboundMessage.message_id)
    )
    return (await session.execute(statement)).scalar() is not None


async def claim(session: AsyncSession, key: str, now: datetime) -> bool:
    """Mark a stored update handled, its payload dropped; False when it was already (by
    another process, or before a restart)."""
    statement = (
        update(InboundMessage)
        .where(InboundMessage.message_id == key, InboundMessage.handled_at.is_(None))
        .where(InboundMessage.payload.is_not(None))
        .values(handled_at=now, payload=None)
        .returning(InboundMessage.message_id)
    )
    return (await session.execute(statement)).scalar() is not None


async def unhandled(session: AsyncSession) -> list[dict[str, Any]]:
    """The stored updates not handled yet, oldest first."""
    rows = await session.scalars(
        select(InboundMessage.payload)
        .where(InboundMessage.payload.is_not(None), InboundMessage.handled_at.is_(None))
        .order_by(InboundMessage.received_at, InboundMessage.message_id)
    )
    return [payload for payload in rows if payload is not None]


async def forget_old_messages(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(
        # An update stored and never handled is kept, however old.
        delete(InboundMessage).where(
            InboundMessage.received_at < now - REPLAY_WINDOW, InboundMessage.payload.is_(None)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


class ReplayGuard:
    """``first_time_seen`` for one process's stream of updates, the old keys swept every
    ``SWEEP_EVERY`` records instead of on each one."""

    def __init__(self) -> None:
        self._recorded = 0

    async def first_time(
        self,
        session: AsyncSession,
        key: str,
        now: datetime,
        payload: dict[str, Any] | None = None,
    ) -> bool:
        self._recorded += 1
        if self._recorded % SWEEP_EVERY == 0:
            await forget_old_messages(session, now)
        return await first_time_seen(session, key, now, payload)
