"""The bot's update queue: ``getUpdates`` offsets, long polling, allowed_updates, webhook state."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

# Telegram leaves these out unless a bot asks for them in allowed_updates.
OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class Pulse:
    """Wakes every coroutine waiting for "something changed" (an edge-triggered condition)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float) -> bool:
        """True when fired within ``seconds``, False when the time ran out."""
        event = self._event
        if seconds <= 0:
            return False
        # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a cancellation
        # that arrives as the event fires, and a cancelled waiter would then wait again.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await event.wait()
            return True
        return False


@dataclass
class Webhook:
    url: str = ""
    secret_token: str | None = None
    token: str = ""  # the bot token that set it, to run methods a webhook answer carries
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None

    def info_json(self, pending: int) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": pending,
        }
        if self.url:
            info["max_connections"] = self.max_connections
            info["ip_address"] = "127.0.0.1"
            if self.allowed_updates is not None:
                info["allowed_updates"] = self.allowed_updates
        if self.last_error_date is not None:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error_message
        return info


@dataclass
class UpdateQueue:
    pending: list[dict[str, Any]] = field(default_factory=list)
    next_id: int = 1
    allowed: set[str] | None = None
    poll_generation: int = 0
    pulse: Pulse = field(default_factory=Pulse)
    webhook: Webhook = field(default_factory=Webhook)

    def wants(self, kind: str) -> bool:
        if self.allowed:
            return kind in self.allowed
        return kind not in OPT_IN_UPDATES

    def push(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Queue an update; its id, or None when the bot's allowed_updates leave it out."""
        if not self.wants(kind):
            return None
        update_id = self.next_id
        self.next_id += 1
        self.pending.append({"update_id": update_id, kind: payload})
        self.pulse.fire()
        return update_id

    def confirm(self, offset: int) -> None:
        """``offset`` as getUpdates takes it: forget earlier updates (negative: keep the last N)."""
        if offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        elif offset < 0:
            self.pending = self.pending[offset:]

    def take(self, offset: int, limit: int) -> list[dict[str, Any]]:
        start = offset if offset > 0 else 0
        return [u for u in self.pending if u["update_id"] >= start][:limit]

    def set_allowed(self, allowed: list[str] | None) -> None:
        if allowed is not None:
            self.allowed = set(allowed) or None

    def clear(self) -> None:
        self.pending.clear()
        self.pulse.fire()

    def begin_poll(self) -> int:
        """A new getUpdates call: the ones still waiting end with 409 Conflict."""
        self.poll_generation += 1
        self.pulse.fire()
        return self.poll_generation
