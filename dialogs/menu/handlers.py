"""The menu dialog: what its buttons and inputs do."""

from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from dialogs.common import actor_of, now_of, send_file, transaction
from dialogs.menu.getters import ZALO_CODE
from dialogs.states import MainSG
from domain.errors import DomainError
from domain.linking import create_link_code
from domain.personal_data import my_data
from locales import t


async def on_my_data(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """The member's own data as a JSON file in this chat; whose it is comes from the
    sender's account, never from the button."""
    try:
        actor = await actor_of(manager)
        async with transaction(manager) as session:
            file = await my_data(session, actor, actor.member_id, now_of(manager))
    except DomainError as error:
        await callback.answer(t(error.msg_id, **error.args_), show_alert=True)
        return
    await send_file(manager, file, t("menu-my-data-caption"))


async def on_link_zalo(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """A one-time code to type on Zalo, shown in its own window."""
    try:
        actor = await actor_of(manager)
        async with transaction(manager) as session:
            link = await create_link_code(session, actor, now_of(manager))
    except DomainError as error:
        await callback.answer(t(error.msg_id, **error.args_), show_alert=True)
        return
    manager.dialog_data[ZALO_CODE] = link.code
    await manager.switch_to(MainSG.zalo)


async def to_menu(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(ZALO_CODE, None)
    await manager.switch_to(MainSG.menu)
