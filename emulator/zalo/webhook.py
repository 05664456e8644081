"""Zalo webhook delivery: POST each user message once to the URL the bot set.

The body is ``{"ok": true, "result": <update>}`` with the ``X-Bot-Api-Secret-Token`` header;
a failed delivery (non-2xx, no connection) is recorded and not retried: at most once.
"""

from __future__ import annotations

import logging

from emulator.webhook import DeliveryLoop
from emulator.zalo.state import ZaloWorld

log = logging.getLogger("emulator.zalo.webhook")
SECRET_HEADER = "X-Bot-Api-Secret-Token"
IDLE_WAIT = 5.0
DELIVERY_TIMEOUT = 30.0


class ZaloWebhookSender(DeliveryLoop):
    def __init__(self, zalo: ZaloWorld) -> None:
        super().__init__("emulator-zalo-webhook", DELIVERY_TIMEOUT)
        self.zalo = zalo

    async def _run(self) -> None:
        while not self._stopping:
            zalo = self.zalo
            webhook = zalo.webhook
            if not webhook.url or not zalo.pending:
                await zalo.pulse.wait(IDLE_WAIT)
                continue
            update = zalo.pending.popleft()
            body = {"ok": True, "result": update}
            error, _ = await self._post(webhook.url, body, {SECRET_HEADER: webhook.secret_token})
            if error is None:
                zalo.stats.webhook_delivered += 1
                continue
            zalo.stats.webhook_failed += 1
            webhook.last_error = error
            webhook.last_error_at = zalo.now_ms()
            log.info("Zalo webhook delivery failed (not retried): %s", error)
