"""What the Zalo channel keeps: each person's conversation state and the messages handled.

The conversation state sits in ``fsm_records`` under ``zalo:<user id>`` (the Telegram
dialogs' keys never start so), so a draft survives a restart like a dialog does.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import FsmRecord, ZaloInboundMessage
from storage.types import utcnow
from storage.upsert import insert_for

# A delivery replayed later than this is handled again (and the table stays small).
REPLAY_WINDOW = timedelta(days=3)


def _key(user_id: str) -> str:
    return f"zalo:{user_id}"


async def load_state(session: AsyncSession, user_id: str) -> dict[str, Any]:
    data = await session.scalar(select(FsmRecord.data).where(FsmRecord.key == _key(user_id)))
    return dict(data) if data else {}


async def save_state(session: AsyncSession, user_id: str, state: dict[str, Any]) -> None:
    now = utcnow()
    statement = insert_for(session)(FsmRecord).values(
        key=_key(user_id), state="zalo", data=state, updated_at=now
    )
    statement = statement.on_conflict_do_update(
        index_elements=[FsmRecord.key], set_={"data": state, "updated_at": now}
    )
    await session.execute(statement)


async def first_time_seen(session: AsyncSession, message_id: str, now: datetime) -> bool:
    """Record a Zalo message id; False when it was recorded before (a replay)."""
    statement = (
        insert_for(session)(ZaloInboundMessage)
        .values(message_id=message_id, received_at=now)
        .on_conflict_do_nothing(index_elements=[ZaloInboundMessage.message_id])
        .returning(ZaloInboundMessage.message_id)
    )
    return (await session.execute(statement)).scalar() is not None


async def forget_old_messages(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(
        delete(ZaloInboundMessage).where(ZaloInboundMessage.received_at < now - REPLAY_WINDOW)
    )
    return int(getattr(result, "rowcount", 0) or 0)
