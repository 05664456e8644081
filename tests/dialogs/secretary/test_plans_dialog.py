"""The plans window: who registered this year's plan, reading one, acknowledging, returning."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery import render
from domain.clock import FixedClock
from domain.vocabulary import PlanStatus
from locales import t
from storage.models import AuditEntry, OutboxMessage, YearPlan
from tests.dialogs.secretary.chat import LeaderChat
from tests.exports.world import NOW, World, build_world

CLOCK = FixedClock(NOW)


async def _world(db: async_sessionmaker[AsyncSession]) -> World:
    """Cường's plan waits for review, Bình's is still a draft, Dung has none."""
    async with db() as session:
        world = await build_world(session)
    async with db() as session, session.begin():
        for who, status in (
            (world.member_a, PlanStatus.SUBMITTED),
            (world.deputy_a, PlanStatus.DRAFT),
        ):
            await session.execute(
                update(YearPlan).where(YearPlan.member_id == who.member_id).values(status=status)
            )
    return world


async def _plan(db: async_sessionmaker[AsyncSession], member_id: int) -> YearPlan:
    async with db() as session:
        plan = await session.scalar(select(YearPlan).where(YearPlan.member_id == member_id))
        assert plan is not None
        return plan


async def test_the_list_counts_registered_plans_and_names_the_rest(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    text = await chat.open("sec-open-plans")
    assert "<b>Kế hoạch năm 2025</b>" in text
    assert "2/4 đồng chí đã đăng ký: 1 chờ duyệt, 1 đã duyệt, 0 đã trả lại" in text
    assert "Trần Thị Bình: đang soạn, chưa đăng ký" in text
    assert "Phạm Thị Dung: chưa lập kế hoạch" in text
    # The plan waiting for review comes first; drafts are not offered for reading.
    plans = [c for c in chat.captions() if c[0] in "📥✅↩"]
    assert plans == [
        t("sec-plan-line-submitted", name="Lê Văn <Cường>"),
        t("sec-plan-line-acknowledged", name="Nguyễn Văn An"),
    ]


async def test_acknowledging_a_plan_locks_it_and_tells_the_member(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1002, CLOCK)  # a deputy reviews too
    await chat.open("sec-open-plans")
    text = await chat.press_id("sec-plan-line-submitted", name="Lê Văn <Cường>")
    assert "Lê Văn &lt;Cường&gt;: kế hoạch năm 2025</b> (chờ duyệt, 2 việc)" in text
    assert "<b>Học tập chuyên đề</b>\n• Học tập chuyên đề năm" in text
    assert "Tham gia mô hình 'Tuyến phố không rác'" in text
    text = await chat.press_id("sec-plan-acknowledge")
    assert "Đã duyệt kế hoạch của đồng chí Lê Văn &lt;Cường&gt;" in text
    assert t("sec-plan-acknowledge") not in chat.captions()
    plan = await _plan(session_factory, world.member_a.member_id)
    assert (plan.status, plan.reviewer_id) == (PlanStatus.ACKNOWLEDGED, world.deputy_a.member_id)
    async with session_factory() as session:
        outbox = (await session.scalars(select(OutboxMessage))).all()
        audits = (await session.scalars(select(AuditEntry.action))).all()
    assert [(m.chat_id, m.kind) for m in outbox] == [(1003, "plan_acknowledged")]
    assert audits == ["plan.acknowledge"]


async def test_returning_a_plan_needs_a_comment_and_the_member_reads_it(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-plans")
    await chat.press_id("sec-plan-line-submitted", name="Lê Văn <Cường>")
    await chat.press_id("sec-plan-return")
    assert "Trả lại kế hoạch của đồng chí <b>Lê Văn &lt;Cường&gt;</b>" in chat.text
    text = await chat.send("   ")
    assert t("error-text-empty") in text and "Trả lại kế hoạch" in text  # the window stays
    assert (await _plan(session_factory, world.member_a.member_id)).status is (PlanStatus.SUBMITTED)
    text = await chat.send("Việc thứ hai cần ghi rõ số buổi <mỗi tháng>")
    assert "Đã trả lại kế hoạch của đồng chí Lê Văn &lt;Cường&gt;" in text
    assert "Ý kiến khi trả lại: <i>Việc thứ hai cần ghi rõ số buổi &lt;mỗi tháng&gt;</i>" in text
    plan = await _plan(session_factory, world.member_a.member_id)
    assert (plan.status, plan.review_comment) == (
        PlanStatus.RETURNED,
        "Việc thứ hai cần ghi rõ số buổi <mỗi tháng>",
    )
    async with session_factory() as session:
        outbox = (await session.scalars(select(OutboxMessage))).all()
    assert [(m.chat_id, m.kind) for m in outbox] == [(1003, "plan_returned")]
    assert "số buổi &lt;mỗi tháng&gt;" in render.telegram(outbox[0].payload)[0]


async def test_a_plain_member_has_no_way_in(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await _world(session_factory)
    chat = LeaderChat(session_factory, 1003, CLOCK)
    await chat.send("/start")
    assert t("sec-menu") not in chat.captions()
