"""Telegram's start links: ``https://t.me/<bot>?start=<payload>`` opens the bot with it."""

from __future__ import annotations


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username.lstrip('@')}?start={code}"
