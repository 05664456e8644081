"""The aiogram Dispatcher with every router, middleware and dialog."""

from __future__ import annotations

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram_dialog import setup_dialogs
from aiogram_dialog.api.protocols import MessageManagerProtocol
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.handlers import common
from bot.middlewares import (
    ContextMiddleware,
    DatabaseUnavailableMiddleware,
    PrivateChatGuard,
    ReplayedUpdateFilter,
)
from dialogs.cell_info.dialogs import cell_info_dialog
from dialogs.committee.dialogs import committee_dialog
from dialogs.guest.dialogs import guest_dialog
from dialogs.history.dialogs import history_dialog
from dialogs.join.dialogs import join_dialog
from dialogs.meetings.dialogs import meetings_admin_dialog
from dialogs.members.dialogs import members_dialog
from dialogs.menu.dialogs import menu_dialog
from dialogs.next_meeting.dialogs import meetings_dialog
from dialogs.plan.dialogs import plan_dialog
from dialogs.report.dialogs import report_dialog
from dialogs.review.dialogs import plans_dialog
from dialogs.summary.dialogs import secretary_dialog
from dialogs.year_setup.dialogs import year_setup_dialog
from domain.clock import Clock
from storage.fsm import SqlStorage


def build_storage(
    db: async_sessionmaker[AsyncSession], redis_url: str | None = None
) -> BaseStorage:
    """Dialog state in Redis when configured, otherwise in the chibo database."""
    if redis_url:
        from aiogram.fsm.storage.redis import RedisStorage

        return RedisStorage.from_url(redis_url, key_builder=DefaultKeyBuilder(with_destiny=True))
    return SqlStorage(db)


def build_dispatcher(
    db: async_sessionmaker[AsyncSession],
    *,
    storage: BaseStorage | None = None,
    clock: Clock,
    message_manager: MessageManagerProtocol | None = None,
    shared_replay: bool = False,
    webview_url: str | None = None,
) -> Dispatcher:
    storage = storage or SqlStorage(db)
    # One lock per user and chat around the whole update: aiogram-dialog shows a window
    # before it saves the dialog's state, and a tap on that window must wait for the save
    # (tests/bot/test_update_isolation.py). Redis storage gives a lock every worker shares.
    create_isolation = getattr(storage, "create_isolation", None)
    isolation = create_isolation() if create_isolation else SimpleEventIsolation()
    # The Mini App's address, for the menu's button (``dialogs.menu``); None: no button.
    dp = Dispatcher(storage=storage, events_isolation=isolation, webview_url=webview_url)
    context = ContextMiddleware(db, clock, shared_replay=shared_replay)
    if not shared_replay:
        dp.update.outer_middleware(ReplayedUpdateFilter())
    dp.update.outer_middleware(PrivateChatGuard())
    dp.update.outer_middleware(context)
    dp.errors.outer_middleware(DatabaseUnavailableMiddleware())
    dp.include_routers(common.router(), menu_dialog(), guest_dialog())
    dp.include_routers(secretary_dialog(), committee_dialog())
    dp.include_routers(members_dialog(), plans_dialog(), meetings_admin_dialog())
    dp.include_routers(cell_info_dialog())
    dp.include_router(year_setup_dialog())
    dp.include_routers(
        join_dialog(),
        plan_dialog(),
        report_dialog(),
        history_dialog(),
        meetings_dialog(),
    )
    setup_dialogs(
        dp,
        events_isolation=isolation,
        message_manager=message_manager,
    )
    dp.include_router(common.fallback_router())
    return dp
