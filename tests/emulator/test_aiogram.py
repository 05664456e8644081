"""A real aiogram 3 Bot and Dispatcher against the emulator, over HTTP as with Telegram."""

from __future__ import annotations

from emulator import Emulator
from emulator.client import UserClient
from tests.emulator.tiny_bot import (
    ANSWER,
    BUTTON,
    EDITED_TEXT,
    GREETING_TEXT,
    running_tiny_bot,
)


async def test_start_button_and_edit_through_aiogram(emulator: Emulator, users: UserClient) -> None:
    await users.create_persona("Lan", 1001, "Nguyễn Thị", "lan_nguyen")
    async with running_tiny_bot(emulator.base_url) as bot:
        me = await bot.get_me()
        assert me.username == "chibo_local_bot"

        sent = await users.start(1001)
        greeting = await users.wait_for_message(1001, "Xin chào", after=sent)
        assert greeting["text"] == GREETING_TEXT
        assert greeting["html"].startswith("<b>Xin chào</b>, đồng chí!")
        (row,) = greeting["reply_markup"]["inline_keyboard"]
        assert row[0]["text"] == BUTTON

        pressed = await users.press(1001, greeting["message_id"], text=BUTTON)
        assert pressed["answer"]["answered"] is True
        assert pressed["answer"]["text"] == ANSWER

        view = await users.chat(1001)
        bot_messages = [m for m in view["messages"] if m["from_bot"]]
        assert len(bot_messages) == 1  # edited in place, not a new message
        edited = bot_messages[0]
        assert edited["message_id"] == greeting["message_id"]
        assert edited["text"] == EDITED_TEXT
        assert edited["edited"] is True
        assert edited["reply_markup"] is None
        assert edited["html"] == "Đã ghi nhận: <i>kế hoạch tháng này</i> ✅"

        echo_sent = await users.send(1001, "kế hoạch <b>không</b> phải HTML & vậy")
        echo = await users.wait_for_message(1001, "Bạn viết", after=echo_sent)
        assert echo["text"] == "Bạn viết: kế hoạch <b>không</b> phải HTML & vậy"
        assert echo["html"] == "Bạn viết: kế hoạch &lt;b&gt;không&lt;/b&gt; phải HTML &amp; vậy"
    stats = emulator.stats()
    assert stats["sent_per_chat"] == {"1001": 2}
    assert stats["edited_per_chat"] == {"1001": 1}
