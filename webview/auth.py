"""Who opened the Mini App: Telegram's ``initData``, checked as Telegram documents it.

The signature is aiogram's ``safe_parse_webapp_init_data`` (secret = HMAC-SHA256 of the
bot token keyed by ``WebAppData``; hash = HMAC-SHA256 of the sorted ``key=value`` lines);
on top of it ``auth_date`` must be recent by the injected clock, so a copied URL expires.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from aiogram.utils.web_app import safe_parse_webapp_init_data
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import PermissionDenied
from domain.permissions import Actor, actor_for_telegram

# Telegram signs initData when the Mini App opens; a day covers a page left open.
MAX_AGE = timedelta(hours=24)
# A little clock skew between Telegram and this server is no reason to refuse.
SKEW = timedelta(minutes=5)


class BadInitData(PermissionDenied):
    def __init__(self) -> None:
        super().__init__("webview-error-signature")


def telegram_user_id(init_data: str, token: str, now: datetime) -> int:
    """The Telegram user who opened the Mini App; ``BadInitData`` if forged or stale."""
    try:
        data = safe_parse_webapp_init_data(token, init_data)
    except (ValueError, TypeError):
        raise BadInitData() from None
    if data.user is None or not (now - MAX_AGE <= data.auth_date <= now + SKEW):
        raise BadInitData()
    return data.user.id


async def webview_actor(session: AsyncSession, init_data: str, token: str, now: datetime) -> Actor:
    """The member behind a valid initData; the use cases then apply the chat's rules."""
    actor = await actor_for_telegram(session, telegram_user_id(init_data, token, now))
    if actor is None:
        raise PermissionDenied()
    return actor
