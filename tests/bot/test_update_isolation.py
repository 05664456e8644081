"""Two taps of one member, the second on the window the first has just shown.

aiogram-dialog edits the window inside the handler and saves the dialog's state after it
returns; a callback for the new window loads its context before taking the stack lock
(``IntentMiddleware._load_context_by_intent``), so without a lock around the whole update it
reads the state of the step before and the tap is lost. The dispatcher takes one lock per
user and chat for the whole update (aiogram's FSM events isolation): the second tap waits
for the first to be saved and then acts on the window the member saw.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiogram.fsm.storage.memory import DisabledEventIsolation
from aiogram.types import TelegramObject
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from aiogram_dialog.test_tools.memory_storage import JsonMemoryStorage
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import build_dispatcher
from domain.clock import FixedClock
from domain.vocabulary import MemberStatus, Role
from locales import t
from storage.models import Cell, Member

NOW = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)
USER = 4242


class HoldAfterHandler:
    """Inner middleware: after the first tap's handler has shown its window, wait."""

    def __init__(self) -> None:
        self.shown = asyncio.Event()
        self.release = asyncio.Event()
        self.calls = 0

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        self.calls += 1
        result = await handler(event, data)
        if self.calls == 1:
            self.shown.set()
            await self.release.wait()
        return result


async def test_a_tap_on_the_window_just_shown_acts_on_it(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session, session.begin():
        cell = Cell(name="Chi bộ Khu phố 3", meeting_day=5)
        session.add(cell)
        await session.flush()
        session.add(
            Member(
                full_name="Trần Thị Bình",
                telegram_id=USER,
                cell_id=cell.id,
                role=Role.MEMBER,
                status=MemberStatus.ACTIVE,
            )
        )
    messages = MockMessageManager()
    dp = build_dispatcher(
        session_factory,
        storage=JsonMemoryStorage(),
        clock=FixedClock(NOW),
        message_manager=messages,
    )
    assert not isinstance(dp.fsm.events_isolation, DisabledEventIsolation)
    hold = HoldAfterHandler()
    dp.callback_query.middleware(hold)
    phone = BotClient(dp, user_id=USER, chat_id=USER)

    await phone.send("/start")
    menu = messages.last_message()
    messages.reset_history()
    first = asyncio.create_task(phone.click(menu, InlineButtonTextLocator(t("menu-history"))))
    await asyncio.wait_for(hold.shown.wait(), 10)
    months = messages.last_message()
    assert "Năm 2027" in months.text
    second = asyncio.create_task(
        phone.click(months, InlineButtonTextLocator(t("history-prev-year", prev_year="2026")))
    )
    # Give the second tap every chance to read the dialog's state before the first saves it.
    await asyncio.sleep(0.5)
    hold.release.set()
    await asyncio.wait_for(asyncio.gather(first, second), 10)

    assert hold.calls == 2, "the second tap must reach a handler"
    assert "Năm 2026" in messages.last_message().text
