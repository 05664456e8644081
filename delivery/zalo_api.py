"""A small client for Zalo's bot platform: ``{api_url}/bot<TOKEN>/<method>`` with JSON."""

from __future__ import annotations

from typing import Any

import aiohttp

# getUpdates holds the request open this long when nothing is new; the platform caps it at 50.
POLL_TIMEOUT = 30


class ZaloApiError(Exception):
    """The platform said no: ``code`` is its ``error_code`` (HTTP-like), 0 for network trouble."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description


class ZaloApi:
    def __init__(self, token: str, api_url: str, *, timeout: float = POLL_TIMEOUT + 15) -> None:
        self._base = f"{api_url.rstrip('/')}/bot{token}"
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._http: aiohttp.ClientSession | None = None

    def _session(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession(timeout=self._timeout)
        return self._http

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()

    async def call(self, method: str, **params: Any) -> Any:
        try:
            async with self._session().post(f"{self._base}/{method}", json=params) as resp:
                try:
                    body = await resp.json(content_type=None)
                except ValueError:
                    body = None
                status = resp.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ZaloApiError(0, f"{type(exc).__name__}: {exc}") from exc
        if isinstance(body, dict) and body.get("ok"):
            return body.get("result")
        if isinstance(body, dict):
            code = int(body.get("error_code") or status)
            raise ZaloApiError(code, str(body.get("description", "")))
        raise ZaloApiError(status, f"HTTP {status}")

    async def get_me(self) -> dict[str, Any]:
        result: dict[str, Any] = await self.call("getMe")
        return result

    async def get_update(self, wait: int = POLL_TIMEOUT) -> dict[str, Any] | None:
        """The next update, or None when nothing came within ``wait`` seconds (408)."""
        try:
            result: dict[str, Any] = await self.call("getUpdates", timeout=wait)
        except ZaloApiError as exc:
            if exc.code == 408:
                return None
            raise
        return result

    async def send_message(self, chat_id: str, text: str) -> dict[str, Any]:
        result: dict[str, Any] = await self.call("sendMessage", chat_id=chat_id, text=text)
        return result

    async def set_webhook(self, url: str, secret_token: str) -> None:
        await self.call("setWebhook", url=url, secret_token=secret_token)

    async def delete_webhook(self) -> None:
        await self.call("deleteWebhook")
