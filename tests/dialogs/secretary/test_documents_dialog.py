"""The cell's documents from chat: minutes, sơ kết / tổng kết, the plan to sign, the list."""

from __future__ import annotations

import io

from docx import Document
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from locales import t
from storage.models import AuditEntry
from tests.dialogs.secretary.chat import LeaderChat
from tests.exports.world import NOW, build_world

CLOCK = FixedClock(NOW)


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


async def test_the_secretary_gets_the_minutes_and_both_reviews(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await build_world(session)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open()
    for caption in ("sec-export-minutes", "sec-export-half", "sec-export-year"):
        await chat.press_id(caption)
    sent = chat.bot.documents
    assert [d.document.filename for d in sent] == [
        "bien-ban-sinh-hoat-2025-03-chi-bo-khu-pho-3.docx",
        "so-ket-6-thang-2025-03-chi-bo-khu-pho-3.docx",
        "tong-ket-nam-2025-03-chi-bo-khu-pho-3.docx",
    ]
    assert all(d.chat_id == 1001 for d in sent)
    assert sent[0].caption == t("sec-minutes-caption", period="03/2025")
    assert "Sinh hoạt chi bộ định kỳ tháng 03/2025" in _paragraphs(sent[0].document.data)
    # The month shown is March: the reviews made now stop there.
    assert "(Từ tháng 01/2025 đến hết tháng 03/2025)" in _paragraphs(sent[1].document.data)
    # The window comes back under the files.
    assert "2/4 đồng chí đã báo cáo" in chat.text
    async with session_factory() as session:
        audits = (await session.scalars(select(AuditEntry.action))).all()
    assert audits == ["export.minutes", "export.review", "export.review"]


async def test_the_plans_window_gives_the_list_and_a_plan_to_sign(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await build_world(session)
    chat = LeaderChat(session_factory, 1002, CLOCK)  # a deputy
    await chat.open("sec-open-plans")
    await chat.press_id("sec-plans-file")
    await chat.press_id("sec-plan-line-acknowledged", name="Lê Văn <Cường>")
    await chat.press_id("sec-plan-file")
    sent = chat.bot.documents
    assert [d.document.filename for d in sent] == [
        "danh-sach-dang-ky-2025-chi-bo-khu-pho-3.docx",
        "ke-hoach-ca-nhan-2025-le-van-cuong.docx",
    ]
    assert sent[1].caption == "Kế hoạch cá nhân của đồng chí Lê Văn &lt;Cường&gt;, để in và ký."
    assert "Họ và tên: Lê Văn <Cường>" in _paragraphs(sent[1].document.data)


async def test_the_committee_gets_its_reviews_and_a_member_none(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await build_world(session)
    committee = LeaderChat(session_factory, 3001, CLOCK)
    await committee.send("/start")
    await committee.press_id("com-menu")
    await committee.press_id("sec-export-year")
    (document,) = committee.bot.documents
    assert document.document.filename == "tong-ket-nam-2025-03-dang-bo-phuong-ngo-quyen.docx"
    assert "Thiếu tài liệu" not in " ".join(_paragraphs(document.document.data))

    member = LeaderChat(session_factory, 1003, CLOCK)
    await member.send("/start")
    assert t("sec-export-minutes") not in member.captions()
    assert t("sec-menu") not in member.captions()


async def test_a_member_prints_their_own_plan_from_its_preview(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        await build_world(session)
    member = LeaderChat(session_factory, 1003, CLOCK)
    await member.send("/start")
    await member.press_id("menu-plan")
    await member.press_id("plan-preview-button")
    await member.press_id("plan-print-button")
    (document,) = member.bot.documents
    assert document.document.filename == "ke-hoach-ca-nhan-2025-le-van-cuong.docx"
    assert document.chat_id == 1003
    lines = _paragraphs(document.document.data)
    assert "Họ và tên: Lê Văn <Cường>" in lines and "- Học tập chuyên đề năm" in lines


async def test_the_committee_report_is_signed_by_the_office_the_exporter_holds(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    """Who holds which office in a committee is not stored: the Word button says BÍ THƯ,
    the one beside it PHÓ BÍ THƯ, each under T/M ĐẢNG ỦY."""
    async with session_factory() as session:
        await build_world(session)
    committee = LeaderChat(session_factory, 3001, CLOCK)
    await committee.send("/start")
    await committee.press_id("com-menu")
    await committee.press_id("sec-export-docx")
    await committee.press_id("com-export-docx-deputy")
    signed = [
        Document(io.BytesIO(sent.document.data)).tables[-1].rows[0].cells[1].text.splitlines()[:2]
        for sent in committee.bot.documents
    ]
    assert signed == [["T/M ĐẢNG ỦY", "BÍ THƯ"], ["T/M ĐẢNG ỦY", "PHÓ BÍ THƯ"]]
