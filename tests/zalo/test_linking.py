"""A member on Telegram links Zalo with a one-time code from the Telegram menu."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conversations.zalo.conversation import Conversation
from domain.clock import FixedClock
from domain.linking import LINK_CODE_LIFETIME
from domain.vocabulary import Channel
from locales import t
from storage.models import Member
from tests.dialogs.harness import Chat
from tests.dialogs.seed import AN_TG, NOW, Seeded
from tests.zalo.chat import ZaloChat

Db = async_sessionmaker[AsyncSession]


async def _code_from_telegram(db: Db, clock: FixedClock) -> str:
    telegram = Chat(db, AN_TG, clock)
    await telegram.send("/start")
    shown = await telegram.press_id("menu-link-zalo")
    found = re.search(r"\b([A-Z2-9]{8})\b", shown)
    assert found, shown
    await telegram.press_id("button-back")
    assert t("menu-link-zalo") in telegram.captions()
    return found.group(1)


async def test_the_code_from_the_telegram_menu_links_zalo_once_and_reminders_can_move(
    session_factory: Db, seeded: Seeded, clock: FixedClock, conversation: Conversation
) -> None:
    code = await _code_from_telegram(session_factory, clock)
    an = ZaloChat(conversation, "z-an")
    linked = await an.send(code.lower())
    assert "Nguyễn Văn An" in linked and "đang nhận qua Telegram" in linked
    assert "Zalo" in await an.script("nhacnho", "2")
    async with session_factory() as session:
        member = await session.get(Member, seeded.an.member_id)
    assert member is not None
    assert (member.zalo_user_id, member.reminder_channel) == ("z-an", Channel.ZALO)
    assert member.telegram_id == AN_TG

    # The code is spent; a fresh one moves the link to a new Zalo account (a new phone).
    assert "đã dùng" in await ZaloChat(conversation, "z-someone").send(code)
    second = await _code_from_telegram(session_factory, clock)
    assert "Nguyễn Văn An" in await ZaloChat(conversation, "z-an-new").send(second)
    async with session_factory() as session:
        member = await session.get(Member, seeded.an.member_id)
    assert member is not None and member.zalo_user_id == "z-an-new"


async def test_an_expired_code_links_nothing(
    session_factory: Db, seeded: Seeded, clock: FixedClock, conversation: Conversation
) -> None:
    code = await _code_from_telegram(session_factory, clock)
    clock.set(NOW + LINK_CODE_LIFETIME + timedelta(minutes=1))
    assert "hết hạn" in await ZaloChat(conversation, "z-late").send(code)
    async with session_factory() as session:
        member = await session.get(Member, seeded.an.member_id)
    assert member is not None and member.zalo_user_id is None
