"""Pytest fixtures that run the emulator in-process on a free port.

Use them from a conftest with ``from emulator.pytest_plugin import telegram_emulator,
emulator_users`` (or ``pytest_plugins = ["emulator.pytest_plugin"]`` in the root conftest).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from emulator.client import UserClient
from emulator.config import EmulatorConfig
from emulator.server import Emulator


@pytest.fixture
async def telegram_emulator() -> AsyncIterator[Emulator]:
    """A fresh emulator listening on 127.0.0.1 and a free port; ``.base_url`` is its URL."""
    async with Emulator(EmulatorConfig()) as emulator:
        yield emulator


@pytest.fixture
async def emulator_users(telegram_emulator: Emulator) -> AsyncIterator[UserClient]:
    """A ``UserClient`` for ``telegram_emulator``'s user API."""
    async with UserClient(telegram_emulator.base_url) as users:
        yield users
