"""A local stand-in for the Telegram Bot API, with a browser chat page to play the users.

It also serves Zalo's bot platform under ``/zalo`` (``{base_url}/zalo/bot<token>/<method>``)
with its own user API under ``/_emulator/zalo/``: see ``emulator/zalo/README.md``.

Nothing of the product is imported here: the bot talks to this server over HTTP exactly as
it talks to ``api.telegram.org`` (aiogram: ``TelegramAPIServer.from_base(base_url)``;
python-telegram-bot: ``base_url=f"{url}/bot"``, ``base_file_url=f"{url}/file/bot"``).

Running it
----------
``python -m emulator --host 127.0.0.1 --port 8081`` (``--help`` lists the limits and
faults), or inside an event loop::

    from emulator import Emulator, EmulatorConfig

    emu = Emulator(EmulatorConfig(bot_username="chibo_local_bot"))
    base_url = await emu.start("127.0.0.1", 8081)   # port 0 picks a free port
    emu.add_persona(1001, "Lan", "Nguyễn", "lan")
    ...
    await emu.stop()

``create_app(config)`` gives the bare ``aiohttp.web.Application``; ``Emulator`` is also an
async context manager (``async with Emulator() as emu: emu.base_url``), which is the way to
run it in-process in tests. ``emulator.client.UserClient`` drives the user API over HTTP.

Bot API (``/bot<token>/<method>``, GET or POST: JSON, urlencoded or multipart)
------------------------------------------------------------------------------
getMe, getUpdates (offset, limit, timeout: real long polling; allowed_updates), setWebhook,
deleteWebhook, getWebhookInfo, sendMessage, sendDocument, sendPhoto, editMessageText,
editMessageCaption, editMessageReplyMarkup, editMessageMedia, deleteMessage,
deleteMessages, answerCallbackQuery, sendChatAction, setMyCommands, getMyCommands,
deleteMyCommands, set/getMyName, set/getMyDescription, set/getMyShortDescription,
setChatMenuButton, getChatMenuButton, getChat, getChatMember, getChatMemberCount,
pinChatMessage, unpinChatMessage, getFile, logOut, close. Files download from
``/file/bot<token>/<file_path>``. Any other method answers 404 "Not Found" (and is logged).

Enforced as Telegram does, with Telegram's wording: empty text, text over 4096 UTF-16 code
units after entity parsing, captions over 1024, malformed HTML ("can't parse
entities: …"; chibo sends HTML only, so Markdown and MarkdownV2 answer "unsupported
parse_mode"), callback_data over 64 bytes (BUTTON_DATA_INVALID), chat not
found (a persona who never started the bot), bot blocked by the user (403), flood control
(429 "Too Many Requests: retry after N" with ``parameters.retry_after``), malformed tokens
(401), "message is not modified", "message to edit/delete not found", stale callback
queries, getUpdates while a webhook is set or from a second poller (409).

User API (JSON; errors are ``{"error": "…"}`` with a 4xx status)
-----------------------------------------------------------------
GET  /_emulator/bot                         the bot: id, username, commands, webhook, config
GET  /_emulator/personas                    every persona
POST /_emulator/personas                    {id?, first_name, last_name?, username?,
                                            language_code?, started?} → the persona (201);
                                            an existing id is updated
GET  /_emulator/personas/{user_id}          one persona
POST /_emulator/personas/{user_id}/block    the persona blocks the bot (bot gets 403)
POST /_emulator/personas/{user_id}/unblock  and unblocks it
GET  /_emulator/chats                       every chat with its version and message count
POST /_emulator/chats                       {title, type: group|supergroup, members: [ids],
                                            id?} → a group the bot is in (201)
GET  /_emulator/chats/{chat_id}             {chat, exists, version, blocked, messages: [
                                            {message_id, date, from_bot, from, kind, text,
                                            entities, html, parse_mode, source, reply_markup,
                                            edited, edit_date, reply_to_message_id,
                                            document, photo}], reply_keyboard, action};
                                            ``?since=<version>&wait=<s>`` long-polls for a
                                            newer version (the chat page does this). A
                                            private chat's id is the persona's user id.
POST /_emulator/chats/{chat_id}/messages    {text, from_id?, reply_to_message_id?}: a user
                                            writes (commands get bot_command entities)
                                            → {message, update_id, version} (201)
POST /_emulator/chats/{chat_id}/start       {payload?}: "/start <payload>", a deep link
POST /_emulator/chats/{chat_id}/press       {message_id, data | text, from_id?, wait?}:
                                            press an inline button (by callback data or
                                            label) → {button, callback_query_id, answer:
                                            {answered, text, show_alert, url}}; waits up to
                                            ``wait`` s (default 5) for answerCallbackQuery
GET  /_emulator/files/{file_id}             a file the bot sent (``?download=1``: attachment)
POST /_emulator/reset                       {keep_personas?}: forget everything
GET  /_emulator/stats                       counters: sent_total, sent_per_chat,
                                            edited_per_chat, deleted_per_chat,
                                            calls_per_method, errors_per_code,
                                            too_many_requests, flood_429, injected_429,
                                            injected_500, slowed
GET  /_emulator/log?limit=N                 the last Bot API calls with their outcome
GET  /_emulator/updates                     updates not yet confirmed by the bot
GET|POST /_emulator/faults                  {share_429, share_500, share_slow, slow_seconds,
                                            retry_after, methods, seed}
GET|POST /_emulator/limits                  {global_rate, chat_rate, chat_burst,
                                            group_rate_per_minute, group_burst}
GET  /                                      the chat page (static/index.html)
"""

from emulator.config import EmulatorConfig, Faults, RateLimits
from emulator.server import Emulator, create_app

__all__ = ["Emulator", "EmulatorConfig", "Faults", "RateLimits", "create_app"]
