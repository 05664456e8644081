"""The emulated Telegram's state and what people do in it.

``World`` owns personas, chats, messages, files, the update queue, pending callback queries
and the counters. The user side (``userapi``) and the Bot API (``botapi``) both act on it.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from emulator.config import EmulatorConfig
from emulator.errors import BLOCKED, CHAT_NOT_FOUND, bad_request, forbidden
from emulator.formatting import bot_command_entities, utf16_len
from emulator.limits import FaultInjector, FloodControl
from emulator.models import JSON, Chat, Persona, StoredFile, StoredMessage, message_json
from emulator.stats import Stats
from emulator.updates import Pulse, UpdateQueue

FIRST_PERSONA_ID = 1_000_001
FIRST_GROUP_ID = -4_000_000_001
FIRST_SUPERGROUP_ID = -1_001_000_000_001
ACTION_SECONDS = 5.0


class UserError(Exception):
    """A user-side request that cannot be done (unknown persona, no such button, …)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class CallbackRecord:
    id: str
    chat_id: int
    message_id: int
    data: str
    from_id: int
    answered: asyncio.Event = field(default_factory=asyncio.Event)
    text: str | None = None
    show_alert: bool = False
    url: str | None = None

    def answer_json(self) -> JSON:
        return {
            "answered": self.answered.is_set(),
            "text": self.text,
            "show_alert": self.show_alert,
            "url": self.url,
        }


class World:
    def __init__(self, config: EmulatorConfig, clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.clock = clock
        # The moment a Web App launch is signed at (``auth_date``).
        self.launch_clock = clock
        self.flood = FloodControl(config.limits)
        self.faults = FaultInjector(config.faults)
        self.bot_id = 0
        self.closing = False  # set on shutdown: long polls return at once
        self._init_state()

    def _init_state(self, personas: dict[int, Persona] | None = None) -> None:
        self.personas: dict[int, Persona] = personas or {}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.updates = UpdateQueue()
        self.callbacks: dict[str, CallbackRecord] = {}
        self.commands: dict[str, list[JSON]] = {}
        self.bot_texts: dict[str, str] = {}
        self.menu_buttons: dict[str, JSON] = {}
        self.stats = Stats()
        self.changed = Pulse()
        self._serial = 0

    def reset(self, keep_personas: bool = False) -> None:
        """Forget everything (personas too, unless ``keep_personas``); wake every waiter."""
        personas = self.personas if keep_personas else None
        for persona in (personas or {}).values():
            persona.blocked = False
        old_changed, old_updates = self.changed, self.updates
        self._init_state(personas)
        self.flood.reset()
        self.faults.reseed()
        old_changed.fire()
        old_updates.pulse.fire()

    def close(self) -> None:
        """Wake every long poll so the server can stop without waiting for their timeouts."""
        self.closing = True
        self.changed.fire()
        self.updates.pulse.fire()

    def now(self) -> int:
        return int(self.clock())

    def serial(self) -> int:
        self._serial += 1
        return self._serial

    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.config.bot_first_name,
            "username": self.config.bot_username,
        }

    # ----------------------------------------------------------------- personas and chats

    def add_persona(
        self,
        user_id: int | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "vi",
        started: bool = False,
    ) -> Persona:
        """Create a persona, or update the one with this id. ``started`` opens the private
        chat at once (as if the person had pressed Start), so the bot may write first."""
        if user_id is None:
            user_id = max([FIRST_PERSONA_ID - 1, *self.personas]) + 1
        if user_id <= 0:
            raise UserError(400, "user id must be positive")
        persona = self.personas.get(user_id)
        if persona is None:
            persona = Persona(user_id, first_name or f"Người dùng {user_id}")
            self.personas[user_id] = persona
        elif first_name:
            persona.first_name = first_name
        if last_name is not None:
            persona.last_name = last_name or None
        if username is not None:
            persona.username = username.lstrip("@") or None
        persona.language_code = language_code
        if started:
            self.private_chat(persona)
        self.changed.fire()
        return persona

    def persona(self, user_id: int) -> Persona:
        persona = self.personas.get(user_id)
        if persona is None:
            raise UserError(404, f"no persona with id {user_id}")
        return persona

    def private_chat(self, persona: Persona) -> Chat:
        chat = self.chats.get(persona.id)
        if chat is None:
            chat = Chat(id=persona.id, type="private", persona=persona, members=[persona.id])
            self.chats[persona.id] = chat
            self.touch(chat)
        return chat

    def create_group(
        self,
        title: str,
        members: list[int],
        chat_type: str = "group",
        chat_id: int | None = None,
    ) -> Chat:
        if chat_type not in ("group", "supergroup"):
            raise UserError(400, "type must be group or supergroup")
        for member in members:
            self.persona(member)
        if chat_id is None:
            first = FIRST_GROUP_ID if chat_type == "group" else FIRST_SUPERGROUP_ID
            chat_id = min([first + 1, *(c for c in self.chats if c < 0)]) - 1
        if chat_id >= 0 or chat_id in self.chats:
            raise UserError(400, "a group needs a new negative chat id")
        chat = Chat(id=chat_id, type=chat_type, title=title, members=list(members))
        self.chats[chat_id] = chat
        self.touch(chat)
        if members:
            adder = self.personas[members[0]]
            self._push_my_chat_member(chat, adder, "left", "member")
        return chat

    def chat(self, chat_id: int) -> Chat:
        chat = self.chats.get(chat_id)
        if chat is None:
            if chat_id in self.personas:  # a persona who has not started the bot yet
                return Chat(id=chat_id, type="private", persona=self.personas[chat_id])
            raise UserError(404, f"no chat with id {chat_id}")
        return chat

    def touch(self, chat: Chat) -> None:
        chat.version += 1
        self.changed.fire()

    def set_blocked(self, user_id: int, blocked: bool) -> Persona:
        persona = self.persona(user_id)
        if persona.blocked != blocked:
            persona.blocked = blocked
            chat = self.chats.get(user_id)
            if chat is not None:
                old, new = ("member", "kicked") if blocked else ("kicked", "member")
                self._push_my_chat_member(chat, persona, old, new)
                self.touch(chat)
        return persona

    def _push_my_chat_member(self, chat: Chat, by: Persona, old: str, new: str) -> None:
        def member(status: str) -> JSON:
            data: JSON = {"status": status, "user": self.bot_user()}
            if status == "kicked":
                data["until_date"] = 0
            return data

        self.updates.push(
            "my_chat_member",
            {
                "chat": chat.chat_json(),
                "from": by.user_json(),
                "date": self.now(),
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            },
        )

    # ------------------------------------------------------------------- what users do

    def user_send(
        self,
        chat_id: int,
        text: str,
        from_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> tuple[StoredMessage, int | None]:
        """A persona writes ``text``; commands get their bot_command entities."""
        if not text.strip():
            raise UserError(400, "text is empty")
        if utf16_len(text) > 4096:
            raise UserError(400, "text is longer than 4096 characters")
        if chat_id > 0:
            persona = self.persona(from_id or chat_id)
            if persona.id != chat_id:
                raise UserError(400, "in a private chat only its persona can write")
            if persona.blocked:  # writing to a blocked bot means pressing "Restart" first
                self.set_blocked(persona.id, False)
            chat = self.private_chat(persona)
        else:
            chat = self.chat(chat_id)
            if from_id is None:
                raise UserError(400, "from_id is required in a group")
            persona = self.persona(from_id)
            if persona.id not in chat.members:
                chat.members.append(persona.id)
        reply_to = chat.messages.get(reply_to_message_id) if reply_to_message_id else None
        message = self.add_message(
            chat,
            sender=persona.user_json(),
            from_bot=False,
            text=text,
            entities=bot_command_entities(text),
            reply_to=reply_to,
        )
        update_id = self.updates.push("message", message_json(message, chat))
        return message, update_id

    def press(
        self,
        chat_id: int,
        message_id: int,
        data: str | None,
        text: str | None,
        from_id: int | None,
    ) -> tuple[CallbackRecord | None, JSON]:
        """A persona presses an inline button found by its callback data or its text.

        Returns the callback record (None for a URL button) and the button pressed.
        """
        chat = self.chat(chat_id)
        message = chat.messages.get(message_id)
        if message is None:
            raise UserError(404, f"no message {message_id} in chat {chat_id}")
        button = _find_button(message, data, text)
        if button is None:
            raise UserError(400, "that message has no such inline button")
        user_id = from_id or (chat.persona.id if chat.persona else None)
        if user_id is None:
            raise UserError(400, "from_id is required in a group")
        persona = self.persona(user_id)
        if "callback_data" not in button:
            return None, button
        record = CallbackRecord(
            id=str(4_000_000_000_000_000_000 + self.serial()),
            chat_id=chat.id,
            message_id=message_id,
            data=button["callback_data"],
            from_id=persona.id,
        )
        self.callbacks[record.id] = record
        self.updates.push(
            "callback_query",
            {
                "id": record.id,
                "from": persona.user_json(),
                "message": message_json(message, chat),
                "chat_instance": str(abs(chat.id) * 1_000_003 + 17),
                "data": record.data,
            },
        )
        return record, button

    # ------------------------------------------------------------------ what the bot does

    def resolve_chat(self, raw: Any, *, sending: bool = True) -> Chat:
        """The chat a Bot API ``chat_id`` names, or Telegram's error for it."""
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request(CHAT_NOT_FOUND) from None
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request(CHAT_NOT_FOUND)
        if sending and chat.persona is not None and chat.persona.blocked:
            raise forbidden(BLOCKED)
        return chat

    def add_message(
        self, chat: Chat, *, sender: JSON, from_bot: bool, **content: Any
    ) -> StoredMessage:
        message = StoredMessage(
            message_id=chat.next_message_id,
            chat_id=chat.id,
            date=self.now(),
            sender=sender,
            from_bot=from_bot,
            **content,
        )
        chat.next_message_id += 1
        chat.messages[message.message_id] = message
        chat.action = None
        self.touch(chat)
        return message

    def store_file(
        self,
        data: bytes,
        kind: str,
        file_name: str | None,
        mime_type: str | None,
        size: tuple[int, int] | None = None,
    ) -> StoredFile:
        number = len(self.files) + 1
        prefix = "BQACAgIAAxkBAA" if kind == "document" else "AgACAgIAAxkBAA"
        extension = ""
        if file_name and "." in file_name:
            extension = "." + file_name.rsplit(".", 1)[1][:10]
        elif kind == "photo":
            extension = ".jpg"
        folder = "documents" if kind == "document" else "photos"
        stored = StoredFile(
            file_id=f"{prefix}{number:06d}{secrets.token_hex(8)}",
            file_unique_id=f"AgAD{number:04d}{secrets.token_hex(3)}",
            data=data,
            kind=kind,
            file_path=f"{folder}/file_{number}{extension}",
            file_name=file_name,
            mime_type=mime_type,
            width=size[0] if size else None,
            height=size[1] if size else None,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored


def _find_button(message: StoredMessage, data: str | None, text: str | None) -> JSON | None:
    markup = message.inline_markup()
    if markup is None:
        return None
    for row in markup["inline_keyboard"]:
        for button in row:
            if data is not None and button.get("callback_data") == data:
                return dict(button)
            if data is None and text is not None and button.get("text") == text:
                return dict(button)
    return None


WORLD = web.AppKey("emulator_world", World)
