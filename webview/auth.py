"""Who opened the Mini App: Telegram's ``initData``, checked as Telegram documents it.

The signature is aiogram's ``safe_parse_webapp_init_data`` (secret = HMAC-SHA256 of the
bot token keyed by ``WebAppData``; hash = HMAC-SHA256 of the sorted ``key=value`` lines);
on top of it ``auth_date`` must be recent by the injected clock, so a copied URL expires.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from aiogram.utils.web_app import safe_parse_webapp_init_data
from sqlalchemy.ext.asyncio import AsyncSession

from domain.downloads import WEBVIEW_LINK, redeem_download
from domain.errors import DomainError, PermissionDenied
from domain.members import get_member
from domain.permissions import Actor, actor_for_telegram

# Telegram signs initData when the Mini App opens; a day covers a page left open.
MAX_AGE = timedelta(hours=24)
# A little clock skew between Telegram and this server is no reason to refuse.
SKEW = timedelta(minutes=5)
# A one-time link (for Zalo, which has no Mini Apps) opens a page session this long.
LINK_SESSION = timedelta(hours=2)


class BadInitData(PermissionDenied):
    def __init__(self) -> None:
        super().__init__("webview-error-signature")


class BadLink(PermissionDenied):
    def __init__(self) -> None:
        super().__init__("webview-error-link")


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


async def open_link(session: AsyncSession, once: str, token: str, now: datetime) -> str:
    """Use up a one-time link (a download token for ``WEBVIEW_LINK``); the page's
    session, signed, for its later calls."""
    try:
        member_id, document = await redeem_download(session, once, now)
    except DomainError:
        raise BadLink() from None
    if document != WEBVIEW_LINK:
        raise BadLink()
    expires = int((now + LINK_SESSION).timestamp())
    return f"{member_id}.{expires}.{_signature(member_id, expires, token)}"


def _signature(member_id: int, expires: int, token: str) -> str:
    key = hmac.new(b"WebviewLink", token.encode(), hashlib.sha256).digest()
    return hmac.new(key, f"{member_id}.{expires}".encode(), hashlib.sha256).hexdigest()


async def link_actor(session: AsyncSession, value: str, token: str, now: datetime) -> Actor:
    """The member a page session from ``open_link`` names, while it is fresh and signed."""
    member_id, expires, signature = [*value.split("."), "", "", ""][:3]
    if not (member_id.isdigit() and expires.isdigit()):
        raise BadLink()
    good = _signature(int(member_id), int(expires), token)
    if not hmac.compare_digest(good, signature) or now.timestamp() > int(expires):
        raise BadLink()
    return Actor.of(await get_member(session, int(member_id)))
