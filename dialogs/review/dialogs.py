"""This year's plans for the cell's leaders: who registered, each plan, acknowledge or return."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, ScrollingGroup, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.common import (
    I18NFormat,
    I18NPlain,
    menu_button,
    message_lines,
    pager,
    text_input,
)
from dialogs.review import ids
from dialogs.review.getters import plan_getter, plans_getter
from dialogs.review.handlers import on_acknowledge, on_back, on_comment, on_plan
from dialogs.states import PlanReviewSG

PAGE_HEIGHT = 10


def _plans_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-plans"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        ScrollingGroup(
            Select(
                Format("{item[label]}"),
                id=ids.PLAN_LIST,
                item_id_getter=lambda p: p["id"],
                items="plans",
                on_click=on_plan,
            ),
            id=ids.PLANS_PAGE,
            width=1,
            height=PAGE_HEIGHT,
            hide_on_single_page=True,
        ),
        Row(Cancel(I18NPlain("button-back")), menu_button()),
        state=PlanReviewSG.plans,
        getter=plans_getter,
    )


def _plan_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-plan", when="found"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Row(
            Button(
                I18NPlain("sec-plan-acknowledge"),
                id=ids.ACKNOWLEDGE,
                on_click=on_acknowledge,
                when="can_acknowledge",
            ),
            SwitchTo(
                I18NPlain("sec-plan-return"),
                id=ids.RETURN_PLAN,
                state=PlanReviewSG.comment,
                on_click=on_back,
                when="can_return",
            ),
        ),
        SwitchTo(I18NPlain("button-back"), id=ids.BACK, state=PlanReviewSG.plans, on_click=on_back),
        state=PlanReviewSG.plan,
        getter=plan_getter,
    )


def _comment_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-plan-comment-ask"),
        *text_input(ids.COMMENT, on_comment),
        SwitchTo(
            I18NPlain("sec-cancel"), id=ids.BACK_PLAN, state=PlanReviewSG.plan, on_click=on_back
        ),
        state=PlanReviewSG.comment,
        getter=plan_getter,
    )


def plans_dialog() -> Dialog:
    return Dialog(
        _plans_window(),
        _plan_window(),
        _comment_window(),
    )
