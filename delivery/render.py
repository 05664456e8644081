"""An outbox payload as each channel shows it, rendered at send time.

Use cases write *what* to say: ``{"message": <Fluent id>, "args": {...}}``, raw values
(user text unescaped); an argument that is itself ``{"message": …, "args": …}`` is a
fragment rendered the same way. Telegram gets the Fluent HTML with ``parse_mode=HTML``;
Zalo gets plain text out of that HTML, user text as typed. Rows written before this
format (``{"text": …, "parse_mode": …}``) go out as they were written.
"""

from __future__ import annotations

from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

from locales import SafeHTML, html, t

MAX_MESSAGE = 2000


def is_fragment(value: object) -> bool:
    return isinstance(value, Mapping) and "message" in value


def _html(fragment: Mapping[str, Any]) -> SafeHTML:
    args = {
        key: _html(value) if is_fragment(value) else value
        for key, value in (fragment.get("args") or {}).items()
    }
    return html(str(fragment["message"]), **args)


def telegram(payload: Mapping[str, Any]) -> tuple[str, str | None]:
    """The text and its parse mode."""
    if is_fragment(payload):
        return _html(payload), "HTML"
    return str(payload["text"]), payload.get("parse_mode")


def zalo(payload: Mapping[str, Any], *, file_link: str | None = None) -> str:
    """Plain text: the message, the file's link when there is one, a hint for buttons."""
    text, mode = telegram(payload)
    if mode == "HTML":
        text = plain(text)
    if file_link:
        text = f"{text}\n\n{file_link}"
    if payload.get("reply_markup"):
        # The buttons of the Telegram message: on Zalo the member types instead.
        text = f"{text}\n\n{t('zalo-reply-hint')}"
    return text


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links and (href := self.links.pop()):
            self.parts.append(f": {href}")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain(text: str) -> str:
    """Telegram HTML as plain text: tags gone, entities decoded, a link as "text: url"."""
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Pieces of at most ``limit`` characters, cut between lines, else between words.

    Joined back with the line breaks and spaces they were cut at, the pieces give the text
    again: nothing is lost, and a word is cut only when it is longer than ``limit`` alone.
    """
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[: limit + 1]
        cut = window.rfind("\n")
        if cut <= 0:
            cut = window.rfind(" ")
        if cut <= 0:
            pieces.append(rest[:limit])
            rest = rest[limit:]
            continue
        pieces.append(rest[:cut])
        rest = rest[cut + 1 :]
    if rest or not pieces:
        pieces.append(rest)
    return [piece for piece in pieces if piece.strip()] or [text[:limit]]
