"""Local mode: the built-in Telegram stand-in, demo data, and a way in for newcomers.

With no token, ``chibo run`` calls ``start_local_telegram`` before the bot starts: the
emulator listens on ``CHIBO_EMULATOR_HOST:CHIBO_EMULATOR_PORT``, the demo cells are seeded
once, every demo member becomes a persona on the chat page, and a fresh invite link for
the first demo cell is printed so that a newcomer persona can join.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from config.settings import Settings
from dialogs.links import deep_link
from domain.audit import OPERATOR
from domain.clock import Clock
from domain.demo import demo_personas, seed_demo
from domain.invites import create_invite
from emulator.config import EmulatorConfig
from emulator.server import Emulator
from locales import t
from storage.models import Cell

log = logging.getLogger("chibo.local")
LOCAL_BOT_USERNAME = "chibo_local_bot"
NEWCOMER_INVITE_USES = 50
NEWCOMER_INVITE_DAYS = 30


async def start_local_telegram(
    settings: Settings, db: async_sessionmaker[AsyncSession], token: str, clock: Clock
) -> tuple[Emulator, str]:
    emulator = Emulator(
        EmulatorConfig(bot_username=LOCAL_BOT_USERNAME, token=token),
        launch_clock=lambda: clock.now().timestamp(),
    )
    base_url = await emulator.start(settings.emulator_host, settings.emulator_port)
    try:
        result = await seed_demo(db, today=clock.now().astimezone(settings.tz).date())
        log.info(t(result.msg_id, **result.msg_args))
        for persona in demo_personas():
            emulator.add_persona(persona.telegram_id, persona.full_name, started=True)
        link = await _newcomer_invite(db, clock)
    except BaseException:
        await emulator.stop()
        raise
    print(t("local-ready", url=emulator.chat_page_url, link=link or "-"), flush=True)
    if link:
        # On Zalo there are no links to open: the newcomer types the code itself.
        print(t("local-zalo-ready", code=link.rsplit("=", 1)[-1]), flush=True)
    return emulator, base_url


async def _newcomer_invite(db: async_sessionmaker[AsyncSession], clock: Clock) -> str | None:
    async with db() as session, session.begin():
        cell_id = await session.scalar(select(func.min(Cell.id)))
        if cell_id is None:
            return None
        invite = await create_invite(
            session,
            OPERATOR,
            cell_id=cell_id,
            now=clock.now(),
            uses=NEWCOMER_INVITE_USES,
            days=NEWCOMER_INVITE_DAYS,
        )
        return deep_link(LOCAL_BOT_USERNAME, invite.code)
