"""The guest dialog: what its buttons and inputs do."""

from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from dialogs.common import actor_or_none, now_of, send_file, transaction
from domain.errors import DomainError, PermissionDenied
from domain.personal_data import my_data
from locales import t


async def on_my_data(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    actor = await actor_or_none(manager)
    try:
        if actor is None:
            raise PermissionDenied()
        async with transaction(manager) as session:
            file = await my_data(session, actor, actor.member_id, now_of(manager))
    except DomainError as error:
        await callback.answer(t(error.msg_id, **error.args_), show_alert=True)
        return
    await send_file(manager, file, t("menu-my-data-caption"))
