"""Counters of what the bot did (messages per chat, edits, deletes, errors) and a call log."""

from __future__ import annotations

import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from emulator.errors import ApiError
from emulator.models import JSON

LOG_SIZE = 10_000


@dataclass
class CallStats:
    """What both platforms count of the bot's calls: per method, per error code, faults."""

    calls_per_method: Counter[str] = field(default_factory=Counter)
    errors_per_code: Counter[int] = field(default_factory=Counter)
    injected_429: int = 0
    injected_500: int = 0
    slowed: int = 0

    def count_call(self, method: str, error_code: int | None) -> None:
        self.calls_per_method[method] += 1
        if error_code is not None:
            self.errors_per_code[error_code] += 1

    def calls_json(self) -> JSON:
        return {
            "calls_per_method": dict(self.calls_per_method),
            "errors_per_code": {str(k): v for k, v in self.errors_per_code.items()},
            "too_many_requests": self.errors_per_code.get(429, 0),
            "injected_429": self.injected_429,
            "injected_500": self.injected_500,
            "slowed": self.slowed,
        }


@dataclass
class Stats(CallStats):
    sent_per_chat: Counter[int] = field(default_factory=Counter)
    edited_per_chat: Counter[int] = field(default_factory=Counter)
    deleted_per_chat: Counter[int] = field(default_factory=Counter)
    flood_429: int = 0
    log: deque[JSON] = field(default_factory=lambda: deque(maxlen=LOG_SIZE))

    def record(self, method: str, chat_id: Any, error: ApiError | None) -> None:
        self.count_call(method, None if error is None else error.code)
        entry: JSON = {"time": time.time(), "method": method, "chat_id": chat_id, "ok": True}
        if error is not None:
            entry.update(ok=False, error_code=error.code, description=error.description)
        self.log.append(entry)

    def as_json(self) -> JSON:
        return {
            "sent_total": sum(self.sent_per_chat.values()),
            "sent_per_chat": {str(k): v for k, v in self.sent_per_chat.items()},
            "edited_per_chat": {str(k): v for k, v in self.edited_per_chat.items()},
            "deleted_per_chat": {str(k): v for k, v in self.deleted_per_chat.items()},
            **self.calls_json(),
            "flood_429": self.flood_429,
        }
