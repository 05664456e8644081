"""Cells and committees: creation, the meeting rule's validation, counts, permissions, audit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import time
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.audit import OPERATOR
from domain.cells import (
    MeetingRule,
    attach_cell,
    cell_overview,
    create_cell,
    create_committee,
    list_cells,
    list_committees,
    parse_meeting_time,
    set_meeting_rule,
)
from domain.errors import DomainError, NotFound, PermissionDenied
from domain.permissions import Actor
from domain.vocabulary import MemberStatus, PartyStatus, Role, ShiftRule
from storage.models import AuditEntry, Cell, Member

RULE = MeetingRule(day=5, at=time(14, 0), place="Nhà văn hóa khu phố 3")


@contextmanager
def count_queries(engine: AsyncEngine) -> Iterator[list[str]]:
    statements: list[str] = []

    def listen(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", listen)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", listen)


async def test_create_cell_keeps_the_rule_and_audits(session: AsyncSession) -> None:
    rule = MeetingRule(
        day=31,
        at=time(7, 30),
        place="  Hội trường UBND phường\u00a0",
        shift_rule=ShiftRule.NONE,
        reminder_offsets=(1, 5, 1),
    )
    cell = await create_cell(session, OPERATOR, name="  Chi bộ khu phố 3 ", rule=rule)
    await session.commit()

    stored = await session.get(Cell, cell.id)
    assert stored is not None
    assert stored.name == "Chi bộ khu phố 3"
    assert (stored.meeting_day, stored.meeting_time) == (31, time(7, 30))
    assert stored.meeting_place == "Hội trường UBND phường"
    assert stored.shift_rule is ShiftRule.NONE
    assert stored.reminder_offsets == [5, 1]
    entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "cell.create"))
    assert entry is not None
    assert entry.actor_member_id is None
    assert entry.target_id == cell.id
    assert entry.details["day"] == 31 and entry.details["time"] == "07:30:00"


@pytest.mark.parametrize("day", [0, 32, -1])
async def test_meeting_day_outside_the_month_is_refused(session: AsyncSession, day: int) -> None:
    rule = MeetingRule(day=day, at=time(14, 0), place="Nhà văn hóa")
    with pytest.raises(DomainError) as caught:
        await create_cell(session, OPERATOR, name="Chi bộ thử", rule=rule)
    assert caught.value.msg_id == "error-meeting-day-range"
    assert caught.value.args_["day"] == day
    assert await session.scalar(select(func.count()).select_from(Cell)) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", time(14, 0)),
        ("7:05", time(7, 5)),
        (" 14h30 ", time(14, 30)),
        ("8.15", time(8, 15)),
    ],
)
def test_meeting_time_is_read_as_typed(text: str, expected: time) -> None:
    assert parse_meeting_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "14:60", "14", "chiều", "", "14:5"])
def test_bad_meeting_time_is_refused(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_meeting_time(text)
    assert caught.value.msg_id == "error-meeting-time-format"


async def test_rule_needs_a_place_and_sane_reminders(session: AsyncSession) -> None:
    with pytest.raises(DomainError) as caught:
        await create_cell(session, OPERATOR, name="Chi bộ A", rule=MeetingRule(5, time(14), "   "))
    assert caught.value.msg_id == "error-meeting-place-empty"
    with pytest.raises(DomainError) as caught:
        await create_cell(
            session,
            OPERATOR,
            name="Chi bộ A",
            rule=MeetingRule(5, time(14), "Hội trường", reminder_offsets=(3, 40)),
        )
    assert caught.value.msg_id == "error-reminder-offset-range"


async def test_cell_names_are_unique(session: AsyncSession) -> None:
    await create_cell(session, OPERATOR, name="Chi bộ khu phố 3", rule=RULE)
    with pytest.raises(DomainError) as caught:
        # Same name typed in decomposed form is the same name.
        await create_cell(
            session, OPERATOR, name="Chi bo\u0302\u0323 khu pho\u0302\u0301 3", rule=RULE
        )
    assert caught.value.msg_id == "error-cell-name-taken"


async def test_only_the_operator_creates_cells(session: AsyncSession) -> None:
    cell = await create_cell(session, OPERATOR, name="Chi bộ A", rule=RULE)
    secretary = Actor(1, Role.SECRETARY, MemberStatus.ACTIVE, cell.id, None)
    with pytest.raises(PermissionDenied):
        await create_cell(session, secretary, name="Chi bộ B", rule=RULE)
    with pytest.raises(PermissionDenied):
        await create_committee(session, secretary, "Đảng ủy phường")


async def test_unknown_cell_and_committee_are_named(session: AsyncSession) -> None:
    with pytest.raises(NotFound) as caught:
        await cell_overview(session, 999)
    assert caught.value.msg_id == "error-cell-not-found"
    assert caught.value.args_ == {"cell_id": 999}
    with pytest.raises(NotFound) as caught:
        await create_cell(session, OPERATOR, name="Chi bộ A", rule=RULE, committee_id=7)
    assert caught.value.msg_id == "error-committee-not-found"


async def test_list_cells_counts_members_in_one_query(
    engine: AsyncEngine, session: AsyncSession
) -> None:
    committee = await create_committee(session, OPERATOR, "Đảng ủy phường Ngô Quyền")
    a = await create_cell(session, OPERATOR, name="Chi bộ A", rule=RULE, committee_id=committee.id)
    b = await create_cell(session, OPERATOR, name="Chi bộ B", rule=RULE)
    empty = await create_cell(session, OPERATOR, name="Chi bộ C", rule=RULE)
    people = [
        (a.id, MemberStatus.ACTIVE, PartyStatus.OFFICIAL),
        (a.id, MemberStatus.ACTIVE, PartyStatus.PROBATIONARY),
        (a.id, MemberStatus.PENDING, PartyStatus.OFFICIAL),
        (a.id, MemberStatus.LEFT, PartyStatus.PROBATIONARY),
        (b.id, MemberStatus.ACTIVE, PartyStatus.OFFICIAL),
        (b.id, MemberStatus.REFUSED, PartyStatus.OFFICIAL),
    ]
    for index, (cell_id, status, party) in enumerate(people):
        session.add(
            Member(
                full_name=f"Đảng viên {index}", cell_id=cell_id, status=status, party_status=party
            )
        )
    await session.commit()

    with count_queries(engine) as statements:
        cells = await list_cells(session)
    assert len(statements) == 1
    by_id = {cell.id: cell for cell in cells}
    assert [cell.name for cell in cells] == ["Chi bộ A", "Chi bộ B", "Chi bộ C"]
    assert (by_id[a.id].active, by_id[a.id].pending, by_id[a.id].probationary) == (2, 1, 1)
    assert (by_id[b.id].active, by_id[b.id].pending, by_id[b.id].probationary) == (1, 0, 0)
    assert (by_id[empty.id].active, by_id[empty.id].pending) == (0, 0)
    # Created as "Đảng ủy X": the organisation is "Đảng bộ X", its body "Đảng ủy X".
    assert by_id[a.id].committee_name == "Đảng bộ phường Ngô Quyền"
    assert by_id[b.id].committee_name is None
    committees = await list_committees(session)
    assert [(c.name, c.executive_name, c.cells) for c in committees] == [
        ("Đảng bộ phường Ngô Quyền", "Đảng ủy phường Ngô Quyền", 1)
    ]


async def test_leaders_of_the_cell_set_its_rule_others_cannot(session: AsyncSession) -> None:
    a = await create_cell(session, OPERATOR, name="Chi bộ A", rule=RULE)
    b = await create_cell(session, OPERATOR, name="Chi bộ B", rule=RULE)
    deputy_a = Member(full_name="Trần Thị Bình", cell_id=a.id, role=Role.DEPUTY)
    secretary_b = Member(full_name="Lê Văn Cường", cell_id=b.id, role=Role.SECRETARY)
    member_a = Member(full_name="Phạm Thu Dung", cell_id=a.id, role=Role.MEMBER)
    session.add_all([deputy_a, secretary_b, member_a])
    await session.flush()
    new_rule = MeetingRule(day=3, at=time(8, 0), place="Phòng họp tầng 2")

    for outsider in (secretary_b, member_a):
        with pytest.raises(PermissionDenied):
            await set_meeting_rule(session, Actor.of(outsider), a.id, new_rule)
    await set_meeting_rule(session, Actor.of(deputy_a), a.id, new_rule)
    await session.commit()

    stored = await session.get(Cell, a.id)
    assert stored is not None
    assert (stored.meeting_day, stored.meeting_place) == (3, "Phòng họp tầng 2")
    entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "cell.meeting_rule"))
    assert entry is not None
    assert entry.actor_member_id == deputy_a.id
    assert entry.details["before"]["day"] == 5 and entry.details["after"]["day"] == 3


async def test_attach_cell_to_a_committee(session: AsyncSession) -> None:
    cell = await create_cell(session, OPERATOR, name="Chi bộ A", rule=RULE)
    committee = await create_committee(session, OPERATOR, "Đảng ủy khối cơ quan")
    await attach_cell(session, OPERATOR, cell.id, committee.id)
    overview = await cell_overview(session, cell.id)
    assert overview.committee_id == committee.id
    with pytest.raises(DomainError) as caught:
        await create_committee(session, OPERATOR, "Đảng ủy khối cơ quan")
    assert caught.value.msg_id == "error-committee-name-taken"
