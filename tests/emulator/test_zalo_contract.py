"""The Zalo stand-in driven by clients nobody on this project wrote.

``python-zalo-bot`` (the ``zalo_bot`` package, a dev dependency) calls the stand-in as it
calls ``bot-api.zapps.me``: it sends form bodies, raises on a non-2xx HTTP status and
reads ``result`` from a 2xx answer. Then the exact requests of ``zalobot-python`` 0.2.4
(GET without a body for getMe, deleteWebhook and getWebhookInfo; POST with JSON for the
rest), checked against the fields its pydantic models require.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from zalo_bot import Bot, Update, User
from zalo_bot.error import BadRequest, InvalidToken, NetworkError

from emulator import Emulator
from emulator.client import ZaloUserClient
from emulator.config import DEFAULT_ZALO_TOKEN
from tests.emulator.zalo_support import LAN

SECRET = "zalo-s3cret-token"


@pytest.fixture
async def sdk(emulator: Emulator) -> AsyncIterator[Bot]:
    async with Bot(DEFAULT_ZALO_TOKEN, base_url=emulator.zalo_api_url) as bot:
        yield bot


@pytest.fixture
async def zalo_users(emulator: Emulator) -> AsyncIterator[ZaloUserClient]:
    async with ZaloUserClient(emulator.base_url) as client:
        yield client


async def test_sdk_get_me_reads_every_field_of_its_user_model(sdk: Bot, emulator: Emulator) -> None:
    me = await sdk.get_me()
    assert isinstance(me, User)
    assert (me.id, me.account_name, me.account_type, me.can_join_groups, me.display_name) == (
        emulator.config.zalo_bot_id,
        emulator.config.zalo_account_name,
        "BASIC",
        False,
        emulator.config.zalo_display_name,
    )
    assert dict(me.api_kwargs) == {}  # no field the model does not know


async def test_sdk_rejected_token(emulator: Emulator) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("123:wrong", base_url=emulator.zalo_api_url):
            pass


async def test_sdk_idle_get_updates_is_none_and_an_update_is_parsed(
    sdk: Bot, emulator: Emulator, zalo_users: ZaloUserClient
) -> None:
    assert await sdk.get_update(timeout=0) is None  # HTTP 200, error_code 408: no result

    await zalo_users.create_persona("Nguyễn Thị Lan", id=LAN)
    sent = await zalo_users.send(LAN, "Xin chào chi bộ")
    update = await sdk.get_update(timeout=5)
    assert isinstance(update, Update) and update.message is not None
    message = update.message
    assert message.message_id == sent["message"]["message_id"]
    assert message.text == "Xin chào chi bộ"
    assert (message.chat.id, message.chat.type) == (LAN, "PRIVATE")
    assert message.from_user is not None
    assert (message.from_user.id, message.from_user.display_name) == (LAN, "Nguyễn Thị Lan")
    assert message.from_user.is_bot is False
    assert update.api_kwargs["event_name"] == "message.text.received"
    assert await sdk.get_update(timeout=0) is None  # handed out once

    # the other live measurement (HTTP 408): the SDK raises on it
    emulator.zalo.platform.update({"idle_poll_http_status": 408})
    with pytest.raises(NetworkError, match="Request timeout"):
        await sdk.get_update(timeout=0)


async def test_sdk_send_message_with_its_form_body(
    sdk: Bot, emulator: Emulator, zalo_users: ZaloUserClient
) -> None:
    await zalo_users.create_persona("Nguyễn Thị Lan", id=LAN)
    sent = await sdk.send_message(LAN, "Nhắc: họp chi bộ ngày 5")
    [stored] = emulator.zalo_chat(LAN)["messages"]
    assert stored["from_bot"] is True and stored["text"] == "Nhắc: họp chi bộ ngày 5"
    assert sent.message_id == stored["message_id"]
    await sdk.send_chat_action(LAN, "typing")
    assert emulator.zalo_chat(LAN)["action"] == "typing"


async def test_sdk_set_and_delete_webhook(emulator: Emulator) -> None:
    # The SDK's webhook methods are synchronous (asyncio.run inside): each gets a fresh Bot
    # in a worker thread, off this test's event loop.
    def fresh() -> Bot:
        return Bot(DEFAULT_ZALO_TOKEN, base_url=emulator.zalo_api_url)

    emulator.zalo.platform.update({"allow_http_webhook": False})  # as the platform
    with pytest.raises(BadRequest, match=r"(?i)url must be an https url"):
        await asyncio.to_thread(fresh().set_webhook, "http://127.0.0.1:9/zalo", SECRET)
    url = "https://chibo.example/zalo"
    assert await asyncio.to_thread(fresh().set_webhook, url, SECRET) is True
    info = await asyncio.to_thread(fresh().get_webhook_info)
    assert info.url == url and isinstance(info.updated_at, int)
    assert emulator.zalo.webhook.secret_token == SECRET
    assert await asyncio.to_thread(fresh().delete_webhook) is True
    assert emulator.zalo.webhook.url == ""
    # no webhook: Zalo answers 404, which this SDK turns into InvalidToken
    with pytest.raises(InvalidToken, match="Not Found"):
        await asyncio.to_thread(fresh().get_webhook_info)


# zalobot-python 0.2.4 (NovaH00/zalobot-python): the fields its models require
BOT_INFO = {"id": str, "account_name": str, "account_type": str, "can_join_groups": bool,
            "display_name": str}  # fmt: skip
WEBHOOK_INFO = {"url": str, "updated_at": int}
MESSAGE_INFO = {"message_id": str, "date": int}
EVENT_MESSAGE = {"from": dict, "chat": dict, "text": str, "message_id": str, "date": int}


def _model(result: Any, fields: dict[str, type]) -> None:
    assert isinstance(result, dict)
    for name, kind in fields.items():
        assert isinstance(result.get(name), kind), (name, result)


async def test_the_exact_requests_of_zalobot_python(
    emulator: Emulator, zalo_users: ZaloUserClient
) -> None:
    await zalo_users.create_persona("Nguyễn Thị Lan", id=LAN)
    base = f"{emulator.zalo_api_url}/bot{DEFAULT_ZALO_TOKEN}"
    async with httpx.AsyncClient(timeout=30) as client:
        me = (await client.get(f"{base}/getMe")).json()
        assert me["ok"] is True
        _model(me["result"], BOT_INFO)

        await zalo_users.send(LAN, "kehoach")
        got = (await client.post(f"{base}/getUpdates", json={"timeout": 30})).json()
        assert got["ok"] is True and got["result"]["event_name"] == "message.text.received"
        _model(got["result"]["message"], EVENT_MESSAGE)
        _model(got["result"]["message"]["from"], {"id": str, "display_name": str, "is_bot": bool})
        _model(got["result"]["message"]["chat"], {"id": str, "chat_type": str})

        sent = await client.post(f"{base}/sendMessage", json={"chat_id": LAN, "text": "Chào"})
        _model(sent.json()["result"], MESSAGE_INFO)

        hook = {"url": "https://chibo.example/zalo", "secret_token": SECRET}
        _model((await client.post(f"{base}/setWebhook", json=hook)).json()["result"], WEBHOOK_INFO)
        _model((await client.get(f"{base}/getWebhookInfo")).json()["result"], WEBHOOK_INFO)
        deleted = (await client.get(f"{base}/deleteWebhook")).json()
        _model(deleted["result"], WEBHOOK_INFO)
        assert deleted["result"]["url"] == ""
