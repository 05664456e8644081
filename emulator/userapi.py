"""The user side: a JSON HTTP API under ``/_emulator/`` to act as people and inspect the emulator.

The routes are listed in the package docstring (``emulator/__init__.py``). Errors answer
``{"error": "<what is wrong>"}`` with a 4xx status.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote, urlencode

from aiohttp import web

from emulator.jsonhttp import (
    MAX_WAIT,
    integer,
    optional_integer,
    read_body,
    required_text,
    settings,
)
from emulator.view import chat_view, message_view
from emulator.webapp import init_data_for
from emulator.world import WORLD, UserError, World
from emulator.zalo.state import ZALO

_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{0,64}$")
routes = web.RouteTableDef()
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _world(request: web.Request) -> World:
    return request.app[WORLD]


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except UserError as error:
        return _json({"error": error.message}, error.status)
    except web.HTTPNotFound:  # as Telegram answers any unknown path
        return _json({"ok": False, "error_code": 404, "description": "Not Found"}, 404)


def _wait_seconds(request: web.Request, default: float = 0.0) -> float:
    try:
        return min(max(float(request.query.get("wait", default)), 0.0), MAX_WAIT)
    except ValueError:
        raise UserError(400, "wait must be a number of seconds") from None


@routes.get("/_emulator/bot")
async def bot_info(request: web.Request) -> web.Response:
    world = _world(request)
    queue = world.updates
    default_commands = next(
        (cmds for key, cmds in world.commands.items() if key.startswith('[{"type": "default"}')),
        [],
    )
    return _json(
        {
            **world.bot_user(),
            "commands": default_commands,
            "webhook": queue.webhook.info_json(len(queue.pending)),
            "config": world.config.as_dict(),
        }
    )


@routes.get("/_emulator/personas")
async def list_personas(request: web.Request) -> web.Response:
    return _json([p.public() for p in _world(request).personas.values()])


@routes.post("/_emulator/personas")
async def create_persona(request: web.Request) -> web.Response:
    body = await read_body(request)
    persona = _world(request).add_persona(
        user_id=optional_integer(body.get("id"), "id"),
        first_name=body.get("first_name"),
        last_name=body.get("last_name"),
        username=body.get("username"),
        language_code=body.get("language_code", "vi"),
        started=bool(body.get("started", False)),
    )
    return _json(persona.public(), 201)


@routes.get("/_emulator/personas/{user_id}")
async def get_persona(request: web.Request) -> web.Response:
    user_id = integer(request.match_info["user_id"], "user id")
    return _json(_world(request).persona(user_id).public())


@routes.post("/_emulator/personas/{user_id}/block")
async def block(request: web.Request) -> web.Response:
    user_id = integer(request.match_info["user_id"], "user id")
    return _json(_world(request).set_blocked(user_id, True).public())


@routes.post("/_emulator/personas/{user_id}/unblock")
async def unblock(request: web.Request) -> web.Response:
    user_id = integer(request.match_info["user_id"], "user id")
    return _json(_world(request).set_blocked(user_id, False).public())


@routes.get("/_emulator/chats")
async def list_chats(request: web.Request) -> web.Response:
    chats = _world(request).chats.values()
    return _json(
        [{"chat": c.chat_json(), "version": c.version, "messages": len(c.messages)} for c in chats]
    )


@routes.post("/_emulator/chats")
async def create_group(request: web.Request) -> web.Response:
    body = await read_body(request)
    members = [integer(m, "members") for m in body.get("members", [])]
    chat = _world(request).create_group(
        title=str(body.get("title") or "Nhóm"),
        members=members,
        chat_type=str(body.get("type", "group")),
        chat_id=optional_integer(body.get("id"), "id"),
    )
    return _json(chat.chat_json(), 201)


@routes.get("/_emulator/chats/{chat_id}")
async def read_chat(request: web.Request) -> web.Response:
    """The chat as it stands; with ``since=<version>&wait=<s>`` waits for a newer version."""
    world = _world(request)
    chat_id = integer(request.match_info["chat_id"], "chat id")
    since = optional_integer(request.query.get("since"), "since")
    wait = _wait_seconds(request)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while True:
        world = _world(request)
        chat = world.chat(chat_id)
        remaining = deadline - loop.time()
        if since is None or chat.version > since or remaining <= 0 or world.closing:
            return _json(chat_view(chat, world.clock()))
        await world.changed.wait(remaining)


async def _send_as_user(request: web.Request, text: str, body: dict[str, Any]) -> web.Response:
    world = _world(request)
    chat_id = integer(request.match_info["chat_id"], "chat id")
    message, update_id = world.user_send(
        chat_id,
        text,
        from_id=optional_integer(body.get("from_id"), "from_id"),
        reply_to_message_id=optional_integer(
            body.get("reply_to_message_id"), "reply_to_message_id"
        ),
    )
    chat = world.chat(chat_id)
    return _json(
        {"message": message_view(message), "update_id": update_id, "version": chat.version}, 201
    )


@routes.post("/_emulator/chats/{chat_id}/messages")
async def send_text(request: web.Request) -> web.Response:
    body = await read_body(request)
    return await _send_as_user(request, required_text(body, "text"), body)


@routes.post("/_emulator/chats/{chat_id}/start")
async def start(request: web.Request) -> web.Response:
    body = await read_body(request)
    payload = str(body.get("payload") or "")
    if not _PAYLOAD.match(payload):
        raise UserError(400, "a deep-link payload is up to 64 of A-Z a-z 0-9 _ -")
    return await _send_as_user(request, f"/start {payload}".rstrip(), body)


@routes.post("/_emulator/chats/{chat_id}/press")
async def press(request: web.Request) -> web.Response:
    """Press an inline button; waits (``wait`` seconds) for the bot's answerCallbackQuery."""
    world = _world(request)
    body = await read_body(request)
    chat_id = integer(request.match_info["chat_id"], "chat id")
    data, text = body.get("data"), body.get("text")
    if data is None and text is None:
        raise UserError(400, "give the button's callback data (data) or its text (text)")
    record, button = world.press(
        chat_id,
        integer(body.get("message_id"), "message_id"),
        data=None if data is None else str(data),
        text=None if text is None else str(text),
        from_id=optional_integer(body.get("from_id"), "from_id"),
    )
    if record is None:
        return _json({"button": button, "url": button.get("url"), "answer": None})
    wait = float(body.get("wait", world.config.callback_wait_seconds))
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(min(max(wait, 0.0), MAX_WAIT)):
            await record.answered.wait()
    return _json({"button": button, "callback_query_id": record.id, "answer": record.answer_json()})


@routes.get("/_emulator/files/{file_id}")
async def download(request: web.Request) -> web.Response:
    stored = _world(request).files.get(request.match_info["file_id"])
    if stored is None:
        raise UserError(404, "no such file")
    name = stored.file_name or stored.file_path.rsplit("/", 1)[-1]
    disposition = "attachment" if request.query.get("download") else "inline"
    quoted = quote(name.replace('"', ""), safe="")
    return web.Response(
        body=stored.data,
        content_type=stored.mime_type or "application/octet-stream",
        headers={"Content-Disposition": f"{disposition}; filename*=UTF-8''{quoted}"},
    )


@routes.post("/_emulator/reset")
async def reset(request: web.Request) -> web.Response:
    body = await read_body(request)
    keep_personas = bool(body.get("keep_personas", False))
    _world(request).reset(keep_personas=keep_personas)
    request.app[ZALO].reset(keep_personas=keep_personas)
    return _json({"reset": True})


@routes.get("/_emulator/stats")
async def stats(request: web.Request) -> web.Response:
    return _json(_world(request).stats.as_json())


@routes.get("/_emulator/log")
async def call_log(request: web.Request) -> web.Response:
    limit = optional_integer(request.query.get("limit"), "limit") or 1000
    log = list(_world(request).stats.log)
    return _json(log[-limit:])


@routes.get("/_emulator/updates")
async def pending_updates(request: web.Request) -> web.Response:
    return _json(_world(request).updates.pending)


@routes.route("*", "/_emulator/faults")
async def faults(request: web.Request) -> web.Response:
    world = _world(request)
    return _json(await settings(request, world.config.faults, world.faults.reseed))


@routes.route("*", "/_emulator/limits")
async def limits(request: web.Request) -> web.Response:
    world = _world(request)
    return _json(await settings(request, world.config.limits, world.flood.reset))


@routes.post("/_emulator/webapp")
async def open_web_app(request: web.Request) -> web.Response:
    """A Web App button's URL with the launch data Telegram adds: initData signed with the
    bot's token for that persona, the version and the page's theme."""
    world = _world(request)
    body = await read_body(request)
    persona = world.personas.get(integer(body.get("user_id"), "user_id"))
    url = str(body.get("url") or "")
    if persona is None or not url.startswith(("http://", "https://")):
        raise UserError(400, "give a persona's user_id and the button's http(s) url")
    if world.config.token is None:
        raise UserError(400, "the emulator signs Web App launches only when given its token")
    init_data = init_data_for(world.config.token, persona.user_json(), int(world.launch_clock()))
    theme = json.dumps(body.get("theme") or {}, separators=(",", ":"))
    fragment = urlencode({"tgWebAppData": init_data, "tgWebAppVersion": "8.0"})
    return _json({"url": f"{url}#{fragment}&{urlencode({'tgWebAppThemeParams': theme})}"})
