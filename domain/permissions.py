"""Who may do what: one place for every permission rule.

Every use case receives the acting person as an ``Actor`` and asks here before it
reads or writes. A member sees their own plan and reports; the secretary and
deputies of a cell see that cell; a committee sees counts of its cells only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import PermissionDenied
from domain.vocabulary import MemberStatus, Role
from storage.models import Cell, Member


class Action(enum.StrEnum):
    OWN_PLAN = "own_plan"
    OWN_REPORT = "own_report"
    OWN_ABSENCE = "own_absence"
    OWN_DATA = "own_data"
    VIEW_CELL_SUMMARY = "view_cell_summary"
    VIEW_MEMBER_TEXT = "view_member_text"
    NUDGE_MEMBERS = "nudge_members"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_DEPUTIES = "manage_deputies"
    CREATE_INVITE = "create_invite"
    REVIEW_PLANS = "review_plans"
    MANAGE_MEETINGS = "manage_meetings"
    EXPORT_CELL = "export_cell"
    VIEW_COMMITTEE_ROLLUP = "view_committee_rollup"
    ANONYMISE_MEMBER = "anonymise_member"
    EDIT_CELL_DETAILS = "edit_cell_details"
    EDIT_COMMITTEE_DETAILS = "edit_committee_details"
    # A year's setup (theme, wording, sections), for a committee or the national default.
    VIEW_YEAR_SETUP = "view_year_setup"
    EDIT_YEAR_SETUP = "edit_year_setup"


CELL_LEADERS = frozenset({Role.SECRETARY, Role.DEPUTY})
# Actions a cell's leaders may take on their own cell.
LEADER_ACTIONS = frozenset(
    {
        Action.VIEW_CELL_SUMMARY,
        Action.VIEW_MEMBER_TEXT,
        Action.NUDGE_MEMBERS,
        Action.MANAGE_MEMBERS,
        Action.CREATE_INVITE,
        Action.REVIEW_PLANS,
        Action.MANAGE_MEETINGS,
        Action.EXPORT_CELL,
        Action.EDIT_CELL_DETAILS,
    }
)
SECRETARY_ONLY = frozenset({Action.MANAGE_DEPUTIES})
OWN_ACTIONS = frozenset({Action.OWN_PLAN, Action.OWN_REPORT, Action.OWN_ABSENCE})


@dataclass(frozen=True)
class Actor:
    """The person acting, as far as permissions care."""

    member_id: int
    role: Role
    status: MemberStatus
    cell_id: int | None
    committee_id: int | None
    full_name: str = ""

    @property
    def active(self) -> bool:
        return self.status is MemberStatus.ACTIVE

    @property
    def leads_cell(self) -> bool:
        return self.active and self.role in CELL_LEADERS and self.cell_id is not None

    @classmethod
    def of(cls, member: Member) -> Actor:
        return cls(
            member_id=member.id,
            role=member.role,
            status=member.status,
            cell_id=member.cell_id,
            committee_id=member.committee_id,
            full_name=member.full_name,
        )


def can(
    actor: Actor | None,
    action: Action,
    *,
    cell_id: int | None = None,
    member_id: int | None = None,
    committee_id: int | None = None,
) -> bool:
    """Whether ``actor`` may take ``action`` on the cell, member or committee named."""
    if action is Action.OWN_DATA:
        # Each person, their own data, whatever their standing now (left and refused too).
        return actor is not None and member_id is not None and member_id == actor.member_id
    if actor is None or not actor.active:
        return False
    if action in OWN_ACTIONS:
        return actor.cell_id is not None and (member_id is None or member_id == actor.member_id)
    if action in (Action.VIEW_COMMITTEE_ROLLUP, Action.EDIT_COMMITTEE_DETAILS):
        return actor.role is Role.COMMITTEE and (
            committee_id is not None and committee_id == actor.committee_id
        )
    if action is Action.ANONYMISE_MEMBER:
        # Erasure cannot be undone: the cell's secretary, or the committee above the cell.
        if actor.role is Role.COMMITTEE:
            return committee_id is not None and committee_id == actor.committee_id
        return actor.role is Role.SECRETARY and cell_id is not None and cell_id == actor.cell_id
    if action in SECRETARY_ONLY:
        return actor.role is Role.SECRETARY and cell_id is not None and cell_id == actor.cell_id
    if action in LEADER_ACTIONS:
        return actor.leads_cell and cell_id is not None and cell_id == actor.cell_id
    return False


def can_set_up_year(
    actor: Actor | None, action: Action, committee_id: int | None, cell_committee_id: int | None
) -> bool:
    """Whether ``actor`` may see or change the year setup of ``committee_id`` (None: the
    national default); ``cell_committee_id`` is the committee of the actor's own cell.

    Each đảng bộ picks its own chuyên đề năm: its committee members set it, and the leaders
    of its cells see what their members are asked. The national default is what every cell
    without a committee uses, with nobody above them in chibo: the secretaries of those cells
    set it (the operator always may, at the command line).
    """
    if action not in (Action.VIEW_YEAR_SETUP, Action.EDIT_YEAR_SETUP):
        return False
    if actor is None or not actor.active:
        return False
    if actor.role is Role.COMMITTEE:
        return committee_id is not None and committee_id == actor.committee_id
    own_scope = actor.leads_cell and cell_committee_id == committee_id
    if action is Action.VIEW_YEAR_SETUP:
        return own_scope
    return own_scope and committee_id is None and actor.role is Role.SECRETARY


async def require_year_setup(
    session: AsyncSession, actor: Actor | None, action: Action, committee_id: int | None
) -> Actor:
    cell_committee = (
        await committee_of_cell(session, actor.cell_id)
        if actor is not None and actor.cell_id is not None
        else None
    )
    if not can_set_up_year(actor, action, committee_id, cell_committee):
        raise PermissionDenied()
    assert actor is not None
    return actor


def require(
    actor: Actor | None,
    action: Action,
    *,
    cell_id: int | None = None,
    member_id: int | None = None,
    committee_id: int | None = None,
) -> Actor:
    if not can(actor, action, cell_id=cell_id, member_id=member_id, committee_id=committee_id):
        raise PermissionDenied()
    assert actor is not None
    return actor


async def actor_for_telegram(session: AsyncSession, telegram_id: int) -> Actor | None:
    member = await session.scalar(select(Member).where(Member.telegram_id == telegram_id))
    return Actor.of(member) if member is not None else None


async def actor_for_zalo(session: AsyncSession, zalo_user_id: str) -> Actor | None:
    member = await session.scalar(select(Member).where(Member.zalo_user_id == zalo_user_id))
    return Actor.of(member) if member is not None else None


async def committee_of_cell(session: AsyncSession, cell_id: int) -> int | None:
    return await session.scalar(select(Cell.committee_id).where(Cell.id == cell_id))
