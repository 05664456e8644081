"""`chibo run --webhook` with Telegram and Zalo tokens: Zalo's webhook is set with its
secret, forged or unsigned posts are refused, members' messages are answered, and
neither token nor secret reaches the logs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.zalo.web import SECRET_HEADER, WEBHOOK_PATH
from domain.clock import RunningClock
from emulator import Emulator, EmulatorConfig
from emulator.client import ZaloUserClient
from tests.e2e.conftest import ChiboProcess, free_port

TOKEN = "123456789:AAE-webhook-test-token-0123456789abcdef"
ZALO_TOKEN = "3344556677:zalo-webhook-test-token"
ZALO_SECRET = "zalo-s3cret-Header"


@pytest.fixture
async def zalo_webhook_chibo(
    tmp_path: Path, clock: RunningClock
) -> AsyncIterator[tuple[ChiboProcess, Emulator, str]]:
    emulator = Emulator(EmulatorConfig(token=TOKEN, zalo_token=ZALO_TOKEN))
    api_url = await emulator.start("127.0.0.1", 0)
    zalo_port = free_port()
    public = f"http://127.0.0.1:{zalo_port}"
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
            "CHIBO_WEBHOOK_URL": f"http://127.0.0.1:{free_port()}",
            "CHIBO_WEBHOOK_SECRET": "telegram-s3cret",
            "CHIBO_WEBHOOK_PORT": str(free_port()),
            "CHIBO_ZALO_BOT_TOKEN": ZALO_TOKEN,
            "CHIBO_ZALO_API_URL": emulator.zalo_api_url,
            "CHIBO_ZALO_WEBHOOK_SECRET": ZALO_SECRET,
            "CHIBO_ZALO_HTTP_PORT": str(zalo_port),
            "CHIBO_ZALO_PUBLIC_URL": public,
            "CHIBO_LOG_LEVEL": "DEBUG",
        },
    )
    await process.start()
    try:
        yield process, emulator, public + WEBHOOK_PATH
    finally:
        await process.stop()
        await emulator.stop()


async def test_zalo_webhook_refuses_forgeries_and_answers_members(
    zalo_webhook_chibo: tuple[ChiboProcess, Emulator, str],
) -> None:
    process, emulator, hook = zalo_webhook_chibo
    async with ZaloUserClient(emulator.base_url) as zalo:
        persona = await zalo.create_persona("Vũ Thị Lan")
        user_id = str(persona["id"])
        forged = {
            "ok": True,
            "result": {
                "event_name": "message.text.received",
                "message": {"from": {"id": user_id, "display_name": "X", "is_bot": False},
                            "chat": {"id": user_id, "chat_type": "PRIVATE"},
                            "text": "menu", "message_id": "forged-1", "date": 0},
            },
        }  # fmt: skip
        sent = await zalo.send(user_id, "xin chào")
        answer = await zalo.wait_for_message(user_id, "mã mời", after=sent, within=20)
        assert answer["from_bot"]
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {SECRET_HEADER: "guess-guess"}):
                async with http.post(hook, json=forged, headers=headers) as resp:
                    assert resp.status == 401
        # Only the one answer above: nothing forged reached the conversation.
        assert len((await zalo.chat(user_id))["messages"]) == 2

        bot = await zalo.bot()
    assert str(bot["webhook"]["url"]) == hook
    log = process.output()
    assert ZALO_TOKEN not in log and ZALO_SECRET not in log
