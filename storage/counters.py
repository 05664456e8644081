"""Item counters kept next to the rows they count, so that summaries read one row per plan
or report instead of visiting every ``item_progress`` row.

``year_plans.items_planned`` is the number of the plan's items; ``progress_reports``'
``items_done``, ``items_in_progress`` and ``items_not_started`` count the report's
``item_progress`` rows by status. Every ORM flush that adds, deletes or re-points a plan
item, or adds, deletes or changes the status of an item's progress, recounts the plans
and reports concerned in the flush's own transaction (``_recount_after_flush``), so no
write path can forget them. Deleting a plan item also deletes, by the foreign key's
cascade, its progress in the member's reports of that year: those reports are recounted
too, and so are the reports of a deleted plan's member and year.

A bulk ``update()`` or ``delete()`` on ``plan_items`` or ``item_progress`` bypasses the
flush: one that changes what is counted calls ``recount`` itself (none does today; the
bulk writes there blank texts or move items between sections).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, event, exists, func, inspect, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from domain.vocabulary import ItemStatus
from storage.models import ItemProgress, PlanItem, ProgressReport, YearPlan

REPORT_COUNTERS = {
    "items_done": ItemStatus.DONE,
    "items_in_progress": ItemStatus.IN_PROGRESS,
    "items_not_started": ItemStatus.NOT_STARTED,
}


def _progress_count(status: ItemStatus) -> Any:
    return (
        select(func.count())
        .where(ItemProgress.report_id == ProgressReport.id, ItemProgress.status == status)
        .scalar_subquery()
    )


def counters_after_setting(item_id: int, status: ItemStatus) -> dict[str, Any]:
    """The report's counters once ``item_id``'s row has ``status``, as values for an UPDATE
    of ``progress_reports`` made before that row is written (a write outside the ORM)."""
    return {
        column: select(func.count())
        .where(
            ItemProgress.report_id == ProgressReport.id,
            ItemProgress.plan_item_id != item_id,
            ItemProgress.status == counted,
        )
        .scalar_subquery()
        + int(counted is status)
        for column, counted in REPORT_COUNTERS.items()
    }


def recount(
    connection: Connection,
    *,
    report_ids: Collection[int] = (),
    plan_ids: Collection[int] = (),
    reports_of_plans: Collection[int] = (),
    member_years: Collection[tuple[int, int]] = (),
) -> None:
    """Set from their rows the counters of those plans and reports, of the reports of
    those plans' members and years, and of every report of those (member, year).
    ``updated_at`` is kept: a count is not an edit."""
    if plan_ids:
        planned = select(func.count()).where(PlanItem.plan_id == YearPlan.id).scalar_subquery()
        connection.execute(
            sql_update(YearPlan)
            .where(YearPlan.id.in_(plan_ids))
            .values(items_planned=planned, updated_at=YearPlan.updated_at)
        )
    chosen: list[ColumnElement[bool]] = [ProgressReport.id.in_(report_ids)] if report_ids else []
    if reports_of_plans:
        chosen.append(
            exists().where(
                YearPlan.id.in_(reports_of_plans),
                YearPlan.member_id == ProgressReport.member_id,
                YearPlan.year == ProgressReport.year,
            )
        )
    chosen += [
        and_(ProgressReport.member_id == member_id, ProgressReport.year == year)
        for member_id, year in member_years
    ]
    if chosen:
        connection.execute(
            sql_update(ProgressReport)
            .where(or_(*chosen))
            .values(
                updated_at=ProgressReport.updated_at,
                **{column: _progress_count(status) for column, status in REPORT_COUNTERS.items()},
            )
        )


def _values(obj: Any, key: str) -> list[Any]:
    """The attribute's value before and after the flush (no SQL: unloaded gives nothing)."""
    history = inspect(obj).attrs[key].history
    return [v for v in (*history.added, *history.unchanged, *history.deleted) if v is not None]


def _changed(obj: Any, *keys: str) -> bool:
    return any(inspect(obj).attrs[key].history.has_changes() for key in keys)


def _touched(session: Session) -> Iterable[tuple[Any, bool]]:
    """(object, whether it was new or deleted) for everything the flush wrote."""
    for obj in session.new:
        yield obj, True
    for obj in session.deleted:
        yield obj, True
    for obj in session.dirty:
        yield obj, False


@event.listens_for(Session, "after_flush")
def _recount_after_flush(session: Session, _context: Any) -> None:
    reports: set[int] = set()
    plans: set[int] = set()
    emptied: set[int] = set()
    member_years: set[tuple[int, int]] = set()
    for obj, whole in _touched(session):
        if isinstance(obj, ItemProgress) and (whole or _changed(obj, "status", "report_id")):
            reports.update(_values(obj, "report_id"))
        elif isinstance(obj, PlanItem) and (whole or _changed(obj, "plan_id")):
            plans.update(_values(obj, "plan_id"))
            if obj in session.deleted:
                emptied.update(_values(obj, "plan_id"))
        elif isinstance(obj, YearPlan) and obj in session.deleted:
            member_years.update(zip(_values(obj, "member_id"), _values(obj, "year"), strict=False))
    if reports or plans or member_years:
        recount(
            session.connection(),
            report_ids=reports,
            plan_ids=plans,
            reports_of_plans=emptied,
            member_years=member_years,
        )
