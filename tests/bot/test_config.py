"""Configuration: defaults, and one clear line per bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import ConfigError, load_settings


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


def test_clock_start_sets_the_moment_in_local_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    monkeypatch.setenv("CHIBO_CLOCK_START", "2027-03-04T16:05:00+07:00")
    settings = load_settings()
    start = datetime(2027, 3, 4, 9, 5, tzinfo=UTC)
    now = settings.clock().now()
    # It starts there and runs on (a busy machine may take a while between the two lines).
    assert start <= now < datetime(2027, 3, 4, 10, 5, tzinfo=UTC)
    assert load_settings().clock_start == start


def test_clock_start_is_allowed_against_a_stand_in_on_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CHIBO_CLOCK_START", "2027-03-04T16:05:00+07:00")
    monkeypatch.setenv("CHIBO_BOT_TOKEN", "123456789:" + "A" * 35)
    monkeypatch.setenv("CHIBO_TELEGRAM_API_URL", "http://127.0.0.1:8081")
    assert load_settings().clock_start is not None


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        # A real bot on the real Telegram: never at a made-up moment.
        ({"CHIBO_BOT_TOKEN": "123456789:" + "A" * 35}, "chạy thử trên máy"),
        (
            {
                "CHIBO_BOT_TOKEN": "123456789:" + "A" * 35,
                "CHIBO_TELEGRAM_API_URL": "https://telegram.example.org",
            },
            "chạy thử trên máy",
        ),
        # Local Telegram but the real Zalo.
        ({"CHIBO_ZALO_BOT_TOKEN": "zalo-real-token"}, "chạy thử trên máy"),
    ],
)
def test_clock_start_is_refused_when_talking_to_a_real_platform(
    monkeypatch: pytest.MonkeyPatch, extra: dict[str, str], words: str
) -> None:
    monkeypatch.setenv("CHIBO_CLOCK_START", "2027-03-04T16:05:00+07:00")
    for name, value in extra.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith("CHIBO_CLOCK_START: ")
    assert words in str(caught.value)


def test_clock_start_needs_an_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIBO_CLOCK_START", "2027-03-04T16:05:00")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith("CHIBO_CLOCK_START: ")
    assert "múi giờ" in str(caught.value)


def test_without_clock_start_the_machine_clock_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from domain.clock import SystemClock

    assert isinstance(load_settings().clock(), SystemClock)
