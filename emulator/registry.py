"""The table of emulated Bot API methods; handlers register with ``@method("sendMessage")``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from emulator.params import Params
from emulator.world import World


@dataclass
class Call:
    """One Bot API call: the world it acts on, its parameters, the bot token used."""

    world: World
    params: Params
    token: str
    method: str


@dataclass
class Described:
    """A result that Telegram answers with a ``description`` too ("Webhook was set")."""

    result: Any
    description: str


Handler = Callable[[Call], Awaitable[Any]]
METHODS: dict[str, Handler] = {}


def method(*names: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in names:
            METHODS[name.lower()] = handler
        return handler

    return register
