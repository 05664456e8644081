"""What cell leaders and committees look at: a cell's month, a committee's month, nudges.

Reading goes through here so that every look is permission-checked; nudges go
through the outbox with one key per member and local day, so pressing "Nhắc"
twice, or "Nhắc tất cả" after "Nhắc", sends nothing twice.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, actor_id, authorize, record
from domain.errors import NotFound
from domain.members import local_date
from domain.permissions import Action
from domain.reach import outbox_payload
from domain.summaries import (
    CellMonthSummary,
    CommitteeRollup,
    ItemStatus,
    cell_month_summary,
    committee_month_rollup,
)
from domain.vocabulary import ReportStatus
from storage.db import zone
from storage.models import ItemProgress, Member, ProgressReport
from storage.outbox import enqueue

NUDGE_KIND = "nudge"


async def view_cell_month(
    session: AsyncSession, acting: Acting, cell_id: int, year: int, month: int
) -> CellMonthSummary:
    """The month of a cell with its members' words: for that cell's leaders only."""
    authorize(acting, Action.VIEW_CELL_SUMMARY, cell_id=cell_id)
    return await cell_month_summary(session, cell_id, year, month)


async def view_committee_month(
    session: AsyncSession, acting: Acting, committee_id: int, year: int, month: int
) -> CommitteeRollup:
    """Counts and rates of the committee's cells; the roll-up carries no member's text."""
    authorize(acting, Action.VIEW_COMMITTEE_ROLLUP, committee_id=committee_id)
    return await committee_month_rollup(session, committee_id, year, month)


@dataclass(frozen=True)
class NudgeResult:
    queued: int  # new messages in the outbox
    repeated: int  # already nudged today: nothing new
    unreachable: int  # never pressed Start, or blocked the bot


def nudge_key(cell_id: int, year: int, month: int, member_id: int, day: str) -> str:
    return f"{NUDGE_KIND}:{cell_id}:{year}-{month:02d}:{member_id}:{day}"


async def nudge_missing(
    session: AsyncSession,
    acting: Acting,
    cell_id: int,
    year: int,
    month: int,
    *,
    now: datetime,
    member_ids: Collection[int] | None = None,
) -> NudgeResult:
    """Remind the members who have not reported (all of them, or those named) once a day."""
    authorize(acting, Action.NUDGE_MEMBERS, cell_id=cell_id)
    summary = await cell_month_summary(session, cell_id, year, month)
    missing = [m for m in summary.missing if member_ids is None or m.member_id in member_ids]
    rows = await session.execute(
        select(Member.id, Member.telegram_id, Member.zalo_user_id).where(
            Member.id.in_([m.member_id for m in missing])
        )
    )
    # The Telegram chat when there is one; the delivery worker routes by member.
    chats = {
        member_id: chat for member_id, chat, zalo in rows if chat is not None or zalo is not None
    }
    tz = zone(session)
    today = local_date(now, tz)
    deadline = local_date(summary.deadline, tz).strftime("%d/%m/%Y")
    period = f"{month:02d}/{year}"
    # After the deadline the member is asked to catch up, not to report "before" a past day.
    late = local_date(summary.deadline, tz) < today
    message_id = "sec-nudge-message-late" if late else "sec-nudge-message"
    queued = repeated = unreachable = 0
    for member in missing:
        if member.member_id not in chats or not member.reachable:
            unreachable += 1
            continue
        added = await enqueue(
            session,
            now=now,
            key=nudge_key(cell_id, year, month, member.member_id, today.isoformat()),
            kind=NUDGE_KIND,
            payload=outbox_payload(
                message_id, name=member.full_name, period=period, deadline=deadline
            ),
            member_id=member.member_id,
            chat_id=chats[member.member_id],
        )
        queued += added
        repeated += not added
    record(
        session,
        actor_id(acting),
        "nudge",
        "cell",
        cell_id,
        year=year,
        month=month,
        members=[m.member_id for m in missing],
        queued=queued,
    )
    return NudgeResult(queued=queued, repeated=repeated, unreachable=unreachable)


async def toggle_exemplary(
    session: AsyncSession, acting: Acting, cell_id: int, year: int, month: int, item_id: int
) -> bool:
    """Put a done item of the cell's month in «Gương điển hình, việc làm tiêu biểu», or take
    it out again; only the leaders choose, nothing goes there by itself. Returns the new state."""
    authorize(acting, Action.EXPORT_CELL, cell_id=cell_id)
    summary = await cell_month_summary(session, cell_id, year, month)
    line = next((i for i in summary.items if i.item_id == item_id), None)
    progress = None
    if line is not None and line.status is ItemStatus.DONE:
        progress = await session.scalar(
            select(ItemProgress)
            .join(ProgressReport, ProgressReport.id == ItemProgress.report_id)
            .where(
                ItemProgress.plan_item_id == item_id,
                ProgressReport.member_id == line.member_id,
                ProgressReport.year == year,
                ProgressReport.month == month,
                ProgressReport.status == ReportStatus.SUBMITTED,
            )
        )
    if progress is None:
        raise NotFound("error-exemplary-not-found")
    progress.exemplary = not progress.exemplary
    record(
        session,
        actor_id(acting),
        "report.exemplary",
        "plan_item",
        item_id,
        year=year,
        month=month,
        chosen=progress.exemplary,
    )
    return progress.exemplary
