"""The secretary's side of members and meetings, where the other use cases stop short:
telling a person the answer to their join request, where a member may be transferred,
the cell's rule and next meetings as its leaders see them, and the notices of absence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, authorize
from domain.calendar import MeetingView, authorized_meeting, next_meetings
from domain.cells import MeetingRule, get_cell, parse_meeting_time, rule_of
from domain.errors import DomainError
from domain.members import approve_member, member_for, refuse_member
from domain.permissions import Action
from domain.reach import outbox_payload, reachable
from domain.text import normalize
from domain.vocabulary import MemberStatus
from storage.db import zone
from storage.models import AbsenceNotice, AttendanceConfirmation, Cell, Member
from storage.outbox import enqueue

UPCOMING = 3


@dataclass(frozen=True)
class AbsenceLine:
    member_id: int
    full_name: str
    reason: str
    sent_at: datetime


@dataclass(frozen=True)
class CellChoice:
    id: int
    name: str


async def approve_join(
    session: AsyncSession, acting: Acting, member_id: int, now: datetime
) -> Member:
    """Accept a join request and tell the person through the outbox."""
    member = await approve_member(session, acting, member_id, now)
    cell = await get_cell(session, member.cell_id or 0)
    await _tell(
        session,
        member,
        "join-approved",
        outbox_payload("sec-notify-approved", name=member.full_name, cell=cell.name),
        now,
    )
    return member


async def refuse_join(
    session: AsyncSession, acting: Acting, member_id: int, now: datetime
) -> Member:
    """Turn down a join request and tell the person through the outbox."""
    cell_id = (await member_for(session, acting, member_id)).cell_id
    member = await refuse_member(session, acting, member_id, now)
    cell = await get_cell(session, cell_id or 0)
    await _tell(
        session,
        member,
        "join-refused",
        outbox_payload("sec-notify-refused", name=member.full_name, cell=cell.name),
        now,
    )
    return member


async def _tell(
    session: AsyncSession, member: Member, kind: str, payload: dict[str, Any], now: datetime
) -> None:
    # One answer per request: the key names the member and the decision.
    if not reachable(member):
        return
    await enqueue(
        session,
        now=now,
        key=f"{kind}:{member.id}:{member.joined_at.isoformat()}",
        kind=kind.replace("-", "_"),
        member_id=member.id,
        chat_id=member.telegram_id,
        payload=payload,
    )


async def transfer_targets(session: AsyncSession, acting: Acting, cell_id: int) -> list[CellChoice]:
    """The other cells under the same committee: where this cell's members may move."""
    authorize(acting, Action.MANAGE_MEMBERS, cell_id=cell_id)
    cell = await get_cell(session, cell_id)
    same_committee = (
        Cell.committee_id.is_(None)
        if cell.committee_id is None
        else Cell.committee_id == cell.committee_id
    )
    rows = await session.execute(
        select(Cell.id, Cell.name).where(same_committee, Cell.id != cell_id).order_by(Cell.name)
    )
    return [CellChoice(id_, name) for id_, name in rows]


async def cell_rule(session: AsyncSession, acting: Acting, cell_id: int) -> MeetingRule:
    """When the cell meets, for its leaders."""
    authorize(acting, Action.MANAGE_MEETINGS, cell_id=cell_id)
    cell = await get_cell(session, cell_id)
    return rule_of(cell)


async def upcoming_meetings(
    session: AsyncSession, acting: Acting, cell_id: int, now: datetime, n: int = UPCOMING
) -> list[MeetingView]:
    authorize(acting, Action.MANAGE_MEETINGS, cell_id=cell_id)
    return await next_meetings(session, cell_id, now, n)


async def meeting_to_manage(session: AsyncSession, acting: Acting, meeting_id: int) -> MeetingView:
    return MeetingView.of(await authorized_meeting(session, acting, meeting_id), zone(session))


async def meeting_absences(
    session: AsyncSession, acting: Acting, meeting_id: int
) -> list[AbsenceLine]:
    """Who sent a notice of absence for the meeting, and why: the reasons are members' text."""
    await authorized_meeting(session, acting, meeting_id, Action.VIEW_MEMBER_TEXT)
    rows = await session.execute(
        select(Member.id, Member.full_name, AbsenceNotice.reason, AbsenceNotice.created_at)
        .join(Member, Member.id == AbsenceNotice.member_id)
        .where(AbsenceNotice.meeting_id == meeting_id, Member.status == MemberStatus.ACTIVE)
        .order_by(AbsenceNotice.created_at, Member.id)
    )
    return [AbsenceLine(*row) for row in rows]


async def meeting_confirmations(
    session: AsyncSession, acting: Acting, meeting_id: int
) -> list[str]:
    """The names of the members who confirmed they will attend, in the order they did."""
    await authorized_meeting(session, acting, meeting_id, Action.VIEW_MEMBER_TEXT)
    names = await session.scalars(
        select(Member.full_name)
        .join(AttendanceConfirmation, AttendanceConfirmation.member_id == Member.id)
        .where(
            AttendanceConfirmation.meeting_id == meeting_id,
            Member.status == MemberStatus.ACTIVE,
        )
        .order_by(AttendanceConfirmation.created_at, Member.id)
    )
    return list(names)


def parse_meeting_day(text: str) -> int:
    """A day of the month as typed: a whole number from 1 to 31."""
    value = normalize(text)
    if not value.isdecimal():
        raise DomainError("sec-error-day-format", value=value)
    day = int(value)
    if not 1 <= day <= 31:
        raise DomainError("error-meeting-day-range", day=day)
    return day


def parse_local_datetime(text: str, keep_time: time) -> datetime:
    """``dd/mm/yyyy`` (the meeting's time kept) or ``dd/mm/yyyy hh:mm``, naive local time."""
    value = " ".join(normalize(text).split())
    day_part, _, time_part = value.partition(" ")
    try:
        day = datetime.strptime(day_part, "%d/%m/%Y").date()
    except ValueError:
        raise DomainError("sec-error-date-format", value=value) from None
    return datetime.combine(day, parse_meeting_time(time_part) if time_part else keep_time)
