"""The secretary's member and meeting actions: what the person is told, and the parsing of
typed days and dates. Who may take them: tests/security/test_permission_matrix.py."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from delivery import render
from domain.errors import DomainError
from domain.review import (
    approve_join,
    meeting_absences,
    parse_local_datetime,
    parse_meeting_day,
    transfer_targets,
)
from storage.models import AbsenceNotice, Meeting, OutboxMessage
from tests.exports.world import NOW, build_world


async def _meeting(session: AsyncSession) -> int:
    meeting_id = await session.scalar(select(Meeting.id))
    assert meeting_id is not None
    return meeting_id


async def test_the_person_hears_the_answer_to_a_join_request_once(session: AsyncSession) -> None:
    world = await build_world(session)
    await approve_join(session, world.secretary_a, world.pending_a.member_id, NOW)
    with pytest.raises(DomainError) as refused:
        await approve_join(session, world.secretary_a, world.pending_a.member_id, NOW)
    assert refused.value.msg_id == "error-member-not-pending"
    rows = (await session.scalars(select(OutboxMessage))).all()
    assert [(row.chat_id, row.kind) for row in rows] == [(1005, "join_approved")]
    assert "Chi bộ khu phố 3" in render.telegram(rows[0].payload)[0]


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


@pytest.mark.parametrize(("typed", "day"), [("1", 1), (" 31 ", 31), ("05", 5)])
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
