"""The main menu opens the Mini App for a cell's leaders and a committee, not for members."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from domain.demo import DemoSeedResult
from locales import t
from tests.dialogs.harness import Chat
from tests.webview.conftest import COMMITTEE, MEMBER_1, NOW, SECRETARY_1

URL = "https://chibo.example/webview/"


def web_app_urls(chat: Chat) -> list[str]:
    markup = chat.last.reply_markup
    assert markup is not None
    return [
        button.web_app.url
        for row in markup.inline_keyboard  # type: ignore[union-attr]
        for button in row
        if button.web_app is not None and button.text == t("menu-webview")
    ]


@pytest.mark.parametrize(
    ("telegram_id", "shown"), [(SECRETARY_1, True), (COMMITTEE, True), (MEMBER_1, False)]
)
async def test_the_menu_has_the_web_app_button_for_leaders(
    session_factory: async_sessionmaker[AsyncSession],
    demo: DemoSeedResult,
    telegram_id: int,
    shown: bool,
) -> None:
    chat = Chat(session_factory, telegram_id, FixedClock(NOW), webview_url=URL)
    await chat.send("/menu")
    assert web_app_urls(chat) == ([URL] if shown else [])


async def test_no_button_without_an_address(
    session_factory: async_sessionmaker[AsyncSession], demo: DemoSeedResult
) -> None:
    chat = Chat(session_factory, SECRETARY_1, FixedClock(NOW))
    await chat.send("/menu")
    assert web_app_urls(chat) == []
    assert t("sec-menu") in chat.captions()
