"""The yearly plan in chat: sections, bad input kept in place, escaping, NFC, register."""

from __future__ import annotations

import html
import re
import unicodedata

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.step import EditingMessageManager
from domain import plans
from domain.clock import FixedClock
from domain.vocabulary import PlanStatus
from locales import t
from storage.fsm import SqlStorage
from storage.models import OutboxMessage, PlanItem, YearPlan
from tests.dialogs.harness import Chat
from tests.dialogs.seed import AN_TG, BINH_TG, NOW, SECRETARY_TG, Seeded, seed
from tests.domain.test_cells import count_queries

Db = async_sessionmaker[AsyncSession]


@pytest.fixture
async def cell(session_factory: Db) -> Seeded:
    return await seed(session_factory)


async def _items(db: Db, member_id: int) -> list[str]:
    async with db() as session:
        rows = await session.scalars(
            select(PlanItem.text)
            .join(YearPlan, YearPlan.id == PlanItem.plan_id)
            .where(YearPlan.member_id == member_id, YearPlan.year == 2026)
            .order_by(PlanItem.position)
        )
        return list(rows)


async def _open_section(chat: Chat, number: int) -> str:
    await chat.send("/start")
    await chat.press_id("menu-plan")
    return await chat.press_matching(rf"{number}\. .*")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "error-text-empty"),
        ("   \t  ", "error-text-empty"),
        ("🎉🎉🎉🎉🎉🎉", "error-text-no-letters"),
        ("Học", "error-text-too-short"),
        ("a" * 501, "error-text-too-long"),
    ],
)
async def test_bad_input_is_refused_in_the_same_window(
    session_factory: Db, cell: Seeded, typed: str, expected: str
) -> None:
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    await _open_section(chat, 2)
    await chat.send("Không uống rượu bia trong giờ làm việc")
    text = await chat.send(typed)
    assert "Kế hoạch năm 2026 › Phần 2/3: Tu dưỡng, rèn luyện đạo đức, lối sống" in text
    message = {
        "error-text-empty": t("error-text-empty"),
        "error-text-no-letters": t("error-text-no-letters"),
        "error-text-too-short": t("error-text-too-short", min=5, length=3),
        "error-text-too-long": t("error-text-too-long", max=500, length=501),
    }[expected]
    assert html.escape(message, quote=False) in text
    # What was entered before is still there, and nothing bad was stored.
    assert "1. Không uống rượu bia trong giờ làm việc" in text
    assert await _items(session_factory, cell.an.member_id) == [
        "Không uống rượu bia trong giờ làm việc"
    ]
    # The next good line is accepted in the same window.
    text = await chat.send("Đọc báo Nhân Dân mỗi sáng")
    assert "2. Đọc báo Nhân Dân mỗi sáng" in text
    assert t("error-text-empty") not in text


async def test_markup_is_stored_raw_shown_escaped_and_nfd_becomes_nfc(
    session_factory: Db, cell: Seeded
) -> None:
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    await _open_section(chat, 1)
    text = await chat.send("<b>Học</b> chuyên đề & viết thu hoạch")
    assert "1. &lt;b&gt;Học&lt;/b&gt; chuyên đề &amp; viết thu hoạch" in text
    nfd = unicodedata.normalize("NFD", "  Tự học tiếng Việt có dấu  ")
    assert nfd.strip() != unicodedata.normalize("NFC", nfd.strip())
    await chat.send(nfd)
    stored = await _items(session_factory, cell.an.member_id)
    assert stored == ["<b>Học</b> chuyên đề & viết thu hoạch", "Tự học tiếng Việt có dấu"]
    assert unicodedata.is_normalized("NFC", stored[1])


async def test_edit_reorder_delete_preview_and_register(session_factory: Db, cell: Seeded) -> None:
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    text = await _open_section(chat, 3)
    assert "Phần 3/3" in text and t("plan-status-none") in text
    await chat.send("Số hóa hồ sơ lưu trữ của phòng")
    await chat.send("Tham gia mô hình Tuyến phố không rác")
    text = await chat.press_matching(r"✏️ 2\. .*")
    assert "Việc 2" in text and "Tham gia mô hình Tuyến phố không rác" in text
    await chat.press_id("plan-up-button")
    await chat.press_id("plan-edit-button")
    text = await chat.send("x")
    assert "Sửa" in text  # still in the edit window after a refusal
    await chat.send("Tham gia mô hình «Tuyến phố không rác» mỗi Chủ nhật")
    await chat.press_id("button-back")
    await chat.press_matching(r"✏️ 2\. .*")
    await chat.press_id("plan-delete-button")
    text = await chat.press_id("plan-delete-yes")
    assert t("plan-item-deleted") in text
    assert await _items(session_factory, cell.an.member_id) == [
        "Tham gia mô hình «Tuyến phố không rác» mỗi Chủ nhật"
    ]
    await chat.press_id("plan-prev-section")
    await chat.press_id("plan-prev-section")
    await chat.send("Học tập chuyên đề năm 2026")
    await chat.press_id("plan-to-overview")
    text = await chat.press_id("plan-preview-button")
    assert "Xem toàn bộ" in text
    assert text.index("Học tập chuyên đề năm 2026") < text.index("Tuyến phố không rác")
    text = await chat.press_id("plan-submit-button")
    assert t("plan-status-submitted") in text
    async with session_factory() as session:
        plan = await session.scalar(select(YearPlan))
        outbox = list(await session.scalars(select(OutboxMessage)))
    assert plan is not None and plan.status is PlanStatus.SUBMITTED
    assert [m.chat_id for m in outbox] == [SECRETARY_TG]
    assert t("plan-submit-button") not in chat.captions()


async def test_copy_last_year_and_a_locked_plan(session_factory: Db, cell: Seeded) -> None:
    async with session_factory() as session, session.begin():
        await plans.add_item(
            session, cell.an, 2025, cell.previous_section_ids[1], "Việc năm ngoái", NOW
        )
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    await chat.send("/start")
    await chat.press_id("menu-plan")
    text = await chat.press_id("plan-copy-button", prev_year="2025")
    assert t("plan-copied", count=1) in text
    assert await _items(session_factory, cell.an.member_id) == ["Việc năm ngoái"]
    async with session_factory() as session, session.begin():
        plan = await plans.submit_plan(session, cell.an, 2026, NOW)
        await plans.acknowledge_plan(session, cell.secretary, plan.id, NOW)
    await chat.send("/menu")
    text = await chat.press_id("menu-plan")
    assert t("plan-status-acknowledged") in text and "🔒" in text
    text = await chat.press_matching(r"2\. .*")
    await chat.send("Thêm việc khi đã khóa")
    assert html.escape(t("error-plan-locked"), quote=False) in chat.text
    assert not any(caption.startswith("✏️") for caption in chat.captions())
    assert await _items(session_factory, cell.an.member_id) == ["Việc năm ngoái"]


async def test_forged_item_ids_never_reach_another_members_plan(
    session_factory: Db, cell: Seeded
) -> None:
    async with session_factory() as session, session.begin():
        theirs = await plans.add_item(
            session, cell.binh, 2026, cell.section_ids[0], "Việc của Bình", NOW
        )
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    await _open_section(chat, 1)
    await chat.send("Việc của An")
    own = chat.callback_data(r"✏️ 1\. .*")
    forged = re.sub(r"\d+$", str(theirs.id), own)
    assert forged != own and len(forged.encode()) <= 64
    text = await chat.press_forged(forged)
    assert html.escape(t("error-plan-item-not-found"), quote=False) in text
    assert "Việc của Bình" not in text
    # Editing whatever item the window holds goes through the domain's own check too.
    await chat.press_matching(r"✏️ 1\. .*")
    await chat.press_id("plan-edit-button")
    await chat.send("An sửa việc của mình")
    assert await _items(session_factory, cell.binh.member_id) == ["Việc của Bình"]
    assert await _items(session_factory, cell.an.member_id) == ["An sửa việc của mình"]
    binh = Chat(session_factory, BINH_TG, FixedClock(NOW))
    await binh.send("/start")
    text = await binh.press_id("menu-plan")
    assert "Đã ghi 1 việc" in text


async def test_a_long_plan_is_paged_never_cut_and_callback_data_stays_small(
    session_factory: Db, cell: Seeded
) -> None:
    texts = [f"Việc số {n:02d}: " + "rèn luyện & học tập " * 23 for n in range(1, 13)]
    async with session_factory() as session, session.begin():
        for text in texts:
            await plans.add_item(session, cell.an, 2026, cell.section_ids[0], text, NOW)
    chat = Chat(session_factory, AN_TG, FixedClock(NOW))
    await chat.send("/start")
    await chat.press_id("menu-plan")
    pages = [await chat.press_id("plan-preview-button")]
    while t("member-page-next") in chat.captions():
        pages.append(await chat.press_id("member-page-next"))
    assert len(pages) > 2
    assert all(len(page) < 4096 for page in pages)
    shown = "\n".join(pages)
    for text in texts:
        assert html.escape(text.strip(), quote=False) in shown
    # The section window pages its item buttons with its text.
    await chat.press_id("plan-to-overview")
    await chat.press_matching(r"1\. .*")
    seen: set[str] = set()
    while True:
        markup = chat.last.reply_markup
        assert markup is not None
        for row in markup.inline_keyboard:  # type: ignore[union-attr]
            for button in row:
                assert len((button.callback_data or "").encode()) <= 64
                seen.add(button.text)
        assert len(chat.text) < 4096
        if t("member-page-next") not in chat.captions():
            break
        await chat.press_id("member-page-next")
    assert sum(1 for caption in seen if caption.startswith("✏️")) == len(texts)
    # /cancel from an input window brings the menu back.
    assert "Đồng chí cần làm gì" in await chat.send("/cancel")


async def test_moving_an_item_runs_at_most_six_statements_with_its_dialog_state(
    engine: AsyncEngine, session_factory: Db, cell: Seeded
) -> None:
    async with session_factory() as session, session.begin():
        for text in ("Học tập chuyên đề năm", "Số hóa hồ sơ lưu trữ", "Vệ sinh khu phố"):
            await plans.add_item(session, cell.an, 2026, cell.section_ids[0], text, NOW)
    chat = Chat(session_factory, AN_TG, FixedClock(NOW), SqlStorage(session_factory),
                messages=EditingMessageManager())  # fmt: skip
    await _open_section(chat, 1)
    await chat.press_matching(r"✏️ 2\. .*")
    for button, number, order in (
        ("plan-up-button", 1, ["Số hóa hồ sơ lưu trữ", "Học tập chuyên đề năm"]),
        ("plan-down-button", 2, ["Học tập chuyên đề năm", "Số hóa hồ sơ lưu trữ"]),
    ):
        with count_queries(engine) as statements:
            text = await chat.press_id(button)
        assert len(statements) <= 6, "\n---\n".join(statements)
        assert f"Việc {number}" in text and "Số hóa hồ sơ lưu trữ" in text
        assert (await _items(session_factory, cell.an.member_id))[:2] == order
    # Changed behind the window (the third item moved up): the press still moves the item
    # shown one place up, from where it really is.
    async with session_factory() as session, session.begin():
        third = (
            await session.scalars(select(PlanItem.id).where(PlanItem.text == "Vệ sinh khu phố"))
        ).one()
        await plans.move_item(session, cell.an, third, -1, NOW)
    text = await chat.press_id("plan-up-button")
    assert "Việc 2" in text and "Số hóa hồ sơ lưu trữ" in text
    assert await _items(session_factory, cell.an.member_id) == [
        "Học tập chuyên đề năm",
        "Số hóa hồ sơ lưu trữ",
        "Vệ sinh khu phố",
    ]
    # Acknowledged meanwhile: refused, nothing moved.
    async with session_factory() as session, session.begin():
        plan = await plans.submit_plan(session, cell.an, 2026, NOW)
        await plans.acknowledge_plan(session, cell.secretary, plan.id, NOW)
    text = await chat.press_id("plan-up-button")
    assert html.escape(t("error-plan-locked"), quote=False) in text
    assert (await _items(session_factory, cell.an.member_id))[1] == "Số hóa hồ sơ lưu trữ"
