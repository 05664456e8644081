"""The ``chibo`` command line: run the bot, migrate, and manage cells, years, invites, members.

Every command except ``run`` and ``migrate`` applies pending migrations itself before
its work, so an operator never meets a half-made database; all texts come from
``locales/vi/cli.ftl``.
"""

from __future__ import annotations

import asyncio
import enum
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli_backup import backup, restore
from bot.cli_cells import cell_app, committee_app
from bot.cli_common import execute, guarded, out, safe_url, settings
from bot.cli_members import invite_app, member_app
from bot.cli_outbox import outbox_app
from bot.cli_years import year_app
from locales import t
from storage.db import create_engine
from storage.migrate import current_revision, upgrade


class Part(enum.StrEnum):
    bot = "bot"
    scheduler = "scheduler"
    delivery = "delivery"
    zalo = "zalo"
    webview = "webview"


app = typer.Typer(
    name="chibo",
    help=t("cli-help"),
    no_args_is_help=True,
    add_completion=False,
    # Locals in a traceback could print the bot token.
    pretty_exceptions_show_locals=False,
)
demo_app = typer.Typer(help=t("cli-help-demo"), no_args_is_help=True)
app.add_typer(committee_app, name="committee")
app.add_typer(cell_app, name="cell")
app.add_typer(year_app, name="year")
app.add_typer(invite_app, name="invite")
app.add_typer(member_app, name="member")
app.add_typer(demo_app, name="demo")
app.command("backup", help=t("cli-help-backup"))(backup)
app.command("restore", help=t("cli-help-restore"))(restore)
app.add_typer(outbox_app, name="outbox")


@app.command("run", help=t("cli-help-run"))
def run(
    only: Annotated[Part | None, typer.Option("--only", help=t("cli-help-opt-only"))] = None,
    webhook: Annotated[bool, typer.Option("--webhook", help=t("cli-help-opt-webhook"))] = False,
) -> None:
    config = settings()
    from bot.app import run as run_app  # aiogram loads only when the bot really runs

    asyncio.run(run_app(config, only=only.value if only else None, webhook=webhook))


@app.command("migrate", help=t("cli-help-migrate"))
def migrate() -> None:
    config = settings()

    async def main() -> str | None:
        engine = create_engine(config.database_url)
        try:
            await upgrade(engine)
            return await current_revision(engine)
        finally:
            await engine.dispose()

    revision = guarded(main, config)
    out().print(
        t("cli-migrated", revision=revision or "—", url=safe_url(config.database_url)),
        markup=False,
    )


@demo_app.command("seed", help=t("cli-help-demo-seed"))
def demo_seed() -> None:
    from domain.demo import seed_demo

    config = settings()

    async def work(db: async_sessionmaker[AsyncSession]) -> str:
        result = await seed_demo(db, today=config.clock().now().astimezone(config.tz).date())
        return t(result.msg_id, **result.msg_args)

    out().print(execute(work, config), markup=False)


if __name__ == "__main__":
    app()
