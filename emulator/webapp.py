"""Telegram's Mini App launch data, signed as Telegram signs it, for the chat page's panel.

https://core.telegram.org/bots/webapps#validating-data-received-via-the-web-app
"""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import urlencode


def sign_init_data(token: str, fields: dict[str, str]) -> str:
    """``fields`` as a query string with the ``hash`` Telegram would add for ``token``."""
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    signature = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": signature})


def init_data_for(token: str, user: dict[str, object], auth_date: int) -> str:
    return sign_init_data(
        token,
        {
            "auth_date": str(auth_date),
            "query_id": f"emulator-{user['id']}-{auth_date}",
            "user": json.dumps(user, ensure_ascii=False, separators=(",", ":")),
        },
    )
