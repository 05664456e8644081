"""Configuration: defaults, and one clear line per bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_mean_local_mode_on_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHIBO_DATABASE_URL")
    settings = load_settings()
    assert settings.local_mode
    assert settings.database_url == "sqlite+aiosqlite:///./data/chibo.db"
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    assert settings.log_level == "INFO"
    assert settings.redis_url is None


def test_environment_and_dotenv_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("CHIBO_LOG_LEVEL=debug\nCHIBO_TIMEZONE=Asia/Bangkok\n")
    monkeypatch.setenv("CHIBO_BOT_TOKEN", "123456789:" + "A" * 35)
    monkeypatch.setenv("CHIBO_TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    settings = load_settings()
    assert settings.log_level == "DEBUG"
    assert settings.timezone == "Asia/Bangkok"
    assert not settings.local_mode
    assert settings.telegram_api_url == "http://127.0.0.1:8081"
    assert "AAAA" not in repr(settings)


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("CHIBO_DATABASE_URL", "mysql://localhost/chibo", "mysql"),
        ("CHIBO_DATABASE_URL", "postgresql://localhost/chibo", "postgresql+asyncpg"),
        ("CHIBO_TIMEZONE", "Mars/Olympus", "Mars/Olympus"),
        ("CHIBO_BOT_TOKEN", "not-a-token", "mã bot"),
        ("CHIBO_TELEGRAM_API_URL", "ftp://example.org", "http://"),
        ("CHIBO_REDIS_URL", "http://localhost", "redis://"),
        ("CHIBO_LOG_LEVEL", "LOUD", "INFO"),
        ("CHIBO_WEBHOOK_PORT", "seventy", "không hợp lệ"),
        ("CHIBO_QUIET_HOURS", "9pm-7am", "21:00-07:00"),
        ("CHIBO_QUIET_HOURS", "25:00-07:00", "giờ:phút"),
        ("CHIBO_DELIVERY_RATE", "0", "không hợp lệ"),
    ],
)
def test_bad_value_names_the_variable_in_one_line(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, words: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(f"{variable}: ")
    assert words in message
    assert "\n" not in message


def test_reminder_settings_reach_the_reminder_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import time, timedelta

    from scheduler.runtime import reminder_policy

    default = reminder_policy(load_settings())
    assert (default.quiet_start, default.quiet_end) == (time(21, 0), time(7, 0))
    monkeypatch.setenv("CHIBO_QUIET_HOURS", "22:30 - 06:00")
    monkeypatch.setenv("CHIBO_REMINDER_GRACE_HOURS", "12")
    policy = reminder_policy(load_settings())
    assert (policy.quiet_start, policy.quiet_end) == (time(22, 30), time(6, 0))
    assert policy.grace == timedelta(hours=12)
