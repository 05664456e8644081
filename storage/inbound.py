"""Updates and messages already handled, per channel, shared by every bot worker.

A platform delivers again what it thinks was not received (a late webhook answer, a crash
before the poll offset moved on), and any worker may get the copy. The first worker to
record a key handles it; the others see a replay. Keys: ``telegram:<update id>`` and
Zalo's message ids. A key older than ``REPLAY_WINDOW`` counts as new again: Telegram
starts its update ids anew after a week without updates.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import InboundMessage
from storage.upsert import insert_for

REPLAY_WINDOW = timedelta(days=3)
# Old keys are swept every this many updates, not on every one.
SWEEP_EVERY = 500


async def first_time_seen(session: AsyncSession, key: str, now: datetime) -> bool:
    """Record ``key``; False when it was recorded within the window (a replay)."""
    statement = (
        insert_for(session)(InboundMessage)
        .values(message_id=key, received_at=now)
        .on_conflict_do_update(
            index_elements=[InboundMessage.message_id],
            set_={"received_at": now},
            where=InboundMessage.received_at < now - REPLAY_WINDOW,
        )
        .returning(InboundMessage.message_id)
    )
    return (await session.execute(statement)).scalar() is not None


async def forget_old_messages(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(
        delete(InboundMessage).where(InboundMessage.received_at < now - REPLAY_WINDOW)
    )
    return int(getattr(result, "rowcount", 0) or 0)


class ReplayGuard:
    """``first_time_seen`` for one process's stream of updates, the old keys swept every
    ``SWEEP_EVERY`` records instead of on each one."""

    def __init__(self) -> None:
        self._recorded = 0

    async def first_time(self, session: AsyncSession, key: str, now: datetime) -> bool:
        self._recorded += 1
        if self._recorded % SWEEP_EVERY == 0:
            await forget_old_messages(session, now)
        return await first_time_seen(session, key, now)
