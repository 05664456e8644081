"""Checks on what the bot sends, with Telegram's answers: text, captions, parse modes,
explicit entities and reply markup (inline keyboards with their 64-byte callback data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.errors import (
    BUTTON_DATA_INVALID,
    CAPTION_TOO_LONG,
    TEXT_EMPTY,
    TEXT_TOO_LONG,
    bad_request,
)
from emulator.formatting import Entity, ParseError, parse_html, sort_entities, trim, utf16_len
from emulator.models import JSON
from emulator.params import Params

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
MAX_BUTTONS = 100
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_ENTITY_TYPES = frozenset(
    {
        "mention",
        "hashtag",
        "cashtag",
        "bot_command",
        "url",
        "email",
        "phone_number",
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "blockquote",
        "expandable_blockquote",
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
    }
)


@dataclass
class FormattedText:
    text: str
    entities: list[Entity]
    parse_mode: str | None
    source: str


def formatted(
    params: Params, field: str, *, caption: bool, strict_html: bool, required: bool = True
) -> FormattedText | None:
    """Parse ``field`` (text or caption) as Telegram does and enforce its length.

    The length is counted in UTF-16 code units after entity parsing, as Telegram counts it.
    """
    source = params.text(field)
    if source is None or source == "":
        if required:
            raise bad_request(TEXT_EMPTY)
        return None
    mode = params.text("parse_mode") or None
    entities_field = "caption_entities" if caption else "entities"
    explicit = params.structure(entities_field, f"can't parse {entities_field} JSON object")
    text, entities = _parse(source, mode, explicit, strict_html)
    text, entities = trim(text, entities)
    if not text:
        if required:
            raise bad_request(TEXT_EMPTY)
        return None
    limit = CAPTION_LIMIT if caption else TEXT_LIMIT
    if utf16_len(text) > limit:
        raise bad_request(CAPTION_TOO_LONG if caption else TEXT_TOO_LONG)
    return FormattedText(text, entities, mode, source)


def _parse(
    source: str, mode: str | None, explicit: Any, strict_html: bool
) -> tuple[str, list[Entity]]:
    if explicit is not None and not mode:
        return source, _checked_entities(explicit, utf16_len(source))
    if not mode:
        return source, []
    try:
        match mode.lower():
            case "html":
                return parse_html(source, strict_ampersand=strict_html)
    except ParseError as error:
        raise bad_request(f"can't parse entities: {error}") from None
    raise bad_request("unsupported parse_mode")


def _checked_entities(raw: Any, length: int) -> list[Entity]:
    if not isinstance(raw, list):
        raise bad_request("can't parse entities JSON object")
    entities: list[Entity] = []
    for item in raw:
        if not isinstance(item, dict) or item.get("type") not in _ENTITY_TYPES:
            raise bad_request("can't parse MessageEntity: unknown entity type")
        try:
            offset, size = int(item["offset"]), int(item["length"])
        except (KeyError, TypeError, ValueError):
            raise bad_request("can't parse MessageEntity: offset and length required") from None
        if offset < 0 or size <= 0 or offset + size > length:
            continue  # Telegram silently drops entities outside the text
        entities.append({**item, "offset": offset, "length": size})
    return sort_entities(entities)


def reply_markup(params: Params) -> JSON | None:
    """The validated ``reply_markup``, as Telegram keeps it (None when absent)."""
    raw = params.structure("reply_markup", "can't parse reply keyboard markup JSON object")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in raw:
        return {"inline_keyboard": inline_keyboard(raw["inline_keyboard"])}
    if "keyboard" in raw:
        rows = raw["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array')
        keyboard = [[b if isinstance(b, dict) else {"text": str(b)} for b in r] for r in rows]
        return {**raw, "keyboard": keyboard}
    if raw.get("remove_keyboard") or raw.get("force_reply"):
        return dict(raw)
    raise bad_request("can't parse reply keyboard markup JSON object")


def inline_keyboard(rows: Any) -> list[list[JSON]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    result = []
    for row in rows:
        checked = []
        for button in row:
            if not isinstance(button, dict):
                raise bad_request(
                    "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
                )
            checked.append(_inline_button(button))
        if checked:
            result.append(checked)
    return result


def _inline_button(button: JSON) -> JSON:
    text = button.get("text")
    if not isinstance(text, str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    clean = {k: v for k, v in button.items() if v is not None}
    actions = [name for name in _BUTTON_ACTIONS if name in clean]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in clean:
        data = clean["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            raise bad_request(BUTTON_DATA_INVALID)
    if "url" in clean:
        url = clean["url"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://")):
            raise bad_request("BUTTON_URL_INVALID")
    return clean
