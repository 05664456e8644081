"""Plain text for Zalo: no HTML, at most 2000 characters a message."""

from __future__ import annotations

import html
import re
import unicodedata

MAX_MESSAGE = 2000
_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """A Telegram HTML message as the plain text Zalo shows (tags gone, entities decoded)."""
    return html.unescape(_TAG.sub("", text))


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


def command_key(text: str) -> str:
    """A typed command without accents, case or spaces: "Hủy" and "huy" are the same."""
    folded = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", folded)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(letters.lower().split()).lstrip("/")
