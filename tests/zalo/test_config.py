"""Zalo's settings: off without a token (except in local mode), one clear line when wrong."""

from __future__ import annotations

import pytest

from bot.zalo.runner import zalo_setup
from config.settings import ZALO_API_URL, ConfigError, load_settings


def test_zalo_is_off_with_a_telegram_token_and_no_zalo_token() -> None:
    settings = load_settings(bot_token="123456789:" + "A" * 35)
    assert settings.zalo_api_url == ZALO_API_URL == "https://bot-api.zaloplatforms.com"
    assert zalo_setup(settings) is None


def test_a_zalo_token_turns_it_on_with_its_own_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIBO_ZALO_BOT_TOKEN", "1234567890:zalo-secret-token")
    monkeypatch.setenv("CHIBO_ZALO_API_URL", "http://127.0.0.1:9000/zalo/")
    monkeypatch.setenv("CHIBO_ZALO_PUBLIC_URL", "https://chibo.example.vn/")
    settings = load_settings(bot_token="123456789:" + "A" * 35)
    setup = zalo_setup(settings)
    assert setup is not None
    assert (setup.token, setup.api_url) == (
        "1234567890:zalo-secret-token",
        "http://127.0.0.1:9000/zalo",
    )
    assert setup.download_url("T0K") == "https://chibo.example.vn/zalo/files/T0K"
    assert "zalo-secret-token" not in repr(settings)


def test_local_mode_uses_the_stand_in_and_a_free_port() -> None:
    settings = load_settings()
    first = zalo_setup(settings, "http://127.0.0.1:8081/zalo", "zalo-local-token")
    assert first is not None and first.api_url == "http://127.0.0.1:8081/zalo"
    assert first.http_port > 0  # a free port, picked at start
    assert first.public_url == f"http://127.0.0.1:{first.http_port}"


@pytest.mark.parametrize("variable", ["CHIBO_ZALO_BOT_TOKEN", "CHIBO_ZALO_WEBHOOK_SECRET"])
def test_a_secret_with_blanks_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "abc def")
    with pytest.raises(ConfigError) as error:
        load_settings()
    assert str(error.value).startswith(f"{variable}: không được chứa dấu cách")


def test_a_public_url_must_be_http() -> None:
    with pytest.raises(ConfigError, match="CHIBO_ZALO_PUBLIC_URL"):
        load_settings(zalo_public_url="chibo.example.vn")


REAL_ZALO = {"zalo_bot_token": "1234567890:zalo-secret-token"}


@pytest.mark.parametrize(
    ("public_url", "message"),
    [
        (None, "bắt buộc khi dùng Zalo thật"),
        ("http://chibo.example.vn", "phải là địa chỉ https:// công khai"),
        ("https://127.0.0.1:8082", "không phải 127.0.0.1 hay localhost"),
        ("https://localhost", "không phải 127.0.0.1 hay localhost"),
    ],
)
def test_with_the_real_zalo_the_public_url_must_be_https_and_not_this_machine(
    public_url: str | None, message: str
) -> None:
    # The webhook Zalo posts to and the file links members open: refused at start, one line.
    with pytest.raises(ConfigError) as error:
        load_settings(**REAL_ZALO, zalo_public_url=public_url)
    line = str(error.value)
    assert line.startswith("CHIBO_ZALO_PUBLIC_URL: ") and message in line
    assert "\n" not in line


def test_a_public_https_url_or_a_local_stand_in_is_accepted() -> None:
    settings = load_settings(**REAL_ZALO, zalo_public_url="https://chibo.example.vn/")
    setup = zalo_setup(settings)
    assert setup is not None
    assert setup.download_url("T") == "https://chibo.example.vn/zalo/files/T"
    # Against a stand-in on this machine, links to this machine are what works.
    local = load_settings(**REAL_ZALO, zalo_api_url="http://127.0.0.1:8081/zalo")
    setup = zalo_setup(local)
    assert setup is not None and setup.public_url.startswith("http://127.0.0.1:")
