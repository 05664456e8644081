"""Personal data: a member's own copy, and anonymisation that keeps the cell's figures."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import OPERATOR
from domain.demo import seed_demo
from domain.errors import DomainError, PermissionDenied
from domain.members import mark_left, rename_member
from domain.permissions import Actor
from domain.personal_data import anonymise_member, my_data
from domain.summaries import cell_month_summary, cell_year_series, committee_month_rollup
from domain.vocabulary import MemberStatus
from storage.models import (
    AbsenceNotice,
    AttendanceConfirmation,
    AuditEntry,
    Base,
    FreeItem,
    FsmRecord,
    ItemProgress,
    Meeting,
    Member,
    OutboxMessage,
    OutboxStatus,
    PlanItem,
    ProgressReport,
    YearPlan,
)
from tests.exports.world import build_world

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
LEAVER, SECRETARY, OTHER_SECRETARY, COMMITTEE = 1003, 1001, 2001, 9001
REASON = "Đi công tác tại Hà Giang"


async def by_telegram(session: AsyncSession, telegram_id: int) -> Member:
    member = await session.scalar(select(Member).where(Member.telegram_id == telegram_id))
    assert member is not None
    return member


async def figures(session: AsyncSession, cell_id: int, committee_id: int) -> list[Any]:
    """The counts the cell and its committee show for the demo's two years; no text."""
    seen: list[Any] = []
    for year in (2025, 2026):
        last = 12 if year == 2025 else TODAY.month
        # Month by month in detail this year; last year through its month-by-month series.
        for month in range(1, last + 1) if year == TODAY.year else ():
            summary = await cell_month_summary(session, cell_id, year, month)
            seen.append(
                (
                    year,
                    month,
                    summary.members_total,
                    summary.reported,
                    summary.reported_on_time,
                    summary.item_totals,
                    [(s.section_id, s.items) for s in summary.sections],
                    [(m.member_id, m.report_status, m.on_time) for m in summary.members],
                    [(line.member_id, line.item_id, line.status) for line in summary.items],
                )
            )
            rollup = await committee_month_rollup(session, committee_id, year, month)
            seen.append([(c.cell_id, c.members_total, c.reported, c.items) for c in rollup.cells])
        seen.append(await cell_year_series(session, cell_id, year, through_month=last))
    return seen


async def every_text(session: AsyncSession) -> str:
    """Every value of every row of every table, as one text to search in."""
    parts: list[str] = []
    for table in Base.metadata.sorted_tables:
        for row in (await session.execute(select(table))).all():
            parts.append(repr(tuple(row)))
    return "\n".join(parts)


async def add_absence_and_state(session: AsyncSession, member: Member) -> None:
    meeting = await session.scalar(
        select(Meeting).where(Meeting.cell_id == member.cell_id).order_by(Meeting.id)
    )
    assert meeting is not None
    session.add(AbsenceNotice(meeting_id=meeting.id, member_id=member.id, reason=REASON))
    later = await session.scalar(
        select(Meeting).where(Meeting.cell_id == member.cell_id).order_by(Meeting.id.desc())
    )
    assert later is not None and later.id != meeting.id
    session.add(AttendanceConfirmation(meeting_id=later.id, member_id=member.id))
    session.add(
        AuditEntry(
            actor_member_id=member.id,
            action="absence.notify",
            target_type="meeting",
            target_id=meeting.id,
            details={"reason": REASON},
        )
    )
    key = f"fsm:{member.telegram_id}:{member.telegram_id}:aiogram_dialog_stack"
    session.add(FsmRecord(key=key, state=None, data={"draft": REASON}))
    member.zalo_user_id = "zalo-user-1003"
    session.add(FsmRecord(key="zalo:zalo-user-1003", state="zalo", data={"draft": REASON}))
    secretary = await by_telegram(session, SECRETARY)
    session.add(
        OutboxMessage(
            idempotency_key=f"absence:{meeting.id}:{member.id}:0123abcd:{secretary.id}",
            kind="absence_notice",
            chat_id=SECRETARY,
            member_id=secretary.id,
            status=OutboxStatus.SENT,
            payload={"text": f"Đồng chí {member.full_name} xin vắng: {REASON}"},
        )
    )
    session.add(
        OutboxMessage(
            idempotency_key=f"test:{member.id}",
            kind="reminder",
            chat_id=member.telegram_id or 0,
            member_id=member.id,
            payload={"text": f"Chào đồng chí {member.full_name}"},
        )
    )


async def test_a_member_downloads_everything_stored_about_them(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await seed_demo(session_factory, today=TODAY)
    async with session_factory() as session, session.begin():
        member = await by_telegram(session, LEAVER)
        await add_absence_and_state(session, member)
    async with session_factory() as session, session.begin():
        member = await by_telegram(session, LEAVER)
        file = await my_data(session, Actor.of(member), member.id, NOW)
        reports = await session.scalar(
            select(func.count()).where(ProgressReport.member_id == member.id)
        )
        items = await session.scalar(
            select(func.count())
            .select_from(PlanItem)
            .join(YearPlan, YearPlan.id == PlanItem.plan_id)
            .where(YearPlan.member_id == member.id)
        )
        notes = set(
            await session.scalars(
                select(ItemProgress.note)
                .join(ProgressReport, ProgressReport.id == ItemProgress.report_id)
                .where(ProgressReport.member_id == member.id, ItemProgress.note != "")
            )
        )

    data = json.loads(file.content.decode("utf-8"))
    assert file.filename == f"du-lieu-ca-nhan-{member.id}.json"
    assert data["member"]["full_name"] == "Lê Minh Tuấn"
    assert data["member"]["telegram_id"] == LEAVER
    assert data["memberships"] and data["memberships"][0]["cell"]["id"] == member.cell_id
    assert len(data["reports"]) == reports and reports
    assert sum(len(plan["items"]) for plan in data["plans"]) == items and items
    assert notes and notes <= {i["note"] for r in data["reports"] for i in r["items"]}
    assert [a["reason"] for a in data["absences"]] == [REASON]
    assert len(data["attendance_confirmations"]) == 1
    assert any(a["action"] == "absence.notify" for a in data["audit"])
    # Nobody else's name is in it: only this member's rows were gathered.
    assert "Nguyễn Thị Thu Hà" not in file.content.decode("utf-8")


async def test_nobody_else_may_download_a_members_data(sqlite_engine: Any) -> None:
    db = async_sessionmaker(sqlite_engine, expire_on_commit=False)
    async with db() as session:
        world = await build_world(session)
    async with db() as session, session.begin():
        member_id = world.member_a.member_id
        for other in (world.secretary_a, world.deputy_a, world.secretary_b, world.committee):
            with pytest.raises(PermissionDenied):
                await my_data(session, other, member_id, NOW)
        await mark_left(session, OPERATOR, member_id, NOW)
        left = Actor.of(await session.get_one(Member, member_id))
        # Having left, the member still takes their own copy, and still nobody else's.
        assert (
            json.loads((await my_data(session, left, member_id, NOW)).content)["member"]["status"]
            == "left"
        )
        with pytest.raises(PermissionDenied):
            await my_data(session, left, world.secretary_a.member_id, NOW)
        assert (await my_data(session, OPERATOR, member_id, NOW)).content


async def test_anonymising_a_member_who_left_keeps_every_figure(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await seed_demo(session_factory, today=TODAY)
    async with session_factory() as session, session.begin():
        member = await by_telegram(session, LEAVER)
        await add_absence_and_state(session, member)
        # A corrected name leaves both names in the audit log, until anonymising.
        old_name = member.full_name
        await rename_member(session, OPERATOR, member.id, "Trần Văn Đã Đổi Tên")
        await mark_left(session, OPERATOR, member.id, NOW)
    async with session_factory() as session:
        member = await by_telegram(session, LEAVER)
        member_id, cell_id, name = member.id, member.cell_id or 0, member.full_name
        secretary = Actor.of(await by_telegram(session, SECRETARY))
        committee_id = (await by_telegram(session, COMMITTEE)).committee_id or 0
        before = await figures(session, cell_id, committee_id)
        assert name in await every_text(session)

    async with session_factory() as session, session.begin():
        await anonymise_member(session, secretary, member_id, NOW)

    async with session_factory() as session:
        assert await figures(session, cell_id, committee_id) == before
        member = await session.get(Member, member_id)
        assert member is not None
        assert member.anonymised and member.status is MemberStatus.LEFT
        assert member.full_name == f"Đảng viên đã ẩn danh số {member_id}"
        assert member.telegram_id is None and member.phone is None
        assert member.zalo_user_id is None
        everything = await every_text(session)
        assert name not in everything and REASON not in everything
        assert old_name not in everything
        report_ids = select(ProgressReport.id).where(ProgressReport.member_id == member_id)
        written = [
            *await session.scalars(
                select(ItemProgress.note).where(ItemProgress.report_id.in_(report_ids))
            ),
            *await session.scalars(select(FreeItem.text).where(FreeItem.report_id.in_(report_ids))),
            *await session.scalars(
                select(PlanItem.text)
                .join(YearPlan, YearPlan.id == PlanItem.plan_id)
                .where(YearPlan.member_id == member_id)
            ),
        ]
        assert written and set(written) == {""}
        texts = await session.execute(
            select(ProgressReport.difficulties, ProgressReport.proposals).where(
                ProgressReport.member_id == member_id
            )
        )
        assert {text for row in texts for text in row} == {""}
        assert await session.scalar(select(func.count()).select_from(FsmRecord)) == 0
        outbox = (await session.scalars(select(OutboxMessage))).all()
        assert [(m.status, m.payload) for m in outbox if m.member_id == member_id] == [
            (OutboxStatus.DROPPED, {})
        ]
        audit = await session.scalar(
            select(AuditEntry).where(AuditEntry.action == "member.anonymise")
        )
        assert audit is not None and audit.actor_member_id == secretary.member_id


async def test_only_a_leaver_and_only_by_the_secretary_or_committee(sqlite_engine: Any) -> None:
    db = async_sessionmaker(sqlite_engine, expire_on_commit=False)
    async with db() as session:
        world = await build_world(session)
    async with db() as session, session.begin():
        member_id = world.member_a.member_id
        with pytest.raises(DomainError) as still_active:
            await anonymise_member(session, world.secretary_a, member_id, NOW)
        assert still_active.value.msg_id == "error-member-not-left"
        await mark_left(session, OPERATOR, member_id, NOW)
        refused = (
            world.deputy_a,
            world.secretary_b,
            world.other_committee,
            world.member_a,
            world.pending_a,
        )
        for actor in refused:
            with pytest.raises(PermissionDenied):
                await anonymise_member(session, actor, member_id, NOW)
        await anonymise_member(session, world.committee, member_id, NOW)
        with pytest.raises(DomainError) as twice:
            await anonymise_member(session, world.secretary_a, member_id, NOW)
        assert twice.value.msg_id == "error-member-already-anonymised"
