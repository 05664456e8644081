"""One migrated database per test, emptied and seeded again before every example.

Hypothesis runs many examples inside one test, so the database cannot come from a
function-scoped fixture: the test owns an event loop (``asyncio.Runner``) and this world.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from aiogram.types import Message
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from delivery import render
from domain.clock import FixedClock
from storage.db import create_session_factory
from storage.models import CellMembership, Member, OutboxMessage
from tests.conftest import _empty_all_tables, make_engine
from tests.dialogs.harness import Chat
from tests.dialogs.secretary.chat import LeaderChat
from tests.dialogs.seed import NOW, Seeded, seed
from tests.fuzz.nasty import telegram_text

T = TypeVar("T")
CLOCK = FixedClock(NOW)
JOINED = datetime(2024, 1, 1, tzinfo=UTC)


class World:
    def __init__(self, runner: asyncio.Runner, engine: AsyncEngine) -> None:
        self.runner = runner
        self.engine = engine
        self.db: async_sessionmaker[AsyncSession] = create_session_factory(engine)
        self.chats: dict[tuple[int, datetime], Chat | LeaderChat] = {}

    def member(self, telegram_id: int) -> Chat:
        """The member's chat, kept across examples (building a dispatcher is slow)."""
        key = (telegram_id, NOW)
        if key not in self.chats:
            self.chats[key] = Chat(self.db, telegram_id, CLOCK)
        chat = self.chats[key]
        assert isinstance(chat, Chat)
        return chat

    def leader(self, telegram_id: int, clock: FixedClock = CLOCK) -> LeaderChat:
        key = (telegram_id, clock.now())
        if key not in self.chats:
            self.chats[key] = LeaderChat(self.db, telegram_id, clock)
        chat = self.chats[key]
        assert isinstance(chat, LeaderChat)
        return chat

    def run(self, work: Awaitable[T]) -> T:
        return self.runner.run(work)  # type: ignore[arg-type]

    def fresh(self) -> Seeded:
        """Empty tables, then the small cell of ``tests.dialogs.seed``."""

        async def reset() -> Seeded:
            for chat in self.chats.values():
                chat.messages.reset_history()
            await _empty_all_tables(self.engine)
            seeded = await seed(self.db)
            async with self.db() as session, session.begin():
                # Members since 2024, so that the cell's summaries count them.
                await session.execute(update(Member).values(joined_at=JOINED))
                for member in await session.scalars(select(Member)):
                    membership = CellMembership(
                        member_id=member.id, cell_id=seeded.cell_id, start_on=JOINED.date()
                    )
                    session.add(membership)
            return seeded

        return self.run(reset())

    async def outbox_texts(self) -> list[str]:
        async with self.db() as session:
            payloads = await session.scalars(select(OutboxMessage.payload))
            return [render.telegram(p)[0] for p in payloads if p]


@contextmanager
def world(backend: str, tmp_path: Path) -> Iterator[World]:
    with asyncio.Runner() as runner:
        engine = runner.run(make_engine(backend, tmp_path))
        try:
            yield World(runner, engine)
        finally:
            runner.run(engine.dispose())


def assert_telegram_accepts(messages: Iterable[Message | str]) -> list[str]:
    """Every message as Telegram would show it; fails on HTML Telegram refuses."""
    shown = []
    for message in messages:
        source = message if isinstance(message, str) else (message.text or message.caption or "")
        shown.append(telegram_text(source))
    return shown
