"""Zalo's bot platform front door: ``/zalo/bot<TOKEN>/<method>``, GET or POST, with the
parameters in the query string, a form (urlencoded or multipart) or a JSON object, as
Zalo's "call the API" page lists them.

Checks the token (only ``config.zalo_token``), finds the method (names are case-sensitive),
applies injected faults, runs it and wraps the answer: ``{"ok": true, "result": …}`` or
``{"ok": false, "error_code": N, "description": "…"}`` with N as the HTTP status too, but
for an idle getUpdates (``platform.idle_poll_http_status``, 200 by default).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from emulator.jsonhttp import json_response
from emulator.zalo.state import (
    INTERNAL,
    NOT_FOUND,
    QUOTA_EXCEEDED,
    TIMEOUT,
    UNAUTHORIZED,
    UNKNOWN_METHOD,
    WEBHOOK_ACTIVE,
    ZALO,
    ZaloError,
    ZaloWorld,
    bad_request,
)

log = logging.getLogger("emulator.zalo")
MAX_TEXT = 2000
DEFAULT_POLL_TIMEOUT = 30.0
MAX_POLL_TIMEOUT = 50.0
ACTIONS = ("typing", "upload_photo")
Method = Callable[[ZaloWorld, dict[str, Any]], Awaitable[Any]]
METHODS: dict[str, Method] = {}


def method(name: str) -> Callable[[Method], Method]:
    def register(handler: Method) -> Method:
        METHODS[name] = handler
        return handler

    return register


def _text(params: dict[str, Any], name: str, *, required: bool = True) -> str | None:
    value = params.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise bad_request(f"{name} is required" if value is None else f"{name} must be a string")
    return value


def _checked_text(value: str | None, name: str) -> str:
    if value is None or not 1 <= len(value) <= MAX_TEXT:
        raise bad_request(f"{name} must be 1-{MAX_TEXT} characters")
    return value


@method("getMe")
async def get_me(zalo: ZaloWorld, params: dict[str, Any]) -> Any:
    return zalo.bot_info()


@method("getUpdates")
async def get_updates(zalo: ZaloWorld, params: dict[str, Any]) -> Any:
    """One update, handed out once; 408 when nothing came within ``timeout`` seconds."""
    if zalo.webhook.url:
        raise WEBHOOK_ACTIVE
    raw = params.get("timeout", DEFAULT_POLL_TIMEOUT)
    try:
        timeout = min(max(float(raw), 0.0), MAX_POLL_TIMEOUT)
    except (TypeError, ValueError):
        raise bad_request("timeout must be a number of seconds") from None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if zalo.webhook.url:
            raise WEBHOOK_ACTIVE
        update = zalo.take_update()
        if update is not None:
            return update
        remaining = deadline - loop.time()
        if zalo.closing or remaining <= 0:
            raise TIMEOUT
        zalo.waiting_polls += 1
        try:
            await zalo.pulse.wait(remaining)
        finally:
            zalo.waiting_polls -= 1


@method("setWebhook")
async def set_webhook(zalo: ZaloWorld, params: dict[str, Any]) -> Any:
    url = _text(params, "url") or ""
    parts = urlsplit(url)
    schemes = ("http", "https") if zalo.platform.allow_http_webhook else ("https",)
    if parts.scheme not in schemes or not parts.netloc:
        raise bad_request(f"url must be an {' or '.join(schemes)} URL")
    secret = _text(params, "secret_token") or ""
    if not 8 <= len(secret) <= 256:
        raise bad_request("secret_token must be 8-256 characters")
    zalo.webhook.url = url
    zalo.webhook.secret_token = secret
    zalo.webhook.updated_at = zalo.now_ms()
    zalo.pulse.fire()  # a waiting getUpdates ends with 409, the sender starts delivering
    return zalo.webhook.info()


@method("deleteWebhook")
async def delete_webhook(zalo: ZaloWorld, params: dict[str, Any]) -> Any:
    zalo.webhook.url = ""
    zalo.webhook.secret_token = ""
    zalo.webhook.updated_at = zalo.now_ms()
    return zalo.webhook.info()


@method("getWebhookInfo")
async def get_webhook_info(zalo: ZaloWorld, params: dict[str, Any]) -> Any:
    if not zalo.webhook.url:  # measured on a live bot without a webhook (zalo-bot-mcp)
        raise NOT_FOUND
    return zalo.webhook.info()


@method("sendMessage")
async def send_message(zalo: ZaloWorld, params: dict[str, Any]) -> Any:
    text = _checked_text(_text(params, "text", required=False), "text")
    chat = zalo.sendable_chat(params.get("chat_id"))
    return zalo.bot_send(chat, "text", text)


@method("sendPhoto")
async def send_photo(zalo: ZaloWorld, params: dict[str, Any]) -> Any:
    photo = _text(params, "photo") or ""
    if urlsplit(photo).scheme not in ("http", "https"):
        raise bad_request("photo must be an http or https URL")
    caption = _text(params, "caption", required=False)
    if caption is not None:
        _checked_text(caption, "caption")
    chat = zalo.sendable_chat(params.get("chat_id"))
    return zalo.bot_send(chat, "photo", caption or "", photo=photo)


@method("sendSticker")
async def send_sticker(zalo: ZaloWorld, params: dict[str, Any]) -> Any:
    sticker = _text(params, "sticker") or ""
    if not sticker.strip():
        raise bad_request("sticker is required")
    chat = zalo.sendable_chat(params.get("chat_id"))
    return zalo.bot_send(chat, "sticker", "", sticker=sticker)


@method("sendChatAction")
async def send_chat_action(zalo: ZaloWorld, params: dict[str, Any]) -> Any:
    action = _text(params, "action")
    if action not in ACTIONS:
        raise bad_request(f"action must be one of {', '.join(ACTIONS)}")
    chat = zalo.sendable_chat(params.get("chat_id"))
    if not isinstance(chat, str):
        zalo.set_action(chat, action)
    return True


async def call_method(zalo: ZaloWorld, token: str, name: str, params: dict[str, Any]) -> Any:
    """Run one method with the token check, faults and counters; raises ``ZaloError``."""
    try:
        if token != zalo.config.zalo_token:
            raise UNAUTHORIZED
        handler = METHODS.get(name)
        if handler is None:  # Zalo's table: 400 is a wrong path or API name
            log.warning("Zalo method %s is not emulated", name)
            raise UNKNOWN_METHOD
        code = await zalo.faults.inject(name.lower(), zalo.stats)
        if code == 429:
            raise QUOTA_EXCEEDED
        if code == 500:
            raise INTERNAL
        result = await handler(zalo, params)
    except ZaloError as error:
        zalo.stats.count_call(name, error.code)
        raise
    zalo.stats.count_call(name, None)
    return result


FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


async def _params(request: web.Request) -> dict[str, Any]:
    """The query string, then the body: a form (a file part stays out: no method here
    takes an upload) or a JSON object (also when no content type says which)."""
    params: dict[str, Any] = dict(request.query)
    if not request.can_read_body:
        return params
    if request.content_type in FORMS:
        form = await request.post()
        params.update({k: v for k, v in form.items() if isinstance(v, str)})
        return params
    raw = await request.read()
    if not raw.strip():
        return params
    try:
        body = json.loads(raw)
    except ValueError:
        raise bad_request("the body must be JSON, a form or multipart") from None
    if not isinstance(body, dict):
        raise bad_request("the body must be a JSON object")
    params.update(body)
    return params


def _status(zalo: ZaloWorld, name: str, error: ZaloError) -> int:
    if name == "getUpdates" and error is TIMEOUT:
        return zalo.platform.idle_poll_http_status
    return error.code


async def handle_method(request: web.Request) -> web.Response:
    zalo = request.app[ZALO]
    name = request.match_info["method"]
    try:
        params = await _params(request)
        result = await call_method(zalo, request.match_info["token"], name, params)
    except ZaloError as error:
        return json_response(error.payload(), _status(zalo, name, error))
    except Exception:  # a bug in the emulator: say so in the log, answer as the platform would
        log.exception("Zalo method %s failed inside the emulator", name)
        return json_response(INTERNAL.payload(), 500)
    return json_response({"ok": True, "result": result})


async def handle_not_found(request: web.Request) -> web.Response:
    return json_response(UNKNOWN_METHOD.payload(), UNKNOWN_METHOD.code)


def add_routes(app: web.Application) -> None:
    app.router.add_route("*", "/zalo/bot{token}/{method}", handle_method)
    app.router.add_route("*", "/zalo/{tail:.*}", handle_not_found)
