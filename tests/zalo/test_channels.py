"""A cell on both messengers: reminders reach each member once, on the channel they chose;
the secretary's month counts the members of both."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conversations.zalo.conversation import Conversation
from delivery import render
from delivery.channels import ChannelRouter
from delivery.worker import DeliveryWorker
from delivery.zalo import ZaloSender
from delivery.zalo_api import ZaloApi
from domain.audit import OPERATOR
from domain.clock import FixedClock
from domain.invites import create_invite
from domain.linking import create_link_code
from domain.oversight import view_cell_month
from domain.plans import add_item as add_plan_item
from domain.plans import submit_plan
from domain.reports import add_free_item, open_report, submit_report
from domain.vocabulary import Channel
from emulator.client import ZaloUserClient
from scheduler.reminders import KIND_REPORT, ReminderPolicy, plan_reminders
from storage.models import CellMembership, Member, OutboxMessage, OutboxStatus
from tests.dialogs.seed import AN_TG, BINH_TG, SECRETARY_TG, Seeded
from tests.zalo.chat import ZaloChat

Db = async_sessionmaker[AsyncSession]
# 2 April 2026, 08:30 in Hà Nội: three days before the meeting of 5 April, reminders are due.
REMINDER_DAY = datetime(2026, 4, 2, 1, 30, tzinfo=UTC)


class RecordingTelegram:
    def __init__(self) -> None:
        self.sent: list[int] = []
        self.texts: list[tuple[int, str]] = []

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def send(self, chat_id: int, payload: Mapping[str, Any]) -> None:
        self.sent.append(chat_id)
        self.texts.append((chat_id, render.telegram(payload)[0]))


async def _memberships(db: Db, seeded: Seeded) -> None:
    async with db() as session, session.begin():
        for actor in (seeded.secretary, seeded.an, seeded.binh):
            session.add(
                CellMembership(
                    member_id=actor.member_id,
                    cell_id=seeded.cell_id,
                    role=actor.role,
                    start_on=date(2020, 1, 1),
                )
            )


async def test_reminders_reach_each_member_once_on_their_channel_and_the_month_counts_both(
    session_factory: Db,
    seeded: Seeded,
    clock: FixedClock,
    conversation: Conversation,
    zalo_api: ZaloApi,
    zalo_users: ZaloUserClient,
) -> None:
    clock.set(REMINDER_DAY)
    await _memberships(session_factory, seeded)
    await zalo_users.create_persona("Đỗ Thị Hồng", id="z-hong")
    await zalo_users.create_persona("Nguyễn Văn An", id="z-an")
    async with session_factory() as session, session.begin():
        invite = await create_invite(
            session, OPERATOR, cell_id=seeded.cell_id, now=REMINDER_DAY, uses=1
        )
        link = await create_link_code(session, seeded.an, REMINDER_DAY)
    hong = ZaloChat(conversation, "z-hong", "Đỗ Thị Hồng")
    assert "Chào mừng" in await hong.script(invite.code, "1")
    an = ZaloChat(conversation, "z-an", "An trên Zalo")
    assert "Nguyễn Văn An" in await an.send(link.code)
    assert "Từ nay nhắc nhở sẽ gửi qua Zalo" in await an.script("4", "2")
    assert "đã dùng" in await ZaloChat(conversation, "z-other").send(link.code)

    async with session_factory() as session, session.begin():
        written = await plan_reminders(session, REMINDER_DAY, ReminderPolicy())
    assert written.written[KIND_REPORT] == 4
    telegram = RecordingTelegram()
    router = ChannelRouter(session_factory, telegram, ZaloSender(zalo_api), clock=clock)
    worker = DeliveryWorker(session_factory, router, "w1", clock=clock)
    while await worker.drain_once():
        pass
    async with session_factory() as session, session.begin():
        again = await plan_reminders(session, REMINDER_DAY, ReminderPolicy())
    assert sum(again.written.values()) == 0
    assert await worker.drain_once() == 0

    month_reminders = [chat for chat, text in telegram.texts if "04/2026" in text]
    assert sorted(month_reminders) == sorted([SECRETARY_TG, BINH_TG])
    assert AN_TG not in telegram.sent
    # Besides her reminder, the secretary on Telegram was told that Hồng joined on Zalo.
    joined = [chat for chat, text in telegram.texts if "Đỗ Thị Hồng" in text]
    assert joined == [SECRETARY_TG]
    assert len(telegram.sent) == 3
    for user_id in ("z-hong", "z-an"):
        chat = await zalo_users.chat(user_id)
        reminders = [m for m in chat["messages"] if m["from_bot"] and "04/2026" in m["text"]]
        assert len(reminders) == 1, chat
        assert "<" not in reminders[0]["text"] and "Gõ menu" in reminders[0]["text"]
    async with session_factory() as session:
        rows = (
            await session.execute(
                select(Member.full_name, OutboxMessage.channel, OutboxMessage.status)
                .join(Member, Member.id == OutboxMessage.member_id)
                .where(OutboxMessage.kind == KIND_REPORT)
            )
        ).all()
    assert sorted((name, channel) for name, channel, _ in rows) == sorted(
        [
            ("Trần Thị Bí Thư", Channel.TELEGRAM.value),
            ("Nguyễn Văn An", Channel.ZALO.value),
            ("Lê Thị Bình", Channel.TELEGRAM.value),
            ("Đỗ Thị Hồng", Channel.ZALO.value),
        ]
    )
    assert {status for _, _, status in rows} == {OutboxStatus.SENT}

    # Hồng reports on Zalo (no plan: one deed of the month), Bình through the domain path.
    await hong.script("baocao", "Dọn vệ sinh nhà văn hóa khu phố", "0", "0", "0")
    assert "Đã gửi báo cáo tháng 04/2026" in await hong.send("1")
    async with session_factory() as session, session.begin():
        report = await open_report(session, seeded.binh, 2026, 4, REMINDER_DAY)
        await add_free_item(session, seeded.binh, report.id, "Trực an ninh khu phố", REMINDER_DAY)
        await submit_report(session, seeded.binh, report.id, REMINDER_DAY)
        month = await view_cell_month(session, seeded.secretary, seeded.cell_id, 2026, 4)
    assert (month.members_total, month.reported) == (4, 2)
    assert sorted(m.full_name for m in month.missing) == ["Nguyễn Văn An", "Trần Thị Bí Thư"]
    leader = ZaloChat(conversation, "z-leader")
    assert "mã mời" in await leader.send("tonghop")  # not a member: nothing to see


async def test_a_secretary_on_zalo_only_hears_of_joins_and_plans_there(
    session_factory: Db,
    seeded: Seeded,
    clock: FixedClock,
    zalo_api: ZaloApi,
    zalo_users: ZaloUserClient,
) -> None:
    await zalo_users.create_persona("Trần Thị Bí Thư", id="z-secretary")
    async with session_factory() as session, session.begin():
        secretary = await session.get(Member, seeded.secretary.member_id)
        assert secretary is not None
        secretary.telegram_id, secretary.zalo_user_id = None, "z-secretary"
        secretary.reminder_channel = Channel.ZALO
        invite = await create_invite(session, OPERATOR, cell_id=seeded.cell_id, now=clock.now())
        await add_plan_item(
            session, seeded.an, 2026, seeded.section_ids[0], "Học tập chuyên đề năm", clock.now()
        )
        await submit_plan(session, seeded.an, 2026, clock.now())
    hong = ZaloChat(Conversation(session_factory, clock=clock), "z-hong", "Đỗ Thị Hồng")
    assert "Chào mừng" in await hong.script(invite.code, "1")
    telegram = RecordingTelegram()
    router = ChannelRouter(session_factory, telegram, ZaloSender(zalo_api), clock=clock)
    worker = DeliveryWorker(session_factory, router, "w1", clock=clock)
    while await worker.drain_once():
        pass
    told = [m["text"] for m in (await zalo_users.chat("z-secretary"))["messages"]]
    assert len(told) == 2 and telegram.sent == []
    assert any("Nguyễn Văn An" in text and "kế hoạch" in text for text in told)
    assert any("Đỗ Thị Hồng" in text for text in told)
