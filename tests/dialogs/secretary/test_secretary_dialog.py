"""The secretary's month and the committee's roll-up, driven through the real Dispatcher."""

from __future__ import annotations

import io
import re
from typing import Any

from aiogram.methods import SendDocument, TelegramMethod
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from aiogram_dialog.test_tools.bot_client import FakeBot
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from aiogram_dialog.test_tools.memory_storage import JsonMemoryStorage
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.step import EditingMessageManager
from bot.dispatcher import build_dispatcher
from delivery import render
from domain.audit import OPERATOR
from domain.clock import FixedClock
from domain.oversight import nudge_missing
from exports.xlsx import FIRST_ROW
from locales import t
from storage.fsm import SqlStorage
from storage.models import AuditEntry, ItemProgress, OutboxMessage
from tests.dialogs.harness import Chat, ForgedButton
from tests.domain.test_cells import count_queries
from tests.exports.world import NOW, build_world


class DocumentBot(FakeBot):
    """A stand-in bot that keeps the documents sent; anything else is refused as in FakeBot."""

    def __init__(self) -> None:
        self.documents: list[SendDocument] = []

    async def __call__(
        self, method: TelegramMethod[Any], request_timeout: int | None = None
    ) -> Any:
        if isinstance(method, SendDocument):
            self.documents.append(method)
            return None
        return await super().__call__(method, request_timeout)


def client(
    db: async_sessionmaker[AsyncSession], telegram_id: int
) -> tuple[BotClient, MockMessageManager, DocumentBot]:
    messages = MockMessageManager()
    bot = DocumentBot()
    dp = build_dispatcher(
        db, storage=JsonMemoryStorage(), clock=FixedClock(NOW), message_manager=messages
    )
    return BotClient(dp, user_id=telegram_id, chat_id=telegram_id, bot=bot), messages, bot


async def open_summary(bot: BotClient, messages: MockMessageManager) -> None:
    await bot.send("/start")
    await bot.click(messages.last_message(), InlineButtonTextLocator(t("sec-menu")))


async def test_secretary_sees_the_month_with_a_recount(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await build_world(session)
    bot, messages, _ = client(session_factory, 1001)
    await open_summary(bot, messages)
    text = messages.last_message().text
    # Recounted from build_world: 4 counted members, the secretary on time, the deputy late.
    assert "2/4 đồng chí đã báo cáo (1 đúng hạn)" in text
    assert "Hạn báo cáo: 05/03/2025" in text
    assert "Dọn 4 buổi sáng Chủ nhật" in text
    assert "Thiếu tài liệu" in text and "Tổ chức tọa đàm" in text

    await bot.click(messages.last_message(), InlineButtonTextLocator(t("sec-prev-month")))
    assert "tháng 02/2025" in messages.last_message().text
    assert "0/4 đồng chí đã báo cáo" in messages.last_message().text


async def test_nudging_twice_queues_one_message_per_member(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await build_world(session)
    bot, messages, _ = client(session_factory, 1002)  # the deputy
    await open_summary(bot, messages)
    await bot.click(messages.last_message(), InlineButtonTextLocator(t("sec-open-missing")))
    missing = messages.last_message()
    assert "Lê Văn &lt;Cường&gt;" in missing.text
    assert "Phạm Thị Dung (chưa kết nối với bot" in missing.text
    await bot.click(missing, InlineButtonTextLocator(t("sec-nudge-one", name="Lê Văn <Cường>")))
    assert "Đã gửi lời nhắc tới 1 đồng chí" in messages.last_message().text
    await bot.click(messages.last_message(), InlineButtonTextLocator(t("sec-nudge-all")))
    assert "Đã gửi lời nhắc tới 0 đồng chí; 1 đồng chí đã được nhắc hôm nay" in (
        messages.last_message().text
    )
    async with session_factory() as session:
        rows = (await session.scalars(select(OutboxMessage))).all()
        audits = (await session.scalars(select(AuditEntry.action))).all()
    assert [(row.chat_id, row.kind) for row in rows] == [(1003, "nudge")]
    assert audits == ["nudge", "nudge"]


async def test_exports_arrive_as_documents_in_chat(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await build_world(session)
    bot, messages, sent = client(session_factory, 1001)
    await open_summary(bot, messages)
    await bot.click(messages.last_message(), InlineButtonTextLocator(t("sec-export-docx")))
    await bot.click(messages.last_message(), InlineButtonTextLocator(t("sec-export-xlsx")))
    assert [d.document.filename for d in sent.documents] == [
        "bao-cao-thang-2025-03-chi-bo-khu-pho-3.docx",
        "bao-cao-thang-2025-03-chi-bo-khu-pho-3.xlsx",
    ]
    assert all(d.chat_id == 1001 for d in sent.documents)
    report = Document(io.BytesIO(sent.documents[0].document.data))
    assert "BÁO CÁO" in [p.text for p in report.paragraphs]
    sheet = load_workbook(io.BytesIO(sent.documents[1].document.data)).worksheets[0]
    assert sheet.max_row == FIRST_ROW + 4  # four members, then the totals row
    # The window comes back under the file, with its buttons.
    assert "2/4 đồng chí đã báo cáo" in messages.last_message().text


async def test_a_members_report_and_year_evidence(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await build_world(session)
    bot, messages, sent = client(session_factory, 1001)
    await open_summary(bot, messages)
    await bot.click(messages.last_message(), InlineButtonTextLocator(t("sec-open-members")))
    await bot.click(
        messages.last_message(),
        InlineButtonTextLocator(t("sec-member-reported", name="Trần Thị Bình")),
    )
    report_text = messages.last_message().text
    assert "Trần Thị Bình: tháng 03/2025" in report_text and "Thiếu tài liệu" in report_text
    await bot.click(
        messages.last_message(), InlineButtonTextLocator(re.escape(t("sec-export-evidence")))
    )
    assert sent.documents[-1].document.filename == "minh-chung-nam-2025-tran-thi-binh.docx"
    # March, the month viewed, is in the first quarter.
    await bot.click(
        messages.last_message(),
        InlineButtonTextLocator(re.escape(t("sec-export-evidence-quarter"))),
    )
    assert sent.documents[-1].document.filename == "minh-chung-quy-1-2025-tran-thi-binh.docx"


async def test_member_has_no_secretary_button_and_committee_sees_cells_only(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await build_world(session)
    bot, messages, _ = client(session_factory, 1003)
    await bot.send("/start")
    captions = [b.text for row in messages.last_message().reply_markup.inline_keyboard for b in row]
    assert t("sec-menu") not in captions and t("com-menu") not in captions

    bot, messages, sent = client(session_factory, 3001)
    await bot.send("/start")
    await bot.click(messages.last_message(), InlineButtonTextLocator(t("com-menu")))
    text = messages.last_message().text
    assert "Đảng bộ phường Ngô Quyền: tháng 03/2025" in text
    assert "2 chi bộ; 2/5 đồng chí đã báo cáo (40%), 1 đúng hạn." in text
    # The weakest cell first, flagged; no member's name or words.
    assert text.index("Chi bộ khu phố 1") < text.index("Chi bộ khu phố 3")
    assert "⚠️" in text and "Thiếu tài liệu" not in text and "Nguyễn Văn An" not in text
    await bot.click(messages.last_message(), InlineButtonTextLocator(t("sec-export-png")))
    assert sent.documents[-1].document.filename.endswith(".png")


async def test_buttons_under_the_leaders_reminders_open_their_windows(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        world = await build_world(session)
    cell_id = world.cell_a
    bot, messages, _ = client(session_factory, 1001)
    await bot.send("/start")
    await bot.click(messages.last_message(), ForgedButton(f"summary:{cell_id}:2025-02"))
    assert "tháng 02/2025" in messages.last_message().text
    await bot.click(messages.last_message(), ForgedButton(f"review-plans:{cell_id}"))
    assert "Kế hoạch năm 2025" in messages.last_message().text

    # A plain member pressing the same data lands on the menu, nothing of the cell shown.
    bot, messages, _ = client(session_factory, 1003)
    await bot.send("/start")
    await bot.click(messages.last_message(), ForgedButton(f"summary:{cell_id}:2025-02"))
    text = messages.last_message().text
    assert "đồng chí đã báo cáo" not in text and "Kế hoạch năm 2025" not in text
    markup = messages.last_message().reply_markup
    assert markup is not None
    captions = [b.text for row in markup.inline_keyboard for b in row]  # type: ignore[union-attr]
    assert t("menu-report") in captions


async def test_a_nudge_after_the_deadline_asks_to_catch_up(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        world = await build_world(session)
    async with session_factory() as session, session.begin():
        # NOW is before the March deadline; February's deadline has passed.
        for month, expected in ((3, "trước ngày"), (2, "đã qua")):
            await nudge_missing(session, OPERATOR, world.cell_a, 2025, month, now=NOW)
            texts = (
                await session.scalars(
                    select(OutboxMessage.payload).where(
                        OutboxMessage.idempotency_key.like(f"%:2025-{month:02d}:%")
                    )
                )
            ).all()
            assert texts and all(expected in render.telegram(p)[0] for p in texts), (month, texts)


async def test_the_secretary_picks_the_months_models_in_chat(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await build_world(session)
    bot, messages, _ = client(session_factory, 1001)
    await open_summary(bot, messages)
    await bot.click(messages.last_message(), InlineButtonTextLocator(t("sec-open-models")))
    window = messages.last_message()
    assert "Đã chọn: 0." in window.text
    # The secretary's two done items (both with the same note); the deputy's item is not done.
    open_label = t("sec-model-open", name="Nguyễn Văn An", item="Dọn 4 buổi sáng Chủ nhật")
    buttons = [b.text for row in window.reply_markup.inline_keyboard for b in row]
    assert buttons.count(open_label) == 2
    await bot.click(window, InlineButtonTextLocator(open_label))
    window = messages.last_message()
    assert "Đã chọn: 1." in window.text
    chosen = t("sec-model-chosen", name="Nguyễn Văn An", item="Dọn 4 buổi sáng Chủ nhật")
    buttons = [b.text for row in window.reply_markup.inline_keyboard for b in row]
    assert buttons.count(chosen) == 1 and buttons.count(open_label) == 1
    async with session_factory() as session:
        flags = (await session.scalars(select(ItemProgress.exemplary))).all()
        audits = (await session.scalars(select(AuditEntry.action))).all()
    assert sorted(flags) == [False, False, True]
    assert audits.count("report.exemplary") == 1


async def test_a_month_step_reads_its_dialog_state_once_and_the_month_once(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session:
        await build_world(session)
    chat = Chat(session_factory, 1001, FixedClock(NOW), SqlStorage(session_factory),
                messages=EditingMessageManager())  # fmt: skip
    await chat.send("/start")
    await chat.press_id("sec-menu")
    for button, month, reported in (
        ("sec-prev-month", "02/2025", "0/4 đồng chí đã báo cáo"),
        ("sec-next-month", "03/2025", "2/4 đồng chí đã báo cáo (1 đúng hạn)"),
        ("sec-prev-month", "02/2025", "0/4 đồng chí đã báo cáo"),
    ):
        with count_queries(engine) as statements:
            text = await chat.press_id(button)
        # One read and one write of the dialog state (the month changes), the member
        # once, and the month's summary: 5 statements of storage.aggregation's own.
        state = [sql for sql in statements if "fsm_records" in sql]
        assert len(state) <= 2 and len(statements) <= 3 + 5, "\n---\n".join(statements)
        assert f"tháng {month}" in text and reported in text
