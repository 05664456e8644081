"""/start, /menu, /cancel, and the answer to buttons from before a restart."""

from __future__ import annotations

import logging
import re

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, CommandObject, CommandStart, ExceptionTypeFilter
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, ErrorEvent, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.api.exceptions import OutdatedIntent, UnknownIntent, UnknownState

from dialogs.states import (
    GuestSG,
    JoinSG,
    MainSG,
    MeetingSG,
    PlanReviewSG,
    PlanSG,
    ReportSG,
    SecretarySG,
)
from domain.invites import looks_like_code
from domain.permissions import Actor
from domain.unit_of_work import UnitOfWork
from domain.vocabulary import MemberStatus
from locales import t

log = logging.getLogger(__name__)


def router() -> Router:
    """A fresh router: aiogram attaches a router to one Dispatcher only."""
    common = Router(name="common")
    common.message.register(start, CommandStart(deep_link=False))
    common.message.register(start_with_payload, CommandStart(deep_link=True))
    common.message.register(start, Command("menu", "cancel"))
    common.message.register(typed_invite_code, F.text, _from_stranger)
    common.callback_query.register(reminder_button, F.data.regexp(_REMINDER_DATA))
    common.error.register(
        stale_button, ExceptionTypeFilter(UnknownIntent, OutdatedIntent, UnknownState)
    )
    return common


def fallback_router() -> Router:
    """Last in line: a button nothing knows (made up, or from a long-gone window)."""
    fallback = Router(name="fallback")
    fallback.callback_query.register(unknown_button)
    return fallback


async def unknown_button(callback: CallbackQuery) -> None:
    await callback.answer(t("stale-button"))


async def start(message: Message, dialog_manager: DialogManager, uow: UnitOfWork) -> None:
    del message
    await dialog_manager.start(home_state(await uow.actor()), mode=StartMode.RESET_STACK)


# Deep-link payloads (``/start <payload>``) and reminder buttons (scheduler/buttons.py).
_ABSENT_LINK = re.compile(r"^absent-(\d{1,12})$")
# A month is written YYYY-MM, with a real month of a year the calendar can hold.
_MONTH = r"[12]\d{3}-(?:0[1-9]|1[0-2])"
_REMINDER_DATA = (
    rf"^(report:{_MONTH}|absence:\d{{1,12}}|plan:[12]\d{{3}}"
    rf"|review-plans:\d{{1,12}}|summary:\d{{1,12}}:{_MONTH})$"
)


def _member(actor: Actor | None) -> bool:
    return actor is not None and actor.active and actor.cell_id is not None


async def _from_stranger(message: Message, uow: UnitOfWork) -> bool:
    return looks_like_code(message.text or "") and not _member(await uow.actor())


async def start_with_payload(
    message: Message, command: CommandObject, dialog_manager: DialogManager, uow: UnitOfWork
) -> None:
    """An invite link, or a link from a reminder: open what it names."""
    del message
    actor = await uow.actor()
    payload = (command.args or "").strip()
    absent = _ABSENT_LINK.match(payload)
    if _member(actor) and absent:
        await dialog_manager.start(
            MeetingSG.absence, {"meeting_id": int(absent[1])}, mode=StartMode.RESET_STACK
        )
    elif _member(actor) and payload == "report":
        await dialog_manager.start(ReportSG.item, mode=StartMode.RESET_STACK)
    elif _member(actor) and payload == "plan":
        await dialog_manager.start(PlanSG.overview, mode=StartMode.RESET_STACK)
    elif looks_like_code(payload):
        await dialog_manager.start(JoinSG.confirm, {"code": payload}, mode=StartMode.RESET_STACK)
    else:
        await dialog_manager.start(home_state(actor), mode=StartMode.RESET_STACK)


async def typed_invite_code(message: Message, dialog_manager: DialogManager) -> None:
    """Someone who is not a member types an invite code instead of opening the link."""
    if dialog_manager.has_context() and dialog_manager.current_context().state == JoinSG.name:
        raise SkipHandler()  # a full name that happens to look like a code
    await dialog_manager.start(
        JoinSG.confirm, {"code": message.text or ""}, mode=StartMode.RESET_STACK
    )


async def reminder_button(
    callback: CallbackQuery, dialog_manager: DialogManager, uow: UnitOfWork
) -> None:
    """A button under a reminder the scheduler sent: open the dialog it names."""
    actor = await uow.actor()
    kind, _, value = (callback.data or "").partition(":")
    await callback.answer()
    mode, show = StartMode.RESET_STACK, ShowMode.SEND
    if not _member(actor):
        await dialog_manager.start(home_state(actor), mode=mode, show_mode=show)
    elif kind == "report":
        year, month = value.split("-")
        await dialog_manager.start(
            ReportSG.item, {"year": int(year), "month": int(month)}, mode=mode, show_mode=show
        )
    elif kind == "absence":
        await dialog_manager.start(
            MeetingSG.absence, {"meeting_id": int(value)}, mode=mode, show_mode=show
        )
    elif kind in ("review-plans", "summary"):
        # The cell in the data is informative: a leader sees their own cell, and the
        # domain refuses anyone else whatever the button says.
        if actor is None or not actor.leads_cell:
            await dialog_manager.start(home_state(actor), mode=mode, show_mode=show)
        elif kind == "review-plans":
            await dialog_manager.start(PlanReviewSG.plans, mode=mode, show_mode=show)
        else:
            year, month = value.partition(":")[2].split("-")
            await dialog_manager.start(
                SecretarySG.summary,
                {"year": int(year), "month": int(month)},
                mode=mode,
                show_mode=show,
            )
    else:
        await dialog_manager.start(PlanSG.overview, {"year": int(value)}, mode=mode, show_mode=show)


def home_state(actor: Actor | None) -> State:
    """Where a person lands: the menu for members, an explanation for everyone else."""
    if actor is not None and actor.active:
        return MainSG.menu
    if actor is not None and actor.status is MemberStatus.PENDING:
        return GuestSG.pending
    return GuestSG.welcome


async def stale_button(event: ErrorEvent, dialog_manager: DialogManager, uow: UnitOfWork) -> None:
    """A button from a window that no longer exists (often: the bot restarted)."""
    log.info("stale dialog button: %s", event.exception)
    if event.update.callback_query is not None:
        await event.update.callback_query.answer(t("stale-button"))
    await dialog_manager.start(
        home_state(await uow.actor()), mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )
