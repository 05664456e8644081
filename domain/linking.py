"""One person, two messengers: linking a Zalo account to a member, and where reminders go.

A member already on Telegram asks for a one-time code there and types it on Zalo; the
code names the member, so nobody can link an account to someone else's record.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record
from domain.errors import DomainError
from domain.invites import new_code, normalize_code
from domain.permissions import Action, Actor, require
from domain.vocabulary import Channel
from storage.models import Member, ZaloLinkCode

LINK_CODE_LIFETIME = timedelta(hours=24)


async def create_link_code(
    session: AsyncSession, actor: Actor | None, now: datetime
) -> ZaloLinkCode:
    """A fresh one-time code for the actor's own record, valid for a day."""
    # Linking one's own account is the member's own business, like their own plan.
    actor = require(actor, Action.OWN_PLAN)
    code = new_code()
    while await session.get(ZaloLinkCode, code) is not None:
        code = new_code()
    link = ZaloLinkCode(
        code=code, member_id=actor.member_id, expires_at=now + LINK_CODE_LIFETIME, created_at=now
    )
    session.add(link)
    await session.flush()
    record(session, actor.member_id, "zalo.link-code", "member", actor.member_id)
    return link


async def is_link_code(session: AsyncSession, text: str) -> bool:
    return await session.get(ZaloLinkCode, normalize_code(text)) is not None


async def link_zalo(session: AsyncSession, code: str, zalo_user_id: str, now: datetime) -> Member:
    """Link ``zalo_user_id`` to the member who asked for ``code``; the code is used up."""
    normalized = normalize_code(code)
    taken = await session.scalar(select(Member.id).where(Member.zalo_user_id == zalo_user_id))
    if taken is not None:
        raise DomainError("error-zalo-already-linked")
    used = await session.execute(
        update(ZaloLinkCode)
        .where(
            ZaloLinkCode.code == normalized,
            ZaloLinkCode.used_at.is_(None),
            ZaloLinkCode.expires_at > now,
        )
        .values(used_at=now)
        .returning(ZaloLinkCode.member_id)
    )
    member_id = used.scalar()
    if member_id is None:
        raise DomainError("error-zalo-link-code-invalid", code=normalized)
    member = await session.get(Member, member_id)
    assert member is not None  # the code's row cascades with its member
    member.zalo_user_id = zalo_user_id
    await session.flush()
    record(session, member.id, "zalo.link", "member", member.id)
    return member


async def set_reminder_channel(
    session: AsyncSession, actor: Actor | None, channel: Channel
) -> Member:
    """Reminders to the actor go through ``channel``, which must be one they can read."""
    actor = require(actor, Action.OWN_PLAN)
    member = await session.get(Member, actor.member_id)
    assert member is not None
    linked = member.zalo_user_id if channel is Channel.ZALO else member.telegram_id
    if linked is None:
        raise DomainError("error-channel-not-linked")
    member.reminder_channel = channel
    await session.flush()
    record(session, member.id, "member.reminder-channel", "member", member.id, channel=channel)
    return member


async def wrote_on_zalo(session: AsyncSession, zalo_user_id: str) -> bool:
    """A person who writes to the bot can be written to: the member with this Zalo account,
    if marked unreachable after failed deliveries, is reachable again. Whether it changed."""
    result = await session.execute(
        update(Member)
        .where(Member.zalo_user_id == zalo_user_id, Member.reachable.is_(False))
        .values(reachable=True)
    )
    return bool(getattr(result, "rowcount", 0))
