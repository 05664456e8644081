"""The Zalo stand-in as the platform's documents and live measurements describe it: how
parameters come, error codes and their HTTP statuses, getMe, the HTTPS-only webhook, the
send quota, and the fault modes (updates served again, group chats, protected accounts)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from emulator import Emulator
from emulator.client import ZaloUserClient
from tests.emulator.zalo_support import LAN, ZaloApi

SECRET = "zalo-s3cret-token"
IDLE = {"ok": False, "error_code": 408, "description": "Request timeout"}


@pytest.fixture
def zalo_bot(http: aiohttp.ClientSession, emulator: Emulator) -> ZaloApi:
    return ZaloApi(http, emulator.base_url)


@pytest.fixture
async def zalo_users(emulator: Emulator) -> AsyncIterator[ZaloUserClient]:
    async with ZaloUserClient(emulator.base_url) as client:
        yield client


@pytest.fixture
async def lan(zalo_users: ZaloUserClient) -> str:
    await zalo_users.create_persona("Nguyễn Thị Lan", id=LAN)
    return LAN


async def _answer(resp: aiohttp.ClientResponse) -> tuple[int, dict[str, Any]]:
    return resp.status, await resp.json()


async def test_parameters_come_as_query_form_json_or_multipart(
    zalo_bot: ZaloApi, http: aiohttp.ClientSession, emulator: Emulator, lan: str
) -> None:
    url = zalo_bot.url("sendMessage")
    async with http.get(url, params={"chat_id": lan, "text": "query"}) as resp:
        assert (await _answer(resp))[0] == 200
    async with http.post(url, data={"chat_id": lan, "text": "form"}) as resp:
        assert resp.request_info.headers["Content-Type"].startswith(
            "application/x-www-form-urlencoded"
        )
        assert (await _answer(resp))[0] == 200
    form = aiohttp.FormData()
    form.add_field("chat_id", lan)
    form.add_field("text", "multipart")
    form.add_field("unused", b"\x00\x01", filename="x.bin")  # a file part forces multipart
    async with http.post(url, data=form) as resp:
        assert resp.request_info.headers["Content-Type"].startswith("multipart/form-data")
        assert (await _answer(resp))[0] == 200
    async with http.post(url, json={"chat_id": lan, "text": "json"}) as resp:
        assert (await _answer(resp))[0] == 200
    texts = [m["text"] for m in emulator.zalo_chat(lan)["messages"]]
    assert texts == ["query", "form", "multipart", "json"]

    # a form's numbers are strings: getUpdates' timeout still reads
    async with http.post(zalo_bot.url("getUpdates"), data={"timeout": "0"}) as resp:
        assert await _answer(resp) == (200, IDLE)
    async with http.post(url, data=b"{not json", headers={"Content-Type": "text/plain"}) as resp:
        status, body = await _answer(resp)
    assert (status, body["error_code"]) == (400, 400)


async def test_method_names_are_case_sensitive(zalo_bot: ZaloApi) -> None:
    assert await zalo_bot.ok("getMe")
    for wrong in ("getme", "GETME", "GetMe", "sendmessage"):
        assert await zalo_bot.error(wrong) == (400, "Bad Request")


async def test_errors_have_the_envelope_and_the_documented_codes(
    zalo_bot: ZaloApi, http: aiohttp.ClientSession, emulator: Emulator, lan: str
) -> None:
    wrong = ZaloApi(http, emulator.base_url, token="123:not-the-token")
    assert await wrong.error("getMe") == (401, "Unauthorized")
    # idle getUpdates: HTTP 200 with error_code 408 by default ...
    assert await zalo_bot.idle(timeout=0) == (200, IDLE)
    # ... or HTTP 408, the other live measurement, as a setting
    emulator.zalo.platform.update({"idle_poll_http_status": 408})
    assert await zalo_bot.idle(timeout=0) == (408, IDLE)
    # no webhook: getWebhookInfo answers 404 Not Found (measured on a live bot)
    status, body = await zalo_bot("getWebhookInfo")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    # 403 is "Internal server error" in Zalo's table (the stand-in's blocked user gets it)
    emulator.zalo.set_blocked(lan, True)
    assert await zalo_bot.error("sendMessage", chat_id=lan, text="x") == (
        403,
        "Internal server error",
    )


async def test_the_platform_settings_are_checked(
    http: aiohttp.ClientSession, emulator: Emulator
) -> None:
    base = f"{emulator.base_url}/_emulator/zalo/platform"
    async with http.get(base) as resp:
        assert await resp.json() == {
            "allow_http_webhook": True,  # the emulator runs locally
            "idle_poll_http_status": 200,
            "send_quota": 0,
            "replay_updates": 0,
        }
    for bad in ({"idle_poll_http_status": 500}, {"send_quota": -1}, {"nope": 1},
                {"allow_http_webhook": "yes"}):  # fmt: skip
        async with http.post(base, json=bad) as resp:
            assert resp.status == 400, bad
    async with http.post(base, json={"send_quota": 3}) as resp:
        assert (await resp.json())["send_quota"] == 3


async def test_get_me_has_the_documented_fields_and_nothing_more(zalo_bot: ZaloApi) -> None:
    me = await zalo_bot.ok("getMe")
    assert set(me) == {"id", "account_name", "account_type", "can_join_groups", "display_name"}
    assert me["account_type"] == "BASIC" and me["can_join_groups"] is False
    assert isinstance(me["id"], str)


async def test_set_webhook_takes_https_only_unless_the_local_setting_allows_http(
    zalo_bot: ZaloApi, emulator: Emulator
) -> None:
    emulator.zalo.platform.update({"allow_http_webhook": False})  # as the platform
    for url in ("http://127.0.0.1:8080/zalo", "http://chibo.example/zalo", "ftp://x"):
        assert await zalo_bot.error("setWebhook", url=url, secret_token=SECRET) == (
            400,
            "Bad Request: url must be an https URL",
        )
    info = await zalo_bot.ok("setWebhook", url="https://chibo.example/zalo", secret_token=SECRET)
    assert info["url"] == "https://chibo.example/zalo"
    await zalo_bot.ok("deleteWebhook")

    emulator.zalo.platform.update({"allow_http_webhook": True})  # local mode, tests
    info = await zalo_bot.ok("setWebhook", url="http://127.0.0.1:8080/zalo", secret_token=SECRET)
    assert info["url"] == "http://127.0.0.1:8080/zalo"


async def test_429_quota_exceeded_is_a_quota_of_sends(
    zalo_bot: ZaloApi, emulator: Emulator, lan: str, zalo_users: ZaloUserClient
) -> None:
    emulator.zalo.platform.update({"send_quota": 2})
    await zalo_bot.ok("sendMessage", chat_id=lan, text="một")
    await zalo_bot.ok("sendPhoto", chat_id=lan, photo="https://x.vn/a.png")
    for _ in range(3):  # spent: it does not come back by waiting
        assert await zalo_bot.error("sendMessage", chat_id=lan, text="ba") == (
            429,
            "Quota exceeded",
        )
    assert (await zalo_users.stats())["quota_429"] == 3
    await zalo_users.send(lan, "vẫn nhận được")  # receiving is not a send
    assert (await zalo_bot.ok("getUpdates", timeout=0))["message"]["text"] == "vẫn nhận được"
    emulator.zalo.platform.update({"send_quota": 0})
    await zalo_bot.ok("sendMessage", chat_id=lan, text="hết hạn mức")


async def test_off_by_default_updates_can_be_served_again_on_later_polls(
    zalo_bot: ZaloApi, emulator: Emulator, lan: str, zalo_users: ZaloUserClient
) -> None:
    await zalo_users.send(lan, "một lần")
    assert (await zalo_bot.ok("getUpdates", timeout=0))["message"]["text"] == "một lần"
    assert await zalo_bot.idle(timeout=0) == (200, IDLE)

    emulator.zalo.platform.update({"replay_updates": 2})
    sent = await zalo_users.send(lan, "lặp lại")
    got = [await zalo_bot.ok("getUpdates", timeout=0) for _ in range(3)]
    assert [u["message"]["message_id"] for u in got] == [sent["message"]["message_id"]] * 3
    assert await zalo_bot.idle(timeout=0) == (200, IDLE)
    # a new update comes before one served again
    again = await zalo_users.send(lan, "mới")
    newer = await zalo_users.send(lan, "mới hơn")
    texts = [(await zalo_bot.ok("getUpdates", timeout=0))["message"]["text"] for _ in range(3)]
    assert texts == ["mới", "mới hơn", "mới"]
    assert again["message"]["message_id"] != newer["message"]["message_id"]


async def test_a_group_chat_update_and_an_answer_to_the_group(
    zalo_bot: ZaloApi,
    lan: str,
    zalo_users: ZaloUserClient,
    http: aiohttp.ClientSession,
    emulator: Emulator,
) -> None:
    base = emulator.base_url
    async with http.post(
        f"{base}/_emulator/zalo/chats/{lan}/messages", json={"text": "chào", "group_id": "g-77"}
    ) as resp:
        assert resp.status == 201
    update = await zalo_bot.ok("getUpdates", timeout=0)
    assert update["message"]["chat"] == {"id": "g-77", "chat_type": "GROUP"}
    assert update["message"]["from"]["id"] == lan
    await zalo_bot.ok("sendMessage", chat_id="g-77", text="chibo chỉ làm việc riêng")
    async with http.get(f"{base}/_emulator/zalo/groups/g-77") as resp:
        group = await resp.json()
    assert [m["text"] for m in group["messages"]] == ["chibo chỉ làm việc riêng"]
    assert (await zalo_users.chat(lan))["messages"][-1]["from_bot"] is False  # not in private
    assert (await zalo_users.stats())["sent_per_group"] == {"g-77": 1}
    assert await zalo_bot.error("sendMessage", chat_id="g-unknown", text="x") == (
        400,
        "Bad Request: chat not found",
    )


async def test_a_protected_account_reaches_the_bot_as_unsupported_without_content(
    zalo_bot: ZaloApi, zalo_users: ZaloUserClient, http: aiohttp.ClientSession, emulator: Emulator
) -> None:
    base = emulator.base_url
    async with http.post(
        f"{base}/_emulator/zalo/personas",
        json={"id": "8009", "display_name": "Bé Na", "protected": True},
    ) as resp:
        assert (await resp.json())["protected"] is True
    await zalo_users.send("8009", "số điện thoại của em là 0901")
    await zalo_users.send_event("8009", "message.image.received", photo="https://x.vn/a.jpg")
    for _ in range(2):
        update = await zalo_bot.ok("getUpdates", timeout=0)
        assert update["event_name"] == "message.unsupported.received"
        message = update["message"]
        assert set(message) == {"from", "chat", "message_id", "date"}
        assert message["chat"] == {"id": "8009", "chat_type": "PRIVATE"}
