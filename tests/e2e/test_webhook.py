"""`chibo run --webhook` with a token: the secret is required, bodies are bounded,
updates arrive and are answered, and the token never reaches the logs."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.app import WEBHOOK_PATH
from domain.clock import RunningClock
from emulator import Emulator, EmulatorConfig
from tests.e2e.conftest import ChiboProcess, free_port

TOKEN = "123456789:AAE-webhook-test-token-0123456789abcdef"
SECRET = "s3cret-Header_value"


@pytest.fixture
async def webhook_chibo(
    tmp_path: Path, clock: RunningClock
) -> AsyncIterator[tuple[ChiboProcess, Emulator, str]]:
    emulator = Emulator(EmulatorConfig(token=TOKEN))
    api_url = await emulator.start("127.0.0.1", 0)
    emulator.add_persona(777, "Trần Văn Bình", started=True)
    port = free_port()
    hook = f"http://127.0.0.1:{port}"
    process = ChiboProcess(
        workdir=tmp_path,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'chibo.db'}",
        port=free_port(),
        clock=clock,
        api_url=api_url,
        args=["--webhook"],
        extra_env={
            "CHIBO_BOT_TOKEN": TOKEN,
            "CHIBO_TELEGRAM_API_URL": api_url,
            "CHIBO_WEBHOOK_URL": hook,
            "CHIBO_WEBHOOK_SECRET": SECRET,
            "CHIBO_WEBHOOK_PORT": str(port),
            "CHIBO_LOG_LEVEL": "DEBUG",
        },
    )
    await process.start()
    try:
        yield process, emulator, hook + WEBHOOK_PATH
    finally:
        await process.stop()
        await emulator.stop()


async def test_webhook_requires_the_secret_and_bounds_the_body(
    webhook_chibo: tuple[ChiboProcess, Emulator, str],
) -> None:
    _, emulator, hook = webhook_chibo
    update = {
        "update_id": 999,
        "message": {"message_id": 1, "date": 0, "chat": {"id": 777, "type": "private"},
                    "from": {"id": 777, "is_bot": False, "first_name": "X"}, "text": "/start"},
    }  # fmt: skip
    async with aiohttp.ClientSession() as http:
        async with http.post(hook, json=update) as resp:
            assert resp.status == 401
        wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
        async with http.post(hook, json=update, headers=wrong) as resp:
            assert resp.status == 401
        right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        huge = b'{"update_id": 1, "padding": "' + b"x" * (2 * 1024 * 1024) + b'"}'
        async with http.post(hook, data=io.BytesIO(huge), headers=right) as resp:
            assert resp.status == 413
    # Nothing forged reached the bot: the persona's chat is still empty.
    assert emulator.chat(777)["messages"] == []


async def test_updates_arrive_through_the_webhook_and_the_token_stays_out_of_logs(
    webhook_chibo: tuple[ChiboProcess, Emulator, str],
) -> None:
    process, emulator, _ = webhook_chibo
    assert process.users is not None
    sent = await process.users.send(777, "/start")
    answer = await process.users.wait_for_message(777, after=sent, within=20)
    assert "mã mời" in answer["text"]
    info = emulator.stats()
    assert info["calls_per_method"].get("getUpdates", 0) == 0
    # Telegram keeps the backlog: at most CHIBO_BOT_CONCURRENCY (8) requests at once.
    assert emulator.world.updates.webhook.max_connections == 8
    await process.stop()
    output = process.output()
    assert "webhook listening" in output
    assert TOKEN not in output
    assert TOKEN.split(":")[1] not in output
