"""Typed text through the use cases into the real databases (SQLite and PostgreSQL): what is
stored is NFC and within its limit, a refusal names a Vietnamese message, and the secretary's
summary and the queued messages that show the stored text are valid HTML for Telegram."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from hypothesis import Phase, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from delivery import render
from dialogs.common import paginate
from dialogs.summary.getters import summary_blocks
from domain import absence, members, plans, reports
from domain.calendar import TOPIC, next_meetings, set_topic
from domain.clock import DEFAULT_TZ
from domain.errors import DomainError
from domain.oversight import view_cell_month
from domain.text import COMMENT, FULL_NAME, LONG_TEXT, NOTE, PLAN_ITEM, REASON, TextLimit
from domain.vocabulary import ItemStatus
from locales import html, translator
from storage.models import (
    AbsenceNotice,
    FreeItem,
    ItemProgress,
    Meeting,
    Member,
    OutboxMessage,
    PlanItem,
    ProgressReport,
    YearPlan,
)
from tests.dialogs.seed import NOW, Seeded
from tests.fuzz.nasty import is_nfc, telegram_text, typed
from tests.fuzz.world import World

EXAMPLES = 15


async def attempt(step: Callable[[str], Awaitable[object]], text: str, fallback: str) -> None:
    """Run ``step`` on ``text``; on a refusal, check it reads well and run it on ``fallback``."""
    try:
        await step(text)
        event("kept")
    except DomainError as error:
        event(f"refused: {error.msg_id}")
        assert translator().has(error.msg_id), error.msg_id
        telegram_text(html(error.msg_id, **error.args_))
        await step(fallback)


def assert_stored(values: list[str], limit: TextLimit) -> None:
    assert values
    for value in values:
        assert is_nfc(value) and value == value.strip(), ascii(value)
        assert limit.min_length <= len(value) <= limit.max_length


async def a_month_of_texts(session: AsyncSession, cell: Seeded, texts: tuple[str, ...]) -> None:
    name, item, comment, note, free, difficulties, proposals, reason, topic = texts
    an, secretary = cell.an, cell.secretary

    async def add_member(text: str) -> object:
        return await members.add_member(
            session, secretary, cell_id=cell.cell_id, full_name=text, now=NOW
        )

    async def add_item(text: str) -> object:
        return await plans.add_item(session, an, 2026, cell.section_ids[0], text, NOW)

    await attempt(add_member, name, "Đỗ <Minh> & Châu")
    await attempt(add_item, item, "Đọc <sách> & viết")
    plan = await plans.submit_plan(session, an, 2026, NOW)
    await attempt(
        lambda text: plans.return_plan(session, secretary, plan.id, text, NOW), comment, "Sửa <1>"
    )
    report = await reports.open_report(session, an, 2026, 4, NOW)
    item_id = report.items[0].item_id
    await reports.set_item_status(session, an, report.id, item_id, ItemStatus.DONE, NOW)
    for step, text, fallback in (
        (lambda x: reports.set_item_note(session, an, report.id, item_id, x, NOW), note, "Ghi <1>"),
        (lambda x: reports.add_free_item(session, an, report.id, x, NOW), free, "Dọn <rác>"),
        (
            lambda x: reports.set_difficulties(session, an, report.id, x, NOW),
            difficulties,
            "Thiếu & <máy>",
        ),
        (lambda x: reports.set_proposals(session, an, report.id, x, NOW), proposals, "Mua <b>"),
    ):
        await attempt(step, text, fallback)
    await reports.submit_report(session, an, report.id, NOW)
    meeting = (await next_meetings(session, cell.cell_id, NOW, 1))[0]
    await attempt(
        lambda x: absence.notify_absence(session, an, meeting.id, x, NOW), reason, "Bận <việc> nhà"
    )
    await attempt(lambda x: set_topic(session, secretary, meeting.id, x), topic, "Học <Bác>")
    await session.flush()
    session.expunge_all()  # what follows is read back from the database

    async def column(attribute: object) -> list[str]:
        return [str(v) for v in await session.scalars(select(attribute)) if v]  # type: ignore[call-overload]

    assert_stored(await column(Member.full_name), FULL_NAME)
    assert_stored(await column(PlanItem.text), PLAN_ITEM)
    assert_stored(await column(YearPlan.review_comment), COMMENT)
    assert_stored(await column(ItemProgress.note), NOTE)
    assert_stored(await column(FreeItem.text), PLAN_ITEM)
    assert_stored(await column(ProgressReport.difficulties), LONG_TEXT)
    assert_stored(await column(ProgressReport.proposals), LONG_TEXT)
    assert_stored(await column(AbsenceNotice.reason), REASON)
    assert_stored(await column(Meeting.topic), TOPIC)

    summary = await view_cell_month(session, secretary, cell.cell_id, 2026, 4)
    for page in paginate(summary_blocks(summary, DEFAULT_TZ)):
        telegram_text("\n".join(page))
    for payload in await session.scalars(select(OutboxMessage.payload)):
        telegram_text(render.telegram(payload)[0])


@pytest.fixture(scope="module")
def seeded(backend_world: World) -> Seeded:
    return backend_world.fresh()


# Each example costs a few dozen queries: a failure is reported as found, not shrunk.
@settings(max_examples=EXAMPLES, deadline=None, phases=(Phase.explicit, Phase.generate))
@given(
    st.tuples(
        typed(FULL_NAME),
        typed(PLAN_ITEM),
        typed(COMMENT),
        typed(NOTE),
        typed(PLAN_ITEM),
        typed(LONG_TEXT),
        typed(LONG_TEXT),
        typed(REASON),
        typed(TOPIC),
    )
)
def test_a_month_of_typed_text_in_the_database(
    backend_world: World, seeded: Seeded, texts: tuple[str, ...]
) -> None:
    async def example() -> None:
        async with backend_world.db() as session:  # never committed: the seed stays as it was
            await a_month_of_texts(session, seeded, texts)

    backend_world.run(example())
