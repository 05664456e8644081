"""``chibo invite …`` and ``chibo member …``: bringing members in and listing them."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli_common import (
    EXIT_CONFIG,
    current_moment,
    execute,
    fail,
    in_session,
    local_text,
    out,
    report,
    settings,
)
from dialogs.links import deep_link
from domain.audit import OPERATOR
from domain.cells import get_cell
from domain.errors import DomainError
from domain.importing import import_members, parse_member_file
from domain.invites import create_invite, qr_png
from domain.members import (
    MemberListing,
    approve_member,
    list_members,
    mark_left,
    transfer_member,
)
from domain.personal_data import anonymise_member, my_data
from domain.vocabulary import MemberStatus, PartyStatus, Role
from locales import t

ROLE_TEXT = {
    Role.MEMBER: "cli-role-member",
    Role.DEPUTY: "cli-role-deputy",
    Role.SECRETARY: "cli-role-secretary",
    Role.COMMITTEE: "cli-role-committee",
}
PARTY_STATUS_TEXT = {
    PartyStatus.OFFICIAL: "cli-party-official",
    PartyStatus.PROBATIONARY: "cli-party-probationary",
}
STATUS_TEXT = {
    MemberStatus.ACTIVE: "cli-status-active",
    MemberStatus.PENDING: "cli-status-pending",
    MemberStatus.REFUSED: "cli-status-refused",
    MemberStatus.LEFT: "cli-status-left",
}
QR_DIR = Path("data")


class InviteRole(enum.StrEnum):
    member = "member"
    deputy = "deputy"
    secretary = "secretary"


invite_app = typer.Typer(help=t("cli-help-invite"), no_args_is_help=True)
member_app = typer.Typer(help=t("cli-help-member"), no_args_is_help=True)


@dataclass(frozen=True)
class CreatedInvite:
    code: str
    cell_name: str
    role: Role
    uses: int
    expires_at: datetime
    needs_approval: bool


@invite_app.command("create", help=t("cli-help-invite-create"))
def invite_create(
    cell: Annotated[int, typer.Option("--cell", help=t("cli-help-opt-cell"))],
    role: Annotated[InviteRole, typer.Option("--role", help=t("cli-help-opt-role"))] = (
        InviteRole.member
    ),
    uses: Annotated[int, typer.Option("--uses", help=t("cli-help-opt-uses"))] = 1,
    days: Annotated[int, typer.Option("--days", help=t("cli-help-opt-days"))] = 7,
    approval: Annotated[bool, typer.Option("--approval", help=t("cli-help-opt-approval"))] = False,
    qr: Annotated[Path | None, typer.Option("--qr", help=t("cli-help-opt-qr"))] = None,
    bot_username: Annotated[
        str | None, typer.Option("--bot-username", help=t("cli-help-opt-bot-username"))
    ] = None,
) -> None:
    config = settings()

    async def work(session: AsyncSession) -> CreatedInvite:
        invite = await create_invite(
            session,
            OPERATOR,
            cell_id=cell,
            now=current_moment(),
            role=Role(role.value),
            uses=uses,
            days=days,
            needs_approval=approval,
        )
        target = await get_cell(session, cell)
        return CreatedInvite(
            invite.code, target.name, invite.role, uses, invite.expires_at, approval
        )

    invite = in_session(work, config, write=True)
    username = bot_username or config.bot_username
    link = deep_link(username, invite.code) if username else None
    path = qr or QR_DIR / f"invite-{invite.code}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    # Without the bot's username the QR code can only carry the code, to be typed in the chat.
    path.write_bytes(qr_png(link or invite.code))

    table = Table(show_header=False, title=t("cli-invite-title"))
    table.add_row(t("cli-col-code"), invite.code)
    table.add_row(t("cli-col-cell"), invite.cell_name)
    table.add_row(t("cli-col-role"), t(ROLE_TEXT[invite.role]))
    table.add_row(t("cli-col-uses"), str(invite.uses))
    table.add_row(t("cli-col-expires"), local_text(invite.expires_at, config))
    table.add_row(t("cli-col-approval"), t("cli-yes") if invite.needs_approval else t("cli-no"))
    table.add_row(t("cli-col-link"), link or t("cli-invite-no-username"))
    table.add_row(t("cli-col-qr"), str(path))
    out().print(table)


@member_app.command("import", help=t("cli-help-member-import"))
def member_import(
    file: Annotated[Path, typer.Argument(help=t("cli-help-arg-file"))],
    cell: Annotated[int, typer.Option("--cell", help=t("cli-help-opt-cell"))],
) -> None:
    config = settings()
    try:
        data = file.read_bytes()
    except OSError as error:
        fail(t("cli-file-unreadable", path=str(file), reason=error.strerror or str(error)))
    try:
        rows = parse_member_file(data, file.name)
    except DomainError as error:
        report(error)

    async def work(db: async_sessionmaker[AsyncSession]) -> tuple[int, str]:
        with Progress(
            TextColumn(t("cli-import-progress")),
            BarColumn(),
            MofNCompleteColumn(),
            console=out(),
        ) as progress:
            task = progress.add_task("import", total=len(rows))
            async with db() as session, session.begin():
                target = await get_cell(session, cell)
                members = await import_members(
                    session,
                    OPERATOR,
                    cell,
                    rows,
                    current_moment(),
                    on_progress=lambda done, _total: progress.update(task, completed=done),
                )
                return len(members), target.name

    count, cell_name = execute(work, config)
    out().print(t("cli-member-imported", count=count, cell=cell_name), markup=False)


@member_app.command("list", help=t("cli-help-member-list"))
def member_list(
    cell: Annotated[int | None, typer.Option("--cell", help=t("cli-help-opt-cell-filter"))] = None,
    everyone: Annotated[bool, typer.Option("--all", help=t("cli-help-opt-all"))] = False,
) -> None:
    async def work(session: AsyncSession) -> list[MemberListing]:
        return await list_members(session, OPERATOR, cell, include_former=everyone)

    members = in_session(work)
    if not members:
        out().print(t("cli-members-none"), markup=False)
        return
    columns = [t("cli-col-id"), t("cli-col-name"), t("cli-col-role"), t("cli-col-party")]
    columns += [t("cli-col-status"), t("cli-col-telegram"), t("cli-col-phone")]
    if cell is None:
        columns.append(t("cli-col-cell"))
    table = Table(*columns, title=t("cli-members-title", count=len(members)))
    for member in members:
        row = [
            str(member.id),
            member.full_name,
            t(ROLE_TEXT[member.role]),
            t(PARTY_STATUS_TEXT[member.party_status]),
            t(STATUS_TEXT[member.status]),
            _telegram_text(member),
            member.phone or "—",
        ]
        if cell is None:
            row.append(member.cell_name or "—")
        table.add_row(*row)
    out().print(table)


@member_app.command("approve", help=t("cli-help-member-approve"))
def member_approve(
    member_id: Annotated[int, typer.Argument(help=t("cli-help-arg-member-id"))],
) -> None:
    async def work(session: AsyncSession) -> str:
        member = await approve_member(session, OPERATOR, member_id, current_moment())
        return member.full_name

    out().print(t("cli-member-approved", name=in_session(work, write=True)), markup=False)


@member_app.command("left", help=t("cli-help-member-left"))
def member_left(
    member_id: Annotated[int, typer.Argument(help=t("cli-help-arg-member-id"))],
) -> None:
    async def work(session: AsyncSession) -> str:
        member = await mark_left(session, OPERATOR, member_id, current_moment())
        return member.full_name

    out().print(t("cli-member-left", name=in_session(work, write=True)), markup=False)


@member_app.command("transfer", help=t("cli-help-member-transfer"))
def member_transfer(
    member_id: Annotated[int, typer.Argument(help=t("cli-help-arg-member-id"))],
    to: Annotated[int, typer.Option("--to", help=t("cli-help-opt-to-cell"))],
) -> None:
    async def work(session: AsyncSession) -> tuple[str, str]:
        member = await transfer_member(session, OPERATOR, member_id, to, current_moment())
        return member.full_name, (await get_cell(session, to)).name

    name, cell_name = in_session(work, write=True)
    out().print(t("cli-member-transferred", name=name, cell=cell_name), markup=False)


@member_app.command("data", help=t("cli-help-member-data"))
def member_data(
    member_id: Annotated[int, typer.Argument(help=t("cli-help-arg-member-id"))],
    to: Annotated[Path | None, typer.Option("--out", help=t("cli-help-opt-data-out"))] = None,
) -> None:
    async def work(session: AsyncSession) -> tuple[str, bytes]:
        file = await my_data(session, OPERATOR, member_id, current_moment())
        return file.filename, file.content

    filename, content = in_session(work, write=True)
    path = to or QR_DIR / filename
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as error:
        fail(t("cli-file-unwritable", path=str(path), reason=error.strerror or str(error)))
    out().print(t("cli-member-data-written", path=str(path)), markup=False)


@member_app.command("anonymise", help=t("cli-help-member-anonymise"))
def member_anonymise(
    member_id: Annotated[int, typer.Argument(help=t("cli-help-arg-member-id"))],
    yes: Annotated[bool, typer.Option("--yes", help=t("cli-help-opt-anonymise-yes"))] = False,
) -> None:
    if not yes:
        fail(t("cli-member-anonymise-needs-yes", member_id=member_id), EXIT_CONFIG)

    async def work(session: AsyncSession) -> str:
        member = await anonymise_member(session, OPERATOR, member_id, current_moment())
        return member.full_name

    out().print(
        t("cli-member-anonymised", member_id=member_id, label=in_session(work, write=True)),
        markup=False,
    )


def _telegram_text(member: MemberListing) -> str:
    if not member.linked:
        return t("cli-telegram-not-linked")
    return t("cli-telegram-linked") if member.reachable else t("cli-telegram-blocked")
