"""History: the months of a year with their report status; open one to read it."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Button, Column, Row, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.member.common import (
    actor_of,
    clear_messages,
    local_day,
    menu_button,
    message_lines,
    messages_data,
    now_of,
    page_data,
    pager,
    reset_page,
    show_error,
    transaction,
)
from dialogs.member.report import report_blocks
from dialogs.states import HistorySG
from dialogs.widgets import I18NFormat, I18NPlain
from domain import reports
from domain.errors import DomainError, NotFound
from domain.members import local_date
from domain.vocabulary import ReportStatus
from locales import t

YEAR, MONTH = "year", "month"


def _month_label(line: reports.MonthLine) -> str:
    if line.status is ReportStatus.SUBMITTED and line.submitted_at is not None:
        return t("history-month-submitted", month=line.month, date=local_day(line.submitted_at))
    if line.status is ReportStatus.DRAFT:
        return t("history-month-draft", month=line.month)
    return t("history-month-missing", month=line.month)


async def months_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    today = local_date(now_of(dialog_manager))
    year = int(dialog_manager.dialog_data.setdefault(YEAR, today.year))
    try:
        async with transaction(dialog_manager) as session:
            lines = await reports.year_history(session, actor_of(dialog_manager), year)
    except DomainError as error:
        show_error(dialog_manager, error)
        lines = []
    # Months after this one have nothing to show yet.
    shown = [
        line
        for line in lines
        if (line.year, line.month) <= (today.year, today.month) or line.status is not None
    ]
    return {
        **messages_data(dialog_manager),
        "year": str(year),
        "months": [{"id": line.month, "label": _month_label(line)} for line in shown],
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
            report = await reports.read_report(session, actor_of(dialog_manager), year, month)
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


async def on_month(_: CallbackQuery, __: Any, manager: DialogManager, month: str) -> None:
    clear_messages(manager)
    reset_page(manager)
    if month.isdigit() and 1 <= int(month) <= 12:
        manager.dialog_data[MONTH] = int(month)
        await manager.switch_to(HistorySG.report)


async def on_prev_year(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    manager.dialog_data[YEAR] = int(manager.dialog_data[YEAR]) - 1


async def on_next_year(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    manager.dialog_data[YEAR] = int(manager.dialog_data[YEAR]) + 1


async def on_back(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    reset_page(manager)


def history_dialog() -> Dialog:
    return Dialog(
        Window(
            *message_lines(),
            I18NFormat("history-months"),
            Column(
                Select(
                    Format("{item[label]}"),
                    id="hm",
                    item_id_getter=lambda m: m["id"],
                    items="months",
                    on_click=on_month,
                )
            ),
            Row(
                Button(
                    I18NPlain("history-prev-year"),
                    id="py",
                    on_click=on_prev_year,
                    when="has_prev_year",
                ),
                Button(
                    I18NPlain("history-next-year"),
                    id="ny",
                    on_click=on_next_year,
                    when="has_next_year",
                ),
            ),
            menu_button(),
            state=HistorySG.months,
            getter=months_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("history-report", when="ready"),
            I18NFormat("member-page-number", when="paged"),
            pager(),
            SwitchTo(I18NPlain("button-back"), id="back", state=HistorySG.months, on_click=on_back),
            state=HistorySG.report,
            getter=report_getter,
        ),
    )
