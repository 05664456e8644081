"""This year's plans for the cell's leaders: who registered, each plan, acknowledge or return."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Row

from dialogs.common import I18NFormat, pager, text_input
from dialogs.review import ids
from dialogs.review.getters import plan_getter, plans_getter
from dialogs.review.handlers import (
    on_acknowledge,
    on_comment,
    on_list_file,
    on_plan,
    on_plan_file,
)
from dialogs.states import PlanReviewSG as SG
from dialogs.widgets import back_row, back_to, button, scrolling, switch, window


def _plans_window() -> Window:
    return window(
        I18NFormat("sec-plans"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        scrolling(ids.PLAN_LIST, "plans", on_plan, ids.PLANS_PAGE),
        button("sec-plans-file", ids.LIST_FILE, on_list_file),
        back_row(),
        state=SG.plans,
        getter=plans_getter,
    )


def _plan_window() -> Window:
    return window(
        I18NFormat("sec-plan", when="found"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Row(
            button("sec-plan-acknowledge", ids.ACKNOWLEDGE, on_acknowledge, "can_acknowledge"),
            switch("sec-plan-return", ids.RETURN_PLAN, SG.comment, when="can_return"),
        ),
        button("sec-plan-file", ids.PLAN_FILE, on_plan_file, when="found"),
        back_to(SG.plans, ids.BACK),
        state=SG.plan,
        getter=plan_getter,
    )


def _comment_window() -> Window:
    return window(
        I18NFormat("sec-plan-comment-ask"),
        *text_input(ids.COMMENT, on_comment),
        switch("sec-cancel", ids.BACK_PLAN, SG.plan),
        state=SG.comment,
        getter=plan_getter,
    )


def plans_dialog() -> Dialog:
    return Dialog(
        _plans_window(),
        _plan_window(),
        _comment_window(),
    )
