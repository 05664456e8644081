"""/start for strangers, pending and active members; the menu; stale buttons."""

from __future__ import annotations

from datetime import UTC, datetime

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


async def add_member(
    db: async_sessionmaker[AsyncSession], telegram_id: int, status: MemberStatus
) -> None:
    async with db() as session, session.begin():
        cell = Cell(name=f"Chi bộ {telegram_id}", meeting_day=5)
        session.add(cell)
        await session.flush()
        session.add(
            Member(
                full_name="Nguyễn Văn <An> & Cộng sự",
                telegram_id=telegram_id,
                cell_id=cell.id,
                role=Role.MEMBER,
                status=status,
            )
        )


def client(
    db: async_sessionmaker[AsyncSession], user_id: int
) -> tuple[BotClient, MockMessageManager]:
    manager = MockMessageManager()
    dp = build_dispatcher(
        db, storage=JsonMemoryStorage(), clock=FixedClock(NOW), message_manager=manager
    )
    return BotClient(dp, user_id=user_id, chat_id=user_id), manager


async def test_stranger_is_told_how_to_join(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    bot, messages = client(session_factory, 42)
    await bot.send("/start")
    text = messages.last_message().text
    assert "mã mời" in text
    assert "User_42" in text
    markup = messages.last_message().reply_markup
    assert markup is None or markup.inline_keyboard == []


async def test_pending_member_waits_for_approval(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await add_member(session_factory, 43, MemberStatus.PENDING)
    bot, messages = client(session_factory, 43)
    await bot.send("/start")
    assert "chờ bí thư duyệt" in messages.last_message().text


async def test_member_reaches_menu_and_help_with_escaped_name(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await add_member(session_factory, 44, MemberStatus.ACTIVE)
    bot, messages = client(session_factory, 44)
    await bot.send("/start")
    menu = messages.last_message()
    assert "Nguyễn Văn &lt;An&gt; &amp; Cộng sự" in menu.text
    messages.reset_history()
    await bot.click(menu, InlineButtonTextLocator(t("menu-help")))
    assert "Hướng dẫn sử dụng" in messages.one_message().text


async def test_button_from_before_a_restart_brings_the_menu_back(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await add_member(session_factory, 45, MemberStatus.ACTIVE)
    bot, messages = client(session_factory, 45)
    await bot.send("/start")
    old_menu = messages.last_message()
    # A new process: its dialog state storage no longer knows the old window.
    restarted, new_messages = client(session_factory, 45)
    restarted.last_message_id = 100
    await restarted.click(old_menu, InlineButtonTextLocator(t("menu-help")))
    assert "Đồng chí cần làm gì" in new_messages.last_message().text
