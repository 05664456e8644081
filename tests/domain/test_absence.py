"""Notices of absence: recorded once per meeting and member, the secretary told once per reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery import render
from domain import absence
from domain.calendar import next_meetings
from domain.errors import DomainError, NotFound
from domain.permissions import Actor
from domain.vocabulary import MemberStatus, Role
from storage.models import AbsenceNotice, Cell, Member, OutboxMessage
from tests.dialogs.seed import NOW, SECRETARY_TG, seed

Db = async_sessionmaker[AsyncSession]


async def test_absence_is_recorded_and_the_secretary_told_once_per_reason(
    session_factory: Db,
) -> None:
    cell = await seed(session_factory)
    async with session_factory() as session, session.begin():
        meeting = (await next_meetings(session, cell.cell_id, NOW, 1))[0]
        await absence.notify_absence(session, cell.an, meeting.id, " Đi công tác <Huế> ", NOW)
        await absence.notify_absence(session, cell.an, meeting.id, "Đi công tác <Huế>", NOW)
    async with session_factory() as session, session.begin():
        await absence.notify_absence(session, cell.an, meeting.id, "Con ốm, phải chăm", NOW)
        reason = await absence.my_absence(session, cell.an, meeting.id)
    async with session_factory() as session:
        notices = list(await session.scalars(select(AbsenceNotice)))
        sent = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert reason == "Con ốm, phải chăm"
    assert [(n.member_id, n.reason) for n in notices] == [(cell.an.member_id, "Con ốm, phải chăm")]
    assert [m.chat_id for m in sent] == [SECRETARY_TG, SECRETARY_TG]
    assert "Đi công tác &lt;Huế&gt;" in render.telegram(sent[0].payload)[0]
    assert "05/04/2026" in render.telegram(sent[0].payload)[0]


async def test_only_future_meetings_of_ones_own_cell(session_factory: Db) -> None:
    cell = await seed(session_factory)
    async with session_factory() as session, session.begin():
        other = Cell(name="Chi bộ khác", meeting_day=10)
        session.add(other)
        await session.flush()
        stranger = Member(
            full_name="Phạm Văn Khác",
            telegram_id=777,
            cell_id=other.id,
            role=Role.MEMBER,
            status=MemberStatus.ACTIVE,
        )
        session.add(stranger)
        await session.flush()
        outsider = Actor.of(stranger)
        meeting = (await next_meetings(session, cell.cell_id, NOW, 1))[0]
    async with session_factory() as session:
        with pytest.raises(NotFound):
            await absence.notify_absence(session, outsider, meeting.id, "Bận việc riêng", NOW)
        with pytest.raises(NotFound):
            await absence.my_absence(session, outsider, meeting.id)
        with pytest.raises(DomainError) as past:
            await absence.notify_absence(
                session,
                cell.an,
                meeting.id,
                "Bận việc riêng",
                meeting.starts_at + timedelta(minutes=1),
            )
        with pytest.raises(DomainError) as short:
            await absence.notify_absence(session, cell.an, meeting.id, "  ", NOW)
    assert past.value.msg_id == "error-absence-meeting-past"
    assert short.value.msg_id == "error-text-empty"


async def test_confirming_attendance_withdraws_the_notice_and_the_leaders_see_who(
    session_factory: Db,
) -> None:
    from domain.audit import OPERATOR
    from domain.review import meeting_absences, meeting_confirmations

    cell = await seed(session_factory)
    async with session_factory() as session, session.begin():
        meeting = (await next_meetings(session, cell.cell_id, NOW, 1))[0]
        await absence.notify_absence(session, cell.an, meeting.id, "Đi công tác", NOW)
        await absence.confirm_attendance(session, cell.binh, meeting.id, NOW)
    async with session_factory() as session, session.begin():
        # An changes their mind; Bình confirms twice: recorded once.
        await absence.confirm_attendance(session, cell.an, meeting.id, NOW)
        await absence.confirm_attendance(session, cell.binh, meeting.id, NOW)
    async with session_factory() as session:
        assert await absence.my_absence(session, cell.an, meeting.id) is None
        assert await absence.my_confirmation(session, cell.an, meeting.id)
        assert not await absence.my_confirmation(session, cell.secretary, meeting.id)
        confirmed = await meeting_confirmations(session, cell.secretary, meeting.id)
        assert await meeting_absences(session, OPERATOR, meeting.id) == []
    assert sorted(confirmed) == sorted([cell.an.full_name, cell.binh.full_name])
    async with session_factory() as session, session.begin():
        # A notice of absence after a confirmation replaces it.
        await absence.notify_absence(session, cell.binh, meeting.id, "Ốm, nằm viện", NOW)
    async with session_factory() as session:
        assert await meeting_confirmations(session, OPERATOR, meeting.id) == [cell.an.full_name]
        with pytest.raises(DomainError) as refused:
            await meeting_confirmations(session, cell.an, meeting.id)
        with pytest.raises(DomainError) as past:
            await absence.confirm_attendance(
                session, cell.an, meeting.id, meeting.starts_at + timedelta(minutes=1)
            )
    assert refused.value.msg_id.startswith("error-")
    assert past.value.msg_id == "error-absence-meeting-past"
