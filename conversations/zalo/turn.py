"""One incoming Zalo message and what answering it needs: the session, the person's state,
the moment and the time zone, the replies collected in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from domain.permissions import Actor
from domain.text import normalize
from locales import escape, html

GROUP = "GROUP"


@dataclass(frozen=True)
class Incoming:
    """One message from a Zalo user, as the platform sent it."""

    user_id: str
    display_name: str
    message_id: str
    event: str
    text: str
    # Where answers go: the chat the message came from (``message.chat.id``).
    chat_id: str = ""
    # ``message.chat.chat_type``: "PRIVATE", or "GROUP" for a group chat.
    chat_type: str = "PRIVATE"

    @classmethod
    def of(cls, update: dict[str, Any]) -> Incoming | None:
        message = update.get("message") or {}
        sender = message.get("from") or {}
        if not sender.get("id") or sender.get("is_bot") or not message.get("message_id"):
            return None
        chat = message.get("chat") or {}
        return cls(
            user_id=str(sender["id"]),
            display_name=str(sender.get("display_name") or ""),
            message_id=str(message["message_id"]),
            event=str(update.get("event_name") or ""),
            text=str(message.get("text") or ""),
            chat_id=str(chat.get("id") or sender["id"]),
            chat_type=str(chat.get("chat_type") or "PRIVATE").upper(),
        )

    @property
    def in_group(self) -> bool:
        return self.chat_type == GROUP


class Turn:
    """What one message does; ``replies`` collects the answers in order."""

    def __init__(
        self,
        session: AsyncSession,
        incoming: Incoming,
        state: dict[str, Any],
        now: datetime,
        tz: ZoneInfo,
        download_url: Callable[[str], str] | None,
        webview_url: Callable[[str], str] | None = None,
    ) -> None:
        self.session = session
        self.incoming = incoming
        self.state = state
        self.now = now
        self.tz = tz
        self.download_url = download_url
        self.webview_url = webview_url
        self.text = normalize(incoming.text)
        self.replies: list[str] = []
        self.actor: Actor | None = None

    def say(self, msg_id: str, **args: Any) -> None:
        """A reply from the locale, its arguments (members' words among them) escaped.

        Replies are HTML, made plain text on the way out, so what a member typed comes back
        as typed: ``a < b & <i>c</i>`` stays that, not an italic ``c``.
        """
        self.replies.append(html(msg_id, **args))

    def add(self, text: str) -> None:
        """A reply already put together as plain text (locale lines holding members' words)."""
        self.replies.append(escape(text))

    def suggested_name(self) -> str:
        return normalize(self.incoming.display_name) or "-"

    @property
    def leads_cell(self) -> bool:
        return self.actor is not None and self.actor.leads_cell

    @property
    def member_actor(self) -> Actor:
        assert self.actor is not None
        return self.actor
