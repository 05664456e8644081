"""Personal data of a member (Nghị định 13/2023/NĐ-CP): a copy for the member, and erasure.

``my_data`` gathers everything chibo stores about one member into a JSON file that
only that member (or the operator, for a request made on paper) may take.
``anonymise_member`` erases what identifies a member who has left while every row
that the cell's figures count stays: reports keep their status and times, plan items
and item progress keep their rows and statuses, only names and written text go.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, actor_id, authorize, record
from domain.errors import DomainError
from domain.files import ExportFile
from domain.members import member_for
from domain.permissions import Action, committee_of_cell
from domain.vocabulary import MemberStatus
from locales import t
from storage.models import (
    AbsenceNotice,
    AttendanceConfirmation,
    AuditEntry,
    Cell,
    CellMembership,
    DownloadToken,
    FreeItem,
    FsmRecord,
    ItemProgress,
    Meeting,
    Member,
    OutboxMessage,
    OutboxStatus,
    PlanItem,
    PlanSection,
    ProgressReport,
    YearPlan,
    ZaloLinkCode,
)

FORMAT = "chibo.personal-data/1"
JSON_MIME = "application/json"
# Keys of audit details that hold what a person wrote or is called.
PERSONAL_DETAIL_KEYS = frozenset(
    {"full_name", "previous_full_name", "name", "comment", "reason", "text"}
)
# Audit entries on a cell that name members in their details.
CELL_ACTIONS_NAMING_MEMBERS = {"nudge": "members", "member.import": "member_ids"}


@dataclass(frozen=True)
class FormerMember:
    """A member who left the cell, as the cell's leaders see them."""

    id: int
    full_name: str
    left_at: datetime | None
    anonymised: bool


async def former_members(session: AsyncSession, acting: Acting, cell_id: int) -> list[FormerMember]:
    """Members who left the cell, the latest first: the ones whose data may be anonymised."""
    authorize(acting, Action.MANAGE_MEMBERS, cell_id=cell_id)
    rows = await session.scalars(
        select(Member)
        .where(Member.cell_id == cell_id, Member.status == MemberStatus.LEFT)
        .order_by(Member.left_at.desc(), Member.id)
    )
    return [FormerMember(m.id, m.full_name, m.left_at, m.anonymised) for m in rows]


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


async def my_data(
    session: AsyncSession, acting: Acting, member_id: int, now: datetime
) -> ExportFile:
    """Everything stored about the member, as JSON: only for the member themself."""
    member = await member_for(session, acting, member_id)
    authorize(acting, Action.OWN_DATA, member_id=member.id)
    plans = await _plans(session, member.id)
    data = {
        "format": FORMAT,
        "generated_at": now,
        "member": await _profile(session, member),
        "memberships": await _memberships(session, member.id),
        "plans": plans,
        "reports": await _reports(session, member.id),
        "absences": await _absences(session, member.id),
        "attendance_confirmations": await _attendance(session, member.id),
        "audit": [
            _audit_line(entry)
            for entry in await _audit_about(session, member, [p["id"] for p in plans])
        ],
    }
    record(session, actor_id(acting), "member.data_export", "member", member.id).at = now
    content = json.dumps(_plain(data), ensure_ascii=False, indent=2).encode("utf-8")
    return ExportFile(f"du-lieu-ca-nhan-{member.id}.json", content, JSON_MIME)


async def _profile(session: AsyncSession, member: Member) -> dict[str, Any]:
    cell_name = await session.scalar(select(Cell.name).where(Cell.id == member.cell_id))
    return {
        "id": member.id,
        "full_name": member.full_name,
        "phone": member.phone,
        "telegram_id": member.telegram_id,
        "zalo_user_id": member.zalo_user_id,
        "reminder_channel": member.reminder_channel,
        "cell": {"id": member.cell_id, "name": cell_name} if member.cell_id else None,
        "committee_id": member.committee_id,
        "role": member.role,
        "party_status": member.party_status,
        "status": member.status,
        "reachable": member.reachable,
        "anonymised": member.anonymised,
        "joined_at": member.joined_at,
        "left_at": member.left_at,
    }


async def _memberships(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(CellMembership, Cell.name)
        .join(Cell, Cell.id == CellMembership.cell_id)
        .where(CellMembership.member_id == member_id)
        .order_by(CellMembership.start_on, CellMembership.id)
    )
    return [
        {
            "cell": {"id": row.cell_id, "name": name},
            "role": row.role,
            "start_on": row.start_on,
            "end_on": row.end_on,
        }
        for row, name in rows
    ]


async def _plans(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    plans = list(
        await session.scalars(
            select(YearPlan).where(YearPlan.member_id == member_id).order_by(YearPlan.year)
        )
    )
    items = (
        await session.execute(
            select(PlanItem, PlanSection.title)
            .join(PlanSection, PlanSection.id == PlanItem.section_id)
            .where(PlanItem.plan_id.in_([p.id for p in plans]))
            .order_by(PlanItem.plan_id, PlanSection.position, PlanItem.position)
        )
    ).all()
    return [
        {
            "id": plan.id,
            "year": plan.year,
            "cell_id": plan.cell_id,
            "status": plan.status,
            "submitted_at": plan.submitted_at,
            "reviewed_at": plan.reviewed_at,
            "review_comment": plan.review_comment,
            "items": [
                {"id": item.id, "section": title, "position": item.position, "text": item.text}
                for item, title in items
                if item.plan_id == plan.id
            ],
        }
        for plan in plans
    ]


async def _reports(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    reports = list(
        await session.scalars(
            select(ProgressReport)
            .where(ProgressReport.member_id == member_id)
            .order_by(ProgressReport.year, ProgressReport.month)
        )
    )
    ids = [r.id for r in reports]
    progress = (
        await session.execute(
            select(ItemProgress, PlanItem.text)
            .join(PlanItem, PlanItem.id == ItemProgress.plan_item_id)
            .where(ItemProgress.report_id.in_(ids))
            .order_by(ItemProgress.report_id, PlanItem.position, ItemProgress.id)
        )
    ).all()
    free = list(
        await session.scalars(
            select(FreeItem)
            .where(FreeItem.report_id.in_(ids))
            .order_by(FreeItem.report_id, FreeItem.position)
        )
    )
    return [
        {
            "year": report.year,
            "month": report.month,
            "cell_id": report.cell_id,
            "status": report.status,
            "submitted_at": report.submitted_at,
            "items": [
                {
                    "plan_item_id": line.plan_item_id,
                    "text": text,
                    "status": line.status,
                    "note": line.note,
                }
                for line, text in progress
                if line.report_id == report.id
            ],
            "free_items": [item.text for item in free if item.report_id == report.id],
            "difficulties": report.difficulties,
            "proposals": report.proposals,
        }
        for report in reports
    ]


async def _absences(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(AbsenceNotice, Meeting.starts_at)
        .join(Meeting, Meeting.id == AbsenceNotice.meeting_id)
        .where(AbsenceNotice.member_id == member_id)
        .order_by(Meeting.starts_at)
    )
    return [
        {"meeting_starts_at": starts_at, "reason": notice.reason, "sent_at": notice.created_at}
        for notice, starts_at in rows
    ]


async def _attendance(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(AttendanceConfirmation.created_at, Meeting.starts_at)
        .join(Meeting, Meeting.id == AttendanceConfirmation.meeting_id)
        .where(AttendanceConfirmation.member_id == member_id)
        .order_by(Meeting.starts_at)
    )
    return [{"meeting_starts_at": starts_at, "sent_at": sent_at} for sent_at, starts_at in rows]


async def _audit_about(
    session: AsyncSession, member: Member, plan_ids: Sequence[int]
) -> list[AuditEntry]:
    """Entries the member made, on the member or their plans, and cell actions naming them."""
    cell_ids = list(
        await session.scalars(
            select(CellMembership.cell_id).where(CellMembership.member_id == member.id)
        )
    )
    rows = await session.scalars(
        select(AuditEntry)
        .where(
            or_(
                AuditEntry.actor_member_id == member.id,
                (AuditEntry.target_type == "member") & (AuditEntry.target_id == member.id),
                (AuditEntry.target_type == "plan") & AuditEntry.target_id.in_(plan_ids),
                (AuditEntry.target_type == "cell")
                & AuditEntry.target_id.in_(cell_ids)
                & AuditEntry.action.in_(list(CELL_ACTIONS_NAMING_MEMBERS)),
            )
        )
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [entry for entry in rows if _concerns(entry, member.id)]


def _concerns(entry: AuditEntry, member_id: int) -> bool:
    key = CELL_ACTIONS_NAMING_MEMBERS.get(entry.action)
    if entry.target_type != "cell" or key is None:
        return True
    return member_id in (entry.details or {}).get(key, [])


def _audit_line(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at,
        "action": entry.action,
        "actor_member_id": entry.actor_member_id,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "details": entry.details,
    }


async def anonymise_member(
    session: AsyncSession, acting: Acting, member_id: int, now: datetime
) -> Member:
    """Erase the personal data of a member who left; the cell's past figures stay the same.

    The name becomes a neutral label; the Telegram and Zalo accounts, phone, every text the
    member wrote (plan items, notes, free items, difficulties, proposals, absence
    reasons), review comments on their plans, their dialog state, the messages addressed
    to them or quoting them, and the names and texts in audit entries about them are
    cleared. Statuses, dates and the rows that summaries count stay.
    """
    member = await member_for(session, acting, member_id)
    committee_id = await committee_of_cell(session, member.cell_id) if member.cell_id else None
    authorize(acting, Action.ANONYMISE_MEMBER, cell_id=member.cell_id, committee_id=committee_id)
    if member.anonymised:
        raise DomainError("error-member-already-anonymised", number=member.id)
    if member.status is not MemberStatus.LEFT:
        raise DomainError("error-member-not-left", name=member.full_name)
    plan_ids = list(
        await session.scalars(select(YearPlan.id).where(YearPlan.member_id == member.id))
    )
    report_ids = select(ProgressReport.id).where(ProgressReport.member_id == member.id)
    audit = await _audit_about(session, member, plan_ids)
    await _forget_messages(session, member, plan_ids)

    member.full_name = t("member-anonymised-name", number=member.id)
    member.phone = None
    member.reachable = False
    member.anonymised = True
    await session.execute(update(PlanItem).where(PlanItem.plan_id.in_(plan_ids)).values(text=""))
    await session.execute(
        update(YearPlan).where(YearPlan.id.in_(plan_ids)).values(review_comment=None)
    )
    await session.execute(
        update(ProgressReport)
        .where(ProgressReport.member_id == member.id)
        .values(difficulties="", proposals="")
    )
    await session.execute(
        update(ItemProgress).where(ItemProgress.report_id.in_(report_ids)).values(note="")
    )
    await session.execute(
        update(FreeItem).where(FreeItem.report_id.in_(report_ids)).values(text="")
    )
    await session.execute(
        update(AbsenceNotice).where(AbsenceNotice.member_id == member.id).values(reason="")
    )
    for entry in audit:
        entry.details = _scrubbed(entry.details)
    await session.flush()
    erased = record(
        session, actor_id(acting), "member.anonymise", "member", member.id, cell_id=member.cell_id
    )
    erased.at = now
    return member


def _messages_about(member_id: int, plan_ids: Sequence[int]) -> ColumnElement[bool]:
    """Messages to the cell's leaders that quote the member: by their idempotency keys."""
    keys = [
        f"absence:%:{member_id}:%",
        f"member-joined:{member_id}:%",
        f"member-unreachable:{member_id}:%",
        *(f"plan-submitted:{plan_id}:%" for plan_id in plan_ids),
    ]
    return or_(*(OutboxMessage.idempotency_key.like(key) for key in keys))


async def _forget_messages(session: AsyncSession, member: Member, plan_ids: Sequence[int]) -> None:
    """Drop the member's dialog state, the messages addressed to them or quoting them,
    and unlink their Telegram and Zalo accounts."""
    telegram_id = member.telegram_id
    if telegram_id is not None:
        # State keys are "fsm:<chat>:<user>:…"; a private chat has the user's own id.
        rows = await session.scalars(
            select(FsmRecord).where(
                or_(
                    FsmRecord.key.like(f"fsm:{telegram_id}:%"),
                    FsmRecord.key.like(f"fsm:%:{telegram_id}:%"),
                )
            )
        )
        for row in rows:
            await session.delete(row)
    addressed = OutboxMessage.member_id == member.id
    if telegram_id is not None:
        addressed = or_(addressed, OutboxMessage.chat_id == telegram_id)
    await session.execute(
        update(OutboxMessage)
        .where(addressed, OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)))
        .values(status=OutboxStatus.DROPPED, lease_until=None, claimed_by=None)
    )
    await session.execute(
        update(OutboxMessage).where(addressed).values(payload={}, chat_id=None, last_error=None)
    )
    about = _messages_about(member.id, plan_ids)
    await session.execute(
        update(OutboxMessage)
        .where(about, OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)))
        .values(status=OutboxStatus.DROPPED, lease_until=None, claimed_by=None)
    )
    await session.execute(update(OutboxMessage).where(about).values(payload={}, last_error=None))
    if member.zalo_user_id is not None:
        zalo_state = FsmRecord.key == f"zalo:{member.zalo_user_id}"
        await session.execute(delete(FsmRecord).where(zalo_state))
    await session.execute(delete(ZaloLinkCode).where(ZaloLinkCode.member_id == member.id))
    await session.execute(delete(DownloadToken).where(DownloadToken.member_id == member.id))
    member.telegram_id = None
    member.zalo_user_id = None


def _scrubbed(details: Mapping[str, Any] | None) -> dict[str, Any]:
    return {
        key: "" if key in PERSONAL_DETAIL_KEYS and isinstance(value, str) else value
        for key, value in (details or {}).items()
    }
