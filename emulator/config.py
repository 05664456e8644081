"""Settings of the emulator: the bot's identity, Telegram's flood limits, injected faults."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

DEFAULT_BOT_USERNAME = "chibo_local_bot"
DEFAULT_ZALO_TOKEN = "zalo-local-token"


@dataclass
class RateLimits:
    """Flood control as Telegram applies it to sending methods.

    ``global_rate`` messages per second over all chats; ``chat_rate`` per second in one
    private chat with ``chat_burst`` allowed at once; ``group_rate_per_minute`` in one group
    with ``group_burst`` at once. A rate of 0 turns that limit off.
    """

    global_rate: float = 30.0
    chat_rate: float = 1.0
    chat_burst: int = 5
    group_rate_per_minute: float = 20.0
    group_burst: int = 20

    def update(self, changes: dict[str, Any]) -> None:
        trial = replace(self)
        _apply(trial, changes)
        if min(trial.global_rate, trial.chat_rate, trial.group_rate_per_minute) < 0:
            raise ValueError("rates must not be negative")
        _apply(self, changes)


@dataclass
class Faults:
    """A share (0…1) of Bot API calls answered 429 or 500, or answered late.

    ``methods`` limits the faults to these Bot API methods (case-insensitive); empty means
    every method except getUpdates. ``seed`` makes the draw reproducible.
    """

    share_429: float = 0.0
    share_500: float = 0.0
    share_slow: float = 0.0
    slow_seconds: float = 1.0
    retry_after: int = 1
    methods: list[str] = field(default_factory=list)
    seed: int | None = None

    def update(self, changes: dict[str, Any]) -> None:
        trial = replace(self, methods=list(self.methods))
        _apply(trial, changes)
        if min(trial.share_429, trial.share_500, trial.share_slow, trial.slow_seconds) < 0:
            raise ValueError("shares and slow_seconds must not be negative")
        if trial.share_429 + trial.share_500 > 1 or trial.share_slow > 1:
            raise ValueError("share_429 + share_500 and share_slow must not exceed 1")
        _apply(self, changes)


@dataclass
class ZaloLimits:
    """Zalo's send quotas: ``global_rate`` messages per second over all chats and
    ``chat_rate`` per second in one chat with ``chat_burst`` at once. 0 turns a limit off
    (both are off by default: Zalo does not publish its numbers)."""

    global_rate: float = 0.0
    chat_rate: float = 0.0
    chat_burst: int = 1

    def update(self, changes: dict[str, Any]) -> None:
        trial = replace(self)
        _apply(trial, changes)
        if min(trial.global_rate, trial.chat_rate, trial.chat_burst) < 0:
            raise ValueError("rates and burst must not be negative")
        _apply(self, changes)


@dataclass
class EmulatorConfig:
    """Everything the emulator can be started with.

    ``token``: when set, only this bot token is accepted (others get 401 Unauthorized);
    when ``None`` any well-formed token is accepted. ``strict_html``: also refuse a bare
    ``&`` under ``parse_mode=HTML`` (Telegram itself keeps it as text).
    ``zalo_*``: the Zalo bot served under ``/zalo`` (only ``zalo_token`` is accepted there).
    """

    bot_username: str = DEFAULT_BOT_USERNAME
    bot_first_name: str = "chibo"
    token: str | None = None
    limits: RateLimits = field(default_factory=RateLimits)
    faults: Faults = field(default_factory=Faults)
    strict_html: bool = False
    webhook_retry_seconds: float = 1.0
    max_upload_bytes: int = 50 * 1024 * 1024
    callback_wait_seconds: float = 5.0
    zalo_token: str = DEFAULT_ZALO_TOKEN
    zalo_bot_id: str = "2718281828459045235"
    zalo_account_name: str = "bot.chibo_local"
    zalo_display_name: str = "chibo"
    zalo_limits: ZaloLimits = field(default_factory=ZaloLimits)
    zalo_faults: Faults = field(default_factory=Faults)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("token", None)
        data.pop("zalo_token", None)
        return data


def _apply(target: Any, changes: dict[str, Any]) -> None:
    known = {f.name: f for f in fields(target)}
    for name, value in changes.items():
        if name not in known:
            raise ValueError(f"unknown setting {name!r}")
        current = getattr(target, name)
        if value is None and known[name].default is None:
            setattr(target, name, None)
        elif isinstance(current, bool) or current is None:
            setattr(target, name, value)
        elif isinstance(current, int) and not isinstance(value, bool):
            setattr(target, name, int(value))
        elif isinstance(current, float):
            setattr(target, name, float(value))
        elif isinstance(current, list):
            if not isinstance(value, list):
                raise ValueError(f"{name} must be a list")
            setattr(target, name, [str(v) for v in value])
        else:
            setattr(target, name, value)
