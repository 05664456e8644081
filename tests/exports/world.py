"""A small committee with two cells and a month of reports, written straight into the models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from domain.permissions import Actor
from domain.vocabulary import ItemStatus, MemberStatus, PlanStatus, ReportStatus, Role
from storage.models import (
    Cell,
    CellMembership,
    Committee,
    ItemProgress,
    Meeting,
    Member,
    PlanItem,
    PlanSection,
    ProgressReport,
    YearConfig,
    YearPlan,
)

YEAR, MONTH = 2025, 3
MEETING = datetime(2025, 3, 5, 7, 0, tzinfo=UTC)
NOW = datetime(2025, 3, 4, 2, 0, tzinfo=UTC)


@dataclass
class World:
    committee_id: int
    other_committee_id: int
    cell_a: int
    cell_b: int
    secretary_a: Actor
    deputy_a: Actor
    member_a: Actor  # has not reported, reachable
    silent_a: int  # has not reported, never pressed Start
    secretary_b: Actor
    committee: Actor
    other_committee: Actor
    pending_a: Actor


async def build_world(session: AsyncSession) -> World:
    committee = Committee(name="Đảng bộ phường Ngô Quyền")
    other = Committee(name="Đảng bộ phường Liên Bảo")
    session.add_all([committee, other])
    await session.flush()
    cell_a = Cell(name="Chi bộ khu phố 3", committee_id=committee.id, meeting_day=5)
    cell_b = Cell(name="Chi bộ khu phố 1", committee_id=committee.id, meeting_day=5)
    session.add_all([cell_a, cell_b])
    config = YearConfig(year=YEAR, theme="Chuyên đề năm 2025")
    session.add(config)
    await session.flush()
    study = PlanSection(year_config_id=config.id, position=1, title="Học tập chuyên đề")
    deeds = PlanSection(year_config_id=config.id, position=2, title="Việc làm cụ thể")
    session.add_all([study, deeds])
    session.add(
        Meeting(
            cell_id=cell_a.id, year=YEAR, month=MONTH, rule_starts_at=MEETING, starts_at=MEETING
        )
    )
    await session.flush()

    async def person(
        name: str,
        role: Role,
        cell_id: int | None,
        telegram_id: int | None,
        *,
        committee_id: int | None = None,
        status: MemberStatus = MemberStatus.ACTIVE,
    ) -> Member:
        member = Member(
            full_name=name,
            role=role,
            cell_id=cell_id,
            telegram_id=telegram_id,
            committee_id=committee_id,
            status=status,
        )
        session.add(member)
        await session.flush()
        if cell_id is not None:
            session.add(
                CellMembership(
                    member_id=member.id, cell_id=cell_id, role=role, start_on=date(2025, 1, 1)
                )
            )
        return member

    secretary = await person("Nguyễn Văn An", Role.SECRETARY, cell_a.id, 1001)
    deputy = await person("Trần Thị Bình", Role.DEPUTY, cell_a.id, 1002)
    member = await person("Lê Văn <Cường>", Role.MEMBER, cell_a.id, 1003)
    silent = await person("Phạm Thị Dung", Role.MEMBER, cell_a.id, None)
    pending = await person(
        "Hoàng Văn Em", Role.MEMBER, cell_a.id, 1005, status=MemberStatus.PENDING
    )
    secretary_b = await person("Đỗ Văn Phúc", Role.SECRETARY, cell_b.id, 2001)
    committee_member = await person(
        "Vũ Thị Giang", Role.COMMITTEE, None, 3001, committee_id=committee.id
    )
    other_member = await person("Bùi Văn Hải", Role.COMMITTEE, None, 3002, committee_id=other.id)

    # The secretary reports on time with a note; the deputy reports after the meeting.
    for who, submitted, statuses in (
        (secretary, datetime(2025, 3, 2, 9, 0, tzinfo=UTC), (ItemStatus.DONE, ItemStatus.DONE)),
        (deputy, datetime(2025, 3, 6, 9, 0, tzinfo=UTC), (ItemStatus.IN_PROGRESS, None)),
        (member, None, (None, None)),
    ):
        plan = YearPlan(
            member_id=who.id,
            cell_id=cell_a.id,
            year=YEAR,
            year_config_id=config.id,
            status=PlanStatus.ACKNOWLEDGED,
        )
        session.add(plan)
        await session.flush()
        items = [
            PlanItem(
                plan_id=plan.id, section_id=study.id, position=1, text="Học tập chuyên đề năm"
            ),
            PlanItem(
                plan_id=plan.id,
                section_id=deeds.id,
                position=2,
                text="Tham gia mô hình 'Tuyến phố không rác'",
            ),
        ]
        session.add_all(items)
        await session.flush()
        if submitted is None:
            continue
        report = ProgressReport(
            member_id=who.id,
            cell_id=cell_a.id,
            year=YEAR,
            month=MONTH,
            status=ReportStatus.SUBMITTED,
            submitted_at=submitted,
            difficulties="Thiếu tài liệu" if who is deputy else "",
            proposals="Tổ chức tọa đàm" if who is secretary else "",
        )
        session.add(report)
        await session.flush()
        for item, status in zip(items, statuses, strict=True):
            if status is not None:
                note = "Dọn 4 buổi sáng Chủ nhật" if who is secretary else ""
                session.add(
                    ItemProgress(
                        report_id=report.id, plan_item_id=item.id, status=status, note=note
                    )
                )
    await session.commit()
    return World(
        committee_id=committee.id,
        other_committee_id=other.id,
        cell_a=cell_a.id,
        cell_b=cell_b.id,
        secretary_a=Actor.of(secretary),
        deputy_a=Actor.of(deputy),
        member_a=Actor.of(member),
        silent_a=silent.id,
        secretary_b=Actor.of(secretary_b),
        committee=Actor.of(committee_member),
        other_committee=Actor.of(other_member),
        pending_a=Actor.of(pending),
    )
