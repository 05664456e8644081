"""Join, plan and report on Zalo through the stand-in over HTTP; the database ends as the
same steps taken through the domain use cases (the Telegram dialogs' path) leave it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conversations.zalo.conversation import Conversation
from domain.audit import OPERATOR
from domain.clock import FixedClock
from domain.invites import create_invite
from domain.joining import join_cell
from domain.permissions import actor_for_telegram
from domain.plans import add_item, open_plan, submit_plan
from domain.reports import (
    add_free_item,
    open_report,
    set_difficulties,
    set_item_note,
    set_item_status,
    set_proposals,
    submit_report,
)
from domain.vocabulary import Channel, ItemStatus
from emulator.client import ZaloUserClient
from storage.models import (
    AuditEntry,
    CellMembership,
    FreeItem,
    ItemProgress,
    Member,
    OutboxMessage,
    PlanItem,
    PlanSection,
    ProgressReport,
    YearPlan,
)
from tests.dialogs.seed import NOW, Seeded
from tests.zalo.chat import ZaloChat
from tests.zalo.conftest import phone

Db = async_sessionmaker[AsyncSession]
FIRST, SECOND = "Đọc kỹ chuyên đề năm, viết bài thu hoạch", "Tham gia «Tuyến phố không rác»"
NOTE, FREE, DIFFICULTY = "Đã nộp bài thu hoạch", "Dọn vệ sinh nhà văn hóa", "Thiếu thời gian"
TWIN_TG = 7_700_042


async def _invite(db: Db, seeded: Seeded) -> str:
    async with db() as session, session.begin():
        invite = await create_invite(session, OPERATOR, cell_id=seeded.cell_id, now=NOW, uses=5)
        return invite.code


async def _snapshot(db: Db, member_id: int) -> dict[str, Any]:
    """What the member's steps left in the database, without ids and identities."""
    async with db() as session:
        member = await session.get(Member, member_id)
        assert member is not None
        plan = await session.scalar(select(YearPlan).where(YearPlan.member_id == member_id))
        assert plan is not None
        items = (
            await session.execute(
                select(PlanSection.position, PlanItem.position, PlanItem.text)
                .join(PlanSection, PlanSection.id == PlanItem.section_id)
                .where(PlanItem.plan_id == plan.id)
                .order_by(PlanItem.position)
            )
        ).all()
        report = await session.scalar(
            select(ProgressReport).where(ProgressReport.member_id == member_id)
        )
        assert report is not None
        progress = (
            await session.execute(
                select(PlanItem.text, ItemProgress.status, ItemProgress.note)
                .join(PlanItem, PlanItem.id == ItemProgress.plan_item_id)
                .where(ItemProgress.report_id == report.id)
                .order_by(PlanItem.position)
            )
        ).all()
        free = await session.scalars(select(FreeItem.text).where(FreeItem.report_id == report.id))
        memberships = (
            await session.execute(
                select(CellMembership.cell_id, CellMembership.role, CellMembership.start_on).where(
                    CellMembership.member_id == member_id
                )
            )
        ).all()
        audit = await session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.actor_member_id == member_id)
            .order_by(AuditEntry.id)
        )
        told = await session.scalars(
            select(OutboxMessage.kind, OutboxMessage.member_id).order_by(OutboxMessage.id)
        )
        return {
            "member": (member.full_name, member.cell_id, member.role, member.status),
            "memberships": [tuple(row) for row in memberships],
            "plan": (plan.year, plan.status, plan.submitted_at, [tuple(r) for r in items]),
            "report": (
                report.year,
                report.month,
                report.status,
                report.submitted_at,
                report.difficulties,
                report.proposals,
                [tuple(row) for row in progress],
                list(free),
            ),
            "audit": list(audit),
            "outbox kinds": sorted(kind for kind in told),
        }


async def _domain_path(db: Db, seeded: Seeded, code: str, name: str) -> int:
    """The same steps through the use cases the Telegram dialogs call."""
    async with db() as session, session.begin():
        await join_cell(session, code, TWIN_TG, name, NOW)
    sections = seeded.section_ids
    async with db() as session, session.begin():
        actor = await actor_for_telegram(session, TWIN_TG)
        assert actor is not None
        await open_plan(session, actor, 2026, NOW)
        await add_item(session, actor, 2026, sections[0], FIRST, NOW)
        await add_item(session, actor, 2026, sections[2], SECOND, NOW)
        await submit_plan(session, actor, 2026, NOW)
        report = await open_report(session, actor, 2026, 4, NOW)
        first, second = report.items
        await set_item_status(session, actor, report.id, first.item_id, ItemStatus.DONE, NOW)
        await set_item_note(session, actor, report.id, first.item_id, NOTE, NOW)
        in_progress = ItemStatus.IN_PROGRESS
        await set_item_status(session, actor, report.id, second.item_id, in_progress, NOW)
        await add_free_item(session, actor, report.id, FREE, NOW)
        await set_difficulties(session, actor, report.id, DIFFICULTY, NOW)
        await set_proposals(session, actor, report.id, None, NOW)
        await submit_report(session, actor, report.id, NOW)
        return actor.member_id


async def test_join_plan_and_report_on_zalo_leave_what_the_telegram_path_leaves(
    session_factory: Db,
    seeded: Seeded,
    polling_bot: object,
    zalo_users: ZaloUserClient,
) -> None:
    code = await _invite(session_factory, seeded)
    hong = await phone(zalo_users, "Đỗ Thị Hồng")
    assert "mã mời" in await hong.say("Xin chào")
    assert "Chi bộ khu phố 3" in await hong.say(code.lower(), "Mã mời hợp lệ")
    assert "Đỗ Thị Hồng" in await hong.say("1", "Chào mừng")

    assert "phần 1/3" in await hong.say("kehoach", "Kế hoạch năm 2026")
    await hong.say(FIRST, "Đã thêm việc")
    assert "phần 2/3" in await hong.say("0")
    assert "phần 3/3" in await hong.say("0")
    await hong.say(SECOND, "Đã thêm việc")
    preview = await hong.say("0", "Kế hoạch cá nhân năm 2026")
    assert FIRST in preview and SECOND in preview
    # The year's theme heads the preview (the seed's theme is "Chuyên đề năm 2026").
    assert "Chuyên đề năm 2026: Chuyên đề năm 2026\nPhần 1:" in preview
    assert "Đã đăng ký kế hoạch năm 2026" in await hong.say("1")

    assert FIRST in await hong.say("baocao", "Báo cáo tháng 04/2026, việc 1/2")
    await hong.say("1", "ghi chú")
    assert SECOND in await hong.say(NOTE, "việc 2/2")
    await hong.say("2", "ghi chú")
    await hong.say("0", "Việc làm khác")
    await hong.say(FREE, "Đã ghi")
    await hong.say("0", "Khó khăn")
    await hong.say(DIFFICULTY, "Đề xuất")
    preview = await hong.say("0", "Báo cáo tháng 04/2026")
    assert f"{FIRST}: Hoàn thành ({NOTE})" in preview and f"Khó khăn: {DIFFICULTY}" in preview
    assert "Đã gửi báo cáo tháng 04/2026" in await hong.say("1")
    assert all("<" not in text for text in await hong.messages())

    async with session_factory() as session:
        zalo_member = await session.scalar(
            select(Member).where(Member.zalo_user_id == hong.user_id)
        )
    assert zalo_member is not None and zalo_member.telegram_id is None
    assert zalo_member.reminder_channel is Channel.ZALO
    twin = await _domain_path(session_factory, seeded, code, "Đỗ Thị Hồng")
    on_zalo, on_telegram = (
        await _snapshot(session_factory, zalo_member.id),
        await _snapshot(session_factory, twin),
    )
    assert on_zalo == on_telegram
    assert on_zalo["outbox kinds"].count("plan_submitted") == 2  # the secretary, once each


async def test_a_draft_survives_a_restart_and_a_refusal_asks_again(
    session_factory: Db, seeded: Seeded, clock: FixedClock
) -> None:
    code = await _invite(session_factory, seeded)
    first = Conversation(session_factory, clock=clock)
    lan = ZaloChat(first, "z-lan", "Vũ Thị Lan")
    await lan.script(code, "1", "kehoach")
    refused = await lan.send("abc")
    assert "quá ngắn" in refused and "phần 1/3" in refused
    await lan.send(FIRST)
    clock.set(NOW + timedelta(minutes=5))
    # The process restarts: a new conversation object, the same database.
    again = ZaloChat(Conversation(session_factory, clock=clock), "z-lan", "Vũ Thị Lan")
    assert "phần 2/3" in await again.send("0")
    async with session_factory() as session:
        texts = list(await session.scalars(select(PlanItem.text)))
    assert texts == [FIRST]


async def test_an_item_is_deleted_from_the_preview_by_its_number(
    session_factory: Db, seeded: Seeded, clock: FixedClock
) -> None:
    code = await _invite(session_factory, seeded)
    lan = ZaloChat(Conversation(session_factory, clock=clock), "z-lan", "Vũ Thị Lan")
    await lan.script(code, "1", "kehoach", FIRST, "0", "Việc sẽ xóa đi", "0")
    preview = await lan.send(SECOND)
    assert "Đã thêm việc" in preview
    preview = await lan.send("0")
    assert f"1) {FIRST}" in preview and "2) Việc sẽ xóa đi" in preview
    assert f"3) {SECOND}" in preview
    assert "Không có việc số 7" in await lan.send("xoa 7")
    answer = await lan.send("Xóa 2")
    assert "Đã xóa việc «Việc sẽ xóa đi»" in answer and f"2) {SECOND}" in answer
    async with session_factory() as session:
        texts = sorted(await session.scalars(select(PlanItem.text)))
    assert texts == sorted([FIRST, SECOND])


async def test_one_item_of_the_report_is_answered_again_from_the_preview(
    session_factory: Db, seeded: Seeded, clock: FixedClock
) -> None:
    code = await _invite(session_factory, seeded)
    lan = ZaloChat(Conversation(session_factory, clock=clock), "z-lan", "Vũ Thị Lan")
    await lan.script(code, "1", "kehoach", FIRST, "0", "0", SECOND, "0", "1")
    preview = await lan.script("baocao", "1", NOTE, "1", "0", "0", "0", "0")
    assert f"2. {SECOND}: Hoàn thành" in preview
    assert "Không có việc số 3" in await lan.send("sua 3")
    assert SECOND in await lan.send("Sửa 2")
    await lan.send("3")
    preview = await lan.send("0")
    assert f"2. {SECOND}: Chưa thực hiện" in preview and f"1. {FIRST}: Hoàn thành" in preview
    assert "Đã gửi báo cáo" in await lan.send("1")
    async with session_factory() as session:
        statuses = sorted(await session.scalars(select(ItemProgress.status)))
    assert statuses == sorted([ItemStatus.DONE, ItemStatus.NOT_STARTED])


AUTOMATED = "phần mềm tự động"
DATA_USE = "chỉ được lưu để chi bộ theo dõi kế hoạch, báo cáo"


async def test_a_newcomer_is_told_first_that_the_bot_is_software_and_how_their_data_is_used(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    # Zalo's terms: the person knows they talk to automated software, and what is kept.
    greeted = await ZaloChat(conversation, "z-new-1").send("Xin chào")
    assert AUTOMATED in greeted and DATA_USE in greeted
    code = await _invite(session_factory, seeded)
    invited = await ZaloChat(conversation, "z-new-2").send(code)  # the invite as first message
    assert "Mã mời hợp lệ" in invited
    assert AUTOMATED in invited and DATA_USE in invited
