"""The user side: personas, writing and pressing as them, reading chats as they stand."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from emulator.client import EmulatorUserError, UserClient
from tests.emulator.conftest import BotApi

KEYBOARD = {
    "inline_keyboard": [
        [
            {"text": "Kế hoạch", "callback_data": "plan"},
            {"text": "Báo cáo", "callback_data": "report"},
        ],
        [{"text": "Trang web", "url": "https://example.org"}],
    ]
}


async def test_personas_are_created_listed_and_updated(users: UserClient) -> None:
    first = await users.create_persona("Lan", 1001, "Nguyễn Thị", "lan")
    auto = await users.create_persona("Hùng")
    assert first == {
        "id": 1001,
        "is_bot": False,
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
        "username": "lan",
        "language_code": "vi",
        "blocked": False,
    }
    assert auto["id"] > 1001 and auto["first_name"] == "Hùng"
    await users.create_persona("Lan Anh", 1001)
    names = {p["id"]: p["first_name"] for p in await users.personas()}
    assert names == {1001: "Lan Anh", auto["id"]: "Hùng"}


async def test_start_with_a_deep_link_payload(bot: BotApi, users: UserClient) -> None:
    await users.create_persona("Lan", 1001)
    sent = await users.start(1001, "invite-42_x")
    assert sent["message"]["text"] == "/start invite-42_x"
    (update,) = await bot.ok("getUpdates")
    message = update["message"]
    assert message["text"] == "/start invite-42_x"
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["from"] == {
        "id": 1001,
        "is_bot": False,
        "first_name": "Lan",
        "language_code": "vi",
    }
    with pytest.raises(EmulatorUserError) as refused:
        await users.start(1001, "không hợp lệ")
    assert refused.value.status == 400


async def test_chat_shows_messages_after_edits_and_deletes(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    await users.send(lan, "/menu")
    first = await bot.ok(
        "sendMessage", chat_id=lan, text="<b>Menu</b>", parse_mode="HTML", reply_markup=KEYBOARD
    )
    second = await bot.ok("sendMessage", chat_id=lan, text="sẽ bị xoá")
    await bot.ok(
        "editMessageText",
        chat_id=lan,
        message_id=first["message_id"],
        text="<i>Đã chọn</i> &amp; lưu",
        parse_mode="HTML",
    )
    await bot.ok("deleteMessage", chat_id=lan, message_id=second["message_id"])
    view = await users.chat(lan)
    assert [m["text"] for m in view["messages"]] == ["/menu", "Đã chọn & lưu"]
    edited = view["messages"][1]
    assert edited["from_bot"] is True and edited["edited"] is True
    assert edited["html"] == "<i>Đã chọn</i> &amp; lưu"
    assert edited["source"] == "<i>Đã chọn</i> &amp; lưu"
    assert edited["parse_mode"] == "HTML"
    assert edited["reply_markup"] is None
    stats = await users.stats()
    assert stats["sent_per_chat"] == {str(lan): 2}
    assert stats["edited_per_chat"] == {str(lan): 1}
    assert stats["deleted_per_chat"] == {str(lan): 1}


async def test_pressing_a_button_returns_the_bots_answer(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    sent = await bot.ok("sendMessage", chat_id=lan, text="Chọn", reply_markup=KEYBOARD)

    async def bot_side() -> None:
        (update,) = await bot.ok("getUpdates", timeout=5)
        query = update["callback_query"]
        assert query["data"] == "report"
        await bot.ok(
            "answerCallbackQuery",
            callback_query_id=query["id"],
            text="Đang mở báo cáo",
            show_alert=True,
        )

    answering = asyncio.create_task(bot_side())
    pressed = await users.press(lan, sent["message_id"], text="Báo cáo")
    await answering
    assert pressed["answer"] == {
        "answered": True,
        "text": "Đang mở báo cáo",
        "show_alert": True,
        "url": None,
    }
    url_button = await users.press(lan, sent["message_id"], text="Trang web")
    assert url_button["url"] == "https://example.org" and url_button["answer"] is None
    with pytest.raises(EmulatorUserError) as missing:
        await users.press(lan, sent["message_id"], data="nope")
    assert missing.value.status == 400


async def test_unanswered_press_reports_it_after_the_wait(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    sent = await bot.ok("sendMessage", chat_id=lan, text="Chọn", reply_markup=KEYBOARD)
    pressed = await users.press(lan, sent["message_id"], data="plan", wait=0.2)
    assert pressed["answer"]["answered"] is False


async def test_reading_a_chat_can_wait_for_the_next_change(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    view = await users.chat(lan)
    waiting = asyncio.create_task(users.chat(lan, since=view["version"], wait=10))
    await asyncio.sleep(0.2)
    assert not waiting.done()
    await bot.ok("sendMessage", chat_id=lan, text="Có tin mới")
    newer = await asyncio.wait_for(waiting, 3)
    assert newer["version"] > view["version"]
    assert newer["messages"][-1]["text"] == "Có tin mới"


async def test_a_persona_who_never_started_has_an_empty_chat(users: UserClient) -> None:
    await users.create_persona("Minh", 2002)
    view = await users.chat(2002)
    assert view["exists"] is False and view["messages"] == []
    with pytest.raises(EmulatorUserError) as unknown:
        await users.chat(424242)
    assert unknown.value.status == 404


async def test_group_messages_need_a_sender(users: UserClient) -> None:
    await users.create_persona("Lan", 1001)
    group = await users.create_group("Chi bộ", [1001], "supergroup")
    assert group["type"] == "supergroup" and str(group["id"]).startswith("-100")
    with pytest.raises(EmulatorUserError):
        await users.send(group["id"], "ai đây?")
    sent = await users.send(group["id"], "Lan đây", from_id=1001)
    assert sent["message"]["from"]["id"] == 1001


async def test_reset_forgets_everything(bot: BotApi, users: UserClient, lan: int) -> None:
    await bot.ok("sendMessage", chat_id=lan, text="x")
    await users.reset(keep_personas=True)
    assert [p["id"] for p in await users.personas()] == [lan]
    assert (await users.stats())["sent_total"] == 0
    assert await bot.error("sendMessage", chat_id=lan, text="x") == (
        400,
        "Bad Request: chat not found",
    )
    await users.reset()
    assert await users.personas() == []


async def test_the_bot_and_unknown_paths(users: UserClient) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{users.base_url}/_emulator/bot") as resp:
            info = await resp.json()
        assert info["username"] == "chibo_local_bot" and info["webhook"]["url"] == ""
        async with http.get(f"{users.base_url}/_emulator/nothing") as resp:
            assert resp.status == 404
        async with http.get(f"{users.base_url}/_emulator/files/nope") as resp:
            assert resp.status == 404
