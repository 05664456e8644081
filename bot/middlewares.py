"""Per-update context (the database, the clock, who is acting) and the answer given when
the database is unavailable."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Chat, ErrorEvent, TelegramObject, Update, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock
from domain.permissions import Actor, actor_for_telegram
from domain.unit_of_work import UnitOfWork
from locales import t
from storage.db import is_database_unavailable
from storage.fsm import remembering_reads
from storage.inbound import ReplayGuard

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class ContextMiddleware(BaseMiddleware):
    """Injects ``clock`` and ``uow``: the update's unit of work (one session, and the member
    behind the Telegram user read in it when first asked for), closed after the update.
    Dialog state written back unchanged during the update is not written again.

    With ``shared_replay`` (webhook workers behind a balancer), an update recorded before by
    any worker on the same database is dropped (``storage.inbound``): Telegram delivers an
    update again when a webhook answer is late, and the copy may reach another worker."""

    def __init__(
        self, db: async_sessionmaker[AsyncSession], clock: Clock, *, shared_replay: bool = False
    ) -> None:
        self.db = db
        self.clock = clock
        self.shared_replay = shared_replay
        self._replays = ReplayGuard()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        find = partial(_actor_of_user, user.id) if user is not None else None
        uow = UnitOfWork(self.db, find)
        data["clock"] = self.clock
        data["uow"] = uow
        try:
            if isinstance(event, Update) and not await self._first_time(uow, event):
                log.info("update %s seen before by a worker: dropped", event.update_id)
                return UNHANDLED
            with remembering_reads():
                return await handler(event, data)
        finally:
            await uow.close()

    async def _first_time(self, uow: UnitOfWork, update: Update) -> bool:
        if not self.shared_replay:
            return True
        async with uow.transaction() as session:
            key = f"telegram:{update.update_id}"
            return await self._replays.first_time(session, key, self.clock.now())


async def _actor_of_user(telegram_id: int, session: AsyncSession) -> Actor | None:
    return await actor_for_telegram(session, telegram_id)


class DatabaseUnavailableMiddleware(BaseMiddleware):
    """Outer middleware of the errors observer: when the database is down or restarting,
    the person is told to try again in a moment, instead of silence.

    It runs before aiogram-dialog's error middleware, which would need the database to load
    the dialog stack. Nothing of the failed update was committed, so the draft stays as it
    was before it, and the next press after the database is back carries on from there.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, ErrorEvent) or not is_database_unavailable(event.exception):
            return await handler(event, data)
        log.warning(
            "database unavailable, update %s answered with a busy notice: %r",
            event.update.update_id,
            event.exception,
        )
        await _tell_busy(event, data.get("bot"), data.get("event_chat"))
        return True


async def _tell_busy(event: ErrorEvent, bot: Bot | None, chat: Chat | None) -> None:
    """A pressed button gets an alert (the dialog window stays the last message); typed text,
    or a button whose answer came too late, gets a message in the chat."""
    text = t("database-busy")
    callback = event.update.callback_query
    if callback is not None:
        try:
            await callback.answer(text, show_alert=True)
            return
        except TelegramAPIError as error:
            log.warning("busy alert not shown: %s", error)
    if bot is None or chat is None or chat.type != "private":
        return
    try:
        await bot.send_message(chat.id, text)
    except TelegramAPIError as error:
        log.warning("busy notice not delivered: %s", error)


class ReplayedUpdateFilter(BaseMiddleware):
    """Outer middleware of ``dp.update``: an update whose id this process saw lately is
    dropped (one process polling; several webhook workers share ``storage.inbound``).

    aiogram applies whatever it is fed; Telegram sends an update again when a webhook
    answer is late, and a replayed request must not add a plan item twice. Memory is
    bounded: at most ``remember`` ids, none older than ``keep`` seconds (after a week
    without updates Telegram may start its ids anew)."""

    def __init__(
        self,
        remember: int = 10_000,
        keep: float = 6 * 3600,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.remember = remember
        self.keep = keep
        self.clock = clock
        self._seen: dict[int, float] = {}  # update id -> when it came, oldest first

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        now = self.clock()
        self._forget(now)
        if event.update_id in self._seen:
            log.info("update %s seen before: dropped", event.update_id)
            return UNHANDLED
        self._seen[event.update_id] = now
        self._forget(now)
        return await handler(event, data)

    def _forget(self, now: float) -> None:
        while self._seen:
            oldest, seen_at = next(iter(self._seen.items()))
            if len(self._seen) <= self.remember and now - seen_at <= self.keep:
                return
            del self._seen[oldest]

    def __len__(self) -> int:
        return len(self._seen)


# Telegram never puts more than 64 bytes in a button's callback data.
MAX_CALLBACK_DATA = 64


class PrivateChatGuard(BaseMiddleware):
    """Outer middleware of ``dp.update``: conversations hold personal data, so they happen
    in private chats only, with a known sender and data a real button could carry.

    A command typed in a group gets one line pointing to the private chat, a button pressed
    there an alert with that line; everything else from groups and channels, a message
    without a sender, and over-long callback data are dropped without a word. Messages the
    scheduler sends to a cell's group chat do not pass through here."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        chat: Chat | None = data.get("event_chat")
        user: User | None = data.get("event_from_user")
        if not isinstance(event, Update):
            return await handler(event, data)
        callback = event.callback_query
        if callback is not None and len((callback.data or "").encode()) > MAX_CALLBACK_DATA:
            log.info(
                "update %s: callback data of %s bytes dropped",
                event.update_id,
                len((callback.data or "").encode()),
            )
            await _answer_quietly(callback)
            return UNHANDLED
        if chat is not None and chat.type != ChatType.PRIVATE:
            log.info("update %s from a %s chat refused", event.update_id, chat.type)
            await _point_to_private_chat(event, data.get("bot"), chat)
            return UNHANDLED
        if user is None and (event.message is not None or event.edited_message is not None):
            log.info("update %s: a message without a sender dropped", event.update_id)
            return UNHANDLED
        return await handler(event, data)


async def _answer_quietly(callback: CallbackQuery, text: str | None = None) -> None:
    try:
        await callback.answer(text, show_alert=text is not None)
    except TelegramAPIError as error:
        log.info("callback %s not answered: %s", callback.id, error)


async def _point_to_private_chat(event: Update, bot: Bot | None, chat: Chat) -> None:
    if event.callback_query is not None:
        await _answer_quietly(event.callback_query, t("private-chat-only"))
        return
    message = event.message
    if bot is None or message is None or not (message.text or "").startswith("/"):
        return
    try:
        await bot.send_message(chat.id, t("private-chat-only"))
    except TelegramAPIError as error:
        log.info("group %s not told: %s", chat.id, error)
