"""On Zalo: a notice of absence typed as «xin vắng …», attendance confirmed with «thamdu»,
/start, and one short hint for text that is no command."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conversations.zalo.conversation import Conversation
from domain.audit import OPERATOR
from domain.invites import create_invite
from locales import t
from storage.models import AbsenceNotice, AttendanceConfirmation, Member, OutboxMessage
from tests.dialogs.seed import NOW, SECRETARY_TG, Seeded
from tests.zalo.chat import ZaloChat

Db = async_sessionmaker[AsyncSession]


async def _member(db: Db, seeded: Seeded, conversation: Conversation) -> ZaloChat:
    async with db() as session, session.begin():
        invite = await create_invite(session, OPERATOR, cell_id=seeded.cell_id, now=NOW)
    lan = ZaloChat(conversation, "z-lan", name="Vũ Thị Lan")
    await lan.script(invite.code, "1")
    return lan


async def test_xin_vang_sends_a_notice_for_the_next_meeting(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    lan = await _member(session_factory, seeded, conversation)
    assert await lan.send("Xin vắng") == t("zalo-absence-how")
    answer = await lan.send("Xin   vắng Đi công tác <Đà Nẵng>")
    assert answer == t("zalo-absence-sent", date="05/04/2026", time="14:00")
    async with session_factory() as session:
        reasons = list(await session.scalars(select(AbsenceNotice.reason)))
        secretary = await session.scalar(
            select(Member.id).where(Member.telegram_id == SECRETARY_TG)
        )
        told = list(await session.scalars(select(OutboxMessage.member_id)))
    assert reasons == ["Đi công tác <Đà Nẵng>"]
    assert secretary in told
    # A second notice replaces the reason; a reason with no letters is refused, kept as was.
    await lan.send("xin vang bị ốm")
    refused = await lan.send("xin vắng 🙏🙏")
    assert t("error-text-no-letters") in refused
    async with session_factory() as session:
        assert list(await session.scalars(select(AbsenceNotice.reason))) == ["bị ốm"]


async def test_thamdu_confirms_the_next_meeting_and_withdraws_a_notice_of_absence(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    lan = await _member(session_factory, seeded, conversation)
    at = {"date": "05/04/2026", "time": "14:00"}
    assert t("zalo-attendance-how", **at) in await lan.send("lich")
    await lan.send("xin vắng đi công tác")
    assert t("zalo-attendance-absent", reason="đi công tác", **at) in await lan.send("3")
    assert await lan.send("Tham dự") == t("zalo-attendance-sent", **at)
    assert t("zalo-attendance-confirmed", **at) in await lan.send("lich")
    await lan.send("thamdu")  # a second time: still one confirmation
    async with session_factory() as session:
        confirmed = list(await session.scalars(select(AttendanceConfirmation.member_id)))
        notices = list(await session.scalars(select(AbsenceNotice.id)))
        lan_id = await session.scalar(select(Member.id).where(Member.zalo_user_id == "z-lan"))
    assert confirmed == [lan_id] and notices == []


async def test_start_opens_the_menu_and_other_text_gets_one_short_hint(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    lan = await _member(session_factory, seeded, conversation)
    assert "Gõ 1 (kehoach)" in await lan.send("/start")
    before = len(lan.said)
    answer = await lan.send("chào trợ lý")
    assert lan.said[before:] == [t("zalo-not-understood", text="chào trợ lý")]
    assert "Gõ 1 (kehoach)" not in answer
