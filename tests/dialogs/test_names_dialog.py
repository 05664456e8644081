"""Names at join in Vietnamese order from a Telegram profile; a leader corrects a name."""

from __future__ import annotations

import html
import unicodedata

from aiogram.types import User
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import OPERATOR
from domain.clock import FixedClock
from domain.invites import create_invite
from locales import t
from storage.models import AuditEntry, Member
from tests.dialogs.harness import Chat
from tests.dialogs.secretary.chat import LeaderChat
from tests.dialogs.seed import NOW, seed
from tests.exports.world import NOW as WORLD_NOW
from tests.exports.world import build_world

Db = async_sessionmaker[AsyncSession]
NEWCOMER_TG = 9100


async def _newcomer(db: Db, first: str, last: str | None) -> tuple[Chat, str]:
    cell = await seed(db)
    async with db() as session, session.begin():
        code = (await create_invite(session, OPERATOR, cell_id=cell.cell_id, now=NOW)).code
    chat = Chat(db, NEWCOMER_TG, FixedClock(NOW))
    chat.client.user = User(
        id=NEWCOMER_TG, is_bot=False, first_name=first, last_name=last, language_code="vi"
    )
    return chat, code


async def _stored_name(db: Db) -> str | None:
    async with db() as session:
        return await session.scalar(
            select(Member.full_name).where(Member.telegram_id == NEWCOMER_TG)
        )


async def test_join_proposes_the_family_name_first(session_factory: Db) -> None:
    chat, code = await _newcomer(session_factory, "Đức", "Phùng Anh")
    text = await chat.send(f"/start {code}")
    assert "Họ và tên của đồng chí: <b>Phùng Anh Đức</b>" in text
    assert t("join-name-reordered", telegram_name="Đức Phùng Anh") in text
    assert t("join-edit-name") in chat.captions()
    text = await chat.press_id("join-button")
    assert "Chào mừng đồng chí Phùng Anh Đức" in text
    assert await _stored_name(session_factory) == "Phùng Anh Đức"


async def test_a_profile_already_in_the_written_order_is_kept(session_factory: Db) -> None:
    chat, code = await _newcomer(session_factory, "Phùng Anh", "Đức")
    text = await chat.send(f"/start {code}")
    assert "<b>Phùng Anh Đức</b>" in text
    assert "thứ tự họ trước" not in text  # nothing was reordered, nothing to explain
    await chat.press_id("join-button")
    assert await _stored_name(session_factory) == "Phùng Anh Đức"


async def test_the_member_corrects_the_proposal_before_joining(session_factory: Db) -> None:
    chat, code = await _newcomer(session_factory, "Đức", "Phùng Anh")
    await chat.send(f"/start {code}")
    await chat.press_id("join-edit-name")
    text = await chat.send(unicodedata.normalize("NFD", "Phùng Đức Anh"))
    assert "<b>Phùng Đức Anh</b>" in text and "thứ tự họ trước" not in text
    await chat.press_id("join-button")
    assert await _stored_name(session_factory) == unicodedata.normalize("NFC", "Phùng Đức Anh")


async def test_a_secretary_corrects_a_members_name(session_factory: Db) -> None:
    async with session_factory() as session:
        world = await build_world(session)
    chat = LeaderChat(session_factory, 1001, FixedClock(WORLD_NOW))
    await chat.open("sec-open-roster")
    await chat.press_id("sec-roster-unlinked", name="Phạm Thị Dung")
    text = await chat.press_id("sec-rename")
    assert "Phạm Thị Dung › Sửa họ tên" in text
    text = await chat.send("   ")
    assert html.escape(t("error-name-empty"), quote=False) in text and "Sửa họ tên" in text
    text = await chat.send("Phạm " * 30)
    assert html.escape(t("error-name-too-long", max=120, length=149), quote=False) in text
    text = await chat.send(unicodedata.normalize("NFD", " Phạm  Thị Thùy <Dung> "))
    assert t("sec-member-renamed", name="Phạm Thị Thùy &lt;Dung&gt;") in text
    assert "<b>Phạm Thị Thùy &lt;Dung&gt;</b>" in text  # back on the member's card
    async with session_factory() as session:
        member = await session.get(Member, world.silent_a)
        entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "member.rename"))
    assert member is not None
    assert member.full_name == unicodedata.normalize("NFC", "Phạm Thị Thùy <Dung>")
    assert entry is not None and entry.actor_member_id == world.secretary_a.member_id
    assert entry.details["previous_full_name"] == "Phạm Thị Dung"


async def test_a_secretary_cannot_rename_another_cells_member(session_factory: Db) -> None:
    async with session_factory() as session:
        world = await build_world(session)
    chat = LeaderChat(session_factory, 1001, FixedClock(WORLD_NOW))
    await chat.open("sec-open-roster")
    data = chat.callback_data(t("sec-roster-unlinked", name="Phạm Thị Dung"))
    intent = data.split("\x1d")[0]
    # Cell B's secretary, picked with made-up data, then the rename button pressed by hand.
    await chat.press_data(data.rsplit(":", 1)[0] + f":{world.secretary_b.member_id}")
    assert t("sec-rename") not in chat.captions()
    await chat.press_data(f"{intent}\x1drename")
    text = await chat.send("Đỗ Văn Phúc Mới")
    assert t("error-permission-denied") in text
    async with session_factory() as session:
        other = await session.get(Member, world.secretary_b.member_id)
        renamed = await session.scalar(
            select(AuditEntry.id).where(AuditEntry.action == "member.rename")
        )
    assert other is not None and other.full_name == "Đỗ Văn Phúc" and renamed is None
