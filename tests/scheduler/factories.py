"""Cells and members for scheduler tests."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy.ext.asyncio import AsyncSession

from domain.vocabulary import MemberStatus, Role
from storage.models import Cell, CellMembership, Member


async def cell(
    session: AsyncSession,
    name: str,
    *,
    day: int = 10,
    at: time = time(14, 0),
    offsets: list[int] | None = None,
    group_chat_id: int | None = None,
) -> Cell:
    row = Cell(
        name=name,
        meeting_day=day,
        meeting_time=at,
        meeting_place="Hội trường",
        reminder_offsets=offsets if offsets is not None else [3, 1],
        group_chat_id=group_chat_id,
    )
    session.add(row)
    await session.flush()
    return row


async def member(
    session: AsyncSession,
    of: Cell,
    name: str,
    telegram_id: int | None,
    *,
    role: Role = Role.MEMBER,
    status: MemberStatus = MemberStatus.ACTIVE,
    reachable: bool = True,
) -> Member:
    row = Member(
        full_name=name,
        cell_id=of.id,
        telegram_id=telegram_id,
        role=role,
        status=status,
        reachable=reachable,
    )
    session.add(row)
    await session.flush()
    # Summaries follow the membership history, not only members.cell_id.
    session.add(
        CellMembership(member_id=row.id, cell_id=of.id, role=role, start_on=date(2020, 1, 1))
    )
    await session.flush()
    return row
