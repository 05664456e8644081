"""The yearly plan: overview, section by section, item by item, preview, register."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Row

from dialogs.common import I18NFormat, menu_button, pager, text_input
from dialogs.plan import ids
from dialogs.plan.getters import item_getter, overview_getter, preview_getter, section_getter
from dialogs.plan.handlers import (
    on_add_item,
    on_copy,
    on_delete,
    on_down,
    on_edit_item,
    on_item,
    on_next_section,
    on_prev_section,
    on_print,
    on_section,
    on_start,
    on_submit,
    on_up,
)
from dialogs.states import PlanSG as SG
from dialogs.widgets import ask, back_to, button, column, switch, window


def _overview_window() -> Window:
    return window(
        I18NFormat("plan-overview-title"),
        I18NFormat("plan-theme", when="has_theme"),
        I18NFormat("plan-overview"),
        I18NFormat("plan-returned-comment", when="returned"),
        I18NFormat("plan-locked", when="locked"),
        column(ids.SECTION_LIST, "sections", on_section),
        button("plan-copy-button", ids.COPY, on_copy, when="can_copy"),
        switch("plan-preview-button", ids.PREVIEW, SG.preview, when="count"),
        button("plan-submit-button", ids.SUBMIT, on_submit, when="can_submit"),
        menu_button(),
        state=SG.overview,
        getter=overview_getter,
    )


def _section_window() -> Window:
    return window(
        I18NFormat("plan-section"),
        I18NFormat("plan-section-guidance", when="has_guidance"),
        I18NFormat("plan-section-example", when="has_example"),
        I18NFormat("plan-section-items"),
        I18NFormat("member-page-number", when="paged"),
        I18NFormat("plan-section-input", when="editable"),
        *text_input(ids.ADD, on_add_item),
        column(ids.ITEM_LIST, "item_buttons", on_item),
        pager(),
        Row(
            button("plan-prev-section", ids.PREV_SECTION, on_prev_section, "has_prev_section"),
            button("plan-next-section", ids.NEXT_SECTION, on_next_section, "has_next_section"),
        ),
        switch("plan-to-overview", ids.TO_OVERVIEW, SG.overview),
        state=SG.section,
        getter=section_getter,
    )


def _item_windows() -> list[Window]:
    return [
        window(
            I18NFormat("plan-item"),
            Row(
                switch("plan-edit-button", ids.EDIT, SG.edit_item),
                switch("plan-delete-button", ids.DELETE_ITEM, SG.delete_item),
                when="editable",
            ),
            Row(
                button("plan-up-button", ids.UP, on_up, when="can_up"),
                button("plan-down-button", ids.DOWN, on_down, when="can_down"),
                when="editable",
            ),
            back_to(SG.section, ids.BACK),
            state=SG.item,
            getter=item_getter,
        ),
        ask(
            "plan-edit",
            ids.EDIT_TEXT,
            on_edit_item,
            state=SG.edit_item,
            back=SG.item,
            getter=item_getter,
            back_id=ids.BACK,
        ),
        window(
            I18NFormat("plan-delete-confirm"),
            Row(
                button("plan-delete-yes", ids.YES, on_delete),
                switch("plan-delete-no", ids.NO, SG.item),
            ),
            state=SG.delete_item,
            getter=item_getter,
        ),
    ]


def _preview_window() -> Window:
    return window(
        I18NFormat("plan-preview"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        button("plan-submit-button", ids.SUBMIT, on_submit, when="can_submit"),
        button("plan-print-button", ids.PRINT, on_print, when="count"),
        switch("plan-to-overview", ids.TO_OVERVIEW, SG.overview),
        state=SG.preview,
        getter=preview_getter,
    )


def plan_dialog() -> Dialog:
    return Dialog(
        _overview_window(),
        _section_window(),
        *_item_windows(),
        _preview_window(),
        on_start=on_start,
    )
