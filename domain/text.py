"""What every piece of text typed by a person goes through before it is kept."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from domain.errors import DomainError


@dataclass(frozen=True)
class TextLimit:
    min_length: int
    max_length: int


PLAN_ITEM = TextLimit(5, 500)
NOTE = TextLimit(1, 500)
FULL_NAME = TextLimit(2, 120)
LONG_TEXT = TextLimit(1, 2000)
REASON = TextLimit(3, 500)
COMMENT = TextLimit(1, 1000)


def is_control(ch: str) -> bool:
    """A control character no stored text keeps (NUL, escape, …); line breaks and tabs stay."""
    return unicodedata.category(ch) == "Cc" and ch not in "\n\t"


def normalize(text: str) -> str:
    """NFC, control characters dropped, line breaks as ``\\n``, surrounding white space
    stripped, inner runs of blanks kept as typed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    visible = "".join(ch for ch in lines if not is_control(ch))
    return unicodedata.normalize("NFC", visible).strip()


def clean(text: str | None, limit: TextLimit) -> str:
    """Normalise and check a person's text; raise a ``DomainError`` the user can read."""
    value = normalize(text or "")
    if not value:
        raise DomainError("error-text-empty")
    if not any(ch.isalnum() for ch in value):
        raise DomainError("error-text-no-letters")
    length = len(value)
    if length < limit.min_length:
        raise DomainError("error-text-too-short", min=limit.min_length, length=length)
    if length > limit.max_length:
        raise DomainError("error-text-too-long", max=limit.max_length, length=length)
    return value
