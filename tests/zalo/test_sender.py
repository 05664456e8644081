"""Outbound to Zalo through the stand-in: quotas, blocked members, files as one-time links,
and messages Zalo members send that are not text."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conversations.zalo.conversation import Conversation
from delivery import outbox
from delivery.channels import ChannelRouter
from delivery.runtime import outbox_status
from delivery.senders import QuotaExhausted
from delivery.worker import KIND_MEMBER_UNREACHABLE, KIND_ZALO_QUOTA, DeliveryWorker
from delivery.zalo import ZaloSender, ZaloTexter
from delivery.zalo_api import ZaloApi, ZaloApiError
from domain.clock import FixedClock
from domain.vocabulary import Channel, MemberStatus, Role
from emulator.client import ZaloUserClient
from emulator.config import DEFAULT_ZALO_TOKEN
from emulator.server import Emulator
from locales import t
from storage.models import CellMembership, DownloadToken, Member, OutboxMessage, OutboxStatus
from tests.dialogs.seed import NOW, Seeded
from tests.zalo.chat import ZaloChat
from tests.zalo.conftest import phone
from tests.zalo.test_channels import RecordingTelegram

Db = async_sessionmaker[AsyncSession]


async def _zalo_member(db: Db, seeded: Seeded, user_id: str) -> int:
    async with db() as session, session.begin():
        member = Member(
            full_name="Đỗ Thị Hồng",
            zalo_user_id=user_id,
            reminder_channel=Channel.ZALO,
            cell_id=seeded.cell_id,
            role=Role.MEMBER,
            status=MemberStatus.ACTIVE,
        )
        session.add(member)
        await session.flush()
        session.add(
            CellMembership(
                member_id=member.id,
                cell_id=seeded.cell_id,
                role=Role.MEMBER,
                start_on=date(2020, 1, 1),
            )
        )
        return member.id


async def _enqueue(db: Db, member_id: int, payload: dict[str, object]) -> None:
    async with db() as session, session.begin():
        await outbox.enqueue(
            session,
            key=f"test:{member_id}",
            kind="digest",
            chat_id=0,
            member_id=member_id,
            payload=payload,
            now=NOW,
        )


def _worker(
    db: Db, zalo_api: ZaloApi, clock: FixedClock, telegram: RecordingTelegram
) -> DeliveryWorker:
    router = ChannelRouter(
        db,
        telegram,
        ZaloSender(zalo_api),
        download_url=lambda t: f"https://chibo.test/f/{t}",
        clock=clock,
    )
    return DeliveryWorker(db, router, "w-zalo", clock=clock)


async def test_a_file_goes_to_zalo_as_a_one_time_link_beside_the_plain_text(
    session_factory: Db,
    seeded: Seeded,
    clock: FixedClock,
    zalo_api: ZaloApi,
    zalo_users: ZaloUserClient,
) -> None:
    hong = await phone(zalo_users, "Đỗ Thị Hồng")
    member_id = await _zalo_member(session_factory, seeded, hong.user_id)
    document = {"export": "cell-month-docx", "cell_id": seeded.cell_id, "year": 2026, "month": 4,
                "filename": "bao-cao.docx"}  # fmt: skip
    await _enqueue(
        session_factory,
        member_id,
        {
            "text": "<b>Tổng hợp</b> tháng 04/2026 &amp; tệp",
            "parse_mode": "HTML",
            "document": document,
        },
    )
    telegram = RecordingTelegram()
    assert await _worker(session_factory, zalo_api, clock, telegram).drain_once() == 1
    [text] = await hong.messages()
    assert text.startswith("Tổng hợp tháng 04/2026 & tệp")
    assert "https://chibo.test/f/" in text and "bao-cao.docx" in text
    assert telegram.sent == []
    async with session_factory() as session:
        token = await session.scalar(select(DownloadToken))
    assert token is not None and token.member_id == member_id and token.document == document
    assert token.token in text


async def test_a_zalo_403_is_a_server_error_retried_later_and_nobody_is_marked_unreachable(
    session_factory: Db,
    seeded: Seeded,
    clock: FixedClock,
    zalo_api: ZaloApi,
    zalo_users: ZaloUserClient,
) -> None:
    # Zalo's error table: 403 is "Internal server error", not "the member blocked the bot".
    hong = await phone(zalo_users, "Đỗ Thị Hồng")
    member_id = await _zalo_member(session_factory, seeded, hong.user_id)
    await zalo_users.block(hong.user_id)  # the stand-in answers sendMessage with 403
    await _enqueue(session_factory, member_id, {"text": "Nhắc báo cáo"})
    worker = _worker(session_factory, zalo_api, clock, RecordingTelegram())
    await worker.drain_once()
    async with session_factory() as session:
        member = await session.get(Member, member_id)
        row = await session.scalar(
            select(OutboxMessage).where(OutboxMessage.member_id == member_id)
        )
        told = await session.scalar(
            select(func.count()).where(OutboxMessage.kind == KIND_MEMBER_UNREACHABLE)
        )
    assert member is not None and member.reachable is True
    assert row is not None and row.status is OutboxStatus.PENDING and row.attempts == 1
    assert "403" in (row.last_error or "")
    assert told == 0


async def test_a_member_marked_unreachable_is_reachable_again_once_they_write_on_zalo(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    member_id = await _zalo_member(session_factory, seeded, "z-hong")
    async with session_factory() as session, session.begin():
        member = await session.get(Member, member_id)
        assert member is not None
        member.reachable = False
    await ZaloChat(conversation, "z-hong").send("menu")
    async with session_factory() as session:
        member = await session.get(Member, member_id)
    assert member is not None and member.reachable is True


async def test_quota_answers_are_retried_a_bounded_number_of_times_then_refused(
    zalo_api: ZaloApi, zalo_users: ZaloUserClient
) -> None:
    lan = await phone(zalo_users, "Vũ Thị Lan")
    await zalo_users.set_faults(share_429=1.0, methods=["sendMessage"], seed=1)
    texter = ZaloTexter(zalo_api, quota_retries=2, quota_backoff=0.01)
    with pytest.raises(QuotaExhausted):
        await ZaloSender(zalo_api, texter=texter).send(lan.user_id, {"text": "Nhắc báo cáo"})
    stats = await zalo_users.stats()
    assert stats["calls_per_method"]["sendMessage"] == 3
    await zalo_users.set_faults(share_429=0.0)
    await ZaloSender(zalo_api, texter=texter).send(lan.user_id, {"text": "Nhắc báo cáo"})
    assert await lan.messages() == ["Nhắc báo cáo"]


async def test_quota_exhausted_fails_the_row_with_the_reason_and_tells_the_secretary_once(
    session_factory: Db,
    seeded: Seeded,
    clock: FixedClock,
    zalo_api: ZaloApi,
    zalo_users: ZaloUserClient,
) -> None:
    hong = await phone(zalo_users, "Đỗ Thị Hồng")
    lan = await phone(zalo_users, "Vũ Thị Lan")
    members = [await _zalo_member(session_factory, seeded, p.user_id) for p in (hong, lan)]
    for member_id in members:
        await _enqueue(session_factory, member_id, {"text": "Nhắc báo cáo"})
    await zalo_users.set_faults(share_429=1.0, methods=["sendMessage"], seed=1)
    texter = ZaloTexter(zalo_api, quota_retries=2, quota_backoff=0.01)
    telegram = RecordingTelegram()
    router = ChannelRouter(
        session_factory,
        telegram,
        ZaloSender(zalo_api, texter=texter),
        download_url=lambda t: f"https://chibo.test/f/{t}",
        clock=clock,
    )
    worker = DeliveryWorker(session_factory, router, "w-zalo", clock=clock)
    await worker.drain_once()  # both rows fail; the notice to the secretary is written
    await worker.drain_once()  # the notice goes out (the secretary is on Telegram)
    assert await worker.drain_once() == 0  # nothing is tried again
    async with session_factory() as session:
        rows = list(
            await session.scalars(select(OutboxMessage).where(OutboxMessage.member_id.in_(members)))
        )
        notices = list(
            await session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == KIND_ZALO_QUOTA)
            )
        )
    assert [row.status for row in rows] == [OutboxStatus.FAILED] * 2
    assert all("zalo 429" in (row.last_error or "") for row in rows)
    assert [(n.member_id, n.status) for n in notices] == [
        (seeded.secretary.member_id, OutboxStatus.SENT)
    ]
    assert [text for _, text in telegram.texts] == [t("zalo-quota-exhausted")]
    report = await outbox_status(session_factory, clock)
    assert report.failed == 2 and report.pending == 0  # what `chibo outbox status` shows


async def test_a_sticker_is_answered_with_how_to_talk_to_the_assistant(
    seeded: Seeded, polling_bot: object, zalo_users: ZaloUserClient
) -> None:
    lan = await phone(zalo_users, "Vũ Thị Lan")
    sent = await zalo_users.send_event(lan.user_id, "message.sticker.received", sticker="hi")
    answer = await zalo_users.wait_for_message(lan.user_id, "chỉ đọc được tin nhắn chữ", after=sent)
    assert answer["from_bot"]


class SecondSendFails(ZaloApi):
    """Zalo answering the second sendMessage with a server error."""

    sends = 0

    async def send_message(self, chat_id: str, text: str) -> dict[str, object]:
        self.sends += 1
        if self.sends == 2:
            raise ZaloApiError(500, "Internal server error")
        return await super().send_message(chat_id, text)


async def test_a_split_message_interrupted_midway_sends_only_the_rest_later(
    stand_in: Emulator,
    session_factory: Db,
    seeded: Seeded,
    clock: FixedClock,
    zalo_api: ZaloApi,
    zalo_users: ZaloUserClient,
) -> None:
    hong = await phone(zalo_users, "Đỗ Thị Hồng")
    member_id = await _zalo_member(session_factory, seeded, hong.user_id)
    lines = [f"{n:03d}. Đồng chí Nguyễn Văn {n} chưa gửi báo cáo tháng này." for n in range(60)]
    text = "\n".join(lines)
    assert 2000 < len(text) <= 4000
    await _enqueue(session_factory, member_id, {"text": text})
    # The first piece goes out, the platform fails on the second (a server error).
    failing = SecondSendFails(DEFAULT_ZALO_TOKEN, stand_in.zalo_api_url)
    zalo = ZaloSender(failing)
    router = ChannelRouter(session_factory, RecordingTelegram(), zalo, clock=clock)
    assert await DeliveryWorker(session_factory, router, "w1", clock=clock).drain_once() == 1
    await failing.close()
    first = await hong.messages()
    assert len(first) == 1 and first[0].startswith("000.")
    async with session_factory() as session:
        query = select(OutboxMessage).where(OutboxMessage.member_id == member_id)
        row = await session.scalar(query)
    assert row is not None and row.status is OutboxStatus.PENDING
    assert row.payload["pieces_sent"] == 1

    router = ChannelRouter(session_factory, RecordingTelegram(), ZaloSender(zalo_api), clock=clock)
    later = FixedClock(clock.now() + timedelta(minutes=5))
    assert await DeliveryWorker(session_factory, router, "w1", clock=later).drain_once() == 1
    received = await hong.messages()
    assert len(received) == 2 and received[0] == first[0]
    assert "\n".join(received) == text  # every line once, in order, nothing cut
    async with session_factory() as session:
        status = await session.scalar(
            select(OutboxMessage.status).where(OutboxMessage.member_id == member_id)
        )
    assert status is OutboxStatus.SENT
