"""Configuration from ``CHIBO_*`` environment variables (and a ``.env`` file)."""

from __future__ import annotations

import re
from datetime import datetime, time
from ipaddress import ip_address
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from domain.clock import DEFAULT_TZ, Clock, RunningClock, SystemClock
from locales import t

TELEGRAM_API_URL = "https://api.telegram.org"
ZALO_API_URL = "https://bot-api.zaloplatforms.com"
TOKEN_PATTERN = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,64}$")
DATABASE_BACKENDS = {"sqlite+aiosqlite", "postgresql+asyncpg"}
QUIET_HOURS_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d\s*-\s*([01]\d|2[0-3]):[0-5]\d$")
# In the context of an error raised for the settings as a whole: the variable it is about.
FIELD = "field"
LOG_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^/\s]+", value):
        raise PydanticCustomError("config-not-http-url", "not an http(s) URL")
    return value.rstrip("/")


HttpUrl = Annotated[str, AfterValidator(_http_url)]


def _loopback(url: object) -> bool:
    """Whether ``url`` names this machine (the local stand-in), never a real platform."""
    host = urlsplit(str(url or "")).hostname or ""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CHIBO_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    bot_token: SecretStr | None = None
    telegram_api_url: HttpUrl = TELEGRAM_API_URL
    database_url: str = "sqlite+aiosqlite:///./data/chibo.db"
    redis_url: str | None = None
    # Used in invite links (https://t.me/<username>?start=<code>); read from getMe when unset.
    bot_username: str | None = None
    timezone: str = DEFAULT_TZ.key
    log_level: str = "INFO"
    # Webhook mode (``chibo run --webhook``): where Telegram posts, and the secret it sends.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # Local mode (no token): where the embedded Telegram stand-in listens.
    # Reminders wait out the quiet hours (local time, "HH:MM-HH:MM"); one that fell due
    # while chibo was down is still sent within the grace period, otherwise dropped.
    quiet_hours: str = "21:00-07:00"
    reminder_grace_hours: float = Field(default=3, ge=0, le=72)
    # Messages per second the delivery worker sends at most (Telegram allows about 30).
    delivery_rate: float = Field(default=30, gt=0, le=1000)
    # Updates the bot handles at once; the rest wait in Telegram's queue rather than for one
    # of the database pool's 15 connections (a wait there ends in a "try again" after 30 s).
    bot_concurrency: int = Field(default=8, ge=1, le=1000)

    emulator_host: str = "127.0.0.1"
    emulator_port: int = Field(default=8081, ge=0, le=65535)
    # Zalo's bot platform: on when a token is set (and in local mode, against the stand-in).
    zalo_bot_token: SecretStr | None = None
    zalo_api_url: HttpUrl = ZALO_API_URL
    # Required with ``--webhook``: Zalo sends it in ``X-Bot-Api-Secret-Token``.
    zalo_webhook_secret: SecretStr | None = None
    # The bot's own HTTP endpoint for Zalo: webhook and one-time file links.
    zalo_http_host: str = "127.0.0.1"
    zalo_http_port: int = Field(default=8082, ge=0, le=65535)
    # How the world reaches that endpoint (https://…); http://host:port when unset, which
    # only a local stand-in accepts: with the real platform it must be a public https URL.
    zalo_public_url: HttpUrl | None = None
    # The Mini App of secretaries and committees (``webview/``): where its HTTP server
    # listens, and the public https URL Telegram opens (no button in the menus without one,
    # except in local mode, where the chat page opens http://host:port/webview/).
    webview_host: str = "127.0.0.1"
    webview_port: int = Field(default=8083, ge=0, le=65535)
    webview_public_url: HttpUrl | None = None
    # Tests and demonstrations only: the moment (ISO 8601 with an offset) at which this
    # process's clock starts; it then runs on. Refused when chibo talks to a real platform.
    clock_start: datetime | None = None

    @field_validator("bot_token")
    @classmethod
    def _token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not TOKEN_PATTERN.match(value.get_secret_value()):
            raise PydanticCustomError("config-bad-token", "not a Telegram bot token")
        return value

    @field_validator("zalo_bot_token", "zalo_webhook_secret")
    @classmethod
    def _zalo_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if re.search(r"\s", value.get_secret_value()):
            raise PydanticCustomError("config-bad-zalo-secret", "contains blanks")
        return value

    @field_validator("database_url")
    @classmethod
    def _database(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            raise PydanticCustomError("config-bad-database-url", "not a database URL") from None
        if url.drivername not in DATABASE_BACKENDS:
            raise PydanticCustomError(
                "config-unknown-database-scheme",
                "unsupported database scheme",
                {"scheme": url.drivername, "supported": ", ".join(sorted(DATABASE_BACKENDS))},
            )
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not re.match(r"^rediss?://", value):
            raise PydanticCustomError("config-bad-redis-url", "not a redis URL")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError(
                "config-unknown-timezone", "unknown time zone", {"zone": value}
            ) from None
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str) -> str:
        match = QUIET_HOURS_PATTERN.match(value.strip())
        if not match:
            raise PydanticCustomError("config-bad-quiet-hours", "not HH:MM-HH:MM")
        return value.strip()

    @property
    def quiet_span(self) -> tuple[time, time]:
        start, end = self.quiet_hours.split("-")
        return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.upper()
        if level not in LOG_LEVELS:
            raise PydanticCustomError(
                "config-bad-log-level",
                "unknown log level",
                {"levels": ", ".join(sorted(LOG_LEVELS))},
            )
        return level

    @field_validator("clock_start")
    @classmethod
    def _clock_start(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise PydanticCustomError("config-clock-start-no-offset", "no UTC offset")
        data = info.data
        telegram = data.get("bot_token") is None or _loopback(data.get("telegram_api_url"))
        zalo = data.get("zalo_bot_token") is None or _loopback(data.get("zalo_api_url"))
        if not (telegram and zalo):
            raise PydanticCustomError("config-clock-start-not-local", "only in local mode")
        return value

    @model_validator(mode="after")
    def _zalo_public_url(self) -> Settings:
        """With the real Zalo platform: the webhook Zalo posts to and the file links
        members open must be public https addresses, never this machine's."""
        if self.zalo_bot_token is None or _loopback(self.zalo_api_url):
            return self  # Zalo off, or the local stand-in
        where = {FIELD: "zalo_public_url"}
        url = self.zalo_public_url
        if url is None:
            raise PydanticCustomError("config-zalo-public-url-needed", "required", where)
        if not url.startswith("https://") or _loopback(url):
            raise PydanticCustomError("config-zalo-public-url-not-public", "not https", where)
        return self

    def clock(self) -> Clock:
        """The process's clock: the machine's, or one started at ``CHIBO_CLOCK_START``."""
        if self.clock_start:
            return RunningClock(self.clock_start, tz=self.tz)
        return SystemClock(self.tz)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def local_mode(self) -> bool:
        return self.bot_token is None


class ConfigError(Exception):
    """A configuration value is wrong; the message is one line naming the variable."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        context = dict(error.get("ctx", {}))
        field = str(error["loc"][0]) if error["loc"] else str(context.pop(FIELD, ""))
        if error["type"].startswith("config-"):
            message = t(error["type"], **context)
        else:
            message = t("config-invalid-value", detail=str(error["msg"]))
        raise ConfigError(f"CHIBO_{field.upper()}: {message}") from None
