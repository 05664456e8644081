"""The monthly progress report: per plan item a status and a note, other deeds,
difficulties and proposals.

The report of month M is discussed at month M's meeting. It may be written from
the moment M is the month of the next meeting until a grace period after M's
meeting; a later month is refused. Every step is saved at once as a DRAFT row,
so a member who leaves halfway, or whose bot restarted, resumes where they were.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar import ensure_meetings, month_after, next_meetings
from domain.errors import DomainError, NotFound
from domain.members import local_date
from domain.permissions import Action, Actor, require
from domain.plans import find_plan
from domain.text import LONG_TEXT, NOTE, PLAN_ITEM, clean
from domain.vocabulary import ItemStatus, ReportStatus
from storage.counters import counters_after_setting
from storage.db import zone
from storage.models import FreeItem, ItemProgress, PlanItem, ProgressReport, YearPlan
from storage.upsert import insert_for

# How long after a month's meeting its report may still be written or corrected.
REPORT_GRACE = timedelta(days=3)
MAX_FREE_ITEMS = 20


@dataclass(frozen=True)
class ItemLine:
    """A plan item in a report: what was planned and how it went this month."""

    item_id: int
    section_title: str
    text: str
    status: ItemStatus | None
    note: str


@dataclass(frozen=True)
class FreeLine:
    id: int
    text: str


@dataclass(frozen=True)
class Report:
    id: int
    member_id: int
    year: int
    month: int
    status: ReportStatus
    items: tuple[ItemLine, ...]
    free_items: tuple[FreeLine, ...]
    difficulties: str
    proposals: str
    submitted_at: datetime | None
    editable_until: datetime | None  # None when read outside its window

    @property
    def submitted(self) -> bool:
        return self.status is ReportStatus.SUBMITTED

    def first_unanswered(self) -> int | None:
        """Index of the first plan item without a status: where a member resumes."""
        for index, line in enumerate(self.items):
            if line.status is None:
                return index
        return None

    def item(self, item_id: int) -> ItemLine:
        for line in self.items:
            if line.item_id == item_id:
                return line
        raise NotFound("error-report-item-not-found", item_id=item_id)


@dataclass(frozen=True)
class MonthLine:
    """A month of the year in the member's history."""

    year: int
    month: int
    status: ReportStatus | None
    submitted_at: datetime | None


async def current_month(
    session: AsyncSession, actor: Actor | None, now: datetime
) -> tuple[int, int]:
    """The month of the cell's next meeting: the report a member is asked for now."""
    actor = require(actor, Action.OWN_REPORT)
    return await reporting_month(session, _cell_of(actor), now)


async def reporting_month(session: AsyncSession, cell_id: int, now: datetime) -> tuple[int, int]:
    """The month the cell is reporting for at ``now``: that of its next meeting."""
    upcoming = await next_meetings(session, cell_id, now, 1)
    if upcoming:
        return upcoming[0].year, upcoming[0].month
    today = local_date(now, zone(session))
    return today.year, today.month


async def open_months(
    session: AsyncSession, actor: Actor | None, now: datetime, grace: timedelta = REPORT_GRACE
) -> list[tuple[int, int]]:
    """Months whose report may be written now, the most recent first."""
    actor = require(actor, Action.OWN_REPORT)
    year, month = await current_month(session, actor, now)
    months = [(year, month)]
    # A meeting is at most a few weeks late: the two months before cover every grace period.
    for back in (1, 2):
        earlier = month_after(year, month, -back)
        if now <= await _meeting_start(session, _cell_of(actor), *earlier, now) + grace:
            months.append(earlier)
    return months


async def report_deadline(
    session: AsyncSession,
    actor: Actor | None,
    year: int,
    month: int,
    now: datetime,
    grace: timedelta = REPORT_GRACE,
) -> datetime:
    """Until when the report of that month may be written; a refusal if not now."""
    actor = require(actor, Action.OWN_REPORT)
    if not 1 <= month <= 12:
        raise DomainError("error-report-month-invalid", month=month)
    # A use case asks again after its write (same transaction, same moment): answer once.
    known: dict[tuple[object, ...], datetime] = session.info.setdefault("report_deadlines", {})
    key = (_cell_of(actor), year, month, now, grace)
    if key in known:
        return known[key]
    current = await current_month(session, actor, now)
    if (year, month) > current:
        raise DomainError("error-report-future-month", month=month, year=str(year))
    deadline = await _meeting_start(session, _cell_of(actor), year, month, now) + grace
    if now > deadline:
        raise DomainError(
            "error-report-closed",
            month=month,
            year=str(year),
            date=local_date(deadline, zone(session)).strftime("%d/%m/%Y"),
        )
    known[key] = deadline
    return deadline


async def open_report(
    session: AsyncSession,
    actor: Actor | None,
    year: int,
    month: int,
    now: datetime,
    grace: timedelta = REPORT_GRACE,
) -> Report:
    """The actor's report of that month, started as a draft the first time."""
    actor = require(actor, Action.OWN_REPORT)
    deadline = await report_deadline(session, actor, year, month, now, grace)
    report = await _own_month(session, actor, year, month)
    if report is None:
        report = ProgressReport(
            member_id=actor.member_id,
            cell_id=_cell_of(actor),
            year=year,
            month=month,
            status=ReportStatus.DRAFT,
            difficulties="",
            proposals="",
            created_at=now,
            updated_at=now,
        )
        session.add(report)
        await session.flush()
    return await _view(session, actor, report, deadline)


async def read_report(
    session: AsyncSession, actor: Actor | None, year: int, month: int
) -> Report | None:
    """The actor's own report of a month, to read (history); None if never started."""
    actor = require(actor, Action.OWN_REPORT)
    report = await _own_month(session, actor, year, month)
    return await _view(session, actor, report, None) if report is not None else None


async def year_history(session: AsyncSession, actor: Actor | None, year: int) -> list[MonthLine]:
    """Every month of ``year`` with the actor's report status, in one query."""
    actor = require(actor, Action.OWN_REPORT)
    rows = await session.execute(
        select(ProgressReport.month, ProgressReport.status, ProgressReport.submitted_at).where(
            ProgressReport.member_id == actor.member_id, ProgressReport.year == year
        )
    )
    found = {month: (status, at) for month, status, at in rows}
    return [MonthLine(year, month, *found.get(month, (None, None))) for month in range(1, 13)]


async def set_item_status(
    session: AsyncSession,
    actor: Actor | None,
    report_id: int,
    item_id: int,
    status: ItemStatus,
    now: datetime,
    grace: timedelta = REPORT_GRACE,
    known: Report | None = None,
) -> Report:
    """``known``: the report as this actor last saw it in the same conversation (its
    deadline and plan items); the status is then written without reading them again."""
    actor = require(actor, Action.OWN_REPORT)
    if _still_open(known, actor, report_id, now):
        assert known is not None
        return await _set_known_status(session, actor, known, item_id, status, now)
    report = await _writable(session, actor, report_id, now, grace)
    # An item of another plan, or of another year's, is refused here.
    planned = await session.scalar(
        select(PlanItem.id)
        .join(YearPlan, YearPlan.id == PlanItem.plan_id)
        .where(
            PlanItem.id == item_id,
            YearPlan.member_id == actor.member_id,
            YearPlan.year == report.year,
        )
    )
    if planned is None:
        raise NotFound("error-report-item-not-found", item_id=item_id)
    progress = await _progress(session, report.id, item_id)
    if progress is None:
        session.add(ItemProgress(report_id=report.id, plan_item_id=item_id, status=status, note=""))
    else:
        progress.status = status
    return await _saved(session, actor, report, now, grace)


def _still_open(known: Report | None, actor: Actor, report_id: int, now: datetime) -> bool:
    return (
        known is not None
        and known.id == report_id
        and known.member_id == actor.member_id
        and known.editable_until is not None
        and now <= known.editable_until
    )


async def _set_known_status(
    session: AsyncSession,
    actor: Actor,
    known: Report,
    item_id: int,
    status: ItemStatus,
    now: datetime,
) -> Report:
    """Two statements: touch the actor's report (gone: refused) and set its counters,
    upsert the item's row."""
    known.item(item_id)  # an item of another plan, or of another year's, is refused here
    touched = await session.execute(
        update(ProgressReport)
        .where(ProgressReport.id == known.id, ProgressReport.member_id == actor.member_id)
        .values(updated_at=now, **counters_after_setting(item_id, status))
    )
    if touched.rowcount == 0:  # type: ignore[attr-defined]
        raise NotFound("error-report-not-found", report_id=known.id)
    insert = insert_for(session)
    await session.execute(
        insert(ItemProgress)
        .values(report_id=known.id, plan_item_id=item_id, status=status, note="")
        .on_conflict_do_update(
            index_elements=[ItemProgress.report_id, ItemProgress.plan_item_id],
            set_={"status": status},
        )
    )
    lines = tuple(
        replace(line, status=status) if line.item_id == item_id else line for line in known.items
    )
    return replace(known, items=lines)


async def set_item_note(
    session: AsyncSession,
    actor: Actor | None,
    report_id: int,
    item_id: int,
    note: str | None,
    now: datetime,
    grace: timedelta = REPORT_GRACE,
) -> Report:
    """A short note on an item already marked; ``None`` removes the note."""
    actor = require(actor, Action.OWN_REPORT)
    value = clean(note, NOTE) if note is not None else ""
    report = await _writable(session, actor, report_id, now, grace)
    progress = await _progress(session, report.id, item_id)
    if progress is None:
        raise DomainError("error-report-status-first")
    progress.note = value
    return await _saved(session, actor, report, now, grace)


async def add_free_item(
    session: AsyncSession,
    actor: Actor | None,
    report_id: int,
    text: str,
    now: datetime,
    grace: timedelta = REPORT_GRACE,
) -> Report:
    """A deed of the month that is not in the plan."""
    actor = require(actor, Action.OWN_REPORT)
    value = clean(text, PLAN_ITEM)
    report = await _writable(session, actor, report_id, now, grace)
    existing = list(
        await session.scalars(select(FreeItem.position).where(FreeItem.report_id == report.id))
    )
    if len(existing) >= MAX_FREE_ITEMS:
        raise DomainError("error-report-too-many-free-items", max=MAX_FREE_ITEMS)
    session.add(FreeItem(report_id=report.id, position=max(existing, default=0) + 1, text=value))
    return await _saved(session, actor, report, now, grace)


async def delete_free_item(
    session: AsyncSession,
    actor: Actor | None,
    report_id: int,
    free_item_id: int,
    now: datetime,
    grace: timedelta = REPORT_GRACE,
) -> Report:
    actor = require(actor, Action.OWN_REPORT)
    report = await _writable(session, actor, report_id, now, grace)
    item = await session.scalar(
        select(FreeItem).where(FreeItem.id == free_item_id, FreeItem.report_id == report.id)
    )
    if item is None:
        raise NotFound("error-report-item-not-found", item_id=free_item_id)
    await session.delete(item)
    return await _saved(session, actor, report, now, grace)


async def set_difficulties(
    session: AsyncSession,
    actor: Actor | None,
    report_id: int,
    text: str | None,
    now: datetime,
    grace: timedelta = REPORT_GRACE,
) -> Report:
    """Difficulties met this month; ``None`` means none."""
    actor = require(actor, Action.OWN_REPORT)
    value = clean(text, LONG_TEXT) if text is not None else ""
    report = await _writable(session, actor, report_id, now, grace)
    report.difficulties = value
    return await _saved(session, actor, report, now, grace)


async def set_proposals(
    session: AsyncSession,
    actor: Actor | None,
    report_id: int,
    text: str | None,
    now: datetime,
    grace: timedelta = REPORT_GRACE,
) -> Report:
    """Proposals to the cell; ``None`` means none."""
    actor = require(actor, Action.OWN_REPORT)
    value = clean(text, LONG_TEXT) if text is not None else ""
    report = await _writable(session, actor, report_id, now, grace)
    report.proposals = value
    return await _saved(session, actor, report, now, grace)


async def submit_report(
    session: AsyncSession,
    actor: Actor | None,
    report_id: int,
    now: datetime,
    grace: timedelta = REPORT_GRACE,
) -> Report:
    """Send the report; a report already sent stays sent and keeps its first time."""
    actor = require(actor, Action.OWN_REPORT)
    report = await _writable(session, actor, report_id, now, grace)
    view = await _view(session, actor, report, None)
    missing = sum(1 for line in view.items if line.status is None)
    if missing:
        raise DomainError("error-report-items-missing", count=missing)
    if not view.items and not view.free_items:
        raise DomainError("error-report-empty")
    if report.status is not ReportStatus.SUBMITTED:
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = now
    return await _saved(session, actor, report, now, grace)


# Internals --------------------------------------------------------------------------


def _cell_of(actor: Actor | None) -> int:
    actor = require(actor, Action.OWN_REPORT)
    assert actor.cell_id is not None  # OWN_REPORT requires a cell
    return actor.cell_id


async def _meeting_start(
    session: AsyncSession, cell_id: int, year: int, month: int, now: datetime
) -> datetime:
    meetings = await ensure_meetings(session, cell_id, date(year, month, 1), 1, now=now)
    return meetings[0].starts_at


async def _own_month(
    session: AsyncSession, actor: Actor, year: int, month: int
) -> ProgressReport | None:
    return await session.scalar(
        select(ProgressReport).where(
            ProgressReport.member_id == actor.member_id,
            ProgressReport.year == year,
            ProgressReport.month == month,
        )
    )


async def _writable(
    session: AsyncSession, actor: Actor | None, report_id: int, now: datetime, grace: timedelta
) -> ProgressReport:
    """The actor's own report, inside its window; any other id is refused as not found."""
    actor = require(actor, Action.OWN_REPORT)
    report = await session.scalar(
        select(ProgressReport).where(
            ProgressReport.id == report_id, ProgressReport.member_id == actor.member_id
        )
    )
    if report is None:
        raise NotFound("error-report-not-found", report_id=report_id)
    await report_deadline(session, actor, report.year, report.month, now, grace)
    return report


async def _progress(session: AsyncSession, report_id: int, item_id: int) -> ItemProgress | None:
    return await session.scalar(
        select(ItemProgress).where(
            ItemProgress.report_id == report_id, ItemProgress.plan_item_id == item_id
        )
    )


async def _saved(
    session: AsyncSession,
    actor: Actor,
    report: ProgressReport,
    now: datetime,
    grace: timedelta,
) -> Report:
    report.updated_at = now
    await session.flush()
    deadline = await report_deadline(session, actor, report.year, report.month, now, grace)
    return await _view(session, actor, report, deadline)


async def _view(
    session: AsyncSession, actor: Actor, report: ProgressReport, deadline: datetime | None
) -> Report:
    plan = await find_plan(session, actor, report.year)
    progress = {
        row.plan_item_id: row
        for row in await session.scalars(
            select(ItemProgress).where(ItemProgress.report_id == report.id)
        )
    }
    lines: list[ItemLine] = []
    if plan is not None:
        titles = {section.id: section.title for section in plan.sections}
        for item in plan.items:
            done = progress.get(item.id)
            lines.append(
                ItemLine(
                    item.id,
                    titles.get(item.section_id, ""),
                    item.text,
                    done.status if done else None,
                    done.note if done else "",
                )
            )
    free = await session.scalars(
        select(FreeItem)
        .where(FreeItem.report_id == report.id)
        .order_by(FreeItem.position, FreeItem.id)
    )
    return Report(
        id=report.id,
        member_id=report.member_id,
        year=report.year,
        month=report.month,
        status=report.status,
        items=tuple(lines),
        free_items=tuple(FreeLine(row.id, row.text) for row in free),
        difficulties=report.difficulties,
        proposals=report.proposals,
        submitted_at=report.submitted_at,
        editable_until=deadline,
    )
