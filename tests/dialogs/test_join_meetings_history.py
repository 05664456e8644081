"""Joining with an invite, the next meeting and a notice of absence, history, deep links."""

from __future__ import annotations

import html
import unicodedata
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import plans, reports
from domain.audit import OPERATOR
from domain.calendar import next_meetings
from domain.clock import FixedClock
from domain.invites import create_invite
from domain.vocabulary import ItemStatus, MemberStatus
from locales import t
from storage.models import AbsenceNotice, AttendanceConfirmation, Member, OutboxMessage
from tests.dialogs.harness import Chat
from tests.dialogs.seed import AN_TG, NOW, SECRETARY_TG, Seeded, seed

Db = async_sessionmaker[AsyncSession]
NEWCOMER_TG = 9100


@pytest.fixture
async def cell(session_factory: Db) -> Seeded:
    return await seed(session_factory)


async def _invite(db: Db, cell: Seeded, *, needs_approval: bool = False, uses: int = 1) -> str:
    async with db() as session, session.begin():
        invite = await create_invite(
            session,
            OPERATOR,
            cell_id=cell.cell_id,
            now=NOW,
            needs_approval=needs_approval,
            uses=uses,
        )
        return invite.code


async def test_a_newcomer_joins_with_an_invite_link_and_a_corrected_name(
    session_factory: Db, cell: Seeded
) -> None:
    code = await _invite(session_factory, cell)
    chat = Chat(session_factory, NEWCOMER_TG, FixedClock(NOW))
    text = await chat.send(f"/start {code}")
    assert "Tham gia Chi bộ khu phố 3, phường Ngô Quyền" in text
    assert "User_9100" in text
    await chat.press_id("join-edit-name")
    text = await chat.send("  ")
    assert html.escape(t("error-text-empty"), quote=False) in text and "Họ và tên" in text
    await chat.send(unicodedata.normalize("NFD", "  Phạm Thị <Hoa>  "))
    text = chat.text
    assert "Phạm Thị &lt;Hoa&gt;" in text
    text = await chat.press_id("join-button")
    assert "Chào mừng đồng chí Phạm Thị &lt;Hoa&gt;" in text
    text = await chat.press_id("member-to-menu")
    assert t("menu-plan") in chat.captions()
    async with session_factory() as session:
        member = await session.scalar(select(Member).where(Member.telegram_id == NEWCOMER_TG))
        told = list(await session.scalars(select(OutboxMessage.chat_id)))
    assert member is not None and member.status is MemberStatus.ACTIVE
    assert member.full_name == unicodedata.normalize("NFC", "Phạm Thị <Hoa>")
    assert member.cell_id == cell.cell_id and told == [SECRETARY_TG]


async def test_a_typed_code_with_approval_and_bad_codes(session_factory: Db, cell: Seeded) -> None:
    code = await _invite(session_factory, cell, needs_approval=True)
    chat = Chat(session_factory, NEWCOMER_TG, FixedClock(NOW))
    text = await chat.send("/start")
    assert "mã mời" in text
    text = await chat.send("ABCD-EFGH")
    assert "Tham gia chi bộ" in text  # the invalid-code window, asking again
    expired = Chat(session_factory, NEWCOMER_TG, FixedClock(NOW + timedelta(days=30)))
    await expired.send(code.lower())
    assert "Tham gia chi bộ" in expired.text
    text = await chat.send(f"{code[:4]} {code[4:].lower()}")
    assert t("join-needs-approval") in text
    text = await chat.press_id("join-button")
    assert "đang chờ bí thư duyệt" in text and chat.captions() == []
    async with session_factory() as session:
        member = await session.scalar(select(Member).where(Member.telegram_id == NEWCOMER_TG))
    assert member is not None and member.status is MemberStatus.PENDING
    # The code is used up now: another person gets a clear answer.
    other = Chat(session_factory, NEWCOMER_TG + 1, FixedClock(NOW))
    text = await other.send(f"/start {code}")
    assert "Tham gia chi bộ" in text and "⚠️" in text


async def test_next_meeting_and_a_notice_of_absence(session_factory: Db, cell: Seeded) -> None:
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    await chat.send("/start")
    text = await chat.press_id("menu-meetings")
    assert "Chủ nhật, ngày 05/04/2026, lúc 14:00" in text
    assert "Nhà văn hóa khu phố 3" in text
    await chat.press_id("meeting-absence-button")
    text = await chat.send("🙏🙏")
    assert html.escape(t("error-text-no-letters"), quote=False) in text
    text = await chat.send("Đi công tác <Đà Nẵng> & họp")
    assert t("meeting-absence-sent") in text
    assert "Đi công tác &lt;Đà Nẵng&gt; &amp; họp" in text
    async with session_factory() as session:
        notices = list(await session.scalars(select(AbsenceNotice.reason)))
        told = list(await session.scalars(select(OutboxMessage.chat_id)))
    assert notices == ["Đi công tác <Đà Nẵng> & họp"] and told == [SECRETARY_TG]
    # A change of mind: "I will attend" withdraws the notice; the button then goes away.
    text = await chat.press_id("meeting-confirm-button")
    assert t("meeting-confirm-sent") in text and t("meeting-confirmed") in text
    assert t("meeting-confirm-button") not in chat.captions()
    async with session_factory() as session:
        assert list(await session.scalars(select(AbsenceNotice.reason))) == []
        assert len(list(await session.scalars(select(AttendanceConfirmation.id)))) == 1


async def test_deep_links_open_absence_report_and_plan(session_factory: Db, cell: Seeded) -> None:
    async with session_factory() as session, session.begin():
        meeting = (await next_meetings(session, cell.cell_id, NOW, 1))[0]
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    text = await chat.send(f"/start absent-{meeting.id}")
    assert "Xin vắng buổi ngày 05/04/2026" in text
    await chat.send("Bận việc gia đình")
    text = await chat.send("/start report")
    assert "Báo cáo tháng 4/2026" in text
    text = await chat.send("/start plan")
    assert "Kế hoạch năm 2026" in text
    # Another cell's meeting id in a link is refused.
    text = await chat.send(f"/start absent-{meeting.id + 999}")
    assert html.escape(t("error-absence-meeting-not-found"), quote=False) in text
    async with session_factory() as session:
        notices = list(await session.scalars(select(AbsenceNotice.reason)))
    assert notices == ["Bận việc gia đình"]


async def test_history_lists_months_and_opens_one(session_factory: Db, cell: Seeded) -> None:
    async with session_factory() as session, session.begin():
        item = await plans.add_item(session, cell.an, 2026, cell.section_ids[0], "Đọc <sách>", NOW)
        report = await reports.open_report(session, cell.an, 2026, 4, NOW)
        await reports.set_item_status(session, cell.an, report.id, item.id, ItemStatus.DONE, NOW)
        await reports.submit_report(session, cell.an, report.id, NOW)
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    await chat.send("/start")
    text = await chat.press_id("menu-history")
    assert "Năm 2026" in text and "Đã gửi 1 báo cáo" in text
    assert t("history-month-missing", month=1) in chat.captions()
    text = await chat.press_id("history-month-submitted", month=4, date="10/03/2026")
    assert "Tháng 4/2026" in text and "Đọc &lt;sách&gt; — <b>Hoàn thành</b>" in text
    # Another member sees only their own history.
    other = Chat(session_factory, AN_TG + 1, FixedClock(NOW))
    await other.send("/start")
    text = await other.press_id("menu-history")
    assert "Đã gửi 0 báo cáo" in text
