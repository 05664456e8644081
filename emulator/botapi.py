"""The Bot API front door: ``/bot<token>/<method>`` and ``/file/bot<token>/<path>``.

Checks the token as Telegram does, finds the method (names are case-insensitive), applies
injected faults, runs the handler and wraps the answer in Telegram's envelope.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from emulator import api_bot, api_messages  # noqa: F401  (they register the methods)
from emulator.errors import ApiError, internal_error, not_found, too_many_requests
from emulator.jsonhttp import json_response
from emulator.params import Params, read_params
from emulator.registry import METHODS, Call, Described
from emulator.world import WORLD, World

log = logging.getLogger("emulator.botapi")
MAX_BOT_ID = 1 << 54


def check_token(world: World, token: str) -> int:
    """The bot id in ``token``, or Telegram's 401 for a token it would not accept."""
    bot_part, _, secret = token.partition(":")
    if not token or token[0] == "0" or len(token) > 80 or not secret:
        raise ApiError(401, "Unauthorized: invalid token specified")
    try:
        bot_id = int(bot_part)
    except ValueError:
        raise ApiError(401, "Unauthorized: invalid token specified") from None
    if not 0 < bot_id < MAX_BOT_ID:
        raise ApiError(401, "Unauthorized: invalid token specified")
    expected = world.config.token
    if expected is not None and token != expected:
        raise ApiError(401, "Unauthorized")
    return bot_id


async def call_method(world: World, token: str, name: str, params: Params) -> Any:
    """Run one Bot API method with faults and counters; raises ``ApiError``."""
    key = name.lower()
    chat_id = params.raw("chat_id")
    try:
        world.bot_id = check_token(world, token)
        handler = METHODS.get(key)
        if handler is None:
            log.warning("Bot API method %s is not emulated", name)
            raise not_found()
        code = await world.faults.inject(key, world.stats)
        if code == 429:
            raise too_many_requests(world.config.faults.retry_after)
        if code == 500:
            raise internal_error()
        result = await handler(Call(world, params, token, key))
    except ApiError as error:
        world.stats.record(name, chat_id, error)
        raise
    world.stats.record(name, chat_id, None)
    return result


async def handle_method(request: web.Request) -> web.Response:
    world = request.app[WORLD]
    token = request.match_info["token"]
    name = request.match_info["method"]
    try:
        try:
            params = await read_params(request)
        except web.HTTPRequestEntityTooLarge:
            raise ApiError(413, "Request Entity Too Large") from None
        result = await call_method(world, token, name, params)
    except ApiError as error:
        return json_response(error.payload(), error.code)
    except Exception:  # a bug in the emulator: say so in the log, answer as Telegram would
        log.exception("Bot API method %s failed inside the emulator", name)
        return json_response(internal_error().payload(), 500)
    body: dict[str, Any] = {"ok": True, "result": result}
    if isinstance(result, Described):
        body = {"ok": True, "result": result.result, "description": result.description}
    return json_response(body)


async def handle_download(request: web.Request) -> web.Response:
    world = request.app[WORLD]
    try:
        check_token(world, request.match_info["token"])
    except ApiError as error:
        return json_response(error.payload(), error.code)
    stored = world.files_by_path.get(request.match_info["path"])
    if stored is None:
        return json_response(not_found().payload(), 404)
    return web.Response(
        body=stored.data, content_type=stored.mime_type or "application/octet-stream"
    )


async def handle_not_found(request: web.Request) -> web.Response:
    return json_response(not_found().payload(), 404)


def add_routes(app: web.Application) -> None:
    app.router.add_route("*", "/bot{token}/{method}", handle_method)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_download)
    app.router.add_route("*", "/bot{tail:.*}", handle_not_found)
