"""One unit of work for one update: one database session, opened when first needed, and
the person acting read in it once, when first asked for.

The bot's context middleware makes one per update and closes it when the update is
handled; every step of a dialog (its handlers, then its getters) runs its transactions in
that session instead of opening its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.permissions import Actor

FindActor = Callable[[AsyncSession], Awaitable[Actor | None]]


class UnitOfWork:
    def __init__(
        self, db: async_sessionmaker[AsyncSession], find_actor: FindActor | None = None
    ) -> None:
        self._db = db
        self._find_actor = find_actor
        self._session: AsyncSession | None = None
        self._depth = 0
        self._actor: Actor | None = None
        self._actor_read = find_actor is None
        self.sessions_opened = 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A transaction in the update's session, committed at the end of the block and
        rolled back on an error; a block opened inside another one joins it."""
        if self._session is None:
            self._session = self._db()
            self.sessions_opened += 1
        session = self._session
        self._depth += 1
        try:
            if self._depth > 1:
                yield session
            else:
                async with session.begin():
                    yield session
        finally:
            self._depth -= 1

    async def actor(self) -> Actor | None:
        """The member behind the update (None for a stranger), read on first use."""
        if not self._actor_read and self._find_actor is not None:
            async with self.transaction() as session:
                self._actor = await self._find_actor(session)
            self._actor_read = True
        return self._actor

    async def close(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()
