"""``chibo committee …`` and ``chibo cell …``: the organisation and its meeting rules."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli_common import current_moment, in_session, out, report, settings
from config.settings import Settings
from domain.audit import OPERATOR
from domain.cells import (
    DEFAULT_REMINDER_OFFSETS,
    CellOverview,
    MeetingRule,
    cell_overview,
    create_cell,
    create_committee,
    list_cells,
    list_committees,
    parse_meeting_time,
)
from domain.errors import DomainError
from domain.units import (
    CellNames,
    CommitteeNames,
    cell_names,
    committee_names,
    committee_names_of,
    update_cell_names,
    update_committee,
)
from domain.vocabulary import ShiftRule
from locales import t

NEXT_MEETINGS = 3
SHIFT_TEXT = {
    ShiftRule.NEXT_WORKING_DAY: "cli-shift-next-working-day",
    ShiftRule.NONE: "cli-shift-none",
}

committee_app = typer.Typer(help=t("cli-help-committee"), no_args_is_help=True)
cell_app = typer.Typer(help=t("cli-help-cell"), no_args_is_help=True)


BodyOption = Annotated[str | None, typer.Option("--body", help=t("cli-help-opt-body"))]
UpperOption = Annotated[
    str | None, typer.Option("--upper-unit", help=t("cli-help-opt-committee-upper-unit"))
]
SymbolOption = Annotated[str | None, typer.Option("--symbol", help=t("cli-help-opt-symbol"))]
LocalityOption = Annotated[str | None, typer.Option("--locality", help=t("cli-help-opt-locality"))]


@committee_app.command("create", help=t("cli-help-committee-create"))
def committee_create(
    name: Annotated[str, typer.Argument(help=t("cli-help-arg-committee-name"))],
    body: BodyOption = None,
    upper_unit: UpperOption = None,
    symbol: SymbolOption = None,
    locality: LocalityOption = None,
) -> None:
    async def work(session: AsyncSession) -> CommitteeNames:
        committee = await create_committee(
            session,
            OPERATOR,
            name,
            executive_name=body,
            upper_unit=upper_unit or "",
            symbol=symbol,
            locality=locality or "",
        )
        return committee_names_of(committee)

    committee = in_session(work, write=True)
    out().print(
        t(
            "cli-committee-created",
            id=committee.id,
            name=committee.name,
            body=committee.executive_name,
        ),
        markup=False,
    )
    _print_committee(committee)


@committee_app.command("update", help=t("cli-help-committee-update"))
def committee_update(
    committee_id: Annotated[int, typer.Argument(help=t("cli-help-arg-committee-id"))],
    name: Annotated[str | None, typer.Option("--name", help=t("cli-help-opt-organisation"))] = None,
    body: BodyOption = None,
    upper_unit: UpperOption = None,
    symbol: SymbolOption = None,
    locality: LocalityOption = None,
) -> None:
    async def work(session: AsyncSession) -> CommitteeNames:
        return await update_committee(
            session,
            OPERATOR,
            committee_id,
            name=name,
            executive_name=body,
            upper_unit=upper_unit,
            symbol=symbol,
            locality=locality,
        )

    committee = in_session(work, write=True)
    out().print(t("cli-committee-updated", name=committee.name), markup=False)
    _print_committee(committee)


@committee_app.command("show", help=t("cli-help-committee-show"))
def committee_show(
    committee_id: Annotated[int, typer.Argument(help=t("cli-help-arg-committee-id"))],
) -> None:
    async def work(session: AsyncSession) -> CommitteeNames:
        return await committee_names(session, OPERATOR, committee_id)

    _print_committee(in_session(work))


def _print_committee(committee: CommitteeNames) -> None:
    unset = t("cli-value-unset")
    table = Table(show_header=False, title=committee.name)
    table.add_row(t("cli-col-id"), str(committee.id))
    table.add_row(t("cli-col-organisation"), committee.name)
    table.add_row(t("cli-col-executive"), committee.executive_name)
    table.add_row(t("cli-col-upper-unit"), committee.upper_unit or unset)
    table.add_row(t("cli-col-symbol"), committee.symbol)
    table.add_row(t("cli-col-locality"), committee.locality or unset)
    out().print(table)


@committee_app.command("list", help=t("cli-help-committee-list"))
def committee_list() -> None:
    committees = in_session(list_committees)
    if not committees:
        out().print(t("cli-committees-none"), markup=False)
        return
    table = Table(
        t("cli-col-id"), t("cli-col-organisation"), t("cli-col-executive"), t("cli-col-cells")
    )
    for committee in committees:
        table.add_row(
            str(committee.id), committee.name, committee.executive_name, str(committee.cells)
        )
    out().print(table)


@cell_app.command("create", help=t("cli-help-cell-create"))
def cell_create(
    name: Annotated[str, typer.Argument(help=t("cli-help-arg-cell-name"))],
    day: Annotated[int, typer.Option("--day", help=t("cli-help-opt-day"))],
    at: Annotated[str, typer.Option("--time", help=t("cli-help-opt-time"))],
    place: Annotated[str, typer.Option("--place", help=t("cli-help-opt-place"))],
    committee: Annotated[
        int | None, typer.Option("--committee", help=t("cli-help-opt-committee"))
    ] = None,
    no_shift: Annotated[bool, typer.Option("--no-shift", help=t("cli-help-opt-no-shift"))] = False,
    remind: Annotated[
        list[int] | None, typer.Option("--remind", help=t("cli-help-opt-remind"))
    ] = None,
    locality: Annotated[str, typer.Option("--locality", help=t("cli-help-opt-cell-locality"))] = "",
    upper_unit: Annotated[
        str, typer.Option("--upper-unit", help=t("cli-help-opt-cell-upper-unit"))
    ] = "",
) -> None:
    config = settings()
    try:
        rule = MeetingRule(
            day=day,
            at=parse_meeting_time(at),
            place=place,
            shift_rule=ShiftRule.NONE if no_shift else ShiftRule.NEXT_WORKING_DAY,
            reminder_offsets=tuple(remind) if remind else DEFAULT_REMINDER_OFFSETS,
        )
    except DomainError as error:
        report(error)

    async def work(session: AsyncSession) -> CellOverview:
        cell = await create_cell(
            session,
            OPERATOR,
            name=name,
            rule=rule,
            committee_id=committee,
            locality=locality,
            upper_unit=upper_unit,
        )
        return await cell_overview(session, cell.id)

    cell = in_session(work, config, write=True)
    out().print(t("cli-cell-created", id=cell.id, name=cell.name), markup=False)
    out().print(_rule_line(cell), markup=False)


@cell_app.command("update", help=t("cli-help-cell-update"))
def cell_update(
    cell_id: Annotated[int, typer.Argument(help=t("cli-help-arg-cell-id"))],
    locality: Annotated[
        str | None, typer.Option("--locality", help=t("cli-help-opt-cell-locality"))
    ] = None,
    upper_unit: Annotated[
        str | None, typer.Option("--upper-unit", help=t("cli-help-opt-cell-upper-unit"))
    ] = None,
) -> None:
    async def work(session: AsyncSession) -> CellNames:
        return await update_cell_names(
            session, OPERATOR, cell_id, locality=locality, upper_unit=upper_unit
        )

    names = in_session(work, write=True)
    out().print(t("cli-cell-updated", name=names.name), markup=False)
    table = Table(show_header=False, title=names.name)
    _heading_rows(table, names)
    out().print(table)


def _heading_rows(table: Table, names: CellNames) -> None:
    """The cell's heading lines; an empty one shows what documents print instead."""
    unset = t("cli-value-unset")
    upper = names.upper_unit or (
        t("cli-value-inherited", value=names.committee_name) if names.committee_name else unset
    )
    locality = names.locality or (
        t("cli-value-inherited", value=names.committee_locality)
        if names.committee_locality
        else unset
    )
    table.add_row(t("cli-col-upper-unit"), upper)
    table.add_row(t("cli-col-locality"), locality)


@cell_app.command("list", help=t("cli-help-cell-list"))
def cell_list() -> None:
    cells = in_session(list_cells)
    if not cells:
        out().print(t("cli-cells-none"), markup=False)
        return
    table = Table(
        t("cli-col-id"),
        t("cli-col-cell"),
        t("cli-col-committee"),
        t("cli-col-meeting"),
        t("cli-col-place"),
        t("cli-col-active"),
        t("cli-col-pending"),
        title=t("cli-cells-title"),
    )
    for cell in cells:
        table.add_row(
            str(cell.id),
            cell.name,
            cell.committee_name or "—",
            t("cli-meeting-when", day=cell.rule.day, time=cell.rule.at.strftime("%H:%M")),
            cell.rule.place,
            str(cell.active),
            str(cell.pending),
        )
    out().print(table)


@cell_app.command("show", help=t("cli-help-cell-show"))
def cell_show(cell_id: Annotated[int, typer.Argument(help=t("cli-help-arg-cell-id"))]) -> None:
    config = settings()

    async def work(session: AsyncSession) -> tuple[CellOverview, CellNames, list[datetime]]:
        cell = await cell_overview(session, cell_id)
        names = await cell_names(session, OPERATOR, cell_id)
        return cell, names, await _next_meetings(session, cell_id, config)

    cell, names, meetings = in_session(work, config, write=True)
    table = Table(show_header=False, title=cell.name)
    table.add_row(t("cli-col-id"), str(cell.id))
    table.add_row(t("cli-col-committee"), cell.committee_name or "—")
    _heading_rows(table, names)
    table.add_row(t("cli-col-meeting"), _rule_line(cell))
    table.add_row(t("cli-col-shift"), t(SHIFT_TEXT[cell.rule.shift_rule]))
    reminders = ", ".join(str(days) for days in cell.rule.reminder_offsets) or "—"
    table.add_row(t("cli-col-reminders"), t("cli-reminders-days", days=reminders))
    table.add_row(t("cli-col-active"), str(cell.active))
    table.add_row(t("cli-col-probationary"), str(cell.probationary))
    table.add_row(t("cli-col-pending"), str(cell.pending))
    for moment in meetings:
        table.add_row(t("cli-col-next-meeting"), moment.strftime("%d/%m/%Y %H:%M"))
    out().print(table)


async def _next_meetings(session: AsyncSession, cell_id: int, config: Settings) -> list[datetime]:
    """Local start times of the next meetings, when the meeting calendar is installed."""
    try:
        from domain.calendar import next_meetings
    except ImportError:
        return []
    views = await next_meetings(session, cell_id, current_moment(config), NEXT_MEETINGS)
    return [view.local_start for view in views]


def _rule_line(cell: CellOverview) -> str:
    return t(
        "cli-meeting-rule",
        day=cell.rule.day,
        time=cell.rule.at.strftime("%H:%M"),
        place=cell.rule.place,
    )
