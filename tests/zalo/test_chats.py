"""Where answers go: to ``message.chat.id``; a group chat is told once that chibo works in
private chats only, and nothing else happens there."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conversations.zalo.conversation import Conversation
from domain.audit import OPERATOR
from domain.invites import create_invite
from locales import t
from storage.models import FsmRecord, Member
from tests.dialogs.seed import NOW, Seeded
from tests.zalo.chat import text_update

Db = async_sessionmaker[AsyncSession]


def in_chat(update: dict[str, Any], chat_id: str, chat_type: str) -> dict[str, Any]:
    update["message"]["chat"] = {"id": chat_id, "chat_type": chat_type}
    return update


async def test_a_group_chat_is_told_once_that_chibo_works_in_private_and_nothing_else_happens(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    async with session_factory() as session, session.begin():
        invite = await create_invite(session, OPERATOR, cell_id=seeded.cell_id, now=NOW)
    first = await conversation.receive(in_chat(text_update("z-lan", "menu"), "g-cell", "GROUP"))
    assert first.chat_id == "g-cell" and first.fresh
    assert first.replies == [t("zalo-private-only")]
    # Later messages in the group, an invite code among them, change nothing and get no answer.
    for user, text in [("z-lan", invite.code), ("z-hong", "1"), ("z-hong", "baocao")]:
        later = await conversation.receive(in_chat(text_update(user, text), "g-cell", "GROUP"))
        assert (later.chat_id, later.replies) == ("g-cell", [])
    async with session_factory() as session:
        members = await session.scalar(select(func.count()).where(Member.zalo_user_id.is_not(None)))
        states = list(await session.scalars(select(FsmRecord.key).where(FsmRecord.state == "zalo")))
    assert members == 0
    assert states == ["zalo:g-cell"]  # only the note that the group was told
    # In private the same person is answered as a stranger, in their own chat.
    private = await conversation.receive(text_update("z-lan", "menu"))
    assert private.chat_id == "z-lan" and "mã mời" in private.replies[0]


async def test_answers_go_to_the_chat_the_message_came_from(conversation: Conversation) -> None:
    update = in_chat(text_update("z-lan", "menu"), "c-private-lan", "PRIVATE")
    received = await conversation.receive(update)
    assert received.chat_id == "c-private-lan" and received.replies
