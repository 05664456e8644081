"""Text widgets that take their words from ``locales/vi/``.

``I18NFormat("msg-id")`` renders a Fluent message with the window's data as
variables, escaping every string for ``parse_mode=HTML`` unless it is ``SafeHTML``.
"""

from __future__ import annotations

from typing import Any

from aiogram_dialog.api.protocols import DialogManager
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.text import Text

from locales import html, t

# The largest id a database row can have (a signed 64-bit integer).
MAX_ID = (1 << 63) - 1


def button_id(text: str) -> int | None:
    """The row id a button carries, or None when the data is not one (made up by hand)."""
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


class I18NFormat(Text):
    def __init__(self, msg_id: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.msg_id = msg_id

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return html(self.msg_id, **_variables(data))


class I18NPlain(Text):
    """A Fluent message without escaping, for button captions (Telegram shows them as is)."""

    def __init__(self, msg_id: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.msg_id = msg_id

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return t(self.msg_id, **_variables(data))


def _variables(data: dict[str, Any]) -> dict[str, Any]:
    # Fluent takes strings and numbers; anything else a getter returns is not a variable.
    return {
        key: value
        for key, value in data.items()
        if isinstance(value, str | int | float) and not isinstance(value, bool)
    }
