"""One-time links to a rendered file, for channels that cannot carry files (Zalo)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import DomainError
from storage.models import DownloadToken

DOWNLOAD_LIFETIME = timedelta(days=3)
# The document of a one-time link that opens the web view (for Zalo, without Mini Apps).
WEBVIEW_LINK: dict[str, Any] = {"export": "webview"}
# The document of a member's own data (``domain.personal_data.my_data``).
MY_DATA_EXPORT = "my-data"


async def issue_download(
    session: AsyncSession, member_id: int, document: dict[str, Any], now: datetime
) -> str:
    """A token that fetches ``document`` once, within a few days, for ``member_id``."""
    token = secrets.token_urlsafe(24)
    session.add(
        DownloadToken(
            token=token,
            member_id=member_id,
            document=document,
            expires_at=now + DOWNLOAD_LIFETIME,
            created_at=now,
        )
    )
    await session.flush()
    return token


async def redeem_download(
    session: AsyncSession, token: str, now: datetime
) -> tuple[int, dict[str, Any]]:
    """Whose and which document ``token`` names; the token is used up.

    Unknown, used or expired tokens are refused.
    """
    used = await session.execute(
        update(DownloadToken)
        .where(
            DownloadToken.token == token,
            DownloadToken.used_at.is_(None),
            DownloadToken.expires_at > now,
        )
        .values(used_at=now)
        .returning(DownloadToken.member_id, DownloadToken.document)
    )
    row = used.first()
    if row is None:
        raise DomainError("error-download-invalid")
    return row.member_id, dict(row.document)
