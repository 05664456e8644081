"""Members of a cell: who they are, joining, approval, deputies, leaving and transfers.

A member belongs to one cell at a time; ``CellMembership`` keeps every period so that
summaries follow the cell a member belonged to at that time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, Operator, actor_id, authorize, record
from domain.cells import get_cell
from domain.errors import DomainError, NotFound, PermissionDenied
from domain.names import check_full_name
from domain.permissions import Action, Actor
from domain.text import FULL_NAME, clean
from domain.vocabulary import MemberStatus, PartyStatus, Role
from storage.db import zone
from storage.models import Cell, CellMembership, Member

# Mobile (03x, 05x, 07x, 08x, 09x) and landline (02x + area code) numbers, national form.
_PHONE = re.compile(r"^0(?:[35789]\d{8}|2\d{9})$")
_PHONE_NOISE = re.compile(r"[\s.\-()]")
CURRENT_STATUSES = (MemberStatus.ACTIVE, MemberStatus.PENDING)
_ROLE_ORDER = {Role.SECRETARY: 0, Role.DEPUTY: 1, Role.COMMITTEE: 2, Role.MEMBER: 3}


@dataclass(frozen=True)
class MemberListing:
    """A line of the member list."""

    id: int
    full_name: str
    role: Role
    party_status: PartyStatus
    status: MemberStatus
    reachable: bool
    linked: bool  # has pressed Start in Telegram, so the bot can write to them
    phone: str | None
    cell_id: int | None
    cell_name: str | None


def local_date(moment: datetime, tz: tzinfo) -> date:
    """The calendar date in the deployment's zone ``tz`` at ``moment`` (a tz-aware UTC time)."""
    return moment.astimezone(tz).date()


def normalize_phone(text: str | None) -> str | None:
    """A Vietnamese phone number in national form (``0912345678``), ``None`` when blank."""
    if text is None:
        return None
    raw = _PHONE_NOISE.sub("", unicodedata.normalize("NFC", text).strip())
    if not raw:
        return None
    if raw.startswith("+84"):
        raw = "0" + raw[3:]
    elif raw.startswith("84") and len(raw) in (11, 12):
        raw = "0" + raw[2:]
    elif not raw.startswith("0") and len(raw) == 9 and raw.isdigit():
        raw = "0" + raw  # spreadsheets drop the leading zero of numbers typed as numbers
    if not _PHONE.match(raw):
        raise DomainError("error-phone-format", value=text.strip())
    return raw


def name_key(full_name: str) -> str:
    """What makes two typed names the same name: NFC, case and inner spacing ignored."""
    return " ".join(unicodedata.normalize("NFC", full_name).casefold().split())


def sort_key(full_name: str) -> tuple[str, str, str]:
    """Vietnamese order: by given name (the last word), letters before their diacritics."""
    key = name_key(full_name)
    bare = "".join(
        ch
        for ch in unicodedata.normalize("NFD", key.replace("đ", "d"))
        if not unicodedata.combining(ch)
    )
    return (bare.split()[-1] if bare else "", bare, key)


def same_person(name_a: str, phone_a: str | None, name_b: str, phone_b: str | None) -> bool:
    """Same name, and the phones do not tell them apart (equal, or one of them missing)."""
    if name_key(name_a) != name_key(name_b):
        return False
    return phone_a is None or phone_b is None or phone_a == phone_b


async def get_member(session: AsyncSession, member_id: int) -> Member:
    member = await session.get(Member, member_id)
    if member is None:
        raise NotFound("error-member-not-found", member_id=member_id)
    return member


async def member_for(session: AsyncSession, acting: Acting, member_id: int) -> Member:
    """The member a person wants to act on, before their right is checked. An id of nobody
    is refused like a member one may not touch, so ids are not confirmed to exist; the
    operator is told it is not found."""
    member = await session.get(Member, member_id)
    if member is None:
        if isinstance(acting, Operator):
            raise NotFound("error-member-not-found", member_id=member_id)
        raise PermissionDenied()
    return member


async def current_members(session: AsyncSession, cell_id: int) -> list[Member]:
    """Active and pending members of a cell."""
    rows = await session.scalars(
        select(Member).where(Member.cell_id == cell_id, Member.status.in_(CURRENT_STATUSES))
    )
    return list(rows)


async def check_not_duplicate(
    session: AsyncSession,
    cell_id: int,
    full_name: str,
    phone: str | None,
    telegram_id: int | None = None,
    *,
    known: Iterable[Member] | None = None,
) -> None:
    """Refuse a second record of the same person: same Telegram account, or same
    name in the same cell with phones that do not tell them apart."""
    if telegram_id is not None:
        other = await session.scalar(select(Member).where(Member.telegram_id == telegram_id))
        if other is not None:
            raise DomainError("error-member-duplicate-telegram", name=other.full_name)
    members = known if known is not None else await current_members(session, cell_id)
    for other in members:
        if same_person(full_name, phone, other.full_name, other.phone):
            raise DomainError("error-member-duplicate", name=other.full_name)


def open_membership(
    session: AsyncSession, member: Member, cell_id: int, role: Role, on: date
) -> CellMembership:
    membership = CellMembership(
        member_id=member.id, cell_id=cell_id, role=role, start_on=on, end_on=None
    )
    session.add(membership)
    return membership


async def close_membership(session: AsyncSession, member: Member, on: date) -> None:
    """End the member's open period(s) in a cell on ``on``."""
    open_rows = await session.scalars(
        select(CellMembership).where(
            CellMembership.member_id == member.id, CellMembership.end_on.is_(None)
        )
    )
    for row in open_rows:
        row.end_on = max(on, row.start_on)


async def add_member(
    session: AsyncSession,
    acting: Acting,
    *,
    cell_id: int,
    full_name: str,
    party_status: PartyStatus = PartyStatus.OFFICIAL,
    role: Role = Role.MEMBER,
    phone: str | None = None,
    now: datetime,
) -> Member:
    """Register a member of a cell by hand (no Telegram account yet: an invite links it)."""
    authorize(acting, Action.MANAGE_MEMBERS, cell_id=cell_id)
    await get_cell(session, cell_id)
    check_role_grant(acting, role, cell_id)
    name = clean(full_name, FULL_NAME)
    number = normalize_phone(phone)
    await check_not_duplicate(session, cell_id, name, number)
    member = await insert_member(
        session,
        cell_id=cell_id,
        full_name=name,
        party_status=party_status,
        role=role,
        phone=number,
        now=now,
    )
    record(
        session,
        actor_id(acting),
        "member.add",
        "member",
        member.id,
        cell_id=cell_id,
        full_name=name,
        role=role,
    )
    return member


async def insert_member(
    session: AsyncSession,
    *,
    cell_id: int,
    full_name: str,
    party_status: PartyStatus,
    role: Role,
    phone: str | None,
    now: datetime,
    telegram_id: int | None = None,
    status: MemberStatus = MemberStatus.ACTIVE,
) -> Member:
    """Write an already checked member and open their period in the cell."""
    member = Member(
        full_name=full_name,
        telegram_id=telegram_id,
        phone=phone,
        cell_id=cell_id,
        role=role,
        party_status=party_status,
        status=status,
        joined_at=now,
    )
    session.add(member)
    await session.flush()
    open_membership(session, member, cell_id, role, local_date(now, zone(session)))
    return member


async def list_members(
    session: AsyncSession,
    acting: Acting,
    cell_id: int | None = None,
    *,
    include_former: bool = False,
) -> list[MemberListing]:
    """Members of one cell (or, for the operator, of every cell), leaders first."""
    if cell_id is None:
        if not isinstance(acting, Operator):
            raise PermissionDenied()
    else:
        authorize(acting, Action.VIEW_CELL_SUMMARY, cell_id=cell_id)
        await get_cell(session, cell_id)
    query = select(Member, Cell.name).outerjoin(Cell, Cell.id == Member.cell_id)
    if cell_id is not None:
        query = query.where(Member.cell_id == cell_id)
    if not include_former:
        query = query.where(Member.status.in_(CURRENT_STATUSES))
    rows = (await session.execute(query)).all()
    listings = [
        MemberListing(
            id=member.id,
            full_name=member.full_name,
            role=member.role,
            party_status=member.party_status,
            status=member.status,
            reachable=member.reachable,
            linked=member.telegram_id is not None,
            phone=member.phone,
            cell_id=member.cell_id,
            cell_name=cell_name,
        )
        for member, cell_name in rows
    ]
    listings.sort(key=lambda m: (m.cell_name or "", _ROLE_ORDER[m.role], sort_key(m.full_name)))
    return listings


async def approve_member(
    session: AsyncSession, acting: Acting, member_id: int, now: datetime
) -> Member:
    """Accept a join request: the member becomes active in the cell."""
    member = await _pending_member(session, acting, member_id)
    member.status = MemberStatus.ACTIVE
    member.joined_at = now
    await session.flush()
    record(session, actor_id(acting), "member.approve", "member", member.id, cell_id=member.cell_id)
    return member


async def refuse_member(
    session: AsyncSession, acting: Acting, member_id: int, now: datetime
) -> Member:
    """Turn down a join request; the person may be invited again later."""
    member = await _pending_member(session, acting, member_id)
    member.status = MemberStatus.REFUSED
    member.left_at = now
    await close_membership(session, member, local_date(now, zone(session)))
    await session.flush()
    record(session, actor_id(acting), "member.refuse", "member", member.id, cell_id=member.cell_id)
    return member


async def set_deputy(session: AsyncSession, acting: Acting, member_id: int, deputy: bool) -> Member:
    """Make an active member deputy secretary, or an ordinary member again (secretary only)."""
    member = await member_for(session, acting, member_id)
    authorize(acting, Action.MANAGE_DEPUTIES, cell_id=member.cell_id)
    if member.status is not MemberStatus.ACTIVE or member.cell_id is None:
        raise DomainError("error-member-not-active", name=member.full_name)
    if member.role is Role.SECRETARY:
        raise DomainError("error-member-is-secretary", name=member.full_name)
    role = Role.DEPUTY if deputy else Role.MEMBER
    if member.role is role:
        return member
    previous, member.role = member.role, role
    open_rows = await session.scalars(
        select(CellMembership).where(
            CellMembership.member_id == member.id, CellMembership.end_on.is_(None)
        )
    )
    for row in open_rows:
        row.role = role
    await session.flush()
    record(
        session,
        actor_id(acting),
        "member.role",
        "member",
        member.id,
        cell_id=member.cell_id,
        previous=previous,
        role=role,
    )
    return member


async def mark_left(session: AsyncSession, acting: Acting, member_id: int, now: datetime) -> Member:
    """The member has left the cell (and the party organisation here); history stays."""
    member = await member_for(session, acting, member_id)
    authorize(acting, Action.MANAGE_MEMBERS, cell_id=member.cell_id)
    _refuse_self(acting, member)
    if member.status is MemberStatus.LEFT:
        raise DomainError("error-member-already-left", name=member.full_name)
    member.status = MemberStatus.LEFT
    member.left_at = now
    await close_membership(session, member, local_date(now, zone(session)))
    await session.flush()
    record(session, actor_id(acting), "member.left", "member", member.id, cell_id=member.cell_id)
    return member


async def transfer_member(
    session: AsyncSession, acting: Acting, member_id: int, to_cell_id: int, now: datetime
) -> Member:
    """Move an active member to another cell: the old period ends, a new one starts."""
    member = await member_for(session, acting, member_id)
    authorize(acting, Action.MANAGE_MEMBERS, cell_id=member.cell_id)
    _refuse_self(acting, member)
    target = await get_cell(session, to_cell_id)
    if member.status is not MemberStatus.ACTIVE:
        raise DomainError("error-member-not-active", name=member.full_name)
    if member.cell_id == to_cell_id:
        raise DomainError("error-member-same-cell", name=member.full_name, cell=target.name)
    await check_not_duplicate(
        session,
        to_cell_id,
        member.full_name,
        member.phone,
        known=[m for m in await current_members(session, to_cell_id) if m.id != member.id],
    )
    today = local_date(now, zone(session))
    from_cell_id = member.cell_id
    await close_membership(session, member, today)
    # Leadership belongs to a cell: in the new one the member starts as a member.
    member.cell_id, member.role = to_cell_id, Role.MEMBER
    open_membership(session, member, to_cell_id, Role.MEMBER, today)
    await session.flush()
    record(
        session,
        actor_id(acting),
        "member.transfer",
        "member",
        member.id,
        from_cell_id=from_cell_id,
        to_cell_id=to_cell_id,
    )
    return member


async def rename_member(
    session: AsyncSession, acting: Acting, member_id: int, full_name: str
) -> Member:
    """Correct a member's full name (a cell's leaders, for their cell): NFC, one space
    between words, 2 to 120 characters; the old and new names go to the audit log."""
    member = await member_for(session, acting, member_id)
    authorize(acting, Action.MANAGE_MEMBERS, cell_id=member.cell_id)
    if member.anonymised:
        raise DomainError("error-member-already-anonymised", number=member.id)
    name = check_full_name(full_name)
    previous = member.full_name
    if name == previous:
        return member
    member.full_name = name
    await session.flush()
    record(
        session,
        actor_id(acting),
        "member.rename",
        "member",
        member.id,
        cell_id=member.cell_id,
        full_name=name,
        previous_full_name=previous,
    )
    return member


async def cell_leaders(session: AsyncSession, cell_id: int) -> list[Member]:
    """Active secretary and deputies of a cell: who is told about joins and requests."""
    rows = await session.scalars(
        select(Member)
        .where(
            Member.cell_id == cell_id,
            Member.status == MemberStatus.ACTIVE,
            Member.role.in_((Role.SECRETARY, Role.DEPUTY)),
        )
        .order_by(Member.role.desc(), Member.id)
    )
    return list(rows)


def check_role_grant(acting: Acting, role: Role, cell_id: int) -> None:
    """Deputies are made by the secretary; secretaries and committee members by the operator."""
    if role is Role.DEPUTY:
        authorize(acting, Action.MANAGE_DEPUTIES, cell_id=cell_id)
    elif role in (Role.SECRETARY, Role.COMMITTEE) and not isinstance(acting, Operator):
        raise PermissionDenied()


def _refuse_self(acting: Acting, member: Member) -> None:
    if isinstance(acting, Actor) and acting.member_id == member.id:
        raise DomainError("error-member-self")


async def _pending_member(session: AsyncSession, acting: Acting, member_id: int) -> Member:
    member = await member_for(session, acting, member_id)
    authorize(acting, Action.MANAGE_MEMBERS, cell_id=member.cell_id)
    if member.status is not MemberStatus.PENDING:
        raise DomainError("error-member-not-pending", name=member.full_name)
    return member
