"""The people's side of the Zalo stand-in: JSON routes under ``/_emulator/zalo/``.

Errors answer ``{"error": "<what is wrong>"}`` with a 4xx status (the emulator's
``json_errors`` middleware turns ``UserError`` into that).
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from emulator.jsonhttp import MAX_WAIT, read_body, required_text, settings
from emulator.world import UserError
from emulator.zalo.state import TEXT_EVENT, ZALO, ZaloWorld

routes = web.RouteTableDef()


def _zalo(request: web.Request) -> ZaloWorld:
    return request.app[ZALO]


def _optional_str(value: Any, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise UserError(400, f"{name} must be a string")
    return str(value)


@routes.get("/_emulator/zalo/bot")
async def bot_info(request: web.Request) -> web.Response:
    zalo = _zalo(request)
    webhook = zalo.webhook
    return web.json_response(
        {
            **zalo.bot_info(),
            "webhook": {
                **webhook.info(),
                "last_error": webhook.last_error,
                "last_error_at": webhook.last_error_at,
            },
            "pending_updates": len(zalo.pending),
        }
    )


@routes.get("/_emulator/zalo/personas")
async def list_personas(request: web.Request) -> web.Response:
    return web.json_response([p.public() for p in _zalo(request).personas.values()])


@routes.post("/_emulator/zalo/personas")
async def create_persona(request: web.Request) -> web.Response:
    body = await read_body(request)
    name = required_text(body, "display_name")
    protected = body.get("protected")
    if protected is not None and not isinstance(protected, bool):
        raise UserError(400, "protected must be true or false")
    persona = _zalo(request).add_persona(
        name, _optional_str(body.get("id"), "id"), protected=protected
    )
    return web.json_response(persona.public(), status=201)


@routes.get("/_emulator/zalo/personas/{user_id}")
async def get_persona(request: web.Request) -> web.Response:
    return web.json_response(_zalo(request).persona(request.match_info["user_id"]).public())


@routes.post("/_emulator/zalo/chats/{user_id}/messages")
async def send_text(request: web.Request) -> web.Response:
    body = await read_body(request)
    text = required_text(body, "text")
    group_id = _optional_str(body.get("group_id"), "group_id")
    sent = _zalo(request).user_event(
        request.match_info["user_id"], TEXT_EVENT, text, group_id=group_id
    )
    return web.json_response(sent, status=201)


@routes.post("/_emulator/zalo/chats/{user_id}/events")
async def send_event(request: web.Request) -> web.Response:
    body = await read_body(request)
    event_name = required_text(body, "event_name")
    extra = {
        key: value
        for key in ("photo", "caption", "sticker")
        if isinstance(value := body.get(key), str)
    }
    text = body.get("text") if isinstance(body.get("text"), str) else None
    sent = _zalo(request).user_event(request.match_info["user_id"], event_name, text, **extra)
    return web.json_response(sent, status=201)


@routes.get("/_emulator/zalo/chats/{user_id}")
async def get_chat(request: web.Request) -> web.Response:
    """Messages after ``since`` (a version; all when left out), waiting up to ``wait``
    seconds for a change (a new message, blocking, typing)."""
    zalo = _zalo(request)
    chat = zalo.chat(request.match_info["user_id"])
    try:
        since = int(request.query["since"]) if request.query.get("since") else None
        wait = min(max(float(request.query.get("wait", 0)), 0.0), MAX_WAIT)
    except ValueError:
        raise UserError(400, "since must be an integer and wait a number of seconds") from None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    seen = chat.changes
    while since is not None and chat.version <= since and chat.changes == seen:
        if zalo.closing:
            break
        remaining = deadline - loop.time()
        if remaining <= 0:
            break
        zalo.waiting_reads += 1
        try:
            woken = await zalo.changed.wait(remaining)
        finally:
            zalo.waiting_reads -= 1
        if not woken:
            break
        if zalo.chats.get(chat.persona.id) is not chat:  # reset meanwhile
            break
    return web.json_response(chat.view(since, zalo.clock()))


@routes.post("/_emulator/zalo/chats/{user_id}/block")
async def block(request: web.Request) -> web.Response:
    return web.json_response(
        _zalo(request).set_blocked(request.match_info["user_id"], True).public()
    )


@routes.post("/_emulator/zalo/chats/{user_id}/unblock")
async def unblock(request: web.Request) -> web.Response:
    persona = _zalo(request).set_blocked(request.match_info["user_id"], False)
    return web.json_response(persona.public())


@routes.get("/_emulator/zalo/stats")
async def stats(request: web.Request) -> web.Response:
    return web.json_response(_zalo(request).stats.as_json())


@routes.get("/_emulator/zalo/updates")
async def pending_updates(request: web.Request) -> web.Response:
    return web.json_response(list(_zalo(request).pending))


@routes.post("/_emulator/zalo/reset")
async def reset(request: web.Request) -> web.Response:
    body = await read_body(request)
    _zalo(request).reset(keep_personas=bool(body.get("keep_personas", False)))
    return web.json_response({"reset": True})


@routes.route("*", "/_emulator/zalo/limits")
async def limits(request: web.Request) -> web.Response:
    zalo = _zalo(request)
    return web.json_response(await settings(request, zalo.config.zalo_limits, zalo.quota.reset))


@routes.get("/_emulator/zalo/groups/{group_id}")
async def get_group(request: web.Request) -> web.Response:
    """What the bot sent to a group chat (the stand-in keeps no members' side of it)."""
    group_id = request.match_info["group_id"]
    sent = _zalo(request).groups.get(group_id)
    if sent is None:
        raise UserError(404, f"no Zalo group {group_id}")
    return web.json_response({"group_id": group_id, "messages": sent})


@routes.route("*", "/_emulator/zalo/platform")
async def platform(request: web.Request) -> web.Response:
    return web.json_response(await settings(request, _zalo(request).platform, lambda: None))


@routes.route("*", "/_emulator/zalo/faults")
async def faults(request: web.Request) -> web.Response:
    zalo = _zalo(request)
    return web.json_response(await settings(request, zalo.config.zalo_faults, zalo.faults.reseed))
