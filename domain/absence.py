"""Notices of absence (xin vắng): a member who cannot attend a meeting says why; or
confirms they will attend. A member has at most one of the two per meeting."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record
from domain.calendar import MeetingView
from domain.errors import DomainError, NotFound
from domain.members import cell_leaders
from domain.permissions import Action, Actor, require
from domain.reach import outbox_payload, reachable
from domain.text import REASON, clean
from storage.db import zone
from storage.models import AbsenceNotice, AttendanceConfirmation, Meeting
from storage.outbox import enqueue


@dataclass(frozen=True)
class Absence:
    meeting: MeetingView
    reason: str


async def meeting_for_member(
    session: AsyncSession, actor: Actor | None, meeting_id: int
) -> MeetingView:
    """A meeting of the actor's own cell; any other id is refused as not found."""
    actor = require(actor, Action.OWN_ABSENCE)
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None or meeting.cell_id != actor.cell_id:
        raise NotFound("error-absence-meeting-not-found", meeting_id=meeting_id)
    return MeetingView.of(meeting, zone(session))


async def my_absence(session: AsyncSession, actor: Actor | None, meeting_id: int) -> str | None:
    """The reason the actor gave for missing that meeting, if they did."""
    actor = require(actor, Action.OWN_ABSENCE)
    await meeting_for_member(session, actor, meeting_id)
    return await session.scalar(
        select(AbsenceNotice.reason).where(
            AbsenceNotice.meeting_id == meeting_id, AbsenceNotice.member_id == actor.member_id
        )
    )


async def notify_absence(
    session: AsyncSession, actor: Actor | None, meeting_id: int, reason: str, now: datetime
) -> Absence:
    """Record the notice (a second one replaces the reason) and tell the cell's leaders."""
    actor = require(actor, Action.OWN_ABSENCE)
    text = clean(reason, REASON)
    meeting = await meeting_for_member(session, actor, meeting_id)
    if meeting.cancelled:
        raise DomainError("error-absence-meeting-cancelled")
    if meeting.starts_at <= now:
        raise DomainError("error-absence-meeting-past")
    notice = await session.scalar(
        select(AbsenceNotice).where(
            AbsenceNotice.meeting_id == meeting_id, AbsenceNotice.member_id == actor.member_id
        )
    )
    await session.execute(
        delete(AttendanceConfirmation).where(
            AttendanceConfirmation.meeting_id == meeting_id,
            AttendanceConfirmation.member_id == actor.member_id,
        )
    )
    if notice is None:
        notice = AbsenceNotice(
            meeting_id=meeting_id, member_id=actor.member_id, reason=text, created_at=now
        )
        session.add(notice)
    else:
        notice.reason = text
    await session.flush()
    record(session, actor.member_id, "absence.notify", "meeting", meeting_id, reason=text)
    # The same reason sent twice is one message; a changed reason is news.
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    when = meeting.local_start.strftime("%H:%M %d/%m/%Y")
    for leader in await cell_leaders(session, meeting.cell_id):
        if not reachable(leader) or leader.id == actor.member_id:
            continue
        await enqueue(
            session,
            now=now,
            key=f"absence:{meeting_id}:{actor.member_id}:{digest}:{leader.id}",
            kind="absence_notice",
            member_id=leader.id,
            chat_id=leader.telegram_id,
            payload=outbox_payload(
                "meeting-notify-absence", name=actor.full_name, when=when, reason=text
            ),
        )
    return Absence(meeting, text)


async def my_confirmation(session: AsyncSession, actor: Actor | None, meeting_id: int) -> bool:
    """Whether the actor confirmed they will attend that meeting."""
    actor = require(actor, Action.OWN_ABSENCE)
    await meeting_for_member(session, actor, meeting_id)
    found = await session.scalar(
        select(AttendanceConfirmation.id).where(
            AttendanceConfirmation.meeting_id == meeting_id,
            AttendanceConfirmation.member_id == actor.member_id,
        )
    )
    return found is not None


async def confirm_attendance(
    session: AsyncSession, actor: Actor | None, meeting_id: int, now: datetime
) -> MeetingView:
    """The actor will attend: recorded once; a notice of absence they sent is withdrawn."""
    actor = require(actor, Action.OWN_ABSENCE)
    meeting = await meeting_for_member(session, actor, meeting_id)
    if meeting.cancelled:
        raise DomainError("error-absence-meeting-cancelled")
    if meeting.starts_at <= now:
        raise DomainError("error-absence-meeting-past")
    withdrawn = await session.execute(
        delete(AbsenceNotice)
        .where(AbsenceNotice.meeting_id == meeting_id, AbsenceNotice.member_id == actor.member_id)
        .returning(AbsenceNotice.id)
    )
    if not await my_confirmation(session, actor, meeting_id):
        session.add(
            AttendanceConfirmation(meeting_id=meeting_id, member_id=actor.member_id, created_at=now)
        )
        await session.flush()
        record(
            session,
            actor.member_id,
            "attendance.confirm",
            "meeting",
            meeting_id,
            withdrew_absence=bool(withdrawn.all()),
        )
    return meeting
