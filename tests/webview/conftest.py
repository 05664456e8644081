"""The web view against the demo data, with a signed launch as Telegram would give one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from domain.demo import DemoSeedResult, seed_demo
from emulator.webapp import init_data_for
from webview.pages import create_app

TOKEN = "123456:TEST-webview-token"
# A Tuesday in November; the demo data has reports up to October.
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
SECRETARY_1, MEMBER_1, SECRETARY_2, COMMITTEE = 1001, 1003, 2001, 9001


def launch(telegram_id: int, *, at: datetime = NOW, token: str = TOKEN) -> str:
    return init_data_for(token, {"id": telegram_id, "first_name": "A"}, int(at.timestamp()))


@pytest.fixture
async def demo(session_factory: async_sessionmaker[AsyncSession]) -> DemoSeedResult:
    return await seed_demo(session_factory, today=NOW.date() - timedelta(days=1))


@pytest.fixture
async def client(
    session_factory: async_sessionmaker[AsyncSession], demo: DemoSeedResult
) -> AsyncIterator[TestClient[Any, Any]]:
    app = create_app(session_factory, TOKEN, FixedClock(NOW))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client
