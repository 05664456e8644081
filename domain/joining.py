"""Joining a cell from chat: the invite does the work, the cell's leaders are told."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from domain.invites import JoinResult, join_with_invite
from domain.reach import outbox_payload, reachable
from storage.outbox import enqueue


async def join_cell(
    session: AsyncSession,
    code: str,
    telegram_id: int | None,
    full_name: str,
    now: datetime,
    *,
    zalo_user_id: str | None = None,
) -> JoinResult:
    """Join with an invite code; the secretary and deputies hear of it either way."""
    result = await join_with_invite(
        session, code, telegram_id, full_name, now, zalo_user_id=zalo_user_id
    )
    if result.pending:
        payload = outbox_payload(
            "join-notify-pending", name=result.full_name, cell=result.cell_name
        )
    else:
        payload = outbox_payload("join-notify-joined", name=result.full_name, cell=result.cell_name)
    for leader in result.notify:
        if not reachable(leader):
            continue
        await enqueue(
            session,
            now=now,
            key=f"member-joined:{result.member_id}:{now.isoformat()}:{leader.member_id}",
            kind="member_joined",
            member_id=leader.member_id,
            chat_id=leader.telegram_id,
            payload=payload,
        )
    return result
