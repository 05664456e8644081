"""The Zalo channel in process: the conversation on the test database, and the same
conversation behind the stand-in's Zalo side, polled over HTTP like ``chibo run`` does."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.zalo.service import ZaloBot
from conversations.zalo.conversation import Conversation
from delivery.zalo import ZaloTexter
from delivery.zalo_api import ZaloApi
from domain.clock import FixedClock
from emulator.client import ZaloUserClient
from emulator.config import DEFAULT_ZALO_TOKEN, EmulatorConfig
from emulator.server import Emulator
from tests.dialogs.seed import NOW, Seeded, seed

FILES = "http://files.test/"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
async def seeded(session_factory: async_sessionmaker[AsyncSession]) -> Seeded:
    return await seed(session_factory)


@pytest.fixture
def conversation(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> Conversation:
    return Conversation(session_factory, clock=clock, download_url=lambda token: FILES + token)


@pytest.fixture
async def stand_in() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig()) as emulator:
        yield emulator


@pytest.fixture
async def zalo_api(stand_in: Emulator) -> AsyncIterator[ZaloApi]:
    api = ZaloApi(DEFAULT_ZALO_TOKEN, stand_in.zalo_api_url)
    yield api
    await api.close()


@pytest.fixture
async def polling_bot(zalo_api: ZaloApi, conversation: Conversation) -> AsyncIterator[ZaloBot]:
    """The bot polling the stand-in, as ``chibo run`` does, until the test ends."""
    bot = ZaloBot(zalo_api, conversation, ZaloTexter(zalo_api))
    stop = asyncio.Event()
    task = asyncio.create_task(bot.poll(stop, wait=1))
    yield bot
    stop.set()
    await asyncio.wait_for(task, 10)


@pytest.fixture
async def zalo_users(stand_in: Emulator) -> AsyncIterator[ZaloUserClient]:
    async with ZaloUserClient(stand_in.base_url) as users:
        yield users


class ZaloPhone:
    """A Zalo user's phone: type, then read the bot's first answer that says something."""

    def __init__(self, users: ZaloUserClient, user_id: str) -> None:
        self.users = users
        self.user_id = user_id

    async def say(self, text: str, expect: str = "") -> str:
        sent = await self.users.send(self.user_id, text)
        answer: dict[str, Any] = await self.users.wait_for_message(
            self.user_id, expect, after=sent, within=10
        )
        return str(answer["text"])

    async def messages(self) -> list[str]:
        view = await self.users.chat(self.user_id)
        return [m["text"] for m in view["messages"] if m["from_bot"]]


async def phone(users: ZaloUserClient, name: str) -> ZaloPhone:
    persona = await users.create_persona(name)
    return ZaloPhone(users, str(persona["id"]))
