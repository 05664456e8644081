"""The meeting calendar on known dates: Tết 2027, 30/4 and 1/5, 2/9, weekends."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import holidays
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar import (
    cancel_meeting,
    ensure_meetings,
    is_working_day,
    move_meeting,
    next_meetings,
    rule_date,
    rule_starts_at,
    set_thematic,
    set_topic,
)
from domain.clock import DEFAULT_TZ
from domain.errors import DomainError, PermissionDenied
from domain.permissions import Actor
from domain.vocabulary import Role, ShiftRule
from storage.models import AuditEntry, Cell, Meeting, Member


def cell_meeting_on(day: int, shift: ShiftRule = ShiftRule.NEXT_WORKING_DAY) -> Cell:
    return Cell(
        name="Chi bộ khu phố 3",
        meeting_day=day,
        meeting_time=time(14, 0),
        meeting_place="Hội trường",
        shift_rule=shift,
    )


def tet_2027() -> list[date]:
    vn = holidays.country_holidays("VN", years=2027)
    return sorted(day for day, name in vn.items() if "Lunar New Year" in name)


def test_tet_2027_moves_past_the_whole_holiday() -> None:
    tet = tet_2027()
    # The package's data, not ours: Tết 2027 is a block of consecutive days around 6/2.
    assert date(2027, 2, 6) in tet
    assert tet == [tet[0] + timedelta(days=k) for k in range(len(tet))]
    moved = rule_date(cell_meeting_on(6), 2027, 2)
    assert moved > tet[-1]
    assert is_working_day(moved)
    skipped = [date(2027, 2, 6) + timedelta(days=k) for k in range((moved - date(2027, 2, 6)).days)]
    assert all(day in tet or day.weekday() >= 5 for day in skipped)
    assert moved == date(2027, 2, 11)


@pytest.mark.parametrize(
    ("day", "year", "month", "expected"),
    [
        # 30/4/2027 Friday is a holiday, 1/5 Saturday too, observed Monday 3/5.
        (30, 2027, 4, date(2027, 5, 4)),
        # 1/5/2026 Friday, then the weekend.
        (1, 2026, 5, date(2026, 5, 4)),
        # 2/9/2026 Wednesday; 1/9 and 2/9 are National Day.
        (2, 2026, 9, date(2026, 9, 3)),
        # 2/9/2027 Thursday and 3/9 Friday, then the weekend.
        (2, 2027, 9, date(2027, 9, 6)),
        # A Sunday moves to Monday.
        (5, 2026, 7, date(2026, 7, 6)),
        # A Saturday moves to Monday.
        (5, 2026, 12, date(2026, 12, 7)),
        # Saturday 22/8/2026 was made a working day (swapped for Monday 31/8): it stays.
        (22, 2026, 8, date(2026, 8, 22)),
        # Day 31 in a 30-day month is the last day; 28/2/2027 is a Sunday.
        (31, 2026, 6, date(2026, 6, 30)),
        (31, 2027, 2, date(2027, 3, 1)),
        # A plain Tuesday stays.
        (15, 2026, 12, date(2026, 12, 15)),
    ],
)
def test_rule_date_on_known_days(day: int, year: int, month: int, expected: date) -> None:
    assert rule_date(cell_meeting_on(day), year, month) == expected


def test_holiday_is_kept_when_the_cell_does_not_shift() -> None:
    cell = cell_meeting_on(5, ShiftRule.NONE)
    assert rule_date(cell, 2026, 12) == date(2026, 12, 5)
    assert rule_date(cell_meeting_on(2, ShiftRule.NONE), 2026, 9) == date(2026, 9, 2)


def test_start_is_local_time_stored_as_utc() -> None:
    starts = rule_starts_at(cell_meeting_on(15), 2026, 12, DEFAULT_TZ)
    assert starts == datetime(2026, 12, 15, 7, 0, tzinfo=UTC)
    assert starts.astimezone(DEFAULT_TZ).hour == 14


async def add_cell(session: AsyncSession, day: int = 6, name: str = "Chi bộ A") -> Cell:
    cell = Cell(name=name, meeting_day=day, meeting_time=time(14, 0), meeting_place="Hội trường")
    session.add(cell)
    await session.flush()
    return cell


async def add_member(session: AsyncSession, cell: Cell, role: Role, tg: int) -> Actor:
    member = Member(full_name=f"Nguyễn Văn {tg}", cell_id=cell.id, role=role, telegram_id=tg)
    session.add(member)
    await session.flush()
    return Actor.of(member)


NOW = datetime(2027, 1, 10, 3, 0, tzinfo=UTC)


async def test_ensure_meetings_is_idempotent(session: AsyncSession) -> None:
    cell = await add_cell(session)
    first = await ensure_meetings(session, cell.id, date(2027, 1, 1), 3, now=NOW)
    again = await ensure_meetings(session, cell.id, date(2027, 1, 20), 3, now=NOW)
    await session.commit()
    assert [m.id for m in first] == [m.id for m in again]
    assert [(m.year, m.month) for m in again] == [(2027, 1), (2027, 2), (2027, 3)]
    assert await session.scalar(select(func.count()).select_from(Meeting)) == 3
    feb = again[1]
    assert feb.starts_at == datetime(2027, 2, 11, 7, 0, tzinfo=UTC)
    assert feb.rule_starts_at == feb.starts_at


async def test_rule_change_reaches_future_meetings_but_not_moved_ones(
    session: AsyncSession,
) -> None:
    cell = await add_cell(session, day=15)
    secretary = await add_member(session, cell, Role.SECRETARY, 1)
    jan, feb, mar = await ensure_meetings(session, cell.id, date(2027, 1, 1), 3, now=NOW)
    await move_meeting(session, secretary, mar.id, datetime(2027, 3, 18, 8, 0), now=NOW)
    cell.meeting_day = 20
    await ensure_meetings(session, cell.id, date(2027, 1, 1), 3, now=NOW)
    assert jan.starts_at.astimezone(DEFAULT_TZ).date() == date(2027, 1, 20)
    assert feb.starts_at.astimezone(DEFAULT_TZ).date() == date(2027, 2, 22)  # 20/2 is a Saturday
    assert mar.starts_at.astimezone(DEFAULT_TZ) == datetime(2027, 3, 18, 8, 0, tzinfo=DEFAULT_TZ)
    assert mar.moved


async def test_secretary_overrides_with_audit(session: AsyncSession) -> None:
    cell = await add_cell(session)
    secretary = await add_member(session, cell, Role.SECRETARY, 1)
    jan, feb = await ensure_meetings(session, cell.id, date(2027, 1, 1), 2, now=NOW)
    view = await set_topic(session, secretary, feb.id, "  Học tập chuyên đề năm 2027 ")
    assert view.topic == "Học tập chuyên đề năm 2027"
    assert (await set_thematic(session, secretary, feb.id, True)).thematic
    await cancel_meeting(session, secretary, jan.id)
    upcoming = await next_meetings(session, cell.id, NOW, 2)
    assert len(upcoming) == 2 and upcoming[0].id == feb.id
    assert upcoming[0].thematic and upcoming[0].local_start.date() == date(2027, 2, 11)
    actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == ["meeting.topic", "meeting.thematic", "meeting.cancel"]
    with pytest.raises(DomainError) as error:
        await move_meeting(session, secretary, feb.id, datetime(2027, 1, 1, 8, 0), now=NOW)
    assert error.value.msg_id == "sched-error-meeting-in-past"


async def test_only_the_cells_leaders_manage_its_meetings(session: AsyncSession) -> None:
    cell = await add_cell(session)
    other = await add_cell(session, name="Chi bộ B")
    member = await add_member(session, cell, Role.MEMBER, 1)
    foreign_secretary = await add_member(session, other, Role.SECRETARY, 2)
    deputy = await add_member(session, cell, Role.DEPUTY, 3)
    (jan,) = await ensure_meetings(session, cell.id, date(2027, 1, 1), 1, now=NOW)
    for outsider in (member, foreign_secretary):
        with pytest.raises(PermissionDenied):
            await cancel_meeting(session, outsider, jan.id)
    assert not jan.cancelled
    moved = await move_meeting(session, deputy, jan.id, datetime(2027, 1, 25, 8, 0), now=NOW)
    assert moved.moved and moved.starts_at == datetime(2027, 1, 25, 1, 0, tzinfo=UTC)
    assert await session.scalar(select(func.count()).select_from(AuditEntry)) == 1
