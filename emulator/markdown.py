"""``parse_mode=MarkdownV2`` and legacy ``Markdown``, after tdlib's parsers and error wording."""

from __future__ import annotations

from emulator.formatting import Entity, ParseError, checked_link, sort_entities

_V2_RESERVED = b"_*[]()~`>#+-=|{}.!"
_TYPE_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
_SPACES = b" \t\r\n\x0b\x0c\x00"


class _Source:
    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8")
        self.out = bytearray()
        self.utf16 = 0

    def at(self, i: int) -> int:
        return self.data[i] if 0 <= i < len(self.data) else 0

    def copy(self, i: int) -> None:
        c = self.data[i]
        if (c & 0xC0) != 0x80:
            self.utf16 += 1 + (c >= 0xF0)
        self.out.append(c)

    def escaped(self, i: int) -> bool:
        return self.data[i] == ord("\\") and 0 < self.at(i + 1) <= 126

    def skip_pre_start(self, i: int) -> tuple[int, str]:
        """At the first byte after ```: the language, then one leading newline skipped."""
        language = ""
        end = i
        while self.at(end) not in _SPACES and self.at(end) != ord("`"):
            end += 1
        if end != i and end < len(self.data) and self.at(end) != ord("`"):
            language = self.data[i:end].decode("utf-8", errors="replace")
            i = end
        if self.at(i) in (ord("\n"), ord("\r")):
            pair = self.at(i + 1) in (ord("\n"), ord("\r")) and self.at(i) != self.at(i + 1)
            i += 2 if pair else 1
        return i, language

    def read_url(self, i: int, escapes: bool) -> tuple[str, int]:
        url = bytearray()
        while i < len(self.data) and self.data[i] != ord(")"):
            if escapes and self.escaped(i):
                url.append(self.data[i + 1])
                i += 2
                continue
            url.append(self.data[i])
            i += 1
        return url.decode("utf-8", errors="replace"), i

    def result(self) -> str:
        return self.out.decode("utf-8", errors="replace")


def _reserved(char: int) -> ParseError:
    return ParseError(
        f"Character '{chr(char)}' is reserved and must be escaped with the preceding '\\'"
    )


def parse_markdown_v2(text: str) -> tuple[str, list[Entity]]:
    src = _Source(text)
    entities: list[Entity] = []
    # (type, argument, utf16 offset, byte offset in text, byte position in out)
    stack: list[tuple[str, str, int, int, int]] = []
    quote_start: int | None = None
    i = 0
    while i < len(src.data):
        c = src.data[i]
        line_start = i == 0 or src.data[i - 1] == ord("\n")
        if line_start and not stack:
            if c == ord(">"):
                if quote_start is None:
                    quote_start = src.utf16
                i += 1
                continue
            if quote_start is not None:
                _close_quote(entities, quote_start, src)
                quote_start = None
        if src.escaped(i):
            src.utf16 += 1
            src.out.append(src.data[i + 1])
            i += 2
            continue
        in_code = bool(stack) and stack[-1][0] in ("code", "pre")
        reserved = b"`" if in_code else _V2_RESERVED
        if c not in reserved:
            src.copy(i)
            i += 1
            continue
        if stack and _ends(stack[-1][0], src, i):
            i = _close_v2(src, stack, entities, i)
            continue
        begin = i
        argument = ""
        if c == ord("_") and src.at(i + 1) == ord("_"):
            kind, i = "underline", i + 1
        elif c == ord("_"):
            kind = "italic"
        elif c == ord("*"):
            kind = "bold"
        elif c == ord("~"):
            kind = "strikethrough"
        elif c == ord("|") and src.at(i + 1) == ord("|"):
            kind, i = "spoiler", i + 1
        elif c == ord("["):
            kind = "text_link"
        elif c == ord("`") and src.at(i + 1) == ord("`") and src.at(i + 2) == ord("`"):
            kind = "pre"
            i, argument = src.skip_pre_start(i + 3)
            i -= 1
        elif c == ord("`"):
            kind = "code"
        elif c == ord("!") and src.at(i + 1) == ord("["):
            kind, i = "custom_emoji", i + 1
        else:
            raise _reserved(c)
        stack.append((kind, argument, src.utf16, begin, len(src.out)))
        i += 1
    if stack:
        kind, _, _, begin, _ = stack[-1]
        raise ParseError(f"Can't find end of {_TYPE_NAMES[kind]} entity at byte offset {begin}")
    if quote_start is not None:
        _close_quote(entities, quote_start, src)
    return src.result(), sort_entities(entities)


def _close_quote(entities: list[Entity], start: int, src: _Source) -> None:
    end = src.utf16
    if src.out.endswith(b"\n"):
        end -= 1
    if end > start:
        entities.append({"type": "blockquote", "offset": start, "length": end - start})


def _ends(kind: str, src: _Source, i: int) -> bool:
    c, after = src.data[i], src.at(i + 1)
    return {
        "bold": c == ord("*"),
        "italic": c == ord("_") and after != ord("_"),
        "code": c == ord("`"),
        "pre": c == ord("`") and after == ord("`") and src.at(i + 2) == ord("`"),
        "text_link": c == ord("]"),
        "underline": c == ord("_") and after == ord("_"),
        "strikethrough": c == ord("~"),
        "spoiler": c == ord("|") and after == ord("|"),
        "custom_emoji": c == ord("]"),
    }[kind]


def _close_v2(
    src: _Source, stack: list[tuple[str, str, int, int, int]], entities: list[Entity], i: int
) -> int:
    kind, argument, offset, _, out_pos = stack.pop()
    skip = src.utf16 == offset
    entity: Entity = {"type": kind, "offset": offset, "length": src.utf16 - offset}
    if kind in ("underline", "spoiler"):
        i += 1
    elif kind == "pre":
        i += 2
        if argument:
            entity["language"] = argument
    elif kind == "text_link":
        if src.at(i + 1) != ord("("):
            url = src.out[out_pos:].decode("utf-8", errors="replace")
        else:
            begin = i + 2
            url, i = src.read_url(begin, escapes=True)
            if src.at(i) != ord(")"):
                raise ParseError(f"Can't find end of a URL at byte offset {begin}")
        checked = checked_link(url)
        skip = skip or not checked
        entity["url"] = checked
    elif kind == "custom_emoji":
        if src.at(i + 1) != ord("("):
            raise ParseError("Custom emoji entity must contain a tg://emoji URL")
        begin = i + 2
        url, i = src.read_url(begin, escapes=True)
        if src.at(i) != ord(")"):
            raise ParseError(f"Can't find end of a custom emoji URL at byte offset {begin}")
        emoji_id = url.removeprefix("tg://emoji?id=")
        if not emoji_id.isdigit():
            raise ParseError("Invalid custom emoji identifier specified")
        entity["custom_emoji_id"] = emoji_id
    if not skip:
        entities.append(entity)
    return i + 1


def parse_markdown(text: str) -> tuple[str, list[Entity]]:
    """Legacy ``Markdown``: *bold*, _italic_, `code`, ```pre```, [text](url)."""
    src = _Source(text)
    entities: list[Entity] = []
    size = len(src.data)
    i = 0
    while i < size:
        c = src.data[i]
        if c == ord("\\") and src.at(i + 1) in b"_*`[":
            src.out.append(src.data[i + 1])
            src.utf16 += 1
            i += 2
            continue
        if c not in b"_*`[":
            src.copy(i)
            i += 1
            continue
        begin = i
        end_char = ord("]") if c == ord("[") else c
        i += 1
        is_pre = False
        language = ""
        if c == ord("`") and src.at(i) == ord("`") and src.at(i + 1) == ord("`"):
            is_pre = True
            i, language = src.skip_pre_start(i + 2)
        offset = src.utf16
        while i < size and (
            src.data[i] != end_char
            or (is_pre and not (src.at(i + 1) == ord("`") and src.at(i + 2) == ord("`")))
        ):
            src.copy(i)
            i += 1
        if i == size:
            raise ParseError(f"Can't find end of the entity starting at byte offset {begin}")
        if src.utf16 > offset:
            entity: Entity = {"type": "", "offset": offset, "length": src.utf16 - offset}
            if c == ord("_"):
                entity["type"] = "italic"
            elif c == ord("*"):
                entity["type"] = "bold"
            elif c == ord("`"):
                entity["type"] = "pre" if is_pre else "code"
                if language:
                    entity["language"] = language
            else:
                url_text = text.encode("utf-8")[begin + 1 : i].decode("utf-8", errors="replace")
                if src.at(i + 1) == ord("("):
                    url, i = src.read_url(i + 2, escapes=False)
                else:
                    url = url_text
                entity["type"] = "text_link"
                entity["url"] = checked_link(url)
            if entity["type"] != "text_link" or entity["url"]:
                entities.append(entity)
        if is_pre:
            i += 2
        i += 1
    return src.result(), sort_entities(entities)
