"""The emulated Zalo bot platform's state: personas, private chats, the update queue, the
webhook, quotas and counters. ``botapi`` (the bot's side) and ``userapi`` (the people's side)
both act on one ``ZaloWorld``."""

from __future__ import annotations

import secrets
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from aiohttp import web

from emulator.config import EmulatorConfig, ZaloLimits
from emulator.limits import FaultInjector, RateBuckets
from emulator.stats import CallStats
from emulator.updates import Pulse
from emulator.world import UserError

JSON = dict[str, Any]
TEXT_EVENT = "message.text.received"
IMAGE_EVENT = "message.image.received"
STICKER_EVENT = "message.sticker.received"
UNSUPPORTED_EVENT = "message.unsupported.received"
EVENTS = (TEXT_EVENT, IMAGE_EVENT, STICKER_EVENT, UNSUPPORTED_EVENT)
MAX_USER_TEXT = 10_000
ACTION_SECONDS = 5.0


class ZaloError(Exception):
    """An answer other than ``ok``: ``{"ok": false, "error_code": …, "description": …}``."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description

    def payload(self) -> JSON:
        return {"ok": False, "error_code": self.code, "description": self.description}


# The codes and meanings of Zalo's error table (bot.zaloplatforms.com/docs/error-code):
# 400 bad request (a wrong path or API name), 401 token expired or invalid, 403 internal
# server error, 404 not found, 408 request timeout, 429 quota exceeded.
UNAUTHORIZED = ZaloError(401, "Unauthorized")
TIMEOUT = ZaloError(408, "Request timeout")
QUOTA_EXCEEDED = ZaloError(429, "Quota exceeded")
SERVER_ERROR = ZaloError(403, "Internal server error")
INTERNAL = ZaloError(500, "Internal Server Error")
WEBHOOK_ACTIVE = ZaloError(409, "Conflict: webhook is active")
NOT_FOUND = ZaloError(404, "Not Found")
UNKNOWN_METHOD = ZaloError(400, "Bad Request")
IDLE_POLL_STATUSES = (200, 408)


@dataclass
class ZaloPlatform:
    """How the stand-in behaves where the sources differ or a fault is wanted.

    The field defaults are the platform's behaviour; ``ZaloPlatform.local()`` is what the
    emulator starts with (the one difference: ``allow_http_webhook``, since a chibo run on
    this machine can only offer ``http://127.0.0.1``). Changed with ``POST
    /_emulator/zalo/platform`` or ``Emulator.zalo.platform``.
    """

    allow_http_webhook: bool = False  # the platform takes https:// webhook URLs only
    idle_poll_http_status: int = 200  # HTTP status of an idle getUpdates (error_code 408)
    send_quota: int = 0  # sends accepted until 429 "Quota exceeded" (0: no quota)
    replay_updates: int = 0  # each update is served again on this many later polls

    @classmethod
    def local(cls) -> ZaloPlatform:
        return cls(allow_http_webhook=True)

    def update(self, changes: dict[str, Any]) -> None:
        known = {f.name: f.type for f in fields(self)}
        for name, value in changes.items():
            if name not in known:
                raise ValueError(f"unknown setting {name}")
            if name == "allow_http_webhook":
                if not isinstance(value, bool):
                    raise ValueError("allow_http_webhook must be true or false")
            elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number, 0 or more")
            if name == "idle_poll_http_status" and value not in IDLE_POLL_STATUSES:
                raise ValueError("idle_poll_http_status must be 200 or 408")
        for name, value in changes.items():
            setattr(self, name, value)


def bad_request(reason: str) -> ZaloError:
    return ZaloError(400, f"Bad Request: {reason}")


def new_message_id() -> str:
    """Random, so ids never repeat across restarts (a bot may remember the ones it saw)."""
    return secrets.token_hex(16)


def new_user_id() -> str:
    return str(10**17 + secrets.randbelow(9 * 10**17))


@dataclass
class ZaloPersona:
    id: str
    display_name: str
    blocked: bool = False
    # A protected account (a child, …): the bot gets message.unsupported.received instead
    # of what they wrote (Zalo's webhook documentation).
    protected: bool = False

    def public(self) -> JSON:
        return {
            "id": self.id,
            "display_name": self.display_name,
            "blocked": self.blocked,
            "protected": self.protected,
        }

    def sender(self) -> JSON:
        return {"id": self.id, "display_name": self.display_name, "is_bot": False}


@dataclass
class ZaloChat:
    persona: ZaloPersona
    messages: list[JSON] = field(default_factory=list)
    version: int = 0  # the last message's seq
    changes: int = 0  # anything shown changed: a message, blocking, typing
    action: str | None = None
    action_until: float = 0.0

    def view(self, since: int | None, now: float) -> JSON:
        messages = (
            self.messages if since is None else [m for m in self.messages if m["seq"] > since]
        )
        return {
            "user_id": self.persona.id,
            "display_name": self.persona.display_name,
            "blocked": self.persona.blocked,
            "action": self.action if now < self.action_until else None,
            "messages": messages,
            "version": self.version,
        }


@dataclass
class ZaloWebhook:
    url: str = ""
    secret_token: str = ""
    updated_at: int = 0
    last_error: str | None = None
    last_error_at: int | None = None

    def info(self) -> JSON:
        return {"url": self.url, "updated_at": self.updated_at}


@dataclass
class ZaloStats(CallStats):
    sent_per_chat: Counter[str] = field(default_factory=Counter)
    quota_429: int = 0
    sent_per_group: Counter[str] = field(default_factory=Counter)
    webhook_delivered: int = 0
    webhook_failed: int = 0

    def as_json(self) -> JSON:
        return {
            **self.calls_json(),
            "quota_429": self.quota_429,
            "sent_total": sum(self.sent_per_chat.values()),
            "sent_per_chat": dict(self.sent_per_chat),
            "sent_per_group": dict(self.sent_per_group),
            "webhook_delivered": self.webhook_delivered,
            "webhook_failed": self.webhook_failed,
        }


class ZaloQuota(RateBuckets):
    """Token buckets over all chats and per chat; answers whether one more send may go."""

    def __init__(self, limits: ZaloLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        super().__init__(clock)

    def acquire(self, chat_id: str) -> bool:
        limits = self.limits
        shape = (limits.global_rate, limits.chat_rate, float(limits.chat_burst))
        wait = self._take(shape, limits.global_rate, chat_id, limits.chat_rate, limits.chat_burst)
        return wait <= 0


class ZaloWorld:
    """One Zalo bot and the people who write to it (private chats only, as on Zalo)."""

    def __init__(self, config: EmulatorConfig, clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.clock = clock
        self.quota = ZaloQuota(config.zalo_limits)
        self.platform = ZaloPlatform.local()
        self.faults = FaultInjector(config.zalo_faults)
        self.closing = False
        self.waiting_polls = 0  # getUpdates calls waiting for an update now
        self.waiting_reads = 0  # user-side chat reads waiting for a change now
        self._init_state()

    def _init_state(self, personas: dict[str, ZaloPersona] | None = None) -> None:
        self.personas: dict[str, ZaloPersona] = personas or {}
        self.chats: dict[str, ZaloChat] = {}
        self.pending: deque[JSON] = deque()
        # updates already handed out that later polls serve again (replay_updates)
        self.replays: deque[tuple[JSON, int]] = deque()
        self.groups: dict[str, list[JSON]] = {}  # group id → what the bot sent there
        self.sends = 0  # sends accepted, against platform.send_quota
        self.pulse = Pulse()  # a new update is pending
        self.changed = Pulse()  # a chat changed
        self.webhook = ZaloWebhook()
        self.stats = ZaloStats()

    def reset(self, keep_personas: bool = False) -> None:
        personas = self.personas if keep_personas else None
        for persona in (personas or {}).values():
            persona.blocked = False
        old_pulse, old_changed = self.pulse, self.changed
        self._init_state(personas)
        self.quota.reset()
        self.faults.reseed()
        old_pulse.fire()
        old_changed.fire()

    def close(self) -> None:
        self.closing = True
        self.pulse.fire()
        self.changed.fire()

    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def bot_info(self) -> JSON:
        """getMe's result: the fields of Zalo's documented sample (``account_type`` "BASIC",
        ``can_join_groups`` false) and ``display_name``, which the SDKs' models read."""
        return {
            "id": self.config.zalo_bot_id,
            "account_name": self.config.zalo_account_name,
            "account_type": "BASIC",
            "can_join_groups": False,
            "display_name": self.config.zalo_display_name,
        }

    # ----------------------------------------------------------------- personas and chats
    def add_persona(
        self, display_name: str, user_id: str | None = None, protected: bool | None = None
    ) -> ZaloPersona:
        """Create a persona, or rename the one with ``user_id``."""
        name = (display_name or "").strip()
        if not name:
            raise UserError(400, "display_name must not be empty")
        if user_id is not None:
            user_id = str(user_id).strip()
            if not user_id or len(user_id) > 64:
                raise UserError(400, "id must be 1-64 characters")
        persona = self.personas.get(user_id) if user_id else None
        if persona is not None:
            persona.display_name = name
        else:
            while user_id is None or user_id in self.personas:
                user_id = new_user_id()
            persona = self.personas[user_id] = ZaloPersona(user_id, name)
        if protected is not None:
            persona.protected = protected
        self.changed.fire()
        return persona

    def persona(self, user_id: str) -> ZaloPersona:
        persona = self.personas.get(str(user_id))
        if persona is None:
            raise UserError(404, f"no Zalo persona {user_id}")
        return persona

    def chat(self, user_id: str) -> ZaloChat:
        persona = self.persona(user_id)
        chat = self.chats.get(persona.id)
        if chat is None:
            chat = self.chats[persona.id] = ZaloChat(persona)
        return chat

    def set_blocked(self, user_id: str, blocked: bool) -> ZaloPersona:
        persona = self.persona(user_id)
        persona.blocked = blocked
        if persona.id in self.chats:
            self.chats[persona.id].changes += 1
        self.changed.fire()
        return persona

    def _append(self, chat: ZaloChat, entry: JSON) -> JSON:
        chat.version += 1
        chat.changes += 1
        entry["seq"] = chat.version
        chat.messages.append(entry)
        if entry["from_bot"]:
            chat.action = None
        self.changed.fire()
        return entry

    # ----------------------------------------------------------------- what people do
    def user_event(
        self,
        user_id: str,
        event_name: str,
        text: str | None = None,
        group_id: str | None = None,
        **extra: str,
    ) -> JSON:
        """A persona writes (or sends an image, a sticker, …): the update the bot receives.
        With ``group_id`` they write in that group chat (``chat_type`` GROUP, Zalo's beta);
        a protected persona's message reaches the bot as ``message.unsupported.received``
        with nothing of its content."""
        if event_name not in EVENTS:
            raise UserError(400, f"event_name must be one of {', '.join(EVENTS)}")
        if event_name == TEXT_EVENT:
            if not isinstance(text, str) or not text.strip():
                raise UserError(400, "text must not be empty")
            if len(text) > MAX_USER_TEXT:
                raise UserError(400, f"text must be at most {MAX_USER_TEXT} characters")
        chat = self.chat(user_id)
        persona = chat.persona
        if group_id is not None:
            group_id = str(group_id).strip()
            if not group_id or group_id in self.personas:
                raise UserError(400, "group_id must be an id that is not a persona's")
            self.groups.setdefault(group_id, [])
        message: JSON = {
            "from": persona.sender(),
            "chat": (
                {"id": group_id, "chat_type": "GROUP"}
                if group_id is not None
                else {"id": persona.id, "chat_type": "PRIVATE"}
            ),
            "message_id": new_message_id(),
            "date": self.now_ms(),
        }
        delivered = UNSUPPORTED_EVENT if persona.protected else event_name
        if not persona.protected:
            if event_name == TEXT_EVENT:
                message["text"] = text
            message.update({k: v for k, v in extra.items() if v})
        entry = self._append(
            chat,
            {
                "message_id": message["message_id"],
                "from_bot": False,
                "kind": event_name.split(".")[1],
                "text": message.get("text") or message.get("caption") or "",
                "date": message["date"],
                **{k: v for k, v in extra.items() if v and k in ("photo", "sticker")},
            },
        )
        update = {"event_name": delivered, "message": message}
        self.pending.append(update)
        self.pulse.fire()
        return {**update, "seq": entry["seq"]}

    # ----------------------------------------------------------------- what the bot does
    def take_update(self) -> JSON | None:
        """The next update for getUpdates: a new one first (kept to be served again
        ``platform.replay_updates`` times), else one due to be served again."""
        if self.pending:
            update = self.pending.popleft()
            if self.platform.replay_updates > 0:
                self.replays.append((update, self.platform.replay_updates))
            return update
        if self.replays:
            update, left = self.replays.popleft()
            if left > 1:
                self.replays.append((update, left - 1))
            return update
        return None

    def sendable_chat(self, raw_chat_id: Any) -> ZaloChat | str:
        """A private chat, or the id of a group chat the bot has heard from."""
        if isinstance(raw_chat_id, bool) or not isinstance(raw_chat_id, str | int):
            raise bad_request("chat_id is required")
        chat_id = str(raw_chat_id).strip()
        if not chat_id:
            raise bad_request("chat_id is required")
        if chat_id in self.groups:
            return chat_id
        if chat_id not in self.personas:
            raise bad_request("chat not found")
        chat = self.chat(chat_id)
        if chat.persona.blocked:
            # Zalo publishes no code for a user who blocked the bot: the stand-in answers
            # with the documented 403, which Zalo's table names "Internal server error".
            raise SERVER_ERROR
        return chat

    def _spend_quota(self, chat_id: str) -> None:
        limit = self.platform.send_quota
        if (limit and self.sends >= limit) or not self.quota.acquire(chat_id):
            self.stats.quota_429 += 1
            raise QUOTA_EXCEEDED
        self.sends += 1

    def bot_send(self, chat: ZaloChat | str, kind: str, text: str, **extra: str) -> JSON:
        """Store a message from the bot after the quota allows it; the API's result."""
        message_id = new_message_id()
        date = self.now_ms()
        if isinstance(chat, str):  # a group chat
            self._spend_quota(chat)
            self.groups[chat].append(
                {"message_id": message_id, "kind": kind, "text": text, "date": date, **extra}
            )
            self.stats.sent_per_group[chat] += 1
            return {"message_id": message_id, "date": date}
        self._spend_quota(chat.persona.id)
        self._append(
            chat,
            {
                "message_id": message_id,
                "from_bot": True,
                "kind": kind,
                "text": text,
                "date": date,
                **extra,
            },
        )
        self.stats.sent_per_chat[chat.persona.id] += 1
        return {"message_id": message_id, "date": date}

    def set_action(self, chat: ZaloChat, action: str) -> None:
        chat.action = action
        chat.action_until = self.clock() + ACTION_SECONDS
        chat.changes += 1
        self.changed.fire()


ZALO = web.AppKey("zalo", ZaloWorld)
