"""The monthly report: item by item, other deeds, difficulties, proposals, preview, submit.

Nothing lives only in the dialog: every answer is written to the database at once,
and opening the report again resumes at the first item without an answer."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Button, Column, Row, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.common import (
    I18NFormat,
    I18NPlain,
    menu_button,
    message_lines,
    pager,
    text_input,
)
from dialogs.report import ids
from dialogs.report.getters import (
    free_getter,
    item_getter,
    months_getter,
    preview_getter,
    text_getter,
)
from dialogs.report.handlers import (
    current_item,
    on_add_free,
    on_clear_note,
    on_delete_free,
    on_difficulties,
    on_edit_items,
    on_make_plan,
    on_month,
    on_next_item,
    on_no_difficulties,
    on_no_proposals,
    on_note,
    on_prev_item,
    on_proposals,
    on_skip_note,
    on_start,
    on_submit,
    on_switch,
    open_or_error,
    save,
)
from dialogs.states import ReportSG
from domain import reports
from domain.vocabulary import ItemStatus


def _status_handler(status: ItemStatus) -> Any:
    async def on_status(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
        report = await open_or_error(manager)
        if report is None or not report.items:
            return
        item_id = current_item(manager, report)
        saved = await save(
            manager, lambda s, a, r, n: reports.set_item_status(s, a, r, item_id, status, n)
        )
        if saved is not None:
            await manager.switch_to(ReportSG.note)

    return on_status


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
                id=ids.STATUS_DONE,
                on_click=_status_handler(ItemStatus.DONE),
            ),
            Button(
                I18NPlain("report-status-in-progress-button"),
                id=ids.STATUS_IN_PROGRESS,
                on_click=_status_handler(ItemStatus.IN_PROGRESS),
            ),
            when="ready_item",
        ),
        Button(
            I18NPlain("report-status-not-started-button"),
            id=ids.STATUS_NOT_STARTED,
            on_click=_status_handler(ItemStatus.NOT_STARTED),
            when="ready_item",
        ),
        Row(
            Button(
                I18NPlain("report-prev-item"),
                id=ids.PREV_ITEM,
                on_click=on_prev_item,
                when="has_prev",
            ),
            Button(
                I18NPlain("report-next-item"),
                id=ids.NEXT_ITEM,
                on_click=on_next_item,
                when="has_next",
            ),
        ),
        _to("report-preview-button", ids.PREVIEW, ReportSG.preview, "ready"),
        menu_button(),
        state=ReportSG.item,
        getter=item_getter,
    )


def _note_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-note", when="ready_item"),
        *text_input(ids.NOTE, on_note),
        Row(
            Button(I18NPlain("report-skip-note"), id=ids.SKIP, on_click=on_skip_note),
            Button(
                I18NPlain("report-clear-note"),
                id=ids.CLEAR,
                on_click=on_clear_note,
                when="has_note",
            ),
        ),
        _to("button-back", ids.BACK, ReportSG.item),
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
        Button(I18NPlain("report-make-plan"), id=ids.MAKE_PLAN, on_click=on_make_plan),
        _to("report-free-report", ids.FREE, ReportSG.free, "ready"),
        menu_button(),
        state=ReportSG.no_plan,
        getter=text_getter,
    )


def _free_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-free", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        *text_input(ids.FREE, on_add_free),
        Column(
            Select(
                Format("{item[label]}"),
                id=ids.FREE_DEEDS,
                item_id_getter=lambda f: f["id"],
                items="free_buttons",
                on_click=on_delete_free,
            )
        ),
        pager(),
        _to("report-continue", ids.NEXT, ReportSG.difficulties, "ready"),
        _to("report-preview-button", ids.PREVIEW, ReportSG.preview, "ready"),
        state=ReportSG.free,
        getter=free_getter,
    )


def _difficulties_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-difficulties", when="ready"),
        I18NFormat("report-current-difficulties", when="has_difficulties"),
        *text_input(ids.DIFFICULTIES, on_difficulties),
        Button(I18NPlain("report-none-button"), id=ids.NOTHING_TO_SAY, on_click=on_no_difficulties),
        _to("report-keep-button", ids.KEEP, ReportSG.proposals, "has_difficulties"),
        _to("report-preview-button", ids.PREVIEW, ReportSG.preview, "ready"),
        state=ReportSG.difficulties,
        getter=text_getter,
    )


def _proposals_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-proposals", when="ready"),
        I18NFormat("report-current-proposals", when="has_proposals"),
        *text_input(ids.PROPOSALS, on_proposals),
        Button(I18NPlain("report-none-button"), id=ids.NOTHING_TO_SAY, on_click=on_no_proposals),
        _to("report-keep-button", ids.KEEP, ReportSG.preview, "has_proposals"),
        _to("report-preview-button", ids.PREVIEW, ReportSG.preview, "ready"),
        state=ReportSG.proposals,
        getter=text_getter,
    )


def _preview_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("report-preview", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Button(I18NPlain("report-submit-button"), id=ids.SUBMIT, on_click=on_submit, when="draft"),
        Row(
            Button(
                I18NPlain("report-edit-items"),
                id=ids.EDIT_ITEMS,
                on_click=on_edit_items,
                when="has_items",
            ),
            _to("report-edit-free", ids.FREE, ReportSG.free, "ready"),
        ),
        Row(
            _to("report-edit-difficulties", ids.DIFFICULTIES, ReportSG.difficulties, "ready"),
            _to("report-edit-proposals", ids.PROPOSALS, ReportSG.proposals, "ready"),
        ),
        _to("report-change-month", ids.MONTHS, ReportSG.months, "several_months"),
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
                id=ids.MONTH_LIST,
                item_id_getter=lambda m: m["id"],
                items="months",
                on_click=on_month,
            )
        ),
        _to("button-back", ids.BACK, ReportSG.preview),
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
