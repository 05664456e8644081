"""The yearly plan: overview, section by section, item by item, preview, register."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
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
from dialogs.plan import ids
from dialogs.plan.getters import item_getter, overview_getter, preview_getter, section_getter
from dialogs.plan.handlers import (
    on_add_item,
    on_back,
    on_copy,
    on_delete,
    on_down,
    on_edit_item,
    on_item,
    on_next_section,
    on_prev_section,
    on_section,
    on_start,
    on_submit,
    on_up,
)
from dialogs.states import PlanSG


def _overview_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("plan-overview-title"),
        I18NFormat("plan-theme", when="has_theme"),
        I18NFormat("plan-overview"),
        I18NFormat("plan-returned-comment", when="returned"),
        I18NFormat("plan-locked", when="locked"),
        Column(
            Select(
                Format("{item[label]}"),
                id=ids.SECTION_LIST,
                item_id_getter=lambda s: s["id"],
                items="sections",
                on_click=on_section,
            ),
        ),
        Button(I18NPlain("plan-copy-button"), id=ids.COPY, on_click=on_copy, when="can_copy"),
        SwitchTo(
            I18NPlain("plan-preview-button"),
            id=ids.PREVIEW,
            state=PlanSG.preview,
            on_click=on_back,
            when="count",
        ),
        Button(
            I18NPlain("plan-submit-button"), id=ids.SUBMIT, on_click=on_submit, when="can_submit"
        ),
        menu_button(),
        state=PlanSG.overview,
        getter=overview_getter,
    )


def _section_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("plan-section"),
        I18NFormat("plan-section-guidance", when="has_guidance"),
        I18NFormat("plan-section-example", when="has_example"),
        I18NFormat("plan-section-items"),
        I18NFormat("member-page-number", when="paged"),
        I18NFormat("plan-section-input", when="editable"),
        *text_input(ids.ADD, on_add_item),
        Column(
            Select(
                Format("{item[label]}"),
                id=ids.ITEM_LIST,
                item_id_getter=lambda i: i["id"],
                items="item_buttons",
                on_click=on_item,
            ),
        ),
        pager(),
        Row(
            Button(
                I18NPlain("plan-prev-section"),
                id=ids.PREV_SECTION,
                on_click=on_prev_section,
                when="has_prev_section",
            ),
            Button(
                I18NPlain("plan-next-section"),
                id=ids.NEXT_SECTION,
                on_click=on_next_section,
                when="has_next_section",
            ),
        ),
        SwitchTo(
            I18NPlain("plan-to-overview"),
            id=ids.TO_OVERVIEW,
            state=PlanSG.overview,
            on_click=on_back,
        ),
        state=PlanSG.section,
        getter=section_getter,
    )


def _item_windows() -> list[Window]:
    back_to_section = SwitchTo(
        I18NPlain("button-back"), id=ids.BACK, state=PlanSG.section, on_click=on_back
    )
    return [
        Window(
            *message_lines(),
            I18NFormat("plan-item"),
            Row(
                SwitchTo(
                    I18NPlain("plan-edit-button"),
                    id=ids.EDIT,
                    state=PlanSG.edit_item,
                    on_click=on_back,
                ),
                SwitchTo(
                    I18NPlain("plan-delete-button"),
                    id=ids.DELETE_ITEM,
                    state=PlanSG.delete_item,
                    on_click=on_back,
                ),
                when="editable",
            ),
            Row(
                Button(I18NPlain("plan-up-button"), id=ids.UP, on_click=on_up, when="can_up"),
                Button(
                    I18NPlain("plan-down-button"), id=ids.DOWN, on_click=on_down, when="can_down"
                ),
                when="editable",
            ),
            back_to_section,
            state=PlanSG.item,
            getter=item_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("plan-edit"),
            *text_input(ids.EDIT_TEXT, on_edit_item),
            SwitchTo(I18NPlain("button-back"), id=ids.BACK, state=PlanSG.item, on_click=on_back),
            state=PlanSG.edit_item,
            getter=item_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("plan-delete-confirm"),
            Row(
                Button(I18NPlain("plan-delete-yes"), id=ids.YES, on_click=on_delete),
                SwitchTo(
                    I18NPlain("plan-delete-no"), id=ids.NO, state=PlanSG.item, on_click=on_back
                ),
            ),
            state=PlanSG.delete_item,
            getter=item_getter,
        ),
    ]


def _preview_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("plan-preview"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Button(
            I18NPlain("plan-submit-button"), id=ids.SUBMIT, on_click=on_submit, when="can_submit"
        ),
        SwitchTo(
            I18NPlain("plan-to-overview"),
            id=ids.TO_OVERVIEW,
            state=PlanSG.overview,
            on_click=on_back,
        ),
        state=PlanSG.preview,
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
