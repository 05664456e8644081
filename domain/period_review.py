"""What the cell's documents beyond the monthly report are made from, as plain data.

Sơ kết 6 tháng / tổng kết năm sum months of the cell (or of the committee's cells); the
minutes (biên bản) of a meeting put who is expected beside the absence notices and the
confirmations; the registration list reads the year's plans. Everything is read from the
summaries chibo already computes; only the counts of plans per cell and the attendance of
one meeting are new queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.permissions import Actor
from domain.plans import REGISTERED, CellPlan, plans_of_cell
from domain.summaries import (
    CellMonthSummary,
    CommitteeRollup,
    ItemCounts,
    ItemLine,
    ItemStatus,
    SectionProgress,
    cell_month_summary,
    committee_month_rollups,
)
from domain.vocabulary import MemberStatus, ReportStatus
from storage.models import (
    AbsenceNotice,
    AttendanceConfirmation,
    Cell,
    ItemProgress,
    Meeting,
    Member,
    ProgressReport,
    YearPlan,
)


@dataclass(frozen=True)
class ReviewPeriod:
    """The months a sơ kết (January–June) or a tổng kết (the whole year) covers."""

    year: int
    last_month: int
    full_year: bool

    @property
    def months(self) -> range:
        return range(1, self.last_month + 1)

    @classmethod
    def of(cls, year: int, *, full_year: bool, shown_month: int = 12) -> ReviewPeriod:
        """The period, cut at the month shown when the review is made before it ends."""
        end = 12 if full_year else 6
        return cls(year=year, last_month=max(1, min(end, shown_month)), full_year=full_year)


@dataclass(frozen=True)
class Registration:
    """How many members a cell has now and how many registered the year's plan."""

    members: int
    registered: int


@dataclass(frozen=True)
class CellReview:
    period: ReviewPeriod
    cell_name: str
    months: tuple[CellMonthSummary, ...]
    plans: tuple[CellPlan, ...]
    # Chosen by the cell's leaders month by month; nothing is filled in for them.
    examples: tuple[Example, ...] = ()

    @property
    def registration(self) -> Registration:
        registered = sum(1 for p in self.plans if p.status in REGISTERED)
        return Registration(members=len(self.plans), registered=registered)

    @property
    def sections(self) -> tuple[SectionProgress, ...]:
        """Each section's items as last reported in the period (an item done in March and not
        mentioned since is done); the items are those of the period's last month."""
        latest: dict[int, ItemStatus] = {}
        for summary in self.months:
            latest.update({i.item_id: i.status for i in summary.items if i.status is not None})
        last = self.months[-1]
        counts: dict[int, list[ItemStatus | None]] = defaultdict(list)
        for line in last.items:
            counts[line.section_id].append(latest.get(line.item_id))
        return tuple(
            replace(section, items=_counted(counts[section.section_id]))
            for section in last.sections
        )


@dataclass(frozen=True)
class CommitteeReview:
    period: ReviewPeriod
    committee_name: str
    months: tuple[CommitteeRollup, ...]
    registrations: dict[int, Registration]
    examples: tuple[Example, ...] = ()

    @property
    def last(self) -> CommitteeRollup:
        return self.months[-1]

    def cell_items(self, cell_id: int) -> tuple[int, ItemCounts]:
        """The cell's items in the latest month of the period it has reports for (counters
        are per month: a committee sees no single item)."""
        for rollup in reversed(self.months):
            for cell in rollup.cells:
                if cell.cell_id == cell_id and cell.reported:
                    return rollup.month, cell.items
        return self.last.month, ItemCounts()


def _counted(statuses: list[ItemStatus | None]) -> ItemCounts:
    return ItemCounts(
        planned=len(statuses),
        done=statuses.count(ItemStatus.DONE),
        in_progress=statuses.count(ItemStatus.IN_PROGRESS),
        not_started=statuses.count(ItemStatus.NOT_STARTED),
    )


@dataclass(frozen=True)
class Example:
    """A done item the cell's leaders put in «Gương điển hình» in the month they chose it."""

    month: int
    cell_name: str
    item: ItemLine


def chosen_examples(months: Sequence[CellMonthSummary]) -> tuple[Example, ...]:
    """The items marked exemplary (``domain.oversight.toggle_exemplary``) in the months'
    summaries, month by month: the same lines the monthly report lists, nothing else."""
    return tuple(
        Example(summary.month, summary.cell_name, line)
        for summary in months
        for line in summary.items
        if line.status is ItemStatus.DONE and line.exemplary
    )


async def _committee_examples(
    session: AsyncSession, committee_id: int, period: ReviewPeriod
) -> tuple[Example, ...]:
    """The committee's cells' chosen items: the monthly summary of each cell and month where
    one was marked (one query finds those), so the lines are the monthly report's own."""
    marked = await session.execute(
        select(ProgressReport.month, ProgressReport.cell_id)
        .join(ItemProgress, ItemProgress.report_id == ProgressReport.id)
        .join(Cell, Cell.id == ProgressReport.cell_id)
        .where(
            Cell.committee_id == committee_id,
            ProgressReport.year == period.year,
            ProgressReport.month.in_(list(period.months)),
            ProgressReport.status == ReportStatus.SUBMITTED,
            ItemProgress.exemplary.is_(True),
        )
        .distinct()
        .order_by(ProgressReport.month, ProgressReport.cell_id)
    )
    summaries = [await cell_month_summary(session, c, period.year, m) for m, c in marked.all()]
    return chosen_examples(summaries)


async def cell_review(
    session: AsyncSession, actor: Actor | None, cell_id: int, period: ReviewPeriod
) -> CellReview:
    """The cell's months of the period and its plans (the caller checked the right to export)."""
    months = [await cell_month_summary(session, cell_id, period.year, m) for m in period.months]
    plans = await plans_of_cell(session, actor, cell_id, period.year)
    return CellReview(
        period=period,
        cell_name=months[-1].cell_name,
        months=tuple(months),
        plans=tuple(plans),
        examples=chosen_examples(months),
    )


async def committee_review(
    session: AsyncSession, committee_id: int, period: ReviewPeriod
) -> CommitteeReview:
    """Each month's roll-up of the committee's cells and their plans (counts only)."""
    months = await committee_month_rollups(session, committee_id, period.year, period.months)
    return CommitteeReview(
        period=period,
        committee_name=months[-1].committee_name,
        months=tuple(months),
        registrations=await registrations_by_cell(session, committee_id, period.year),
        examples=await _committee_examples(session, committee_id, period),
    )


async def registrations_by_cell(
    session: AsyncSession, committee_id: int, year: int
) -> dict[int, Registration]:
    """Active members of each cell of the committee and how many registered: one query."""
    registered = func.count(case((YearPlan.status.in_(REGISTERED), YearPlan.id)))
    rows = await session.execute(
        select(Member.cell_id, func.count(Member.id.distinct()), registered)
        .join(Cell, Cell.id == Member.cell_id)
        .outerjoin(YearPlan, (YearPlan.member_id == Member.id) & (YearPlan.year == year))
        .where(Cell.committee_id == committee_id, Member.status == MemberStatus.ACTIVE)
        .group_by(Member.cell_id)
    )
    return {cell_id or 0: Registration(members, count) for cell_id, members, count in rows}


# The minutes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Attendance:
    """A member expected at the meeting: confirmed, excused with a reason, or not known."""

    full_name: str
    confirmed: bool
    reason: str | None

    @property
    def absent(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True)
class MeetingRecord:
    summary: CellMonthSummary
    starts_at: datetime | None
    place: str
    topic: str
    thematic: bool
    attendance: tuple[Attendance, ...]

    @property
    def absent(self) -> tuple[Attendance, ...]:
        return tuple(a for a in self.attendance if a.absent)

    @property
    def confirmed(self) -> tuple[Attendance, ...]:
        return tuple(a for a in self.attendance if a.confirmed)

    @property
    def unknown(self) -> tuple[Attendance, ...]:
        return tuple(a for a in self.attendance if not a.confirmed and not a.absent)


async def meeting_record(
    session: AsyncSession, cell_id: int, year: int, month: int
) -> MeetingRecord:
    """The month's meeting, its expected members and what each said before it."""
    summary = await cell_month_summary(session, cell_id, year, month)
    meeting = await session.scalar(
        select(Meeting).where(
            Meeting.cell_id == cell_id, Meeting.year == year, Meeting.month == month
        )
    )
    reasons: dict[int, str] = {}
    confirmed: set[int] = set()
    if meeting is not None:
        notices = await session.execute(
            select(AbsenceNotice.member_id, AbsenceNotice.reason).where(
                AbsenceNotice.meeting_id == meeting.id
            )
        )
        reasons = {member_id: reason for member_id, reason in notices}
        confirmed = set(
            await session.scalars(
                select(AttendanceConfirmation.member_id).where(
                    AttendanceConfirmation.meeting_id == meeting.id
                )
            )
        )
    return MeetingRecord(
        summary=summary,
        starts_at=summary.meeting_at,
        place=meeting.place if meeting else "",
        topic=meeting.topic if meeting else "",
        thematic=bool(meeting and meeting.thematic),
        attendance=tuple(
            Attendance(m.full_name, m.member_id in confirmed, reasons.get(m.member_id))
            for m in summary.members
        ),
    )
