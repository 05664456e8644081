"""Summaries computed in SQL: per cell and month, per committee and month, per member and year.

Each function runs a fixed number of queries whatever the size of the cell or
committee (asserted in ``tests/storage/test_aggregation.py``). The results are
plain frozen dataclasses; ``domain.summaries`` re-exports them for the rest of
the product, so that storage keeps importing nothing but SQLAlchemy.

Rules (the tests recount them in plain Python):

* **Who counts for a month.** A member counts in a cell for a month when a
  ``cell_memberships`` row of theirs in that cell overlaps the month, it is the
  latest-starting of their memberships overlapping that month (so a member who
  moved mid-month counts once, in the cell they moved to), and the member is not
  ``pending`` or ``refused``. Members who later left still count for the months
  their membership covered.
* **Reported.** The member has a ``submitted`` report for that year and month.
  A draft does not count. The report's own ``cell_id`` (the cell at reporting
  time) is not consulted, so counts always add up across cells.
* **On time.** Submitted no later than the cell's meeting of that month, when
  there is one and it is not cancelled; otherwise no later than the last
  instant of the month in the deployment's time zone (``storage.db.zone``).
* **Items.** The items of the member's plan for the year (whatever the plan's
  status) are "planned"; their status for the month comes from the submitted
  report; an item the report does not mention, or of a member who did not
  report, counts as not reported. The roll-up and the year series read these
  counts from the counters on plans and reports (``storage.counters``); the cell
  summary, which lists the items anyway, counts its item lines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    Subquery,
    and_,
    case,
    exists,
    false,
    func,
    join,
    literal,
    or_,
    outerjoin,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql.selectable import Join

from domain.vocabulary import ItemStatus, MemberStatus, PartyStatus, PlanStatus, ReportStatus
from storage.db import zone
from storage.models import (
    Cell,
    CellMembership,
    Committee,
    FreeItem,
    ItemProgress,
    Meeting,
    Member,
    PlanItem,
    PlanSection,
    ProgressReport,
    YearConfig,
    YearPlan,
)
from storage.types import UTCDateTime

# Members who never got in are nobody's members, for any month.
NOT_COUNTED = (MemberStatus.PENDING, MemberStatus.REFUSED)


def rate(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to divide by."""
    return part / whole if whole else None


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, kw_only=True)
class ItemCounts:
    """Plan items of a group of members, by their status in one month's reports."""

    planned: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0

    @property
    def not_reported(self) -> int:
        return self.planned - self.done - self.in_progress - self.not_started

    @property
    def completion_rate(self) -> float | None:
        return rate(self.done, self.planned)

    def __add__(self, other: ItemCounts) -> ItemCounts:
        return ItemCounts(
            planned=self.planned + other.planned,
            done=self.done + other.done,
            in_progress=self.in_progress + other.in_progress,
            not_started=self.not_started + other.not_started,
        )


@dataclass(frozen=True, kw_only=True)
class ReportingFigures:
    """How many members a group had in a month, how many reported, and their items."""

    members_total: int
    reported: int
    reported_on_time: int
    items: ItemCounts = field(default_factory=ItemCounts)

    @property
    def not_reported(self) -> int:
        return self.members_total - self.reported

    @property
    def report_rate(self) -> float | None:
        return rate(self.reported, self.members_total)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.reported_on_time, self.members_total)


@dataclass(frozen=True, kw_only=True)
class MonthFigures(ReportingFigures):
    """One point of a cell's year chart."""

    month: int


@dataclass(frozen=True, kw_only=True)
class CellFigures(ReportingFigures):
    """One line of a committee's roll-up."""

    cell_id: int
    cell_name: str


@dataclass(frozen=True, kw_only=True)
class MemberMonthStatus:
    """A member of the cell in that month and where their report stands."""

    member_id: int
    full_name: str
    # The bot can write to them: they pressed Start and have not blocked it.
    reachable: bool
    report_status: ReportStatus | None
    submitted_at: datetime | None
    on_time: bool

    @property
    def reported(self) -> bool:
        return self.report_status is ReportStatus.SUBMITTED

    @property
    def has_draft(self) -> bool:
        return self.report_status is ReportStatus.DRAFT


@dataclass(frozen=True, kw_only=True)
class SectionProgress:
    section_id: int
    position: int
    title: str
    items: ItemCounts


@dataclass(frozen=True, kw_only=True)
class ItemLine:
    """One plan item of one member, with its status in the month (None: not reported)."""

    member_id: int
    full_name: str
    item_id: int
    section_id: int
    position: int
    text: str
    status: ItemStatus | None
    note: str
    # Chosen by the cell's leaders for the month's models (a done item only).
    exemplary: bool = False


@dataclass(frozen=True, kw_only=True)
class MemberText:
    """A difficulty, a proposal or a free item written in a member's report."""

    member_id: int
    full_name: str
    text: str


@dataclass(frozen=True, kw_only=True)
class CellMonthSummary:
    cell_id: int
    cell_name: str
    year: int
    month: int
    meeting_at: datetime | None
    meeting_cancelled: bool
    # Reports submitted at or before this instant are on time.
    deadline: datetime
    members: tuple[MemberMonthStatus, ...]
    sections: tuple[SectionProgress, ...]
    items: tuple[ItemLine, ...]
    difficulties: tuple[MemberText, ...]
    proposals: tuple[MemberText, ...]
    free_items: tuple[MemberText, ...]
    # The local days the report covers: from the day after the previous month's meeting
    # (else the 1st) to this month's meeting (else the month's last day).
    covers_from: date | None = None
    covers_to: date | None = None

    @property
    def members_total(self) -> int:
        return len(self.members)

    @property
    def reported(self) -> int:
        return sum(1 for m in self.members if m.reported)

    @property
    def reported_on_time(self) -> int:
        return sum(1 for m in self.members if m.on_time)

    @property
    def missing(self) -> tuple[MemberMonthStatus, ...]:
        return tuple(m for m in self.members if not m.reported)

    @property
    def late(self) -> tuple[MemberMonthStatus, ...]:
        return tuple(m for m in self.members if m.reported and not m.on_time)

    @property
    def notes(self) -> tuple[ItemLine, ...]:
        return tuple(line for line in self.items if line.note)

    @property
    def report_rate(self) -> float | None:
        return rate(self.reported, self.members_total)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.reported_on_time, self.members_total)

    @property
    def item_totals(self) -> ItemCounts:
        return sum((s.items for s in self.sections), ItemCounts())


@dataclass(frozen=True, kw_only=True)
class CommitteeRollup:
    committee_id: int
    committee_name: str
    year: int
    month: int
    cells: tuple[CellFigures, ...]

    @property
    def totals(self) -> ReportingFigures:
        return ReportingFigures(
            members_total=sum(c.members_total for c in self.cells),
            reported=sum(c.reported for c in self.cells),
            reported_on_time=sum(c.reported_on_time for c in self.cells),
            items=sum((c.items for c in self.cells), ItemCounts()),
        )


@dataclass(frozen=True, kw_only=True)
class PlanItemLine:
    item_id: int
    section_id: int
    section_title: str
    position: int
    text: str


@dataclass(frozen=True, kw_only=True)
class ItemMonthStatus:
    item_id: int
    status: ItemStatus
    note: str


@dataclass(frozen=True, kw_only=True)
class MonthEvidence:
    """One monthly report of a member (drafts included, marked by ``status``)."""

    month: int
    cell_id: int
    status: ReportStatus
    submitted_at: datetime | None
    on_time: bool
    progress: tuple[ItemMonthStatus, ...]
    difficulties: str
    proposals: str
    free_items: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class MonthCell:
    """The cell a member counts in for a month (the roster's rule, see the module)."""

    month: int
    cell_id: int
    cell_name: str


@dataclass(frozen=True, kw_only=True)
class MemberYearEvidence:
    """What the yearly review of one member rests on.

    ``cells`` has a row for each month of the year the member belonged to a cell; a
    month without one (before joining, after leaving) is nobody's to count.
    ``party_status`` is the member's status now: its history is not kept.
    """

    member_id: int
    full_name: str
    year: int
    plan_status: PlanStatus | None
    items: tuple[PlanItemLine, ...]
    months: tuple[MonthEvidence, ...]
    party_status: PartyStatus = PartyStatus.OFFICIAL
    cells: tuple[MonthCell, ...] = ()

    @property
    def months_reported(self) -> tuple[int, ...]:
        return tuple(m.month for m in self.months if m.status is ReportStatus.SUBMITTED)

    @property
    def months_on_time(self) -> tuple[int, ...]:
        return tuple(m.month for m in self.months if m.on_time)

    def latest_status(self, item_id: int) -> ItemStatus | None:
        """The item's status in the last submitted report that mentions it."""
        latest: ItemStatus | None = None
        for month in self.months:
            if month.status is not ReportStatus.SUBMITTED:
                continue
            for progress in month.progress:
                if progress.item_id == item_id:
                    latest = progress.status
        return latest

    @property
    def items_done(self) -> tuple[int, ...]:
        """Items reported done in at least one submitted month."""
        done = {
            p.item_id
            for m in self.months
            if m.status is ReportStatus.SUBMITTED
            for p in m.progress
            if p.status is ItemStatus.DONE
        }
        return tuple(item.item_id for item in self.items if item.item_id in done)


# --------------------------------------------------------------------------- SQL pieces


@dataclass(frozen=True)
class _Month:
    month: int
    first_day: date
    last_day: date
    # The last instant of the month in the local time zone, in UTC.
    end: datetime


def _month(year: int, month: int, tz: tzinfo) -> _Month:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    end = datetime.combine(following, time(), tz) - timedelta(microseconds=1)
    return _Month(month, first, following - timedelta(days=1), end.astimezone(UTC))


def _periods(year: int, months: Iterable[int], tz: tzinfo) -> Subquery:
    """A small derived table: one row per month asked for, with its bounds."""
    rows = [
        select(
            literal(m.month, Integer).label("month"),
            literal(m.first_day, Date).label("first_day"),
            literal(m.last_day, Date).label("last_day"),
            literal(m.end, UTCDateTime()).label("month_end"),
        )
        for m in (_month(year, month, tz) for month in months)
    ]
    return (rows[0] if len(rows) == 1 else union_all(*rows)).subquery("periods")


def _roster(periods: Subquery, in_cells: Callable[[Any], ColumnElement[bool]]) -> Subquery:
    """(month, cell_id, member_id, month_end): who counts in which cell each month."""
    membership = aliased(CellMembership, name="membership")
    later = aliased(CellMembership, name="later")

    def overlaps(m: Any) -> ColumnElement[bool]:
        return and_(
            m.start_on <= periods.c.last_day,
            or_(m.end_on.is_(None), m.end_on >= periods.c.first_day),
        )

    superseded = (
        exists()
        .where(
            later.member_id == membership.member_id,
            overlaps(later),
            or_(
                later.start_on > membership.start_on,
                and_(later.start_on == membership.start_on, later.id > membership.id),
            ),
        )
        .correlate(membership, periods)
    )
    return (
        select(
            periods.c.month,
            periods.c.month_end,
            membership.cell_id,
            membership.member_id,
        )
        .join_from(periods, membership, overlaps(membership))
        .join(Member, Member.id == membership.member_id)
        .where(in_cells(membership), Member.status.not_in(NOT_COUNTED), ~superseded)
        .subquery("roster")
    )


def _report_of(roster: Subquery, year: int, *, submitted_only: bool) -> ColumnElement[bool]:
    condition = and_(
        ProgressReport.member_id == roster.c.member_id,
        ProgressReport.year == year,
        ProgressReport.month == roster.c.month,
    )
    return (
        and_(condition, ProgressReport.status == ReportStatus.SUBMITTED)
        if submitted_only
        else condition
    )


def _meeting_of(cell_id: Any, year: int, month: Any) -> ColumnElement[bool]:
    """The meeting held (not cancelled) by ``cell_id`` in that month."""
    return and_(
        Meeting.cell_id == cell_id,
        Meeting.year == year,
        Meeting.month == month,
        Meeting.cancelled.is_(false()),
    )


def _on_time(deadline_fallback: Any) -> ColumnElement[bool]:
    deadline = func.coalesce(Meeting.starts_at, deadline_fallback)
    return and_(
        ProgressReport.status == ReportStatus.SUBMITTED,
        ProgressReport.submitted_at <= deadline,
    )


def _figures_select(roster: Subquery, year: int, left: Join, *group: Any) -> Select[Any]:
    """For each ``group`` of ``left`` (which outer-joins the roster): members, reported, on
    time, then planned items and their statuses, from the counters kept on plans and
    reports (``storage.counters``): one pass over the roster, no item row visited."""

    def total(column: Any) -> Any:
        with_plan = case((YearPlan.id.is_not(None), column))
        return func.coalesce(func.sum(with_plan), 0)

    return (
        select(
            *group,
            func.count(roster.c.member_id),
            func.count(ProgressReport.id),
            func.count(case((_on_time(roster.c.month_end), 1))),
            total(YearPlan.items_planned),
            total(ProgressReport.items_done),
            total(ProgressReport.items_in_progress),
            total(ProgressReport.items_not_started),
        )
        .select_from(
            left.outerjoin(ProgressReport, _report_of(roster, year, submitted_only=True))
            .outerjoin(Meeting, _meeting_of(roster.c.cell_id, year, roster.c.month))
            .outerjoin(
                YearPlan, and_(YearPlan.member_id == roster.c.member_id, YearPlan.year == year)
            )
        )
        .group_by(*group)
    )


def _item_counts(row: Sequence[int]) -> ItemCounts:
    planned, done, in_progress, not_started = row
    return ItemCounts(planned=planned, done=done, in_progress=in_progress, not_started=not_started)


def _planned_items(roster: Subquery, year: int) -> Join:
    """Each plan item of the roster's members, with its progress in their submitted report."""
    return (
        roster.join(YearPlan, and_(YearPlan.member_id == roster.c.member_id, YearPlan.year == year))
        .join(PlanItem, PlanItem.plan_id == YearPlan.id)
        .outerjoin(ProgressReport, _report_of(roster, year, submitted_only=True))
        .outerjoin(
            ItemProgress,
            and_(
                ItemProgress.report_id == ProgressReport.id,
                ItemProgress.plan_item_id == PlanItem.id,
            ),
        )
    )


def _in_cell(cell_id: int) -> Callable[[Any], ColumnElement[bool]]:
    return lambda membership: membership.cell_id == cell_id


def _in_committee(committee_id: int) -> Callable[[Any], ColumnElement[bool]]:
    cells = select(Cell.id).where(Cell.committee_id == committee_id).scalar_subquery()
    return lambda membership: membership.cell_id.in_(cells)


def _holding_config(cell_id: int, year: int) -> Any:
    """The year's configuration of the cell's committee, else the national default."""
    committee = select(Cell.committee_id).where(Cell.id == cell_id).scalar_subquery()
    return (
        select(YearConfig.id)
        .where(
            YearConfig.year == year,
            or_(YearConfig.committee_id == committee, YearConfig.committee_id.is_(None)),
        )
        .order_by(YearConfig.committee_id.is_(None))
        .limit(1)
        .scalar_subquery()
    )


def _reachable(telegram_id: int | None, zalo_user_id: str | None, reachable: bool) -> bool:
    return (telegram_id is not None or zalo_user_id is not None) and reachable


# --------------------------------------------------------------------------- queries


async def cell_month_summary(
    session: AsyncSession, cell_id: int, year: int, month: int
) -> CellMonthSummary:
    """Everything a secretary needs about one month of the cell: 5 queries."""
    tz = zone(session)
    cell_name, meeting_at, cancelled, previous = await _cell_month_head(
        session, cell_id, year, month
    )
    bounds = _month(year, month, tz)
    deadline = meeting_at if meeting_at is not None and not cancelled else bounds.end
    roster = _roster(_periods(year, [month], tz), _in_cell(cell_id))
    member_rows = await _cell_member_rows(session, roster, year)
    members = tuple(_member_status(row, deadline) for row in member_rows)
    names = {m.member_id: m.full_name for m in members}
    submitted = [row for row in member_rows if row.status is ReportStatus.SUBMITTED]

    items = await _cell_item_lines(session, roster, year, names)
    section_rows = await _section_rows(session, cell_id, year, items)
    free_rows = await _free_rows(session, roster, year)
    return CellMonthSummary(
        cell_id=cell_id,
        cell_name=cell_name,
        year=year,
        month=month,
        meeting_at=meeting_at,
        meeting_cancelled=bool(cancelled),
        deadline=deadline,
        members=members,
        sections=_sections(section_rows, items),
        items=items,
        difficulties=_texts([(r.id, r.difficulties) for r in submitted], names),
        proposals=_texts([(r.id, r.proposals) for r in submitted], names),
        free_items=_texts(((r.member_id, r.text) for r in free_rows), names),
        covers_from=previous.astimezone(tz).date() + timedelta(days=1)
        if previous is not None
        else bounds.first_day,
        covers_to=deadline.astimezone(tz).date(),
    )


async def _cell_month_head(
    session: AsyncSession, cell_id: int, year: int, month: int
) -> tuple[str, datetime | None, bool | None, datetime | None]:
    """The cell's name, its meeting of the month, and the previous month's meeting if held."""
    before = aliased(Meeting, name="before")
    before_year, before_month = (year, month - 1) if month > 1 else (year - 1, 12)
    head = (
        await session.execute(
            select(Cell.name, Meeting.starts_at, Meeting.cancelled, before.starts_at)
            .outerjoin(
                Meeting,
                and_(Meeting.cell_id == Cell.id, Meeting.year == year, Meeting.month == month),
            )
            .outerjoin(
                before,
                and_(
                    before.cell_id == Cell.id,
                    before.year == before_year,
                    before.month == before_month,
                    before.cancelled == false(),
                ),
            )
            .where(Cell.id == cell_id)
        )
    ).one_or_none()
    if head is None:
        raise LookupError(f"no cell {cell_id}")
    return head[0], head[1], head[2], head[3]


async def _cell_member_rows(session: AsyncSession, roster: Subquery, year: int) -> Sequence[Any]:
    return (
        await session.execute(
            select(
                Member.id,
                Member.full_name,
                Member.telegram_id,
                Member.zalo_user_id,
                Member.reachable,
                ProgressReport.status,
                ProgressReport.submitted_at,
                ProgressReport.difficulties,
                ProgressReport.proposals,
            )
            .select_from(roster)
            .join(Member, Member.id == roster.c.member_id)
            .outerjoin(ProgressReport, _report_of(roster, year, submitted_only=False))
            .order_by(Member.id)
        )
    ).all()


def _member_status(row: Any, deadline: datetime) -> MemberMonthStatus:
    return MemberMonthStatus(
        member_id=row.id,
        full_name=row.full_name,
        reachable=_reachable(row.telegram_id, row.zalo_user_id, row.reachable),
        report_status=row.status,
        submitted_at=row.submitted_at,
        on_time=row.status is ReportStatus.SUBMITTED
        and row.submitted_at is not None
        and row.submitted_at <= deadline,
    )


async def _section_rows(
    session: AsyncSession, cell_id: int, year: int, items: Sequence[ItemLine]
) -> Sequence[Any]:
    """The sections of the configuration that holds for the cell, and any other its
    members' plans are in (a plan keeps the configuration it was made with)."""
    return (
        await session.execute(
            select(PlanSection.id, PlanSection.position, PlanSection.title)
            .where(
                or_(
                    PlanSection.year_config_id == _holding_config(cell_id, year),
                    PlanSection.id.in_({line.section_id for line in items}),
                )
            )
            .order_by(PlanSection.position, PlanSection.id)
        )
    ).all()


async def _free_rows(session: AsyncSession, roster: Subquery, year: int) -> Sequence[Any]:
    return (
        await session.execute(
            select(ProgressReport.member_id, FreeItem.text)
            .select_from(roster)
            .join(ProgressReport, _report_of(roster, year, submitted_only=True))
            .join(FreeItem, FreeItem.report_id == ProgressReport.id)
            .order_by(ProgressReport.member_id, FreeItem.position)
        )
    ).all()


async def _cell_item_lines(
    session: AsyncSession, roster: Subquery, year: int, names: dict[int, str]
) -> tuple[ItemLine, ...]:
    rows = (
        await session.execute(
            select(
                roster.c.member_id,
                PlanItem.id,
                PlanItem.section_id,
                PlanItem.position,
                PlanItem.text,
                ItemProgress.status,
                ItemProgress.note,
                ItemProgress.exemplary,
            )
            .select_from(_planned_items(roster, year))
            .order_by(roster.c.member_id, PlanItem.position, PlanItem.id)
        )
    ).all()
    return tuple(
        ItemLine(
            member_id=row.member_id,
            full_name=names[row.member_id],
            item_id=row.id,
            section_id=row.section_id,
            position=row.position,
            text=row.text,
            status=row.status,
            note=row.note or "",
            exemplary=bool(row.exemplary),
        )
        for row in rows
    )


def _sections(rows: Sequence[Any], items: Sequence[ItemLine]) -> tuple[SectionProgress, ...]:
    # The cell's item lines are already here: counting them again in SQL would only add a query.
    counts: dict[int, dict[ItemStatus | None, int]] = defaultdict(lambda: defaultdict(int))
    for line in items:
        counts[line.section_id][line.status] += 1
    return tuple(
        SectionProgress(
            section_id=row.id,
            position=row.position,
            title=row.title,
            items=ItemCounts(
                planned=sum(counts[row.id].values()),
                done=counts[row.id][ItemStatus.DONE],
                in_progress=counts[row.id][ItemStatus.IN_PROGRESS],
                not_started=counts[row.id][ItemStatus.NOT_STARTED],
            ),
        )
        for row in rows
    )


def _texts(pairs: Iterable[tuple[int, str]], names: dict[int, str]) -> tuple[MemberText, ...]:
    return tuple(
        MemberText(member_id=member_id, full_name=names[member_id], text=text)
        for member_id, text in pairs
        if text and text.strip()
    )


async def committee_month_rollup(
    session: AsyncSession, committee_id: int, year: int, month: int
) -> CommitteeRollup:
    """Each cell's figures for the month: 2 queries however many cells."""
    return (await committee_month_rollups(session, committee_id, year, [month]))[0]


async def committee_month_rollups(
    session: AsyncSession, committee_id: int, year: int, months: Sequence[int]
) -> list[CommitteeRollup]:
    """The month's roll-up for each of ``months``, in their order: 2 queries however many
    cells and months (a committee's trend, a sơ kết's or tổng kết's months)."""
    name = await session.scalar(select(Committee.name).where(Committee.id == committee_id))
    if name is None:
        raise LookupError(f"no committee {committee_id}")
    periods = _periods(year, months, zone(session))
    roster = _roster(periods, _in_committee(committee_id))
    cells_by_month = join(Cell, periods, true())
    figure_rows = (
        await session.execute(
            _figures_select(
                roster,
                year,
                outerjoin(
                    cells_by_month,
                    roster,
                    and_(roster.c.cell_id == Cell.id, roster.c.month == periods.c.month),
                ),
                periods.c.month,
                Cell.id,
                Cell.name,
            )
            .where(Cell.committee_id == committee_id)
            .order_by(periods.c.month, Cell.id)
        )
    ).all()
    cells: dict[int, list[CellFigures]] = defaultdict(list)
    for month, cell_id, cell_name, members, reported, on_time, *items in figure_rows:
        cells[month].append(
            CellFigures(
                cell_id=cell_id,
                cell_name=cell_name,
                members_total=members,
                reported=reported,
                reported_on_time=on_time,
                items=_item_counts(items),
            )
        )
    return [
        CommitteeRollup(
            committee_id=committee_id,
            committee_name=name,
            year=year,
            month=month,
            cells=tuple(cells[month]),
        )
        for month in months
    ]


async def cell_year_series(
    session: AsyncSession,
    cell_id: int,
    year: int,
    *,
    through_month: int = 12,
) -> list[MonthFigures]:
    """Months 1..``through_month`` of the cell's year, for the chart: 1 query."""
    periods = _periods(year, range(1, through_month + 1), zone(session))
    roster = _roster(periods, _in_cell(cell_id))
    figure_rows = (
        await session.execute(
            _figures_select(
                roster,
                year,
                outerjoin(periods, roster, roster.c.month == periods.c.month),
                periods.c.month,
            ).order_by(periods.c.month)
        )
    ).all()
    return [
        MonthFigures(
            month=month,
            members_total=members,
            reported=reported,
            reported_on_time=on_time,
            items=_item_counts(items),
        )
        for month, members, reported, on_time, *items in figure_rows
    ]


async def member_year_evidence(
    session: AsyncSession, member_id: int, year: int
) -> MemberYearEvidence:
    """A member's plan, cells and every report of the year: 6 queries."""
    head = (
        await session.execute(
            select(Member.full_name, Member.party_status, YearPlan.id, YearPlan.status)
            .outerjoin(YearPlan, and_(YearPlan.member_id == Member.id, YearPlan.year == year))
            .where(Member.id == member_id)
        )
    ).one_or_none()
    if head is None:
        raise LookupError(f"no member {member_id}")
    full_name, party_status, plan_id, plan_status = head
    item_rows = await _plan_item_rows(session, plan_id)
    report_rows = await _evidence_report_rows(session, member_id, year, zone(session))
    progress, free = await _evidence_details(session, member_id, year)
    return MemberYearEvidence(
        member_id=member_id,
        full_name=full_name,
        year=year,
        plan_status=plan_status,
        party_status=party_status,
        cells=await _month_cells(session, member_id, year),
        items=tuple(
            PlanItemLine(
                item_id=row.id,
                section_id=row.section_id,
                section_title=row.title,
                position=row.position,
                text=row.text,
            )
            for row in item_rows
        ),
        months=tuple(
            MonthEvidence(
                month=row.month,
                cell_id=row.cell_id,
                status=row.status,
                submitted_at=row.submitted_at,
                on_time=bool(row.on_time),
                progress=tuple(progress[row.id]),
                difficulties=row.difficulties,
                proposals=row.proposals,
                free_items=tuple(free[row.id]),
            )
            for row in report_rows
        ),
    )


async def _month_cells(session: AsyncSession, member_id: int, year: int) -> tuple[MonthCell, ...]:
    roster = _roster(
        _periods(year, range(1, 13), zone(session)), lambda m: m.member_id == member_id
    )
    rows = await session.execute(
        select(roster.c.month, roster.c.cell_id, Cell.name)
        .join(Cell, Cell.id == roster.c.cell_id)
        .order_by(roster.c.month)
    )
    return tuple(MonthCell(month=m, cell_id=c, cell_name=n) for m, c, n in rows)


async def _plan_item_rows(session: AsyncSession, plan_id: int | None) -> Sequence[Any]:
    return (
        await session.execute(
            select(
                PlanItem.id,
                PlanItem.section_id,
                PlanSection.title,
                PlanItem.position,
                PlanItem.text,
            )
            .join(PlanSection, PlanSection.id == PlanItem.section_id)
            .where(PlanItem.plan_id == plan_id)
            .order_by(PlanSection.position, PlanItem.position, PlanItem.id)
        )
    ).all()


async def _evidence_report_rows(
    session: AsyncSession, member_id: int, year: int, tz: tzinfo
) -> Sequence[Any]:
    periods = _periods(year, range(1, 13), tz)
    return (
        await session.execute(
            select(
                ProgressReport.id,
                ProgressReport.month,
                ProgressReport.cell_id,
                ProgressReport.status,
                ProgressReport.submitted_at,
                ProgressReport.difficulties,
                ProgressReport.proposals,
                _on_time(periods.c.month_end).label("on_time"),
            )
            .select_from(ProgressReport)
            .join(periods, periods.c.month == ProgressReport.month)
            .outerjoin(Meeting, _meeting_of(ProgressReport.cell_id, year, ProgressReport.month))
            .where(ProgressReport.member_id == member_id, ProgressReport.year == year)
            .order_by(ProgressReport.month)
        )
    ).all()


async def _evidence_details(
    session: AsyncSession, member_id: int, year: int
) -> tuple[dict[int, list[ItemMonthStatus]], dict[int, list[str]]]:
    """Each report's item statuses and free items, by report id."""
    of_member = and_(ProgressReport.member_id == member_id, ProgressReport.year == year)
    progress_rows = (
        await session.execute(
            select(
                ItemProgress.report_id,
                ItemProgress.plan_item_id,
                ItemProgress.status,
                ItemProgress.note,
            )
            .join(ProgressReport, ProgressReport.id == ItemProgress.report_id)
            .where(of_member)
            .order_by(ItemProgress.id)
        )
    ).all()
    free_rows = (
        await session.execute(
            select(FreeItem.report_id, FreeItem.text)
            .join(ProgressReport, ProgressReport.id == FreeItem.report_id)
            .where(of_member)
            .order_by(FreeItem.report_id, FreeItem.position)
        )
    ).all()
    progress: dict[int, list[ItemMonthStatus]] = defaultdict(list)
    for row in progress_rows:
        progress[row.report_id].append(
            ItemMonthStatus(item_id=row.plan_item_id, status=row.status, note=row.note or "")
        )
    free: dict[int, list[str]] = defaultdict(list)
    for report_id, text in free_rows:
        free[report_id].append(text)
    return progress, free
