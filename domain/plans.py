"""The member's yearly personal plan, and the secretary's review of it.

A plan has one item list ordered by section, then by position. Its sections, theme and
title wording are those of the year's configuration it was made with (``domain.years``).
A member edits their own plan while it is a draft, registered (submitted) or returned;
once the secretary acknowledges it, it is locked until the secretary returns it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain import years
from domain.audit import actor_id, record
from domain.errors import DomainError, NotFound
from domain.members import cell_leaders, local_date
from domain.permissions import Action, Actor, require
from domain.reach import outbox_payload, reachable
from domain.text import COMMENT, PLAN_ITEM, clean
from domain.vocabulary import MemberStatus, PlanStatus, PlanWording
from storage.models import Member, PlanItem, YearPlan
from storage.outbox import enqueue

EDITABLE = frozenset({PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED})
# A plan handed to the cell counts as registered, even when it came back for revision.
REGISTERED = frozenset({PlanStatus.SUBMITTED, PlanStatus.ACKNOWLEDGED, PlanStatus.RETURNED})
# More items than this is no longer a plan one can check month by month.
MAX_ITEMS = 60


@dataclass(frozen=True)
class Section:
    id: int
    position: int
    title: str
    guidance: str
    example: str


@dataclass(frozen=True)
class Item:
    id: int
    section_id: int
    text: str
    position: int = 0  # as stored, when read from the plan


@dataclass(frozen=True)
class Plan:
    """A member's plan for a year, with the year's sections, as the member sees it."""

    id: int
    member_id: int
    year: int
    status: PlanStatus
    sections: tuple[Section, ...]
    items: tuple[Item, ...]
    review_comment: str | None
    submitted_at: datetime | None
    theme: str = ""
    wording: PlanWording = PlanWording.FOLLOW

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def plan_title(self) -> str:
        return years.plan_title(self.wording)

    def items_of(self, section_id: int) -> list[Item]:
        return [item for item in self.items if item.section_id == section_id]

    def section_at(self, position: int) -> Section:
        for section in self.sections:
            if section.position == position:
                return section
        raise NotFound("error-plan-section-not-found", section_id=position)

    def section(self, section_id: int) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise NotFound("error-plan-section-not-found", section_id=section_id)


@dataclass(frozen=True)
class CellPlan:
    """A line of the secretary's list: a member and where their plan stands."""

    member_id: int
    full_name: str
    plan_id: int | None
    status: PlanStatus | None
    items: int
    submitted_at: datetime | None


def plan_year(now: datetime, tz: tzinfo) -> int:
    """The plan year a moment belongs to, in the deployment's calendar (zone ``tz``)."""
    return local_date(now, tz).year


async def year_outline(session: AsyncSession, actor: Actor | None, year: int) -> years.YearSetup:
    """What the actor's plan of ``year`` will ask, before there is one (nothing is written)."""
    actor = require(actor, Action.OWN_PLAN)
    assert actor.cell_id is not None  # OWN_PLAN requires a cell
    return await years.setup_for_cell(session, year, actor.cell_id)


async def find_plan(session: AsyncSession, actor: Actor | None, year: int) -> Plan | None:
    """The actor's own plan for ``year``, or None when there is none yet."""
    actor = require(actor, Action.OWN_PLAN)
    plan = await _own_row(session, actor, year)
    return await _view(session, plan) if plan is not None else None


async def open_plan(session: AsyncSession, actor: Actor | None, year: int, now: datetime) -> Plan:
    """The actor's plan for ``year``, created as an empty draft the first time."""
    actor = require(actor, Action.OWN_PLAN)
    plan = await _own_row(session, actor, year)
    if plan is None:
        assert actor.cell_id is not None  # OWN_PLAN requires a cell
        years.check_year(year)
        config_id = await years.config_for_new_plan(
            session, year, actor.cell_id, now, actor.member_id
        )
        plan = YearPlan(
            member_id=actor.member_id,
            cell_id=actor.cell_id,
            year=year,
            year_config_id=config_id,
            status=PlanStatus.DRAFT,
            created_at=now,
            updated_at=now,
        )
        session.add(plan)
        await session.flush()
    return await _view(session, plan)


async def add_item(
    session: AsyncSession,
    actor: Actor | None,
    year: int,
    section_id: int,
    text: str,
    now: datetime,
) -> Item:
    """Add an item at the end of a section of the actor's plan."""
    actor = require(actor, Action.OWN_PLAN)
    value = clean(text, PLAN_ITEM)
    view = await open_plan(session, actor, year, now)
    view.section(section_id)  # a section of another year is refused here
    return await _append(session, view, section_id, value, now)


async def add_item_at(
    session: AsyncSession,
    actor: Actor | None,
    year: int,
    position: int,
    text: str,
    now: datetime,
) -> Item:
    """Add an item to the section at ``position``: what a window shows before the plan (and
    the sections' rows) exist."""
    actor = require(actor, Action.OWN_PLAN)
    value = clean(text, PLAN_ITEM)
    view = await open_plan(session, actor, year, now)
    return await _append(session, view, view.section_at(position).id, value, now)


async def _append(
    session: AsyncSession, view: Plan, section_id: int, value: str, now: datetime
) -> Item:
    plan = await _editable_row(session, view.id)
    if len(view.items) >= MAX_ITEMS:
        raise DomainError("error-plan-too-many-items", max=MAX_ITEMS)
    item = PlanItem(
        plan_id=plan.id,
        section_id=section_id,
        position=await _next_position(session, plan.id),
        text=value,
    )
    session.add(item)
    plan.updated_at = now
    await session.flush()
    return Item(item.id, section_id, value)


async def edit_item(
    session: AsyncSession, actor: Actor | None, item_id: int, text: str, now: datetime
) -> Item:
    actor = require(actor, Action.OWN_PLAN)
    value = clean(text, PLAN_ITEM)
    item, plan = await _own_item(session, actor, item_id)
    _check_editable(plan)
    item.text = value
    plan.updated_at = now
    await session.flush()
    return Item(item.id, item.section_id, value, item.position)


async def delete_item(
    session: AsyncSession, actor: Actor | None, item_id: int, now: datetime
) -> None:
    """Remove an item; its monthly progress goes with it (the item no longer exists)."""
    actor = require(actor, Action.OWN_PLAN)
    item, plan = await _own_item(session, actor, item_id)
    _check_editable(plan)
    await session.delete(item)
    plan.updated_at = now
    await session.flush()


async def move_item(
    session: AsyncSession,
    actor: Actor | None,
    item_id: int,
    offset: int,
    now: datetime,
    known: Plan | None = None,
) -> Plan | None:
    """Move an item one place up (``-1``) or down (``+1``) inside its section. With
    ``known``, the plan as this actor last saw it: the two items swap places in two
    statements when the stored plan still is as seen, and the plan after the move is
    returned (None without ``known``, or when the plan was not as seen)."""
    actor = require(actor, Action.OWN_PLAN)
    if known is not None and known.member_id == actor.member_id:
        moved = await _move_known(session, known, item_id, offset, now)
        if moved is not None:
            return moved
    await _move_stored(session, actor, item_id, offset, now)
    return None


async def _move_known(
    session: AsyncSession, known: Plan, item_id: int, offset: int, now: datetime
) -> Plan | None:
    """Touch the plan if still editable, then swap the two items' stored positions if
    they still are those seen; None (nothing swapped) when anything differs."""
    items = list(known.items)
    index = next((n for n, item in enumerate(items) if item.id == item_id), None)
    target = None if index is None else index + (1 if offset > 0 else -1)
    if index is None or target is None or not 0 <= target < len(items):
        return None
    item, other = items[index], items[target]
    if other.section_id != item.section_id or other.position == item.position:
        return None
    touched = await session.execute(
        update(YearPlan)
        .where(
            YearPlan.id == known.id,
            YearPlan.member_id == known.member_id,
            YearPlan.status.in_(EDITABLE),
        )
        .values(updated_at=now)
    )
    if touched.rowcount != 1:  # type: ignore[attr-defined]
        return None
    as_seen = and_(
        PlanItem.plan_id == known.id,
        or_(
            and_(PlanItem.id == item.id, PlanItem.position == item.position),
            and_(PlanItem.id == other.id, PlanItem.position == other.position),
        ),
    )
    both = select(func.count()).select_from(PlanItem).where(as_seen).scalar_subquery()
    swapped = await session.execute(
        update(PlanItem)
        .where(as_seen, both == 2)  # both rows or neither
        .values(position=case((PlanItem.id == item.id, other.position), else_=item.position))
    )
    if swapped.rowcount != 2:  # type: ignore[attr-defined]
        return None
    items[index] = replace(other, position=item.position)
    items[target] = replace(item, position=other.position)
    return replace(known, items=tuple(items))


async def _move_stored(
    session: AsyncSession, actor: Actor, item_id: int, offset: int, now: datetime
) -> None:
    item, plan = await _own_item(session, actor, item_id)
    _check_editable(plan)
    rows = await session.scalars(
        select(PlanItem)
        .where(PlanItem.plan_id == plan.id, PlanItem.section_id == item.section_id)
        .order_by(PlanItem.position, PlanItem.id)
    )
    siblings = list(rows)
    index = siblings.index(item)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(siblings):
        return
    other = siblings[target]
    item.position, other.position = other.position, item.position
    plan.updated_at = now
    await session.flush()


async def previous_plan(session: AsyncSession, actor: Actor | None, year: int) -> Plan | None:
    """The actor's most recent plan with items before ``year``: what can be copied."""
    actor = require(actor, Action.OWN_PLAN)
    plan = await session.scalar(
        select(YearPlan)
        .where(
            YearPlan.member_id == actor.member_id,
            YearPlan.year < year,
            select(PlanItem.id).where(PlanItem.plan_id == YearPlan.id).exists(),
        )
        .order_by(YearPlan.year.desc())
    )
    return await _view(session, plan) if plan is not None else None


async def copy_previous_items(
    session: AsyncSession, actor: Actor | None, year: int, now: datetime
) -> int:
    """Append last plan's items as a start; sections map by position. Returns the count."""
    actor = require(actor, Action.OWN_PLAN)
    source = await previous_plan(session, actor, year)
    if source is None:
        raise DomainError("error-plan-nothing-to-copy", year=str(year - 1))
    view = await open_plan(session, actor, year, now)
    plan = await _editable_row(session, view.id)
    if len(view.items) + len(source.items) > MAX_ITEMS:
        raise DomainError("error-plan-too-many-items", max=MAX_ITEMS)
    by_position = {section.position: section.id for section in view.sections}
    source_positions = {section.id: section.position for section in source.sections}
    last_section = view.sections[-1].id
    position = await _next_position(session, plan.id)
    for offset, old in enumerate(source.items):
        section_id = by_position.get(source_positions.get(old.section_id, -1), last_section)
        session.add(
            PlanItem(
                plan_id=plan.id, section_id=section_id, position=position + offset, text=old.text
            )
        )
    plan.updated_at = now
    await session.flush()
    return len(source.items)


async def submit_plan(session: AsyncSession, actor: Actor | None, year: int, now: datetime) -> Plan:
    """Register the plan with the cell; the secretary and deputies are told."""
    actor = require(actor, Action.OWN_PLAN)
    view = await find_plan(session, actor, year)
    if view is None or not view.items:
        raise DomainError("error-plan-empty")
    plan = await _editable_row(session, view.id)
    if plan.status is PlanStatus.SUBMITTED:
        raise DomainError("error-plan-already-submitted")
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = now
    plan.updated_at = now
    await session.flush()
    record(
        session, actor.member_id, "plan.submit", "plan", plan.id, year=year, items=len(view.items)
    )
    for leader in await cell_leaders(session, plan.cell_id):
        if not reachable(leader) or leader.id == actor.member_id:
            continue
        await enqueue(
            session,
            now=now,
            key=f"plan-submitted:{plan.id}:{now.isoformat()}:{leader.id}",
            kind="plan_submitted",
            member_id=leader.id,
            chat_id=leader.telegram_id,
            payload=outbox_payload(
                "plan-notify-submitted", name=actor.full_name, year=str(year), count=len(view.items)
            ),
        )
    return await _view(session, plan)


# The secretary's side -------------------------------------------------------------


async def plans_of_cell(
    session: AsyncSession, actor: Actor | None, cell_id: int, year: int
) -> list[CellPlan]:
    """Every active member of the cell with their plan's status for ``year``, one query."""
    require(actor, Action.REVIEW_PLANS, cell_id=cell_id)
    counts = (
        select(PlanItem.plan_id, func.count().label("item_count"))
        .group_by(PlanItem.plan_id)
        .subquery()
    )
    rows = await session.execute(
        select(
            Member.id,
            Member.full_name,
            YearPlan.id,
            YearPlan.status,
            counts.c.item_count,
            YearPlan.submitted_at,
        )
        .outerjoin(YearPlan, (YearPlan.member_id == Member.id) & (YearPlan.year == year))
        .outerjoin(counts, counts.c.plan_id == YearPlan.id)
        .where(Member.cell_id == cell_id, Member.status == MemberStatus.ACTIVE)
        .order_by(Member.full_name, Member.id)
    )
    return [
        CellPlan(member_id, name, plan_id, status, items or 0, submitted_at)
        for member_id, name, plan_id, status, items, submitted_at in rows
    ]


async def read_plan(session: AsyncSession, actor: Actor | None, plan_id: int) -> Plan:
    """A plan as its owner or a leader of its cell may read it."""
    plan = await session.get(YearPlan, plan_id)
    if plan is None:
        raise NotFound("error-plan-not-found", plan_id=plan_id)
    if actor is not None and plan.member_id == actor.member_id:
        require(actor, Action.OWN_PLAN, member_id=plan.member_id)
    else:
        require(actor, Action.VIEW_MEMBER_TEXT, cell_id=plan.cell_id)
    return await _view(session, plan)


async def acknowledge_plan(
    session: AsyncSession, actor: Actor | None, plan_id: int, now: datetime
) -> Plan:
    """The secretary accepts a registered plan; it is locked from now on."""
    plan, actor = await _reviewable(session, actor, plan_id)
    if plan.status is not PlanStatus.SUBMITTED:
        raise DomainError("error-plan-not-submitted")
    plan.status = PlanStatus.ACKNOWLEDGED
    _reviewed(plan, actor, None, now)
    await session.flush()
    record(session, actor_id(actor), "plan.acknowledge", "plan", plan.id, year=plan.year)
    await _tell_owner(
        session,
        plan,
        "plan-acknowledged",
        now,
        outbox_payload("plan-notify-acknowledged", year=str(plan.year)),
    )
    return await _view(session, plan)


async def return_plan(
    session: AsyncSession, actor: Actor | None, plan_id: int, comment: str, now: datetime
) -> Plan:
    """The secretary sends a plan back for revision with a comment; the member is told."""
    plan, actor = await _reviewable(session, actor, plan_id)
    text = clean(comment, COMMENT)
    if plan.status not in (PlanStatus.SUBMITTED, PlanStatus.ACKNOWLEDGED):
        raise DomainError("error-plan-not-submitted")
    plan.status = PlanStatus.RETURNED
    _reviewed(plan, actor, text, now)
    await session.flush()
    record(session, actor_id(actor), "plan.return", "plan", plan.id, year=plan.year, comment=text)
    await _tell_owner(
        session,
        plan,
        "plan-returned",
        now,
        outbox_payload("plan-notify-returned", year=str(plan.year), comment=text),
    )
    return await _view(session, plan)


# Internals --------------------------------------------------------------------------


async def _own_row(session: AsyncSession, actor: Actor, year: int) -> YearPlan | None:
    return await session.scalar(
        select(YearPlan).where(YearPlan.member_id == actor.member_id, YearPlan.year == year)
    )


async def _own_item(
    session: AsyncSession, actor: Actor | None, item_id: int
) -> tuple[PlanItem, YearPlan]:
    """An item of the actor's own plan; any other id is refused as not found."""
    actor = require(actor, Action.OWN_PLAN)
    row = (
        await session.execute(
            select(PlanItem, YearPlan)
            .join(YearPlan, YearPlan.id == PlanItem.plan_id)
            .where(PlanItem.id == item_id, YearPlan.member_id == actor.member_id)
        )
    ).first()
    if row is None:
        raise NotFound("error-plan-item-not-found", item_id=item_id)
    return row[0], row[1]


async def _editable_row(session: AsyncSession, plan_id: int) -> YearPlan:
    plan = await session.get(YearPlan, plan_id)
    assert plan is not None
    _check_editable(plan)
    return plan


def _check_editable(plan: YearPlan) -> None:
    if plan.status not in EDITABLE:
        raise DomainError("error-plan-locked")


async def _next_position(session: AsyncSession, plan_id: int) -> int:
    highest = await session.scalar(
        select(func.max(PlanItem.position)).where(PlanItem.plan_id == plan_id)
    )
    return (highest or 0) + 1


async def _view(session: AsyncSession, plan: YearPlan) -> Plan:
    setup = await years.stored_setup(session, plan.year_config_id)
    sections = [
        Section(s.id, s.position, s.title, s.guidance, s.example)
        for s in setup.sections
        if s.id is not None
    ]
    order = {section.id: section.position for section in sections}
    rows = await session.scalars(
        select(PlanItem).where(PlanItem.plan_id == plan.id).order_by(PlanItem.position, PlanItem.id)
    )
    items = sorted(rows, key=lambda item: order.get(item.section_id, 1 << 30))
    return Plan(
        id=plan.id,
        member_id=plan.member_id,
        year=plan.year,
        status=plan.status,
        sections=tuple(sections),
        items=tuple(Item(item.id, item.section_id, item.text, item.position) for item in items),
        review_comment=plan.review_comment,
        submitted_at=plan.submitted_at,
        theme=setup.theme,
        wording=setup.wording,
    )


async def _reviewable(
    session: AsyncSession, actor: Actor | None, plan_id: int
) -> tuple[YearPlan, Actor]:
    plan = await session.get(YearPlan, plan_id)
    if plan is None:
        raise NotFound("error-plan-not-found", plan_id=plan_id)
    return plan, require(actor, Action.REVIEW_PLANS, cell_id=plan.cell_id)


def _reviewed(plan: YearPlan, actor: Actor, comment: str | None, now: datetime) -> None:
    plan.reviewed_at = now
    plan.reviewer_id = actor.member_id
    plan.review_comment = comment
    plan.updated_at = now


async def _tell_owner(
    session: AsyncSession, plan: YearPlan, kind: str, now: datetime, payload: dict[str, Any]
) -> None:
    owner = await session.get(Member, plan.member_id)
    if owner is None or not reachable(owner):
        return
    await enqueue(
        session,
        now=now,
        key=f"{kind}:{plan.id}:{now.isoformat()}",
        kind=kind.replace("-", "_"),
        member_id=owner.id,
        chat_id=owner.telegram_id,
        payload=payload,
    )
