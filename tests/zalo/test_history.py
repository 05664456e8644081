"""On Zalo: «lichsu» shows the year's plan and reports month by month, a month's number its
report, «kh» the plan, «lichsu 2025» another year; «dulieu» is in tests/zalo/test_webhook.py."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conversations.zalo.conversation import Conversation
from domain.audit import OPERATOR
from domain.clock import FixedClock
from domain.invites import create_invite
from locales import t
from tests.dialogs.seed import NOW, Seeded
from tests.zalo.chat import ZaloChat

Db = async_sessionmaker[AsyncSession]
FIRST, SECOND = "Đọc kỹ chuyên đề năm 2025, viết bài thu hoạch", "Tham gia «Tuyến phố không rác»"
NOTE = "Đã tham gia bốn buổi"
JUNE_2025 = datetime(2025, 6, 2, 2, 0, tzinfo=UTC)
# 10 February 2026: the next meeting is on 5 March, so the March report is asked for.
FEBRUARY_2026 = datetime(2026, 2, 10, 2, 0, tzinfo=UTC)


async def test_history_shows_past_plans_and_reports(
    session_factory: Db, seeded: Seeded, conversation: Conversation, clock: FixedClock
) -> None:
    clock.set(JUNE_2025)
    async with session_factory() as session, session.begin():
        invite = await create_invite(session, OPERATOR, cell_id=seeded.cell_id, now=JUNE_2025)
    lan = ZaloChat(conversation, "z-lan", name="Vũ Thị Lan")
    await lan.script(invite.code, "1", "kehoach", FIRST, "0", "0", "0", "1")
    clock.set(FEBRUARY_2026)
    await lan.script("kehoach", SECOND, "0", "0", "0", "1")
    assert "Đã gửi báo cáo tháng 03/2026" in await lan.script(
        "baocao", "1", NOTE, "0", "0", "0", "1"
    )
    clock.set(NOW)

    overview = await lan.send("Lịch sử")
    assert "Kế hoạch năm 2026: Đã đăng ký, chờ bí thư xem xét" in overview
    assert t("zalo-history-missing", month="02") in overview
    assert t("zalo-history-sent", month="03", date="10/02/2026") in overview
    assert "Tháng 04" not in overview  # a month to come has nothing to show
    report = await lan.send("3")
    assert "Báo cáo tháng 03/2026 (Đã gửi)" in report and f"{SECOND}: Hoàn thành ({NOTE})" in report
    assert t("zalo-history-no-report", month="02", year="2026") in await lan.send("2")
    plan = await lan.send("KH")
    assert "Kế hoạch cá nhân năm 2026" in plan and SECOND in plan and FIRST not in plan

    last_year = await lan.send("lichsu 2025")
    assert "Kế hoạch năm 2025: Đã đăng ký" in last_year
    assert t("zalo-history-missing", month="12") in last_year
    plan = await lan.send("kh")
    assert FIRST in plan and SECOND not in plan
    assert "Kế hoạch năm 2024: Chưa lập" in await lan.send("lichsu 2024")
    assert await lan.send("kh") == "\n\n".join(
        [t("zalo-history-no-plan", year="2024"), t("zalo-history-more")]
    )
    assert "Gõ 1 (kehoach)" in await lan.send("menu")
