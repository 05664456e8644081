"""The meetings window: the regular rule with bad input refused, the next three meetings,
moving, cancelling, topics, thematic meetings and notices of absence."""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from domain.vocabulary import ShiftRule
from locales import t
from storage.models import AbsenceNotice, AttendanceConfirmation, AuditEntry, Cell, Meeting
from tests.dialogs.secretary.chat import LeaderChat
from tests.exports.world import MEETING, NOW, World, build_world

CLOCK = FixedClock(NOW)  # 04/03/2025, 09:00 in Hà Nội; the cell meets on the 5th at 14:00


async def _world(db: async_sessionmaker[AsyncSession]) -> World:
    async with db() as session:
        world = await build_world(session)
    async with db() as session, session.begin():
        cell = await session.get(Cell, world.cell_a)
        assert cell is not None
        cell.meeting_place = "Nhà văn hóa khu phố 3"
    return world


async def _actions(db: async_sessionmaker[AsyncSession]) -> list[str]:
    async with db() as session:
        return list(await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


async def test_the_rule_and_the_next_three_meetings_with_holidays_shifted(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    text = await chat.open("sec-open-meetings")
    assert "Ngày 5 hằng tháng, lúc 14:00, tại Nhà văn hóa khu phố 3" in text
    # 05/04/2025 is a Saturday and 07/04 is Giỗ Tổ Hùng Vương: the meeting moves to the 8th.
    assert [c for c in chat.captions() if c.startswith("📅")] == [
        t("sec-meeting-button", when="14:00 05/03/2025"),
        t("sec-meeting-button", when="14:00 08/04/2025"),
        t("sec-meeting-button", when="14:00 05/05/2025"),
    ]


async def test_bad_rule_input_is_refused_and_nothing_typed_is_lost(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1002, CLOCK)
    await chat.open("sec-open-meetings", "sec-edit-rule", "sec-rule-day")
    for typed, expected in (
        ("0", "Ngày sinh hoạt phải từ 1 đến 31 (đã nhập 0)"),
        ("32", "Ngày sinh hoạt phải từ 1 đến 31 (đã nhập 32)"),
        ("mười", "«mười» không phải là một ngày"),
    ):
        text = await chat.send(typed)
        assert expected in text and "gõ ngày sinh hoạt hằng tháng" in text
    assert "Ngày 10 hằng tháng" in await chat.send("10")
    await chat.press_id("sec-rule-time")
    text = await chat.send("25h")
    assert "Giờ sinh hoạt «25h» không hợp lệ" in text and "gõ giờ sinh hoạt" in text
    text = await chat.send("7h30")
    assert "Ngày 10 hằng tháng, lúc 07:30, tại Nhà văn hóa khu phố 3" in text
    await chat.press_id("sec-rule-place")
    assert t("error-text-empty") not in await chat.send("Hội trường UBND phường")
    await chat.press_id("sec-rule-to-none")
    text = await chat.press_id("sec-rule-save")
    assert "Đã lưu lịch sinh hoạt định kỳ: Ngày 10 hằng tháng, lúc 07:30" in text
    async with session_factory() as session:
        cell = await session.get(Cell, world.cell_a)
    assert cell is not None
    assert (cell.meeting_day, cell.meeting_time, cell.meeting_place, cell.shift_rule) == (
        10,
        time(7, 30),
        "Hội trường UBND phường",
        ShiftRule.NONE,
    )
    # The March meeting is tomorrow and was not moved: it follows the new rule.
    assert t("sec-meeting-button", when="07:30 10/03/2025") in chat.captions()
    assert await _actions(session_factory) == ["cell.meeting_rule"]


async def test_cancelling_the_rule_edit_changes_nothing(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-meetings", "sec-edit-rule", "sec-rule-day")
    await chat.send("20")
    await chat.press_id("button-back")
    async with session_factory() as session:
        cell = await session.get(Cell, world.cell_a)
    assert cell is not None and cell.meeting_day == 5
    assert await _actions(session_factory) == []


async def test_a_meeting_is_moved_themed_and_cancelled(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-meetings")
    text = await chat.press(t("sec-meeting-button", when="14:00 05/03/2025"))
    assert "Buổi sinh hoạt tháng 03/2025" in text and t("sec-topic-unset") in text

    await chat.press_id("sec-set-topic")
    assert t("error-text-empty") in await chat.send("  ")
    text = await chat.send("Học tập chuyên đề năm 2025")
    assert "Nội dung: Học tập chuyên đề năm 2025" in text
    text = await chat.press_id("sec-mark-thematic")
    assert "Loại: chuyên đề" in text and t("sec-mark-regular") in chat.captions()

    await chat.press_id("sec-move")
    assert "Thời gian mới phải sau thời điểm hiện tại" in await chat.send("01/03/2025 14:00")
    assert "«31/02/2025» không đúng dạng" in await chat.send("31/02/2025")
    assert "Giờ sinh hoạt «25:00» không hợp lệ" in await chat.send("06/03/2025 25:00")
    text = await chat.send("06/03/2025")  # the date only: the time stays
    assert "Đã dời buổi sinh hoạt sang 14:00 06/03/2025" in text
    assert t("sec-meeting-moved") in text

    await chat.press_id("sec-cancel-meeting")
    text = await chat.press_id("sec-confirm-cancel-button")
    assert t("sec-meeting-cancelled") in text and t("sec-restore-meeting") in chat.captions()
    async with session_factory() as session:
        meeting = await session.scalar(select(Meeting).where(Meeting.month == 3))
    assert meeting is not None
    assert (meeting.starts_at, meeting.topic, meeting.thematic, meeting.cancelled) == (
        datetime(2025, 3, 6, 7, 0, tzinfo=UTC),
        "Học tập chuyên đề năm 2025",
        True,
        True,
    )
    assert meeting.rule_starts_at == MEETING
    assert await _actions(session_factory) == [
        "meeting.topic",
        "meeting.thematic",
        "meeting.move",
        "meeting.cancel",
    ]


async def test_notices_of_absence_are_listed_under_the_meeting(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    async with session_factory() as session, session.begin():
        meeting_id = await session.scalar(select(Meeting.id).where(Meeting.month == 3))
        assert meeting_id is not None
        session.add(
            AbsenceNotice(
                meeting_id=meeting_id,
                member_id=world.member_a.member_id,
                reason="Đi công tác <Hà Nội>",
                created_at=NOW,
            )
        )
        session.add(
            AttendanceConfirmation(
                meeting_id=meeting_id, member_id=world.deputy_a.member_id, created_at=NOW
            )
        )
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-meetings")
    text = await chat.press(t("sec-meeting-button", when="14:00 05/03/2025"))
    assert "Giấy xin vắng: 1" in text
    assert "• Lê Văn &lt;Cường&gt;: <i>Đi công tác &lt;Hà Nội&gt;</i>" in text
    assert "Xác nhận tham dự: 1" in text and "Trần Thị Bình" in text
    await chat.press_id("button-back")
    text = await chat.press(t("sec-meeting-button", when="14:00 08/04/2025"))
    assert "Giấy xin vắng: 0" in text
    assert "Xác nhận tham dự: 0" in text and "Trần Thị Bình" not in text
