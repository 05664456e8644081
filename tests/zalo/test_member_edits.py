"""On Zalo: the note already written is shown when an item is answered again and can be
cleared; a plan item is rewritten in place; an earlier month is reported within its grace
period (three days after its meeting), and refused after."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conversations.zalo.conversation import Conversation
from domain.audit import OPERATOR
from domain.clock import FixedClock
from domain.invites import create_invite
from domain.vocabulary import ReportStatus
from locales import t
from storage.models import ItemProgress, PlanItem, ProgressReport
from tests.dialogs.seed import Seeded
from tests.zalo.chat import ZaloChat

Db = async_sessionmaker[AsyncSession]
FIRST, SECOND = "Đọc kỹ chuyên đề năm, viết bài thu hoạch", "Tham gia «Tuyến phố không rác»"
NOTE = "Đã nộp bài thu hoạch"
# 6 March 2026, 09:00 in Hà Nội: the day after March's meeting (5 March, 14:00).
AFTER_MARCH_MEETING = datetime(2026, 3, 6, 2, 0, tzinfo=UTC)


async def _member(db: Db, seeded: Seeded, conversation: Conversation, now: datetime) -> ZaloChat:
    async with db() as session, session.begin():
        invite = await create_invite(session, OPERATOR, cell_id=seeded.cell_id, now=now)
    lan = ZaloChat(conversation, "z-lan", name="Vũ Thị Lan")
    await lan.script(invite.code, "1")
    return lan


async def _notes(db: Db) -> list[str]:
    async with db() as session:
        return list(await session.scalars(select(ItemProgress.note).order_by(ItemProgress.id)))


async def test_the_current_note_is_shown_kept_with_0_and_cleared_with_a_dash(
    session_factory: Db, seeded: Seeded, conversation: Conversation, clock: FixedClock
) -> None:
    lan = await _member(session_factory, seeded, conversation, clock.now())
    await lan.script("kehoach", FIRST, "0", "0", SECOND, "0", "1")
    first_time = await lan.script("baocao", "1")
    assert first_time == t("zalo-report-note")
    await lan.script(NOTE, "2", "0", "0", "0", "0")
    again = await lan.send("sua 1")
    assert f"Đã ghi: Hoàn thành ({NOTE})" in again
    note_prompt = await lan.send("2")
    assert note_prompt == t("zalo-report-note-current", note=NOTE)
    preview = await lan.send("0")
    assert f"1. {FIRST}: Đang thực hiện ({NOTE})" in preview
    assert await _notes(session_factory) == [NOTE, ""]
    await lan.script("sua 1", "1")
    preview = await lan.send("-")
    assert f"1. {FIRST}: Hoàn thành\n" in preview
    assert await _notes(session_factory) == ["", ""]
    # An item never given a note: its prompt offers no note to keep.
    assert await lan.script("sua 2", "3") == t("zalo-report-note")


async def test_a_plan_item_is_rewritten_in_place_from_the_preview(
    session_factory: Db, seeded: Seeded, conversation: Conversation, clock: FixedClock
) -> None:
    lan = await _member(session_factory, seeded, conversation, clock.now())
    await lan.script("kehoach", FIRST, "0", "0", SECOND)
    assert f"2) {SECOND}" in await lan.send("0")
    async with session_factory() as session:
        ids = sorted(await session.scalars(select(PlanItem.id)))
    assert "Không có việc số 5" in await lan.send("sua 5 Một việc không có")
    first = "Đọc kỹ chuyên đề năm, viết bài thu hoạch 1.500 chữ"
    answer = await lan.send(f"Sửa 1 {first}")
    assert t("zalo-plan-item-edited", text=FIRST) in answer and f"1) {first}" in answer
    assert await lan.send("sua2") == t("zalo-plan-edit", number=2, text=SECOND)
    refused = await lan.send("abc")
    assert "quá ngắn" in refused and f"«{SECOND}»" in refused
    second = "Tham gia «Tuyến phố không rác» mỗi sáng Chủ nhật"
    answer = await lan.send(second)
    assert f"1) {first}" in answer and f"2) {second}" in answer
    assert "gõ 1 để đăng ký" in answer.lower()
    # «0» keeps the text as it is.
    await lan.send("sua 2")
    assert f"2) {second}" in await lan.send("0")
    async with session_factory() as session:
        rows = (await session.execute(select(PlanItem.id, PlanItem.text))).all()
    assert sorted(rows) == sorted(zip(ids, [first, second], strict=True))


async def test_last_month_is_reported_within_its_grace_period_and_refused_after(
    session_factory: Db, seeded: Seeded, conversation: Conversation, clock: FixedClock
) -> None:
    clock.set(AFTER_MARCH_MEETING)
    lan = await _member(session_factory, seeded, conversation, clock.now())
    await lan.script("kehoach", FIRST, "0", "0", "0", "1")
    answer = await lan.send("baocao")
    late = t("zalo-report-late", month="03", year="2026", number=3, time="14:00", date="08/03/2026")
    assert late in answer and "Báo cáo tháng 04/2026, việc 1/1" in answer
    assert "Báo cáo tháng 03/2026, việc 1/1" in await lan.send("Báo cáo 3")
    preview = await lan.script("1", "0", "0", "0", "0")
    assert "Báo cáo tháng 03/2026" in preview
    assert "Đã gửi báo cáo tháng 03/2026" in await lan.send("1")
    async with session_factory() as session:
        reports = (
            await session.execute(
                select(ProgressReport.year, ProgressReport.month, ProgressReport.status)
            )
        ).all()
    assert sorted(reports) == [(2026, 3, ReportStatus.SUBMITTED), (2026, 4, ReportStatus.DRAFT)]
    # Three days after the meeting the month is closed; April is asked for alone.
    clock.set(datetime(2026, 3, 8, 8, 0, tzinfo=UTC))
    closed = await lan.send("baocao 3")
    assert closed == t("error-report-closed", month=3, year="2026", date="08/03/2026")
    assert "03/2026" not in await lan.send("baocao")
    future = t("error-report-future-month", month=5, year="2026")
    assert await lan.send("baocao 5") == future


async def test_the_help_lists_the_new_commands(
    session_factory: Db, seeded: Seeded, conversation: Conversation, clock: FixedClock
) -> None:
    lan = await _member(session_factory, seeded, conversation, clock.now())
    help_text = await lan.send("huongdan")
    for typed in ("«sua 2 nội dung mới»", "gõ - để xóa ghi chú", "«baocao 3»", "thamdu"):
        assert typed in help_text
    for typed in ("lichsu", "«lichsu 2025»", "dulieu"):
        assert typed in help_text


async def test_what_a_member_types_comes_back_as_typed_markup_signs_and_all(
    session_factory: Db, seeded: Seeded, conversation: Conversation, clock: FixedClock
) -> None:
    """Replies are HTML made plain: a member's «<», «&» and tags must not be read as markup."""
    typed_item = "Đọc sách a < b & <i>c</i> &amp; <b>đậm</b>"
    typed_note = "Ghi chú <u>x</u> & 3 < 5"
    lan = await _member(session_factory, seeded, conversation, clock.now())
    await lan.script("kehoach", typed_item, "0", "0")
    preview = await lan.send("0")
    assert f"1) {typed_item}" in preview
    async with session_factory() as session:
        assert await session.scalar(select(PlanItem.text)) == typed_item
    await lan.script("1", "baocao", "1", typed_note)
    assert (await _notes(session_factory))[0] == typed_note
    await lan.script("0", "0")
    assert f"1. {typed_item}: Hoàn thành ({typed_note})" in await lan.send("0")
    again = await lan.send("sua 1")
    assert typed_item in again and f"({typed_note})" in again
