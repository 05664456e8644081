"""``chibo`` itself: Vietnamese help, configuration errors, migrate, run and demo seed."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.script import ScriptDirectory

import bot.app
from locales import t
from storage.migrate import alembic_config

from .conftest import Invoke


def test_help_is_in_vietnamese(chibo: Invoke) -> None:
    top = chibo("--help")
    assert top.exit_code == 0
    assert "trợ lý Telegram của chi bộ" in top.stdout
    for command in ("run", "migrate", "cell", "invite", "member", "demo"):
        assert command in top.stdout
    create = chibo("cell", "create", "--help")
    assert "Ngày sinh hoạt trong tháng, từ 1 đến 31." in create.stdout
    invite = chibo("invite", "create", "--help")
    assert "Số người có thể dùng mã này." in invite.stdout
    assert chibo("member", "--help").exit_code == 0


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CHIBO_TIMEZONE", "Mars/Base"),
        ("CHIBO_DATABASE_URL", "mysql://localhost/chibo"),
        ("CHIBO_BOT_TOKEN", "not-a-token"),
    ],
)
@pytest.mark.parametrize("command", [("cell", "list"), ("migrate",), ("run",)])
def test_bad_configuration_is_one_line_and_exit_2(
    chibo: Invoke, variable: str, value: str, command: tuple[str, ...]
) -> None:
    result = chibo(*command, env={variable: value})
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{variable}: ")
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_migrate_reports_the_head_revision(chibo: Invoke) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head
    for _ in range(2):  # a second run finds nothing to do and says the same
        result = chibo("migrate")
        assert result.exit_code == 0, result.output
        assert head in result.stdout


@pytest.mark.parametrize("command", [("cell", "list"), ("migrate",)])
def test_unreachable_database_is_one_line(chibo: Invoke, command: tuple[str, ...]) -> None:
    url = "postgresql+asyncpg://chibo:secret@127.0.0.1:1/chibo"
    result = chibo(*command, env={"CHIBO_DATABASE_URL": url})
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "Không làm việc được với cơ sở dữ liệu postgresql+asyncpg://chibo:***@"
    )
    assert "secret" not in result.output


def test_run_hands_over_to_the_app(chibo: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    async def fake_run(settings: Any, *, only: str | None = None, webhook: bool = False) -> None:
        calls.append({"timezone": settings.timezone, "only": only, "webhook": webhook})

    monkeypatch.setattr(bot.app, "run", fake_run)
    assert chibo("run").exit_code == 0
    assert chibo("run", "--only", "scheduler", "--webhook").exit_code == 0
    assert calls == [
        {"timezone": "Asia/Ho_Chi_Minh", "only": None, "webhook": False},
        {"timezone": "Asia/Ho_Chi_Minh", "only": "scheduler", "webhook": True},
    ]
    assert chibo("run", "--only", "everything").exit_code == 2
    assert len(calls) == 2


def test_demo_seed_once(chibo: Invoke) -> None:
    first = chibo("demo", "seed")
    assert first.exit_code == 0, first.output
    listed = chibo("cell", "list")
    assert "Chi bộ khu phố 3, phường Ngô Quyền" in listed.stdout
    second = chibo("demo", "seed")
    assert second.exit_code == 0, second.output
    assert first.stdout.strip() != t("demo-already-seeded")
    assert second.stdout.strip() == t("demo-already-seeded")
    assert chibo("cell", "list").stdout == listed.stdout
