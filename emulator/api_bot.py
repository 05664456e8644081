"""Bot API methods about the bot itself: identity, updates and webhooks, commands, chats, files."""

from __future__ import annotations

import json
import re
from typing import Any

from emulator.errors import (
    OTHER_GET_UPDATES,
    TERMINATED_BY_SET_WEBHOOK,
    WEBHOOK_ACTIVE,
    bad_request,
    conflict,
)
from emulator.models import JSON
from emulator.registry import Call, Described, method

MAX_POLL_TIMEOUT = 50
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@method("getMe")
async def get_me(call: Call) -> JSON:
    return {
        **call.world.bot_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@method("logOut", "close")
async def log_out(call: Call) -> bool:
    return True


@method("getUpdates")
async def get_updates(call: Call) -> list[JSON]:
    """Long polling: wait up to ``timeout`` seconds for an update with id >= ``offset``."""
    queue = call.world.updates
    params = call.params
    if queue.webhook.url:
        raise conflict(WEBHOOK_ACTIVE)
    offset = params.integer("offset", 0) or 0
    limit = min(max(params.integer("limit", 100) or 100, 1), 100)
    timeout = min(max(params.number("timeout", 0), 0), MAX_POLL_TIMEOUT)
    allowed = params.structure("allowed_updates")
    if isinstance(allowed, list):
        queue.set_allowed([str(kind) for kind in allowed])
    queue.confirm(offset)
    generation = queue.begin_poll()
    clock = call.world.clock
    deadline = clock() + timeout
    while True:
        if queue is not call.world.updates or call.world.closing:  # reset or stopping
            return []
        if queue.webhook.url:
            raise conflict(TERMINATED_BY_SET_WEBHOOK)
        if queue.poll_generation != generation:
            raise conflict(OTHER_GET_UPDATES)
        updates = queue.take(offset, limit)
        remaining = deadline - clock()
        if updates or remaining <= 0:
            return updates
        await queue.pulse.wait(remaining)


@method("setWebhook")
async def set_webhook(call: Call) -> Described:
    params = call.params
    url = (params.text("url") or "").strip()
    queue = call.world.updates
    if not url:
        return _remove_webhook(call)
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.text("secret_token")
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    allowed = params.structure("allowed_updates")
    webhook = queue.webhook
    webhook.url = url
    webhook.secret_token = secret or None
    webhook.token = call.token
    webhook.max_connections = params.integer("max_connections", 40) or 40
    if isinstance(allowed, list):
        webhook.allowed_updates = [str(kind) for kind in allowed]
        queue.set_allowed(webhook.allowed_updates)
    if params.flag("drop_pending_updates"):
        queue.clear()
    queue.begin_poll()
    return Described(True, "Webhook was set")


@method("deleteWebhook")
async def delete_webhook(call: Call) -> Described:
    return _remove_webhook(call)


def _remove_webhook(call: Call) -> Described:
    queue = call.world.updates
    had = bool(queue.webhook.url)
    queue.webhook.url = ""
    queue.webhook.secret_token = None
    if call.params.flag("drop_pending_updates"):
        queue.clear()
    queue.pulse.fire()
    return Described(True, "Webhook was deleted" if had else "Webhook is already deleted")


@method("getWebhookInfo")
async def get_webhook_info(call: Call) -> JSON:
    queue = call.world.updates
    return queue.webhook.info_json(len(queue.pending))


def _commands_key(call: Call) -> str:
    scope = call.params.structure("scope") or {"type": "default"}
    language = call.params.text("language_code") or ""
    return json.dumps([scope, language], sort_keys=True)


@method("setMyCommands")
async def set_my_commands(call: Call) -> bool:
    commands = call.params.structure("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    clean: list[JSON] = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        name = str(item.get("command", "")).lstrip("/")
        description = str(item.get("description", ""))
        if not _COMMAND.match(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("command description must be non-empty")
        clean.append({"command": name, "description": description})
    call.world.commands[_commands_key(call)] = clean
    return True


@method("getMyCommands")
async def get_my_commands(call: Call) -> list[JSON]:
    return call.world.commands.get(_commands_key(call), [])


@method("deleteMyCommands")
async def delete_my_commands(call: Call) -> bool:
    call.world.commands.pop(_commands_key(call), None)
    return True


def _bot_text(name: str, limit: int) -> tuple[Any, Any]:
    async def setter(call: Call) -> bool:
        value = call.params.text(name) or ""
        if len(value) > limit:
            raise bad_request(f"{name} is too long")
        language = call.params.text("language_code") or ""
        call.world.bot_texts[f"{name}:{language}"] = value
        return True

    async def getter(call: Call) -> JSON:
        language = call.params.text("language_code") or ""
        texts = call.world.bot_texts
        value = texts.get(f"{name}:{language}", texts.get(f"{name}:", ""))
        if name == "name" and not value:
            value = call.world.config.bot_first_name
        return {name: value}

    return setter, getter


for _name, _limit in (("name", 64), ("description", 512), ("short_description", 120)):
    _setter, _getter = _bot_text(_name, _limit)
    _title = "".join(part.title() for part in _name.split("_"))
    method(f"setMy{_title}")(_setter)
    method(f"getMy{_title}")(_getter)


@method("setChatMenuButton")
async def set_chat_menu_button(call: Call) -> bool:
    button = call.params.structure("menu_button") or {"type": "default"}
    if not isinstance(button, dict) or "type" not in button:
        raise bad_request("can't parse menu button JSON object")
    call.world.menu_buttons[call.params.text("chat_id") or ""] = button
    return True


@method("getChatMenuButton")
async def get_chat_menu_button(call: Call) -> JSON:
    buttons = call.world.menu_buttons
    key = call.params.text("chat_id") or ""
    return buttons.get(key) or buttons.get("") or {"type": "commands"}


@method("getChat")
async def get_chat(call: Call) -> JSON:
    chat = call.world.resolve_chat(call.params.raw("chat_id"), sending=False)
    return chat.full_info_json()


@method("getChatMember")
async def get_chat_member(call: Call) -> JSON:
    world = call.world
    chat = world.resolve_chat(call.params.raw("chat_id"), sending=False)
    user_id = call.params.integer("user_id")
    if user_id == world.bot_id:
        return {"status": "member", "user": world.bot_user()}
    persona = world.personas.get(user_id or 0)
    if persona is None:
        raise bad_request("PARTICIPANT_ID_INVALID")
    if persona.id not in chat.members:
        return {"status": "left", "user": persona.user_json()}
    if chat.is_group and chat.members[0] == persona.id:
        return {"status": "creator", "user": persona.user_json(), "is_anonymous": False}
    return {"status": "member", "user": persona.user_json()}


@method("getChatMemberCount", "getChatMembersCount")
async def get_chat_member_count(call: Call) -> int:
    chat = call.world.resolve_chat(call.params.raw("chat_id"), sending=False)
    return len(chat.members) + 1


@method("getFile")
async def get_file(call: Call) -> JSON:
    stored = call.world.files.get(call.params.text("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    return stored.file_json()
