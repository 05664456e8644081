"""Members: duplicates, approval, deputies, leaving and transfers with their history and audit."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import OPERATOR
from domain.cells import MeetingRule, create_cell
from domain.errors import DomainError, PermissionDenied
from domain.members import (
    add_member,
    approve_member,
    list_members,
    mark_left,
    normalize_phone,
    refuse_member,
    set_deputy,
    transfer_member,
)
from domain.permissions import Actor
from domain.vocabulary import MemberStatus, PartyStatus, Role
from storage.models import AuditEntry, CellMembership, Member

# 16:30 UTC is 23:30 in Hanoi: the local date is still the 31st.
NOW = datetime(2026, 5, 31, 16, 30, tzinfo=UTC)
LATER = datetime(2026, 9, 1, 3, 0, tzinfo=UTC)
RULE = MeetingRule(day=5, at=time(14, 0), place="Nhà văn hóa")


async def make_cell(session: AsyncSession, name: str) -> tuple[int, Member]:
    """A cell with its secretary (as a linked member)."""
    cell = await create_cell(session, OPERATOR, name=name, rule=RULE)
    secretary = await add_member(
        session,
        OPERATOR,
        cell_id=cell.id,
        full_name=f"Bí thư {name}",
        role=Role.SECRETARY,
        now=NOW,
    )
    secretary.telegram_id = 1000 + cell.id
    await session.flush()
    return cell.id, secretary


async def memberships(session: AsyncSession, member_id: int) -> list[tuple[int, date, date | None]]:
    rows = await session.execute(
        select(CellMembership.cell_id, CellMembership.start_on, CellMembership.end_on)
        .where(CellMembership.member_id == member_id)
        .order_by(CellMembership.id)
    )
    return [(cell_id, start, end) for cell_id, start, end in rows]


async def audit_actions(session: AsyncSession, target_id: int) -> list[str]:
    rows = await session.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.target_type == "member", AuditEntry.target_id == target_id)
        .order_by(AuditEntry.id)
    )
    return list(rows)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        ("912345678", "0912345678"),
        ("(024) 3825 1234", "02438251234"),
        ("  ", None),
    ],
)
def test_vietnamese_phone_numbers_are_normalised(typed: str, stored: str | None) -> None:
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["0123", "0112345678", "abc", "+1 202 555 0100", "09123456789"])
def test_other_phone_numbers_are_refused(typed: str) -> None:
    with pytest.raises(DomainError) as caught:
        normalize_phone(typed)
    assert caught.value.msg_id == "error-phone-format"


async def test_added_member_is_stored_in_nfc_with_a_membership(session: AsyncSession) -> None:
    cell_id, _ = await make_cell(session, "Chi bộ A")
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    member = await add_member(
        session,
        OPERATOR,
        cell_id=cell_id,
        full_name=f"  {nfd} ",
        party_status=PartyStatus.PROBATIONARY,
        phone="0912 345 678",
        now=NOW,
    )
    await session.commit()
    assert member.full_name == "Nguyễn Thị Hương"
    assert member.phone == "0912345678"
    assert member.status is MemberStatus.ACTIVE
    # 16:30 UTC is 23:30 in Hanoi: still the 31st there.
    assert await memberships(session, member.id) == [(cell_id, date(2026, 5, 31), None)]
    assert await audit_actions(session, member.id) == ["member.add"]


async def test_same_name_and_phone_in_a_cell_is_a_duplicate(session: AsyncSession) -> None:
    cell_id, _ = await make_cell(session, "Chi bộ A")
    await add_member(
        session, OPERATOR, cell_id=cell_id, full_name="Nguyễn Văn An", phone="0912345678", now=NOW
    )
    for phone in ("0912 345 678", None):
        with pytest.raises(DomainError) as caught:
            await add_member(
                session,
                OPERATOR,
                cell_id=cell_id,
                full_name=unicodedata.normalize("NFD", "nguyễn  văn AN"),
                phone=phone,
                now=NOW,
            )
        assert caught.value.msg_id == "error-member-duplicate"
    # A different phone tells two people of the same name apart; another cell is no clash.
    await add_member(
        session, OPERATOR, cell_id=cell_id, full_name="Nguyễn Văn An", phone="0987654321", now=NOW
    )
    other_cell, _ = await make_cell(session, "Chi bộ B")
    await add_member(session, OPERATOR, cell_id=other_cell, full_name="Nguyễn Văn An", now=NOW)
    count = await session.scalar(
        select(func.count()).select_from(Member).where(Member.full_name == "Nguyễn Văn An")
    )
    assert count == 3


async def test_pending_member_is_approved_or_refused_by_the_cells_leaders(
    session: AsyncSession,
) -> None:
    cell_id, secretary = await make_cell(session, "Chi bộ A")
    other_cell, other_secretary = await make_cell(session, "Chi bộ B")
    pending = [
        Member(full_name=f"Người mới {i}", cell_id=cell_id, status=MemberStatus.PENDING)
        for i in range(2)
    ]
    session.add_all(pending)
    await session.flush()

    with pytest.raises(PermissionDenied):
        await approve_member(session, Actor.of(other_secretary), pending[0].id, LATER)
    approved = await approve_member(session, Actor.of(secretary), pending[0].id, LATER)
    refused = await refuse_member(session, Actor.of(secretary), pending[1].id, LATER)
    assert approved.status is MemberStatus.ACTIVE
    assert refused.status is MemberStatus.REFUSED and refused.left_at == LATER
    with pytest.raises(DomainError) as caught:
        await approve_member(session, Actor.of(secretary), pending[0].id, LATER)
    assert caught.value.msg_id == "error-member-not-pending"
    await session.commit()
    assert await audit_actions(session, pending[0].id) == ["member.approve"]
    assert await audit_actions(session, pending[1].id) == ["member.refuse"]
    del other_cell


async def test_only_the_secretary_makes_and_unmakes_deputies(session: AsyncSession) -> None:
    cell_id, secretary = await make_cell(session, "Chi bộ A")
    member = await add_member(session, OPERATOR, cell_id=cell_id, full_name="Trần Văn Bảo", now=NOW)
    deputy = await add_member(
        session, OPERATOR, cell_id=cell_id, full_name="Lê Thị Cúc", role=Role.DEPUTY, now=NOW
    )
    with pytest.raises(PermissionDenied):
        await set_deputy(session, Actor.of(deputy), member.id, True)
    await set_deputy(session, Actor.of(secretary), member.id, True)
    await set_deputy(session, Actor.of(secretary), deputy.id, False)
    assert (member.role, deputy.role) == (Role.DEPUTY, Role.MEMBER)
    with pytest.raises(DomainError) as caught:
        await set_deputy(session, OPERATOR, secretary.id, False)
    assert caught.value.msg_id == "error-member-is-secretary"
    open_roles = await session.execute(
        select(CellMembership.member_id, CellMembership.role).where(
            CellMembership.end_on.is_(None), CellMembership.member_id.in_([member.id, deputy.id])
        )
    )
    assert dict(open_roles.all()) == {member.id: Role.DEPUTY, deputy.id: Role.MEMBER}


async def test_a_member_who_left_keeps_the_history(session: AsyncSession) -> None:
    cell_id, secretary = await make_cell(session, "Chi bộ A")
    member = await add_member(session, OPERATOR, cell_id=cell_id, full_name="Đỗ Văn Đức", now=NOW)
    with pytest.raises(DomainError) as caught:
        await mark_left(session, Actor.of(secretary), secretary.id, LATER)
    assert caught.value.msg_id == "error-member-self"
    await mark_left(session, Actor.of(secretary), member.id, LATER)
    await session.commit()
    assert member.status is MemberStatus.LEFT and member.left_at == LATER
    assert await memberships(session, member.id) == [(cell_id, date(2026, 5, 31), date(2026, 9, 1))]
    listed = [m.id for m in await list_members(session, Actor.of(secretary), cell_id)]
    assert member.id not in listed
    everyone = await list_members(session, OPERATOR, cell_id, include_former=True)
    assert member.id in [m.id for m in everyone]
    with pytest.raises(DomainError) as caught:
        await mark_left(session, OPERATOR, member.id, LATER)
    assert caught.value.msg_id == "error-member-already-left"


async def test_transfer_closes_one_period_and_opens_another(session: AsyncSession) -> None:
    a, secretary_a = await make_cell(session, "Chi bộ A")
    b, secretary_b = await make_cell(session, "Chi bộ B")
    member = await add_member(
        session, OPERATOR, cell_id=a, full_name="Vũ Thị Én", role=Role.DEPUTY, now=NOW
    )
    with pytest.raises(PermissionDenied):
        await transfer_member(session, Actor.of(secretary_b), member.id, b, LATER)
    with pytest.raises(DomainError) as caught:
        await transfer_member(session, Actor.of(secretary_a), member.id, a, LATER)
    assert caught.value.msg_id == "error-member-same-cell"
    await transfer_member(session, Actor.of(secretary_a), member.id, b, LATER)
    await session.commit()
    assert (member.cell_id, member.role, member.status) == (b, Role.MEMBER, MemberStatus.ACTIVE)
    assert await memberships(session, member.id) == [
        (a, date(2026, 5, 31), date(2026, 9, 1)),
        (b, date(2026, 9, 1), None),
    ]
    assert await audit_actions(session, member.id) == ["member.add", "member.transfer"]


async def test_member_list_puts_leaders_first_and_is_the_cells_own(
    session: AsyncSession,
) -> None:
    a, secretary_a = await make_cell(session, "Chi bộ A")
    _, secretary_b = await make_cell(session, "Chi bộ B")
    for name in ("Phan Văn Yên", "Hoàng Thị Ánh"):
        await add_member(session, OPERATOR, cell_id=a, full_name=name, now=NOW)
    await add_member(
        session, OPERATOR, cell_id=a, full_name="Mai Văn Tú", role=Role.DEPUTY, now=NOW
    )
    listed = await list_members(session, Actor.of(secretary_a), a)
    # Leaders first, then by given name (the last word): Ánh before Yên.
    assert [m.full_name for m in listed] == [
        "Bí thư Chi bộ A",
        "Mai Văn Tú",
        "Hoàng Thị Ánh",
        "Phan Văn Yên",
    ]
    assert listed[0].linked and not listed[-1].linked
    with pytest.raises(PermissionDenied):
        await list_members(session, Actor.of(secretary_b), a)
    with pytest.raises(PermissionDenied):
        await list_members(session, Actor.of(secretary_a), None)
