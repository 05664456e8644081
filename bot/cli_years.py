"""``chibo year …``: a year's setup (chuyên đề năm, plan title, sections) as a TOML file.

``export`` prints what holds for a year and a committee (its own configuration, the
national default or the built-in template); ``import`` stores a file as the configuration
of that year and committee, in one transaction: a bad file or a refused change writes
nothing. The two round-trip.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli_common import current_moment, fail, in_session, out, report, settings
from domain.audit import OPERATOR
from domain.errors import DomainError
from domain.years import (
    Source,
    YearSetup,
    dump_year_file,
    parse_year_file,
    save_setup,
    template,
    view_setup,
)
from locales import t
from storage.models import Committee

year_app = typer.Typer(help=t("cli-help-year"), no_args_is_help=True)

YearArg = Annotated[int, typer.Argument(help=t("cli-help-arg-year"))]
CommitteeOpt = Annotated[
    int | None, typer.Option("--committee", help=t("cli-help-opt-year-committee"))
]


async def _scope_name(session: AsyncSession, committee_id: int | None) -> str:
    committee = await session.get(Committee, committee_id) if committee_id is not None else None
    if committee is None:
        return t("cli-year-scope-national")
    return committee.name


def _show(committee_id: int | None, year: int) -> tuple[YearSetup, str]:
    async def work(session: AsyncSession) -> tuple[YearSetup, str]:
        setup = await view_setup(session, OPERATOR, year, committee_id)
        return setup, await _scope_name(session, committee_id)

    return in_session(work)


def _day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day is not None else "—"


def _source(setup: YearSetup) -> str:
    if setup.source is Source.TEMPLATE:
        return t("cli-year-source-template", version=str(template()[0]))
    if setup.source is Source.NATIONAL:
        return t("cli-year-source-national")
    return t("cli-year-source-own")


@year_app.command("show", help=t("cli-help-year-show"))
def year_show(year: YearArg, committee: CommitteeOpt = None) -> None:
    setup, scope = _show(committee, year)
    head = Table(show_header=False, title=t("cli-year-title", year=str(year)))
    head.add_row(t("cli-col-scope"), scope)
    head.add_row(t("cli-col-source"), _source(setup))
    head.add_row(
        t("cli-col-plan-title"),
        t("cli-year-plan-title", title=setup.plan_title, year=str(year)),
    )
    head.add_row(t("cli-col-theme"), setup.theme or t("cli-year-no-theme"))
    head.add_row(
        t("cli-col-registration"),
        t("cli-year-window", opens=_day(setup.opens_on), due=_day(setup.due_on)),
    )
    out().print(head)
    sections = Table(t("cli-col-position"), t("cli-col-section"), t("cli-col-plans"))
    for section in setup.sections:
        sections.add_row(str(section.position), section.title, str(section.plans))
    out().print(sections)


@year_app.command("import", help=t("cli-help-year-import"))
def year_import(
    file: Annotated[Path, typer.Argument(help=t("cli-help-arg-year-file"))],
    committee: CommitteeOpt = None,
) -> None:
    config = settings()
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        fail(t("cli-file-unreadable", path=str(file), reason=reason))
    try:
        year, spec = parse_year_file(text)
    except DomainError as error:
        report(error)

    async def work(session: AsyncSession) -> tuple[YearSetup, str]:
        now = current_moment(config)
        setup = await save_setup(session, OPERATOR, year, committee, spec, now)
        return setup, await _scope_name(session, committee)

    setup, scope = in_session(work, config, write=True)
    out().print(
        t("cli-year-saved", year=str(year), scope=scope, sections=len(setup.sections)),
        markup=False,
    )


@year_app.command("export", help=t("cli-help-year-export"))
def year_export(
    year: YearArg,
    committee: CommitteeOpt = None,
    to: Annotated[Path | None, typer.Option("--out", help=t("cli-help-opt-year-out"))] = None,
) -> None:
    setup, scope = _show(committee, year)
    comments = [
        t("cli-year-file-comment-head", year=str(year), scope=scope, source=_source(setup)),
        t("cli-year-file-comment-wording"),
        t("cli-year-file-comment-sections"),
    ]
    text = dump_year_file(year, setup.spec, comments)
    if to is None:
        # Plain text: a console would wrap long lines and break the file.
        typer.echo(text, nl=False)
        return
    try:
        to.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(t("cli-file-unwritable", path=str(to), reason=error.strerror or str(error)))
    out().print(t("cli-year-exported", year=str(year), scope=scope, file=str(to)), markup=False)
