"""What a person who is not an active member sees."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window

from dialogs.common import I18NFormat
from dialogs.guest import ids
from dialogs.guest.getters import guest_getter
from dialogs.guest.handlers import on_my_data
from dialogs.states import GuestSG
from dialogs.widgets import button


def guest_dialog() -> Dialog:
    return Dialog(
        *(
            Window(
                I18NFormat(text),
                button("menu-my-data", ids.MY_DATA, on_my_data, when="known"),
                state=state,
                getter=guest_getter,
            )
            for text, state in (
                ("start-stranger", GuestSG.welcome),
                ("start-pending", GuestSG.pending),
            )
        )
    )
