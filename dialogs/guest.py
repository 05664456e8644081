"""What a person who is not an active member sees."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import Dialog, DialogManager, Window

from dialogs.states import GuestSG
from dialogs.widgets import I18NFormat


async def guest_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    user = dialog_manager.middleware_data.get("event_from_user")
    return {"name": user.full_name if user else ""}


def guest_dialog() -> Dialog:
    return Dialog(
        Window(I18NFormat("start-stranger"), state=GuestSG.welcome, getter=guest_getter),
        Window(I18NFormat("start-pending"), state=GuestSG.pending, getter=guest_getter),
    )
