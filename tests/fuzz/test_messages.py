"""Outgoing messages built from stored text: reminders, the digest, the secretary's summary.

Names, items, notes, places and topics are drawn as a person could have typed them, cleaned
by the domain as the bot does, and every message must be valid HTML that Telegram accepts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from delivery import render
from dialogs.common import paginate
from dialogs.summary.getters import summary_blocks
from domain.calendar import PLACE, TOPIC
from domain.clock import DEFAULT_TZ
from domain.errors import DomainError
from domain.reach import outbox_payload
from domain.text import FULL_NAME, LONG_TEXT, NOTE, PLAN_ITEM, TextLimit, clean
from domain.vocabulary import ItemStatus
from scheduler import messages
from storage.aggregation import (
    CellMonthSummary,
    ItemCounts,
    ItemLine,
    MemberMonthStatus,
    MemberText,
    SectionProgress,
)
from storage.models import Meeting
from tests.fuzz.nasty import telegram_text, typed

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime(2026, 4, 5, 7, 0, tzinfo=UTC)


def kept(limit: TextLimit, fallback: str) -> st.SearchStrategy[str]:
    """What the domain stores of a typed text (its fallback when the text is refused)."""

    def cleaned(text: str) -> str:
        try:
            return clean(text, limit)
        except DomainError:
            return fallback

    return typed(limit).map(cleaned)


names = kept(FULL_NAME, "Nguyễn <Văn> & An")


def meeting(place: str, topic: str, thematic: bool) -> Meeting:
    return Meeting(
        id=1, cell_id=1, year=2026, month=4, rule_starts_at=START, starts_at=START,
        place=place, topic=topic, thematic=thematic, moved=False, cancelled=False,
    )  # fmt: skip


meetings = st.builds(
    meeting,
    kept(PLACE, "Nhà <văn hóa>"),
    st.one_of(st.just(""), kept(TOPIC, "Học & làm theo")),
    st.booleans(),
)


@st.composite
def summaries(draw: st.DrawFn) -> CellMonthSummary:
    people = draw(st.lists(names, min_size=1, max_size=60))
    members = tuple(
        MemberMonthStatus(
            member_id=n,
            full_name=name,
            reachable=True,
            report_status=None,
            submitted_at=None,
            on_time=False,
        )
        for n, name in enumerate(people)
    )
    texts = st.lists(st.tuples(st.sampled_from(people), kept(LONG_TEXT, "Khó <khăn>")), max_size=4)
    items = tuple(
        ItemLine(
            member_id=0,
            full_name=people[0],
            item_id=n,
            section_id=1,
            position=n,
            text=text,
            status=ItemStatus.DONE,
            note=note,
        )
        for n, (text, note) in enumerate(
            draw(st.lists(st.tuples(kept(PLAN_ITEM, "Đọc <b>"), kept(NOTE, "&")), max_size=5))
        )
    )
    return CellMonthSummary(
        cell_id=1, cell_name=draw(st.sampled_from(("Chi bộ <1> & 2", "Chi bộ khu phố 3"))),
        year=2026, month=4, meeting_at=START, meeting_cancelled=False, deadline=START,
        members=members,
        sections=(SectionProgress(section_id=1, position=1, title="Học <tập>",
                                  items=ItemCounts(planned=len(items), done=len(items))),),
        items=items,
        difficulties=tuple(MemberText(member_id=0, full_name=n, text=t) for n, t in draw(texts)),
        proposals=tuple(MemberText(member_id=0, full_name=n, text=t) for n, t in draw(texts)),
        free_items=tuple(MemberText(member_id=0, full_name=n, text=t) for n, t in draw(texts)),
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(names, meetings, st.booleans())
def test_reminders_to_a_member(name: str, meeting: Meeting, soon: bool) -> None:
    for payload in (
        messages.report_reminder(name, meeting, TZ),
        messages.meeting_reminder(name, meeting, soon, TZ),
        messages.plan_reminder(name, 2026, date(2026, 1, 31)),
        messages.plans_review(name, 3, 1),
        outbox_payload("sched-member-unreachable", name=name),
    ):
        assert name in telegram_text(render.telegram(payload)[0])
    group = telegram_text(
        render.telegram(messages.group_announcement(meeting, soon, TZ, "chibo_bot"))[0]
    )
    assert meeting.place in group and meeting.topic.rstrip(".") in group


@settings(max_examples=60, deadline=None)
@given(summaries(), meetings)
def test_the_digest_and_the_summary_pages(summary: CellMonthSummary, meeting: Meeting) -> None:
    assume(summary.members_total)
    telegram_text(render.telegram(messages.digest(summary, meeting, TZ))[0])
    for page in paginate(summary_blocks(summary, DEFAULT_TZ)):
        telegram_text("\n".join(page))


def test_the_digest_of_a_large_cell_where_nobody_reported() -> None:
    """Fifty members with names at the limit: the digest still fits in one message."""
    people = [f"{n:02d} " + "Nguyễn <Thị> & " * 20 for n in range(50)]
    people = [clean(name[: FULL_NAME.max_length], FULL_NAME) for name in people]
    summary = CellMonthSummary(
        cell_id=1, cell_name="Chi bộ khu phố 3", year=2026, month=4, meeting_at=START,
        meeting_cancelled=False, deadline=START, sections=(), items=(), difficulties=(),
        proposals=(), free_items=(),
        members=tuple(
            MemberMonthStatus(member_id=n, full_name=name, reachable=True, report_status=None,
                              submitted_at=None, on_time=False)
            for n, name in enumerate(people)
        ),
    )  # fmt: skip
    digest = messages.digest(summary, meeting("Nhà văn hóa", "", False), TZ)
    shown = telegram_text(render.telegram(digest)[0])
    assert "Chưa báo cáo (50): 00 Nguyễn <Thị> & Nguyễn" in shown
    assert "đồng chí khác (xem tệp báo cáo đính kèm)" in shown
