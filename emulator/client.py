"""``UserClient``: drive the emulator's user API over HTTP (for tests and end-to-end runs).

::

    async with UserClient(base_url) as users:
        await users.create_persona("Lan", user_id=1001)
        sent = await users.start(1001)
        chat = await users.wait_for_message(1001, contains="Xin chào", after=sent)
        await users.press(1001, chat_message_id, data="menu:plans")
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

import aiohttp

JSON = dict[str, Any]


class EmulatorUserError(Exception):
    """The user API refused a request; ``status`` and ``message`` say why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class _UserApiClient:
    """An aiohttp session to the emulator's user API under ``PREFIX``."""

    PREFIX = "/_emulator"
    PERSONAS = "/personas"  # where a person blocks and unblocks the bot

    def __init__(self, base_url: str, session: aiohttp.ClientSession | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session
        self._own_session = session is None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None and self._own_session:
            await self._session.close()
        self._session = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        return self._session

    async def _answer(self, verb: str, path: str, **kwargs: Any) -> Any:
        url = f"{self.base_url}{self.PREFIX}{path}"
        async with self._http().request(verb, url, **kwargs) as resp:
            data = await resp.json()
            if resp.status >= 400:
                raise EmulatorUserError(resp.status, str(data.get("error", data)))
            return data

    async def _request(self, verb: str, path: str, **kwargs: Any) -> JSON:
        """A call answered with a JSON object."""
        result: JSON = await self._answer(verb, path, **kwargs)
        return result

    # the stand-in itself (each side under its own prefix)
    async def stats(self) -> JSON:
        return await self._request("GET", "/stats")

    async def log(self, limit: int = 200) -> list[JSON]:
        """The last calls the bot made, each with its method, chat and any refusal."""
        result: list[JSON] = await self._answer("GET", "/log", params={"limit": limit})
        return result

    async def reset(self, keep_personas: bool = False) -> None:
        await self._request("POST", "/reset", json={"keep_personas": keep_personas})

    async def set_faults(self, **faults: Any) -> JSON:
        return await self._request("POST", "/faults", json=faults)

    async def set_limits(self, **limits: Any) -> JSON:
        return await self._request("POST", "/limits", json=limits)

    # people and their chats, on either side
    async def personas(self) -> list[JSON]:
        result: list[JSON] = await self._answer("GET", "/personas")
        return result

    async def block(self, user_id: int | str) -> JSON:
        return await self._request("POST", f"{self.PERSONAS}/{user_id}/block")

    async def unblock(self, user_id: int | str) -> JSON:
        return await self._request("POST", f"{self.PERSONAS}/{user_id}/unblock")

    async def chat(self, chat_id: int | str, since: int | None = None, wait: float = 0) -> JSON:
        """The chat view; with ``since`` (a version), waiting up to ``wait`` seconds for a newer
        one. Zalo's is {messages: [{seq, message_id, from_bot, text, date, …}], version} and,
        with ``since``, holds only the messages after it."""
        query: dict[str, str] = {"wait": str(wait)}
        if since is not None:
            query["since"] = str(since)
        return await self._request("GET", f"/chats/{chat_id}", params=query)

    async def wait_for(
        self, chat_id: int | str, predicate: Callable[[JSON], bool], within: float = 10.0
    ) -> JSON:
        """Long-poll the chat until ``predicate(chat view)`` holds (TimeoutError after
        ``within`` seconds)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        view = await self.chat(chat_id)
        while not predicate(view):
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"chat {chat_id} never matched; last view: {view}")
            view = await self.chat(chat_id, since=view["version"], wait=min(remaining, 25))
        return view

    async def _first_message(
        self, chat_id: int | str, wanted: Callable[[JSON], bool], within: float
    ) -> JSON:
        """The first message of the chat that is ``wanted``, long-polling until one is."""
        found: list[JSON] = []

        def match(view: JSON) -> bool:
            found[:] = [m for m in view["messages"] if wanted(m)]
            return bool(found)

        await self.wait_for(chat_id, match, within)
        return found[0]


class UserClient(_UserApiClient):
    # personas and chats
    async def create_persona(
        self,
        first_name: str,
        user_id: int | None = None,
        last_name: str | None = None,
        username: str | None = None,
        *,
        started: bool = False,
    ) -> JSON:
        body = {
            "id": user_id,
            "first_name": first_name,
            "last_name": last_name,
            "username": username,
            "started": started,
        }
        return await self._request("POST", "/personas", json=body)

    async def create_group(self, title: str, members: list[int], chat_type: str = "group") -> JSON:
        body = {"title": title, "members": members, "type": chat_type}
        return await self._request("POST", "/chats", json=body)

    # acting as a user
    async def send(self, chat_id: int, text: str, from_id: int | None = None) -> JSON:
        """Write ``text``; returns {message, update_id, version}."""
        body = {"text": text, "from_id": from_id}
        return await self._request("POST", f"/chats/{chat_id}/messages", json=body)

    async def start(self, chat_id: int, payload: str = "") -> JSON:
        return await self._request("POST", f"/chats/{chat_id}/start", json={"payload": payload})

    async def press(
        self,
        chat_id: int,
        message_id: int,
        *,
        data: str | None = None,
        text: str | None = None,
        from_id: int | None = None,
        wait: float = 5.0,
    ) -> JSON:
        """Press an inline button by callback data or label; returns the bot's answer."""
        body = {
            "message_id": message_id,
            "data": data,
            "text": text,
            "from_id": from_id,
            "wait": wait,
        }
        return await self._request("POST", f"/chats/{chat_id}/press", json=body)

    # reading
    async def wait_for_message(
        self,
        chat_id: int,
        contains: str = "",
        *,
        after: JSON | None = None,
        from_bot: bool = True,
        within: float = 10.0,
    ) -> JSON:
        """The first message (newer than ``after``, a ``send`` result) containing ``contains``."""
        after_id = after["message"]["message_id"] if after else 0

        def wanted(m: JSON) -> bool:
            return (
                m["message_id"] > after_id and m["from_bot"] == from_bot and contains in m["text"]
            )

        return await self._first_message(chat_id, wanted, within)

    async def download(self, file_id: str) -> bytes:
        async with self._http().get(f"{self.base_url}/_emulator/files/{file_id}") as resp:
            if resp.status != 200:
                raise EmulatorUserError(resp.status, "no such file")
            return await resp.read()


class ZaloUserClient(_UserApiClient):
    """Drive the Zalo side of the emulator (``/_emulator/zalo/…``) as Zalo users.

    ::

        async with ZaloUserClient(base_url) as zalo:
            lan = await zalo.create_persona("Lan", id="9001")
            sent = await zalo.send("9001", "kehoach")
            reply = await zalo.wait_for_message("9001", "Gõ 1", after=sent)
    """

    PREFIX = "/_emulator/zalo"
    PERSONAS = "/chats"

    async def create_persona(self, display_name: str, id: str | None = None) -> JSON:
        """Create a Zalo user (or rename the one with ``id``); returns {id, display_name,
        blocked}."""
        body = {"display_name": display_name, "id": id}
        return await self._request("POST", "/personas", json=body)

    async def send(self, user_id: str, text: str) -> JSON:
        """The user writes ``text``; returns {event_name, message, seq}."""
        return await self._request("POST", f"/chats/{user_id}/messages", json={"text": text})

    async def send_event(self, user_id: str, event_name: str, **fields: str) -> JSON:
        """Another kind of message: ``message.sticker.received``, ``message.image.received``
        (``photo``, ``caption``), ``message.unsupported.received``."""
        return await self._request(
            "POST", f"/chats/{user_id}/events", json={"event_name": event_name, **fields}
        )

    async def wait_for_message(
        self,
        user_id: str,
        contains: str = "",
        *,
        after: JSON | None = None,
        within: float = 10.0,
    ) -> JSON:
        """The first bot message newer than ``after`` (a ``send`` result) containing
        ``contains``; TimeoutError after ``within`` seconds."""
        after_seq = int(after["seq"]) if after else 0

        def wanted(m: JSON) -> bool:
            return m["seq"] > after_seq and m["from_bot"] and contains in m["text"]

        return await self._first_message(user_id, wanted, within)

    async def bot(self) -> JSON:
        return await self._request("GET", "/bot")
