"""The join dialog: what its windows show."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    messages_data,
)

CODE, CELL, NAME, APPROVAL, PENDING = "code", "cell", "name", "needs_approval", "pending"


# Telegram's own order of the names, kept to say so when the proposal differs from it.
TELEGRAM_NAME = "telegram_name"


async def join_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        **messages_data(dialog_manager),
        "cell": data.get(CELL, ""),
        "name": data.get(NAME, ""),
        "telegram_name": data.get(TELEGRAM_NAME, ""),
        "reordered": bool(data.get(TELEGRAM_NAME)) and data.get(TELEGRAM_NAME) != data.get(NAME),
        "approval": bool(data.get(APPROVAL)),
        "pending": bool(data.get(PENDING)),
        "joined": not data.get(PENDING),
    }
