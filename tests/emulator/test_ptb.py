"""python-telegram-bot's Bot against the emulator: sending, files, RetryAfter on 429."""

from __future__ import annotations

import datetime as dt

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter

from emulator import Emulator
from emulator.client import UserClient
from tests.emulator.conftest import TOKEN


@pytest.fixture(autouse=True)
def _timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB 22's timedelta ``retry_after``; the int form warns of its deprecation."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


def ptb_bot(base_url: str) -> Bot:
    return Bot(TOKEN, base_url=f"{base_url}/bot", base_file_url=f"{base_url}/file/bot")


async def test_send_and_retry_after(emulator: Emulator, users: UserClient, lan: int) -> None:
    await users.set_limits(chat_rate=1, chat_burst=1)
    async with ptb_bot(emulator.base_url) as bot:
        assert bot.username == "chibo_local_bot"
        message = await bot.send_message(lan, "<b>Nhắc họp</b> chi bộ", parse_mode="HTML")
        assert message.text == "Nhắc họp chi bộ"
        assert message.chat.id == lan

        with pytest.raises(RetryAfter) as flood:
            await bot.send_message(lan, "lần hai")
        assert flood.value.retry_after == dt.timedelta(seconds=1)

        await users.set_limits(chat_rate=0)
        await users.set_faults(share_429=1.0, retry_after=4, methods=["sendMessage"], seed=3)
        with pytest.raises(RetryAfter) as injected:
            await bot.send_message(lan, "lần ba")
        assert injected.value.retry_after == dt.timedelta(seconds=4)
    assert emulator.sent_count(lan) == 1


async def test_errors_and_files_through_ptb(
    emulator: Emulator, users: UserClient, lan: int
) -> None:
    await users.create_persona("Minh", 2002)
    async with ptb_bot(emulator.base_url) as bot:
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(2002, "x")
        await users.block(lan)
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(lan, "x")
        await users.unblock(lan)
        sent = await bot.send_document(lan, b"noi dung bien ban", filename="bien-ban.txt")
        assert sent.document is not None
        file = await bot.get_file(sent.document.file_id)
        assert bytes(await file.download_as_bytearray()) == b"noi dung bien ban"
