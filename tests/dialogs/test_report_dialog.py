"""The monthly report in chat: item by item, bad input, free report, restart, forged data."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.step import EditingMessageManager
from domain import plans, reports
from domain.clock import FixedClock
from domain.permissions import Actor
from locales import t
from storage.fsm import SqlStorage
from tests.dialogs.harness import Chat
from tests.dialogs.seed import AN_TG, BINH_TG, NOW, Seeded, seed
from tests.domain.test_cells import count_queries
from tests.storage.test_counters import counters_and_recount

Db = async_sessionmaker[AsyncSession]
PLAN = ("Đọc chuyên đề năm", "Số hóa hồ sơ lưu trữ của phòng")


@pytest.fixture
async def cell(session_factory: Db) -> Seeded:
    seeded = await seed(session_factory)
    async with session_factory() as session, session.begin():
        for actor in (seeded.an, seeded.binh):
            for section, text in zip((0, 2), PLAN, strict=True):
                await plans.add_item(session, actor, 2026, seeded.section_ids[section], text, NOW)
    return seeded


async def _report(db: Db, actor: Actor) -> dict[str, Any]:
    async with db() as session:
        report = await reports.read_report(session, actor, 2026, 4)
    assert report is not None
    return {
        "status": report.status,
        "items": [(line.text, line.status, line.note) for line in report.items],
        "free": [free.text for free in report.free_items],
        "difficulties": report.difficulties,
        "proposals": report.proposals,
        "submitted_at": report.submitted_at,
    }


async def _first_half(chat: Chat) -> None:
    await chat.send("/start")
    text = await chat.press_id("menu-report")
    assert "Báo cáo tháng 4/2026 › Việc 1/2" in text and PLAN[0] in text
    await chat.press_id("report-status-done-button")
    await chat.send(unicodedata.normalize("NFD", "Đã học xong, viết thu hoạch <5 trang> & nộp"))


async def _second_half(chat: Chat) -> None:
    text = chat.text
    assert "Việc 2/2" in text and PLAN[1] in text
    await chat.press_id("report-status-in-progress-button")
    text = await chat.press_id("report-skip-note")
    assert "Việc làm khác ngoài kế hoạch" in text
    await chat.send("Dọn vệ sinh khu phố sáng Chủ nhật")
    await chat.press_id("report-continue")
    await chat.press_id("report-none-button")
    text = await chat.send("Đề nghị chi bộ mua thêm máy quét")
    assert "Xem trước" in text
    assert "Đã học xong, viết thu hoạch &lt;5 trang&gt; &amp; nộp" in text
    text = await chat.press_id("report-submit-button")
    assert t("report-submitted-notice") in text and t("report-state-submitted") in text


async def test_a_whole_report_is_stored_as_typed(session_factory: Db, cell: Seeded) -> None:
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    await _first_half(chat)
    await _second_half(chat)
    stored = await _report(session_factory, cell.an)
    assert stored["items"][0][2] == "Đã học xong, viết thu hoạch <5 trang> & nộp"
    assert unicodedata.is_normalized("NFC", stored["items"][0][2])
    assert stored["free"] == ["Dọn vệ sinh khu phố sáng Chủ nhật"]
    assert stored["difficulties"] == "" and stored["submitted_at"] == NOW


async def test_interrupted_by_a_restart_ends_with_the_same_report(
    session_factory: Db, cell: Seeded
) -> None:
    clock = FixedClock(NOW)
    uninterrupted = Chat(session_factory, BINH_TG, clock, SqlStorage(session_factory))
    await _first_half(uninterrupted)
    await _second_half(uninterrupted)

    before = Chat(session_factory, AN_TG, clock, SqlStorage(session_factory))
    await _first_half(before)
    # A new process on the same database: the member comes back through the menu.
    after = Chat(session_factory, AN_TG, clock, SqlStorage(session_factory))
    after.client.last_message_id = 1000
    await after.send("/menu")
    await after.press_id("menu-report")
    await _second_half(after)

    an, binh = await _report(session_factory, cell.an), await _report(session_factory, cell.binh)
    assert an == binh
    assert [status for _, status, _ in an["items"]] == ["done", "in_progress"]


async def test_a_button_pressed_after_the_restart_still_works(
    session_factory: Db, cell: Seeded
) -> None:
    clock = FixedClock(NOW)
    before = Chat(session_factory, AN_TG, clock, SqlStorage(session_factory))
    await before.send("/start")
    await before.press_id("menu-report")
    old_window = before.last
    after = Chat(session_factory, AN_TG, clock, SqlStorage(session_factory))
    after.client.last_message_id = 1000
    await after.press(t("report-status-not-started-button"), old_window)
    assert "Ghi chú" in after.text
    assert (await _report(session_factory, cell.an))["items"][0][1] == "not_started"


async def test_bad_notes_keep_the_member_on_the_item(session_factory: Db, cell: Seeded) -> None:
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    await chat.send("/start")
    await chat.press_id("menu-report")
    await chat.press_id("report-status-done-button")
    for typed, message in [
        ("    ", t("error-text-empty")),
        ("🙂🙂🙂", t("error-text-no-letters")),
        ("b" * 501, t("error-text-too-long", max=500, length=501)),
    ]:
        text = await chat.send(typed)
        assert html.escape(message, quote=False) in text
        assert "Việc 1/2 › Ghi chú" in text
    await chat.send("Ghi chú hợp lệ")
    assert (await _report(session_factory, cell.an))["items"][0] == (
        PLAN[0],
        "done",
        "Ghi chú hợp lệ",
    )


async def test_without_a_plan_a_free_report(session_factory: Db, cell: Seeded) -> None:
    async with session_factory() as session, session.begin():
        plan = await plans.find_plan(session, cell.binh, 2026)
        assert plan is not None
        for item in plan.items:
            await plans.delete_item(session, cell.binh, item.id, NOW)
    chat = Chat(session_factory, BINH_TG, FixedClock(NOW))
    await chat.send("/start")
    text = await chat.press_id("menu-report")
    assert "chưa có việc nào trong kế hoạch năm 2026" in text
    await chat.press_id("report-free-report")
    text = await chat.send("Vận động hội viên góp quỹ «nuôi lợn nhựa tiết kiệm»")
    assert t("report-free-added") in text
    await chat.press_id("report-continue")
    await chat.send("Khó khăn về thời gian")
    await chat.press_id("report-none-button")
    await chat.press_id("report-submit-button")
    stored = await _report(session_factory, cell.binh)
    assert stored["free"] == ["Vận động hội viên góp quỹ «nuôi lợn nhựa tiết kiệm»"]
    assert stored["difficulties"] == "Khó khăn về thời gian" and stored["status"] == "submitted"


async def test_forged_callback_data_cannot_touch_another_members_report(
    session_factory: Db, cell: Seeded
) -> None:
    async with session_factory() as session, session.begin():
        theirs = await reports.open_report(session, cell.binh, 2026, 4, NOW)
        theirs = await reports.add_free_item(session, cell.binh, theirs.id, "Việc của Bình", NOW)
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    await chat.send("/start")
    await chat.press_id("menu-report")
    await chat.press_id("report-preview-button")
    await chat.press_id("report-edit-free")
    await chat.send("Việc của An")
    own = chat.callback_data(r"🗑 1\. .*")
    forged = re.sub(r"\d+$", str(theirs.free_items[0].id), own)
    text = await chat.press_forged(forged)
    assert html.escape(t("error-report-item-not-found"), quote=False) in text
    assert (await _report(session_factory, cell.binh))["free"] == ["Việc của Bình"]
    assert (await _report(session_factory, cell.an))["free"] == ["Việc của An"]


async def test_a_button_whose_dialog_state_was_lost_brings_the_menu(
    session_factory: Db, cell: Seeded
) -> None:
    before = Chat(session_factory, AN_TG, FixedClock(NOW))
    await before.send("/start")
    await before.press_id("menu-report")
    old_window = before.last
    # Memory storage: the new process knows nothing of the old window (UnknownIntent).
    after = Chat(session_factory, AN_TG, FixedClock(NOW))
    after.client.last_message_id = 1000
    await after.press(t("report-status-done-button"), old_window)
    assert "Đồng chí cần làm gì" in after.text
    assert t("menu-report") in after.captions()
    assert (await _report(session_factory, cell.an))["items"][0][1] is None


async def test_without_a_plan_the_report_offers_to_make_one(
    session_factory: Db, cell: Seeded
) -> None:
    async with session_factory() as session, session.begin():
        plan = await plans.find_plan(session, cell.binh, 2026)
        assert plan is not None
        for item in plan.items:
            await plans.delete_item(session, cell.binh, item.id, NOW)
    chat = Chat(session_factory, BINH_TG, FixedClock(NOW))
    await chat.send("/start")
    await chat.press_id("menu-report")
    text = await chat.press_id("report-make-plan")
    assert "Kế hoạch năm 2026</b> › Tổng quan" in text


async def test_a_status_press_runs_at_most_six_statements_with_its_dialog_state(
    engine: AsyncEngine, session_factory: Db, cell: Seeded
) -> None:
    chat = Chat(session_factory, AN_TG, FixedClock(NOW), SqlStorage(session_factory),
                messages=EditingMessageManager())  # fmt: skip
    await chat.send("/start")
    await chat.press_id("menu-report")
    for status in ("done", "in-progress", "done"):
        with count_queries(engine) as statements:
            text = await chat.press_id(f"report-status-{status}-button")
        assert len(statements) <= 6, statements
        assert PLAN[0] in text and t(f"report-status-{status}") in text
        stored = (await _report(session_factory, cell.an))["items"][0][1]
        assert stored == status.replace("-", "_")
        # The press writes outside the ORM's flush: it sets the report's counters itself.
        async with session_factory() as session:
            counted, recounted = await counters_and_recount(session)
        assert counted == recounted
        assert any(sum(counts) for counts in counted["reports"].values())
        await chat.press_id("button-back")


async def test_a_report_left_open_past_its_deadline_refuses_the_press(
    session_factory: Db, cell: Seeded
) -> None:
    clock = FixedClock(NOW)
    chat = Chat(session_factory, AN_TG, clock, SqlStorage(session_factory))
    await chat.send("/start")
    await chat.press_id("menu-report")
    # April's meeting is on 5 April at 14:00; the report may be corrected for three days.
    clock.set(datetime(2026, 4, 8, 7, 1, tzinfo=UTC))
    text = await chat.press_id("report-status-done-button")
    assert "Đã hết hạn sửa báo cáo tháng 4/2026" in html.unescape(text)
    assert (await _report(session_factory, cell.an))["items"][0][1] is None
