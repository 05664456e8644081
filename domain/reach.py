"""How a message reaches a member: Telegram, Zalo, or neither.

Use cases write outbox rows addressed to a member; the delivery worker sends each on the
member's channel (``delivery.channels``). A member on Zalo only has no Telegram chat: their
rows carry no chat and are routed by member.
"""

from __future__ import annotations

from typing import Any, Protocol

from domain.vocabulary import Channel


class Reachable(Protocol):
    @property
    def telegram_id(self) -> int | None: ...

    @property
    def zalo_user_id(self) -> str | None: ...


def reachable(member: Reachable) -> bool:
    """Whether some channel reaches ``member``."""
    return member.telegram_id is not None or member.zalo_user_id is not None


def outbox_payload(message: str, **args: Any) -> dict[str, Any]:
    """An outbox payload: a Fluent message and its raw arguments, rendered at send time."""
    return {"message": message, "args": args}


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
