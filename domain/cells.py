"""Committees and cells (chi bộ) with their regular monthly meeting rule."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, Operator, actor_id, authorize, record
from domain.errors import DomainError, NotFound, PermissionDenied
from domain.permissions import Action
from domain.text import TextLimit, clean, normalize
from domain.units import (
    LOCALITY,
    UNIT_NAME,
    check_optional,
    check_symbol,
    check_unit_name,
    split_committee_name,
)

# Re-exported: callers look cells and committees up here.
from domain.units import get_cell as get_cell
from domain.units import get_committee as get_committee
from domain.vocabulary import MemberStatus, PartyStatus, ShiftRule
from locales import t
from storage.models import Cell, Committee, Member

PLACE_MAX = 200
RULE_PLACE = TextLimit(2, PLACE_MAX)
# Reminders earlier than four weeks before a monthly meeting would fall into the month before.
REMINDER_MAX_DAYS = 28
DEFAULT_REMINDER_OFFSETS = (3, 1)
_TIME = re.compile(r"^(\d{1,2})[:hH.](\d{2})$")


@dataclass(frozen=True)
class MeetingRule:
    """When a cell meets: a day of the month, a time and a place, and what a holiday does."""

    day: int
    at: time
    place: str
    shift_rule: ShiftRule = ShiftRule.NEXT_WORKING_DAY
    reminder_offsets: tuple[int, ...] = DEFAULT_REMINDER_OFFSETS


@dataclass(frozen=True)
class CellOverview:
    """A cell as the lists show it, with its member counts."""

    id: int
    name: str
    committee_id: int | None
    committee_name: str | None
    rule: MeetingRule
    active: int
    pending: int
    probationary: int
    locality: str = ""
    upper_unit: str = ""


def parse_meeting_time(text: str) -> time:
    """``14:00``, ``7:30``, ``14h00`` → a time; anything else is a clear error."""
    value = normalize(text)
    match = _TIME.match(value)
    if match is None:
        raise DomainError("error-meeting-time-format", value=value)
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise DomainError("error-meeting-time-format", value=value)
    return time(hour, minute)


def check_meeting_rule(rule: MeetingRule) -> MeetingRule:
    """The rule with its place normalised, or a ``DomainError`` naming what is wrong."""
    if not 1 <= rule.day <= 31:
        raise DomainError("error-meeting-day-range", day=rule.day)
    place = normalize(rule.place)
    if not place:
        raise DomainError("error-meeting-place-empty")
    if len(place) > PLACE_MAX:
        raise DomainError("error-meeting-place-too-long", max=PLACE_MAX, length=len(place))
    place = clean(place, RULE_PLACE)  # too short, or no letter at all
    offsets = tuple(sorted(set(rule.reminder_offsets), reverse=True))
    for days in offsets:
        if not 0 <= days <= REMINDER_MAX_DAYS:
            raise DomainError("error-reminder-offset-range", days=days, max=REMINDER_MAX_DAYS)
    return MeetingRule(
        rule.day, rule.at.replace(second=0, microsecond=0), place, rule.shift_rule, offsets
    )


def rule_of(cell: Cell) -> MeetingRule:
    return MeetingRule(
        day=cell.meeting_day,
        at=cell.meeting_time,
        place=cell.meeting_place,
        shift_rule=cell.shift_rule,
        reminder_offsets=tuple(cell.reminder_offsets or ()),
    )


async def create_committee(
    session: AsyncSession,
    acting: Acting,
    name: str,
    *,
    executive_name: str | None = None,
    upper_unit: str = "",
    symbol: str | None = None,
    locality: str = "",
) -> Committee:
    """A new committee. Given only ``name`` ("Đảng ủy X" or "Đảng bộ X"), the organisation
    and its executive body are both derived from it (``split_committee_name``); given
    ``executive_name`` too, ``name`` is the organisation's as written."""
    if not isinstance(acting, Operator):
        raise PermissionDenied()
    if executive_name is None:
        organisation, body = split_committee_name(check_unit_name(name))
    else:
        organisation, body = check_unit_name(name), check_unit_name(executive_name)
    organisation, body = check_unit_name(organisation), check_unit_name(body)
    if await session.scalar(select(Committee.id).where(Committee.name == organisation)):
        raise DomainError("error-committee-name-taken", name=organisation)
    committee = Committee(
        name=organisation,
        executive_name=body,
        upper_unit=check_optional(upper_unit, UNIT_NAME),
        symbol=check_symbol(t("export-committee-symbol") if symbol is None else symbol),
        locality=check_optional(locality, LOCALITY),
    )
    session.add(committee)
    await session.flush()
    record(
        session,
        actor_id(acting),
        "committee.create",
        "committee",
        committee.id,
        name=organisation,
        executive_name=body,
        upper_unit=committee.upper_unit,
        symbol=committee.symbol,
        locality=committee.locality,
    )
    return committee


@dataclass(frozen=True)
class CommitteeOverview:
    id: int
    name: str
    cells: int
    executive_name: str = ""


async def list_committees(session: AsyncSession) -> list[CommitteeOverview]:
    """Committees with how many cells each has, in one query."""
    rows = await session.execute(
        select(Committee.id, Committee.name, Committee.executive_name, func.count(Cell.id))
        .outerjoin(Cell, Cell.committee_id == Committee.id)
        .group_by(Committee.id, Committee.name, Committee.executive_name)
        .order_by(Committee.name)
    )
    return [
        CommitteeOverview(id_, name, cells, body or split_committee_name(name)[1])
        for id_, name, body, cells in rows
    ]


async def create_cell(
    session: AsyncSession,
    acting: Acting,
    *,
    name: str,
    rule: MeetingRule,
    committee_id: int | None = None,
    locality: str = "",
    upper_unit: str = "",
) -> Cell:
    """A new cell; only the operator creates cells (a committee's cells come from it).
    ``locality`` and ``upper_unit`` are its documents' heading lines (``domain.units``)."""
    if not isinstance(acting, Operator):
        raise PermissionDenied()
    value = clean(name, UNIT_NAME)
    checked = check_meeting_rule(rule)
    place_name = check_optional(locality, LOCALITY)
    upper = check_optional(upper_unit, UNIT_NAME)
    if committee_id is not None:
        await get_committee(session, committee_id)
    if await session.scalar(select(Cell.id).where(Cell.name == value)) is not None:
        raise DomainError("error-cell-name-taken", name=value)
    cell = Cell(name=value, committee_id=committee_id, locality=place_name, upper_unit=upper)
    _apply_rule(cell, checked)
    session.add(cell)
    await session.flush()
    record(
        session,
        actor_id(acting),
        "cell.create",
        "cell",
        cell.id,
        name=value,
        committee_id=committee_id,
        locality=place_name,
        upper_unit=upper,
        **_rule_details(checked),
    )
    return cell


async def set_meeting_rule(
    session: AsyncSession, acting: Acting, cell_id: int, rule: MeetingRule
) -> Cell:
    """Change when a cell meets; its leaders or the operator may."""
    authorize(acting, Action.MANAGE_MEETINGS, cell_id=cell_id)
    cell = await get_cell(session, cell_id)
    checked = check_meeting_rule(rule)
    before = _rule_details(rule_of(cell))
    _apply_rule(cell, checked)
    await session.flush()
    record(
        session,
        actor_id(acting),
        "cell.meeting_rule",
        "cell",
        cell.id,
        before=before,
        after=_rule_details(checked),
    )
    return cell


async def attach_cell(
    session: AsyncSession, acting: Acting, cell_id: int, committee_id: int | None
) -> Cell:
    """Put a cell under a committee (or under none)."""
    if not isinstance(acting, Operator):
        raise PermissionDenied()
    cell = await get_cell(session, cell_id)
    if committee_id is not None:
        await get_committee(session, committee_id)
    previous = cell.committee_id
    cell.committee_id = committee_id
    await session.flush()
    record(
        session,
        actor_id(acting),
        "cell.attach",
        "cell",
        cell.id,
        committee_id=committee_id,
        previous=previous,
    )
    return cell


async def list_cells(
    session: AsyncSession, cell_ids: Sequence[int] | None = None
) -> list[CellOverview]:
    """Cells with their member counts, in one query, ordered by name."""
    counts = (
        select(
            Member.cell_id.label("cell_id"),
            func.count().filter(Member.status == MemberStatus.ACTIVE).label("active"),
            func.count().filter(Member.status == MemberStatus.PENDING).label("pending"),
            func.count()
            .filter(
                Member.status == MemberStatus.ACTIVE,
                Member.party_status == PartyStatus.PROBATIONARY,
            )
            .label("probationary"),
        )
        .where(Member.cell_id.is_not(None))
        .group_by(Member.cell_id)
        .subquery()
    )
    query = (
        select(Cell, Committee.name, counts.c.active, counts.c.pending, counts.c.probationary)
        .outerjoin(Committee, Committee.id == Cell.committee_id)
        .outerjoin(counts, counts.c.cell_id == Cell.id)
        .order_by(Cell.name, Cell.id)
    )
    if cell_ids is not None:
        query = query.where(Cell.id.in_(cell_ids))
    rows = await session.execute(query)
    return [
        CellOverview(
            id=cell.id,
            name=cell.name,
            committee_id=cell.committee_id,
            committee_name=committee_name,
            rule=rule_of(cell),
            active=active or 0,
            pending=pending or 0,
            probationary=probationary or 0,
            locality=cell.locality,
            upper_unit=cell.upper_unit,
        )
        for cell, committee_name, active, pending, probationary in rows
    ]


async def cell_overview(session: AsyncSession, cell_id: int) -> CellOverview:
    found = await list_cells(session, [cell_id])
    if not found:
        raise NotFound("error-cell-not-found", cell_id=cell_id)
    return found[0]


def _apply_rule(cell: Cell, rule: MeetingRule) -> None:
    cell.meeting_day = rule.day
    cell.meeting_time = rule.at
    cell.meeting_place = rule.place
    cell.shift_rule = rule.shift_rule
    cell.reminder_offsets = list(rule.reminder_offsets)


def _rule_details(rule: MeetingRule) -> dict[str, object]:
    return {
        "day": rule.day,
        "time": rule.at,
        "place": rule.place,
        "shift_rule": rule.shift_rule,
        "reminder_offsets": list(rule.reminder_offsets),
    }
