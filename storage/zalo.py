"""What the Zalo channel keeps: each person's conversation state (the messages handled are
in ``storage.inbound``, shared with Telegram).

The conversation state sits in ``fsm_records`` under ``zalo:<user id>`` (the Telegram
dialogs' keys never start so), so a draft survives a restart like a dialog does.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import FsmRecord
from storage.types import utcnow
from storage.upsert import insert_for


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
