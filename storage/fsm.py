"""aiogram FSM storage in the chibo database, so dialogs survive a restart.

aiogram-dialog keeps its stacks and contexts under their own *destiny*; the key
builder must therefore include it (``with_destiny=True``). chibo keeps nothing under
aiogram's default destiny: aiogram asks for that state on every update, and it is
answered without a query (writing anything there is refused).

Inside ``remembering_reads()`` (one update, under its lock) a record written back as it
was read is not written again: a press that only changes the dialog's context does not
rewrite its stack.
There, reading a dialog's context also reads the stack it names in the same statement
(aiogram-dialog asks for the context of a pressed button first, then for its stack), and
the stack is answered from that read unless this process wrote it in between.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    DEFAULT_DESTINY,
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StorageKey,
)
from sqlalchemy import literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import FsmRecord
from storage.types import utcnow
from storage.upsert import insert_for

StateType = str | State | None

CONTEXT, STACK = "aiogd:context:", "aiogd:stack:"


@dataclass
class _Reads:
    texts: dict[str, str] = field(default_factory=dict)  # as read, by record key
    stacks: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)  # prefetched


_read: ContextVar[_Reads | None] = ContextVar("chibo_fsm_read", default=None)


@contextmanager
def remembering_reads() -> Iterator[None]:
    token = _read.set(_Reads())
    try:
        yield
    finally:
        _read.reset(token)


def _unused(key: StorageKey, value: object) -> bool:
    """True for aiogram's default destiny, which must stay empty."""
    if key.destiny != DEFAULT_DESTINY:
        return False
    if value:
        raise ValueError("chibo keeps no aiogram FSM state outside aiogram-dialog")
    return True


class SqlStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.key_builder = key_builder or DefaultKeyBuilder(with_destiny=True)
        # Stack writes of this process, numbered: the last number by record key.
        self._stack_writes = 0
        self._last_stack_write: dict[str, int] = {}

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
        if key.destiny.startswith(STACK):
            self._stack_writes += 1
            self._last_stack_write[record_key] = self._stack_writes

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        if not _unused(key, value):
            await self._upsert(key, {"state": value})

    async def get_state(self, key: StorageKey) -> str | None:
        if key.destiny == DEFAULT_DESTINY:
            return None
        async with self.session_factory() as session:
            return await session.scalar(
                select(FsmRecord.state).where(FsmRecord.key == self.key_builder.build(key))
            )

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if _unused(key, data):
            return
        read, record_key = _read.get(), self.key_builder.build(key)
        text = json.dumps(dict(data), sort_keys=True)
        if read is not None and read.texts.get(record_key) == text:
            return
        await self._upsert(key, {"data": dict(data)})
        if read is not None:
            read.texts[record_key] = text

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        if key.destiny == DEFAULT_DESTINY:
            return {}
        read, record_key = _read.get(), self.key_builder.build(key)
        if read is not None and key.destiny.startswith(CONTEXT):
            found = await self._context_and_stack(key, record_key, read)
        elif read is not None and self._prefetched(record_key, read) is not None:
            found = dict(read.stacks.pop(record_key)[1])
        else:
            async with self.session_factory() as session:
                data = await session.scalar(
                    select(FsmRecord.data).where(FsmRecord.key == record_key)
                )
            found = dict(data) if data else {}
        if read is not None:
            read.texts[record_key] = json.dumps(found, sort_keys=True)
        return found

    def _prefetched(self, record_key: str, read: _Reads) -> dict[str, Any] | None:
        """The stack read with its context, unless this process wrote it since the read
        began (a write committed while the read ran may not be in it)."""
        before, data = read.stacks.get(record_key, (-1, None))
        return data if self._last_stack_write.get(record_key, 0) <= before else None

    async def _context_and_stack(
        self, key: StorageKey, record_key: str, read: _Reads
    ) -> dict[str, Any]:
        """One statement: the context and the stack its ``_stack_id`` names."""
        context = FsmRecord.__table__.alias("context")
        stack_prefix = self.key_builder.build(replace(key, destiny=STACK))
        stack_key = literal(stack_prefix) + (
            select(context.c.data["_stack_id"].as_string())
            .where(context.c.key == record_key)
            .scalar_subquery()
        )
        before = self._stack_writes
        async with self.session_factory() as session:
            rows = await session.execute(
                select(FsmRecord.key, FsmRecord.data).where(
                    or_(FsmRecord.key == record_key, FsmRecord.key == stack_key)
                )
            )
        found: dict[str, Any] = {}
        for row_key, data in rows:
            if row_key == record_key:
                found = dict(data) if data else {}
            else:
                read.stacks[row_key] = (before, dict(data) if data else {})
        return found

    async def close(self) -> None:
        return None
