"""JSON over HTTP as both stand-ins speak it: the bots' answers and the user APIs' requests.

The user-side helpers raise ``UserError``, which the ``json_errors`` middleware turns into
``{"error": "<what is wrong>"}`` with a 4xx status.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from aiohttp import web

from emulator.world import UserError

MAX_WAIT = 30.0


def json_response(body: dict[str, Any], status: int = 200) -> web.Response:
    """A bot API answer, with the text left as UTF-8 as the real platforms send it."""
    return web.Response(
        text=json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/json",
    )


async def read_body(request: web.Request) -> dict[str, Any]:
    """A user API request's JSON object (``{}`` without a body)."""
    if not request.can_read_body:
        return {}
    try:
        data = await request.json()
    except ValueError:
        raise UserError(400, "the body must be a JSON object") from None
    if not isinstance(data, dict):
        raise UserError(400, "the body must be a JSON object")
    return data


def required_text(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise UserError(400, f"{name} is required")
    return value


def integer(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UserError(400, f"{name} must be an integer") from None


def optional_integer(value: Any, name: str) -> int | None:
    return None if value is None or value == "" else integer(value, name)


async def settings(request: web.Request, target: Any, on_change: Callable[[], None]) -> Any:
    """Limits or faults (a settings dataclass): a POST changes them first, then they are shown."""
    if request.method == "POST":
        try:
            target.update(await read_body(request))
        except (ValueError, TypeError) as error:
            raise UserError(400, str(error)) from None
        on_change()
    return asdict(target)
