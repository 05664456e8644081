"""Telegram's text rules: HTML parse mode, bot-command entities, UTF-16 lengths, safe rendering.

``parse_html`` follows tdlib's ``parse_html`` (the code behind the Bot API server), so the
clean text, the entities and the error wording ("Unsupported start tag \\"foo\\" at byte
offset 0", "Can't find end tag corresponding to start tag \\"b\\"", …) are Telegram's own.
Offsets and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import html
import re
from typing import Any

Entity = dict[str, Any]

SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SPACE = frozenset(b" \t\r\n\x0b\x0c\x00")
_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
}
_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_COMMAND = re.compile(r"(?<![\w/<>])/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/<>])")
_TRIM = " \t\r\n\x0b\x0c"


class ParseError(Exception):
    """Markup Telegram refuses; ``str(error)`` is the part after "can't parse entities: "."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def sort_entities(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))


def _decode_entity(data: bytes, pos: int) -> tuple[int, int]:
    """tdlib's ``decode_html_entity``: (code point or 0, position after it)."""

    def at(i: int) -> int:
        return data[i] if i < len(data) else 0

    end = pos + 1
    code = 0
    if at(end) == ord("#"):
        end += 1
        if at(end) == ord("x"):
            end += 1
            while chr(at(end)) in "0123456789abcdefABCDEF" and at(end):
                code = code * 16 + int(chr(at(end)), 16)
                end += 1
        else:
            while ord("0") <= at(end) <= ord("9"):
                code = code * 10 + at(end) - ord("0")
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while chr(at(end)).isascii() and chr(at(end)).isalpha():
            end += 1
        name = data[pos + 1 : end]
        named = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}
        if name not in named:
            return 0, pos
        code = ord(named[name])
    if at(end) == ord(";"):
        end += 1
    return code, end


class _HtmlParser:
    """A line-for-line port of tdlib's parser over UTF-8 bytes with a NUL sentinel."""

    def __init__(self, source: str, strict_ampersand: bool) -> None:
        self.data = source.encode("utf-8") + b"\x00"
        self.size = len(self.data) - 1
        self.strict_ampersand = strict_ampersand
        self.out = bytearray()
        self.utf16 = 0
        self.entities: list[Entity] = []
        # (tag name, argument, utf16 offset, byte position in ``out``)
        self.stack: list[tuple[str, str, int, int]] = []

    def char(self, i: int) -> int:
        return self.data[i] if i < len(self.data) else 0

    def append_code_point(self, code: int) -> None:
        self.utf16 += 1 + (code > 0xFFFF)
        self.out += chr(code).encode("utf-8", errors="surrogatepass")

    def run(self) -> tuple[str, list[Entity]]:
        i = 0
        while i < self.size:
            c = self.data[i]
            if c == ord("&"):
                code, after = _decode_entity(self.data, i)
                if code:
                    self.append_code_point(code)
                    i = after
                    continue
                if self.strict_ampersand:
                    raise ParseError(
                        f"Character '&' at byte offset {i} must be escaped as \"&amp;\""
                    )
            if c != ord("<"):
                if (c & 0xC0) != 0x80:
                    self.utf16 += 1 + (c >= 0xF0)
                self.out.append(c)
                i += 1
                continue
            i = self.end_tag(i) if self.char(i + 1) == ord("/") else self.start_tag(i)
        if self.stack:
            raise ParseError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1][0]}"'
            )
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        try:
            text = self.out.decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            ) from None
        return text, sort_entities(self.entities)

    def start_tag(self, begin: int) -> int:
        i = begin + 1
        while self.char(i) not in _SPACE and self.char(i) != ord(">"):
            i += 1
        if self.char(i) == 0:
            raise ParseError(f"Unclosed start tag at byte offset {begin}")
        tag = self.data[begin + 1 : i].decode("utf-8", errors="replace").lower()
        if tag not in SUPPORTED_TAGS:
            raise ParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
        argument = ""
        while self.char(i) != ord(">"):
            while self.char(i) != 0 and self.char(i) in _SPACE:
                i += 1
            if self.char(i) == ord(">"):
                break
            name_start = i
            while self.char(i) not in _SPACE and chr(self.char(i)) not in "=>/\"'":
                i += 1
            name = self.data[name_start:i].decode("utf-8", errors="replace")
            if not name:
                raise ParseError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
            while self.char(i) != 0 and self.char(i) in _SPACE:
                i += 1
            if self.char(i) != ord("="):
                if self.char(i) == 0:
                    raise ParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
                if tag == "blockquote" and name == "expandable":
                    argument = "1"
                continue
            i += 1
            while self.char(i) != 0 and self.char(i) in _SPACE:
                i += 1
            if self.char(i) == 0:
                raise ParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
            value, i = self.attribute_value(i)
            if self.char(i) == 0:
                raise ParseError(f"Unclosed start tag at byte offset {begin}")
            argument = self.tag_argument(tag, name, value, argument)
        if tag == "span" and argument != "spoiler":
            raise ParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        self.stack.append((tag, argument, self.utf16, len(self.out)))
        return i + 1

    def attribute_value(self, i: int) -> tuple[str, int]:
        quote = self.char(i)
        if quote not in (ord("'"), ord('"')):
            start = i
            while chr(self.char(i)).isascii() and (
                chr(self.char(i)).isalnum() or chr(self.char(i)) in ".-"
            ):
                i += 1
            if self.char(i) not in _SPACE and self.char(i) != ord(">"):
                raise ParseError(f"Unexpected end of name token at byte offset {start}")
            return self.data[start:i].decode("ascii").lower(), i
        i += 1
        value = bytearray()
        while self.char(i) != quote and self.char(i) != 0:
            if self.char(i) == ord("&"):
                code, after = _decode_entity(self.data, i)
                if code:
                    value += chr(code).encode("utf-8", errors="surrogatepass")
                    i = after
                    continue
            value.append(self.char(i))
            i += 1
        if self.char(i) == quote:
            i += 1
        return value.decode("utf-8", errors="replace"), i

    @staticmethod
    def tag_argument(tag: str, name: str, value: str, current: str) -> str:
        if tag == "a" and name == "href":
            return value
        if tag == "code" and name == "class" and value.startswith("language-"):
            return value[9:]
        if tag == "span" and name == "class" and value.startswith("tg-"):
            return value[3:]
        if tag == "tg-emoji" and name == "emoji-id":
            return value
        if tag == "blockquote" and name == "expandable":
            return "1"
        return current

    def end_tag(self, begin: int) -> int:
        if not self.stack:
            raise ParseError(f"Unexpected end tag at byte offset {begin}")
        i = begin + 2
        while self.char(i) not in _SPACE and self.char(i) != ord(">"):
            i += 1
        end_name = self.data[begin + 2 : i].decode("utf-8", errors="replace").lower()
        while self.char(i) in _SPACE and self.char(i) != 0:
            i += 1
        if self.char(i) != ord(">"):
            raise ParseError(f"Unclosed end tag at byte offset {begin}")
        tag, argument, offset, out_pos = self.stack[-1]
        if end_name and end_name != tag:
            raise ParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{tag}>", '
                f'found "</{end_name}>"'
            )
        if self.utf16 > offset:
            self.close_entity(tag, argument, offset, self.utf16 - offset, out_pos)
        self.stack.pop()
        return i + 1

    def close_entity(self, tag: str, argument: str, offset: int, length: int, pos: int) -> None:
        last = self.entities[-1] if self.entities else None
        same_span = last is not None and last["offset"] == offset and last["length"] == length
        if tag in _SIMPLE_TAGS or tag == "span":
            self.entities.append(
                {"type": _SIMPLE_TAGS.get(tag, "spoiler"), "offset": offset, "length": length}
            )
        elif tag == "tg-emoji":
            if not argument.isdigit() or int(argument) == 0:
                raise ParseError("Invalid custom emoji identifier specified")
            self.entities.append(
                {
                    "type": "custom_emoji",
                    "offset": offset,
                    "length": length,
                    "custom_emoji_id": argument,
                }
            )
        elif tag == "a":
            url = argument or self.out[pos:].decode("utf-8", errors="replace")
            checked = checked_link(url)
            if checked:
                self.entities.append(
                    {"type": "text_link", "offset": offset, "length": length, "url": checked}
                )
        elif tag == "pre":
            if same_span and last is not None and last["type"] == "code" and last.get("language"):
                last["type"] = "pre"
            else:
                self.entities.append({"type": "pre", "offset": offset, "length": length})
        elif tag == "code":
            if same_span and last is not None and last["type"] == "pre" and argument:
                last["language"] = argument
            else:
                entity: Entity = {"type": "code", "offset": offset, "length": length}
                if argument:
                    entity["language"] = argument
                self.entities.append(entity)
        else:  # blockquote
            kind = "expandable_blockquote" if argument else "blockquote"
            self.entities.append({"type": kind, "offset": offset, "length": length})


def checked_link(url: str) -> str:
    """Roughly tdlib's ``get_checked_link``: '' for what Telegram would silently drop."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return ""
    if "://" not in url and not url.startswith(("tg:", "mailto:")):
        url = "http://" + url
    scheme = url.split(":", 1)[0].lower()
    if scheme not in {"http", "https", "tg", "ton", "mailto", "tonsite"}:
        return ""
    return url


def parse_html(source: str, *, strict_ampersand: bool = False) -> tuple[str, list[Entity]]:
    """Clean text and entities of ``source`` under ``parse_mode=HTML``, or ``ParseError``.

    Telegram keeps a lone ``&`` that starts no entity as text; ``strict_ampersand`` refuses it
    instead, to catch unescaped user content early.
    """
    return _HtmlParser(source, strict_ampersand).run()


def trim(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Strip surrounding whitespace as Telegram does and keep the entities on their letters."""
    stripped_left = text.lstrip(_TRIM)
    shift = utf16_len(text) - utf16_len(stripped_left)
    result = stripped_left.rstrip(_TRIM)
    limit = utf16_len(result)
    kept: list[Entity] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return result, kept


def bot_command_entities(text: str) -> list[Entity]:
    """``bot_command`` entities for every command in a user's text (tdlib's rule)."""
    entities = []
    for match in _COMMAND.finditer(text):
        entities.append(
            {
                "type": "bot_command",
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group()),
            }
        )
    return entities


def _open_tag(entity: Entity) -> tuple[str, str]:
    kind = entity["type"]
    simple = {
        "bold": "b",
        "italic": "i",
        "underline": "u",
        "strikethrough": "s",
        "code": "code",
        "blockquote": "blockquote",
    }
    if kind in simple:
        return f"<{simple[kind]}>", f"</{simple[kind]}>"
    if kind == "spoiler":
        return "<tg-spoiler>", "</tg-spoiler>"
    if kind == "expandable_blockquote":
        return "<blockquote expandable>", "</blockquote>"
    if kind == "pre":
        language = entity.get("language")
        if language:
            lang = html.escape(str(language), quote=True)
            return f'<pre><code class="language-{lang}">', "</code></pre>"
        return "<pre>", "</pre>"
    if kind == "text_link":
        return f'<a href="{html.escape(str(entity.get("url", "")), quote=True)}">', "</a>"
    if kind == "custom_emoji":
        emoji_id = html.escape(str(entity.get("custom_emoji_id", "")), quote=True)
        return f'<tg-emoji emoji-id="{emoji_id}">', "</tg-emoji>"
    return "", ""


def render_html(text: str, entities: list[Entity]) -> str:
    """Telegram-flavoured HTML of a message: escaped text, only whitelisted tags.

    Entities that cross each other (possible with explicit ``entities``) are clipped to
    their enclosing entity so the output always nests.
    """
    units = text.encode("utf-16-le")
    length = len(units) // 2

    def piece(start: int, end: int) -> str:
        chunk = units[2 * start : 2 * end].decode("utf-16-le", errors="replace")
        return html.escape(chunk, quote=False)

    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (end, closing tag)
    position = 0
    for entity in sort_entities([e for e in entities if e.get("length", 0) > 0]):
        start = min(max(int(entity["offset"]), 0), length)
        end = min(start + int(entity["length"]), length)
        while stack and stack[-1][0] <= start:
            close_at, closing = stack.pop()
            out.append(piece(position, close_at) + closing)
            position = close_at
        if stack:
            end = min(end, stack[-1][0])
        opening, closing = _open_tag(entity)
        if end <= start or not opening:
            continue
        out.append(piece(position, start) + opening)
        position = start
        stack.append((end, closing))
    while stack:
        close_at, closing = stack.pop()
        out.append(piece(position, close_at) + closing)
        position = close_at
    out.append(piece(position, length))
    return "".join(out)
