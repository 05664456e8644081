"""What a person who is not an active member sees."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button

from dialogs.common import I18NFormat, I18NPlain
from dialogs.guest import ids
from dialogs.guest.getters import guest_getter
from dialogs.guest.handlers import on_my_data
from dialogs.states import GuestSG


def _my_data_button() -> Button:
    return Button(I18NPlain("menu-my-data"), id=ids.MY_DATA, on_click=on_my_data, when="known")


def guest_dialog() -> Dialog:
    return Dialog(
        Window(
            I18NFormat("start-stranger"),
            _my_data_button(),
            state=GuestSG.welcome,
            getter=guest_getter,
        ),
        Window(
            I18NFormat("start-pending"),
            _my_data_button(),
            state=GuestSG.pending,
            getter=guest_getter,
        ),
    )
