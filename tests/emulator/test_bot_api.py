"""The Bot API surface: each limit Telegram enforces, answered in Telegram's words."""

from __future__ import annotations

import aiohttp
import pytest

from emulator import Emulator, EmulatorConfig
from emulator.client import UserClient
from tests.emulator.conftest import LAN, TOKEN, BotApi

KEYBOARD = {"inline_keyboard": [[{"text": "Đồng ý", "callback_data": "yes"}]]}


async def test_get_me_derives_the_bot_from_the_token(bot: BotApi) -> None:
    me = await bot.ok("getMe")
    assert me["id"] == 123456789
    assert me["is_bot"] is True
    assert me["username"] == "chibo_local_bot"
    assert me["first_name"] == "chibo"


async def test_method_names_are_case_insensitive_and_get_works(
    http: aiohttp.ClientSession, bot: BotApi
) -> None:
    async with http.get(bot.url("getme")) as resp:
        body = await resp.json()
    assert resp.status == 200 and body["result"]["id"] == 123456789


async def test_unknown_method_is_404_not_found(bot: BotApi) -> None:
    assert await bot.error("sendTelepathy", chat_id=LAN) == (404, "Not Found")


async def test_tokens_are_checked_as_telegram_does(
    http: aiohttp.ClientSession, emulator: Emulator
) -> None:
    async def status_of(path: str) -> tuple[int, str]:
        async with http.get(f"{emulator.base_url}{path}") as resp:
            body = await resp.json()
            return resp.status, body["description"]

    assert await status_of("/botnotatoken/getMe") == (401, "Unauthorized: invalid token specified")
    assert await status_of("/bot0123:abc/getMe") == (401, "Unauthorized: invalid token specified")
    assert await status_of("/bot/getMe") == (404, "Not Found")
    assert await status_of("/getMe") == (404, "Not Found")


async def test_only_the_configured_token_is_accepted(http: aiohttp.ClientSession) -> None:
    async with Emulator(EmulatorConfig(token=TOKEN)) as emulator:
        right = BotApi(http, emulator.base_url)
        wrong = BotApi(http, emulator.base_url, "123456789:AAE-someone-elses-token-abcdefghij")
        assert (await right.ok("getMe"))["id"] == 123456789
        assert await wrong.error("getMe") == (401, "Unauthorized")


async def test_send_message_returns_a_full_message(bot: BotApi, lan: int) -> None:
    message = await bot.ok(
        "sendMessage",
        chat_id=lan,
        text="<b>Chào</b> chị",
        parse_mode="HTML",
        reply_markup=KEYBOARD,
    )
    assert message["message_id"] == 1
    assert message["chat"] == {
        "id": lan,
        "type": "private",
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
        "username": "lan_nguyen",
    }
    assert message["from"]["is_bot"] is True
    assert message["text"] == "Chào chị"
    assert message["entities"] == [{"type": "bold", "offset": 0, "length": 4}]
    assert message["reply_markup"] == KEYBOARD
    assert isinstance(message["date"], int)


async def test_empty_text_is_refused(bot: BotApi, lan: int) -> None:
    assert await bot.error("sendMessage", chat_id=lan, text="") == (
        400,
        "Bad Request: message text is empty",
    )
    assert await bot.error("sendMessage", chat_id=lan, text="<b> </b>", parse_mode="HTML") == (
        400,
        "Bad Request: message text is empty",
    )


async def test_text_limit_is_4096_after_entity_parsing(bot: BotApi, lan: int) -> None:
    long = "ạ" * 4096
    accepted = await bot.ok("sendMessage", chat_id=lan, text=f"<b>{long}</b>", parse_mode="HTML")
    assert len(accepted["text"]) == 4096
    assert await bot.error("sendMessage", chat_id=lan, text=long + "a") == (
        400,
        "Bad Request: message is too long",
    )


async def test_text_length_is_counted_in_utf16_code_units(bot: BotApi, lan: int) -> None:
    await bot.ok("sendMessage", chat_id=lan, text="😀" * 2048)
    assert await bot.error("sendMessage", chat_id=lan, text="😀" * 2049) == (
        400,
        "Bad Request: message is too long",
    )


async def test_bad_html_cannot_be_parsed(bot: BotApi, lan: int) -> None:
    status, description = await bot.error(
        "sendMessage", chat_id=lan, text="Chào <An> & bạn", parse_mode="HTML"
    )
    assert status == 400
    assert description == (
        'Bad Request: can\'t parse entities: Unsupported start tag "an" at byte offset 6'
    )
    _, unclosed = await bot.error("sendMessage", chat_id=lan, text="<b>x", parse_mode="HTML")
    assert unclosed == (
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
    )


@pytest.mark.parametrize("mode", ["BBCode", "MarkdownV2", "Markdown"])
async def test_unsupported_parse_mode(bot: BotApi, lan: int, mode: str) -> None:
    assert await bot.error("sendMessage", chat_id=lan, text="*x*", parse_mode=mode) == (
        400,
        "Bad Request: unsupported parse_mode",
    )


async def test_callback_data_is_limited_to_64_bytes(bot: BotApi, lan: int) -> None:
    def markup(data: str) -> dict[str, object]:
        return {"inline_keyboard": [[{"text": "x", "callback_data": data}]]}

    await bot.ok("sendMessage", chat_id=lan, text="ok", reply_markup=markup("a" * 64))
    # 22 × "ệ" is 22 characters but 66 bytes in UTF-8
    for data in ("a" * 65, "ệ" * 22):
        assert await bot.error("sendMessage", chat_id=lan, text="x", reply_markup=markup(data)) == (
            400,
            "Bad Request: BUTTON_DATA_INVALID",
        )


async def test_text_buttons_are_not_allowed_in_inline_keyboards(bot: BotApi, lan: int) -> None:
    markup = {"inline_keyboard": [[{"text": "chỉ chữ"}]]}
    _, description = await bot.error("sendMessage", chat_id=lan, text="x", reply_markup=markup)
    assert description.endswith("Text buttons are unallowed in the inline keyboard")


async def test_chat_not_found_for_a_user_who_never_started(bot: BotApi, users: UserClient) -> None:
    await users.create_persona("Minh", 2002)
    assert await bot.error("sendMessage", chat_id=2002, text="Nhắc họp") == (
        400,
        "Bad Request: chat not found",
    )
    await users.start(2002)
    await bot.ok("sendMessage", chat_id=2002, text="Nhắc họp")


async def test_blocked_user_gives_403_until_unblocked(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    await users.block(lan)
    assert await bot.error("sendMessage", chat_id=lan, text="x") == (
        403,
        "Forbidden: bot was blocked by the user",
    )
    updates = await bot.ok("getUpdates")
    kicked = updates[-1]["my_chat_member"]
    assert kicked["new_chat_member"]["status"] == "kicked"
    assert kicked["from"]["id"] == lan
    await users.unblock(lan)
    await bot.ok("sendMessage", chat_id=lan, text="x")


async def test_edit_returns_the_edited_message_and_refuses_no_change(bot: BotApi, lan: int) -> None:
    sent = await bot.ok("sendMessage", chat_id=lan, text="Một", reply_markup=KEYBOARD)
    ids = {"chat_id": lan, "message_id": sent["message_id"]}
    same = await bot.error("editMessageText", **ids, text="Một", reply_markup=KEYBOARD)
    assert same == (
        400,
        "Bad Request: message is not modified: specified new message content and reply "
        "markup are exactly the same as a current content and reply markup of the message",
    )
    edited = await bot.ok("editMessageText", **ids, text="<i>Hai</i>", parse_mode="HTML")
    assert edited["text"] == "Hai"
    assert edited["entities"] == [{"type": "italic", "offset": 0, "length": 3}]
    assert "reply_markup" not in edited  # an edit without reply_markup drops the keyboard
    assert "edit_date" in edited
    again = await bot.ok("editMessageReplyMarkup", **ids, reply_markup=KEYBOARD)
    assert again["reply_markup"] == KEYBOARD
    status, _ = await bot.error("editMessageReplyMarkup", **ids, reply_markup=KEYBOARD)
    assert status == 400


async def test_edit_and_delete_missing_messages(bot: BotApi, lan: int) -> None:
    assert await bot.error("editMessageText", chat_id=lan, message_id=99, text="x") == (
        400,
        "Bad Request: message to edit not found",
    )
    assert await bot.error("deleteMessage", chat_id=lan, message_id=99) == (
        400,
        "Bad Request: message to delete not found",
    )


async def test_users_messages_cannot_be_edited(bot: BotApi, users: UserClient, lan: int) -> None:
    sent = await users.send(lan, "xin chào")
    message_id = sent["message"]["message_id"]
    assert await bot.error("editMessageText", chat_id=lan, message_id=message_id, text="y") == (
        400,
        "Bad Request: message can't be edited",
    )


async def test_callback_query_can_be_answered_once(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    sent = await bot.ok("sendMessage", chat_id=lan, text="Chọn", reply_markup=KEYBOARD)
    pressed = await users.press(lan, sent["message_id"], data="yes", wait=0)
    updates = await bot.ok("getUpdates")
    query = updates[-1]["callback_query"]
    assert query["id"] == pressed["callback_query_id"]
    assert query["data"] == "yes"
    assert query["from"]["id"] == lan
    assert query["chat_instance"]
    assert query["message"]["message_id"] == sent["message_id"]
    assert await bot.ok("answerCallbackQuery", callback_query_id=query["id"], text="Đã lưu")
    assert await bot.error("answerCallbackQuery", callback_query_id=query["id"]) == (
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    )


async def test_form_encoded_parameters_are_accepted(
    http: aiohttp.ClientSession, bot: BotApi, lan: int
) -> None:
    form = {"chat_id": str(lan), "text": "form", "reply_markup": '{"inline_keyboard": []}'}
    async with http.post(bot.url("sendMessage"), data=form) as resp:
        body = await resp.json()
    assert resp.status == 200 and body["result"]["text"] == "form"


async def test_commands_menu_button_and_chat_info(bot: BotApi, lan: int) -> None:
    commands = [{"command": "menu", "description": "Trình đơn"}]
    assert await bot.ok("setMyCommands", commands=commands) is True
    assert await bot.ok("getMyCommands") == commands
    assert await bot.ok("getMyCommands", language_code="en") == []
    assert await bot.error("setMyCommands", commands=[{"command": "Bad!", "description": "x"}]) == (
        400,
        "Bad Request: BOT_COMMAND_INVALID",
    )
    assert await bot.ok("deleteMyCommands") is True
    assert await bot.ok("getMyCommands") == []
    assert await bot.ok("setChatMenuButton", menu_button={"type": "commands"}) is True
    chat = await bot.ok("getChat", chat_id=lan)
    assert chat["type"] == "private" and chat["first_name"] == "Lan"
    assert "accepted_gift_types" in chat
    assert await bot.ok("sendChatAction", chat_id=lan, action="typing") is True
    assert await bot.error("sendChatAction", chat_id=lan, action="dancing") == (
        400,
        "Bad Request: wrong parameter action in request",
    )


async def test_group_chats(bot: BotApi, users: UserClient, lan: int) -> None:
    await users.create_persona("Minh", 2002)
    group = await users.create_group("Chi bộ 1", [lan, 2002])
    assert group["type"] == "group" and group["id"] < 0
    sent = await users.send(group["id"], "/menu@chibo_local_bot", from_id=2002)
    assert sent["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 21}]
    updates = await bot.ok("getUpdates")
    assert updates[-1]["message"]["chat"] == {
        "id": group["id"],
        "type": "group",
        "title": "Chi bộ 1",
    }
    assert updates[-1]["message"]["from"]["id"] == 2002
    await bot.ok("sendMessage", chat_id=group["id"], text="Chào cả chi bộ")
    member = await bot.ok("getChatMember", chat_id=group["id"], user_id=lan)
    assert member["status"] == "creator"
