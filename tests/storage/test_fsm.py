"""The dialog state storage: a context read brings its stack along, never a stale one."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.fsm import SqlStorage, remembering_reads
from tests.domain.test_cells import count_queries


def _key(destiny: str) -> StorageKey:
    return StorageKey(bot_id=1, chat_id=7, user_id=7, destiny=destiny)


async def test_a_context_read_brings_its_stack_unless_this_process_wrote_it_since(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    storage = SqlStorage(session_factory)
    context, stack = _key("aiogd:context:abc"), _key("aiogd:stack:")
    await storage.set_data(context, {"_intent_id": "abc", "_stack_id": "", "dialog_data": {}})
    await storage.set_data(stack, {"_id": "", "intents": ["abc"]})
    with remembering_reads(), count_queries(engine) as statements:
        assert (await storage.get_data(context))["_intent_id"] == "abc"
        assert await storage.get_data(stack) == {"_id": "", "intents": ["abc"]}
    assert len(statements) == 1
    with remembering_reads(), count_queries(engine) as statements:
        await storage.get_data(context)
        await storage.set_data(stack, {"_id": "", "intents": ["abc", "def"]})
        assert (await storage.get_data(stack))["intents"] == ["abc", "def"]
    assert len(statements) == 3
    # Outside an update nothing is kept: each read is its own.
    with count_queries(engine) as statements:
        await storage.get_data(context)
        assert (await storage.get_data(stack))["intents"] == ["abc", "def"]
    assert len(statements) == 2
