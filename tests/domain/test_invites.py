"""Invites: codes, links, QR images, and joining a cell with every way it can go wrong."""

from __future__ import annotations

import io
import unicodedata
from datetime import UTC, date, datetime, time, timedelta

import pytest
from matplotlib import image
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.links import deep_link
from domain.audit import OPERATOR
from domain.cells import MeetingRule, create_cell
from domain.errors import DomainError, PermissionDenied
from domain.invites import (
    ALPHABET,
    CODE_LENGTH,
    check_invite,
    create_invite,
    join_with_invite,
    looks_like_code,
    qr_png,
)
from domain.members import add_member, mark_left
from domain.permissions import Actor
from domain.vocabulary import MemberStatus, Role
from storage.models import AuditEntry, CellMembership, Invite, Member

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
RULE = MeetingRule(day=5, at=time(14, 0), place="Nhà văn hóa")


async def make_cell(session: AsyncSession, name: str) -> tuple[int, Member]:
    cell = await create_cell(session, OPERATOR, name=name, rule=RULE)
    secretary = await add_member(
        session,
        OPERATOR,
        cell_id=cell.id,
        full_name=f"Bí thư {name}",
        role=Role.SECRETARY,
        now=NOW,
    )
    secretary.telegram_id = 5000 + cell.id
    await session.flush()
    return cell.id, secretary


async def test_codes_are_short_unambiguous_and_unique(session: AsyncSession) -> None:
    cell_id, _ = await make_cell(session, "Chi bộ A")
    codes = [
        (await create_invite(session, OPERATOR, cell_id=cell_id, now=NOW)).code for _ in range(40)
    ]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(ALPHABET)
        assert not set(code) & set("01OI")
        assert looks_like_code(code.lower()[:4] + " " + code[4:])


def test_deep_link_and_qr_code() -> None:
    link = deep_link("@chibo_bot", "ABCD2345")
    assert link == "https://t.me/chibo_bot?start=ABCD2345"
    png = qr_png(link)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pixels = image.imread(io.BytesIO(png), format="png")
    # A square image, at least 21 modules of 8 pixels plus the quiet zone.
    assert pixels.shape[0] == pixels.shape[1] >= (21 + 8) * 8


async def test_join_makes_an_active_member_and_tells_the_leaders(session: AsyncSession) -> None:
    cell_id, secretary = await make_cell(session, "Chi bộ A")
    invite = await create_invite(
        session, Actor.of(secretary), cell_id=cell_id, now=NOW, uses=2, days=7
    )
    await session.commit()
    view = await check_invite(session, " " + invite.code.lower() + " ", NOW)
    assert (view.cell_name, view.role, view.uses_left) == ("Chi bộ A", Role.MEMBER, 2)

    name = unicodedata.normalize("NFD", " Nguyễn Văn Bình ")
    result = await join_with_invite(session, invite.code, 777, name, NOW + timedelta(days=1))
    await session.commit()

    assert not result.pending and result.status is MemberStatus.ACTIVE
    assert result.full_name == "Nguyễn Văn Bình"
    assert [r.telegram_id for r in result.notify] == [secretary.telegram_id]
    member = await session.get(Member, result.member_id)
    assert member is not None
    assert (member.telegram_id, member.cell_id, member.role) == (777, cell_id, Role.MEMBER)
    periods = (
        await session.execute(
            select(CellMembership.cell_id, CellMembership.start_on).where(
                CellMembership.member_id == member.id
            )
        )
    ).all()
    assert [tuple(p) for p in periods] == [(cell_id, date(2026, 3, 3))]
    await session.refresh(invite)
    assert invite.uses_left == 1
    entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "member.join"))
    assert entry is not None and entry.actor_member_id == member.id


async def test_invite_needing_approval_leaves_the_member_pending(session: AsyncSession) -> None:
    cell_id, _ = await make_cell(session, "Chi bộ A")
    invite = await create_invite(session, OPERATOR, cell_id=cell_id, now=NOW, needs_approval=True)
    result = await join_with_invite(session, invite.code, 778, "Lê Thị Hoa", NOW)
    assert result.pending
    member = await session.get(Member, result.member_id)
    assert member is not None and member.status is MemberStatus.PENDING


async def test_unknown_expired_and_used_up_codes_have_their_own_answers(
    session: AsyncSession,
) -> None:
    cell_id, _ = await make_cell(session, "Chi bộ A")
    invite = await create_invite(session, OPERATOR, cell_id=cell_id, now=NOW, uses=1, days=3)
    await session.commit()

    with pytest.raises(DomainError) as caught:
        await join_with_invite(session, "ZZZZ2222", 801, "Trần Văn An", NOW)
    assert caught.value.msg_id == "error-invite-unknown"

    with pytest.raises(DomainError) as caught:
        await join_with_invite(session, invite.code, 801, "Trần Văn An", NOW + timedelta(days=3))
    assert caught.value.msg_id == "error-invite-expired"
    assert await session.scalar(select(Member).where(Member.telegram_id == 801)) is None

    await join_with_invite(session, invite.code, 801, "Trần Văn An", NOW)
    await session.commit()
    with pytest.raises(DomainError) as caught:
        await check_invite(session, invite.code, NOW)
    assert caught.value.msg_id == "error-invite-used-up"
    with pytest.raises(DomainError) as caught:
        await join_with_invite(session, invite.code, 802, "Phạm Văn Bảo", NOW)
    assert caught.value.msg_id == "error-invite-used-up"


async def test_a_member_belongs_to_one_cell(session: AsyncSession) -> None:
    a, _ = await make_cell(session, "Chi bộ A")
    b, _ = await make_cell(session, "Chi bộ B")
    to_a = await create_invite(session, OPERATOR, cell_id=a, now=NOW, uses=5)
    to_b = await create_invite(session, OPERATOR, cell_id=b, now=NOW, uses=5)
    await join_with_invite(session, to_a.code, 900, "Đặng Văn Cường", NOW)

    with pytest.raises(DomainError) as caught:
        await join_with_invite(session, to_b.code, 900, "Đặng Văn Cường", NOW)
    assert caught.value.msg_id == "error-member-one-cell"
    with pytest.raises(DomainError) as caught:
        await join_with_invite(session, to_a.code, 900, "Đặng Văn Cường", NOW)
    assert caught.value.msg_id == "error-invite-already-here"


async def test_a_member_who_left_can_join_again_with_history_kept(session: AsyncSession) -> None:
    a, _ = await make_cell(session, "Chi bộ A")
    b, _ = await make_cell(session, "Chi bộ B")
    first = await create_invite(session, OPERATOR, cell_id=a, now=NOW)
    joined = await join_with_invite(session, first.code, 901, "Bùi Thị Dung", NOW)
    await mark_left(session, OPERATOR, joined.member_id, NOW + timedelta(days=30))
    second = await create_invite(session, OPERATOR, cell_id=b, now=NOW + timedelta(days=40))
    again = await join_with_invite(
        session, second.code, 901, "Bùi Thị Dung", NOW + timedelta(days=41)
    )
    assert again.member_id == joined.member_id
    cells = await session.scalars(
        select(CellMembership.cell_id)
        .where(CellMembership.member_id == joined.member_id)
        .order_by(CellMembership.id)
    )
    assert list(cells) == [a, b]


async def test_joining_links_the_record_the_secretary_imported(session: AsyncSession) -> None:
    cell_id, _ = await make_cell(session, "Chi bộ A")
    imported = await add_member(
        session, OPERATOR, cell_id=cell_id, full_name="Ngô Văn Giang", role=Role.DEPUTY, now=NOW
    )
    invite = await create_invite(session, OPERATOR, cell_id=cell_id, now=NOW)
    result = await join_with_invite(session, invite.code, 902, "ngô văn giang", NOW)
    assert result.claimed_record and result.member_id == imported.id
    assert result.role is Role.DEPUTY
    assert imported.telegram_id == 902
    # The imported record already had its period in the cell: no second one.
    periods = await session.scalars(
        select(CellMembership.id).where(CellMembership.member_id == imported.id)
    )
    assert len(list(periods)) == 1


async def test_who_may_invite_whom(session: AsyncSession) -> None:
    a, secretary = await make_cell(session, "Chi bộ A")
    b, _ = await make_cell(session, "Chi bộ B")
    deputy = await add_member(
        session, OPERATOR, cell_id=a, full_name="Hồ Văn Hải", role=Role.DEPUTY, now=NOW
    )
    plain = await add_member(session, OPERATOR, cell_id=a, full_name="Chu Thị Lan", now=NOW)

    await create_invite(session, Actor.of(deputy), cell_id=a, now=NOW)
    await create_invite(session, Actor.of(secretary), cell_id=a, now=NOW, role=Role.DEPUTY)
    await create_invite(session, OPERATOR, cell_id=a, now=NOW, role=Role.SECRETARY)
    refused = [
        (Actor.of(plain), a, Role.MEMBER),
        (Actor.of(secretary), b, Role.MEMBER),
        (Actor.of(deputy), a, Role.DEPUTY),
        (Actor.of(secretary), a, Role.SECRETARY),
    ]
    for acting, cell_id, role in refused:
        with pytest.raises(PermissionDenied):
            await create_invite(session, acting, cell_id=cell_id, now=NOW, role=role)
    for uses, days, msg_id in (
        (0, 7, "error-invite-uses-range"),
        (1, 0, "error-invite-days-range"),
    ):
        with pytest.raises(DomainError) as caught:
            await create_invite(session, OPERATOR, cell_id=a, now=NOW, uses=uses, days=days)
        assert caught.value.msg_id == msg_id
    created = await session.scalars(select(Invite.created_by_id).order_by(Invite.id))
    assert list(created) == [deputy.id, secretary.id, None]
