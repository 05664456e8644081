"""Bot API methods that write in chats: send, edit, delete, files, callback answers, actions."""

from __future__ import annotations

from typing import Any

import aiohttp

from emulator.content import FormattedText, formatted, reply_markup
from emulator.errors import NOT_MODIFIED, QUERY_TOO_OLD, bad_request, too_many_requests
from emulator.media import guess_mime, image_mime, image_size
from emulator.models import JSON, Chat, StoredFile, StoredMessage, message_json
from emulator.params import Params, Upload
from emulator.registry import Call, method
from emulator.world import ACTION_SECONDS

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
URL_FETCH_TIMEOUT = 20


def _strict(call: Call) -> bool:
    return call.world.config.strict_html


def _reply_target(call: Call, chat: Chat) -> StoredMessage | None:
    params = call.params
    reply = params.structure("reply_parameters")
    message_id = params.integer("reply_to_message_id")
    allow_missing = params.flag("allow_sending_without_reply")
    if isinstance(reply, dict):
        message_id = int(reply.get("message_id", 0)) or None
        allow_missing = bool(reply.get("allow_sending_without_reply", allow_missing))
    if message_id is None:
        return None
    target = chat.messages.get(message_id)
    if target is None and not allow_missing:
        raise bad_request("message to be replied not found")
    return target


def _deliver(call: Call, chat: Chat, **content: Any) -> JSON:
    """The reply markup and the message replied to checked, flood control, then the message
    appears in the chat and is counted."""
    world = call.world
    markup = reply_markup(call.params)
    reply_to = _reply_target(call, chat)
    wait = world.flood.acquire(chat.id, chat.is_group)
    if wait:
        world.stats.flood_429 += 1
        raise too_many_requests(wait)
    if markup is not None and "keyboard" in markup:
        chat.reply_keyboard = markup
    elif markup is not None and markup.get("remove_keyboard"):
        chat.reply_keyboard = None
    message = world.add_message(
        chat,
        sender=world.bot_user(),
        from_bot=True,
        reply_markup=markup,
        reply_to=reply_to,
        **content,
    )
    world.stats.sent_per_chat[chat.id] += 1
    return message_json(message, chat)


def _text_fields(text: FormattedText | None, caption: bool) -> dict[str, Any]:
    if text is None:
        return {}
    if caption:
        fields = {"caption": text.text, "caption_entities": text.entities}
    else:
        fields = {"text": text.text, "entities": text.entities}
    return {**fields, "parse_mode": text.parse_mode, "source": text.source}


@method("sendMessage")
async def send_message(call: Call) -> JSON:
    params = call.params
    chat = call.world.resolve_chat(params.raw("chat_id"))
    text = formatted(params, "text", caption=False, strict_html=_strict(call))
    return _deliver(call, chat, **_text_fields(text, False))


async def _stored_file(call: Call, value: Upload | str | None, kind: str) -> StoredFile:
    world = call.world
    if value is None:
        raise bad_request(f"there is no {kind} in the request")
    if isinstance(value, str):
        known = world.files.get(value)
        if known is not None:
            if known.kind != kind:
                raise bad_request(f"can't use file of type {known.kind.title()} as {kind.title()}")
            return known
        if not value.startswith(("http://", "https://")):
            raise bad_request("wrong file identifier/HTTP URL specified")
        value = await _fetch(value)
    if not value.data:
        raise bad_request("file must be non-empty")
    if len(value.data) > world.config.max_upload_bytes:
        raise bad_request("file is too big")
    if kind == "photo":
        size = image_size(value.data)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        return world.store_file(value.data, kind, None, image_mime(value.data), size)
    name = value.filename or "document"
    return world.store_file(value.data, kind, name, guess_mime(name, value.content_type))


async def _fetch(url: str) -> Upload:
    timeout = aiohttp.ClientTimeout(total=URL_FETCH_TIMEOUT)
    try:
        async with aiohttp.ClientSession(timeout=timeout) as session, session.get(url) as resp:
            if resp.status != 200:
                raise bad_request("failed to get HTTP URL content")
            data = await resp.read()
            name = url.rstrip("/").rsplit("/", 1)[-1].split("?")[0] or None
            return Upload(data, name, resp.content_type)
    except (aiohttp.ClientError, TimeoutError):
        raise bad_request("failed to get HTTP URL content") from None


async def _send_media(call: Call, kind: str) -> JSON:
    params = call.params
    chat = call.world.resolve_chat(params.raw("chat_id"))
    stored = await _stored_file(call, params.file(kind), kind)
    caption = formatted(params, "caption", caption=True, strict_html=_strict(call), required=False)
    return _deliver(call, chat, **{kind: stored}, **_text_fields(caption, True))


@method("sendDocument")
async def send_document(call: Call) -> JSON:
    return await _send_media(call, "document")


@method("sendPhoto")
async def send_photo(call: Call) -> JSON:
    return await _send_media(call, "photo")


def _edit_target(call: Call) -> tuple[Chat, StoredMessage]:
    params = call.params
    if params.raw("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = call.world.resolve_chat(params.raw("chat_id"), sending=False)
    message_id = params.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = chat.messages.get(message_id)
    if message is None:
        raise bad_request("message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    return chat, message


def _inline_only(params: Params) -> JSON | None:
    markup = reply_markup(params)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup


def _edited_caption(call: Call, params: Params) -> dict[str, Any]:
    """The caption fields of an edit: a missing caption removes the message's."""
    caption = formatted(params, "caption", caption=True, strict_html=_strict(call), required=False)
    return _text_fields(caption, True) or {"caption": None, "caption_entities": []}


def _apply_edit(call: Call, chat: Chat, message: StoredMessage, changes: dict[str, Any]) -> JSON:
    before = message.content_key()
    previous = {name: getattr(message, name) for name in changes}
    for name, value in changes.items():
        setattr(message, name, value)
    if message.content_key() == before:
        for name, value in previous.items():
            setattr(message, name, value)
        raise bad_request(NOT_MODIFIED)
    message.edit_date = call.world.now()
    call.world.stats.edited_per_chat[chat.id] += 1
    call.world.touch(chat)
    return message_json(message, chat)


@method("editMessageText")
async def edit_message_text(call: Call) -> JSON:
    chat, message = _edit_target(call)
    text = formatted(call.params, "text", caption=False, strict_html=_strict(call))
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    markup = _inline_only(call.params)
    return _apply_edit(call, chat, message, {**_text_fields(text, False), "reply_markup": markup})


@method("editMessageCaption")
async def edit_message_caption(call: Call) -> JSON:
    chat, message = _edit_target(call)
    if message.text is not None:
        raise bad_request("there is no caption in the message to edit")
    fields = _edited_caption(call, call.params)
    markup = _inline_only(call.params)
    return _apply_edit(call, chat, message, {**fields, "reply_markup": markup})


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(call: Call) -> JSON:
    chat, message = _edit_target(call)
    markup = _inline_only(call.params)
    return _apply_edit(call, chat, message, {"reply_markup": markup})


@method("editMessageMedia")
async def edit_message_media(call: Call) -> JSON:
    chat, message = _edit_target(call)
    if message.text is not None:
        raise bad_request("there is no media in the message to edit")
    media = call.params.structure("media")
    if not isinstance(media, dict) or media.get("type") not in ("photo", "document"):
        raise bad_request("can't parse InputMedia JSON object")
    kind = str(media["type"])
    raw = media.get("media")
    value: Upload | str | None = raw if isinstance(raw, str) else None
    if isinstance(raw, str) and raw.startswith("attach://"):
        value = call.params.files.get(raw.removeprefix("attach://"))
    stored = await _stored_file(call, value, kind)
    inner = Params(
        {k: v for k, v in media.items() if k in ("caption", "parse_mode", "caption_entities")}
    )
    changes = {
        "photo": stored if kind == "photo" else None,
        "document": stored if kind == "document" else None,
        **_edited_caption(call, inner),
        "reply_markup": _inline_only(call.params),
    }
    return _apply_edit(call, chat, message, changes)


@method("deleteMessage")
async def delete_message(call: Call) -> bool:
    chat = call.world.resolve_chat(call.params.raw("chat_id"), sending=False)
    message_id = call.params.integer("message_id")
    if message_id is None or message_id not in chat.messages:
        raise bad_request("message to delete not found")
    _delete(call, chat, [message_id])
    return True


@method("deleteMessages")
async def delete_messages(call: Call) -> bool:
    chat = call.world.resolve_chat(call.params.raw("chat_id"), sending=False)
    ids = call.params.structure("message_ids")
    if not isinstance(ids, list) or not ids:
        raise bad_request("message_ids is empty")
    _delete(call, chat, [int(i) for i in ids if int(i) in chat.messages])
    return True


def _delete(call: Call, chat: Chat, ids: list[int]) -> None:
    for message_id in ids:
        del chat.messages[message_id]
        call.world.stats.deleted_per_chat[chat.id] += 1
    if ids:
        call.world.touch(chat)


@method("answerCallbackQuery")
async def answer_callback_query(call: Call) -> bool:
    query_id = call.params.text("callback_query_id")
    record = call.world.callbacks.get(query_id or "")
    if record is None or record.answered.is_set():
        raise bad_request(QUERY_TOO_OLD)
    record.text = call.params.text("text")
    record.show_alert = call.params.flag("show_alert")
    record.url = call.params.text("url")
    record.answered.set()
    call.world.changed.fire()
    return True


@method("sendChatAction")
async def send_chat_action(call: Call) -> bool:
    chat = call.world.resolve_chat(call.params.raw("chat_id"))
    action = call.params.text("action")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat.action = action
    chat.action_until = call.world.clock() + ACTION_SECONDS
    call.world.touch(chat)
    return True


@method("pinChatMessage")
async def pin_chat_message(call: Call) -> bool:
    chat = call.world.resolve_chat(call.params.raw("chat_id"), sending=False)
    message_id = call.params.integer("message_id")
    if message_id not in chat.messages:
        raise bad_request("message to pin not found")
    chat.pinned_message_id = message_id
    call.world.touch(chat)
    return True


@method("unpinChatMessage", "unpinAllChatMessages")
async def unpin_chat_message(call: Call) -> bool:
    chat = call.world.resolve_chat(call.params.raw("chat_id"), sending=False)
    chat.pinned_message_id = None
    call.world.touch(chat)
    return True
