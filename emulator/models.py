"""What the emulated Telegram holds (personas, chats, messages, files) and their JSON shapes.

``*_json`` functions give the objects exactly as the Bot API serialises them, with every
field aiogram 3 and python-telegram-bot require.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]


@dataclass
class Persona:
    """A Telegram user someone plays; their private chat with the bot has chat id = user id."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "vi"
    blocked: bool = False

    def user_json(self) -> JSON:
        return _without_none(
            {
                "id": self.id,
                "is_bot": False,
                "first_name": self.first_name,
                "last_name": self.last_name,
                "username": self.username,
                "language_code": self.language_code,
            }
        )

    def public(self) -> JSON:
        return {**self.user_json(), "blocked": self.blocked}


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    kind: str  # "document" or "photo"
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None

    @property
    def file_size(self) -> int:
        return len(self.data)

    def document_json(self) -> JSON:
        return _without_none(
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "file_name": self.file_name,
                "mime_type": self.mime_type,
                "file_size": self.file_size,
            }
        )

    def photo_json(self) -> list[JSON]:
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "width": self.width or 0,
                "height": self.height or 0,
                "file_size": self.file_size,
            }
        ]

    def file_json(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "file_path": self.file_path,
        }


@dataclass
class StoredMessage:
    message_id: int
    chat_id: int
    date: int
    sender: JSON  # a Telegram User
    from_bot: bool
    text: str | None = None
    entities: list[JSON] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[JSON] = field(default_factory=list)
    parse_mode: str | None = None
    source: str | None = None  # text or caption exactly as the bot sent it
    reply_markup: JSON | None = None
    document: StoredFile | None = None
    photo: StoredFile | None = None
    edit_date: int | None = None
    reply_to: StoredMessage | None = None

    def content_key(self) -> tuple[Any, ...]:
        """What Telegram compares to decide "message is not modified"."""
        return (
            self.text,
            self.entities,
            self.caption,
            self.caption_entities,
            self.media_id(),
            self.inline_markup(),
        )

    def media_id(self) -> str | None:
        media = self.document or self.photo
        return media.file_unique_id if media else None

    def inline_markup(self) -> JSON | None:
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            return self.reply_markup
        return None


@dataclass
class Chat:
    id: int
    type: str  # "private", "group" or "supergroup"
    title: str | None = None
    persona: Persona | None = None
    members: list[int] = field(default_factory=list)
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_message_id: int = 1
    version: int = 0
    reply_keyboard: JSON | None = None
    pinned_message_id: int | None = None
    action: str | None = None
    action_until: float = 0.0

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")

    def chat_json(self) -> JSON:
        if self.persona is not None:
            return _without_none(
                {
                    "id": self.id,
                    "type": "private",
                    "first_name": self.persona.first_name,
                    "last_name": self.persona.last_name,
                    "username": self.persona.username,
                }
            )
        return {"id": self.id, "type": self.type, "title": self.title or ""}

    def full_info_json(self) -> JSON:
        return {
            **self.chat_json(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }


def message_json(message: StoredMessage, chat: Chat, *, with_reply: bool = True) -> JSON:
    data: JSON = {
        "message_id": message.message_id,
        "from": message.sender,
        "chat": chat.chat_json(),
        "date": message.date,
    }
    if message.edit_date is not None:
        data["edit_date"] = message.edit_date
    if with_reply and message.reply_to is not None:
        data["reply_to_message"] = message_json(message.reply_to, chat, with_reply=False)
    if message.text is not None:
        data["text"] = message.text
        if message.entities:
            data["entities"] = message.entities
    if message.document is not None:
        data["document"] = message.document.document_json()
    if message.photo is not None:
        data["photo"] = message.photo.photo_json()
    if message.caption is not None:
        data["caption"] = message.caption
        if message.caption_entities:
            data["caption_entities"] = message.caption_entities
    if message.reply_markup is not None and "inline_keyboard" in message.reply_markup:
        data["reply_markup"] = message.reply_markup
    return data


def _without_none(data: JSON) -> JSON:
    return {key: value for key, value in data.items() if value is not None}
