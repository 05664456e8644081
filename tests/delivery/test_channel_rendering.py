"""One outbox row, two channels: a use case writes what to say, and each sender renders it
(Telegram HTML, Zalo plain text) when it sends; rows in the old rendered form still go out."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery.channels import ChannelRouter
from delivery.render import plain
from delivery.senders import TelegramSender
from delivery.worker import DeliveryWorker
from delivery.zalo import ZaloSender
from delivery.zalo_api import ZaloApi
from domain import absence
from domain.calendar import next_meetings
from domain.clock import FixedClock
from domain.vocabulary import Role
from emulator.client import ZaloUserClient
from emulator.config import DEFAULT_ZALO_TOKEN, EmulatorConfig
from emulator.server import Emulator
from storage.models import Member, OutboxMessage
from storage.outbox import enqueue
from tests.dialogs.seed import NOW, SECRETARY_TG, Seeded, seed
from tests.scheduler.emulated import TOKEN

Db = async_sessionmaker[AsyncSession]
ROOT = Path(__file__).resolve().parents[2]
REASON = 'Họp tổ <b>dân phố</b> & "việc nhà" &amp; <3'
ZALO_DEPUTY = "z-binh"


@dataclass
class Channels:
    emulator: Emulator
    zalo_users: ZaloUserClient
    worker: DeliveryWorker

    def telegram_messages(self) -> list[dict[str, object]]:
        return list(self.emulator.chat(SECRETARY_TG)["messages"])

    async def zalo_texts(self) -> list[str]:
        chat = await self.zalo_users.chat(ZALO_DEPUTY)
        return [str(m["text"]) for m in chat["messages"] if m["from_bot"]]


@pytest.fixture
async def cell(session_factory: Db) -> Seeded:
    """The secretary on Telegram; Bình, the deputy, reachable on Zalo only."""
    seeded = await seed(session_factory)
    async with session_factory() as session, session.begin():
        binh = await session.get(Member, seeded.binh.member_id)
        assert binh is not None
        binh.role, binh.telegram_id, binh.zalo_user_id = Role.DEPUTY, None, ZALO_DEPUTY
    return seeded


@pytest.fixture
async def channels(session_factory: Db) -> AsyncIterator[Channels]:
    clock = FixedClock(NOW)
    async with Emulator(EmulatorConfig()) as emulator:
        emulator.add_persona(SECRETARY_TG, "Trần Thị Bí Thư", started=True)
        async with ZaloUserClient(emulator.base_url) as zalo_users:
            await zalo_users.create_persona("Lê Thị Bình", id=ZALO_DEPUTY)
            telegram = TelegramSender(TOKEN, emulator.base_url, overall_per_second=0)
            zalo = ZaloSender(ZaloApi(DEFAULT_ZALO_TOKEN, emulator.zalo_api_url))
            router = ChannelRouter(session_factory, telegram, zalo, clock=clock)
            await router.start()
            try:
                yield Channels(
                    emulator, zalo_users, DeliveryWorker(session_factory, router, "w1", clock=clock)
                )
            finally:
                await router.close()


async def _drain(worker: DeliveryWorker) -> None:
    while await worker.drain_once():
        pass


async def test_one_absence_notice_is_html_on_telegram_and_plain_text_on_zalo(
    session_factory: Db, cell: Seeded, channels: Channels
) -> None:
    async with session_factory() as session, session.begin():
        meeting = (await next_meetings(session, cell.cell_id, NOW, 1))[0]
        await absence.notify_absence(session, cell.an, meeting.id, REASON, NOW)
    async with session_factory() as session:
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert [row.member_id for row in rows] == [cell.secretary.member_id, cell.binh.member_id]
    assert {row.kind for row in rows} == {"absence_notice"}
    assert rows[0].payload == rows[1].payload
    assert set(rows[0].payload) == {"message", "args"}
    assert rows[1].chat_id is None

    await _drain(channels.worker)

    [telegram] = channels.telegram_messages()
    assert telegram["parse_mode"] == "HTML"
    source = str(telegram["source"])
    assert "<b>Nguyễn Văn An</b>" in source
    assert '<i>Họp tổ &lt;b&gt;dân phố&lt;/b&gt; &amp; "việc nhà" &amp;amp; &lt;3</i>' in source
    assert REASON in str(telegram["text"])
    [zalo] = await channels.zalo_texts()
    assert "Đồng chí Nguyễn Văn An xin vắng" in zalo
    assert zalo.endswith(f"Lý do: {REASON}")
    assert "<i>" not in zalo and "</i>" not in zalo and "<b>Nguyễn" not in zalo


async def test_rows_written_before_as_rendered_html_still_go_out_on_both_channels(
    session_factory: Db, cell: Seeded, channels: Channels
) -> None:
    old = {"text": "<b>Nhắc</b> họp chi bộ &amp; nộp báo cáo", "parse_mode": "HTML"}
    async with session_factory() as session, session.begin():
        for key, member_id, chat_id in (
            ("old:tg", cell.secretary.member_id, SECRETARY_TG),
            ("old:zalo", cell.binh.member_id, None),
        ):
            await enqueue(
                session,
                key=key,
                kind="old",
                chat_id=chat_id,
                member_id=member_id,
                payload=old,
                now=NOW,
            )

    await _drain(channels.worker)

    [telegram] = channels.telegram_messages()
    assert telegram["parse_mode"] == "HTML" and telegram["source"] == old["text"]
    assert await channels.zalo_texts() == ["Nhắc họp chi bộ & nộp báo cáo"]


def test_the_domain_names_no_telegram_markup_link_or_fake_chat() -> None:
    telegram_only = re.compile(r"parse_mode|t\.me/|ZALO_ONLY_CHAT|chat_id=0|chat_of\(")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "domain").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if telegram_only.search(line)
    ]
    assert found == []


def test_a_link_on_zalo_reads_as_its_text_and_address() -> None:
    assert plain('Mở <a href="https://x.vn/a?b=1&amp;c=2">trang</a> &lt;ngay&gt;') == (
        "Mở trang: https://x.vn/a?b=1&c=2 <ngay>"
    )
