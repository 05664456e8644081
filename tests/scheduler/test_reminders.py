"""Reminders with a controlled clock: who gets what, at which local time, and only once.

The cell meets on the 10th at 14:00; 10/03/2027 is a Wednesday, so the meeting is
10/03/2027 14:00 local (07:00 UTC). Report reminders fall due 3 and 1 days before at
08:00 local, the eve reminder and the digest the day before at 16:00, the last
reminder 3 hours before.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery import render
from domain.clock import DEFAULT_TZ, FixedClock
from domain.vocabulary import MemberStatus, PlanStatus, ReportStatus, Role
from scheduler import jobs
from scheduler.reminders import ReminderPolicy
from storage.models import (
    AbsenceNotice,
    Cell,
    Committee,
    Meeting,
    Member,
    OutboxMessage,
    OutboxStatus,
    ProgressReport,
    YearConfig,
    YearPlan,
)
from tests.scheduler import factories

GROUP_CHAT = -1001234567


def _text(row: OutboxMessage) -> str:
    """The row as Telegram shows it."""
    return render.telegram(row.payload)[0]


def local(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=DEFAULT_TZ)


@dataclass
class World:
    db: async_sessionmaker[AsyncSession]
    clock: FixedClock
    ids: dict[str, int]
    cells: dict[str, int]
    jobs: jobs.JobContext

    async def tick(self, at: datetime) -> None:
        self.clock.set(at)
        await jobs.plan_tick(self.jobs)

    async def outbox(self, kind: str | None = None) -> list[OutboxMessage]:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if kind is not None:
            query = query.where(OutboxMessage.kind == kind)
        async with self.db() as session:
            return list((await session.scalars(query)).all())

    async def recipients(self, kind: str, status: OutboxStatus = OutboxStatus.PENDING) -> set[str]:
        names = {v: k for k, v in self.ids.items()}
        rows = await self.outbox(kind)
        return {names[r.member_id] for r in rows if r.status is status and r.member_id}


@pytest.fixture
async def world(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[World]:
    async with session_factory() as session, session.begin():
        cell = await factories.cell(session, "Chi bộ A", group_chat_id=GROUP_CHAT)
        other = await factories.cell(session, "Chi bộ B", day=20)
        people = {
            "secretary": await factories.member(
                session, cell, "Trần Thị Bí", 1, role=Role.SECRETARY
            ),
            "reported": await factories.member(session, cell, "Lê Văn Đã", 2),
            "silent": await factories.member(session, cell, "Phạm Văn Chưa", 3),
            "blocked": await factories.member(session, cell, "Võ Văn Chặn", 4, reachable=False),
            "left": await factories.member(session, cell, "Đỗ Văn Đi", 5, status=MemberStatus.LEFT),
            "no_telegram": await factories.member(session, cell, "Hồ Văn Không", None),
            "elsewhere": await factories.member(session, other, "Ngô Văn Khác", 7),
        }
        session.add(
            ProgressReport(
                member_id=people["reported"].id,
                cell_id=cell.id,
                year=2027,
                month=3,
                status=ReportStatus.SUBMITTED,
            )
        )
        # A draft is not a report: the silent member is still reminded.
        session.add(
            ProgressReport(
                member_id=people["silent"].id,
                cell_id=cell.id,
                year=2027,
                month=3,
                status=ReportStatus.DRAFT,
            )
        )
        ids = {name: m.id for name, m in people.items()}
        cells = {"cell": cell.id, "other": other.id}
    clock = FixedClock(local(2027, 3, 1, 9))
    context = jobs.JobContext(session_factory, clock, ReminderPolicy(bot_username="chibo_bot"))
    yield World(session_factory, clock, ids, cells, context)


async def test_report_reminder_goes_at_eight_to_those_who_have_not_reported(world: World) -> None:
    await world.tick(local(2027, 3, 7, 7, 59))
    assert await world.outbox("report-reminder") == []
    await world.tick(local(2027, 3, 7, 8, 0))
    assert await world.recipients("report-reminder") == {"secretary", "silent"}
    rows = await world.outbox("report-reminder")
    assert {r.not_before for r in rows} == {local(2027, 3, 7, 8, 0)}
    silent = next(r for r in rows if r.member_id == world.ids["silent"])
    assert silent.chat_id == 3
    assert "Phạm Văn Chưa" in _text(silent) and "03/2027" in _text(silent)
    button = silent.payload["reply_markup"]["inline_keyboard"][0][0]
    assert button["callback_data"] == "report:2027-03"
    # A second tick, and one five minutes later, write nothing new.
    await world.tick(local(2027, 3, 7, 8, 0))
    await world.tick(local(2027, 3, 7, 8, 5))
    assert len(await world.outbox()) == 2
    # One day before: the same two, under a new key.
    await world.tick(local(2027, 3, 9, 8, 0))
    rows = await world.outbox("report-reminder")
    assert len(rows) == 4 and len({r.idempotency_key for r in rows}) == 4


async def test_meeting_eve_digest_and_group(world: World) -> None:
    async with world.db() as session, session.begin():
        meeting = await session.scalar(
            select(Meeting).where(Meeting.cell_id == world.cells["cell"], Meeting.month == 3)
        )
        assert meeting is None  # materialised by the tick itself
    await world.tick(local(2027, 3, 9, 15, 55))
    assert await world.outbox("meeting-eve") == []
    await world.tick(local(2027, 3, 9, 16, 0))
    assert await world.recipients("meeting-eve") == {"secretary", "reported", "silent"}
    eve = (await world.outbox("meeting-eve"))[0]
    meeting_id = int(
        eve.payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"].split(":")[1]
    )
    assert "10/03/2027" in _text(eve) and "14:00" in _text(eve)
    (digest,) = await world.outbox("digest")
    assert digest.member_id == world.ids["secretary"]
    assert "Phạm Văn Chưa" in _text(digest) and "Lê Văn Đã" not in _text(digest)
    assert digest.payload["document"]["export"] == "cell-month-docx"
    (group,) = await world.outbox("meeting-group-eve")
    assert group.chat_id == GROUP_CHAT and group.member_id is None
    link = group.payload["reply_markup"]["inline_keyboard"][0][0]["url"]
    assert link == f"https://t.me/chibo_bot?start=absent-{meeting_id}"
    # Someone sends a notice of absence: the last reminder skips them.
    async with world.db() as session, session.begin():
        session.add(
            AbsenceNotice(meeting_id=meeting_id, member_id=world.ids["silent"], reason="Ốm")
        )
    await world.tick(local(2027, 3, 10, 10, 55))
    assert await world.outbox("meeting-soon") == []
    await world.tick(local(2027, 3, 10, 11, 0))
    assert await world.recipients("meeting-soon") == {"secretary", "reported"}
    assert len(await world.outbox("meeting-group-soon")) == 1


async def test_quiet_hours_hold_reminders_until_seven(
    world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session, session.begin():
        early = await factories.cell(session, "Chi bộ sáng", day=10, at=time(9, 0), offsets=[])
        await factories.member(session, early, "Mai Văn Sớm", 50)
    # 3 hours before 09:00 is 06:00, inside 21:00–07:00.
    await world.tick(local(2027, 3, 10, 6, 0))
    (row,) = [r for r in await world.outbox("meeting-soon") if r.chat_id == 50]
    assert row.status is OutboxStatus.PENDING
    assert row.not_before == local(2027, 3, 10, 7, 0)


async def test_after_downtime_within_grace_sent_outside_dropped_and_logged(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    # The process was down at 08:00; at 10:30 the reminder is still worth sending.
    await world.tick(local(2027, 3, 7, 10, 30))
    rows = await world.outbox("report-reminder")
    assert {r.status for r in rows} == {OutboxStatus.PENDING} and len(rows) == 2
    assert {r.not_before for r in rows} == {local(2027, 3, 7, 10, 30)}
    # Down at 08:00 on the 9th until 11:30: three and a half hours is past the grace.
    with caplog.at_level(logging.WARNING, logger="chibo.scheduler"):
        await world.tick(local(2027, 3, 9, 11, 30))
    late = [r for r in await world.outbox("report-reminder") if r.status is OutboxStatus.DROPPED]
    assert {r.member_id for r in late} == {world.ids["secretary"], world.ids["silent"]}
    assert all("grace" in (r.last_error or "") for r in late)
    assert any("dropped report-reminder" in m and "grace" in m for m in caplog.messages)
    # Logged once: the next tick writes and logs nothing more.
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="chibo.scheduler"):
        await world.tick(local(2027, 3, 9, 11, 35))
    assert not [m for m in caplog.messages if "dropped" in m]


async def test_meeting_reminder_never_arrives_after_the_meeting(
    world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    # Late but useful: due 11:00, the process came back at 13:50, the meeting is at 14:00.
    await world.tick(local(2027, 3, 10, 13, 50))
    soon = [r for r in await world.outbox("meeting-soon") if r.chat_id in (1, 2, 3)]
    assert len(soon) == 3 and all(r.status is OutboxStatus.PENDING for r in soon)
    # A 07:00 meeting: its reminder (due 04:00) would wait for the end of quiet hours,
    # which is the meeting itself: dropped, with the reason.
    async with session_factory() as session, session.begin():
        dawn = await factories.cell(session, "Chi bộ bình minh", day=11, at=time(7, 0), offsets=[])
        await factories.member(session, dawn, "Mai Văn Sớm", 60)
    await world.tick(local(2027, 3, 11, 4, 0))
    (row,) = [r for r in await world.outbox("meeting-soon") if r.chat_id == 60]
    assert row.status is OutboxStatus.DROPPED
    assert "after" in (row.last_error or "")


async def test_plan_registration_weekly_until_registered(
    world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session, session.begin():
        config = YearConfig(
            year=2027,
            theme="Chuyên đề năm 2027",
            registration_opens_on=date(2027, 1, 4),
            registration_due_on=date(2027, 1, 31),
        )
        session.add(config)
        await session.flush()
        session.add(
            YearPlan(
                member_id=world.ids["reported"],
                cell_id=world.cells["cell"],
                year=2027,
                year_config_id=config.id,
                status=PlanStatus.SUBMITTED,
            )
        )
        session.add(
            YearPlan(
                member_id=world.ids["silent"],
                cell_id=world.cells["cell"],
                year=2027,
                year_config_id=config.id,
                status=PlanStatus.DRAFT,
            )
        )
    await world.tick(local(2027, 1, 3, 8, 0))
    assert await world.outbox("plan-reminder") == []
    await world.tick(local(2027, 1, 4, 8, 0))
    first = await world.recipients("plan-reminder")
    assert first == {"secretary", "silent", "elsewhere"}
    text = _text((await world.outbox("plan-reminder"))[0])
    assert "2027" in text and "31/01/2027" in text
    await world.tick(local(2027, 1, 8, 8, 0))
    assert len(await world.outbox("plan-reminder")) == 3
    # The silent member registers; next Monday only the other two are reminded.
    async with session_factory() as session, session.begin():
        plan = await session.scalar(
            select(YearPlan).where(YearPlan.member_id == world.ids["silent"])
        )
        assert plan is not None
        plan.status = PlanStatus.SUBMITTED
    await world.tick(local(2027, 1, 11, 8, 0))
    rows = await world.outbox("plan-reminder")
    week_two = {r.member_id for r in rows if r.idempotency_key.startswith("plan-reminder:2027:1:")}
    assert week_two == {world.ids["secretary"], world.ids["elsewhere"]}


async def test_plan_registration_follows_each_committees_own_window(
    world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    """Cell B's committee opens registration a week later than the national default."""
    async with session_factory() as session, session.begin():
        committee = Committee(name="Đảng bộ xã Thanh Trù")
        session.add(committee)
        await session.flush()
        other = await session.get(Cell, world.cells["other"])
        assert other is not None
        other.committee_id = committee.id
        session.add_all(
            [
                YearConfig(year=2027, theme="", registration_opens_on=date(2027, 1, 4)),
                YearConfig(
                    year=2027,
                    committee_id=committee.id,
                    theme="",
                    registration_opens_on=date(2027, 1, 11),
                    registration_due_on=date(2027, 2, 15),
                ),
            ]
        )
    await world.tick(local(2027, 1, 4, 8, 0))
    assert await world.recipients("plan-reminder") == {"secretary", "reported", "silent"}
    await world.tick(local(2027, 1, 11, 8, 0))
    rows = await world.outbox("plan-reminder")
    committee_rows = [r for r in rows if ":c" in r.idempotency_key]
    assert [r.member_id for r in committee_rows] == [world.ids["elsewhere"]]
    assert "15/02/2027" in _text(committee_rows[0])
    # Cell A's members keep to the national window: week 1 of it, not the committee's.
    week_one = {r.member_id for r in rows if r.idempotency_key.startswith("plan-reminder:2027:1:")}
    assert week_one == {world.ids[n] for n in ("secretary", "reported", "silent")}


async def test_plans_waiting_for_review_go_to_the_secretary(
    world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session, session.begin():
        config = YearConfig(year=2027, theme="")
        session.add(config)
        await session.flush()
        for name in ("reported", "silent"):
            session.add(
                YearPlan(
                    member_id=world.ids[name],
                    cell_id=world.cells["cell"],
                    year=2027,
                    year_config_id=config.id,
                    status=PlanStatus.SUBMITTED,
                )
            )
    # Saturday: no review reminder; Monday 08:00: one, to the secretary only.
    await world.tick(local(2027, 3, 6, 8, 0))
    assert await world.recipients("plans-review") == set()
    await world.tick(local(2027, 3, 8, 8, 0))
    (row,) = [r for r in await world.outbox("plans-review") if r.status is OutboxStatus.PENDING]
    assert row.member_id == world.ids["secretary"]
    assert "2 bản kế hoạch" in _text(row)
    assert row.payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == (
        f"review-plans:{world.cells['cell']}"
    )


async def test_unreachable_and_departed_members_get_nothing(world: World) -> None:
    for at in (
        local(2027, 3, 7, 8),
        local(2027, 3, 9, 8),
        local(2027, 3, 9, 16),
        local(2027, 3, 10, 11),
    ):
        await world.tick(at)
    async with world.db() as session:
        silent_ids = (
            await session.scalars(
                select(Member.id).where(
                    Member.full_name.in_(
                        ["Võ Văn Chặn", "Đỗ Văn Đi", "Hồ Văn Không", "Ngô Văn Khác"]
                    )
                )
            )
        ).all()
    assert not [r for r in await world.outbox() if r.member_id in silent_ids]


async def test_a_second_scheduler_writes_nothing_while_the_first_holds_the_lease(
    world: World,
) -> None:
    first = replace(world.jobs, holder="first")
    second = replace(world.jobs, holder="second", settled=set())
    world.clock.set(local(2027, 3, 7, 7, 59))
    await jobs.plan_tick(first)  # nothing due yet; the lease is taken for 90 s
    world.clock.set(local(2027, 3, 7, 8, 0))
    skipped = await jobs.plan_tick(second)
    assert not skipped.written and await world.outbox("report-reminder") == []
    assert await jobs.renew_lease(second) is False
    written = await jobs.plan_tick(first)
    assert written.written["report-reminder"] == 2
    # The first one crashed (no renewal): once its lease ran out, the second takes over.
    world.clock.set(local(2027, 3, 9, 8, 0))
    taken = await jobs.plan_tick(second)
    assert taken.written["report-reminder"] == 2
    assert (await jobs.plan_tick(first)).written == Counter()
    # A clean stop gives the lease back at once.
    await jobs.release_lease(second)
    assert await jobs.renew_lease(first) is True
