"""Writing into the outbox: once per idempotency key, whatever happens around it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage, OutboxStatus
from storage.upsert import insert_for


async def enqueue(
    session: AsyncSession,
    *,
    key: str,
    kind: str,
    payload: dict[str, Any],
    now: datetime,
    chat_id: int | None = None,
    member_id: int | None = None,
    not_before: datetime | None = None,
    channel: str = "telegram",
    status: OutboxStatus = OutboxStatus.PENDING,
    reason: str | None = None,
) -> bool:
    """Add a message to deliver at ``not_before`` (default ``now``); a key already present
    adds nothing. True if added.

    ``status=DROPPED`` with a ``reason`` records a reminder that is no longer worth
    sending, so that it is counted and never tried again.
    """
    insert = insert_for(session)
    statement = (
        insert(OutboxMessage)
        .values(
            idempotency_key=key,
            kind=kind,
            channel=channel,
            chat_id=chat_id,
            member_id=member_id,
            payload=payload,
            status=status,
            attempts=0,
            not_before=not_before or now,
            last_error=reason,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=[OutboxMessage.idempotency_key])
        .returning(OutboxMessage.id)
    )
    return (await session.execute(statement)).scalar() is not None
