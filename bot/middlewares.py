"""Per-update context: the database, the clock, and who is acting."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock
from domain.permissions import actor_for_telegram

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
