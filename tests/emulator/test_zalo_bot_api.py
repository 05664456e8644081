"""The Zalo stand-in's bot side: ``/zalo/bot<TOKEN>/<method>`` as the contract words it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from emulator import Emulator
from emulator.client import EmulatorUserError, UserClient, ZaloUserClient
from tests.emulator.zalo_support import LAN, ZaloApi


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


async def test_get_me_token_and_unknown_methods(
    zalo_bot: ZaloApi, http: aiohttp.ClientSession, emulator: Emulator
) -> None:
    me = await zalo_bot.ok("getMe")
    assert me == {"id": "2718281828459045235", "account_name": "bot.chibo_local",
                  "account_type": "BASIC", "can_join_groups": False,
                  "display_name": "chibo"}  # fmt: skip
    async with http.get(zalo_bot.url("getMe")) as resp:  # GET works as well
        assert (await resp.json())["result"] == me

    wrong = ZaloApi(http, emulator.base_url, token="not-the-token")
    assert await wrong.error("getMe") == (401, "Unauthorized")
    assert await wrong.error("sendMessage", chat_id=LAN, text="x") == (401, "Unauthorized")
    # Zalo's error table: 400 is a wrong path or API name; names are case-sensitive
    assert await zalo_bot.error("sendDocument", chat_id=LAN) == (400, "Bad Request")
    assert await zalo_bot.error("getme") == (400, "Bad Request")
    assert await zalo_bot.error("GetMe") == (400, "Bad Request")
    async with http.get(f"{emulator.base_url}/zalo/elsewhere") as resp:
        assert resp.status == 400
    # the Telegram side is untouched by the Zalo token
    async with http.get(f"{emulator.base_url}/bot{zalo_bot.token}/getMe") as resp:
        assert resp.status == 401


async def test_a_text_message_is_one_update_handed_out_once(
    zalo_bot: ZaloApi, zalo_users: ZaloUserClient, lan: str
) -> None:
    sent = await zalo_users.send(lan, "Xin chào chi bộ")
    assert sent["event_name"] == "message.text.received"
    update = await zalo_bot.ok("getUpdates", timeout=0)
    assert update == {"event_name": "message.text.received", "message": sent["message"]}
    message = update["message"]
    assert message["from"] == {"id": LAN, "display_name": "Nguyễn Thị Lan", "is_bot": False}
    assert message["chat"] == {"id": LAN, "chat_type": "PRIVATE"}
    assert message["text"] == "Xin chào chi bộ"
    assert isinstance(message["message_id"], str) and isinstance(message["date"], int)
    assert message["date"] > 1_600_000_000_000  # milliseconds

    # at most once: nothing new now
    idle = {"ok": False, "error_code": 408, "description": "Request timeout"}
    assert await zalo_bot.idle(timeout=0) == (200, idle)

    # two messages come one per call, in order, with distinct ids
    first = await zalo_users.send(lan, "một")
    second = await zalo_users.send(lan, "hai")
    got = [await zalo_bot.ok("getUpdates", timeout="0") for _ in range(2)]
    assert [u["message"]["text"] for u in got] == ["một", "hai"]
    assert first["message"]["message_id"] != second["message"]["message_id"]


async def test_get_updates_long_polls_until_a_message_arrives(
    zalo_bot: ZaloApi, zalo_users: ZaloUserClient, lan: str, emulator: Emulator
) -> None:
    poll = asyncio.create_task(zalo_bot("getUpdates", timeout=20))
    for _ in range(1000):  # until the poll waits inside the emulator
        if emulator.zalo.waiting_polls:
            break
        await asyncio.sleep(0.01)
    assert emulator.zalo.waiting_polls == 1 and not poll.done()
    await zalo_users.send_event(lan, "message.sticker.received", sticker="abc123")
    status, body = await poll
    assert status == 200
    assert body["result"]["event_name"] == "message.sticker.received"
    assert "text" not in body["result"]["message"]
    assert body["result"]["message"]["sticker"] == "abc123"
    assert await zalo_bot.error("getUpdates", timeout="soon") == (
        400,
        "Bad Request: timeout must be a number of seconds",
    )


async def test_send_message_counts_characters_and_keeps_text_plain(
    zalo_bot: ZaloApi, zalo_users: ZaloUserClient, lan: str, emulator: Emulator
) -> None:
    longest = "ệ" * 2000  # 2000 characters, 6000 bytes in UTF-8
    result = await zalo_bot.ok("sendMessage", chat_id=lan, text=longest)
    assert set(result) == {"message_id", "date"} and isinstance(result["message_id"], str)
    too_long = "Bad Request: text must be 1-2000 characters"
    assert await zalo_bot.error("sendMessage", chat_id=lan, text=longest + "!") == (400, too_long)
    assert await zalo_bot.error("sendMessage", chat_id=lan, text="") == (400, too_long)
    assert await zalo_bot.error("sendMessage", chat_id=lan) == (400, too_long)
    assert await zalo_bot.error("sendMessage", chat_id="404", text="x") == (
        400,
        "Bad Request: chat not found",
    )
    markup = "<b>Kế hoạch</b> &amp; báo cáo"
    await zalo_bot.ok("sendMessage", chat_id=int(lan), text=markup)

    chat = await zalo_users.chat(lan)
    texts = [m["text"] for m in chat["messages"]]
    assert texts == [longest, markup]  # never HTML-parsed nor unescaped
    assert [m["seq"] for m in chat["messages"]] == [1, 2] and chat["version"] == 2
    assert all(m["from_bot"] for m in chat["messages"])
    assert chat["messages"][0]["message_id"] == result["message_id"]
    assert emulator.zalo_chat(lan)["messages"] == chat["messages"]
    stats = await zalo_users.stats()
    assert stats["calls_per_method"]["sendMessage"] == 6
    assert stats["sent_per_chat"] == {lan: 2}


async def test_photos_stickers_and_typing(
    zalo_bot: ZaloApi, zalo_users: ZaloUserClient, lan: str
) -> None:
    await zalo_bot.ok("sendChatAction", chat_id=lan, action="typing")
    assert (await zalo_users.chat(lan))["action"] == "typing"
    assert (await zalo_bot.error("sendChatAction", chat_id=lan, action="dancing"))[0] == 400
    photo = "https://example.org/bieu-do.png"
    await zalo_bot.ok("sendPhoto", chat_id=lan, photo=photo, caption="Biểu đồ tháng 11")
    assert await zalo_bot.error("sendPhoto", chat_id=lan, photo="/tmp/x.png") == (
        400,
        "Bad Request: photo must be an http or https URL",
    )
    await zalo_bot.ok("sendSticker", chat_id=lan, sticker="sticker-42")
    chat = await zalo_users.chat(lan)
    assert chat["action"] is None  # a message ends "typing"
    photo_message, sticker_message = chat["messages"]
    assert photo_message["photo"] == photo and photo_message["text"] == "Biểu đồ tháng 11"
    assert sticker_message["sticker"] == "sticker-42" and sticker_message["text"] == ""


async def test_a_blocked_user_refuses_the_bot(
    zalo_bot: ZaloApi, zalo_users: ZaloUserClient, lan: str, emulator: Emulator
) -> None:
    await zalo_bot.ok("sendMessage", chat_id=lan, text="Nhắc nộp báo cáo")
    # a waiting read of the chat ends when the user blocks the bot, with no new message
    read = asyncio.create_task(zalo_users.chat(lan, since=1, wait=20))
    for _ in range(1000):
        if emulator.zalo.waiting_reads:
            break
        await asyncio.sleep(0.01)
    assert emulator.zalo.waiting_reads == 1 and not read.done()
    assert (await zalo_users.block(lan))["blocked"] is True
    view = await read
    assert view["blocked"] is True and view["messages"] == [] and view["version"] == 1
    blocked = (403, "Internal server error")  # Zalo's 403; its code for "blocked" is unknown
    assert await zalo_bot.error("sendMessage", chat_id=lan, text="Nhắc lần hai") == blocked
    assert await zalo_bot.error("sendChatAction", chat_id=lan, action="typing") == blocked
    await zalo_users.unblock(lan)
    await zalo_bot.ok("sendMessage", chat_id=lan, text="Nhắc lần ba")
    texts = [m["text"] for m in (await zalo_users.chat(lan))["messages"]]
    assert texts == ["Nhắc nộp báo cáo", "Nhắc lần ba"]


async def test_the_user_client_waits_for_the_bot_and_reads_since_a_version(
    zalo_bot: ZaloApi, zalo_users: ZaloUserClient, users: UserClient, emulator: Emulator
) -> None:
    persona = await zalo_users.create_persona("Trần Văn Hùng")
    hung = persona["id"]
    assert hung.isdigit() and persona == {"id": hung, "display_name": "Trần Văn Hùng",
                                          "blocked": False, "protected": False}  # fmt: skip
    await zalo_users.create_persona("Hùng", id=hung)  # renames
    assert [p["display_name"] for p in await zalo_users.personas()] == ["Hùng"]

    await zalo_bot.ok("sendMessage", chat_id=hung, text="Gõ 1 để lập kế hoạch")
    sent = await zalo_users.send(hung, "1")
    assert sent["seq"] == 2

    async def answer() -> None:
        update = await zalo_bot.ok("getUpdates", timeout=5)
        chat_id = update["message"]["chat"]["id"]
        await zalo_bot.ok("sendMessage", chat_id=chat_id, text="Gõ 1 để xác nhận")

    answering = asyncio.create_task(answer())
    reply = await zalo_users.wait_for_message(hung, "Gõ 1", after=sent, within=10)
    await answering
    assert reply["text"] == "Gõ 1 để xác nhận" and reply["seq"] == 3

    newer = await zalo_users.chat(hung, since=2)
    assert [m["text"] for m in newer["messages"]] == ["Gõ 1 để xác nhận"]
    assert newer["version"] == 3
    nothing = await zalo_users.chat(hung, since=3, wait=0)
    assert nothing["messages"] == [] and nothing["version"] == 3
    with pytest.raises(TimeoutError):
        await zalo_users.wait_for_message(hung, "Gõ 1", after=reply, within=0)

    with pytest.raises(EmulatorUserError) as unknown:
        await zalo_users.send("999", "ai đó")
    assert unknown.value.status == 404
    with pytest.raises(EmulatorUserError) as empty:
        await zalo_users.send(hung, "  ")
    assert empty.value.status == 400
    with pytest.raises(EmulatorUserError) as bad_event:
        await zalo_users.send_event(hung, "message.video.received")
    assert bad_event.value.status == 400

    # the emulator's reset forgets Zalo too
    await users.reset()
    assert await zalo_users.personas() == []
    added = emulator.add_zalo_persona("Lan", "8002")
    emulator.zalo_send(added.id, "chào")
    assert (await zalo_bot.ok("getUpdates", timeout=0))["message"]["text"] == "chào"
