"""How a message reaches a member: Telegram, Zalo, or neither.

Use cases write outbox rows addressed to a member; the delivery worker sends each on the
member's channel (``scheduler.channels``). A member on Zalo only has no Telegram chat: their
rows carry chat 0 and are routed by member.
"""

from __future__ import annotations

from typing import Protocol

from domain.vocabulary import Channel

ZALO_ONLY_CHAT = 0


class Reachable(Protocol):
    @property
    def telegram_id(self) -> int | None: ...

    @property
    def zalo_user_id(self) -> str | None: ...


def chat_of(member: Reachable) -> int | None:
    """The chat id an outbox row to ``member`` carries; None when no channel reaches them."""
    if member.telegram_id is not None:
        return member.telegram_id
    return ZALO_ONLY_CHAT if member.zalo_user_id is not None else None


def delivery_channel(
    preferred: Channel, telegram_id: int | None, zalo_user_id: str | None
) -> Channel | None:
    """Where a message to this member goes: their choice if they can be reached there."""
    if preferred is Channel.ZALO and zalo_user_id is not None:
        return Channel.ZALO
    if telegram_id is not None:
        return Channel.TELEGRAM
    if zalo_user_id is not None:
        return Channel.ZALO
    return None
