"""Zalo webhook delivery: POST each user message once to the URL the bot set.

The body is ``{"ok": true, "result": <update>}`` with the ``X-Bot-Api-Secret-Token`` header;
a failed delivery (non-2xx, no connection) is recorded and not retried: at most once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

import aiohttp

from emulator.zalo.state import JSON, ZaloWorld

log = logging.getLogger("emulator.zalo.webhook")
SECRET_HEADER = "X-Bot-Api-Secret-Token"
IDLE_WAIT = 5.0
DELIVERY_TIMEOUT = 30.0


class ZaloWebhookSender:
    def __init__(self, zalo: ZaloWorld) -> None:
        self.zalo = zalo
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=DELIVERY_TIMEOUT))
        self._task = asyncio.create_task(self._run(), name="emulator-zalo-webhook")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._session is not None:
            await self._session.close()

    async def _run(self) -> None:
        while True:
            zalo = self.zalo
            webhook = zalo.webhook
            if not webhook.url or not zalo.pending:
                await zalo.pulse.wait(IDLE_WAIT)
                continue
            update = zalo.pending.popleft()
            error = await self._post(webhook.url, webhook.secret_token, update)
            if error is None:
                zalo.stats.webhook_delivered += 1
                continue
            zalo.stats.webhook_failed += 1
            webhook.last_error = error
            webhook.last_error_at = zalo.now_ms()
            log.info("Zalo webhook delivery failed (not retried): %s", error)

    async def _post(self, url: str, secret: str, update: JSON) -> str | None:
        assert self._session is not None
        headers = {"Content-Type": "application/json", SECRET_HEADER: secret}
        body = json.dumps({"ok": True, "result": update}, ensure_ascii=False).encode("utf-8")
        try:
            async with self._session.post(url, data=body, headers=headers) as resp:
                await resp.read()
                if resp.status // 100 != 2:
                    return f"Wrong response from the webhook: {resp.status} {resp.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            return f"Connection failed: {type(exc).__name__}"
        return None
