"""The guest dialog: what its windows show."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import actor_or_none
from domain.names import profile_full_name


async def guest_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    user = dialog_manager.middleware_data.get("event_from_user")
    actor = await actor_or_none(dialog_manager)
    # Someone chibo holds a record of (left, refused, waiting) may still take a copy of it.
    # The name chibo holds, else the profile's in Vietnamese order (domain.names).
    if actor is not None and actor.full_name:
        name = actor.full_name
    elif user is not None:
        name = profile_full_name(user.first_name, user.last_name, user.language_code)
    else:
        name = ""
    return {"name": name, "known": actor is not None}
