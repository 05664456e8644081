"""The secretary's member, plan and meeting actions: the permission matrix, what the person
is told, and the parsing of typed days and dates."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, time
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar import cancel_meeting, move_meeting, set_thematic, set_topic
from domain.cells import MeetingRule, set_meeting_rule
from domain.errors import DomainError, PermissionDenied
from domain.invites import create_invite
from domain.members import mark_left, set_deputy, transfer_member
from domain.permissions import Actor
from domain.plans import plans_of_cell, read_plan, return_plan
from domain.review import (
    approve_join,
    cell_rule,
    meeting_absences,
    meeting_to_manage,
    parse_local_datetime,
    parse_meeting_day,
    refuse_join,
    transfer_targets,
    upcoming_meetings,
)
from storage.models import AbsenceNotice, Meeting, MemberStatus, OutboxMessage, YearPlan
from tests.exports.world import NOW, World, build_world

Case = Callable[[AsyncSession, World, Any], Awaitable[Any]]


async def _meeting(session: AsyncSession) -> int:
    meeting_id = await session.scalar(select(Meeting.id))
    assert meeting_id is not None
    return meeting_id


async def _plan(session: AsyncSession, owner: Actor) -> int:
    plan_id = await session.scalar(select(YearPlan.id).where(YearPlan.member_id == owner.member_id))
    assert plan_id is not None
    return plan_id


CASES: dict[str, Case] = {
    "approve_join": lambda s, w, a: approve_join(s, a, w.pending_a.member_id, NOW),
    "refuse_join": lambda s, w, a: refuse_join(s, a, w.pending_a.member_id, NOW),
    "make_deputy": lambda s, w, a: set_deputy(s, a, w.member_a.member_id, True),
    "mark_left": lambda s, w, a: mark_left(s, a, w.silent_a, NOW),
    "transfer": lambda s, w, a: transfer_member(s, a, w.member_a.member_id, w.cell_b, NOW),
    "transfer_targets": lambda s, w, a: transfer_targets(s, a, w.cell_a),
    "create_invite": lambda s, w, a: create_invite(s, a, cell_id=w.cell_a, now=NOW),
    "cell_rule": lambda s, w, a: cell_rule(s, a, w.cell_a),
    "set_meeting_rule": lambda s, w, a: set_meeting_rule(
        s, a, w.cell_a, MeetingRule(10, time(8, 0), "Nhà văn hóa")
    ),
    "upcoming_meetings": lambda s, w, a: upcoming_meetings(s, a, w.cell_a, NOW),
    "meeting_to_manage": lambda s, w, a: _then(_meeting(s), lambda m: meeting_to_manage(s, a, m)),
    "meeting_absences": lambda s, w, a: _then(_meeting(s), lambda m: meeting_absences(s, a, m)),
    "move_meeting": lambda s, w, a: _then(
        _meeting(s), lambda m: move_meeting(s, a, m, datetime(2025, 3, 6, 14, 0), now=NOW)
    ),
    "cancel_meeting": lambda s, w, a: _then(_meeting(s), lambda m: cancel_meeting(s, a, m)),
    "set_topic": lambda s, w, a: _then(_meeting(s), lambda m: set_topic(s, a, m, "Chuyên đề")),
    "set_thematic": lambda s, w, a: _then(_meeting(s), lambda m: set_thematic(s, a, m, True)),
    "plans_of_cell": lambda s, w, a: plans_of_cell(s, a, w.cell_a, 2025),
    # The deputy's plan: a member reads their own, so it would not test a leader's right.
    "read_plan": lambda s, w, a: _then(_plan(s, w.deputy_a), lambda p: read_plan(s, a, p)),
    "return_plan": lambda s, w, a: _then(
        _plan(s, w.member_a), lambda p: return_plan(s, a, p, "Ghi rõ số buổi", NOW)
    ),
}


async def _then(first: Awaitable[int], then: Callable[[int], Awaitable[Any]]) -> Any:
    return await then(await first)


ACTORS: dict[str, Callable[[World], Actor | None]] = {
    "member": lambda w: w.member_a,
    "pending": lambda w: w.pending_a,
    "deputy": lambda w: w.deputy_a,
    "secretary_a": lambda w: w.secretary_a,
    "secretary_b": lambda w: w.secretary_b,
    "committee": lambda w: w.committee,
    # A secretary who has since left: the role stays on record, the rights do not.
    "former_secretary": lambda w: replace(w.secretary_a, status=MemberStatus.LEFT),
}
LEADER_CASES = set(CASES) - {"make_deputy"}
ALLOWED = {"deputy": LEADER_CASES, "secretary_a": set(CASES)}


@pytest.mark.parametrize("actor_name", sorted(ACTORS))
async def test_permission_matrix(session: AsyncSession, actor_name: str) -> None:
    world = await build_world(session)
    actor = ACTORS[actor_name](world)
    passed = set()
    for case_name, case in CASES.items():
        try:
            await case(session, world, actor)
        except PermissionDenied:
            pass
        else:
            passed.add(case_name)
        await session.rollback()
    assert passed == ALLOWED.get(actor_name, set())


async def test_the_person_hears_the_answer_to_a_join_request_once(session: AsyncSession) -> None:
    world = await build_world(session)
    await approve_join(session, world.secretary_a, world.pending_a.member_id, NOW)
    with pytest.raises(DomainError) as refused:
        await approve_join(session, world.secretary_a, world.pending_a.member_id, NOW)
    assert refused.value.msg_id == "error-member-not-pending"
    rows = (await session.scalars(select(OutboxMessage))).all()
    assert [(row.chat_id, row.kind) for row in rows] == [(1005, "join_approved")]
    assert "Chi bộ khu phố 3" in rows[0].payload["text"]


async def test_transfer_targets_are_the_committees_other_cells(session: AsyncSession) -> None:
    world = await build_world(session)
    targets = await transfer_targets(session, world.secretary_a, world.cell_a)
    assert [(c.id, c.name) for c in targets] == [(world.cell_b, "Chi bộ khu phố 1")]


async def test_absences_list_the_reasons_of_active_members(session: AsyncSession) -> None:
    world = await build_world(session)
    meeting_id = await _meeting(session)
    session.add_all([
        AbsenceNotice(meeting_id=meeting_id, member_id=world.member_a.member_id,
                      reason="Đi công tác", created_at=NOW),
        AbsenceNotice(meeting_id=meeting_id, member_id=world.pending_a.member_id,
                      reason="Chưa là đảng viên của chi bộ", created_at=NOW),
    ])  # fmt: skip
    await session.flush()
    lines = await meeting_absences(session, world.deputy_a, meeting_id)
    assert [(a.full_name, a.reason) for a in lines] == [("Lê Văn <Cường>", "Đi công tác")]


@pytest.mark.parametrize(
    ("typed", "day"), [("1", 1), (" 31 ", 31), ("05", 5)]
)
def test_a_typed_day_of_the_month(typed: str, day: int) -> None:
    assert parse_meeting_day(typed) == day


@pytest.mark.parametrize(
    ("typed", "msg_id"),
    [("0", "error-meeting-day-range"), ("32", "error-meeting-day-range"),
     ("-1", "sec-error-day-format"), ("5.5", "sec-error-day-format"),
     ("ngày 5", "sec-error-day-format"), ("", "sec-error-day-format")],
)  # fmt: skip
def test_a_bad_day_is_refused_with_its_reason(typed: str, msg_id: str) -> None:
    with pytest.raises(DomainError) as error:
        parse_meeting_day(typed)
    assert error.value.msg_id == msg_id


def test_a_typed_date_keeps_the_time_unless_one_is_given() -> None:
    assert parse_local_datetime("06/03/2025", time(14, 0)) == datetime(2025, 3, 6, 14, 0)
    assert parse_local_datetime(" 6/3/2025   7h30 ", time(14, 0)) == datetime(2025, 3, 6, 7, 30)
    for typed, msg_id in (
        ("31/02/2025", "sec-error-date-format"),
        ("2025-03-06", "sec-error-date-format"),
        ("06/03/2025 25:00", "error-meeting-time-format"),
    ):
        with pytest.raises(DomainError) as error:
            parse_local_datetime(typed, time(14, 0))
        assert error.value.msg_id == msg_id
