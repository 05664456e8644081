"""Helpers for the Zalo stand-in's tests: a caller of ``/zalo/bot<TOKEN>/<method>``."""

from __future__ import annotations

from typing import Any

import aiohttp

from emulator.config import DEFAULT_ZALO_TOKEN

LAN = "8001"


class ZaloApi:
    """Calls ``{base}/zalo/bot<token>/<method>`` with a JSON body; (HTTP status, body)."""

    def __init__(
        self, session: aiohttp.ClientSession, base_url: str, token: str = DEFAULT_ZALO_TOKEN
    ) -> None:
        self.session = session
        self.api_url = f"{base_url}/zalo"
        self.token = token

    def url(self, method: str) -> str:
        return f"{self.api_url}/bot{self.token}/{method}"

    async def __call__(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        async with self.session.post(self.url(method), json=params) as resp:
            return resp.status, await resp.json()

    async def ok(self, method: str, **params: Any) -> Any:
        status, body = await self(method, **params)
        assert status == 200 and body["ok"] is True, body
        return body["result"]

    async def error(self, method: str, **params: Any) -> tuple[int, str]:
        """(error_code, description) of a refusal whose HTTP status is its error_code."""
        status, body = await self(method, **params)
        assert body["ok"] is False, body
        assert body["error_code"] == status
        assert set(body) == {"ok", "error_code", "description"}
        return status, body["description"]

    async def idle(self, **params: Any) -> tuple[int, dict[str, Any]]:
        """An idle getUpdates: (HTTP status, body)."""
        return await self("getUpdates", **params)
