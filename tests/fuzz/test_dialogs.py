"""Typed text through the real windows: kept in NFC within its limit or refused in place,
and every window and outgoing message valid HTML for Telegram (the stand-in's parser).

The windows run on SQLite; ``test_storage.py`` fuzzes the same texts into PostgreSQL."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import time
from functools import partial

from aiogram.types import User
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from hypothesis import Phase, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from domain import plans, reports
from domain.audit import OPERATOR
from domain.calendar import PLACE, TOPIC
from domain.cells import MeetingRule, check_meeting_rule, parse_meeting_time
from domain.errors import DomainError
from domain.invites import create_invite
from domain.review import parse_meeting_day
from domain.text import COMMENT, FULL_NAME, LONG_TEXT, NOTE, PLAN_ITEM, REASON, TextLimit, clean
from domain.vocabulary import ShiftRule
from locales import t
from storage.models import AbsenceNotice, Cell, Meeting, Member, PlanItem, YearPlan
from tests.dialogs.harness import Chat
from tests.dialogs.secretary.chat import LeaderChat
from tests.dialogs.seed import AN_TG, NOW, SECRETARY_TG, Seeded
from tests.fuzz.nasty import is_nfc, typed
from tests.fuzz.world import World, assert_telegram_accepts

EXAMPLES = 8
EXPLORE = (Phase.explicit, Phase.reuse, Phase.generate)
NEWCOMER_TG = 9100
Judge = Callable[[str], object]


def limited(limit: TextLimit) -> Judge:
    return partial(clean, limit=limit)


def place(text: str) -> str:
    return check_meeting_rule(MeetingRule(5, time(14), text, ShiftRule.NONE, ())).place


def judged(text: str, judge: Judge) -> object:
    try:
        kept = judge(text)
    except DomainError as error:
        event(f"refused: {error.msg_id}")
        return error
    event("kept")
    return kept


async def type_or_fall_back(
    chat: Chat | LeaderChat, text: str, judge: Judge, fallback: str | None
) -> object:
    """Send ``text``; a refusal is shown in the window, then ``fallback`` goes through."""
    # Telegram never delivers an empty text; the window answers a text-less message so.
    outcome = judged(text, judge) if text else DomainError("error-text-empty")
    shown = await chat.send(text)
    if not isinstance(outcome, DomainError):
        return outcome
    assert html.escape(t(outcome.msg_id, **outcome.args_), quote=False) in shown
    if fallback is None:
        return None
    await chat.send(fallback)
    return fallback


def assert_clean(kept: object, limit: TextLimit) -> str:
    assert isinstance(kept, str) and is_nfc(kept) and kept == kept.strip()
    assert limit.min_length <= len(kept) <= limit.max_length
    return kept


def assert_shown(
    chats: Sequence[Chat | LeaderChat], extra: Sequence[str] = (), *, kept: str | None = None
) -> None:
    """Every message valid for Telegram; ``kept`` readable in one of them."""
    shown = assert_telegram_accepts(
        [m for chat in chats for m in chat.messages.sent_messages] + list(extra)
    )
    if kept is not None:
        assert any(kept in text for text in shown), kept


async def _plan_items(w: World, member_id: int) -> list[str]:
    async with w.db() as session:
        rows = await session.scalars(
            select(PlanItem.text)
            .join(YearPlan, YearPlan.id == PlanItem.plan_id)
            .where(YearPlan.member_id == member_id)
            .order_by(PlanItem.position)
        )
        return list(rows)


async def plan_and_review(w: World, cell: Seeded, texts: tuple[str, ...]) -> None:
    item, edit, comment = texts
    member = w.member(AN_TG)
    await member.send("/start")
    await member.press_id("menu-plan")
    await member.press_matching(r"1\. .*")
    kept = await type_or_fall_back(member, item, limited(PLAN_ITEM), "Đọc <sách> & viết")
    assert await _plan_items(w, cell.an.member_id) == [assert_clean(kept, PLAN_ITEM)]
    assert_shown([member], kept=str(kept))
    await member.press_matching(r"(?s)✏️ 1\. .*")
    await member.press_id("plan-edit-button")
    kept = await type_or_fall_back(member, edit, limited(PLAN_ITEM), "Học <tập> & làm theo")
    assert await _plan_items(w, cell.an.member_id) == [assert_clean(kept, PLAN_ITEM)]
    assert_shown([member], kept=str(kept))
    await member.send("/start")
    await member.press_id("menu-plan")
    await member.press_id("plan-preview-button")
    await member.press_id("plan-submit-button")

    leader = w.leader(SECRETARY_TG)
    await leader.open("sec-open-plans")
    await leader.press_id("sec-plan-line-submitted", name="Nguyễn Văn An")
    assert_shown([leader], kept=str(kept))
    await leader.press_id("sec-plan-return")
    said = await type_or_fall_back(leader, comment, limited(COMMENT), "Ghi rõ <số buổi> & hạn")
    assert_shown([leader], await w.outbox_texts(), kept=assert_clean(said, COMMENT))
    await member.send("/start")
    await member.press_id("menu-plan")
    assert_shown([member], kept=str(said))


async def report_and_summary(w: World, cell: Seeded, texts: tuple[str, ...]) -> None:
    item, note, free, difficulties, proposals = texts
    item = item if not isinstance(judged(item, limited(PLAN_ITEM)), DomainError) else "Đọc <b>"
    async with w.db() as session, session.begin():
        await plans.add_item(session, cell.an, 2026, cell.section_ids[0], item, NOW)
    member = w.member(AN_TG)
    await member.send("/start")
    await member.press_id("menu-report")
    await member.press_id("report-status-done-button")
    kept_note = await type_or_fall_back(member, note, limited(NOTE), "Đã <xong> & nộp")
    kept_free = await type_or_fall_back(member, free, limited(PLAN_ITEM), "Dọn <rác> & quét")
    await member.press_id("report-continue")
    kept_difficulties = await type_or_fall_back(
        member, difficulties, limited(LONG_TEXT), "Thiếu <máy> & giấy"
    )
    kept_proposals = await type_or_fall_back(
        member, proposals, limited(LONG_TEXT), "Mua <máy> & giấy"
    )
    await member.press_id("report-submit-button")
    assert t("report-submitted-notice") in member.text
    async with w.db() as session:
        report = await reports.read_report(session, cell.an, 2026, 4)
    assert report is not None and report.submitted_at == NOW
    assert [line.note for line in report.items] == [assert_clean(kept_note, NOTE)]
    assert [free.text for free in report.free_items] == [assert_clean(kept_free, PLAN_ITEM)]
    assert report.difficulties == assert_clean(kept_difficulties, LONG_TEXT)
    assert report.proposals == assert_clean(kept_proposals, LONG_TEXT)
    assert_shown([member])

    # The same day: the secretary's window opens on April, the month being reported.
    leader = w.leader(SECRETARY_TG)
    await leader.open()
    await leader.press_id("sec-open-members")
    await leader.press_id("sec-member-reported", name="Nguyễn Văn An")
    assert_shown([leader], await w.outbox_texts(), kept=str(kept_note))


async def absence(w: World, cell: Seeded, texts: tuple[str, ...]) -> None:
    (reason,) = texts
    member = w.member(AN_TG)
    await member.send("/start")
    await member.press_id("menu-meetings")
    await member.press_id("meeting-absence-button")
    kept = await type_or_fall_back(member, reason, limited(REASON), None)
    async with w.db() as session:
        stored = list(await session.scalars(select(AbsenceNotice.reason)))
    assert stored == ([] if kept is None else [assert_clean(kept, REASON)])
    assert_shown([member], await w.outbox_texts(), kept=None if kept is None else str(kept))


async def join(w: World, cell: Seeded, texts: tuple[str, ...]) -> None:
    telegram_name, code, typed_name = texts
    async with w.db() as session, session.begin():
        invite = await create_invite(session, OPERATOR, cell_id=cell.cell_id, now=NOW)
    newcomer = w.member(NEWCOMER_TG)
    newcomer.client.user = User(id=NEWCOMER_TG, is_bot=False, first_name=telegram_name)
    await newcomer.send("/start")
    await newcomer.send(code or " ")  # a code typed by hand, wrong in every way
    assert_shown([newcomer])
    await newcomer.send(f"/start {invite.code}")
    await newcomer.press_id("join-edit-name")
    kept = await type_or_fall_back(newcomer, typed_name, limited(FULL_NAME), "Phạm <Thị> & Hoa")
    await newcomer.press_id("join-button")
    async with w.db() as session:
        member = await session.scalar(select(Member).where(Member.telegram_id == NEWCOMER_TG))
    assert member is not None and member.full_name == assert_clean(kept, FULL_NAME)
    assert_shown([newcomer], await w.outbox_texts(), kept=str(kept))


async def meetings(w: World, cell: Seeded, texts: tuple[str, ...]) -> None:
    day, at, where, topic, moved_to = texts
    leader = w.leader(SECRETARY_TG)
    await leader.open("sec-open-meetings", "sec-edit-rule", "sec-rule-day")
    await type_or_fall_back(leader, day, parse_meeting_day, "5")
    await leader.press_id("sec-rule-time")
    await type_or_fall_back(leader, at, parse_meeting_time, "14:00")
    await leader.press_id("sec-rule-place")
    kept_place = await type_or_fall_back(leader, where, place, "Nhà <văn hóa> & sân")
    await leader.press_id("sec-rule-save")
    async with w.db() as session:
        stored = await session.scalar(select(Cell.meeting_place))
    assert stored == assert_clean(kept_place, PLACE) or stored == kept_place
    assert_shown([leader], kept=str(kept_place))
    await leader.open("sec-open-meetings")
    await leader.client.click(leader.last, InlineButtonTextLocator(r"📅 \d\d:\d\d \d\d/\d\d/\d{4}"))
    await leader.press_id("sec-set-topic")
    kept_topic = await type_or_fall_back(leader, topic, limited(TOPIC), "Học <Bác> & làm theo")
    await leader.press_id("sec-move")
    await leader.send(moved_to)
    async with w.db() as session:
        topics = list(await session.scalars(select(Meeting.topic).where(Meeting.topic != "")))
    assert topics == [assert_clean(kept_topic, TOPIC)]
    assert_shown([leader], await w.outbox_texts(), kept=str(kept_topic))


dates = st.one_of(
    typed(TextLimit(1, 20)), st.sampled_from(("06/04/2026", "06/04/2026 08:00", "31/02/2026"))
)
# A window step is slow: a failure is reported as found, not shrunk for minutes.
fuzzed = settings(max_examples=EXAMPLES, deadline=None, phases=EXPLORE)


@fuzzed
@given(typed(PLAN_ITEM), typed(PLAN_ITEM), typed(COMMENT))
def test_plan_items_and_the_review_comment(
    sqlite_world: World, item: str, edit: str, comment: str
) -> None:
    cell = sqlite_world.fresh()
    sqlite_world.run(plan_and_review(sqlite_world, cell, (item, edit, comment)))


@fuzzed
@given(st.tuples(typed(PLAN_ITEM), typed(NOTE), typed(PLAN_ITEM), typed(LONG_TEXT),
                 typed(LONG_TEXT)))  # fmt: skip
def test_report_texts_and_the_secretary_s_view(sqlite_world: World, texts: tuple[str, ...]) -> None:
    cell = sqlite_world.fresh()
    sqlite_world.run(report_and_summary(sqlite_world, cell, texts))


@fuzzed
@given(typed(REASON))
def test_absence_reason(sqlite_world: World, reason: str) -> None:
    cell = sqlite_world.fresh()
    sqlite_world.run(absence(sqlite_world, cell, (reason,)))


@fuzzed
@given(typed(TextLimit(1, 64)).filter(bool), typed(TextLimit(8, 20)), typed(FULL_NAME))
def test_joining_with_any_name(
    sqlite_world: World, telegram_name: str, code: str, typed_name: str
) -> None:
    cell = sqlite_world.fresh()
    sqlite_world.run(join(sqlite_world, cell, (telegram_name, code, typed_name)))


@fuzzed
@given(typed(TextLimit(1, 2)), typed(TextLimit(4, 5)), typed(PLACE), typed(TOPIC), dates)
def test_meeting_day_time_place_topic_and_date(
    sqlite_world: World, day: str, at: str, where: str, topic: str, moved_to: str
) -> None:
    cell = sqlite_world.fresh()
    sqlite_world.run(meetings(sqlite_world, cell, (day, at, where, topic, moved_to)))
