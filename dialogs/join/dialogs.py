"""Joining a cell: check the invite, confirm the full name, join or wait for approval."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Row

from dialogs.common import I18NFormat, menu_button, text_input
from dialogs.join import ids
from dialogs.join.getters import join_getter
from dialogs.join.handlers import on_code, on_join, on_name, on_start
from dialogs.states import JoinSG as SG
from dialogs.widgets import ask, button, switch, window


def join_dialog() -> Dialog:
    return Dialog(
        window(
            I18NFormat("join-confirm"),
            I18NFormat("join-name-reordered", when="reordered"),
            I18NFormat("join-needs-approval", when="approval"),
            Row(
                button("join-button", ids.JOIN, on_join),
                switch("join-edit-name", ids.NAME, SG.name),
            ),
            state=SG.confirm,
            getter=join_getter,
        ),
        ask(
            "join-name",
            ids.NAME,
            on_name,
            state=SG.name,
            back=SG.confirm,
            getter=join_getter,
            back_id=ids.BACK,
        ),
        window(
            I18NFormat("join-invalid"),
            *text_input(ids.CODE, on_code),
            state=SG.invalid,
            getter=join_getter,
        ),
        Window(
            I18NFormat("join-done", when="joined"),
            I18NFormat("join-pending", when="pending"),
            menu_button(when="joined"),
            state=SG.done,
            getter=join_getter,
        ),
        on_start=on_start,
    )
