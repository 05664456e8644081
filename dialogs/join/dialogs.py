"""Joining a cell: check the invite, confirm the full name, join or wait for approval."""

from __future__ import annotations

from aiogram_dialog import Dialog, StartMode, Window
from aiogram_dialog.widgets.kbd import Button, Row, Start, SwitchTo

from dialogs.common import (
    I18NFormat,
    I18NPlain,
    message_lines,
    text_input,
)
from dialogs.join import ids
from dialogs.join.getters import join_getter
from dialogs.join.handlers import on_back, on_code, on_join, on_name, on_start
from dialogs.states import JoinSG, MainSG


def join_dialog() -> Dialog:
    return Dialog(
        Window(
            *message_lines(),
            I18NFormat("join-confirm"),
            I18NFormat("join-name-reordered", when="reordered"),
            I18NFormat("join-needs-approval", when="approval"),
            Row(
                Button(I18NPlain("join-button"), id=ids.JOIN, on_click=on_join),
                SwitchTo(
                    I18NPlain("join-edit-name"), id=ids.NAME, state=JoinSG.name, on_click=on_back
                ),
            ),
            state=JoinSG.confirm,
            getter=join_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("join-name"),
            *text_input(ids.NAME, on_name),
            SwitchTo(I18NPlain("button-back"), id=ids.BACK, state=JoinSG.confirm, on_click=on_back),
            state=JoinSG.name,
            getter=join_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("join-invalid"),
            *text_input(ids.CODE, on_code),
            state=JoinSG.invalid,
            getter=join_getter,
        ),
        Window(
            I18NFormat("join-done", when="joined"),
            I18NFormat("join-pending", when="pending"),
            Start(
                I18NPlain("member-to-menu"),
                id=ids.MENU,
                state=MainSG.menu,
                mode=StartMode.RESET_STACK,
                when="joined",
            ),
            state=JoinSG.done,
            getter=join_getter,
        ),
        on_start=on_start,
    )
