"""The report dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button

from dialogs.common import (
    actor_of,
    attempt,
    button_id,
    clear_messages,
    now_of,
    reset_page,
    show_error,
    show_notice,
    transaction,
)
from dialogs.report.getters import INDEX, MONTH, YEAR, keep_view, open_report
from dialogs.states import PlanSG, ReportSG
from domain import reports
from domain.errors import DomainError
from locales import html


def _resume_state(report: reports.Report) -> tuple[State, int]:
    """Where a member lands when opening a report: the first item still unanswered."""
    if report.submitted:
        return ReportSG.preview, 0
    if not report.items:
        if not report.free_items:
            return ReportSG.no_plan, 0
        return ReportSG.preview, 0
    index = report.first_unanswered()
    if index is not None:
        return ReportSG.item, index
    return ReportSG.preview, 0


async def _route(manager: DialogManager) -> None:
    report = await open_or_error(manager)
    if report is None:
        await manager.switch_to(ReportSG.preview)
        return
    state, index = _resume_state(report)
    manager.dialog_data[INDEX] = index
    await manager.switch_to(state)


async def on_start(_: Any, manager: DialogManager) -> None:
    start = manager.start_data if isinstance(manager.start_data, dict) else {}
    now = now_of(manager)
    months = await attempt(manager, lambda s, a: reports.open_months(s, a, now))
    if months is None:
        await manager.switch_to(ReportSG.preview)
        return
    manager.dialog_data["months"] = [list(month) for month in months]
    year, month = months[0]
    manager.dialog_data[YEAR] = int(start.get(YEAR) or year)
    manager.dialog_data[MONTH] = int(start.get(MONTH) or month)
    await _route(manager)


async def save(manager: DialogManager, change: Any) -> reports.Report | None:
    """Apply one change to the member's report; a refusal is shown in the window."""
    clear_messages(manager)
    report_id: int | None = None
    try:
        report_id = (await open_report(manager)).id
        async with transaction(manager) as session:
            saved: reports.Report = await change(
                session, await actor_of(manager), report_id, now_of(manager)
            )
    except DomainError as error:
        keep_view(manager, None)
        show_error(manager, error)
        return None
    if (saved.year, saved.month) == (manager.dialog_data.get(YEAR), manager.dialog_data.get(MONTH)):
        keep_view(manager, saved)
    return saved


def current_item(manager: DialogManager, report: reports.Report) -> int:
    index = min(int(manager.dialog_data.get(INDEX, 0)), len(report.items) - 1)
    return report.items[index].item_id


async def _advance(manager: DialogManager, report: reports.Report) -> None:
    index = int(manager.dialog_data.get(INDEX, 0)) + 1
    if index < len(report.items):
        manager.dialog_data[INDEX] = index
        await manager.switch_to(ReportSG.item)
    else:
        reset_page(manager)
        await manager.switch_to(ReportSG.free)


async def open_or_error(manager: DialogManager) -> reports.Report | None:
    try:
        return await open_report(manager)
    except DomainError as error:
        show_error(manager, error)
        return None


async def on_note(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    report = await open_or_error(manager)
    if report is None or not report.items:
        return
    item_id = current_item(manager, report)
    saved = await save(manager, lambda s, a, r, n: reports.set_item_note(s, a, r, item_id, text, n))
    if saved is not None:
        await _advance(manager, saved)


async def on_skip_note(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    report = await open_or_error(manager)
    if report is not None:
        await _advance(manager, report)


async def on_clear_note(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    report = await open_or_error(manager)
    if report is None or not report.items:
        return
    item_id = current_item(manager, report)
    saved = await save(manager, lambda s, a, r, n: reports.set_item_note(s, a, r, item_id, None, n))
    if saved is not None:
        await _advance(manager, saved)


async def on_prev_item(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    manager.dialog_data[INDEX] = max(0, int(manager.dialog_data.get(INDEX, 0)) - 1)


async def on_next_item(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    manager.dialog_data[INDEX] = int(manager.dialog_data.get(INDEX, 0)) + 1


async def on_edit_items(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    manager.dialog_data[INDEX] = 0
    await manager.switch_to(ReportSG.item)


async def on_add_free(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await save(manager, lambda s, a, r, n: reports.add_free_item(s, a, r, text, n)):
        show_notice(manager, html("report-free-added"))
        manager.dialog_data["page"] = 1 << 20


async def on_delete_free(_: CallbackQuery, __: Any, manager: DialogManager, free_id: str) -> None:
    chosen = button_id(free_id)
    if chosen is None:
        return
    if await save(manager, lambda s, a, r, n: reports.delete_free_item(s, a, r, chosen, n)):
        show_notice(manager, html("report-free-deleted"))


async def on_difficulties(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await save(manager, lambda s, a, r, n: reports.set_difficulties(s, a, r, text, n)):
        await manager.switch_to(ReportSG.proposals)


async def on_no_difficulties(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    if await save(manager, lambda s, a, r, n: reports.set_difficulties(s, a, r, None, n)):
        await manager.switch_to(ReportSG.proposals)


async def on_proposals(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await save(manager, lambda s, a, r, n: reports.set_proposals(s, a, r, text, n)):
        reset_page(manager)
        await manager.switch_to(ReportSG.preview)


async def on_no_proposals(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    if await save(manager, lambda s, a, r, n: reports.set_proposals(s, a, r, None, n)):
        reset_page(manager)
        await manager.switch_to(ReportSG.preview)


async def on_submit(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    if await save(manager, reports.submit_report):
        show_notice(manager, html("report-submitted-notice"))


async def on_month(_: CallbackQuery, __: Any, manager: DialogManager, value: str) -> None:
    clear_messages(manager)
    year, _sep, month = value.partition("-")
    if button_id(year) is None or button_id(month) is None:
        return
    previous = manager.dialog_data[YEAR], manager.dialog_data[MONTH]
    manager.dialog_data[YEAR], manager.dialog_data[MONTH] = int(year), int(month)
    try:
        await open_report(manager)
    except DomainError as error:
        manager.dialog_data[YEAR], manager.dialog_data[MONTH] = previous
        show_error(manager, error)
        return
    reset_page(manager)
    await _route(manager)


async def on_plan_closed(_: Any, __: Any, manager: DialogManager) -> None:
    """Back from the plan dialog: its items may have changed, so the report is read again."""
    keep_view(manager, None)


async def on_make_plan(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    """The plan of the report's year, which in December may be next year's."""
    await manager.start(PlanSG.overview, {"year": int(manager.dialog_data[YEAR])})
