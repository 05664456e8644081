"""Logging set-up shared by every chibo process.

Libraries log the Bot API URL, and Telegram puts the token in the URL path
(``/bot<token>/sendMessage``). The formatter redacts every secret it is given from
the final line, exceptions and tracebacks included, whichever library wrote it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "<redacted>"


class RedactingFormatter(logging.Formatter):
    def __init__(self, secrets: Iterable[str], fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        # Longest first, so the whole token goes before its secret half.
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        for secret in self.secrets:
            line = line.replace(secret, REDACTED)
        return line


def token_secrets(token: str | None) -> list[str]:
    """The token and its part after the colon (which alone is enough to use it)."""
    if not token:
        return []
    return [token, token.partition(":")[2]]


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    logging.basicConfig(level=level, format=FORMAT, force=True)
    formatter = RedactingFormatter(secrets)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter)
    # aiohttp's access log would print every webhook call; chibo logs what matters itself.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
