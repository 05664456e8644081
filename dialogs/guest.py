"""What a person who is not an active member sees."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Button

from dialogs.member.common import now_of, transaction
from dialogs.secretary.common import send_file
from dialogs.states import GuestSG
from dialogs.widgets import I18NFormat, I18NPlain
from domain.errors import DomainError, PermissionDenied
from domain.names import profile_full_name
from domain.permissions import Actor
from domain.personal_data import my_data
from locales import t


async def guest_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    user = dialog_manager.middleware_data.get("event_from_user")
    actor: Actor | None = dialog_manager.middleware_data.get("actor")
    # Someone chibo holds a record of (left, refused, waiting) may still take a copy of it.
    # The name chibo holds, else the profile's in Vietnamese order (domain.names).
    if actor is not None and actor.full_name:
        name = actor.full_name
    elif user is not None:
        name = profile_full_name(user.first_name, user.last_name, user.language_code)
    else:
        name = ""
    return {"name": name, "known": actor is not None}


async def on_my_data(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    actor: Actor | None = manager.middleware_data.get("actor")
    try:
        if actor is None:
            raise PermissionDenied()
        async with transaction(manager) as session:
            file = await my_data(session, actor, actor.member_id, now_of(manager))
    except DomainError as error:
        await callback.answer(t(error.msg_id, **error.args_), show_alert=True)
        return
    await send_file(manager, file, t("menu-my-data-caption"))


def _my_data_button() -> Button:
    return Button(I18NPlain("menu-my-data"), id="my_data", on_click=on_my_data, when="known")


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
