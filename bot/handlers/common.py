"""/start, /menu, /cancel, and the answer to buttons from before a restart."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import Command, CommandStart, ExceptionTypeFilter
from aiogram.fsm.state import State
from aiogram.types import ErrorEvent, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.api.exceptions import OutdatedIntent, UnknownIntent, UnknownState

from dialogs.states import GuestSG, MainSG
from domain.permissions import Actor
from locales import t
from storage.models import MemberStatus

log = logging.getLogger(__name__)


def router() -> Router:
    """A fresh router: aiogram attaches a router to one Dispatcher only."""
    common = Router(name="common")
    common.message.filter(F.chat.type == "private")
    common.message.register(start, CommandStart(deep_link=False))
    common.message.register(start, Command("menu", "cancel"))
    common.error.register(
        stale_button, ExceptionTypeFilter(UnknownIntent, OutdatedIntent, UnknownState)
    )
    return common


async def start(message: Message, dialog_manager: DialogManager, actor: Actor | None) -> None:
    del message
    await dialog_manager.start(home_state(actor), mode=StartMode.RESET_STACK)


def home_state(actor: Actor | None) -> State:
    """Where a person lands: the menu for members, an explanation for everyone else."""
    if actor is not None and actor.active:
        return MainSG.menu
    if actor is not None and actor.status is MemberStatus.PENDING:
        return GuestSG.pending
    return GuestSG.welcome


async def stale_button(
    event: ErrorEvent, dialog_manager: DialogManager, actor: Actor | None
) -> None:
    """A button from a window that no longer exists (often: the bot restarted)."""
    log.info("stale dialog button: %s", event.exception)
    if event.update.callback_query is not None:
        await event.update.callback_query.answer(t("stale-button"))
    await dialog_manager.start(
        home_state(actor), mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )
