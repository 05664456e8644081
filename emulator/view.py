"""Chats as a person sees them: messages in order after edits and deletes, safe HTML, buttons."""

from __future__ import annotations

from emulator.formatting import render_html
from emulator.models import JSON, Chat, StoredFile, StoredMessage

FILES_PATH = "/_emulator/files"


def file_view(stored: StoredFile) -> JSON:
    return {
        "file_id": stored.file_id,
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
        "file_size": stored.file_size,
        "width": stored.width,
        "height": stored.height,
        "url": f"{FILES_PATH}/{stored.file_id}",
    }


def message_view(message: StoredMessage) -> JSON:
    is_text = message.text is not None
    body = message.text if is_text else message.caption
    entities = message.entities if is_text else message.caption_entities
    view: JSON = {
        "message_id": message.message_id,
        "date": message.date,
        "from_bot": message.from_bot,
        "from": message.sender,
        "kind": "photo" if message.photo else "document" if message.document else "text",
        "text": body or "",
        "entities": entities,
        "html": render_html(body or "", entities),
        "parse_mode": message.parse_mode,
        "source": message.source,
        "reply_markup": message.inline_markup(),
        "edited": message.edit_date is not None,
        "edit_date": message.edit_date,
        "reply_to_message_id": message.reply_to.message_id if message.reply_to else None,
        "document": file_view(message.document) if message.document else None,
        "photo": file_view(message.photo) if message.photo else None,
    }
    return view


def chat_view(chat: Chat, now: float) -> JSON:
    action = chat.action if chat.action and chat.action_until > now else None
    return {
        "chat": chat.chat_json(),
        "exists": bool(chat.version),
        "version": chat.version,
        "blocked": bool(chat.persona and chat.persona.blocked),
        "messages": [message_view(m) for m in chat.messages.values()],
        "reply_keyboard": chat.reply_keyboard,
        "pinned_message_id": chat.pinned_message_id,
        "action": action,
    }
