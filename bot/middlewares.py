"""Per-update context (the database, the clock, who is acting) and the answer given when
the database is unavailable."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import Chat, ErrorEvent, TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock
from domain.permissions import actor_for_telegram
from locales import t
from storage.db import is_database_unavailable

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class ContextMiddleware(BaseMiddleware):
    """Injects ``db``, ``clock`` and ``actor`` (the Member behind the Telegram user, or None)."""

    def __init__(self, db: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        data["db"] = self.db
        data["clock"] = self.clock
        user: User | None = data.get("event_from_user")
        actor = None
        if user is not None:
            async with self.db() as session:
                actor = await actor_for_telegram(session, user.id)
        data["actor"] = actor
        return await handler(event, data)


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
    text = t("database-busy")
    try:
        callback = event.update.callback_query
        if callback is not None:
            await callback.answer(text)
        if bot is not None and chat is not None and chat.type == "private":
            await bot.send_message(chat.id, text)
    except TelegramAPIError as error:
        log.warning("busy notice not delivered: %s", error)
