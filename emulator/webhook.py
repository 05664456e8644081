"""Webhook delivery: POST each pending update, in order, to the URL the bot set.

Sends the ``X-Telegram-Bot-Api-Secret-Token`` header when the bot gave a secret, retries
after a failure (recording ``last_error_date``/``last_error_message`` for getWebhookInfo),
and runs a Bot API method the bot may put in its answer, as Telegram does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

import aiohttp

from emulator.errors import ApiError
from emulator.params import Params, Upload
from emulator.world import World

log = logging.getLogger("emulator.webhook")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
IDLE_WAIT = 5.0
DELIVERY_TIMEOUT = 60.0


class DeliveryLoop:
    """A task that POSTs updates as JSON over one HTTP session until it is stopped.

    A subclass's ``_run`` picks what to send; ``_read_answer`` reads a 2xx answer.
    """

    def __init__(self, task_name: str, timeout: float) -> None:
        self._task_name = task_name
        self._timeout = timeout
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._stopping = False

    def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self._timeout))
        self._task = asyncio.create_task(self._run(), name=self._task_name)

    async def stop(self) -> None:
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._session is not None:
            await self._session.close()

    async def _run(self) -> None:
        raise NotImplementedError

    async def _read_answer(self, resp: aiohttp.ClientResponse) -> Any:
        return await resp.read()

    async def _post(self, url: str, body: Any, headers: dict[str, str]) -> tuple[str | None, Any]:
        """(the error to record, or None; what ``_read_answer`` made of the answer)."""
        assert self._session is not None
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", **headers}
        try:
            async with self._session.post(url, data=data, headers=headers) as resp:
                if resp.status // 100 != 2:
                    return f"Wrong response from the webhook: {resp.status} {resp.reason}", None
                return None, await self._read_answer(resp)
        except (aiohttp.ClientError, TimeoutError) as exc:
            return f"Connection failed: {type(exc).__name__}", None


class WebhookSender(DeliveryLoop):
    def __init__(self, world: World) -> None:
        super().__init__("emulator-webhook", DELIVERY_TIMEOUT)
        self.world = world

    async def _run(self) -> None:
        while not self._stopping:
            queue = self.world.updates
            webhook = queue.webhook
            if not webhook.url or not queue.pending:
                await queue.pulse.wait(IDLE_WAIT)
                continue
            update, token = queue.pending[0], webhook.token
            headers = {SECRET_HEADER: webhook.secret_token} if webhook.secret_token else {}
            error, reply = await self._post(webhook.url, update, headers)
            if reply is not None:
                await self._run_reply(token, reply)
            if queue is not self.world.updates:
                continue  # reset meanwhile
            if error is None:
                if queue.pending and queue.pending[0] is update:
                    queue.pending.pop(0)
                continue
            webhook.last_error_date = self.world.now()
            webhook.last_error_message = error
            log.info("webhook delivery failed: %s", error)
            await asyncio.sleep(self.world.config.webhook_retry_seconds)

    async def _read_answer(self, resp: aiohttp.ClientResponse) -> Params | None:
        return await _reply_params(resp)

    async def _run_reply(self, token: str, params: Params) -> None:
        from emulator.botapi import call_method

        name = params.text("method")
        if not name:
            return
        with contextlib.suppress(ApiError):  # Telegram drops errors of webhook answers
            await call_method(self.world, token, name, params)


async def _reply_params(resp: aiohttp.ClientResponse) -> Params | None:
    """A Bot API call the bot answered the webhook with, if any."""
    content_type = resp.content_type
    if content_type == "application/json":
        with contextlib.suppress(ValueError):
            data = await resp.json(content_type=None)
            if isinstance(data, dict) and "method" in data:
                return Params(data)
        return None
    if content_type == "multipart/form-data":
        values: dict[str, Any] = {}
        files: dict[str, Upload] = {}
        reader = aiohttp.MultipartReader(resp.headers, resp.content)
        while True:
            part = await reader.next()
            if part is None:
                break
            if not isinstance(part, aiohttp.BodyPartReader) or not part.name:
                continue
            if part.filename:
                data = await part.read(decode=True)
                files[part.name] = Upload(
                    bytes(data), part.filename, part.headers.get("Content-Type")
                )
            else:
                values[part.name] = await part.text()
        return Params(values, files) if "method" in values else None
    return None
