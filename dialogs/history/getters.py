"""The history dialog: what its windows show."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    actor_of,
    attempt,
    local_day,
    messages_data,
    now_of,
    page_data,
    show_error,
    transaction,
    tz_of,
)
from dialogs.report.getters import report_blocks
from domain import reports
from domain.errors import DomainError, NotFound
from domain.members import local_date
from domain.vocabulary import ReportStatus
from locales import t

YEAR, MONTH = "year", "month"


def _month_label(line: reports.MonthLine, tz: tzinfo) -> str:
    if line.status is ReportStatus.SUBMITTED and line.submitted_at is not None:
        return t("history-month-submitted", month=line.month, date=local_day(line.submitted_at, tz))
    if line.status is ReportStatus.DRAFT:
        return t("history-month-draft", month=line.month)
    return t("history-month-missing", month=line.month)


async def months_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    today = local_date(now_of(dialog_manager), tz_of(dialog_manager))
    year = int(dialog_manager.dialog_data.setdefault(YEAR, today.year))
    lines = await attempt(dialog_manager, lambda s, a: reports.year_history(s, a, year)) or []
    # Months after this one have nothing to show yet.
    shown = [
        line
        for line in lines
        if (line.year, line.month) <= (today.year, today.month) or line.status is not None
    ]
    return {
        **messages_data(dialog_manager),
        "year": str(year),
        "months": [
            {"id": line.month, "label": _month_label(line, tz_of(dialog_manager))} for line in shown
        ],
        "has_prev_year": True,
        "has_next_year": year < today.year,
        "prev_year": str(year - 1),
        "next_year": str(year + 1),
        "submitted": sum(1 for line in lines if line.status is ReportStatus.SUBMITTED),
    }


async def report_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    year = int(dialog_manager.dialog_data[YEAR])
    month = int(dialog_manager.dialog_data[MONTH])
    data: dict[str, Any] = {"year": str(year), "month": month}
    try:
        async with transaction(dialog_manager) as session:
            report = await reports.read_report(session, await actor_of(dialog_manager), year, month)
        if report is None:
            raise NotFound("error-report-not-found", report_id=0)
    except DomainError as error:
        show_error(dialog_manager, error)
        data.update(messages_data(dialog_manager), ready=False)
        return data
    data.update(
        messages_data(dialog_manager),
        ready=True,
        state_text=t("report-state-submitted") if report.submitted else t("report-state-draft"),
        **page_data(dialog_manager, report_blocks(report), "body"),
    )
    return data
