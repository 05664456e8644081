"""The monthly report: item by item, other deeds, difficulties, proposals, preview, submit.

Nothing lives only in the dialog: every answer is written to the database at once,
and opening the report again resumes at the first item without an answer."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Button, Row

from dialogs.common import (
    I18NFormat,
    menu_button,
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
    on_plan_closed,
    on_prev_item,
    on_proposals,
    on_skip_note,
    on_start,
    on_submit,
    open_or_error,
    save,
)
from dialogs.states import ReportSG as SG
from dialogs.widgets import button, column, switch, window
from domain import reports
from domain.vocabulary import ItemStatus


def _status(status: ItemStatus) -> Any:
    async def on_status(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
        report = await open_or_error(manager)
        if report is None or not report.items:
            return
        item_id = current_item(manager, report)
        saved = await save(
            manager,
            lambda s, a, r, n: reports.set_item_status(s, a, r, item_id, status, n, known=report),
        )
        if saved is not None:
            await manager.switch_to(SG.note)

    return on_status


def _item_windows() -> list[Window]:
    return [
        window(
            I18NFormat("report-item", when="ready_item"),
            I18NFormat("report-item-note", when="has_note"),
            Row(
                button("report-status-done-button", ids.STATUS_DONE, _status(ItemStatus.DONE)),
                button(
                    "report-status-in-progress-button",
                    ids.STATUS_IN_PROGRESS,
                    _status(ItemStatus.IN_PROGRESS),
                ),
                when="ready_item",
            ),
            button(
                "report-status-not-started-button",
                ids.STATUS_NOT_STARTED,
                _status(ItemStatus.NOT_STARTED),
                when="ready_item",
            ),
            Row(
                button("report-prev-item", ids.PREV_ITEM, on_prev_item, when="has_prev"),
                button("report-next-item", ids.NEXT_ITEM, on_next_item, when="has_next"),
            ),
            switch("report-preview-button", ids.PREVIEW, SG.preview, "ready"),
            menu_button(),
            state=SG.item,
            getter=item_getter,
        ),
        window(
            I18NFormat("report-note", when="ready_item"),
            *text_input(ids.NOTE, on_note),
            Row(
                button("report-skip-note", ids.SKIP, on_skip_note),
                button("report-clear-note", ids.CLEAR, on_clear_note, when="has_note"),
            ),
            switch("button-back", ids.BACK, SG.item),
            state=SG.note,
            getter=item_getter,
        ),
    ]


def _text_window(
    state: State,
    texts: list[I18NFormat],
    input_id: str,
    on_text: Any,
    on_none: Any,
    has: str,
    then: State,
) -> Window:
    """Difficulties or proposals: typed, or nothing to say, or kept as they are."""
    return window(
        *texts,
        *text_input(input_id, on_text),
        button("report-none-button", ids.NOTHING_TO_SAY, on_none),
        switch("report-keep-button", ids.KEEP, then, has),
        switch("report-preview-button", ids.PREVIEW, SG.preview, "ready"),
        state=state,
        getter=text_getter,
    )


def _other_windows() -> list[Window]:
    return [
        window(
            I18NFormat("report-no-plan", when="ready"),
            button("report-make-plan", ids.MAKE_PLAN, on_make_plan),
            switch("report-free-report", ids.FREE, SG.free, "ready"),
            menu_button(),
            state=SG.no_plan,
            getter=text_getter,
        ),
        window(
            I18NFormat("report-free", when="ready"),
            I18NFormat("member-page-number", when="paged"),
            *text_input(ids.FREE, on_add_free),
            column(ids.FREE_DEEDS, "free_buttons", on_delete_free),
            pager(),
            switch("report-continue", ids.NEXT, SG.difficulties, "ready"),
            switch("report-preview-button", ids.PREVIEW, SG.preview, "ready"),
            state=SG.free,
            getter=free_getter,
        ),
        _text_window(
            SG.difficulties,
            [
                I18NFormat("report-difficulties", when="ready"),
                I18NFormat("report-current-difficulties", when="has_difficulties"),
            ],
            ids.DIFFICULTIES,
            on_difficulties,
            on_no_difficulties,
            "has_difficulties",
            SG.proposals,
        ),
        _text_window(
            SG.proposals,
            [
                I18NFormat("report-proposals", when="ready"),
                I18NFormat("report-current-proposals", when="has_proposals"),
            ],
            ids.PROPOSALS,
            on_proposals,
            on_no_proposals,
            "has_proposals",
            SG.preview,
        ),
        _preview_window(),
        window(
            I18NFormat("report-months"),
            column(ids.MONTH_LIST, "months", on_month),
            switch("button-back", ids.BACK, SG.preview),
            state=SG.months,
            getter=months_getter,
        ),
    ]


def _preview_window() -> Window:
    return window(
        I18NFormat("report-preview", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        button("report-submit-button", ids.SUBMIT, on_submit, when="draft"),
        Row(
            button("report-edit-items", ids.EDIT_ITEMS, on_edit_items, when="has_items"),
            switch("report-edit-free", ids.FREE, SG.free, "ready"),
        ),
        Row(
            switch("report-edit-difficulties", ids.DIFFICULTIES, SG.difficulties, "ready"),
            switch("report-edit-proposals", ids.PROPOSALS, SG.proposals, "ready"),
        ),
        switch("report-change-month", ids.MONTHS, SG.months, "several_months"),
        menu_button(),
        state=SG.preview,
        getter=preview_getter,
    )


def report_dialog() -> Dialog:
    return Dialog(
        *_item_windows(), *_other_windows(), on_start=on_start, on_process_result=on_plan_closed
    )
