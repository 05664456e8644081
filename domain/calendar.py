"""The meeting calendar: when each cell meets, month by month.

A cell's rule names a day of the month and a time, in the deployment's local time (the
session's ``storage.db.zone``).
Day 31 in a shorter month means the month's last day. With ``NEXT_WORKING_DAY`` a
meeting that falls on a weekend or a Vietnamese public holiday (Tết and the other
lunar ones included, from the maintained ``holidays`` package) moves to the next
working day; Saturdays that the government made working days count as working days.

Meetings are materialised as ``Meeting`` rows (one per cell and month) so that a
secretary can move, cancel or theme one; the rule keeps unchanged future rows in step.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache

import holidays
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, actor_id, authorize, record
from domain.errors import DomainError, NotFound
from domain.permissions import Action
from domain.text import TextLimit, clean
from domain.units import get_cell
from domain.vocabulary import ShiftRule
from storage.db import zone
from storage.models import Cell, Meeting
from storage.upsert import insert_for

TOPIC = TextLimit(3, 500)
PLACE = TextLimit(2, 200)
# Tết can close a whole week; two weeks of shifting means the holiday data is broken.
MAX_SHIFT_DAYS = 14
# Rows per INSERT: well under SQLite's and asyncpg's bound-parameter limits.
_CHUNK = 500


@cache
def _vietnam(year: int) -> holidays.HolidayBase:
    # Two years, so that a shift from late December sees January's holidays.
    return holidays.country_holidays("VN", years=(year, year + 1))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday, or a Saturday made a working day."""
    return bool(_vietnam(day.year).is_working_day(day))


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    shifted = day
    while not is_working_day(shifted):
        shifted += timedelta(days=1)
        if (shifted - day).days > MAX_SHIFT_DAYS:
            raise RuntimeError(f"no working day within {MAX_SHIFT_DAYS} days after {day}")
    return shifted


def nominal_date(day_of_month: int, year: int, month: int) -> date:
    """The rule's day in that month; a day past the month's end is its last day."""
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(day_of_month, last))


def rule_date(cell: Cell, year: int, month: int) -> date:
    """The date the cell's rule gives for the month, after the holiday shift."""
    nominal = nominal_date(cell.meeting_day, year, month)
    if cell.shift_rule is ShiftRule.NEXT_WORKING_DAY:
        return next_working_day(nominal)
    return nominal


def local_moment(day: date, at: time, tz: tzinfo) -> datetime:
    """A local wall-clock date and time as an aware UTC moment."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def rule_starts_at(cell: Cell, year: int, month: int, tz: tzinfo) -> datetime:
    return local_moment(rule_date(cell, year, month), cell.meeting_time, tz)


def month_after(year: int, month: int, count: int = 1) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class MeetingView:
    """A meeting as people see it: local date and time, what it is about."""

    id: int
    cell_id: int
    year: int
    month: int
    starts_at: datetime  # UTC
    local_start: datetime  # in the deployment's time zone
    place: str
    topic: str
    thematic: bool
    moved: bool
    cancelled: bool

    @classmethod
    def of(cls, meeting: Meeting, tz: tzinfo) -> MeetingView:
        return cls(
            id=meeting.id,
            cell_id=meeting.cell_id,
            year=meeting.year,
            month=meeting.month,
            starts_at=meeting.starts_at,
            local_start=meeting.starts_at.astimezone(tz),
            place=meeting.place,
            topic=meeting.topic,
            thematic=meeting.thematic,
            moved=meeting.moved,
            cancelled=meeting.cancelled,
        )


async def ensure_meetings(
    session: AsyncSession,
    cell_id: int,
    from_month: date,
    count: int,
    *,
    now: datetime,
) -> list[Meeting]:
    """The cell's meetings for ``count`` months from ``from_month``'s month, created if missing.

    Idempotent and safe to run concurrently (INSERT … ON CONFLICT DO NOTHING). A future
    meeting nobody moved follows the rule if the rule changed since it was created.
    """
    cell = await get_cell(session, cell_id)
    return await _materialise(session, [cell], from_month, count, zone(session), now)


async def ensure_all_meetings(
    session: AsyncSession,
    from_month: date,
    count: int,
    *,
    now: datetime,
) -> list[Meeting]:
    """``ensure_meetings`` for every cell at once, in a fixed number of statements."""
    cells = list((await session.scalars(select(Cell).order_by(Cell.id))).all())
    return await _materialise(session, cells, from_month, count, zone(session), now)


async def _materialise(
    session: AsyncSession,
    cells: list[Cell],
    from_month: date,
    count: int,
    tz: tzinfo,
    now: datetime,
) -> list[Meeting]:
    if not cells or count < 1:
        return []
    months = [month_after(from_month.year, from_month.month, k) for k in range(count)]
    by_id = {cell.id: cell for cell in cells}
    rows = await _meetings_in(session, list(by_id), months)
    # The usual case: every meeting exists already, and a read stays a read (on SQLite an
    # INSERT, even one that inserts nothing, takes the database's write lock).
    if len(rows) < len(cells) * len(months):
        await _insert_missing(session, cells, months, tz)
        rows = await _meetings_in(session, list(by_id), months)
    for meeting in rows:
        _follow_rule(meeting, by_id[meeting.cell_id], tz, now)
    await session.flush()
    return list(rows)


async def _meetings_in(
    session: AsyncSession, cell_ids: list[int], months: list[tuple[int, int]]
) -> list[Meeting]:
    first, last = months[0], months[-1]
    rows = await session.scalars(
        select(Meeting)
        .where(
            Meeting.cell_id.in_(cell_ids),
            Meeting.year * 12 + Meeting.month >= first[0] * 12 + first[1],
            Meeting.year * 12 + Meeting.month <= last[0] * 12 + last[1],
        )
        .order_by(Meeting.cell_id, Meeting.year, Meeting.month)
        .execution_options(populate_existing=True)
    )
    return list(rows.all())


async def _insert_missing(
    session: AsyncSession, cells: list[Cell], months: list[tuple[int, int]], tz: tzinfo
) -> None:
    values = [
        {
            "cell_id": cell.id,
            "year": year,
            "month": month,
            "rule_starts_at": rule_starts_at(cell, year, month, tz),
            "starts_at": rule_starts_at(cell, year, month, tz),
            "place": cell.meeting_place,
            "topic": "",
            "thematic": False,
            "moved": False,
            "cancelled": False,
        }
        for cell in cells
        for year, month in months
    ]
    insert = insert_for(session)
    for start in range(0, len(values), _CHUNK):
        await session.execute(
            insert(Meeting)
            .values(values[start : start + _CHUNK])
            .on_conflict_do_nothing(index_elements=[Meeting.cell_id, Meeting.year, Meeting.month])
        )


def _follow_rule(meeting: Meeting, cell: Cell, tz: tzinfo, now: datetime) -> None:
    # A past meeting is history; a moved one is the secretary's decision.
    if meeting.moved or meeting.cancelled or meeting.starts_at <= now:
        return
    starts_at = rule_starts_at(cell, meeting.year, meeting.month, tz)
    if starts_at != meeting.rule_starts_at or meeting.place != cell.meeting_place:
        meeting.rule_starts_at = starts_at
        meeting.starts_at = starts_at
        meeting.place = cell.meeting_place


async def next_meetings(
    session: AsyncSession, cell_id: int, now: datetime, n: int = 1
) -> list[MeetingView]:
    """The next ``n`` meetings of the cell that are not cancelled and have not begun."""
    tz = zone(session)
    # Enough months to find n meetings even if a few are cancelled.
    await ensure_meetings(session, cell_id, now.astimezone(tz).date(), n + 2, now=now)
    rows = (
        await session.scalars(
            select(Meeting)
            .where(
                Meeting.cell_id == cell_id,
                Meeting.cancelled.is_(False),
                Meeting.starts_at > now,
            )
            .order_by(Meeting.starts_at)
            .limit(n)
        )
    ).all()
    return [MeetingView.of(row, tz) for row in rows]


async def authorized_meeting(
    session: AsyncSession, acting: Acting, meeting_id: int, action: Action = Action.MANAGE_MEETINGS
) -> Meeting:
    """The meeting, if ``acting`` may do ``action`` in its cell."""
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("sched-error-meeting-not-found")
    authorize(acting, action, cell_id=meeting.cell_id)
    return meeting


async def move_meeting(
    session: AsyncSession,
    acting: Acting,
    meeting_id: int,
    local_start: datetime,
    *,
    now: datetime,
    place: str | None = None,
) -> MeetingView:
    """Move a meeting to another local date and time (naive means local), and maybe place."""
    meeting = await authorized_meeting(session, acting, meeting_id)
    if meeting.cancelled:
        raise DomainError("sched-error-meeting-cancelled")
    aware = local_start if local_start.tzinfo else local_start.replace(tzinfo=zone(session))
    starts_at = aware.astimezone(UTC)
    if starts_at <= now:
        raise DomainError("sched-error-meeting-in-past")
    before = meeting.starts_at
    meeting.starts_at = starts_at
    meeting.moved = starts_at != meeting.rule_starts_at
    if place is not None:
        meeting.place = clean(place, PLACE)
    record(
        session,
        actor_id(acting),
        "meeting.move",
        "meeting",
        meeting.id,
        before=before,
        after=starts_at,
        place=meeting.place,
    )
    await session.flush()
    return MeetingView.of(meeting, zone(session))


async def cancel_meeting(session: AsyncSession, acting: Acting, meeting_id: int) -> MeetingView:
    meeting = await authorized_meeting(session, acting, meeting_id)
    meeting.cancelled = True
    record(session, actor_id(acting), "meeting.cancel", "meeting", meeting.id)
    await session.flush()
    return MeetingView.of(meeting, zone(session))


async def restore_meeting(session: AsyncSession, acting: Acting, meeting_id: int) -> MeetingView:
    meeting = await authorized_meeting(session, acting, meeting_id)
    meeting.cancelled = False
    record(session, actor_id(acting), "meeting.restore", "meeting", meeting.id)
    await session.flush()
    return MeetingView.of(meeting, zone(session))


async def set_topic(
    session: AsyncSession,
    acting: Acting,
    meeting_id: int,
    topic: str,
) -> MeetingView:
    meeting = await authorized_meeting(session, acting, meeting_id)
    meeting.topic = clean(topic, TOPIC)
    record(session, actor_id(acting), "meeting.topic", "meeting", meeting.id, topic=meeting.topic)
    await session.flush()
    return MeetingView.of(meeting, zone(session))


async def set_thematic(
    session: AsyncSession,
    acting: Acting,
    meeting_id: int,
    thematic: bool,
) -> MeetingView:
    """Mark the meeting as a thematic one (sinh hoạt chuyên đề), or unmark it."""
    meeting = await authorized_meeting(session, acting, meeting_id)
    meeting.thematic = thematic
    record(session, actor_id(acting), "meeting.thematic", "meeting", meeting.id, thematic=thematic)
    await session.flush()
    return MeetingView.of(meeting, zone(session))
