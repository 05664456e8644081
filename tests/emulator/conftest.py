"""Fixtures for the emulator's own tests: a running emulator, a Bot API caller, personas."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from emulator import Emulator
from emulator.client import UserClient
from emulator.pytest_plugin import emulator_users, telegram_emulator

__all__ = ["emulator_users", "telegram_emulator"]

TOKEN = "123456789:AAE-emulator-test-token-abcdefghijklmn"
LAN = 1001  # a persona who has started the bot in most tests


class BotApi:
    """Calls ``/bot<token>/<method>`` and returns (HTTP status, decoded body)."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, token: str = TOKEN):
        self.session = session
        self.base_url = base_url
        self.token = token

    def url(self, method: str) -> str:
        return f"{self.base_url}/bot{self.token}/{method}"

    async def __call__(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        async with self.session.post(self.url(method), json=params) as resp:
            return resp.status, await resp.json()

    async def ok(self, method: str, **params: Any) -> Any:
        status, body = await self(method, **params)
        assert status == 200 and body["ok"] is True, body
        return body["result"]

    async def error(self, method: str, **params: Any) -> tuple[int, str]:
        status, body = await self(method, **params)
        assert body["ok"] is False, body
        assert body["error_code"] == status
        return status, body["description"]


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def emulator(telegram_emulator: Emulator) -> Emulator:
    return telegram_emulator


@pytest.fixture
def bot(http: aiohttp.ClientSession, emulator: Emulator) -> BotApi:
    return BotApi(http, emulator.base_url)


@pytest.fixture
async def users(emulator_users: UserClient) -> UserClient:
    return emulator_users


@pytest.fixture
async def lan(users: UserClient) -> int:
    """Persona Lan (id 1001), whose private chat with the bot is open (the bot may write)."""
    await users.create_persona("Lan", LAN, "Nguyễn Thị", "lan_nguyen", started=True)
    return LAN
