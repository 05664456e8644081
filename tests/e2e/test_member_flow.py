"""A newcomer joins with an invite link, registers a plan of three items and reports a
month, through the real ``chibo run`` process and the Telegram stand-in."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from domain.audit import OPERATOR
from domain.demo import demo_personas
from domain.invites import create_invite
from domain.vocabulary import ItemStatus, MemberStatus, PlanStatus, ReportStatus
from locales import t
from storage.db import create_engine, create_session_factory
from storage.models import Cell, ItemProgress, Member, PlanItem, ProgressReport, YearPlan
from tests.e2e.conftest import ChiboProcess
from tests.e2e.phones import Phone

pytestmark = pytest.mark.moments

NEWCOMER = 7_700_001
PLAN = (
    "Học tập chuyên đề năm, viết bài thu hoạch",
    "Không sử dụng điện thoại vào việc riêng trong giờ họp",
    "Tham gia mô hình «Tuyến phố không rác» mỗi sáng Chủ nhật",
)


def _last_bot(view: dict[str, Any]) -> dict[str, Any]:
    return [m for m in view["messages"] if m["from_bot"]][-1]


def newcomer_phone(chibo: ChiboProcess) -> Phone:
    """The newcomer's phone: the bot's latest message must say what is expected."""
    assert chibo.users is not None
    return Phone(chibo.users, NEWCOMER, within=60, latest_only=True)


async def test_newcomer_joins_registers_a_plan_and_reports_a_month(chibo: ChiboProcess) -> None:
    assert chibo.users is not None
    secretary = next(p for p in demo_personas() if p.role == "secretary")
    engine = create_engine(chibo.database_url)
    db = create_session_factory(engine)
    try:
        async with db() as session, session.begin():
            cell_id = await session.scalar(
                select(Member.cell_id).where(Member.telegram_id == secretary.telegram_id)
            )
            assert cell_id is not None
            cell_name = (await session.get(Cell, cell_id)).name  # type: ignore[union-attr]
            invite = await create_invite(session, OPERATOR, cell_id=cell_id, now=chibo.now())
            code = invite.code
        await chibo.users.create_persona("Hoa", user_id=NEWCOMER, last_name="Phạm Thị")
        phone = newcomer_phone(chibo)

        await chibo.users.start(NEWCOMER, code)
        await phone.until(cell_name)
        await phone.press(t("join-edit-name"), "Họ và tên")
        await phone.send("Phạm Thị Hoa", "Phạm Thị Hoa")
        await phone.press(t("join-button"), "Chào mừng")
        await phone.press(t("member-to-menu"), "Đồng chí cần làm gì")

        overview = await phone.press(t("menu-plan"), "Tổng quan")
        year = int(overview["text"].split("Kế hoạch năm ")[1][:4])
        for number, text in zip((1, 2, 5), PLAN, strict=True):
            await phone.press(phone.caption(lambda c, n=number: c.startswith(f"{n}. ")), "Phần")
            await phone.send(text, text)
            await phone.press(t("plan-to-overview"), "Tổng quan")
        await phone.press(t("plan-submit-button"), t("plan-status-submitted"))

        await phone.send("/menu", "Đồng chí cần làm gì")
        await phone.press(t("menu-report"), "Việc 1/3")
        await phone.press(t("report-status-done-button"), "Ghi chú")
        await phone.send("Đã nộp bài thu hoạch", "Việc 2/3")
        await phone.press(t("report-status-in-progress-button"), "Ghi chú")
        await phone.press(t("report-skip-note"), "Việc 3/3")
        await phone.press(t("report-status-not-started-button"), "Ghi chú")
        await phone.press(t("report-skip-note"), "Việc làm khác")
        await phone.press(t("report-continue"), "Khó khăn")
        await phone.press(t("report-none-button"), "Kiến nghị")
        await phone.press(t("report-none-button"), "Xem trước")
        await phone.press(t("report-submit-button"), t("report-submitted-notice"))

        async with db() as session:
            member = await session.scalar(select(Member).where(Member.telegram_id == NEWCOMER))
            assert member is not None
            assert (member.full_name, member.status, member.cell_id) == (
                "Phạm Thị Hoa",
                MemberStatus.ACTIVE,
                cell_id,
            )
            plans = list(
                await session.scalars(select(YearPlan).where(YearPlan.member_id == member.id))
            )
            assert [(p.year, p.status) for p in plans] == [(year, PlanStatus.SUBMITTED)]
            items = list(
                await session.scalars(
                    select(PlanItem)
                    .where(PlanItem.plan_id == plans[0].id)
                    .order_by(PlanItem.position)
                )
            )
            assert [item.text for item in items] == list(PLAN)
            reports = list(
                await session.scalars(
                    select(ProgressReport).where(ProgressReport.member_id == member.id)
                )
            )
            assert [r.status for r in reports] == [ReportStatus.SUBMITTED]
            progress = {
                row.plan_item_id: (row.status, row.note)
                for row in await session.scalars(
                    select(ItemProgress).where(ItemProgress.report_id == reports[0].id)
                )
            }
            assert [progress[item.id] for item in items] == [
                (ItemStatus.DONE, "Đã nộp bài thu hoạch"),
                (ItemStatus.IN_PROGRESS, ""),
                (ItemStatus.NOT_STARTED, ""),
            ]
            assert (reports[0].difficulties, reports[0].proposals) == ("", "")
    finally:
        await engine.dispose()
