"""Driving the Zalo conversation in process: updates shaped as Zalo sends them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from conversations.zalo.conversation import Conversation

_ids = itertools.count(1)


def text_update(
    user_id: str, text: str, *, name: str = "", message_id: str | None = None
) -> dict[str, Any]:
    return {
        "event_name": "message.text.received",
        "message": {
            "from": {"id": user_id, "display_name": name, "is_bot": False},
            "chat": {"id": user_id, "chat_type": "PRIVATE"},
            "text": text,
            "message_id": message_id or f"m{next(_ids)}",
            "date": 1_764_640_000_000,
        },
    }


@dataclass
class ZaloChat:
    """One Zalo user talking to the conversation; ``said`` holds every answer."""

    conversation: Conversation
    user_id: str
    name: str = ""
    said: list[str] = field(default_factory=list)

    async def send(self, text: str) -> str:
        """Send ``text``; the answers joined by blank lines."""
        chat, replies = await self.conversation.handle(
            text_update(self.user_id, text, name=self.name)
        )
        assert chat in (self.user_id, None)
        self.said.extend(replies)
        return "\n\n".join(replies)

    async def script(self, *texts: str) -> str:
        answer = ""
        for text in texts:
            answer = await self.send(text)
        return answer
