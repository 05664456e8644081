"""aiogram FSM storage in the chibo database, so dialogs survive a restart.

aiogram-dialog keeps its stacks and contexts under their own *destiny*; the key
builder must therefore include it (``with_destiny=True``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StorageKey
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import FsmRecord
from storage.types import utcnow
from storage.upsert import insert_for

StateType = str | State | None


class SqlStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.key_builder = key_builder or DefaultKeyBuilder(with_destiny=True)

    async def _upsert(self, key: StorageKey, values: dict[str, Any]) -> None:
        record_key = self.key_builder.build(key)
        async with self.session_factory() as session, session.begin():
            insert = insert_for(session)
            statement = insert(FsmRecord).values(
                key=record_key, updated_at=utcnow(), **{"data": {}, "state": None, **values}
            )
            statement = statement.on_conflict_do_update(
                index_elements=[FsmRecord.key], set_={**values, "updated_at": utcnow()}
            )
            await session.execute(statement)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._upsert(key, {"state": value})

    async def get_state(self, key: StorageKey) -> str | None:
        async with self.session_factory() as session:
            return await session.scalar(
                select(FsmRecord.state).where(FsmRecord.key == self.key_builder.build(key))
            )

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._upsert(key, {"data": dict(data)})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self.session_factory() as session:
            data = await session.scalar(
                select(FsmRecord.data).where(FsmRecord.key == self.key_builder.build(key))
            )
        return dict(data) if data else {}

    async def close(self) -> None:
        return None
