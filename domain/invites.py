"""Invites: the only way into a cell, since a bot cannot write first to a Telegram user.

The secretary hands out a short code as a deep link or a QR code; ``/start <code>``
or the typed code joins the cell, at once or after the secretary's approval.
"""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import segno
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, Operator, actor_id, authorize, record
from domain.cells import get_cell
from domain.errors import DomainError, PermissionDenied
from domain.members import (
    cell_leaders,
    current_members,
    local_date,
    name_key,
    open_membership,
)
from domain.permissions import Action
from domain.text import FULL_NAME, clean
from domain.vocabulary import Channel, MemberStatus, Role
from storage.db import zone
from storage.models import Cell, Invite, Member

# No 0/O or 1/I: a code is read aloud and typed from paper.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_USES = 1000
MAX_DAYS = 365
_CODE_NOISE = re.compile(r"[\s\-_.]")
_GENERATION_ATTEMPTS = 8


@dataclass(frozen=True)
class InviteView:
    """What an invite offers, for the person about to join."""

    code: str
    cell_id: int
    cell_name: str
    role: Role
    needs_approval: bool
    expires_at: datetime
    uses_left: int


@dataclass(frozen=True)
class Recipient:
    member_id: int
    telegram_id: int | None
    full_name: str
    zalo_user_id: str | None = None


@dataclass(frozen=True)
class JoinResult:
    """Who joined which cell, and whom to tell (the cell's secretary and deputies)."""

    member_id: int
    full_name: str
    cell_id: int
    cell_name: str
    role: Role
    status: MemberStatus
    # The person matched a member the secretary had already imported by name.
    claimed_record: bool
    notify: tuple[Recipient, ...]

    @property
    def pending(self) -> bool:
        return self.status is MemberStatus.PENDING


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """A code as typed (lower case, spaces, dashes) in its stored form."""
    return _CODE_NOISE.sub("", text).upper()


def looks_like_code(text: str) -> bool:
    code = normalize_code(text)
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def qr_png(link: str, *, scale: int = 8) -> bytes:
    """A QR code of ``link`` as PNG bytes, large enough to scan from a printed page."""
    buffer = io.BytesIO()
    segno.make_qr(link, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


async def create_invite(
    session: AsyncSession,
    acting: Acting,
    *,
    cell_id: int,
    now: datetime,
    role: Role = Role.MEMBER,
    uses: int = 1,
    days: int = 7,
    needs_approval: bool = False,
) -> Invite:
    """A new invite to ``cell_id``; deputies are invited by the secretary, secretaries by the
    operator."""
    authorize(acting, Action.CREATE_INVITE, cell_id=cell_id)
    await get_cell(session, cell_id)
    if role is Role.DEPUTY:
        authorize(acting, Action.MANAGE_DEPUTIES, cell_id=cell_id)
    elif role is Role.SECRETARY and not isinstance(acting, Operator):
        raise PermissionDenied()
    elif role is Role.COMMITTEE:
        raise DomainError("error-invite-role", role=role.value)
    if not 1 <= uses <= MAX_USES:
        raise DomainError("error-invite-uses-range", uses=uses, max=MAX_USES)
    if not 1 <= days <= MAX_DAYS:
        raise DomainError("error-invite-days-range", days=days, max=MAX_DAYS)
    invite = Invite(
        code=await _unused_code(session),
        cell_id=cell_id,
        role=role,
        expires_at=now + timedelta(days=days),
        uses_left=uses,
        needs_approval=needs_approval,
        created_by_id=actor_id(acting),
        created_at=now,
    )
    session.add(invite)
    await session.flush()
    record(
        session,
        actor_id(acting),
        "invite.create",
        "invite",
        invite.id,
        cell_id=cell_id,
        role=role,
        uses=uses,
        days=days,
        needs_approval=needs_approval,
    )
    return invite


async def check_invite(session: AsyncSession, code: str, now: datetime) -> InviteView:
    """The invite behind ``code``, or a clear error: unknown, expired or used up."""
    invite, cell = await _invite_and_cell(session, code)
    _check_usable(invite, now)
    return InviteView(
        code=invite.code,
        cell_id=cell.id,
        cell_name=cell.name,
        role=invite.role,
        needs_approval=invite.needs_approval,
        expires_at=invite.expires_at,
        uses_left=invite.uses_left,
    )


async def join_with_invite(
    session: AsyncSession,
    code: str,
    telegram_id: int | None,
    full_name: str,
    now: datetime,
    *,
    zalo_user_id: str | None = None,
) -> JoinResult:
    """Join the invite's cell; waits for approval when the invite asks for it.

    The person is named by their Telegram id, or by their Zalo id when they join on Zalo
    (then their reminders go to Zalo).
    """
    if (telegram_id is None) == (zalo_user_id is None):
        raise ValueError("join with exactly one of telegram_id and zalo_user_id")
    invite, cell = await _invite_and_cell(session, code)
    _check_usable(invite, now)
    name = clean(full_name, FULL_NAME)
    status = MemberStatus.PENDING if invite.needs_approval else MemberStatus.ACTIVE
    member, claimed = await _joiner(session, cell, name, telegram_id, zalo_user_id)
    role = invite.role
    if claimed and member is not None and role is Role.MEMBER:
        role = member.role  # the imported roster knows the member's role better
    await _use_once(session, invite)
    if member is None:
        # The messenger account is the identity here: two people may share a name.
        member = Member(telegram_id=telegram_id, zalo_user_id=zalo_user_id)
        session.add(member)
    member.full_name, member.cell_id, member.role, member.status = name, cell.id, role, status
    if telegram_id is not None:
        member.telegram_id = telegram_id
    else:
        member.zalo_user_id, member.reminder_channel = zalo_user_id, Channel.ZALO
    member.joined_at, member.left_at, member.reachable = now, None, True
    await session.flush()
    if not claimed:
        open_membership(session, member, cell.id, role, local_date(now, zone(session)))
    facts = {"cell_id": cell.id, "invite_id": invite.id, "status": status, "role": role}
    record(session, member.id, "member.join", "member", member.id, **facts, claimed=claimed)
    leaders = [m for m in await cell_leaders(session, cell.id) if m.id != member.id]
    return JoinResult(
        member_id=member.id,
        full_name=name,
        cell_id=cell.id,
        cell_name=cell.name,
        role=role,
        status=status,
        claimed_record=claimed,
        notify=tuple(Recipient(m.id, m.telegram_id, m.full_name, m.zalo_user_id) for m in leaders),
    )


async def _joiner(
    session: AsyncSession,
    cell: Cell,
    name: str,
    telegram_id: int | None,
    zalo_user_id: str | None,
) -> tuple[Member | None, bool]:
    """The member record this person takes: their own account's, or an imported roster
    record of that name in the cell (``claimed``), or none yet."""
    identity = (
        Member.telegram_id == telegram_id
        if telegram_id is not None
        else Member.zalo_user_id == zalo_user_id
    )
    member = await session.scalar(select(Member).where(identity))
    if member is not None:
        _refuse_current_member(member, cell)
        return member, False
    member = await _imported_record(session, cell.id, name)
    return member, member is not None


async def _invite_and_cell(session: AsyncSession, code: str) -> tuple[Invite, Cell]:
    normalized = normalize_code(code)
    row = (
        await session.execute(
            select(Invite, Cell)
            .join(Cell, Cell.id == Invite.cell_id)
            .where(Invite.code == normalized)
        )
    ).first()
    if row is None:
        raise DomainError("error-invite-unknown", code=normalized)
    return row


def _check_usable(invite: Invite, now: datetime) -> None:
    if invite.expires_at <= now:
        raise DomainError("error-invite-expired", code=invite.code, expired_at=invite.expires_at)
    if invite.uses_left <= 0:
        raise DomainError("error-invite-used-up", code=invite.code)


async def _use_once(session: AsyncSession, invite: Invite) -> None:
    # One atomic decrement: two people redeeming the last use cannot both get in.
    result = await session.execute(
        update(Invite)
        .where(Invite.id == invite.id, Invite.uses_left > 0)
        .values(uses_left=Invite.uses_left - 1)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 1) == 0:
        raise DomainError("error-invite-used-up", code=invite.code)
    await session.refresh(invite, ["uses_left"])


def _refuse_current_member(member: Member, cell: Cell) -> None:
    if member.status not in (MemberStatus.ACTIVE, MemberStatus.PENDING):
        return  # left or refused earlier: the same record joins again, history kept
    if member.cell_id == cell.id:
        raise DomainError("error-invite-already-here", cell=cell.name)
    raise DomainError("error-member-one-cell")


async def _imported_record(session: AsyncSession, cell_id: int, name: str) -> Member | None:
    """The one member of the cell imported under this name and not yet linked, if exactly one."""
    matches = [
        m
        for m in await current_members(session, cell_id)
        if m.telegram_id is None
        and m.zalo_user_id is None
        and name_key(m.full_name) == name_key(name)
    ]
    return matches[0] if len(matches) == 1 else None


async def _unused_code(session: AsyncSession) -> str:
    for _ in range(_GENERATION_ATTEMPTS):
        code = new_code()
        if await session.scalar(select(Invite.id).where(Invite.code == code)) is None:
            return code
    raise RuntimeError("could not find an unused invite code")  # 32^8 codes: never in practice
