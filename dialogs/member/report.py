"""The monthly report: item by item, other deeds, difficulties, proposals, preview, submit.

Nothing lives only in the dialog: every answer is written to the database at once,
and opening the report again resumes at the first item without an answer.
"""

from __future__ import annotations

from typing import Any, cast

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput
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
    short,
    show_error,
    show_notice,
    text_input,
    transaction,
)
from dialogs.states import PlanSG, ReportSG
from dialogs.widgets import I18NFormat, I18NPlain, button_id
from domain import reports
from domain.errors import DomainError, PermissionDenied
from domain.vocabulary import ItemStatus
from locales import html, t

STATUS_TEXT = {
    None: "report-status-none",
    ItemStatus.DONE: "report-status-done",
    ItemStatus.IN_PROGRESS: "report-status-in-progress",
    ItemStatus.NOT_STARTED: "report-status-not-started",
}
YEAR, MONTH, INDEX = "year", "month", "index"


def item_status_text(status: ItemStatus | None) -> str:
    return t(STATUS_TEXT[status])


def report_blocks(report: reports.Report) -> list[str]:
    """The whole report as blocks of HTML, for a preview or for history, paged by the caller."""
    blocks: list[str] = []
    if report.items:
        blocks.append(str(html("report-preview-items-title")))
    for number, line in enumerate(report.items, 1):
        blocks.append(
            str(
                html(
                    "report-preview-item",
                    number=number,
                    text=line.text,
                    status=item_status_text(line.status),
                )
            )
        )
        if line.note:
            blocks.append(str(html("report-preview-note", note=line.note)))
    if report.free_items:
        blocks.append(str(html("report-preview-free-title")))
        blocks.extend(
            str(html("report-preview-free", number=number, text=free.text))
            for number, free in enumerate(report.free_items, 1)
        )
    blocks.append(str(html("report-preview-difficulties", text=report.difficulties or "-")))
    blocks.append(str(html("report-preview-proposals", text=report.proposals or "-")))
    return blocks


# Loading --------------------------------------------------------------------------


# One update reads the report once: the handler, the save and the next window's getter
# share the view (kept in the update's middleware data, so it never outlives the update).
_VIEW = "chibo_report_view"


async def _open(manager: DialogManager) -> reports.Report:
    if YEAR not in manager.dialog_data:
        raise PermissionDenied()
    key = (int(manager.dialog_data[YEAR]), int(manager.dialog_data[MONTH]))
    cached = manager.middleware_data.get(_VIEW)
    if cached is not None and cached[0] == key:
        return cast(reports.Report, cached[1])
    async with transaction(manager) as session:
        report = await reports.open_report(session, actor_of(manager), *key, now_of(manager))
    manager.middleware_data[_VIEW] = (key, report)
    return report


async def _common(manager: DialogManager) -> dict[str, Any]:
    data: dict[str, Any] = {
        "year": str(manager.dialog_data.get(YEAR, "")),
        "month": manager.dialog_data.get(MONTH, 0),
    }
    try:
        report = await _open(manager)
    except DomainError as error:
        show_error(manager, error)
        data.update(messages_data(manager), ready=False)
        return data
    data.update(
        messages_data(manager),
        ready=True,
        report=report,
        total=len(report.items),
        has_items=bool(report.items),
        draft=not report.submitted,
        submitted=report.submitted,
        deadline=local_day(report.editable_until) if report.editable_until else "",
        state_text=t("report-state-submitted") if report.submitted else t("report-state-draft"),
        several_months=len(manager.dialog_data.get("months", [])) > 1,
    )
    return data


async def item_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    if not data["ready"] or not data["has_items"]:
        data["ready_item"] = False
        return data
    report: reports.Report = data["report"]
    index = min(int(dialog_manager.dialog_data.get(INDEX, 0)), len(report.items) - 1)
    line = report.items[index]
    data.update(
        ready_item=True,
        number=index + 1,
        section=line.section_title,
        text=line.text,
        status=item_status_text(line.status),
        answered=line.status is not None,
        note=line.note,
        has_note=bool(line.note),
        has_prev=index > 0,
        has_next=index + 1 < len(report.items),
    )
    return data


async def free_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    if not data["ready"]:
        return data
    report: reports.Report = data["report"]
    blocks = [
        str(html("report-preview-free", number=n, text=free.text))
        for n, free in enumerate(report.free_items, 1)
    ]
    data.update(page_data(dialog_manager, blocks or [str(html("report-free-empty"))], "body"))
    start = data["page_start"]
    shown = report.free_items[start : start + len(data["page_blocks"])]
    data["free_buttons"] = [
        {
            "id": free.id,
            "label": t("report-free-delete", number=start + n, text=short(free.text, 36)),
        }
        for n, free in enumerate(shown, 1)
    ]
    return data


async def text_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    if data["ready"]:
        report: reports.Report = data["report"]
        data.update(
            difficulties=report.difficulties,
            has_difficulties=bool(report.difficulties),
            proposals=report.proposals,
            has_proposals=bool(report.proposals),
        )
    return data


async def preview_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    if data["ready"]:
        data.update(page_data(dialog_manager, report_blocks(data["report"]), "body"))
    return data


async def months_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    data["months"] = [
        {"id": f"{year}-{month}", "label": t("report-month-button", month=month, year=str(year))}
        for year, month in dialog_manager.dialog_data.get("months", [])
    ]
    return data


# Moving around ----------------------------------------------------------------------


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
    try:
        report = await _open(manager)
    except DomainError as error:
        show_error(manager, error)
        await manager.switch_to(ReportSG.preview)
        return
    state, index = _resume_state(report)
    manager.dialog_data[INDEX] = index
    await manager.switch_to(state)


async def on_start(_: Any, manager: DialogManager) -> None:
    start = manager.start_data if isinstance(manager.start_data, dict) else {}
    try:
        async with transaction(manager) as session:
            months = await reports.open_months(session, actor_of(manager), now_of(manager))
    except DomainError as error:
        show_error(manager, error)
        await manager.switch_to(ReportSG.preview)
        return
    manager.dialog_data["months"] = [list(month) for month in months]
    year, month = months[0]
    manager.dialog_data[YEAR] = int(start.get(YEAR) or year)
    manager.dialog_data[MONTH] = int(start.get(MONTH) or month)
    await _route(manager)


async def _save(manager: DialogManager, change: Any) -> reports.Report | None:
    """Apply one change to the member's report; a refusal is shown in the window."""
    clear_messages(manager)
    report_id: int | None = None
    try:
        report_id = (await _open(manager)).id
        async with transaction(manager) as session:
            saved: reports.Report = await change(
                session, actor_of(manager), report_id, now_of(manager)
            )
    except DomainError as error:
        manager.middleware_data.pop(_VIEW, None)
        show_error(manager, error)
        return None
    if saved.year == manager.dialog_data.get(YEAR) and saved.month == manager.dialog_data.get(
        MONTH
    ):
        manager.middleware_data[_VIEW] = ((saved.year, saved.month), saved)
    return saved


def _current_item(manager: DialogManager, report: reports.Report) -> int:
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


def _status_handler(status: ItemStatus) -> Any:
    async def on_status(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
        report = await _open_or_error(manager)
        if report is None or not report.items:
            return
        item_id = _current_item(manager, report)
        saved = await _save(
            manager, lambda s, a, r, n: reports.set_item_status(s, a, r, item_id, status, n)
        )
        if saved is not None:
            await manager.switch_to(ReportSG.note)

    return on_status


async def _open_or_error(manager: DialogManager) -> reports.Report | None:
    try:
        return await _open(manager)
    except DomainError as error:
        show_error(manager, error)
        return None


async def on_note(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    report = await _open_or_error(manager)
    if report is None or not report.items:
        return
    item_id = _current_item(manager, report)
    saved = await _save(
        manager, lambda s, a, r, n: reports.set_item_note(s, a, r, item_id, text, n)
    )
    if saved is not None:
        await _advance(manager, saved)


async def on_skip_note(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    report = await _open_or_error(manager)
    if report is not None:
        await _advance(manager, report)


async def on_clear_note(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    report = await _open_or_error(manager)
    if report is None or not report.items:
        return
    item_id = _current_item(manager, report)
    saved = await _save(
        manager, lambda s, a, r, n: reports.set_item_note(s, a, r, item_id, None, n)
    )
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
    if await _save(manager, lambda s, a, r, n: reports.add_free_item(s, a, r, text, n)):
        show_notice(manager, html("report-free-added"))
        manager.dialog_data["page"] = 1 << 20


async def on_delete_free(_: CallbackQuery, __: Any, manager: DialogManager, free_id: str) -> None:
    chosen = button_id(free_id)
    if chosen is None:
        return
    if await _save(manager, lambda s, a, r, n: reports.delete_free_item(s, a, r, chosen, n)):
        show_notice(manager, html("report-free-deleted"))


async def on_difficulties(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await _save(manager, lambda s, a, r, n: reports.set_difficulties(s, a, r, text, n)):
        await manager.switch_to(ReportSG.proposals)


async def on_no_difficulties(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    if await _save(manager, lambda s, a, r, n: reports.set_difficulties(s, a, r, None, n)):
        await manager.switch_to(ReportSG.proposals)


async def on_proposals(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await _save(manager, lambda s, a, r, n: reports.set_proposals(s, a, r, text, n)):
        reset_page(manager)
        await manager.switch_to(ReportSG.preview)


async def on_no_proposals(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    if await _save(manager, lambda s, a, r, n: reports.set_proposals(s, a, r, None, n)):
        reset_page(manager)
        await manager.switch_to(ReportSG.preview)


async def on_submit(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    if await _save(manager, reports.submit_report):
        show_notice(manager, html("report-submitted-notice"))


async def on_month(_: CallbackQuery, __: Any, manager: DialogManager, value: str) -> None:
    clear_messages(manager)
    year, _sep, month = value.partition("-")
    if button_id(year) is None or button_id(month) is None:
        return
    previous = manager.dialog_data[YEAR], manager.dialog_data[MONTH]
    manager.dialog_data[YEAR], manager.dialog_data[MONTH] = int(year), int(month)
    try:
        await _open(manager)
    except DomainError as error:
        manager.dialog_data[YEAR], manager.dialog_data[MONTH] = previous
        show_error(manager, error)
        return
    reset_page(manager)
    await _route(manager)


async def on_make_plan(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    """The plan of the report's year, which in December may be next year's."""
    await manager.start(PlanSG.overview, {"year": int(manager.dialog_data[YEAR])})


async def on_switch(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    reset_page(manager)


# Windows ----------------------------------------------------------------------------


def _to(text_id: str, widget_id: str, state: State, when: str | None = None) -> SwitchTo:
    return SwitchTo(I18NPlain(text_id), id=widget_id, state=state, on_click=on_switch, when=when)


def _item_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-item", when="ready_item"),
        I18NFormat("report-item-note", when="has_note"),
        Row(
            Button(
                I18NPlain("report-status-done-button"),
                id="st_d",
                on_click=_status_handler(ItemStatus.DONE),
            ),
            Button(
                I18NPlain("report-status-in-progress-button"),
                id="st_p",
                on_click=_status_handler(ItemStatus.IN_PROGRESS),
            ),
            when="ready_item",
        ),
        Button(
            I18NPlain("report-status-not-started-button"),
            id="st_n",
            on_click=_status_handler(ItemStatus.NOT_STARTED),
            when="ready_item",
        ),
        Row(
            Button(
                I18NPlain("report-prev-item"),
                id="iprev",
                on_click=on_prev_item,
                when="has_prev",
            ),
            Button(
                I18NPlain("report-next-item"),
                id="inext",
                on_click=on_next_item,
                when="has_next",
            ),
        ),
        _to("report-preview-button", "pv", ReportSG.preview, "ready"),
        menu_button(),
        state=ReportSG.item,
        getter=item_getter,
    )


def _note_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-note", when="ready_item"),
        *text_input("note", on_note),
        Row(
            Button(I18NPlain("report-skip-note"), id="skip", on_click=on_skip_note),
            Button(
                I18NPlain("report-clear-note"),
                id="clear",
                on_click=on_clear_note,
                when="has_note",
            ),
        ),
        _to("button-back", "back", ReportSG.item),
        state=ReportSG.note,
        getter=item_getter,
    )


def _item_windows() -> list[Window]:
    return [
        _item_window(),
        _note_window(),
    ]


def _no_plan_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-no-plan", when="ready"),
        Button(I18NPlain("report-make-plan"), id="mkplan", on_click=on_make_plan),
        _to("report-free-report", "free", ReportSG.free, "ready"),
        menu_button(),
        state=ReportSG.no_plan,
        getter=text_getter,
    )


def _free_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-free", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        *text_input("free", on_add_free),
        Column(
            Select(
                Format("{item[label]}"),
                id="fd",
                item_id_getter=lambda f: f["id"],
                items="free_buttons",
                on_click=on_delete_free,
            )
        ),
        pager(),
        _to("report-continue", "next", ReportSG.difficulties, "ready"),
        _to("report-preview-button", "pv", ReportSG.preview, "ready"),
        state=ReportSG.free,
        getter=free_getter,
    )


def _difficulties_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-difficulties", when="ready"),
        I18NFormat("report-current-difficulties", when="has_difficulties"),
        *text_input("diff", on_difficulties),
        Button(I18NPlain("report-none-button"), id="none", on_click=on_no_difficulties),
        _to("report-keep-button", "keep", ReportSG.proposals, "has_difficulties"),
        _to("report-preview-button", "pv", ReportSG.preview, "ready"),
        state=ReportSG.difficulties,
        getter=text_getter,
    )


def _proposals_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-proposals", when="ready"),
        I18NFormat("report-current-proposals", when="has_proposals"),
        *text_input("prop", on_proposals),
        Button(I18NPlain("report-none-button"), id="none", on_click=on_no_proposals),
        _to("report-keep-button", "keep", ReportSG.preview, "has_proposals"),
        _to("report-preview-button", "pv", ReportSG.preview, "ready"),
        state=ReportSG.proposals,
        getter=text_getter,
    )


def _preview_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-preview", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Button(I18NPlain("report-submit-button"), id="submit", on_click=on_submit, when="draft"),
        Row(
            Button(
                I18NPlain("report-edit-items"),
                id="items",
                on_click=on_edit_items,
                when="has_items",
            ),
            _to("report-edit-free", "free", ReportSG.free, "ready"),
        ),
        Row(
            _to("report-edit-difficulties", "diff", ReportSG.difficulties, "ready"),
            _to("report-edit-proposals", "prop", ReportSG.proposals, "ready"),
        ),
        _to("report-change-month", "months", ReportSG.months, "several_months"),
        menu_button(),
        state=ReportSG.preview,
        getter=preview_getter,
    )


def _months_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-months"),
        Column(
            Select(
                Format("{item[label]}"),
                id="mo",
                item_id_getter=lambda m: m["id"],
                items="months",
                on_click=on_month,
            )
        ),
        _to("button-back", "back", ReportSG.preview),
        state=ReportSG.months,
        getter=months_getter,
    )


def _other_windows() -> list[Window]:
    return [
        _no_plan_window(),
        _free_window(),
        _difficulties_window(),
        _proposals_window(),
        _preview_window(),
        _months_window(),
    ]


def report_dialog() -> Dialog:
    return Dialog(*_item_windows(), *_other_windows(), on_start=on_start)
