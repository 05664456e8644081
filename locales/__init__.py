"""Every user-facing sentence: Fluent files in ``locales/<locale>/``.

``t("id", name=…)`` formats a message as plain text; ``html("id", name=…)``
escapes every string argument first, for messages sent with ``parse_mode=HTML``
(the message's own markup stays). Wrap an argument in ``SafeHTML`` when it is
already HTML built from escaped parts.
"""

from __future__ import annotations

import html as _html
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).parent
DEFAULT_LOCALE = "vi"
_FLUENT_PART_LIMIT = 2000


class SafeHTML(str):
    """A string that is already valid HTML for Telegram and must not be escaped again."""

    __slots__ = ()


class MissingMessage(KeyError):
    pass


class Translator:
    def __init__(self, locale: str = DEFAULT_LOCALE, root: Path = LOCALES_DIR) -> None:
        self.locale = locale
        self.bundle = FluentBundle([locale], use_isolating=False)
        self.files = sorted((root / locale).glob("*.ftl"))
        for path in self.files:
            self.bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))

    def has(self, msg_id: str) -> bool:
        return self.bundle.has_message(msg_id)

    def __call__(self, msg_id: str, /, **kwargs: Any) -> str:
        if not self.bundle.has_message(msg_id):
            raise MissingMessage(msg_id)
        message = self.bundle.get_message(msg_id)
        if message.value is None:
            raise MissingMessage(msg_id)
        # Fluent refuses a placeable longer than 2,500 characters (a long escaped report is):
        # such a value goes in as a marker and is put back after formatting.
        long_values: dict[str, str] = {}
        for key, value in kwargs.items():
            if isinstance(value, str) and len(value) > _FLUENT_PART_LIMIT:
                marker = f"\ue000{uuid.uuid4().hex}\ue000"
                long_values[marker] = value
                kwargs = {**kwargs, key: marker}
        text, errors = self.bundle.format_pattern(message.value, kwargs)
        if errors:
            raise ValueError(f"{msg_id}: {errors[0]}")
        result = str(text)
        for marker, value in long_values.items():
            result = result.replace(marker, value)
        return result

    def html(self, msg_id: str, /, **kwargs: Any) -> SafeHTML:
        escaped = {
            key: value
            if isinstance(value, SafeHTML) or not isinstance(value, str)
            else _html.escape(value, quote=False)
            for key, value in kwargs.items()
        }
        return SafeHTML(self(msg_id, **escaped))


@cache
def translator(locale: str = DEFAULT_LOCALE) -> Translator:
    return Translator(locale)


def t(msg_id: str, /, **kwargs: Any) -> str:
    return translator()(msg_id, **kwargs)


def html(msg_id: str, /, **kwargs: Any) -> SafeHTML:
    return translator().html(msg_id, **kwargs)


def escape(text: str) -> SafeHTML:
    return SafeHTML(_html.escape(text, quote=False))
